package lodestone.border.bulk;

import lodestone.border.Entry;
import lodestone.border.EntryRejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static lodestone.border.bulk.ChunkedBulkTest.ASSESSOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Goods are loaded for export before they are entered: a line loaded after its entry date is refused by the reader
 * (EntryFields), and now by the assessor itself, so that a line no reader made is refused alike. Reported in session 28: a
 * what-if re-dating a file to an earlier day ({@code --with date:2026-07-10}) kept each line's loaded date (2026-07-20) and
 * assessed side B's impossible line — converted at the rate of a date after its entry — as if it could be entered, without
 * a word.
 */
class RedatedLoadedDateTest {
    static final String LINE = "line_id,hts,origin,entry_date,customs_value,currency,quantity,unit,loaded_date\n"
            + "L1,3926.90.99.89,VN,2026-07-27,10000,EUR,1000,kg,2026-07-20\n";

    @Test
    void aWhatIfThatReDatesALineBeforeItsLoadingRefusesItUnderB(@TempDir Path dir) throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), LINE);
        Comparison.Result r = Comparison.run(ASSESSOR, ASSESSOR, lodestone.border.WhatIf.on(LocalDate.parse("2026-07-10")), in, null, 10, false);
        assertThat(r.lines()).isEqualTo(1);
        assertThat(r.notComparable()).isEqualTo(1);
        assertThat(r.firstNotComparable()).containsExactly(new Comparison.NotComparable(2, "L1",
                "rejected: loaded_date: loaded on 2026-07-20, after the entry date 2026-07-10; goods are loaded for export before "
                        + "they are entered (under B)"));
        // re-dated on or after the loading, the line is compared
        Comparison.Result same = Comparison.run(ASSESSOR, ASSESSOR, lodestone.border.WhatIf.on(LocalDate.parse("2026-07-20")), in, null, 10, false);
        assertThat(same.notComparable()).isZero();
    }

    /**
     * Reported by the fx review: re-dating a line in euros without a loaded date converted it under B at the rate of the new
     * date — EUR 10,000 on 2026-03-15 at 1.15567 (March 2026) and on 2025-06-15 at 1.1534 (June 2025): $427.60 → $426.76,
     * "-0.84" with no measure changed and nothing said. Side B says the conversion moved with the date; a line with a loaded
     * date (converted on it under both sides) and a line in dollars say nothing.
     */
    @Test
    void aReDatedLineInAnotherCurrencySaysItsConversionMovedWithTheDate(@TempDir Path dir) throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), "line_id,hts,origin,entry_date,customs_value,currency,quantity,unit,loaded_date\n"
                + "E1,2846.90.80.90,AU,2026-03-15,10000,EUR,100,kg,\n"
                + "E2,2846.90.80.90,AU,2026-03-15,10000,EUR,100,kg,2026-03-01\n"
                + "U1,2846.90.80.90,AU,2026-03-15,10000,USD,100,kg,\n");
        Comparison.Result r = Comparison.run(ASSESSOR, ASSESSOR, lodestone.border.WhatIf.on(LocalDate.parse("2025-06-15")), in, null, 10, false);
        String note = "B: what-if: on 2025-06-15: the values in EUR converted at the rate for 2025-06-15, the new entry date, not "
                + "the declared one's (no loaded date declared: the entry date stands for the date of exportation, 19 CFR 159.32); "
                + "a change in duty may come from the exchange rate as well as from the measures";
        assertThat(r.top()).filteredOn(l -> l.lineId().equals("E1")).singleElement().satisfies(l -> {
            assertThat(l.change()).isEqualTo("-0.84");
            assertThat(l.warnings()).contains(note);
        });
        assertThat(r.top()).filteredOn(l -> !l.lineId().equals("E1")).allSatisfy(l -> assertThat(l.warnings()).noneMatch(w -> w.contains("converted at the rate for")));
        assertThat(r.warningSummary()).contains(note + " (1 line)");
    }

    @Test
    void theAssessorRefusesALineLoadedAfterItsEntry() {
        Entry e = new Entry("L1", "3926.90.99.89", "VN", LocalDate.parse("2026-07-10"), new BigDecimal("10000"), "USD",
                new BigDecimal("1000"), lodestone.regime.unit.Units.KG, List.of(), null, null, null, java.util.Set.of(), null,
                LocalDate.parse("2026-07-11"), null, null, null, List.of(), null);
        assertThatThrownBy(() -> ASSESSOR.assess(e)).isInstanceOf(EntryRejected.class)
                .hasMessage("loaded on 2026-07-11, after the entry date 2026-07-10; goods are loaded for export before they are entered")
                .satisfies(x -> assertThat(((EntryRejected) x).field()).isEqualTo("loaded_date"));
    }
}
