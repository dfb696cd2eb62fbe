package lodestone.market;

import lodestone.regime.Regime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The calibrated baselines and example scenarios of data/market solve, and their policies do what they say. */
class BundledScenariosTest {
    static final Regime REGIME = Regime.bundled();

    @ParameterizedTest
    @ValueSource(strings = {"ndpr", "lithium", "cobalt", "graphite", "gallium"})
    void baselinesReproduceTheirReferenceYear(String name) throws Exception {
        Scenario s = Scenario.bundled(name, REGIME);
        Equilibrium e = Equilibrium.solve(s);
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        assertThat(e.residual()).isLessThanOrEqualTo(1e-9);
        // supply and demand were calibrated to balance at the reference price: equilibrium prices sit
        // within the freight margin of it (and graphite's US price above it by the Section 301 duty)
        for (String r : s.regionIds()) {
            assertThat(e.price(r) / s.referencePrice()).as("%s price in %s", name, r).isBetween(0.9, 1.4);
        }
        double supply = e.totalProduction();
        double demand = s.regionIds().stream().mapToDouble(e::consumption).sum();
        assertThat(supply).isCloseTo(demand, within(1e-6 * supply));
    }

    /**
     * The five baselines whose curves pass through their region's calibration price (each header's A6): the baseline
     * equilibrium lands on every region's calibration price and every curve's calibrated quantity, within the solver's
     * tolerance — the importing regions at the reference price, the exporters below it by the freight, the US above it
     * where a duty binds. The US price, the world output and the tariff revenue are pinned here as the headers state them.
     */
    @ParameterizedTest
    @CsvSource({
            // name,     reference, US price, world output, tariff revenue, regions at the reference price
            "antimony,   55.1,      55.144,   114220,       440,            CN EU27 JK",
            "tungsten,   47.9,      50.5345,  85140,        18441.5,        EU27 JK",
            "nickel,     15000,     15000,    4015000,      0,              CN US EU27 JK",
            "copper,     9700,      9700,     28970000,     0,              CN JK EU27 US",
            "manganese,  450,       450,      20140000,     0,              CN IN US EU27 JK",
            "germanium,  4100,      4100,     173,          0,              US EU27 JK ROW"})
    void calibratedBaselinesReproduceEveryPriceAndQuantity(String name, double reference, double usPrice, double world,
                                                           double tariffRevenue, String atReference) throws Exception {
        Scenario s = Scenario.bundled(name, REGIME);
        assertThat(s.minerals()).containsExactly(name);
        assertThat(s.referencePrice()).isEqualTo(reference);
        assertThat(s.policies()).isEmpty();
        Equilibrium e = Equilibrium.solve(s);
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        assertThat(e.residual()).isLessThanOrEqualTo(1e-9);
        double tol = 1e-8;
        for (Region r : s.regions) {
            double supply = 0, recycled = 0;
            for (Curve c : r.supply()) supply += calibrated(name, r, c, e, tol);
            for (Curve c : r.recycled()) recycled += calibrated(name, r, c, e, tol);
            assertThat(e.production(r.id())).as("%s production in %s", name, r.id()).isCloseTo(supply, within(tol * Math.max(1, supply)));
            assertThat(e.recycledProduction(r.id())).as("%s recycled in %s", name, r.id()).isCloseTo(recycled, within(tol * Math.max(1, recycled)));
            double demand = r.demand() == null ? 0 : calibrated(name, r, r.demand(), e, tol);
            assertThat(e.consumption(r.id())).as("%s consumption in %s", name, r.id()).isCloseTo(demand, within(tol * Math.max(1, demand)));
        }
        for (String r : atReference.split(" ")) assertThat(e.price(r)).as("%s price in %s", name, r).isCloseTo(reference, within(tol * reference));
        assertThat(e.price("US")).as("%s price in the US", name).isCloseTo(usPrice, within(tol * usPrice));
        assertThat(e.totalProduction()).isCloseTo(world, within(tol * world));
        assertThat(e.tariffRevenue()).isCloseTo(tariffRevenue, within(1e-6 * Math.max(1, tariffRevenue)));
    }

    /** The curve's calibration quantity, after checking that it is isoelastic and that its region's price is its calibration price. */
    private static double calibrated(String name, Region r, Curve c, Equilibrium e, double tol) {
        assertThat(c).as("%s %s curve", name, r.id()).isInstanceOf(Curve.Isoelastic.class);
        Curve.Isoelastic iso = (Curve.Isoelastic) c;
        assertThat(e.price(r.id())).as("%s price in %s", name, r.id()).isCloseTo(iso.p0(), within(tol * iso.p0()));
        return iso.q0();
    }

    @Test
    void bundledFilesAreAlsoReadFromTheRepositoryFolder() throws Exception {
        Path file = MarketCases.repo().resolve("data/market/ndpr-floor-110.yaml");
        Scenario s = Scenario.load(file, REGIME);
        assertThat(s.name()).isEqualTo("ndpr-floor-110");
        assertThat(s.baseline().name()).isEqualTo("ndpr-baseline");
        assertThat(s.club()).containsExactly("US", "JP", "EU27", "MX");
    }

    @Test
    void ndprFloorRaisesClubPricesToTheFloorAndLowersChina() throws Exception {
        Scenario s = Scenario.bundled("ndpr-floor-110", REGIME);
        Equilibrium base = Equilibrium.solve(s.baseline());
        Equilibrium e = Equilibrium.solve(s);
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        for (String m : s.club()) assertThat(e.price(m)).as(m).isGreaterThanOrEqualTo(110 - 1e-9);
        assertThat(e.price("CN")).isLessThan(base.price("CN"));
        assertThat(e.levy("CN", "JP")).isCloseTo(110 - e.price("CN") - 0.5, within(1e-9));
        assertThat(e.levyRevenue()).isPositive();
        assertThat(base.nonMemberShareOfClubSupply()).isNaN(); // the baseline has no club of its own
        assertThat(e.nonMemberShareOfClubSupply()).isLessThan(base.nonMemberShareOfSupply(s.club()));
        assertThat(e.consumerSurplusChange(base, "JP")).isNegative();
        assertThat(e.producerSurplusChange(base, "US")).isPositive();
    }

    @Test
    void subsidyAtTheSameStrikeKeepsConsumerPricesLowButCostsTheTreasury() throws Exception {
        Equilibrium floor = Equilibrium.solve(Scenario.bundled("ndpr-floor-110", REGIME));
        Scenario s = Scenario.bundled("ndpr-subsidy-110", REGIME);
        Equilibrium sub = Equilibrium.solve(s);
        assertThat(sub.solved()).as(sub.diagnosis()).isTrue();
        assertThat(sub.producerPrice("US")).isCloseTo(110, within(1e-9));
        assertThat(sub.price("US")).isLessThan(floor.price("US"));
        assertThat(sub.production("US")).isCloseTo(floor.production("US"), within(1e-6));
        assertThat(sub.subsidyOutlay()).isPositive();
        assertThat(sub.levyRevenue()).isZero();
    }

    @Test
    void galliumBanRaisesPricesOutsideChinaAndAStockpileReleaseDampsIt() throws Exception {
        Scenario ban = Scenario.bundled("gallium-ban", REGIME);
        Equilibrium base = Equilibrium.solve(ban.baseline());
        Equilibrium e = Equilibrium.solve(ban);
        Equilibrium withStock = Equilibrium.solve(Scenario.bundled("gallium-ban-stockpile", REGIME));
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        assertThat(withStock.solved()).as(withStock.diagnosis()).isTrue();
        for (String r : ban.regionIds()) if (!r.equals("CN")) assertThat(e.flow("CN", r)).isCloseTo(0, within(1e-9));
        assertThat(e.price("US")).isGreaterThan(base.price("US"));
        assertThat(e.price("CN")).isLessThan(base.price("CN"));
        assertThat(e.quotaRents()).isCloseTo(0, within(1e-9));
        assertThat(withStock.price("US")).isLessThan(e.price("US"));
        assertThat(withStock.stockRelease("US")).isEqualTo(40);
    }

    /**
     * Germanium's calibration (data/market/germanium.yaml): the cited figures come back from the baseline — China 96 t of
     * 160 t (60 %, CRMA), the US consuming 30 t (USGS) with 13 t recycled, so 17 t of net imports (USGS 2025e: 24,000 kg
     * in, 7,015 kg out), China exporting 40 t; the exporters at 4,100 − 10 freight, the importers at Argus's 4,100.
     */
    @Test
    void germaniumBaselineReproducesItsCitedFigures() throws Exception {
        Scenario s = Scenario.bundled("germanium", REGIME);
        Equilibrium e = Equilibrium.solve(s);
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        assertThat(e.residual()).isLessThanOrEqualTo(1e-9);
        assertThat(e.price("US")).isCloseTo(4100, within(1e-6));
        assertThat(e.price("CN")).isCloseTo(4090, within(1e-6));
        assertThat(e.production("CN")).isCloseTo(96, within(1e-9));
        assertThat(e.production("CN") / (e.totalProduction() - e.recycledProduction("US"))).isCloseTo(0.60, within(1e-9));
        assertThat(e.consumption("US")).isCloseTo(30, within(1e-9));
        assertThat(e.recycledProduction("US")).isCloseTo(13, within(1e-9));
        assertThat(-e.netExports("US")).isCloseTo(17, within(1e-9));
        assertThat(e.netExports("CN")).isCloseTo(40, within(1e-9));
    }

    /**
     * A total Chinese cut (germanium-ban), by hand. China in autarky: 96·(p/4090)^0.3 = 56·(p/4090)^−0.2, so
     * p_CN = 4090·(56/96)² = 1,391.74. The rest of the world: 30 + 13 t at p (EU27, US recycling) and 34 t at p − 10 (Canada,
     * Russia, shipping) against 117 t of demand at p, each isoelastic (0.3, −0.2) — solved below by bisection, 9,462.69
     * USD/kg (+130.8 %); without the freight it is 4100·(117/77)² = 9,466.3. The US imports 8.67 t instead of 17.
     */
    @Test
    void germaniumBanMoreThanDoublesPricesOutsideChinaAndHalvesChinas() throws Exception {
        Scenario ban = Scenario.bundled("germanium-ban", REGIME);
        Equilibrium base = Equilibrium.solve(ban.baseline());
        Equilibrium e = Equilibrium.solve(ban);
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        assertThat(e.residual()).isLessThanOrEqualTo(1e-9);
        double cn = 4090 * Math.pow(56.0 / 96.0, 2);
        assertThat(e.price("CN")).isCloseTo(cn, within(1e-6 * cn));
        assertThat(cn).isCloseTo(1391.736, within(1e-3));
        double lo = 4100, hi = 20000;
        for (int i = 0; i < 200; i++) {
            double p = (lo + hi) / 2;
            double excess = 43 * Math.pow(p / 4100, 0.3) + 34 * Math.pow((p - 10) / 4090, 0.3) - 117 * Math.pow(p / 4100, -0.2);
            if (excess > 0) hi = p; else lo = p;
        }
        assertThat(lo).isCloseTo(9462.694, within(1e-3));
        for (String r : java.util.List.of("US", "EU27", "JK", "ROW")) assertThat(e.price(r)).as(r).isCloseTo(lo, within(1e-6 * lo));
        assertThat(e.price("CA")).isCloseTo(lo - 10, within(1e-6 * lo));
        assertThat(4100 * Math.pow(117.0 / 77.0, 2) / e.price("US") - 1).isBetween(0.0, 0.001);
        assertThat(e.price("US") / base.price("US") - 1).isCloseTo(1.308, within(0.001));
        for (String r : ban.regionIds()) if (!r.equals("CN")) assertThat(e.flow("CN", r)).isCloseTo(0, within(1e-9));
        assertThat(-e.netExports("US")).isCloseTo(30 * Math.pow(lo / 4100, -0.2) - 13 * Math.pow(lo / 4100, 0.3), within(1e-6));
        assertThat(-e.netExports("US")).isCloseTo(8.6715, within(1e-4));
    }

    /**
     * China's ban on exports to the US alone (MOFCOM Announcement 46 of 2024, clause 2, renewed): the US buys Canada's
     * 24 t and Russia's 10 t, China's 40 t go to the EU, Japan, Korea and the rest of the world (57 t of imports), so no
     * price moves. Its label says whose exports it bans (it said "export ban of CN", as of a total ban).
     */
    @Test
    void germaniumBanOnTheUsAloneIsReroutedAndSaysSo() throws Exception {
        Scenario ban = Scenario.bundled("germanium-ban-us", REGIME);
        assertThat(ban.policies()).containsExactly("export ban of CN to US");
        Equilibrium base = Equilibrium.solve(ban.baseline());
        Equilibrium e = Equilibrium.solve(ban);
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        assertThat(e.flow("CN", "US")).isCloseTo(0, within(1e-9));
        for (String r : ban.regionIds()) assertThat(e.price(r)).as(r).isCloseTo(base.price(r), within(1e-6));
        assertThat(-e.netExports("US")).isCloseTo(17, within(1e-9));
        assertThat(e.quotaRents()).isCloseTo(0, within(1e-6));
    }
}
