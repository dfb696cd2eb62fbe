package lodestone.server;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The server's log written to a file of its own ({@code lodestone serve --log-file FILE}), cut by size: once the file holds
 * {@code maxBytes} or more, at the end of a line, it is moved to {@code FILE.1} (an older {@code FILE.1} to {@code FILE.2}, and
 * so on) and a new {@code FILE} is begun; only {@code files} files are kept in all ({@code FILE} and {@code FILE.1} to
 * {@code FILE.(files-1)}), the oldest removed. So the log takes at most about {@code files × maxBytes} of the disk, each file
 * exceeding {@code maxBytes} by at most the line that crossed it, and a line is never split between two files.
 *
 * <p>Until session 35 the server's log was only its standard output and error: run for months without a service manager's
 * journal, it grew without bound (docs/reliability.md). The project's logging stack is slf4j-simple, which writes to a stream
 * or one file and cannot cut it, so the cutting is done here, under the stream the server and slf4j-simple write to.
 *
 * <p>Each line begins with the time it was written, in UTC to the millisecond ({@code 2026-12-07T21:32:23.023Z lodestone: …}):
 * standard output had none (a service manager's journal adds its own), and a file without them cannot be read against a
 * client's account of a failure.
 *
 * <p>The files are made readable by their owner only (0600): the log names uploads, users' token names and PostgreSQL's words.
 * A file that cannot be written (its disk full) loses the lines said meanwhile, never the server: the writes go on being tried.
 */
public final class LogFile extends OutputStream {
    /** Defaults of {@code serve --log-file}: files of 10 MiB, five kept (at most about 50 MiB). */
    public static final int DEFAULT_MB = 10;
    public static final int DEFAULT_FILES = 5;
    /** Bounds of the options: a file of 1 MiB to 1 GiB, 2 to 100 files. */
    public static final int MAX_MB = 1024;
    public static final int MIN_FILES = 2;
    public static final int MAX_FILES = 100;

    private final java.time.Clock clock;
    private final Path file;
    private final long maxBytes;
    private final int files;
    private FileChannel out;
    private long size;
    private boolean atLineEnd = true;
    /** The file ends in a line cut short (its server killed as it wrote): a newline goes first. */
    private boolean endCutLine;
    private String lastProblem;

    /**
     * Opens (or makes) {@code file} for appending.
     *
     * @throws IOException when it cannot be made or opened (its folder missing, no right to write there)
     */
    public LogFile(Path file, long maxBytes, int files) throws IOException {
        this(file, maxBytes, files, java.time.Clock.systemUTC());
    }

    /** With the lines' times read from {@code clock} (tests). */
    LogFile(Path file, long maxBytes, int files, java.time.Clock clock) throws IOException {
        this.clock = clock;
        if (maxBytes < 1) throw new IllegalArgumentException("maxBytes " + maxBytes);
        if (files < MIN_FILES || files > MAX_FILES) throw new IllegalArgumentException("files " + files);
        this.file = file.toAbsolutePath();
        this.maxBytes = maxBytes;
        this.files = files;
        open();
        // a file ended by a line cut short (a server killed while it wrote) goes on in a line of its own
        endCutLine = size > 0 && !lastByteIsNewline();
    }

    /** A UTF-8 print stream over a log file, flushed at each line. */
    public static PrintStream printStream(Path file, long maxBytes, int files) throws IOException {
        return new PrintStream(new LogFile(file, maxBytes, files), true, StandardCharsets.UTF_8);
    }

    public Path file() {
        return file;
    }

    /** The path of the {@code n}th older file ({@code FILE.n}). */
    public Path older(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    private void open() throws IOException {
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // made meanwhile: appended to
            }
        }
        out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        size = out.size();
    }

    private boolean lastByteIsNewline() throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
            in.read(b, in.size() - 1);
            return b.get(0) == '\n';
        }
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (len == 0) return;
        if (atLineEnd && size >= maxBytes) rotate();
        if (out == null) open(); // a new file could not be begun at the last cut: tried again at each line
        if (endCutLine) {
            size += out.write(java.nio.ByteBuffer.wrap(new byte[] {'\n'}));
            endCutLine = false;
        }
        try {
            // each line is begun with its time: the bytes are written up to and including each newline, a time before each line
            for (int from = off, end = off + len; from < end; ) {
                if (atLineEnd) {
                    writeFully(java.nio.ByteBuffer.wrap(stamp().getBytes(StandardCharsets.US_ASCII)));
                    atLineEnd = false;
                }
                int nl = from;
                while (nl < end && b[nl] != '\n') nl++;
                int upTo = nl < end ? nl + 1 : end;
                writeFully(java.nio.ByteBuffer.wrap(b, from, upTo - from));
                atLineEnd = nl < end;
                from = upTo;
            }
            lastProblem = null;
        } catch (IOException e) {
            // a full disk: these bytes are lost; later lines are tried again
            lastProblem = e.getMessage();
            size = out.size();
            throw e;
        }
    }

    private void writeFully(java.nio.ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) size += out.write(buf);
    }

    /** "2026-12-07T21:32:23.023Z ": the time to the millisecond, always with its three digits (the lines align). */
    private String stamp() {
        return STAMP.format(clock.instant());
    }

    private static final java.time.format.DateTimeFormatter STAMP = java.time.format.DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z' ").withZone(java.time.ZoneOffset.UTC);

    /**
     * Moves FILE.(n-1) to FILE.n from the oldest kept down, FILE to FILE.1, and begins a new FILE. A move that fails (the folder
     * made read-only) leaves the server writing on in the file it has; nothing here throws past the print stream (whose callers
     * are requests and the worker).
     */
    private void rotate() {
        try {
            out.close();
            Files.deleteIfExists(older(files - 1));
            for (int n = files - 2; n >= 1; n--) {
                if (Files.exists(older(n))) Files.move(older(n), older(n + 1), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(file, older(1), StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            // removed by hand meanwhile: a new one is begun
        } catch (IOException | SecurityException e) {
            lastProblem = "cannot cut the log " + file + ": " + e.getMessage();
        }
        try {
            open();
        } catch (IOException | SecurityException e) {
            out = null;
            lastProblem = "cannot open the log " + file + ": " + e.getMessage();
        }
    }

    /** Why the last write or cut failed, or null. */
    synchronized String lastProblem() {
        return lastProblem;
    }

    @Override
    public synchronized void flush() {
        // every write goes straight to the file (FileChannel: no buffer of its own)
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
