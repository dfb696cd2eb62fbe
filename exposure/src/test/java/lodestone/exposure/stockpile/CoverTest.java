package lodestone.exposure.stockpile;

import lodestone.regime.Regime;
import lodestone.regime.mineral.Mineral;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Cover and coordinated release on the bundled Project Vault ledger and the bundled gallium markets. */
class CoverTest {
    static Regime regime;
    static Markets markets;
    static StockpileFile vault;
    static Position position;

    @BeforeAll
    static void load() throws Exception {
        regime = Regime.bundled();
        markets = new Markets(regime);
        vault = StockpileFile.bundled("project-vault");
        Set<String> minerals = regime.minerals().minerals().stream().map(Mineral::id).collect(Collectors.toSet());
        position = StockpileLedger.derive(vault.id(), vault.events(), minerals);
    }

    @Test
    void coverIsTheHoldingOverMonthlyImportsOnAHandCase() {
        // 20,000 kg held against 19 t a year of imports: 19,000 / 12 = 1,583.33 kg a month → 12.6316 months
        assertThat(Cover.months(new BigDecimal("20000"), 19000 / 12.0)).isCloseTo(12.631578947, within(1e-9));
        assertThat(Cover.months(BigDecimal.ONE, 0)).isNull();
        // 12.6316 months × 30.4375 days = 384.47 → 384 days after 2027-01-01
        assertThat(Cover.runsOut(LocalDate.of(2027, 1, 1), 20000 / (19000 / 12.0))).isEqualTo(LocalDate.of(2027, 1, 1).plusDays(384));
    }

    @Test
    void theVaultLedgerDerivesFromItsPublicFiguresAndIllustrativeBuys() {
        assertThat(position.fundingDrawn()).isEqualByComparingTo("11670000000");
        assertThat(position.holding("gallium").quantityKg()).isEqualByComparingTo("20000");
        assertThat(position.holding("gallium").costBasis()).isEqualByComparingTo("11750000.00"); // 15 t × 580 + 5 t × 610
        assertThat(position.loans()).singleElement().satisfies(l -> {
            assertThat(l.maturity()).isEqualTo(LocalDate.of(2041, 2, 2));
            assertThat(l.annualInterest()).isNull(); // the rate is not public
        });
        assertThat(position.members()).extracting(Position.Member::id).contains("General Motors", "Boeing", "Google");
        assertThat(vault.targets()).extracting(StockpileFile.Target::days).containsExactly(60, 100);
    }

    @Test
    void galliumCoverAgainstBaselineImportsAndUnderA13MonthBan() throws Exception {
        LocalDate start = LocalDate.of(2027, 1, 1);
        List<Cover.Line> lines = Cover.of(position, markets, "US", "gallium-ban", 13, start, vault.targets());
        Cover.Line ga = lines.stream().filter(l -> l.mineral().equals("gallium")).findFirst().orElseThrow();
        var base = markets.equilibrium("gallium");
        double imports = -base.netExports("US") * 1000; // t → kg
        assertThat(ga.importsKgPerYear()).isCloseTo(imports, within(1e-6));
        assertThat(ga.months()).isCloseTo(20000 / (imports / 12), within(1e-9));
        var ban = markets.equilibrium("gallium-ban");
        double shortfall = (imports - Math.max(0, -ban.netExports("US") * 1000)) / 12;
        assertThat(ga.shortfallKgPerMonth()).isCloseTo(shortfall, within(1e-6));
        assertThat(ga.monthsUnderDisruption()).isCloseTo(20000 / shortfall, within(1e-9));
        assertThat(ga.lastsTheDisruption()).isEqualTo(20000 / shortfall >= 13);
        assertThat(ga.targets()).extracting(Cover.TargetLine::days).containsExactly(60, 100);
        assertThat(ga.targets().get(0).holdingNeededKg()).isCloseTo(imports / 12 * 60 / Cover.DAYS_PER_MONTH, within(1e-6));
        Cover.Line dy = lines.stream().filter(l -> l.mineral().equals("dysprosium")).findFirst().orElseThrow();
        assertThat(dy.months()).isNull();
        assertThat(dy.note()).isEqualTo("no bundled market trades dysprosium: cover cannot be computed");
    }

    @Test
    void aCoordinatedReleaseSharesProRataAndLowersTheBanPrice() throws Exception {
        Map<String, Integer> allies = new LinkedHashMap<>();
        allies.put("JP", 60);
        allies.put("KR", 100);
        List<CoordinatedRelease.Participant> ps = CoordinatedRelease.withAllies(position, "gallium", "US", markets, allies);
        var plan = new CoordinatedRelease.Plan("gallium", "gallium-ban", 13, LocalDate.of(2027, 1, 1), new BigDecimal("30000"),
                CoordinatedRelease.Rule.HOLDINGS, ps);
        CoordinatedRelease.Result r = CoordinatedRelease.run(plan, markets);
        double held = ps.stream().mapToDouble(p -> p.holdingKg().doubleValue()).sum();
        for (CoordinatedRelease.Share s : r.shares()) {
            double h = ps.stream().filter(p -> p.id().equals(s.id())).findFirst().orElseThrow().holdingKg().doubleValue();
            assertThat(s.share()).isCloseTo(h / held, within(1e-12));
            assertThat(s.quantityKg()).isCloseTo(Math.min(h, 30000 * h / held), within(1e-9));
        }
        assertThat(r.path()).hasSize(13);
        assertThat(r.path().get(12).month()).isEqualTo(LocalDate.of(2028, 1, 1));
        double perYearUs = r.shares().get(0).quantityKg() / 13 * 12 / 1000;
        assertThat(r.releasePerYearByRegion().get("US")).isCloseTo(perYearUs, within(1e-12));
        CoordinatedRelease.RegionPrice us = r.pricesUsdPerKg().stream().filter(p -> p.region().equals("US")).findFirst().orElseThrow();
        assertThat(us.withoutRelease()).isGreaterThan(us.baseline());
        assertThat(us.withRelease()).isLessThan(us.withoutRelease());
        assertThat(r.bookCost()).isCloseTo(r.shares().stream().mapToDouble(CoordinatedRelease.Share::bookCost).sum(), within(1e-6));
        assertThat(r.shares().get(0).bookCost()).isCloseTo(r.shares().get(0).quantityKg() * 587.5, within(1e-6)); // vault's average cost
    }

    @Test
    void aReleaseRuleWithoutItsDataIsRefused() throws Exception {
        List<CoordinatedRelease.Participant> ps = CoordinatedRelease.withAllies(position, "gallium", "US", markets, Map.of("JP", 60));
        var plan = new CoordinatedRelease.Plan("gallium", "gallium-ban", 13, LocalDate.of(2027, 1, 1), null, CoordinatedRelease.Rule.CONTRIBUTIONS, ps);
        assertThatThrownBy(() -> CoordinatedRelease.run(plan, markets)).hasMessage(
                "participants[1].contribution: JP's contribution is not known; the contributions rule needs every participant's");
        var wrong = new CoordinatedRelease.Plan("gallium", "ndpr-floor-110", 13, LocalDate.of(2027, 1, 1), null, CoordinatedRelease.Rule.IMPORTS, ps);
        assertThatThrownBy(() -> CoordinatedRelease.run(wrong, markets)).hasMessage(
                "disruption: the scenario ndpr-floor-110 is a market for neodymium, praseodymium, not gallium");
    }
}
