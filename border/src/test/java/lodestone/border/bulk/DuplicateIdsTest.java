package lodestone.border.bulk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A line whose line id an earlier line had is warned of, naming that line (docs/bulk-format.md, "Repeated line ids"). */
class DuplicateIdsTest {
    @TempDir
    Path dir;

    static final String HEADER = "line_id,hts,origin,entry_date,customs_value,currency,quantity,unit,production_regions\n";
    static final String FILE = HEADER
            + "gs-1,2846.90.80.90,CN,2026-09-01,10000,USD,100,kg,CN-GS\n"          // line 2
            + "xj-1,2846.90.80.90,CN,2026-09-01,10000,USD,100,kg,CN-XJ\n"          // line 3, prohibited
            + "bad-1,2846.90.81,CN,2026-03-02,10000,USD,500,kg,\n"                 // line 4, rejected
            + "\n"                                                                 // line 5, blank: not a record
            + "gs-1,2846.90.80.90,CN,2026-09-01,10000,USD,100,kg,CN-GS\n"          // line 6: repeats line 2
            + "xj-1,2846.90.80.90,CN,2026-09-01,10000,USD,100,kg,CN-XJ\n"          // line 7: repeats line 3
            + "bad-1,2846.90.81,CN,2026-03-02,10000,USD,500,kg,\n"                 // line 8: repeats line 4, rejected
            + "gs-1,2846.90.80.90,CN,2026-09-01,20000,USD,100,kg,CN-GS\n"          // line 9: repeats line 2 again
            + ",2846.90.80.90,CN,2026-09-01,10000,USD,100,kg,CN-GS\n";             // line 10: no id (answered as "10")

    static final String W2 = BulkAssessment.duplicateWarning(2);

    @Test
    void laterOccurrencesCarryAWarningNamingTheFirstLineAndAreCounted() throws IOException {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, FILE);
        BulkAssessment.Summary s = BulkAssessment.run(ChunkedBulkTest.ASSESSOR, in, dir.resolve("out.csv"), dir.resolve("rej.csv"),
                BulkAssessment.Options.defaults());
        List<String> rows = Files.readAllLines(dir.resolve("out.csv"));

        assertThat(W2).isEqualTo("line_id already used on line 2: a repeated id usually means lines were concatenated twice;"
                + " this line is assessed and counted in the totals as well");
        assertThat(rows.get(1)).isEqualTo("gs-1,assessed,370.00,USD,3.70,10370.00,general=370.00,,");
        assertThat(rows.get(4)).isEqualTo("gs-1,assessed,370.00,USD,3.70,10370.00,general=370.00,," + W2);
        assertThat(rows.get(5)).startsWith("xj-1,prohibited,,USD,,,,,\"us-uflpa: ").endsWith(" | " + BulkAssessment.duplicateWarning(3) + "\"");
        assertThat(rows.get(5)).isEqualTo(rows.get(2).substring(0, rows.get(2).length() - 1) + " | " + BulkAssessment.duplicateWarning(3) + "\"");
        assertThat(rows.get(6)).isEqualTo(rows.get(3).replace("line 4:", "line 8:")); // a reject says why it was refused, nothing more
        assertThat(rows.get(7)).isEqualTo("gs-1,assessed,740.00,USD,3.70,20740.00,general=740.00,," + W2);
        assertThat(rows.get(8)).isEqualTo("10,assessed,370.00,USD,3.70,10370.00,general=370.00,,");
        assertThat(s.duplicateIds()).isEqualTo(4); // lines 6, 7, 8 and 9
        assertThat(s.duplicateCheckStoppedAt()).isZero();
        // repeated lines are assessed and counted like any other
        assertThat(s.totalDuty()).isEqualByComparingTo("1850.00");
        assertThat(s.totals().total()).isEqualTo(new java.math.BigDecimal("1850.00"));
    }

    @Test
    void jsonLinesCarryTheSameWarningLast() throws IOException {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, FILE);
        BulkAssessment.run(ChunkedBulkTest.ASSESSOR, in, dir.resolve("out.jsonl"), null,
                new BulkAssessment.Options(false, BulkAssessment.Format.JSONL, n -> { }));
        List<String> rows = Files.readAllLines(dir.resolve("out.jsonl"));
        assertThat(rows.get(0)).endsWith("\"warnings\":[]}");
        assertThat(rows.get(3)).isEqualTo(rows.get(0).replace("\"warnings\":[]", "\"warnings\":[\"" + W2 + "\"]"));
        assertThat(rows.get(4)).endsWith(",\"" + BulkAssessment.duplicateWarning(3) + "\"]}");
    }

    /** A resumed job reads the lines of its committed chunks again without assessing them: a repeat of one is still found. */
    @Test
    void aResumedChunkedRunFindsRepeatsOfLinesInChunksAlreadyDone() {
        List<BulkAssessment.Chunk> all = new ArrayList<>();
        BulkAssessment.Summary whole = BulkAssessment.runChunked(ChunkedBulkTest.ASSESSOR, bytes(), "in.csv", BulkAssessment.Format.CSV,
                BulkAssessment.Options.defaults(), 3, 0, all::add);
        List<BulkAssessment.Chunk> resumed = new ArrayList<>();
        BulkAssessment.runChunked(ChunkedBulkTest.ASSESSOR, bytes(), "in.csv", BulkAssessment.Format.CSV,
                BulkAssessment.Options.defaults(), 3, 1, resumed::add);

        assertThat(all).extracting(BulkAssessment.Chunk::duplicateIds).containsExactly(0L, 3L, 1L);
        assertThat(whole.duplicateIds()).isEqualTo(4);
        assertThat(resumed).extracting(BulkAssessment.Chunk::results).containsExactly(all.get(1).results(), all.get(2).results());
        assertThat(resumed.get(0).results()).contains(W2);
    }

    @Test
    void theTableIsBoundedAndSaysFromWhichLineIdsWereNoLongerRemembered() {
        DuplicateIds d = new DuplicateIds(16); // remembers 12 ids
        assertThat(d.capacity()).isEqualTo(12);
        for (int i = 1; i <= 12; i++) assertThat(d.check("id-" + i, i + 1)).isZero();
        assertThat(d.stoppedAtLine()).isZero();
        assertThat(d.check("id-13", 14)).isZero();
        assertThat(d.stoppedAtLine()).isZero(); // ids in order: none can repeat yet, every one was checked
        assertThat(d.check("id-7", 15)).isEqualTo(8); // out of order: a remembered id is still recognised
        assertThat(d.stoppedAtLine()).isEqualTo(14); // and from now on it tells that id-13 was not kept
        assertThat(d.check("id-13", 16)).isZero(); // one met after the table was full is not
        assertThat(d.check(null, 17)).isZero();
        assertThat(d.duplicates()).isEqualTo(1);
    }

    @Test
    void growsFromASmallTableAndFindsEveryRepeatOfAMillionIds() {
        DuplicateIds d = new DuplicateIds();
        for (int i = 0; i < 1_000_000; i++) assertThat(d.check("L" + i, i + 2)).isZero();
        for (int i = 0; i < 1_000_000; i += 999) assertThat(d.check("L" + i, 2_000_000)).isEqualTo(i + 2);
        assertThat(d.stoppedAtLine()).isZero();
        assertThat(DuplicateIds.DEFAULT_MAX_SLOTS).isEqualTo(1 << 22);
    }

    @Test
    void idsOutOfOrderFromTheStartAreLookedUpInTheTable() {
        DuplicateIds d = new DuplicateIds(16);
        assertThat(d.check("b", 2)).isZero();
        assertThat(d.check("a", 3)).isZero(); // ends the chain at once
        assertThat(d.check("c", 4)).isZero();
        assertThat(d.check("b", 5)).isEqualTo(2);
        assertThat(d.check("a", 6)).isEqualTo(3);
        assertThat(d.check("c", 7)).isEqualTo(4);
        assertThat(d.duplicates()).isEqualTo(3);
    }

    @Test
    void theChainsOrderIsShorterFirstThenCharacterByCharacter() {
        assertThat(DuplicateIds.after("10", "9")).isTrue();
        assertThat(DuplicateIds.after("L000010", "L000009")).isTrue();
        assertThat(DuplicateIds.after("a10", "b")).isTrue();
        assertThat(DuplicateIds.after("b", "a10")).isFalse();
        assertThat(DuplicateIds.after("x", "x")).isFalse(); // a repeat never continues the chain
        assertThat(DuplicateIds.after("L2", "L1")).isTrue();
        assertThat(DuplicateIds.after("L1", "L2")).isFalse();
    }

    @Test
    void anUnbrokenChainLongerThanTheTableChecksEveryIdAndABreakSaysWhichWereNotKept() {
        DuplicateIds d = new DuplicateIds(16); // keeps 12
        for (int i = 1; i <= 40; i++) assertThat(d.check(String.format("L%03d", i), i + 1)).isZero();
        assertThat(d.stoppedAtLine()).isZero();
        assertThat(d.check("L005", 42)).isEqualTo(6); // kept: found
        assertThat(d.check("L030", 43)).isZero(); // past what was kept: not found, and the check says so
        assertThat(d.stoppedAtLine()).isEqualTo(14); // L013, on line 14, was the first not kept
        assertThat(d.duplicates()).isEqualTo(1);
    }

    /**
     * Seeded: files whose ids run in order for a while and then are concatenated, restarted, shuffled or repeated give the
     * same first lines as a plain map of every id seen (the table large enough to keep them all).
     */
    @Test
    void agreesWithAMapOfEveryIdOnSeededFiles() {
        java.util.Random rnd = new java.util.Random(20261206L);
        for (int file = 0; file < 200; file++) {
            DuplicateIds d = new DuplicateIds(1 << 16);
            java.util.Map<String, Long> firstLine = new java.util.HashMap<>();
            int lines = 1 + rnd.nextInt(3000);
            int ordered = rnd.nextInt(lines + 1); // the first lines' ids in order, then a mix
            long repeats = 0;
            for (int i = 0; i < lines; i++) {
                long line = i + 2;
                String id = i < ordered ? "L" + String.format("%06d", i * (1 + file % 3))
                        : switch (rnd.nextInt(4)) {
                            case 0 -> "L" + String.format("%06d", rnd.nextInt(Math.max(1, lines)));
                            case 1 -> Integer.toString(rnd.nextInt(5000));
                            case 2 -> "x" + rnd.nextInt(100);
                            default -> rnd.nextInt(20) == 0 ? null : "L" + String.format("%06d", i * (1 + file % 3));
                        };
                long want = id == null ? 0 : firstLine.getOrDefault(id, 0L);
                if (id != null) firstLine.putIfAbsent(id, line);
                if (want != 0) repeats++;
                assertThat(d.check(id, line)).as("file %d line %d id %s", file, line, id).isEqualTo(want);
            }
            assertThat(d.duplicates()).isEqualTo(repeats);
            assertThat(d.stoppedAtLine()).isZero();
        }
    }

    private static ByteArrayInputStream bytes() {
        return new ByteArrayInputStream(FILE.getBytes(StandardCharsets.UTF_8));
    }
}
