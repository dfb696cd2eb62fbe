package lodestone.cli;

import lodestone.store.BulkJobs;
import lodestone.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lodestone jobs retire --finished-before DAY}: the jobs finished before the day retired in a stopped server's data
 * directory, each printed; refused, saying where to retire instead, while a server holds the data directory.
 */
class JobsRetireCliTest {
    @TempDir
    Path dir;

    static final String TOTALS = "{\"by_origin\":[{\"origin\":\"CN\",\"lines\":2,\"prohibited\":0,\"total_duty\":\"2.00\"}],"
            + "\"by_heading\":[],\"by_measure\":[],\"total_duty\":\"2.00\"}";

    @Test
    void theJobsFinishedBeforeTheDayAreRetiredAndADataDirectoryInUseIsRefused() throws Exception {
        Path data = dir.resolve("data");
        long id;
        byte[] file = "h\na\nb\n".getBytes(StandardCharsets.UTF_8);
        try (Store s = Store.embedded(data)) {
            BulkJobs jobs = s.bulkJobs();
            id = jobs.submit("k", "old.csv", "csv", file, "bundled", "v", "ana", 10).job().id();
            jobs.claimNext().orElseThrow();
            jobs.commitChunk(id, new BulkJobs.ChunkResult(0, 0, 2, 2, 0, 0, new BigDecimal("2.00"), "h\nr1\nr2\n", "hr\n", 0, 0, TOTALS));
            jobs.finish(id);

            // the server (here: this process) holds the data directory
            Cli inUse = Cli.run("jobs", "retire", "--finished-before", "2026-01-01", "--data-dir", data.toString());
            assertThat(inUse.exit()).isEqualTo(2);
            assertThat(inUse.err().replaceAll("\\s+", " ")).contains("--data-dir: " + data + " is in use by a running Lodestone server: retire"
                    + " the jobs through it instead — its web application's administration page (Old jobs), or POST /api/jobs/retire with an"
                    + " administrator's token and {\"finished_before\": \"2026-01-01\"} — or stop it first");
        }
        Cli bad = Cli.run("jobs", "retire", "--finished-before", "June", "--data-dir", data.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--finished-before: \"June\" is not a date; expected YYYY-MM-DD");

        Cli none = Cli.run("jobs", "retire", "--finished-before", "2026-01-01", "--data-dir", data.toString());
        assertThat(none.exit()).as(none.err()).isZero();
        assertThat(none.out()).isEqualTo("no job to retire: none finished before 2026-01-01 that was not retired already\n");

        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        Cli r = Cli.run("jobs", "retire", "--finished-before", tomorrow, "--data-dir", data.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        // the bytes as stored: each value its length and a header, of one byte under 127 bytes (results, rejects, the file) and
        // of four from 127 (the totals: 128)
        assertThat(TOTALS.length()).isEqualTo(128);
        long bytes = (8 + 1) + (3 + 1) + (TOTALS.length() + 4) + (file.length + 1);
        assertThat(r.out()).isEqualTo("retired bulk job " + id + " (old.csv): 2 lines, " + bytes + " bytes\n"
                + "retired 1 job finished before " + tomorrow + ": 2 lines; " + bytes + " bytes of files and results removed (the database"
                + " reuses the space; docs/reliability.md)\n");
        try (Store s = Store.embedded(data)) {
            BulkJobs.Job j = s.bulkJobs().get(id).orElseThrow();
            assertThat(j.retired()).isTrue();
            assertThat(j.retiredTotals()).isEqualTo(lodestone.border.bulk.BulkTotals.sumJson(java.util.List.of(TOTALS)));
            assertThat(lodestone.border.bulk.BulkTotals.fromJson(j.retiredTotals()).total()).isEqualByComparingTo("2.00");
            assertThat(j.linesDone()).isEqualTo(2);
        }
    }
}
