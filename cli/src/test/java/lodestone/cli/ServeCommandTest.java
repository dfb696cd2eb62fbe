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
}
