package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /api/assessments with {@code lines}: a customs entry of several lines assessed and recorded as one ledger record,
 * read back whole; every bad line refused at once at its field; the one-line body unchanged.
 */
class EntryApiTest {
    static TestServer s;
    static String analyst;

    /** The entry of examples/entry/two-lines.json: $370.00 + $4,500.00 (worked by hand in EntryAssessmentTest). */
    static final String TWO = """
            {"entry_date": "2026-03-02", "importer": "Example Magnetics Inc.", "lines": [
              {"hts": "2846.90.80.90", "origin": "CN", "customs_value": 10000, "quantity": 500, "unit": "kg"},
              {"hts": "7408.11.60.00", "origin": "CL", "customs_value": 10000, "quantity": 1000, "unit": "kg", "metal_content_value": 8000}]}""";

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer();
        analyst = s.post("/api/tokens", s.admin, Map.of("name", "broker b", "role", "analyst")).json().get("secret").asText();
    }

    @AfterAll
    static void stop() {
        if (s != null) s.close();
    }

    @Test
    void anEntryOfTwoLinesIsAssessedAndRecordedAsOneLedgerRecord() {
        long before = s.server.store().ledger().count();
        TestServer.Response r = s.post("/api/assessments", analyst, TWO);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().has("assessment")).isFalse();
        JsonNode e = r.json().get("entry");
        assertThat(e.get("kind").asText()).isEqualTo("entry");
        assertThat(e.get("status").asText()).isEqualTo("assessed");
        assertThat(e.get("line_count").asInt()).isEqualTo(2);
        assertThat(e.get("total_duty").decimalValue()).isEqualByComparingTo("4870.00");
        assertThat(e.get("customs_value").decimalValue()).isEqualByComparingTo("20000.00");
        assertThat(e.get("effective_rate").decimalValue()).isEqualByComparingTo("24.35");
        assertThat(e.get("landed_cost").decimalValue()).isEqualByComparingTo("24870.00");
        assertThat(e.get("duty_by_measure").findValuesAsText("id")).containsExactly("general", "9903.03.01", "9903.78.01");
        assertThat(e.at("/duty_by_measure/0/amount").decimalValue()).isEqualByComparingTo("670.00");
        assertThat(e.at("/duty_by_measure/0/lines").toString()).isEqualTo("[\"1\",\"2\"]");
        assertThat(e.at("/lines/1/trail").size()).isPositive();
        // one record for the whole entry, its columns summing it up
        assertThat(s.server.store().ledger().count()).isEqualTo(before + 1);
        long id = r.json().get("id").asLong();
        assertThat(r.headers().get("location")).containsExactly("/api/assessments/" + id);
        JsonNode back = s.get("/api/assessments/" + id, analyst).json();
        assertThat(back.get("entry")).isEqualTo(e);
        assertThat(back.has("assessment")).isFalse();
        assertThat(back.at("/request/lines/1/hts").asText()).isEqualTo("7408.11.60.00");
        assertThat(back.at("/request/importer").asText()).isEqualTo("Example Magnetics Inc.");
        JsonNode summary = s.get("/api/assessments?limit=1", analyst).json().get(0);
        assertThat(summary.get("id").asLong()).isEqualTo(id);
        assertThat(summary.get("hts").asText()).isEqualTo("2 lines: 2846.90.80.90, 7408.11.60.00");
        assertThat(summary.get("origin").asText()).isEqualTo("CN, CL");
        assertThat(summary.get("lines").asInt()).isEqualTo(2);
        assertThat(summary.get("total_duty").decimalValue()).isEqualByComparingTo("4870.00");
        JsonNode history = s.get("/api/runs?limit=5", analyst).json();
        assertThat(history.findValuesAsText("summary")).contains("Entry of 2 lines: 2846.90.80.90, 7408.11.60.00 from CN, CL on 2026-03-02: USD 4,870.00");
        assertThat(s.get("/api/ledger/verify", s.admin).json().get("intact").asBoolean()).isTrue();
    }

    @Test
    void everyBadLineIsRefusedAtOnceAtItsFieldAndNothingIsRecorded() {
        long before = s.server.store().ledger().count();
        TestServer.Response r = s.post("/api/assessments", analyst, """
                {"entry_date": "2026-03-02", "lines": [
                  {"hts": "2846.90.80.90", "origin": "CN", "customs_value": 10000, "quantity": 500, "unit": "kg"},
                  {"hts": "2846.90.81", "origin": "CN", "customs_value": 1, "quantity": 1, "unit": "kg"},
                  {"hts": "2846.90.80.90", "origin": "CN", "customs_value": 1, "quantity": 1}]}""");
        assertThat(r.status()).isEqualTo(400);
        JsonNode err = r.json().get("error");
        assertThat(err.get("code").asText()).isEqualTo("invalid_request");
        assertThat(err.get("field").asText()).isEqualTo("lines[1].hts");
        assertThat(err.get("problems").findValuesAsText("field")).containsExactly("lines[1].hts", "lines[2].unit");
        assertThat(err.get("problems").findValuesAsText("line_id")).containsExactly("2", "3");
        assertThat(err.at("/problems/0/message").asText()).startsWith("lines[1].hts (line 2): unknown HTS code '2846.90.81'");
        assertThat(err.at("/problems/1/message").asText()).isEqualTo("lines[2].unit (line 3): missing unit; expected the quantity's unit such as kg, t, lb or No.");
        assertThat(err.get("message").asText()).contains("lines[1].hts (line 2): unknown HTS code").contains("; lines[2].unit (line 3): missing unit; expected the quantity's unit such as kg, t, lb or No.");
        assertThat(s.server.store().ledger().count()).isEqualTo(before);
    }

    @Test
    void aProhibitedLineIsNamedAndTheEntryIsRecordedAsProhibited() {
        TestServer.Response r = s.post("/api/assessments", analyst, """
                {"entry_date": "2026-03-02", "lines": [
                  {"hts": "2846.90.80.90", "origin": "CN", "customs_value": 10000, "quantity": 500, "unit": "kg"},
                  {"hts": "2846.90.80.90", "origin": "CN", "customs_value": 10000, "quantity": 500, "unit": "kg",
                   "producer": "Xinjiang Zhongtai Chemical Co., Ltd."}]}""");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode e = r.json().get("entry");
        assertThat(e.get("status").asText()).isEqualTo("prohibited");
        assertThat(e.get("prohibited_lines").toString()).isEqualTo("[\"2\"]");
        assertThat(e.at("/prohibitions/0").asText()).startsWith("line 2: us-uflpa:");
        assertThat(e.get("total_duty").isNull()).isTrue();
        JsonNode summary = s.get("/api/assessments?limit=1", analyst).json().get(0);
        assertThat(summary.get("status").asText()).isEqualTo("prohibited");
        assertThat(summary.get("total_duty").isNull()).isTrue();
    }

    @Test
    void theOneLineBodyIsAnsweredAsBefore() {
        TestServer.Response r = s.post("/api/assessments", analyst, Map.of("hts", "7408.11.60", "origin", "CL", "entry_date", "2026-03-02",
                "customs_value", 10000, "quantity", 1000, "unit", "kg", "metal_content_value", 8000));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().has("entry")).isFalse();
        assertThat(r.json().at("/assessment/total_duty").decimalValue()).isEqualByComparingTo("4500.00");
        JsonNode summary = s.get("/api/assessments?limit=1", analyst).json().get(0);
        assertThat(summary.get("hts").asText()).isEqualTo("7408.11.60.00");
        assertThat(summary.get("lines").asInt()).isEqualTo(1);
        TestServer.Response bad = s.post("/api/assessments", analyst, Map.of("hts", "7408.11.60", "colour", "red"));
        assertThat(bad.json().at("/error/field").asText()).isEqualTo("colour");
        assertThat(bad.json().at("/error").has("problems")).isFalse();
        // a header field in a line, a line's field in the header: each at its place
        TestServer.Response mixed = s.post("/api/assessments", analyst, Map.of("hts", "7408.11.60", "lines",
                List.of(Map.of("hts", "7408.11.60.00", "origin", "CL", "customs_value", 1, "quantity", 1, "unit", "kg", "currency", "EUR"))));
        assertThat(mixed.json().at("/error/problems").findValuesAsText("field")).containsExactly("hts", "lines[0].currency");
        // a what-if compares an entry as POST /api/assessments reads it (EntryWhatIfBrowserTest): one without lines is refused there
        TestServer.Response cmp = s.post("/api/compare", analyst, Map.of("with", "date:2025-06-01", "lines", List.of()));
        assertThat(cmp.status()).isEqualTo(400);
        assertThat(cmp.json().at("/error/field").asText()).isEqualTo("lines");
        assertThat(cmp.json().at("/error/problems/0/field").asText()).isEqualTo("lines");
    }

    /*
     * examples/entry/cafta-low-value.json through the API: CAFTA-DR claims of $1,200.00 (GT) and $1,300.00 (SV), $2,500.00 in
     * all, and a Chinese line of $10,000.00 that claims nothing — no certification of origin required (19 CFR 10.586(a)(2)),
     * said on the entry and in the claiming lines' trails; the one-line body of $2,500.01 requires it.
     */
    @Test
    void aCaftaDrEntryWorthTwoThousandFiveHundredDollarsNeedsNoCertification() throws Exception {
        String body = java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("lodestone.root", ".."),
                "examples", "entry", "cafta-low-value.json"));
        TestServer.Response r = s.post("/api/assessments", analyst, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode e = r.json().get("entry");
        assertThat(e.get("total_duty").decimalValue()).isEqualByComparingTo("370.00");
        assertThat(e.get("documents_required").size()).isZero();
        assertThat(e.get("warnings").toString()).contains("lines 1, 2: cafta-dr-certification-of-origin not required (19 CFR "
                + "10.586(a)(2)): the entry's 2 lines us-cafta-dr-certification applies to are worth $2,500.00 in all, not over $2,500.00");
        assertThat(e.at("/lines/0/trail").findValuesAsText("outcome")).contains("waived");
        assertThat(e.at("/lines/2/trail").findValuesAsText("outcome")).doesNotContain("waived");
        JsonNode one = s.post("/api/assessments", analyst, """
                {"hts": "2846.90.80.90", "origin": "GT", "entry_date": "2026-03-02", "customs_value": 2500.01, "quantity": 10,
                 "unit": "kg", "preference": "P"}""").json().get("assessment");
        assertThat(one.get("documents_required").toString()).isEqualTo("[\"cafta-dr-certification-of-origin\"]");
    }
}
