package lodestone.regime;

import lodestone.regime.measure.Measure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A policy analyst writing their own regime as an overlay in a folder of their own: what loading it must say, found by
 * trying it (docs/regime-format.md, "Extending a regime").
 */
class RegimeAuthoringTest {
    @TempDir
    Path tmp;

    private static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static List<String> problems(Runnable load) {
        RegimeInvalidException e = catchThrowableOfType(RegimeInvalidException.class, load::run);
        assertThat(e).as("the regime should be refused").isNotNull();
        return e.problems().stream().map(Problem::toString).toList();
    }

    private static final String FLOOR = """
            measures:
              - id: li-floor
                type: variable-levy
                title: Lithium carbonate floor
                products: {include-file: scope.csv}
                origins: {include: [ALL], exclude: [CLUB]}
                valid: {from: 2026-01-01}
                duty: free
                conditions:
                  - when: {unit-price-below: "12000 USD/t"}
                    then: {charge-difference: "12000 USD/t"}
                legal-base: {instrument: analyst}
            """;

    /**
     * An overlay in another folder extends a base by a path relative to itself: the base's files are read from the
     * base's folder (they were looked for in the overlay's folder: every one "file not found"), the overlay's own files
     * and its include-file from the overlay's.
     */
    @Test
    void anOverlayInItsOwnFolderExtendsABaseElsewhere() throws IOException {
        MiniRegime.copyTo(tmp.resolve("base"));
        Path mine = tmp.resolve("analyst");
        write(mine.resolve("regime.yaml"), """
                id: analyst-floor
                extends: ../base/regime.yaml
                files:
                  measures: [measures/floor.yaml]
                """);
        write(mine.resolve("measures/floor.yaml"), FLOOR);
        write(mine.resolve("scope.csv"), "code\n2846.90.20.40\n");
        Regime r = Regime.load(mine);
        assertThat(r.id()).isEqualTo("analyst-floor");
        assertThat(r.measures()).extracting(Measure::id).contains("uflpa", "s122", "floor", "li-floor");
        assertThat(r.measure("li-floor").orElseThrow().products().includes()).containsExactly("2846902040");
        assertThat(r.measure("li-floor").orElseThrow().file()).isEqualTo(mine.resolve("measures/floor.yaml").toString());
    }

    /**
     * A product list named by several measures (an annex every economy's measure shares) is read once: each measure gets
     * its codes, and a bad row is one problem at the file's line, not one per measure naming it.
     */
    @Test
    void aListNamedByTwoMeasuresIsReadOnceAndItsProblemsSaidOnce() throws IOException {
        MiniRegime.copyTo(tmp.resolve("base"));
        Path mine = tmp.resolve("analyst");
        write(mine.resolve("regime.yaml"), """
                id: analyst-floor
                extends: ../base/regime.yaml
                files:
                  measures: [floor.yaml]
                """);
        String second = FLOOR.substring(FLOOR.indexOf("  - id:")).replace("li-floor", "li-floor-2")
                .replace("2026-01-01", "2027-01-01");
        write(mine.resolve("floor.yaml"), FLOOR.replace("valid: {from: 2026-01-01}", "valid: {from: 2026-01-01, to: 2026-12-31}")
                + second);
        write(mine.resolve("scope.csv"), "code\n2846.90.20.40\n2846.9\n2613\n");
        assertThat(problems(() -> Regime.load(mine))).containsExactly(
                mine.resolve("scope.csv") + ":3: code: '2846.9' is not a code; expected 2, 4, 6, 8 or 10 digits");
        write(mine.resolve("scope.csv"), "code\n2846.90.20.40\n2613\n");
        Regime r = Regime.load(mine);
        assertThat(r.measure("li-floor").orElseThrow().products().includes()).containsExactlyInAnyOrder("2846902040", "2613");
        assertThat(r.measure("li-floor-2").orElseThrow().products().includes()).containsExactlyInAnyOrder("2846902040", "2613");
    }

    /** A base named by its absolute path, which itself extends a manifest of its own folder: its files are read there. */
    @Test
    void anOverlayExtendsABaseByAnAbsolutePath() throws IOException {
        Path base = MiniRegime.copyTo(tmp.resolve("base")).dir();
        write(base.resolve("regime-club.yaml"), "id: mini-club\nextends: regime.yaml\nfiles: {measures: []}\n");
        Path mine = tmp.resolve("analyst");
        write(mine.resolve("regime.yaml"), "id: analyst\nextends: " + base.toAbsolutePath().resolve("regime-club.yaml")
                + "\nfiles: {measures: [floor.yaml]}\n");
        write(mine.resolve("floor.yaml"), FLOOR);
        write(mine.resolve("scope.csv"), "code\n2613\n");
        assertThat(Regime.load(mine).measures()).extracting(Measure::id).contains("floor", "li-floor");
    }

    /** {@code extends: bundled}: an overlay on the bundled regime from any folder, with the bundled regime's rules of origin. */
    @Test
    void anOverlayExtendsTheBundledRegime() throws IOException {
        Path mine = tmp.resolve("analyst");
        write(mine.resolve("regime.yaml"), """
                id: analyst-floor
                extends: bundled
                files:
                  groups: [groups.yaml]
                  measures: [floor.yaml]
                """);
        write(mine.resolve("groups.yaml"), """
                groups:
                  - id: CLUB
                    name: Analyst club
                    members:
                      - {country: JP, from: 2026-01-01}
                """);
        write(mine.resolve("floor.yaml"), FLOOR);
        write(mine.resolve("scope.csv"), "code\n2836.91\n");
        Regime r = Regime.load(mine);
        Regime bundled = Regime.bundled();
        assertThat(r.measures()).hasSize(bundled.measures().size() + 1);
        assertThat(r.horizon().checkedThrough()).isEqualTo(bundled.horizon().checkedThrough());
        assertThat(r.geography().inGroup("CLUB", "JP", LocalDate.of(2026, 5, 1))).isTrue();
        // the agreements' rules of origin are the bundled regime's files
        assertThat(r.source().read("generated/origin/cafta-dr.yaml")).isEqualTo(bundled.source().read("generated/origin/cafta-dr.yaml"));
        // a problem in the overlay is located in the overlay's file
        write(mine.resolve("floor.yaml"), FLOOR.replace("2026-01-01", "2026-02-30"));
        assertThat(problems(() -> Regime.load(mine))).containsExactly(
                mine.resolve("floor.yaml") + ":7: measures[0].valid.from: '2026-02-30' is not a date: 2026-02 has 28 days; expected yyyy-mm-dd");
    }

    /** A base that is not there is said once, at the manifest's extends, not as every file of a base "not found". */
    @Test
    void aMissingBaseIsSaidAtExtends() throws IOException {
        Path mine = tmp.resolve("analyst");
        write(mine.resolve("regime.yaml"), "id: x\nextends: ../nowhere/regime.yaml\nfiles: {measures: [m.yaml]}\n");
        assertThat(problems(() -> Regime.load(mine))).containsExactly(mine.resolve("regime.yaml")
                + ":2: extends: no manifest '../nowhere/regime.yaml' (looked for " + tmp.resolve("nowhere/regime.yaml")
                + "); expected bundled, bundled:plurilateral, or the path of a manifest relative to this one's folder");
        // a file the overlay names that is missing says which manifest named it
        write(mine.resolve("regime.yaml"), "id: x\nextends: bundled\nfiles: {measures: [m.yaml]}\n");
        assertThat(problems(() -> Regime.load(mine))).containsExactly(
                mine.resolve("regime.yaml") + ":3: files.measures: file not found: " + mine.resolve("m.yaml"));
    }

    /**
     * An overlay edited in Notepad on Windows: a manifest saved as 'ANSI' (Windows-1252) was said to be missing ('no regime
     * manifest here; expected a file regime.yaml'), a file it names saved as 'Unicode' was 'cannot read …: MalformedInputException';
     * each is now said as what it is (lodestone.regime.io.UserText), and one in UTF-8 with a byte-order mark and CRLF is read.
     */
    @Test
    void anOverlaySavedByNotepadIsReadOrRefusedSayingItsEncoding() throws IOException {
        Path mine = tmp.resolve("My overlay (1)");
        Files.createDirectories(mine);
        Files.write(mine.resolve("regime.yaml"), "id: analyst-floor\r\ntitle: Plancher décidé\r\nextends: bundled\r\nfiles:\r\n  groups: [groups.yaml]\r\n"
                .getBytes(java.nio.charset.Charset.forName("windows-1252")));
        assertThat(problems(() -> Regime.load(mine))).containsExactly(mine.resolve("regime.yaml") + ": cannot be read: not UTF-8 text (byte"
                + " 0xE9 at line 2, column 18); save it as UTF-8 (0xE9 is 'é' in Windows-1252, the code page Notepad's 'ANSI' and Excel's"
                + " plain 'CSV (Comma delimited)' save in: choose the encoding 'UTF-8' when saving)");

        Files.write(mine.resolve("regime.yaml"), "\uFEFFid: analyst-floor\r\ntitle: Plancher décidé\r\nextends: bundled\r\nfiles:\r\n  groups: [groups.yaml]\r\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.write(mine.resolve("groups.yaml"), "\uFEFFgroups: []\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        assertThat(problems(() -> Regime.load(mine))).containsExactly(mine.resolve("regime.yaml") + ":5: files.groups: cannot read "
                + mine.resolve("groups.yaml") + ": the file is UTF-16 (as Notepad's 'Unicode' or Excel's 'Unicode Text' saves it), not"
                + " UTF-8; save it as UTF-8 (Notepad: Save As, Encoding 'UTF-8')");

        Files.write(mine.resolve("groups.yaml"), ("\uFEFFgroups:\r\n  - id: CLUB\r\n    name: Club d’analyste\r\n    members:\r\n"
                + "      - {country: JP, from: 2026-01-01}\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Regime r = Regime.load(mine);
        assertThat(r.id()).isEqualTo("analyst-floor");
        assertThat(r.title()).isEqualTo("Plancher décidé");
    }

    private List<String> problemsOf(MiniRegime m) {
        return problems(m::load);
    }

    private String file(String name) {
        return tmp.resolve(name).toString();
    }

    /**
     * A country listed twice in a group with windows that overlap was accepted, and {@code regime diff} then said it
     * joined while it was a member and left while its open window kept it in. Overlapping windows are refused; windows
     * that touch are one period of membership, not a departure and a return.
     */
    @Test
    void aMembershipGivenTwiceWithOverlappingWindowsIsRefused() {
        MiniRegime m = MiniRegime.copyTo(tmp).replace("groups.yaml", "      - {country: JP}\n",
                "      - {country: JP}\n      - {country: JP, from: 2026-03-01, to: 2026-12-31}\n");
        assertThat(problemsOf(m)).containsExactly(file("groups.yaml") + ":26: groups[3].members[2]: JP is already a member of CLUB"
                + " 2026-01-01 → open (line 25); this window 2026-03-01 → 2026-12-31 overlaps it; expected one window per period of membership");
    }

    @Test
    void diffTreatsTouchingWindowsAsOnePeriodAndAGapAsLeavingAndRejoining() {
        MiniRegime m = MiniRegime.copyTo(tmp).replace("groups.yaml", "      - {country: JP}\n",
                "      - {country: JP, to: 2026-03-31}\n      - {country: JP, from: 2026-04-01}\n"
                        + "      - {country: AU, from: 2026-01-01, to: 2026-03-31}\n      - {country: AU, from: 2026-06-01}\n");
        List<String> club = m.load().diff(LocalDate.of(2025, 12, 31), LocalDate.of(2027, 1, 1)).stream()
                .filter(c -> c.id().equals("CLUB")).map(c -> c.date() + " " + c.kind() + " " + c.detail()).toList();
        assertThat(club).containsExactly(
                "2026-01-01 joined US joins Illustrative club",
                "2026-01-01 joined JP joins Illustrative club",
                "2026-01-01 joined AU joins Illustrative club",
                "2026-01-01 joined FR joins Illustrative club",
                "2026-04-01 left AU leaves Illustrative club",
                "2026-06-01 joined AU joins Illustrative club");
    }

    /**
     * An exclusion written in a measure that is not under any code the measure includes excludes nothing (a mistyped
     * code was accepted without a word); one at or above an included code excludes all of it.
     */
    @Test
    void anExclusionOutsideTheScopeIsRefused() {
        MiniRegime m = MiniRegime.copyTo(tmp).replace("measures.yaml", "products: {include: [\"2846.90.20.40\"]}",
                "products: {include: [\"2846.90.20\"], exclude: [\"2846.90.80.90\", \"2846.90.20.05\", \"2846.90\"]}");
        assertThat(problemsOf(m)).containsExactlyInAnyOrder(
                file("measures.yaml") + ":37: measures[3].products.exclude[0]: '2846.90.80.90' is not under any included code "
                        + "(2846.90.20), so it excludes nothing; expected an exclusion below an included code",
                file("measures.yaml") + ":37: measures[3].products.exclude[2]: '2846.90' excludes all of the included code "
                        + "2846.90.20; expected an exclusion below an included code");
    }

    /**
     * A floor per litre on goods declared in kilograms loaded, and every entry it covered was then refused ("unit kg
     * cannot be converted to l"); the format says a rate per a unit the goods cannot be declared in is a validation error,
     * and a price is such a rate.
     */
    @Test
    void aPricePerAUnitTheGoodsAreNotDeclaredInIsRefused() {
        MiniRegime m = MiniRegime.copyTo(tmp).replace("measures.yaml",
                "      - when: {unit-price-below: \"110 USD/kg of REO\"}\n        then: {charge-difference: \"110 USD/kg of REO\"}",
                "      - when: {unit-price-below: \"10 USD/l\"}\n        then: {charge-difference: \"10 USD/l\"}");
        assertThat(problemsOf(m)).containsExactlyInAnyOrder(
                file("measures.yaml") + ":44: charge-difference: unconvertible unit: measure floor prices per l (10 USD/l) but 1 line(s) "
                        + "are declared in other units, e.g. [2846.90.20.40 (kg)]; expected a price per a unit of the goods' dimension",
                file("measures.yaml") + ":44: unit-price-below: unconvertible unit: measure floor prices per l (10 USD/l) but 1 line(s) "
                        + "are declared in other units, e.g. [2846.90.20.40 (kg)]; expected a price per a unit of the goods' dimension");
        // a price per tonne converts from kilograms: loads
        MiniRegime t = MiniRegime.copyTo(tmp.resolve("t")).replace("measures.yaml", "\"110 USD/kg of REO\"", "\"110000 USD/t\"");
        assertThat(t.load().measure("floor")).isPresent();
    }

    /**
     * A measure's unknown agreement, displaced measure or entity list was reported at the line where the measure starts,
     * with a bare field name ("measures.yaml:34: agreement: unknown agreement"); each is now at its own line and path.
     */
    @Test
    void unknownReferencesAreLocatedAtTheirOwnLine() {
        MiniRegime m = MiniRegime.copyTo(tmp)
                .replace("measures.yaml", "    legal-base: {instrument: illustrative}",
                        "    legal-base: {instrument: illustrative}\n    agreement: no-such-agreement\n    displaces:\n      - s122\n      - s123")
                .replace("measures.yaml", "producer-on-list: uflpa", "producer-on-list: ufpla");
        assertThat(problemsOf(m)).containsExactly(
                file("measures.yaml") + ":9: measures[0].conditions[0].when.producer-on-list: unknown list 'ufpla'; expected one of [uflpa]",
                file("measures.yaml") + ":47: measures[3].agreement: unknown agreement 'no-such-agreement'; expected one of []",
                file("measures.yaml") + ":50: measures[3].displaces[1]: unknown measure 's123'; expected a measure id, a heading or a "
                        + "heading prefix ending in * of this regime");
    }

    /** {@code regime diff} said a floor started as "variable levy … free": the levy is in its conditions, now said too. */
    @Test
    void diffSaysWhatAFloorCharges() {
        Regime r = MiniRegime.copyTo(tmp).load();
        assertThat(r.diff(LocalDate.of(2025, 12, 31), LocalDate.of(2026, 1, 1))).filteredOn(c -> c.id().equals("floor"))
                .extracting(Regime.Change::detail).containsExactly("Illustrative floor — variable levy (border-adjusted price floor) free"
                        + " unless a condition decides; document assay-certificate is not presented → apply 25%; declared unit price"
                        + " < 110 USD/kg of REO → charge the difference up to 110 USD/kg of REO");
    }

    /**
     * A stepped entry price written from the lowest threshold up loaded, and every price at or above the lowest step got
     * that step's rate (conditions are tried in order, the first that holds decides): the later steps never decide.
     */
    @Test
    void aLadderWrittenFromTheBottomUpIsRefused() {
        MiniRegime m = MiniRegime.copyTo(tmp).replace("measures.yaml",
                "      - when: {unit-price-below: \"110 USD/kg of REO\"}\n        then: {charge-difference: \"110 USD/kg of REO\"}",
                "      - when: {unit-price-at-least: \"20 USD/kg of REO\"}\n        then: {apply: \"10%\"}\n"
                        + "      - when: {unit-price-at-least: \"30 USD/kg of REO\"}\n        then: {apply: \"5%\"}\n"
                        + "      - when: {no-document: assay-certificate}\n        then: {apply: \"30%\"}");
        assertThat(problemsOf(m)).containsExactly(
                file("measures.yaml") + ":46: when: this condition never decides: whenever it holds, the condition at line 44 "
                        + "(declared unit price ≥ 20 USD/kg of REO → apply 10%) holds too and is tried first; expected a stepped "
                        + "price ladder from the highest threshold down, or conditions that differ",
                file("measures.yaml") + ":48: when: this condition never decides: whenever it holds, the condition at line 42 "
                        + "(document assay-certificate is not presented → apply 25%) holds too and is tried first; expected a "
                        + "stepped price ladder from the highest threshold down, or conditions that differ");
        // from the highest threshold down it loads
        MiniRegime ok = MiniRegime.copyTo(tmp.resolve("ok")).replace("measures.yaml",
                "      - when: {unit-price-below: \"110 USD/kg of REO\"}\n        then: {charge-difference: \"110 USD/kg of REO\"}",
                "      - when: {unit-price-at-least: \"30 USD/kg of REO\"}\n        then: {apply: \"5%\"}\n"
                        + "      - when: {unit-price-at-least: \"20 USD/kg of REO\"}\n        then: {apply: \"10%\"}");
        assertThat(ok.load().measure("floor").orElseThrow().conditions()).hasSize(3);
    }

    /** An overlay's measure with the id of one of its base's said "also at line 34" — a line of another file, unnamed. */
    @Test
    void aDuplicateIdInAnOverlayNamesTheBaseFile() throws IOException {
        MiniRegime.copyTo(tmp.resolve("base"));
        Path mine = tmp.resolve("analyst");
        write(mine.resolve("regime.yaml"), "id: analyst\nextends: ../base/regime.yaml\nfiles: {measures: [floor.yaml]}\n");
        write(mine.resolve("floor.yaml"), FLOOR.replace("li-floor", "floor").replace("include-file: scope.csv", "include: [\"2613\"]"));
        assertThat(problems(() -> Regime.load(mine))).containsExactly(mine.resolve("floor.yaml")
                + ":2: id: duplicate measure id 'floor' (also at " + tmp.resolve("base/measures.yaml") + ":34)");
    }

    /**
     * A scope code of no level loaded: "2" (meant as chapters 20-29?) matched no line, since scopes match codes at their
     * levels, so the measure silently covered nothing; "2846.9" covered a 5-digit prefix.
     */
    @Test
    void aScopeCodeOfNoLevelIsRefused() {
        MiniRegime m = MiniRegime.copyTo(tmp).replace("measures.yaml", "products: {include: [\"2846.90.20.40\"]}",
                "products: {include: [\"2\", \"2846.9\", \"2846.90.20.40.1\"]}");
        String expected = "; expected a chapter, heading, subheading or line: 2, 4, 6, 8 or 10 digits with optional dots such as "
                + "28, 2846, 2846.90, 2846.90.20 or 2846.90.20.40";
        assertThat(problemsOf(m)).containsExactly(
                file("measures.yaml") + ":37: measures[3].products.include[0]: '2' is not a code" + expected,
                file("measures.yaml") + ":37: measures[3].products.include[1]: '2846.9' is not a code" + expected,
                file("measures.yaml") + ":37: measures[3].products.include[2]: '2846.90.20.40.1' is not a code" + expected);
    }

    /**
     * A group-members row with its own dates for a country the groups file lists was dropped without a word (the groups
     * file's dated membership wins): an analyst's "GB rejoins from 2027" row changed nothing.
     */
    @Test
    void aDatedMemberRowForACountryTheGroupsFileListsIsRefused() throws IOException {
        MiniRegime m = MiniRegime.copyTo(tmp).replace("regime.yaml", "  groups: [groups.yaml]",
                "  groups: [groups.yaml]\n  group-members: [members.csv]");
        write(tmp.resolve("members.csv"), "group,country,from,to,source\nEU,FR,,,undated rows are fine\nEU,GB,2027-01-01,,analyst\n");
        assertThat(problemsOf(m)).containsExactly(file("members.csv") + ":3: from: GB is listed as a member of EU in the groups file, "
                + "whose dates are used, so this row's dates would be ignored; expected the window in the groups file (a country may "
                + "be listed there more than once)");
    }

    /** A number written with a thousands separator ("12,000 USD/t") is said to be that, with the number to write. */
    @Test
    void aThousandsSeparatorIsNamed() {
        MiniRegime m = MiniRegime.copyTo(tmp).replace("measures.yaml", "then: {charge-difference: \"110 USD/kg of REO\"}",
                "then: {charge-difference: \"110,000 USD/t of REO\"}");
        assertThat(problemsOf(m)).containsExactly(file("measures.yaml") + ":45: measures[3].conditions[1].then.charge-difference: "
                + "'110,000' has a thousands separator; write the number without it (110000) at column 1 of '110,000 USD/t of REO'");
    }

    /** Two versions of a regime compared: a measure's changed fields and a group's changed membership periods, by id. */
    @Test
    void compareWithNamesWhatChanged() {
        Regime before = MiniRegime.copyTo(tmp.resolve("a")).load();
        Regime after = MiniRegime.copyTo(tmp.resolve("b"))
                .replace("measures.yaml", "    duty: free\n    conditions:\n      - when: {no-document: assay-certificate}",
                        "    duty: \"5%\"\n    conditions:\n      - when: {no-document: assay-certificate}")
                .replace("groups.yaml", "      - {country: JP}\n", "      - {country: JP, to: 2026-06-30}\n").load();
        assertThat(after.compareWith(before)).extracting(c -> c.kind() + " " + c.what() + " " + c.id() + ": " + c.detail()).containsExactly(
                "changed measure floor: Illustrative floor: duty free → 5%",
                "changed group CLUB: Illustrative club: +JP 2026-01-01 → 2026-06-30; −JP 2026-01-01 → open");
        assertThat(before.compareWith(before)).isEmpty();
    }

    /**
     * Two regimes that differ only in their horizon — how far the facts were checked, a source, a known gap, Section 321
     * de minimis — were "no measure, group or agreement differs": a regime without the de-minimis block warns of nothing.
     */
    @Test
    void compareWithNamesTheHorizonsDifferences() {
        String horizon = """
                horizon:
                  covers-from: 2025-01-01
                  checked-through: 2026-10-07
                  sources:
                    - {id: hts, title: "HTS 2026", date: 2026-01-01}
                  de-minimis:
                    at-most-usd: 800.00
                    legal-base: "19 U.S.C. 1321(a)(2)(C)"
                    ended:
                      - origins: [CN, HK]
                        from: 2025-05-02
                        source: "EO 14256"
                      - from: 2025-08-29
                        source: "EO 14324"
                  known-gaps:
                    - id: annex
                      what: "An annex in no source."
                      codes: ["84"]
                      from: 2026-06-08
                """;
        Regime none = MiniRegime.copyTo(tmp.resolve("a")).load();
        Regime with = MiniRegime.copyTo(tmp.resolve("b")).append("regime.yaml", horizon).load();
        Regime later = MiniRegime.copyTo(tmp.resolve("c")).append("regime.yaml", horizon
                .replace("checked-through: 2026-10-07", "checked-through: 2026-12-01")
                .replace("at-most-usd: 800.00", "at-most-usd: 200.00")
                .replace("      - from: 2025-08-29\n        source: \"EO 14324\"\n", "")
                .replace("    - {id: hts, title: \"HTS 2026\", date: 2026-01-01}", "    - {id: hts, title: \"HTS 2026\", date: 2026-07-01}")).load();
        String dm = "Section 321 de minimis (19 U.S.C. 1321(a)(2)(C)): a shipment not over $800.00 entered free, not modelled (warned of);"
                + " ended for CN and HK from 2025-05-02 (EO 14256); for every origin from 2025-08-29 (EO 14324)";
        assertThat(with.compareWith(none)).extracting(c -> c.kind() + " " + c.what() + " " + c.id() + ": " + c.detail()).containsExactly(
                "changed horizon horizon: facts cover from none → 2025-01-01; checked through none → 2026-10-07",
                "added source hts: HTS 2026 — to 2026-01-01",
                "added known-gap annex: An annex in no source. · codes [84] · 2026-06-08 → open",
                "added de-minimis section-321: " + dm);
        assertThat(none.compareWith(with)).extracting(c -> c.kind() + " " + c.what() + " " + c.id()).containsExactly(
                "changed horizon horizon", "removed source hts", "removed known-gap annex", "removed de-minimis section-321");
        assertThat(later.compareWith(with)).extracting(c -> c.kind() + " " + c.what() + " " + c.id() + ": " + c.detail()).containsExactly(
                "changed horizon horizon: checked through 2026-10-07 → 2026-12-01",
                "changed source hts: HTS 2026: to 2026-01-01 → 2026-07-01",
                "changed de-minimis section-321: not over $800.00 → $200.00; −ended for every origin from 2025-08-29 (EO 14324)");
        assertThat(with.compareWith(with)).isEmpty();
    }

    /** An origin exclusion that none of the included origins ever covers (CN from the club's levy) excludes nothing. */
    @Test
    void anOriginExclusionOutsideTheIncludedOriginsIsRefused() {
        MiniRegime m = MiniRegime.copyTo(tmp).replace("measures.yaml", "origins: {include: [ALL], exclude: [CLUB]}",
                "origins: {include: [CLUB, GB], exclude: [CN, JP]}");
        assertThat(problemsOf(m)).containsExactly(file("measures.yaml") + ":38: measures[3].origins.exclude: 'CN' excludes nothing: "
                + "no country it names is ever covered by [CLUB, GB]; expected an exclusion from the included origins");
    }

    /**
     * An edited overlay keeps its id and version, so nothing that keyed on them could tell it changed (the server's bulk jobs
     * answered a re-upload under the edited regime with the job computed before the edit); its fingerprint changes.
     */
    @Test
    void anEditedRegimeHasAnotherFingerprint() {
        Regime a = MiniRegime.copyTo(tmp.resolve("a")).load();
        Regime same = MiniRegime.copyTo(tmp.resolve("b")).load();
        Regime edited = MiniRegime.copyTo(tmp.resolve("c")).replace("measures.yaml", "\"110 USD/kg of REO\"}\n",
                "\"120 USD/kg of REO\"}\n").load();
        assertThat(a.fingerprint()).hasSize(64).isEqualTo(same.fingerprint());
        assertThat(edited.version()).isEqualTo(a.version());
        assertThat(edited.fingerprint()).isNotEqualTo(a.fingerprint());
    }

    private static String agreement(String id, String buildsOn) {
        return "  - id: " + id + "\n    name: Agreement " + id + "\n    kind: framework\n    status: signed\n    parties: [US, JP]\n"
                + (buildsOn == null ? "" : "    builds-on: [" + buildsOn + "]\n");
    }

    /**
     * An overlay that adds an agreements file: each file's builds-on was checked against the ids of that file alone, but
     * for every agreement read so far — the base's agreements were refused as building on "unknown" agreements of the
     * base (a valid regime refused, every problem at the overlay's file with no line), an agreement building on one of an
     * earlier file was refused, and an id given in two files was taken twice.
     */
    @Test
    void anOverlaysAgreementsBuildOnTheBasesAndAreCheckedAtTheirLines() throws IOException {
        Path base = MiniRegime.copyTo(tmp.resolve("base")).dir();
        write(base.resolve("agreements.yaml"), "agreements:\n" + agreement("framework-a", null) + agreement("plan-b", "framework-a"));
        Files.writeString(base.resolve("regime.yaml"), Files.readString(base.resolve("regime.yaml"))
                .replace("  measures: [measures.yaml]", "  agreements: [agreements.yaml]\n  measures: [measures.yaml]"));
        Path mine = tmp.resolve("analyst");
        write(mine.resolve("regime.yaml"), "id: analyst\nextends: ../base/regime.yaml\nfiles: {agreements: [agreements.yaml]}\n");
        write(mine.resolve("agreements.yaml"), "agreements:\n" + agreement("annex-c", "plan-b"));
        Regime r = Regime.load(mine);
        assertThat(r.agreements()).extracting(a -> a.id() + " " + a.buildsOn())
                .containsExactly("framework-a []", "plan-b [framework-a]", "annex-c [plan-b]");
        // an unknown agreement is said at its own file and line; an id of the base given again is refused
        write(mine.resolve("agreements.yaml"), "agreements:\n" + agreement("annex-c", "plan-c") + agreement("plan-b", null));
        assertThat(problems(() -> Regime.load(mine))).containsExactlyInAnyOrder(
                mine.resolve("agreements.yaml") + ":7: agreements[0].builds-on: agreement annex-c builds on unknown agreement 'plan-c'; "
                        + "expected an agreement of the regime (framework-a, plan-b, annex-c)",
                mine.resolve("agreements.yaml") + ":8: agreements[1].id: duplicate agreement plan-b (also at "
                        + base.resolve("agreements.yaml") + ":7)");
    }

    /**
     * Supersession written both ways: two measures in force together that displace each other were both left uncharged
     * (each on the value the other is charged on) — the line owed neither, without a word; a measure naming itself loaded.
     */
    @Test
    void measuresDisplacingEachOtherAndAMeasureDisplacingItselfAreRefused() {
        MiniRegime cycle = MiniRegime.copyTo(tmp.resolve("cycle")).replace("measures.yaml",
                "    legal-base: {heading: \"9903.03.01\"", "    displaces: [\"9903.78.01\"]\n    legal-base: {heading: \"9903.03.01\"");
        assertThat(problems(cycle::load)).containsExactly(cycle.dir().resolve("measures.yaml") + ":23: measures[1].displaces[0]: "
                + "measures s122 → copper-232 → s122 displace each other in a cycle on dates they share: each leaves the next "
                + "uncharged on the same value, so none of them is charged; expected displacement one way (the measure charged "
                + "in place of the others names them)");
        MiniRegime self = MiniRegime.copyTo(tmp.resolve("self")).replace("measures.yaml", "    displaces: [s122]",
                "    displaces: [s122, copper-232]");
        assertThat(problems(self::load)).containsExactly(self.dir().resolve("measures.yaml") + ":32: measures[2].displaces[1]: "
                + "measure copper-232 names itself; expected the measures this one is charged in place of");
        // displacing each other on dates they do not share is no cycle: one is in force at a time
        MiniRegime apart = MiniRegime.copyTo(tmp.resolve("apart")).replace("measures.yaml",
                "    legal-base: {heading: \"9903.03.01\"", "    displaces: [copper-232]\n    legal-base: {heading: \"9903.03.01\"")
                .replace("measures.yaml", "valid: {from: 2025-08-01}", "valid: {from: 2026-07-24}");
        assertThat(apart.load().measure("s122").orElseThrow().displaces()).containsExactly("copper-232");
    }

    /**
     * A measure an overlay adds, seen in {@code regime diff}: the added measure said its charge, window and file but not
     * the goods and origins it covers nor the measure it supersedes (its {@code displaces}) — a floor that replaces
     * another from a date read in the diff as a second levy beside it.
     */
    @Test
    void diffSaysWhatAnAddedMeasureCoversAndWhatItDisplaces() throws IOException {
        MiniRegime.copyTo(tmp.resolve("base"));
        Path mine = tmp.resolve("analyst");
        write(mine.resolve("regime.yaml"), "id: analyst\nextends: ../base/regime.yaml\nfiles: {measures: [raised.yaml]}\n");
        write(mine.resolve("raised.yaml"), """
                measures:
                  - id: raised-floor
                    type: variable-levy
                    title: Raised floor
                    products: {include: ["2846"], exclude: ["2846.10"]}
                    origins: {include: [ALL], exclude: [CLUB]}
                    valid: {from: 2027-07-01}
                    duty: free
                    conditions:
                      - when: {unit-price-below: "130 USD/kg of REO"}
                        then: {charge-difference: "130 USD/kg of REO"}
                    displaces: [floor]
                    legal-base: {instrument: revised floor}
                """);
        Regime r = Regime.load(mine);
        Regime base = Regime.load(tmp.resolve("base"));
        String charge = "Raised floor — variable levy (border-adjusted price floor) free unless a condition decides; declared unit"
                + " price < 130 USD/kg of REO → charge the difference up to 130 USD/kg of REO";
        assertThat(r.compareWith(base)).extracting(c -> c.kind() + " " + c.what() + " " + c.id() + ": " + c.detail()).containsExactly(
                "added measure raised-floor: " + charge + " · products [2846] except [2846.10] · origins [ALL] except [CLUB]"
                        + " · displaces [floor] · 2027-07-01 → open · " + mine.resolve("raised.yaml") + ":2");
        assertThat(r.diff(LocalDate.of(2027, 6, 30), LocalDate.of(2027, 7, 1))).extracting(Regime.Change::detail)
                .containsExactly(charge + "; displaces floor (not charged on the value this measure is charged on)");
    }

    /**
     * A misspelt content basis or currency in a condition was said at the condition's first line as "price: measure floor:
     * …" — the field not named, the same problem of its when and its then said once — and in an apply or a duty at the
     * measure's first line; each is now said at its own line and field.
     */
    @Test
    void aContentBasisOrCurrencyOfAConditionIsSaidAtItsField() {
        MiniRegime m = MiniRegime.copyTo(tmp).replace("measures.yaml", "then: {apply: \"25%\"}", "then: {apply: \"1 USD/kg of RE0 + 25%\"}")
                .replace("measures.yaml", "{unit-price-below: \"110 USD/kg of REO\"}", "{unit-price-below: \"110 USD/kg of Reo\"}")
                .replace("measures.yaml", "{charge-difference: \"110 USD/kg of REO\"}", "{charge-difference: \"110 XUS/kg of REO\"}")
                .replace("measures.yaml", "    duty: free\n    conditions:", "    duty: \"1 USD/kg of Reo\"\n    conditions:");
        String bases = "; expected one of [Mo, REO, WO3]";
        assertThat(problemsOf(m)).containsExactly(
                file("measures.yaml") + ":40: measures[3].duty: unknown content basis 'Reo'" + bases,
                file("measures.yaml") + ":43: measures[3].conditions[0].then.apply: unknown content basis 'RE0'" + bases,
                file("measures.yaml") + ":44: measures[3].conditions[1].when.unit-price-below: unknown content basis 'Reo'" + bases,
                file("measures.yaml") + ":45: measures[3].conditions[1].then.charge-difference: unknown currency 'XUS'; expected an"
                        + " ISO 4217 code such as USD");
    }

    /**
     * An overlay that defines its base's group again to add a member was refused as "duplicate group CLUB": not where the
     * group is, nor how a member joins a group of the regime one extends (a row of a group-members file), which loads.
     */
    @Test
    void aGroupOfTheBaseDefinedAgainSaysWhereAndHowToAddAMember() throws IOException {
        Path base = MiniRegime.copyTo(tmp.resolve("base")).dir();
        Path mine = tmp.resolve("analyst");
        write(mine.resolve("regime.yaml"), "id: analyst\nextends: ../base/regime.yaml\nfiles: {groups: [groups.yaml]}\n");
        write(mine.resolve("groups.yaml"), "groups:\n  - id: CLUB\n    name: Club with Chile\n    members:\n      - {country: CL, from: 2027-03-01}\n");
        int line = java.util.List.of(Files.readString(base.resolve("groups.yaml")).split("\n")).indexOf("  - id: CLUB") + 1;
        assertThat(problems(() -> Regime.load(mine))).containsExactly(mine.resolve("groups.yaml") + ":2: groups[0].id: duplicate group "
                + "CLUB (defined at " + base.resolve("groups.yaml") + ":" + line + "); expected a new group id — a country joins a "
                + "group of the regime this one extends by a row of a group-members file (group,country,from,to,source: "
                + "CLUB,CL,2027-03-01,,…)");
        write(mine.resolve("regime.yaml"), "id: analyst\nextends: ../base/regime.yaml\nfiles: {group-members: [members.csv]}\n");
        write(mine.resolve("members.csv"), "group,country,from,to,source\nCLUB,CL,2027-03-01,,accession\n");
        Regime r = Regime.load(mine);
        assertThat(r.geography().inGroup("CLUB", "CL", LocalDate.of(2027, 2, 28))).isFalse();
        assertThat(r.geography().inGroup("CLUB", "CL", LocalDate.of(2027, 3, 1))).isTrue();
    }

    /**
     * A date written in the right form that names no day ("2027-02-30", "2027-13-01") was said "is not a date; expected
     * yyyy-mm-dd" — the form the author had written; it now says what is wrong with it, in YAML and in CSV.
     */
    @Test
    void aWellFormedDateThatNamesNoDaySaysWhy() throws IOException {
        MiniRegime.copyTo(tmp.resolve("base"));
        Path mine = tmp.resolve("analyst");
        write(mine.resolve("regime.yaml"), "id: analyst\nextends: ../base/regime.yaml\nfiles: {group-members: [members.csv], measures: [floor.yaml]}\n");
        write(mine.resolve("members.csv"), "group,country,from,to,source\nCLUB,CL,2027-13-01,,accession\nCLUB,AU,2028-02-30,,accession\n");
        write(mine.resolve("floor.yaml"), FLOOR.replace("valid: {from: 2026-01-01}", "valid: {from: 2026-01-01, to: 2026-04-31}"));
        write(mine.resolve("scope.csv"), "code\n2613\n");
        assertThat(problems(() -> Regime.load(mine))).containsExactlyInAnyOrder(
                mine.resolve("members.csv") + ":2: from: '2027-13-01' is not a date: there is no month 13; expected yyyy-mm-dd",
                mine.resolve("members.csv") + ":3: from: '2028-02-30' is not a date: 2028-02 has 29 days; expected yyyy-mm-dd",
                mine.resolve("floor.yaml") + ":7: measures[0].valid.to: '2026-04-31' is not a date: 2026-04 has 30 days; expected yyyy-mm-dd");
    }

    /**
     * A tab in a measures file was "found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for
     * indentation)" — said also of a tab after a colon, which indents nothing — and no column: it now says where the tab is
     * and what to write instead; another syntax error says its column.
     */
    @Test
    void aTabOrABrokenBracketInAMeasuresFileSaysItsColumn() throws IOException {
        MiniRegime.copyTo(tmp.resolve("base"));
        Path mine = tmp.resolve("analyst");
        write(mine.resolve("regime.yaml"), "id: analyst\nextends: ../base/regime.yaml\nfiles: {measures: [floor.yaml]}\n");
        write(mine.resolve("scope.csv"), "code\n2613\n");
        write(mine.resolve("floor.yaml"), FLOOR.replace("    duty: free", "\tduty: free"));
        assertThat(problems(() -> Regime.load(mine))).containsExactly(mine.resolve("floor.yaml") + ":8: not valid YAML: a tab "
                + "character (column 1); indent and separate with spaces, not tabs — replace the tab by spaces");
        write(mine.resolve("floor.yaml"), FLOOR.replace("    duty: free", "    duty:\tfree"));
        assertThat(problems(() -> Regime.load(mine))).containsExactly(mine.resolve("floor.yaml") + ":8: not valid YAML: a tab "
                + "character (column 10); indent and separate with spaces, not tabs — replace the tab by spaces");
        write(mine.resolve("floor.yaml"), FLOOR.replace("exclude: [CLUB]}", "exclude: [CLUB}"));
        assertThat(problems(() -> Regime.load(mine))).containsExactly(mine.resolve("floor.yaml") + ":6: not valid YAML: expected ',' "
                + "or ']', but got } (column 45)");
    }
}
