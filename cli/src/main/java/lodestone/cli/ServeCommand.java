package lodestone.cli;

import lodestone.server.Server;
import lodestone.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code lodestone serve}: the HTTP API and the web application over the PostgreSQL store. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Starts the server: the web application and the HTTP API (described at /api/openapi.json) on "
                + "http://127.0.0.1:8080. By default it starts its own embedded PostgreSQL with the data under ~/.lodestone "
                + "(no set-up); --db-url (or LODESTONE_DB_URL) uses an existing PostgreSQL server instead. The schema is "
                + "migrated at start. On first start an administrator token is shown on the terminal (never in the log) and kept in "
                + "DATA_DIR/admin-token (readable by this user only). Stop with Ctrl-C."},
        footer = {"", "Examples:", "  lodestone serve", "  lodestone serve --port 9090 --data-dir /srv/lodestone",
                "  lodestone serve --retain-jobs-days 90",
                "  lodestone serve --log-file /srv/lodestone/server.log --log-file-mb 20 --log-files 10",
                "  LODESTONE_DB_URL=jdbc:postgresql://db:5432/lodestone LODESTONE_DB_USER=lodestone LODESTONE_DB_PASSWORD=… lodestone serve --host 0.0.0.0"})
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N", description = "The port (default: 8080; 0 picks a free one).")
    int port = 8080;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "The interface to listen on (default: 127.0.0.1, this machine only).")
    String host = "127.0.0.1";

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the embedded database keeps its data (default: ~/.lodestone).")
    Path dataDir;

    @Option(names = "--db-url", paramLabel = "JDBC_URL", description = "Use this PostgreSQL server (jdbc:postgresql://HOST:PORT/DB) "
            + "instead of the embedded one; default: $LODESTONE_DB_URL. User and password: $LODESTONE_DB_USER, $LODESTONE_DB_PASSWORD.")
    String dbUrl;

    @Option(names = "--regime", paramLabel = "REGIME", description = "The regime to serve: bundled (default), bundled:plurilateral, "
            + "a folder holding regime.yaml, or a manifest file.")
    String regime = "bundled";

    @Option(names = "--new-admin-token", description = "Issue and print a new administrator token at start (when the first one was lost).")
    boolean newAdminToken;

    @Option(names = "--regime-folder", paramLabel = "DIR", description = "A regime folder (holding regime.yaml) or manifest that "
            + "administrators may make active, named folder:NAME after its last path element (repeatable). Requests name regimes only "
            + "by such names, never by a path on this machine.")
    List<String> regimeFolders;

    @Option(names = "--max-upload-mb", paramLabel = "MB", description = "The largest bulk file accepted (default: 256).")
    long maxUploadMb = 256;

    @Option(names = "--retain-jobs-days", paramLabel = "DAYS", description = "Retire a finished bulk or compare job's uploaded file and "
            + "results DAYS days after it ends, by itself (looked for at start and every hour); its row, counts and totals stay. "
            + "Default: never (an administrator retires old jobs).")
    Integer retainJobsDays;

    @Option(names = "--log-file", paramLabel = "FILE", description = "Write the server's log to FILE instead of standard output, "
            + "cut by size: FILE.1 is the newest older file; see --log-file-mb and --log-files. Default: standard output (a service "
            + "manager's journal).")
    Path logFile;

    @Option(names = "--log-file-mb", paramLabel = "MB", description = "With --log-file: begin a new file once one holds MB MiB "
            + "(default: " + lodestone.server.LogFile.DEFAULT_MB + "; 1 to " + lodestone.server.LogFile.MAX_MB + ").")
    Integer logFileMb;

    @Option(names = "--log-files", paramLabel = "N", description = "With --log-file: keep N files in all, the oldest removed (default: "
            + lodestone.server.LogFile.DEFAULT_FILES + "; " + lodestone.server.LogFile.MIN_FILES + " to " + lodestone.server.LogFile.MAX_FILES + ").")
    Integer logFiles;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) throw new Failures.UserError(Failures.REFUSED, "--port: " + port + " is not a port; expected 0 to 65535");
        if (maxUploadMb < 1) throw new Failures.UserError(Failures.REFUSED, "--max-upload-mb: expected at least 1");
        if (retainJobsDays != null && (retainJobsDays < 1 || retainJobsDays > lodestone.server.Server.MAX_RETAIN_DAYS)) {
            throw new Failures.UserError(Failures.REFUSED, "--retain-jobs-days: " + retainJobsDays + " is not a number of days from 1 to "
                    + lodestone.server.Server.MAX_RETAIN_DAYS + " (leave it out to keep finished jobs until an administrator retires them)");
        }
        int mb = logFileMb == null ? lodestone.server.LogFile.DEFAULT_MB : logFileMb;
        int files = logFiles == null ? lodestone.server.LogFile.DEFAULT_FILES : logFiles;
        if (logFile == null && (logFileMb != null || logFiles != null)) {
            throw new Failures.UserError(Failures.REFUSED, (logFileMb != null ? "--log-file-mb" : "--log-files")
                    + " sets how the log file is cut: give it with --log-file FILE (without, the log is standard output)");
        }
        if (mb < 1 || mb > lodestone.server.LogFile.MAX_MB) {
            throw new Failures.UserError(Failures.REFUSED, "--log-file-mb: " + mb + " is not a size from 1 to " + lodestone.server.LogFile.MAX_MB + " MiB");
        }
        if (files < lodestone.server.LogFile.MIN_FILES || files > lodestone.server.LogFile.MAX_FILES) {
            throw new Failures.UserError(Failures.REFUSED, "--log-files: " + files + " is not a number of files from "
                    + lodestone.server.LogFile.MIN_FILES + " to " + lodestone.server.LogFile.MAX_FILES + " (the current file and the older ones kept)");
        }
        String url = dbUrl != null ? dbUrl : System.getenv("LODESTONE_DB_URL");
        Path dir;
        try {
            dir = dataDir != null ? dataDir : lodestone.store.UserFolders.current().dataDirectory();
        } catch (StoreException e) {
            throw new Failures.UserError(Failures.ENVIRONMENT, "cannot start: " + e.getMessage());
        }
        Server.Config cfg = new Server.Config(host, port, dir, url == null || url.isBlank() ? null : url,
                System.getenv("LODESTONE_DB_USER"), System.getenv("LODESTONE_DB_PASSWORD"), regime, maxUploadMb << 20, 1L << 20,
                newAdminToken, System.out, regimeFolders == null ? List.of() : regimeFolders, retainJobsDays == null ? 0 : retainJobsDays);
        if (port != 0) requireFreePort(); // before the database starts: a taken port is a quick, clear error
        java.io.PrintStream terminalOut = System.out;
        java.io.PrintStream terminalErr = System.err;
        java.io.PrintStream fileLog = logFile == null ? null : openLog(mb, files);
        if (fileLog != null) {
            // the server's lines, the libraries' (slf4j-simple writes to System.err) and any stack trace go to the file
            System.setOut(fileLog);
            System.setErr(fileLog);
            // the file begins each line with its time: the libraries' lines need no second one (read once slf4j starts, later)
            System.setProperty("org.slf4j.simpleLogger.showDateTime", "false");
        }
        Server server;
        try {
            try {
                server = Server.start(cfg.withLog(System.out));
            } catch (StoreException e) {
                throw new Failures.UserError(Failures.ENVIRONMENT, "cannot start: " + e.getMessage());
            } catch (RuntimeException e) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof java.net.BindException) throw portInUse(); // taken between the check and the start
                }
                throw e;
            }
        } catch (RuntimeException e) {
            if (fileLog != null) { // said in the log, and on the terminal as every refusal to start is
                fileLog.println("lodestone: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                System.setOut(terminalOut);
                System.setErr(terminalErr);
            }
            throw e;
        }
        server.adminToken().ifPresent(t -> showAdminToken(t, server.url(), dir));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("lodestone: stopping (the embedded database is shut down cleanly)…");
            server.close();
            stopped.countDown();
        }, "lodestone-shutdown"));
        // the embedded database's own exit hook waits for that close instead of stopping PostgreSQL under the requests being
        // answered (at most the requests' grace, the worker's stop and the database's own stop)
        server.store().closedByOwnerAtExit(java.time.Duration.ofSeconds(60));
        stopped.await();
        return 0;
    }

    /**
     * A new administrator token is never written to the log (standard output may be one): it goes to
     * {@code DATA_DIR/admin-token}, readable by this user only, and — when there is one — to the terminal
     * itself, with the link that opens the web application signed in.
     */
    static void showAdminToken(String token, String url, Path dir) {
        // written by the server before the token was stored (Server.keepAdminToken), or said there that it could not be
        Path file = dir.resolve(Server.ADMIN_TOKEN_FILE);
        try {
            if (java.nio.file.Files.readString(file).strip().equals(token)) {
                System.out.println("lodestone: the new administrator token is in " + file + " (readable by this user only; delete it once kept)");
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not written: the server's log said why
        }
        try (var tty = new java.io.PrintStream(new java.io.FileOutputStream("/dev/tty"), true, java.nio.charset.StandardCharsets.UTF_8)) {
            tty.println();
            tty.println("  A new administrator token (shown on this terminal only, never in the log; keep it):");
            tty.println("    " + token);
            tty.println("  Open the web application signed in:  " + url + "/#token=" + token);
            tty.println();
        } catch (java.io.IOException | RuntimeException e) {
            // no terminal (a service, a pipe): the file is the only place
        }
        System.out.flush();
    }

    /** Opens the log file, saying on standard output where the log goes from here on. */
    private java.io.PrintStream openLog(int mb, int files) {
        try {
            java.io.PrintStream out = lodestone.server.LogFile.printStream(logFile, (long) mb << 20, files);
            System.out.println("lodestone: the server's log is " + logFile.toAbsolutePath() + " (a new file begun at " + mb
                    + " MiB, " + files + " files kept: " + logFile.getFileName() + " and " + logFile.getFileName() + ".1 to .%d)".formatted(files - 1));
            System.out.flush();
            return out;
        } catch (java.io.IOException | RuntimeException e) {
            throw new Failures.UserError(Failures.ENVIRONMENT, "--log-file: cannot write " + logFile.toAbsolutePath() + ": " + e.getMessage());
        }
    }

    private void requireFreePort() {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.bind(new java.net.InetSocketAddress(host, port));
        } catch (java.net.BindException e) {
            throw portInUse();
        } catch (java.io.IOException e) {
            throw new Failures.UserError(Failures.ENVIRONMENT, "cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
    }

    private Failures.UserError portInUse() {
        return new Failures.UserError(Failures.ENVIRONMENT, "cannot listen on " + host + ":" + port
                + ": the port is in use (another Lodestone?); pass --port N");
    }
}
