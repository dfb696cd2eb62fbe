package lodestone.market;

import java.util.Arrays;

/**
 * The P² algorithm (Jain and Chlamtac 1985): an estimate of one quantile of a stream in five markers,
 * without storing the stream — so a Monte Carlo run's memory does not grow with its draws. Exact for the
 * first five values; afterwards the markers move by piecewise-parabolic interpolation (the estimate is
 * approximate; docs/market-model.md states the accuracy measured). Fed in draw order, so deterministic.
 */
final class StreamingQuantile {
    private final double p;
    private final double[] q = new double[5];
    private final double[] pos = new double[5];
    private final double[] want = new double[5];
    private final double[] step;
    private int count;

    StreamingQuantile(double p) {
        this.p = p;
        step = new double[]{0, p / 2, p, (1 + p) / 2, 1};
    }

    void add(double x) {
        if (count < 5) {
            q[count++] = x;
            if (count == 5) {
                Arrays.sort(q);
                for (int i = 0; i < 5; i++) pos[i] = i + 1;
                want[0] = 1;
                want[1] = 1 + 2 * p;
                want[2] = 1 + 4 * p;
                want[3] = 3 + 2 * p;
                want[4] = 5;
            }
            return;
        }
        int k;
        if (x < q[0]) {
            q[0] = x;
            k = 0;
        } else if (x >= q[4]) {
            q[4] = Math.max(q[4], x);
            k = 3;
        } else {
            k = 0;
            while (k < 3 && x >= q[k + 1]) k++;
        }
        for (int i = k + 1; i < 5; i++) pos[i]++;
        for (int i = 0; i < 5; i++) want[i] += step[i];
        count++;
        for (int i = 1; i <= 3; i++) {
            double d = want[i] - pos[i];
            if ((d >= 1 && pos[i + 1] - pos[i] > 1) || (d <= -1 && pos[i - 1] - pos[i] < -1)) {
                int sg = d >= 0 ? 1 : -1;
                double qn = parabolic(i, sg);
                if (!(q[i - 1] < qn && qn < q[i + 1])) qn = q[i] + sg * (q[i + sg] - q[i]) / (pos[i + sg] - pos[i]);
                q[i] = qn;
                pos[i] += sg;
            }
        }
    }

    private double parabolic(int i, int d) {
        return q[i] + d / (pos[i + 1] - pos[i - 1]) * ((pos[i] - pos[i - 1] + d) * (q[i + 1] - q[i]) / (pos[i + 1] - pos[i])
                + (pos[i + 1] - pos[i] - d) * (q[i] - q[i - 1]) / (pos[i] - pos[i - 1]));
    }

    double value() {
        if (count == 0) return Double.NaN;
        // while it holds every value (at most five: its markers are the values, sorted at the fifth) the estimate is exact —
        // the order statistic interpolated at rank (n − 1)·p; at exactly five it returned the middle marker, the median, for
        // every quantile (P5 of 1..5 read 3, not 1.2)
        if (count <= 5) {
            double[] s = Arrays.copyOf(q, count);
            Arrays.sort(s);
            double h = (count - 1) * p;
            int lo = (int) Math.floor(h);
            int hi = Math.min(count - 1, lo + 1);
            return s[lo] + (h - lo) * (s[hi] - s[lo]);
        }
        return q[2];
    }
}
