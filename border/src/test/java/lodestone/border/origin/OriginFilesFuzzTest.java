package lodestone.border.origin;

import lodestone.testkit.FileFuzz;

import lodestone.regime.Problem;
import lodestone.regime.Regime;
import lodestone.regime.RegimeInvalidException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded mutation fuzzing of the origin files (docs/origin-format.md): bills of materials, from the examples, read and
 * checked against the bundled regime and the CAFTA-DR rules as {@code lodestone origin check} does; and the rule file
 * itself (its head: the general provisions and the first product-specific rules). Each mutant is accepted or refused
 * with {@link RegimeInvalidException} whose every problem is at {@code file:line}; nothing else is thrown, nothing hangs,
 * and a key given twice, a number beyond every bound or a misspelt key is refused.
 */
class OriginFilesFuzzTest {
    static final long SEED = 20261205L;
    static final Regime REGIME = Regime.bundled();
    static final OriginRules RULES = OriginFixtures.caftaDr();

    static List<String> strings(RegimeInvalidException e) {
        return e.problems().stream().map(Problem::toString).toList();
    }

    static FileFuzz.Outcome bill(String file, String text) {
        try {
            BillOfMaterials b = BillOfMaterials.read(file, text).check(RULES, REGIME.hts(), REGIME.geography());
            RULES.check(b, REGIME.hts());
            return FileFuzz.Outcome.accepted();
        } catch (RegimeInvalidException e) {
            return FileFuzz.Outcome.refused(strings(e));
        }
    }

    static FileFuzz.Outcome rules(String file, String text) {
        try {
            OriginRules.parse(file, text, "cafta-dr");
            return FileFuzz.Outcome.accepted();
        } catch (RegimeInvalidException e) {
            return FileFuzz.Outcome.refused(strings(e));
        }
    }

    static void fuzz(List<String[]> seeds, FileFuzz.Syntax syntax, FileFuzz.Reader reader, int perFile,
                     java.util.function.Predicate<FileFuzz.Mutant> mayBeAccepted) {
        List<FileFuzz.Failure> failures = new ArrayList<>();
        StringBuilder summary = new StringBuilder();
        for (int i = 0; i < seeds.size(); i++) {
            String file = seeds.get(i)[0];
            String text = seeds.get(i)[1];
            try {
                assertThat(reader.read(file, text).refusals()).as(file + " as shipped").isNull();
            } catch (Exception e) {
                throw new AssertionError(file, e);
            }
            FileFuzz.Run run = FileFuzz.run(file, FileFuzz.mutants(text, syntax, perFile, SEED + i), reader,
                    msg -> msg.matches("(?s)" + Pattern.quote(file) + ":\\d+: .+"), mayBeAccepted, 5_000);
            failures.addAll(run.failures);
            summary.append(file).append(": ").append(run.summary()).append('\n');
        }
        System.out.println(summary);
        FileFuzz.assertNoFailures(failures);
    }

    /**
     * Found by the fuzz: a number of absurd magnitude where text or true/false belongs ran out of memory, hung or threw
     * ArithmeticException naming what was found ("found the number 1000…" in plain notation).
     */
    @Test
    void aHugeNumberWhereTextBelongsIsNamedAsWritten() throws IOException {
        String bill = Files.readString(OriginFixtures.repoRoot().resolve("examples/origin/antimony-qualifies.json"));
        assertThat(bill("b.json", bill.replace("\"hts\": \"8110.90.00\"", "\"hts\": 1e999999999")).refusals()).containsExactly(
                "b.json:2: product.hts: found the number 1E+999999999; expected the good's HTS code of 6 to 10 digits, e.g. \"8110.90.00\"");
        assertThat(bill("b.json", bill.replace("\"originating\": false", "\"originating\": 1E+2147483648")).refusals()).containsExactly(
                "b.json:4: materials[0].originating: found the number 1E+2147483648; expected true or false (is the material originating"
                        + " under the agreement?)");
        assertThat(bill("b.json", bill.replace("\"description\": \"unwrought antimony\"", "\"description\": -1e-999999999")).refusals())
                .containsExactly("b.json:4: materials[0].description: found the number -1E-999999999; expected a description as text");
    }

    @Test
    void everyMutantOfAnExampleBillOfMaterialsIsReadOrRefusedWithItsLocation() throws IOException {
        List<String[]> seeds = new ArrayList<>();
        for (String n : List.of("antimony-qualifies", "antimony-does-not-qualify", "beryllium-qualifies", "beryllium-does-not-qualify",
                "cadmium-hs2022-gap")) {
            Path p = OriginFixtures.repoRoot().resolve("examples/origin/" + n + ".json");
            seeds.add(new String[]{n + ".json", Files.readString(p)});
        }
        // a misspelt "description" of the product or a material is refused too: every key of a bill is one of the format's
        fuzz(seeds, FileFuzz.Syntax.JSON, OriginFilesFuzzTest::bill, FileFuzz.count(300), m -> false);
    }

    /** Found by the fuzz: a percentage of absurd magnitude ran out of memory writing "… is not a percentage" with its billion digits. */
    @Test
    void aPercentageOfMoreThanAThousandDigitsIsRefusedAtItsField() throws IOException {
        String all = Files.readString(OriginFixtures.repoRoot().resolve("data/regime/generated/origin/cafta-dr.yaml"));
        assertThat(rules("cafta-dr.yaml", all.replace("de-minimis: {max-pct: 10,", "de-minimis: {max-pct: 1e999999999,")).refusals())
                .containsExactly("cafta-dr.yaml:16: general.de-minimis.max-pct: '1e999999999' is out of range (more than 1000 digits before or"
                        + " after the point)");
    }

    /** Found by the fuzz's longer run: a material's value of 1E+2147483648 passed the bounds (precision − scale overflowed an int) and threw summing the materials. */
    @Test
    void aValueWhoseExponentOverflowsIsOutOfBounds() throws IOException {
        String bill = Files.readString(OriginFixtures.repoRoot().resolve("examples/origin/antimony-qualifies.json"));
        assertThat(bill("b.json", bill.replace("\"value\": 60.00", "\"value\": 1E+2147483648")).refusals()).containsExactly(
                "b.json:4: materials[0].value: is 1E+2147483648, out of bounds; expected the material's value in US dollars, a number of 0 or"
                        + " more, below 10^15 with at most 9 decimal places");
    }

    /**
     * Found by the fuzz: a bill nested too deep, or with a number longer than the parser reads, was refused at no line and in
     * the parser's words ("Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints…`)").
     */
    @Test
    void aLimitOfTheParserIsRefusedAtItsLineInOurWords() throws IOException {
        String bill = Files.readString(OriginFixtures.repoRoot().resolve("examples/origin/antimony-qualifies.json"));
        assertThat(bill("b.json", bill.replace("\"value\": 38.00", "\"value\": " + "[".repeat(1200) + "]".repeat(1200))).refusals())
                .containsExactly("b.json:5: not valid JSON: objects and arrays are nested deeper than 1000 levels at line 5, column 1063");
        assertThat(bill("b.json", bill.replace("\"value\": 38.00", "\"value\": " + "3".repeat(1200))).refusals())
                .containsExactly("b.json:5: not valid JSON: a number is longer than 1000 digits at line 5, column 66");
    }

    /** Found by the fuzz: a misspelt key of a general provision was ignored, and a set of textiles was held to the general bound (15 %) instead. */
    @Test
    void aMisspeltKeyOfAGeneralProvisionIsRefused() throws IOException {
        String all = Files.readString(OriginFixtures.repoRoot().resolve("data/regime/generated/origin/cafta-dr.yaml"));
        assertThat(rules("cafta-dr.yaml", all.replace("textile-max-pct: 10,", "textile-max-pctx: 10,")).refusals()).containsExactly(
                "cafta-dr.yaml:17: general.sets.textile-max-pctx: unknown key; expected one of max-pct, textile-max-pct, citation");
    }

    @Test
    void everyMutantOfTheRuleFilesHeadIsReadOrRefusedWithItsLocation() throws IOException {
        String all = Files.readString(OriginFixtures.repoRoot().resolve("data/regime/generated/origin/cafta-dr.yaml"));
        // the head: everything before the 13th product-specific rule (the mutants are read whole: a few hundred lines, not 1,700)
        int at = all.indexOf("\nrules:\n");
        for (int k = 0; k < 13; k++) at = all.indexOf("\n  - ", at + 1);
        String head = all.substring(0, at + 1);
        fuzz(List.<String[]>of(new String[]{"cafta-dr.yaml", head}), FileFuzz.Syntax.YAML, OriginFilesFuzzTest::rules, FileFuzz.count(1000),
                m -> false);
    }
}
