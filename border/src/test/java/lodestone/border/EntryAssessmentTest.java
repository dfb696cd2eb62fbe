package lodestone.border;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import lodestone.border.bulk.CustomsEntryReader;
import lodestone.regime.Regime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A customs entry of several lines: each line assessed by the one {@link Assessor}, the totals the sums of the lines' rounded
 * amounts (worked by hand below from the bundled regime's rates), every bad line listed at once, a prohibited line named.
 */
class EntryAssessmentTest {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    static Assessor law;

    @BeforeAll
    static void load() {
        law = Assessor.compile(Regime.load(BundledRegimeAssessmentTest.regimeDir()));
    }

    static CustomsEntryReader.Read read(String json) throws Exception {
        return CustomsEntryReader.read(JSON.readTree(json), TODAY);
    }

    static EntryAssessment assess(String json) throws Exception {
        CustomsEntryReader.Read r = read(json);
        return EntryAssessment.assess(law, r.lines(), r.problems());
    }

    static List<String> refused(String json) throws Exception {
        EntryRefused r = catchThrowableOfType(EntryRefused.class, () -> assess(json));
        assertThat(r).as("refused").isNotNull();
        return r.problems().stream().map(EntryRefused.Problem::toString).toList();
    }

    /*
     * Line 1: rare-earth compounds (2846.90.80.90) of China, $10,000 on 2026-03-02: general 3.7 % = $370.00; excluded from
     * Section 122, the IEEPA duties ended — $370.00.
     * Line 2: copper wire (7408.11.60.00) of Chile, $10,000 with $8,000 of copper content: general 3 % = $300.00; Section 232
     * copper 50 % × $8,000 = $4,000.00; Section 122 10 % on the rest, $2,000 = $200.00 — $4,500.00.
     * Entry: general $670.00 (lines 1, 2), 9903.03.01 $200.00 (line 2), 9903.78.01 $4,000.00 (line 2); total $4,870.00 on
     * $20,000.00, 24.35 %; landed $24,870.00.
     */
    static final String TWO = """
            {"entry_date": "2026-03-02", "importer": "Example Magnetics Inc.", "lines": [
              {"hts": "2846.90.80.90", "origin": "CN", "customs_value": 10000, "quantity": 500, "unit": "kg"},
              {"hts": "7408.11.60.00", "origin": "CL", "customs_value": 10000, "quantity": 1000, "unit": "kg", "metal_content_value": 8000}]}""";

    @Test
    void twoLinesOfDifferentCodesAndOriginsAddUpByMeasureAndInAll() throws Exception {
        EntryAssessment e = assess(TWO);
        assertThat(e.status()).isEqualTo(Assessment.Status.ASSESSED);
        assertThat(e.lines()).extracting(Assessment::lineId).containsExactly("1", "2");
        assertThat(e.lines().get(0).totalDuty()).isEqualByComparingTo("370.00");
        assertThat(e.lines().get(1).totalDuty()).isEqualByComparingTo("4500.00");
        assertThat(e.dutyByMeasure()).extracting(EntryAssessment.MeasureTotal::id).containsExactly("general", "9903.03.01", "9903.78.01");
        assertThat(e.dutyByMeasure()).extracting(m -> m.amount().toPlainString()).containsExactly("670.00", "200.00", "4000.00");
        assertThat(e.dutyByMeasure()).extracting(EntryAssessment.MeasureTotal::lines).containsExactly(List.of("1", "2"), List.of("2"), List.of("2"));
        assertThat(e.totalDuty().toPlainString()).isEqualTo("4870.00");
        assertThat(e.customsValueUsd().toPlainString()).isEqualTo("20000.00");
        assertThat(e.effectiveRatePercent().toPlainString()).isEqualTo("24.35");
        assertThat(e.landedCost().toPlainString()).isEqualTo("24870.00");
        assertThat(e.documentsRequired()).isEmpty();
        assertThat(e.lines()).allSatisfy(a -> assertThat(a.date()).isEqualTo(TODAY));
        // each line is exactly the single assessment of that line (no second engine)
        Assessment alone = law.assess(Entry.of("7408.11.60.00", "CL", TODAY, new BigDecimal("10000"), new BigDecimal("1000"),
                lodestone.regime.unit.Units.KG).withMetalContentValue(new BigDecimal("8000")).withLineId("2"));
        assertThat(AssessmentJson.of(e.lines().get(1))).isEqualTo(AssessmentJson.of(alone));
    }

    /*
     * Three lines of €333.33 in euros on 2026-03-02: each converts to $385.22 at the regime's rate, and owes 3.7 % of it,
     * $14.2531 → $14.25. The entry: $1,155.66 of customs value (3 × $385.22) and $42.75 of duty (3 × $14.25) — the sums of
     * the lines' rounded amounts; 3.7 % of the summed value would be $42.76, which no line owes.
     */
    static final String EUROS = """
            {"entry_date": "%s", "currency": "EUR", "lines": [
              {"hts": "2846.90.80.90", "origin": "CN", "customs_value": "333.33", "quantity": 1, "unit": "kg"},
              {"hts": "2846.90.80.90", "origin": "CN", "customs_value": "333.33", "quantity": 1, "unit": "kg"},
              {"hts": "2846.90.80.90", "origin": "CN", "customs_value": "333.33", "quantity": 1, "unit": "kg"}]}""";

    @Test
    void theTotalsAreSumsOfTheLinesRoundedAmounts() throws Exception {
        EntryAssessment e = assess(EUROS.formatted("2026-03-02"));
        assertThat(e.lines()).allSatisfy(a -> {
            assertThat(a.customsValueUsd().toPlainString()).isEqualTo("385.22");
            assertThat(a.totalDuty().toPlainString()).isEqualTo("14.25");
        });
        assertThat(e.customsValueUsd().toPlainString()).isEqualTo("1155.66");
        assertThat(e.totalDuty().toPlainString()).isEqualTo("42.75");
        assertThat(e.dutyByMeasure()).singleElement().satisfies(m -> assertThat(m.amount().toPlainString()).isEqualTo("42.75"));
        assertThat(e.effectiveRatePercent().toPlainString()).isEqualTo("3.70");
        assertThat(e.landedCost().toPlainString()).isEqualTo("1198.41");
        // the one warning the three lines share (goods of CN that declare no production region) is said once, for all three
        assertThat(e.warnings()).containsExactly("lines 1, 2, 3: production regions not declared: us-uflpa blocks goods made wholly or in part "
                + "in CN-XJ (Xinjiang Uyghur Autonomous Region); assessed as made in none of them — declare production_regions");
        // past the regime's horizon every line gives the same two warnings: said once each, for the lines that give them
        EntryAssessment late = assess(EUROS.formatted("2026-12-01"));
        assertThat(late.warnings()).hasSize(3).allSatisfy(w -> assertThat(w).startsWith("lines 1, 2, 3: "))
                .filteredOn(w -> w.startsWith("lines 1, 2, 3: regime horizon: ")).hasSize(2);
    }

    @Test
    void headerFactsReachEveryLineAndDocumentsAddUp() throws Exception {
        CustomsEntryReader.Read r = read("""
                {"entry_date": "2026-04-01", "currency": "eur", "importer": "Acme", "export_country": "HK", "loaded_date": "2026-03-20",
                 "documents": ["assay-certificate"], "lines": [
                  {"hts": "2846.90.80.90", "origin": "CN", "customs_value": 1, "quantity": 1, "unit": "kg", "documents": "mill-cert"},
                  {"line_id": "B", "hts": "2846.90.80.90", "origin": "CN", "customs_value": 1, "quantity": 1, "unit": "kg", "export_country": "CN",
                   "loaded_date": "2026-03-25"}]}""");
        assertThat(r.problems()).isEmpty();
        Entry a = r.lines().get(0), b = r.lines().get(1);
        assertThat(a.lineId()).isEqualTo("1");
        assertThat(b.lineId()).isEqualTo("B");
        assertThat(List.of(a.entryDate(), b.entryDate())).containsOnly(LocalDate.of(2026, 4, 1));
        assertThat(List.of(a.currency(), b.currency(), a.importer(), b.importer())).containsExactly("EUR", "EUR", "Acme", "Acme");
        assertThat(a.exportCountry()).isEqualTo("HK");
        assertThat(b.exportCountry()).isEqualTo("CN");
        assertThat(a.loadedDate()).isEqualTo(LocalDate.of(2026, 3, 20));
        assertThat(b.loadedDate()).isEqualTo(LocalDate.of(2026, 3, 25));
        assertThat(a.documents()).containsExactlyInAnyOrder("assay-certificate", "mill-cert");
        assertThat(b.documents()).containsExactly("assay-certificate");
        // no entry date in the header: the day given
        assertThat(read("""
                {"lines": [{"hts": "2846.90.80.90", "origin": "CN", "customs_value": 1, "quantity": 1, "unit": "kg"}]}""").lines().get(0).entryDate())
                .isEqualTo(TODAY);
    }

    @Test
    void aBadLineRefusesTheEntryWithEveryBadLineListedAtItsPlace() throws Exception {
        List<String> problems = refused("""
                {"entry_date": "2026-03-02", "lines": [
                  {"hts": "2846.90.81", "origin": "CN", "customs_value": 1, "quantity": 1, "unit": "kg"},
                  {"hts": "2846.90.80.90", "origin": "CN", "customs_value": 10000, "quantity": 500, "unit": "kg"},
                  {"hts": "2846.90.80.90", "origin": "CN", "customs_value": 1, "quantity": 1, "unit": "kg", "entry_date": "2026-03-03"},
                  {"hts": "2846.90.80.90", "origin": "CN", "customs_value": -5, "quantity": 1, "unit": "kg"},
                  {"line_id": "X", "hts": "2846.90.80.90", "origin": "XX", "customs_value": 1, "quantity": 1, "unit": "kg"},
                  {"line_id": "2", "hts": "2846.90.80.90", "origin": "CN", "customs_value": 1, "quantity": 1, "unit": "kg"},
                  "not a line",
                  {"hts": "2846.90.80.90", "origin": "CN", "customs_value": 1, "quantity": 1, "unit": "kg", "colour": "red"}]}""");
        assertThat(problems).containsExactly(
                "lines[0].hts (line 1): unknown HTS code '2846.90.81'; nearest valid codes: 2846.90.80, 2846.90.80.70, 2846.90.80.75, 2846.90.80.90",
                "lines[2].entry_date (line 3): the entry's entry date is set once, in the entry's header: every line of an entry shares it",
                "lines[3].customs_value (line 4): negative value -5",
                "lines[4].origin (line X): unknown country of origin 'XX'; expected an ISO 3166 alpha-2 code such as CN",
                "lines[5].line_id (line 2): '2' is the id of an earlier line; each line of an entry has its own id",
                "lines[6]: expected an object with the line's fields, found string \"not a line\"",
                "lines[7].colour (line 8): unknown field; a line has " + String.join(", ", CustomsEntryReader.LINE_FIELDS));
    }

    @Test
    void theHeaderIsCheckedOnceAndAnEntryNeedsLines() throws Exception {
        assertThat(refused("""
                {"entry_date": "2026-13-01", "hts": "2846.90.80.90", "lines": [
                  {"hts": "2846.90.80.90", "origin": "CN", "customs_value": 1, "quantity": 1, "unit": "kg"},
                  {"hts": "2846.90.80.90", "origin": "CN", "customs_value": 1, "quantity": 1, "unit": "kg"}]}"""))
                .containsExactly("hts: a line's field: give it in each of lines, not in the entry's header",
                        "entry_date: bad date '2026-13-01'; expected yyyy-mm-dd; there is no month 13");
        assertThat(refused("{\"entry_date\": \"2026-03-02\", \"lines\": []}")).containsExactly("lines: an entry needs at least one line");
        assertThat(refused("{\"entry_date\": \"2026-03-02\"}")).containsExactly("lines: missing; expected an array of the entry's lines");
    }

    @Test
    void linesBuiltInCodeMustShareTheEntrysDateCurrencyAndImporter() {
        Entry one = Entry.of("2846.90.80.90", "CN", TODAY, BigDecimal.TEN, BigDecimal.ONE, lodestone.regime.unit.Units.KG);
        EntryRefused r = catchThrowableOfType(EntryRefused.class, () -> EntryAssessment.assess(law,
                List.of(one, one.withLineId("2").withDate(TODAY.plusDays(1)), one.withLineId("3").withCurrency("EUR"))));
        assertThat(r.problems()).extracting(EntryRefused.Problem::field).containsExactly("lines[1].entry_date", "lines[2].currency");
    }

    @Test
    void aProhibitedLineIsNamedWithWhyAndTheEntryHasNoDutyTotals() throws Exception {
        EntryAssessment e = assess("""
                {"entry_date": "2026-03-02", "lines": [
                  {"hts": "2846.90.80.90", "origin": "CN", "customs_value": 10000, "quantity": 500, "unit": "kg"},
                  {"hts": "2846.90.80.90", "origin": "CN", "customs_value": 10000, "quantity": 500, "unit": "kg",
                   "producer": "Xinjiang Zhongtai Chemical Co., Ltd."}]}""");
        assertThat(e.status()).isEqualTo(Assessment.Status.PROHIBITED);
        assertThat(e.prohibitedLines()).containsExactly("2");
        assertThat(e.prohibitions()).singleElement().asString().startsWith("line 2: us-uflpa: goods of an entity on the UFLPA Entity List");
        assertThat(e.totalDuty()).isNull();
        assertThat(e.effectiveRatePercent()).isNull();
        assertThat(e.landedCost()).isNull();
        assertThat(e.dutyByMeasure()).isEmpty();
        assertThat(e.customsValueUsd().toPlainString()).isEqualTo("20000.00");
        assertThat(e.lines().get(0).totalDuty()).isEqualByComparingTo("370.00"); // the other line keeps its own figures
        Map<String, Object> j = EntryAssessmentJson.of(e);
        assertThat(j.get("status")).isEqualTo("prohibited");
        assertThat(j.get("prohibited_lines")).isEqualTo(List.of("2"));
    }

    @Test
    void aLinesProductionRegionsMayBeAnArrayAsInTheOneLineBody() throws Exception {
        // review: an entry's line refused "production_regions: expected a text or a number, found an array", which the
        // one-line body and the docs accept
        EntryAssessment e = assess("""
                {"entry_date": "2026-03-02", "lines": [
                  {"hts": "2846.90.80.90", "origin": "CN", "customs_value": 10000, "quantity": 500, "unit": "kg", "production_regions": ["cn-gs", "CN-XJ"]},
                  {"hts": "2846.90.80.90", "origin": "CN", "customs_value": 10000, "quantity": 500, "unit": "kg", "production_regions": "CN-GS"}]}""");
        assertThat(e.lines().get(0).status()).isEqualTo(Assessment.Status.PROHIBITED);
        assertThat(e.lines().get(1).status()).isEqualTo(Assessment.Status.ASSESSED);
        assertThat(e.warnings()).noneMatch(w -> w.contains("production regions not declared"));
        CustomsEntryReader.Read bad = read("""
                {"entry_date": "2026-03-02", "lines": [
                  {"hts": "2846.90.80.90", "origin": "CN", "customs_value": 1, "quantity": 1, "unit": "kg", "production_regions": [7]}]}""");
        assertThat(bad.problems()).extracting(EntryRefused.Problem::toString).singleElement().asString()
                .contains("lines[0].production_regions").contains("expected an array of texts, found number 7");
    }

    @Test
    void warningsAreLocatedAtTheirLinesAndDocumentsRequiredAreTheUnion() throws Exception {
        EntryAssessment e = assess("""
                {"entry_date": "2026-03-02", "lines": [
                  {"hts": "2846.90.80", "origin": "CN", "customs_value": 10000, "quantity": 500, "unit": "kg"},
                  {"hts": "2846.90.80.90", "origin": "CN", "customs_value": 10000, "quantity": 500, "unit": "kg", "documents": ["bogus-doc"]}]}""");
        assertThat(e.warnings()).containsExactly(
                "line 1: 2846.90.80 is not a declarable line (statistical suffix missing); rates and measures of 2846.90.80 used",
                "lines 1, 2: production regions not declared: us-uflpa blocks goods made wholly or in part in CN-XJ (Xinjiang Uyghur "
                        + "Autonomous Region); assessed as made in none of them — declare production_regions",
                "line 2: document 'bogus-doc' is not one that any measure of regime us-2026 asks for: declaring it changes nothing (a misspelt code?)");
        JsonNode j = JSON.valueToTree(EntryAssessmentJson.of(e));
        assertThat(j.get("kind").asText()).isEqualTo("entry");
        assertThat(j.get("line_count").asInt()).isEqualTo(2);
        assertThat(j.get("lines").get(1).get("line_id").asText()).isEqualTo("2");
    }
}
