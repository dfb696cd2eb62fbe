package lodestone.finance.valuation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * The Monte Carlo valuation engine: a project's DCF on many simulated price paths, with and without a
 * support structure, on the same paths.
 *
 * <p><b>Reproducibility.</b> Paths are cut into blocks of {@link #BLOCK} paths; block b draws from its
 * own generator seeded by SplitMix64(seed, b), so a path's prices depend only on (seed, its index),
 * never on which thread ran it. Sums (means, variances) are added block by block in block order by an
 * ordered combiner, and quantile sketches hold integer counts (merging is exact and order-free): the
 * result is bit-for-bit the same for any number of threads.
 *
 * <p><b>Memory</b> is independent of the number of paths: per thread one price path, two cash-flow
 * scratch sets and its sketches; per pending block a few sums. Quantiles come from
 * {@link QuantileSketch} (relative error 0.1 % for NPV, IRR and DSCR; 0.5 % for the per-year fan).
 */
public final class Valuation {
    public static final int BLOCK = 1024;
    static final double ALPHA = 1e-3;
    static final double ALPHA_FAN = 5e-3;

    /** Run options. {@code threads} 0 = all available processors. */
    public record Options(long paths, long seed, int threads, double targetDscr, LongConsumer progress) {
        public Options {
            if (paths < 1) throw new IllegalArgumentException("paths must be ≥ 1, got " + paths);
            if (paths > 100_000_000L) throw new IllegalArgumentException("paths must be ≤ 100,000,000, got " + paths);
            if (!(targetDscr > 0)) throw new IllegalArgumentException("the DSCR target must be > 0, got " + targetDscr);
            if (threads < 0) throw new IllegalArgumentException("threads must be ≥ 0");
        }

        public static Options of(long paths, long seed) {
            return new Options(paths, seed, 0, 1.3, null);
        }

        public Options withThreads(int n) {
            return new Options(paths, seed, n, targetDscr, progress);
        }

        public Options withTargetDscr(double d) {
            return new Options(paths, seed, threads, d, progress);
        }

        public Options withProgress(LongConsumer p) {
            return new Options(paths, seed, threads, targetDscr, p);
        }
    }

    private Valuation() {
    }

    public static ValuationResult run(Economics e, PriceProcess process, Support support, Options o) {
        long start = System.nanoTime();
        int years = e.years();
        int threads = o.threads() == 0 ? Runtime.getRuntime().availableProcessors() : o.threads();
        long blocks = (o.paths() + BLOCK - 1) / BLOCK;
        threads = (int) Math.max(1, Math.min(threads, blocks));
        Combiner combiner = new Combiner(years, o.progress());
        AtomicInteger next = new AtomicInteger();
        List<Worker> workers = new ArrayList<>();
        double[] shift = shift(e, process, support);
        for (int i = 0; i < threads; i++) workers.add(new Worker(e, process, support, years, shift));
        if (threads == 1) {
            workers.get(0).run(next, blocks, o, combiner);
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "valuation");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> fs = new ArrayList<>();
                for (Worker w : workers) fs.add(pool.submit(() -> w.run(next, blocks, o, combiner)));
                for (Future<?> f : fs) f.get();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("valuation interrupted", ex);
            } catch (java.util.concurrent.ExecutionException ex) {
                if (ex.getCause() instanceof RuntimeException re) throw re;
                throw new IllegalStateException(ex.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        Worker all = workers.get(0);
        for (int i = 1; i < workers.size(); i++) all.mergeSketches(workers.get(i));
        return summarise(e, process, support, o, threads, combiner.total, all, shift, System.nanoTime() - start);
    }

    /**
     * The values the sums are taken about — NPV with and without support, their difference, the fiscal cost, the
     * IRRs (0 where undefined) on the forward curve: Σ (v − c) and Σ (v − c)² are summed instead of Σ v and Σ v², so
     * the variance does not lose its digits to cancellation when the spread is small beside the mean (a path set
     * whose NPVs all equal 289.3 had an SE of 1.2e-6, not 0).
     */
    static double[] shift(Economics e, PriceProcess process, Support support) {
        double[] fwd = new double[e.years()];
        for (int y = 0; y < fwd.length; y++) fwd[y] = process.forward(y + 1);
        CashFlows cw = new CashFlows(e, support), co = new CashFlows(e, new Support.None());
        double w = cw.evaluate(fwd), wo = co.evaluate(fwd);
        double iw = Dcf.irr(cw.fcf), io = Dcf.irr(co.fcf);
        double[] c = {w, wo, w - wo, cw.fiscalCost, Double.isNaN(iw) ? 0 : iw, Double.isNaN(io) ? 0 : io};
        for (int i = 0; i < c.length; i++) if (!Double.isFinite(c[i])) c[i] = 0;
        return c;
    }

    static long blockSeed(long seed, long block) {
        long z = seed + (block + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Sums of one block (or of all blocks combined in order). */
    static final class Partial {
        long n, lossWith, lossWithout, dscrN, dscrBelowOne, irrNaNWith, irrNaNWithout, paybackNeverWith, paybackNeverWithout;
        double npvW, npvW2, npvWo, npvWo2, diff, diff2, fiscal, fiscal2, irrW, irrW2, irrWo, irrWo2, minDscr, avgDscr,
                paybackWith, paybackWithout;
        long paybackNWith, paybackNWithout;
        final double[] price, cfadsWith, cfadsWithout;

        Partial(int years) {
            price = new double[years];
            cfadsWith = new double[years];
            cfadsWithout = new double[years];
        }

        void add(Partial p) {
            n += p.n;
            lossWith += p.lossWith;
            lossWithout += p.lossWithout;
            dscrN += p.dscrN;
            dscrBelowOne += p.dscrBelowOne;
            irrNaNWith += p.irrNaNWith;
            irrNaNWithout += p.irrNaNWithout;
            paybackNeverWith += p.paybackNeverWith;
            paybackNeverWithout += p.paybackNeverWithout;
            npvW += p.npvW;
            npvW2 += p.npvW2;
            npvWo += p.npvWo;
            npvWo2 += p.npvWo2;
            diff += p.diff;
            diff2 += p.diff2;
            fiscal += p.fiscal;
            fiscal2 += p.fiscal2;
            irrW += p.irrW;
            irrW2 += p.irrW2;
            irrWo += p.irrWo;
            irrWo2 += p.irrWo2;
            minDscr += p.minDscr;
            avgDscr += p.avgDscr;
            paybackWith += p.paybackWith;
            paybackWithout += p.paybackWithout;
            paybackNWith += p.paybackNWith;
            paybackNWithout += p.paybackNWithout;
            for (int t = 0; t < price.length; t++) {
                price[t] += p.price[t];
                cfadsWith[t] += p.cfadsWith[t];
                cfadsWithout[t] += p.cfadsWithout[t];
            }
        }
    }

    /** Adds block partials to the total strictly in block order, whatever order they finish in. */
    static final class Combiner {
        final Partial total;
        private final Map<Long, Partial> pending = new HashMap<>();
        private long nextBlock;
        private final LongConsumer progress;

        Combiner(int years, LongConsumer progress) {
            total = new Partial(years);
            this.progress = progress;
        }

        synchronized void submit(long block, Partial p) {
            pending.put(block, p);
            Partial q;
            while ((q = pending.remove(nextBlock)) != null) {
                total.add(q);
                nextBlock++;
                if (progress != null) progress.accept(total.n);
            }
        }
    }

    /** One thread's scratch and sketches. */
    static final class Worker {
        final Economics e;
        final PriceProcess process;
        final CashFlows with, without;
        final double[] prices;
        final int years;
        final QuantileSketch npvWith = new QuantileSketch(ALPHA), npvWithout = new QuantileSketch(ALPHA),
                irrWith = new QuantileSketch(ALPHA), irrWithout = new QuantileSketch(ALPHA),
                minDscr = new QuantileSketch(ALPHA), payback = new QuantileSketch(ALPHA), paybackWo = new QuantileSketch(ALPHA);
        final QuantileSketch[] fanMarket, fanEffective, cfadsWith, cfadsWithout;
        final double[] dscr = new double[2];
        final double[] shift;

        Worker(Economics e, PriceProcess process, Support support, int years, double[] shift) {
            this.shift = shift;
            this.e = e;
            this.process = process;
            this.years = years;
            with = new CashFlows(e, support);
            without = new CashFlows(e, new Support.None());
            prices = new double[years];
            fanMarket = sketches(years);
            fanEffective = sketches(years);
            cfadsWith = sketches(years);
            cfadsWithout = sketches(years);
        }

        private static QuantileSketch[] sketches(int n) {
            QuantileSketch[] a = new QuantileSketch[n];
            for (int i = 0; i < n; i++) a[i] = new QuantileSketch(ALPHA_FAN);
            return a;
        }

        void run(AtomicInteger next, long blocks, Options o, Combiner combiner) {
            long b;
            while ((b = next.getAndIncrement()) < blocks) {
                if (Thread.currentThread().isInterrupted()) return;
                long first = b * BLOCK;
                long n = Math.min(BLOCK, o.paths() - first);
                combiner.submit(b, block(new SplittableRandom(blockSeed(o.seed(), b)), n));
            }
        }

        Partial block(SplittableRandom rng, long n) {
            Partial p = new Partial(years);
            for (long i = 0; i < n; i++) {
                process.path(rng, prices, years);
                double vw = with.evaluate(prices);
                double vo = without.evaluate(prices);
                p.n++;
                // sums about the forward-curve values (shift): no cancellation in the variance
                double sw = vw - shift[0], so = vo - shift[1];
                p.npvW += sw;
                p.npvW2 += sw * sw;
                p.npvWo += so;
                p.npvWo2 += so * so;
                double d = vw - vo - shift[2];
                p.diff += d;
                p.diff2 += d * d;
                double fc = with.fiscalCost - shift[3];
                p.fiscal += fc;
                p.fiscal2 += fc * fc;
                if (vw < 0) p.lossWith++;
                if (vo < 0) p.lossWithout++;
                npvWith.add(vw);
                npvWithout.add(vo);
                double iw = Dcf.irr(with.fcf);
                if (Double.isNaN(iw)) p.irrNaNWith++;
                else {
                    irrWith.add(iw);
                    p.irrW += iw - shift[4];
                    p.irrW2 += (iw - shift[4]) * (iw - shift[4]);
                }
                double io = Dcf.irr(without.fcf);
                if (Double.isNaN(io)) p.irrNaNWithout++;
                else {
                    irrWithout.add(io);
                    p.irrWo += io - shift[5];
                    p.irrWo2 += (io - shift[5]) * (io - shift[5]);
                }
                with.dscr(dscr);
                if (!Double.isNaN(dscr[0])) {
                    p.dscrN++;
                    p.minDscr += dscr[0];
                    p.avgDscr += dscr[1];
                    if (dscr[0] < 1) p.dscrBelowOne++;
                    minDscr.add(dscr[0]);
                }
                int pb = with.payback();
                if (pb > years) p.paybackNeverWith++;
                else {
                    p.paybackWith += pb;
                    p.paybackNWith++;
                    payback.add(pb);
                }
                int pbo = without.payback();
                if (pbo > years) p.paybackNeverWithout++;
                else {
                    p.paybackWithout += pbo;
                    p.paybackNWithout++;
                    paybackWo.add(pbo);
                }
                for (int t = 0; t < years; t++) {
                    p.price[t] += prices[t];
                    p.cfadsWith[t] += with.cfads[t];
                    p.cfadsWithout[t] += without.cfads[t];
                    fanMarket[t].add(prices[t]);
                    fanEffective[t].add(with.effectivePrice[t]);
                    cfadsWith[t].add(with.cfads[t]);
                    cfadsWithout[t].add(without.cfads[t]);
                }
            }
            return p;
        }

        void mergeSketches(Worker w) {
            npvWith.merge(w.npvWith);
            npvWithout.merge(w.npvWithout);
            irrWith.merge(w.irrWith);
            irrWithout.merge(w.irrWithout);
            minDscr.merge(w.minDscr);
            payback.merge(w.payback);
            paybackWo.merge(w.paybackWo);
            for (int t = 0; t < years; t++) {
                fanMarket[t].merge(w.fanMarket[t]);
                fanEffective[t].merge(w.fanEffective[t]);
                cfadsWith[t].merge(w.cfadsWith[t]);
                cfadsWithout[t].merge(w.cfadsWithout[t]);
            }
        }
    }

    private static ValuationResult summarise(Economics e, PriceProcess process, Support support, Options o, int threads,
                                             Partial t, Worker w, double[] c, long nanos) {
        int years = e.years();
        long n = t.n;
        // the deterministic case on the forward curve
        double[] fwd = new double[years];
        for (int y = 0; y < years; y++) fwd[y] = process.forward(y + 1);
        CashFlows cw = new CashFlows(e, support);
        CashFlows co = new CashFlows(e, new Support.None());
        double fNpvW = cw.evaluate(fwd);
        double fIrrW = Dcf.irr(cw.fcf);
        double[] fd = new double[2];
        cw.dscr(fd);
        double fNpvWo = co.evaluate(fwd);
        double fIrrWo = Dcf.irr(co.fcf);
        var det = new ValuationResult.Deterministic(fwd, fNpvW, fNpvWo, fIrrW, fIrrWo, cw.fiscalCost);

        List<ValuationResult.FanYear> fan = new ArrayList<>();
        double[] meanCfadsW = new double[years], meanCfadsWo = new double[years], p10CfadsW = new double[years], p10CfadsWo = new double[years];
        for (int y = 0; y < years; y++) {
            fan.add(new ValuationResult.FanYear(y + 1, w.fanMarket[y].quantile(0.1), w.fanMarket[y].quantile(0.5), w.fanMarket[y].quantile(0.9),
                    t.price[y] / n, w.fanEffective[y].quantile(0.1), w.fanEffective[y].quantile(0.5), w.fanEffective[y].quantile(0.9)));
            meanCfadsW[y] = t.cfadsWith[y] / n;
            meanCfadsWo[y] = t.cfadsWithout[y] / n;
            p10CfadsW[y] = w.cfadsWith[y].quantile(0.1);
            p10CfadsWo[y] = w.cfadsWithout[y].quantile(0.1);
        }
        Debt debt = e.debt();
        // real CFADS sized at the real debt rate: (1 + rate)/(1 + inflation) − 1 (the contract's nominal rate when no inflation is stated)
        double rate = debt == null ? 0.08 : debt.realRate();
        int tenor = debt == null ? 10 : debt.tenor();
        int grace = debt == null ? 0 : debt.grace();
        int firstRepay = e.firstOperatingYear() + grace;
        var dc = new ValuationResult.DebtCapacity(o.targetDscr(), debt == null ? rate : debt.rate(), debt == null ? 0 : debt.inflation(), rate, tenor,
                debtCapacity(meanCfadsW, o.targetDscr(), rate, tenor, firstRepay), debtCapacity(p10CfadsW, o.targetDscr(), rate, tenor, firstRepay),
                debtCapacity(meanCfadsWo, o.targetDscr(), rate, tenor, firstRepay), debtCapacity(p10CfadsWo, o.targetDscr(), rate, tenor, firstRepay));
        var dscr = new ValuationResult.Dscr(t.dscrN == 0 ? Double.NaN : t.minDscr / t.dscrN, t.dscrN == 0 ? Double.NaN : w.minDscr.quantile(0.1),
                t.dscrN == 0 ? Double.NaN : t.avgDscr / t.dscrN, t.dscrN == 0 ? Double.NaN : (double) t.dscrBelowOne / t.dscrN, fd[0], fd[1]);
        return new ValuationResult(e.name(), support.describe(e.priceUnit(), e.quantityUnit()), process.describe(), n, o.seed(), threads, years,
                Stats.of(n, c[0], t.npvW, t.npvW2, w.npvWith), Stats.of(n, c[1], t.npvWo, t.npvWo2, w.npvWithout),
                Stats.of(n - t.irrNaNWith, c[4], t.irrW, t.irrW2, w.irrWith), Stats.of(n - t.irrNaNWithout, c[5], t.irrWo, t.irrWo2, w.irrWithout),
                t.irrNaNWith, t.irrNaNWithout,
                (double) t.lossWith / n, (double) t.lossWithout / n,
                Stats.of(n, c[2], t.diff, t.diff2, null), Stats.of(n, c[3], t.fiscal, t.fiscal2, null),
                det,
                breakeven(e, new Support.None()), support instanceof Support.None ? breakeven(e, support) : breakeven(e, support),
                new ValuationResult.Payback(medianPayback(w.payback, n), t.paybackNWith == 0 ? Double.NaN : t.paybackWith / t.paybackNWith,
                        (double) t.paybackNeverWith / n),
                new ValuationResult.Payback(medianPayback(w.paybackWo, n), t.paybackNWithout == 0 ? Double.NaN : t.paybackWithout / t.paybackNWithout,
                        (double) t.paybackNeverWithout / n),
                dscr, dc, fan, histogram(w.npvWith, w.npvWithout), histogram(w.npvWithout, w.npvWith), nanos / 1_000_000);
    }

    /**
     * The median payback year over all {@code n} paths — the order statistic of rank ⌊(n − 1)/2⌋, the paths that never pay
     * back (absent from the sketch) ranked after every year — or NaN when that path never pays back. A model review found
     * it taken over the paying paths alone: "year 2" with 89 % of paths never paying back.
     */
    static double medianPayback(QuantileSketch paying, long n) {
        long rank = (n - 1) / 2;
        return n == 0 || rank >= paying.count() ? Double.NaN : paying.atRank(rank);
    }

    /** Sculpted debt capacity: Σ_{k<tenor} max(0, CFADS_{first+k})/target · (1 + rate)^−(k+1). */
    static double debtCapacity(double[] cfads, double target, double rate, int tenor, int firstRepayYear) {
        double s = 0, d = 1;
        for (int k = 0; k < tenor; k++) {
            int y = firstRepayYear + k;
            d /= 1 + rate;
            if (y <= cfads.length) s += Math.max(0, cfads[y - 1]) / target * d;
        }
        return s;
    }

    /**
     * The flat price (the same every year) at which the project's NPV is zero, by bisection (NPV is
     * non-decreasing in a flat price under every structure here). NaN when even a price 10⁶ times the
     * opex does not pay back, or when the NPV is positive at a zero price (a CfD or EBITDA floor alone pays).
     */
    public static double breakeven(Economics e, Support support) {
        CashFlows cf = new CashFlows(e, support);
        double[] p = new double[e.years()];
        double lo = 0, hi = Math.max(1, e.opexPerUnit());
        // the search stops at 10⁶ times the opex: beyond it a price that the NPV does not depend on (a CfD for the whole
        // life) read as positive once P·Q − P·Q rounded above 0 — 1.44e17 USD/kg
        double top = 1e6 * Math.max(1, e.opexPerUnit());
        java.util.Arrays.fill(p, lo);
        if (cf.evaluate(p) >= 0) return Double.NaN;
        while (true) {
            java.util.Arrays.fill(p, hi);
            if (cf.evaluate(p) >= 0) break;
            if (hi >= top) return Double.NaN;
            hi = Math.min(top, hi * 2);
        }
        for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
            double mid = (lo + hi) / 2;
            java.util.Arrays.fill(p, mid);
            if (cf.evaluate(p) >= 0) hi = mid; else lo = mid;
        }
        return (lo + hi) / 2;
    }

    /** 40 equal bins between the 0.5th and 99.5th percentiles of the two sketches together. */
    static ValuationResult.Histogram histogram(QuantileSketch s, QuantileSketch other) {
        double lo = Math.min(s.quantile(0.005), other.quantile(0.005));
        double hi = Math.max(s.quantile(0.995), other.quantile(0.995));
        if (!(hi > lo)) {
            lo = lo - 1;
            hi = hi + 1;
        }
        int bins = 40;
        long[] counts = new long[bins];
        long[] out = new long[2];
        final double l = lo, h = hi;
        s.forEachBucket((v, c) -> {
            if (v < l) out[0] += c;
            else if (v > h) out[1] += c;
            else counts[Math.min(bins - 1, (int) ((v - l) / (h - l) * bins))] += c;
        });
        return new ValuationResult.Histogram(lo, hi, counts, out[0], out[1]);
    }
}
