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
 * Setup checks that both give the same prices (to 1e-4: ojAlgo stops near 3e-5) and fails the run otherwise.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar 'MarketEquilibriumBench.(policyCold|policyWarm|tariffOnlyLemke)$'
 * -p regions=5,10,20,40,80} and {@code 'MarketEquilibriumBench.tariffOnlyOjAlgoQp$' -p regions=5,10,20} (the QP takes
 * seconds at 20 regions and minutes beyond).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
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
        // the QP oracle takes seconds from 20 regions on (minutes at 40): compared up to 20
        double diff = Double.NaN;
        if (regions <= 20) {
            double[] qp = OjAlgoSpatialQp.solve(regions);
            if (qp == null) throw new IllegalStateException("ojAlgo found no optimum");
            diff = 0;
            for (int r = 0; r < regions; r++) diff = Math.max(diff, Math.abs(e.price("R" + r) - qp[r]));
            if (diff > 1e-4) throw new IllegalStateException("prices differ from the QP by " + diff);
        }
        System.out.printf("%n[market] regions=%d variables=%d policy pivots=%d tariff-only pivots=%d "
                        + "max |p_lemke − p_ojalgo| = %.3g%n", regions, previous.size(), previous.pivots(), e.pivots(), diff);
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

    @Benchmark
    public double[] tariffOnlyOjAlgoQp() {
        return OjAlgoSpatialQp.solve(regions);
    }
}
