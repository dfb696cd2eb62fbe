package lodestone.border.bulk;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The reader's key words ({@code BytesCache.word}): one load and a mask, the same value as reading byte by byte. */
class BytesWordTest {
    private static long byByte(byte[] b, int from, int to) {
        long w = 0;
        for (int i = to - 1; i >= from; i--) w = (w << 8) | (b[i] & 0xFF);
        return w;
    }

    @Test
    void everyRangeOfUpToEightBytesAnywhereInTheArray() {
        SplittableRandom rnd = new SplittableRandom(20261205L);
        int checked = 0;
        for (int len = 0; len <= 24; len++) {
            for (int rep = 0; rep < 20; rep++) {
                byte[] b = new byte[len];
                for (int i = 0; i < len; i++) b[i] = (byte) rnd.nextInt(256); // high bytes too: no sign extension
                for (int from = 0; from <= len; from++) {
                    for (int to = from; to <= Math.min(len, from + 8); to++) {
                        assertEquals(byByte(b, from, to), EntryFields.BytesCache.word(b, from, to),
                                "bytes " + from + ".." + to + " of " + len);
                        checked++;
                    }
                }
            }
        }
        assertEquals(42_180, checked); // every (length, from, to) of the loops, near the array's end included
    }
}
