package lodestone.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether progress can be drawn: only on an interactive terminal, never into a pipe or a CI log. */
public final class Terminal {
    private Terminal() {
    }

    public static boolean isInteractive() {
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
}
