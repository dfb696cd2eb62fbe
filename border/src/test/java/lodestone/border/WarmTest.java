package lodestone.border;

import lodestone.regime.Regime;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Assessor#warm}: the bulk loop hands it whatever the reader left in a batch's arrays — nulls, stale values of
 * earlier lines, codes and countries no regime knows, interned values another assessor resolved, dates outside the
 * horizon. It must never throw on any of them and must change nothing: every line is answered byte for byte as without it.
 */
class WarmTest {
    private static final String[] CODES = {"7225.19.00.00", "8544.11.00.20", "2615.90.60.60", "9999.99.99.99", "8507.60.00.20"};
    private static final String[] ORIGINS = {"CN", "TW", "MX", "ZZ", "GT", "RU"};
    private static final LocalDate[] DATES = {LocalDate.of(2026, 6, 7), LocalDate.of(2025, 1, 2), LocalDate.of(1990, 1, 1),
            LocalDate.of(2049, 12, 31), LocalDate.of(2026, 11, 30)};

    @Test
    void oddStaleAndForeignInputsNeitherThrowNorChangeAnAnswer() {
        Regime regime = Regime.open(BundledRegimeAssessmentTest.regimeDir().resolve("regime.yaml").toString());
        Assessor a = Assessor.compile(regime);
        Assessor other = Assessor.compile(regime); // resolves interned values first: they then name another owner
        Random rnd = new Random(7);
        int n = 256;
        Interned[] codes = new Interned[CODES.length];
        Interned[] origins = new Interned[ORIGINS.length];
        for (int i = 0; i < codes.length; i++) codes[i] = new Interned(CODES[i]);
        for (int i = 0; i < origins.length; i++) origins[i] = new Interned(ORIGINS[i]);
        Assessor.Warming w = new Assessor.Warming(n);
        for (int round = 0; round < 40; round++) {
            Interned[] hts = new Interned[n];
            Interned[] origin = new Interned[n];
            LocalDate[] date = new LocalDate[n];
            Entry[] entries = new Entry[n];
            for (int i = 0; i < n; i++) {
                int c = rnd.nextInt(codes.length);
                int o = rnd.nextInt(origins.length);
                LocalDate d = DATES[rnd.nextInt(DATES.length)];
                entries[i] = new Entry("L" + i, CODES[c], ORIGINS[o], d, new BigDecimal("1000.00"), "USD", BigDecimal.TEN, Units.KG,
                        List.of(), null, null, null, Set.of(), null, null, null, null, null);
                hts[i] = rnd.nextInt(10) == 0 ? null : codes[c];
                origin[i] = rnd.nextInt(10) == 0 ? null : origins[o];
                // a stale date (another line's) or none, as the batch holds for a line that is not plain
                date[i] = rnd.nextInt(10) == 0 ? null : rnd.nextInt(10) == 0 ? DATES[rnd.nextInt(DATES.length)] : d;
            }
            Assessor owner = round % 3 == 0 ? other : a;
            String[] before = new String[n];
            for (int i = 0; i < n; i++) before[i] = answer(owner, entries[i], hts[i], origin[i]);
            a.warm(hts, origin, date, n, w);
            a.warm(hts, origin, date, rnd.nextInt(n + 1), w);
            for (int i = 0; i < n; i++) assertThat(answer(owner, entries[i], hts[i], origin[i])).as("round %d line %d", round, i)
                    .isEqualTo(before[i]);
        }
    }

    private static String answer(Assessor a, Entry e, Interned hts, Interned origin) {
        BulkResult r = new BulkResult();
        r.given(e, 100_000, -1, -1, hts != null && hts.text().equals(e.hts()) ? hts : null,
                origin != null && origin.text().equals(e.origin()) ? origin : null);
        if (!a.assessBulk(e, r)) return "slow";
        if (r.rejected()) return "rejected " + r.rejectField() + ": " + r.rejectReason();
        StringBuilder s = new StringBuilder().append(r.totalCents());
        for (int i = 0; i < r.charges(); i++) s.append(';').append(r.chargeId(i)).append('=').append(r.chargeCents(i));
        return s.append(' ').append(r.horizonWarnings()).append(r.lineWarnings()).toString();
    }
}
