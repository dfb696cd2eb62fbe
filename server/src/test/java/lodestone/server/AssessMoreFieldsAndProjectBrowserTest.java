package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two capabilities of the API the web page had not reached: the Assess form's "More fields" (currency, loaded date,
 * importer, export country — folded away, opened from the keyboard, errors at their field, kept in the shareable link
 * and the what-if), and one project of the registry (#projects/ID: its figures with their sources, financing, ESG,
 * and its screening on a date). Each answer is compared with the API's for the same request.
 */
class AssessMoreFieldsAndProjectBrowserTest extends BrowserPageTest {
    private static String usd(double v) {
        return "USD " + String.format(Locale.ROOT, "%,.2f", v).replace(',', '\u202f');
    }

    private Locator field(String name) {
        return page.locator("#assess-form [name=" + name + "]");
    }

    private void fill(String hts, String origin, String date, String value) {
        page.getByTestId("hts").fill(hts);
        page.getByTestId("origin").fill(origin);
        page.getByLabel("Entry date").fill(date);
        page.getByTestId("value").fill(value);
        page.getByLabel("Quantity", new Page.GetByLabelOptions().setExact(true)).fill("100");
        page.getByLabel("Unit of quantity").fill("kg");
    }

    private static Map<String, Object> entry(String hts, String origin, String date, String value) {
        return new HashMap<>(Map.of("hts", hts, "origin", origin, "entry_date", date, "customs_value", value, "quantity", "100", "unit", "kg"));
    }

    private JsonNode assessed(Map<String, Object> body) {
        TestServer.Response r = s.post("/api/assessments", s.admin, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("assessment");
    }

    @Test
    void aValueInEurosIsConvertedAtTheRegimesRateAndTheOtherFieldsAreKeptInTheLinkAndTheWhatIf() {
        page = Browsers.signedIn(b.browser(), s, errors);
        page.setViewportSize(1366, 768);
        page.navigate(s.url() + "/#assess");
        // folded away at first, opened from the keyboard by its summary
        Locator more = page.getByTestId("more-fields");
        assertThat(more).not().hasAttribute("open", "");
        assertThat(page.getByTestId("currency")).isHidden();
        more.locator("summary").focus();
        page.keyboard().press("Enter");
        assertThat(page.getByTestId("currency")).isVisible();
        assertNoOverflow(1366, "#assess with More fields open");

        fill("2846.90.80.90", "CN", "2026-08-01", "10000");
        page.getByLabel("Currency").fill("eur");
        // the values' labels name the currency they are in
        assertThat(page.getByLabel("Customs value (EUR)")).isVisible();
        assertThat(page.getByLabel("Metal content value (EUR)")).isVisible();
        page.getByLabel("Importer").fill("Acme Metals Inc.");
        page.getByLabel("Export country").fill("de");
        page.getByTestId("assess").click();

        Map<String, Object> body = entry("2846.90.80.90", "CN", "2026-08-01", "10000");
        body.putAll(Map.of("currency", "EUR", "importer", "Acme Metals Inc.", "export_country", "DE"));
        JsonNode a = assessed(body);
        String fx = null;
        for (JsonNode t : a.get("trail")) if (t.get("id").asText().equals("fx")) fx = t.get("text").asText();
        assertThat(fx).as("the API converts at the rate of the entry date").contains("EUR per USD (the rate of 2026-08-01");
        assertThat(a.get("customs_value").asDouble()).isGreaterThan(10000.0);
        assertThat(page.getByTestId("total-duty")).hasText(usd(a.get("total_duty").asDouble()));
        assertThat(page.getByTestId("assessment")).containsText(usd(a.get("customs_value").asDouble()));
        assertThat(page.getByTestId("fx")).hasText("In US dollars: " + fx);
        assertThat(page.getByTestId("declared")).hasText("Declared: values in EUR · importer Acme Metals Inc. · exported from DE");

        // the shareable link reopens it with the fields shown, not folded away
        String link = page.getByTestId("share-link").getAttribute("href");
        page.navigate(s.url() + "/#history");
        assertThat(page.locator("#hist-filter")).isVisible();
        page.navigate(link);
        assertThat(page.getByTestId("fx")).hasText("In US dollars: " + fx);
        assertThat(more).hasAttribute("open", "");
        assertThat(page.getByTestId("currency")).hasValue("EUR");
        assertThat(page.getByTestId("importer")).hasValue("Acme Metals Inc.");
        assertThat(page.getByTestId("export-country")).hasValue("DE");
        assertThat(page.getByLabel("Customs value (EUR)")).hasValue("10000");

        // a rate older than the regime's 31 days is warned about, with the date it was observed
        page.navigate(s.url() + "/#assess");
        page.getByTestId("more-fields").locator("summary").click();
        fill("2846.90.80.90", "CN", "2026-12-01", "10000");
        page.getByLabel("Currency").fill("EUR");
        page.getByTestId("assess").click();
        JsonNode stale = assessed(new HashMap<>(Map.of("hts", "2846.90.80.90", "origin", "CN", "entry_date", "2026-12-01", "customs_value", "10000",
                "quantity", "100", "unit", "kg", "currency", "EUR")));
        String staleWarning = null;
        for (JsonNode w : stale.get("warnings")) if (w.asText().contains("converted from EUR")) staleWarning = w.asText();
        assertThat(staleWarning).as("the API warns of the rate's age").contains("older than the stated 31 days");
        assertThat(page.getByTestId("assessment")).containsText(staleWarning.replaceFirst("^regime horizon: ", ""));
        assertThat(page.getByTestId("total-duty")).hasText(usd(stale.get("total_duty").asDouble()));

        // an unknown currency is said at its field, by its label, the folded group opened to show it
        page.getByLabel("Currency").fill("XYZ");
        page.getByTestId("more-fields").locator("summary").click();
        assertThat(page.getByTestId("currency")).isHidden();
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("currency")).hasAttribute("aria-invalid", "true");
        assertThat(page.getByTestId("currency")).isVisible();
        assertThat(page.locator("#assess-form label:has([name=currency]) [data-testid=field-error]"))
                .containsText("Currency: unknown currency 'XYZ'; the regime has rates for [");
        // a shape the browser can check is said before anything is sent
        page.getByLabel("Currency").fill("E1");
        page.getByLabel("Export country").fill("D");
        page.getByTestId("assess").click();
        assertThat(page.locator("#assess-form label:has([name=currency]) [data-testid=field-error]"))
                .hasText("Currency: expected a three-letter ISO 4217 code, e.g. EUR");
        assertThat(page.locator("#assess-form label:has([name=export_country]) [data-testid=field-error]"))
                .hasText("Export country: expected a two-letter ISO 3166 code, e.g. HK");

        // Section 232 on the declared aluminium content of a chapter 76 good (2025-06-04 to 2026-04-05): the trail shows the
        // split, the content under 9903.85.07 with its citation (the rest under the surcharge: BorderAuditTest)
        page.getByLabel("Currency").fill("USD");
        page.getByLabel("Export country").fill("");
        fill("7616.99.51.90", "DE", "2026-03-02", "10000");
        page.getByLabel("Metal content value (USD)").fill("3000");
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("assessment")).containsText("9903.85.07 50.00% × $3,000.00 = $1,500.00 (on metal-content value "
                + "$3,000.00 of the customs value $10,000.00, the rest owing the other duties — Proclamation 10947 (2025-06-03, 90 FR 24199)");
        // not declared: the whole value, and the short warning the CLI and the API give
        page.getByLabel("Metal content value (USD)").fill("");
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("warnings")).containsText("metal_content_value not declared: 9903.85.07 is charged on the "
                + "whole customs value, not on the aluminium content alone (Proclamation 10947 (2025-06-03, 90 FR 24199); CBP CSMS "
                + "#65236374 and #65236645)");
        assertThat(errors).as("errors in the browser console").isEmpty();
    }

    @Test
    void aLoadedDateBeforeTheCutOffExemptsGoodsInTransitAndTheWhatIfKeepsIt() {
        // Section 301 forced-labour action (from 2026-07-24): goods loaded before 2026-07-24 and entered before 2026-07-28 are exempt
        // (calcium 2805.12: the motors of 8501 this used are Section 232 Annex I-B goods, 9903.82.09, carved out of the action)
        page = Browsers.signedIn(b.browser(), s, errors);
        page.setViewportSize(1366, 768);
        page.navigate(s.url() + "/#assess");
        fill("2805.12.00.00", "DZ", "2026-07-25", "10000");
        page.getByTestId("assess").click();
        JsonNode without = assessed(entry("2805.12.00.00", "DZ", "2026-07-25", "10000"));
        Map<String, Object> loaded = entry("2805.12.00.00", "DZ", "2026-07-25", "10000");
        loaded.put("loaded_date", "2026-07-20");
        JsonNode with = assessed(loaded);
        assertThat(with.get("total_duty").asDouble()).as("the in-transit exemption takes the Section 301 duty off")
                .isLessThan(without.get("total_duty").asDouble());
        assertThat(page.getByTestId("total-duty")).hasText(usd(without.get("total_duty").asDouble()));
        assertThat(page.getByTestId("measures")).containsText("9903.05.20");

        page.getByTestId("more-fields").locator("summary").click();
        page.getByLabel("Loaded date").fill("2026-07-20");
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("total-duty")).hasText(usd(with.get("total_duty").asDouble()));
        assertThat(page.getByTestId("measures")).not().containsText("9903.05.20");
        assertThat(page.getByTestId("declared")).hasText("Declared: loaded 2026-07-20");
        page.locator("[data-testid=assessment] details summary").click();
        assertThat(page.locator(".trail")).containsText("in transit");

        // the what-if sends the loaded date too: on 2026-07-30 the goods are no longer in transit
        page.getByTestId("whatif-with").fill("date:2026-07-30");
        page.getByTestId("whatif-run").click();
        Map<String, Object> cmpBody = new HashMap<>(loaded);
        cmpBody.put("with", "date:2026-07-30");
        JsonNode cmp = s.post("/api/compare", s.admin, cmpBody).json();
        assertThat(cmp.get("difference").asDouble()).isGreaterThan(0);
        assertThat(page.getByTestId("whatif-difference")).hasText("+" + usd(cmp.get("difference").asDouble()));

        // a loaded date after the entry date: the API's reason at the field
        page.getByLabel("Loaded date").fill("2026-07-30");
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("loaded-date")).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#assess-form label:has([name=loaded_date]) [data-testid=field-error]"))
                .containsText("Loaded date: loaded on 2026-07-30, after the entry date 2026-07-25");

        // at 390 px the form with its More fields open and a result fits the screen
        page.getByLabel("Loaded date").fill("2026-07-20");
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("total-duty")).hasText(usd(with.get("total_duty").asDouble()));
        page.setViewportSize(390, 844);
        page.waitForTimeout(300);
        assertNoOverflow(390, "#assess with More fields and a result");
        assertThat(errors).as("errors in the browser console").isEmpty();
    }

    @Test
    void aProjectOpensFromTheListWithItsSourcedFiguresFinancingAndScreening() {
        page = Browsers.signedIn(b.browser(), s, errors);
        page.setViewportSize(1366, 768);
        page.navigate(s.url() + "/#projects");
        page.getByTestId("projects-table").getByRole(com.microsoft.playwright.options.AriaRole.LINK,
                new Locator.GetByRoleOptions().setName("Arafura — Nolans (NdPr oxide)")).click();
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*#projects/arafura-nolans$"));
        assertThat(page.locator("#main h1")).hasText("Arafura — Nolans (NdPr oxide)");
        assertThat(page).hasTitle("Arafura — Nolans (NdPr oxide) — Projects — Lodestone");

        JsonNode p = s.get("/api/projects/arafura-nolans", s.admin).json();
        JsonNode s1 = null;
        for (JsonNode src : p.get("sources")) if (src.get("id").asText().equals(p.at("/capacity/source").asText())) s1 = src;
        assertThat(s1).isNotNull();
        // a sourced figure: its value, the source's words and date, and a link to it that does not give the page away
        Locator capacity = page.getByTestId("project-figures").locator("tbody tr", new Locator.LocatorOptions().setHasText("capacity"))
                .filter(new Locator.FilterOptions().setHasText("4\u202f440 t/yr")).first();
        assertThat(capacity).containsText(s1.get("id").asText() + ": " + s1.get("what").asText() + " (" + s1.get("date").asText() + ", www.miningweekly.com)");
        Locator link = capacity.getByTestId("source-link");
        assertThat(link).hasAttribute("href", s1.get("url").asText());
        assertThat(link).hasAttribute("rel", "noopener noreferrer");
        // an assumed figure says the assumption
        Locator royalty = page.getByTestId("project-figures").locator("tbody tr", new Locator.LocatorOptions().setHasText("royalty"));
        assertThat(royalty.locator("td").nth(1)).hasText("2.5 % of sales");
        assertThat(royalty.locator("td").nth(2)).hasText("A1 (assumption): " + p.at("/assumptions/A1").asText());
        assertThat(page.getByTestId("project-figures")).containsText("debt tenor");
        assertThat(page.getByTestId("project-figures")).containsText("12 years, 1 year of grace");
        // financing, every row as the API has it
        assertThat(page.getByTestId("project-financing").locator("tbody tr")).hasCount(p.get("financing").size());
        assertThat(page.getByTestId("project-financing")).containsText("Export Development Canada");
        assertThat(page.getByTestId("project-financing")).containsText("USD 300 M");
        assertThat(page.getByTestId("project-esg")).containsText("GE Vernova, Hancock Prospecting");
        assertThat(page.getByTestId("project-sources").locator("tbody tr")).hasCount(p.get("sources").size());

        // the screening as of today, then on another date: pass and each check with its reason, as the API's
        assertThat(page.getByTestId("screening-checks").locator("tbody tr")).hasCount(5);
        page.getByTestId("screening-date").fill("2026-01-15");
        page.getByTestId("screening-run").click();
        JsonNode sc = s.get("/api/projects/arafura-nolans/screening?date=2026-01-15", s.admin).json();
        assertThat(sc.get("pass").asBoolean()).isTrue();
        assertThat(page.getByTestId("screening-pass")).hasText("pass Passes every check (" + sc.get("checks").size() + "), entity lists as of 2026-01-15");
        for (JsonNode c : sc.get("checks")) {
            Locator row = page.getByTestId("screening-checks").locator("tbody tr", new Locator.LocatorOptions().setHasText(c.get("criterion").asText())).first();
            assertThat(row).containsText(c.get("reason").asText());
            assertThat(row).containsText(c.get("pass").asBoolean() ? "pass" : "fail");
        }
        assertThat(page.getByTestId("screening-checks")).containsText("as of 2026-01-15");

        // at 390 px the project fits the screen (its tables scroll inside their cards)
        page.setViewportSize(390, 844);
        page.waitForTimeout(300);
        assertNoOverflow(390, "#projects/arafura-nolans");

        // a project in another currency says its exchange rate and the capex in US dollars
        page.navigate(s.url() + "/#projects/iluka-eneabba");
        assertThat(page.getByTestId("project-figures")).containsText("USD per AUD");
        assertThat(page.getByTestId("project-figures")).containsText("AUD 1\u202f750 M = USD 1\u202f137.5 M");

        // an unknown project: a clear message and the way back, no page of blanks
        page.navigate(s.url() + "/#projects/no-such-mine");
        assertThat(page.locator("#main h1")).hasText("Unknown project");
        assertThat(page.getByTestId("error")).hasText("No project \"no-such-mine\" in the registry.");
        page.getByTestId("projects-back").click();
        assertThat(page.getByTestId("projects-table")).isVisible();
        assertThat(errors).as("errors in the browser console").isEmpty();
    }
}
