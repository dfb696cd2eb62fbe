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
 * A stockpile ledger file of an analyst's own (the command line's --file) through the API: sent as its text, its position,
 * import cover and a coordinated release derived for the request — nothing stored — and every problem at its line.
 */
class StockpileFilesApiTest {
    static TestServer s;
    static String analyst;
    static String text;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer();
        analyst = s.post("/api/tokens", s.admin, Map.of("name", "ana", "role", "analyst")).json().get("secret").asText();
        text = Files.readString(ExposureApiTest.repo().resolve("examples/stockpile/small-reserve.yaml"));
    }

    @AfterAll
    static void stop() {
        if (s != null) s.close();
    }

    static Map<String, Object> file() {
        return Map.of("name", "small-reserve.yaml", "text", text);
    }

    /** examples/stockpile/small-reserve.yaml by hand: 50 M USD funded, 10,000 kg of gallium at 600 USD/kg, 44 M USD left. */
    @Test
    void aLedgerFileOfOnesOwnIsDerivedAndNotStored() {
        JsonNode v = s.post("/api/stockpile-files", analyst, Map.of("file", file())).json();
        assertThat(v.get("name").asText()).as(v.toString()).isEqualTo("Small reserve (example)");
        assertThat(v.get("stored_events").asInt()).isZero();
        assertThat(v.at("/position/events").asInt()).isEqualTo(2);
        assertThat(v.at("/position/as_of").asText()).isEqualTo("2026-02-01");
        assertThat(v.at("/position/holdings/0/mineral").asText()).isEqualTo("gallium");
        assertThat(v.at("/position/holdings/0/quantity_kg").decimalValue()).isEqualByComparingTo("10000");
        assertThat(v.at("/position/holdings/0/cost_basis").decimalValue()).isEqualByComparingTo("6000000");
        assertThat(v.at("/position/funding/left").decimalValue()).isEqualByComparingTo("44000000");
        assertThat(v.get("events").findValuesAsText("type")).containsExactly("funding", "acquisition");
        // as of a date before the purchase: the funding only
        JsonNode before = s.post("/api/stockpile-files?as_of=2026-01-20", analyst, Map.of("file", file())).json();
        assertThat(before.at("/position/holdings").size()).isZero();
        assertThat(before.at("/position/funding/left").decimalValue()).isEqualByComparingTo("50000000");
        // nothing kept
        assertThat(s.get("/api/stockpiles", analyst).json().get("stockpiles").findValuesAsText("name")).doesNotContain("small-reserve");
        assertThat(s.get("/api/stockpiles/small-reserve", analyst).status()).isEqualTo(404);
    }

    @Test
    void itsCoverAndACoordinatedReleaseAreComputedAsForANamedLedger() {
        JsonNode c = s.post("/api/stockpile-files/cover?disruption=gallium-ban&months=13", analyst, Map.of("file", file())).json();
        assertThat(c.get("stockpile").asText()).as(c.toString()).isEqualTo("small-reserve");
        JsonNode ga = null;
        for (JsonNode l : c.get("lines")) if (l.get("mineral").asText().equals("gallium")) ga = l;
        assertThat(ga).as(c.toString()).isNotNull();
        assertThat(ga.get("holding_kg").asDouble()).isEqualTo(10000);
        JsonNode r = s.post("/api/stockpile-files/release", analyst, Map.of("file", file(), "mineral", "gallium", "disruption", "gallium-ban",
                "months", 13, "allies", Map.of())).json();
        assertThat(r.get("total_released_kg").asDouble()).as(r.toString()).isPositive().isLessThanOrEqualTo(10000);
        JsonNode us = r.get("shares").get(0);
        // released at its book cost: 600 USD/kg
        assertThat(us.get("book_cost").asDouble()).isCloseTo(us.get("quantity_kg").asDouble() * 600, within(0.005));
    }

    @Test
    void everyProblemIsReportedAtItsLineAndTheRequestIsChecked() {
        String bad = text.replace("source: government", "source: appropriation").replace("price: 600", "price: 6000");
        TestServer.Response r = s.post("/api/stockpile-files", analyst, Map.of("file", Map.of("name", "mine.yaml", "text", bad)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("invalid_ledger");
        assertThat(r.json().at("/error/field").asText()).isEqualTo("file");
        // every problem at once, those of reading the file and those of deriving it (the funding refused, nothing is left to buy with)
        assertThat(r.json().at("/error/message").asText()).isEqualTo("2 problems in the stockpile ledger; nothing was derived:\n"
                + "mine.yaml:6: events[0].source: 'appropriation' is not allowed; expected one of exim-loan, private-capital, government, entry-fee\n"
                + "mine.yaml:7: events[1].quantity: the acquisition of $60,000,000.00 exceeds the funding left, $0.00");
        assertThat(r.json().at("/error/problems/1/line").asInt()).isEqualTo(7);
        assertThat(r.json().at("/error/problems/1/field").asText()).isEqualTo("events[1].quantity");
        assertThat(r.json().at("/error/problems/0/file").asText()).isEqualTo("mine.yaml");
        TestServer.Response over = s.post("/api/stockpile-files", analyst, Map.of("file", Map.of("name", "mine.yaml", "text", text.replace("price: 600", "price: 6000"))));
        assertThat(over.json().at("/error/message").asText()).isEqualTo("1 problem in the stockpile ledger; nothing was derived:\n"
                + "mine.yaml:7: events[1].quantity: the acquisition of $60,000,000.00 exceeds the funding left, $50,000,000.00");
        assertThat(message("/api/stockpile-files", Map.of())).isEqualTo("file: missing; expected {\"name\": \"my-ledger.yaml\", \"text\": \"stockpile: …\"}, "
                + "the ledger file's text (a request never names a file on the server)");
        assertThat(message("/api/stockpile-files", Map.of("file", Map.of("path", "/srv/ledger.yaml")))).isEqualTo("file.path: unknown key; expected name, text");
        assertThat(message("/api/stockpile-files", Map.of("file", file(), "as_of", "2026-01-01")))
                .isEqualTo("as_of: unknown key; expected file (the query takes the other parameters)");
        assertThat(message("/api/stockpile-files/release", Map.of("file", file(), "mineral", "gallium", "disruption", "gallium-ban", "total", 5)))
                .isEqualTo("total: unknown key; expected only file, mineral, disruption, disruption_text, months, start, rule, total_kg, country, allies, as_of "
                        + "(the quantity to release is total_kg, in kg)");
        assertThat(message("/api/stockpile-files/release", Map.of("mineral", "gallium"))).startsWith("file: missing;");
        assertThat(message("/api/stockpile-files/cover?months=13", Map.of("file", file())))
                .isEqualTo("months: the length of a disruption; give disruption too (or leave months out)");
    }

    private static String message(String path, Map<String, Object> body) {
        TestServer.Response r = s.post(path, analyst, body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        return r.json().at("/error/message").asText();
    }
}
