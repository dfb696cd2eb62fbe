package lodestone.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lodestone serve}'s refusals: they come before anything is started or written. */
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void aTakenPortIsRefusedBeforeTheDatabaseStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Path data = dir.resolve("data");
            Cli r = Cli.run("serve", "--port", String.valueOf(taken.getLocalPort()), "--data-dir", data.toString());
            assertThat(r.exit()).isEqualTo(3);
            assertThat(r.err()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": the port is in use");
            assertThat(Files.exists(data)).as("no database was created").isFalse();
        }
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        Cli r = Cli.run("serve", "--port", "70000", "--data-dir", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--port: 70000 is not a port; expected 0 to 65535");
    }

    @Test
    void aRetentionOfNoDaysOrMoreThanACenturyIsAUsageErrorNamingTheOption() {
        for (String days : new String[]{"0", "-5", "36501"}) {
            Cli r = Cli.run("serve", "--retain-jobs-days", days, "--data-dir", dir.resolve("d").toString());
            assertThat(r.exit()).as(days).isEqualTo(2);
            assertThat(r.err()).contains("--retain-jobs-days: " + days + " is not a number of days from 1 to 36500 (leave it out to keep"
                    + " finished jobs until an administrator retires them)");
        }
        Cli words = Cli.run("serve", "--retain-jobs-days", "ninety", "--data-dir", dir.resolve("d").toString());
        assertThat(words.exit()).isEqualTo(2);
        assertThat(words.err()).contains("--retain-jobs-days").contains("ninety");
        assertThat(Files.exists(dir.resolve("d"))).as("no database was created").isFalse();
    }

    @Test
    void theLogFilesOptionsAreRefusedOutOfRangeOrWithoutALogFileAndAFileThatCannotBeWrittenBeforeAnythingStarts() {
        Path data = dir.resolve("d");
        Cli alone = Cli.run("serve", "--port", "0", "--log-files", "3", "--data-dir", data.toString());
        assertThat(alone.exit()).isEqualTo(2);
        assertThat(alone.err()).contains("--log-files sets how the log file is cut: give it with --log-file FILE (without, the log is"
                + " standard output)");
        Cli big = Cli.run("serve", "--port", "0", "--log-file", dir.resolve("s.log").toString(), "--log-file-mb", "2048", "--data-dir", data.toString());
        assertThat(big.exit()).isEqualTo(2);
        assertThat(big.err()).contains("--log-file-mb: 2048 is not a size from 1 to 1024 MiB");
        Cli one = Cli.run("serve", "--port", "0", "--log-file", dir.resolve("s.log").toString(), "--log-files", "1", "--data-dir", data.toString());
        assertThat(one.exit()).isEqualTo(2);
        assertThat(one.err()).contains("--log-files: 1 is not a number of files from 2 to 100 (the current file and the older ones kept)");
        Path nowhere = dir.resolve("no-such-folder").resolve("server.log");
        Cli cannot = Cli.run("serve", "--port", "0", "--log-file", nowhere.toString(), "--data-dir", data.toString());
        assertThat(cannot.exit()).isEqualTo(3);
        assertThat(cannot.err()).contains("--log-file: cannot write " + nowhere + ": " + nowhere);
        assertThat(Files.exists(data)).as("no database was created").isFalse();
    }
}
