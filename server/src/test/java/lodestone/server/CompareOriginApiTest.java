package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The what-if that moves origins through the API ({@code with_origin=FROM=TO}): compare-file and a compare job answer
 * the same, a shipment through POST /api/compare, and refusals naming the field. Figures computed by hand in
 * lodestone.border.bulk.OriginWhatIfTest: graphite of CN 2,500.00 (Section 301), of VN 0.00; molybdenum of MX under
 * USMCA 0.00, of CN without the claim 12,504.00.
 */
class CompareOriginApiTest {
    static TestServer s;
    static String alice;

    static final byte[] FILE = ("line_id,hts,origin,entry_date,customs_value,currency,quantity,unit,content_quantity,content_unit,preference\n"
            + "gr-1,2504.10.10.00,CN,2026-03-02,10000,USD,10000,kg,,,\n"
            + "mx-1,2613.10.00.00,MX,2026-03-02,100000,USD,10000,kg,5500,kg Mo,S\n").getBytes(StandardCharsets.UTF_8);

    static final String NOTE = "what-if: origin MX→CN: preference S (USMCA) dropped: CN is not eligible for it on 2026-03-02; assessed without the claim";

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer();
        alice = s.post("/api/tokens", s.admin, Map.of("name", "alice", "role", "analyst")).json().get("secret").asText();
    }

    @AfterAll
    static void stop() {
        if (s != null) s.close();
    }

    @Test
    void aFileWithOriginsMovedAnswersBothOriginsAtOnceAndAsAJob() throws Exception {
        TestServer.Response sync = s.upload("/api/compare-file?with_origin=CN=VN,MX=CN&name=moved.csv", alice, FILE, null);
        assertThat(sync.status()).as(sync.body()).isEqualTo(201);
        JsonNode j = sync.json();
        assertThat(j.get("b").asText()).isEqualTo(j.get("a").asText() + ", origin CN→VN, MX→CN");
        assertThat(j.get("total_a").decimalValue()).isEqualByComparingTo("2500.00");
        assertThat(j.get("total_b").decimalValue()).isEqualByComparingTo("12504.00");
        assertThat(j.get("total_change").decimalValue()).isEqualByComparingTo("10004.00");
        JsonNode mx = j.get("top").get(0);
        assertThat(mx.get("line_id").asText()).isEqualTo("mx-1");
        assertThat(mx.get("origin").asText()).isEqualTo("MX");
        assertThat(mx.get("origin_b").asText()).isEqualTo("CN");
        assertThat(mx.get("change").decimalValue()).isEqualByComparingTo("12504.00");
        assertThat(j.get("top").get(1).get("origin_b").asText()).isEqualTo("VN");
        assertThat(j.get("warnings").toString()).contains("B: " + NOTE + " (1 line)");
        assertThat(j.get("origins_moved").toString()).isEqualTo("[{\"from\":\"CN\",\"to\":\"VN\",\"lines\":1},{\"from\":\"MX\",\"to\":\"CN\",\"lines\":1}]");

        TestServer.Response sub = s.upload("/api/compare-jobs?with_origin=CN=VN,MX=CN&name=moved.csv", alice, FILE, null);
        assertThat(sub.status()).as(sub.body()).isEqualTo(202);
        assertThat(sub.json().get("with").isNull()).isTrue();
        assertThat(sub.json().get("with_origin").asText()).isEqualTo("CN=VN,MX=CN");
        JsonNode done = CompareJobApiTest.awaitOn(s, sub.json().get("id").asLong(), alice);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("done");
        com.fasterxml.jackson.databind.node.ObjectNode expected = j.deepCopy();
        expected.remove("whatif_id");
        assertThat(done.get("result")).isEqualTo(expected);
        // the recorded what-if keeps what was asked
        JsonNode w = s.get("/api/whatifs/" + done.get("whatif_id").asLong(), alice).json();
        assertThat(w.at("/request/with_origin").asText()).isEqualTo("CN=VN,MX=CN");
        assertThat(w.get("compared_with").asText()).endsWith(", origin CN→VN, MX→CN");
    }

    @Test
    void aShipmentMovedSaysSideBsOriginAndWhyItsClaimWasDropped() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hts", "2613.10.00.00");
        body.put("origin", "MX");
        body.put("entry_date", "2026-03-02");
        body.put("customs_value", 100000);
        body.put("quantity", 10000);
        body.put("unit", "kg");
        body.put("content_quantity", 5500);
        body.put("content_unit", "kg Mo");
        body.put("preference", "S");
        body.put("with_origin", "MX=CN");
        TestServer.Response r = s.post("/api/compare", alice, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode j = r.json();
        assertThat(j.at("/a/assessment/origin").asText()).isEqualTo("MX");
        assertThat(j.at("/b/assessment/origin").asText()).isEqualTo("CN");
        assertThat(j.at("/a/assessment/total_duty").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(j.at("/b/assessment/total_duty").decimalValue()).isEqualByComparingTo("12504.00");
        assertThat(j.get("difference").decimalValue()).isEqualByComparingTo("12504.00");
        assertThat(j.at("/b/assessment/warnings/0").asText()).isEqualTo(NOTE);
        assertThat(j.at("/b/label").asText()).endsWith(", origin MX→CN");
    }

    @Test
    void badMappingsAreRefusedNamingTheField() {
        List<TestServer.Response> bad = new ArrayList<>();
        bad.add(s.upload("/api/compare-file?with_origin=CN=CN&name=x.csv", alice, FILE, null));
        bad.add(s.upload("/api/compare-jobs?with_origin=CN=CN&name=x.csv", alice, FILE, null));
        for (TestServer.Response r : bad) {
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.json().at("/error/field").asText()).isEqualTo("with_origin");
            assertThat(r.json().at("/error/message").asText()).isEqualTo("with_origin: CN=CN: CN is mapped to itself; map an origin to another country");
        }
        TestServer.Response twice = s.upload("/api/compare-file?with_origin=CN=VN,CN=TH&name=x.csv", alice, FILE, null);
        assertThat(twice.json().at("/error/message").asText()).isEqualTo("with_origin: CN=TH: CN is mapped twice (first CN=VN); map each origin once");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hts", "2504.10.10.00");
        body.put("origin", "CN");
        body.put("entry_date", "2026-03-02");
        body.put("customs_value", 10000);
        body.put("quantity", 10000);
        body.put("unit", "kg");
        body.put("with_origin", "CN=XX");
        TestServer.Response unknown = s.post("/api/compare", alice, body);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().at("/error/field").asText()).isEqualTo("with_origin");
        assertThat(unknown.json().at("/error/message").asText())
                .isEqualTo("with_origin: CN=XX: unknown country code 'XX'; expected an ISO 3166 alpha-2 code such as VN");
        body.remove("with_origin");
        TestServer.Response neither = s.post("/api/compare", alice, body);
        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.json().at("/error/field").asText()).isEqualTo("with");
    }

    /**
     * examples/entry/cafta-resourcing.json through POST /api/compare with with_origin GT=SV,CN=GT: the figures and side B's
     * warnings of lodestone.cli.CompareOriginCommandTest (A 0.00 + 370.00 + 370.00, B 0.00 + 0.00 + 370.00), the same words.
     */
    @Test
    void anEntryOfCaftaClaimsMovedSaysWhatSideBAssumedAsTheCliDoes() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode body = (com.fasterxml.jackson.databind.node.ObjectNode) TestServer.JSON.readTree(
                java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("lodestone.root", ".."), "examples", "entry",
                        "cafta-resourcing.json")));
        body.put("with_origin", "GT=SV,CN=GT");
        TestServer.Response r = s.post("/api/compare", alice, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode j = r.json();
        assertThat(j.at("/a/entry/total_duty").decimalValue()).isEqualByComparingTo("740.00");
        assertThat(j.at("/b/entry/total_duty").decimalValue()).isEqualByComparingTo("370.00");
        assertThat(j.get("difference").decimalValue()).isEqualByComparingTo("-370.00");
        assertThat(j.at("/lines/1/origin_b").asText()).isEqualTo("GT");
        assertThat(j.at("/lines/1/b").decimalValue()).isEqualByComparingTo("0.00");
        List<String> warnings = new ArrayList<>();
        j.at("/b/entry/warnings").forEach(w -> warnings.add(w.asText()));
        // as lodestone compare --entry prints them after "! B: " (CompareOriginCommandTest.ASSUMED)
        assertThat(warnings).contains(
                "line 1: what-if: origin GT→SV: preference P (CAFTA-DR) kept: SV is eligible for it; its bill of materials lines[0].bom "
                        + "checked again under B as declared (the rules of origin turn on the materials, their values and whether each is "
                        + "originating, not on which party the good is made in; a bill for production in SV, if its materials differ, may "
                        + "decide otherwise)",
                "line 1: what-if: bill of materials lines[0].bom: its materials of GT — reagents (originating) — checked as declared, "
                        + "from GT: the what-if moves the origin of the entry's lines (GT→SV), not of the materials a bill names; were they "
                        + "sourced from SV instead, a bill saying so would show whether they are originating",
                "line 2: what-if: origin CN→GT: export country VN kept as declared: assessed as goods of GT shipped from VN (the "
                        + "what-if moves where the goods were made, not the route they took; a measure on the country of exportation sees VN)",
                "line 3: what-if: bill of materials lines[2].bom: its materials of CN — rare-earth ores (non-originating) — checked as "
                        + "declared, from CN: the what-if moves the origin of the entry's lines (CN→GT), not of the materials a bill names; "
                        + "were they sourced from GT instead, a bill saying so would show whether they are originating");
        // on the line, first among its warnings under B
        assertThat(j.at("/b/entry/lines/1/warnings/0").asText()).startsWith("what-if: origin CN→GT: preference P (CAFTA-DR) kept: GT is eligible");
    }
}
