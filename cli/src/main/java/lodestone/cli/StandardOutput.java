package lodestone.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * Standard output that remembers why a write failed. {@code System.out} swallows its errors, so a result printed to a full
 * disk ({@code lodestone … --json > out.json}) left an empty or cut file and exit code 0: a script took it as the answer.
 * Once the command has run, {@link #exitCode} says so (exit 3), except when the reader stopped reading ({@code | head}):
 * that is the reader's choice, and the command ends quietly with its own code.
 */
final class StandardOutput extends OutputStream {
    private final OutputStream fd;
    private volatile IOException failure;

    StandardOutput(OutputStream fd) {
        this.fd = fd;
    }

    /** Puts a remembering standard output in place of {@code System.out} (same encoding) and returns it. */
    static StandardOutput install() {
        StandardOutput s = new StandardOutput(new FileOutputStream(FileDescriptor.out));
        System.setOut(new PrintStream(new java.io.BufferedOutputStream(s, 8192), true, System.out.charset()));
        return s;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            fd.write(b, off, len);
        } catch (IOException e) {
            if (failure == null) failure = e;
            throw e;
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            fd.flush();
        } catch (IOException e) {
            if (failure == null) failure = e;
            throw e;
        }
    }

    /** The exit code once the command returned {@code code}: {@link Failures#ENVIRONMENT} when what it printed was not all written. */
    int exitCode(int code, PrintWriter err) {
        System.out.flush();
        IOException f = failure;
        if (f == null || brokenPipe(f)) return code;
        err.println("lodestone: standard output could not be written (" + f.getMessage() + "): what it holds is incomplete");
        err.flush();
        return Failures.ENVIRONMENT;
    }

    /** The reader closed its end ({@code head}, {@code grep -q}): EPIPE, in the JDK's words. */
    static boolean brokenPipe(IOException e) {
        return e.getMessage() != null && e.getMessage().contains("Broken pipe");
    }
}
