package lodestone.regime.importer;

import lodestone.regime.MiniRegime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the importer on the real source tables (../shared/data) and checks that the generated files
 * committed in data/regime are exactly what it produces, byte for byte (the files carry no date of
 * import, so the regime's fingerprint is the same whoever imports them and when): the bundled regime
 * is reproducible from its sources, and the rate parser is exercised on every text of the HTS.
 */
class ImporterRegressionTest {
    @TempDir
    static Path out;
    static RegimeImporter.Summary summary;
    static Path shared;

    @BeforeAll
    static void runImporter() {
        shared = MiniRegime.sharedData();
        assertThat(shared.resolve("hts/hts_2026_basic_edition.csv")).as("the shared source tables").exists();
        RegimeImporter imp = new RegimeImporter(out, s -> { });
        imp.importAll(shared);
        summary = imp.commit();
    }

    @Test
    void theHtsIsImportedWholeWithEveryRateAccountedFor() {
        assertThat(summary.lines()).anySatisfy(l -> assertThat(l)
                .startsWith("HTS: 35,571 lines (29,675 coded); 37,953 rate texts, "));
        String hts = summary.lines().stream().filter(l -> l.startsWith("HTS:")).findFirst().orElseThrow();
        // modelled + not modelled + attached to no program = all: nothing dropped silently, and at least 95 % modelled
        var m = java.util.regex.Pattern.compile("([\\d,]+) rate texts, ([\\d,]+) modelled, ([\\d,]+) not modelled .*, ([\\d,]+) special")
                .matcher(hts);
        assertThat(m.find()).isTrue();
        long total = Long.parseLong(m.group(1).replace(",", ""));
        long ok = Long.parseLong(m.group(2).replace(",", ""));
        long not = Long.parseLong(m.group(3).replace(",", ""));
        assertThat(ok + not + Long.parseLong(m.group(4).replace(",", ""))).isEqualTo(total);
        assertThat((double) ok / total).isGreaterThan(0.95);
    }

    @Test
    void theReportListsEveryUnmodelledText() throws IOException {
        String report = Files.readString(out.resolve("generated/import-report.md"));
        assertThat(report).contains("## HTS rate texts not modelled").contains("pf. liter").contains("33 1/3%");
        String main = report.substring(report.indexOf("## HTS rate texts not modelled"), report.indexOf("### Special-column texts"));
        long listed = main.lines().filter(l -> l.matches("\\| \\d+ \\| .*")).mapToLong(l -> Long.parseLong(l.split("\\|")[1].trim())).sum();
        String hts = summary.lines().stream().filter(l -> l.startsWith("HTS:")).findFirst().orElseThrow();
        assertThat(hts).contains(String.format(java.util.Locale.ROOT, "%,d not modelled", listed));
    }

    /**
     * The import and {@code regime validate} count the same untranslated texts: the rows kept as
     * 'unmodelled' in base-rates.csv. The special-column texts with no program list (12 in HTS 2026:
     * cross-references such as "See U.S. note 3 (e)") have no rate row and are counted apart, and the
     * three add up to every rate text.
     */
    @Test
    void theImportAndValidateCountTheSameUntranslatedTexts() throws IOException {
        String hts = summary.lines().stream().filter(l -> l.startsWith("HTS:")).findFirst().orElseThrow();
        var m = java.util.regex.Pattern.compile("([\\d,]+) rate texts, ([\\d,]+) modelled, ([\\d,]+) not modelled .*, ([\\d,]+) "
                + "special-column texts without a program list").matcher(hts);
        assertThat(m.find()).as(hts).isTrue();
        long total = Long.parseLong(m.group(1).replace(",", ""));
        long ok = Long.parseLong(m.group(2).replace(",", ""));
        long not = Long.parseLong(m.group(3).replace(",", ""));
        long unattached = Long.parseLong(m.group(4).replace(",", ""));
        assertThat(unattached).isEqualTo(12);
        assertThat(ok + not + unattached).isEqualTo(total);
        long rows = Files.readAllLines(out.resolve("generated/base-rates.csv")).stream()
                .filter(l -> !l.startsWith("#") && l.contains(",unmodelled,")).count();
        assertThat(rows).isEqualTo(not);
        var regime = lodestone.regime.Regime.load(MiniRegime.repoRoot().resolve("data/regime"));
        int counted = 0;
        for (var l : regime.hts().lines()) for (var br : regime.hts().ratesOn(l)) if (!br.modelled()) counted++;
        assertThat(counted).isEqualTo(not);
    }

    /** The mineral chapters' untranslated texts are listed line by line, each with its reason. */
    @Test
    void theMineralChaptersUntranslatedTextsAreListedLineByLine() throws IOException {
        String report = Files.readString(out.resolve("generated/import-report.md"));
        String section = report.substring(report.indexOf("### Mineral chapters, line by line"));
        assertThat(section).contains("| 2523.10.00.00 | column2 | $1.32/t, including weight of container | ")
                .doesNotContain("8104.90.00.00").doesNotContain("7202.29.00").doesNotContain("7801.");
        long rows = section.lines().filter(l -> l.matches("\\| \\d{4}\\.\\d{2}.*")).count();
        assertThat(section).contains("that is not translated, with its line: " + rows + ".");
        assertThat(rows).isEqualTo(8); // the container-weight texts of column 2 (2522, 2523)
    }

    /**
     * Every table of exchange rates is read, the one for rates after 2026-09-29 included (it holds none yet: the
     * newest rate of the sources is that of 2026-09-29, for all 17 currencies).
     */
    @Test
    void theExchangeRatesComeFromBothTables() {
        assertThat(summary.lines()).contains("exchange rates: 572 (fx_rates_2025_2026.csv 572 through 2026-09-29; "
                + "fx_rates_2026q4.csv 0)");
    }

    @Test
    void everyGeneratedFileHasItsProvenance() throws IOException {
        for (Path p : files(out.resolve("generated"))) {
            if (p.toString().endsWith(".md")) continue;
            String first = Files.readAllLines(p).get(0);
            assertThat(first).as(p.toString()).startsWith("# ");
            assertThat(Files.readString(p)).as(p.toString()).contains("Source: ").contains("Generated by the Lodestone importer");
        }
    }

    @Test
    void theCommittedGeneratedFilesAreWhatTheImporterProduces() throws IOException {
        Path committed = MiniRegime.repoRoot().resolve("data/regime/generated");
        List<Path> produced = files(out.resolve("generated"));
        assertThat(produced).isNotEmpty();
        for (Path p : produced) {
            Path rel = out.resolve("generated").relativize(p);
            Path c = committed.resolve(rel.toString());
            assertThat(c).as("committed " + rel + " (run: lodestone regime import)").exists();
            assertThat(Files.readString(c)).as(rel + " differs from the importer's output; re-run "
                    + "'./lodestone regime import' and commit").isEqualTo(Files.readString(p));
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /**
     * The stacking rules the source tables state: one rule per Section 232 carve-out heading the IEEPA headings' HTS text
     * names, the Section 122 clause, U.S. Notes 52(f) and 50, the Section 338 carve-out — each with its citation and source.
     */
    @Test
    void theStackingRulesAreWrittenWithTheirCitations() throws IOException {
        String y = Files.readString(out.resolve("generated/stacking.yaml"));
        assertThat(y.lines().filter(l -> l.startsWith("  - id: "))).containsExactly("  - id: s232-ieepa-reciprocal-hts",
                "  - id: s232-ieepa-brazil-hts", "  - id: s232-ieepa-india-hts", "  - id: s232-s122-surcharge",
                "  - id: s232-s301-forced-labor-52f", "  - id: s232-s301-brazil", "  - id: s232-s338-canada");
        assertThat(y).contains("    citation: \"HTS 2026 Basic Edition, Chapter 99: heading 9903.01.77 excepts the products described in a "
                + "list of headings that names 9903.01.83; heading 9903.01.83: the Section 232 articles (articles and derivatives of iron "
                + "or steel and of aluminum, semi-finished copper and intensive copper derivative products, among others) (subdivisions "
                + "(x)(v) through (x)(xiv) of U.S. note 2)\"\n    source: \"hts_2026_basic_edition.csv, headings 9903.01.77 and 9903.01.83\"");
        assertThat(y).contains("    displaces: [\"9903.03.12\", \"9903.03.13\", \"9903.03.14\"]");
    }
}
