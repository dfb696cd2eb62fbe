package lodestone.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Money the pages show is the API's exact decimal, to the cent, however large: a number a double cannot hold
 * (987654321098765.43) is kept from the answer's text (kit/api.js parseJson) and formatted from it (kit/format.js); an
 * entry's totals of that size fit the page at 390 px.
 */
class ExactMoneyBrowserTest extends BrowserPageTest {
    private static final ObjectMapper EXACT = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static JsonNode exact(TestServer.Response r) {
        try {
            return EXACT.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(r.body(), e);
        }
    }

    /** "USD 1,234.50" of an exact decimal, as the pages show money (a no-break space after USD). */
    private static String usd(BigDecimal v) {
        return "USD\u00a0" + String.format(java.util.Locale.ROOT, "%,.2f", v).replace(',', '\u202f');
    }

    @Test
    void aShipmentOfMoreThanFifteenDigitsIsShownToTheCent() {
        JsonNode r = exact(s.post("/api/assessments", s.admin, """
                {"hts":"2846.90.80.90","origin":"AU","entry_date":"2026-03-02","customs_value":"987654321098765.43","quantity":1,"unit":"kg"}"""));
        JsonNode a = r.get("assessment");
        assertThat(a.get("customs_value").decimalValue()).isEqualByComparingTo("987654321098765.43");
        assertThat(a.get("landed_cost").decimalValue()).isEqualByComparingTo("1024197530979419.75");
        open(1280, 900);
        page.navigate(s.url() + "/#assess/" + r.get("id").asText());
        assertThat(page.getByTestId("customs-value")).hasText("USD\u00a0987\u202f654\u202f321\u202f098\u202f765.43");
        assertThat(page.getByTestId("landed-cost")).hasText("USD\u00a01\u202f024\u202f197\u202f530\u202f979\u202f419.75");
        assertThat(page.getByTestId("total-duty")).hasText(usd(a.get("total_duty").decimalValue()));
        assertThat(errors).isEmpty();
    }

    /**
     * The totals of the reported 999-line entry (999 × 1,234,567,890,123.45), here of 9 lines of 137,037,035,803,702.95: the
     * same figures (a page of 999 lines takes from 20 s to minutes to reopen on a loaded machine: its own matter).
     */
    @Test
    void anEntrysExactTotalsAreShownAndFitThePhone() {
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 9; i++) {
            if (i > 1) lines.append(',');
            lines.append("{\"hts\":\"2846.90.80.90\",\"origin\":\"AU\",\"customs_value\":\"137037035803702.95\",\"quantity\":1,\"unit\":\"kg\"}");
        }
        TestServer.Response posted = s.post("/api/assessments", s.admin, "{\"entry_date\":\"2026-03-02\",\"lines\":[" + lines + "]}");
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        JsonNode r = exact(posted);
        JsonNode e = r.get("entry");
        assertThat(e.get("customs_value").decimalValue()).isEqualByComparingTo("1233333322233326.55");
        open(1280, 900);
        page.navigate(s.url() + "/#assess/" + r.get("id").asText());
        assertThat(page.getByTestId("entry-value")).hasText("USD\u00a01\u202f233\u202f333\u202f322\u202f233\u202f326.55");
        assertThat(page.getByTestId("entry-landed")).hasText(usd(e.get("landed_cost").decimalValue()));
        assertThat(page.getByTestId("entry-total-duty")).hasText(usd(e.get("total_duty").decimalValue()));
        page.setViewportSize(390, 844);
        page.waitForTimeout(300);
        assertNoOverflow(390, "#assess/ID of an entry whose totals have 16 digits");
        assertThat(errors).isEmpty();
    }

    @Test
    void theFormattersWorkFromTheDecimalText() {
        open(1280, 900);
        @SuppressWarnings("unchecked")
        List<Object> out = (List<Object>) page.evaluate("""
                async () => {
                  const f = await import('/kit/format.js'), api = await import('/kit/api.js');
                  const d = api.parseJson('{"big": 987654321098765.43, "float": 0.30000000000000004, "small": 12.5, "neg": -1234567890123456.785, "int": 12345678901234567890}');
                  return [
                    f.usd(d.big), d.big instanceof f.Exact, d.float === 0.30000000000000004, d.small === 12.5,
                    f.usdChange(d.neg), f.usdChange(d.big), f.num(d.int, 0), f.fix(d.big, 1),
                    String(d.big), JSON.stringify(d), d.big > 987654321098765, d.big + 0 === 987654321098765.4,
                    f.usdChange(new f.Exact('-0.004')), f.usd('0.005'), f.usd('-999.995'), f.num(new f.Exact('1.23456789012345678e3'), 3),
                    f.usd('5e-3'), f.num(new f.Exact('-0.0000000000000000001'), 2)
                  ];
                }""");
        assertThat(out).containsExactly(
                "USD\u00a0987\u202f654\u202f321\u202f098\u202f765.43", true, true, true,
                "−USD\u00a01\u202f234\u202f567\u202f890\u202f123\u202f456.79", "+USD\u00a0987\u202f654\u202f321\u202f098\u202f765.43", "12\u202f345\u202f678\u202f901\u202f234\u202f567\u202f890", "987\u202f654\u202f321\u202f098\u202f765.4",
                "987654321098765.43",
                "{\"big\":987654321098765.43,\"float\":0.30000000000000004,\"small\":12.5,\"neg\":-1234567890123456.785,\"int\":12345678901234567890}",
                true, true,
                "USD\u00a00.00", "USD\u00a00.01", "USD\u00a0-1\u202f000.00", "1\u202f234.568",
                "USD\u00a00.01", "0");
        assertThat(errors).isEmpty();
    }
}
