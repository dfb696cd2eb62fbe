package lodestone.bench.exposure;

import lodestone.exposure.stockpile.Position;
import lodestone.exposure.stockpile.StockpileEvent;
import lodestone.exposure.stockpile.StockpileEvent.Where;
import lodestone.exposure.stockpile.StockpileLedger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The stockpile ledger's derivation (target: holdings for 1 M events in ≤ 1 s). A seeded ledger of N
 * events (funding, members, then acquisitions, releases, draws, replenishments and buy-backs over six
 * minerals, never taking more than is held) is derived REPS times, alternating with a baseline pass that
 * only adds up each mineral's quantities (no checks, no cost basis, no funding), so the ratio is measured in
 * the same run on the same (shared, noisy) machine; the derivation's thread CPU time is reported beside its wall time.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar lodestone.bench.exposure.StockpileLedgerBench [--events 1000000] [--reps 7] [--seed 1]</pre>
 */
public final class StockpileLedgerBench {
    static final String[] MINERALS = {"gallium", "germanium", "dysprosium", "cobalt", "graphite", "lithium"};

    public static void main(String[] args) throws Exception {
        int n = 1_000_000, reps = 7;
        long seed = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> n = Integer.parseInt(args[++i].replace("_", ""));
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<StockpileEvent> events = generate(n, seed);
        Set<String> known = Set.of(MINERALS);
        System.out.printf(Locale.ROOT, "%,d events, %d reps, %d cores%n", events.size(), reps, Runtime.getRuntime().availableProcessors());
        double bestDerive = Double.MAX_VALUE, bestBase = Double.MAX_VALUE;
        List<Double> derive = new ArrayList<>(), base = new ArrayList<>();
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        List<Double> deriveCpu = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
            long c0 = cpu.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Position p = StockpileLedger.derive("bench", events, known);
            double ms = (System.nanoTime() - t0) / 1e6;
            double cms = (cpu.getCurrentThreadCpuTime() - c0) / 1e6;
            deriveCpu.add(cms);
            long t1 = System.nanoTime();
            Map<String, BigDecimal> sums = baseline(events);
            double bms = (System.nanoTime() - t1) / 1e6;
            for (Position.Holding h : p.holdings()) {
                if (h.quantityKg().compareTo(sums.get(h.mineral())) != 0) throw new IllegalStateException("holdings differ for " + h.mineral());
            }
            derive.add(ms);
            base.add(bms);
            bestDerive = Math.min(bestDerive, ms);
            bestBase = Math.min(bestBase, bms);
            System.out.printf(Locale.ROOT, "rep %d: derive %.1f ms (thread CPU %.1f ms), baseline (sums only) %.1f ms, ratio %.2f%n", r + 1, ms, cms, bms, ms / bms);
        }
        derive.sort(null);
        base.sort(null);
        deriveCpu.sort(null);
        System.out.printf(Locale.ROOT, "median thread CPU of derive: %.1f ms%n", deriveCpu.get(reps / 2));
        System.out.printf(Locale.ROOT, "median: derive %.1f ms, baseline %.1f ms, ratio %.2f; best derive %.1f ms%n",
                derive.get(reps / 2), base.get(reps / 2), derive.get(reps / 2) / base.get(reps / 2), bestDerive);
    }

    /** Signed quantity sums per mineral: the least a derivation must do. */
    static Map<String, BigDecimal> baseline(List<StockpileEvent> events) {
        Map<String, BigDecimal> m = new HashMap<>();
        for (StockpileEvent e : events) {
            switch (e) {
                case StockpileEvent.Acquisition a -> m.merge(a.mineral(), a.quantityKg(), BigDecimal::add);
                case StockpileEvent.Replenishment a -> m.merge(a.mineral(), a.quantityKg(), BigDecimal::add);
                case StockpileEvent.Release a -> m.merge(a.mineral(), a.quantityKg().negate(), BigDecimal::add);
                case StockpileEvent.Draw a -> m.merge(a.mineral(), a.quantityKg().negate(), BigDecimal::add);
                case StockpileEvent.BuyBack a -> m.merge(a.mineral(), a.quantityKg().negate(), BigDecimal::add);
                case StockpileEvent.WriteOff a -> m.merge(a.mineral(), a.quantityKg().negate(), BigDecimal::add);
                default -> { } // a correction here replaces an acquisition by the same one: no change
            }
        }
        return m;
    }

    static List<StockpileEvent> generate(int n, long seed) {
        Random rnd = new Random(seed);
        List<StockpileEvent> ev = new ArrayList<>(n);
        LocalDate d = LocalDate.of(2026, 2, 2);
        ev.add(new StockpileEvent.Funding(d, StockpileEvent.Source.EXIM_LOAN, "EXIM", new BigDecimal("1e15").setScale(2), new BigDecimal("4.5"), 15, null, Where.NOWHERE));
        Map<String, BigDecimal> alloc = new HashMap<>();
        for (String m : MINERALS) alloc.put(m, new BigDecimal("1e12"));
        String[] members = new String[20];
        for (int i = 0; i < members.length; i++) {
            members[i] = "member-" + i;
            ev.add(new StockpileEvent.Join(d, members[i], new BigDecimal("1000000"), alloc, null, Where.NOWHERE));
        }
        Map<String, BigDecimal> held = new HashMap<>();
        // what each member has drawn or bought back and not had replenished, by mineral: a replenishment restores no more
        Map<String, BigDecimal> owed = new HashMap<>();
        while (ev.size() < n) {
            if (ev.size() > 100 && rnd.nextInt(10_000) == 0) { // now and then a correction: an earlier acquisition recorded again as it was
                int t = rnd.nextInt(ev.size());
                if (ev.get(t) instanceof StockpileEvent.Acquisition a) {
                    ev.add(new StockpileEvent.Correction(d, t + 1, a, "re-keyed", Where.NOWHERE));
                    continue;
                }
            }
            String m = MINERALS[rnd.nextInt(MINERALS.length)];
            String mem = members[rnd.nextInt(members.length)];
            BigDecimal h = held.getOrDefault(m, BigDecimal.ZERO);
            BigDecimal q = BigDecimal.valueOf(1 + rnd.nextInt(100_000), 2);
            BigDecimal price = BigDecimal.valueOf(1_000 + rnd.nextInt(100_000), 2);
            int k = rnd.nextInt(10);
            String key = mem + "/" + m;
            if (k == 5 && owed.getOrDefault(key, BigDecimal.ZERO).compareTo(q) >= 0) {
                ev.add(new StockpileEvent.Replenishment(d, mem, m, q, price, null, Where.NOWHERE));
                held.put(m, h.add(q));
                owed.merge(key, q.negate(), BigDecimal::add);
            } else if (k <= 5 || h.compareTo(q) < 0) {
                ev.add(new StockpileEvent.Acquisition(d, m, "metal", q, price, "trader", true, null, Where.NOWHERE));
                held.put(m, h.add(q));
            } else {
                ev.add(switch (k) {
                    case 6 -> new StockpileEvent.Release(d, m, q, price, "market", null, Where.NOWHERE);
                    case 7 -> rnd.nextInt(20) == 0 ? new StockpileEvent.WriteOff(d, m, q, "below specification", null, Where.NOWHERE)
                            : new StockpileEvent.Release(d, m, q, price, "market", null, Where.NOWHERE);
                    case 8 -> new StockpileEvent.Draw(d, mem, m, q, null, null, Where.NOWHERE);
                    default -> new StockpileEvent.BuyBack(d, mem, m, q, price, null, Where.NOWHERE);
                });
                held.put(m, h.subtract(q));
                if (k >= 8) owed.merge(key, q, BigDecimal::add);
            }
            if (rnd.nextInt(1000) == 0) d = d.plusDays(1);
        }
        return ev;
    }
}
