package lodestone.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each benchmark harness run at a toy size, so that a harness cannot break unseen between the sessions that run it for its
 * figures (StockpileLedgerBench's own seeded ledger became invalid under a new ledger rule and failed at its first rep for a
 * session before anyone ran it). The figures printed here mean nothing; only that each harness runs to its summary line.
 */
class HarnessSmokeTest {
    interface Main {
        void run(String[] args) throws Exception;
    }

    static String run(Main main, String... args) throws Exception {
        PrintStream was = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            main.run(args);
        } finally {
            System.setOut(was);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theStockpileLedgerHarnessRunsItsSeededLedger() throws Exception {
        assertThat(run(lodestone.bench.exposure.StockpileLedgerBench::main, "--events", "20000", "--reps", "1")).contains("median: derive");
    }

    @Test
    void theBulkHarnessRunsBothPasses(@TempDir Path dir) throws Exception {
        assertThat(run(lodestone.bench.border.BulkBench::main, "--lines", "3000", "--reps", "1", "--regime", "../data/regime",
                "--dir", dir.toString())).contains("best: parse-only").contains("reconciles true");
    }

    @Test
    void theExposureHarnessEvaluatesItsCompany() throws Exception {
        assertThat(run(lodestone.bench.exposure.ExposureBench::main, "--lines", "200", "--reps", "1")).contains("median:");
    }

    @Test
    void theValuationHarnessValuesItsPaths() throws Exception {
        assertThat(run(lodestone.bench.finance.ValuationBench::main, "--paths", "2000", "--reps", "1")).contains("median: engine");
    }

    @Test
    void thePathHarnessDrawsItsMonteCarlo() throws Exception {
        assertThat(run(lodestone.bench.market.PathBench::main, "20", "1")).contains("20 draws on 1 threads").contains(", 0 failures");
    }
}
