package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Stockpiles page appends events to a shared ledger as POST /api/stockpiles/{name}/events does (the API had it, no
 * page did): administrators only (an analyst is told who may); a refused event's every problem at its field (the API's
 * error.problems); an event recorded with its amounts exactly as typed, the position and the events drawn again from
 * the server, and what was recorded said.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StockpileAppendBrowserTest {
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
    @Order(1)
    void theApiListsEveryProblemOfARefusedLedgerAtItsField() {
        TestServer.Response bad = s.post("/api/stockpiles/project-vault/events", s.admin, Map.of("events", List.of(
                Map.of("date", "2027-01-05", "type", "release", "mineral", "gallium", "quantity", "1000", "price", "900"),
                Map.of("date", "2027-01-06", "type", "release", "mineral", "gallium", "quantity", "50000", "price", "900"),
                Map.of("date", "2027-01-07", "type", "acquisition", "mineral", "gallium", "quantity", "abc", "price", "1"))));
        assertThat(bad.status()).isEqualTo(400);
        JsonNode error = bad.json().get("error");
        assertThat(error.get("code").asText()).isEqualTo("invalid_ledger");
        JsonNode problems = error.get("problems");
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0).get("field").asText()).isEqualTo("events[2].quantity");
        assertThat(problems.get(0).get("message").asText()).isEqualTo("request:1: events[2].quantity: 'abc' is not a number");
        assertThat(problems.get(1).get("field").asText()).isEqualTo("events[1].quantity");
        assertThat(problems.get(1).get("message").asText())
                .isEqualTo("request:1: events[1].quantity: a release of 50000 kg of gallium is larger than the holding, 19000 kg");
        assertThat(error.get("message").asText()).isEqualTo("2 problems; nothing was written:\n" + problems.get(0).get("message").asText()
                + "\n" + problems.get(1).get("message").asText());
        assertThat(s.get("/api/stockpiles/project-vault", s.admin).json().get("stored_events").asInt()).isZero();
    }

    @Test
    @Order(3)
    void anAdministratorRecordsAnEventWithItsFiguresExactlyAndSeesTheLedgerDerivedAgain() {
        List<String> errors = new ArrayList<>();
        Page page = Browsers.signedIn(browser, s, errors);
        page.navigate(s.url() + "/#stockpiles/project-vault");
        Locator form = page.getByTestId("append-form");
        assertThat(form).isVisible();
        // the fields of the kind of event chosen, and only those
        page.getByTestId("append-type").selectOption("funding");
        assertThat(page.getByTestId("append-field-amount")).isVisible();
        assertThat(page.getByTestId("append-field-mineral")).isHidden();
        page.getByTestId("append-type").selectOption("release");
        assertThat(page.getByTestId("append-field-amount")).isHidden();
        assertThat(page.getByTestId("append-field-mineral")).isVisible();

        // the browser's check first: a release needs its mineral, quantity and price
        form.locator("[name=date]").fill("2027-01-05");
        page.getByTestId("append-submit").click();
        assertThat(page.getByTestId("append-result").getByTestId("error")).containsText("Mineral: ");
        assertThat(form.locator("[name=quantity]")).hasAttribute("aria-invalid", "true");

        // the ledger's problem, at its field: more than the holding
        form.locator("[name=mineral]").fill("gallium");
        form.locator("[name=quantity]").fill("50000");
        form.locator("[name=price]").fill("900");
        page.getByTestId("append-submit").click();
        assertThat(page.getByTestId("append-result").getByTestId("error"))
                .hasText("Quantity: a release of 50000 kg of gallium is larger than the holding, 20000 kg");
        assertThat(form.locator("[name=quantity]")).hasAttribute("aria-invalid", "true");
        assertThat(page.getByTestId("append-field-quantity").getByTestId("field-error"))
                .hasText("Quantity: a release of 50000 kg of gallium is larger than the holding, 20000 kg");
        assertThat(form.locator("[name=mineral]")).not().hasAttribute("aria-invalid", "true");
        assertThat(s.get("/api/stockpiles/project-vault", s.admin).json().get("stored_events").asInt()).isZero();

        // recorded: the amounts as typed (a price of a tenth of a cent, never through a float), and the ledger drawn again
        form.locator("[name=quantity]").fill("1000");
        form.locator("[name=price]").fill("900.125");
        form.locator("[name=counterparty]").fill("market");
        form.locator("[name=note]").fill("first sale <b>test</b>");
        page.getByTestId("append-submit").click();
        Locator recorded = page.getByTestId("append-recorded");
        assertThat(recorded).containsText("Recorded in project-vault: one event; the ledger now has 21 events");
        assertThat(recorded.locator("li")).hasText("#21 2027-01-05 release: mineral gallium; quantity 1000; unit kg; price 900.125; "
                + "counterparty market; note first sale <b>test</b>");
        JsonNode events = s.get("/api/stockpiles/project-vault/events", s.admin).json().get("events");
        assertThat(events).hasSize(21);
        JsonNode last = events.get(20);
        assertThat(last.get("price").decimalValue()).isEqualByComparingTo("900.125");
        assertThat(last.get("quantity").decimalValue()).isEqualByComparingTo("1000");
        assertThat(last.get("recorded_by").asText()).startsWith("administrator (token #");
        // the position and the events as the server derives them now
        JsonNode pos = s.get("/api/stockpiles/project-vault", s.admin).json().get("position");
        assertThat(pos.get("events").asInt()).isEqualTo(21);
        assertThat(page.getByTestId("position").locator("h2")).containsText("(21 events)");
        assertThat(page.getByTestId("holdings").locator("tbody tr").first()).containsText("19\u202f000");
        Locator table = page.getByTestId("events-table").locator("tbody tr");
        assertThat(table).hasCount(21);
        assertThat(table.nth(20)).containsText("mineral gallium; quantity 1\u202f000; price 900.125"); // as the ledger holds it, not rounded
        assertThat(table.nth(20)).containsText("administrator (token #");
        assertThat(page.locator("select[name=stockpile] option[value=project-vault]")).hasText("project-vault (21 events, in the store)");
        assertThat(page.locator("b", new Page.LocatorOptions().setHasText("test"))).hasCount(0); // the note is text

        // another append starts from the new count (expected_events 21): a second event is recorded after the first
        page.getByTestId("append-type").selectOption("carrying-cost");
        form.locator("[name=date]").fill("2027-02-01");
        form.locator("[name=amount]").fill("1234.56");
        form.locator("[name=source_ref]").fill("S2"); // kept with the event (it was read and dropped)
        page.getByTestId("append-submit").click();
        assertThat(page.getByTestId("append-recorded").locator("li")).hasText("#22 2027-02-01 carrying-cost: amount 1234.56; kind storage; source ref S2");
        // an event dated after today is said so where it is recorded (reported: a date a year ahead was taken without a word)
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        java.time.LocalDate first = java.time.LocalDate.now(java.time.ZoneOffset.ofHours(14));
        if (first.isBefore(java.time.LocalDate.of(2027, 2, 1))) {
            assertThat(page.getByTestId("append-warnings")).hasText("warning: events[0].date: 2027-02-01 is after today, " + today
                    + " in UTC and " + (first.equals(today) ? "" : first + " ") + "where the day begins first (UTC+14): recorded as dated, and the ledger's position is now as of 2027-02-01; a ledger records what has happened, "
                    + "and an appended event stays");
        } else {
            assertThat(page.getByTestId("append-warnings")).hasCount(0);
        }
        JsonNode second = s.get("/api/stockpiles/project-vault/events", s.admin).json().get("events").get(21);
        assertThat(second.get("amount").decimalValue()).isEqualByComparingTo("1234.56");
        assertThat(second.get("source_ref").asText()).isEqualTo("S2");
        assertThat(page.getByTestId("events-table").locator("tbody tr").nth(21)).containsText("source ref S2");
        assertThat(errors).as("errors in the browser console").isEmpty();
        page.close();
    }

    @Test
    @Order(2)
    void anAnalystIsToldWhoMayAppendAndIsOfferedNoForm() {
        List<String> errors = new ArrayList<>();
        Page ana = browser.newPage();
        Browsers.collectErrors(ana, errors, true);
        ana.navigate(s.url() + "/#token=" + analyst);
        assertThat(ana.getByTestId("who")).hasText("ana");
        ana.navigate(s.url() + "/#stockpiles/project-vault");
        assertThat(ana.getByTestId("append-refused")).hasText("Only administrators may append events to a stockpile ledger "
                + "(POST /api/stockpiles/NAME/events): the ledger is shared by every user and append-only. Ask one to record an event.");
        assertThat(ana.getByTestId("append-form")).hasCount(0);
        assertThat(ana.getByTestId("holdings")).containsText("gallium"); // the rest of the page as before
        assertThat(errors).as("errors in the browser console").isEmpty();
        ana.close();
    }

    @Test
    @Order(4)
    void anAdministratorStartsALedgerWithItsFirstEventAndAnAnalystCannot() {
        List<String> errors = new ArrayList<>();
        Page page = Browsers.signedIn(browser, s, errors);
        page.navigate(s.url() + "/#stockpiles");
        page.getByTestId("new-ledger-name").fill("My Reserve");
        page.getByTestId("new-ledger-form").locator("button").click();
        assertThat(page.getByTestId("new-ledger-form").getByTestId("field-error"))
                .hasText("Start a ledger named: expected lower-case letters, digits and hyphens (at most 63), e.g. my-reserve");
        page.getByTestId("new-ledger-name").fill("my-reserve");
        page.getByTestId("new-ledger-form").locator("button").click();
        assertThat(page.getByTestId("new-ledger").locator("h2")).hasText("A new ledger: my-reserve");
        assertThat(page.locator("select[name=stockpile]")).hasValue("my-reserve");
        Locator form = page.getByTestId("append-form");
        assertThat(page.getByTestId("append-type")).hasValue("funding");
        form.locator("[name=date]").fill("2026-01-15");
        form.locator("[name=source]").selectOption("government");
        form.locator("[name=amount]").fill("50000000.00");
        page.getByTestId("append-submit").click();
        assertThat(page.getByTestId("append-recorded")).containsText("Recorded in my-reserve: one event; the ledger now has 1 event,");
        assertThat(page.getByTestId("funding")).containsText("USD\u00a050\u202f000\u202f000.00");
        assertThat(page.locator("select[name=stockpile] option[value=my-reserve]")).hasText("my-reserve (1 events, in the store)");
        // a second event on the ledger just started: 10,000 kg of gallium at USD 600/kg leaves USD 44,000,000
        page.getByTestId("append-type").selectOption("acquisition");
        form = page.getByTestId("append-form");
        form.locator("[name=date]").fill("2026-02-01");
        form.locator("[name=mineral]").fill("gallium");
        form.locator("[name=quantity]").fill("10");
        form.locator("[name=unit]").selectOption("t");
        form.locator("[name=price]").fill("600");
        page.getByTestId("append-submit").click();
        assertThat(page.getByTestId("append-recorded").locator("li")).hasText("#2 2026-02-01 acquisition: mineral gallium; quantity 10; unit t; price 600");
        assertThat(page.getByTestId("holdings").locator("tbody tr").first()).containsText("10\u202f000");
        JsonNode pos = s.get("/api/stockpiles/my-reserve", s.admin).json().get("position");
        assertThat(pos.get("funding").get("left").decimalValue()).isEqualByComparingTo("44000000");
        assertThat(page.getByTestId("funding")).containsText("USD\u00a044\u202f000\u202f000.00");
        assertThat(errors).as("errors in the browser console").isEmpty();
        page.close();

        // an analyst is offered no new ledger, and a name with none is not found
        Page ana = browser.newPage();
        List<String> anaErrors = new ArrayList<>();
        Browsers.collectErrors(ana, anaErrors, true);
        ana.navigate(s.url() + "/#token=" + analyst);
        assertThat(ana.getByTestId("who")).hasText("ana");
        ana.navigate(s.url() + "/#stockpiles/someone-elses");
        assertThat(ana.getByTestId("error")).containsText("someone-elses");
        assertThat(ana.getByTestId("new-ledger")).hasCount(0);
        assertThat(ana.getByTestId("new-ledger-form")).hasCount(0);
        assertThat(anaErrors).as("errors in the browser console").isEmpty();
        ana.close();
    }
    @Test
    @Order(5)
    void anAdministratorCorrectsAMistakenEventFromTheListAndSeesItMarked() {
        // the ledger of Order(4): #1 funding 50,000,000.00, #2 10 t of gallium at 600 USD/kg. It was 8 t.
        List<String> errors = new ArrayList<>();
        Page page = Browsers.signedIn(browser, s, errors);
        page.navigate(s.url() + "/#stockpiles/my-reserve");
        page.getByTestId("events").locator("summary").click();
        page.getByTestId("correct-2").click();
        Locator form = page.getByTestId("append-form");
        // the form is a correction of #2, its replacement filled with the event as the ledger holds it (in kg)
        assertThat(page.getByTestId("append-type")).hasValue("correction");
        assertThat(form.locator("[name=corrects]")).hasValue("2");
        assertThat(form.locator("[name=corrects]")).isFocused();
        assertThat(page.getByTestId("append-replacement-type")).hasValue("acquisition");
        assertThat(form.locator("[name=replacement_date]")).hasValue("2026-02-01");
        assertThat(form.locator("[name=quantity]")).hasValue("10000");
        assertThat(form.locator("[name=unit]")).hasValue("kg");
        assertThat(form.locator("[name=price]")).hasValue("600");
        assertThat(page.getByTestId("append-field-amount")).isHidden();
        // a number that is no earlier event's is refused at its field, nothing written
        form.locator("[name=corrects]").fill("7");
        page.getByTestId("append-submit").click();
        assertThat(page.getByTestId("append-field-corrects").getByTestId("field-error")).hasText("Corrects event #: 7 is not the number of "
                + "an event before this correction (#3); expected 1 to 2 (events are numbered from 1, in the order recorded, as they are listed)");
        // a replacement dated before the event before it is refused at the replacement's date
        form.locator("[name=corrects]").fill("2");
        form.locator("[name=replacement_date]").fill("2026-01-01");
        page.getByTestId("append-submit").click();
        assertThat(page.getByTestId("append-field-replacement_date").getByTestId("field-error")).containsText("Date of the replacement: "
                + "2026-01-01 is before the previous event's date 2026-01-15");
        assertThat(s.get("/api/stockpiles/my-reserve", s.admin).json().get("stored_events").asInt()).isEqualTo(2);
        // recorded: 8,000 kg in the place of 10,000, the position derived again, the mistaken event marked
        form.locator("[name=replacement_date]").fill("2026-02-01");
        form.locator("[name=quantity]").fill("8000");
        form.locator("[name=date]").fill("2026-03-01");
        form.locator("[name=note]").fill("8 t delivered, not 10");
        page.getByTestId("append-submit").click();
        assertThat(page.getByTestId("append-recorded").locator("li")).hasText("#3 2026-03-01 correction: of #2: replaced by 2026-02-01 "
                + "acquisition: mineral gallium; quantity 8000; unit kg; price 600; note 8 t delivered, not 10");
        assertThat(page.getByTestId("holdings").locator("tbody tr").first()).containsText("8\u202f000");
        assertThat(page.getByTestId("funding")).containsText("USD\u00a045\u202f200\u202f000.00");
        Locator rows = page.getByTestId("events-table").locator("tbody tr");
        assertThat(rows).hasCount(3);
        assertThat(rows.nth(1)).containsText("acquisition (corrected by #3)");
        assertThat(rows.nth(2)).containsText("of #2: replaced by 2026-02-01 acquisition: mineral gallium; quantity 8\u202f000; price 600");
        assertThat(page.getByTestId("correct-3")).hasCount(0); // a correction is not itself corrected
        // a write-off: its mineral, quantity and reason, no price; the cost it removes a realised loss
        page.getByTestId("append-type").selectOption("write-off");
        assertThat(page.getByTestId("append-field-price")).isHidden();
        assertThat(page.getByTestId("append-field-reason")).isVisible();
        form.locator("[name=date]").fill("2026-06-30");
        form.locator("[name=mineral]").fill("gallium");
        form.locator("[name=quantity]").fill("100");
        page.getByTestId("append-submit").click();
        assertThat(page.getByTestId("append-field-reason").getByTestId("field-error")).containsText("Reason: ");
        form.locator("[name=reason]").fill("one drum below specification");
        page.getByTestId("append-submit").click();
        assertThat(page.getByTestId("append-recorded").locator("li")).hasText("#4 2026-06-30 write-off: mineral gallium; quantity 100; unit kg; "
                + "reason one drum below specification");
        assertThat(page.getByTestId("holdings").locator("tbody tr").first()).containsText("7\u202f900");
        assertThat(s.get("/api/stockpiles/my-reserve", s.admin).json().at("/position/holdings/0/realised_gain").decimalValue())
                .isEqualByComparingTo("-60000.00");
        JsonNode pos = s.get("/api/stockpiles/my-reserve", s.admin).json().get("position");
        assertThat(pos.at("/funding/left").decimalValue()).isEqualByComparingTo("45200000");
        assertThat(errors).as("errors in the browser console").isEmpty();
        page.close();
    }
}
