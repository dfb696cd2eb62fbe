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
        // ids in order but not counting up by one (id-2, id-4, …): each is an entry, no run
        for (int i = 1; i <= 12; i++) assertThat(d.check("id-" + 2 * i, i + 1)).isZero();
        assertThat(d.stoppedAtLine()).isZero();
        assertThat(d.check("id-26", 14)).isZero();
        assertThat(d.stoppedAtLine()).isZero(); // ids in order: none can repeat yet, every one was checked
        assertThat(d.check("id-14", 15)).isEqualTo(8); // out of order: a remembered id is still recognised
        assertThat(d.stoppedAtLine()).isEqualTo(14); // and from now on it tells that id-26 was not kept
        assertThat(d.check("id-26", 16)).isZero(); // one met after the table was full is not
        assertThat(d.check(null, 17)).isZero();
        assertThat(d.duplicates()).isEqualTo(1);
    }

    @Test
    void growsFromASmallTableAndFindsEveryRepeatOfAMillionIds() {
        DuplicateIds d = new DuplicateIds();
        for (int i = 0; i < 1_000_000; i++) assertThat(d.check("L" + 3 * i, i + 2)).isZero(); // in order, not a run
        assertThat(d.runs()).isZero();
        assertThat(d.chainedEntries()).isEqualTo(1_000_000);
        for (int i = 0; i < 1_000_000; i += 999) assertThat(d.check("L" + 3 * i, 2_000_000)).isEqualTo(i + 2);
        assertThat(d.stoppedAtLine()).isZero();
        assertThat(DuplicateIds.DEFAULT_MAX_SLOTS).isEqualTo(1 << 22);
    }

    /** The common file: lines numbered 1, 2, 3, … keep one run per width of the number, not an entry per line. */
    @Test
    void numberedLinesAreKeptAsRunsAndEveryRepeatIsStillFound() {
        DuplicateIds d = new DuplicateIds();
        for (int i = 1; i <= 1_000_000; i++) assertThat(d.check("L" + i, i + 1)).isZero();
        assertThat(d.runs()).isEqualTo(6); // L1–L9, L10–L99, …, L100000–L999999 (L1000000, a run of one, is an entry)
        assertThat(d.chainedEntries()).isEqualTo(1); // L1000000, the last width's only id
        assertThat(d.lookingUp()).isFalse();
        for (int i = 1; i <= 1_000_000; i += 997) assertThat(d.check("L" + i, 2_000_000)).as("L%d", i).isEqualTo(i + 1);
        assertThat(d.check("L1000000", 2_000_001)).isEqualTo(1_000_001);
        assertThat(d.lookingUp()).isTrue();
        // near misses are not members: another width, another prefix, past the end, zero
        for (String id : new String[] {"L01", "L0", "l5", "L1000001", "M5", "L", "L5x", "5"}) {
            assertThat(d.check(id, 2_000_002)).as(id).isZero();
        }
        assertThat(d.duplicates()).isEqualTo(1_000_000 / 997 + 1 + 1);
        assertThat(d.stoppedAtLine()).isZero();
    }

    @Test
    void aRunNeedsConsecutiveLinesTheSameWidthAndOneMoreEachTime() {
        DuplicateIds d = new DuplicateIds(1 << 10);
        long line = 2;
        for (int i = 1; i <= 20; i++) d.check(String.format("E-%04d", i), line++); // a run of 20, padded
        line++; // a line without an id (say a reject that had none): the next id starts a new streak
        for (int i = 21; i <= 30; i++) d.check(String.format("E-%04d", i), line++);
        for (int i = 1; i <= 5; i++) d.check(String.format("E-99%02d", 2 * i), line++); // counting by two: entries
        assertThat(d.runs()).isEqualTo(2);
        assertThat(d.chainedEntries()).isEqualTo(5);
        assertThat(d.check("E-0020", 100)).isEqualTo(21);
        assertThat(d.check("E-0021", 101)).isEqualTo(23); // the second run, after the gap
        assertThat(d.check("E-0030", 102)).isEqualTo(32);
        assertThat(d.check("E-9906", 103)).isEqualTo(35);
        assertThat(d.check("E-0031", 104)).isZero();
        assertThat(d.check("E-20", 105)).isZero(); // not E-0020
        assertThat(d.duplicates()).isEqualTo(4);
    }

    @Test
    void numbersLongerThanALongCountOnTheirLast18Digits() {
        DuplicateIds d = new DuplicateIds(1 << 10);
        for (int i = 0; i < 20; i++) d.check("123456789" + String.format("%018d", 100 + i), i + 2); // 27 digits
        assertThat(d.runs()).isEqualTo(1);
        assertThat(d.check("123456789" + String.format("%018d", 113), 50)).isEqualTo(15);
        assertThat(d.check("123456780" + String.format("%018d", 113), 51)).isZero(); // the same last 18 digits only
        assertThat(d.check("123456789" + String.format("%018d", 120), 52)).isZero();
        assertThat(d.duplicates()).isEqualTo(1);
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
        for (int i = 1; i <= 40; i++) assertThat(d.check(String.format("L%03d", 2 * i), i + 1)).isZero();
        assertThat(d.stoppedAtLine()).isZero();
        assertThat(d.check("L010", 42)).isEqualTo(6); // kept: found
        assertThat(d.check("L060", 43)).isZero(); // past what was kept: not found, and the check says so
        assertThat(d.stoppedAtLine()).isEqualTo(14); // L026, on line 14, was the first not kept
        assertThat(d.duplicates()).isEqualTo(1);
    }

    @Test
    void aRunCountsAgainstTheBoundAndOnceKeptGrowsPastIt() {
        DuplicateIds d = new DuplicateIds(16); // keeps 12 entries; a run costs 4
        for (String id : new String[] {"e00", "f00", "g00", "h00"}) d.check(id, 2 + "efgh".indexOf(id.charAt(0)));
        for (int k = 1; k <= 30; k++) d.check(String.format("m%02d", k), 5 + k); // m01–m07 entries, a run from m08: 4 + 4
        assertThat(d.runs()).isEqualTo(1);
        assertThat(d.chainedEntries()).isEqualTo(4);
        for (String id : new String[] {"n00", "o00", "p00", "q00", "r00"}) d.check(id, 36 + "nopqr".indexOf(id.charAt(0)));
        assertThat(d.chainedEntries()).isEqualTo(8); // r00 did not fit
        assertThat(d.check("m25", 50)).isEqualTo(30); // the run holds 30 ids for the price of 4 entries
        assertThat(d.check("q00", 51)).isEqualTo(39);
        assertThat(d.check("r00", 52)).isZero();
        assertThat(d.stoppedAtLine()).isEqualTo(40);
        assertThat(d.duplicates()).isEqualTo(2);
    }

    @Test
    void aStreakThatCannotBeKeptAsARunIsNotOne() {
        DuplicateIds d = new DuplicateIds(16); // 12 entries
        for (int i = 1; i <= 9; i++) d.check("a" + i, 1 + i); // a run
        for (int i = 1; i <= 9; i++) d.check("b" + i, 10 + i); // a run: 8 of 12
        for (int i = 1; i <= 9; i++) d.check("c" + i, 19 + i); // c1–c4 entries, then full from c5 (line 24)
        assertThat(d.runs()).isEqualTo(2);
        assertThat(d.chainedEntries()).isEqualTo(4);
        assertThat(d.check("a5", 30)).isEqualTo(6);
        assertThat(d.stoppedAtLine()).isEqualTo(24);
        assertThat(d.check("b9", 31)).isEqualTo(19);
        assertThat(d.check("c3", 32)).isEqualTo(22);
        assertThat(d.check("c7", 33)).isZero();
        assertThat(d.duplicates()).isEqualTo(3);
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

    /**
     * Seeded: numbered files as systems write them — runs of consecutive numbers, padded or not, with lines that carry no
     * id, numbers skipped, prefixes that change, a run restarted — and then any mix: the same first lines as a plain map.
     */
    @Test
    void agreesWithAMapOfEveryIdOnSeededNumberedFiles() {
        java.util.Random rnd = new java.util.Random(61220261L);
        String[] prefixes = {"", "L", "E-", "2026-0001-", "x9"};
        int runsSeen = 0;
        for (int file = 0; file < 300; file++) {
            DuplicateIds d = new DuplicateIds(1 << 16);
            java.util.Map<String, Long> firstLine = new java.util.HashMap<>();
            java.util.List<String> seen = new java.util.ArrayList<>();
            int lines = 1 + rnd.nextInt(4000);
            int ordered = rnd.nextInt(lines + 1);
            int width = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(7);
            int p = 0;
            long next = rnd.nextInt(3);
            long repeats = 0;
            for (int i = 0; i < lines; i++) {
                long line = i + 2;
                String id;
                if (i < ordered) {
                    int r = rnd.nextInt(100);
                    if (r == 0 && p + 1 < prefixes.length) {
                        p++; // a later prefix comes after when it is as long or longer
                        next = 0;
                    }
                    if (r == 1) next += 1 + rnd.nextInt(3); // numbers skipped
                    id = r == 2 ? null : prefixes[p] + (width == 0 ? Long.toString(next) : String.format("%0" + width + "d", next));
                    if (id != null) next++;
                } else {
                    id = switch (rnd.nextInt(3)) {
                        case 0 -> seen.isEmpty() ? "none" : seen.get(rnd.nextInt(seen.size()));
                        case 1 -> prefixes[rnd.nextInt(prefixes.length)] + rnd.nextInt(3 * lines);
                        default -> prefixes[rnd.nextInt(prefixes.length)] + String.format("%0" + (1 + rnd.nextInt(7)) + "d", rnd.nextInt(lines));
                    };
                }
                long want = id == null ? 0 : firstLine.getOrDefault(id, 0L);
                if (id != null && firstLine.putIfAbsent(id, line) == null) seen.add(id);
                if (want != 0) repeats++;
                if (i == ordered - 1) runsSeen += d.runs();
                assertThat(d.check(id, line)).as("file %d line %d id %s", file, line, id).isEqualTo(want);
            }
            assertThat(d.duplicates()).as("file %d", file).isEqualTo(repeats);
            assertThat(d.stoppedAtLine()).isZero();
        }
        assertThat(runsSeen).isGreaterThan(300); // the files did make runs
    }

    /**
     * Repeats found beforehand (Spark compares a file's ids across its ranges): each line's id as {@code lineIds} reads it,
     * the later lines of an id given its first line, and the piece run knowing them writes what the file's run writes.
     */
    @Test
    void repeatsFoundFromTheLineIdsGiveTheRunsOutputByteForByte() throws IOException {
        java.util.Random rnd = new java.util.Random(3);
        String body = FILE.substring(HEADER.length());
        for (int round = 0; round < 4; round++) {
            List<String> lines = new ArrayList<>(List.of((body + body + body).split("\n", -1)));
            if (round > 0) java.util.Collections.shuffle(lines, rnd);
            String file = HEADER + String.join("\n", lines);
            Path in = dir.resolve("in" + round + ".csv");
            Files.writeString(in, file);
            BulkAssessment.Summary whole = BulkAssessment.run(ChunkedBulkTest.ASSESSOR, in, dir.resolve("out" + round + ".csv"),
                    dir.resolve("rej" + round + ".csv"), BulkAssessment.Options.defaults());

            java.util.Map<String, Long> first = new java.util.HashMap<>();
            List<long[]> repeats = new ArrayList<>();
            BulkAssessment.LineIds ids = BulkAssessment.lineIds(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), "in.csv",
                    BulkAssessment.Format.CSV, BulkAssessment.Options.defaults(), 2);
            while (ids.next()) {
                Long f = first.putIfAbsent(ids.id(), ids.line());
                if (f != null) repeats.add(new long[]{ids.line(), f});
            }
            long[] ls = repeats.stream().mapToLong(x -> x[0]).toArray();
            long[] fs = repeats.stream().mapToLong(x -> x[1]).toArray();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream rej = new java.io.ByteArrayOutputStream();
            BulkAssessment.Piece p = BulkAssessment.runPiece(ChunkedBulkTest.ASSESSOR, new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)),
                    "in.csv", BulkAssessment.Format.CSV, BulkAssessment.Options.defaults(), 2, true, out, rej, false,
                    new BulkAssessment.KnownRepeats(ls, fs));
            assertThat(out.toString(StandardCharsets.UTF_8)).as("round %d", round).isEqualTo(Files.readString(dir.resolve("out" + round + ".csv")));
            assertThat(rej.toString(StandardCharsets.UTF_8)).isEqualTo(Files.readString(dir.resolve("rej" + round + ".csv")));
            assertThat(p.summary().duplicateIds()).isEqualTo(whole.duplicateIds()).isEqualTo(ls.length);
        }
        // what cannot be a repeat is refused, not believed
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BulkAssessment.KnownRepeats(new long[]{5, 4}, new long[]{2, 2}))
                .hasMessage("lines not ascending at 4");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BulkAssessment.KnownRepeats(new long[]{5}, new long[]{5}))
                .hasMessage("line 5 repeats line 5");
    }

    private static ByteArrayInputStream bytes() {
        return new ByteArrayInputStream(FILE.getBytes(StandardCharsets.UTF_8));
    }
}
