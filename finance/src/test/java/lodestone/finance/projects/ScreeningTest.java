package lodestone.finance.projects;

import lodestone.regime.Regime;
import lodestone.regime.RegimeInvalidException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScreeningTest {
    static Regime regime;

    @BeforeAll
    static void load() {
        regime = Regime.bundled();
    }

    private static final String BASE = """
            project: x
            name: X
            sponsor: Good Mining Ltd
            country: AU
            location: {lat: -30, lon: 120}
            minerals: [lithium]
            product: spodumene
            stage: mine
            status: construction
            market: lce
            start_year: 2027
            capacity: {value: 1000, source: S1}
            capex: {value: 10, source: S1}
            opex: {value: 5000, source: S1}
            owners:
              - {name: Good Mining Ltd, country: AU, share: {value: 0.7, source: S1}}
              - {name: Some State Fund, country: CN, share: {value: 0.3, source: S1}}
            esg: {rbc_policy: true, ilo_core: true, permits: pending, eia: true, counterparties: ["Xinjiang Zhongtai Chemical Co Ltd"]}
            sources:
              S1: {url: "https://example.org", date: 2025}
            """;

    @Test
    void failsWithEveryReason(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("x.yaml"), BASE);
        Project p = Registry.load(List.of(dir)).require("x");
        Screening.Result r = Screening.screen(p, Screening.Criteria.defaults(LocalDate.of(2026, 12, 3)), regime);
        assertThat(r.pass()).isFalse();
        assertThat(r.checks()).filteredOn(c -> !c.pass()).extracting(Screening.Check::criterion)
                .containsExactly("environment: permits", "ownership", "forced-labour entity lists");
        assertThat(r.checks()).filteredOn(c -> c.criterion().equals("ownership")).singleElement()
                .extracting(Screening.Check::reason).asString().contains("owned 30 % from countries of concern: Some State Fund (CN, 30 %) (limit 25 %)");
        assertThat(r.checks()).filteredOn(c -> c.criterion().startsWith("forced")).singleElement()
                .extracting(Screening.Check::reason).asString().contains("Xinjiang Zhongtai Chemical Co Ltd is on uflpa (listed 2023-06-12)")
                // screened after the regime's horizon (checked through 2026-10-07): the check says later listings are not in it
                .endsWith("(regime horizon: 2026-12-03 is after 2026-10-07, the last date the lists of regime us-2026 were checked "
                        + "through: later listings are not in this check)");
        // before the entity was listed, the link does not fail
        Screening.Result earlier = Screening.screen(p, Screening.Criteria.defaults(LocalDate.of(2023, 1, 1)), regime);
        assertThat(earlier.checks()).noneMatch(c -> c.reason().contains("regime horizon")); // within the horizon: nothing to say
        assertThat(earlier.checks()).filteredOn(c -> c.criterion().startsWith("forced")).singleElement().extracting(Screening.Check::pass).isEqualTo(true);
    }

    @Test
    void criteriaAreConfigurable(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("x.yaml"), BASE.replace("permits: pending", "permits: granted").replace("counterparties: [\"Xinjiang Zhongtai Chemical Co Ltd\"]", "counterparties: []"));
        Project p = Registry.load(List.of(dir)).require("x");
        Screening.Criteria loose = Screening.Criteria.parse("c.yaml", "max_concern_share: 0.5\nmin_standards: 1\n", LocalDate.of(2026, 12, 3));
        Screening.Result r = Screening.screen(p, loose, regime);
        assertThat(r.checks()).filteredOn(c -> !c.pass()).extracting(Screening.Check::criterion).containsExactly("standards");
        assertThatThrownBy(() -> Screening.Criteria.parse("c.yaml", "max_concern_share: 2\nmin_standard: 1\n", LocalDate.now()))
                .isInstanceOfSatisfying(RegimeInvalidException.class, e -> assertThat(e.problems()).extracting(Object::toString)
                        .containsExactly("c.yaml:1: max_concern_share: expected a share between 0 and 1",
                                "c.yaml:2: min_standard: unknown key; expected one of rbc_policy, min_standards, ilo_core, permits, eia, countries_of_concern, max_concern_share, entity_lists"));
    }

    @Test
    void bundledProjectsAllScreen() {
        Registry reg = Registry.bundled();
        for (Project p : reg.projects()) {
            Screening.Result r = Screening.screen(p, Screening.Criteria.defaults(LocalDate.of(2026, 12, 3)), regime);
            assertThat(r.checks()).isNotEmpty();
        }
        // the 10X plant is committed with permits pending: not yet required
        Screening.Result tenX = Screening.screen(reg.require("mp-10x"), Screening.Criteria.defaults(LocalDate.of(2026, 12, 3)), regime);
        assertThat(tenX.pass()).isTrue();
    }
}
