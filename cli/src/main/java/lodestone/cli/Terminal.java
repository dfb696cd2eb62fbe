package lodestone.cli;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether progress can be drawn: only on an interactive terminal, never into a pipe, a file or a CI log. Progress goes to
 * standard error, so standard error must be the terminal: the console answers for standard input and output only, and
 * {@code lodestone assess-file … 2>run.log} typed at a terminal piled carriage returns into run.log.
 */
public final class Terminal {
    private Terminal() {
    }

    public static boolean isInteractive() {
        return consoleIsTerminal() && standardErrorIsTerminal();
    }

    private static boolean consoleIsTerminal() {
        Console c = System.console();
        if (c == null) return false;
        try {
            // JDK 22+ returns a Console even when redirected; isTerminal() tells the truth there
            Method m = Console.class.getMethod("isTerminal");
            return (Boolean) m.invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a non-null console is a terminal
        }
    }

    /** Whether file descriptor 2 is a terminal device, as Linux's /proc says; where there is no /proc, the console's answer stands. */
    static boolean standardErrorIsTerminal() {
        Path fd2 = Path.of("/proc/self/fd/2");
        if (!Files.exists(fd2, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return true;
        try {
            String device = Files.readSymbolicLink(fd2).toString();
            return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty") || device.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return true;
        }
    }
}
