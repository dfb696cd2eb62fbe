package lodestone.border;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** A charge's cell for the bulk writer: "id=" as UTF-8, padded to 16 bytes with its count last when it fits in 15. */
class ChargeCellTest {
    @Test
    void shortCellsArePaddedWithTheirCountLongOnesKeptWhole() {
        StringBuilder id = new StringBuilder();
        for (int n = 1; n <= 40; n++) {
            id.append(n % 3 == 0 ? 'é' : (char) ('a' + n % 26)); // some two-byte characters
            String s = id.toString();
            byte[] want = (s + "=").getBytes(StandardCharsets.UTF_8);
            byte[] cell = ChargeSpec.cell(s);
            int count = cell[cell.length - 1];
            if (want.length <= 15) {
                assertThat(cell).as("'%s'", s).hasSize(16);
                assertThat(count).isEqualTo(want.length);
                assertThat(Arrays.copyOf(cell, count)).isEqualTo(want);
                for (int i = count; i < 15; i++) assertThat(cell[i]).isZero();
            } else {
                assertThat(cell).as("'%s'", s).isEqualTo(want);
                assertThat(count).as("the last byte is '=', never read as a count").isGreaterThanOrEqualTo(16);
            }
            assertThat(ChargeSpec.cell(s)).as("one cell per id").isSameAs(cell);
        }
    }
}
