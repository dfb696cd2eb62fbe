package lodestone.border.bulk;

import lodestone.regime.Regime;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generator's {@code codes} option: how many distinct codes a generated file holds, seeded and checked. */
class EntryGeneratorTest {
    private static final Regime regime = ChunkedBulkTest.REGIME;

    private static String file(long seed, Integer codes, int n) throws IOException {
        EntryGenerator g = new EntryGenerator(regime, seed);
        if (codes != null) g.codes(codes);
        StringWriter w = new StringWriter();
        g.write(w, n);
        return w.toString();
    }

    /** The codes of the lines the schedule has (the malformed ones, an unknown code, left out). */
    private static Set<String> validCodes(String csv) {
        Set<String> out = new TreeSet<>();
        for (String line : csv.split("\n")) {
            if (line.startsWith("line_id")) continue;
            String code = line.split(",", -1)[1];
            if (regime.hts().resolve(code).isPresent()) out.add(code);
        }
        return out;
    }

    @Test
    void codesBoundsTheDistinctCodesOfAFile() throws IOException {
        Set<String> few = validCodes(file(3, 7, 5_000));
        assertEquals(7, few.size(), "5,000 lines drawn from 7 HTS lines use all 7 and no other: " + few);
        Set<String> all = validCodes(file(3, null, 5_000));
        assertTrue(all.size() > 1_000, "without it the lines spread over the chapters: " + all.size());
    }

    @Test
    void theChoiceIsSeededAndTheSameForEveryLength() throws IOException {
        assertEquals(file(5, 20, 3_000), file(5, 20, 3_000), "same seed, same file");
        assertEquals(validCodes(file(5, 20, 3_000)), validCodes(file(5, 20, 6_000)), "the codes chosen do not depend on the length");
        assertNotEquals(validCodes(file(5, 20, 3_000)), validCodes(file(6, 20, 3_000)), "another seed, other codes");
    }

    @Test
    void moreCodesThanLinesKeepsThemAllAndZeroIsRefused() {
        EntryGenerator g = new EntryGenerator(regime, 1);
        int n = g.codeCount();
        assertEquals(n, g.codes(n + 100).codeCount());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EntryGenerator(regime, 1).codes(0));
        assertEquals("codes: 0 is not a positive number of codes", e.getMessage());
    }
}
