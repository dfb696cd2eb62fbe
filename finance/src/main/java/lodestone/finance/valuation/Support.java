package lodestone.finance.valuation;

import java.util.Locale;

/**
 * A support structure between a project and a government or buyer, paid each operating year for
 * {@code years} years from the first operating year (0 = for the whole life). Prices are in the
 * project's price unit. {@link #governmentPayment} is what the government pays the project for the
 * year's sales (negative when the project pays back); an offtake changes the price the project
 * receives on its contracted volume instead and costs the government nothing.
 */
public sealed interface Support {

    /** Years of support from the first operating year; 0 = the whole life. */
    int years();

    /** The support in words, with the units of its prices and volumes, e.g. "offtake of 2000 t/yr at 90 USD/kg for 10 years". */
    String describe(String priceUnit, String quantityUnit);

    /** Government payment per unit of output at market price p (before any EBITDA floor). */
    default double paymentPerUnit(double p) {
        return 0;
    }

    record None() implements Support {
        public int years() {
            return 0;
        }

        public String describe(String priceUnit, String quantityUnit) {
            return "no support";
        }
    }

    /** A price floor paid as a top-up: max(K − P, 0) per unit — a strip of puts. */
    record Floor(double strike, int years) implements Support {
        public Floor {
            positive(strike, "floor");
            nonNegative(years);
        }

        public double paymentPerUnit(double p) {
            return p < strike ? strike - p : 0;
        }

        public String describe(String priceUnit, String quantityUnit) {
            return "price floor " + PriceProcess.g(strike) + " " + priceUnit + term(years);
        }
    }

    /** Two-way contract for difference at strike K: the project receives K − P (pays back when P &gt; K). */
    record Cfd(double strike, int years) implements Support {
        public Cfd {
            positive(strike, "CfD strike");
            nonNegative(years);
        }

        public double paymentPerUnit(double p) {
            return strike - p;
        }

        public String describe(String priceUnit, String quantityUnit) {
            return "two-way CfD at " + PriceProcess.g(strike) + " " + priceUnit + term(years);
        }
    }

    /** An offtake: {@code volume} per year (project quantity unit) bought at a fixed {@code price}; the rest sold at market. */
    record Offtake(double price, double volume, int years) implements Support {
        public Offtake {
            positive(price, "offtake price");
            if (!(volume > 0)) throw new IllegalArgumentException("offtake volume must be > 0, got " + volume);
            nonNegative(years);
        }

        public String describe(String priceUnit, String quantityUnit) {
            return "offtake of " + PriceProcess.g(volume) + " " + quantityUnit + "/yr at " + PriceProcess.g(price) + " " + priceUnit
                    + term(years);
        }
    }

    /**
     * The DoD–MP Materials structure (July 2025): a floor K paid as a top-up, a share s of the upside above K
     * returned to the government, and a floor E (money per year, millions) under the project's EBITDA.
     */
    record FloorWithUpside(double strike, double upsideShare, double ebitdaFloor, int years) implements Support {
        public FloorWithUpside {
            if (!(strike >= 0) || Double.isInfinite(strike)) throw new IllegalArgumentException("floor must be a price ≥ 0 (0 = EBITDA floor only), got " + strike);
            if (!(upsideShare >= 0 && upsideShare <= 1)) throw new IllegalArgumentException("upside share must be in [0, 1], got " + upsideShare);
            if (!(ebitdaFloor >= 0)) throw new IllegalArgumentException("EBITDA floor must be ≥ 0, got " + ebitdaFloor);
            nonNegative(years);
        }

        public double paymentPerUnit(double p) {
            return p < strike ? strike - p : -upsideShare * (p - strike);
        }

        public String describe(String priceUnit, String quantityUnit) {
            return (strike > 0 ? "floor " + PriceProcess.g(strike) + " " + priceUnit + " with " + PriceProcess.g(100 * upsideShare) + " % of the upside returned" : "no price floor")
                    + (ebitdaFloor > 0 ? ", EBITDA floor USD " + PriceProcess.g(ebitdaFloor) + " M/yr" : "") + term(years);
        }
    }

    private static void positive(double v, String what) {
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(what + " must be a positive price, got " + v);
    }

    private static void nonNegative(int years) {
        if (years < 0) throw new IllegalArgumentException("support years must be ≥ 0, got " + years);
    }

    private static String term(int years) {
        return years == 0 ? "" : " for " + years + " years";
    }
}
