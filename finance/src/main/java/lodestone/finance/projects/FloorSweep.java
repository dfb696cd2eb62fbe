package lodestone.finance.projects;

import lodestone.finance.valuation.Economics;
import lodestone.finance.valuation.PriceProcess;
import lodestone.finance.valuation.Support;
import lodestone.finance.valuation.Valuation;
import lodestone.finance.valuation.ValuationResult;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * A floor sweep: one project valued at several floor levels, each for one or more terms (years of support), by the
 * valuation kernel itself ({@link Valuation#run}) once per level and term with the same options — the same seed, so the
 * same price paths (common random numbers): a difference between two rows is the floor's, not the draw's, and a row is
 * exactly the single valuation at its level and term. Rows run level by level, each level's terms in the order given.
 */
public final class FloorSweep {
    /** The most floor levels, terms and rows (levels × terms) one sweep takes: each row is a whole valuation. */
    public static final int MAX_LEVELS = 10, MAX_TERMS = 5, MAX_ROWS = 20;

    /** One level for one term: its valuation and its support's warning (the support ends before the debt is repaid), if any. */
    public record Row(double floor, int supportYears, ValuationResult result, List<String> warnings) { }

    private FloorSweep() {
    }

    /**
     * The levels as typed (each a price in the market's unit, as --floor takes one), read and checked: at least one, at
     * most {@link #MAX_LEVELS}, none given twice. Refusals name the option ({@code what}, e.g. "--floor") and the level.
     */
    public static List<Double> levels(Market m, List<String> texts, String what) {
        if (texts == null || texts.isEmpty()) throw new IllegalArgumentException(what + ": no level given; expected one or more prices in " + m.priceUnit());
        if (texts.size() > MAX_LEVELS) {
            throw new IllegalArgumentException(what + ": " + texts.size() + " levels; a sweep takes at most " + MAX_LEVELS + " (each is a whole valuation)");
        }
        List<Double> out = new ArrayList<>();
        for (String t : texts) {
            if (t == null || t.isBlank()) throw new IllegalArgumentException(what + ": an empty level; expected a price in " + m.priceUnit());
            double k = Units.parsePrice(t, m.priceUnit(), m.referencePrice(), what);
            int at = out.indexOf(k);
            if (at >= 0) throw new IllegalArgumentException(what + ": " + t.trim() + " is given twice (as level " + (at + 1) + " and " + (out.size() + 1) + ")");
            out.add(k);
        }
        return List.copyOf(out);
    }

    /** The terms, years of support each (0 = the whole life): at most {@link #MAX_TERMS}, none negative, none twice; none given is 10. */
    public static List<Integer> terms(List<Integer> years, String what) {
        if (years == null || years.isEmpty()) return List.of(10);
        if (years.size() > MAX_TERMS) throw new IllegalArgumentException(what + ": " + years.size() + " terms; a sweep takes at most " + MAX_TERMS);
        List<Integer> out = new ArrayList<>();
        for (Integer y : years) {
            if (y == null || y < 0) throw new IllegalArgumentException(what + ": must be ≥ 0 (0 = the whole life), got " + y);
            if (out.contains(y)) throw new IllegalArgumentException(what + ": " + y + " is given twice");
            out.add(y);
        }
        return List.copyOf(out);
    }

    /** Refuses a sweep of more than {@link #MAX_ROWS} rows, naming both counts. */
    public static void checkRows(int levels, int terms, String what) {
        if ((long) levels * terms > MAX_ROWS) {
            throw new IllegalArgumentException(what + ": " + levels + " levels × " + terms + " terms = " + levels * terms + " valuations; a sweep takes at most "
                    + MAX_ROWS);
        }
    }

    /**
     * Values the project at each level for each term, as {@code value --floor LEVEL --support-years TERM} with the same
     * options would (a {@link Support.Floor}, or a {@link Support.FloorWithUpside} with an upside share or EBITDA floor).
     * {@code started} is told each row's index (from 0) before it runs; it may be null.
     */
    public static List<Row> run(Economics e, PriceProcess process, List<Double> levels, List<Integer> terms, Double upsideShare, Double ebitdaFloor,
                                Valuation.Options o, IntConsumer started) {
        checkRows(levels.size(), terms.size(), "sweep");
        List<Row> rows = new ArrayList<>();
        for (double k : levels) {
            for (int years : terms) {
                Support s = upsideShare == null && ebitdaFloor == null ? new Support.Floor(k, years)
                        : new Support.FloorWithUpside(k, upsideShare == null ? 0 : upsideShare, ebitdaFloor == null ? 0 : ebitdaFloor, years);
                if (started != null) started.accept(rows.size());
                rows.add(new Row(k, years, Valuation.run(e, process, s, o), ProjectValuation.supportWarnings(e, s)));
            }
        }
        return List.copyOf(rows);
    }
}
