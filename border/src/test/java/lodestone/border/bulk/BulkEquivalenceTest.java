package lodestone.border.bulk;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import lodestone.border.Assessment;
import lodestone.border.Assessor;
import lodestone.border.Entry;
import lodestone.border.EntryRejected;
import lodestone.regime.Regime;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bulk path (no trail, cached plans, fixed-point money, its own CSV handling) gives the same
 * results as the explaining {@link Assessor#assess} — line for line, on seeded generated files that
 * exercise every measure of the bundled regimes, the preference claims and the malformed lines.
 * The reference here is deliberately the slow, obvious pipeline: FastCSV, {@link EntryFields},
 * {@code assess()}, and the output row spelled from the {@link Assessment} as docs/bulk-format.md
 * describes it.
 */
class BulkEquivalenceTest {
    @TempDir
    Path dir;

    static Path regimeDir() {
        String root = System.getProperty("lodestone.root");
        return (root != null ? Path.of(root) : Path.of("..")).resolve("data/regime");
    }

    @ParameterizedTest
    @ValueSource(strings = {"regime.yaml", "regime-plurilateral.yaml"})
    void bulkOutputEqualsTheExplainingAssessmentLineForLine(String manifest) throws IOException {
        Regime regime = Regime.open(regimeDir().resolve(manifest).toString());
        Assessor assessor = Assessor.compile(regime);
        Path in = dir.resolve("entries.csv");
        try (Writer w = Files.newBufferedWriter(in)) {
            new EntryGenerator(regime, 20261123L).write(w, 20_000);
        }
        Path out = dir.resolve("results.csv");
        Path rej = dir.resolve("rejects.csv");
        BulkAssessment.Summary s = BulkAssessment.run(assessor, in, out, rej, BulkAssessment.Options.defaults());

        List<List<String>> expectedOut = new ArrayList<>();
        List<List<String>> expectedRej = new ArrayList<>();
        reference(assessor, in, expectedOut, expectedRej);
        List<List<String>> actualOut = read(out);
        List<List<String>> actualRej = read(rej);

        assertThat(s.read()).isEqualTo(20_000);
        assertThat(s.reconciles()).isTrue();
        assertThat(actualOut).hasSize(expectedOut.size());
        for (int i = 0; i < expectedOut.size(); i++) {
            assertThat(actualOut.get(i)).as("output line %d", i + 1).isEqualTo(expectedOut.get(i));
        }
        assertThat(actualRej).isEqualTo(expectedRej);
        // and byte for byte as FastCSV spells the same rows (quoting, CRLF)
        Path expectedFile = dir.resolve("expected.csv");
        try (CsvWriter w = CsvWriter.builder().build(expectedFile, StandardCharsets.UTF_8)) {
            for (List<String> row : expectedOut) w.writeRecord(row);
        }
        assertThat(Files.readString(out)).isEqualTo(Files.readString(expectedFile));
        // the file must exercise the paths that matter, else equality proves little
        assertThat(expectedRej).hasSizeGreaterThan(50);
        assertThat(expectedOut).anySatisfy(r -> assertThat(r.get(6)).contains(";"));
        assertThat(expectedOut).anySatisfy(r -> assertThat(r.get(8)).contains("preference"));
    }

    /** The slow pipeline: every line assessed with its full explanation, then spelled as a CSV row. */
    private static void reference(Assessor assessor, Path in, List<List<String>> out, List<List<String>> rej) throws IOException {
        EntryFields parser = new EntryFields();
        out.add(BulkAssessment.OUTPUT_COLUMNS);
        rej.add(BulkAssessment.REJECT_COLUMNS);
        try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
            Map<String, Integer> cols = null;
            for (CsvRecord rec : CsvReader.builder().allowMissingFields(true).ofCsvRecord(r)) {
                if (cols == null) {
                    cols = new HashMap<>();
                    for (int i = 0; i < rec.getFieldCount(); i++) cols.put(rec.getField(i), i);
                    continue;
                }
                Map<String, Integer> c = cols;
                long line = rec.getStartingLineNumber();
                String lineId = rec.getField(c.get("line_id"));
                try {
                    Entry e = parser.parse(n -> c.containsKey(n) ? rec.getField(c.get(n)) : null, line);
                    Assessment a = assessor.assess(e);
                    boolean p = a.status() == Assessment.Status.PROHIBITED;
                    List<String> measures = new ArrayList<>();
                    for (Assessment.Charge ch : a.charges()) measures.add(ch.id() + "=" + ch.amount().toPlainString());
                    List<String> warnings = new ArrayList<>(a.prohibitions());
                    warnings.addAll(a.warnings());
                    out.add(List.of(BulkAssessment.safe(a.lineId()), p ? "prohibited" : "assessed",
                            p ? "" : a.totalDuty().toPlainString(), "USD", p ? "" : a.effectiveRatePercent().toPlainString(),
                            p ? "" : a.landedCost().toPlainString(), String.join(";", measures),
                            String.join(";", a.documentsRequired()), BulkAssessment.safe(String.join(" | ", warnings))));
                } catch (EntryRejected x) {
                    out.add(List.of(BulkAssessment.safe(lineId), "rejected", "", "USD", "", "", "", "",
                            BulkAssessment.safe("line " + line + ": " + x.field() + ": " + x.reason())));
                    rej.add(List.of(String.valueOf(line), BulkAssessment.safe(lineId), x.field(), BulkAssessment.safe(x.reason())));
                }
            }
        }
    }

    private static List<List<String>> read(Path p) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (CsvReader<CsvRecord> r = CsvReader.builder().allowMissingFields(true).ofCsvRecord(p)) {
            for (CsvRecord rec : r) rows.add(List.copyOf(rec.getFields()));
        }
        return rows;
    }
}
