package lodestone.finance.valuation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * An annual price process for Monte Carlo valuation, simulated exactly on a one-year grid (no
 * discretisation error on that grid): x = ln P,
 * <ul>
 *   <li><b>log Ornstein–Uhlenbeck</b> (mean-reverting): x' = θ + a·(x − θ) + s·Z with a = e^{−κ},
 *       s = σ·√((1 − a²)/(2κ)) and θ = ln(longRun) — longRun is the long-run <i>median</i> price;</li>
 *   <li><b>geometric Brownian motion</b>: x' = x + (μ − σ²/2) + σ·Z, so E[P_t] = P₀·e^{μt};</li>
 *   <li>in either, an <b>export-control shock</b> each year with probability λ: a jump J ~ N(μ_J, σ_J²)
 *       added to x (under OU it then decays at rate κ like any other shock).</li>
 * </ul>
 * Because every term of x_t is a weighted sum of independent normals and Bernoulli-normal jumps, the
 * forward E[P_t] is known exactly ({@link #forward}); without jumps P_t is lognormal with log-variance
 * {@link #logVariance}, which is what makes a floor a strip of Black-76 puts.
 */
public record PriceProcess(Kind kind, double p0, double longRun, double kappa, double sigma, double drift,
                           double jumpProbability, double jumpMean, double jumpSd) {

    public enum Kind { OU, GBM }

    public PriceProcess {
        if (!(p0 > 0)) throw new IllegalArgumentException("initial price must be > 0, got " + p0);
        if (kind == Kind.OU && !(longRun > 0)) throw new IllegalArgumentException("long-run price must be > 0, got " + longRun);
        if (kind == Kind.OU && !(kappa > 0)) throw new IllegalArgumentException("mean-reversion speed kappa must be > 0, got " + kappa);
        if (!(sigma >= 0)) throw new IllegalArgumentException("volatility must be ≥ 0, got " + sigma);
        if (!(jumpProbability >= 0 && jumpProbability <= 1))
            throw new IllegalArgumentException("jump probability must be in [0, 1], got " + jumpProbability);
        if (!(jumpSd >= 0)) throw new IllegalArgumentException("jump standard deviation must be ≥ 0, got " + jumpSd);
    }

    public static PriceProcess ou(double p0, double longRun, double kappa, double sigma) {
        return new PriceProcess(Kind.OU, p0, longRun, kappa, sigma, 0, 0, 0, 0);
    }

    public static PriceProcess gbm(double p0, double drift, double sigma) {
        return new PriceProcess(Kind.GBM, p0, p0, 0, sigma, drift, 0, 0, 0);
    }

    /** The same process with export-control shocks: probability per year, mean and sd of the log jump. */
    public PriceProcess withJumps(double probability, double mean, double sd) {
        return new PriceProcess(kind, p0, longRun, kappa, sigma, drift, probability, mean, sd);
    }

    public PriceProcess withSigma(double s) {
        return new PriceProcess(kind, p0, longRun, kappa, s, drift, jumpProbability, jumpMean, jumpSd);
    }

    double a() {
        return kind == Kind.OU ? Math.exp(-kappa) : 1;
    }

    /** The one-year shock's standard deviation s. */
    double stepSd() {
        if (kind == Kind.GBM) return sigma;
        double a = a();
        return sigma * Math.sqrt((1 - a * a) / (2 * kappa));
    }

    /**
     * The deterministic part of x_t (no shocks) less log P₀: (drift − σ²/2)·t for GBM, (θ − log P₀)(1 − aᵗ) for OU,
     * formed as {@link #path} forms it. Prices are P₀·e^(offset + shocks), so a process that does not move (σ = 0, no
     * drift; an OU starting at its long-run median) gives P₀ to the last bit (e^(log 60) is 59.999999999999986).
     */
    private double offset(int t) {
        if (kind == Kind.GBM) return (drift - sigma * sigma / 2) * t;
        double a = a(), at = 1;
        for (int i = 0; i < t; i++) at *= a;
        return (Math.log(longRun) - Math.log(p0)) * (1 - at);
    }

    /** Var[ln P_t] of the diffusion part (jumps excluded). */
    public double logVariance(int t) {
        double s = stepSd();
        double a = a();
        double v = 0;
        double c = 1;
        for (int i = 0; i < t; i++) {
            v += c * c * s * s;
            c *= a;
        }
        return v;
    }

    /** E[P_t], exactly, jumps included. */
    public double forward(int t) {
        double s = stepSd();
        double a = a();
        double logF = offset(t);
        double c = 1;
        for (int i = 0; i < t; i++) {
            logF += c * c * s * s / 2;
            if (jumpProbability > 0) {
                logF += Math.log(1 - jumpProbability + jumpProbability * Math.exp(c * jumpMean + c * c * jumpSd * jumpSd / 2));
            }
            c *= a;
        }
        return p0 * Math.exp(logF);   // P₀·e^(log F − log P₀): exactly P₀ where the log moves by 0 (exp(log 60) is 59.999999999999986)
    }

    /**
     * Fills {@code prices[0..years-1]} with P_1..P_years of one path. Draws one normal per year, and, when
     * jumps are on, one uniform per year and one normal per jump.
     */
    public void path(RandomGenerator rng, double[] prices, int years) {
        double a = a();
        double s = stepSd();
        double theta = kind == Kind.OU ? Math.log(longRun) : 0;
        double step = kind == Kind.GBM ? drift - sigma * sigma / 2 : 0;
        double x0 = Math.log(p0);
        boolean ou = kind == Kind.OU;
        // x_t = (its deterministic part, as offset forms it) + (the shocks so far, decayed): the same recursion
        // x_t = θ + a·(x_{t−1} − θ) + s·Z (GBM: x_{t−1} + step + s·Z), and without shocks exactly the median path
        double dev = 0, at = 1;
        for (int t = 0; t < years; t++) {
            dev = (ou ? a * dev : dev) + s * rng.nextGaussian();
            if (jumpProbability > 0 && rng.nextDouble() < jumpProbability) dev += jumpMean + jumpSd * rng.nextGaussian();
            at *= a;
            double off = ou ? (theta - x0) * (1 - at) : step * (t + 1);   // as offset(t + 1) forms it
            prices[t] = p0 * Math.exp(off + dev);
        }
    }

    /** Deterministic path of the medians (zero shocks): the path Monte Carlo gives at σ = 0 without jumps. */
    public void medianPath(double[] prices, int years) {
        for (int t = 0; t < years; t++) prices[t] = p0 * Math.exp(offset(t + 1));
    }

    public String describe() {
        String jumps = jumpProbability > 0
                ? "; export-control shocks with probability " + g(jumpProbability) + "/yr, log-jump N(" + g(jumpMean) + ", " + g(jumpSd) + "²)"
                : "";
        return kind == Kind.OU
                ? "log Ornstein–Uhlenbeck: P₀ " + g(p0) + ", long-run median " + g(longRun) + ", κ " + g(kappa) + "/yr, σ " + g(sigma) + jumps
                : "GBM: P₀ " + g(p0) + ", drift " + g(drift) + "/yr, σ " + g(sigma) + jumps;
    }

    /** A number to 4 significant digits without trailing zeros (69, 74.33, 0.1). */
    static String g(double v) {
        if (!Double.isFinite(v)) return String.valueOf(v);
        if (v == 0) return "0";
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** A calibrated process with what the fit could not vouch for. */
    public record Calibration(PriceProcess process, int observations, List<String> warnings) { }

    /**
     * Calibrates a log-OU process to an annual price series by least squares on its exact AR(1) form,
     * x_{t+1} = c + b·x_t + e: κ = −ln b, θ = c/(1 − b), σ = sd(e)·√(2κ/(1 − b²)); P₀ is the last price.
     * A fitted b outside (0, 1) means the series shows no mean reversion: the answer is then an
     * error, never a silently extreme κ.
     */
    public static Calibration calibrateOu(double[] annualPrices) {
        int n = annualPrices.length;
        if (n < 3) throw new IllegalArgumentException("calibration needs at least 3 annual prices, got " + n);
        for (double p : annualPrices) if (!(p > 0)) throw new IllegalArgumentException("calibration prices must be > 0, got " + p);
        int m = n - 1;
        double sx = 0, sy = 0;
        for (int i = 0; i < m; i++) {
            sx += Math.log(annualPrices[i]);
            sy += Math.log(annualPrices[i + 1]);
        }
        double mx = sx / m, my = sy / m;
        double sxx = 0, sxy = 0;
        for (int i = 0; i < m; i++) {
            double dx = Math.log(annualPrices[i]) - mx;
            sxx += dx * dx;
            sxy += dx * (Math.log(annualPrices[i + 1]) - my);
        }
        if (sxx == 0) throw new IllegalArgumentException("calibration: the series is constant; nothing to fit");
        double b = sxy / sxx;
        double c = my - b * mx;
        if (!(b > 0 && b < 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "calibration: the fitted AR(1) coefficient %.4f is outside (0, 1): the series shows no mean reversion "
                            + "(give the process parameters instead, or use GBM)", b));
        }
        double rss = 0;
        for (int i = 0; i < m; i++) {
            double e = Math.log(annualPrices[i + 1]) - c - b * Math.log(annualPrices[i]);
            rss += e * e;
        }
        double se = Math.sqrt(rss / Math.max(1, m - 2));
        double kappa = -Math.log(b);
        double theta = c / (1 - b);
        double sigma = se * Math.sqrt(2 * kappa / (1 - b * b));
        List<String> warnings = new ArrayList<>();
        if (n < 10) warnings.add("only " + n + " annual prices: κ and σ are poorly determined (standard errors of the same order as the estimates)");
        return new Calibration(ou(annualPrices[n - 1], Math.exp(theta), kappa, sigma), n, warnings);
    }
}
