package lodestone.border.origin;

import lodestone.border.Assessment;
import lodestone.border.Assessor;
import lodestone.border.Entry;
import lodestone.border.EntryRejected;
import lodestone.regime.Regime;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A bill of materials given with an entry line, through the assessor every face uses: never silently ignored. */
class BillOnTheLineTest {
    static Assessor assessor;

    static Path root() {
        String r = System.getProperty("lodestone.root");
        return r != null ? Path.of(r) : Path.of("..");
    }

    @BeforeAll
    static void load() {
        assessor = PreferenceOriginVerifier.assessorFor(Regime.load(root().resolve("data/regime")));
    }

    static Entry antimonyFromGuatemala(String preference, String bomFile) throws Exception {
        Entry e = Entry.of("8110.90.00", "GT", LocalDate.of(2026, 6, 1), new BigDecimal("1000.00"), new BigDecimal("10"), Units.KG);
        e = new Entry(e.lineId(), e.hts(), e.origin(), e.entryDate(), e.customsValue(), e.currency(), e.quantity(), e.unit(),
                e.contents(), null, null, null, java.util.Set.of(), preference, null, null, null,
                new Entry.BillOfMaterialsRef(bomFile, Files.readString(root().resolve("examples/origin/" + bomFile))));
        return e;
    }

    @Test
    void aBillForAnotherGoodIsRejectedEvenWhenTheGeneralRateIsFree() throws Exception {
        // reported: 8110.90.00 (free under the general rate) claimed P with beryllium's bill (8112.12) was accepted
        EntryRejected r = catchThrowableOfType(EntryRejected.class,
                () -> assessor.assess(antimonyFromGuatemala("P", "beryllium-qualifies.json")));
        assertThat(r).isNotNull();
        assertThat(r.field()).isEqualTo("bom");
        assertThat(r.reason()).isEqualTo("the bill of materials beryllium-qualifies.json is for 8112.12.00, but the line "
                + "declares 8110.90.00");
        // its own good's bill is read, and the claim still needs nothing
        Assessment ok = assessor.assess(antimonyFromGuatemala("P", "antimony-qualifies.json"));
        assertThat(ok.totalDuty()).isEqualByComparingTo("0");
    }

    @Test
    void aBillWithoutAClaimIsSaidToBeUnchecked() throws Exception {
        Assessment a = assessor.assess(antimonyFromGuatemala(null, "beryllium-qualifies.json"));
        assertThat(a.warnings()).contains("bill of materials beryllium-qualifies.json not checked: no preference is claimed "
                + "(it supports a claim such as P or P+; without one the line pays its general or column 2 rate)");
    }
}
