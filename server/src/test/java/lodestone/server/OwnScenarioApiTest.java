package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A market of the user's own sent as text (examples/market/vanadium.yaml): run, stored and listed under the name its
 * file gives ({@code scenario: vanadium-baseline}) — it was stored and listed as "edited", so every user's own market
 * read the same in History and the list of runs.
 */
class OwnScenarioApiTest {
    static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer();
    }

    @AfterAll
    static void stop() {
        if (s != null) s.close();
    }

    @Test
    void aTextIsRunAndStoredUnderItsOwnScenarioName() throws Exception {
        String text = Files.readString(ExposureApiTest.repo().resolve("examples/market/vanadium.yaml"));
        TestServer.Response r = s.post("/api/scenario-runs", s.admin, Map.of("text", text));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode run = r.json();
        assertThat(run.get("scenario").asText()).isEqualTo("vanadium-baseline");
        // the hand-solved price of ExampleMarketTest
        JsonNode us = null;
        for (JsonNode reg : run.at("/result/regions")) if (reg.get("id").asText().equals("US")) us = reg;
        assertThat(us).isNotNull();
        assertThat(us.at("/price/scenario").asDouble()).isCloseTo(21.747011660, within(1e-6));
        JsonNode stored = s.get("/api/scenario-runs/" + run.get("id").asText(), s.admin).json();
        assertThat(stored.get("scenario").asText()).isEqualTo("vanadium-baseline");
        JsonNode list = s.get("/api/scenario-runs", s.admin).json();
        assertThat(list.get(0).get("scenario").asText()).isEqualTo("vanadium-baseline");
        // a path of one's own (a text with its market and horizon): the path and its jobs carry its name too
        String path = text + "horizon:\n  years: 2025-2027\n  demand_growth: {default: 0.03}\n"
                + "uncertainty:\n  - {param: demand_growth, dist: normal, mean: 0.03, sd: 0.01}\n";
        TestServer.Response p = s.post("/api/scenario-paths", s.admin, Map.of("text", path));
        assertThat(p.status()).as(p.body()).isEqualTo(201);
        assertThat(p.json().get("scenario").asText()).isEqualTo("vanadium-baseline");
        TestServer.Response j = s.post("/api/path-jobs", s.admin, Map.of("text", path, "kind", "montecarlo", "draws", 5));
        assertThat(j.status()).as(j.body()).isEqualTo(202);
        assertThat(j.json().get("scenario").asText()).isEqualTo("vanadium-baseline");
        // a bundled scenario named beside an edited text keeps the bundled name (what the web page sends)
        String ndpr = s.get("/api/scenarios/ndpr-floor-110", s.admin).json().get("text").asText();
        TestServer.Response e = s.post("/api/scenario-runs", s.admin, Map.of("scenario", "ndpr-floor-110", "text", ndpr));
        assertThat(e.status()).as(e.body()).isEqualTo(201);
        assertThat(e.json().get("scenario").asText()).isEqualTo("ndpr-floor-110");
    }

    /**
     * The welfare change by region through the API and the report a person hands on (docs/market-model.md, "Welfare by
     * region"), on a market solved by hand (WelfareAccountsTest; tolerance 1e-9 thousand USD): US with D = 120 − p, S = p; CN
     * with S = p; a floor of 50 for [US] and an offtake of 10 t CN → US at 35 against the same market without policies
     * (free trade at 40): US −750 + 450 + levy 300 + offtake 150 = 150; CN −600 + 150 = −450; world −300.
     */
    @Test
    void theWelfareChangeByRegionIsInTheAnswerAndInItsReport() {
        String text = """
                scenario: floor-offtake
                mineral: gallium
                units: {quantity: t, price: USD/kg}
                reference_year: 2025
                reference_price: 40
                club: [US]
                regions:
                  - {id: US, demand: {type: linear, intercept: 120, slope: -1}, supply: {type: linear, intercept: 0, slope: 1}}
                  - {id: CN, supply: {type: linear, intercept: 0, slope: 1}}
                transport: {default: 0}
                policies:
                  - {type: price_floor, floor: 50}
                  - {type: offtake, from: CN, to: US, quantity: 10, price: 35}
                """;
        TestServer.Response r = s.post("/api/scenario-runs", s.admin, Map.of("text", text));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode res = r.json().get("result");
        String[] keys = {"consumer", "producer", "public_revenue", "quota_rents", "stockpile", "offtakes", "total"};
        double[][] expected = {{-750, 450, 300, 0, 0, 150, 150}, {0, -600, 0, 0, 0, 150, -450}, {-750, -150, 300, 0, 0, 300, -300}};
        JsonNode[] got = {res.at("/regions/0/welfare_change"), res.at("/regions/1/welfare_change"), res.get("welfare_change")};
        for (int g = 0; g < 3; g++) {
            for (int k = 0; k < keys.length; k++) {
                assertThat(got[g].get(keys[k]).asDouble()).as(g + " " + keys[k]).isCloseTo(expected[g][k], within(1e-9));
            }
        }
        JsonNode stored = s.get("/api/scenario-runs/" + r.json().get("id").asText(), s.admin).json();
        assertThat(stored.at("/result/welfare_change")).isEqualTo(res.get("welfare_change"));
        TestServer.Response report = s.request("POST", "/api/reports", s.admin, r.body());
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.body()).contains("<tr><th scope=\"row\">Total welfare change</th><td>-300 thousand USD</td></tr>")
                .contains("<tr><th scope=\"row\">Offtake margins (change)</th><td>300 thousand USD</td></tr>");
    }
}
