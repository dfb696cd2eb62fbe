package lodestone.bench.exposure;

import lodestone.border.Assessor;
import lodestone.border.origin.PreferenceOriginVerifier;
import lodestone.exposure.company.Company;
import lodestone.exposure.company.CompanyFile;
import lodestone.exposure.company.Exposure;
import lodestone.exposure.stockpile.Markets;
import lodestone.regime.Regime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A company exposure at scale (target: 10,000 sourcing lines × 5 scenarios in ≤ 5 s). A seeded company file
 * of N lines (magnets, gallium, germanium, lithium, cobalt, graphite from a dozen origins, a third under
 * fixed, indexed or collar contracts) is read and evaluated today and under five scenarios — two market
 * scenarios, another regime, a later date, and a market scenario from a later date — REPS times, with and
 * without the re-sourcing alternatives. Markets are solved once (cached) before timing; the machine is shared.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar lodestone.bench.exposure.ExposureBench [--lines 10000] [--reps 5] [--seed 1]</pre>
 */
public final class ExposureBench {
    public static void main(String[] args) throws Exception {
        int n = 10_000, reps = 5;
        long seed = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--lines" -> n = Integer.parseInt(args[++i].replace("_", ""));
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Regime regime = Regime.bundled();
        Regime pluri = Regime.open("bundled:plurilateral");
        Assessor today = PreferenceOriginVerifier.assessorFor(regime);
        Assessor club = PreferenceOriginVerifier.assessorFor(pluri);
        Markets markets = new Markets(regime);
        String text = company(n, seed);
        List<Exposure.Case> cases = List.of(
                new Exposure.Case("floor", null, null, "ndpr-floor-110", null),
                new Exposure.Case("ban", null, null, "gallium-ban", null),
                new Exposure.Case("club", club, null, null, null),
                new Exposure.Case("2027", null, java.time.LocalDate.of(2027, 1, 1), null, null),
                new Exposure.Case("subsidy-later", null, null, "ndpr-subsidy-110", java.time.LocalDate.of(2026, 9, 1)));
        for (Exposure.Case k : cases) if (k.market() != null) markets.equilibrium(k.market());
        for (String m : List.of("ndpr", "gallium", "lithium", "cobalt", "graphite")) markets.equilibrium(m);
        System.out.printf(Locale.ROOT, "%,d lines × %d scenarios (+ today), %d reps, %d cores%n", n, cases.size(), reps, Runtime.getRuntime().availableProcessors());
        List<Double> with = new ArrayList<>(), without = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            Company c = CompanyFile.parse("bench.yaml", text, regime, b -> null);
            Exposure.Report rep = Exposure.evaluate(c, null, today, cases, markets, false);
            double a = (System.nanoTime() - t0) / 1e6;
            long t1 = System.nanoTime();
            Company c2 = CompanyFile.parse("bench.yaml", text, regime, b -> null);
            Exposure.Report rep2 = Exposure.evaluate(c2, null, today, cases, markets, true);
            double b = (System.nanoTime() - t1) / 1e6;
            if (rep.lines().size() != n * (cases.size() + 1)) throw new IllegalStateException("lines missing");
            if (!rep.totals().equals(rep2.totals())) throw new IllegalStateException("totals differ");
            without.add(a);
            with.add(b);
            System.out.printf(Locale.ROOT, "rep %d: read + evaluate %.0f ms; with alternatives %.0f ms (%,d alternatives)%n", r + 1, a, b, rep2.alternatives().size());
        }
        without.sort(null);
        with.sort(null);
        System.out.printf(Locale.ROOT, "median: %.0f ms without alternatives, %.0f ms with%n", without.get(reps / 2), with.get(reps / 2));
    }

    static String company(int n, long seed) {
        Random rnd = new Random(seed);
        String[][] goods = {
                {"8505.11.00.70", "ndpr", "60", "CN,JP,VN,DE,MX"},
                {"2805.30.00.20", "ndpr", "80", "CN,VN,AU,MY"},
                {"8112.92.10.00", "gallium", "580", "CN,JP,DE,KR"},
                {"2825.60.00.10", null, "1300", "CN,BE,CA,RU"},
                {"2825.20.00.00", "lithium", "10", "CN,CL,AR,AU"},
                {"2822.00.00.10", "cobalt", "33", "CN,FI,BE,CA"},
                {"2504.10.10.00", "graphite", "0.9", "CN,MZ,MG,BR,CA"}};
        StringBuilder s = new StringBuilder("company: Bench Co.\ndate: 2026-03-02\nsourcing:\n");
        for (int i = 0; i < n; i++) {
            String[] g = goods[rnd.nextInt(goods.length)];
            String[] origins = g[3].split(",");
            String origin = origins[rnd.nextInt(origins.length)];
            double price = Double.parseDouble(g[2]) * (0.8 + 0.4 * rnd.nextDouble());
            s.append("  - {id: l").append(i).append(", origin: ").append(origin).append(", hts: ").append(g[0])
                    .append(", quantity: ").append(100 + rnd.nextInt(100_000)).append(", unit: kg, price: ")
                    .append(String.format(Locale.ROOT, "%.2f", price)).append(", incoterm: FOB, freight: 0.5");
            if (g[1] != null) {
                s.append(", market: {scenario: ").append(g[1]).append(", share: ").append(String.format(Locale.ROOT, "%.2f", 0.3 + 0.7 * rnd.nextDouble())).append("}");
                int k = rnd.nextInt(9);
                if (k < 3) s.append(", contract: ").append(new String[]{"fixed", "indexed", "collar"}[k]);
            }
            s.append("}\n");
        }
        s.append("contracts:\n  - {id: fixed, type: fixed, start: 2026-01-01, end: 2026-09-30}\n")
                .append("  - {id: indexed, type: indexed, start: 2026-01-01, end: 2027-12-31, lag_months: 3}\n")
                .append("  - {id: collar, type: collar, start: 2026-01-01, end: 2027-12-31, floor: 1, cap: 2000, lag_months: 1}\n");
        return s.toString();
    }
}
