package lodestone.spark;

import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Parquet sink of one piece without Spark: rows made as the engine's lines end, however its writes are cut;
 * numbered from the piece's non-blank lines; both files or neither when the counts disagree.
 */
class ParquetPartsTest {
    /** Three input lines (a blank one between) and the engine's three results for them, the second rejected. */
    static final byte[] LINES = "L1,a\n  \r\nL2,b\r\nL3,c".getBytes(StandardCharsets.UTF_8);
    static final String RESULTS = """
            {"line_id":"L1","status":"assessed","total_duty":12.50,"effective_rate":2.50,"landed_cost":512.50,"measures":{"M1":12.50},"documents_required":[],"warnings":["w1"]}
            {"line_id":"L2","status":"rejected","line":13,"field":"hts","reason":"unknown HTS code"}
            {"line_id":"L3","status":"assessed","total_duty":0.00,"effective_rate":0.00,"landed_cost":7.00,"measures":{},"documents_required":["D"],"warnings":[]}
            """;

    static List<Group> read(java.nio.file.Path file) throws IOException {
        List<Group> out = new ArrayList<>();
        try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(), new Path(file.toString())).build()) {
            for (Group g; (g = r.read()) != null; ) out.add(g);
        }
        return out;
    }

    @Test
    void rowsAreTheSameHoweverTheEnginesWritesAreCut(@TempDir java.nio.file.Path tmp) throws IOException {
        byte[] all = RESULTS.getBytes(StandardCharsets.UTF_8);
        Random rnd = new Random(11);
        for (int round = 0; round < 20; round++) {
            java.nio.file.Path dir = tmp.resolve("r" + round);
            ParquetParts.Sink s = ParquetParts.open(new Path(dir.toString()), "00000", LINES, 11);
            for (int i = 0; i < all.length; ) {
                int n = round == 0 ? 1 : Math.min(all.length - i, 1 + rnd.nextInt(40)); // round 0: a byte at a time
                if (n == 1 && rnd.nextBoolean()) s.write(all[i]);
                else s.write(all, i, n);
                i += n;
            }
            assertThat(s.written().results()).isEqualTo(3);
            s.close();
            List<Group> res = read(dir.resolve("results/part-00000.parquet"));
            assertThat(res).extracting(g -> g.getLong("line", 0)).containsExactly(11L, 13L, 14L);
            assertThat(res).extracting(g -> g.getString("status", 0)).containsExactly("assessed", "rejected", "assessed");
            assertThat(ParquetRowsDecimal.of(res.get(0), "total_duty")).isEqualTo("12.50");
            assertThat(res.get(1).getGroup("warnings", 0).getGroup("list", 0).getString("element", 0))
                    .isEqualTo("line 13: hts: unknown HTS code");
            List<Group> rej = read(dir.resolve("rejects/part-00000.parquet"));
            assertThat(rej).singleElement().satisfies(g -> {
                assertThat(g.getLong("line", 0)).isEqualTo(13L);
                assertThat(g.getString("reason", 0)).isEqualTo("unknown HTS code");
            });
            try (Stream<java.nio.file.Path> f = Files.walk(dir)) { // no temporary file left
                assertThat(f.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")))
                        .containsExactlyInAnyOrder("part-00000.parquet", "part-00000.parquet");
            }
        }
    }

    @Test
    void moreResultsThanLinesLeavesNeitherFile(@TempDir java.nio.file.Path tmp) throws IOException {
        ParquetParts.Sink s = ParquetParts.open(new Path(tmp.toString()), "00003", "L1,a\n".getBytes(StandardCharsets.UTF_8), 1);
        byte[] two = RESULTS.lines().limit(1).map(l -> l + "\n" + l + "\n").findFirst().orElseThrow().getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> s.write(two, 0, two.length)).isInstanceOf(IOException.class)
                .hasMessage("more results than input lines in part 00003; no Parquet written");
        s.abort();
        assertNoFiles(tmp);

        // an amount that is not a JSON number is not written as 0
        ParquetParts.Sink t = ParquetParts.open(new Path(tmp.resolve("b").toString()), "00004", "L1,a\n".getBytes(StandardCharsets.UTF_8), 1);
        byte[] text = "{\"status\":\"assessed\",\"total_duty\":\"12.50\",\"measures\":{}}\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> t.write(text, 0, text.length)).isInstanceOf(IOException.class)
                .hasMessage("total_duty is not a number in part 00004: \"12.50\"");
        t.abort();
        assertNoFiles(tmp);
    }

    @Test
    void fewerResultsThanLinesOrANumberThatDisagreesLeavesNeitherFile(@TempDir java.nio.file.Path tmp) throws IOException {
        java.nio.file.Path a = tmp.resolve("a");
        ParquetParts.Sink s = ParquetParts.open(new Path(a.toString()), "00001", LINES, 11);
        byte[] first = (RESULTS.lines().findFirst().orElseThrow() + "\n").getBytes(StandardCharsets.UTF_8);
        s.write(first, 0, first.length);
        assertThatThrownBy(s::close).isInstanceOf(IOException.class)
                .hasMessage("fewer results than input lines in part 00001; no Parquet written");
        assertNoFiles(a);

        java.nio.file.Path b = tmp.resolve("b");
        ParquetParts.Sink t = ParquetParts.open(new Path(b.toString()), "00002", LINES, 12); // lines 12, 14, 15: the engine says 13
        byte[] all = RESULTS.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> t.write(all, 0, all.length)).isInstanceOf(IOException.class)
                .hasMessage("line numbers disagree in part 00002: counted 14, the engine says 13");
        t.abort();
        assertNoFiles(b);
    }

    @Test
    void aStreamedPieceIsNumberedAsItsBytesWouldBe() throws IOException {
        Random rnd = new Random(5);
        String[] shapes = {"a,b", "", "  ", "\t\r", "x"};
        for (int round = 0; round < 300; round++) {
            StringBuilder b = new StringBuilder();
            int skip = rnd.nextInt(3);
            for (int i = 0; i < skip; i++) b.append(rnd.nextBoolean() ? "header\n" : "\n"); // a header and blanks before it
            int n = rnd.nextInt(30);
            for (int i = 0; i < n; i++) {
                b.append(shapes[rnd.nextInt(shapes.length)]);
                if (i < n - 1 || rnd.nextBoolean()) b.append(rnd.nextBoolean() ? "\n" : "\r\n");
            }
            byte[] all = b.toString().getBytes(StandardCharsets.UTF_8);
            int pieceStart = 0;
            for (int i = 0; i < skip; i++) pieceStart = b.indexOf("\n", pieceStart) + 1;
            long firstLine = 1 + rnd.nextInt(1000);
            List<Long> want = ParquetParts.nonBlankLineNumbers(java.util.Arrays.copyOfRange(all, pieceStart, all.length), firstLine);
            ParquetParts.NumberingInput in = new ParquetParts.NumberingInput(new java.io.ByteArrayInputStream(all), skip, firstLine);
            List<Long> got = new ArrayList<>();
            byte[] buf = new byte[7];
            while (true) { // read as a reader would, in pieces of any size, taking numbers as it goes
                int r = rnd.nextInt(4) == 0 ? in.read() : in.read(buf, 0, 1 + rnd.nextInt(buf.length));
                while (in.hasNext()) got.add(in.next());
                if (r < 0) break;
            }
            while (in.hasNext()) got.add(in.next());
            assertThat(got).as("round %d: %s", round, b).isEqualTo(want);
        }
    }

    private static void assertNoFiles(java.nio.file.Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<java.nio.file.Path> f = Files.walk(dir)) {
            assertThat(f.filter(Files::isRegularFile)).isEmpty();
        }
    }

    /** A decimal(38,2) cell as text. */
    static final class ParquetRowsDecimal {
        static String of(Group g, String name) {
            byte[] b = g.getBinary(name, 0).getBytes();
            return new java.math.BigDecimal(new java.math.BigInteger(b), 2).toPlainString();
        }
    }
}
