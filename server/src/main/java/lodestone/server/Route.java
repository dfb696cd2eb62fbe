package lodestone.server;

import java.util.List;

/**
 * One API route: the single declaration from which the router is built and the OpenAPI description is
 * written, so the two cannot disagree.
 *
 * @param access   who may call it: {@link Access#PUBLIC}, {@link Access#ANALYST} (analysts and administrators),
 *                 or {@link Access#ADMIN}
 * @param params   query and path parameters
 * @param body     the request body's media type and a description, or null
 * @param produces the response media type
 * @param status   the status of a successful answer (a handler answers another with {@code Api.Reply})
 * @param location where what a successful answer made can be read, as a path template filled from the answer's
 *                 {@code id} and the request's path parameters ({@code /api/assessments/{id}}), sent as the
 *                 {@code Location} header; null for a route that makes nothing to read back
 */
record Route(String method, String path, Access access, String summary, List<Param> params, Body body, String produces,
             Handler handler, int status, String location, boolean heavy) {

    Route(String method, String path, Access access, String summary, List<Param> params, Body body, String produces, Handler handler) {
        this(method, path, access, summary, params, body, produces, handler, 200, null, false);
    }

    Route withStatus(int s) {
        return new Route(method, path, access, summary, params, body, produces, handler, s, location, heavy);
    }

    Route withLocation(String template) {
        return new Route(method, path, access, summary, params, body, produces, handler, status, template, heavy);
    }

    /**
     * A computation of seconds answered while the client waits (a valuation of 200,000 paths, a floor comparison, a
     * path of years): a user runs at most {@code Api.MAX_HEAVY_PER_USER} of them at once, the next is 429 before its body
     * is read.
     */
    Route asHeavy() {
        return new Route(method, path, access, summary, params, body, produces, handler, status, location, true);
    }

    /** True when a request's path (no query) is this route's, a parameter standing for any one segment. */
    boolean matches(String requestPath) {
        String[] want = path.split("/", -1);
        String p = requestPath.length() > 1 && requestPath.endsWith("/") ? requestPath.substring(0, requestPath.length() - 1) : requestPath;
        String[] got = p.split("/", -1); // a trailing slash is the same path, as the router takes it
        if (want.length != got.length) return false;
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith("{") && want[i].endsWith("}") ? got[i].isEmpty() : !want[i].equals(got[i])) return false;
        }
        return true;
    }

    enum Access { PUBLIC, ANALYST, ADMIN }

    record Param(String name, String in, boolean required, String type, String description) {
        static Param query(String name, String type, String description) {
            return new Param(name, "query", false, type, description);
        }

        static Param path(String name, String description) {
            return new Param(name, "path", true, "string", description);
        }
    }

    record Body(String mediaType, String description) { }

    @FunctionalInterface
    interface Handler {
        Object handle(Call call) throws Exception;
    }
}
