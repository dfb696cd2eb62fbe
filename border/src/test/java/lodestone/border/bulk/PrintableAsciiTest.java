package lodestone.border.bulk;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The eight-bytes-at-a-time printable-ASCII check agrees with the obvious byte loop, on every byte value and offset. */
class PrintableAsciiTest {
    private static boolean obvious(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] < 0x20 || b[i] == 0x7F) return false;
        return true;
    }

    @Test
    void agreesWithTheByteLoopOnEveryByteAtEveryPosition() {
        for (int len = 0; len <= 24; len++) {
            for (int at = 0; at < Math.max(1, len); at++) {
                for (int v = 0; v < 256; v++) {
                    byte[] b = new byte[len + 3];
                    java.util.Arrays.fill(b, (byte) 'a');
                    if (len > 0) b[1 + at] = (byte) v;
                    assertThat(EntryFields.printableAscii(b, 1, 1 + len)).as("len %d, byte 0x%02X at %d", len, v, at)
                            .isEqualTo(obvious(b, 1, 1 + len));
                }
            }
        }
    }

    @Test
    void agreesOnSeededRandomBytes() {
        Random rnd = new Random(20261204L);
        for (int k = 0; k < 200_000; k++) {
            byte[] b = new byte[rnd.nextInt(40) + 1];
            for (int i = 0; i < b.length; i++) b[i] = (byte) (rnd.nextInt(10) == 0 ? rnd.nextInt(256) : 0x20 + rnd.nextInt(95));
            int from = rnd.nextInt(b.length);
            int to = from + rnd.nextInt(b.length - from + 1);
            assertThat(EntryFields.printableAscii(b, from, to)).isEqualTo(obvious(b, from, to));
        }
    }
}
