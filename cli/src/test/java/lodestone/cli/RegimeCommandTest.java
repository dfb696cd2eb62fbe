package lodestone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The regime commands from the command line, on the bundled regime. */
class RegimeCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void validateTheBundledRegime() {
        Cli r = Cli.run("regime", "validate");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("valid: us-2026").contains("HTS lines").contains("measures");
    }

    @Test
    void validateTheIllustrativeExtension() {
        Cli r = Cli.run("regime", "validate", "bundled:plurilateral");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("valid: us-2026-plurilateral-illustrative");
    }

    @Test
    void aBrokenRegimeListsEveryProblemAndExitsOne(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("regime.yaml"), """
                id: broken
                files:
                  countries: countries.csv
                  groups: [groups.yaml]
                """);
        Files.writeString(tmp.resolve("countries.csv"), "alpha2,alpha3,numeric,name,currency\nFR,FRA,250,France,EUR\n");
        Files.writeString(tmp.resolve("groups.yaml"), """
                groups:
                  - id: G
                    members:
                      - {country: FR, from: 2020-01-01, to: 2019-01-01}
                      - {country: QQ}
                """);
        Cli r = Cli.run("regime", "validate", tmp.toString());
        assertThat(r.exit()).isEqualTo(2); // a regime refused is input refused, as under --regime
        assertThat(r.err()).contains(tmp.resolve("groups.yaml") + ":4: groups[0].members[0].to: end 2019-01-01 is before start 2020-01-01")
                .contains(tmp.resolve("groups.yaml") + ":5: groups[0].members[1].country: unknown country 'QQ'")
                .contains("2 problems; nothing was loaded.");
    }

    @Test
    void showTheFlagshipLineOnTwoDates() {
        Cli before = Cli.run("regime", "show", "2846.90.80", "--date", "2025-06-01", "--origin", "CN");
        assertThat(before.exit()).as(before.err()).isZero();
        assertThat(before.out()).contains("general").contains("3.7%").contains("9903.01.24").contains("20%")
                .contains("Executive Order 14228");
        Cli after = Cli.run("regime", "show", "2846.90.80", "--date", "2026-03-02", "--origin", "CN");
        assertThat(after.out()).doesNotContain("9903.01.24").contains("x  9903.03.01").contains("excluded");
    }

    /** The CAFTA-DR certification's low-value exception is listed under the requirement, with its legal base. */
    @Test
    void showListsTheCaftaDrCertificationsLowValueWaiver() throws Exception {
        Cli r = Cli.run("regime", "show", "2846.90.80", "--date", "2026-03-02", "--origin", "GT");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("us-cafta-dr-certification")
                .contains("     unless the importation's lines it covers total at most US$2,500.00 → "
                        + "not required [19 CFR 10.586(a)(2)]");
        JsonNode j = JSON.readTree(Cli.run("regime", "show", "2846.90.80", "--date", "2026-03-02", "--origin", "GT", "--json").out());
        assertThat(j.get("measures").toString()).contains("→ not required [19 CFR 10.586(a)(2)]");
    }

    @Test
    void showAsJson() throws Exception {
        Cli r = Cli.run("regime", "show", "2846.90.80", "--date", "2025-06-01", "--origin", "CN", "--json");
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("code").asText()).isEqualTo("2846.90.80");
        assertThat(j.get("declarable").asBoolean()).isFalse();
        assertThat(j.get("base_rates").get(0).get("id").asText()).isEqualTo("general");
        assertThat(j.get("base_rates").get(0).get("duty").asText()).isEqualTo("3.7%");
        assertThat(j.get("measures").findValuesAsText("output_id")).contains("9903.01.24");
        assertThat(j.get("excluded").findValuesAsText("output_id")).contains("9903.01.25");
        // what carves the code out, as an assessment's trail cites it: the list and its legal home (it was not said)
        JsonNode annexII = null;
        for (JsonNode x : j.get("excluded")) if (x.get("output_id").asText().equals("9903.01.25")) annexII = x;
        assertThat(annexII.get("by").get(0).asText()).isEqualTo("2846.90.80 on generated/scopes/ieepa-annex-ii-exempt.csv: Goods "
                + "exempt from the IEEPA reciprocal duties: HTS Chapter 99 U.S. Note 2(v)(iii)(a) (EO 14257 Annex II as amended; "
                + "heading 9903.01.32), HTS 2026 Revision 6.");
        assertThat(Cli.run("regime", "show", "2846.90.80", "--date", "2025-06-01", "--origin", "CN").out())
                .contains("     excluded: 2846.90.80 on generated/scopes/ieepa-annex-ii-exempt.csv: Goods exempt from the IEEPA "
                        + "reciprocal duties: HTS Chapter 99 U.S. Note 2(v)(iii)(a)");
    }

    @Test
    void showAnUnknownCodeSuggestsTheNearest() {
        Cli r = Cli.run("regime", "show", "2846.90.81", "--date", "2026-03-02");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown HTS code '2846.90.81'; nearest codes: 2846.90.80");
        // a subheading the schedule prints no row for is told what it is, as an assessment tells it (CLI and API alike)
        Cli sub = Cli.run("regime", "show", "8505.11", "--date", "2026-03-02");
        assertThat(sub.exit()).isEqualTo(2);
        assertThat(sub.err()).contains("8505.11 is a subheading, not a tariff line").contains("e.g. 8505.11.00");
    }

    @Test
    void showRejectsABadDateAndCountry() {
        assertThat(Cli.run("regime", "show", "2846.90.80", "--date", "2026-02-30").err())
                .contains("--date: '2026-02-30' is not a date: 2026-02 has 28 days; expected yyyy-mm-dd, e.g. 2026-03-02");
        assertThat(Cli.run("regime", "show", "2846.90.80", "--origin", "XX").err())
                .contains("--origin: unknown country 'XX'");
    }

    @Test
    void diffAcrossTheSection122Switch() {
        Cli r = Cli.run("regime", "diff", "--from", "2026-02-23", "--to", "2026-02-24");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("started  measure   us-s122-surcharge").contains("ended    measure   us-ieepa-china-opioids-2025-11");
        assertThat(Cli.run("regime", "diff", "--from", "2026-03-01", "--to", "2026-01-01").err()).contains("is before --from");
    }

    /**
     * An analyst's overlay against the bundled regime it extends: exactly the measure and the group it adds, and nothing
     * else (there was no way to ask; a dated diff lists the whole regime's history).
     */
    @Test
    void diffAgainstTheBundledRegimeListsWhatAnOverlayAdds(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Files.writeString(tmp.resolve("regime.yaml"),
                "id: analyst\nextends: bundled\nfiles: {groups: [groups.yaml], measures: [floor.yaml]}\n");
        java.nio.file.Files.writeString(tmp.resolve("groups.yaml"), "groups:\n  - id: FLOOR-CLUB\n    name: Floor club\n    members:\n"
                + "      - {country: JP, from: 2026-01-01}\n      - {country: AU, from: 2026-01-01, to: 2026-03-31}\n"
                + "      - {country: AU, from: 2026-06-01}\n");
        java.nio.file.Files.writeString(tmp.resolve("floor.yaml"), """
                measures:
                  - id: floor-li2co3
                    type: variable-levy
                    title: Lithium carbonate floor
                    products: {include: ["2836.91"]}
                    origins: {include: [ALL], exclude: [FLOOR-CLUB]}
                    valid: {from: 2026-01-01}
                    duty: free
                    conditions:
                      - when: {unit-price-below: "12000 USD/t"}
                        then: {charge-difference: "12000 USD/t"}
                    legal-base: {instrument: analyst}
                """);
        Cli r = Cli.run("regime", "diff", "--regime", tmp.toString(), "--against", "bundled");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("Regime analyst against us-2026:\n"
                + "  added    measure   floor-li2co3                     Lithium carbonate floor — variable levy (border-adjusted price "
                + "floor) free unless a condition decides; declared unit price < 12000 USD/t → charge the difference up to 12000 USD/t"
                + " · products [2836.91] · origins [ALL] except [FLOOR-CLUB] · 2026-01-01 → open · " + tmp.resolve("floor.yaml") + ":2\n"
                + "  added    group     FLOOR-CLUB                       Floor club: JP 2026-01-01 → open, AU 2026-01-01 → 2026-03-31, "
                + "AU 2026-06-01 → open\n");
        JsonNode j = JSON.readTree(Cli.run("regime", "diff", "--regime", tmp.toString(), "--against", "bundled", "--json").out());
        assertThat(j.get("against").asText()).isEqualTo("us-2026");
        assertThat(j.get("changes").findValuesAsText("id")).containsExactly("floor-li2co3", "FLOOR-CLUB");
        // the bundled plurilateral regime against the law: its club, its floor and its agreement
        JsonNode p = JSON.readTree(Cli.run("regime", "diff", "--regime", "bundled:plurilateral", "--against", "bundled", "--json").out());
        assertThat(p.get("changes").findValuesAsText("id")).containsExactly("pluri-floor-ndpr-oxide", "PLURI-CLUB");
        // a regime against itself: nothing differs, stacking rules included (compared since they are, and not said)
        assertThat(Cli.run("regime", "diff", "--regime", "bundled", "--against", "bundled").out()).isEqualTo("Regime us-2026 against us-2026:\n"
                + "  no measure, group, agreement, stacking rule or horizon (sources, known gaps, de minimis) differs\n");
        assertThat(Cli.run("regime", "diff", "--against", "bundled", "--from", "2026-01-01").err())
                .contains("--against compares two regimes; give it without --from and --to");
        assertThat(Cli.run("regime", "diff", "--from", "2026-01-01").err()).contains("missing --to; expected --from YYYY-MM-DD --to YYYY-MM-DD, or --against REGIME");
    }

    @Test
    void diffAsJson() throws Exception {
        JsonNode j = JSON.readTree(Cli.run("regime", "diff", "--from", "2026-02-23", "--to", "2026-02-24", "--json").out());
        assertThat(j.get("changes").findValuesAsText("id")).contains("us-s122-surcharge", "us-ieepa-reciprocal-baseline");
    }

    @Test
    void searchByWordsAndByCode() {
        assertThat(Cli.run("regime", "search", "rare-earth", "oxides").out()).contains("2846.90.20");
        assertThat(Cli.run("regime", "search", "8505.11").out()).contains("8505.11.00");
        assertThat(Cli.run("regime", "search", "unobtainium").out()).contains("no line matches 'unobtainium'");
        // past the limit: how many there are in all, in the text and the JSON
        int all = lodestone.regime.Regime.bundled().hts().withPrefix("2846").size();
        assertThat(Cli.run("regime", "search", "2846", "--limit", "2").out())
                .contains("… the first 2 of " + all + " results; narrow the words or raise --limit");
        assertThat(Cli.run("regime", "search", "2846", "--limit", "2", "--json").out())
                .contains("\"truncated\": true").contains("\"total\": " + all);
    }

    @ParameterizedTest
    @ValueSource(strings = {"regime validate", "regime show", "regime search", "regime diff", "regime import",
            "regime import-hts", "assess", "assess-file", "compare", "generate-entries", "tour"})
    void everyCommandHasHelpWithAnExample(String command) {
        String[] args = (command + " --help").split(" ");
        Cli r = Cli.run(args);
        assertThat(r.exit()).isZero();
        assertThat(r.out()).containsPattern("Examples?:").contains("lodestone " + command.split(" ")[0]);
    }

    @Test
    void theTourRunsEveryStep() {
        Cli r = Cli.run("tour");
        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        assertThat(r.out()).contains("── 6.").contains("9903.78.01").contains("Next:")
                .contains("── 8.").contains("NdPr oxide (didymium oxide)").contains("GT  Guatemala")
                .contains("── 9.").contains("PROHIBITED").contains("Xinjiang Uyghur Autonomous Region")
                .contains("── 10.").contains("antimony-baseline");
    }

    @Test
    void infoPrintsVersionHorizonSourcesAndCounts() throws Exception {
        Cli r = Cli.run("regime", "info");
        assertThat(r.exit()).as(r.err()).isZero();
        lodestone.regime.Regime b = lodestone.regime.Regime.bundled();
        assertThat(r.out()).startsWith("us-2026 — ").contains("version " + b.version())
                .contains("facts checked through " + b.horizon().checkedThrough())
                .contains("exchange rates: latest 2026-09-29; a rate older than 31 days")
                .contains("2026-01-01 hts-2026-basic").contains("base rates unmodelled");
        JsonNode j = JSON.readTree(Cli.run("regime", "info", "--json").out());
        assertThat(j.at("/horizon/checked_through").asText()).isEqualTo(b.horizon().checkedThrough().toString());
        assertThat(j.at("/horizon/fx_latest").asText()).isEqualTo("2026-09-29");
        assertThat(j.at("/counts/measures").asInt()).isEqualTo(b.measures().size());
        assertThat(j.at("/horizon/sources").size()).isEqualTo(b.horizon().sources().size());
    }

    @Test
    void assessPastTheHorizonWarnsInTheTableAndInJson() throws Exception {
        Cli t = Cli.run("assess", "--hts", "7208.51.00.60", "--origin", "DE", "--date", "2026-12-01", "--value", "10000",
                "--currency", "EUR", "--quantity", "100", "--unit", "kg");
        assertThat(t.exit()).as(t.err()).isZero();
        assertThat(t.out()).contains("! regime horizon: the entry date 2026-12-01 is after")
                .contains("! regime horizon: converted from EUR at 0.88022588 EUR per USD");
        JsonNode j = JSON.readTree(Cli.run("assess", "--hts", "7208.51.00.60", "--origin", "DE", "--date", "1990-01-01",
                "--value", "10000", "--quantity", "100", "--unit", "pieces", "--json").out());
        assertThat(j.get("warnings").toString()).contains("regime horizon: the entry date 1990-01-01 is before 2025-01-01")
                .contains("unit No. is not a unit of quantity of 7208.51.00.60");
    }
    /** Section 321 de minimis, stated by the regime and not modelled: `regime info` says its threshold and ends with their sources. */
    @Test
    void infoStatesSection321DeMinimisAndItsEnds() throws Exception {
        assertThat(Cli.run("regime", "info").out()).contains("Section 321 de minimis (19 U.S.C. 1321(a)(2)(C)), not modelled — a line "
                + "owing duty worth no more than $800.00 entered before its end is warned of it; ended: CN, HK from 2025-05-02 (EO 14256 "
                + "of 2025-04-02, 90 FR 14899); every origin from 2025-08-29 (EO 14324 of 2025-07-30, 90 FR 37775; CBP notice, 90 FR 42418)\n");
        JsonNode dm = JSON.readTree(Cli.run("regime", "info", "--json").out()).at("/horizon/de_minimis");
        assertThat(dm.toString()).isEqualTo("{\"at_most_usd\":\"800.00\",\"legal_base\":\"19 U.S.C. 1321(a)(2)(C)\",\"ended\":["
                + "{\"origins\":[\"CN\",\"HK\"],\"from\":\"2025-05-02\",\"source\":\"EO 14256 of 2025-04-02, 90 FR 14899\"},"
                + "{\"origins\":[],\"from\":\"2025-08-29\",\"source\":\"EO 14324 of 2025-07-30, 90 FR 37775; CBP notice, 90 FR 42418\"}]}");
    }

    @Test
    void knownGapsAreStatedByValidateInfoAndShow() throws Exception {
        Cli v = Cli.run("regime", "validate");
        assertThat(v.out()).contains("known gaps (25, not modelled: no source here holds them):")
                .contains("- s232-annex-i-c [2026-06-08 to …] (codes 84, 87): Section 232 Annex I-C")
                .contains("1,486 not modelled");
        // what each gap bears on: its codes, its origins or both (a gap of origins alone was printed as if of every line)
        assertThat(Cli.run("regime", "info").out()).contains("- s338-canada-2026-09 [2026-09-15 to …] (origins CA): Section 338 (Canada)")
                .contains("- sanctioned-origins [2025-01-01 to …] (origins KP, CU, IR): ")
                .contains("- s232-russia-aluminium [2023-03-10 to …] (codes 7601, 7603, 7604, 7605, 7606, 7607, 7608, 7609, 7610, "
                        + "7611, 7612, 7613, 7614, 7615, 7616; origins RU): ");
        JsonNode info = JSON.readTree(Cli.run("regime", "info", "--json").out());
        assertThat(info.at("/horizon/known_gaps").size()).isEqualTo(25);
        assertThat(info.at("/counts/base_rates_unmodelled").asInt()).isEqualTo(1486);
        // show lists the gaps that touch the line on the date: Annex I-C touches chapter 84, not chapter 28
        Cli machine = Cli.run("regime", "show", "8429.51.10.15", "--date", "2026-08-01", "--origin", "JP");
        assertThat(machine.out()).contains("known gaps (5,").contains("s232-annex-i-c").contains("ad-cvd-orders");
        Cli oxide = Cli.run("regime", "show", "2846.90.80", "--date", "2026-08-01", "--origin", "JP");
        assertThat(oxide.out()).contains("s232-annex-lists-2026-06-08").doesNotContain("s232-annex-i-c")
                .doesNotContain("sanctioned-origins"); // a gap of other origins is not this origin's
        assertThat(Cli.run("regime", "show", "2846.90.80", "--date", "2026-08-01", "--origin", "KP").out()).contains("sanctioned-origins");
        // a 2025 date: the reciprocal tariff's Annex II is the list of 2026 on every date (its 2025 additions are undated here)
        assertThat(Cli.run("regime", "show", "2846.90.80", "--date", "2025-06-02", "--origin", "CN").out())
                .contains("ieepa-annex-ii-dated-additions");
        // Section 232 on a chapter 76 good's aluminium content when declared (the gap that said it was not is retired): the
        // measure says so with its citation
        assertThat(Cli.run("regime", "show", "7616.99.51.90", "--date", "2026-03-02", "--origin", "DE").out())
                .contains("     charged on: metal content value if declared, else the customs value: Proclamation 10947 (2025-06-03, "
                        + "90 FR 24199); CBP CSMS #65236374 and #65236645: ")
                .doesNotContain("s232-chapters-73-76-content");
        // on a date and line no other gap touches, only the one of every line: AD/CVD orders are not in the figures
        assertThat(Cli.run("regime", "show", "2846.90.80", "--date", "2026-03-02").out()).contains("known gaps (1,")
                .contains("- ad-cvd-orders: Anti-dumping and countervailing duty orders").doesNotContain("regime horizon");
        assertThat(Cli.run("regime", "show", "2846.90.80", "--date", "2026-11-20", "--origin", "CN").out())
                .contains("  warning: regime horizon: the entry date 2026-11-20 is after 2026-10-07");
        assertThat(JSON.readTree(Cli.run("regime", "show", "2846.90.80", "--date", "2024-12-31", "--json").out())
                .at("/warnings/0").asText()).startsWith("regime horizon: the entry date 2024-12-31 is before 2025-01-01");
        JsonNode j = JSON.readTree(Cli.run("regime", "show", "8429.51.10.15", "--date", "2026-08-01", "--json").out());
        assertThat(j.at("/known_gaps/0/id").asText()).isEqualTo("s232-annex-i-c");
        assertThat(j.at("/known_gaps/0/codes").toString()).isEqualTo("[\"84\",\"87\"]");
    }

    @Test
    void assessConvertsMtuOfWo3AndStatesTheAssumption() {
        // 2611.00.60.00 at 37.5 ¢/kg on W content: 100 mtu WO3 = 1,000 kg WO3 × 0.79297 = 792.97 kg W → $297.36
        Cli t = Cli.run("assess", "--hts", "2611.00.60.00", "--origin", "CL", "--date", "2026-03-02", "--value", "50000",
                "--quantity", "1500", "--unit", "kg", "--content-quantity", "100", "--content-unit", "mtu WO3");
        assertThat(t.exit()).as(t.err()).isZero();
        assertThat(t.out()).contains("$297.36").contains("assumption: content 100 mtu WO3 converted to 792.97 kg W");
        // a bare kg on a line charged on one content basis: 2613.10 (Mo) — 0.128 × 5,500 + 1.8 % × 100,000 = $2,504.00
        Cli mo = Cli.run("assess", "--hts", "2613.10.00.00", "--origin", "CL", "--date", "2026-03-02", "--value", "100000",
                "--quantity", "10000", "--unit", "kg", "--content-quantity", "5500", "--content-unit", "kg");
        assertThat(mo.exit()).as(mo.err()).isZero();
        assertThat(mo.out()).contains("$2,504.00").contains("read as 5500 kg Mo");
    }

    @Test
    void aValueChainAsJsonWithItsProductsCodesAndContentBases() throws Exception {
        Cli r = Cli.run("regime", "minerals", "rare-earths", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("id").asText()).isEqualTo("rare-earths");
        assertThat(j.get("name").asText()).isEqualTo("Rare earths");
        assertThat(j.get("mineral").isNull()).isTrue(); // a value chain, not a mineral of the list
        JsonNode chain = j.at("/value_chains/0");
        assertThat(chain.get("id").asText()).isEqualTo("rare-earths");
        assertThat(chain.get("minerals")).hasSize(16);
        JsonNode first = chain.at("/products/0");
        assertThat(first.get("id").asText()).isEqualTo("re-concentrate");
        assertThat(first.get("stage").asText()).isEqualTo("concentrate");
        assertThat(first.at("/hts/0").asText()).isEqualTo("2530.90.80");
        assertThat(first.get("content_basis").asText()).isEqualTo("REO");
        assertThat(chain.at("/products/2/hts").toString()).isEqualTo("[\"2846.90.80.70\",\"2846.90.80.75\"]");
        assertThat(j.at("/content_bases/0/id").asText()).isEqualTo("REO");
        assertThat(j.at("/content_bases/0/unit").asText()).isEqualTo("kg");
    }

    @Test
    void aMineralOfTheListWithItsFlagsAndTheChainThatSpansIt() throws Exception {
        Cli r = Cli.run("regime", "minerals", "neodymium", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.at("/mineral/symbol").asText()).isEqualTo("Nd");
        assertThat(j.at("/mineral/family").asText()).isEqualTo("rare earth (lanthanide)");
        assertThat(j.at("/mineral/on_2022_list").asBoolean()).isTrue();
        assertThat(j.at("/mineral/new_in_2025").asBoolean()).isFalse();
        assertThat(j.at("/value_chains/0/id").asText()).isEqualTo("rare-earths");
        assertThat(j.get("value_chains")).hasSize(1);

        Cli text = Cli.run("regime", "minerals", "neodymium");
        assertThat(text.out()).startsWith("neodymium (Nd) — rare earth (lanthanide)\n  on the 2022 list: yes · added by the 2025 list: no\n")
                .contains("Rare earths — minerals: cerium, dysprosium")
                .contains("basis REO    HTS 2530.90.80");

        // a mineral added in 2025 that no covered value chain spans: its facts, and that said
        Cli boron = Cli.run("regime", "minerals", "boron");
        assertThat(boron.out()).contains("added by the 2025 list: yes").contains("basis for addition: public comment + interagency input on draft")
                .contains("no covered value chain spans it");
    }

    @Test
    void aProductQuotedByUsgsCitesTheSummaryItsPriceComesFrom() throws Exception {
        // minerals.yaml cites the USGS MCS 2026 chapter of each quoted product; the loader read the citation and dropped it,
        // so neither the JSON nor the text said where the quotation basis (and its unit) came from
        Cli r = Cli.run("regime", "minerals", "gallium", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode metal = JSON.readTree(r.out()).at("/value_chains/0/products/0");
        assertThat(metal.get("id").asText()).isEqualTo("gallium-unwrought");
        assertThat(metal.at("/source/title").asText()).isEqualTo("USGS Mineral Commodity Summaries 2026 — Gallium (unit value of "
                + "imports of gallium metal under HTS 8112.92.1000, USD/kg; Feb 2026)");
        assertThat(metal.at("/source/url").isNull()).isTrue();
        assertThat(JSON.readTree(r.out()).at("/value_chains/0/products/1/source").isNull()).isTrue(); // no citation, none invented

        Cli w = Cli.run("regime", "minerals", "tungsten", "--json");
        assertThat(JSON.readTree(w.out()).at("/value_chains/0/products/1/source/url").asText())
                .isEqualTo("https://pubs.usgs.gov/periodicals/mcs2026/mcs2026-tungsten.pdf");

        Cli text = Cli.run("regime", "minerals", "gallium");
        assertThat(text.out()).contains("                 source: USGS Mineral Commodity Summaries 2026 — Gallium (unit value of "
                + "imports of gallium metal under HTS 8112.92.1000, USD/kg; Feb 2026)\n");
        Cli co = Cli.run("regime", "minerals", "cobalt");
        assertThat(co.out()).contains("                 source: USGS Mineral Commodity Summaries 2026 — Cobalt (US spot cathode and "
                + "LME cash prices, USD/lb; Feb 2026) https://pubs.usgs.gov/periodicals/mcs2026/mcs2026-cobalt.pdf\n");
        // the series as USGS names them: there is no "COMEX cathode price" — COMEX high-grade first position, the US producer
        // cathode price (COMEX + premium) and LME grade A cash (the bundled copper market's price) are three series
        Cli cu = Cli.run("regime", "minerals", "copper");
        assertThat(cu.out()).contains("                 source: USGS Mineral Commodity Summaries 2026 — Copper (prices of "
                + "refined copper: COMEX high-grade first position, U.S. producer cathode (COMEX + premium) and LME grade A cash, "
                + "US cents/lb; Feb 2026) https://pubs.usgs.gov/periodicals/mcs2026/mcs2026-copper.pdf\n");
    }

    @Test
    void aMineralTheDraftListLeftOutSaysSoWithTheListsNote() throws Exception {
        // the list's table says arsenic and tellurium were not on the draft of 2025-08-26 (proposed for removal) but kept, and
        // that "phosphate" is USGS's phosphate rock; the importer dropped both columns, so no face said it
        Cli r = Cli.run("regime", "minerals", "tellurium", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode te = JSON.readTree(r.out()).get("mineral");
        assertThat(te.get("in_2025_draft_list").asBoolean()).isFalse();
        assertThat(te.get("note").asText()).isEqualTo("draft (Aug 26 2025) recommended removal; retained in final");
        JsonNode nd = JSON.readTree(Cli.run("regime", "minerals", "neodymium", "--json").out()).get("mineral");
        assertThat(nd.get("in_2025_draft_list").asBoolean()).isTrue();
        assertThat(nd.get("note").isNull()).isTrue();

        Cli text = Cli.run("regime", "minerals", "arsenic");
        assertThat(text.out()).startsWith("arsenic (As)\n  on the 2022 list: yes · added by the 2025 list: no\n"
                + "  on the 2025 draft list: no\n  note: draft (Aug 26 2025) recommended removal; retained in final\n");
        assertThat(Cli.run("regime", "minerals", "phosphate").out())
                .contains("  note: listed as phosphate (USGS MCS text: phosphate rock)\n");
    }

    @Test
    void theMineralsListAsJsonGivesEachMineralsSummary() throws Exception {
        Cli r = Cli.run("regime", "minerals", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j).hasSize(60);
        JsonNode nd = null;
        for (JsonNode x : j) if (x.get("id").asText().equals("neodymium")) nd = x;
        assertThat(nd).isNotNull();
        assertThat(nd.at("/value_chains/0/id").asText()).isEqualTo("rare-earths");
        assertThat(nd.get("content_bases").findValuesAsText("id")).contains("REO", "NdPr-oxide", "GROSS");
    }

    @Test
    void anUnknownMineralIsRefusedNamingIt() {
        Cli r = Cli.run("regime", "minerals", "unobtainium");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown mineral or value chain 'unobtainium'").contains("a value chain: rare-earths, lithium");
    }

    @Test
    void aGroupsMembersOnADateAndEveryMembershipWindow() throws Exception {
        // CAFTA-DR entered into force for Guatemala on 2006-07-01 (curated/groups.yaml)
        assertThat(Cli.run("regime", "groups", "CAFTA-DR", "--date", "2027-06-01").out())
                .contains("! regime horizon: the date 2027-06-01 is after 2026-10-07").contains("Members on 2027-06-01: 7");
        assertThat(Cli.run("regime", "groups", "--date", "2027-06-01").out()).contains("! regime horizon: the date 2027-06-01");
        assertThat(Cli.run("regime", "groups", "CAFTA-DR", "--date", "2026-06-01").out()).doesNotContain("regime horizon");
        Cli before = Cli.run("regime", "groups", "CAFTA-DR", "--date", "2006-06-30", "--json");
        assertThat(before.exit()).as(before.err()).isZero();
        JsonNode b = JSON.readTree(before.out());
        assertThat(b.get("date").asText()).isEqualTo("2006-06-30");
        assertThat(b.get("members").findValuesAsText("country")).containsExactly("US", "SV", "HN", "NI");
        assertThat(b.get("member_count").asInt()).isEqualTo(4);
        JsonNode on = JSON.readTree(Cli.run("regime", "groups", "CAFTA-DR", "--date", "2006-07-01", "--json").out());
        assertThat(on.get("members").findValuesAsText("country")).containsExactly("US", "SV", "HN", "NI", "GT");

        JsonNode all = JSON.readTree(Cli.run("regime", "groups", "CAFTA-DR", "--json").out());
        assertThat(all.get("date").isNull()).isTrue();
        assertThat(all.get("member_count").asInt()).isEqualTo(7);
        JsonNode gt = all.at("/members/4");
        assertThat(gt.get("country").asText()).isEqualTo("GT");
        assertThat(gt.get("name").asText()).isEqualTo("Guatemala");
        assertThat(gt.get("from").asText()).isEqualTo("2006-07-01");
        assertThat(gt.get("to").isNull()).isTrue();

        Cli text = Cli.run("regime", "groups", "CAFTA-DR");
        assertThat(text.out()).startsWith("CAFTA-DR parties (CAFTA-DR)\n").contains("Memberships: 7")
                .contains("  GT  Guatemala                        2006-07-01 → open");
        // the United Kingdom left the EU on 2020-01-31
        assertThat(Cli.run("regime", "groups", "EU27").out()).contains("2020-01-31");
        assertThat(Cli.run("regime", "groups", "EU27", "--date", "2020-02-01").out()).doesNotContain("GB ");
    }

    @Test
    void theIllustrativeClubOfThePlurilateralOverlayFromItsStart() throws Exception {
        // curated/plurilateral/groups.yaml: 34 members, each from the club's `since` 2026-01-01
        JsonNode before = JSON.readTree(Cli.run("regime", "groups", "PLURI-CLUB", "--regime", "bundled:plurilateral",
                "--date", "2025-12-31", "--json").out());
        assertThat(before.get("member_count").asInt()).isZero();
        assertThat(before.get("members")).isEmpty();
        JsonNode on = JSON.readTree(Cli.run("regime", "groups", "PLURI-CLUB", "--regime", "bundled:plurilateral",
                "--date", "2026-01-01", "--json").out());
        assertThat(on.get("member_count").asInt()).isEqualTo(34);
        assertThat(on.at("/members/1/country").asText()).isEqualTo("JP");
        assertThat(on.at("/members/1/from").asText()).isEqualTo("2026-01-01");
        assertThat(on.get("name").asText()).isEqualTo("Illustrative plurilateral critical-minerals club");
        // the bundled regime has no such group
        assertThat(Cli.run("regime", "groups", "PLURI-CLUB").exit()).isEqualTo(2);
    }

    @Test
    void theGroupsListAndAnUnknownGroup() throws Exception {
        Cli list = Cli.run("regime", "groups", "--date", "2006-06-30");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("CAFTA-DR                   4 on 2006-06-30 CAFTA-DR parties");
        JsonNode j = JSON.readTree(Cli.run("regime", "groups", "--json").out());
        assertThat(j.findValuesAsText("id")).startsWith("EU27", "CAFTA-DR", "USMCA");
        Cli bad = Cli.run("regime", "groups", "NOPE");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown group 'NOPE'; known: EU27, CAFTA-DR, USMCA");
        Cli badDate = Cli.run("regime", "groups", "--date", "2006-13-01");
        assertThat(badDate.exit()).isNotZero();
        assertThat(badDate.err()).contains("--date: '2006-13-01' is not a date");
    }

    /** Every row of the agreements list has its columns where the others have them, the longest id included. */
    @Test
    void theAgreementsListKeepsItsColumnsForTheLongestId() {
        Cli r = Cli.run("regime", "agreements");
        assertThat(r.exit()).isZero();
        java.util.List<String> rows = r.out().lines().filter(l -> !l.isBlank() && !l.startsWith("Show one")).toList();
        assertThat(rows).anySatisfy(l -> assertThat(l).startsWith("plurilateral-critical-minerals "));
        for (String l : rows) {
            // the status column starts at the same place on every row: the id and its padding are the same width
            assertThat(l.length() - l.replaceFirst("^\\S+\\s+", "").length()).as(l).isEqualTo(
                    rows.get(0).length() - rows.get(0).replaceFirst("^\\S+\\s+", "").length());
        }
    }

    /**
     * A measure that supersedes another (its displaces) showed in {@code regime show} like a second levy beside it: the
     * line says what it displaces.
     */
    @Test
    void showSaysWhatAMeasureDisplaces(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Files.writeString(tmp.resolve("regime.yaml"), "id: raised\nextends: bundled:plurilateral\nfiles: {measures: [m.yaml]}\n");
        java.nio.file.Files.writeString(tmp.resolve("m.yaml"), """
                measures:
                  - id: raised-ndpr-floor
                    type: variable-levy
                    title: "ILLUSTRATIVE: raised floor"
                    illustrative: true
                    agreement: plurilateral-illustrative
                    products: {include: ["2846.90.20.40"]}
                    origins: {include: [ALL], exclude: [PLURI-CLUB]}
                    valid: {from: 2027-07-01}
                    duty: free
                    conditions:
                      - when: {unit-price-below: "130 USD/kg of REO"}
                        then: {charge-difference: "130 USD/kg of REO"}
                    displaces: [pluri-floor-ndpr-oxide]
                    legal-base: {instrument: "ILLUSTRATIVE: revised floor"}
                """);
        Cli r = Cli.run("regime", "show", "2846.90.20.40", "--date", "2027-07-01", "--origin", "CN", "--regime", tmp.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("     ILLUSTRATIVE: raised floor\n"
                + "     if declared unit price < 130 USD/kg of REO → charge the difference up to 130 USD/kg of REO\n"
                + "     displaces pluri-floor-ndpr-oxide (not charged on the value this measure is charged on)\n"
                + "       no stacking rule (pluri-floor-ndpr-oxide): citation not sourced — no stacking rule of the regime cites these pairs\n");
        // with a stacking rule for the pair, its citation (here: that none could be sourced, and why)
        java.nio.file.Files.writeString(tmp.resolve("regime.yaml"),
                "id: raised\nextends: bundled:plurilateral\nfiles: {measures: [m.yaml], stacking: [s.yaml]}\n");
        java.nio.file.Files.writeString(tmp.resolve("s.yaml"), """
                stacking:
                  - id: raised-floor-replaces-club-floor
                    measures: [raised-ndpr-floor]
                    displaces: [pluri-floor-ndpr-oxide]
                    citation-not-sourced: "illustrative: no agreement text exists"
                """);
        Cli cited = Cli.run("regime", "show", "2846.90.20.40", "--date", "2027-07-01", "--origin", "CN", "--regime", tmp.toString());
        assertThat(cited.exit()).as(cited.err()).isZero();
        assertThat(cited.out()).contains("     displaces pluri-floor-ndpr-oxide (not charged on the value this measure is charged on)\n"
                + "       rule raised-floor-replaces-club-floor (pluri-floor-ndpr-oxide): citation not sourced — illustrative: no agreement "
                + "text exists\n");
        Cli assessed = Cli.run("assess", "--hts", "2846.90.20.40", "--origin", "CN", "--date", "2027-07-01", "--value", "100000",
                "--quantity", "1000", "--unit", "kg", "--content-quantity", "1000", "--content-unit", "kg REO", "--regime", tmp.toString());
        assertThat(assessed.out()).contains("less $100,000.00 charged under raised-ndpr-floor (does not stack — "
                + "raised-floor-replaces-club-floor: citation not sourced — illustrative: no agreement text exists)");
    }
}
