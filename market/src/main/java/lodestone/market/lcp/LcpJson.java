package lodestone.market.lcp;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON form of a raw LCP and of its answer, shared by {@code lodestone solve-lcp} and {@code POST /api/lcp}:
 * input {@code {"M": [[…], …], "q": […]}}, answer {@code {"status": "solved", "z", "w", "residual", "pivots"}} or
 * {@code {"status": "no-solution", "reason", "pivots"}} (a ray, for a copositive-plus M), {@code "undetermined"} (a ray for
 * another M: no solution found, none proven absent), or {@code "not-solved"} (pivot limit, or a final basis
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
        for (var it = root.fieldNames(); it.hasNext(); ) { // a typo ("Q") is named, not read as a missing q (reported by a review)
            String k = it.next();
            if (!k.equals("M") && !k.equals("q")) throw new Invalid(k, "unknown key; expected only M and q (case matters)");
        }
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

    /**
     * The answer as it is printed and served for the problem {@code p}. A ray proves there is no solution only for a
     * copositive-plus M: "no-solution" then; for any other M, "undetermined" — Lemke's method found none, which proves
     * nothing (reported by a review: M = [[0, 1], [1, 0]], q = (−1, −1) was called "no-solution", yet z = (1, 1) solves it).
     * A pivot limit or an uncertified basis is "not-solved".
     */
    public static Map<String, Object> answer(LcpResult r, Problem p) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (r.solved()) {
            out.put("status", "solved");
            out.put("z", r.z());
            out.put("w", r.w());
            out.put("residual", r.residual());
        } else if (r.status() == LcpResult.Status.RAY_TERMINATION) {
            boolean proven = copositivePlus(p.m());
            out.put("status", proven ? "no-solution" : "undetermined");
            out.put("reason", r.diagnosis() + (proven ? "; M is copositive-plus, so none exists"
                    : "; M is not shown to be copositive-plus (its symmetric part is not positive semidefinite, nor is it nonnegative"
                    + " with a positive diagonal), so this does not prove that none exists"));
        } else {
            out.put("status", "not-solved");
            out.put("reason", r.diagnosis());
        }
        out.put("pivots", r.pivots());
        return out;
    }

    /**
     * A sufficient test that M is copositive-plus, under which Lemke's ray termination proves the LCP has no solution:
     * its symmetric part positive semidefinite (a Cholesky factorisation with diagonal pivoting that meets no negative
     * pivot, its remainder zero within a tolerance), or M nonnegative with a positive diagonal (then strictly copositive).
     */
    static boolean copositivePlus(double[][] m) {
        int n = m.length;
        boolean nonnegative = true;
        double scale = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (m[i][j] < 0 || (i == j && m[i][j] <= 0)) nonnegative = false;
                scale = Math.max(scale, Math.abs(m[i][j]));
            }
        }
        if (nonnegative) return true;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) a[i][j] = (m[i][j] + m[j][i]) / 2;
        double tol = 1e-12 * Math.max(1, scale) * Math.max(1, n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int k = 0; k < n; k++) {
            int piv = k;
            for (int i = k + 1; i < n; i++) if (a[order[i]][order[i]] > a[order[piv]][order[piv]]) piv = i;
            int t = order[k];
            order[k] = order[piv];
            order[piv] = t;
            double d = a[order[k]][order[k]];
            if (d <= tol) { // the rest must be zero: a negative or non-zero entry left means an indefinite part
                for (int i = k; i < n; i++) for (int j = k; j < n; j++) if (Math.abs(a[order[i]][order[j]]) > tol) return false;
                return true;
            }
            for (int i = k + 1; i < n; i++) {
                double f = a[order[i]][order[k]] / d;
                for (int j = k + 1; j < n; j++) a[order[i]][order[j]] -= f * a[order[k]][order[j]];
            }
        }
        return true;
    }
}
