package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bulk job's identity (docs/api.md, {@code POST /api/bulk-jobs}): the same file, key, active regime and format is the same
 * job; the same file after an administrator switched the active regime, or read as another format, is a new one — with or
 * without an Idempotency-Key. Its own server: the test switches the active regime.
 */
class BulkJobIdempotencyTest {
    static TestServer s;
    static String analyst;
    /** A regime folder the server offers (serve --regime-folder), written by the test that uses it. */
    static java.nio.file.Path dir;

    @BeforeAll
    static void start() throws Exception {
        dir = java.nio.file.Files.createTempDirectory("lodestone-floor-regime");
        java.nio.file.Files.writeString(dir.resolve("regime.yaml"), "id: placeholder\n"); // the server refuses a folder without one
        s = new TestServer(java.util.List.of(dir.toString()));
        analyst = s.post("/api/tokens", s.admin, Map.of("name", "ana", "role", "analyst")).json().get("secret").asText();
    }

    @AfterAll
    static void stop() {
        if (s != null) s.close();
    }

    private static JsonNode submit(String name, byte[] data, String key, int status) {
        TestServer.Response r = s.upload("/api/bulk-jobs?name=" + name, analyst, data, key);
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().get("duplicate").asBoolean()).isEqualTo(status == 200);
        return r.json();
    }

    private static void activate(String regime) {
        TestServer.Response r = s.put("/api/regime", s.admin, Map.of("regime", regime));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("active").asText()).isEqualTo(regime);
    }

    @Test
    void theSameFileUnderAnotherActiveRegimeIsANewJobAndUnderTheSameOneTheEarlierJob() throws Exception {
        TestServer.Response sample = s.get("/api/bulk-sample?lines=300&seed=5", analyst);
        assertThat(sample.status()).isEqualTo(200);
        byte[] data = sample.body().getBytes(StandardCharsets.UTF_8);

        JsonNode a = submit("entries.csv", data, null, 202);
        assertThat(a.get("regime").asText()).isEqualTo("bundled");
        long idA = a.get("id").asLong();
        JsonNode doneA = s.awaitJob(idA, analyst);
        assertThat(doneA.get("status").asText()).isEqualTo("done");
        assertThat(submit("entries.csv", data, null, 200).get("id").asLong()).isEqualTo(idA); // same file, regime, format

        // reported: after PUT /api/regime the same file without a key answered the earlier job, assessed under the old regime
        activate("bundled:plurilateral");
        JsonNode b = submit("entries.csv", data, null, 202);
        long idB = b.get("id").asLong();
        assertThat(idB).isNotEqualTo(idA);
        assertThat(b.get("regime").asText()).isEqualTo("bundled:plurilateral");
        JsonNode doneB = s.awaitJob(idB, analyst);
        assertThat(doneB.get("status").asText()).isEqualTo("done");
        assertThat(doneB.get("lines_done").asLong()).isEqualTo(300);
        assertThat(submit("again.csv", data, null, 200).get("id").asLong()).isEqualTo(idB);
        // with a key too: the key names the submission, the regime is still part of what is asked
        long keyed = submit("entries.csv", data, "march", 202).get("id").asLong();
        activate("bundled");
        JsonNode keyedBundled = submit("entries.csv", data, "march", 202);
        assertThat(keyedBundled.get("id").asLong()).isNotIn(keyed, idA, idB);
        assertThat(submit("entries.csv", data, "march", 200).get("id").asLong()).isEqualTo(keyedBundled.get("id").asLong());

        // back under the first regime, the first job is the answer again
        assertThat(submit("entries.csv", data, null, 200).get("id").asLong()).isEqualTo(idA);
        // the same bytes read as another format are another job
        JsonNode jsonl = submit("entries.jsonl", data, null, 202);
        assertThat(jsonl.get("id").asLong()).isNotEqualTo(idA);
        assertThat(jsonl.get("format").asText()).isEqualTo("jsonl");
        s.awaitJob(jsonl.get("id").asLong(), analyst);
        s.awaitJob(keyed, analyst);
        s.awaitJob(keyedBundled.get("id").asLong(), analyst);
    }

    /**
     * Reported by a regime author: a folder regime edited (the floor raised) and activated again without a new version
     * answered the same upload and key with the earlier job, assessed under the old floor, as a duplicate. Its identity now
     * carries the fingerprint of the files the regime was read from.
     */
    @Test
    void anEditedFolderRegimeWithTheSameVersionIsANewJob() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("regime.yaml"), """
                id: floor-test
                title: A floor overlay (test)
                version: "1"
                extends: bundled
                files:
                  measures: [measures.yaml]
                """);
        String measures = """
                measures:
                  - id: floor-li2co3
                    type: variable-levy
                    title: Lithium carbonate floor, variable levy
                    products: {include: ["2836.91"]}
                    origins: {include: [ALL]}
                    valid: {from: 2026-01-01}
                    duty: free
                    conditions:
                      - when: {unit-price-below: "12000 USD/t"}
                        then: {charge-difference: "12000 USD/t"}
                    legal-base: {instrument: test}
                """;
        java.nio.file.Files.writeString(dir.resolve("measures.yaml"), measures);
        byte[] data = ("line_id,hts,origin,entry_date,customs_value,currency,quantity,unit\n"
                + "li-1,2836.91.00.50,CL,2026-06-01,50000,USD,10000,kg\n").getBytes(StandardCharsets.UTF_8);
        String folder = Engines.nameOf(dir.toString());
        try {
            activate(folder);
            long first = submit("li.csv", data, "k1", 202).get("id").asLong();
            assertThat(s.awaitJob(first, analyst).get("total_duty").decimalValue()).isEqualByComparingTo("71850.00"); // levy (12,000 − 5,000) × 10 t + 3.7 %
            java.nio.file.Files.writeString(dir.resolve("measures.yaml"), measures.replace("12000 USD/t", "15000 USD/t"));
            activate(folder);
            JsonNode again = submit("li.csv", data, "k1", 202);
            assertThat(again.get("id").asLong()).isNotEqualTo(first);
            assertThat(s.awaitJob(again.get("id").asLong(), analyst).get("total_duty").decimalValue()).isEqualByComparingTo("101850.00");
            // a bad edit is refused, every problem counted (it listed the first five, with no count)
            java.nio.file.Files.writeString(dir.resolve("measures.yaml"), measures.replace("2836.91", "9999.99").replace("type: variable-levy", "type: levy"));
            TestServer.Response bad = s.put("/api/regime", s.admin, Map.of("regime", folder));
            assertThat(bad.status()).isEqualTo(422);
            assertThat(bad.json().at("/error/message").asText()).matches("regime " + java.util.regex.Pattern.quote(folder) + " is invalid: \\d+ problems?: .*");
            assertThat(submit("li.csv", data, "k1", 200).get("id").asLong()).isEqualTo(again.get("id").asLong());
        } finally {
            activate("bundled");
        }
    }

    @Test
    void aCompareJobsIdentityCarriesBothSidesRegimeVersions() throws Exception {
        // (the store's unique key is on the params text: a regime released anew under the same name is another job)
        String before = CompareJobs.params("bundled", "2026.12.1", "bundled:plurilateral", null, "2026.12.1", 20);
        String after = CompareJobs.params("bundled", "2026.12.1", "bundled:plurilateral", null, "2026.12.2", 20);
        assertThat(before).isNotEqualTo(after);
        assertThat(CompareJobs.params("bundled", "2026.12.2", "bundled:plurilateral", null, "2026.12.1", 20)).isNotEqualTo(before);
        JsonNode p = TestServer.JSON.readTree(CompareJobs.params("bundled", "v1", "date:2026-03-01", null, null, 5));
        assertThat(p.get("a_version").asText()).isEqualTo("v1");
        assertThat(p.get("with_version").isNull()).isTrue();
        assertThat(p.get("with").asText()).isEqualTo("date:2026-03-01");
        // origins moved are part of the identity; none moved leaves the text as it was before they could be (no key)
        assertThat(p.has("with_origin")).isFalse();
        String moved = CompareJobs.params("bundled", "v1", "date:2026-03-01", "CN=VN", null, 5);
        assertThat(TestServer.JSON.readTree(moved).get("with_origin").asText()).isEqualTo("CN=VN");
        assertThat(CompareJobs.params("bundled", "v1", "date:2026-03-01", "CN=TH", null, 5)).isNotEqualTo(moved);
    }
}
