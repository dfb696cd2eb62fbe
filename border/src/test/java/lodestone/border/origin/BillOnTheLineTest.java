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

    @Test
    void aGoodOutsideTheRuleFileIsAcceptedAsDeclaredNotDenied() {
        // reported: denim trousers of Guatemala claimed P with their bill were denied the preference ("does not qualify
        // under none") and charged the 16.6 % general rate, though the bundled rules have no chapter 62 to decide by
        Entry e = Entry.of("6203.42.45.11", "GT", LocalDate.of(2026, 7, 24), new BigDecimal("10000.00"), new BigDecimal("100"),
                Units.find("doz.").orElseThrow()).withPreference("P").withBom(new Entry.BillOfMaterialsRef("denim.json", """
                {"product": {"hts": "6203.42.45.11", "adjusted_value": 10000.00},
                 "materials": [{"description": "denim fabric", "hts": "5209.42.00", "value": 5000.00, "originating": true, "country": "GT"},
                   {"description": "rivets", "hts": "8308.90.60", "value": 500.00, "originating": false, "country": "CN"}]}"""));
        Assessment a = assessor.assess(e);
        assertThat(a.totalDuty()).isEqualByComparingTo("0.00");
        assertThat(a.warnings()).contains("preference P accepted as declared: origin was not verified: the cafta-dr rule file "
                + "has no rule of origin for HTS 6203.42.45.11 (it covers chapter 25, chapter 26, chapter 28, chapter 38, chapter 72, "
                + "chapter 74, chapter 75, chapter 76, chapter 78, chapter 79, chapter 80, chapter 81, heading 8505, heading 8507), "
                + "so the bill of materials denim.json could not decide the claim");
    }

    @Test
    void aGoodOfAnHs2022CodeNoRuleNamesIsAcceptedAsDeclaredNotDenied() {
        // found in review: other cadmium 8112.69.90 of Guatemala claimed P with its bill was denied ("does not qualify under
        // none") and charged the 4.4 % general rate, though no rule of the HS 2017-numbered file names the code to decide by
        String bill = """
                {"product": {"hts": "8112.69.90.00", "adjusted_value": 10000.00},
                 "materials": [{"description": "zinc concentrate", "hts": "2608.00.00", "value": 6000.00, "originating": false, "country": "PE"}]}""";
        Entry e = Entry.of("8112.69.90.00", "GT", LocalDate.of(2026, 6, 1), new BigDecimal("10000.00"), new BigDecimal("100"), Units.KG)
                .withPreference("P");
        Assessment declared = assessor.assess(e);
        Assessment a = assessor.assess(e.withBom(new Entry.BillOfMaterialsRef("cadmium.json", bill)));
        assertThat(a.totalDuty()).isEqualByComparingTo(declared.totalDuty());
        assertThat(a.charges()).noneMatch(c -> c.amount().compareTo(new BigDecimal("440.00")) == 0);
        assertThat(a.warnings()).contains("preference P accepted as declared: origin was not verified: no rule of the cafta-dr "
                + "rule file names HTS 8112.69.90.00, an HS 2022 provision (its rules are numbered for HS 2017; `lodestone origin "
                + "check` names the nearest ones), so the bill of materials cadmium.json could not decide the claim");
    }

    @Test
    void aClaimUnderAProgramWithoutRulesOfOriginIsAcceptedAsDeclared() {
        // reported: nickel bars of Canada claimed S (USMCA) with a bill were denied ("program S names no agreement") and
        // charged the 3 % general rate, yet the Section 122 surcharge was exempted as USMCA goods
        Entry e = Entry.of("7505.12.10.00", "CA", LocalDate.of(2026, 3, 10), new BigDecimal("10000.00"), new BigDecimal("500"),
                Units.KG).withPreference("S").withBom(new Entry.BillOfMaterialsRef("bars.json", """
                {"product": {"hts": "7505.12.10.00", "adjusted_value": 10000.00},
                 "materials": [{"hts": "7502.20.00", "value": 7000.00, "originating": false, "country": "CN"}]}"""));
        Assessment a = assessor.assess(e);
        assertThat(a.totalDuty()).isEqualByComparingTo("0.00");
        assertThat(a.warnings()).contains("preference S accepted as declared: origin was not verified: program S names no "
                + "agreement in this regime, so the bill of materials bars.json could not be checked against rules of origin");
    }

    @Test
    void aClaimTheBillShowsNotToQualifyMeetsNoConditionOnTheProgram() {
        // a regime whose rules decide the good (here a verifier that finds the denim not originating): the claim is denied,
        // and the exemption of CAFTA-DR textiles 'entered under CAFTA-DR' (U.S. Note 52(i), 9903.05.95) is not granted
        // either; it was, on the same line that paid the 16.6 % general rate for want of the preference
        Assessor deciding = Assessor.compile(Regime.load(root().resolve("data/regime")),
                (entry, program, regime) -> new Assessor.OriginVerifier.Verdict(false, "the fabric is not originating"));
        Entry e = Entry.of("6203.42.45.11", "GT", LocalDate.of(2026, 7, 24), new BigDecimal("10000.00"), new BigDecimal("100"),
                Units.find("doz.").orElseThrow()).withPreference("P").withBom(new Entry.BillOfMaterialsRef("denim.json", "{}"));
        Assessment a = deciding.assess(e);
        assertThat(a.charges()).extracting(Assessment.Charge::id).containsExactly("general", "9903.05.40");
        assertThat(a.totalDuty()).isEqualByComparingTo("2660.00"); // 16.6 % + 10 %
    }
}
