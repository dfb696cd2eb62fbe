package lodestone.finance.valuation;

import java.util.Locale;

/**
 * The pluggable fiscal terms: a royalty on sales and a corporate income tax. Implementations are
 * small and stateless; per-path state (tax losses carried forward) lives in the caller's scratch.
 */
public final class Fiscal {
    private Fiscal() {
    }

    /** A royalty due on a year's sales (money) and volume. */
    public interface Royalty {
        double due(double salesRevenue, double volume);

        String describe();
    }

    /** Ad valorem royalty: a share of sales revenue (e.g. Western Australia's 5 % on rare-earth concentrate). */
    public record AdValorem(double rate) implements Royalty {
        public AdValorem {
            if (!(rate >= 0 && rate < 1)) throw new IllegalArgumentException("royalty rate must be in [0, 1), got " + rate);
        }

        public double due(double salesRevenue, double volume) {
            return rate * Math.max(0, salesRevenue);
        }

        public String describe() {
            return String.format(Locale.ROOT, "royalty %.4g%% ad valorem", 100 * rate);
        }
    }

    /** Specific royalty: money (millions) per unit of volume. */
    public record PerUnit(double perUnit) implements Royalty {
        public double due(double salesRevenue, double volume) {
            return perUnit * volume;
        }

        public String describe() {
            return String.format(Locale.ROOT, "royalty %.6g M per unit", perUnit);
        }
    }

    /** A corporate income tax on taxable income; {@code carryForward} is the loss pool, updated. */
    public interface Tax {
        /** Tax for a year with taxable income y (EBITDA − depreciation); updates and returns the loss pool via state[0]. */
        double due(double taxableIncome, double[] state);

        String describe();
    }

    /** Flat rate with losses carried forward without limit (the usual federal rule since 2018, without the 80 % cap). */
    public record FlatWithLosses(double rate) implements Tax {
        public FlatWithLosses {
            if (!(rate >= 0 && rate < 1)) throw new IllegalArgumentException("tax rate must be in [0, 1), got " + rate);
        }

        public double due(double y, double[] state) {
            if (y <= 0) {
                state[0] -= y;
                return 0;
            }
            double used = Math.min(state[0], y);
            state[0] -= used;
            return rate * (y - used);
        }

        public String describe() {
            return String.format(Locale.ROOT, "income tax %.4g%%, losses carried forward", 100 * rate);
        }
    }

    /** Flat rate with full loss offset (negative tax on losses): linear in income, for closed-form checks. */
    public record FullOffset(double rate) implements Tax {
        public double due(double y, double[] state) {
            return rate * y;
        }

        public String describe() {
            return String.format(Locale.ROOT, "income tax %.4g%%, full loss offset", 100 * rate);
        }
    }
}
