package lodestone.finance.projects;

import lodestone.finance.valuation.Economics;
import lodestone.finance.valuation.Support;
import lodestone.finance.valuation.Valuation;
import lodestone.finance.valuation.ValuationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The valuation's years: a registry project is valued over its whole life, not cut at 2045. */
public class ProjectValuationTest {

    private static Registry flat(Path dir, String plantEdit) throws IOException {
        Path ex = RegistryTest.repo().resolve("examples/projects");
        Files.copy(ex.resolve("flat-market.yaml"), dir.resolve("flat-market.yaml"));
        String plant = Files.readString(ex.resolve("flat-plant.yaml"));
        Files.writeString(dir.resolve("flat-plant.yaml"), plant.replace("life_years: 20", plantEdit));
        return Registry.load(List.of(dir));
    }

    private static ValuationResult value(Registry r, String id) {
        Project p = r.require(id);
        return Valuation.run(ProjectValuation.economics(p, r.marketOf(p)), r.marketOf(p).process(), new Support.None(),
                Valuation.Options.of(100, 1));
    }

    /**
     * The flat plant (60 USD/kg flat, 40 USD/kg cash cost, 1,000 t/yr: 20 M USD a year; 100 M USD capex in 2026; no tax; 10 %)
     * with a life of 40 years, 2026–2065. By hand: NPV = 20 × (1 − 1.1⁻⁴⁰)/0.1 − 100/1.1 = 195.5810 − 90.9091 = 104.6719 M USD.
     * The old valuation stopped at 2045 without a word: 20 × (1 − 1.1⁻²⁰)/0.1 − 100/1.1 = 79.3622, the last 20 years
     * (a quarter of the value) dropped — as Arafura's Nolans (38 years from 2028) lost 2046–2065: 474.1 on the forward curve
     * against 858.4 over its life.
     */
    @Test
    void aLifeBeyond2045IsValuedToItsLastYear(@TempDir Path dir) throws IOException {
        Registry r = flat(dir, "life_years: 40");
        Economics e = ProjectValuation.economics(r.require("flat-plant"), r.marketOf(r.require("flat-plant")));
        assertThat(e.years()).isEqualTo(40);
        assertThat(ProjectValuation.lastYear(r.require("flat-plant"))).isEqualTo(2065);
        assertThat(e.volume()[39]).isEqualTo(1000);
        ValuationResult v = value(r, "flat-plant");
        assertThat(v.years()).isEqualTo(40);
        assertThat(v.npvWithout().mean()).isCloseTo(20 * (1 - Math.pow(1.1, -40)) / 0.1 - 100 / 1.1, within(1e-9));
        assertThat(v.npvWithout().mean()).isCloseTo(104.6719, within(1e-4));
    }

    /** A life ending by 2045 is still valued over the 20 years 2026–2045 (its figures unchanged: 79.3622 by hand). */
    @Test
    void aLifeEndingBy2045KeepsTheTwentyYears(@TempDir Path dir) throws IOException {
        Registry r = flat(dir, "life_years: 20");
        ValuationResult v = value(r, "flat-plant");
        assertThat(v.years()).isEqualTo(20);
        assertThat(ProjectValuation.lastYear(r.require("flat-plant"))).isEqualTo(2045);
        assertThat(v.npvWithout().mean()).isCloseTo(79.3622, within(1e-4));
    }

    /**
     * A plant starting in 2050 (20 years, no construction years) is valued over 2026–2069 with its capex in 2050, its first
     * year, as the flat plant's is in its first year 2026: NPV = Σ_{t=25..44} 20 × 1.1⁻ᵗ − 100 × 1.1⁻²⁵ = 79.3622 / 1.1²⁴ =
     * 8.0573 M USD. It was refused (outside 2026–2045); its capex would have been put in 2026, 24 years before it is built.
     */
    @Test
    void aLateProjectIsValuedWithItsCapexInItsFirstYear(@TempDir Path dir) throws IOException {
        Registry r = flat(dir, "life_years: 20");
        Path late = dir.resolve("flat-plant.yaml");
        Files.writeString(late, Files.readString(late).replace("start_year: 2026", "start_year: 2050"));
        Registry lr = Registry.load(List.of(dir));
        Project p = lr.require("flat-plant");
        assertThat(ProjectValuation.outsideWindow(p)).isNull();
        Economics e = ProjectValuation.economics(p, lr.marketOf(p));
        assertThat(e.years()).isEqualTo(44);
        assertThat(e.capex()[0]).isZero();
        assertThat(e.capex()[24]).isEqualTo(100);
        ValuationResult v = value(lr, "flat-plant");
        assertThat(v.npvWithout().mean()).isCloseTo(8.0573, within(1e-4));
        assertThat(r).isNotNull();
    }

    /** A project whose life ended before 2026 is refused, named, with its years. */
    @Test
    void aProjectThatEndedBefore2026IsRefused(@TempDir Path dir) throws IOException {
        Registry r = flat(dir, "life_years: 20");
        Path old = dir.resolve("flat-plant.yaml");
        Files.writeString(old, Files.readString(old).replace("start_year: 2026", "start_year: 1990"));
        Project p = Registry.load(List.of(dir)).require("flat-plant");
        assertThat(ProjectValuation.outsideWindow(p)).isEqualTo("project 'flat-plant' produces in 1990–2009 (start_year 1990, life_years 20), "
                + "before the valuation's first year 2026: nothing it produces would be valued, so it is not valued");
        assertThat(r).isNotNull();
    }

    /**
     * examples/studies: Arafura's Nolans from its published project economics (4,440 t a year at US$130.10/kg flat, EBITDA
     * US$409 M a year at full production, US$1,135 M capex over 2026–2027, ramp-up 40 % and 80 %, 38 years, tax 30 % after
     * 10-year straight-line depreciation with losses carried forward, 8 %), against an independent script of the same flows:
     * NPV 1,908.9816 M USD and IRR 21.93 % (the study says 1,693 and 19.3 %: docs/valuation.md, "Checking a feasibility
     * study", explains the gap). With a sustaining capital of 25 M USD a year, each year's depreciated over 10 years from
     * then, the script gives 1,709.3797 and 20.48 %.
     */
    @Test
    void aFeasibilityStudysBaseCaseIsValuedAsAnIndependentScriptComputesIt(@TempDir Path dir) throws IOException {
        Path studies = RegistryTest.repo().resolve("examples/studies");
        Registry r = Registry.load(List.of(studies));
        ValuationResult v = value(r, "nolans-study");
        assertThat(v.npvWithout().mean()).isCloseTo(1908.981618923749, within(1e-6));
        assertThat(v.irrWithout().mean()).isCloseTo(0.21928397796625085, within(1e-9));
        Files.copy(studies.resolve("study-deck.yaml"), dir.resolve("study-deck.yaml"));
        Files.writeString(dir.resolve("nolans-study.yaml"), Files.readString(studies.resolve("nolans-study.yaml"))
                .replace("tax: {value: 0.30, assumption: A2}", "tax: {value: 0.30, assumption: A2}\nsustaining_capex: {value: 25, assumption: A2}"));
        ValuationResult sustained = value(Registry.load(List.of(dir)), "nolans-study");
        assertThat(sustained.npvWithout().mean()).isCloseTo(1709.3797386046924, within(1e-6));
        assertThat(sustained.irrWithout().mean()).isCloseTo(0.20483059129553047, within(1e-9));
    }
}
