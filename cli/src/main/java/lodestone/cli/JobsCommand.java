package lodestone.cli;

import lodestone.border.bulk.BulkTotals;
import lodestone.store.BulkJobs;
import lodestone.store.Store;
import lodestone.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lodestone jobs retire}: the server's bulk and compare jobs finished before a day, retired while the server is stopped. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "The bulk and compare jobs kept by lodestone serve.",
        subcommands = {JobsCommand.Retire.class},
        footer = {"", "Examples:", "  lodestone jobs retire --finished-before 2026-06-01 --data-dir /srv/lodestone"})
final class JobsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "retire", mixinStandardHelpOptions = true,
            description = {"Retires every bulk and compare job (of every user) that finished — done, failed or cancelled — before "
                    + "--finished-before (00:00 UTC of that day): its uploaded file and its results, rejects or figures are removed from "
                    + "the database; the job stays listed with its counts and totals (docs/reliability.md, \"Retiring old jobs\"). The "
                    + "assessment ledger, what-ifs, scenario runs and stockpile events are never removed. Prints each job retired.",
                    "Opens the embedded database in --data-dir, which the server must not be using: while it runs, retire through it "
                            + "(the administration page's Old jobs, or POST /api/jobs/retire). With --db-url, the shared database, "
                            + "beside a running server or not. Exit codes: 0 done (also when no job was due), 2 a refused option or a "
                            + "data directory in use, 3 when the database cannot be opened."},
            footer = {"", "Examples:", "  lodestone jobs retire --finished-before 2026-06-01",
                    "  lodestone jobs retire --finished-before 2026-06-01 --data-dir /srv/lodestone",
                    "  LODESTONE_DB_URL=jdbc:postgresql://db:5432/lodestone LODESTONE_DB_USER=… LODESTONE_DB_PASSWORD=… lodestone jobs retire --finished-before 2026-06-01",
                    "", Failures.EXIT_CODES})
    static final class Retire implements Callable<Integer> {
        @Option(names = "--finished-before", paramLabel = "YYYY-MM-DD", required = true,
                description = "Retire the jobs that finished before this day (00:00 UTC).")
        String finishedBefore;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "The embedded database's home (default: ~/.lodestone).")
        Path dataDir;

        @Option(names = "--db-url", paramLabel = "JDBC_URL", description = "A shared PostgreSQL server instead (default: $LODESTONE_DB_URL; "
                + "user and password: $LODESTONE_DB_USER, $LODESTONE_DB_PASSWORD).")
        String dbUrl;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            LocalDate before;
            try {
                before = LocalDate.parse(finishedBefore.trim());
            } catch (DateTimeParseException e) {
                throw new Failures.UserError(Failures.REFUSED, "--finished-before: \"" + finishedBefore + "\" is not a date; expected YYYY-MM-DD");
            }
            String url = dbUrl != null ? dbUrl : System.getenv("LODESTONE_DB_URL");
            boolean embedded = url == null || url.isBlank();
            Path dir;
            try {
                dir = dataDir != null ? dataDir : lodestone.store.UserFolders.current().dataDirectory(); // as serve and ledger verify find it
            } catch (StoreException noHome) {
                throw new Failures.UserError(Failures.ENVIRONMENT, "cannot retire the jobs: " + noHome.getMessage());
            }
            if (embedded) {
                if (!java.nio.file.Files.isDirectory(dir.resolve("postgres"))) {
                    throw new Failures.UserError(Failures.REFUSED, "--data-dir: " + dir + " holds no Lodestone database (no postgres directory)");
                }
                if (Store.embeddedInUse(dir)) {
                    throw new Failures.UserError(Failures.REFUSED, "--data-dir: " + dir + " is in use by a running Lodestone server: retire"
                            + " the jobs through it instead — its web application's administration page (Old jobs), or POST /api/jobs/retire"
                            + " with an administrator's token and {\"finished_before\": \"" + before + "\"} — or stop it first");
                }
            }
            List<BulkJobs.Retired> retired;
            try (Store store = embedded ? Store.embedded(dir)
                    : Store.shared(url, System.getenv("LODESTONE_DB_USER"), System.getenv("LODESTONE_DB_PASSWORD"))) {
                retired = store.bulkJobs().retireFinishedBefore(before.atStartOfDay(ZoneOffset.UTC).toInstant(), BulkTotals::sumJson);
            } catch (StoreException e) {
                throw new Failures.UserError(Failures.ENVIRONMENT, "cannot retire the jobs: " + e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            long lines = 0;
            long bytes = 0;
            for (BulkJobs.Retired r : retired) {
                out.printf("retired %s job %d (%s): %,d lines, %,d bytes%n", BulkJobs.kindWord(r.kind()),
                        r.jobId(), r.fileName(), r.lines(), r.bytes());
                lines += r.lines();
                bytes += r.bytes();
            }
            if (retired.isEmpty()) out.printf("no job to retire: none finished before %s that was not retired already%n", before);
            else out.printf("retired %d %s finished before %s: %,d lines; %,d bytes of files and results removed (the database reuses"
                    + " the space; docs/reliability.md)%n", retired.size(), retired.size() == 1 ? "job" : "jobs", before, lines, bytes);
            return Failures.ANSWER;
        }
    }
}
