package lodestone.server;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static lodestone.regime.view.RegimeViews.ordered;

/**
 * Refusing an upload before its body is read, so that the client sees the refusal.
 *
 * <p>An upload route that refuses early (a user at the job limit: 429) must not store the body, but a client that
 * is still sending it does not read the answer until it has sent everything (Java's HttpClient, most libraries).
 * If the server answered and closed the connection, the client's next writes would meet a reset and the answer
 * already in its receive buffer would be lost: it would report "no response" instead of the 429. So:
 * <ul>
 *   <li>a client that sent {@code Expect: 100-continue} gets the refusal instead of "100 Continue" and never
 *   sends the body — the error is thrown as usual (Jetty sends "100 Continue" only when the body is first read);</li>
 *   <li>any other client gets the refusal written and flushed at once, with {@code Connection: close}; then the
 *   body it goes on sending is read and discarded (never stored: memory and disk independent of its size), up to
 *   the upload limit and for at most {@link #DRAIN_SECONDS} seconds, and the connection is closed.</li>
 * </ul>
 */
final class EarlyRefusal {
    /** How long a refused body is drained at most before the connection is closed regardless. */
    static final int DRAIN_SECONDS = 60;

    private EarlyRefusal() {
    }

    /** True when the client waits for "100 Continue" before sending the body. */
    static boolean expectsContinue(HttpServletRequest req) {
        String e = req.getHeader("Expect");
        return e != null && e.trim().toLowerCase(Locale.ROOT).equals("100-continue");
    }

    /**
     * Answers {@code e} before reading the request's body. Throws {@code e} when the client waits for "100 Continue"
     * or sends no body (the usual error path answers it); otherwise writes it, flushes it, drains the body (at most
     * {@code maxBytes}) and returns: the caller returns {@link Api#WRITTEN}.
     */
    static void refuse(HttpServletRequest req, HttpServletResponse res, ApiError e, long maxBytes) {
        boolean body = req.getContentLengthLong() > 0 || req.getHeader("Transfer-Encoding") != null;
        if (!body || expectsContinue(req)) throw e;
        byte[] json = Server.json(ordered("error", ordered("code", e.code(), "message", e.getMessage(), "field", e.field())))
                .getBytes(StandardCharsets.UTF_8);
        res.setStatus(e.status());
        Api.challenge(req, res, e.status());
        Api.retryAfter(res, e);
        res.setContentType("application/json");
        res.setHeader("Connection", "close");
        res.setContentLength(json.length);
        try {
            OutputStream out = res.getOutputStream();
            out.write(json);
            res.flushBuffer();
            long until = System.nanoTime() + DRAIN_SECONDS * 1_000_000_000L, n = 0;
            InputStream in = req.getInputStream();
            byte[] buf = new byte[1 << 16];
            for (int r; n <= maxBytes && System.nanoTime() < until && (r = in.read(buf)) > 0; ) n += r;
        } catch (IOException ignored) {
            // the client went away or sent a broken body: it has its answer, or wanted none
        }
    }
}
