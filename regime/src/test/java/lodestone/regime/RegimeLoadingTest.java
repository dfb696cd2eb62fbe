package lodestone.regime;

import lodestone.regime.measure.Measure;
import lodestone.regime.measure.MeasureType;
import lodestone.regime.nomenclature.HtsLine;
import lodestone.regime.nomenclature.Nomenclature;
import lodestone.regime.nomenclature.RateColumn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The mini regime loads into the right tree, inheritance, groups and measures. */
class RegimeLoadingTest {
    static Regime r;

    @BeforeAll
    static void load() {
        r = Regime.load(MiniRegime.source());
    }

    static HtsLine line(String code) {
        return r.hts().find(code).orElseThrow();
    }

    @Test
    void indentationGivesTheTreeThroughUncodedSuperiorText() {
        HtsLine leaf = line("2846.90.20.40");
        assertThat(r.hts().ancestors(leaf)).extracting(HtsLine::code)
                .containsExactly("2846", "2846.90", "2846.90.20", "");
        assertThat(r.hts().ancestors(leaf).get(3).description()).isEqualTo("Rare-earth oxides except cerium oxides:");
        assertThat(leaf.declarable()).isTrue();
        assertThat(line("2846.90.20").declarable()).isFalse();
        assertThat(line("2613").declarable()).isFalse();
        assertThat(line("7408.11.60.00").declarable()).isTrue();
    }

    @Test
    void statisticalLinesInheritTheRatesOfTheirTariffLine() {
        Nomenclature.RatedLine rated = r.hts().effectiveRates(line("2846.10.00.10"));
        assertThat(rated.from().code()).isEqualTo("2846.10.00");
        assertThat(rated.column(RateColumn.GENERAL).orElseThrow().expression()).hasToString("5.5%");
        assertThat(rated.special("P").orElseThrow().expression()).hasToString("free");
        // a ten-digit line printing its own rates keeps them
        assertThat(r.hts().effectiveRates(line("2613.10.00.00")).column(RateColumn.GENERAL).orElseThrow()
                .expression()).hasToString("0.128 USD/kg of Mo + 1.8%");
        // an unmodelled text is kept, with its source, not dropped
        var col2 = r.hts().effectiveRates(line("8507.60.00.20")).column(RateColumn.COLUMN2).orElseThrow();
        assertThat(col2.modelled()).isFalse();
        assertThat(col2.sourceText()).isEqualTo("40% on the battery");
    }

    @Test
    void measuresAttachAtAnyLevelAndAreInheritedByLeaves() {
        // copper-232 names heading 7408; the ten-digit leaf inherits it
        List<Measure> ms = r.measuresOn(line("7408.11.60.00"), LocalDate.parse("2026-03-02"), "CL");
        assertThat(ms).extracting(Measure::id).containsExactly("uflpa", "copper-232", "s122");
        // s122 excludes chapter heading 2846 and so every line below it
        assertThat(r.measuresOn(line("2846.90.20.40"), LocalDate.parse("2026-03-02"), "CL"))
                .extracting(Measure::id).doesNotContain("s122");
    }

    @Test
    void measuresAreInEvaluationOrderOfTheirSeries() {
        List<Measure> ms = r.measuresOn(line("2846.90.20.40"), LocalDate.parse("2026-03-02"), "CN");
        assertThat(ms).extracting(Measure::type).containsExactly(MeasureType.PROHIBITION, MeasureType.VARIABLE_LEVY);
    }

    @Test
    void validityEndIsInclusiveAndOpenWhenAbsent() {
        HtsLine l = line("2613.90.00.00");
        assertThat(r.measuresOn(l, LocalDate.parse("2026-07-23"), "CL")).extracting(Measure::id).contains("s122");
        assertThat(r.measuresOn(l, LocalDate.parse("2026-07-24"), "CL")).extracting(Measure::id).doesNotContain("s122");
        assertThat(r.measuresOn(l, LocalDate.parse("2026-02-23"), "CL")).extracting(Measure::id).doesNotContain("s122");
        assertThat(r.measuresOn(l, LocalDate.parse("2099-01-01"), "CL")).extracting(Measure::id).contains("uflpa");
    }

    @Test
    void groupMembershipChangesOverTime() {
        var geo = r.geography();
        assertThat(geo.inGroup("EU", "GB", LocalDate.parse("2020-01-31"))).isTrue();
        assertThat(geo.inGroup("EU", "GB", LocalDate.parse("2020-02-01"))).isFalse();
        assertThat(geo.inGroup("EU", "HR", LocalDate.parse("2013-06-30"))).isFalse();
        assertThat(geo.inGroup("EU", "HR", LocalDate.parse("2013-07-01"))).isTrue();
        assertThat(geo.inGroup("CAFTA-DR", "CR", LocalDate.parse("2008-12-31"))).isFalse();
        assertThat(geo.inGroup("CAFTA-DR", "CR", LocalDate.parse("2009-01-01"))).isTrue();
        assertThat(geo.inGroup("COLUMN2", "RU", LocalDate.parse("2022-04-08"))).isFalse();
        assertThat(geo.inGroup("COLUMN2", "RU", LocalDate.parse("2022-04-09"))).isTrue();
        assertThat(geo.inGroup("CLUB", "JP", LocalDate.parse("2025-12-31"))).isFalse(); // 'since' applies
        assertThat(geo.inGroup("CLUB", "JP", LocalDate.parse("2026-01-01"))).isTrue();
    }

    @Test
    void aMeasureNamingAGroupMayExcludeItsMembers() {
        HtsLine ndpr = line("2846.90.20.40");
        LocalDate d = LocalDate.parse("2026-03-02");
        assertThat(r.measuresOn(ndpr, d, "CN")).extracting(Measure::id).contains("floor");
        assertThat(r.measuresOn(ndpr, d, "JP")).extracting(Measure::id).doesNotContain("floor");
        // before the club existed, Japan was a non-member: exclusions are resolved on the date too
        assertThat(r.measuresOn(ndpr, LocalDate.parse("2026-01-01"), "FR")).extracting(Measure::id).doesNotContain("floor");
    }

    @Test
    void baseRatesFollowTheOriginColumn2AndProgramEligibility() {
        LocalDate d = LocalDate.parse("2026-03-02");
        HtsLine mo = line("2613.10.00.00");
        assertThat(r.baseRatesFor(mo, d, "CN")).filteredOn(Regime.BaseRateView::applies)
                .extracting(Regime.BaseRateView::measureId).containsExactly("general");
        assertThat(r.baseRatesFor(mo, d, "CU")).filteredOn(Regime.BaseRateView::applies)
                .extracting(Regime.BaseRateView::measureId).containsExactly("column2");
        assertThat(r.baseRatesFor(mo, d, "GT")).filteredOn(Regime.BaseRateView::applies)
                .extracting(Regime.BaseRateView::measureId).containsExactly("general", "special:P", "special:P+");
        assertThat(r.baseRatesFor(mo, LocalDate.parse("2006-06-30"), "GT")).filteredOn(Regime.BaseRateView::applies)
                .extracting(Regime.BaseRateView::measureId).containsExactly("general");
        assertThat(r.baseRatesFor(mo, d, "US")).filteredOn(Regime.BaseRateView::applies)
                .extracting(Regime.BaseRateView::measureId).containsExactly("general");
    }

    @Test
    void diffListsWhatStartedAndEndedBetweenTwoDates() {
        List<Regime.Change> c = r.diff(LocalDate.parse("2026-02-23"), LocalDate.parse("2026-02-24"));
        assertThat(c).extracting(Regime.Change::id).containsExactly("s122");
        assertThat(c.get(0).kind()).isEqualTo("started");
        List<Regime.Change> end = r.diff(LocalDate.parse("2026-07-23"), LocalDate.parse("2026-07-24"));
        assertThat(end).extracting(Regime.Change::kind, Regime.Change::id).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ended", "s122"));
        List<Regime.Change> gb = r.diff(LocalDate.parse("2020-01-01"), LocalDate.parse("2020-03-01"));
        assertThat(gb).extracting(Regime.Change::detail).contains("GB leaves European Union");
    }

    @Test
    void searchMatchesWordsAsPrefixesAndCodes() {
        assertThat(r.hts().search("rare earth oxide", 10)).extracting(HtsLine::code)
                .contains("2846.90.20", "");
        assertThat(r.hts().search("lanthanum", 10)).extracting(HtsLine::code).containsExactly("2846.90.20.05");
        assertThat(r.hts().search("2846.90", 10)).extracting(HtsLine::code).first().isEqualTo("2846.90");
        assertThat(r.hts().search("unobtainium", 10)).isEmpty();
        // find: the lines within the limit and how many match in all
        int all = r.hts().withPrefix("2846").size();
        assertThat(all).isGreaterThan(3);
        assertThat(r.hts().find("2846", 3).lines()).extracting(HtsLine::code).containsExactlyElementsOf(
                r.hts().withPrefix("2846").subList(0, 3).stream().map(HtsLine::code).toList());
        assertThat(r.hts().find("2846", 3).total()).isEqualTo(all);
        int words = r.hts().search("oxide", 10_000).size();
        assertThat(r.hts().find("oxide", 2).total()).isEqualTo(words).isGreaterThan(2);
        assertThat(r.hts().find("oxide", 2).lines()).isEqualTo(r.hts().search("oxide", 2));
        assertThat(r.hts().find("unobtainium", 5).total()).isZero();
        assertThat(r.hts().resolve("7408.11.60")).map(HtsLine::code).contains("7408.11.60.00");
    }

    @Test
    void entityListsMatchNamesLoosely() {
        EntityList l = r.list("uflpa").orElseThrow();
        assertThat(l.find("XINJIANG ZHONGTAI CHEMICAL CO LTD", LocalDate.parse("2024-01-01"))).isNotNull();
        assertThat(l.find("Xinjiang Zhongtai Chemical", LocalDate.parse("2023-06-11"))).isNull(); // not yet listed
        assertThat(l.find("Another Company Ltd.", LocalDate.parse("2024-01-01"))).isNull();
    }
}
