package lodestone.cli;

import lodestone.store.Ledger;
import lodestone.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 18's command-line failures, each reproduced: located messages and exit 2 where there were stack traces and silent overwrites. */
class HardeningCliTest {
    @TempDir
    Path dir;

    static void refused(Cli r, String... parts) {
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(parts).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("internal error");
    }

    @Test
    void absurdValuesAndADirectoryAsABillOfMaterialsAreLocatedErrors() {
        String[] base = {"assess", "--hts", "2846.90.80", "--origin", "CN", "--date", "2026-03-02", "--quantity", "1", "--unit", "kg"};
        refused(Cli.run(concat(base, "--value", "10e-999999999")), "--value", "out of bounds");
        refused(Cli.run(concat(base, "--value", "1e-2147483647")), "--value", "out of bounds");
        refused(Cli.run(concat(base, "--value", "1e20")), "--value", "out of bounds");
        // a directory given as the bill is a file that cannot be read: exit 3, as for every command (AssessCommandTest)
        Cli folder = Cli.run(concat(base, "--value", "100", "--bom", dir.toString()));
        assertThat(folder.exit()).as(folder.err()).isEqualTo(Failures.ENVIRONMENT);
        assertThat(folder.err()).contains("--bom", "is a directory").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void generateEntriesIsBounded() {
        Path out = dir.resolve("huge.csv");
        refused(Cli.run("generate-entries", "--lines", "99999999999", "--out", out.toString()), "--lines", "more than 10000000");
        assertThat(out).doesNotExist();
        refused(Cli.run("generate-entries", "--lines", "-1", "--out", out.toString()), "--lines", "negative");
        refused(Cli.run("generate-entries", "--lines", "10", "--codes", "0", "--out", out.toString()), "--codes",
                "not a positive number of codes");
        assertThat(out).doesNotExist();
    }

    @Test
    void generateEntriesFromAFewCodes() throws Exception {
        Path out = dir.resolve("few.csv");
        Cli gen = Cli.run("generate-entries", "--lines", "400", "--codes", "3", "--out", out.toString(), "--seed", "4");
        assertThat(gen.exit()).isZero();
        assertThat(gen.out()).contains("wrote 400 lines (drawn from 3 HTS lines)");
        java.util.Map<String, Integer> codes = new java.util.TreeMap<>();
        for (String line : Files.readAllLines(out).subList(1, 401)) codes.merge(line.split(",", -1)[1], 1, Integer::sum);
        // the three codes on ~133 lines each; besides them only the generator's few malformed ones (~0.5 %: an unknown code)
        assertThat(codes.values().stream().filter(n -> n >= 20).count()).as("%s", codes).isEqualTo(3);
        assertThat(codes.values().stream().filter(n -> n < 20).mapToInt(Integer::intValue).sum()).as("%s", codes).isLessThan(10);
    }

    @Test
    void outputsThatCollideAreRefusedADirectoryIsHandledAndStalePartsAreRemoved() throws Exception {
        Path in = dir.resolve("entries.csv");
        assertThat(Cli.run("generate-entries", "--lines", "30", "--out", in.toString(), "--seed", "3").exit()).isZero();
        byte[] original = Files.readAllBytes(in);
        refused(Cli.run("assess-file", in.toString(), "--out", in.toString()), "--out", "is the input file");
        refused(Cli.run("assess-file", in.toString(), "--out", dir.resolve("./entries.csv").toString()), "is the input file");
        refused(Cli.run("assess-file", in.toString(), "--out", dir.resolve("r.csv").toString(), "--rejects", dir.resolve("r.csv").toString()),
                "--rejects", "is also --out");
        refused(Cli.run("assess-file", in.toString(), "--out", dir.resolve("r.csv").toString(), "--rejects", in.toString()), "--rejects", "is the input file");
        assertThat(Files.readAllBytes(in)).isEqualTo(original);

        Path outDir = Files.createDirectory(dir.resolve("out"));
        Path stale = Files.writeString(outDir.resolve(".entries-results.csv.123456.part"), "left by a killed run");
        Cli r = Cli.run("assess-file", in.toString(), "--out", outDir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("removed 1 temporary file left by an earlier run");
        assertThat(stale).doesNotExist();
        try (var files = Files.list(outDir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("entries-results.csv");
        }
        assertThat(Files.readAllLines(outDir.resolve("entries-results.csv"))).hasSize(31);
        try (var files = Files.list(dir.getRoot())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void ledgerVerifySaysIntactOrNamesTheChangedRecord() throws Exception {
        Path data = dir.resolve("data");
        try (Store s = Store.embedded(data)) {
            for (int i = 1; i <= 3; i++) {
                s.ledger().append(new Ledger.NewEntry("t", 1L, "bundled", "v", LocalDate.of(2026, 3, 2), "2846.90.80", "CN",
                        "assessed", new BigDecimal("1.00"), "{}", "{}"));
            }
        }
        Cli ok = Cli.run("ledger", "verify", "--data-dir", data.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("ledger: 3 records; chain head at position 3").contains("intact:");

        // the superuser (its password is in the data directory) changes a record past the append-only trigger
        try (Store s = Store.embedded(data)) {
            Matcher m = Pattern.compile("port (\\d+)").matcher(s.description());
            assertThat(m.find()).isTrue();
            Properties p = new Properties();
            try (var rd = Files.newBufferedReader(data.resolve("db-secret"))) {
                p.load(rd);
            }
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + m.group(1) + "/postgres", "postgres",
                    p.getProperty("superuser")); Statement st = c.createStatement()) {
                st.execute("set session_replication_role = replica");
                st.executeUpdate("update assessment set total_duty = 0 where seq = 2");
            }
        }
        Cli bad = Cli.run("ledger", "verify", "--data-dir", data.toString());
        assertThat(bad.exit()).as(bad.err()).isEqualTo(1);
        assertThat(bad.out()).containsPattern("record id \\d+ \\(position 2\\): its content does not match its hash")
                .contains("NOT intact: 1 problem");
        refused(Cli.run("ledger", "verify", "--data-dir", dir.resolve("nothing").toString()), "holds no Lodestone database");
    }

    /**
     * Verifying migrated an old data directory (or a backup copy of one) to this build's schema, after which the
     * Lodestone that wrote it refused it. A database at schema version 5 is verified as it is and stays at 5; one from
     * before the ledger's chain (version 2) is refused, not upgraded.
     */
    @Test
    void ledgerVerifyChangesNothingInAnOlderDatabase() throws Exception {
        Path data = dir.resolve("old");
        try (Store s = Store.embedded(data)) {
            s.ledger().append(new Ledger.NewEntry("t", 1L, "bundled", "v", LocalDate.of(2026, 3, 2), "2846.90.80", "CN",
                    "assessed", new BigDecimal("1.00"), "{}", "{}"));
        }
        forgetMigrationsAfter(data, 5); // as a Lodestone of schema version 5 left it (the later objects stay: verify reads none)
        Cli ok = Cli.run("ledger", "verify", "--data-dir", data.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("ledger: 1 records").contains("read only: schema version 5, nothing migrated or written")
                .contains("intact:");
        assertThat(migrationsApplied(data)).as("still at version 5").isEqualTo(5);

        forgetMigrationsAfter(data, 2);
        Cli old = Cli.run("ledger", "verify", "--data-dir", data.toString());
        assertThat(old.exit()).isEqualTo(Failures.ENVIRONMENT);
        assertThat(old.err()).contains("has schema version 2: its ledger has no hash chain (schema version 3 and later). Start "
                + "lodestone serve on it once to migrate it, then verify.");
        assertThat(Cli.run("ledger", "verify", "--data-dir", data.toString()).err()).as("still at version 2")
                .contains("has schema version 2:");
    }

    private static Connection superuser(Store s, Path data) throws Exception {
        Matcher m = Pattern.compile("port (\\d+)").matcher(s.description());
        assertThat(m.find()).isTrue();
        Properties p = new Properties();
        try (var rd = Files.newBufferedReader(data.resolve("db-secret"))) {
            p.load(rd);
        }
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + m.group(1) + "/postgres", "postgres", p.getProperty("superuser"));
    }

    private static void forgetMigrationsAfter(Path data, int version) throws Exception {
        try (Store s = Store.embeddedToRead(data); Connection c = superuser(s, data); Statement st = c.createStatement()) {
            st.executeUpdate("delete from flyway_schema_history where version::int > " + version);
        }
    }

    private static int migrationsApplied(Path data) throws Exception {
        try (Store s = Store.embeddedToRead(data); Connection c = superuser(s, data); Statement st = c.createStatement();
             var rs = st.executeQuery("select max(version::int) from flyway_schema_history where success")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void sparkThroughTheMainJarSaysWhereItRuns() {
        // reported: java -jar lodestone.jar spark assess x.csv answered "Unmatched argument at index 2" and assess's usage
        Cli s = Cli.run("spark", "assess", "x.csv", "--out", "r");
        assertThat(s.exit()).isEqualTo(Failures.REFUSED);
        assertThat(s.err()).isEqualTo("lodestone: spark jobs run from their own jar, not this one: run ./lodestone spark assess x.csv --out r "
                + "from the project's folder (docs/spark.md)" + System.lineSeparator());
        assertThat(Cli.run("help").out()).contains("spark");
    }

    static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
