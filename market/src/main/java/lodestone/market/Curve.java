package lodestone.market;

/**
 * A supply or demand schedule in one region: quantity as a function of the price the holder sees
 * (the producer price for supply, the regional price for demand). Quantities are never negative:
 * the model treats a curve's quantity through the complementarity y ≥ 0 ⟂ y − q(p) ≥ 0.
 */
sealed interface Curve {
    /** q(p) before truncation at zero. */
    double quantity(double p);

    /** dq/dp. */
    double slope(double p);

    /** ∫_{p0}^{p1} max(0, q(p)) dp, the surplus change of a price move (supply: gain; demand: loss). */
    double area(double p0, double p1);

    /** The same curve with every quantity multiplied by g ≥ 0 (growth, depletion, a shock). */
    Curve scaled(double g);

    /** The same curve with its elasticity at the reference price pRef multiplied by k (through the same point). */
    Curve elasticityScaled(double k, double pRef);

    /** q = intercept + slope · p (linear; a calibrated curve passes through the reference point with the stated elasticity). */
    record Linear(double intercept, double slopeValue) implements Curve {
        @Override
        public double quantity(double p) { return intercept + slopeValue * p; }

        @Override
        public double slope(double p) { return slopeValue; }

        @Override
        public Curve scaled(double g) { return g == 1 ? this : new Linear(intercept * g, slopeValue * g); }

        @Override
        public Curve elasticityScaled(double k, double pRef) {
            if (k == 1) return this;
            double q0 = intercept + slopeValue * pRef;
            double b = slopeValue * k;
            return new Linear(q0 - b * pRef, b);
        }

        @Override
        public double area(double p0, double p1) { return primitive(p1) - primitive(p0); }

        private double primitive(double p) {
            // ∫_0^p max(0, a + b t) dt
            double a = intercept;
            double b = slopeValue;
            if (b == 0) return Math.max(0, a) * p;
            double root = -a / b;
            if (b > 0) {
                double lo = Math.max(0, root);
                return p <= lo ? 0 : a * (p - lo) + b * (p * p - lo * lo) / 2;
            }
            double hi = Math.max(0, root);
            double t = Math.min(p, hi);
            return a * t + b * t * t / 2;
        }
    }

    /**
     * q = q0 · (p/p0)^ε. Below p0/1000 the curve continues along its tangent so that the Newton iterates
     * never meet the singularity at p = 0 (equilibrium prices are far above it; the tangent is C¹).
     */
    record Isoelastic(double q0, double p0, double elasticity) implements Curve {
        private double pmin() { return p0 * 1e-3; }

        @Override
        public double quantity(double p) {
            double lo = pmin();
            if (p < lo) return q0 * Math.pow(lo / p0, elasticity) + slope(lo) * (p - lo);
            return q0 * Math.pow(p / p0, elasticity);
        }

        @Override
        public double slope(double p) {
            double lo = pmin();
            double t = Math.max(p, lo);
            return elasticity * q0 * Math.pow(t / p0, elasticity) / t;
        }

        @Override
        public double area(double a, double b) {
            return primitive(b) - primitive(a);
        }

        @Override
        public Curve scaled(double g) { return g == 1 ? this : new Isoelastic(q0 * g, p0, elasticity); }

        @Override
        public Curve elasticityScaled(double k, double pRef) {
            // through the curve's point at the reference price, as a linear curve is (its own price p0, and with it
            // the tangent's start p0/1000, kept): q0'·(pRef/p0)^(kε) = q(pRef)
            if (k == 1) return this;
            double e = elasticity * k;
            return new Isoelastic(quantity(pRef) * Math.pow(p0 / pRef, e), p0, e);
        }

        private double primitive(double p) {
            // equilibrium prices are above p0/1000; the surplus integral uses the exact power curve
            double t = Math.max(p, pmin());
            if (Math.abs(elasticity + 1) < 1e-12) return q0 * p0 * Math.log(t / p0);
            return q0 * p0 * Math.pow(t / p0, elasticity + 1) / (elasticity + 1);
        }
    }

    /**
     * A step cost curve: step k supplies up to capacity[k] at unit cost cost[k] (a project or deposit
     * cost curve such as Busch et al. 2024 for lithium). Modelled directly as box variables, so
     * {@link #quantity} and {@link #slope} are only used for surplus.
     */
    record Steps(double[] cost, double[] capacity, String[] names) implements Curve {
        @Override
        public double quantity(double p) {
            double s = 0;
            for (int k = 0; k < cost.length; k++) if (p > cost[k]) s += capacity[k];
            return s;
        }

        @Override
        public double slope(double p) { return 0; }

        @Override
        public Curve scaled(double g) {
            if (g == 1) return this;
            double[] c = capacity.clone();
            for (int k = 0; k < c.length; k++) c[k] *= g;
            return new Steps(cost, c, names);
        }

        @Override
        public Curve elasticityScaled(double k, double pRef) { return this; }

        @Override
        public double area(double p0, double p1) {
            double s = 0;
            for (int k = 0; k < cost.length; k++) s += capacity[k] * (Math.max(0, p1 - cost[k]) - Math.max(0, p0 - cost[k]));
            return s;
        }
    }
}
