package lodestone.finance.valuation;

/**
 * One price path → one project's annual cash flows under one support structure. The same code serves
 * the deterministic DCF and every Monte Carlo path, so "zero volatility values as the DCF" holds by
 * construction and is tested. Not thread-safe: one instance (with its scratch arrays) per thread.
 *
 * <pre>
 * sales_t   = P_t·Q_t·f                       (an offtake: min(V, Q_t) at its price, the rest at P_t)
 * gov_t     = payment(P_t)·Q_t·f              (floor, CfD, floor with upside; in support years only)
 * EBITDA_t  = sales_t + gov_t − royalty(sales_t) − c·Q_t·f − fixed_t
 *             (EBITDA floor E: gov_t += max(0, E − EBITDA_t) in support years)
 *             (EBITDA, fixed costs and support only in the years from the first to the last with production)
 * tax_t     = tax(EBITDA_t − depreciation_t − closure_t; losses carried forward)
 * WC_t      = (d_rec·(sales_t + gov_t) + (d_inv − d_pay)·(royalty_t + c·Q_t·f + fixed_t))/365 in operating years, else 0
 * FCF_t     = EBITDA_t − tax_t − capex_t − sustaining_t − closure_t − (WC_t − WC_{t−1})
 * CFADS_t   = EBITDA_t − tax_t − sustaining_t − closure_t − (WC_t − WC_{t−1})
 * NPV       = Σ FCF_t·(1 + r)^−t              fiscal cost = Σ gov_t·(1 + r_public)^−t
 *             (mid-year convention: every exponent t − ½)
 * </pre>
 */
public final class CashFlows {
    private final Economics e;
    private final Support support;
    private final int years;
    private final int firstOp;
    private final int lastOp;
    private final double[] df;
    private final double[] dfPublic;
    private final double[] depreciation;
    private final double[] debtService;
    final double[] fcf;
    final double[] cfads;
    final double[] effectivePrice;
    private final double[] taxState = new double[1];
    double fiscalCost;

    public CashFlows(Economics e, Support support) {
        this.e = e;
        this.support = support;
        this.years = e.years();
        this.firstOp = e.firstOperatingYear();
        this.lastOp = e.lastOperatingYear();
        df = new double[years];
        dfPublic = new double[years];
        double d = 1, dp = 1;
        for (int t = 0; t < years; t++) {
            d /= 1 + e.discountRate();
            dp /= 1 + e.publicDiscountRate();
            df[t] = d;
            dfPublic[t] = dp;
        }
        if (e.midYear()) { // flows in the middle of their year: half a year less discounting (the year-end factors are left as they were)
            double half = Math.sqrt(1 + e.discountRate()), halfPublic = Math.sqrt(1 + e.publicDiscountRate());
            for (int t = 0; t < years; t++) {
                df[t] *= half;
                dfPublic[t] *= halfPublic;
            }
        }
        depreciation = new double[years];
        double total = 0;
        for (int t = 0; t < years; t++) total += e.capexAt(t);
        for (int k = 0; k < e.depreciationYears(); k++) {
            int t = firstOp - 1 + k;
            if (t < years) depreciation[t] = total / e.depreciationYears();
        }
        // each year's sustaining capital over the same years from the year it is spent (what falls past the last year is lost)
        for (int s = 0; s < years; s++) {
            double spent = e.sustainingAt(s);
            if (spent == 0) continue;
            for (int k = 0; k < e.depreciationYears() && s + k < years; k++) depreciation[s + k] += spent / e.depreciationYears();
        }
        // in the cash flows' real money: a nominal contract's service deflated by its inflation (Debt.realService)
        debtService = e.debt() == null ? new double[years] : e.debt().realService(years, firstOp);
        fcf = new double[years];
        cfads = new double[years];
        effectivePrice = new double[years];
    }

    public int years() {
        return years;
    }

    /** The relative tolerance of {@link #payback}: a cumulative cash flow within 1e-9 × Σ|FCF| of 0 is 0. */
    public static final double PAYBACK_TOLERANCE = 1e-9;

    public double[] discountFactors() {
        return df.clone();
    }

    public double[] debtService() {
        return debtService.clone();
    }

    /** Evaluates the path; returns the NPV and leaves flows, CFADS, effective prices and the fiscal cost in this object. */
    public double evaluate(double[] prices) {
        double f = e.moneyPerPriceQuantity();
        double c = e.opexPerUnit();
        int supportYears = support.years();
        Support.Offtake off = support instanceof Support.Offtake o ? o : null;
        Support.FloorWithUpside fu = support instanceof Support.FloorWithUpside s ? s : null;
        boolean none = support instanceof Support.None;
        Economics.WorkingCapital wc = e.workingCapital();
        double wcBefore = 0;
        taxState[0] = 0;
        double npv = 0;
        double fiscal = 0;
        for (int t = 0; t < years; t++) {
            double p = prices[t];
            double q = e.volumeAt(t);
            // from the first to the last year with production: a closed plant has no fixed costs and no EBITDA floor
            boolean operating = t + 1 >= firstOp && t + 1 <= lastOp;
            boolean supported = !none && operating && (supportYears == 0 || t + 1 < firstOp + supportYears);
            double sales;
            if (off != null && supported) {
                double qo = Math.min(off.volume(), q);
                sales = (qo * off.price() + (q - qo) * p) * f;
            } else {
                sales = q * p * f;
            }
            double gov = supported ? support.paymentPerUnit(p) * q * f : 0;
            double ebitda = operating
                    ? sales + gov - e.royalty().due(sales, q) - c * q * f - e.fixedOpex()
                    : 0;
            if (fu != null && supported && ebitda < fu.ebitdaFloor()) {
                gov += fu.ebitdaFloor() - ebitda;
                ebitda = fu.ebitdaFloor();
            }
            double closure = e.closureAt(t);
            // closure is deducted in the year it is paid (x − 0 is x: a valuation without it is unchanged to the bit)
            double tax = e.tax().due(ebitda - depreciation[t] - closure, taxState);
            double deltaWc = 0;
            if (wc != null) {
                // the cash costs are what lies between revenue and EBITDA: sales + support − EBITDA (royalty, variable, fixed)
                double wcNow = operating ? (wc.receivablesDays() * (sales + gov) + (wc.inventoryDays() - wc.payablesDays()) * (sales + gov - ebitda)) / 365 : 0;
                // a plant producing before year 1 holds its first year's balance already (the valuation is as at year 1's start)
                if (t == 0 && wc.heldAtStart()) wcBefore = wcNow;
                deltaWc = wcNow - wcBefore;
                wcBefore = wcNow;
            }
            double flow = ebitda - tax - e.capexAt(t) - e.sustainingAt(t) - closure - deltaWc;
            fcf[t] = flow;
            cfads[t] = ebitda - tax - e.sustainingAt(t) - closure - deltaWc;
            effectivePrice[t] = q > 0 ? (sales + gov) / (q * f) : p;
            npv += flow * df[t];
            fiscal += gov * dfPublic[t];
        }
        fiscalCost = fiscal;
        return npv;
    }

    public double[] flows() {
        return fcf.clone();
    }

    public double[] cfads() {
        return cfads.clone();
    }

    public double fiscalCost() {
        return fiscalCost;
    }

    /** Minimum and average DSCR over the years with debt service; {NaN, NaN} without debt. */
    public void dscr(double[] out) {
        double min = Double.POSITIVE_INFINITY, sum = 0;
        int n = 0;
        for (int t = 0; t < years; t++) {
            if (debtService[t] > 0) {
                double r = cfads[t] / debtService[t];
                if (r < min) min = r;
                sum += r;
                n++;
            }
        }
        out[0] = n == 0 ? Double.NaN : min;
        out[1] = n == 0 ? Double.NaN : sum / n;
    }

    /**
     * Payback year: the first year (1-based) at whose end the cumulative undiscounted FCF is back at ≥ 0
     * after having been negative; 0 when it is never negative; years + 1 when it never recovers. "Negative" is below
     * −{@link #PAYBACK_TOLERANCE} × Σ|FCF| (the rounding of the sums, not money): −80, −60, −40, −20 and then a
     * cumulative of −3e-15 is paid back that year (it slipped a year).
     */
    public int payback() {
        double scale = 0;
        for (int t = 0; t < years; t++) scale += Math.abs(fcf[t]);
        double tol = PAYBACK_TOLERANCE * scale;
        double cum = 0;
        boolean negative = false;
        for (int t = 0; t < years; t++) {
            cum += fcf[t];
            if (cum < -tol) negative = true;
            else if (negative) return t + 1;
        }
        return negative ? years + 1 : 0;
    }
}
