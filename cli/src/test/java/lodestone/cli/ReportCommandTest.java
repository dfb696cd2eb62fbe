package lodestone.cli;

import lodestone.report.SavedResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lodestone report}: what assess/simulate/value --json saved, as the HTML report; anything else refused (exit 2 or 3). */
class ReportCommandTest {
    @TempDir
    Path dir;

    @Test
    void anAssessmentSavedWithJsonBecomesAReport() throws Exception {
        Cli a = Cli.run("assess", "--hts", "7408.11.60", "--origin", "CL", "--date", "2026-03-02", "--value", "10000", "--quantity", "1000",
                "--unit", "kg", "--metal-content-value", "8000", "--json");
        assertThat(a.exit()).isZero();
        Path json = Files.writeString(dir.resolve("copper.json"), a.out());
        Path html = dir.resolve("copper.html");
        Cli r = Cli.run("report", json.toString(), "--out", html.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(Failures.ANSWER);
        assertThat(r.out()).isEqualTo("report (assessment) written to " + html + System.lineSeparator());
        String h = Files.readString(html);
        assertThat(h).startsWith("<!DOCTYPE html>")
                .contains("<h1>Assessment: 7408.11.60.00 from CL, entered 2026-03-02</h1>")
                .contains("<tr><th scope=\"row\">Total duty</th><td>$4,500.00</td></tr>")
                .contains("<td class=\"n\">$4,000.00</td><td>9903.78.01 50.00% × $8,000.00 = $4,000.00</td>")
                .contains("<tr><th scope=\"row\">Read from</th><td>copper.json</td></tr>")
                .contains("<tr><th scope=\"row\">SHA-256 of what was read</th><td>" + SavedResult.sha256(Files.readAllBytes(json)) + "</td></tr>");
        // no --out: the page on standard output, nothing else
        Cli s = Cli.run("report", json.toString());
        assertThat(s.exit()).isZero();
        assertThat(s.out()).startsWith("<!DOCTYPE html>").endsWith("</body></html>\n").contains("$4,500.00");
    }

    /** A report is to hand on: readable as any new file of its user is (the umask's choice), not owner-only. */
    @Test
    void aReportWrittenWithOutIsAnOrdinaryFileNotOwnerOnly() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Cli a = Cli.run("assess", "--hts", "2846.90.80.90", "--origin", "CN", "--date", "2026-03-02", "--value", "10000", "--quantity",
                "500", "--unit", "kg", "--json");
        Path json = Files.writeString(dir.resolve("ree.json"), a.out());
        Path html = dir.resolve("ree.html");
        assertThat(Cli.run("report", json.toString(), "--out", html.toString()).exit()).isZero();
        Path plain = Files.createFile(dir.resolve("plain.txt")); // what this process's umask gives a new file
        assertThat(Files.getPosixFilePermissions(html)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void aScenarioRunSavedWithJsonBecomesAReport() throws Exception {
        Cli a = Cli.run("simulate", "ndpr-floor-110", "--json");
        assertThat(a.exit()).isZero();
        Path json = Files.writeString(dir.resolve("run.json"), a.out());
        Cli r = Cli.run("report", json.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        // the decomposition lodestone simulate prints in its table: -51,219 = -432,726 + -175,740 + 557,247 + 0
        assertThat(Cli.run("simulate", "ndpr-floor-110").out()).contains("total welfare change -51,219 = consumer -432,726");
        assertThat(r.out()).contains("<tr><th scope=\"row\">Total welfare change</th><td>-51,219 thousand USD</td></tr>")
                .contains("<body data-kind=\"scenario-run\">");
    }

    @Test
    void whatIfsAndAStockpilesCoverAndReleaseSavedWithJsonBecomeReports() throws Exception {
        // reported: lodestone compare --json and stockpile cover|release --json were refused as "not a result"
        record Case(String name, String kind, String h1, String[] args) { }
        String entries = Cli.repo().resolve("examples/bulk/entries.csv").toString(), entry = Cli.repo().resolve("examples/entry/two-lines.json").toString();
        for (Case c : java.util.List.of(
                new Case("file.json", "what-if of entry lines", "<h1>What-if of entry lines, us-2026 against us-2026-plurilateral-illustrative</h1>",
                        new String[]{"compare", entries, "--with", "bundled:plurilateral", "--json"}),
                new Case("entry.json", "what-if of a customs entry", "<h1>What-if: customs entry of 2 lines, us-2026 on 2026-03-02 against us-2026 on 2025-12-31</h1>",
                        new String[]{"compare", "--entry", entry, "--with", "date:2025-12-31", "--json"}),
                new Case("cover.json", "stockpile cover", "<h1>Stockpile cover: project-vault, imports of US, in gallium-ban</h1>",
                        new String[]{"stockpile", "cover", "--disruption", "gallium-ban", "--months", "13", "--json"}),
                new Case("release.json", "coordinated stockpile release", "<h1>Coordinated release: gallium in gallium-ban (13 months from ",
                        new String[]{"stockpile", "release", "--mineral", "gallium", "--disruption", "gallium-ban", "--months", "13", "--json"}))) {
            Cli a = Cli.run(c.args());
            assertThat(a.exit()).as(a.err()).isZero();
            Path json = Files.writeString(dir.resolve(c.name()), a.out());
            Path html = dir.resolve(c.name() + ".html");
            Cli r = Cli.run("report", json.toString(), "--out", html.toString());
            assertThat(r.exit()).as(c.name() + ": " + r.err()).isEqualTo(Failures.ANSWER);
            assertThat(r.out()).isEqualTo("report (" + c.kind() + ") written to " + html + System.lineSeparator());
            assertThat(Files.readString(html)).as(c.name()).contains(c.h1());
        }
    }

    @Test
    void aFileThatIsNotASavedResultIsRefusedNamingWhatWasExpected() throws Exception {
        Path csv = Files.writeString(dir.resolve("entries.csv"), "line_id,hts\n1,2846.90.80\n");
        Cli r = Cli.run("report", csv.toString(), "--out", dir.resolve("x.html").toString());
        assertThat(r.exit()).isEqualTo(Failures.REFUSED);
        assertThat(r.err()).startsWith("lodestone: entries.csv: not valid JSON: unexpected word 'line_id' at line 1, column 1; expected a value")
                .contains("expected the JSON of an assessment (lodestone assess --json), a customs entry of several lines (assess --entry FILE --json), a scenario run or path (simulate --json)");
        assertThat(dir.resolve("x.html")).doesNotExist();
        Path other = Files.writeString(dir.resolve("lcp.json"), "{\"M\": [[2]], \"q\": [-1]}");
        Cli o = Cli.run("report", other.toString());
        assertThat(o.exit()).isEqualTo(Failures.REFUSED);
        assertThat(o.err()).startsWith("lodestone: lcp.json: not a result Lodestone reports on (an object with keys M, q); expected");
        assertThat(o.out()).isEmpty();
    }

    @Test
    void aReportThatCannotBeWrittenIsExitThree() throws Exception {
        Cli a = Cli.run("simulate", "ndpr-floor-110", "--json");
        Path json = Files.writeString(dir.resolve("run.json"), a.out());
        Path out = dir.resolve("no-such-dir").resolve("r.html");
        Cli r = Cli.run("report", json.toString(), "--out", out.toString());
        assertThat(r.exit()).isEqualTo(Failures.ENVIRONMENT);
        assertThat(r.err()).startsWith("lodestone: " + out + ": cannot be written: no such file or directory").doesNotContain("Exception");
    }
}
