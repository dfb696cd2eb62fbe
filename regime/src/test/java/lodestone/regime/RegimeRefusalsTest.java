package lodestone.regime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What issue 18 found the loader accepting, each now refused with its location: a key given twice (the first
 * won, silently), conflicting exchange-rate rows, rows wider than their header, NUL characters; and a seeded
 * mutation run over those families that must never load silently.
 */
class RegimeRefusalsTest {
    @TempDir
    Path tmp;

    private List<String> problems(MiniRegime m) {
        RegimeInvalidException e = catchThrowableOfType(RegimeInvalidException.class, m::load);
        assertThat(e).as("the regime should be refused").isNotNull();
        return e.problems().stream().map(Problem::toString).toList();
    }

    private String file(String name) {
        return tmp.resolve(name).toString();
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        MiniRegime m = MiniRegime.copyTo(tmp).replace("programs.yaml", "  - {code: AU, name: US–Australia FTA,",
                "  - {code: AU, name: US–Australia FTA, code: NZ,");
        assertThat(problems(m)).contains(file("programs.yaml") + ":4: programs[2].code: duplicate key (first at line 4); a key may appear once");
    }

    @Test
    void conflictingExchangeRateRowsAreRefused() {
        MiniRegime m = MiniRegime.copyTo(tmp).append("fx.csv", "2026-03-01,EUR,1.20,monthly_average,test\n");
        assertThat(problems(m)).anySatisfy(p -> assertThat(p).matches(java.util.regex.Pattern.quote(file("fx.csv"))
                + ":\\d+: usd_per_unit: EUR on 2026-03-01 \\(monthly_average\\) is 1.20 here but 1.16 at line 2; one rate per currency and date"));
        // the same row twice says nothing new, and is accepted
        MiniRegime same = MiniRegime.copyTo(tmp.resolve("same")).append("fx.csv", "2026-03-01,EUR,1.160,monthly_average,test\n");
        assertThat(same.load().fx().currencies()).contains("EUR");
    }

    @Test
    void aRowWiderThanItsHeaderOrWithANulIsRefused() {
        MiniRegime wide = MiniRegime.copyTo(tmp).replace("countries.csv", "CN,CHN,156,China,CNY", "CN,CHN,156,China,CNY,extra");
        assertThat(problems(wide)).contains(file("countries.csv") + ":3: 6 fields but the header has 5 columns (an extra column, or a comma in an unquoted value?)");
        MiniRegime nul = MiniRegime.copyTo(tmp.resolve("nul")).replace("countries.csv", "CN,CHN,156,China,CNY", "CN,CHN,156,Ch\u0000ina,CNY");
        assertThat(problems(nul)).contains(tmp.resolve("nul/countries.csv") + ":3: contains a NUL character");
        MiniRegime yamlNul = MiniRegime.copyTo(tmp.resolve("ynul")).replace("programs.yaml", "name: CAFTA-DR,", "name: \"CAFTA\\0-DR\",");
        assertThat(problems(yamlNul)).anySatisfy(p -> assertThat(p).startsWith(tmp.resolve("ynul/programs.yaml") + ":2: programs[0].name: contains a NUL"));
    }

    /** Seeded mutations of the families above, each applied alone to a fresh copy: none may load silently. */
    @Test
    void seededMutationsNeverLoadSilently() throws IOException {
        Random r = new Random(18);
        int tried = 0, silent = 0;
        List<String> silentOnes = new ArrayList<>();
        String[] yamls = {"programs.yaml", "groups.yaml", "measures.yaml", "minerals.yaml", "regime.yaml"};
        String[] csvs = {"countries.csv", "base-rates.csv", "hts.csv", "fx.csv"};
        for (int i = 0; i < 40; i++) {
            Path d = tmp.resolve("m" + i);
            MiniRegime m = MiniRegime.copyTo(d);
            String what;
            int kind = r.nextInt(4);
            if (kind == 0) { // a block-mapping line repeated right after itself: the same key twice
                Path f = d.resolve(yamls[r.nextInt(yamls.length)]);
                List<String> lines = new ArrayList<>(Files.readAllLines(f));
                List<Integer> keyLines = new ArrayList<>();
                for (int j = 0; j < lines.size(); j++) if (lines.get(j).matches("\\s*[a-z_-]+: \\S.*") && !lines.get(j).trim().startsWith("-")) keyLines.add(j);
                if (keyLines.isEmpty()) continue;
                int j = keyLines.get(r.nextInt(keyLines.size()));
                lines.add(j + 1, lines.get(j));
                Files.write(f, lines);
                what = f.getFileName() + ": line " + (j + 1) + " repeated";
            } else {
                Path f = d.resolve(csvs[r.nextInt(csvs.length)]);
                List<String> lines = new ArrayList<>(Files.readAllLines(f));
                List<Integer> rows = new ArrayList<>();
                boolean header = true;
                for (int j = 0; j < lines.size(); j++) {
                    if (lines.get(j).startsWith("#") || lines.get(j).isBlank()) continue;
                    if (header) {
                        header = false;
                        continue;
                    }
                    rows.add(j);
                }
                int j = rows.get(r.nextInt(rows.size()));
                String row = lines.get(j);
                if (kind == 1) {
                    lines.set(j, row + ",surplus");
                    what = f.getFileName() + ": extra field on line " + (j + 1);
                } else if (kind == 2) {
                    int at = 1 + r.nextInt(Math.max(1, row.length() - 1));
                    lines.set(j, row.substring(0, at) + "\u0000" + row.substring(at));
                    what = f.getFileName() + ": NUL on line " + (j + 1);
                } else {
                    Path fx = d.resolve("fx.csv");
                    List<String> fl = new ArrayList<>(Files.readAllLines(fx));
                    String[] c = fl.get(1 + r.nextInt(fl.size() - 1)).split(",");
                    fl.add(c[0] + "," + c[1] + "," + new java.math.BigDecimal(c[2]).add(java.math.BigDecimal.ONE) + "," + c[3] + "," + c[4]);
                    Files.write(fx, fl);
                    tried++;
                    if (loads(m)) {
                        silent++;
                        silentOnes.add("fx.csv: conflicting row " + String.join(",", c));
                    }
                    continue;
                }
                Files.write(f, lines);
            }
            tried++;
            if (loads(m)) {
                silent++;
                silentOnes.add(what);
            }
        }
        System.out.printf("RegimeRefusalsTest: %d mutations tried, %d loaded silently%n", tried, silent);
        assertThat(tried).isGreaterThanOrEqualTo(30);
        assertThat(silentOnes).as("mutations the loader accepted").isEmpty();
    }

    private static boolean loads(MiniRegime m) {
        try {
            m.load();
            return true;
        } catch (RegimeInvalidException e) {
            for (Problem p : e.problems()) assertThat(p.toString()).as("located").matches("(?s).+:\\d+: .*");
            return false;
        }
    }
}
