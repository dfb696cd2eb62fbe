package lodestone.border;

import lodestone.border.bulk.CustomsEntryReader;
import lodestone.regime.Regime;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CAFTA-DR certification's low-value exception, 19 CFR 10.586(a)(2): no certification of origin is required of a
 * commercial importation whose originating goods are worth no more than US$2,500 — the importation's value (the customs
 * value in USD of all the entry's lines claiming P or P+), not one line's; exactly $2,500.00 is "not exceeding". The
 * amounts are worked by hand below from the bundled regime. Rare-earth compounds (2846.90.80.90) on 2026-03-02: general
 * 3.7 %, free under P, outside Section 122; a claim from Guatemala is granted (origin not verified without a bill of
 * materials) and owes nothing.
 */
class CaftaLowValueWaiverTest {
    static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    static final String CERT = "cafta-dr-certification-of-origin";
    static final String NOTE = "under 19 CFR 10.586(b) CBP may still require a copy of the certification, to be submitted within 30 "
            + "days of its notice, if it finds this importation to be one of a series carried out or planned to evade the "
            + "certification requirement; the claim is then denied without it";
    static final String NOT_HELD = "document required but not declared as held: " + CERT;
    static Assessor law;

    @BeforeAll
    static void load() {
        law = Assessor.compile(Regime.load(BundledRegimeAssessmentTest.regimeDir()));
    }

    static EntryAssessment entry(String json) throws Exception {
        CustomsEntryReader.Read r = CustomsEntryReader.read(EntryAssessmentTest.JSON.readTree(json), DAY);
        return EntryAssessment.assess(law, r.lines(), r.problems());
    }

    static String claim(String id, String value) {
        return "{\"line_id\": \"" + id + "\", \"hts\": \"2846.90.80.90\", \"origin\": \"GT\", \"customs_value\": " + value
                + ", \"quantity\": 10, \"unit\": \"kg\", \"preference\": \"P\"}";
    }

    static String entryOf(String currency, String... lines) {
        return "{\"entry_date\": \"2026-03-02\", \"currency\": \"" + currency + "\", \"lines\": [" + String.join(", ", lines) + "]}";
    }

    static Entry line(String value) {
        return Entry.of("2846.90.80.90", "GT", DAY, new BigDecimal(value), BigDecimal.TEN, Units.KG).withPreference("P");
    }

    static Assessment.TrailStep step(Assessment a) {
        return a.trail().stream().filter(t -> t.id().equals("us-cafta-dr-certification")).findFirst().orElseThrow();
    }

    static String entryWaived(int lines, String total) {
        return CERT + " not required (19 CFR 10.586(a)(2)): the entry's " + lines + " lines us-cafta-dr-certification applies to are "
                + "worth " + total + " in all, not over $2,500.00; " + NOTE;
    }

    /* $1,200.00 + $1,300.00 = $2,500.00: not exceeding US$2,500 — waived on both lines; each line owes $0.00 under P. */
    @Test
    void anEntryWorthExactlyTwoThousandFiveHundredDollarsNeedsNoCertification() throws Exception {
        EntryAssessment e = entry(entryOf("USD", claim("1", "1200.00"), claim("2", "1300.00")));
        assertThat(e.documentsRequired()).isEmpty();
        assertThat(e.lines()).allSatisfy(a -> assertThat(a.documentsRequired()).isEmpty());
        assertThat(e.totalDuty().toPlainString()).isEqualTo("0.00");
        assertThat(e.warnings()).contains("lines 1, 2: " + entryWaived(2, "$2,500.00"))
                .noneMatch(w -> w.contains(NOT_HELD));
        Assessment.TrailStep t = step(e.lines().get(0));
        assertThat(t.outcome()).isEqualTo("waived");
        assertThat(t.text()).isEqualTo("us-cafta-dr-certification (CAFTA-DR preference claim — certification of origin): " + CERT
                + " not required — 19 CFR 10.586(a)(2) waives " + CERT + " for an importation whose lines it applies to are worth no "
                + "more than $2,500.00 in all: the entry's 2 lines it applies to (line 1 $1,200.00 + line 2 $1,300.00 = $2,500.00), "
                + "not over $2,500.00; " + NOTE + " [HTSUS General Note 29; 19 CFR 10.583 (claim for CAFTA-DR preferential "
                + "treatment), 10.584 (certification)]");
    }

    /* One cent more, $1,200.00 + $1,300.01 = $2,500.01: over — the certification is required of both lines, as before. */
    @Test
    void oneCentOverTheThresholdRequiresTheCertificationOfEveryClaimingLine() throws Exception {
        EntryAssessment e = entry(entryOf("USD", claim("1", "1200.00"), claim("2", "1300.01")));
        assertThat(e.documentsRequired()).containsExactly(CERT);
        assertThat(e.lines()).allSatisfy(a -> assertThat(a.documentsRequired()).containsExactly(CERT));
        assertThat(e.warnings()).contains("lines 1, 2: " + NOT_HELD).noneMatch(w -> w.contains("not required (19 CFR"));
        Assessment.TrailStep t = step(e.lines().get(1));
        assertThat(t.outcome()).isEqualTo("documents");
        assertThat(t.text()).contains("requires " + CERT + " — 19 CFR 10.586(a)(2) waives " + CERT)
                .contains("; not waived: the entry's 2 lines it applies to (line 1 $1,200.00 + line 2 $1,300.01 = $2,500.01), over $2,500.00");
    }

    /*
     * Lines of $2,000.00 and $1,000.00 are each under the threshold alone, $3,000.00 together: in the entry the certification
     * is required; each assessed alone is an importation of its own and waived — with the warning that says so.
     */
    @Test
    void theEntrysTotalDecidesNotTheLinesOwnValue() throws Exception {
        EntryAssessment e = entry(entryOf("USD", claim("1", "2000.00"), claim("2", "1000.00")));
        assertThat(e.documentsRequired()).containsExactly(CERT);
        Assessment alone = law.assess(line("2000.00"));
        assertThat(alone.documentsRequired()).isEmpty();
        assertThat(alone.warnings()).contains(CERT + " not required (19 CFR 10.586(a)(2)): this line's customs value $2,000.00 is "
                + "not over $2,500.00; the line is taken as an importation of its own — entered with other lines "
                + "us-cafta-dr-certification applies to, their values together decide (assess them as one entry); " + NOTE)
                .doesNotContain(NOT_HELD);
        assertThat(step(alone).text()).contains("this line, taken as an importation of its own (its customs value $2,000.00), not over $2,500.00");
    }

    /*
     * A single line: $2,500.00 is waived, $2,500.01 is not. In euros at 1.15567: EUR 2,163.25 = 2,500.0031275 → $2,500.00,
     * waived; EUR 2,163.26 = 2,500.0146842 → $2,500.01, required — in the explaining engine and the bulk one alike.
     */
    @Test
    void aSingleLineIsAnImportationOfOneLine() {
        assertThat(law.assess(line("2500.00")).documentsRequired()).isEmpty();
        Assessment over = law.assess(line("2500.01"));
        assertThat(over.documentsRequired()).containsExactly(CERT);
        assertThat(over.warnings()).contains(NOT_HELD);
        Entry at = line("2163.25").withCurrency("EUR");
        assertThat(law.assess(at).customsValueUsd().toPlainString()).isEqualTo("2500.00");
        assertThat(law.assess(at).documentsRequired()).isEmpty();
        assertThat(law.assess(at).warnings()).anySatisfy(w -> assertThat(w).startsWith(CERT + " not required (19 CFR 10.586(a)(2)): "
                + "this line's customs value $2,500.00 is not over $2,500.00"));
        Entry above = line("2163.26").withCurrency("EUR");
        assertThat(law.assess(above).customsValueUsd().toPlainString()).isEqualTo("2500.01");
        assertThat(law.assess(above).documentsRequired()).containsExactly(CERT);
        for (Entry e : List.of(at, above)) {
            assertThat(AssessmentJson.of(law.assessBulk(e))).isEqualTo(AssessmentJson.of(law.assessWithoutTrail(e)));
        }
    }

    /*
     * A mixed entry: rare-earth compounds of China, $10,000.00, no claim (general 3.7 % = $370.00); of Guatemala, $5,000.00,
     * no claim ($185.00); of Guatemala, $2,400.00, claiming P ($0.00). Only the claiming line counts: $2,400.00 — waived.
     * Total $555.00 on $17,400.00.
     */
    @Test
    void linesNotClaimingThePreferenceDoNotCount() throws Exception {
        String cn = "{\"line_id\": \"cn\", \"hts\": \"2846.90.80.90\", \"origin\": \"CN\", \"customs_value\": 10000, \"quantity\": 500, \"unit\": \"kg\"}";
        String gt = "{\"line_id\": \"gt\", \"hts\": \"2846.90.80.90\", \"origin\": \"GT\", \"customs_value\": 5000, \"quantity\": 50, \"unit\": \"kg\"}";
        EntryAssessment e = entry(entryOf("USD", cn, gt, claim("p", "2400.00")));
        assertThat(e.totalDuty().toPlainString()).isEqualTo("555.00");
        assertThat(e.customsValueUsd().toPlainString()).isEqualTo("17400.00");
        assertThat(e.documentsRequired()).isEmpty();
        assertThat(e.warnings()).contains("line p: " + CERT + " not required (19 CFR 10.586(a)(2)): the entry's one line "
                + "us-cafta-dr-certification applies to is worth $2,400.00, not over $2,500.00; " + NOTE);
        assertThat(step(e.lines().get(2)).text()).contains("the entry's one line it applies to, line p ($2,400.00), not over $2,500.00");
    }

    /*
     * Values in euros, converted by each line at the regime's rate (the monthly average for 2026-03, 1.15567 USD per EUR) and
     * rounded half-up to the cent, the entry adding up the rounded dollars (never converting the sum):
     * EUR 1,000.00 × 1.15567 = $1,155.67; EUR 1,163.25 × 1.15567 = 1,344.3331275 → $1,344.33; in all $2,500.00 — waived.
     * EUR 1,163.26 × 1.15567 = 1,344.3446842 → $1,344.34; in all $2,500.01 — required.
     */
    @Test
    void valuesInAnotherCurrencyAreAddedUpInDollarsAsTheEntryConvertsThem() throws Exception {
        EntryAssessment at = entry(entryOf("EUR", claim("1", "1000.00"), claim("2", "1163.25")));
        assertThat(at.customsValueUsd().toPlainString()).isEqualTo("2500.00");
        assertThat(at.documentsRequired()).isEmpty();
        assertThat(at.warnings()).contains("lines 1, 2: " + entryWaived(2, "$2,500.00"));
        assertThat(step(at.lines().get(1)).text()).contains("(line 1 $1,155.67 + line 2 $1,344.33 = $2,500.00), not over $2,500.00");
        EntryAssessment over = entry(entryOf("EUR", claim("1", "1000.00"), claim("2", "1163.26")));
        assertThat(over.customsValueUsd().toPlainString()).isEqualTo("2500.01");
        assertThat(over.documentsRequired()).containsExactly(CERT);
        assertThat(step(over.lines().get(0)).text()).contains("(line 1 $1,155.67 + line 2 $1,344.34 = $2,500.01), over $2,500.00");
    }

    /* The certification held: nothing to warn about; the trail still says it was not required. */
    @Test
    void aHeldCertificationIsNotWarnedAbout() {
        Assessment a = law.assess(line("100.00").withDocuments(Set.of(CERT)));
        assertThat(a.documentsRequired()).isEmpty();
        assertThat(a.warnings()).noneMatch(w -> w.contains(CERT));
        assertThat(step(a).outcome()).isEqualTo("waived");
    }

    /* The bulk fast path gives the same answer as the explaining engine, byte for byte, either side of the threshold. */
    @Test
    void theBulkPathAgreesWithTheExplainingOne() {
        for (String v : List.of("0.00", "2499.99", "2500.00", "2500.01", "100000.00")) {
            for (Set<String> docs : List.of(Set.<String>of(), Set.of(CERT), Set.of("other-doc"))) {
                Entry e = line(v).withDocuments(docs);
                assertThat(law.fastPathTakes(e)).as(v).isTrue();
                assertThat(AssessmentJson.of(law.assessBulk(e))).as(v + " " + docs).isEqualTo(AssessmentJson.of(law.assessWithoutTrail(e)));
            }
        }
    }

    /*
     * A bulk file has no entry grouping: each line is an importation of its own, and a waived line says so in its
     * warnings column (a line of $2,000.00 and one of $1,000.00 might be one entry of $3,000.00: only --entry can tell).
     * The CAFTA-DR line of $2,500.01 is required its certification, the one of $2,500.00 is not.
     */
    @Test
    void aBulkFileTakesEachLineAsAnImportationOfItsOwnAndSaysSo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path in = dir.resolve("in.csv");
        java.nio.file.Path out = dir.resolve("out.csv");
        java.nio.file.Files.writeString(in, "line_id,hts,origin,entry_date,customs_value,currency,quantity,unit,preference,documents\n"
                + "a,2846.90.80.90,GT,2026-03-02,2500.00,USD,10,kg,P,\n"
                + "b,2846.90.80.90,GT,2026-03-02,2500.01,USD,10,kg,P,\n"
                + "c,2846.90.80.90,GT,2026-03-02,2000.00,USD,10,kg,P," + CERT + "\n");
        lodestone.border.bulk.BulkAssessment.Summary n = lodestone.border.bulk.BulkAssessment.run(law, in, out, dir.resolve("r.csv"),
                lodestone.border.bulk.BulkAssessment.Options.defaults());
        assertThat(n.assessed()).isEqualTo(3);
        List<String> rows = java.nio.file.Files.readAllLines(out);
        assertThat(rows.get(1)).startsWith("a,assessed,0.00,USD,0.00,2500.00,special:P=0.00,,")
                .contains(CERT + " not required (19 CFR 10.586(a)(2)): this line's customs value $2,500.00 is not over $2,500.00; "
                        + "the line is taken as an importation of its own")
                .doesNotContain(NOT_HELD);
        assertThat(rows.get(2)).startsWith("b,assessed,0.00,USD,0.00,2500.01,special:P=0.00," + CERT + ",")
                .contains(NOT_HELD).doesNotContain("not required (19 CFR");
        assertThat(rows.get(3)).startsWith("c,assessed,0.00,USD,0.00,2000.00,special:P=0.00,,").doesNotContain(CERT);
    }
}
