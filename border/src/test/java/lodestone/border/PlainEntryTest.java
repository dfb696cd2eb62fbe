package lodestone.border;

import lodestone.regime.unit.Units;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BulkResult#plain}: the promise under which the fast path reads none of an entry's fields. Any one optional fact
 * declared, another currency, or a negative amount must make an entry not plain — else the fast path would answer the
 * line as if that fact were absent.
 */
class PlainEntryTest {
    private static final BigDecimal TEN = BigDecimal.TEN;
    private static final LocalDate DAY = LocalDate.of(2026, 6, 1);

    private static Entry entry(String currency, BigDecimal value, BigDecimal qty, List<Entry.Content> contents, String export,
                               String producer, Set<String> docs, String preference, BigDecimal us, BigDecimal metal,
                               Entry.BillOfMaterialsRef bom) {
        return new Entry("L1", "2615.90.60.60", "CN", DAY, value, currency, qty, Units.KG, contents, export, producer, null, docs,
                preference, null, us, metal, bom);
    }

    private static Entry plainOne() {
        return entry("USD", TEN, TEN, List.of(), null, null, Set.of(), null, null, null, null);
    }

    @Test
    void onlyAnEntryWithNoOptionalFactIsPlain() {
        assertThat(BulkResult.plain(plainOne())).isTrue();
        List<Entry> notPlain = List.of(
                entry("EUR", TEN, TEN, List.of(), null, null, Set.of(), null, null, null, null),
                entry("USD", TEN.negate(), TEN, List.of(), null, null, Set.of(), null, null, null, null),
                entry("USD", TEN, TEN.negate(), List.of(), null, null, Set.of(), null, null, null, null),
                entry("USD", TEN, null, List.of(), null, null, Set.of(), null, null, null, null),
                entry("USD", TEN, TEN, List.of(new Entry.Content(TEN, Units.KG, "Mo")), null, null, Set.of(), null, null, null, null),
                entry("USD", TEN, TEN, List.of(), "MX", null, Set.of(), null, null, null, null),
                entry("USD", TEN, TEN, List.of(), null, "Acme", Set.of(), null, null, null, null),
                entry("USD", TEN, TEN, List.of(), null, null, Set.of("C1"), null, null, null, null),
                entry("USD", TEN, TEN, List.of(), null, null, Set.of(), "CAFTA-DR", null, null, null),
                entry("USD", TEN, TEN, List.of(), null, null, Set.of(), null, TEN, null, null),
                entry("USD", TEN, TEN, List.of(), null, null, Set.of(), null, null, TEN, null),
                entry("USD", TEN, TEN, List.of(), null, null, Set.of(), null, null, null, new Entry.BillOfMaterialsRef("b.json", "{}")));
        for (int i = 0; i < notPlain.size(); i++) assertThat(BulkResult.plain(notPlain.get(i))).as("case %d", i).isFalse();
        // the production regions and the end use (a region prong of a forced-labour presumption, an end-use exemption)
        assertThat(BulkResult.plain(plainOne().withProductionRegions(List.of("CN-XJ")))).isFalse();
        assertThat(BulkResult.plain(plainOne().withEndUse("civil-aircraft"))).isFalse();
        assertThat(BulkResult.plain(plainOne().withProductionRegions(List.of()).withEndUse(null))).isTrue();
    }
}
