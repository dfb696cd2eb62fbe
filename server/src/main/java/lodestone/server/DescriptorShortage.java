package lodestone.server;

import org.eclipse.jetty.server.ConnectionFactory;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The server's listening connector, which says a shortage of file descriptors in one line rather than Jetty's stack trace.
 * When every descriptor the process may open is in use (idle connections held open by many clients, a low {@code ulimit -n}),
 * {@code accept} fails with "Too many open files"; Jetty logged "Accept Failure" with a stack trace each time, once a second,
 * for as long as it lasted (docs/reliability.md, "Too few open files"), and said neither how many were open nor what to do.
 * Now the log has one line when the shortage begins, at most one a minute while it lasts (with how many accepts failed), and
 * one when connections are accepted again. New connections wait in the kernel's backlog meanwhile, as before; the pause
 * between tries is 100 ms instead of Jetty's second, so the server answers again soon after descriptors are freed. Any other
 * accept failure is Jetty's to handle.
 */
final class DescriptorShortage extends org.eclipse.jetty.server.ServerConnector {
    /** The least time between two lines about one shortage. */
    static final long SAY_EVERY_NANOS = 60_000_000_000L;

    private final PrintStream log;
    private volatile long since = -1; // when the shortage began (System.nanoTime); -1: none (read unlocked on each accept)
    private long said;
    private long failed;

    DescriptorShortage(org.eclipse.jetty.server.Server server, PrintStream log, ConnectionFactory... factories) {
        super(server, factories);
        this.log = log;
    }

    /** Whether an accept failure is the process's (or the system's) descriptors running out. */
    static boolean isShortage(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (c instanceof java.io.IOException && m != null && (m.contains("Too many open files") || m.contains("too many open files"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected boolean handleAcceptFailure(Throwable ex) {
        if (!isRunning() || !isShortage(ex)) return super.handleAcceptFailure(ex);
        synchronized (this) {
            long now = System.nanoTime();
            failed++;
            if (since < 0 || now - said >= SAY_EVERY_NANOS) {
                log.println("lodestone: cannot accept new connections: " + (since < 0 ? "" : "still (" + failed + " tries failed), ")
                        + "every file descriptor this process may open is in use (" + limit() + "); they wait until"
                        + " connections close — raise the limit (ulimit -n, or LimitNOFILE= of a systemd service) or limit the"
                        + " connections per client in a proxy in front (docs/reliability.md)");
                log.flush();
                if (since < 0) since = now;
                said = now;
            }
        }
        try {
            Thread.sleep(100); // (not a spin: the kernel keeps refusing until a descriptor is freed)
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void accept(int acceptorID) throws java.io.IOException {
        super.accept(acceptorID);
        recovered();
    }

    /** A connection was accepted: a shortage that was said is said to be over. */
    void recovered() {
        if (since < 0) return; // (the usual case, read without the lock: volatile)
        synchronized (this) {
            if (since < 0) return;
            long seconds = (System.nanoTime() - since) / 1_000_000_000L;
            log.println("lodestone: accepting connections again after " + seconds + " s without a free file descriptor ("
                    + failed + " tries failed)");
            log.flush();
            since = -1;
            failed = 0;
        }
    }

    /**
     * "a limit of 1024": read with getrlimit, which needs no descriptor. (Counting the open ones lists /proc/self/fd, which
     * needs one: tried at the shortage, it failed and ended Jetty's acceptor, and the server never accepted again.)
     */
    static String limit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean u) {
            return String.format(Locale.ROOT, "a limit of %d", u.getMaxFileDescriptorCount());
        }
        return "the operating system's limit";
    }
}
