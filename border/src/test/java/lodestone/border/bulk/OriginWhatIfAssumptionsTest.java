package lodestone.border.bulk;

import lodestone.border.Entry;
import lodestone.border.EntryComparison;
import lodestone.border.WhatIf;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static lodestone.border.bulk.ChunkedBulkTest.ASSESSOR;
import static lodestone.border.bulk.ChunkedBulkTest.REGIME;
import static lodestone.border.bulk.OriginWhatIfTest.origins;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a what-if that moves origins assumes of what it does not move, said among side B's warnings rather than assumed
 * quietly: the export country of goods shipped through a third country, a preference claim kept for the new origin,
 * the materials of a bill of materials. Duties worked by hand from the bundled regime, all entered 2026-03-02:
 * <ul>
 *   <li>graphite 2504.10.10.00, USD 10,000: general free; of CN Section 301 (9903.91.06, 25 %) = 2,500.00; of TH or VN
 *       nothing (Section 122 excludes the line): 0.00.</li>
 * </ul>
 */
class OriginWhatIfAssumptionsTest {

    static final LocalDate DAY = LocalDate.parse("2026-03-02");

    static Entry graphite(String origin) {
        return Entry.of("2504.10.10.00", origin, DAY, new BigDecimal("10000"), new BigDecimal("10000"), Units.KG);
    }

    // ------------------------------------------------------------------ the export country

    @Test
    void goodsShippedThroughAThirdCountryKeepItsExportCountryAndTheWhatIfSaysSo() {
        WhatIf w = WhatIf.NONE.withOrigins(origins("CN", "TH"));
        // graphite of CN exported from VN (a transshipment): under B goods of TH, still shipped from VN
        WhatIf.Moved m = w.apply(graphite("CN").withExportCountry("VN"), REGIME.geography());
        assertThat(m.entry().origin()).isEqualTo("TH");
        assertThat(m.entry().exportCountry()).isEqualTo("VN");
        assertThat(m.notes()).containsExactly("what-if: origin CN→TH: export country VN kept as declared: assessed as goods of TH "
                + "shipped from VN (the what-if moves where the goods were made, not the route they took; a measure on the country "
                + "of exportation sees VN)");
        // shipped from where they were made: the export country moves with the origin, nothing to say
        WhatIf.Moved direct = w.apply(graphite("CN").withExportCountry("CN"), REGIME.geography());
        assertThat(direct.entry().exportCountry()).isEqualTo("TH");
        assertThat(direct.notes()).isEmpty();
        // shipped from the new origin already (CN exported from TH, moved to TH): made and shipped there, nothing to say
        WhatIf.Moved there = w.apply(graphite("CN").withExportCountry("tha"), REGIME.geography());
        assertThat(there.entry().exportCountry()).isEqualTo("tha");
        assertThat(there.notes()).isEmpty();
        // no export country declared: none assumed
        assertThat(w.apply(graphite("CN"), REGIME.geography()).notes()).isEmpty();
    }

    @Test
    void theKeptExportCountryIsSaidInAFilesWhatIfAndAnEntrysAlike(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in.csv");
        Files.writeString(in, OriginWhatIfTest.HEADER + "gr-1,2504.10.10.00,CN,2026-03-02,10000,USD,10000,kg,,,,VN\n");
        Comparison.Result r = Comparison.run(ASSESSOR, ASSESSOR, WhatIf.NONE.withOrigins(origins("CN", "TH")), in, null, 5, false);
        Comparison.Line gr = OriginWhatIfTest.line(r, "gr-1");
        assertThat(gr.a()).isEqualTo("2500.00"); // Section 301 on graphite of CN: 25 % × 10,000.00
        assertThat(gr.b()).isEqualTo("0.00");    // of TH: general free, Section 122 excludes the line
        String note = "B: what-if: origin CN→TH: export country VN kept as declared: assessed as goods of TH shipped from VN "
                + "(the what-if moves where the goods were made, not the route they took; a measure on the country of exportation sees VN)";
        assertThat(gr.warnings()).contains(note);

        EntryComparison c = EntryComparison.of(ASSESSOR, ASSESSOR, WhatIf.NONE.withOrigins(origins("CN", "TH")),
                List.of(graphite("CN").withExportCountry("VN")), List.of(), "B");
        assertThat(c.difference()).isEqualTo(new BigDecimal("-2500.00"));
        assertThat(c.b().lines().get(0).warnings().get(0)).isEqualTo(note.substring("B: ".length()));
    }
}
