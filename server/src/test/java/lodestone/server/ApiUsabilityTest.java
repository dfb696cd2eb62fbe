package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the web application's pages rely on from the API: the points of issue 13 that the server answers. */
class ApiUsabilityTest {
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
    void theSampleBulkFileHasRealRejects() throws Exception {
        TestServer.Response sample = s.get("/api/bulk-sample?lines=200", s.admin);
        assertThat(sample.status()).isEqualTo(200);
        List<String> lines = sample.body().lines().toList();
        assertThat(lines).hasSize(201);
        assertThat(lines.get(40)).startsWith("L40,0000.00.00,");
        TestServer.Response job = s.upload("/api/bulk-jobs?name=sample-entries.csv", s.admin, sample.body().getBytes(StandardCharsets.UTF_8), null);
        JsonNode done = s.awaitJob(job.json().get("id").asLong(), s.admin);
        assertThat(done.get("status").asText()).isEqualTo("done");
        assertThat(done.get("rejected").asInt()).as("every 40th line of the sample is malformed").isGreaterThanOrEqualTo(5);
        String rejects = s.get("/api/bulk-jobs/" + done.get("id").asLong() + "/rejects", s.admin).body();
        assertThat(rejects).contains("L40,").contains("L80,").contains("L120,").contains("L160,").contains("L200,");
    }

    /**
     * A file sent as a multipart form (curl -F file=@entries.csv, tried as a newcomer would) was read as the file: the job
     * failed on "header lacks required column(s) … (it has --------------------------cc8e2ce…)". Now a 400 at body saying
     * how to send it, on every route that reads a body (Call.refuseForm); the file's own text is still accepted as sent.
     */
    @Test
    void aFileSentAsAMultipartFormIsRefusedSayingHowToSendIt() {
        String boundary = "------------------------cc8e2ce37a6efb00";
        byte[] form = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"entries.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nline_id,hts,origin,entry_date,customs_value,currency,quantity,unit\r\n"
                + "a,2846.90.80.90,CN,2026-03-02,100,USD,1,kg\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        for (String route : List.of("/api/bulk-jobs?name=entries.csv", "/api/compare-file?with=date:2025-06-01&name=entries.csv",
                "/api/compare-jobs?with=date:2025-06-01&name=entries.csv")) {
            TestServer.Response r = s.postAs(route, s.admin, form, "multipart/form-data; boundary=" + boundary);
            assertThat(r.status()).as(route).isEqualTo(400);
            assertThat(r.json().at("/error/field").asText()).isEqualTo("body");
            assertThat(r.json().at("/error/message").asText()).isEqualTo(Call.formMessage(Api.FILE, Api.FILE_CURL));
        }
        // every reader of a body: a JSON route, and the company file of exposure (read on their own; the same refusal)
        TestServer.Response json = s.postAs("/api/assessments", s.admin, form, "multipart/form-data; boundary=" + boundary);
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.json().at("/error/message").asText()).isEqualTo(Call.formMessage(Call.JSON_OBJECT, Call.JSON_CURL));
        TestServer.Response company = s.postAs("/api/exposure", s.admin, form, "multipart/form-data; boundary=" + boundary);
        assertThat(company.status()).isEqualTo(400);
        assertThat(company.json().at("/error/field").asText()).isEqualTo("body");
        assertThat(company.json().at("/error/message").asText()).startsWith("the body was sent as a multipart form (curl -F, an HTML form); "
                + "send the company file itself");
        byte[] file = "line_id,hts,origin,entry_date,customs_value,currency,quantity,unit\na,2846.90.80.90,CN,2026-03-02,100,USD,1,kg\n"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(s.postAs("/api/bulk-jobs?name=entries.csv", s.admin, file, "application/x-www-form-urlencoded").status())
                .as("curl --data-binary's own type: the body is the file").isEqualTo(202);
    }

    @Test
    void aBadRegimeSaysWhatItExpectedOnce() {
        TestServer.Response r = s.put("/api/regime", s.admin, Map.of("regime", "bundled:nowhere"));
        assertThat(r.status()).isEqualTo(400);
        String m = r.json().at("/error/message").asText();
        assertThat(m).startsWith("regime: unknown regime; expected one of bundled, bundled:plurilateral");
        assertThat(m.split("expected", -1)).as(m).hasSize(2);
    }

    @Test
    void searchingATradeNameFindsTheMagnetsAndMagnetRanksMagnetsFirst() {
        for (String q : List.of("neodymium magnet", "NdFeB", "NdFeB magnets", "permanent magnet")) {
            JsonNode r = s.get("/api/regime/search?limit=10&q=" + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8), s.admin).json();
            List<String> codes = codes(r);
            assertThat(codes).as(q).isNotEmpty();
            assertThat(codes.stream().filter(c -> !c.isEmpty()).findFirst()).as(q + ": the best match").hasValueSatisfying(c -> assertThat(c).startsWith("8505"));
            assertThat(codes).as(q).anyMatch(c -> c.startsWith("8505.11"));
        }
        List<String> magnet = codes(s.get("/api/regime/search?limit=5&q=magnet", s.admin).json());
        assertThat(magnet.get(0)).as("the first line for 'magnet'").startsWith("8505");
        assertThat(codes(s.get("/api/regime/search?limit=3&q=lanthanum", s.admin).json())).contains("2846.90.20.05");
    }

    @Test
    void aSearchSaysHowManyLinesMatchInAllBeyondItsLimit() {
        JsonNode all = s.get("/api/regime/search?limit=200&q=2846", s.admin).json();
        int n = all.get("results").size();
        assertThat(all.get("total").asInt()).isEqualTo(n);
        assertThat(all.get("truncated").asBoolean()).isFalse();
        assertThat(n).isGreaterThan(3);
        JsonNode few = s.get("/api/regime/search?limit=3&q=2846", s.admin).json();
        assertThat(few.get("results")).hasSize(3);
        assertThat(few.get("total").asInt()).isEqualTo(n);
        assertThat(few.get("truncated").asBoolean()).isTrue();
        // a hit's index is its place in the schedule, as the tree gives it; the tree opens a heading's text (no code) by it
        JsonNode hit = s.get("/api/regime/search?q=2805.30.00.05", s.admin).json().get("results").get(0);
        assertThat(hit.get("code").asText()).isEqualTo("2805.30.00.05");
        JsonNode text = null;
        for (JsonNode x : s.get("/api/regime/tree?code=2805.30.00", s.admin).json().get("children"))
            if (text == null && x.get("code").isNull() && x.get("has_children").asBoolean()) text = x;
        assertThat(text).as("a heading's text under 2805.30.00").isNotNull();
        JsonNode under = s.get("/api/regime/tree?index=" + text.get("index").asInt(), s.admin).json();
        assertThat(under.get("code").isNull()).isTrue();
        assertThat(under.get("description").asText()).isEqualTo(text.get("description").asText());
        List<Integer> places = new ArrayList<>();
        under.get("children").forEach(x -> places.add(x.get("index").asInt()));
        assertThat(places).contains(hit.get("index").asInt());
        TestServer.Response bad = s.get("/api/regime/tree?index=-1", s.admin);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/field").asText()).isEqualTo("index");
        JsonNode none = s.get("/api/regime/search?q=unobtainium", s.admin).json();
        assertThat(none.get("results")).isEmpty();
        assertThat(none.get("total").asInt()).isZero();
        assertThat(none.get("truncated").asBoolean()).isFalse();
    }

    private static List<String> codes(JsonNode r) {
        List<String> out = new ArrayList<>();
        r.get("results").forEach(x -> out.add(x.get("code").isNull() ? "" : x.get("code").asText()));
        return out;
    }

    @Test
    void historyShowsAScenarioRunWithItsParametersAndReportsNameTheirMoney() {
        TestServer.Response run = s.post("/api/scenario-runs", s.admin, Map.of("scenario", "ndpr-floor-110", "parameters", Map.of("floor", 125)));
        assertThat(run.status()).as(run.body()).isEqualTo(201);
        assertThat(run.json().at("/result/units/money").asText()).isEqualTo("thousand USD");
        JsonNode h = s.get("/api/runs?limit=20", s.admin).json();
        JsonNode item = null;
        for (JsonNode x : h) if (x.get("kind").asText().equals("scenario-run") && x.get("id").asLong() == run.json().get("id").asLong()) item = x;
        assertThat(item).isNotNull();
        assertThat(item.at("/parameters/floor").asInt()).isEqualTo(125);
    }

    @Test
    void historyWritesMoneyAsThePagesDo() {
        // reported: History said "USD 4500.00" where every page says "USD 4,500.00" (the page then reformatted the text)
        TestServer.Response a = s.post("/api/assessments", s.admin, Map.of("line_id", "copper-1", "hts", "7408.11.60.00", "origin", "CL",
                "entry_date", "2026-03-02", "customs_value", 10000, "currency", "USD", "quantity", 1000, "unit", "kg", "metal_content_value", 8000));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        JsonNode h = s.get("/api/runs?limit=50", s.admin).json();
        assertThat(h.findValuesAsText("summary")).contains("7408.11.60.00 from CL on 2026-03-02: USD 4,500.00");
    }
}
