package lodestone.regime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Broken regimes are refused with every problem located: file, line, field, what was expected. */
class RegimeValidationTest {
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
    void theMiniRegimeIsValid() {
        Regime r = MiniRegime.copyTo(tmp).load();
        assertThat(r.measures()).hasSize(4);
    }

    @Test
    void unknownCodeInAMeasureScope() {
        MiniRegime m = MiniRegime.copyTo(tmp).replace("measures.yaml", "include: [\"7408\"]", "include: [\"7409\"]");
        assertThat(problems(m)).containsExactly(file("measures.yaml") + ":27: measures[2].products.include[0]: unknown code '7409'; "
                + "no line of the nomenclature starts with it");
    }

    @Test
    void unknownCodeInABaseRate() {
        MiniRegime m = MiniRegime.copyTo(tmp).append("base-rates.csv", "9999.99.99,general,,5%,5%\n");
        assertThat(problems(m)).containsExactly(file("base-rates.csv")
                + ":17: code: unknown code '9999.99.99'; expected a code of the nomenclature");
    }

    @Test
    void endBeforeStart() {
        MiniRegime m = MiniRegime.copyTo(tmp).replace("measures.yaml",
                "valid: {from: 2026-02-24, to: 2026-07-23}", "valid: {from: 2026-07-24, to: 2026-02-23}");
        assertThat(problems(m)).containsExactly(file("measures.yaml")
                + ":17: measures[1].valid.to: end 2026-02-23 is before start 2026-07-24; expected an end on or after the start");
    }

    @Test
    void overlappingEquivalentMeasures() {
        MiniRegime m = MiniRegime.copyTo(tmp).append("measures.yaml", """
                  - id: s122-again
                    type: additional-duty
                    title: A second surcharge under the same heading
                    products: {include: ["2613"]}
                    origins: {include: [CN]}
                    valid: {from: 2026-07-01}
                    duty: "15%"
                    legal-base: {heading: "9903.03.01", instrument: another proclamation}
                """);
        List<String> p = problems(m);
        assertThat(p).hasSize(1);
        assertThat(p.get(0)).startsWith(file("measures.yaml") + ":47: id: overlapping equivalent measures: "
                + "'s122-again' and 's122' (line 12) have the same type and legal heading");
        assertThat(p.get(0)).contains("2026-02-24 → 2026-07-23 and 2026-07-01 → open");
    }

    /**
     * A measure that supersedes another under the same heading from a date — an overlay cannot end its base's measure, so
     * the new rate names the old in displaces and is charged in its place — was refused as an overlap (the assessment
     * charges it in the other's place, not twice); a pair with no heading was said to share a "legal heading".
     */
    @Test
    void aMeasureDisplacingTheOneItOverlapsIsNoOverlap() {
        String again = """
                  - id: s122-again
                    type: additional-duty
                    title: A second surcharge under the same heading
                    products: {include: ["2613"]}
                    origins: {include: [CN]}
                    valid: {from: 2026-07-01}
                    duty: "15%"
                    displaces: [s122]
                    legal-base: {heading: "9903.03.01", instrument: another proclamation}
                """;
        Regime r = MiniRegime.copyTo(tmp.resolve("a")).append("measures.yaml", again).load();
        assertThat(r.measure("s122-again").orElseThrow().displaces()).containsExactly("s122");
        assertThat(MiniRegime.copyTo(tmp.resolve("b")).append("measures.yaml", again.replace("[s122]", "[\"9903.03.01\"]")).load()
                .measures()).extracting(lodestone.regime.measure.Measure::id).contains("s122", "s122-again");
        MiniRegime untitled = MiniRegime.copyTo(tmp.resolve("c")).append("measures.yaml", again.replace("    displaces: [s122]\n", "")
                .replace("{heading: \"9903.03.01\", instrument: another proclamation}", "{instrument: another proclamation}")
                .replace("A second surcharge under the same heading", "Illustrative floor").replace("additional-duty", "variable-levy")
                .replace("[\"2613\"]", "[\"2846.90.20.40\"]"));
        assertThat(problems(untitled)).containsExactly(tmp.resolve("c/measures.yaml") + ":47: id: overlapping equivalent measures: "
                + "'s122-again' and 'floor' (line 34) have the same type and title (neither names a heading) and cover goods from "
                + "origins in common on overlapping dates (2026-01-01 → open and 2026-07-01 → open); expected one to end before the "
                + "other starts, or one to name the other in displaces (it is then charged in its place)");
    }

    @Test
    void consecutiveMeasuresUnderOneHeadingAreNotAnOverlap() {
        MiniRegime m = MiniRegime.copyTo(tmp).append("measures.yaml", """
                  - id: s122-later
                    type: additional-duty
                    title: The same heading after the first ended
                    products: {all: true}
                    origins: {include: [ALL]}
                    valid: {from: 2026-07-24}
                    duty: "15%"
                    legal-base: {heading: "9903.03.01", instrument: another proclamation}
                """);
        assertThat(m.load().measures()).hasSize(5);
    }

    @Test
    void unconvertibleUnits() {
        MiniRegime m = MiniRegime.copyTo(tmp)
                .replace("measures.yaml", "duty: \"50%\"", "duty: \"0.5 USD/l\"")
                .replace("minerals.yaml", "{id: WO3, name: tungsten trioxide, unit: mtu}", "{id: WO3, name: tungsten trioxide, unit: m3}");
        List<String> p = problems(m);
        assertThat(p).hasSize(2);
        assertThat(p.get(0)).isEqualTo(file("measures.yaml") + ":24: duty: unconvertible unit: measure copper-232 charges per l "
                + "but 1 line(s) are declared in other units, e.g. [7408.11.60.00 (kg)]; expected a rate per a unit of the goods' dimension");
        assertThat(p.get(1)).isEqualTo(file("minerals.yaml")
                + ":4: content-bases[2].unit: unconvertible unit 'm3' for a content basis; expected a mass unit such as kg or mtu");
    }

    @Test
    void contentPerCountIsUnconvertible() {
        MiniRegime m = MiniRegime.copyTo(tmp).replace("measures.yaml", "\"110 USD/kg of REO\"}\n        then",
                "\"110 USD/No. of REO\"}\n        then");
        assertThat(problems(m)).anySatisfy(s -> assertThat(s).contains("unconvertible unit 'No.' for content REO"));
    }

    @Test
    void unknownGroup() {
        MiniRegime m = MiniRegime.copyTo(tmp).replace("measures.yaml", "exclude: [CLUB]", "exclude: [KLUB]");
        assertThat(problems(m)).containsExactly(file("measures.yaml") + ":38: measures[3].origins.exclude: unknown group or country "
                + "'KLUB'; expected ALL, a group id (EU, CAFTA-DR, COLUMN2, CLUB) or an ISO alpha-2 country code");
    }

    @Test
    void unparseableRate() {
        MiniRegime m = MiniRegime.copyTo(tmp).replace("base-rates.csv", "2846.10.00,general,,5.5%,5.5%",
                "2846.10.00,general,,5.5 percent,5.5%");
        List<String> p = problems(m);
        assertThat(p).hasSize(1);
        assertThat(p.get(0)).startsWith(file("base-rates.csv") + ":6: expression: unparseable rate: "
                + "'percent' is not a currency code; expected '%' or a three-letter code such as USD at column 5");
    }

    @Test
    void aContentBasisUsedByTheScheduleMustBeDefined() {
        MiniRegime m = MiniRegime.copyTo(tmp).append("base-rates.csv", "2613.90.00.00,column2,,0.2 USD/kg of Pb,20¢/kg on lead content\n");
        assertThat(problems(m)).containsExactly(file("base-rates.csv") + ": expression: unknown content basis 'Pb' used by "
                + "1 rate(s), e.g. [2613.90.00.00]; define it in the minerals file's content-bases (known: [Mo, REO, WO3])");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        MiniRegime m = MiniRegime.copyTo(tmp)
                .replace("measures.yaml", "exclude: [CLUB]", "exclude: [KLUB]")
                .replace("measures.yaml", "duty: \"10%\"", "duty: \"ten percent\"")
                .replace("measures.yaml", "type: variable-levy", "type: variable-tax")
                .replace("groups.yaml", "{country: HR, from: 2013-07-01}", "{country: XX, from: 2013-07-01}");
        List<String> p = problems(m);
        assertThat(p).hasSize(4);
        assertThat(p).anySatisfy(s -> assertThat(s).contains("groups.yaml:7: groups[0].members[2].country: unknown country 'XX'"));
        assertThat(p).anySatisfy(s -> assertThat(s).contains("measures.yaml:18: measures[1].duty: unparseable rate"));
        assertThat(p).anySatisfy(s -> assertThat(s).contains("measures.yaml:35: measures[3].type: 'variable-tax' is not allowed; expected one of prohibition,"));
        assertThat(p).anySatisfy(s -> assertThat(s).contains("unknown group or country 'KLUB'"));
    }

    @Test
    void misspeltKeysAreNotIgnored() {
        MiniRegime m = MiniRegime.copyTo(tmp).replace("measures.yaml", "    legal-base: {instrument: UFLPA}",
                "    legal-basis: {instrument: UFLPA}");
        List<String> p = problems(m);
        assertThat(p).anySatisfy(s -> assertThat(s).isEqualTo(file("measures.yaml")
                + ":11: measures[0].legal-basis: unknown key; expected one of id, type, title, products, origins, valid, duty, "
                + "value-basis, us-content-share, value-basis-citation, conditions, displaces, legal-base, footnotes, agreement, illustrative, note, low-value-waiver"));
        assertThat(p).anySatisfy(s -> assertThat(s).contains("legal-base: missing; every measure names its legal base"));
    }

    @Test
    void unknownReferencesAcrossFiles() {
        MiniRegime m = MiniRegime.copyTo(tmp)
                .replace("measures.yaml", "displaces: [s122]", "displaces: [s123]")
                .replace("measures.yaml", "producer-on-list: uflpa", "producer-on-list: ufpla")
                .replace("minerals.yaml", "content-basis: REO}", "content-basis: RE0}");
        List<String> p = problems(m);
        assertThat(p).hasSize(3);
        assertThat(p).anySatisfy(s -> assertThat(s).contains("displaces[0]: unknown measure 's123'"));
        assertThat(p).anySatisfy(s -> assertThat(s).contains("producer-on-list: unknown list 'ufpla'; expected one of [uflpa]"));
        assertThat(p).anySatisfy(s -> assertThat(s).contains("content-basis: unknown content basis 'RE0'"));
    }

    @Test
    void invalidYamlIsLocated() {
        MiniRegime m = MiniRegime.copyTo(tmp).replace("programs.yaml", "  - {code: AU,", "  - {code: AU,,");
        assertThat(problems(m)).anySatisfy(s -> assertThat(s).startsWith(file("programs.yaml") + ":4: not valid YAML"));
    }

    @Test
    void missingManifestSaysWhatToProvide() {
        assertThatThrownBy(() -> Regime.load(tmp)).isInstanceOf(RegimeInvalidException.class)
                .satisfies(e -> assertThat(((RegimeInvalidException) e).problems().get(0).toString())
                        .isEqualTo(file("regime.yaml") + ": no regime manifest here; expected a file regime.yaml naming the "
                                + "regime's files (see docs/regime-format.md)"));
    }

    @Test
    void missingCsvColumnsAreNamed() {
        MiniRegime m = MiniRegime.copyTo(tmp).replace("countries.csv", "alpha2,alpha3,numeric,name,currency",
                "alpha2,alpha3,numeric,name");
        assertThat(problems(m)).anySatisfy(s -> assertThat(s).isEqualTo(file("countries.csv")
                + ":1: currency: missing column(s) in the header; expected columns alpha2,alpha3,numeric,name,currency"));
    }

    @Test
    void aHorizonIsReadAndABadOneIsRefusedWithItsLocation() {
        Regime ok = MiniRegime.copyTo(tmp).replace("regime.yaml", "files:\n", """
                horizon:
                  covers-from: 2025-01-01
                  checked-through: 2026-07-23
                  fx-max-age-days: 31
                  sources:
                    - {id: hts, title: HTS 2026, date: 2026-01-01}
                files:
                """).load();
        assertThat(ok.horizon().checkedThrough()).isEqualTo(java.time.LocalDate.parse("2026-07-23"));
        assertThat(ok.horizon().sources()).extracting(Horizon.Source::id).containsExactly("hts");
        assertThat(ok.horizonWarnings(java.time.LocalDate.parse("2026-08-01"), "USD")).singleElement()
                .asString().startsWith("regime horizon: the entry date 2026-08-01 is after 2026-07-23");
        assertThat(ok.horizonWarnings(java.time.LocalDate.parse("2026-07-23"), "USD")).isEmpty();

        MiniRegime bad = MiniRegime.copyTo(tmp.resolve("bad")).replace("regime.yaml", "files:\n", """
                horizon:
                  covers-from: 2027-01-01
                  checked-through: 2026-07-23
                  fx-max-age-days: 1.5
                  sources:
                    - {id: hts, title: HTS 2026}
                files:
                """);
        String f = tmp.resolve("bad").resolve("regime.yaml").toString();
        assertThat(problems(bad)).containsExactly(
                f + ":6: horizon.covers-from: covers-from 2027-01-01 is after checked-through 2026-07-23",
                f + ":8: horizon.fx-max-age-days: '1.5' is not a whole number of days from 1 to 3660",
                f + ":10: horizon.sources[0].date: missing; expected a date as yyyy-mm-dd");
    }
    @Test
    void knownGapsAreReadAndTouchTheirLinesAndDates() {
        Regime ok = MiniRegime.copyTo(tmp).replace("regime.yaml", "files:\n", """
                horizon:
                  checked-through: 2026-07-23
                  known-gaps:
                    - {id: annex-i-c, what: "Annex I-C list in no source, a long note with its sources", line-warning: "Annex I-C.",
                       codes: ["84", "8705"], from: 2026-06-08, to: 2027-12-31}
                    - {id: lists, what: "list changes in no source", from: 2026-06-08}
                files:
                """).load();
        Horizon h = ok.horizon();
        assertThat(h.gaps()).extracting(Horizon.Gap::id).containsExactly("annex-i-c", "lists");
        // a line says the gap's line-warning when it has one, else its whole note
        assertThat(h.gaps()).extracting(Horizon.Gap::warning).containsExactly(
                "regime horizon: known gap annex-i-c, not in these figures: Annex I-C.",
                "regime horizon: known gap lists, not in these figures: list changes in no source");
        assertThat(h.gaps().get(0).what()).isEqualTo("Annex I-C list in no source, a long note with its sources");
        assertThat(h.gapsFor("8429510000", java.time.LocalDate.parse("2026-07-01"))).extracting(Horizon.Gap::id)
                .containsExactly("annex-i-c", "lists");
        assertThat(h.gapsFor("87", java.time.LocalDate.parse("2026-07-01"))).extracting(Horizon.Gap::id)
                .containsExactly("annex-i-c", "lists"); // a heading above a listed code is touched too
        assertThat(h.gapsFor("2846908090", java.time.LocalDate.parse("2026-07-01"))).extracting(Horizon.Gap::id).containsExactly("lists");
        assertThat(h.gapsFor("8429510000", java.time.LocalDate.parse("2026-06-07"))).isEmpty();
        assertThat(h.gapsFor("8429510000", java.time.LocalDate.parse("2028-01-01"))).extracting(Horizon.Gap::id).containsExactly("lists");

        MiniRegime bad = MiniRegime.copyTo(tmp.resolve("bad")).replace("regime.yaml", "files:\n", """
                horizon:
                  checked-through: 2026-07-23
                  known-gaps:
                    - {id: a, what: "x", codes: ["84x"], from: 2026-06-08, to: 2026-01-01}
                    - {id: a, what: "y"}
                    - {id: c}
                    - {id: d, what: "short", line-warning: "longer than the note"}
                    - {id: e, what: "a note", line-warning: "%s"}
                files:
                """.formatted("x".repeat(261)));
        String f = tmp.resolve("bad").resolve("regime.yaml").toString();
        assertThat(problems(bad)).containsExactly(
                f + ":8: horizon.known-gaps[0].codes: '84x' is not an HTS code; expected digits such as 7208 or 8479.89",
                f + ":8: horizon.known-gaps[0].to: to 2026-01-01 is before from 2026-06-08",
                f + ":9: horizon.known-gaps[1].id: gap 'a' is listed twice",
                f + ":10: horizon.known-gaps[2].what: missing; this field is required",
                f + ":11: horizon.known-gaps[3].line-warning: a line's warning as long as the whole note (20 characters, what: has 5); "
                        + "leave it out and lines say the note",
                f + ":12: horizon.known-gaps[4].line-warning: a line's warning of 261 characters; expected one sentence of 1 to 260 "
                        + "(the whole note is what:)");
    }

    /** Section 321 de minimis: its threshold and the dates it ended, each with its source; the end for an origin. */
    @Test
    void deMinimisIsReadWithItsEndsAndSaysWhereItIsWrong() {
        Regime ok = MiniRegime.copyTo(tmp).replace("regime.yaml", "files:\n", """
                horizon:
                  checked-through: 2026-07-23
                  de-minimis:
                    at-most-usd: 800.00
                    legal-base: "19 U.S.C. 1321(a)(2)(C)"
                    ended:
                      - {origins: [CN, HK], from: 2025-05-02, source: "EO 14256"}
                      - {from: 2025-08-29, source: "EO 14324"}
                files:
                """).load();
        DeMinimis dm = ok.horizon().deMinimis();
        assertThat(dm.atMostUsd()).isEqualByComparingTo("800");
        assertThat(dm.endFor("HK").from()).isEqualTo(java.time.LocalDate.parse("2025-05-02"));
        assertThat(dm.endFor("VN").from()).isEqualTo(java.time.LocalDate.parse("2025-08-29"));
        assertThat(dm.warning("VN", java.time.LocalDate.parse("2025-08-28"), new java.math.BigDecimal("800.00"), 0))
                .isSameAs(dm.endFor("VN").lineWarning()); // one text object: the bulk writer keeps texts by identity
        assertThat(dm.warning("VN", java.time.LocalDate.parse("2025-08-29"), java.math.BigDecimal.ONE, 0)).isNull();
        assertThat(dm.warning("VN", java.time.LocalDate.parse("2025-08-28"), new java.math.BigDecimal("800.01"), 0)).isNull();

        MiniRegime bad = MiniRegime.copyTo(tmp.resolve("bad")).replace("regime.yaml", "files:\n", """
                horizon:
                  checked-through: 2026-07-23
                  de-minimis:
                    at-most-usd: -1
                    ended:
                      - {origins: [CN, China], from: 2025-05-02, source: "EO 14256"}
                      - {origins: [CN], from: 2025-05-03}
                      - {from: 2025-08-29, source: "EO 14324"}
                      - {from: 2025-09-01, source: "again"}
                files:
                """);
        String f = tmp.resolve("bad").resolve("regime.yaml").toString();
        assertThat(problems(bad)).containsExactly(
                f + ":8: horizon.de-minimis.at-most-usd: '-1' is not an amount above 0 (US dollars, e.g. 800.00)",
                f + ":8: horizon.de-minimis.legal-base: missing; this field is required",
                f + ":10: horizon.de-minimis.ended[0].origins: 'China' is not a country code; expected ISO 3166 alpha-2 such as CN",
                f + ":11: horizon.de-minimis.ended[1].origins: CN is named by an earlier end; an origin's end is given once",
                f + ":11: horizon.de-minimis.ended[1].source: missing; this field is required",
                f + ":13: horizon.de-minimis.ended[3].origins: a second end for every origin; give the origins it names");
    }

    @Test
    void aContentBasisConversionNamesAKnownBasisAndAMassFraction() {
        Regime ok = MiniRegime.copyTo(tmp).replace("minerals.yaml", "  - {id: WO3, name: tungsten trioxide, unit: mtu}\n",
                "  - {id: WO3, name: tungsten trioxide, unit: mtu, converts-to: [{basis: Mo, mass-fraction: 0.5, note: test}]}\n").load();
        var wo3 = ok.minerals().basis("WO3").orElseThrow();
        assertThat(wo3.conversionTo("Mo").massFraction()).isEqualByComparingTo("0.5");
        assertThat(wo3.conversionTo("REO")).isNull();

        MiniRegime bad = MiniRegime.copyTo(tmp.resolve("bad")).replace("minerals.yaml", "  - {id: WO3, name: tungsten trioxide, unit: mtu}\n",
                "  - {id: WO3, name: tungsten trioxide, unit: mtu, converts-to: [{basis: W, mass-fraction: 0.79}, {basis: Mo, mass-fraction: 1.2}]}\n");
        String f = tmp.resolve("bad").resolve("minerals.yaml").toString();
        assertThat(problems(bad)).containsExactlyInAnyOrder(
                f + ":4: content-bases[2].converts-to[1].mass-fraction: '1.2' is not a mass fraction; expected a number above 0 and at most 1",
                f + ":4: content-bases[2].converts-to[0].basis: unknown content basis 'W'; expected a basis of content-bases");
    }
}
