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
        try (PrintStream log = LogFile.printStream(file, 100, 3)) {
            for (int i = 1; i <= 40; i++) {
                String line = "lodestone: line " + i + " of the server's log"; // 38 or 39 bytes with its newline
                log.print(line.substring(0, 10)); // a line written in parts, as a stack trace or slf4j-simple writes it
                log.println(line.substring(10));
                said.add(line);
            }
        }
        // a file is cut at the first line's end at or past 100 bytes, i.e. after 3 lines (114 to 117 bytes): 40 lines make
        // 14 files, of which the newest 3 are kept, the current one holding the 40th line alone
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted()).containsExactly("server.log", "server.log.1", "server.log.2");
        }
        List<String> current = Files.readAllLines(file);
        List<String> one = Files.readAllLines(dir.resolve("server.log.1"));
        List<String> two = Files.readAllLines(dir.resolve("server.log.2"));
        assertThat(current).isEqualTo(said.subList(39, 40));
        assertThat(one).isEqualTo(said.subList(36, 39));
        assertThat(two).isEqualTo(said.subList(33, 36));
        for (Path p : List.of(file, dir.resolve("server.log.1"), dir.resolve("server.log.2"))) {
            assertThat(Files.size(p)).as(p.toString()).isLessThanOrEqualTo(100 + 39);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(p.toString()).isEqualTo("rw-------");
        }
    }

    @Test
    void aRestartedServerAppendsToItsFileAndALineCutShortByAKillIsEndedFirst() throws Exception {
        Path file = dir.resolve("server.log");
        Files.writeString(file, "lodestone: serving on http://127.0.0.1:8152\nlodestone: resuming bulk jo", StandardCharsets.UTF_8);
        try (PrintStream log = LogFile.printStream(file, 1 << 20, 5)) {
            log.println("lodestone: serving on http://127.0.0.1:8152");
        }
        // the line cut short stays as it was, ended; what the next server says follows in a line of its own
        assertThat(Files.readString(file)).isEqualTo("lodestone: serving on http://127.0.0.1:8152\nlodestone: resuming bulk jo\n"
                + "lodestone: serving on http://127.0.0.1:8152\n");
    }

    @Test
    void aFileThatCannotBeCutIsWrittenOnAndNothingIsThrownToWhoeverLogs() throws Exception {
        Path file = dir.resolve("server.log");
        // where FILE.1 would go stands a folder with a file in it (as root, a read-only folder would not stop the move)
        Files.writeString(Files.createDirectory(dir.resolve("server.log.1")).resolve("kept"), "x");
        try (PrintStream log = LogFile.printStream(file, 10, 2)) {
            log.println("lodestone: first line, longer than the limit");
            log.println("lodestone: second line");
            log.println("lodestone: third line");
            assertThat(log.checkError()).isFalse();
        }
        assertThat(Files.readAllLines(file)).containsExactly("lodestone: first line, longer than the limit", "lodestone: second line",
                "lodestone: third line");
    }
}
