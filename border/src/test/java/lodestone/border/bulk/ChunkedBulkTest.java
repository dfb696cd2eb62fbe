package lodestone.border.bulk;

import lodestone.border.Assessor;
import lodestone.regime.Regime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Chunked runs — the unit a resumable bulk job commits — give exactly what a whole run gives. */
class ChunkedBulkTest {
    @TempDir
    Path dir;

    static final Regime REGIME = Regime.open(BulkEquivalenceTest.regimeDir().resolve("regime.yaml").toString());
    static final Assessor ASSESSOR = Assessor.compile(REGIME);

    String generated(int lines) throws IOException {
        StringWriter w = new StringWriter();
        new EntryGenerator(REGIME, 7L).write(w, lines);
        return w.toString();
    }

    @Test
    void chunksConcatenateToTheWholeRunsFilesAndCountsAddUp() throws IOException {
        String text = generated(2_345);
        Path in = dir.resolve("in.csv");
        Files.writeString(in, text);
        BulkAssessment.Summary whole = BulkAssessment.run(ASSESSOR, in, dir.resolve("out.csv"), dir.resolve("rej.csv"),
                BulkAssessment.Options.defaults());

        List<BulkAssessment.Chunk> chunks = new ArrayList<>();
        BulkAssessment.Summary s = BulkAssessment.runChunked(ASSESSOR, bytes(text), "in.csv",
                BulkAssessment.Format.CSV, BulkAssessment.Options.defaults(), 500, 0, chunks::add);

        assertThat(chunks).extracting(BulkAssessment.Chunk::index).containsExactly(0, 1, 2, 3, 4);
        assertThat(chunks).extracting(BulkAssessment.Chunk::records).containsExactly(500L, 500L, 500L, 500L, 345L);
        assertThat(String.join("", chunks.stream().map(BulkAssessment.Chunk::results).toList()))
                .isEqualTo(Files.readString(dir.resolve("out.csv")));
        assertThat(String.join("", chunks.stream().map(BulkAssessment.Chunk::rejects).toList()))
                .isEqualTo(Files.readString(dir.resolve("rej.csv")));
        for (BulkAssessment.Chunk c : chunks) {
            assertThat(c.records()).isEqualTo(c.assessed() + c.prohibited() + c.rejected());
        }
        assertThat(s.read()).isEqualTo(whole.read());
        assertThat(s.assessed()).isEqualTo(whole.assessed());
        assertThat(s.rejected()).isEqualTo(whole.rejected());
        assertThat(s.totalDuty()).isEqualByComparingTo(whole.totalDuty());
        assertThat(chunks.stream().map(BulkAssessment.Chunk::totalDuty).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(whole.totalDuty());
    }

    @Test
    void resumingAfterAChunkProducesTheRemainingChunksOnly() throws IOException {
        String text = generated(1_200);
        List<BulkAssessment.Chunk> all = new ArrayList<>();
        BulkAssessment.runChunked(ASSESSOR, bytes(text), "in.csv", BulkAssessment.Format.CSV,
                BulkAssessment.Options.defaults(), 250, 0, all::add);
        List<BulkAssessment.Chunk> resumed = new ArrayList<>();
        BulkAssessment.Summary s = BulkAssessment.runChunked(ASSESSOR, bytes(text), "in.csv",
                BulkAssessment.Format.CSV, BulkAssessment.Options.defaults(), 250, 2, resumed::add);

        assertThat(resumed).extracting(BulkAssessment.Chunk::index).containsExactly(2, 3, 4);
        for (BulkAssessment.Chunk c : resumed) assertThat(c).isEqualTo(all.get(c.index()));
        assertThat(s.read()).isEqualTo(1_200 - 500);
        assertThat(all.get(0).results()).startsWith("line_id,status,");
        assertThat(all.get(2).results()).doesNotStartWith("line_id,status,");
    }

    @Test
    void anEmptyBodyAfterTheHeaderGivesOneChunkWithTheHeadersOnly() {
        List<BulkAssessment.Chunk> chunks = new ArrayList<>();
        BulkAssessment.runChunked(ASSESSOR, bytes(String.join(",", EntryFields.REQUIRED) + "\n"), "e.csv",
                BulkAssessment.Format.CSV, BulkAssessment.Options.defaults(), 100, 0, chunks::add);
        assertThat(chunks).singleElement().satisfies(c -> {
            assertThat(c.records()).isZero();
            assertThat(c.results()).startsWith("line_id,status,");
            assertThat(c.rejects()).startsWith("line,line_id,field,reason");
        });
    }

    @Test
    void aBadHeaderStopsBeforeAnyChunk() {
        List<BulkAssessment.Chunk> chunks = new ArrayList<>();
        assertThatThrownBy(() -> BulkAssessment.runChunked(ASSESSOR, bytes("what,ever\n1,2\n"), "bad.csv",
                BulkAssessment.Format.CSV, BulkAssessment.Options.defaults(), 100, 0, chunks::add))
                .isInstanceOf(BulkAssessment.BulkFileException.class)
                .hasMessageContaining("bad.csv:1: header lacks required column(s)");
        assertThat(chunks).isEmpty();
    }

    @Test
    void whatTheListenerThrowsStopsTheRun() {
        List<BulkAssessment.Chunk> chunks = new ArrayList<>();
        assertThatThrownBy(() -> BulkAssessment.runChunked(ASSESSOR, bytes(generated(600)), "in.csv",
                BulkAssessment.Format.CSV, BulkAssessment.Options.defaults(), 100, 0, c -> {
                    if (c.index() == 2) throw new IOException("disk full");
                    chunks.add(c);
                })).hasMessageContaining("disk full");
        assertThat(chunks).hasSize(2);
    }

    static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
