package lodestone.market.lcp;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON form of a raw LCP and of its answer, shared by {@code lodestone solve-lcp} and {@code POST /api/lcp}:
 * input {@code {"M": [[…], …], "q": […]}}, answer {@code {"status": "solved", "z", "w", "residual", "pivots"}} or
 * {@code {"status": "no-solution", "reason", "pivots"}} (a ray), or {@code "not-solved"} (pivot limit, or a final basis
 * whose residual is above the tolerance).
 */
public final class LcpJson {
    /**
     * The largest problem the API takes: Lemke's basis inverse is n² numbers, a pivot O(n²), and at most
     * 50(n + 10) pivots are made, so n = 200 bounds a request to well under a second. The command line takes any n.
     */
    public static final int API_MAX_SIZE = 200;

    private LcpJson() {
    }

    /** A parsed problem. */
    public record Problem(double[][] m, double[] q) {
    }

    /** A malformed problem: the field (e.g. {@code M[2][0]}) and what was expected. */
    public static final class Invalid extends Exception {
        private final String field;

        Invalid(String field, String message) {
            super(field.isEmpty() ? message : field + ": " + message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** The problem in {@code root}, with at most {@code maxSize} unknowns. */
    public static Problem parse(JsonNode root, int maxSize) throws Invalid {
        if (root == null || !root.isObject()) throw new Invalid("", "expected a JSON object {\"M\": [[…]], \"q\": […]}");
        JsonNode qn = root.get("q");
        JsonNode mn = root.get("M");
        if (qn == null || !qn.isArray()) throw new Invalid("q", "expected an array of numbers");
        if (mn == null || !mn.isArray()) throw new Invalid("M", "expected an array of rows (arrays of numbers)");
        int n = qn.size();
        if (n > maxSize) throw new Invalid("q", "has " + n + " entries; at most " + maxSize + " are accepted here");
        double[] q = new double[n];
        for (int i = 0; i < n; i++) q[i] = number(qn.get(i), "q[" + i + "]");
        if (mn.size() != n) throw new Invalid("M", "has " + mn.size() + " rows, expected " + n + " (the length of q)");
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            JsonNode row = mn.get(i);
            if (!row.isArray() || row.size() != n) throw new Invalid("M[" + i + "]", "expected an array of " + n + " numbers");
            for (int j = 0; j < n; j++) m[i][j] = number(row.get(j), "M[" + i + "][" + j + "]");
        }
        return new Problem(m, q);
    }

    private static double number(JsonNode v, String field) throws Invalid {
        if (!v.isNumber()) throw new Invalid(field, "expected a number, found " + v);
        double d = v.asDouble();
        if (!Double.isFinite(d)) throw new Invalid(field, "expected a finite number, found " + v);
        return d;
    }

    /** The answer as it is printed and served. */
    public static Map<String, Object> answer(LcpResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (r.solved()) {
            out.put("status", "solved");
            out.put("z", r.z());
            out.put("w", r.w());
            out.put("residual", r.residual());
        } else {
            // a ray proves there is no solution (for a copositive-plus M); a pivot limit or an uncertified basis does not
            out.put("status", r.status() == LcpResult.Status.RAY_TERMINATION ? "no-solution" : "not-solved");
            out.put("reason", r.diagnosis());
        }
        out.put("pivots", r.pivots());
        return out;
    }
}
