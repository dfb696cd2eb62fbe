package lodestone.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import lodestone.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same input gives the same bytes through the command line and the API (a regulator compares them). Regression: a
 * stored scenario run's or path job's result, a ledger record and a what-if were read back from PostgreSQL's jsonb,
 * which sorts an object's keys (shortest first) and rewrites numbers, so GET /api/scenario-runs/{id},
 * /api/path-jobs/{id}, /api/assessments/{id} and /api/whatifs/{id} answered the values of {@code simulate --json},
 * {@code montecarlo --json}, {@code assess --json} and of the POST that made them in other bytes ({@code "flows"} first,
 * where the command line starts with {@code "status"}).
 *
 * <p>The command line indents its JSON and the API does not: the two are compared token by token, each key, string and
 * number as its text, which is the bytes less the whitespace between tokens; and the command line's text is the file the
 * web page saves of the API's answer ({@code JsonIndent.pageFile}, as kit/download.js), byte for byte.
 */
class ApiAnswersAsCliTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static Path dir;
    static Server server;
    static String token;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("lodestone-api-as-cli");
        server = Server.start(Server.Config.defaults(dir).withPort(0).withLog(new PrintStream(PrintStream.nullOutputStream())));
        token = server.adminToken().orElseThrow();
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) server.close();
        try (var all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aStoredScenarioRunIsTheBytesSimulatePrints() throws Exception {
        Cli cli = Cli.run("simulate", "ndpr", "--json");
        assertThat(cli.exit()).as(cli.err()).isZero();
        JsonNode posted = JSON.readTree(send("POST", "/api/scenario-runs", "{\"scenario\":\"ndpr\"}"));
        String got = send("GET", "/api/scenario-runs/" + posted.get("id").asLong(), null);
        assertThat(tokens(resultOf(got))).isEqualTo(tokens(cli.out()));
        assertThat(firstKeys(resultOf(got))).startsWith("status", "scenario", "baseline"); // jsonb's order began "flows"
        // byte for byte: the command line prints the file the web page saves of the API's answer ("Download JSON")
        assertThat(cli.out()).isEqualTo(lodestone.report.JsonIndent.pageFile(resultOf(got)));
    }

    @Test
    void aFinishedMonteCarloJobIsTheBytesMontecarloPrints() throws Exception {
        Cli cli = Cli.run("montecarlo", "ndpr-2025-2040", "--draws", "12", "--seed", "5", "--metric", "price[US]", "--metric",
                "club_supply_share", "--event", "club_supply_share(2030) >= 0.5", "--json");
        assertThat(cli.exit()).as(cli.err()).isZero();
        JsonNode job = JSON.readTree(send("POST", "/api/path-jobs", "{\"scenario\":\"ndpr-2025-2040\",\"kind\":\"montecarlo\",\"draws\":12,"
                + "\"seed\":5,\"metrics\":[\"price[US]\",\"club_supply_share\"],\"events\":[\"club_supply_share(2030) >= 0.5\"]}"));
        String got = null;
        for (int i = 0; i < 600; i++) {
            got = send("GET", "/api/path-jobs/" + job.get("id").asLong(), null);
            String status = JSON.readTree(got).get("status").asText();
            if (!status.equals("queued") && !status.equals("running")) break;
            Thread.sleep(100);
        }
        assertThat(JSON.readTree(got).get("status").asText()).as(got).isEqualTo("done");
        // everything but the run's own wall-clock time ("seconds"), which no two runs share
        assertThat(withoutSeconds(tokens(resultOf(got)))).isEqualTo(withoutSeconds(tokens(cli.out())));
    }

    @Test
    void aLedgerRecordIsTheBytesAssessPrints() throws Exception {
        Cli cli = Cli.run("assess", "--hts", "2805.30.00.10", "--origin", "CN", "--value", "10000", "--currency", "USD", "--quantity",
                "100", "--unit", "kg", "--date", "2026-11-02", "--json");
        assertThat(cli.exit()).as(cli.err()).isZero();
        JsonNode posted = JSON.readTree(send("POST", "/api/assessments", "{\"hts\":\"2805.30.00.10\",\"origin\":\"CN\","
                + "\"customs_value\":\"10000\",\"currency\":\"USD\",\"quantity\":\"100\",\"unit\":\"kg\",\"entry_date\":\"2026-11-02\"}"));
        String got = send("GET", "/api/assessments/" + posted.get("id").asLong(), null);
        assertThat(tokens(valueOf(got, "assessment"))).isEqualTo(tokens(cli.out()));
        assertThat(cli.out()).isEqualTo(lodestone.report.JsonIndent.pageFile(valueOf(got, "assessment")));
        assertThat(firstKeys(valueOf(got, "assessment"))).containsExactly("line_id", "status", "regime"); // jsonb's began "hts", "date"
        // the request as it was sent, not re-sorted
        assertThat(valueOf(got, "request")).isEqualTo("{\"hts\":\"2805.30.00.10\",\"origin\":\"CN\",\"customs_value\":\"10000\","
                + "\"currency\":\"USD\",\"quantity\":\"100\",\"unit\":\"kg\",\"entry_date\":\"2026-11-02\"}");
        assertThat(JSON.readTree(send("GET", "/api/ledger/verify", null)).get("intact").asBoolean()).isTrue();
    }

    @Test
    void aRecordedWhatIfIsTheBytesItsPostAnswered() throws Exception {
        String posted = send("POST", "/api/compare", "{\"hts\":\"2805.30.00.10\",\"origin\":\"CN\",\"customs_value\":\"10000\","
                + "\"currency\":\"USD\",\"quantity\":\"100\",\"unit\":\"kg\",\"entry_date\":\"2026-11-02\",\"with\":\"date:2026-03-02\"}");
        String got = send("GET", "/api/whatifs/" + JSON.readTree(posted).get("whatif_id").asLong(), null);
        List<String> answered = tokens(posted);
        int id = answered.indexOf("FIELD_NAME whatif_id");
        answered.subList(id, id + 2).clear(); // the record's id, which the what-if does not hold
        assertThat(tokens(valueOf(got, "result"))).isEqualTo(answered);
    }

    /**
     * Regression: GET /api/projects answered {@code Map.of("projects", …, "markets", …)}, whose order is the JVM's (it changed
     * from one server start to the next: "markets" first on 2026-12-07), where {@code projects list --json} prints
     * "projects" first.
     */
    @Test
    void theProjectRegistryIsTheBytesProjectsListPrints() throws Exception {
        Cli cli = Cli.run("projects", "list", "--json");
        assertThat(cli.exit()).as(cli.err()).isZero();
        String got = send("GET", "/api/projects", null);
        assertThat(tokens(got)).isEqualTo(tokens(cli.out()));
        assertThat(cli.out()).isEqualTo(lodestone.report.JsonIndent.pageFile(got));
    }

    /** The text of the answer's "result" value, as the API wrote it. */
    private static String resultOf(String answer) throws IOException {
        return valueOf(answer, "result");
    }

    /** The text of the answer's value at {@code key}, as the API wrote it. */
    private static String valueOf(String answer, String key) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(answer)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals(key)) {
                    int from = (int) p.currentTokenLocation().getCharOffset();
                    p.skipChildren();
                    int to = (int) p.currentLocation().getCharOffset();
                    return answer.substring(from, to);
                }
                p.skipChildren();
            }
        }
        throw new AssertionError("no " + key + " in " + answer);
    }

    /** Every token with its text: keys, strings and numbers as written. */
    static List<String> tokens(String json) throws IOException {
        List<String> out = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) out.add(t.name() + " " + p.getText());
        }
        return out;
    }

    private static List<String> firstKeys(String json) throws IOException {
        return tokens(json).stream().filter(t -> t.startsWith("FIELD_NAME ")).limit(3).map(t -> t.substring(11)).toList();
    }

    private static List<String> withoutSeconds(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens);
        int at = out.indexOf("FIELD_NAME seconds");
        assertThat(at).as("the result has its seconds").isGreaterThanOrEqualTo(0);
        out.remove(at + 1);
        return out;
    }

    private static String send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).header("Authorization", "Bearer " + token);
        b = body == null ? b.GET() : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
        return r.body();
    }
}
