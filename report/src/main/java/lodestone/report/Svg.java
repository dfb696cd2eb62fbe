package lodestone.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import static lodestone.report.Html.escape;

/**
 * Charts as inline SVG, drawn from the result's numbers so that a report needs no script and prints as it shows. Every
 * label (a region, a metric, a method's name) is escaped by {@link Html#escape}; coordinates are numbers this class
 * computes.
 */
final class Svg {
    static final String[] COLOURS = {"#4a78b0", "#d9822b", "#3a9a5b", "#b04a6e", "#7a5fb0", "#8c6d3f", "#2d9fa8", "#6b6b6b", "#c4a000", "#a83232"};
    private static final int W = 720;

    private Svg() { }

    record Series(String name, Double[] values) { }

    record Band(String name, Double[] low, Double[] high) { }

    /** The width of a character of the report's 13 px labels, generously (system-ui measures about 6.9 px). */
    private static final double CHAR_PX = 7.5;
    /** A label column is at most this wide; a longer label wraps onto more lines. */
    private static final int LABEL_MAX = 300;

    /**
     * A category's label in lines of at most {@code chars} characters, broken after a '.', '-', '_', ',' or '/' or at a space
     * where it can, anywhere else where it cannot: drawn right-aligned at a fixed x, a label longer than its column ran off the
     * chart's left edge ("project.White-Mesa-Phase-2.delay" lost its "projec").
     */
    static List<String> wrap(String label, int chars) {
        List<String> lines = new java.util.ArrayList<>();
        String rest = label.strip();
        while (rest.length() > chars) {
            int cut = -1;
            for (int i = chars; i > chars / 3; i--) {
                char c = rest.charAt(i - 1);
                if (c == '.' || c == '-' || c == '_' || c == ',' || c == '/' || c == ' ') { cut = i; break; }
            }
            if (cut < 0) cut = chars;
            lines.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        lines.add(rest);
        return lines;
    }

    /** The width of the label column: the longest label's, from 190 px up to {@link #LABEL_MAX}. */
    private static int labelWidth(List<String> labels) {
        int longest = labels.stream().mapToInt(String::length).max().orElse(0);
        return (int) Math.min(LABEL_MAX, Math.max(190, Math.ceil(longest * CHAR_PX) + 12));
    }

    /** A right-aligned label ending at x, its lines 15 px apart, the first one's baseline at y. */
    private static String label(double x, double y, List<String> lines) {
        StringBuilder t = new StringBuilder("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"end\">");
        if (lines.size() == 1) return t.append(escape(lines.get(0))).append("</text>").toString();
        for (int i = 0; i < lines.size(); i++) {
            t.append("<tspan x=\"").append(n(x)).append("\"").append(i == 0 ? "" : " dy=\"15\"").append(">").append(escape(lines.get(i))).append("</tspan>");
        }
        return t.append("</text>").toString();
    }

    private static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String open(String label, int h) {
        return "<svg class=\"chart\" role=\"img\" aria-label=\"" + escape(label) + "\" viewBox=\"0 0 " + W + " " + h + "\" width=\"" + W
                + "\" height=\"" + h + "\" font-family=\"sans-serif\" font-size=\"11\">\n<title>"
                + escape(label) + "</title>\n";
    }

    /** Lines over a common x axis (years), with shaded bands (a fan's percentiles) under them; a legend at the right. */
    /**
     * The labels of ticks at these values, each with {@link Figures#about}'s decimals, or all with as many more as keep two ticks
     * from reading alike: a flat price deck's NPV bins from 1,907.98 to 1,909.98 were labelled 1,908, 1,908, 1,909, 1,909, 1,910.
     */
    static List<String> tickLabels(double... values) {
        List<String> labels = java.util.Arrays.stream(values).mapToObj(Figures::about).toList();
        long distinct = java.util.Arrays.stream(values).distinct().count();
        for (int d = 0; d <= 12 && new java.util.HashSet<>(labels).size() < distinct; d++) {
            int decimals = d;
            labels = java.util.Arrays.stream(values).mapToObj(v -> Double.isFinite(v) ? Figures.fixed(BigDecimal.valueOf(v), decimals) : Figures.NONE).toList();
        }
        return labels;
    }

    static String lines(String label, List<String> xs, List<Band> bands, List<Series> series) {
        int h = 300, left = 70, right = 170, top = 12, bottom = 34;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) for (Double v : s.values()) if (v != null) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        for (Band b : bands) for (Double[] vs : List.of(b.low(), b.high())) for (Double v : vs) if (v != null) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        if (lo == Double.POSITIVE_INFINITY) return "";
        if (lo == hi) { lo -= Math.max(1, Math.abs(lo) * 0.1); hi += Math.max(1, Math.abs(hi) * 0.1); }
        double pad = (hi - lo) * 0.05;
        lo -= pad; hi += pad;
        double plotW = W - left - right, plotH = h - top - bottom;
        final double ylo = lo, yhi = hi;
        java.util.function.DoubleUnaryOperator y = v -> top + plotH * (yhi - v) / (yhi - ylo);
        java.util.function.IntToDoubleFunction x = i -> left + (xs.size() == 1 ? plotW / 2 : plotW * i / (xs.size() - 1));
        StringBuilder s = new StringBuilder(open(label, h));
        double[] ticks = new double[5];
        for (int t = 0; t <= 4; t++) ticks[t] = lo + (hi - lo) * t / 4;
        List<String> tickText = tickLabels(ticks);
        for (int t = 0; t <= 4; t++) { // five gridlines with their values
            double v = ticks[t];
            s.append("<line x1=\"").append(left).append("\" x2=\"").append(n(left + plotW)).append("\" y1=\"").append(n(y.applyAsDouble(v)))
                    .append("\" y2=\"").append(n(y.applyAsDouble(v))).append("\" stroke=\"#ddd\"/>")
                    .append("<text x=\"").append(left - 6).append("\" y=\"").append(n(y.applyAsDouble(v) + 4)).append("\" text-anchor=\"end\">")
                    .append(escape(tickText.get(t))).append("</text>\n");
        }
        int every = Math.max(1, (int) Math.ceil(xs.size() / 12.0));
        for (int i = 0; i < xs.size(); i += every) {
            s.append("<text x=\"").append(n(x.applyAsDouble(i))).append("\" y=\"").append(h - bottom + 16).append("\" text-anchor=\"middle\">")
                    .append(escape(xs.get(i))).append("</text>");
        }
        s.append('\n');
        int c = 0, legend = 0;
        for (Band b : bands) {
            StringBuilder up = new StringBuilder(), down = new StringBuilder();
            for (int i = 0; i < xs.size(); i++) {
                if (b.low()[i] == null || b.high()[i] == null) continue;
                up.append(up.isEmpty() ? "" : " ").append(n(x.applyAsDouble(i))).append(',').append(n(y.applyAsDouble(b.high()[i])));
                down.insert(0, n(x.applyAsDouble(i)) + "," + n(y.applyAsDouble(b.low()[i])) + " ");
            }
            String colour = "#4a78b0";
            double opacity = 0.15 + 0.1 * c;
            s.append("<polygon points=\"").append(up).append(' ').append(down.toString().strip()).append("\" fill=\"").append(colour)
                    .append("\" fill-opacity=\"").append(n(opacity)).append("\"/>\n");
            s.append(legendEntry(left + plotW + 12, top + 16 * legend++, colour, opacity, b.name()));
            c++;
        }
        c = 0;
        for (Series sr : series) {
            String colour = COLOURS[c++ % COLOURS.length];
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < xs.size(); i++) {
                if (sr.values()[i] == null) continue;
                pts.append(pts.isEmpty() ? "" : " ").append(n(x.applyAsDouble(i))).append(',').append(n(y.applyAsDouble(sr.values()[i])));
            }
            s.append("<polyline points=\"").append(pts).append("\" fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\"/>\n");
            s.append(legendEntry(left + plotW + 12, top + 16 * legend++, colour, 1, sr.name()));
        }
        return s.append("</svg>\n").toString();
    }

    private static String legendEntry(double x, double y, String colour, double opacity, String name) {
        return "<rect x=\"" + n(x) + "\" y=\"" + n(y) + "\" width=\"12\" height=\"10\" fill=\"" + colour + "\" fill-opacity=\"" + n(opacity)
                + "\"/><text x=\"" + n(x + 16) + "\" y=\"" + n(y + 9) + "\">" + escape(name) + "</text>\n";
    }

    /**
     * Horizontal bars, one group per label and one bar per series in it, from a common zero (negative values to its left);
     * each bar's value written beside it.
     */
    static String bars(String label, List<String> labels, List<String> seriesNames, List<BigDecimal[]> values) {
        int per = seriesNames.size(), barH = 14, gap = 8, labelW = labelWidth(labels), legendH = per > 1 ? 20 : 0;
        int chars = (int) ((labelW - 12) / CHAR_PX);
        List<List<String>> wrapped = labels.stream().map(l -> wrap(l, chars)).toList();
        int[] top = new int[labels.size()];
        int h = legendH;
        for (int i = 0; i < labels.size(); i++) { top[i] = h; h += Math.max(per * barH, wrapped.get(i).size() * 15) + gap; }
        h += 10;
        double lo = 0, hi = 0;
        for (BigDecimal[] vs : values) for (BigDecimal v : vs) if (v != null) { lo = Math.min(lo, v.doubleValue()); hi = Math.max(hi, v.doubleValue()); }
        if (lo == hi) hi = 1;
        double plotW = W - labelW - 90;
        double zero = labelW + plotW * (-lo) / (hi - lo);
        StringBuilder s = new StringBuilder(open(label, h));
        if (per > 1) for (int k = 0; k < per; k++) s.append(legendEntry(labelW + 150.0 * k, 4, COLOURS[k % COLOURS.length], 1, seriesNames.get(k)));
        for (int i = 0; i < labels.size(); i++) {
            int y0 = top[i];
            s.append(label(labelW - 6, y0 + Math.max(per * barH / 2 + 4, 11), wrapped.get(i)));
            for (int k = 0; k < per; k++) {
                BigDecimal v = values.get(i)[k];
                if (v == null) continue;
                double w = plotW * Math.abs(v.doubleValue()) / (hi - lo);
                double x0 = v.signum() < 0 ? zero - w : zero;
                int y = y0 + k * barH;
                s.append("<rect x=\"").append(n(x0)).append("\" y=\"").append(y).append("\" width=\"").append(n(w)).append("\" height=\"")
                        .append(barH - 2).append("\" fill=\"").append(COLOURS[k % COLOURS.length]).append("\"/>")
                        .append("<text x=\"").append(n(v.signum() < 0 ? x0 - 4 : x0 + w + 4)).append("\" y=\"").append(y + barH - 4)
                        .append("\"").append(v.signum() < 0 ? " text-anchor=\"end\"" : "").append(">").append(escape(Figures.about(v))).append("</text>");
            }
            s.append('\n');
        }
        s.append("<line x1=\"").append(n(zero)).append("\" x2=\"").append(n(zero)).append("\" y1=\"").append(legendH).append("\" y2=\"")
                .append(h - 6).append("\" stroke=\"#555\"/>\n");
        return s.append("</svg>\n").toString();
    }

    /** A tornado: for each label, a bar from one value to the other around a base line. */
    static String ranges(String label, List<String> labels, List<BigDecimal> from, List<BigDecimal> to, BigDecimal base) {
        int barH = 18, gap = 6, labelW = labelWidth(labels);
        int chars = (int) ((labelW - 12) / CHAR_PX);
        List<List<String>> wrapped = labels.stream().map(l -> wrap(l, chars)).toList();
        int[] top = new int[labels.size()];
        int h = 4;
        for (int i = 0; i < labels.size(); i++) { top[i] = h; h += Math.max(barH, wrapped.get(i).size() * 15) + gap; }
        h += 26;
        double lo = base.doubleValue(), hi = base.doubleValue();
        for (int i = 0; i < labels.size(); i++) {
            lo = Math.min(lo, Math.min(from.get(i).doubleValue(), to.get(i).doubleValue()));
            hi = Math.max(hi, Math.max(from.get(i).doubleValue(), to.get(i).doubleValue()));
        }
        if (lo == hi) { lo -= 1; hi += 1; }
        double plotW = W - labelW - 90, flo = lo, fhi = hi;
        java.util.function.DoubleUnaryOperator x = v -> labelW + plotW * (v - flo) / (fhi - flo);
        StringBuilder s = new StringBuilder(open(label, h));
        for (int i = 0; i < labels.size(); i++) {
            double a = x.applyAsDouble(from.get(i).doubleValue()), b = x.applyAsDouble(to.get(i).doubleValue());
            int y = top[i];
            s.append(label(labelW - 6, y + 13, wrapped.get(i))).append("<rect x=\"").append(n(Math.min(a, b))).append("\" y=\"").append(y).append("\" width=\"").append(n(Math.max(1, Math.abs(b - a))))
                    .append("\" height=\"").append(barH).append("\" fill=\"").append(COLOURS[0]).append("\"/>")
                    .append("<text x=\"").append(n(Math.max(a, b) + 4)).append("\" y=\"").append(y + 13).append("\">")
                    .append(escape(Figures.about(from.get(i)) + " … " + Figures.about(to.get(i)))).append("</text>\n");
        }
        double bx = x.applyAsDouble(base.doubleValue());
        s.append("<line x1=\"").append(n(bx)).append("\" x2=\"").append(n(bx)).append("\" y1=\"0\" y2=\"").append(h - 22).append("\" stroke=\"#a40\"/>")
                .append("<text x=\"").append(n(bx)).append("\" y=\"").append(h - 8).append("\" text-anchor=\"middle\">")
                .append(escape("base " + Figures.about(base))).append("</text>\n");
        return s.append("</svg>\n").toString();
    }

    /** A histogram's bins (equal width from lo to hi), one series drawn over the other, half transparent. */
    static String histogram(String label, double lo, double hi, List<String> names, List<long[]> counts) {
        int h = 260, left = 60, right = 170, top = 10, bottom = 34;
        long max = 1;
        for (long[] cs : counts) for (long c : cs) max = Math.max(max, c);
        double plotW = W - left - right, plotH = h - top - bottom;
        StringBuilder s = new StringBuilder(open(label, h));
        for (int k = 0; k < counts.size(); k++) {
            long[] cs = counts.get(k);
            double bw = plotW / cs.length;
            for (int i = 0; i < cs.length; i++) {
                double bh = plotH * cs[i] / max;
                s.append("<rect x=\"").append(n(left + i * bw)).append("\" y=\"").append(n(top + plotH - bh)).append("\" width=\"")
                        .append(n(Math.max(0.5, bw - 1))).append("\" height=\"").append(n(bh)).append("\" fill=\"").append(COLOURS[k % COLOURS.length])
                        .append("\" fill-opacity=\"0.55\"/>");
            }
            s.append('\n').append(legendEntry(left + plotW + 12, top + 16 * k, COLOURS[k % COLOURS.length], 0.55, names.get(k)));
        }
        double[] ticks = new double[5];
        for (int t = 0; t <= 4; t++) ticks[t] = lo + (hi - lo) * t / 4;
        List<String> tickText = tickLabels(ticks);
        for (int t = 0; t <= 4; t++) {
            s.append("<text x=\"").append(n(left + plotW * t / 4)).append("\" y=\"").append(h - bottom + 16).append("\" text-anchor=\"middle\">")
                    .append(escape(tickText.get(t))).append("</text>");
        }
        s.append("<line x1=\"").append(left).append("\" x2=\"").append(n(left + plotW)).append("\" y1=\"").append(n(top + plotH)).append("\" y2=\"")
                .append(n(top + plotH)).append("\" stroke=\"#555\"/>\n");
        return s.append("</svg>\n").toString();
    }
}
