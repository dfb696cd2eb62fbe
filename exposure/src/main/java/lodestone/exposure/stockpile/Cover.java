package lodestone.exposure.stockpile;

import lodestone.market.Equilibrium;
import lodestone.market.ScenarioException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Months of import cover: how long each holding would replace a region's imports. Against the baseline
 * market, cover = holding ÷ monthly imports (all imports lost); under a disruption scenario, cover =
 * holding ÷ the monthly shortfall (baseline imports − imports at the disrupted equilibrium), and the
 * holding either lasts the disruption or runs out on a date. Comparison lines are targets in days of
 * imports (Japan's 60, Korea's 100). Model arithmetic is double; a month is 365.25 / 12 days.
 */
public final class Cover {
    public static final double DAYS_PER_MONTH = 365.25 / 12;
    /** The longest disruption (or release) asked for, in months: ten years. */
    public static final int MAX_MONTHS = 120;

    private Cover() { }

    /** A comparison line: the holding a target of {@code days} of imports means, and whether it is met. */
    public record TargetLine(String label, int days, double months, double holdingNeededKg, boolean met) { }

    /**
     * One mineral's cover. Disruption fields are null when no disruption of this mineral's market was asked.
     * {@code note}: on a line with cover ({@link #computed()}), how the market counts the holding (NdPr together,
     * lithium as LCE), or null; on a line without, why cover cannot be computed.
     */
    public record Line(String mineral, BigDecimal holdingKg, String market, String region, double importsKgPerYear,
                       double monthlyImportsKg, Double months, LocalDate runsOut, String disruption, Integer disruptionMonths,
                       Double shortfallKgPerMonth, Double monthsUnderDisruption, LocalDate runsOutUnderDisruption,
                       Boolean lastsTheDisruption, List<TargetLine> targets, String note, boolean computed) { }

    /** The notes of a line joined, or null for none. */
    private static String notes(String a, String b) {
        return a == null ? b : b == null ? a : a + "; " + b;
    }

    private static String note(Equilibrium base) {
        if (base.scenario().quantityUnit().contains("LCE")) return "the market counts t LCE; the holding is read as LCE";
        if (base.scenario().minerals().size() > 1) {
            return "the market counts " + String.join(" and ", base.scenario().minerals()) + " together; this holding alone is set against their combined imports";
        }
        return null;
    }

    /** Holding ÷ monthly imports; null when there are no imports to cover. */
    public static Double months(BigDecimal holdingKg, double monthlyImportsKg) {
        if (monthlyImportsKg <= 0) return null;
        return holdingKg.doubleValue() / monthlyImportsKg;
    }

    /** The date a holding lasting {@code months} from {@code from} runs out (to the day). */
    public static LocalDate runsOut(LocalDate from, double months) {
        return from.plusDays(Math.round(months * DAYS_PER_MONTH));
    }

    /**
     * Refuses a start before the position's date: the holdings are those of that date, and a projection from them into the
     * past gives run-out dates before the metal was bought (reported: {@code --start 2020-01-01} ran the end-2026 holdings out
     * in 2020–2021).
     */
    public static void checkStart(LocalDate start, LocalDate positionDate) {
        if (positionDate != null && start.isBefore(positionDate)) {
            throw new IllegalArgumentException("start: " + start + " is before the ledger's position date " + positionDate
                    + ", whose holdings are projected; start on or after it (or ask for the position as of an earlier date)");
        }
    }

    /** Refuses a number of months outside 1 to {@link #MAX_MONTHS}. */
    public static void checkMonths(int months) {
        if (months < 1 || months > MAX_MONTHS) {
            throw new IllegalArgumentException("months: " + months + " is not a whole number of months from 1 to " + MAX_MONTHS);
        }
    }

    /**
     * Refuses a disruption that cover cannot be computed under: one whose market trades none of the ledger's holdings (a file
     * on cobalt against a ledger of gallium answered lines with no disruption at all), and one on another market of a held
     * mineral than its bundled one (a file of one's own with other regions: the shortfall is baseline imports, read in the
     * bundled market, less imports at the disrupted equilibrium, read region by region in this one).
     */
    static void checkDisruptionFits(Position p, Markets markets, String disruption, Equilibrium dis) {
        List<String> traded = dis.scenario().minerals();
        List<String> held = p.holdings().stream().map(Position.Holding::mineral).toList();
        if (!held.isEmpty() && held.stream().noneMatch(traded::contains)) {
            throw new IllegalArgumentException("disruption: the scenario " + disruption + " is a market for " + String.join(", ", traded)
                    + ", and the ledger " + p.stockpile() + " holds none of " + (traded.size() == 1 ? "it" : "them") + " on " + p.asOf()
                    + " (it holds " + String.join(", ", held) + "): there is no cover to compute under it");
        }
        for (String m : held) {
            if (!traded.contains(m)) continue;
            Optional<String> market = markets.baselineFor(m);
            if (market.isEmpty()) continue; // its line says that no bundled market trades it
            Equilibrium base;
            try {
                base = markets.equilibrium(market.get());
            } catch (ScenarioException e) {
                throw new IllegalStateException("the bundled market " + market.get() + " does not load: " + e.getMessage(), e);
            }
            if (!dis.scenario().regionIds().equals(base.scenario().regionIds())) {
                throw new IllegalArgumentException("disruption: the scenario " + disruption + " has the regions "
                        + String.join(", ", dis.scenario().regionIds()) + ", not those of the bundled " + market.get() + " market ("
                        + String.join(", ", base.scenario().regionIds()) + ") whose imports the cover is set against: write the disruption "
                        + "on it (baseline: " + market.get() + ", with its policies)");
            }
        }
    }

    /**
     * Cover of each holding of {@code p} for {@code region}'s imports (the baseline market of each mineral),
     * and under {@code disruption} (a bundled scenario that restricts exports, or null) lasting {@code disruptionMonths}
     * (1 to {@link #MAX_MONTHS}) from {@code start} (not before the position's date) for the minerals its market trades.
     * {@code region}: a country of the regime or a market region (EU27, JK…); anything else is refused, as are a
     * scenario that is not a disruption and a start before the position.
     */
    public static List<Line> of(Position p, Markets markets, String region, String disruption, int disruptionMonths, LocalDate start,
                                List<StockpileFile.Target> targets) throws ScenarioException {
        checkMonths(disruptionMonths);
        checkStart(start, p.asOf());
        if (!markets.knownRegion(region)) {
            throw new IllegalArgumentException("region: '" + region + "' is not a country of the regime or a region of a bundled market; "
                    + "expected an ISO alpha-2 code (e.g. US, JP, KR) or a market region (e.g. EU27)");
        }
        List<Line> out = new ArrayList<>();
        if (disruption != null) markets.disruption(disruption);
        Equilibrium dis = disruption == null ? null : markets.equilibrium(disruption);
        if (dis != null) checkDisruptionFits(p, markets, disruption, dis);
        for (Position.Holding h : p.holdings()) {
            Optional<String> market = markets.baselineFor(h.mineral());
            if (market.isEmpty()) {
                out.add(new Line(h.mineral(), h.quantityKg(), null, region, 0, 0, null, null, null, null, null, null, null, null, List.of(),
                        "no bundled market trades " + h.mineral() + ": cover cannot be computed", false));
                continue;
            }
            Equilibrium base = markets.equilibrium(market.get());
            String r = markets.regionFor(base.scenario(), region);
            if (r == null) {
                out.add(new Line(h.mineral(), h.quantityKg(), market.get(), region, 0, 0, null, null, null, null, null, null, null, null, List.of(),
                        "the market " + market.get() + " has no region for " + region, false));
                continue;
            }
            double imports = Markets.importsKgPerYear(base, r);
            double monthly = imports / 12;
            Double months = months(h.quantityKg(), monthly);
            List<TargetLine> tl = new ArrayList<>();
            for (StockpileFile.Target t : targets) {
                double m = t.days() / DAYS_PER_MONTH;
                double need = monthly * m;
                tl.add(new TargetLine(t.label(), t.days(), m, need, h.quantityKg().doubleValue() >= need));
            }
            String disName = null;
            Integer disMonths = null;
            Double shortfall = null, monthsDis = null;
            LocalDate outDis = null;
            Boolean lasts = null;
            if (dis != null && dis.scenario().minerals().contains(h.mineral())) {
                disName = disruption;
                disMonths = disruptionMonths;
                shortfall = Math.max(0, imports - Markets.importsKgPerYear(dis, r)) / 12;
                monthsDis = months(h.quantityKg(), shortfall);
                lasts = monthsDis == null || monthsDis >= disruptionMonths;
                // a holding that lasts the disruption does not run out in it: the shortfall ends with it (a date 65 months on was
                // given for a 9-month disruption, beside "lasts")
                outDis = lasts ? null : runsOut(start, monthsDis);
            }
            out.add(new Line(h.mineral(), h.quantityKg(), market.get(), r, imports, monthly, months,
                    months == null ? null : runsOut(start, months), disName, disMonths, shortfall, monthsDis, outDis, lasts, tl,
                    notes(note(base), r.equals(region) ? null : region + " is in the market region " + r + " ("
                            + String.join(", ", base.scenario().regionCountries().get(r)) + "): the imports are the whole region's"), true));
        }
        return out;
    }
}
