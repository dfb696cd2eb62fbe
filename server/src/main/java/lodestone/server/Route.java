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
 */
record Route(String method, String path, Access access, String summary, List<Param> params, Body body, String produces,
             Handler handler, int status) {

    Route(String method, String path, Access access, String summary, List<Param> params, Body body, String produces, Handler handler) {
        this(method, path, access, summary, params, body, produces, handler, 200);
    }

    Route withStatus(int s) {
        return new Route(method, path, access, summary, params, body, produces, handler, s);
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
