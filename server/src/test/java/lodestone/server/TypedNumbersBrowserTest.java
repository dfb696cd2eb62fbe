package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Numbers typed in the pages' number fields by people whose browsers are in other languages (kit/typed.js): each is read
 * as its writer means it, the field then holding it as sent and a note beside it saying how it was read, or refused at
 * the field with the reason — never sent as some other number. The fields were {@code <input type=number>}, which
 * Chromium reads in the page's language (en) whatever the browser's: "1234,56" was sent as 123456 with the field still
 * showing 1234,56, a German's "1.234" (a thousand) as 1.234, and Arabic-Indic digits were "Please fill out this field".
 */
class TypedNumbersBrowserTest extends BrowserPageTest {
    private BrowserContext context;

    @AfterEach
    void closeContext() {
        if (context != null) context.close();
        context = null;
    }

    /** A page signed in as the administrator in a browser of this language and time zone, on Assess. */
    private Page openIn(String locale, String zone, int width) {
        context = b.browser().newContext(new Browser.NewContextOptions().setLocale(locale).setTimezoneId(zone).setViewportSize(width, 900));
        page = context.newPage();
        Browsers.collectErrors(page, errors, true);
        page.navigate(s.url() + "/#token=" + s.admin);
        assertThat(page.getByTestId("who")).hasText("administrator");
        assertThat(page.evaluate("() => navigator.language")).isEqualTo(locale);
        return page;
    }

    /** Types the text into the field as a keyboard or an input method does (not fill(), which refuses a number field's text). */
    private void type(com.microsoft.playwright.Locator field, String text) {
        field.fill("");
        field.click();
        page.keyboard().insertText(text);
    }

    /** Fills the shipment with these customs value and quantity as typed, assesses it and returns its ledger entry's request. */
    private JsonNode assessTyped(String value, String quantity) {
        page.getByTestId("hts").fill("2846.90.80.90");
        page.getByTestId("origin").fill("AU");
        page.locator("#assess-form [name=entry_date]").fill("2026-03-02");
        type(page.getByTestId("value"), value);
        type(page.locator("#assess-form [name=quantity]"), quantity);
        page.locator("#assess-form [name=unit]").fill("kg");
        Object before = page.evaluate("() => location.hash");
        page.getByTestId("assess").click();
        page.waitForFunction("h => location.hash !== h && location.hash.startsWith('#assess/')", before);
        assertThat(page.getByTestId("customs-value")).isVisible();
        String id = page.evaluate("() => location.hash").toString().replace("#assess/", "");
        TestServer.Response r = s.get("/api/assessments/" + id, s.admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("request");
    }

    @Test
    void aGermanTypesCommaDecimalsAndPointThousands() {
        openIn("de-DE", "Europe/Berlin", 1280);
        JsonNode request = assessTyped("1.234,56", "1.234");
        assertThat(request.get("customs_value").asText()).isEqualTo("1234.56");
        assertThat(request.get("quantity").asText()).isEqualTo("1234");
        assertThat(page.getByTestId("customs-value")).hasText("USD\u00a01\u202f234.56");
        assertThat(page.getByTestId("value")).hasValue("1234.56");
        // the note describes the field; the field's name stays its label's
        assertThat(page.getByTestId("value")).hasAccessibleName("Customs value (USD)");
        assertThat(page.getByTestId("value")).hasAccessibleDescription("\"1.234,56\" read as 1234.56 (1234 and the decimals 56)");
        assertThat(page.getByTestId("number-read")).hasText(new String[] {
                "\"1.234,56\" read as 1234.56 (1234 and the decimals 56)", "\"1.234\" read as 1234 (a whole number)"});
        // her comma decimal alone, and the same with a thin space grouping
        assertThat(assessTyped("1\u202f234,5", "0,125").get("customs_value").asText()).isEqualTo("1234.5");
        assertThat(page.getByTestId("number-read")).hasText(new String[] {
                "\"1 234,5\" read as 1234.5 (1234 and the decimals 5)", "\"0,125\" read as 0.125 (0 and the decimals 125)"});
        assertThat(errors).isEmpty();
    }

    /** The reported case: "1234,56" in a number field was sent as 123456, the field still showing 1234,56. */
    @Test
    void aCommaBeforeTwoDigitsIsADecimalCommaInAnyLanguage() {
        openIn("en-US", "America/New_York", 1280);
        JsonNode request = assessTyped("1234,56", "2");
        assertThat(request.get("customs_value").asText()).isEqualTo("1234.56");
        assertThat(page.getByTestId("customs-value")).hasText("USD\u00a01\u202f234.56");
        assertThat(page.getByTestId("number-read")).hasText("\"1234,56\" read as 1234.56 (1234 and the decimals 56)");
        assertThat(errors).isEmpty();
    }

    @Test
    void arabicIndicJapaneseFullWidthAndIndianGroupedNumbersAreRead() {
        openIn("ar-EG", "Africa/Cairo", 390);
        JsonNode arabic = assessTyped("\u0661\u066c\u0662\u0663\u0664\u066b\u0665\u0660", "\u0661\u0660");
        assertThat(arabic.get("customs_value").asText()).isEqualTo("1234.50");
        assertThat(arabic.get("quantity").asText()).isEqualTo("10");
        assertThat(page.getByTestId("number-read").first()).hasText("\"١٬٢٣٤٫٥٠\" read as 1234.50 (1234 and the decimals 50)");
        assertNoOverflow(390, "Assess with Arabic-Indic digits read, in ar-EG");
        context.close();

        openIn("ja-JP", "Asia/Tokyo", 1280);
        JsonNode japanese = assessTyped("１２３．４５", "１０");
        assertThat(japanese.get("customs_value").asText()).isEqualTo("123.45");
        assertThat(page.getByTestId("number-read").first()).hasText("\"１２３．４５\" read as 123.45 (123 and the decimals 45)");
        context.close();

        openIn("hi-IN", "Asia/Kolkata", 1280);
        assertThat(assessTyped("12,34,567.89", "1,00,000").get("customs_value").asText()).isEqualTo("1234567.89");
        assertThat(page.getByTestId("number-read")).hasText(new String[] {
                "\"12,34,567.89\" read as 1234567.89 (1234567 and the decimals 89)", "\"1,00,000\" read as 100000 (a whole number)"});
        assertThat(errors).isEmpty();
    }

    @Test
    void aNumberThatCannotBeReadIsRefusedAtItsFieldAndNothingIsSent() {
        openIn("de-DE", "Europe/Berlin", 1280);
        int before = s.get("/api/assessments?limit=100", s.admin).json().size();
        page.getByTestId("hts").fill("2846.90.80.90");
        page.getByTestId("origin").fill("AU");
        type(page.getByTestId("value"), "12,3456,789");
        type(page.locator("#assess-form [name=quantity]"), "1e3");
        page.locator("#assess-form [name=unit]").fill("kg");
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("error")).hasText("Customs value (USD): \"12,3456,789\" is not a number: its digits are not in groups of "
                + "three (1,234,567) or the Indian 12,34,567, so a separator may be a decimal point; type the number without grouping, e.g. 1234.56"
                + "Quantity: \"1e3\" is not a number: 'e' is not a digit; type digits, with a decimal point if there are decimals, e.g. 1234.56");
        assertThat(page.getByTestId("value")).hasAttribute("aria-invalid", "true");
        assertThat(page.getByTestId("value")).hasValue("12,3456,789");
        page.waitForTimeout(500);
        assertThat(s.get("/api/assessments?limit=100", s.admin).json().size()).isEqualTo(before);
        assertThat(errors).isEmpty();
    }

    /**
     * A figure the page puts in a field — a ledger entry reopened — is the API's decimal text: a quantity of 1.234 kg is not
     * read again in a German browser as the thousands of "1.234", nor a value of 900.125 as 900125 when it is sent again.
     */
    @Test
    void aReopenedEntrysFiguresAreNotReadAgainInHerLanguage() {
        TestServer.Response posted = s.post("/api/assessments", s.admin, """
                {"hts":"2846.90.80.90","origin":"AU","entry_date":"2026-03-02","customs_value":"900.125","quantity":"1.234","unit":"kg"}""");
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        openIn("de-DE", "Europe/Berlin", 1280);
        page.navigate(s.url() + "/#assess/" + posted.json().get("id").asText());
        assertThat(page.locator("#assess-form [name=quantity]")).hasValue("1.234");
        Object before = page.evaluate("() => location.hash");
        page.getByTestId("assess").click();
        page.waitForFunction("h => location.hash !== h && location.hash.startsWith('#assess/')", before);
        String id = page.evaluate("() => location.hash").toString().replace("#assess/", "");
        JsonNode request = s.get("/api/assessments/" + id, s.admin).json().get("request");
        assertThat(request.get("quantity").asText()).isEqualTo("1.234");
        assertThat(request.get("customs_value").asText()).isEqualTo("900.125");
        assertThat(page.getByTestId("number-read")).hasCount(0);
        assertThat(errors).isEmpty();
    }

    /** The stockpile event form's amounts were sent as the text typed: a German's quantity "1.000" (a thousand) was 1 kg. */
    @Test
    void aGermanRecordsAStockpileEventInHerNumbers() {
        openIn("de-DE", "Europe/Berlin", 1280);
        page.navigate(s.url() + "/#stockpiles/project-vault");
        com.microsoft.playwright.Locator form = page.getByTestId("append-form");
        assertThat(form).isVisible();
        page.getByTestId("append-type").selectOption("release");
        form.locator("[name=date]").fill("2027-01-05");
        form.locator("[name=mineral]").fill("gallium");
        // each read as it is left, and said beside it
        form.locator("[name=quantity]").fill("1.000");
        form.locator("[name=quantity]").press("Tab");
        assertThat(page.getByTestId("append-field-quantity").getByTestId("number-read")).hasText("\"1.000\" read as 1000 (a whole number)");
        form.locator("[name=price]").fill("900,125");
        form.locator("[name=price]").press("Tab");
        assertThat(page.getByTestId("append-field-price").getByTestId("number-read")).hasText("\"900,125\" read as 900.125 (900 and the decimals 125)");
        assertThat(form.locator("[name=price]")).hasValue("900.125");
        form.locator("[name=counterparty]").fill("Exportadora Añil, S.A.");
        page.getByTestId("append-submit").click(); // read again as it is sent: 900.125 stays 900.125
        assertThat(page.getByTestId("append-recorded").locator("li")).containsText("quantity 1000; unit kg; price 900.125; counterparty Exportadora Añil, S.A.");
        JsonNode events = s.get("/api/stockpiles/project-vault/events", s.admin).json().get("events");
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.get("quantity").decimalValue()).isEqualByComparingTo("1000");
        assertThat(last.get("price").decimalValue()).isEqualByComparingTo("900.125");
        assertThat(last.get("counterparty").asText()).isEqualTo("Exportadora Añil, S.A.");
        assertThat(errors).isEmpty();
    }

    /**
     * The seek form's range "a:b" was split and each side read with Number(): a German's "1.000:3.000" (a thousand to three
     * thousand) was sent as [1, 3]. Each side is now read as a typed number, the reading said; one that cannot be read is
     * refused at the field.
     */
    @Test
    void aSeekRangeIsReadAsTypedToo() {
        openIn("de-DE", "Europe/Berlin", 1280);
        List<String> sent = new java.util.ArrayList<>();
        page.onRequest(r -> { if (r.url().endsWith("/api/path-jobs") && "POST".equals(r.method())) sent.add(r.postData()); });
        // the first seek's polls are held until the second seek has been refused: its answer, arriving after, must not wipe
        // the refusal (it did in a fresh-clone CI run under load, 2026-12-07)
        List<com.microsoft.playwright.Route> held = new java.util.ArrayList<>();
        java.util.regex.Pattern polls = java.util.regex.Pattern.compile(".*/api/path-jobs/\\d+$");
        page.route(polls, held::add);
        page.navigate(s.url() + "/#scenarios");
        page.getByTestId("path-pick").selectOption("ndpr-2025-2040");
        page.getByTestId("seek-range").fill("12,5:1.000");
        page.getByTestId("seek-run").click();
        assertThat(page.getByTestId("seek-range")).hasValue("12.5:1000");
        assertThat(page.getByTestId("number-read")).hasText("\"12,5:1.000\" read as 12.5 (12 and the decimals 5) to 1000 (a whole number)");
        page.waitForCondition(() -> !sent.isEmpty() && !held.isEmpty()); // sent, and its first poll held
        assertThat(sent.get(0)).contains("\"range\":[12.5,1000]");
        page.getByTestId("seek-range").fill("80:abc");
        page.getByTestId("seek-run").click();
        String refused = "Range a:b: \"abc\" is not a number: 'a' is not a digit; type digits, with a decimal point if there are "
                + "decimals, e.g. 1234.56";
        assertThat(page.getByTestId("seek-result").getByTestId("error")).hasText(refused);
        assertThat(sent).hasSize(1);
        // the first seek's job, let through now, ends: its answer is superseded by the refusal, which stays
        page.unroute(polls);
        long job = Long.parseLong(held.get(0).request().url().replaceAll(".*/", ""));
        held.forEach(com.microsoft.playwright.Route::resume);
        for (int i = 0; i < 600 && !s.get("/api/path-jobs/" + job, s.admin).json().get("status").asText().equals("done"); i++) page.waitForTimeout(100);
        page.waitForTimeout(1000); // the held polls' answers, and one more poll's, have reached the page
        assertThat(page.getByTestId("seek-result").getByTestId("error")).hasText(refused);
        assertThat(page.getByTestId("seek-result")).not().containsText("meets");
    }

    /** The reading itself, in each language's browser: the "1,234" / "1.234" that only the language can tell apart. */
    @Test
    void theReadingOfEachForm() {
        openIn("de-DE", "Europe/Berlin", 1280);
        String read = """
                async list => {
                  const t = await import('/kit/typed.js');
                  return list.map(([s, d]) => { const r = t.readTypedNumber(s, d); return r.error ? 'refused' : r.value; });
                }""";
        List<List<String>> cases = List.of(
                List.of("1,234", "."), List.of("1,234", ","), List.of("1.234", "."), List.of("1.234", ","), List.of("1.234", "\u066b"),
                List.of("0,125", "."), List.of("1.234.567", "."), List.of("1,234.567", ","), List.of("1’234.50", "."), List.of("-0,00", ","),
                List.of("００１２", "."), List.of("۱۲۳", "."), List.of("१२३.५", "."), List.of("--5", "."), List.of("1,,234", "."), List.of("1.2.3,4,5", "."),
                List.of("1,5 kg", ","), List.of("", "."));
        assertThat(page.evaluate(read, cases)).isEqualTo(List.of(
                "1234", "1.234", "1.234", "1234", "1.234",
                "0.125", "1234567", "1234.567", "1234.50", "0.00",
                "12", "123", "123.5", "refused", "refused", "refused",
                "refused", ""));
        assertThat(page.evaluate("() => import('/kit/typed.js').then(t => t.localeDecimal(navigator.language))")).isEqualTo(",");
        // a whole-number field refuses decimals, and its min and max are checked on the number as read
        Object whole = page.evaluate("""
                async () => {
                  const t = await import('/kit/typed.js');
                  const f = document.createElement('input');
                  f.dataset.number = 'whole'; f.setAttribute('min', '1'); f.setAttribute('max', '120');
                  document.body.append(f);
                  const out = [];
                  for (const v of ['1,5', '2.000', '0', '١٣']) { f.value = v; f.dataset.typed = '1'; t.readNumberField(f); out.push(f.value + ' | ' + f.validationMessage); }
                  f.remove();
                  return out;
                }""");
        assertThat(whole).isEqualTo(List.of("1.5 | \"1,5\" is 1.5: expected a whole number", "2000 | 2000 is above the most allowed, 120",
                "0 | 0 is below the least allowed, 1", "13 | "));
        assertThat(errors).isEmpty();
    }
}
