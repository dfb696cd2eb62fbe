package lodestone.regime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What issue 18 found the loader accepting, each now refused with its location: a key given twice (the first
 * won, silently), conflicting exchange-rate rows, rows wider than their header, NUL characters; and a seeded
 * mutation run over those families that must never load silently.
 */
class RegimeRefusalsTest {
    @TempDir
    Path tmp;

    private List<String> problems(MiniRegime m) {
        RegimeInvalidException e = catchThrowableOfType(RegimeInvalidException.class, m::load);
        assertThat(e).as("the regime should be refused").isNotNull();
        return e.problems().stream().map(Problem::toString).toList();
    }

    private String file(String name) {
        return tmp.resolve(name).toString();
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        MiniRegime m = MiniRegime.copyTo(tmp).replace("programs.yaml", "  - {code: AU, name: US–Australia FTA,",
                "  - {code: AU, name: US–Australia FTA, code: NZ,");
        assertThat(problems(m)).contains(file("programs.yaml") + ":4: programs[2].code: duplicate key (first at line 4); a key may appear once");
    }

    /**
     * The metal-content value when declared, else the whole value (Section 232 on chapters 73 and 76): the measure cites why
     * (the trail and the warning of an undeclared line quote it); a citation on another basis means nothing and is refused.
     */
    @Test
    void aValueBasisIfDeclaredNeedsItsCitationAndNoOtherBasisTakesOne() {
        MiniRegime none = MiniRegime.copyTo(tmp.resolve("none")).replace("measures.yaml", "    duty: \"10%\"\n    conditions:",
                "    duty: \"10%\"\n    value-basis: metal-content-value-if-declared\n    conditions:");
        assertThat(problems(none)).contains(tmp.resolve("none/measures.yaml") + ":12: measures[1].value-basis-citation: missing; "
                + "metal-content-value-if-declared cites the instrument and guidance that charge the content's value when declared "
                + "and the whole value otherwise");
        MiniRegime other = MiniRegime.copyTo(tmp.resolve("other")).replace("measures.yaml", "    duty: \"10%\"\n    conditions:",
                "    duty: \"10%\"\n    value-basis-citation: \"CSMS #1\"\n    conditions:");
        assertThat(problems(other)).contains(tmp.resolve("other/measures.yaml") + ":19: measures[1].value-basis-citation: only for "
                + "value-basis metal-content-value-if-declared or non-us-content-value (this measure's is customs-value)");
        Regime cited = MiniRegime.copyTo(tmp.resolve("cited")).replace("measures.yaml", "    duty: \"10%\"\n    conditions:",
                "    duty: \"10%\"\n    value-basis: metal-content-value-if-declared\n    value-basis-citation: \"CSMS #1\"\n    conditions:").load();
        assertThat(cited.measures()).anySatisfy(mm -> {
            assertThat(mm.id()).isEqualTo("s122");
            assertThat(mm.valueBasis()).isEqualTo(lodestone.regime.measure.ValueBasis.METAL_CONTENT_VALUE_IF_DECLARED);
            assertThat(mm.valueBasisCitation()).isEqualTo("CSMS #1");
        });
    }

    @Test
    void conflictingExchangeRateRowsAreRefused() {
        MiniRegime m = MiniRegime.copyTo(tmp).append("fx.csv", "2026-03-01,EUR,1.20,monthly_average,test\n");
        assertThat(problems(m)).anySatisfy(p -> assertThat(p).matches(java.util.regex.Pattern.quote(file("fx.csv"))
                + ":\\d+: usd_per_unit: EUR on 2026-03-01 \\(monthly_average\\) is 1.20 here but 1.16 at line 2; one rate per currency and date"));
        // the same row twice says nothing new, and is accepted
        MiniRegime same = MiniRegime.copyTo(tmp.resolve("same")).append("fx.csv", "2026-03-01,EUR,1.160,monthly_average,test\n");
        assertThat(same.load().fx().currencies()).contains("EUR");
    }

    /**
     * A rate is given as its source quotes it, in units_per_usd or usd_per_unit (a customs broker's review: the regime held an
     * inversion rounded to six digits): both in one row (which would be converted with?), neither, a rate beyond the bound
     * either way, and one date's rate given both ways are refused; the rate is kept as given.
     */
    @Test
    void aRateIsGivenOnceInTheDirectionItsSourceQuotesIt() {
        String header = "date,currency,usd_per_unit,observation,source";
        String both = "date,currency,units_per_usd,usd_per_unit,observation,source";
        MiniRegime m = MiniRegime.copyTo(tmp).replace("fx.csv", header, both)
                .replace("fx.csv", "2026-03-01,EUR,1.16,", "2026-03-01,EUR,,1.16,")
                .replace("fx.csv", "2026-03-01,GBP,1.33,", "2026-03-01,GBP,0.75,1.33,")
                .append("fx.csv", "2026-03-01,JPY,,,monthly_average,test\n2026-03-01,KRW,20000000,,monthly_average,test\n"
                        + "2026-03-01,EUR,0.8621,,monthly_average,test\n");
        assertThat(problems(m)).contains(
                file("fx.csv") + ":3: units_per_usd: both units_per_usd and usd_per_unit are given; give the rate once, as its source quotes it",
                file("fx.csv") + ":4: units_per_usd: no rate: give units_per_usd or usd_per_unit",
                file("fx.csv") + ":5: units_per_usd: 20000000 units per USD is outside the bound of an exchange rate (0.001 to 10000000)",
                file("fx.csv") + ":6: units_per_usd: EUR on 2026-03-01 (monthly_average) is 0.8621 units_per_usd here but 1.16 usd_per_unit "
                        + "at line 2; one rate per currency and date");
        MiniRegime noRate = MiniRegime.copyTo(tmp.resolve("norate")).replace("fx.csv", header, "date,currency,rate,observation,source");
        assertThat(problems(noRate)).contains(tmp.resolve("norate/fx.csv") + ":2: units_per_usd: no rate column: the header needs "
                + "units_per_usd (units of the currency per US dollar) or usd_per_unit (US dollars per unit), or both");
        MiniRegime jpy = MiniRegime.copyTo(tmp.resolve("jpy")).replace("fx.csv", header, both)
                .replace("fx.csv", "2026-03-01,EUR,1.16,", "2026-03-01,EUR,,1.16,")
                .replace("fx.csv", "2026-03-01,GBP,1.33,", "2026-03-01,JPY,158.683,,");
        FxRates.Observation o = jpy.load().fx().rate("JPY", java.time.LocalDate.parse("2026-03-16")).orElseThrow();
        assertThat(o.unitsPerUsd()).isTrue();
        assertThat(o.rate()).isEqualByComparingTo("158.683");
        assertThat(o.toUsd(new java.math.BigDecimal("1000000000"), 2, java.math.RoundingMode.HALF_UP)).isEqualByComparingTo("6301872.29");
    }

    @Test
    void aRowWiderThanItsHeaderOrWithANulIsRefused() {
        MiniRegime wide = MiniRegime.copyTo(tmp).replace("countries.csv", "CN,CHN,156,China,CNY", "CN,CHN,156,China,CNY,extra");
        assertThat(problems(wide)).contains(file("countries.csv") + ":3: 6 fields but the header has 5 columns (an extra column, or a comma in an unquoted value?)");
        MiniRegime nul = MiniRegime.copyTo(tmp.resolve("nul")).replace("countries.csv", "CN,CHN,156,China,CNY", "CN,CHN,156,Ch\u0000ina,CNY");
        assertThat(problems(nul)).contains(tmp.resolve("nul/countries.csv") + ":3: contains a NUL character");
        MiniRegime yamlNul = MiniRegime.copyTo(tmp.resolve("ynul")).replace("programs.yaml", "name: CAFTA-DR,", "name: \"CAFTA\\0-DR\",");
        assertThat(problems(yamlNul)).anySatisfy(p -> assertThat(p).startsWith(tmp.resolve("ynul/programs.yaml") + ":2: programs[0].name: contains a NUL"));
    }

    /**
     * The YAML refusals SnakeYAML gives without a mark (found by RegimeFileFuzzTest): a character YAML does not allow and
     * nesting beyond the loader's limit were "programs.yaml: not valid YAML: special characters are not allowed" and
     * "groups.yaml: not valid YAML: Nesting Depth exceeded max 50", at no line.
     */
    @Test
    void aCharacterYamlDoesNotAllowOrNestingTooDeepIsRefusedAtItsLine() {
        MiniRegime nul = MiniRegime.copyTo(tmp.resolve("nul")).replace("programs.yaml", "name: CAFTA-DR (P+)", "name: CAFTA-DR\u0000 (P+)");
        assertThat(problems(nul)).containsExactly(tmp.resolve("nul/programs.yaml") + ":3: not valid YAML: the character U+0000 is not allowed"
                + " in a YAML file (column 30); a NUL or a control character may be written as an escape in a double-quoted value, e.g. \"\\t\"");
        MiniRegime deep = MiniRegime.copyTo(tmp.resolve("deep")).replace("groups.yaml", "{country: HR, from: 2013-07-01}",
                "{country: HR, from: " + "[".repeat(60) + "]".repeat(60) + "}");
        assertThat(problems(deep)).contains(tmp.resolve("deep/groups.yaml") + ":7: not valid YAML: lists and mappings are nested deeper"
                + " than 50 levels");
    }

    /**
     * Found by RegimeFileFuzzTest: a file the manifest names that is missing was said at the missing file, at no line
     * ("countriez.csv: file not found (named in regime.yaml)"); one whose name the file system cannot take (too long)
     * threw UncheckedIOException out of the loader.
     */
    @Test
    void aFileTheManifestNamesThatCannotBeReadIsSaidWhereItIsNamed() {
        MiniRegime typo = MiniRegime.copyTo(tmp.resolve("typo")).replace("regime.yaml", "countries: countries.csv", "countries: countriez.csv");
        assertThat(problems(typo)).contains(tmp.resolve("typo/regime.yaml") + ":8: files.countries: file not found: "
                + tmp.resolve("typo/countriez.csv"));
        String longName = "c".repeat(300) + ".csv";
        MiniRegime tooLong = MiniRegime.copyTo(tmp.resolve("long")).replace("regime.yaml", "countries: countries.csv", "countries: " + longName);
        assertThat(problems(tooLong)).contains(tmp.resolve("long/regime.yaml") + ":8: files.countries: cannot read "
                + tmp.resolve("long/" + longName) + ": File name too long");
    }

    /** Found by RegimeFileFuzzTest's longer run: a stray double quote in a CSV row was "not readable as CSV: Exception when reading record that started in line 3", at no line. */
    @Test
    void aCsvRowTheParserCannotReadIsRefusedAtItsLine() {
        MiniRegime quote = MiniRegime.copyTo(tmp.resolve("quote")).replace("countries.csv", "CN,CHN,156,China,CNY", "CN,CHN,156,\"China\"x,CNY");
        assertThat(problems(quote)).contains(tmp.resolve("quote/countries.csv") + ":3: not readable as CSV from this line: a quoted value is"
                + " followed by 'x' before its comma (a stray double quote?)");
    }

    /** A deadline's days after its event were read as an int: 60.5 was 60, 1e10 wrapped around, -5 was accepted. */
    @Test
    void aDeadlinesDaysAreAWholeNumberWithinTenYears() throws IOException {
        Path dir = tmp.resolve("deal");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("regime.yaml"), "id: x\nextends: bundled\nfiles: {agreements: [a.yaml]}\n");
        for (String days : List.of("60.5", "1e10", "-5")) {
            Files.writeString(dir.resolve("a.yaml"), """
                    agreements:
                      - id: test-deal
                        name: Test deal
                        kind: free-trade-agreement
                        status: in-force
                        parties: [US, GT]
                        dates: {signed: 2026-01-01}
                        deadlines:
                          - {id: d1, what: a ministerial, after: {event: signed, days: %s}, status: unknown}
                    """.formatted(days));
            RegimeInvalidException e = catchThrowableOfType(RegimeInvalidException.class, () -> Regime.load(dir));
            assertThat(e).as(days).isNotNull();
            assertThat(e.problems().stream().map(Problem::toString)).contains(dir.resolve("a.yaml") + ":9: agreements[0].deadlines[0].after.days:"
                    + " expected a whole number of days from 0 to 3660, found " + new java.math.BigDecimal(days).toPlainString());
        }
    }

    @Test
    void aRateBeyondItsKindsBoundIsRefusedWithItsLocation() {
        String bounds = " (docs/regime-format.md, Bounds on rates)";
        // ad valorem: the issue's 999999999999999999999%
        MiniRegime av = MiniRegime.copyTo(tmp.resolve("av")).replace("measures.yaml", "duty: \"10%\"", "duty: \"999999999999999999999%\"");
        assertThat(problems(av)).contains(tmp.resolve("av/measures.yaml") + ":18: measures[1].duty: 999999999999999999999% is beyond the bound"
                + " of an ad valorem rate (0 to 1000%)" + bounds);
        // 1000% itself is the bound, and loads
        assertThat(MiniRegime.copyTo(tmp.resolve("av1000")).replace("measures.yaml", "duty: \"10%\"", "duty: \"1000%\"").load()).isNotNull();
        // specific, per kg of content, in a base-rate row: 1,100,000 USD/kg is a decimal point moved six places
        MiniRegime sp = MiniRegime.copyTo(tmp.resolve("sp")).replace("base-rates.csv", "1.10 USD/kg of Mo + 15%", "1100000 USD/kg of Mo + 15%");
        assertThat(problems(sp)).contains(tmp.resolve("sp/base-rates.csv") + ":4: expression: 1100000 USD/kg of Mo is beyond the bound of a specific rate"
                + " per mass unit (at most 10000 USD/kg)" + bounds);
        // specific in another unit: converted to the dimension's base unit first (per carat -> per kg)
        MiniRegime ct = MiniRegime.copyTo(tmp.resolve("ct")).replace("base-rates.csv", "1.10 USD/kg of Mo + 15%", "3 USD/carat + 15%");
        assertThat(problems(ct)).contains(tmp.resolve("ct/base-rates.csv") + ":4: expression: 3 USD/carat (15000 USD/kg) is beyond the bound"
                + " of a specific rate per mass unit (at most 10000 USD/kg)" + bounds);
        // compound: each component within its own bound, 'base' once, at most eight components
        MiniRegime base2 = MiniRegime.copyTo(tmp.resolve("b2")).replace("measures.yaml", "duty: \"10%\"", "duty: \"base + base\"");
        assertThat(problems(base2)).contains(tmp.resolve("b2/measures.yaml") + ":18: measures[1].duty: 'base' appears more than once;"
                + " the subheading's duty is counted once" + bounds);
        MiniRegime many = MiniRegime.copyTo(tmp.resolve("many")).replace("measures.yaml", "duty: \"10%\"", "duty: \"1% + 1% + 1% + 1% + 1% + 1% + 1% + 1% + 1%\"");
        assertThat(problems(many)).contains(tmp.resolve("many/measures.yaml") + ":18: measures[1].duty: 9 components; at most 8 in one expression" + bounds);
        MiniRegime fine = MiniRegime.copyTo(tmp.resolve("fine")).replace("measures.yaml", "duty: \"10%\"", "duty: \"10.0000001%\"");
        assertThat(problems(fine)).contains(tmp.resolve("fine/measures.yaml") + ":18: measures[1].duty: 10.0000001% has more than 6 decimal places;"
                + " no schedule prints a rate so fine" + bounds);
        // a minimum import price (charge-difference) and a unit-price test: a price's bound is 1,000 times the duty's
        MiniRegime mip = MiniRegime.copyTo(tmp.resolve("mip")).replace("measures.yaml", "then: {charge-difference: \"110 USD/kg of REO\"}",
                "then: {charge-difference: \"11000000000 USD/kg of REO\"}");
        assertThat(problems(mip)).anySatisfy(p -> assertThat(p).startsWith(tmp.resolve("mip/measures.yaml") + ":45: ")
                .endsWith("charge-difference: 11000000000 USD/kg of REO is beyond the bound of a price per mass unit (at most 10000000 USD/kg)" + bounds));
        MiniRegime zero = MiniRegime.copyTo(tmp.resolve("zero")).replace("measures.yaml", "when: {unit-price-below: \"110 USD/kg of REO\"}",
                "when: {unit-price-below: \"0 USD/kg of REO\"}");
        assertThat(problems(zero)).anySatisfy(p -> assertThat(p).startsWith(tmp.resolve("zero/measures.yaml") + ":44: ")
                .endsWith("unit-price-below: a price of zero; a price is positive" + bounds));
        // a share in percent
        MiniRegime share = MiniRegime.copyTo(tmp.resolve("share")).replace("measures.yaml", "duty: \"10%\"", "duty: \"10%\"\n    us-content-share: 150");
        assertThat(problems(share)).anySatisfy(p -> assertThat(p).startsWith(tmp.resolve("share/measures.yaml") + ":19: ")
                .endsWith("us-content-share: 150 is not a share in percent; expected 0 to 100"));
        // an exchange rate
        MiniRegime fx = MiniRegime.copyTo(tmp.resolve("fx")).replace("fx.csv", "2026-03-01,GBP,1.33,", "2026-03-01,GBP,133000,");
        assertThat(problems(fx)).contains(tmp.resolve("fx/fx.csv") + ":3: usd_per_unit: 133000 USD per unit is outside the bound of an exchange rate"
                + " (0.0000001 to 1000)");
    }

    /** Seeded mutations of the families above, each applied alone to a fresh copy: none may load silently. */
    @Test
    void seededMutationsNeverLoadSilently() throws IOException {
        Random r = new Random(18);
        int tried = 0, silent = 0;
        absurd = 0;
        List<String> silentOnes = new ArrayList<>();
        String[] yamls = {"programs.yaml", "groups.yaml", "measures.yaml", "minerals.yaml", "regime.yaml"};
        String[] csvs = {"countries.csv", "base-rates.csv", "hts.csv", "fx.csv"};
        for (int i = 0; i < 60; i++) {
            Path d = tmp.resolve("m" + i);
            MiniRegime m = MiniRegime.copyTo(d);
            String what;
            int kind = r.nextInt(5);
            if (kind == 4) { // a rate beyond its kind's bound: a rate's number multiplied by a large power of ten
                what = absurdRate(d, r);
                if (what == null) continue;
            } else if (kind == 0) { // a block-mapping line repeated right after itself: the same key twice
                Path f = d.resolve(yamls[r.nextInt(yamls.length)]);
                List<String> lines = new ArrayList<>(Files.readAllLines(f));
                List<Integer> keyLines = new ArrayList<>();
                for (int j = 0; j < lines.size(); j++) if (lines.get(j).matches("\\s*[a-z_-]+: \\S.*") && !lines.get(j).trim().startsWith("-")) keyLines.add(j);
                if (keyLines.isEmpty()) continue;
                int j = keyLines.get(r.nextInt(keyLines.size()));
                lines.add(j + 1, lines.get(j));
                Files.write(f, lines);
                what = f.getFileName() + ": line " + (j + 1) + " repeated";
            } else {
                Path f = d.resolve(csvs[r.nextInt(csvs.length)]);
                List<String> lines = new ArrayList<>(Files.readAllLines(f));
                List<Integer> rows = new ArrayList<>();
                boolean header = true;
                for (int j = 0; j < lines.size(); j++) {
                    if (lines.get(j).startsWith("#") || lines.get(j).isBlank()) continue;
                    if (header) {
                        header = false;
                        continue;
                    }
                    rows.add(j);
                }
                int j = rows.get(r.nextInt(rows.size()));
                String row = lines.get(j);
                if (kind == 1) {
                    lines.set(j, row + ",surplus");
                    what = f.getFileName() + ": extra field on line " + (j + 1);
                } else if (kind == 2) {
                    int at = 1 + r.nextInt(Math.max(1, row.length() - 1));
                    lines.set(j, row.substring(0, at) + "\u0000" + row.substring(at));
                    what = f.getFileName() + ": NUL on line " + (j + 1);
                } else {
                    Path fx = d.resolve("fx.csv");
                    List<String> fl = new ArrayList<>(Files.readAllLines(fx));
                    String[] c = fl.get(1 + r.nextInt(fl.size() - 1)).split(",");
                    fl.add(c[0] + "," + c[1] + "," + new java.math.BigDecimal(c[2]).add(java.math.BigDecimal.ONE) + "," + c[3] + "," + c[4]);
                    Files.write(fx, fl);
                    tried++;
                    if (loads(m)) {
                        silent++;
                        silentOnes.add("fx.csv: conflicting row " + String.join(",", c));
                    }
                    continue;
                }
                Files.write(f, lines);
            }
            tried++;
            if (loads(m)) {
                silent++;
                silentOnes.add(what);
            }
        }
        System.out.printf("RegimeRefusalsTest: %d mutations tried (%d absurd rates), %d loaded silently%n", tried, absurd, silent);
        assertThat(tried).isGreaterThanOrEqualTo(45);
        assertThat(absurd).as("absurd-rate mutations tried").isGreaterThanOrEqualTo(8);
        assertThat(silentOnes).as("mutations the loader accepted").isEmpty();
    }

    private int absurd;

    /**
     * Multiplies one rate of the test regime (an ad valorem or specific duty, a price, an exchange rate) by
     * 10^6 to 10^24, or gives it seven decimals, so that it lies beyond its kind's bound; says what it did.
     */
    private String absurdRate(Path d, Random r) throws IOException {
        String[] files = {"measures.yaml", "base-rates.csv", "fx.csv"};
        Path f = d.resolve(files[r.nextInt(files.length)]);
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        java.util.regex.Pattern rate = f.toString().endsWith("fx.csv")
                ? java.util.regex.Pattern.compile("^(\\d{4}-\\d\\d-\\d\\d,[A-Z]{3},)([0-9.]+)")
                : java.util.regex.Pattern.compile("(?<![\\d.])([0-9]+(?:\\.[0-9]+)?)(?=\\s*(?:%|[A-Z]{3}/))");
        List<int[]> at = new ArrayList<>(); // line, start, end
        for (int j = 0; j < lines.size(); j++) {
            if (lines.get(j).startsWith("#")) continue;
            java.util.regex.Matcher mt = rate.matcher(lines.get(j));
            if (f.toString().endsWith("base-rates.csv")) { // the expression column only, not the schedule's source text
                String[] c = lines.get(j).split(",", -1);
                if (c.length < 5 || c[0].equals("code")) continue;
                int from = c[0].length() + c[1].length() + c[2].length() + 3;
                mt.region(from, from + c[3].length());
            }
            while (mt.find()) {
                int g = mt.groupCount() == 2 ? 2 : 1;
                at.add(new int[]{j, mt.start(g), mt.end(g)});
            }
        }
        if (at.isEmpty()) return null;
        int[] pick = at.get(r.nextInt(at.size()));
        String line = lines.get(pick[0]);
        java.math.BigDecimal v = new java.math.BigDecimal(line.substring(pick[1], pick[2]));
        if (v.signum() == 0) v = java.math.BigDecimal.ONE; // free stays free at any scale: give it a value first
        boolean fx = f.toString().endsWith("fx.csv"); // exchange rates are published to ten or more decimals: only their size
        String to = !fx && r.nextInt(5) == 0 ? v.add(new java.math.BigDecimal("0.0000001")).toPlainString()
                : v.scaleByPowerOfTen(6 + r.nextInt(19)).toPlainString();
        lines.set(pick[0], line.substring(0, pick[1]) + to + line.substring(pick[2]));
        Files.write(f, lines);
        absurd++;
        return f.getFileName() + ":" + (pick[0] + 1) + ": " + line.substring(pick[1], pick[2]) + " -> " + to;
    }

    private static boolean loads(MiniRegime m) {
        try {
            m.load();
            return true;
        } catch (RegimeInvalidException e) {
            for (Problem p : e.problems()) assertThat(p.toString()).as("located").matches("(?s).+:\\d+: .*");
            return false;
        }
    }

    /**
     * A document requirement's low-value waiver (19 CFR 10.586(a)(2)): read with its amount to the cent; refused at its place
     * on a measure that is not a document requirement, with an amount that is not dollars and cents, or without a legal base.
     */
    @Test
    void aLowValueWaiverIsReadOnADocumentRequirementAndRefusedElsewhere() {
        String docs = """
                  - id: cert
                    type: document-requirement
                    title: Certification
                    products: {all: true}
                    origins: {include: [ALL]}
                    valid: {from: 2006-03-01}
                    conditions:
                      - when: {preference: P}
                        then: {require-documents: [cert-of-origin]}
                    low-value-waiver: {at-most-usd: %s, legal-base: "19 CFR 10.586(a)(2)"%s}
                    legal-base: {instrument: "19 CFR 10.584"}
                """;
        Regime ok = MiniRegime.copyTo(tmp.resolve("ok")).append("measures.yaml", docs.formatted("2500", ", note: \"CBP may ask\"")).load();
        var w = ok.measure("cert").orElseThrow().lowValueWaiver();
        assertThat(w.atMostUsd().toPlainString()).isEqualTo("2500.00");
        assertThat(w.legalBase()).isEqualTo("19 CFR 10.586(a)(2)");
        assertThat(w.note()).isEqualTo("CBP may ask");
        assertThat(lodestone.regime.view.RegimeViews.measure(ok.measure("cert").orElseThrow()).get("conditions").toString())
                .contains("unless the importation's lines it covers total at most US$2,500.00 → "
                        + "not required [19 CFR 10.586(a)(2)]");
        // a changed amount is a change of the measure (regime diff --against)
        Regime more = MiniRegime.copyTo(tmp.resolve("more")).append("measures.yaml", docs.formatted("3000", ", note: \"CBP may ask\"")).load();
        assertThat(more.compareWith(ok)).extracting(c -> c.kind() + " " + c.id() + ": " + c.detail()).containsExactly(
                "changed cert: Certification: low-value waiver unless the importation's lines it covers total at most US$2,500.00 → "
                        + "not required [19 CFR 10.586(a)(2)] → unless the importation's lines it covers total at most US$3,000.00 → "
                        + "not required [19 CFR 10.586(a)(2)]");
        assertThat(problems(MiniRegime.copyTo(tmp.resolve("cents")).append("measures.yaml", docs.formatted("2500.001", ""))))
                .anySatisfy(p -> assertThat(p).endsWith("low-value-waiver.at-most-usd: '2500.001' is not an amount in US dollars and "
                        + "cents, not negative, e.g. 2500.00"));
        assertThat(problems(MiniRegime.copyTo(tmp.resolve("neg")).append("measures.yaml", docs.formatted("-1", ""))))
                .anySatisfy(p -> assertThat(p).contains("'-1' is not an amount in US dollars and cents"));
        assertThat(problems(MiniRegime.copyTo(tmp.resolve("nolb")).append("measures.yaml", docs.formatted("2500", "")
                .replace(", legal-base: \"19 CFR 10.586(a)(2)\"", ""))))
                .anySatisfy(p -> assertThat(p).contains("low-value-waiver.legal-base: missing; a low-value waiver names where it is written"));
        assertThat(problems(MiniRegime.copyTo(tmp.resolve("duty")).append("measures.yaml", docs.formatted("2500", "")
                .replace("type: document-requirement", "type: additional-duty\n    duty: \"1%\""))))
                .anySatisfy(p -> assertThat(p).contains("low-value-waiver: a low-value waiver excuses documents: only a "
                        + "document-requirement may have one, not a"));
    }
}
