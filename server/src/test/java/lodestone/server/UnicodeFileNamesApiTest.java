package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The names people give their files in their own scripts — a Guatemalan's "envíos-añil.csv", a Japanese "輸入申告.csv", an
 * Egyptian's "شحنات 2026.csv" — are kept as their labels (bulk and compare jobs, project, ledger and company files): they
 * were documented as "letters, digits, ., _, - and space kept" but only A–Z were letters, so "شحنات 2026.csv" became
 * "_____ 2026.csv" and two Japanese files the same "____.csv". What could mislead or break stays replaced (markup, folders,
 * the bidirectional overrides that show "gpj.exe" as "exe.jpg"); a download's Content-Disposition carries the name as
 * RFC 6266's filename* (UTF-8) with an ASCII filename beside it.
 */
class UnicodeFileNamesApiTest {
    static TestServer s;
    static String analyst;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer();
        analyst = s.post("/api/tokens", s.admin, Map.of("name", "ana", "role", "analyst")).json().get("secret").asText();
    }

    @AfterAll
    static void stop() {
        if (s != null) s.close();
    }

    private static final byte[] CSV = ("line_id,hts,origin,customs_value,currency,quantity,unit,entry_date\n"
            + "ñandú-1,2846.90.80.90,AU,1000.00,USD,1,kg,2026-03-02\n").getBytes(StandardCharsets.UTF_8);

    private static int uploads;

    /** The file uploaded under this name (each with its own idempotency key: the same file again would be the first job), once its job has ended. */
    private static JsonNode upload(String name) {
        TestServer.Response r = s.upload("/api/bulk-jobs?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"), analyst, CSV,
                "names-" + ++uploads);
        assertThat(r.status()).as(r.body()).isIn(200, 202);
        try {
            s.awaitJob(r.json().get("id").asLong(), analyst); // at most four of a user's jobs queued or running
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return r.json();
    }

    @Test
    void aBulkFilesNameInAnyScriptIsKeptAndDownloadedUnderIt() throws Exception {
        JsonNode arabic = upload("شحنات 2026.csv");
        assertThat(arabic.get("file_name").asText()).isEqualTo("شحنات 2026.csv");
        assertThat(upload("envíos-añil.csv").get("file_name").asText()).isEqualTo("envíos-añil.csv");
        // the same name typed on a Mac (decomposed: i and a combining acute) is the same name
        assertThat(upload("envi\u0301os-an\u0303il.csv").get("file_name").asText()).isEqualTo("envíos-añil.csv");
        assertThat(upload("輸入申告.csv").get("file_name").asText()).isEqualTo("輸入申告.csv");
        assertThat(upload("आयात-१२.csv").get("file_name").asText()).isEqualTo("आयात-१२.csv");
        // markup, folders and a right-to-left override are still replaced
        assertThat(upload("<b>../x\u202Egpj.csv").get("file_name").asText()).isEqualTo("_b_.._x_gpj.csv");
        // a name of more than 120 characters is cut at 120 characters, never inside one (𠀋 is two UTF-16 units)
        assertThat(upload("𠀋".repeat(130) + ".csv").get("file_name").asText()).isEqualTo("𠀋".repeat(120));

        long id = arabic.get("id").asLong();
        assertThat(s.awaitJob(id, analyst).get("status").asText()).isEqualTo("done");
        TestServer.Response results = s.get("/api/bulk-jobs/" + id + "/results", analyst);
        assertThat(results.status()).isEqualTo(200);
        assertThat(results.body()).contains("ñandú-1");
        assertThat(results.headers().get("content-disposition")).containsExactly("attachment; filename=\"_____ 2026-results.csv\"; "
                + "filename*=UTF-8''%D8%B4%D8%AD%D9%86%D8%A7%D8%AA%202026-results.csv");
        TestServer.Response rejects = s.get("/api/bulk-jobs/" + id + "/rejects", analyst);
        assertThat(rejects.headers().get("content-disposition")).containsExactly("attachment; filename=\"_____ 2026-rejects.csv\"; "
                + "filename*=UTF-8''%D8%B4%D8%AD%D9%86%D8%A7%D8%AA%202026-rejects.csv");
        // an ASCII name as before: one filename
        long plain = upload("entries.csv").get("id").asLong();
        s.awaitJob(plain, analyst);
        assertThat(s.get("/api/bulk-jobs/" + plain + "/results", analyst).headers().get("content-disposition"))
                .containsExactly("attachment; filename=\"entries-results.csv\"");
    }

    @Test
    void aProjectFilesNameInAnyScriptLabelsItsProblems() {
        TestServer.Response r = s.post("/api/project-files", analyst, Map.of("files", List.of(Map.of("name", "鉱山プロジェクト.yaml",
                "text", "project: {}\n"))));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("error").get("message").asText()).contains("\n鉱山プロジェクト.yaml:");
    }

    @Test
    void aLedgerFilesNameInAnyScriptLabelsItsProblems() {
        TestServer.Response r = s.post("/api/stockpile-files", analyst, Map.of("file", Map.of("name", "مخزون-مصر.yaml",
                "text", "stockpile: x\nevents: 3\n")));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("error").get("message").asText()).contains("\nمخزون-مصر.yaml:");
    }
}
