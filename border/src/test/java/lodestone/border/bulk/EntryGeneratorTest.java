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

    /**
     * Chapter 76 goods from 2025-06-04 to 2026-04-05 owe Section 232 on their aluminium content when it is declared (else on
     * the whole value, warned): the generator declares it on three lines in four of that window, at 55-99 % of the value,
     * and on no chapter 76 line outside it (where it would change nothing but add a warning).
     */
    @Test
    void chapter76LinesDeclareTheirAluminiumContentInTheWindowOnly() throws IOException {
        java.time.LocalDate from = java.time.LocalDate.parse("2025-06-04"), to = java.time.LocalDate.parse("2026-04-05");
        int in = 0, declared = 0, outside = 0;
        for (String line : file(1, null, 20_000).split("\n")) {
            String[] f = line.split(",", -1);
            if (!f[1].startsWith("76") || regime.hts().resolve(f[1]).isEmpty() || f[3].contains("/") || f[4].startsWith("-")) continue;
            String digits = f[1].replace(".", "");
            if (regime.measures().stream().anyMatch(m -> m.valueBasis() == lodestone.regime.measure.ValueBasis.METAL_CONTENT_VALUE
                    && m.products().covers(digits))) continue; // (a derivative on the content on every date: 7614.10.10 of the steel list)
            boolean ifDeclared = regime.measures().stream().anyMatch(m -> m.products().covers(digits)
                    && m.valueBasis() == lodestone.regime.measure.ValueBasis.METAL_CONTENT_VALUE_IF_DECLARED);
            if (!ifDeclared) { // (waste 7602, powders 7603, containers 7611-7613…: no Section 232 duty, nothing declared)
                assertEquals("", f[14], line);
                continue;
            }
            java.time.LocalDate d = java.time.LocalDate.parse(f[3]);
            if (d.isBefore(from) || d.isAfter(to)) {
                assertEquals("", f[14], line);
                outside++;
                continue;
            }
            in++;
            if (f[14].isEmpty()) continue;
            declared++;
            double share = Double.parseDouble(f[14]) / Double.parseDouble(f[4]);
            assertTrue(share >= 0.54 && share < 1, line);
        }
        assertTrue(outside > 100 && in > 100, in + " in the window, " + outside + " outside");
        assertTrue(declared > in * 0.65 && declared < in * 0.85, declared + " of " + in + " declare it");
    }
}
