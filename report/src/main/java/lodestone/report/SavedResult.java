package lodestone.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * A result as Lodestone saved it — the JSON a command prints with {@code --json}, or the API's answer that holds one (a
 * ledger entry's {@code assessment}, a stored run's or a job's {@code result}) — with its kind told from its shape.
 * Anything else is refused ({@link ReportRefused}) naming what was expected.
 *
 * @param kind    what the result is
 * @param result  the result itself
 * @param wrapper the API's answer around it (id, when, who, what was asked), or null for a command's output
 * @param sha256  the SHA-256 of the bytes read (hex), or null when the result came as a parsed tree
 * @param source  where it was read from (a file name, "request body", "GET /api/assessments/12"), for the report's provenance
 * @param pageSha256 the SHA-256 of the file a web page's "Download JSON" saves of the same JSON text (it indented, {@link
 *                JsonIndent#pageFile}), when the report states it (the API's reports) and it is not {@code sha256} itself;
 *                else null
 */
public record SavedResult(Kind kind, JsonNode result, JsonNode wrapper, String sha256, String source, String pageSha256) {

    /** A saved result whose report states one SHA-256 (or none). */
    public SavedResult(Kind kind, JsonNode result, JsonNode wrapper, String sha256, String source) {
        this(kind, result, wrapper, sha256, source, null);
    }

    /**
     * The same result, its report also stating the SHA-256 of the file a web page saves of {@code text} (the JSON text
     * read): a page's "Download JSON" of the result then matches the report whichever of the two a reader holds. Not
     * stated when it is the SHA-256 already given (the text read was that file).
     */
    public SavedResult withPageFileOf(String text) {
        String page = sha256(JsonIndent.pageFile(text).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new SavedResult(kind, result, wrapper, sha256, source, page.equals(sha256) ? null : page);
    }

    /** The kinds of result a report is made of, with the command that prints each. */
    public enum Kind {
        ASSESSMENT("assessment", "lodestone assess --json"),
        ENTRY("customs entry", "lodestone assess --entry FILE --json"),
        SCENARIO_RUN("scenario run", "lodestone simulate SCENARIO --json"),
        PATH("scenario path", "lodestone simulate PATH-SCENARIO --json"),
        MONTECARLO("Monte Carlo run", "lodestone montecarlo --json"),
        SEEK("target seek", "lodestone seek --json"),
        SENSITIVITY("sensitivity (tornado)", "lodestone sensitivity --json"),
        VALUATION("project valuation", "lodestone value --json"),
        FLOORS("floor comparison", "lodestone floor --json"),
        RANKING("priority ranking", "lodestone rank --json"),
        BULK_JOB("bulk assessment job", "GET /api/bulk-jobs/ID"),
        WHATIF_SHIPMENT("what-if of a shipment", "POST /api/compare"),
        WHATIF_ENTRY("what-if of a customs entry", "lodestone compare --entry FILE --with … --json"),
        WHATIF_FILE("what-if of entry lines", "lodestone compare FILE --with … --json"),
        STOCKPILE_COVER("stockpile cover", "lodestone stockpile cover --json"),
        STOCKPILE_RELEASE("coordinated stockpile release", "lodestone stockpile release --json");

        public final String title;
        public final String command;

        Kind(String title, String command) {
            this.title = title;
            this.command = command;
        }

        /** The kind's name in file names and the API: assessment, scenario-run, path… */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** What a report can be made of, in one sentence (the refusals end with it). */
    public static final String EXPECTED = "expected the JSON of an assessment (lodestone assess --json), a customs entry of several lines "
            + "(assess --entry FILE --json), a scenario run or path "
            + "(simulate --json), a Monte Carlo run (montecarlo --json), a seek (seek --json), a sensitivity (sensitivity --json), a "
            + "valuation (value --json), a floor comparison (floor --json), a priority ranking (rank --json), a what-if (compare --json, "
            + "compare --entry FILE --json, POST /api/compare), a stockpile's cover or release (stockpile cover|release --json) — or the "
            + "API's answer holding one (an assessment or entry, a scenario run, a path job, a what-if, a compare job), or a bulk job's "
            + "(GET /api/bulk-jobs/ID)";

    private static final ObjectReader READER = new ObjectMapper().reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS) // figures exactly as written: 4500.00 stays 4500.00
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Reads a saved result's bytes (UTF-8 JSON); {@code source} names it in messages and in the report. */
    public static SavedResult read(byte[] data, String source) {
        String s = source == null ? "the input" : source;
        if (data.length == 0) throw new ReportRefused(null, s + ": the file is empty; " + EXPECTED);
        JsonNode root;
        try {
            root = READER.readTree(data);
        } catch (JsonProcessingException e) {
            throw new ReportRefused(null, s + ": not valid JSON: " + JsonSyntax.describe(e, data) + "; " + EXPECTED);
        } catch (IOException e) {
            throw new ReportRefused(null, s + ": cannot be read as JSON; " + EXPECTED);
        }
        if (root == null || root.isMissingNode()) throw new ReportRefused(null, s + ": holds only white space; " + EXPECTED);
        return of(root, s, sha256(data));
    }

    /** A parsed saved result (the API's request body), its kind told from its shape. */
    public static SavedResult of(JsonNode root, String source, String sha256) {
        String s = source == null ? "the input" : source;
        if (root.isArray() && isCoverLines(root)) { // lodestone stockpile cover --json prints its lines alone, as an array
            checkNumbers(s, "", root);
            return new SavedResult(Kind.STOCKPILE_COVER, root, null, sha256, s);
        }
        if (!root.isObject()) throw new ReportRefused(null, s + ": " + At.type(root) + ", not a JSON object; " + EXPECTED);
        JsonNode result = root;
        JsonNode wrapper = null;
        if (!isResult(root)) {
            for (String inner : List.of("assessment", "entry", "result")) {
                if (!root.has(inner)) continue;
                JsonNode r = root.get(inner);
                if (r.isObject()) {
                    result = r;
                    wrapper = root;
                } else {
                    // a stored run that failed, a job still running: nothing to report on, said with what the answer says
                    String status = root.path("status").isTextual() ? root.get("status").textValue() : null;
                    String error = root.path("error").isTextual() ? root.get("error").textValue() : null;
                    throw new ReportRefused(inner, s + ": the answer holds no " + inner + " to report on"
                            + (status == null ? "" : " (status " + status + (error == null ? "" : ": " + error) + ")") + "; " + EXPECTED);
                }
                break;
            }
        }
        checkNumbers(s, "", root);
        Kind k = kind(result);
        if (k == null) {
            if (result.has("company") && result.has("lines") && result.has("alternatives")) {
                throw new ReportRefused(null, s + ": a company's exposure; its report is written by lodestone exposure FILE --report "
                        + "REPORT.html (or POST /api/exposure/report); " + EXPECTED);
            }
            throw new ReportRefused(null, s + ": not a result Lodestone reports on (an object with " + keys(result) + "); " + EXPECTED);
        }
        return new SavedResult(k, result, wrapper, sha256, s);
    }

    /**
     * Refuses a number with more than 1000 digits before or after the point (1e999999999): no result has one, and printing
     * it would take the memory of its digits. The API refuses such a body before it gets here (Call.checkJson).
     */
    private static void checkNumbers(String source, String at, JsonNode n) {
        if (n.isBigDecimal()) {
            java.math.BigDecimal d = n.decimalValue();
            if (d.signum() != 0 && (Math.abs((long) d.scale()) > 1000 || (long) d.precision() - d.scale() > 1000)) {
                throw new ReportRefused(at, source + ": " + at + ": the number is out of range (more than 1000 digits before or after the point)");
            }
        } else if (n.isObject()) {
            for (Iterator<java.util.Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                var f = it.next();
                checkNumbers(source, at.isEmpty() ? f.getKey() : at + "." + f.getKey(), f.getValue());
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) checkNumbers(source, at + "[" + i + "]", n.get(i));
        }
    }

    private static boolean isResult(JsonNode n) {
        return kind(n) != null;
    }

    /** The kind a result's shape says, or null: each kind by the fields only it has. */
    static Kind kind(JsonNode n) {
        if (has(n, "hts", "measures", "trail")) return Kind.ASSESSMENT;
        if (has(n, "lines", "duty_by_measure", "line_count") && "entry".equals(n.path("kind").asText())) return Kind.ENTRY;
        if (has(n, "regions", "totals", "baseline")) return Kind.SCENARIO_RUN;
        if (has(n, "years", "expectations", "solver") && n.get("years").isArray()) return Kind.PATH;
        if (has(n, "draws", "metrics", "years")) return Kind.MONTECARLO;
        if (has(n, "param", "target", "evaluations")) return Kind.SEEK;
        if (has(n, "metric", "base", "bars")) return Kind.SENSITIVITY;
        if (has(n, "project", "npv_with", "npv_without")) return Kind.VALUATION;
        if (has(n, "market", "methods", "cost_curve")) return Kind.FLOORS;
        if (has(n, "market", "ranking", "risk_metric")) return Kind.RANKING;
        if (has(n, "file_name", "lines_done", "assessed", "prohibited", "rejected")) return Kind.BULK_JOB;
        if (has(n, "a", "b", "difference") && n.get("a").path("assessment").isObject() && n.get("b").path("assessment").isObject()) {
            return Kind.WHATIF_SHIPMENT;
        }
        if (has(n, "a", "b", "difference", "lines") && n.get("a").path("entry").isObject() && n.get("b").path("entry").isObject()) {
            return Kind.WHATIF_ENTRY;
        }
        if (has(n, "a", "b", "total_a", "total_b", "total_change", "top", "not_comparable")) return Kind.WHATIF_FILE;
        if (has(n, "stockpile", "region", "start", "lines") && n.get("lines").isArray()) return Kind.STOCKPILE_COVER;
        if (has(n, "total_released_kg", "shares", "prices_usd_per_kg")) return Kind.STOCKPILE_RELEASE;
        return null;
    }

    /** An array of a stockpile's cover lines ({@code stockpile cover --json}): not empty, each an object with a mineral and its cover. */
    private static boolean isCoverLines(JsonNode n) {
        if (n.isEmpty()) return false;
        for (JsonNode x : n) if (!x.isObject() || !has(x, "mineral", "holding_kg", "months_of_cover")) return false;
        return true;
    }

    private static boolean has(JsonNode n, String... fields) {
        for (String f : fields) if (!n.has(f)) return false;
        return true;
    }

    /** The first keys of an object, for a refusal: "keys a, b, c…" or "no keys". */
    private static String keys(JsonNode n) {
        List<String> k = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext() && k.size() < 6; ) {
            String f = it.next();
            k.add(f.length() > 40 ? f.substring(0, 40) + "…" : f);
        }
        if (k.isEmpty()) return "no keys";
        return "keys " + String.join(", ", k) + (n.size() > k.size() ? "…" : "");
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
