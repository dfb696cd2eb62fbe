package lodestone.regime;

import lodestone.regime.measure.Measure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** regime diff on the bundled regime lists every event inside its window and none outside. */
class BundledRegimeDiffTest {
    static Regime r;

    @BeforeAll
    static void load() {
        r = Regime.load(MiniRegime.repoRoot().resolve("data/regime"));
    }

    /** Every measure's start and end+1 inside (from, to] is listed, exactly once; nothing else about measures is. */
    static void everyMeasureEventInsideAndNoneOutside(LocalDate from, LocalDate to) {
        List<Regime.Change> changes = r.diff(from, to);
        assertThat(changes).allSatisfy(c -> assertThat(c.date()).isAfter(from).isBeforeOrEqualTo(to));
        for (Measure m : r.measures()) {
            LocalDate s = m.validity().from();
            LocalDate e = m.validity().to() == null ? null : m.validity().to().plusDays(1);
            long started = changes.stream().filter(c -> c.id().equals(m.id()) && c.kind().equals("started")).count();
            long ended = changes.stream().filter(c -> c.id().equals(m.id()) && c.kind().equals("ended")).count();
            assertThat(started).as(m.id() + " started").isEqualTo(s != null && s.isAfter(from) && !s.isAfter(to) ? 1 : 0);
            assertThat(ended).as(m.id() + " ended").isEqualTo(e != null && e.isAfter(from) && !e.isAfter(to) ? 1 : 0);
        }
    }

    @Test
    void theYear2025ListsMeasuresThatStartAndEndInsideIt() {
        LocalDate from = LocalDate.parse("2025-01-01");
        LocalDate to = LocalDate.parse("2025-12-31");
        everyMeasureEventInsideAndNoneOutside(from, to);
        List<Regime.Change> changes = r.diff(from, to);
        assertThat(changes).anySatisfy(c -> {
            assertThat(c.id()).isEqualTo("us-ieepa-china-opioids-2025-03");
            assertThat(c.kind()).isEqualTo("started");
            assertThat(c.date()).isEqualTo(LocalDate.parse("2025-03-04"));
        });
        assertThat(changes).anySatisfy(c -> {
            assertThat(c.id()).isEqualTo("us-ieepa-china-opioids-2025-03");
            assertThat(c.kind()).isEqualTo("ended");
            assertThat(c.date()).isEqualTo(LocalDate.parse("2025-11-10"));
        });
    }

    @Test
    void aWindowIn2026ListsNothingOf2025() {
        LocalDate from = LocalDate.parse("2026-02-25");
        LocalDate to = LocalDate.parse("2026-07-01");
        everyMeasureEventInsideAndNoneOutside(from, to);
        assertThat(r.diff(from, to)).extracting(Regime.Change::date).allSatisfy(d -> assertThat(d.getYear()).isEqualTo(2026));
        assertThat(r.diff(from, to)).anySatisfy(c -> assertThat(c.id()).isEqualTo("us-s232-annex-1a"));
    }
}
