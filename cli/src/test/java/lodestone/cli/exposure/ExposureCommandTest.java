package lodestone.cli.exposure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import lodestone.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** lodestone exposure and lodestone stockpile from the command line. */
class ExposureCommandTest {
    static final ObjectMapper JSON = new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    record Run(int exit, String out, String err) { }

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Main.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    static Path repo() {
        String r = System.getProperty("lodestone.root");
        return r != null ? Path.of(r) : Path.of("..").toAbsolutePath().normalize();
    }

    @Test
    void anExposureLinesCostTodayIsWhatAssessSaysForTheSameEntry() throws Exception {
        Run e = run("exposure", repo().resolve("examples/exposure/electronics-maker.yaml").toString(), "--json", "--no-alternatives");
        assertThat(e.exit()).as(e.err()).isZero();
        JsonNode line = null;
        for (JsonNode l : JSON.readTree(e.out()).get("lines")) if (l.get("line").asText().equals("geo2-cn") && l.get("scenario").asText().equals("today")) line = l;
        // geo2-cn: 3,000 kg of germanium dioxide at $1,300 FOB from CN on 2026-03-02 (freight $3/kg paid on top)
        Run a = run("assess", "--hts", "2825.60.00.10", "--origin", "CN", "--date", "2026-03-02", "--value", "3900000", "--quantity", "3000",
                "--unit", "kg", "--producer", "Example Yunnan Germanium", "--importer", "Example Photonics Inc.", "--json");
        assertThat(a.exit()).as(a.err()).isZero();
        JsonNode assess = JSON.readTree(a.out());
        assertThat(line.get("duty").decimalValue()).isEqualByComparingTo(assess.get("total_duty").decimalValue());
        assertThat(line.get("customs_value_usd").decimalValue()).isEqualByComparingTo(assess.get("customs_value").decimalValue());
        assertThat(line.get("landed_cost").decimalValue()).isEqualByComparingTo(assess.get("landed_cost").decimalValue().add(new java.math.BigDecimal("9000")));
        assertThat(line.get("duties").findValuesAsText("measure")).containsExactlyElementsOf(assess.get("measures").findValuesAsText("id"));
    }

    @Test
    void whatATotalLeavesOutIsSaidUnderTheTotals() throws Exception {
        // reported: the battery maker's total landed cost left out a prohibited line and said so only at the foot of the output
        Run e = run("exposure", repo().resolve("examples/exposure/battery-maker.yaml").toString(), "--no-alternatives");
        assertThat(e.exit()).as(e.err()).isZero();
        String out = e.out();
        int totals = out.indexOf("total landed cost");
        int products = out.indexOf("Products:");
        int said = out.indexOf("! today: line ");
        assertThat(said).as(out).isBetween(totals, products);
        assertThat(out.substring(said)).startsWith("! today: line graphite-spherical-cn is prohibited and left out of the total");
    }

    static final String PATH_WARNING = "path: the market ndpr-2025-2040 is a path of years 2025-2040; exposure prices its first year, "
            + "2025, as the file describes the market, without the path's growth, bans, stockpile releases or projects. To cost "
            + "the company on the path year by year, evaluate it with years (lodestone exposure --years 2027-2030 --scenario "
            + "ndpr-2025-2040; the API's POST /api/exposure/years; the Exposure page's Years field)";

    /** Reported by a review: market=ndpr-2025-2040 was priced in its base year without a word. */
    @Test
    void aPathScenarioSaysWhichYearIsPricedAndHowToChooseAnother() throws Exception {
        Run e = run("exposure", repo().resolve("examples/exposure/magnet-maker.yaml").toString(), "--scenario",
                "market=ndpr-2025-2040,label=path");
        assertThat(e.exit()).as(e.err()).isZero();
        assertThat(e.out()).contains("! " + PATH_WARNING + "\n");
        Run j = run("exposure", repo().resolve("examples/exposure/magnet-maker.yaml").toString(), "--scenario",
                "market=ndpr-2025-2040,label=path", "--json");
        assertThat(JSON.readTree(j.out()).get("warnings")).extracting(JsonNode::asText).contains(PATH_WARNING);
        // a single-year scenario is not warned
        Run one = run("exposure", repo().resolve("examples/exposure/magnet-maker.yaml").toString(), "--scenario", "ndpr-floor-110");
        assertThat(one.out()).doesNotContain("is a path of years");
    }

    @Test
    void theHtmlAndCsvReportsAreWrittenFromTheSameFigures(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("r.html"), csv = dir.resolve("r.csv");
        Run e = run("exposure", repo().resolve("examples/exposure/magnet-maker.yaml").toString(), "--scenario", "ndpr-floor-110",
                "--report", html.toString(), "--csv", csv.toString(), "--json");
        assertThat(e.exit()).as(e.err()).isZero();
        JsonNode j = JSON.readTree(e.out());
        String h = Files.readString(html);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<td>([^<]*)</td><td class=\"n\" data-figure=\"total\">([^<]*)</td>").matcher(h);
        int n = 0;
        while (m.find()) {
            assertThat(new java.math.BigDecimal(m.group(2))).isEqualByComparingTo(j.get("totals").get(m.group(1)).decimalValue());
            n++;
        }
        assertThat(n).isEqualTo(j.get("totals").size()).isEqualTo(2);
        assertThat(Files.readAllLines(csv)).hasSize(1 + j.get("lines").size());
    }

    @Test
    void stockpileCoverTextCarriesTheNotesTheJsonCarries() throws Exception {
        Run cover = run("stockpile", "cover", "--disruption", "gallium-ban", "--months", "13", "--start", "2027-01-01");
        assertThat(cover.exit()).as(cover.err()).isZero();
        // NdPr: each holding set against the same combined imports; lithium read as LCE — a footnote on the line, the note under the table
        assertThat(cover.out()).containsPattern("(?m)^lithium \\[1\\] +4000000 ").containsPattern("(?m)^neodymium \\[2\\] +380000 +99,254\\.2 ")
                .containsPattern("(?m)^praseodymium \\[2\\] +40000 +99,254\\.2 ")
                .contains("\nnotes:\n"
                        + "  [1] lithium: the market counts t LCE; the holding is read as LCE\n"
                        + "  [2] neodymium, praseodymium: the market counts neodymium and praseodymium together; "
                        + "this holding alone is set against their combined imports\n")
                .containsPattern("(?m)^dysprosium +8000   no bundled market trades dysprosium: cover cannot be computed$");
        Run json = run("stockpile", "cover", "--disruption", "gallium-ban", "--months", "13", "--start", "2027-01-01", "--json");
        JsonNode answer = JSON.readTree(json.out());
        // the shape GET /api/stockpiles/{name}/cover answers
        assertThat(answer.get("stockpile").asText()).isEqualTo("project-vault");
        assertThat(answer.get("region").asText()).isEqualTo("US");
        assertThat(answer.get("start").asText()).isEqualTo("2027-01-01");
        assertThat(answer.has("as_of")).isTrue();
        for (JsonNode l : answer.get("lines")) {
            if (l.has("note") && l.get("market") != null && !l.get("market").isNull()) {
                assertThat(cover.out()).as(l.get("mineral").asText()).contains(": " + l.get("note").asText() + "\n");
            }
        }
    }

    @Test
    void theDefaultStockpileReleaseReleasesWhatItsWarningSays() throws Exception {
        Run rel = run("stockpile", "release", "--mineral", "gallium", "--disruption", "gallium-ban", "--months", "13");
        assertThat(rel.exit()).as(rel.err()).isZero();
        assertThat(rel.out()).contains("up to what they hold (59,415 kg)").contains("released 59,415.0 kg of 59,415.0 requested")
                .containsPattern("(?m)^project-vault +US +33\\.7% +20,000\\.0 ");
        Run json = run("stockpile", "release", "--mineral", "gallium", "--disruption", "gallium-ban", "--months", "13", "--json");
        JsonNode r = JSON.readTree(json.out());
        assertThat(r.get("total_released_kg").decimalValue()).isEqualByComparingTo("59415");
        assertThat(r.get("shares").findValues("quantity_kg")).extracting(JsonNode::doubleValue).containsExactly(20000.0, 17547.0, 21868.0);
    }

    @Test
    void aBadCompanyFileIsRefusedWithEveryProblemLocated(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, """
                company: Bad
                products:
                  - {id: p, annual_volume: 1, minerals: {kryptonite: 1}}
                sourcing:
                  - {id: a, origin: CN, hts: 8505.11.00.71, quantity: -3, price: 1}
                """);
        Run e = run("exposure", f.toString());
        assertThat(e.exit()).isEqualTo(2);
        assertThat(e.err()).contains(f + ":3: products[0].minerals.kryptonite: 'kryptonite' is not a regime mineral")
                .contains(f + ":5: sourcing[0].hts: unknown HTS code '8505.11.00.71'; nearest codes: 8505.11.00.70")
                .contains(f + ":5: sourcing[0].quantity: -3 is not positive").contains("3 problems; nothing was evaluated.");
    }

    @Test
    void stockpileShowCoverAndRelease() throws Exception {
        Run show = run("stockpile", "show", "--json");
        assertThat(show.exit()).as(show.err()).isZero();
        JsonNode p = JSON.readTree(show.out());
        assertThat(p.get("funding").get("drawn").decimalValue()).isEqualByComparingTo("11670000000");
        // the ledger's events, as the API and the web page list them: each with its figures, cited source and note
        Run events = run("stockpile", "show", "--events");
        assertThat(events.exit()).as(events.err()).isZero();
        assertThat(events.out()).contains("events:\n  #1 2026-02-02 funding: source exim-loan; party Export-Import Bank of the United States; "
                + "amount 10000000000; term years 15 [S1] — up to $10 bn, 15-year term [S1, S2]; rate not published; entered as drawn in "
                + "full (illustrative timing)\n  #2 2026-02-02 funding: source private-capital; party institutional investors; amount "
                + "1670000000 [S1] — about $1.67 bn [S1]\n");
        JsonNode early = JSON.readTree(run("stockpile", "show", "--events", "--json", "--as-of", "2026-02-02").out());
        assertThat(early.get("events")).hasSize(10); // only those up to --as-of
        assertThat(early.get("events").get(0).get("source_ref").asText()).isEqualTo("S1");
        assertThat(early.get("position").get("events").asInt()).isEqualTo(10); // the position beside them, as the API answers both
        Run cover = run("stockpile", "cover", "--disruption", "gallium-ban", "--months", "13", "--start", "2027-01-01");
        assertThat(cover.exit()).as(cover.err()).isZero();
        assertThat(cover.out()).contains("gallium").contains("Japan (JOGMEC target, 60 days)").contains("lasts the disruption");
        Run rel = run("stockpile", "release", "--mineral", "gallium", "--disruption", "gallium-ban", "--rule", "holdings", "--json");
        assertThat(rel.exit()).as(rel.err()).isZero();
        JsonNode r = JSON.readTree(rel.out());
        assertThat(r.get("path")).hasSize(13);
        assertThat(r.get("shares").get(0).get("participant").asText()).isEqualTo("project-vault");
        Run bad = run("stockpile", "release", "--mineral", "gallium", "--disruption", "nope");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--disruption: nope: no bundled scenario of that name");
    }

    /** examples/stockpile/corrected-reserve.yaml by hand (its header): a purchase replaced and a bill struck out by corrections. */
    @Test
    void aLedgerWithCorrectionsIsDerivedAsCorrectedAndListsWhatWasCorrected() throws Exception {
        String file = repo().resolve("examples/stockpile/corrected-reserve.yaml").toString();
        Run show = run("stockpile", "show", "--file", file, "--json");
        assertThat(show.exit()).as(show.err()).isZero();
        JsonNode p = JSON.readTree(show.out());
        assertThat(p.at("/holdings/0/quantity_kg").decimalValue()).isEqualByComparingTo("8000");
        assertThat(p.at("/holdings/0/cost_basis").decimalValue()).isEqualByComparingTo("4800000.00");
        assertThat(p.at("/funding/left").decimalValue()).isEqualByComparingTo("45475000.00");
        assertThat(p.at("/carrying_costs/total").decimalValue()).isEqualByComparingTo("25000.00");
        assertThat(p.get("events").asInt()).isEqualTo(7);
        Run events = run("stockpile", "show", "--file", file, "--events");
        assertThat(events.exit()).as(events.err()).isZero();
        assertThat(events.out()).contains("  #2 2026-02-01 acquisition: mineral gallium; quantity 1000; price 6000  (corrected by #5)\n"
                + "  #3 2026-03-31 carrying-cost: kind storage; amount 25000\n"
                + "  #4 2026-03-31 carrying-cost: kind storage; amount 25000  (corrected by #6)\n"
                + "  #5 2026-04-20 correction of #2: replaced by 2026-02-01 acquisition: mineral gallium; quantity 10000; price 600 — quantity "
                + "and price keyed the wrong way round (the invoice: 10 t at 600 USD/kg)\n"
                + "  #6 2026-04-20 correction of #4: struck out — the Q1 storage bill recorded twice\n");
        assertThat(events.err()).isEmpty(); // 6,000 USD/kg is within 20 times gallium's 580: the price of #2 is not warned
        JsonNode listed = JSON.readTree(run("stockpile", "show", "--file", file, "--events", "--json").out()).get("events");
        assertThat(listed.get(1).get("corrected_by").asInt()).isEqualTo(5);
        assertThat(listed.get(4).get("number").asInt()).isEqualTo(5);
    }

    @Test
    void aPricePerTonneKeyedAsPerKgIsWarnedAndTheLedgerDerivedAsGiven(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = dir.resolve("t.yaml");
        java.nio.file.Files.writeString(f, """
                stockpile: t
                events:
                  - {date: 2026-01-01, type: funding, source: government, amount: 10000000000}
                  - {date: 2026-03-16, type: acquisition, mineral: gallium, quantity: 15, unit: t, price: 580000}
                """);
        Run show = run("stockpile", "show", "--file", f.toString(), "--json");
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.err()).isEqualTo("lodestone: warning: " + f + ":4: events[1].price: 580000 USD/kg is 1,000 times above the "
                + "reference price of gallium in the gallium market, 580 USD/kg: a ledger's prices are USD per kg (a price per tonne is "
                + "a thousand times one per kg); recorded as given\n");
        assertThat(JSON.readTree(show.out()).at("/holdings/0/cost_basis").decimalValue()).isEqualByComparingTo("8700000000.00");
    }

    /** examples/stockpile/small-reserve.yaml by hand: 50 M USD funded, 10,000 kg of gallium at 600 USD/kg; the API's figures (StockpileFilesApiTest). */
    @Test
    void aSmallLedgerFileIsDerivedAsByHand() throws Exception {
        Run show = run("stockpile", "show", "--file", repo().resolve("examples/stockpile/small-reserve.yaml").toString(), "--json");
        assertThat(show.exit()).as(show.err()).isZero();
        JsonNode p = JSON.readTree(show.out());
        assertThat(p.at("/holdings/0/quantity_kg").decimalValue()).isEqualByComparingTo("10000");
        assertThat(p.at("/holdings/0/cost_basis").decimalValue()).isEqualByComparingTo("6000000");
        assertThat(p.at("/funding/left").decimalValue()).isEqualByComparingTo("44000000");
    }

    /** A ledger without members says so under its heading, rather than a heading over nothing. */
    @Test
    void aLedgerWithoutMembersSaysNone() throws Exception {
        Run show = run("stockpile", "show", "--file", repo().resolve("examples/stockpile/small-reserve.yaml").toString());
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out()).contains("members (entitlement kg by mineral):\n  none\n");
        assertThat(run("stockpile", "show").out()).contains("members (entitlement kg by mineral):\n  General Motors (joined 2026-02-02")
                .doesNotContain("  none\n");
    }

    @Test
    void anEventListedAsOfADateKeepsItsNumberWhenACorrectionIsDatedBeforeTheEventItMends(@TempDir Path dir) throws Exception {
        // reported: a year keyed 2027 for 2026, mended by a correction recorded (and dated) in 2026; as of a date between them the
        // correction #3 was listed as "#2 … correction of #2 (corrected by #3)", and the JSON listed the mistaken #2 in its place
        Path f = dir.resolve("r.yaml");
        Files.writeString(f, """
                stockpile: r
                events:
                  - {date: 2026-01-15, type: funding, source: government, amount: 50000000}
                  - {date: 2027-12-01, type: acquisition, mineral: gallium, quantity: 1000, price: 600, note: "year keyed 2027 for 2026"}
                  - {date: 2026-12-06, type: correction, corrects: 2, replacement: {date: 2026-12-01, type: acquisition, mineral: gallium, quantity: 1000, price: 600}}
                """);
        Run text = run("stockpile", "show", "--file", f.toString(), "--as-of", "2026-12-10", "--events");
        assertThat(text.exit()).isZero();
        assertThat(text.out()).contains("(2 events)").contains("events:\n  #1 2026-01-15 funding: source government; amount 50000000\n"
                + "  #3 2026-12-06 correction of #2: replaced by 2026-12-01 acquisition: mineral gallium; quantity 1000; price 600\n");
        JsonNode json = JSON.readTree(run("stockpile", "show", "--file", f.toString(), "--as-of", "2026-12-10", "--events", "--json").out());
        assertThat(json.get("events")).extracting(e -> e.get("number").asInt() + " " + e.get("type").asText()).containsExactly("1 funding", "3 correction");
        assertThat(json.at("/position/holdings/0/cost_basis").decimalValue()).isEqualByComparingTo("600000.00");
    }

    @Test
    void aLedgerFileWithAnOverdrawIsRefusedWithItsLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("l.yaml");
        Files.writeString(f, """
                stockpile: t
                events:
                  - {date: 2026-01-01, type: funding, source: private-capital, amount: 1000}
                  - {date: 2026-01-02, type: acquisition, mineral: gallium, quantity: 1, price: 500}
                  - {date: 2026-01-03, type: release, mineral: gallium, quantity: 5, price: 500}
                """);
        Run e = run("stockpile", "show", "--file", f.toString());
        assertThat(e.exit()).isEqualTo(2);
        assertThat(e.err()).contains(f + ":5: events[2].quantity: a release of 5 kg of gallium is larger than the holding, 1 kg");
    }

    @Test
    void aLineTheAssessmentCannotTakeOrAnOverusedLineRefusesTheFile(@TempDir Path dir) throws Exception {
        // reported: unit furlongs gave "total landed cost $0.00" and exit 0; a product using twice its line went unremarked
        Path f = dir.resolve("e.yaml");
        Files.writeString(f, """
                company: Test Co
                date: 2026-03-02
                products:
                  - {id: p, annual_volume: 300000, bom: [{line: a, quantity: 1.4}]}
                sourcing:
                  - id: a
                    origin: JP
                    hts: 8505.11.00.70
                    quantity: 210000
                    unit: furlongs
                    price: 10
                """);
        Run e = run("exposure", f.toString());
        assertThat(e.exit()).isEqualTo(2);
        assertThat(e.out()).isEmpty();
        assertThat(e.err()).contains(f + ":9: sourcing[0].quantity: 210000 furlongs a year is less than the products use of this line, 420000 "
                        + "furlongs a year (products[0] 'p' (line 4): 1.4 furlongs a unit × 300000 units = 420000 furlongs)")
                .contains(f + ":10: sourcing[0].unit: unknown unit 'furlongs'; expected one of kg, g, t,").endsWith("2 problems; nothing was evaluated.\n");
        // a line refused by a scenario's assessment (no EUR rate in 2001) refuses the evaluation too, at the currency's line
        Files.writeString(f, """
                company: Test Co
                date: 2026-03-02
                sourcing:
                  - {id: a, origin: JP, hts: 8505.11.00.70, quantity: 210000, price: 10,
                     currency: EUR}
                """);
        Run old = run("exposure", f.toString(), "--scenario", "date=2001-01-01,label=old");
        assertThat(old.exit()).isEqualTo(2);
        assertThat(old.err()).isEqualTo(f + ":5: sourcing[0].currency: under the scenario 'old': no exchange rate for EUR on or before 2001-01-01\n"
                + "1 problem; nothing was evaluated.\n");
    }

    @Test
    void aMissingFileIsSaidInWords(@TempDir Path dir) {
        Path f = dir.resolve("missing.yaml");
        Run e = run("exposure", f.toString());
        assertThat(e.exit()).isEqualTo(3);
        assertThat(e.err()).isEqualTo("lodestone: " + f + ": no such file\n");
        Run s = run("stockpile", "show", "--file", dir.toString());
        assertThat(s.exit()).isEqualTo(3);
        assertThat(s.err()).isEqualTo("lodestone: " + dir + ": is a directory, not a file\n");
    }

    @Test
    void eachLinesContractIsSaidInWordsAndInTheJson() throws Exception {
        Run e = run("exposure", repo().resolve("examples/exposure/magnet-maker.yaml").toString(), "--no-alternatives");
        assertThat(e.exit()).as(e.err()).isZero();
        assertThat(e.out()).contains("\n      contract jp-fixed-2026 (fixed): volume 60000 kg a year = 5000 kg a month of the 7500 kg bought a month "
                + "(66.67 %), on its terms in 7 of the 12 months (2026-03 to 2026-09): 35000 kg; at spot: 55000 kg\n");
        Run j = run("exposure", repo().resolve("examples/exposure/magnet-maker.yaml").toString(), "--no-alternatives", "--json");
        JsonNode t = null;
        for (JsonNode l : JSON.readTree(j.out()).get("lines")) if (l.get("line").asText().equals("ndfeb-jp")) t = l.get("contract_terms");
        assertThat(t.get("volume_per_year").decimalValue()).isEqualByComparingTo("60000");
        assertThat(t.get("contract_quantity_per_month").decimalValue()).isEqualByComparingTo("5000");
        assertThat(t.get("months")).hasSize(7);
        assertThat(t.get("contract_quantity").decimalValue()).isEqualByComparingTo("35000");
        assertThat(t.get("spot_quantity").decimalValue()).isEqualByComparingTo("55000");
    }

    @Test
    void stockpileCoverRefusesWhatItCannotAnswer() {
        Run early = run("stockpile", "cover", "--start", "2020-01-01", "--disruption", "gallium-ban");
        assertThat(early.exit()).isEqualTo(2);
        assertThat(early.err()).isEqualTo("lodestone: --start: 2020-01-01 is before the ledger's position date 2026-12-31, whose holdings are "
                + "projected; start on or after it (or ask for the position as of an earlier date)\n");
        Run baseline = run("stockpile", "cover", "--disruption", "ndpr");
        assertThat(baseline.exit()).isEqualTo(2);
        assertThat(baseline.err()).isEqualTo("lodestone: --disruption: ndpr is not a disruption: its market restricts no exports (no export ban, "
                + "quota or tax); disruptions: gallium-ban, gallium-ban-stockpile, germanium-ban-us, germanium-ban\n");
        Run region = run("stockpile", "cover", "--region", "XX");
        assertThat(region.exit()).isEqualTo(2);
        assertThat(region.err()).isEqualTo("lodestone: --region: 'XX' is not a country of the regime or a region of a bundled market; expected an "
                + "ISO alpha-2 code (e.g. US, JP, KR) or a market region (e.g. EU27)\n");
        Run months = run("stockpile", "cover", "--months", "100000");
        assertThat(months.exit()).isEqualTo(2);
        assertThat(months.err()).isEqualTo("lodestone: --months: the length of a disruption; give --disruption too (or leave --months out)\n");
        Run tooLong = run("stockpile", "cover", "--disruption", "gallium-ban", "--months", "100000");
        assertThat(tooLong.exit()).isEqualTo(2);
        assertThat(tooLong.err()).isEqualTo("lodestone: --months: 100000 is not a whole number of months from 1 to 120\n");
        // reported: a position before the ledger's first event printed the table's headers alone
        Run before = run("stockpile", "cover", "--as-of", "2025-01-01");
        assertThat(before.exit()).as(before.err()).isZero();
        assertThat(before.out()).endsWith("no holdings on 2025-01-01 (the ledger's first event is on 2026-02-02): nothing to cover\n");
        // reported: a mineral the regime does not know was "no bundled market trades unobtainium"
        Run unknown = run("stockpile", "release", "--mineral", "unobtainium", "--disruption", "gallium-ban");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("'unobtainium' is not a mineral of the regime; expected an id of its critical-minerals list, e.g. gallium");
    }

    @Test
    void stockpileReleaseNamesWhatItRefusesAndTakesTheTotalInKg() throws Exception {
        Run xx = run("stockpile", "release", "--mineral", "gallium", "--disruption", "gallium-ban", "--ally", "XX=60");
        assertThat(xx.exit()).isEqualTo(2);
        assertThat(xx.err()).isEqualTo("lodestone: --ally XX: 'XX' is not a country of the regime; expected an ISO alpha-2 code (e.g. US, JP, KR)\n");
        // reported: the contributions rule with allies named an internal field, participants[1].contribution
        Run contrib = run("stockpile", "release", "--mineral", "gallium", "--disruption", "gallium-ban", "--rule", "contributions",
                "--ally", "JP=60");
        assertThat(contrib.exit()).isEqualTo(2);
        assertThat(contrib.err()).isEqualTo("lodestone: --rule: contributions shares the release by what each participant paid in, "
                + "and what JP paid in is not known (an ally is taken to hold its target, and what it paid in is not published; a "
                + "stockpile's contribution is the funding drawn in its ledger); share by imports or holdings instead, or leave JP out\n");
        Run frac = run("stockpile", "release", "--mineral", "gallium", "--disruption", "gallium-ban", "--ally", "JP=60.9");
        assertThat(frac.exit()).isEqualTo(2);
        assertThat(frac.err()).isEqualTo("lodestone: --ally: 'JP=60.9' is not CC=DAYS with a whole number of days (e.g. JP=60)\n");
        Run total = run("stockpile", "release", "--mineral", "gallium", "--disruption", "gallium-ban", "--total-kg", "5000", "--json");
        assertThat(total.exit()).as(total.err()).isZero();
        assertThat(JSON.readTree(total.out()).get("total_released_kg").decimalValue()).isEqualByComparingTo("5000");
        Run old = run("stockpile", "release", "--mineral", "gallium", "--disruption", "gallium-ban", "--total", "5000");
        assertThat(old.exit()).isEqualTo(2); // one name for it, as the API's total_kg
        assertThat(old.err()).contains("Unknown options: '--total', '5000'").contains("Possible solutions: --total-kg");
        Run zero = run("stockpile", "release", "--mineral", "gallium", "--disruption", "gallium-ban", "--total-kg", "0");
        assertThat(zero.err()).isEqualTo("lodestone: --total-kg: 0 is not a positive quantity of kg\n");
    }

    @Test
    void aNegativeSavingIsPrintedWithItsSignBeforeTheDollar() {
        // reported: "$-13,080.00"
        Run e = run("exposure", repo().resolve("examples/exposure/battery-maker.yaml").toString());
        assertThat(e.exit()).as(e.err()).isZero();
        assertThat(e.out()).contains("saving      -$13,080.00").doesNotContain("$-");
    }

    @Test
    void everyProblemOfALedgerFileIsListedAtOnce(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sp.yaml");
        Files.writeString(f, """
                stockpile: test
                events:
                  - {date: 2026-01-01, type: funding, source: government, amount: 1000}
                  - {date: 2026-01-02, type: acquisition, mineral: gallium, quantity: 1, unit: lb, price: 0.6}
                  - {date: 2025-12-31, type: acquisition, mineral: unobtainium, quantity: 1, price: 1}
                """);
        Run e = run("stockpile", "show", "--file", f.toString());
        assertThat(e.exit()).isEqualTo(2);
        assertThat(e.err()).isEqualTo("lodestone: 3 problems in the stockpile ledger; nothing was derived:\n"
                + f + ":4: events[1].unit: 'lb' is not a unit of a ledger quantity; expected kg or t\n"
                + f + ":5: events[2].mineral: 'unobtainium' is not a mineral of the regime; expected one of its ids (e.g. gallium, dysprosium)\n"
                + f + ":5: events[2].date: 2025-12-31 is before the previous event's date 2026-01-01; a ledger's events are in date order "
                + "(append later events at the end)\n");
    }

    /** A two-region cobalt market, DRC → US, with a DRC export quota of 300 t: hand-solved below. */
    static final String DRC_QUOTA = """
            scenario: drc-cobalt-quota
            description: two-region cobalt market with a DRC export quota of 300 t
            mineral: cobalt
            units: {quantity: t, price: USD/kg}
            reference_year: 2026
            reference_price: 50
            regions:
              - {id: CD, countries: [CD], supply: {type: linear, intercept: 0, slope: 10}}
              - {id: US, countries: [US], demand: {type: linear, intercept: 1000, slope: -10}}
            transport: {default: 0}
            policies:
              - {type: export_quota, region: CD, quantity: 300}
            """;
    static final String CATHODE = """
            company: Example Cathode Works
            date: 2026-03-02
            sourcing:
              - {id: co-fi, material: cobalt tetroxide, supplier: Example Kokkola Chemicals, origin: FI, hts: 2822.00.00.10,
                 quantity: 1000, unit: kg, price: 40, incoterm: CIF, market: {scenario: cobalt, share: 0.5}}
            """;

    @Test
    void aScenarioFileOfTheUsersOwnPricesTheExposure(@TempDir Path dir) throws Exception {
        // reported: --scenario took only bundled names, so a DRC cobalt quota of one's own could not be priced (only simulated)
        Files.writeString(dir.resolve("cathode.yaml"), CATHODE);
        Path quota = dir.resolve("drc-quota.yaml");
        Files.writeString(quota, DRC_QUOTA);
        // baseline (the file without its policies): 10p = 1000 - 10p, p = 50; with the quota the US buys 300 t: 1000 - 10p = 300,
        // p = 70. The line's price moves by 70/50 for its share 0.5: 40 × (0.5 + 0.5 × 1.4) = 48 a kg; 1,000 kg = $48,000 customs
        // value, the 0.1 % general duty $48: landed $48,048 (today $40,040)
        Run e = run("exposure", dir.resolve("cathode.yaml").toString(), "--scenario", quota.toString(),
                "--scenario", "market=" + quota + ",from=2026-09-02,label=quota-from-september", "--json", "--no-alternatives");
        assertThat(e.exit()).as(e.err()).isZero();
        JsonNode t = JSON.readTree(e.out());
        assertThat(t.get("totals").get("today").decimalValue()).isEqualByComparingTo("40040.00");
        assertThat(t.get("totals").get(quota.toString()).decimalValue()).isEqualByComparingTo("48048.00");
        // from 2026-09-02: six months at 40, six at 48: 44 a kg, $44,000 + $44 duty
        assertThat(t.get("totals").get("quota-from-september").decimalValue()).isEqualByComparingTo("44044.00");
        JsonNode line = null;
        for (JsonNode l : t.get("lines")) if (l.get("scenario").asText().equals(quota.toString())) line = l;
        assertThat(line.get("average_price").decimalValue()).isEqualByComparingTo("48");
        assertThat(line.get("duty").decimalValue()).isEqualByComparingTo("48.00");
        assertThat(t.get("warnings").size()).isZero();
    }

    @Test
    void aScenarioFileOfTheUsersOwnThatIsWrongIsRefusedAtItsLines(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("cathode.yaml"), CATHODE);
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, DRC_QUOTA.replace("quantity: 300}", "quantity: -5}").replace("mineral: cobalt\n", "mineral: cobalt\nregion_typo: 1\n"));
        Run e = run("exposure", dir.resolve("cathode.yaml").toString(), "--scenario", bad.toString());
        assertThat(e.exit()).isEqualTo(2);
        assertThat(e.err()).contains(bad + ":4: region_typo: unknown field (expected one of scenario, description, mineral,")
                .contains(bad + ":13: policies[0].quantity: expected a number ≥ 0, found -5")
                .contains("2 problems; nothing was evaluated.");
        assertThat(e.out()).isEmpty();
        Run missing = run("exposure", dir.resolve("cathode.yaml").toString(), "--scenario", dir.resolve("nothere.yaml").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--scenario " + dir.resolve("nothere.yaml") + ": no scenario file " + dir.resolve("nothere.yaml")
                + " (a market scenario of your own is a file, docs/scenario-format.md; a bundled one is named without .yaml)");
    }

    @Test
    void aScenarioFileOnAnotherMineralOrWithoutEquilibriumIsSaid(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("cathode.yaml"), CATHODE);
        Path ni = dir.resolve("ni.yaml");
        Files.writeString(ni, DRC_QUOTA.replace("mineral: cobalt", "mineral: nickel"));
        Run e = run("exposure", dir.resolve("cathode.yaml").toString(), "--scenario", ni.toString(), "--no-alternatives");
        assertThat(e.exit()).as(e.err()).isZero();
        assertThat(e.out()).contains("! " + ni + ": the market " + ni + " trades nickel, but the lines linked to a market follow cobalt: "
                + "its prices change nothing here");
        // a ban on the only supplier of a demand that does not fall with price: no price clears the US market
        Path none = dir.resolve("none.yaml");
        Files.writeString(none, DRC_QUOTA.replace("intercept: 1000, slope: -10", "intercept: 1000, slope: 0")
                .replace("{type: export_quota, region: CD, quantity: 300}", "{type: export_ban, region: CD}"));
        Run n = run("exposure", dir.resolve("cathode.yaml").toString(), "--scenario", none.toString());
        assertThat(n.exit()).isEqualTo(2);
        assertThat(n.err()).contains(none + ": the market drc-cobalt-quota has no equilibrium: no equilibrium found:");
    }

    @Test
    void aReleaseInADisruptionOfTheUsersOwn(@TempDir Path dir) throws Exception {
        // reported: --disruption took only bundled scenarios (gallium's alone restricts exports), so a cobalt release could not be asked
        // the bundled gallium ban written as one's own file: the same release, figure for figure
        Path ga = dir.resolve("my-gallium-ban.yaml");
        Files.writeString(ga, lodestone.market.Scenario.bundledText("gallium-ban"));
        Run own = run("stockpile", "release", "--mineral", "gallium", "--disruption", ga.toString(), "--months", "13", "--json");
        Run bundled = run("stockpile", "release", "--mineral", "gallium", "--disruption", "gallium-ban", "--months", "13", "--json");
        assertThat(own.exit()).as(own.err()).isZero();
        JsonNode o = JSON.readTree(own.out()), b = JSON.readTree(bundled.out());
        assertThat(o.get("shares")).isNotNull().isEqualTo(b.get("shares"));
        assertThat(o.get("prices_usd_per_kg")).isNotNull().isEqualTo(b.get("prices_usd_per_kg"));
        assertThat(o.get("net")).isNotNull().isEqualTo(b.get("net"));
        assertThat(o.get("disruption").asText()).isEqualTo(ga.toString());
        // a DRC cobalt export quota on the bundled cobalt market: the Vault and its allies release cobalt
        Path co = dir.resolve("drc-quota.yaml");
        Files.writeString(co, """
                scenario: drc-quota
                description: a DRC export quota of 115,000 t on the bundled cobalt market
                baseline: cobalt
                policies:
                  - {type: export_quota, region: CD, quantity: 115000}
                """);
        Run c = run("stockpile", "release", "--mineral", "cobalt", "--disruption", co.toString(), "--months", "12");
        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(c.out()).contains("Coordinated release of cobalt in " + co + " over 12 months")
                .containsPattern("US\\s+46.48\\s+128.66\\s+118.87\\s+USD/kg");
        // JP and KR are one market region (JK): each ally held its target of all of JK's imports and was weighted by all of
        // them, so the two counted the region twice (5,414,996 and 9,024,994 kg held). Each now holds its target of half of
        // them: 60 and 100 days of the same 16.48 kt a year, and both release all they hold
        Run cj = run("stockpile", "release", "--mineral", "cobalt", "--disruption", co.toString(), "--months", "12", "--json");
        JsonNode shares = JSON.readTree(cj.out()).get("shares");
        assertThat(shares.get(1).get("quantity_kg").decimalValue()).isEqualByComparingTo("2707498");
        assertThat(shares.get(2).get("quantity_kg").decimalValue()).isEqualByComparingTo("4512497");
        assertThat(shares.get(1).get("basis").asText()).isEqualTo("assumed: holds its 60-day target of half of JK's baseline imports "
                + "(JK, that is JP and KR, is one region of the market: its imports are split equally here among the 2 participants in it; "
                + "national holdings are not published)");
        assertThat(c.out()).contains("JP and KR share the market region JK (that is JP and KR), whose imports the market does not split by country: "
                + "each is weighted by 1/2 of them (an equal split, an assumption)");
        // one on another market of the mineral (the hand-checkable two-region one) is refused, saying why
        Path two = dir.resolve("two.yaml");
        Files.writeString(two, DRC_QUOTA);
        Run t = run("stockpile", "release", "--mineral", "cobalt", "--disruption", two.toString());
        assertThat(t.exit()).isEqualTo(2);
        assertThat(t.err()).contains("--disruption: the scenario " + two + " has the regions CD, US, not those of the bundled cobalt market "
                + "(CD, ID, RU, CN, US, EU27, JK, ROW) in which a release is shared and priced: write the disruption on it (baseline: cobalt, with its policies)");
        // a wrong file: at its line
        Files.writeString(co, Files.readString(co).replace("quantity: 115000", "quantity: -1"));
        Run bad = run("stockpile", "release", "--mineral", "cobalt", "--disruption", co.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains(co + ":5: policies[0].quantity: expected a number ≥ 0, found -1");
    }

    static final String ONE_LINE = """
            company: One Line Oxides (illustrative)
            date: 2026-03-02
            sourcing:
              - {id: ndpr-jp, origin: JP, hts: 2846.90.20.15, quantity: 1200, unit: kg, price: 72.273167, incoterm: CIF,
                 market: {scenario: ndpr, share: 1}}
            """;

    /**
     * A budget year by year (docs/exposure-format.md, "Year by year"): the one-line company of ExposureYearsTest costs 1,200 kg × the
     * market engine's US price each year — 70.246744 on the baseline path in 2027, the floor of 110 on ndpr-2025-2040 — as text and as CSV;
     * a scenario that is one equilibrium is refused with exit 2.
     */
    @Test
    void aCompanyYearByYearAsTextAndCsv(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("one.yaml");
        Files.writeString(f, ONE_LINE);
        Path csv = dir.resolve("one.csv");
        Run e = run("exposure", f.toString(), "--years", "2027-2028", "--scenario", "ndpr-2025-2040", "--csv", csv.toString());
        assertThat(e.exit()).as(e.err()).isZero();
        assertThat(e.out()).startsWith("""
                Exposure of One Line Oxides (illustrative), year by year 2027-2028 (the file's prices as of 2026-03-02; each year twelve monthly purchases, each assessed on its date; USD)

                total landed cost                            2027               2028
                baseline                               $84,296.09         $82,373.52
                ndpr-2025-2040                        $132,000.00        $132,000.00
                ! baseline, ndpr-2025-2040: regime horizon: the border from 2027-01-02 is after 2026-10-07, the last date through which the facts of regime us-2026 were checked; measures that begin or change after it are not in these figures, which give the regime as it stands for every later month (24 of the 24 months evaluated)

                Market prices (the model's US price a calendar year, rounded to 6 decimals; a month takes its calendar year's price; a linked line's price moves by price ÷ anchor for its share):
                  ndpr     baseline               the baseline path of ndpr-2025-2040, USD/kg; anchor 2026: 72.273167; 2027: 70.246744; 2028: 68.644597
                  ndpr     ndpr-2025-2040         ndpr-2025-2040, USD/kg; anchor 2026: 72.273167; 2027: 110; 2028: 110

                2027:
                  line                   scenario                 status              avg price           goods cost    customs value           duty      landed cost
                  ndpr-jp                baseline                 assessed     70.246744 USD/kg        84,296.09 USD       $84,296.09          $0.00       $84,296.09
                      cheapest alternative: AU at 69.746744 USD/kg, duty $0.00, landed $83,696.09, saving $600.00 (supplied in the ndpr market (region LY); preference AU does not lower this line's duty)
                  ndpr-jp                ndpr-2025-2040           assessed           110 USD/kg       132,000.00 USD      $132,000.00          $0.00      $132,000.00
                """);
        // each row with its cheapest alternative that year: Australia (region LY), 0.50 a kg below Japan on the baseline path
        assertThat(Files.readString(csv)).isEqualTo("year,line,scenario,status,origin,supplier,hts,quantity,unit,currency,market_price,average_price,"
                + "goods_cost,customs_value_usd,duty,freight,landed_cost,contract,contract_quantity,warnings,alternative_origin,alternative_landed_cost,"
                + "alternative_saving\r\n"
                + "2027,ndpr-jp,baseline,assessed,JP,,2846.90.20.15,1200,kg,USD,70.246744,70.246744,84296.09,84296.09,0.00,0.00,84296.09,,,,AU,83696.09,600.00\r\n"
                + "2028,ndpr-jp,baseline,assessed,JP,,2846.90.20.15,1200,kg,USD,68.644597,68.644597,82373.52,82373.52,0.00,0.00,82373.52,,,,AU,81773.52,600.00\r\n"
                + "2027,ndpr-jp,ndpr-2025-2040,assessed,JP,,2846.90.20.15,1200,kg,USD,110,110,132000.00,132000.00,0.00,0.00,132000.00,,,,AU,131060.45,939.55\r\n"
                + "2028,ndpr-jp,ndpr-2025-2040,assessed,JP,,2846.90.20.15,1200,kg,USD,110,110,132000.00,132000.00,0.00,0.00,132000.00,,,,AU,131038.53,961.47\r\n");
        Run j = run("exposure", f.toString(), "--years", "2027", "--scenario", "ndpr-2025-2040", "--json");
        JsonNode t = JSON.readTree(j.out());
        assertThat(t.get("totals").get("ndpr-2025-2040").get("2027").decimalValue()).isEqualByComparingTo("132000.00");
        Run one = run("exposure", f.toString(), "--years", "2027-2028", "--scenario", "ndpr-floor-110");
        assertThat(one.exit()).isEqualTo(2);
        assertThat(one.err()).contains("ndpr-floor-110: the market ndpr-floor-110 is one equilibrium, not a path of years (horizon:)");
        Run bad = run("exposure", f.toString(), "--years", "2027-20x");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--years: '2027-20x' is not FIRST-LAST years: calendar years, e.g. 2027-2030 (or one year, 2027), or "
                + "fiscal years with the month they start in, e.g. FY2028-FY2030 from October");
    }

    /**
     * A CFO's fiscal years from October (FY2028 = 2027-10 to 2028-09), figures of ExposureYearsTest: FY2028 is three months at the
     * baseline path's 2027 price and nine at its 2028 price, 300 × 70.246744 + 900 × 68.644597 = $82,854.16; each fiscal year
     * titled with its months; month 13, FY20x, fiscal years without their start and one past the path refused (exit 2).
     */
    @Test
    void fiscalYearsFromOctober(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("one.yaml");
        Files.writeString(f, ONE_LINE);
        Run e = run("exposure", f.toString(), "--years", "FY2028", "--fiscal-start", "october", "--no-alternatives");
        assertThat(e.exit()).as(e.err()).isZero();
        assertThat(e.out()).isEqualTo("""
                Exposure of One Line Oxides (illustrative), year by year FY2028 (the file's prices as of 2026-03-02; each year twelve monthly purchases, each assessed on its date; USD)
                Fiscal years, named by the calendar year they end in: FY2028 = 2027-10 to 2028-09

                total landed cost                          FY2028
                baseline                               $82,854.16
                ! baseline: regime horizon: the border from 2027-10-02 is after 2026-10-07, the last date through which the facts of regime us-2026 were checked; measures that begin or change after it are not in these figures, which give the regime as it stands for every later month (12 of the 12 months evaluated)

                Market prices (the model's US price a calendar year, rounded to 6 decimals; a month takes its calendar year's price; a linked line's price moves by price ÷ anchor for its share):
                  ndpr     baseline               the baseline path of ndpr-2025-2040, USD/kg; anchor 2026: 72.273167; 2027: 70.246744; 2028: 68.644597

                FY2028 (2027-10 to 2028-09):
                  line                   scenario                 status              avg price           goods cost    customs value           duty      landed cost
                  ndpr-jp                baseline                 assessed     69.045134 USD/kg        82,854.16 USD       $82,854.16          $0.00       $82,854.16
                """);
        JsonNode j = JSON.readTree(run("exposure", f.toString(), "--years", "FY2028", "--fiscal-start", "10", "--json").out());
        assertThat(j.at("/years/fiscal_start").intValue()).isEqualTo(10);
        assertThat(j.at("/years/periods/0/label").asText()).isEqualTo("FY2028");
        assertThat(j.at("/years/periods/0/first_month").asText()).isEqualTo("2027-10");
        assertThat(j.at("/totals/baseline/2028").decimalValue()).isEqualByComparingTo("82854.16");
        assertThat(j.at("/lines/0/cheapest_alternative/landed_cost").decimalValue()).isEqualByComparingTo("82254.16"); // 0.50 a kg less
        Run thirteen = run("exposure", f.toString(), "--years", "FY2028", "--fiscal-start", "13");
        assertThat(thirteen.exit()).isEqualTo(2);
        assertThat(thirteen.err()).contains("--fiscal-start: 13 is not a month; expected 1 to 12, or a month's name (10 or october: fiscal years "
                + "from October to September)");
        Run x = run("exposure", f.toString(), "--years", "FY20x", "--fiscal-start", "10");
        assertThat(x.exit()).isEqualTo(2);
        assertThat(x.err()).contains("--years: 'FY20x' is not FIRST-LAST years");
        Run noStart = run("exposure", f.toString(), "--years", "FY2028-FY2030");
        assertThat(noStart.exit()).isEqualTo(2);
        assertThat(noStart.err()).contains("--years: FY2028-FY2030 names fiscal years; say the month they start in (--fiscal-start 10 or october for "
                + "October to September, FY2028 = 2027-10 to 2028-09), or give calendar years (2028-2030)");
        Run past = run("exposure", f.toString(), "--years", "FY2040-FY2041", "--fiscal-start", "oct");
        assertThat(past.exit()).isEqualTo(2);
        assertThat(past.err()).contains("baseline: years FY2040-FY2041 (2039-10 to 2041-09) are outside the path of ndpr-2025-2040, 2025-2040 "
                + "(its horizon.years): the model has no price for 2041 on");
    }

    /**
     * A line bought under a fixed contract below the path's spot costs less than any alternative bought at spot: the cheapest was
     * said as "saving -$44,332.65" (found using the product: the electronics maker's Japanese gallium under its fixed contract). Now
     * said as what re-sourcing would cost more. 1,200 kg fixed at 72.273167 = $86,727.80; Australia under the floor path in 2027,
     * $131,060.45 (ExposureCommandTest.aCompanyYearByYearAsTextAndCsv): $44,332.65 more.
     */
    @Test
    void anAlternativeThatCostsMoreIsSaidSo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("fixed.yaml");
        Files.writeString(f, ONE_LINE.replace("share: 1}}", "share: 1}, contract: fixed-2027}") + """
                contracts:
                  - {id: fixed-2027, type: fixed, start: 2027-01-01, end: 2027-12-31}
                """);
        Run e = run("exposure", f.toString(), "--years", "2027", "--scenario", "ndpr-2025-2040");
        assertThat(e.exit()).as(e.err()).isZero();
        assertThat(e.out()).contains("""
                  ndpr-jp                ndpr-2025-2040           assessed     72.273167 USD/kg        86,727.80 USD       $86,727.80          $0.00       $86,727.80
                      cheapest alternative: AU at 109.217046 USD/kg, duty $0.00, landed $131,060.45, $44,332.65 more than the line: no alternative saves (supplied in the ndpr market (region LY); preference AU does not lower this line's duty)
                """);
    }

    /**
     * Year by year, a line's warning that holds in every year and scenario was printed under each (the magnet maker's two Chinese lines
     * said "production regions not declared" eight times over 2027-2028 and two scenarios — found using the product). The text says it
     * once a line, with how many of its years and scenarios it holds in; the JSON keeps it on each.
     */
    @Test
    void aLinesWarningIsPrintedOnceAcrossItsYears() throws Exception {
        Path f = repo().resolve("examples/exposure/magnet-maker.yaml");
        Run e = run("exposure", f.toString(), "--years", "2027-2028", "--scenario", "ndpr-2025-2040", "--no-alternatives");
        assertThat(e.exit()).as(e.err()).isZero();
        assertThat(e.out().split("production regions not declared", -1)).hasSize(3);
        assertThat(e.out()).contains("declare production_regions (the same in 4 of this line's 4 years and scenarios, said once)");
        JsonNode j = JSON.readTree(run("exposure", f.toString(), "--years", "2027-2028", "--scenario", "ndpr-2025-2040", "--no-alternatives", "--json").out());
        assertThat(j.at("/lines/3/warnings/0").asText()).startsWith("production regions not declared");
    }

    @Test
    void aCoverInADisruptionOfTheUsersOwn(@TempDir Path dir) throws Exception {
        // reported: stockpile cover --disruption took only bundled scenarios, and a path was refused as "no bundled scenario"
        // the bundled gallium ban written as one's own file: the same cover, figure for figure
        Path ga = dir.resolve("my-gallium-ban.yaml");
        Files.writeString(ga, lodestone.market.Scenario.bundledText("gallium-ban"));
        Run own = run("stockpile", "cover", "--disruption", ga.toString(), "--months", "13", "--json");
        Run bundled = run("stockpile", "cover", "--disruption", "gallium-ban", "--months", "13", "--json");
        assertThat(own.exit()).as(own.err()).isZero();
        assertThat(own.out().replace(ga.toString(), "gallium-ban")).isEqualTo(bundled.out());
        assertThat(JSON.readTree(own.out()).at("/lines/0/disruption/scenario").asText()).isEqualTo(ga.toString());
        // China cuts its gallium exports by 60 % for 9 months: a quota of 40 % of its 2025 exports, 259.57 t → 103.83 t. The US price
        // goes from 584.57 to 1,726.32 USD/kg (lodestone simulate FILE), and US demand (elasticity −0.2) from 18.970 t a year to
        // 18.970 × (1,726.32 / 584.57)^−0.2 = 15.276 t: a shortfall of 3,694 kg / 12 = 307.8 kg a month, and the Vault's 20,000 kg
        // cover 20,000 / 307.8 = 65.0 months of it: they last the 9 months
        Path cut = dir.resolve("ga-cut60.yaml");
        Files.writeString(cut, """
                scenario: ga-cut60
                description: China cuts gallium exports by 60 % (a quota of 40 % of its 2025 exports, 259.57 t)
                baseline: gallium
                policies:
                  - {type: export_quota, region: CN, quantity: 103.83}
                """);
        Run c = run("stockpile", "cover", "--disruption", cut.toString(), "--months", "9");
        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(c.out()).contains("for US from 2026-12-31; disruption: " + cut + " for 9 months")
                .containsPattern("gallium\\s+20000\\s+1,580.8\\s+12.7\\s+2028-01-20\\s+65.0 months of the shortfall \\(307.8 kg/mo\\): lasts the disruption");
        JsonNode cj = JSON.readTree(run("stockpile", "cover", "--disruption", cut.toString(), "--months", "9", "--json").out()).at("/lines/0");
        assertThat(cj.get("holding_kg").doubleValue() / cj.at("/disruption/shortfall_kg_per_month").doubleValue())
                .isEqualTo(cj.at("/disruption/months_of_cover").doubleValue());
        // reported: a holding that lasts the 9 months was given a run-out date under the disruption 65 months on (as if
        // the shortfall went on after it ended: 2032-05-31), in the JSON, the CSV and the report's column beside "lasts: yes"
        assertThat(cj.at("/disruption/lasts_the_disruption").asBoolean()).isTrue();
        assertThat(cj.at("/disruption/runs_out").isNull()).as(cj.toString()).isTrue();
        // the same cut as the bundled example, for Japan's imports: 106.820 → 84.280 t a year, 1,878.4 kg a month short
        Run jp = run("stockpile", "cover", "--disruption", repo().resolve("examples/market/china-gallium-cut-60.yaml").toString(), "--months", "9", "--region", "JP");
        assertThat(jp.exit()).as(jp.err()).isZero();
        assertThat(jp.out()).containsPattern("gallium\\s+20000\\s+8,901.7\\s+2.2\\s+2027-03-09\\s+10.6 months of the shortfall \\(1,878.4 kg/mo\\): lasts the disruption");
        // a DRC cobalt quota against a ledger that holds no cobalt: refused, saying what it holds
        Path co = dir.resolve("drc-quota.yaml");
        Files.writeString(co, """
                scenario: drc-quota
                description: a DRC export quota of 115,000 t on the bundled cobalt market
                baseline: cobalt
                policies:
                  - {type: export_quota, region: CD, quantity: 115000}
                """);
        String small = repo().resolve("examples/stockpile/small-reserve.yaml").toString();
        Run other = run("stockpile", "cover", "--file", small, "--disruption", co.toString());
        assertThat(other.exit()).isEqualTo(2);
        assertThat(other.err()).contains("--disruption: the scenario " + co + " is a market for cobalt, and the ledger small-reserve holds "
                + "none of it on 2026-02-01 (it holds gallium): there is no cover to compute under it");
        // one on another market of the mineral (the hand-checkable two-region one): refused, saying why
        Path two = dir.resolve("two.yaml");
        Files.writeString(two, DRC_QUOTA);
        Run t = run("stockpile", "cover", "--disruption", two.toString());
        assertThat(t.exit()).isEqualTo(2);
        assertThat(t.err()).contains("--disruption: the scenario " + two + " has the regions CD, US, not those of the bundled cobalt market "
                + "(CD, ID, RU, CN, US, EU27, JK, ROW) whose imports the cover is set against: write the disruption on it (baseline: cobalt, with its policies)");
        // without an equilibrium, named
        Path none = dir.resolve("none.yaml");
        Files.writeString(none, DRC_QUOTA.replace("intercept: 1000, slope: -10", "intercept: 1000, slope: 0"));
        Run n = run("stockpile", "cover", "--disruption", none.toString());
        assertThat(n.exit()).isEqualTo(2);
        assertThat(n.err()).contains("--disruption: " + none + ": the market drc-cobalt-quota has no equilibrium: no equilibrium found:");
        // a file that restricts no exports: said what a disruption of one's own needs (it listed the bundled disruptions alone)
        Path floor = dir.resolve("floor.yaml");
        Files.writeString(floor, "scenario: floor\ndescription: a floor\nbaseline: gallium\npolicies:\n  - {type: price_floor, floor: 700, members: [US, JP]}\n");
        Run fl = run("stockpile", "cover", "--disruption", floor.toString());
        assertThat(fl.exit()).isEqualTo(2);
        assertThat(fl.err()).contains("--disruption: " + floor + " is not a disruption: its market restricts no exports (no export ban, quota or tax); "
                + "a disruption of your own has an export_ban, export_quota or export_tax among its policies (docs/scenario-format.md); "
                + "the bundled disruptions: gallium-ban, gallium-ban-stockpile, germanium-ban-us, germanium-ban");
        // a wrong file: at its line; a .yaml that is no file: said as one
        Files.writeString(co, Files.readString(co).replace("quantity: 115000", "quantity: -1"));
        Run bad = run("stockpile", "cover", "--disruption", co.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains(co + ":5: policies[0].quantity: expected a number ≥ 0, found -1").contains("nothing was run.");
        Run missing = run("stockpile", "cover", "--disruption", dir.resolve("nothere.yaml").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--disruption: no scenario file " + dir.resolve("nothere.yaml") + " (a disruption of your own is a file, "
                + "docs/scenario-format.md; a bundled one is named without .yaml)");
    }

    /**
     * The optics maker on the germanium market. ge-metal-be, 1,200 kg at 4,150 CIF (12 freight): customs value 1,200 × 4,138 =
     * 4,965,600, duty 2.6 % = 129,105.60, landed with freight 5,109,105.60. Under germanium-ban the US price goes 4,100 →
     * 9,462.69 (× 2.30797): its indexed contract (3 months' lag) pays 3 months at 4,150 and 9 at 4,150 × 2.30797 = 8,221.07 on
     * average. China's ban on the US alone moves no price, and the Chinese line is said to be unavailable under both.
     */
    @Test
    void theOpticsMakerOnTheGermaniumMarket() throws Exception {
        Run e = run("exposure", repo().resolve("examples/exposure/optics-maker.yaml").toString(), "--scenario", "germanium-ban",
                "--scenario", "germanium-ban-us", "--json", "--no-alternatives");
        assertThat(e.exit()).as(e.err()).isZero();
        JsonNode j = JSON.readTree(e.out());
        java.util.Map<String, JsonNode> lines = new java.util.HashMap<>();
        for (JsonNode l : j.get("lines")) lines.put(l.get("line").asText() + "|" + l.get("scenario").asText(), l);
        JsonNode be = lines.get("ge-metal-be|today");
        assertThat(be.get("customs_value_usd").decimalValue()).isEqualByComparingTo("4965600.00");
        assertThat(be.get("duty").decimalValue()).isEqualByComparingTo("129105.60");
        assertThat(be.get("landed_cost").decimalValue()).isEqualByComparingTo("5109105.60");
        assertThat(lines.get("ge-metal-be|germanium-ban").get("average_price").asDouble()).isCloseTo(4150 * (3 + 9 * 9462.6939 / 4100) / 12, within(0.01));
        assertThat(lines.get("ge-metal-be|germanium-ban-us").get("landed_cost").decimalValue()).isEqualByComparingTo("5109105.60");
        for (String k : java.util.List.of("ge-metal-cn|germanium-ban", "ge-metal-cn|germanium-ban-us")) {
            assertThat(lines.get(k).get("warnings").toString()).as(k).contains("bans exports from CN to US: this line is not available under it");
        }
    }
}
