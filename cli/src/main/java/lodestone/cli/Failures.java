package lodestone.cli;

import lodestone.regime.Problem;
import lodestone.regime.RegimeInvalidException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Maps failures to messages and exit codes. A user never sees a stack trace for bad input:
 * 1 = invalid regime or other input (every problem listed), 2 = bad usage or argument,
 * 3 = environment (a file that cannot be read or written), 70 = a bug (with the trace, to report it).
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {
    static final int INVALID = 1;
    static final int USAGE = 2;
    static final int ENVIRONMENT = 3;
    static final int BUG = 70;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parse) {
        PrintWriter err = cl.getErr();
        switch (ex) {
            case RegimeInvalidException e -> {
                for (Problem p : e.problems()) err.println(p);
                err.println(e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems")
                        + "; nothing was loaded.");
                err.flush();
                return INVALID;
            }
            case UserError e -> {
                err.println("lodestone: " + e.getMessage());
                err.flush();
                return e.exitCode();
            }
            case IllegalArgumentException e -> {
                err.println("lodestone: " + e.getMessage());
                err.flush();
                return USAGE;
            }
            case java.io.IOException e -> {
                // a file that cannot be read or written: its name and the reason, not a trace
                err.println("lodestone: " + (e instanceof java.nio.file.FileSystemException fs && fs.getFile() != null
                        ? fs.getFile() + ": " + (fs.getReason() != null ? fs.getReason() : reason(fs)) : e.getMessage()));
                err.flush();
                return ENVIRONMENT;
            }
            case UncheckedIOException e -> {
                err.println("lodestone: " + e.getMessage());
                err.flush();
                return ENVIRONMENT;
            }
            default -> {
                err.println("lodestone: internal error (please report it with the command you ran):");
                ex.printStackTrace(err);
                err.flush();
                return BUG;
            }
        }
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

    /** An error caused by the user's input or environment, with the exit code to use. */
    static final class UserError extends RuntimeException {
        private final int exitCode;

        UserError(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }
}
