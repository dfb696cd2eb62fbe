package lodestone.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's own log file, cut by size with a bounded number kept (serve --log-file; docs/reliability.md). */
class LogFileTest {
    @TempDir
    Path dir;

    @Test
    void theLogIsCutAtALinesEndOnceAFileHoldsItsSizeAndOnlyTheNewestFilesAreKept() throws Exception {
        Path file = dir.resolve("server.log");
        List<String> said = new ArrayList<>();
        try (PrintStream log = at(file, 100, 3)) {
            for (int i = 1; i <= 40; i++) {
                String line = "lodestone: line " + i + " of the server's log"; // 38 or 39 bytes with its newline
                log.print(line.substring(0, 10)); // a line written in parts, as a stack trace or slf4j-simple writes it
                log.println(line.substring(10));
                said.add(line);
            }
        }
        // each line begun with its time (25 bytes), 63 or 64 bytes in all: a file is cut at the first line's end at or past 100
        // bytes, i.e. after 2 lines (126 to 128 bytes): 40 lines make 20 files, of which the newest 3 are kept
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted()).containsExactly("server.log", "server.log.1", "server.log.2");
        }
        List<String> current = Files.readAllLines(file);
        List<String> one = Files.readAllLines(dir.resolve("server.log.1"));
        List<String> two = Files.readAllLines(dir.resolve("server.log.2"));
        assertThat(current).isEqualTo(stamped(said.subList(38, 40)));
        assertThat(one).isEqualTo(stamped(said.subList(36, 38)));
        assertThat(two).isEqualTo(stamped(said.subList(34, 36)));
        for (Path p : List.of(file, dir.resolve("server.log.1"), dir.resolve("server.log.2"))) {
            assertThat(Files.size(p)).as(p.toString()).isLessThanOrEqualTo(100 + 64);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(p.toString()).isEqualTo("rw-------");
        }
    }

    @Test
    void aRestartedServerAppendsToItsFileAndALineCutShortByAKillIsEndedFirst() throws Exception {
        Path file = dir.resolve("server.log");
        Files.writeString(file, "lodestone: serving on http://127.0.0.1:8152\nlodestone: resuming bulk jo", StandardCharsets.UTF_8);
        try (PrintStream log = at(file, 1 << 20, 5)) {
            log.println("lodestone: serving on http://127.0.0.1:8152");
        }
        // the line cut short stays as it was, ended; what the next server says follows in a line of its own
        assertThat(Files.readString(file)).isEqualTo("lodestone: serving on http://127.0.0.1:8152\nlodestone: resuming bulk jo\n"
                + "2026-12-07T21:32:23.020Z lodestone: serving on http://127.0.0.1:8152\n");
    }

    @Test
    void aFileThatCannotBeCutIsWrittenOnAndNothingIsThrownToWhoeverLogs() throws Exception {
        Path file = dir.resolve("server.log");
        // where FILE.1 would go stands a folder with a file in it (as root, a read-only folder would not stop the move)
        Files.writeString(Files.createDirectory(dir.resolve("server.log.1")).resolve("kept"), "x");
        try (PrintStream log = at(file, 10, 2)) {
            log.println("lodestone: first line, longer than the limit");
            log.println("lodestone: second line");
            log.println("lodestone: third line");
            assertThat(log.checkError()).isFalse();
        }
        assertThat(Files.readAllLines(file)).isEqualTo(stamped(List.of("lodestone: first line, longer than the limit",
                "lodestone: second line", "lodestone: third line")));
    }

    /** A log file whose lines are all said at 2026-12-07T21:32:23.020Z (a time with a trailing zero: written with it). */
    private static PrintStream at(Path file, long maxBytes, int files) throws java.io.IOException {
        java.time.Clock fixed = java.time.Clock.fixed(java.time.Instant.parse("2026-12-07T21:32:23.020Z"), java.time.ZoneOffset.UTC);
        return new PrintStream(new LogFile(file, maxBytes, files, fixed), true, StandardCharsets.UTF_8);
    }

    private static List<String> stamped(List<String> lines) {
        return lines.stream().map(l -> "2026-12-07T21:32:23.020Z " + l).toList();
    }
}
