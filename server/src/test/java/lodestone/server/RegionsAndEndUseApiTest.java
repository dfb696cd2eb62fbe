package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /api/assessments with production_regions (a text or an array of texts) and end_use; the regime's lists in
 * GET /api/regime; the fields described in the OpenAPI document.
 */
class RegionsAndEndUseApiTest {
    static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer();
    }

    @AfterAll
    static void stop() {
        if (s != null) s.close();
    }

    private static Map<String, Object> entry(String hts, String origin) {
        return new HashMap<>(Map.of("hts", hts, "origin", origin, "entry_date", "2026-09-01", "customs_value", 10000,
                "quantity", 100, "unit", "kg"));
    }

    private static TestServer.Response post(Map<String, Object> body) {
        return s.post("/api/assessments", s.admin, body);
    }

    @Test
    void aLineProducedInXinjiangIsProhibitedAndTheRequestKeepsTheRegions() {
        Map<String, Object> b = entry("2846.90.80.90", "CN");
        b.put("production_regions", List.of("cn-xj"));
        TestServer.Response r = post(b);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode a = r.json().get("assessment");
        assertThat(a.get("status").asText()).isEqualTo("prohibited");
        assertThat(a.get("prohibitions").get(0).asText()).startsWith("us-uflpa: goods mined, produced or manufactured wholly or in "
                + "part in the Xinjiang Uyghur Autonomous Region");
        JsonNode again = s.get("/api/assessments/" + r.json().get("id").asText(), s.admin).json();
        assertThat(again.get("request").get("production_regions").toString()).isEqualTo("[\"cn-xj\"]");
        // as one text, several separated by ';'
        b.put("production_regions", "CN-GS;CN-JS");
        JsonNode gs = post(b).json().get("assessment");
        assertThat(gs.get("status").asText()).isEqualTo("assessed");
        assertThat(gs.get("warnings").toString()).doesNotContain("production regions");
        // none declared: assessed, and warned
        JsonNode none = post(entry("2846.90.80.90", "CN")).json().get("assessment");
        assertThat(none.get("warnings").toString()).contains("production regions not declared: us-uflpa blocks goods made wholly "
                + "or in part in CN-XJ");
    }

    @Test
    void anEndUseExemptsAndBadValuesAreRefusedAtTheirField() {
        Map<String, Object> b = entry("3917.21.00.00", "BR");
        assertThat(post(b).json().get("assessment").get("total_duty").decimalValue()).isEqualByComparingTo("4060.00");
        b.put("end_use", "civil-aircraft");
        JsonNode a = post(b).json().get("assessment");
        assertThat(a.get("total_duty").decimalValue()).isEqualByComparingTo("310.00");

        b.put("end_use", "space");
        TestServer.Response bad = post(b);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/field").asText()).isEqualTo("end_use");
        assertThat(bad.json().at("/error/message").asText()).isEqualTo("end_use: unknown end use 'space'; expected one of civil-aircraft, "
                + "pharmaceutical");
        b.put("end_use", List.of("civil-aircraft"));
        TestServer.Response arr = post(b);
        assertThat(arr.status()).isEqualTo(400);
        assertThat(arr.json().at("/error/message").asText()).isEqualTo("end_use: expected a text or a number, found an array");

        Map<String, Object> x = entry("2846.90.80.90", "CN");
        x.put("production_regions", List.of("CN-XI"));
        TestServer.Response unknown = post(x);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().at("/error/field").asText()).isEqualTo("production_regions");
        assertThat(unknown.json().at("/error/message").asText()).startsWith("production_regions: unknown production region 'CN-XI'; "
                + "expected one of CN-AH, CN-BJ");
        x.put("production_regions", List.of(7));
        assertThat(post(x).json().at("/error/message").asText()).isEqualTo("production_regions: expected an array of texts, found number 7");
    }

    @Test
    void theRegimeListsWhatMayBeDeclaredAndTheOpenApiDescribesTheFields() {
        JsonNode info = s.get("/api/regime", s.admin).json().get("info");
        assertThat(info.get("regions").toString()).contains("{\"code\":\"CN-XJ\",\"country\":\"CN\",\"name\":\"Xinjiang Uyghur "
                + "Autonomous Region\"}");
        assertThat(info.get("end_uses").get(0).get("code").asText()).isEqualTo("civil-aircraft");
        assertThat(info.get("documents").toString()).contains("{\"code\":\"uflpa-exception\",\"measures\":[\"us-uflpa\"]}");
        JsonNode doc = s.get("/api/openapi.json", null).json();
        JsonNode props = doc.at("/components/schemas/AssessmentRequest/properties");
        assertThat(props.get("production_regions").get("type").toString()).isEqualTo("[\"array\",\"string\"]");
        assertThat(props.get("production_regions").get("description").asText()).contains("ISO 3166-2, e.g. CN-XJ");
        assertThat(props.get("end_use").get("type").asText()).isEqualTo("string");
        assertThat(props.get("end_use").get("description").asText()).contains("civil-aircraft");
    }
}
