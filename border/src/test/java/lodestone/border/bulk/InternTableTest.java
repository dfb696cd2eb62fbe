package lodestone.border.bulk;

import lodestone.border.Interned;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reader's intern table (references only, each key compared with the {@link Interned}'s own copy of its bytes)
 * against a map keyed by the bytes as text: the same value for the same bytes, none for other bytes, whatever the
 * key's length (0-16 bytes packed, longer ones kept apart, over 64 not kept), through the table's growth and its
 * clearing when it is full.
 */
class InternTableTest {
    private static final String ALPHABET = "0123456789.ABCabc-é";

    @Test
    void agreesWithAMapOfTheBytesThroughGrowthAndClearing() {
        Random rnd = new Random(20261204L);
        EntryFields.InternTable table = new EntryFields.InternTable();
        Map<String, Interned> oracle = new HashMap<>();
        int cleared = 0;
        for (int n = 0; n < 120_000; n++) {
            String key = key(rnd);
            byte[] line = ("xx" + key + "yy").getBytes(StandardCharsets.UTF_8); // the key in the middle of a line
            int from = 2;
            int to = line.length - 2;
            Interned got = table.get(line, from, to);
            Interned want = oracle.get(key);
            if (got == null && want != null) { // forgotten: only a key it never keeps, or after the table was cleared
                int len = to - from;
                assertThat(len > 64 || shortKeys(oracle) >= 1 << 15).as("forgot '%s'", key).isTrue();
                if (len <= 64) { // cleared: the short keys it holds now are those put since
                    oracle.entrySet().removeIf(en -> {
                        byte[] k = en.getKey().getBytes(StandardCharsets.UTF_8);
                        return k.length <= 16 && table.get(k, 0, k.length) != en.getValue();
                    });
                    cleared++;
                }
                want = null;
            }
            if (want != null) {
                assertThat(got).as("'%s'", key).isSameAs(want);
                continue;
            }
            assertThat(got).as("'%s' was never interned", key).isNull();
            Interned put = table.put(line, from, to, key.toUpperCase(java.util.Locale.ROOT));
            assertThat(put.text()).isEqualTo(key.toUpperCase(java.util.Locale.ROOT));
            oracle.put(key, put);
            if (to - from <= 64) assertThat(table.get(line, from, to)).isSameAs(put);
        }
        assertThat(cleared).as("the run fills the table at least once").isPositive();
    }

    @Test
    void keysDifferingInOneByteOrInLengthAreDifferent() {
        EntryFields.InternTable table = new EntryFields.InternTable();
        String[] keys = {"cn", "CN", "CN ", "7225.19.00.00", "7225.19.00.01", "7225.19.00.0", "7225.19.00.000",
                "0123456789abcdef", "0123456789abcdeg", "0123456789abcdef0", "", "\u0000", "\u0000\u0000"};
        Map<String, Interned> seen = new HashMap<>();
        for (String k : keys) {
            byte[] b = k.getBytes(StandardCharsets.UTF_8);
            assertThat(table.get(b, 0, b.length)).as("'%s' before", k).isNull();
            seen.put(k, table.put(b, 0, b.length, k));
        }
        for (String k : keys) {
            byte[] b = k.getBytes(StandardCharsets.UTF_8);
            if (k.isEmpty()) continue; // an empty key is not kept (an absent field is never looked up)
            assertThat(table.get(b, 0, b.length)).as("'%s' after", k).isSameAs(seen.get(k));
        }
    }

    private static long shortKeys(Map<String, Interned> m) {
        return m.keySet().stream().filter(k -> k.getBytes(StandardCharsets.UTF_8).length <= 16).count();
    }

    /** Mostly short keys (codes, countries), some of 15-17 bytes (the packing's edges), a few long ones (names). */
    private static String key(Random rnd) {
        int r = rnd.nextInt(100);
        int len = r < 80 ? 1 + rnd.nextInt(14) : r < 95 ? 15 + rnd.nextInt(3) : 18 + rnd.nextInt(60);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) sb.append(ALPHABET.charAt(rnd.nextInt(r < 50 ? 3 : ALPHABET.length())));
        return sb.toString();
    }
}
