package lodestone.exposure;

import lodestone.testkit.FileFuzz;

import lodestone.border.Assessor;
import lodestone.border.origin.PreferenceOriginVerifier;
import lodestone.exposure.company.Company;
import lodestone.exposure.company.CompanyFile;
import lodestone.exposure.company.Exposure;
import lodestone.exposure.stockpile.Markets;
import lodestone.exposure.stockpile.StockpileException;
import lodestone.exposure.stockpile.StockpileFile;
import lodestone.exposure.stockpile.StockpileLedger;
import lodestone.regime.Problem;
import lodestone.regime.Regime;
import lodestone.regime.mineral.Mineral;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded mutation fuzzing of the exposure module's files: stockpile ledgers (docs/stockpile-format.md; read and derived
 * as {@code lodestone stockpile show --file} does) and company files (docs/exposure-format.md; read and evaluated today
 * as {@code lodestone exposure FILE} does), from the files the project ships ({@link FileFuzz}). Each mutant is accepted
 * or refused with the format's refusal, every problem at {@code file:line}; nothing else is thrown, nothing hangs, and a
 * key given twice, a number beyond every bound or a misspelt key is refused.
 */
class ExposureFilesFuzzTest {
    static final long SEED = 20261205L;
    static Regime regime;
    static Set<String> minerals;
    static Assessor assessor;
    static Markets markets;

    @BeforeAll
    static void load() {
        regime = Regime.bundled();
        minerals = regime.minerals().minerals().stream().map(Mineral::id).collect(Collectors.toSet());
        assessor = PreferenceOriginVerifier.assessorFor(regime);
        markets = new Markets(regime);
    }

    static Path repo() {
        String r = System.getProperty("lodestone.root");
        return r != null ? Path.of(r) : Path.of("..").toAbsolutePath().normalize();
    }

    static List<String> strings(List<Problem> ps) {
        return ps.stream().map(Problem::toString).toList();
    }

    static FileFuzz.Outcome ledger(String file, String text) {
        StockpileFile.Read read = StockpileFile.read(file, text);
        if (read.file() == null) return FileFuzz.Outcome.refused(strings(read.problems()));
        try {
            StockpileLedger.derive(read.file().id(), read.file().events(), null, minerals, read.problems());
            return FileFuzz.Outcome.accepted();
        } catch (StockpileException e) {
            return FileFuzz.Outcome.refused(strings(e.problems()));
        }
    }

    static FileFuzz.Outcome company(String file, String text) throws Exception {
        Company c;
        try {
            c = CompanyFile.parse(file, text, regime, name -> null);
        } catch (CompanyFile.Invalid e) {
            return FileFuzz.Outcome.refused(strings(e.problems()));
        }
        try {
            Exposure.evaluate(c, null, assessor, List.of(), markets, false);
            return FileFuzz.Outcome.accepted();
        } catch (CompanyFile.Invalid e) {
            return FileFuzz.Outcome.refused(strings(e.problems()));
        }
    }

    static void fuzz(List<Path> seeds, FileFuzz.Reader reader, int perFile) throws IOException {
        List<FileFuzz.Failure> failures = new ArrayList<>();
        StringBuilder summary = new StringBuilder();
        for (int i = 0; i < seeds.size(); i++) {
            String file = seeds.get(i).getFileName().toString();
            String text = Files.readString(seeds.get(i));
            try {
                assertThat(reader.read(file, text).refusals()).as(file + " as shipped").isNull();
            } catch (Exception e) {
                throw new AssertionError(file, e);
            }
            FileFuzz.Run run = FileFuzz.run(file, FileFuzz.mutants(text, FileFuzz.Syntax.YAML, perFile, SEED + i), reader,
                    msg -> msg.matches("(?s)" + Pattern.quote(file) + ":\\d+: .+"), m -> false, 5_000);
            failures.addAll(run.failures);
            summary.append(file).append(": ").append(run.summary()).append('\n');
        }
        System.out.println(summary);
        FileFuzz.assertNoFailures(failures);
    }

    /**
     * Found by the fuzz: a figure of absurd magnitude hung or ran out of memory writing its message (a price of 1e-999999999
     * "has more than 6 decimals", printed with its billion digits; a market share of 1e999999999 "is not a share").
     */
    @Test
    void aNumberOfMoreThanAThousandDigitsIsRefusedAtItsField() throws Exception {
        String ledger = Files.readString(repo().resolve("examples/stockpile/small-reserve.yaml"));
        assertThat(ledger("small-reserve.yaml", ledger.replace("price: 600", "price: 1e-999999999")).refusals()).containsExactly(
                "small-reserve.yaml:7: events[1].price: '1e-999999999' is out of range (more than 1000 digits before or after the point)");
        String company = Files.readString(repo().resolve("examples/exposure/magnet-maker.yaml"));
        assertThat(company("magnet-maker.yaml", company.replace("share: 0.45}", "share: 1e999999999}")).refusals()).containsExactly(
                "magnet-maker.yaml:28: sourcing[0].market.share: '1e999999999' is out of range (more than 1000 digits before or after the point)");
    }

    /**
     * Found by the fuzz: a target's days and a loan's term were read as an int without a bound — 1e10 days as 1,410,065,408,
     * 1e400 as 0 (then cover compared with a target of 0 days), a term of -5 years accepted.
     */
    @Test
    void daysAndTermsOutOfTheirBoundsAreRefusedNotWrappedAround() throws Exception {
        String vault = Files.readString(repo().resolve("data/stockpile/project-vault.yaml"));
        assertThat(ledger("project-vault.yaml", vault.replace("country: KR, days: 100,", "country: KR, days: 1e400,")).refusals()).containsExactly(
                "project-vault.yaml:31: targets[1].days: expected a positive whole number of days, at most 3660, found 1" + "0".repeat(400));
        assertThat(ledger("project-vault.yaml", vault.replace("country: KR, days: 100,", "country: KR, days: 1e10,")).refusals()).containsExactly(
                "project-vault.yaml:31: targets[1].days: expected a positive whole number of days, at most 3660, found 10000000000");
        assertThat(ledger("project-vault.yaml", vault.replace("amount: 10000000000, term_years: 15,", "amount: 10000000000, term_years: -5,"))
                .refusals()).containsExactly("project-vault.yaml:34: events[0].term_years: expected a whole number of years from 1 to 100, found -5");
    }

    /**
     * Found by the fuzz: the numbers of a company file outside a sourcing line had no upper bound — a product's minerals, its
     * annual volume and BOM quantities, a contract's volume, floor and cap (1e999999999 kg of praseodymium a set was accepted;
     * a BOM quantity of 1e999999999 overflowed BigInteger computing the line's use) — and a lag of 1e10 months wrapped around.
     */
    @Test
    void everyNumberOfACompanyFileHasTheEntrysBounds() throws Exception {
        String magnet = Files.readString(repo().resolve("examples/exposure/magnet-maker.yaml"));
        String bounds = "is out of bounds: numbers must be below 10^15 with at most 9 decimal places (as lodestone assess takes them — "
                + "docs/bulk-format.md)";
        assertThat(company("magnet-maker.yaml", magnet.replace("praseodymium: 0.14", "praseodymium: 1e400")).refusals()).containsExactly(
                "magnet-maker.yaml:16: products[0].minerals.praseodymium: '1e400' " + bounds);
        assertThat(company("magnet-maker.yaml", magnet.replace("annual_volume: 150000", "annual_volume: 1e15")).refusals()).containsExactly(
                "magnet-maker.yaml:11: products[0].annual_volume: '1e15' " + bounds);
        assertThat(company("magnet-maker.yaml", magnet.replace("lag_months: 3}", "lag_months: 1e10}")).refusals()).containsExactly(
                "magnet-maker.yaml:52: contracts[0].lag_months: expected a whole number of months from 0 to 120, found 10000000000");
    }

    @Test
    void everyMutantOfAShippedLedgerIsReadOrRefusedWithItsLocation() throws IOException {
        fuzz(List.of(repo().resolve("data/stockpile/project-vault.yaml"), repo().resolve("examples/stockpile/small-reserve.yaml")),
                ExposureFilesFuzzTest::ledger, FileFuzz.count(500));
    }

    @Test
    void everyMutantOfAnExampleCompanyFileIsReadOrRefusedWithItsLocation() throws IOException {
        fuzz(List.of(repo().resolve("examples/exposure/magnet-maker.yaml"), repo().resolve("examples/exposure/battery-maker.yaml"),
                repo().resolve("examples/exposure/electronics-maker.yaml")), ExposureFilesFuzzTest::company, FileFuzz.count(300));
    }
}
