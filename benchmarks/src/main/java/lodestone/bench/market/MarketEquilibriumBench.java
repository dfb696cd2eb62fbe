package lodestone.bench.market;

import lodestone.market.Equilibrium;
import lodestone.market.Scenario;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The market engine (SPEC §3): an n-region single-mineral equilibrium with a floor, a quota and a
 * subsidy, solved cold (from the reference point) and warm (from the previous equilibrium, as in a
 * Monte Carlo run or a policy sweep); and the tariff-only case side by side with ojAlgo's QP solver.
 * Setup checks that Lemke and ojAlgo's QP on the price form of the market give the same prices to 1e-6 and fails
 * the run otherwise; the quantity form, whose prices ojAlgo resolves only to ≈3e-5, is reported beside it.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar 'MarketEquilibriumBench.(policyCold|policyWarm|tariffOnlyLemke)$'
 * -p regions=5,10,20,40,80} and {@code 'MarketEquilibriumBench.tariffOnlyOjAlgo(Price)?Qp$' -p regions=5,10,20} (the quantity-form QP takes
 * seconds at 20 regions and minutes beyond).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// the cold solve reaches steady state only after ≈15 s of warm-up on the 2-core reference machine (C2 keeps
// compiling the solver's methods); 3 × 2 s measured up to 1.5× slow
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MarketEquilibriumBench {
    @Param({"5", "10", "20", "40"})
    public int regions;

    Scenario policy;
    Scenario tariffOnly;
    Equilibrium previous;

    @Setup(Level.Trial)
    public void setUp() {
        policy = BenchMarkets.scenario(regions, true, false);
        tariffOnly = BenchMarkets.scenario(regions, false, false);
        previous = Equilibrium.solve(policy);
        if (!previous.solved()) throw new IllegalStateException(previous.diagnosis());
        Equilibrium e = Equilibrium.solve(tariffOnly);
        if (!e.solved()) throw new IllegalStateException("tariff-only case not solved: " + e.diagnosis());
        // the oracle: ojAlgo's QP on the price form of the same market (prices are its variables); the run stops
        // unless every price agrees to 1e-6
        double[] qp = OjAlgoSpatialQp.solvePrices(regions);
        if (qp == null) throw new IllegalStateException("ojAlgo found no optimum of the price-form QP");
        double diff = 0;
        for (int r = 0; r < regions; r++) diff = Math.max(diff, Math.abs(e.price("R" + r) - qp[r]));
        if (diff > 1e-6) throw new IllegalStateException("prices differ from ojAlgo's price-form QP by " + diff);
        // the quantity form (welfare over supply, demand and flows) for comparison: seconds at 20 regions, minutes beyond
        double diffQuantityForm = Double.NaN;
        if (regions <= 20) {
            double[] qq = OjAlgoSpatialQp.solve(regions);
            if (qq == null) throw new IllegalStateException("ojAlgo found no optimum of the quantity-form QP");
            diffQuantityForm = 0;
            for (int r = 0; r < regions; r++) diffQuantityForm = Math.max(diffQuantityForm, Math.abs(e.price("R" + r) - qq[r]));
        }
        System.out.printf("%n[market] regions=%d variables=%d policy pivots=%d tariff-only pivots=%d "
                        + "max |p_lemke − p_ojalgo| = %.3g (price form), %.3g (quantity form)%n",
                regions, previous.size(), previous.pivots(), e.pivots(), diff, diffQuantityForm);
    }

    @Benchmark
    public Equilibrium policyCold() {
        return Equilibrium.solve(policy);
    }

    @Benchmark
    public Equilibrium policyWarm() {
        return Equilibrium.solve(policy, previous);
    }

    @Benchmark
    public Equilibrium tariffOnlyLemke() {
        return Equilibrium.solve(tariffOnly);
    }

    /** ojAlgo on the price form of the tariff-only market (n variables, n(n−1) arc constraints). */
    @Benchmark
    public double[] tariffOnlyOjAlgoPriceQp() {
        return OjAlgoSpatialQp.solvePrices(regions);
    }

    /** ojAlgo on the quantity form (supply, demand and every flow: n(n+1) variables); seconds from 20 regions on. */
    @Benchmark
    public double[] tariffOnlyOjAlgoQp() {
        return OjAlgoSpatialQp.solve(regions);
    }
}
