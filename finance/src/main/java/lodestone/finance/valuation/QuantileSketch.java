package lodestone.finance.valuation;

import java.util.Arrays;

/**
 * A streaming quantile estimate with a stated relative error and memory independent of the number of
 * values (a log-bucketed histogram in the manner of DDSketch, Masson, Rim &amp; Lee 2019).
 *
 * <p>A value x ≠ 0 falls in bucket i = ⌈f(|x|)/ln γ⌉ of its sign, γ = (1 + α)/(1 − α), where f is a
 * piecewise-linear log₂ read from the floating-point representation ({@link #log2Approx}; a bucket then
 * spans at most a factor γ); the bucket is represented by 2·lo·hi/(lo + hi), which is within relative
 * error α of every value in it. The estimate of
 * the q-quantile is the representative of the bucket holding the order statistic of rank
 * ⌊q·(n − 1)⌋ (0-based) — so it is within <b>relative error α of that exact order statistic</b>.
 * Values with |x| &lt; {@link #MIN_MAGNITUDE} count as zero. Counts are integers, so merging sketches
 * built from any partition of the values gives the same sketch: results do not depend on how many
 * threads built them. Memory: one int per bucket spanned, ≈ ln(max/min)/(2α) — 8 kB per decade of
 * range at α = 0.1 % (up to 1.44 times that with the piecewise-linear log).
 */
public final class QuantileSketch {
    public static final double MIN_MAGNITUDE = 1e-9;
    private final double alpha;
    private final double gamma;
    private final double lnGamma;
    private final double multiplier;
    private final Store pos = new Store();
    private final Store neg = new Store();
    private long zeros;
    private long count;
    /** The least and greatest values added: every quantile lies between them, so a sketch of equal values answers that value exactly. */
    private double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;

    public QuantileSketch(double relativeAccuracy) {
        if (!(relativeAccuracy > 0 && relativeAccuracy < 0.5)) throw new IllegalArgumentException("relative accuracy in (0, 0.5)");
        this.alpha = relativeAccuracy;
        this.gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
        this.lnGamma = Math.log(gamma);
        this.multiplier = 1 / lnGamma;
    }

    public double relativeAccuracy() {
        return alpha;
    }

    public long count() {
        return count;
    }

    public void add(double x) {
        if (Double.isNaN(x)) throw new IllegalArgumentException("NaN added to a quantile sketch");
        count++;
        if (x < min) min = x;
        if (x > max) max = x;
        double m = Math.abs(x);
        if (m < MIN_MAGNITUDE) {
            zeros++;
            return;
        }
        int i = (int) Math.ceil(log2Approx(m) * multiplier);
        (x > 0 ? pos : neg).add(i);
    }

    public void merge(QuantileSketch o) {
        if (o.alpha != alpha) throw new IllegalArgumentException("sketches of different accuracy");
        pos.merge(o.pos);
        neg.merge(o.neg);
        zeros += o.zeros;
        count += o.count;
        min = Math.min(min, o.min);
        max = Math.max(max, o.max);
    }

    /**
     * A piecewise-linear log₂ from the floating-point representation, f(x) = e + (m − 1) for x = m·2^e with
     * m in [1, 2): monotone, continuous, and with df/d(ln x) = m ≥ 1, so a bucket of width ln γ in f spans
     * at most a factor γ in x — the accuracy guarantee holds — at the cost of a few more buckets than exact
     * logarithms, and without computing a logarithm per value.
     */
    static double log2Approx(double m) {
        long bits = Double.doubleToRawLongBits(m);
        int e = (int) ((bits >>> 52) & 0x7FF) - 1023;
        double frac = Double.longBitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L) - 1;
        return e + frac;
    }

    /** The inverse of {@link #log2Approx}. */
    static double exp2Approx(double f) {
        double e = Math.floor(f);
        return Math.scalb(1 + (f - e), (int) e);
    }

    /** The bucket's representative 2·lo·hi/(lo + hi), within relative error (hi − lo)/(hi + lo) ≤ α of every value in it. */
    private double value(int i) {
        double hi = exp2Approx(i / multiplier);
        double lo = exp2Approx((i - 1) / multiplier);
        return 2 * lo * hi / (lo + hi);
    }

    /**
     * The q-quantile (0 ≤ q ≤ 1) as described above, kept within the least and greatest values added (so values that are
     * all equal, a valuation with σ = 0, give that value exactly rather than its bucket's representative); NaN when empty.
     */
    public double quantile(double q) {
        if (count == 0) return Double.NaN;
        return Math.min(max, Math.max(min, bucketQuantile(q)));
    }

    /**
     * The order statistic of 0-based rank {@code rank} (0 ≤ rank &lt; count), within the relative error and kept within the
     * least and greatest values added, as {@link #quantile}: for a quantile over more values than the sketch holds (the
     * median payback year over every path, those that never pay back counted above every year).
     */
    public double atRank(long rank) {
        if (rank < 0 || rank >= count) throw new IllegalArgumentException("rank " + rank + " outside 0.." + (count - 1));
        return Math.min(max, Math.max(min, bucketAtRank(rank)));
    }

    /** The bucket representative of the q-quantile (before {@link #quantile} keeps it within the values added). */
    private double bucketQuantile(double q) {
        return bucketAtRank((long) Math.floor(q * (count - 1)));
    }

    private double bucketAtRank(long rank) {
        // ascending order: negatives from the largest magnitude down, zeros, positives from the smallest up
        long seen = 0;
        if (neg.total > 0) {
            for (int k = neg.counts.length - 1; k >= 0; k--) {
                seen += neg.counts[k];
                if (seen > rank) return -value(k + neg.offset);
            }
        }
        seen += zeros;
        if (seen > rank) return 0;
        for (int k = 0; k < pos.counts.length; k++) {
            seen += pos.counts[k];
            if (seen > rank) return value(k + pos.offset);
        }
        return value(pos.counts.length - 1 + pos.offset);
    }

    /** Receives a bucket: its representative value and count (histograms). */
    public interface BucketVisitor {
        void visit(double representative, long count);
    }

    /** Visits every non-empty bucket in ascending order of value. */
    public void forEachBucket(BucketVisitor v) {
        for (int k = neg.counts.length - 1; k >= 0; k--) if (neg.counts[k] > 0) v.visit(-value(k + neg.offset), neg.counts[k]);
        if (zeros > 0) v.visit(0, zeros);
        for (int k = 0; k < pos.counts.length; k++) if (pos.counts[k] > 0) v.visit(value(k + pos.offset), pos.counts[k]);
    }

    /** Growable dense bucket counts from offset to offset + counts.length − 1. */
    private static final class Store {
        int[] counts = new int[0];
        int offset;
        long total;

        void add(int i) {
            ensure(i, i);
            counts[i - offset]++;
            total++;
        }

        void ensure(int lo, int hi) {
            if (counts.length == 0) {
                offset = lo - 64;
                counts = new int[hi - lo + 129];
                return;
            }
            if (lo >= offset && hi < offset + counts.length) return;
            int newLo = Math.min(lo - 64, offset);
            int newHi = Math.max(hi + 64, offset + counts.length - 1);
            int[] n = new int[newHi - newLo + 1];
            System.arraycopy(counts, 0, n, offset - newLo, counts.length);
            counts = n;
            offset = newLo;
        }

        void merge(Store o) {
            if (o.total == 0) return;
            ensure(o.offset, o.offset + o.counts.length - 1);
            for (int k = 0; k < o.counts.length; k++) counts[k + o.offset - offset] += o.counts[k];
            total += o.total;
        }

        @Override
        public String toString() {
            return Arrays.toString(counts);
        }
    }
}
