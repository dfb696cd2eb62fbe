package lodestone.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static lodestone.regime.view.RegimeViews.ordered;

/**
 * The OpenAPI 3.1 description, written from the same route table the router is built from, with the request and
 * answer schemas of {@link Schemas} (records; the assessment body from the entry parser's field lists).
 */
final class OpenApi {
    private OpenApi() {
    }

    static Map<String, Object> document(List<Route> routes, Server.Config cfg) {
        Map<String, Object> paths = new LinkedHashMap<>();
        Map<String, Object> components = new java.util.TreeMap<>();
        for (Route r : routes) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(r.path(), k -> new LinkedHashMap<>());
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("summary", r.summary());
            op.put("operationId", operationId(r));
            List<Map<String, Object>> params = new ArrayList<>();
            for (Route.Param p : r.params()) {
                params.add(ordered("name", p.name(), "in", p.in(), "required", p.required(), "description", p.description(),
                        "schema", schema(p.type())));
            }
            if (!params.isEmpty()) op.put("parameters", params);
            Schemas.Op shape = Schemas.OPS.get(r.method() + " " + r.path());
            if (r.body() != null) {
                Map<String, Object> media = new LinkedHashMap<>();
                if (!r.body().mediaType().contains("json")) media.put("schema", Map.of("type", "string"));
                else if (shape != null && shape.body() != null) media.put("schema", Schemas.schema(shape.body(), components));
                else media.put("schema", Map.of("type", "object"));
                if (shape != null && shape.example() != null) media.put("example", shape.example());
                Map<String, Object> content = new LinkedHashMap<>();
                content.put(r.body().mediaType(), media);
                if (!r.body().mediaType().contains("json") && shape != null && shape.body() != null) {
                    // a file's text as the body, or as JSON with other texts beside it (exposure: the company file and markets of one's own)
                    media.remove("example");
                    Map<String, Object> asJson = new LinkedHashMap<>();
                    asJson.put("schema", Schemas.schema(shape.body(), components));
                    if (shape.example() != null) asJson.put("example", shape.example());
                    content.put("application/json", asJson);
                }
                op.put("requestBody", ordered("required", true, "description", r.body().description(), "content", content));
            }
            Map<String, Object> responses = new LinkedHashMap<>();
            Map<String, Object> answer;
            if (!r.produces().contains("json")) answer = Map.of("type", "string");
            else if (shape != null && shape.answer() != null) {
                Map<String, Object> one = Schemas.schema(shape.answer(), components);
                answer = shape.list() ? ordered("type", "array", "items", one) : one;
            } else answer = Map.of();
            Map<String, Object> content = ordered(r.produces(), Map.of("schema", answer));
            // the exposure report is HTML or, with format=csv, CSV: both media types, so that a client accepts either
            if (r.path().equals("/api/exposure/report")) content.put("text/csv", Map.of("schema", answer));
            Map<String, Object> success = ordered("description", "success", "content", content);
            Map<String, Object> location = r.location() == null ? null : Map.of("Location", ordered("description",
                    "where what was made is read back: " + r.location(), "schema", Map.of("type", "string")));
            if (location != null) success.put("headers", location);
            // a list in pages: the cursor of the next page, when there is one, in a header (the body stays the list)
            if (r.params().stream().anyMatch(p -> p.name().equals("cursor"))) {
                success.put("headers", Map.of(Pages.HEADER, ordered("description", "present when more items follow this page: pass it "
                        + "unchanged as ?cursor= (with the same limit or another) for the next page; absent on the last page",
                        "schema", Map.of("type", "string"))));
            }
            responses.put(String.valueOf(r.status()), success);
            // only the uploads have an Idempotency-Key: the same file and key again is the earlier job, answered 200
            if (r.params().stream().anyMatch(p -> p.name().equals("Idempotency-Key"))) {
                Map<String, Object> duplicate = ordered("description", "the same file with the same Idempotency-Key: the earlier job (duplicate: true)",
                        "content", Map.of(r.produces(), Map.of("schema", answer)));
                if (location != null) duplicate.put("headers", location);
                responses.put("200", duplicate);
            }
            if (r.method().equals("POST") && (r.path().equals("/api/scenario-runs") || r.path().equals("/api/scenario-paths"))) {
                responses.put("422", ordered("description", "no equilibrium (error.code no_equilibrium, the reason in error.message) or an "
                                + "invalid scenario; with no equilibrium the run is stored, and its id, status (failed), millis and result are "
                                + "beside error", "content", Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/Error")))));
            }
            responses.put("4XX", ordered("description", "an error: {\"error\": {\"code\", \"message\", \"field\"}} (and \"problems\" for an entry refused for several lines)",
                    "content", Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/Error")))));
            // a fault of the server has the same shape (code internal, a reference to its log; unavailable, 503): a generated
            // client reads it as the described error instead of an undocumented answer
            responses.put("5XX", ordered("description", "a fault of the server: {\"error\": {\"code\": \"internal\", \"message\" with a "
                            + "reference to the server's log, \"field\": null}}",
                    "content", Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/Error")))));
            op.put("responses", responses);
            if (r.access() != Route.Access.PUBLIC) {
                op.put("security", List.of(Map.of("token", List.of()), Map.of("session", List.of())));
                op.put("x-role", r.access() == Route.Access.ADMIN ? "admin" : "analyst");
            } else {
                op.put("security", List.of());
            }
            item.put(r.method().toLowerCase(Locale.ROOT), op);
        }
        Map<String, Object> errorBody = ordered("type", "object", "required", List.of("code", "message"),
                "properties", ordered("code", Map.of("type", "string"), "message", Map.of("type", "string"),
                        "field", Map.of("type", List.of("string", "null")),
                        "problems", ordered("type", "array", "description", "a request refused for several problems at once, every one: "
                                + "a customs entry's lines (POST /api/assessments with lines), each at its field (lines[1].hts, counted from 0) "
                                + "with the line's id; a file sent in the request (invalid_project_file, invalid_ledger, invalid_company_file), "
                                + "each with its file, line and field",
                                "items", ordered("type", "object", "required", List.of("message"), "properties", ordered(
                                        "field", Map.of("type", List.of("string", "null")), "line_id", Map.of("type", List.of("string", "null")),
                                        "file", Map.of("type", "string"), "line", Map.of("type", List.of("integer", "null")),
                                        "message", Map.of("type", "string"))))));
        Map<String, Object> error = ordered("type", "object", "required", List.of("error"), "properties", Map.of("error", errorBody),
                "example", Map.of("error", ordered("code", "invalid_request", "message", "quantity: missing", "field", "quantity")));
        return ordered("openapi", "3.1.0",
                "info", ordered("title", "Lodestone API", "version", "0.5.0",
                        "description", "The critical-minerals trade regime as data, border assessment and market simulation. "
                                + "Send an API token as Authorization: Bearer lst_…; analysts read and run, administrators also "
                                + "manage tokens and the active regime. Request bodies are limited to " + cfg.maxJsonBytes()
                                + " bytes of JSON and " + cfg.maxUploadBytes() + " bytes for bulk files."),
                "paths", paths,
                "components", ordered("securitySchemes", ordered("token", ordered("type", "http", "scheme", "bearer"),
                                "session", ordered("type", "apiKey", "in", "cookie", "name", Api.SESSION_COOKIE, "description",
                                        "the web application's session (POST /api/session); a request that changes anything also sends "
                                        + Api.SESSION_HEADER + ": 1")),
                        "schemas", withError(components, error)));
    }

    private static Map<String, Object> withError(Map<String, Object> components, Map<String, Object> error) {
        components.put("Error", error);
        return components;
    }

    private static Map<String, Object> schema(String type) {
        return switch (type) {
            case "integer" -> Map.of("type", "integer");
            case "date" -> ordered("type", "string", "format", "date");
            case "boolean" -> Map.of("type", "boolean");
            case "strings" -> ordered("type", "array", "items", Map.of("type", "string")); // repeated: ?scenario=a&scenario=b
            default -> Map.of("type", "string");
        };
    }

    static String operationId(Route r) {
        StringBuilder sb = new StringBuilder(r.method().toLowerCase(Locale.ROOT));
        for (String part : r.path().replace("/api/", "").split("[/.{}-]+")) {
            if (part.isEmpty()) continue;
            sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sb.toString();
    }
}
