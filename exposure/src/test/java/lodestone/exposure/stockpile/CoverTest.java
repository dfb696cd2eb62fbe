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
    void aCountryInAnAggregateRegionIsSaidAndAMarketRegionsIdIsNotACountry() throws Exception {
        LocalDate start = LocalDate.of(2027, 1, 1);
        // reported: KR was shown the whole ROW region's gallium imports (KR and TW) under its own name, without a word
        Cover.Line kr = Cover.of(position, markets, "KR", null, 13, start, List.of()).stream()
                .filter(l -> l.mineral().equals("gallium")).findFirst().orElseThrow();
        assertThat(kr.region()).isEqualTo("ROW");
        assertThat(kr.note()).isEqualTo("KR is in the market region ROW (KR, TW): the imports are the whole region's");
        Cover.Line us = Cover.of(position, markets, "US", null, 13, start, List.of()).stream()
                .filter(l -> l.mineral().equals("gallium")).findFirst().orElseThrow();
        assertThat(us.note()).isNull();
        // reported: LY (Libya) was read as the ndpr market's Lynas region (LY: Malaysia and Australia)
        Cover.Line ly = Cover.of(position, markets, "LY", null, 13, start, List.of()).stream()
                .filter(l -> l.mineral().equals("neodymium")).findFirst().orElseThrow();
        assertThat(ly.computed()).isFalse();
        assertThat(ly.note()).isEqualTo("the market ndpr has no region for LY");
        // a market region's own id (not a country) is still that region
        Cover.Line jk = Cover.of(position, markets, "JK", null, 13, start, List.of()).stream()
                .filter(l -> l.mineral().equals("lithium")).findFirst().orElseThrow();
        assertThat(jk.region()).isEqualTo("JK");
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
        // vault's average cost, to the cent as the ledger removes it (aReleasesBookCostIsTheCostTheLedgerWouldRemoveToTheCent)
        assertThat(r.shares().get(0).bookCost()).isCloseTo(r.shares().get(0).quantityKg() * 587.5, within(0.005));
        // written as money is everywhere: to the cent (reported: "proceeds": 1.0257465352666771E7)
        Map<String, Object> json = StockpileJson.release(r);
        for (String k : List.of("book_cost", "proceeds", "net")) {
            assertThat(json.get(k)).as(k).isInstanceOfSatisfying(BigDecimal.class, v -> assertThat(v.scale()).isEqualTo(2));
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> shares = (List<Map<String, Object>>) json.get("shares");
        assertThat(shares).allSatisfy(x -> assertThat(x.get("proceeds")).isInstanceOfSatisfying(BigDecimal.class, v -> assertThat(v.scale()).isEqualTo(2)));
        assertThat((BigDecimal) shares.get(0).get("book_cost")).isEqualByComparingTo(BigDecimal.valueOf(r.shares().get(0).bookCost()).setScale(2, java.math.RoundingMode.HALF_UP));
    }

    @Test
    void aReleasesBookCostIsTheCostTheLedgerWouldRemoveToTheCent() throws Exception {
        // reported: the stockpile's book cost was quantity × its average cost rounded to 4 decimals, in floating point
        // (650,008.2999999999), not what recording the release removes from the ledger. By hand: 3,000 kg at 600 and 3,001 kg at
        // 700 = 3,900,700.00 for 6,001 kg (650.0083319… USD/kg, shown 650.0083); releasing 1,000 kg removes
        // 3,900,700 × 1,000 ÷ 6,001 = 650,008.3319… → 650,008.33 (not 1,000 × 650.0083 = 650,008.30); releasing all 6,001 kg
        // removes the whole 3,900,700.00 (not 6,001 × 650.0083 = 3,900,699.81).
        String text = """
                stockpile: avg
                events:
                  - {date: 2026-01-05, type: funding, source: government, amount: 100000000}
                  - {date: 2026-02-01, type: acquisition, mineral: gallium, quantity: 3000, price: 600}
                  - {date: 2026-02-02, type: acquisition, mineral: gallium, quantity: 3001, price: 700}
                """;
        Set<String> minerals = regime.minerals().minerals().stream().map(Mineral::id).collect(Collectors.toSet());
        Position p = StockpileLedger.derive("avg", StockpileFile.parse("avg.yaml", text).events(), minerals);
        List<CoordinatedRelease.Participant> ps = CoordinatedRelease.withAllies(p, "gallium", "US", markets, Map.of());
        for (String[] c : new String[][] {{"1000", "650008.33"}, {"6001", "3900700.00"}}) {
            var plan = new CoordinatedRelease.Plan("gallium", "gallium-ban", 13, LocalDate.of(2026, 3, 1), new BigDecimal(c[0]),
                    CoordinatedRelease.Rule.IMPORTS, ps);
            CoordinatedRelease.Result r = CoordinatedRelease.run(plan, markets);
            assertThat(r.shares().get(0).quantityKg()).isEqualTo(Double.parseDouble(c[0]));
            assertThat(r.shares().get(0).bookCost()).as(c[0]).isEqualTo(Double.parseDouble(c[1]));
            assertThat(r.bookCost()).as(c[0]).isEqualTo(Double.parseDouble(c[1]));
            // the same release recorded in the ledger removes exactly that
            Position after = StockpileLedger.derive("avg", StockpileFile.parse("avg.yaml", text
                    + "  - {date: 2026-03-01, type: release, mineral: gallium, quantity: " + c[0] + ", price: 900}\n").events(), minerals);
            BigDecimal left = after.holding("gallium") == null ? BigDecimal.ZERO : after.holding("gallium").costBasis();
            assertThat(new BigDecimal("3900700.00").subtract(left)).isEqualByComparingTo(c[1]);
        }
    }

    @Test
    void waterFillingPassesWhatACappedHolderCannotGiveToTheOthersByHand() throws Exception {
        // Contributions 1 : 1 : 2, holdings 100, 450 and 2,000 kg, 1,600 kg to release.
        // Round 1: 400, 400, 800 — A holds 100: capped. Round 2: the 1,500 left over B and C (1 : 2): 500, 1,000 —
        // B holds 450: capped. Round 3: the 1,050 left to C alone: 1,050 ≤ 2,000. Released 100 + 450 + 1,050 = 1,600
        // (a plain pro-rata split capped without re-allocation released 100 + 400 + 800 = 1,300).
        List<CoordinatedRelease.Participant> ps = List.of(
                new CoordinatedRelease.Participant("A", "US", new BigDecimal("100"), new BigDecimal("500"), BigDecimal.ONE, "hand"),
                new CoordinatedRelease.Participant("B", "JP", new BigDecimal("450"), new BigDecimal("500"), BigDecimal.ONE, "hand"),
                new CoordinatedRelease.Participant("C", "EU27", new BigDecimal("2000"), new BigDecimal("500"), new BigDecimal("2"), "hand"));
        var plan = new CoordinatedRelease.Plan("gallium", "gallium-ban", 13, LocalDate.of(2027, 1, 1), new BigDecimal("1600"),
                CoordinatedRelease.Rule.CONTRIBUTIONS, ps);
        CoordinatedRelease.Result r = CoordinatedRelease.run(plan, markets);
        assertThat(r.totalRequestedKg()).isEqualTo(1600.0);
        assertThat(r.totalReleasedKg()).isEqualTo(1600.0);
        assertThat(r.shares()).extracting(CoordinatedRelease.Share::quantityKg).containsExactly(100.0, 450.0, 1050.0);
        assertThat(r.shares()).extracting(CoordinatedRelease.Share::share).containsExactly(0.0625, 0.28125, 0.65625); // of the 1,600 released
        assertThat(r.shares()).extracting(CoordinatedRelease.Share::capped).containsExactly(true, true, false);
        assertThat(r.shares()).extracting(CoordinatedRelease.Share::bookCost).containsExactly(50000.0, 225000.0, 525000.0);
        assertThat(r.releasePerYearByRegion().get("EU27")).isEqualTo(1050.0 / 13 * 12 / 1000);
        assertThat(r.warnings()).containsExactly(
                "A's share is capped at what it holds (100 kg); the rest of its share is re-allocated pro rata among the holders with metal left",
                "B's share is capped at what it holds (450 kg); the rest of its share is re-allocated pro rata among the holders with metal left");

        // More than they hold: every holder gives all it holds, and the text says how much short of the total.
        var more = new CoordinatedRelease.Plan("gallium", "gallium-ban", 13, LocalDate.of(2027, 1, 1), new BigDecimal("5000"),
                CoordinatedRelease.Rule.CONTRIBUTIONS, ps);
        CoordinatedRelease.Result all = CoordinatedRelease.run(more, markets);
        assertThat(all.totalReleasedKg()).isEqualTo(2550.0);
        assertThat(all.shares()).extracting(CoordinatedRelease.Share::quantityKg).containsExactly(100.0, 450.0, 2000.0);
        assertThat(all.shares()).allMatch(CoordinatedRelease.Share::capped);
        assertThat(all.warnings()).contains("C's share is capped at what it holds (2,000 kg)",
                "every holder releases all it holds: 2,550 kg of the 5,000 kg requested");
    }

    @Test
    void aHolderOfNoWeightReleasesNothingAndTheRestIsSaidUnreleased() {
        // weights 1, 0, 3; holdings 10, 50, 90; 60 kg: round 1 gives 15 and 45 → the first holds 10: capped; round 2: 50 to the third.
        CoordinatedRelease.Allocation a = CoordinatedRelease.allocate(60, new double[] {1, 0, 3}, new double[] {10, 50, 90});
        assertThat(a.kg()).containsExactly(10.0, 0.0, 50.0);
        assertThat(a.capped()).containsExactly(true, false, false);
        assertThat(a.round()).containsExactly(1, 0, 0);
        // 200 kg: the two holders with weight give all they hold (100 kg); the 50 kg of the holder without weight stays.
        CoordinatedRelease.Allocation b = CoordinatedRelease.allocate(200, new double[] {1, 0, 3}, new double[] {10, 50, 90});
        assertThat(b.kg()).containsExactly(10.0, 0.0, 90.0);
        assertThat(b.total()).isEqualTo(100.0);
        assertThat(b.cappedOrder()).containsExactly(0, 2);
    }

    @Test
    void theDefaultGalliumReleaseIsTheLesserOfTheShortfallAndWhatIsHeld() throws Exception {
        Map<String, Integer> allies = new LinkedHashMap<>();
        allies.put("JP", 60);
        allies.put("KR", 100);
        List<CoordinatedRelease.Participant> ps = CoordinatedRelease.withAllies(position, "gallium", "US", markets, allies);
        assertThat(ps).extracting(p -> p.holdingKg().toPlainString()).containsExactly("20000", "17547", "21868");
        var base = markets.equilibrium("gallium");
        var ban = markets.equilibrium("gallium-ban");
        double need = 0;
        for (String region : List.of("US", "JP", "ROW")) { // KR is in ROW
            need += Math.max(0, Markets.importsKgPerYear(base, region) - Markets.importsKgPerYear(ban, region)) * 13 / 12;
        }
        assertThat(need).isCloseTo(125390, within(0.5)); // the warning's figure, rounded
        var plan = new CoordinatedRelease.Plan("gallium", "gallium-ban", 13, LocalDate.of(2027, 1, 1), null, CoordinatedRelease.Rule.IMPORTS, ps);
        CoordinatedRelease.Result r = CoordinatedRelease.run(plan, markets);
        // Before water-filling: 5,480.3 + 17,547 + 21,868 = 44,895.3 kg, the vault keeping 14,520 kg while the shortfall went unfilled.
        assertThat(r.totalRequestedKg()).isEqualTo(59415.0);
        assertThat(r.totalReleasedKg()).isEqualTo(Math.min(need, 59415.0)).isEqualTo(59415.0);
        assertThat(r.shares()).extracting(CoordinatedRelease.Share::quantityKg).containsExactly(20000.0, 17547.0, 21868.0);
        assertThat(r.shares()).allMatch(CoordinatedRelease.Share::capped);
        assertThat(r.shares().get(0).bookCost()).isEqualTo(20000 * 587.5); // the vault's average cost
        assertThat(r.warnings()).contains(
                "no total given: the release fills the participants' import shortfall over 13 months (125,390 kg), up to what they hold (59,415 kg)",
                "JP's share is capped at what it holds (17,547 kg); the rest of its share is re-allocated pro rata among the holders with metal left",
                "KR's share is capped at what it holds (21,868 kg); the rest of its share is re-allocated pro rata among the holders with metal left",
                "project-vault's share is capped at what it holds (20,000 kg)");
    }

    @Test
    void everyRuleReleasesTheLesserOfTheTotalAndWhatIsHeldNeverMoreThanAHolderHolds() throws Exception {
        Map<String, Integer> allies = new LinkedHashMap<>();
        allies.put("JP", 60);
        allies.put("KR", 100);
        List<CoordinatedRelease.Participant> withAllies = CoordinatedRelease.withAllies(position, "gallium", "US", markets, allies);
        // the contributions rule needs every contribution: the allies are given 1 bn USD each
        List<CoordinatedRelease.Participant> paid = withAllies.stream().map(p -> p.contribution() != null ? p
                : new CoordinatedRelease.Participant(p.id(), p.country(), p.holdingKg(), p.costUsdPerKg(), new BigDecimal("1000000000"), p.basis())).toList();
        for (CoordinatedRelease.Rule rule : CoordinatedRelease.Rule.values()) {
            List<CoordinatedRelease.Participant> ps = rule == CoordinatedRelease.Rule.CONTRIBUTIONS ? paid : withAllies;
            double held = ps.stream().mapToDouble(p -> p.holdingKg().doubleValue()).sum();
            for (String total : List.of("10000", "40000", "59000", "59415", "80000")) {
                var plan = new CoordinatedRelease.Plan("gallium", "gallium-ban", 13, LocalDate.of(2027, 1, 1), new BigDecimal(total), rule, ps);
                CoordinatedRelease.Result r = CoordinatedRelease.run(plan, markets);
                String at = rule + " " + total;
                assertThat(r.totalReleasedKg()).as(at).isCloseTo(Math.min(Double.parseDouble(total), held), within(1e-6));
                assertThat(r.shares().stream().mapToDouble(CoordinatedRelease.Share::quantityKg).sum()).as(at).isEqualTo(r.totalReleasedKg());
                for (int i = 0; i < ps.size(); i++) {
                    CoordinatedRelease.Share s = r.shares().get(i);
                    assertThat(s.quantityKg()).as(at + " " + s.id()).isLessThanOrEqualTo(ps.get(i).holdingKg().doubleValue());
                    assertThat(s.share()).as(at + " " + s.id()).isCloseTo(s.quantityKg() / r.totalReleasedKg(), within(1e-15));
                }
            }
        }
    }

    @Test
    void aReleaseRuleWithoutItsDataIsRefused() throws Exception {
        List<CoordinatedRelease.Participant> ps = CoordinatedRelease.withAllies(position, "gallium", "US", markets, Map.of("JP", 60));
        var plan = new CoordinatedRelease.Plan("gallium", "gallium-ban", 13, LocalDate.of(2027, 1, 1), null, CoordinatedRelease.Rule.CONTRIBUTIONS, ps);
        // reported: the refusal named an internal field (participants[1].contribution); now the user's words, at the rule
        assertThatThrownBy(() -> CoordinatedRelease.run(plan, markets)).hasMessage("rule: contributions shares the release by what "
                + "each participant paid in, and what JP paid in is not known (an ally is taken to hold its target, and what it paid "
                + "in is not published; a stockpile's contribution is the funding drawn in its ledger); share by imports or "
                + "holdings instead, or leave JP out");
        var wrong = new CoordinatedRelease.Plan("gallium", "ndpr-floor-110", 13, LocalDate.of(2027, 1, 1), null, CoordinatedRelease.Rule.IMPORTS, ps);
        assertThatThrownBy(() -> CoordinatedRelease.run(wrong, markets)).hasMessage(
                "disruption: the scenario ndpr-floor-110 is a market for neodymium, praseodymium, not gallium");
    }

    @Test
    void coverRefusesAStartBeforeThePositionABaselineAsADisruptionAnUnknownRegionAndMonthsOutOfBounds() {
        // reported: --start 2020-01-01 ran the end-2026 holdings out in 2020–2021; --disruption ndpr (a baseline) was labelled a
        // disruption ("no shortfall"); --region XX answered with a row per mineral and exit 0; --months 100000 was taken
        LocalDate start = LocalDate.of(2027, 1, 1);
        assertThatThrownBy(() -> Cover.of(position, markets, "US", "gallium-ban", 13, LocalDate.of(2020, 1, 1), vault.targets()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("start: 2020-01-01 is before the ledger's position date 2026-12-31, "
                        + "whose holdings are projected; start on or after it (or ask for the position as of an earlier date)");
        assertThatThrownBy(() -> Cover.of(position, markets, "US", "ndpr", 13, start, vault.targets()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("disruption: ndpr is not a disruption: its market restricts no exports "
                        + "(no export ban, quota or tax); disruptions: gallium-ban, gallium-ban-stockpile, germanium-ban-us, germanium-ban");
        assertThatThrownBy(() -> Cover.of(position, markets, "US", "gallium-2025-2035", 13, start, vault.targets()))
                .hasMessageContaining("gallium-2025-2035 is not a disruption").hasMessageContaining("a path's ban is run with lodestone simulate");
        assertThatThrownBy(() -> Cover.of(position, markets, "XX", null, 13, start, vault.targets()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("region: 'XX' is not a country of the regime or a region of a bundled "
                        + "market; expected an ISO alpha-2 code (e.g. US, JP, KR) or a market region (e.g. EU27)");
        assertThatThrownBy(() -> Cover.of(position, markets, "US", "gallium-ban", 100000, start, vault.targets()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("months: 100000 is not a whole number of months from 1 to 120");
        assertThat(markets.disruptions()).containsExactly("gallium-ban", "gallium-ban-stockpile", "germanium-ban-us", "germanium-ban");
        // a market region and a country in an aggregate region are regions; the start on the position's date is taken
        assertThat(markets.knownRegion("EU27")).isTrue();
        assertThat(markets.knownRegion("KR")).isTrue();
        assertThat(markets.knownRegion("XX")).isFalse();
    }

    @Test
    void aReleaseRefusesAnUnknownAllyAndABaselineInsteadOfDroppingThem() throws Exception {
        // reported: {"XX": 60} (and --ally XX=60) was dropped without a word
        assertThatThrownBy(() -> CoordinatedRelease.withAllies(position, "gallium", "US", markets, Map.of("XX", 60)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("allies.XX: 'XX' is not a country of the regime; expected an ISO alpha-2 code (e.g. US, JP, KR)");
        assertThatThrownBy(() -> CoordinatedRelease.withAllies(position, "gallium", "US", markets, Map.of("BR", 60)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("allies.BR: the market gallium has no region for BR (regions: CN, JP, RU, US, EU27, ROW)");
        assertThatThrownBy(() -> CoordinatedRelease.withAllies(position, "gallium", "ZZ", markets, Map.of()))
                .hasMessage("country: 'ZZ' is not a country of the regime; expected an ISO alpha-2 code (e.g. US, JP, KR)");
        assertThatThrownBy(() -> CoordinatedRelease.withAllies(position, "gallium", "US", markets, Map.of("JP", 0)))
                .hasMessage("allies.JP: 0 is not a positive whole number of days (at most 3660)");
        // ten years of imports at most, as a ledger's targets: two billion days had been taken as held
        assertThatThrownBy(() -> CoordinatedRelease.withAllies(position, "gallium", "US", markets, Map.of("JP", 2_000_000_000)))
                .hasMessage("allies.JP: 2000000000 is not a positive whole number of days (at most 3660)");
        assertThat(CoordinatedRelease.withAllies(position, "gallium", "US", markets, Map.of("JP", 3660))).hasSize(2);
        // the stockpile's own country as an ally: it was taken as a second US stockpile holding 60 days of half the US's imports,
        // invented beside the ledger's, which it halved under the imports rule ("US is US together in the market")
        assertThatThrownBy(() -> CoordinatedRelease.withAllies(position, "gallium", "US", markets, Map.of("US", 60)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("allies.US: US is the stockpile's own country (country: US), whose holding is the ledger's; an ally is another country");
        // allies sharing a region of many countries (EU27): said by its count, not 27 codes joined by "and"
        Map<String, Integer> eu = new java.util.LinkedHashMap<>();
        eu.put("DE", 60);
        eu.put("FR", 30);
        assertThat(CoordinatedRelease.withAllies(position, "gallium", "US", markets, eu)).extracting(CoordinatedRelease.Participant::basis)
                .endsWith("assumed: holds its 60-day target of half of EU27's baseline imports (EU27, 27 countries, is one region of the "
                        + "market: its imports are split equally here among the 2 participants in it; national holdings are not published)",
                        "assumed: holds its 30-day target of half of EU27's baseline imports (EU27, 27 countries, is one region of the "
                        + "market: its imports are split equally here among the 2 participants in it; national holdings are not published)");
        List<CoordinatedRelease.Participant> ps = CoordinatedRelease.withAllies(position, "gallium", "US", markets, Map.of("JP", 60));
        var baseline = new CoordinatedRelease.Plan("gallium", "gallium", 13, LocalDate.of(2027, 1, 1), null, CoordinatedRelease.Rule.IMPORTS, ps);
        assertThatThrownBy(() -> CoordinatedRelease.run(baseline, markets)).hasMessage("disruption: gallium is not a disruption: its market "
                + "restricts no exports (no export ban, quota or tax); disruptions: gallium-ban, gallium-ban-stockpile, germanium-ban-us, germanium-ban");
        var tooLong = new CoordinatedRelease.Plan("gallium", "gallium-ban", 121, LocalDate.of(2027, 1, 1), null, CoordinatedRelease.Rule.IMPORTS, ps);
        assertThatThrownBy(() -> CoordinatedRelease.run(tooLong, markets)).hasMessage("months: 121 is not a whole number of months from 1 to 120");
        var zero = new CoordinatedRelease.Plan("gallium", "gallium-ban", 13, LocalDate.of(2027, 1, 1), BigDecimal.ZERO, CoordinatedRelease.Rule.IMPORTS, ps);
        assertThatThrownBy(() -> CoordinatedRelease.run(zero, markets)).hasMessage("total_kg: 0 is not a positive quantity of kg");
    }
}
