package lodestone.border.bulk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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

    static final LocalDate REDATE = LocalDate.parse("2025-06-01");

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
    void aBadHeaderOrTextThatIsNotUtf8IsRefusedWithTheName() {
        assertThatThrownBy(() -> chunks("line,hts\n1,7408.11.60\n", 10, 0, 5))
                .isInstanceOf(BulkAssessment.BulkFileException.class).hasMessage("in.csv:1: header lacks required column line_id");
        assertThatThrownBy(() -> chunks("", 10, 0, 5)).hasMessage("in.csv: the file is empty; expected a header line");
        byte[] latin = (EntryGenerator.header() + "Soci\u00e9t\u00e9,1\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> Comparison.runChunked(ASSESSOR, ASSESSOR, REDATE, new ByteArrayInputStream(latin), "x.csv", 5, false, 10, 0, p -> { }))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(java.nio.charset.CharacterCodingException.class);
    }
}
