package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The path routes: one path at once; Monte Carlo, seek and sensitivity as background jobs stored as scenario runs. */
class PathApiTest {
    static TestServer s;
    static String analyst;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer();
        analyst = s.post("/api/tokens", s.admin, Map.of("name", "analyst p", "role", "analyst")).json().get("secret").asText();
    }

    @AfterAll
    static void stop() {
        if (s != null) s.close();
    }

    private static JsonNode waitFor(long id) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            JsonNode j = s.get("/api/path-jobs/" + id, analyst).json();
            if (!j.get("status").asText().equals("queued") && !j.get("status").asText().equals("running")) return j;
            Thread.sleep(100);
        }
        throw new AssertionError("job " + id + " did not finish");
    }

    /**
     * A job that fails for a fault of the server (an engine's bug) says a reference to the log, never the fault's own
     * message (an engine's internals); one the model cannot answer (no equilibrium) says why. The log has the fault.
     */
    @Test
    void aJobFailingForAFaultNamesAReferenceNotItsInternals() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream log = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        String said = PathJobs.failure(7, "seek", new IllegalStateException("index 41 out of bounds in Lemke tableau /opt/x"), log);
        java.util.regex.Matcher ref = java.util.regex.Pattern.compile(
                "^the job failed on the server \\(reference #(\\d+) in the server's log\\); submit it again, .*").matcher(said);
        assertThat(ref.matches()).as(said).isTrue();
        assertThat(said).doesNotContain("Lemke").doesNotContain("/opt/x");
        String logged = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(logged).contains("#" + ref.group(1) + " in job 7 (seek)").contains("index 41 out of bounds in Lemke tableau /opt/x")
                .contains("    at ");
        assertThat(PathJobs.failure(8, "seek", new PathJobs.Unanswerable("no equilibrium at floor = 12: unbounded along …"), log))
                .isEqualTo("no equilibrium at floor = 12: unbounded along …");
    }

    @Test
    void aPathIsAnsweredAndStored() {
        TestServer.Response r = s.post("/api/scenario-paths", analyst, Map.of("scenario", "ndpr-2025-2040", "overrides", Map.of("floor", 130)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode j = r.json();
        assertThat(j.at("/result/years")).hasSize(16);
        assertThat(j.at("/result/expectations/rule").asText()).isEqualTo("myopic");
        assertThat(j.at("/result/years/0/metrics/price[US]").asDouble()).isCloseTo(130, within(0.6));
        // what its numbers are in, as a one-year run says it: price USD/kg, quantity t, money price × quantity
        assertThat(j.at("/result/units").toString()).isEqualTo("{\"price\":\"USD/kg\",\"quantity\":\"t\",\"money\":\"thousand USD\"}");
        long id = j.get("id").asLong();
        assertThat(s.get("/api/scenario-runs/" + id, analyst).json().at("/parameters/overrides/floor").asDouble()).isEqualTo(130);
        TestServer.Response bad = s.post("/api/scenario-paths", analyst, Map.of("scenario", "ndpr-2025-2040", "overrides", Map.of("flor", 1)));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/message").asText()).startsWith("overrides.flor: unknown parameter 'flor'");
        // a value the quantity cannot take is refused at its field, as a scenario file's would be (a floor of -5 ran)
        TestServer.Response negative = s.post("/api/scenario-paths", analyst, Map.of("scenario", "ndpr-2025-2040", "overrides", Map.of("floor", -5)));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().at("/error/message").asText()).isEqualTo("overrides.floor: cannot be below 0 (a price floor is a price, "
                + "it cannot be negative), found -5");
        assertThat(negative.json().at("/error/field").asText()).isEqualTo("overrides.floor");
        TestServer.Response growth = s.post("/api/scenario-paths", analyst, Map.of("scenario", "ndpr-2025-2040", "overrides",
                Map.of("demand_growth", 3)));
        assertThat(growth.json().at("/error/message").asText()).startsWith("overrides.demand_growth: cannot be above 1 (a yearly growth rate");
        TestServer.Response single = s.post("/api/scenario-paths", analyst, Map.of("scenario", "ndpr"));
        assertThat(single.json().at("/error/message").asText()).contains("has no horizon:");
    }

    /**
     * The fiscal table by hand (market module's FiscalTableTest, regions renamed US and CN): 2025 levy 376/3 and stock sales 600
     * against the baseline path's 487.2; 2026 levy 112 and subsidy 54 against nothing; present value at 8 % to 2025.
     */
    @Test
    void aPathsFiscalTableAgainstItsBaselinePath() {
        String text = lodestone.testkit.FiscalScenario.YAML;
        TestServer.Response r = s.post("/api/scenario-fiscal", analyst, Map.of("text", text));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.get("baseline").asText()).isEqualTo("fiscal-2r");
        assertThat(j.get("units").toString()).isEqualTo("{\"price\":\"USD/t\",\"quantity\":\"t\",\"money\":\"USD\"}");
        assertThat(j.get("years")).hasSize(2);
        assertThat(j.at("/years/0/scenario/levy_revenue").asDouble()).isCloseTo(376.0 / 3, within(1e-6));
        assertThat(j.at("/years/0/scenario/stock_sales").asDouble()).isCloseTo(600, within(1e-6));
        assertThat(j.at("/years/0/baseline/stock_sales").asDouble()).isCloseTo(487.2, within(1e-6));
        assertThat(j.at("/years/0/change/net_cost").asDouble()).isCloseTo(-376.0 / 3 - 112.8, within(1e-6));
        assertThat(j.at("/years/1/scenario/subsidy_outlay").asDouble()).isCloseTo(54, within(1e-6));
        assertThat(j.at("/years/1/change/net_cost").asDouble()).isCloseTo(-58, within(1e-6));
        assertThat(j.at("/total/change/net_cost").asDouble()).isCloseTo(-376.0 / 3 - 112.8 - 58, within(1e-6));
        assertThat(j.at("/present_value/change/net_cost").asDouble()).isCloseTo(-376.0 / 3 - 112.8 - 58 / 1.08, within(1e-6));
        TestServer.Response single = s.post("/api/scenario-fiscal", analyst, Map.of("scenario", "ndpr-floor-110"));
        assertThat(single.status()).isEqualTo(400);
        // the bundled paths are the bundled files with a horizon: (the message named two by hand and missed germanium-2025-2035)
        assertThat(single.json().at("/error/message").asText()).isEqualTo("scenario: ndpr-floor-110 has no horizon: (a path needs years; "
                + "bundled paths: ndpr-2025-2040, gallium-2025-2035, germanium-2025-2035)");
        TestServer.Response other = s.post("/api/scenario-fiscal", analyst, Map.of("scenario", "ndpr-2025-2040", "years", 3));
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().at("/error/field").asText()).isEqualTo("years");
    }

    @Test
    void seekMonteCarloAndSensitivityRunAsJobs() throws Exception {
        TestServer.Response r = s.post("/api/path-jobs", analyst, Map.of("scenario", "ndpr-2025-2040", "kind", "seek", "param", "floor",
                "target", "club_supply_share(2030) >= 0.5", "range", List.of(80, 300)));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        JsonNode done = waitFor(r.json().get("id").asLong());
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("done");
        assertThat(done.at("/result/status").asText()).isEqualTo("reached");
        assertThat(done.at("/result/metric").asDouble()).isGreaterThanOrEqualTo(0.5);
        assertThat(done.get("run_id").asLong()).isPositive();
        TestServer.Response mc = s.post("/api/path-jobs", analyst, Map.of("scenario", "gallium-2025-2035", "kind", "montecarlo", "draws", 20,
                "seed", 3, "metrics", List.of("price[US]"), "events", List.of("price[US](2027) >= 2000")));
        JsonNode m = waitFor(mc.json().get("id").asLong());
        assertThat(m.get("status").asText()).as(m.toString()).isEqualTo("done");
        assertThat(m.at("/result/draws").asInt()).isEqualTo(20);
        assertThat(m.at("/result/metrics/price[US]/2030/p50").isNumber()).isTrue();
        // an event's probability with its count and sampling error, as montecarlo --json gives it
        JsonNode e = m.at("/result/event_estimates").get("price[US](2027) >= 2000");
        assertThat(e.get("draws").asLong()).isEqualTo(20);
        assertThat(e.get("probability").asDouble()).isEqualTo(e.get("met").asDouble() / 20)
                .isEqualTo(m.at("/result/events").get("price[US](2027) >= 2000").asDouble());
        double p = e.get("probability").asDouble();
        assertThat(e.get("se").asDouble()).isEqualTo(Math.sqrt(p * (1 - p) / 20));
        assertThat(e.get("low95").asDouble()).isLessThanOrEqualTo(p);
        assertThat(e.get("high95").asDouble()).isGreaterThanOrEqualTo(p);
        assertThat(m.at("/result/units/price").asText()).isEqualTo(s.get("/api/scenarios/gallium", analyst).json().at("/units/price").asText());
        TestServer.Response t = s.post("/api/path-jobs", analyst, Map.of("scenario", "ndpr-2025-2040", "kind", "sensitivity",
                "metric", "club_supply_share", "year", 2030));
        JsonNode tj = waitFor(t.json().get("id").asLong());
        assertThat(tj.at("/result/bars")).hasSize(4);
        assertThat(tj.at("/result/units/money").asText()).isEqualTo("thousand USD");
        TestServer.Response bad = s.post("/api/path-jobs", analyst, Map.of("scenario", "ndpr-2025-2040", "kind", "seek", "param", "floor",
                "target", "club_share(2030) >= 0.5", "range", List.of(80, 300)));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/message").asText()).startsWith("target: unknown metric 'club_share'");
        // a range the parameter cannot take is refused as `seek --range` refuses it (a negative floor was searched)
        TestServer.Response negative = s.post("/api/path-jobs", analyst, Map.of("scenario", "ndpr-2025-2040", "kind", "seek",
                "param", "floor", "target", "club_supply_share(2030) >= 0.6", "range", List.of(-50, 300)));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().at("/error/field").asText()).isEqualTo("range");
        assertThat(negative.json().at("/error/message").asText()).isEqualTo("range [-50,300]: floor cannot be below 0 (a price "
                + "floor is a price, it cannot be negative), found A = -50");
        TestServer.Response text = s.post("/api/path-jobs", analyst, Map.of("scenario", "ndpr-2025-2040", "kind", "seek",
                "param", "floor", "target", "club_supply_share(2030) >= 0.6", "range", List.of(true, 300)));
        assertThat(text.json().at("/error/message").asText()).isEqualTo("range: expected [a, b], two numbers with a < b");
    }

    /** Issue 15: path jobs are stored (path_job, v6): a finished job answers the same after a restart, and one cut short says so. */
    @Test
    void aFinishedJobOutlivesARestartAndAnInterruptedOneSaysSo() throws Exception {
        java.nio.file.Path dir;
        String token;
        long id;
        JsonNode done;
        long interrupted;
        try (TestServer a = new TestServer()) {
            dir = a.keepDataDir();
            JsonNode t = a.post("/api/tokens", a.admin, Map.of("name", "analyst r", "role", "analyst")).json();
            token = t.get("secret").asText();
            long owner = t.get("id").asLong();
            TestServer.Response r = a.post("/api/path-jobs", token, Map.of("scenario", "gallium-2025-2035", "kind", "montecarlo", "draws", 5,
                    "seed", 11, "metrics", List.of("price[US]")));
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            id = r.json().get("id").asLong();
            done = null;
            for (int i = 0; i < 600 && done == null; i++) {
                JsonNode j = a.get("/api/path-jobs/" + id, token).json();
                if (j.get("status").asText().equals("done") || j.get("status").asText().equals("failed")) done = j;
                else Thread.sleep(100);
            }
            assertThat(done).as("job " + id + " did not finish").isNotNull();
            assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("done");
            // a job the server never got to run (as if it stopped before): its row stays queued
            interrupted = a.server.store().pathJobs().submit("seek", "ndpr-2025-2040", owner).id();
            // recorded while the machine's clock was 3 h ahead, which NTP then stepped back: the next server starts "before" it
            try (java.sql.Connection c = OnCallReviewTest.superuser(a); java.sql.Statement st = c.createStatement()) {
                st.executeUpdate("update path_job set at = now() + interval '3 hours' where id = " + interrupted);
            }
        }
        try (TestServer b = new TestServer(dir)) {
            JsonNode again = b.get("/api/path-jobs/" + id, token).json();
            assertThat(again.get("status").asText()).isEqualTo("done");
            assertThat(again.get("progress").asDouble()).isEqualTo(1);
            assertThat(again.get("run_id").asLong()).isEqualTo(done.get("run_id").asLong());
            assertThat(again.get("result")).isEqualTo(done.get("result"));
            assertThat(again.at("/result/draws").asInt()).isEqualTo(5);
            JsonNode cut = b.get("/api/path-jobs/" + interrupted, token).json();
            assertThat(cut.get("status").asText()).isEqualTo("failed");
            assertThat(cut.get("error").asText()).isEqualTo("interrupted: the server stopped while the job was queued; submit it again");
            assertThat(b.get("/api/path-jobs/" + (id + 1000), token).status()).isEqualTo(404);
        }
    }
}
