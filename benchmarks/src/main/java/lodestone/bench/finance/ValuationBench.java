package lodestone.bench.finance;

import lodestone.finance.valuation.Debt;
import lodestone.finance.valuation.Economics;
import lodestone.finance.valuation.Fiscal;
import lodestone.finance.valuation.PriceProcess;
import lodestone.finance.valuation.Support;
import lodestone.finance.valuation.Valuation;
import lodestone.finance.valuation.ValuationResult;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * The valuation target (issue 14): 100,000 paths × 20 years valued in ≤ 1 s on both cores, measured in the
 * same run against a straightforward single-threaded implementation ({@link #baseline}: java.util.Random,
 * every path's NPV and IRR stored and sorted, Math.pow discounting, IRR by bisection) of the same model.
 * Runs alternate engine and baseline so that both see the same machine load.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar lodestone.bench.finance.ValuationBench [--paths N] [--reps R] [--threads T] [--engine-only]</pre>
 * With {@code --engine-only} and a small heap (-Xmx24m) it shows that memory does not grow with the number of paths.
 */
public final class ValuationBench {
    private ValuationBench() {
    }

    /** A DoD–MP-like project: 2 construction years, ramp-up, debt, tax, royalty; 20 years. */
    static Economics project() {
        int years = 20;
        double[] capex = new double[years];
        double[] vol = new double[years];
        capex[0] = 600;
        capex[1] = 400;
        double[] ramp = {0.5, 0.8, 1};
        for (int t = 2; t < years; t++) vol[t] = 10_000 * ramp[Math.min(t - 2, 2)];
        return new Economics("bench", "USD/kg", "t", 1e-3, capex, vol, 45, 20, new Fiscal.AdValorem(0.05),
                new Fiscal.FlatWithLosses(0.21), 10, 0.08, 0.04, new Debt(400, 0.07, 8, 1, Debt.Schedule.ANNUITY));
    }

    static PriceProcess process() {
        return PriceProcess.ou(69, 85, 0.35, 0.35).withJumps(0.05, 0.5, 0.3);
    }

    static Support support() {
        return new Support.FloorWithUpside(110, 0.3, 140, 10);
    }

    public static void main(String[] args) {
        long paths = 100_000;
        int reps = 5;
        int threads = 0;
        boolean engineOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--paths" -> paths = Long.parseLong(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--engine-only" -> engineOnly = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Economics e = project();
        PriceProcess p = process();
        Support s = support();
        System.out.printf(Locale.ROOT, "valuation benchmark: %,d paths × %d years, %d processors, max heap %d MB%n", paths, e.years(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        // warm-up (JIT) on both
        for (int i = 0; i < 3; i++) {
            Valuation.run(e, p, s, Valuation.Options.of(Math.min(paths, 50_000), 1000 + i).withThreads(threads));
            if (!engineOnly) baseline(e, p, s, Math.min(paths, 20_000), 1000 + i);
        }
        double[] engine = new double[reps];
        double[] base = new double[reps];
        ValuationResult last = null;
        double[] baseOut = null;
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            last = Valuation.run(e, p, s, Valuation.Options.of(paths, 42 + r).withThreads(threads));
            engine[r] = (System.nanoTime() - t0) / 1e6;
            if (!engineOnly) {
                t0 = System.nanoTime();
                baseOut = baseline(e, p, s, paths, 42 + r);
                base[r] = (System.nanoTime() - t0) / 1e6;
            }
            System.out.printf(Locale.ROOT, "rep %d: engine %.0f ms (%d threads)   baseline %.0f ms (1 thread)%n", r + 1, engine[r], last.threads(), base[r]);
        }
        Arrays.sort(engine);
        Arrays.sort(base);
        System.out.printf(Locale.ROOT, "median: engine %.0f ms, baseline %.0f ms, ratio %.1f×%n", engine[reps / 2], base[reps / 2],
                base[reps / 2] / engine[reps / 2]);
        System.out.printf(Locale.ROOT, "engine:   mean NPV with %.2f (SE %.2f), P50 %.2f, without %.2f; fiscal cost %.2f; IRR P50 %.4f%n",
                last.npvWith().mean(), last.npvWith().standardError(), last.npvWith().p50(), last.npvWithout().mean(), last.fiscalCost().mean(),
                last.irrWith().p50());
        if (baseOut != null) {
            System.out.printf(Locale.ROOT, "baseline: mean NPV with %.2f, P50 %.2f, without %.2f; fiscal cost %.2f; IRR P50 %.4f%n",
                    baseOut[0], baseOut[1], baseOut[2], baseOut[3], baseOut[4]);
        }
    }

    /**
     * The straightforward implementation: one thread, java.util.Random, whole arrays per path, every NPV
     * and IRR kept and sorted for the median. Same model equations as CashFlows (floor, upside share,
     * EBITDA floor, royalty, tax with losses, unlevered FCF). Returns {mean NPV with, P50, mean NPV
     * without, mean fiscal cost, P50 IRR with}.
     */
    static double[] baseline(Economics e, PriceProcess p, Support s, long paths, long seed) {
        Random rng = new Random(seed);
        int years = e.years();
        Support.FloorWithUpside fu = (Support.FloorWithUpside) s;
        double[] capex = e.capex();
        double[] vol = e.volume();
        int firstOp = e.firstOperatingYear();
        double totalCapex = Arrays.stream(capex).sum();
        double[] npvs = new double[(int) paths];
        double[] irrs = new double[(int) paths];
        double sumWo = 0, sumFiscal = 0;
        double a = Math.exp(-p.kappa());
        double sd = p.sigma() * Math.sqrt((1 - a * a) / (2 * p.kappa()));
        double theta = Math.log(p.longRun());
        for (int i = 0; i < paths; i++) {
            double[] prices = new double[years];
            double x = Math.log(p.p0());
            for (int t = 0; t < years; t++) {
                x = theta + a * (x - theta) + sd * rng.nextGaussian();
                if (rng.nextDouble() < p.jumpProbability()) x += p.jumpMean() + p.jumpSd() * rng.nextGaussian();
                prices[t] = Math.exp(x);
            }
            double[] fw = new double[years];
            double[] fo = new double[years];
            double fiscal = 0;
            for (int pass = 0; pass < 2; pass++) {
                double losses = 0;
                for (int t = 0; t < years; t++) {
                    boolean op = t + 1 >= firstOp;
                    boolean supported = pass == 0 && op && t + 1 < firstOp + fu.years();
                    double sales = vol[t] * prices[t] * e.moneyPerPriceQuantity();
                    double gov = 0;
                    if (supported) {
                        double unit = prices[t] < fu.strike() ? fu.strike() - prices[t] : -fu.upsideShare() * (prices[t] - fu.strike());
                        gov = unit * vol[t] * e.moneyPerPriceQuantity();
                    }
                    double ebitda = op ? sales + gov - 0.05 * Math.max(0, sales) - e.opexPerUnit() * vol[t] * e.moneyPerPriceQuantity() - e.fixedOpex() : 0;
                    if (supported && ebitda < fu.ebitdaFloor()) {
                        gov += fu.ebitdaFloor() - ebitda;
                        ebitda = fu.ebitdaFloor();
                    }
                    double dep = (t + 1 >= firstOp && t + 1 < firstOp + e.depreciationYears()) ? totalCapex / e.depreciationYears() : 0;
                    double taxable = ebitda - dep;
                    double tax;
                    if (taxable <= 0) {
                        losses -= taxable;
                        tax = 0;
                    } else {
                        double used = Math.min(losses, taxable);
                        losses -= used;
                        tax = 0.21 * (taxable - used);
                    }
                    double flow = ebitda - tax - capex[t];
                    if (pass == 0) {
                        fw[t] = flow;
                        fiscal += gov / Math.pow(1 + e.publicDiscountRate(), t + 1);
                    } else {
                        fo[t] = flow;
                    }
                }
            }
            double nw = 0, no = 0;
            for (int t = 0; t < years; t++) {
                nw += fw[t] / Math.pow(1 + e.discountRate(), t + 1);
                no += fo[t] / Math.pow(1 + e.discountRate(), t + 1);
            }
            npvs[i] = nw;
            sumWo += no;
            sumFiscal += fiscal;
            irrs[i] = bisectIrr(fw);
            bisectIrr(fo);
        }
        double mean = Arrays.stream(npvs).sum() / paths;
        Arrays.sort(npvs);
        double[] defined = Arrays.stream(irrs).filter(v -> !Double.isNaN(v)).sorted().toArray(); // as the engine: undefined IRRs apart
        return new double[]{mean, npvs[(int) ((paths - 1) / 2)], sumWo / paths, sumFiscal / paths, defined[(defined.length - 1) / 2]};
    }

    private static double bisectIrr(double[] f) {
        double lo = -0.99, hi = 10;
        boolean loPositive = npv(f, lo) > 0;
        if (npv(f, lo) * npv(f, hi) > 0) return Double.NaN;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if ((npv(f, mid) > 0) == loPositive) lo = mid; else hi = mid;
        }
        return (lo + hi) / 2;
    }

    private static double npv(double[] f, double r) {
        double s = 0;
        for (int t = 0; t < f.length; t++) s += f[t] / Math.pow(1 + r, t + 1);
        return s;
    }
}
