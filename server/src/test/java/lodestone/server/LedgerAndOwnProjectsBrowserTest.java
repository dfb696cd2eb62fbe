package lodestone.server;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Capabilities the command line and the API had and no page did: the ledger's verification on the History page
 * (administrators; an analyst is told who may), and one's own project and market files on the Projects page (read with
 * every problem at its line, then valued, screened and ranked with the bundled registry).
 */
class LedgerAndOwnProjectsBrowserTest {
    static TestServer s;
    static Browsers.Session session;
    static Browser browser;
    static String analyst;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer();
        session = Browsers.launch();
        browser = session.browser();
        analyst = s.post("/api/tokens", s.admin, Map.of("name", "ana", "role", "analyst")).json().get("secret").asText();
    }

    @AfterAll
    static void stop() {
        if (session != null) session.close();
        if (s != null) s.close();
    }

    @Test
    void theLedgerIsVerifiedFromTheHistoryPageByAdministratorsOnly() throws Exception {
        for (int i = 0; i < 2; i++) assertThat(s.post("/api/assessments", analyst, Schemas.ASSESSMENT_EXAMPLE).status()).isEqualTo(201);
        List<String> errors = new ArrayList<>();
        Page page = Browsers.signedIn(browser, s, errors);
        page.navigate(s.url() + "/#history");
        page.getByTestId("verify-run").click();
        assertThat(page.getByTestId("verify-head")).containsText("2 records checked; chain head at position 2, hash ");
        String head = s.get("/api/ledger/verify", s.admin).json().get("head_hash").asText();
        assertThat(page.getByTestId("verify-head").locator("code")).hasText(head);
        assertThat(page.getByTestId("verify-verdict")).hasText("Intact: every record's content matches its hash, every link holds, no position is missing.");

        // an analyst is not offered what the server would refuse, and is told who may
        Page ana = browser.newPage();
        Browsers.collectErrors(ana, errors, true);
        ana.navigate(s.url() + "/#token=" + analyst);
        assertThat(ana.getByTestId("who")).hasText("ana");
        ana.navigate(s.url() + "/#history");
        assertThat(ana.getByTestId("verify-refused")).hasText("Only administrators may verify the ledger (GET /api/ledger/verify); ask one to run it.");
        assertThat(ana.getByTestId("verify-run")).hasCount(0);
        assertThat(ana.getByTestId("history")).containsText("7408.11.60"); // the rest of the page as before
        TestServer.Response refused = s.get("/api/ledger/verify", analyst);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().at("/error/message").asText()).startsWith("only administrators may GET /api/ledger/verify");
        ana.close();

        // a record changed behind the server's back (as the database's superuser, past the append-only triggers): named on the page
        try (Connection c = superuser(); Statement st = c.createStatement()) {
            st.execute("set session_replication_role = replica");
            assertThat(st.executeUpdate("update assessment set total_duty = 0.01 where seq = 2")).isEqualTo(1);
        }
        page.getByTestId("verify-run").click();
        assertThat(page.getByTestId("verify-verdict")).containsText("NOT intact: 1 problem");
        assertThat(page.getByTestId("verify-problems").locator("li")).hasCount(1);
        assertThat(page.getByTestId("verify-problems").locator("li").first())
                .containsText("(position 2): its content does not match its hash — the record was changed");
        assertThat(page.getByTestId("verify-head")).containsText("2 records checked; chain head at position 2");
        assertThat(errors).isEmpty();
    }

    /** The events a stockpile's position is derived from, as GET /api/stockpiles/{name}/events lists them: who recorded each. */
    @Test
    void aStockpilesEventsAreListedOnItsPage() {
        TestServer.Response appended = s.post("/api/stockpiles/vault-test/events", s.admin, Map.of("events", List.of(
                Map.of("date", "2026-03-01", "type", "funding", "source", "government", "amount", 5_000_000, "note", "a test grant"),
                Map.of("date", "2026-04-01", "type", "acquisition", "mineral", "gallium", "quantity", 1000, "price", 580))));
        assertThat(appended.status()).as(appended.body()).isEqualTo(201);
        List<String> errors = new ArrayList<>();
        Page page = Browsers.signedIn(browser, s, errors);
        page.navigate(s.url() + "/#stockpiles/vault-test");
        page.getByTestId("events").locator("summary").click();
        assertThat(page.getByTestId("events-table").locator("tbody tr")).hasCount(2);
        assertThat(page.getByTestId("events-table").locator("tbody tr").first()).containsText("a test grant");
        assertThat(page.getByTestId("events-table").locator("tbody tr").nth(1)).containsText("mineral gallium; quantity 1\u202f000; price 580");
        assertThat(page.getByTestId("events-table").locator("tbody tr").nth(1)).containsText("(token #1) at 2026-");
        page.navigate(s.url() + "/#stockpiles/project-vault");
        page.getByTestId("events").locator("summary").click();
        assertThat(page.getByTestId("events-table").locator("tbody tr")).hasCount(20);
        assertThat(page.getByTestId("events-table")).containsText("Export-Import Bank of the United States");
        assertThat(page.getByTestId("events-table").locator("tbody tr").first()).containsText("bundled ledger");
        assertThat(errors).isEmpty();
    }

    /**
     * The average cost on the page is the CLI's and the API's, 4 decimals (reported: the page showed 650.01 where
     * `stockpile show` and the API say 650.0083). By hand: 3,000 kg at 600 + 3,001 kg at 700 = $3,900,700.00 for 6,001 kg,
     * 650.0083319… → 650.0083.
     */
    @Test
    void theAverageCostIsShownAsTheCommandLineAndTheApiGiveIt() {
        List<String> errors = new ArrayList<>();
        Page page = Browsers.signedIn(browser, s, errors);
        page.navigate(s.url() + "/#stockpiles");
        assertThat(page.getByTestId("position")).containsText("Project Vault");
        page.getByTestId("own-ledger").locator("summary").click();
        page.getByTestId("own-ledger-text").fill("""
                stockpile: avg
                events:
                  - {date: 2026-01-05, type: funding, source: government, amount: 100000000}
                  - {date: 2026-02-01, type: acquisition, mineral: gallium, quantity: 3000, price: 600}
                  - {date: 2026-02-02, type: acquisition, mineral: gallium, quantity: 3001, price: 700}
                """);
        page.getByTestId("own-ledger-use").click();
        Locator row = page.getByTestId("holdings").locator("tbody tr").first();
        assertThat(row).containsText("6\u202f001");
        assertThat(row).containsText("USD\u00a03\u202f900\u202f700.00");
        assertThat(row).containsText("650.0083");
        assertThat(errors).isEmpty();
        page.close();
    }

    /** A ledger file of one's own (as stockpile show|cover|release --file): pasted, derived, its cover computed; a refused one located. */
    @Test
    void aLedgerFileOfOnesOwnIsDerivedOnTheStockpilesPage() throws Exception {
        List<String> errors = new ArrayList<>();
        Page page = Browsers.signedIn(browser, s, errors);
        page.navigate(s.url() + "/#stockpiles");
        assertThat(page.getByTestId("position")).containsText("Project Vault");
        String text = Files.readString(ExposureApiTest.repo().resolve("examples/stockpile/small-reserve.yaml"));
        page.getByTestId("own-ledger").locator("summary").click();
        page.getByTestId("own-ledger-text").fill(text);
        page.getByTestId("own-ledger-use").click();
        assertThat(page.getByTestId("own-ledger-summary")).hasText("Your ledger my-ledger.yaml (Small reserve (example)): 2 events, "
                + "its position, cover and release below — derived for each request, not stored.");
        assertThat(page.getByTestId("position").locator("h2")).hasText("Small reserve (example) — as of 2026-02-01 (2 events)");
        assertThat(page.getByTestId("holdings")).containsText("10\u202f000");
        assertThat(page.getByTestId("holdings")).containsText("600");
        page.getByTestId("events").locator("summary").click();
        assertThat(page.getByTestId("events-table").locator("tbody tr")).hasCount(2);
        assertThat(page.getByTestId("events-table")).containsText("your file");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Compute cover")).click();
        assertThat(page.getByTestId("cover-table")).containsText("gallium", new LocatorAssertions.ContainsTextOptions().setTimeout(120_000));

        page.getByTestId("own-ledger-text").fill(text.replace("price: 600", "price: 6000"));
        page.getByTestId("own-ledger-use").click();
        assertThat(page.getByTestId("own-ledger-problems").locator("li")).hasText(new String[]{
                "my-ledger.yaml:7: events[1].quantity: the acquisition of $60,000,000.00 exceeds the funding left, $50,000,000.00"});
        // a source's address from one's own file is a link only when it is a web address (review: any text became a link)
        String withSources = text.replace("events:\n", "sources:\n  - {id: S1, title: \"a page\", url: \"https://example.org/a\"}\n"
                + "  - {id: S2, title: \"not a page\", url: \"javascript:alert(1)\"}\nevents:\n");
        page.getByTestId("own-ledger-text").fill(withSources);
        page.getByTestId("own-ledger-use").click();
        assertThat(page.getByTestId("position").locator("h2")).hasText("Small reserve (example) — as of 2026-02-01 (2 events)");
        assertThat(page.getByTestId("position").locator("a[href='https://example.org/a']")).hasCount(1);
        assertThat(page.getByTestId("position")).containsText("javascript:alert(1)");
        assertThat(page.locator("a[href^='javascript']")).hasCount(0);
        // a price per tonne keyed as per kg is derived as given, and said above the position
        page.getByTestId("own-ledger-text").fill(text.replace("quantity: 10000, price: 600", "quantity: 10, price: 600000"));
        page.getByTestId("own-ledger-use").click();
        assertThat(page.getByTestId("ledger-warnings").locator("li")).hasText("warning: my-ledger.yaml:7: events[1].price: 600000 USD/kg is "
                + "1,034 times above the reference price of gallium in the gallium market, 580 USD/kg: a ledger's prices are USD per kg "
                + "(a price per tonne is a thousand times one per kg); recorded as given");
        assertThat(page.getByTestId("holdings")).containsText("600\u202f000.0000");
        assertThat(errors).isEmpty();
    }

    /** The embedded database as its superuser: the password kept in DATA_DIR/db-secret, the port in postmaster.pid. */
    static Connection superuser() throws Exception {
        Properties secret = new Properties();
        try (var in = Files.newInputStream(s.dataDir.resolve("db-secret"))) {
            secret.load(in);
        }
        String port = Files.readAllLines(s.dataDir.resolve("postgres/postmaster.pid")).get(3).trim();
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", secret.getProperty("superuser"));
    }

    @Test
    void ownFilesAreReadValuedScreenedAndRankedOnTheProjectsPage() throws Exception {
        List<String> errors = new ArrayList<>();
        Page page = Browsers.signedIn(browser, s, errors);
        page.navigate(s.url() + "/#projects");
        Path dir = ExposureApiTest.repo().resolve("examples/projects");
        page.getByTestId("own-upload").setInputFiles(new Path[]{dir.resolve("flat-market.yaml"), dir.resolve("flat-plant.yaml")});
        page.getByTestId("own-date").fill("2026-09-30");
        page.getByTestId("own-read").click();
        assertThat(page.getByTestId("own-summary")).hasText("Read flat-market.yaml, flat-plant.yaml: flat-plant; markets flat-ndpr. "
                + "Value, compare and rank them below.");
        assertThat(page.getByTestId("own-projects")).containsText("1\u202f000 (A1)");
        assertThat(page.getByTestId("own-projects")).containsText("pass");
        assertThat(page.getByTestId("own-screening")).containsText("forced-labour entity lists");
        assertThat(page.getByTestId("own-result").locator("h3")).hasText("Screening of flat-plant (default criteria, entity lists as of 2026-09-30)");
        assertThat(page.getByTestId("own-screening")).containsText("as of 2026-09-30");
        assertThat(page.getByTestId("own-markets")).containsText("none: valuation only");
        // the project joins the valuation's list, chosen; valued as by hand: 20 × (1 − 1.1⁻²⁰) / 0.1 − 100 / 1.1 = 79.36 M USD
        assertThat(page.getByTestId("value-project")).hasValue("flat-plant");
        page.getByTestId("value-paths").fill("1000");
        page.getByTestId("value-run").click();
        assertThat(page.getByTestId("value-result")).containsText("flat-plant: no support.");
        assertThat(page.getByTestId("value-table").locator("tbody tr").first()).containsText("79 ± 0");
        assertThat(page.getByTestId("value-table")).containsText("50.68");
        assertThat(page.getByTestId("value-not-modelled")).hasText("Not modelled: working capital, closure and rehabilitation costs, value "
                + "after the last year of production (no terminal value); flows fall at the ends of years (no mid-year convention); "
                + "depreciation straight-line over 10 years.");

        // pasted: a project in the bundled ndpr market, ranked among the bundled ones
        String plant = Files.readString(dir.resolve("flat-plant.yaml"));
        page.getByTestId("own-upload").setInputFiles(new Path[0]);
        page.getByTestId("own-name").fill("my-ndpr-plant.yaml");
        page.getByTestId("own-text").fill(plant.replace("project: flat-plant", "project: my-ndpr-plant").replace("market: flat-ndpr", "market: ndpr")
                .replace("country: CA", "country: US"));
        page.getByTestId("own-read").click();
        assertThat(page.getByTestId("own-summary")).containsText("Read my-ndpr-plant.yaml: my-ndpr-plant; no market.");
        page.getByTestId("rank-market").selectOption("ndpr");
        page.getByTestId("rank-run").click();
        assertThat(page.getByTestId("rank-table")).containsText("my-ndpr-plant", new LocatorAssertions.ContainsTextOptions().setTimeout(120_000));
        assertThat(page.getByTestId("rank-table").locator("tbody tr").nth(1)).containsText("my-ndpr-plant");

        // a refused file: each problem at its file, line and field; the earlier files are no longer used
        page.getByTestId("own-text").fill(plant.replace("opex: {value: 40, assumption: A1}", "opex: 40")
                .replace("capacity: {value: 1000, assumption: A1}", "capacity: {value: -5, assumption: A1}"));
        page.getByTestId("own-name").fill("mine.yaml");
        page.getByTestId("own-read").click();
        assertThat(page.getByTestId("own-result").getByTestId("error")).containsText("3 problems; nothing was loaded:");
        assertThat(page.getByTestId("own-problems").locator("li")).hasText(new String[]{
                "mine.yaml:9: market: 'flat-ndpr' is not a known market; expected one of ndpr, lce, gallium, antimony, germanium, ndfeb",
                "mine.yaml:11: capacity.value: -5 is out of range; expected between 0 and 100000000 (t a year at full ramp)",
                "mine.yaml:15: opex: a bare number has no provenance; write {value: 40, source: ID} (or assumption: ID)"});
        assertThat(page.getByTestId("value-project").locator("optgroup")).hasCount(0);
        page.getByTestId("value-run").click();
        assertThat(page.getByTestId("value-result")).not().containsText("flat-plant");
        assertThat(errors).isEmpty();
    }
}
