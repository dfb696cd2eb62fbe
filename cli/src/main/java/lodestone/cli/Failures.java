package lodestone.cli;

import lodestone.regime.Problem;
import lodestone.regime.RegimeInvalidException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one place where failures become exit codes, the same convention for every command (docs/architecture.md,
 * "Exit codes"). A user never sees a stack trace for bad input:
 * <ul>
 *   <li>{@link #ANSWER} 0: an answer — including answers that say no (a prohibited line, a good that does not qualify,
 *       the rejected lines of a bulk file);</li>
 *   <li>{@link #NO_ANSWER} 1: the question has no answer (no equilibrium, every draw failed, a target unreachable, an LCP
 *       without a solution, a ledger chain that does not verify, a project that fails screening);</li>
 *   <li>{@link #REFUSED} 2: input refused, every problem printed and nothing run — an unknown command or option, a bad option
 *       value, an unknown name, any input file refused (regime, scenario, ledger, bill of materials, company file, registry,
 *       bulk file's header);</li>
 *   <li>{@link #ENVIRONMENT} 3: a file that cannot be read or written, a missing one included (or another failure of the environment: a port in use,
 *       a heap too small for the command);</li>
 *   <li>{@link #BUG} 70: a bug, with its stack trace to report.</li>
 * </ul>
 * Commands return {@link #ANSWER} or {@link #NO_ANSWER}; a refusal is thrown ({@link Refused}, {@link RegimeInvalidException},
 * {@link IllegalArgumentException}, {@link UserError}) and an unreadable file is an {@link java.io.IOException}, mapped here.
 */
public final class Failures implements CommandLine.IExecutionExceptionHandler {
    public static final int ANSWER = 0;
    public static final int NO_ANSWER = 1;
    public static final int REFUSED = 2;
    public static final int ENVIRONMENT = 3;
    public static final int BUG = 70;

    /** The convention in a line, for the help of the commands that state exit codes. */
    public static final String EXIT_CODES = "Exit codes (every command): 0 an answer, 1 no answer, 2 input refused (every problem "
            + "printed, nothing run), 3 a file cannot be read or written (or another failure of the environment), 70 a bug.";

    static {
        // picocli's own refusals (an unknown command or option, a bad option value) are the same code
        if (CommandLine.ExitCode.USAGE != REFUSED) throw new AssertionError("picocli's usage code is not " + REFUSED);
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parse) {
        PrintWriter err = cl.getErr();
        switch (ex) {
            case RegimeInvalidException e -> {
                problems(err, e.problems(), "nothing was loaded.");
                return REFUSED;
            }
            case Refused e -> {
                problems(err, e.problems(), e.outcome());
                return REFUSED;
            }
            case UserError e -> {
                err.println("lodestone: " + e.getMessage());
                err.flush();
                return e.exitCode();
            }
            case IllegalArgumentException e when e.getMessage() != null && !e.getMessage().isBlank() -> {
                // ours say what was wrong; one without words is a library's refusal the command failed to check for (it was
                // printed "lodestone: null", exit 2): an internal error, below
                err.println("lodestone: " + e.getMessage());
                err.flush();
                return REFUSED;
            }
            case java.io.IOException e -> {
                // a file that cannot be read or written: its name and the reason, not a trace
                err.println("lodestone: " + inWords(e));
                err.flush();
                return ENVIRONMENT;
            }
            case UncheckedIOException e -> {
                err.println("lodestone: " + (e.getCause() instanceof java.nio.file.FileSystemException fs && e.getMessage().equals(fs.toString())
                        ? inWords(fs) : e.getMessage()));
                err.flush();
                return ENVIRONMENT;
            }
            default -> {
                for (Throwable t = ex; t != null; t = t.getCause()) {
                    if (t instanceof OutOfMemoryError) return outOfMemory(err); // on a worker thread, handed on wrapped
                }
                err.println("lodestone: internal error (please report it with the command you ran):");
                ex.printStackTrace(err);
                err.flush();
                return BUG;
            }
        }
    }

    /**
     * The heap was too small for the command (a small machine or container, an operator's {@code -Xmx}): said in words with
     * the limit and how to raise it, exit {@link #ENVIRONMENT} — the command's output files are written beside their
     * targets and moved over them only when complete ({@link Replacement}), so none is left half-written.
     */
    static int outOfMemory(PrintWriter err) {
        err.println("lodestone: out of memory: the command needed more than the " + maxHeapMib() + " MiB of heap this JVM may use, and "
                + "stopped (an output file it was writing is left as it was). Give it more, e.g. LODESTONE_JAVA_OPTS=-Xmx512m ./lodestone …; "
                + "by default the JVM takes a quarter of the machine's (or its container's) memory (docs/reliability.md, \"A small machine\")");
        err.flush();
        return ENVIRONMENT;
    }

    /** The heap's limit as set ({@code -Xmx}, or the JVM's choice), in MiB; {@code Runtime.maxMemory} leaves out a survivor space. */
    private static long maxHeapMib() {
        try {
            var hotspot = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return Long.parseLong(hotspot.getVMOption("MaxHeapSize").getValue()) >> 20;
        } catch (RuntimeException | LinkageError e) {
            return Runtime.getRuntime().maxMemory() >> 20;
        }
    }

    /** Every problem, one a line, then how many and what did not happen ("nothing was run."). */
    static void problems(PrintWriter err, List<?> problems, String outcome) {
        for (Object p : problems) err.println(p);
        err.println(problems.size() + (problems.size() == 1 ? " problem" : " problems") + "; " + outcome);
        err.flush();
    }

    /** A file that cannot be read, said in words (exit 3): missing, a directory, or not readable. */
    public static void requireReadable(Path f) throws java.io.IOException {
        if (!Files.exists(f)) throw new java.nio.file.NoSuchFileException(f.toString(), null, "no such file");
        if (Files.isDirectory(f)) throw new java.nio.file.FileSystemException(f.toString(), null, "is a directory, not a file");
        if (!Files.isReadable(f)) throw new java.nio.file.AccessDeniedException(f.toString(), null, "permission denied: cannot read it");
    }

    /** An I/O failure as a user reads it: the file and the reason. */
    private static String inWords(java.io.IOException e) {
        return e instanceof java.nio.file.FileSystemException fs && fs.getFile() != null
                ? fs.getFile() + ": " + (fs.getReason() != null ? fs.getReason() : reason(fs)) : e.getMessage();
    }

    /** A file-system failure in words (reported: "NoSuchFileException" was all a user read). */
    static String reason(java.nio.file.FileSystemException e) {
        return switch (e) {
            case java.nio.file.NoSuchFileException x -> "no such file or directory" + (x.getOtherFile() == null ? "" : " (" + x.getOtherFile() + ")");
            case java.nio.file.AccessDeniedException x -> "permission denied";
            case java.nio.file.FileAlreadyExistsException x -> "already exists";
            case java.nio.file.NotDirectoryException x -> "not a directory";
            case java.nio.file.DirectoryNotEmptyException x -> "directory not empty";
            default -> e.getClass().getSimpleName();
        };
    }

    /**
     * An input refused with its located problems (a scenario, a company file, a bill of materials): each is printed on its
     * own line, then their number and the outcome ("nothing was run."); exit {@link #REFUSED}.
     */
    public static final class Refused extends RuntimeException {
        private final transient List<?> problems;
        private final String outcome;

        public Refused(List<?> problems, String outcome) {
            super(problems.size() + " problems; " + outcome);
            this.problems = List.copyOf(problems);
            this.outcome = outcome;
        }

        List<?> problems() {
            return problems;
        }

        String outcome() {
            return outcome;
        }
    }

    /** An error caused by the user's input or environment, with its message and the exit code to use. */
    public static final class UserError extends RuntimeException {
        private final int exitCode;

        public UserError(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }

    private static final java.util.regex.Pattern WINDOWS_PATH = java.util.regex.Pattern.compile("([A-Za-z]):[\\\\/](.*)");

    /**
     * For each argument (or option value after '=') that is a Windows path ({@code C:\Users\…}, {@code d:/…}) naming no file
     * here, a line saying where Linux and WSL have it ({@code /mnt/c/Users/…}): said after a refusal, which named it only
     * as 'no such file'.
     */
    static List<String> windowsPaths(String[] args) {
        List<String> out = new java.util.ArrayList<>();
        for (String a : args) {
            String v = a.startsWith("-") && a.indexOf('=') > 0 ? a.substring(a.indexOf('=') + 1) : a;
            java.util.regex.Matcher m = WINDOWS_PATH.matcher(v);
            if (!m.matches()) continue;
            try {
                if (Files.exists(Path.of(v))) continue;
            } catch (java.nio.file.InvalidPathException e) {
                // not a name here either: said below
            }
            String wsl = "/mnt/" + m.group(1).toLowerCase(java.util.Locale.ROOT) + "/" + m.group(2).replace('\\', '/');
            out.add("lodestone: '" + v + "' is a Windows path; on Linux or WSL the file is '" + wsl + "' (Windows drives are under /mnt)");
        }
        return out;
    }
}
