package lodestone.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /api/compare-jobs/{job}/resubmit when what the job was compared with is no longer on the server: a job compared with
 * folder:NAME, then the server restarted without offering that folder (its operator dropped --regime-folder). The job cannot
 * be compared again as it was, and the answer says so at {@code job} (400) rather than comparing with something else; no new
 * job is made.
 */
class CompareResubmitRegimeGoneTest {
    @TempDir
    Path tmp;

    @Test
    void aCompareJobWhoseOtherRegimeIsNoLongerOfferedIsRefusedNamingTheJobAndMakesNoJob() throws Exception {
        Path folder = Files.createSymbolicLink(tmp.resolve("gone-regime"), Path.of(TestServer.repoRegime()));
        byte[] file = ApiTest.generated(lodestone.regime.Regime.bundled(), 11L, 300).getBytes(StandardCharsets.UTF_8);
        TestServer first = new TestServer(List.of(folder.toString()));
        Path data;
        long id;
        String broker;
        try {
            broker = first.post("/api/tokens", first.admin, Map.of("name", "broker", "role", "analyst")).json().get("secret").asText();
            TestServer.Response sub = first.upload("/api/compare-jobs?with=folder:gone-regime&name=cmp.csv", broker, file, "g");
            assertThat(sub.status()).as(sub.body()).isEqualTo(202);
            id = sub.json().get("id").asLong();
            assertThat(first.awaitCompareJob(id, broker).get("status").asText()).isEqualTo("done");
            data = first.keepDataDir();
        } finally {
            first.close();
        }
        try (TestServer again = new TestServer(data)) {
            int before = again.get("/api/compare-jobs", broker).json().size();
            TestServer.Response r = again.post("/api/compare-jobs/" + id + "/resubmit", broker, "");
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.json().at("/error/field").asText()).isEqualTo("job");
            assertThat(r.json().at("/error/message").asText()).isEqualTo("compare job " + id + " cannot be compared again as it was"
                    + " (with folder:gone-regime): with: unknown regime; expected one of bundled, bundled:plurilateral, folder:regime, or"
                    + " date:YYYY-MM-DD (the server's operator offers a folder or manifest with lodestone serve --regime-folder DIR)");
            assertThat(again.get("/api/compare-jobs", broker).json().size()).as("no new job").isEqualTo(before);
        } // (the data directory, a copy of the new store, is deleted at the suite's end: SuiteEnd)
    }
}
