package lodestone.cli.finance;

import lodestone.finance.projects.Registry;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Shared bits of the finance commands: the registry with the user's files, JSON output, and the text a person
 * reads — money with thousands separators and its unit, shares as percentages, figures from a file exactly as
 * written, "unbounded" and "none" for what is infinite or undefined (never 1.0E20, NaN or a Java toString), and
 * tables whose columns are as wide as their widest cell.
 */
final class FinanceCli {
    private FinanceCli() {
    }

    /**
     * The bundled registry plus the user's files or folders ({@code --projects}): one that does not exist is a file that cannot
     * be read (exit 3); a registry file refused throws every problem (exit 2).
     */
    static Registry registry(List<Path> extra) {
        if (extra == null || extra.isEmpty()) return Registry.bundled();
        for (Path p : extra) {
            if (!java.nio.file.Files.exists(p)) {
                throw new java.io.UncheckedIOException(new java.nio.file.NoSuchFileException(p.toString(), null, "no such file or folder"));
            }
        }
        return Registry.load(extra);
    }

    static void json(PrintWriter out, Object o) {
        out.println(lodestone.cli.Json.write(o));
        out.flush();
    }

    /** A value that is not a finite number, in words: +∞ is "unbounded", NaN "none"; null for a finite one. */
    private static String word(double v) {
        if (Double.isNaN(v)) return "none";
        if (Double.isInfinite(v)) return v > 0 ? "unbounded" : "unbounded below";
        return null;
    }

    /** Millions of money to one decimal with thousands separators: 1,311.0, -3,923.4, 0.0. */
    static String money(double millions) {
        String w = word(millions);
        return w != null ? w : fixed(millions, 1);
    }

    /** A standard error to two significant digits: 2.2, 0.73, 0.028, 190,000,000. */
    static String se(double v) {
        String w = word(v);
        if (w != null) return w;
        if (v == 0) return "0";
        return group(new BigDecimal(v).round(new MathContext(2, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString());
    }

    /**
     * An estimate ± its standard error, both in the estimate's money: 471.2 ± 2.2. An estimate that is not 0 but would show as
     * 0.0 is shown to its standard error's last digit (0.0205 ± 0.00098 read "0.0 ± 0.00098", beside a ranking's 1,104 t/yr
     * per USD M that was 22.6 t/yr over that 0.0205): 0.02050 ± 0.00098.
     */
    static String moneyPm(double mean, double se) {
        String shown = money(mean);
        if (Double.isFinite(mean) && mean != 0 && shown.matches("-?0\\.0") && Double.isFinite(se) && se > 0) {
            int decimals = Math.max(1, new BigDecimal(se).round(new MathContext(2, RoundingMode.HALF_EVEN)).scale());
            shown = fixed(mean, decimals);
        }
        return shown + " ± " + se(se);
    }

    /** A price: two decimals below 1,000 (64.53), whole units from 1,000 up (23,124). */
    static String price(double p) {
        String w = word(p);
        if (w != null) return w;
        return fixed(p, Math.abs(p) >= 1000 ? 0 : 2);
    }

    /** A quantity (t, t/yr): whole units from 100 up (4,440), one decimal below (56.5), 0 for nothing. */
    static String qty(double q) {
        String w = word(q);
        if (w != null) return w;
        if (q == 0) return "0";
        return fixed(q, Math.abs(q) >= 100 ? 0 : 1);
    }

    /** A share as a percentage to one decimal: 0.129 → 12.9 %. */
    static String pct(double share) {
        String w = word(share);
        if (w != null) return w;
        // a share that is not nothing (or not everything) is never shown as 0.0 % (or 100.0 %)
        if (share > 0 && share < 0.0005) return "< 0.1 %";
        if (share < 1 && share > 0.9995) return "> 99.9 %";
        return fixed(100 * share, 1) + " %";
    }

    /**
     * A share estimated from {@code n} paths, with its sampling error as the NPV's mean has one: 74.0 ± 3.1 % (the standard
     * error √(p(1 − p)/n), in points, to two significant digits). Where no path gave it, or every path, that error is 0 and
     * would claim certainty: the 95 % Wilson bound (z²/(n + z²) at 0) is said instead, rounded up — 0.0 % (≤ 1.9 % at 95 %) on
     * 200 paths. One path: the share alone (the run warns that one path measures no spread). The error and the bound are the
     * Monte Carlo events' ({@link lodestone.market.MonteCarlo.EventEstimate}), of the count of paths the share stands for.
     */
    static String pctPm(double share, long n) {
        String w = word(share);
        if (w != null || n < 2) return pct(share);
        lodestone.market.MonteCarlo.EventEstimate e = lodestone.market.MonteCarlo.EventEstimate.of(Math.round(share * n), n);
        if (share == 0 || share == 1) {
            double bound = share == 0 ? e.high() : 1 - e.low();
            BigDecimal b = new BigDecimal(100 * bound).round(new MathContext(2, RoundingMode.UP));
            return pct(share) + " (" + (share == 0 ? "≤ " + b.toPlainString() : "≥ " + BigDecimal.valueOf(100).subtract(b).toPlainString())
                    + " % at 95 %)";
        }
        // the share to its error's last place, at least one decimal: 1 of 3,000 paths is 0.033 ± 0.033 %, not "< 0.1 %"
        String se = se(100 * e.se());
        int decimals = Math.max(1, new BigDecimal(se.replace(",", "")).scale());
        return fixed(100 * share, decimals) + " ± " + se + " %";
    }

    /** A cover ratio (DSCR): 1.30×. */
    static String ratio(double x) {
        String w = word(x);
        return w != null ? w : fixed(x, 2) + "×";
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A figure of a file exactly as its decimal was written, with thousands separators: 1220 → 1,220; 24.76; 1e20 → 100,000,…. */
    static String exact(double v) {
        String w = word(v);
        return w != null ? w : group(BigDecimal.valueOf(v).stripTrailingZeros().toPlainString());
    }

    /** The exact product of two figures of a file (capex × exchange rate): 1750 × 0.65 → 1,137.5, never 1137.4999999999998. */
    static String exactProduct(double a, double b) {
        if (word(a) != null || word(b) != null) return exact(a * b);
        return group(BigDecimal.valueOf(a).multiply(BigDecimal.valueOf(b)).stripTrailingZeros().toPlainString());
    }

    /** A share of a file exactly as written, as a percentage: 0.025 → 2.5 %, 1.0 → 100 %. */
    static String exactPct(double share) {
        String w = word(share);
        return w != null ? w : group(BigDecimal.valueOf(share).movePointRight(2).stripTrailingZeros().toPlainString()) + " %";
    }

    /** A list as words: "US, JP, EU27" ("none" when empty), never Java's [a, b]. */
    static String list(List<String> items) {
        return items == null || items.isEmpty() ? "none" : String.join(", ", items);
    }

    static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    private static String fixed(double v, int decimals) {
        if (v == 0) v = 0; // no "-0.0"
        BigDecimal b = new BigDecimal(v);
        // a double holds about 15 significant digits; beyond them its binary expansion is noise, not money
        if (b.precision() - b.scale() > 15) b = b.round(new MathContext(15, RoundingMode.HALF_EVEN));
        String s = b.setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        if (s.matches("-0(\\.0+)?")) s = s.substring(1);
        return group(s);
    }

    /** Thousands separators in the integer part of a plain decimal (one rule for every figure: {@code Units.group}). */
    static String group(String plain) {
        return lodestone.finance.projects.Units.group(plain);
    }

    /**
     * A text table: a header row and rows, each column as wide as its widest cell (nothing is cut), two spaces
     * apart; {@code align} has one letter a column, L (names, words) or R (numbers).
     */
    static final class Table {
        private final String align;
        private final List<String[]> rows = new ArrayList<>();

        Table(String align, String... header) {
            if (align.length() != header.length || !align.matches("[LR]+")) throw new IllegalArgumentException("alignment " + align + " for " + header.length + " columns");
            this.align = align;
            rows.add(header);
        }

        Table row(String... cells) {
            if (cells.length != rows.get(0).length) throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + rows.get(0).length);
            rows.add(cells);
            return this;
        }

        void print(PrintWriter out, String indent) {
            print(out, indent, true);
        }

        /** The rows without the header row. */
        void printBody(PrintWriter out, String indent) {
            print(out, indent, false);
        }

        private void print(PrintWriter out, String indent, boolean header) {
            int n = rows.get(0).length;
            int[] w = new int[n];
            for (String[] r : rows) for (int i = 0; i < n; i++) w[i] = Math.max(w[i], r[i].codePointCount(0, r[i].length()));
            for (String[] r : header ? rows : rows.subList(1, rows.size())) {
                StringBuilder b = new StringBuilder(indent);
                for (int i = 0; i < n; i++) {
                    int pad = w[i] - r[i].codePointCount(0, r[i].length());
                    if (i > 0) b.append("  ");
                    if (align.charAt(i) == 'L') b.append(r[i]).append(" ".repeat(pad));
                    else b.append(" ".repeat(pad)).append(r[i]);
                }
                out.println(b.toString().stripTrailing());
            }
        }
    }
}
