package lodestone.server;

import io.javalin.http.Context;

/**
 * The headers every response carries (API answers, the web application's files, errors alike), set by a
 * before-handler in {@link Server}. The Content-Security-Policy lets the page run scripts only from this
 * origin's files — no inline script, no eval, no other origin — so text that slipped through unescaped still
 * could not run; it forbids framing (clickjacking), plugins, a changed base URL, and forms posting elsewhere.
 * Style sheets come only from this origin's files (no {@code <style>} element, so no injected CSS selectors reading the
 * page); style attributes are allowed because ECharts writes one into each tooltip's HTML (its arrow) — a nonce or a
 * hash cannot cover it: nonces apply to elements only, and hashes of attributes ('unsafe-hashes') would have to list
 * every value ECharts computes. Styles set through the CSSOM, as ECharts sets its tooltip box, need neither.
 */
final class SecurityHeaders {
    static final String CSP = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "style-src-attr 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private SecurityHeaders() {
    }

    /**
     * The headers, by name: set on every response by {@link #apply}, and by {@link JsonErrorHandler} on the refusals Jetty
     * answers before any route runs (which had the policy and nosniff only).
     */
    static final java.util.SequencedMap<String, String> HEADERS;

    static {
        java.util.LinkedHashMap<String, String> h = new java.util.LinkedHashMap<>();
        h.put("Content-Security-Policy", CSP);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        h.put("Referrer-Policy", "no-referrer");
        h.put("Cross-Origin-Opener-Policy", "same-origin");
        h.put("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        HEADERS = java.util.Collections.unmodifiableSequencedMap(h);
    }

    static void apply(Context ctx) {
        HEADERS.forEach(ctx::header);
        // the API's answers are a user's records, downloads, reports and a new token's secret: never kept in a browser's or a
        // proxy's cache (a shared machine's next user would find them there after signing out); the application's files are
        // revalidated as the static handler says
        if (ctx.path().startsWith("/api/")) ctx.header("Cache-Control", "no-store");
    }
}
