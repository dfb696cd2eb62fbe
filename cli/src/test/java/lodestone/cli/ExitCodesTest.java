package lodestone.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One exit-code convention for every command (Failures; docs/architecture.md, "Exit codes"): each command family run with a
 * refused input exits 2, and with a file that does not exist exits 3 — the same code whichever command reads the input.
 */
class ExitCodesTest {
    @TempDir
    static Path dir;
    static Path badRegime;
    static Path badScenario;
    static Path badCsv;
    static Path badBill;
    static Path badLedger;
    static Path badCompany;
    static Path badRegistry;
    static Path badLcp;
    static Path missing;

    @BeforeAll
    static void files() throws Exception {
        badRegime = Files.createDirectories(dir.resolve("regime"));
        Files.writeString(badRegime.resolve("regime.yaml"), "id: broken\nfiles:\n  countries: countries.csv\n  groups: [groups.yaml]\n");
        Files.writeString(badRegime.resolve("countries.csv"), "alpha2,alpha3,numeric,name,currency\nFR,FRA,250,France,EUR\n");
        Files.writeString(badRegime.resolve("groups.yaml"), "groups:\n  - id: G\n    members:\n      - {country: QQ}\n");
        badScenario = Files.writeString(dir.resolve("scenario.yaml"), """
                scenario: bad
                baseline: ndpr
                policies:
                  - {type: price_floor, floor: -1, members: [US, XX]}
                """);
        badCsv = Files.writeString(dir.resolve("entries.csv"), "line_id;hts;origin\n1;2846.90.80;CN\n");
        badBill = Files.writeString(dir.resolve("bom.json"), "{\"product\": {\"hts\": 1}}");
        badLedger = Files.writeString(dir.resolve("ledger.yaml"), """
                stockpile: t
                events:
                  - {date: 2026-01-01, type: funding, source: private-capital, amount: 1000}
                  - {date: 2026-01-03, type: release, mineral: gallium, quantity: 5, price: 500}
                """);
        badCompany = Files.writeString(dir.resolve("company.yaml"), """
                company: Bad
                products:
                  - {id: p, annual_volume: 1, minerals: {kryptonite: 1}}
                sourcing:
                  - {id: a, origin: CN, hts: 8505.11.00.71, quantity: -3, price: 1}
                """);
        badRegistry = Files.createDirectories(dir.resolve("projects"));
        Files.writeString(badRegistry.resolve("neg.yaml"), Files.readString(Cli.repo().resolve("data/projects/cyclic-kingston.yaml"))
                .replace("project: cyclic-kingston", "project: neg")
                .replace("capacity: {value: 150, assumption: A1}", "capacity: {value: -150, assumption: A1}"));
        badLcp = Files.writeString(dir.resolve("lcp.json"), "{\"M\": [[1, 2], [3]], \"q\": [1, 2]}");
        missing = dir.resolve("no-such-file");
    }

    private static final String[] LINE = {"--hts", "2846.90.80", "--origin", "CN", "--date", "2026-03-02", "--value", "10000",
            "--quantity", "500", "--unit", "kg"};

    private static String[] with(String[] tail, String... head) {
        String[] all = new String[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    @Test
    void everyCommandFamilyExitsTwoOnARefusedInput() {
        String out = dir.resolve("out.csv").toString();
        Map<String, List<String>> refused = new LinkedHashMap<>();
        refused.put("regime validate", List.of("regime", "validate", badRegime.toString()));
        refused.put("--regime refused (assess)", List.of(with(LINE, "assess", "--regime", badRegime.toString())));
        refused.put("--regime refused (simulate)", List.of("simulate", "ndpr", "--regime", badRegime.toString()));
        refused.put("assess: a line that cannot be assessed", List.of("assess", "--hts", "9999.99.99", "--origin", "CN", "--date",
                "2026-03-02", "--value", "10000", "--quantity", "500", "--unit", "kg"));
        refused.put("assess-file: bad header", List.of("assess-file", badCsv.toString(), "--out", out));
        refused.put("compare: bad header", List.of("compare", badCsv.toString(), "--with", "bundled:plurilateral"));
        refused.put("origin check: malformed bill", List.of("origin", "check", badBill.toString()));
        refused.put("simulate: scenario refused", List.of("simulate", badScenario.toString()));
        refused.put("montecarlo: scenario refused", List.of("montecarlo", badScenario.toString()));
        refused.put("seek: scenario refused", List.of("seek", badScenario.toString(), "--param", "floor", "--target",
                "club_supply_share(2030) >= 0.5"));
        refused.put("sensitivity: scenario refused", List.of("sensitivity", badScenario.toString(), "--metric", "price[US]"));
        refused.put("simulate: an unknown scenario name", List.of("simulate", "unobtainium"));
        refused.put("solve-lcp: malformed", List.of("solve-lcp", badLcp.toString()));
        refused.put("stockpile: ledger refused", List.of("stockpile", "show", "--file", badLedger.toString()));
        refused.put("exposure: company file refused", List.of("exposure", badCompany.toString()));
        refused.put("projects list: registry refused", List.of("projects", "list", "--projects", badRegistry.toString()));
        refused.put("value: registry refused", List.of("value", "neg", "--projects", badRegistry.toString()));
        refused.put("floor: registry refused", List.of("floor", "ndpr", "--projects", badRegistry.toString()));
        refused.put("rank: registry refused", List.of("rank", "ndpr", "--projects", badRegistry.toString()));
        refused.put("value: an unknown project", List.of("value", "no-such-project"));
        refused.put("report: JSON that is not a saved result", List.of("report", badLcp.toString()));
        refused.put("report: not JSON", List.of("report", badCsv.toString()));
        refused.put("an unknown command", List.of("no-such-command"));
        refused.put("an unknown option", List.of("simulate", "ndpr", "--no-such-option"));
        refused.put("a bad option value", List.of("stockpile", "show", "--as-of", "yesterday"));
        refused.forEach((what, args) -> {
            Cli r = Cli.run(args.toArray(String[]::new));
            assertThat(r.exit()).as(what + ": " + r.err()).isEqualTo(Failures.REFUSED);
            assertThat(r.err()).as(what).isNotBlank().doesNotContain("internal error");
        });
    }

    @Test
    void everyCommandFamilyExitsThreeOnAFileThatDoesNotExist() {
        String m = missing.toString();
        Map<String, List<String>> unreadable = new LinkedHashMap<>();
        unreadable.put("regime validate", List.of("regime", "validate", m));
        unreadable.put("--regime (assess)", List.of(with(LINE, "assess", "--regime", m)));
        unreadable.put("assess-file", List.of("assess-file", m, "--out", dir.resolve("out.csv").toString()));
        unreadable.put("compare", List.of("compare", m, "--with", "bundled:plurilateral"));
        unreadable.put("origin check", List.of("origin", "check", m));
        unreadable.put("solve-lcp", List.of("solve-lcp", m));
        unreadable.put("stockpile", List.of("stockpile", "show", "--file", m));
        unreadable.put("exposure", List.of("exposure", m));
        unreadable.put("value --projects", List.of("value", "arafura-nolans", "--projects", m));
        unreadable.put("projects list --projects", List.of("projects", "list", "--projects", m));
        unreadable.put("report", List.of("report", m));
        unreadable.forEach((what, args) -> {
            Cli r = Cli.run(args.toArray(String[]::new));
            assertThat(r.exit()).as(what + ": " + r.err()).isEqualTo(Failures.ENVIRONMENT);
            assertThat(r.err()).as(what).contains(m).doesNotContain("internal error").doesNotContain("Exception");
        });
    }

    @Test
    void theTopLevelHelpStatesTheConvention() {
        Cli r = Cli.run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out().replaceAll("\\s+", " ")).contains(Failures.EXIT_CODES);
    }

    @Test
    void aLibrarysRefusalWithoutWordsIsAnInternalErrorNotNull() {
        // reported: montecarlo --threads 100000 printed "lodestone: null" and exit 2 (a thread pool's IllegalArgumentException
        // without a message): a refusal no check of ours put in words is a fault of the command, said as one
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cl = new picocli.CommandLine(picocli.CommandLine.Model.CommandSpec.create()).setErr(new java.io.PrintWriter(err));
        int code = new Failures().handleExecutionException(new IllegalArgumentException(), cl, null);
        assertThat(code).isEqualTo(Failures.BUG);
        assertThat(err.toString()).startsWith("lodestone: internal error (please report it with the command you ran):")
                .doesNotContain("lodestone: null");
        java.io.StringWriter ours = new java.io.StringWriter();
        int refused = new Failures().handleExecutionException(new IllegalArgumentException("--paths: 0 must be between 1 and 100,000,000"),
                new picocli.CommandLine(picocli.CommandLine.Model.CommandSpec.create()).setErr(new java.io.PrintWriter(ours)), null);
        assertThat(refused).isEqualTo(Failures.REFUSED);
        assertThat(ours.toString()).isEqualTo("lodestone: --paths: 0 must be between 1 and 100,000,000" + System.lineSeparator());
    }
}
