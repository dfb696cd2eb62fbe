package lodestone.cli;

import lodestone.store.Ledger;
import lodestone.store.Store;
import lodestone.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code lodestone ledger verify}: recomputes the assessment ledger's hash chain and names every record that does not fit. */
@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = "The assessment ledger kept by lodestone serve.",
        subcommands = {LedgerCommand.Verify.class},
        footer = {"", "Examples:", "  lodestone ledger verify", "  lodestone ledger verify --data-dir /srv/lodestone"})
final class LedgerCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Recomputes the ledger's hash chain: every record's hash from its content, every record's link to the one "
                    + "before it, positions without gaps, and the newest record against the chain's head. Each changed, deleted or "
                    + "inserted record is named (id and position). Exit codes: 0 when the ledger is intact, 1 when it is not, 2 when "
                    + "--data-dir holds no Lodestone database, 3 when the database cannot be opened.",
                    "Reads the embedded database in --data-dir (the server must be stopped; a running server answers "
                            + "GET /api/ledger/verify), or the shared one at --db-url. It changes nothing: the schema is not migrated, "
                            + "and a database older than the ledger's hash chain (schema version 3) is refused."},
            footer = {"", "Examples:", "  lodestone ledger verify", "  lodestone ledger verify --data-dir /srv/lodestone",
                    "  LODESTONE_DB_URL=jdbc:postgresql://db:5432/lodestone LODESTONE_DB_USER=… LODESTONE_DB_PASSWORD=… lodestone ledger verify",
                    "", Failures.EXIT_CODES})
    static final class Verify implements Callable<Integer> {
        @Option(names = "--data-dir", paramLabel = "DIR", description = "The embedded database's home (default: ~/.lodestone).")
        Path dataDir;

        @Option(names = "--db-url", paramLabel = "JDBC_URL", description = "A shared PostgreSQL server instead (default: $LODESTONE_DB_URL; "
                + "user and password: $LODESTONE_DB_USER, $LODESTONE_DB_PASSWORD).")
        String dbUrl;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            String url = dbUrl != null ? dbUrl : System.getenv("LODESTONE_DB_URL");
            Path dir;
            try {
                dir = dataDir != null ? dataDir : lodestone.store.UserFolders.current().dataDirectory();
            } catch (StoreException e) {
                throw new Failures.UserError(Failures.ENVIRONMENT, "cannot verify the ledger: " + e.getMessage());
            }
            if ((url == null || url.isBlank()) && !java.nio.file.Files.isDirectory(dir.resolve("postgres"))) {
                throw new Failures.UserError(Failures.REFUSED, "--data-dir: " + dir + " holds no Lodestone database (no postgres directory)");
            }
            Ledger.Verification v;
            String schema;
            try (Store store = url == null || url.isBlank() ? Store.embeddedToRead(dir)
                    : Store.sharedToRead(url, System.getenv("LODESTONE_DB_USER"), System.getenv("LODESTONE_DB_PASSWORD"))) {
                v = store.ledger().verify();
                schema = store.schemaVersion();
            } catch (StoreException e) {
                throw new Failures.UserError(Failures.ENVIRONMENT, "cannot verify the ledger: " + e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("ledger: %,d records; chain head at position %d, hash %s%n", v.records(), v.headSeq(), v.headHash());
            out.printf("read only: schema version %s, nothing migrated or written%n", schema);
            if (v.intact()) {
                out.println("intact: every record's content matches its hash, every link holds, no position is missing");
                return 0;
            }
            for (String p : v.problems()) out.println(p);
            out.printf("NOT intact: %d %s%n", v.problems().size(), v.problems().size() == 1 ? "problem" : "problems");
            return Failures.NO_ANSWER;
        }
    }
}
