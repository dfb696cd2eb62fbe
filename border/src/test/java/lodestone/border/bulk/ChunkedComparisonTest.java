package lodestone.border.bulk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static lodestone.border.bulk.ChunkedBulkTest.ASSESSOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A what-if in chunks (the unit a resumable compare job commits) merges to exactly what the whole run answers. */
class ChunkedComparisonTest {
    @TempDir
    Path dir;

    static final lodestone.border.WhatIf REDATE = lodestone.border.WhatIf.on(LocalDate.parse("2025-06-01"));

    static String generated(int lines) throws IOException {
        StringWriter w = new StringWriter();
        new EntryGenerator(ChunkedBulkTest.REGIME, 11L).write(w, lines, 40);
        return w.toString();
    }

    List<Comparison.Partial> chunks(String text, int size, int start, int top) {
        List<Comparison.Partial> out = new ArrayList<>();
        Comparison.runChunked(ASSESSOR, ASSESSOR, REDATE, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "in.csv", top,
                false, size, start, out::add);
        return out;
    }

    @Test
    void chunksMergeToTheWholeRunAndResumeAfterAnyChunk() throws IOException {
        String text = generated(2_345);
        Path in = dir.resolve("in.csv");
        Files.writeString(in, text);
        Comparison.Result whole = Comparison.run(ASSESSOR, ASSESSOR, REDATE, in, null, 25, false);
        assertThat(whole.lines()).isEqualTo(2_345);
        assertThat(whole.changed()).isPositive();
        assertThat(whole.notComparable()).isGreaterThanOrEqualTo(2_345 / 40); // every 40th line malformed on purpose
        assertThat(whole.top()).hasSize(25).isSortedAccordingTo(Comparison.ORDER);
        // the first lines not compared are named, in file order, each with why (merged from the chunks the same, below)
        assertThat(whole.firstNotComparable()).hasSize(Comparison.NOT_COMPARABLE_NAMED)
                .isSortedAccordingTo(java.util.Comparator.comparingLong(Comparison.NotComparable::line))
                .allSatisfy(n -> assertThat(n.reason()).isNotBlank());

        List<Comparison.Partial> all = chunks(text, 500, 0, 25);
        assertThat(all).extracting(Comparison.Partial::chunkNo).containsExactly(0, 1, 2, 3, 4);
        assertThat(all).extracting(Comparison.Partial::lines).containsExactly(500L, 500L, 500L, 500L, 345L);
        assertThat(all).extracting(Comparison.Partial::firstRecord).containsExactly(1L, 501L, 1001L, 1501L, 2001L);
        assertThat(Comparison.merge(all, 25)).isEqualTo(whole);

        // resumed after chunk 2: the chunks from 3 on are the same as in the full run
        List<Comparison.Partial> resumed = chunks(text, 500, 3, 25);
        assertThat(resumed).containsExactlyElementsOf(all.subList(3, 5));
        List<Comparison.Partial> joined = new ArrayList<>(all.subList(0, 3));
        joined.addAll(resumed);
        assertThat(Comparison.merge(joined, 25)).isEqualTo(whole);

        // any chunk size gives the same result, including one line a chunk and one chunk for everything
        for (int size : new int[] {1, 7, 2_345, 10_000}) {
            assertThat(Comparison.merge(chunks(text, size, 0, 25), 25)).as("chunk size " + size).isEqualTo(whole);
        }
        // totals are exact sums of the listed chunks
        BigDecimal ta = all.stream().map(Comparison.Partial::totalA).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(ta).isEqualByComparingTo(whole.totalA());
    }

    @Test
    void equalChangesAreListedInLineOrder() throws IOException {
        String text = generated(600);
        Comparison.Result r = Comparison.merge(chunks(text, 50, 0, 600), 600);
        for (int i = 1; i < r.top().size(); i++) {
            Comparison.Line p = r.top().get(i - 1);
            Comparison.Line l = r.top().get(i);
            int c = p.delta().abs().compareTo(l.delta().abs());
            assertThat(c > 0 || c == 0 && p.record() < l.record()).as(p + " before " + l).isTrue();
        }
    }

    @Test
    void aBadHeaderIsRefusedWithTheNameAndLeavesNoOutput() throws IOException {
        assertThatThrownBy(() -> chunks("line,hts\n1,7408.11.60\n", 10, 0, 5))
                .isInstanceOf(BulkAssessment.BulkFileException.class).hasMessageStartingWith("in.csv:1: ").hasMessageContaining("line_id");
        assertThatThrownBy(() -> chunks("", 10, 0, 5)).isInstanceOf(BulkAssessment.BulkFileException.class)
                .hasMessageStartingWith("in.csv: the file is empty; expected a header line");
        Path in = dir.resolve("semi.csv");
        Files.writeString(in, EntryGenerator.header().replace(',', ';') + "a;7408.11.60.00\n");
        Path out = dir.resolve("changes.csv");
        assertThatThrownBy(() -> Comparison.run(ASSESSOR, ASSESSOR, REDATE, in, out, 5, false))
                .isInstanceOf(BulkAssessment.BulkFileException.class).hasMessageContaining("';' found where ',' was expected");
        assertThat(out).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part")); // no temporary file left
        }
    }

    @Test
    void badLinesAreNotComparableAndTheFileGoesOnAsAssessFileReadsIt() throws IOException {
        // reported: one stray quote or one invalid UTF-8 byte stopped the whole comparison (a stack trace, exit 70, a partial
        // output file); it now reads with assess-file's reader: each such line is one not-comparable line
        String text = generated(120);
        String[] lines = text.split("\n", -1);
        String good = lines[5];
        byte[] data = StrictReaderTest.concat(
                (String.join("\n", java.util.Arrays.copyOf(lines, 30)) + "\n").getBytes(StandardCharsets.UTF_8), // header, records 1-29
                (good.replaceFirst(",", ",\"ab\"cd,") + "\n").getBytes(StandardCharsets.UTF_8), // text after a closing quote
                ("Soci\u00e9t\u00e9" + good.substring(good.indexOf(',')) + "\n").getBytes(StandardCharsets.ISO_8859_1), // not UTF-8
                (good.replaceFirst(",", ",\"unterminated") + "\n").getBytes(StandardCharsets.UTF_8),
                (String.join("\n", java.util.Arrays.copyOfRange(lines, 30, lines.length))).getBytes(StandardCharsets.UTF_8));
        Path in = dir.resolve("bad.csv");
        Files.write(in, data);
        Path out = dir.resolve("bad-changes.csv");
        Comparison.Result r = Comparison.run(ASSESSOR, ASSESSOR, REDATE, in, out, 5, false);
        BulkAssessment.Summary s = BulkAssessment.run(ASSESSOR, in, dir.resolve("res.csv"), dir.resolve("rej.csv"),
                BulkAssessment.Options.defaults());
        assertThat(r.lines()).isEqualTo(s.read()).isEqualTo(120 + 3);
        assertThat(r.notComparable()).isGreaterThanOrEqualTo(s.rejected() + s.prohibited()); // every line assess-file refuses, at least
        List<String> rows = Files.readAllLines(out);
        assertThat(rows).hasSize(1 + 123);
        assertThat(rows.get(0)).isEqualTo("line_id,hts,origin,duty_a,duty_b,change,status_a,status_b,line,reason,regime_a,regime_b,origin_b");
        // records 30-32, on lines 31-33, each with the field and reason assess-file's rejects file gives it
        java.util.Map<Long, String> rejected = new java.util.HashMap<>();
        try (var csv = de.siegmar.fastcsv.reader.CsvReader.builder().ofCsvRecord(dir.resolve("rej.csv"))) {
            csv.stream().skip(1).forEach(x -> rejected.put(Long.parseLong(x.getField(0)), x.getField(2) + ": " + x.getField(3)));
        }
        for (int k = 0; k < 3; k++) {
            long line = 31 + k;
            assertThat(rows.get(30 + k)).contains(",,,,,,rejected,rejected," + line + ",");
            assertThat(r.firstNotComparable()).filteredOn(n -> n.line() == line).singleElement()
                    .extracting(Comparison.NotComparable::reason).isEqualTo(rejected.get(line));
        }
        // the same file in chunks (a compare job) answers the same
        List<Comparison.Partial> parts = new ArrayList<>();
        Comparison.runChunked(ASSESSOR, ASSESSOR, REDATE, new ByteArrayInputStream(data), "bad.csv", 5, false, 17, 0, parts::add);
        assertThat(Comparison.merge(parts, 5)).isEqualTo(r);
    }

    @Test
    void jsonLinesAreComparedToo() throws IOException {
        Path csv = dir.resolve("j.csv");
        Files.writeString(csv, EntryGenerator.header() + "r1,2846.90.80.90,CN,2026-03-02,10000,USD,500,kg,,,,,,,\n");
        Path jsonl = dir.resolve("j.jsonl");
        Files.writeString(jsonl, "{\"line_id\":\"r1\",\"hts\":\"2846.90.80.90\",\"origin\":\"CN\",\"entry_date\":\"2026-03-02\","
                + "\"customs_value\":10000,\"currency\":\"USD\",\"quantity\":500,\"unit\":\"kg\"}\n");
        Comparison.Result a = Comparison.run(ASSESSOR, ASSESSOR, REDATE, csv, null, 5, false);
        Comparison.Result b = Comparison.run(ASSESSOR, ASSESSOR, REDATE, jsonl, null, 5, false);
        assertThat(b).isEqualTo(a);
        assertThat(b.lines()).isEqualTo(1);
        assertThat(b.notComparable()).isZero();
    }
}
