package lodestone.cli;

import lodestone.report.ResultReport;
import lodestone.report.SavedResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code lodestone report RESULT.json}: a saved result as a printable, self-contained HTML report (docs/report-format.md). */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Turns a result saved as JSON into a printable HTML report to hand on: what was asked, the answer in tables and "
                + "charts, the warnings at the top, and the provenance (Lodestone's version, the regime and its version where the result "
                + "records them, when it was generated, the SHA-256 of the file read). The page is self-contained: no script, font or "
                + "image from anywhere, and it forbids scripts itself.",
                "The kind is told from the JSON: an assessment (assess --json), a scenario run or a path (simulate --json), a Monte Carlo run "
                        + "(montecarlo --json), a seek (seek --json), a sensitivity (sensitivity --json), a valuation (value --json), a floor "
                        + "comparison (floor --json), a priority ranking (rank --json), a what-if (compare FILE --json, compare --entry FILE "
                        + "--json), a stockpile's cover or release (stockpile cover|release --json), or the API's answer holding one (the web pages' "
                        + "\"Download JSON\"), or a server bulk job's summary (GET /api/bulk-jobs/ID). Anything else is refused, saying what "
                        + "was expected. Format: docs/report-format.md."},
        footer = {"", "Examples:",
                "  lodestone value arafura-nolans --floor 110 --upside-share 0.3 --json > nolans.json",
                "  lodestone report nolans.json --out nolans.html",
                "  lodestone assess --hts 7408.11.60 --origin CL --date 2026-03-02 --value 10000 --quantity 1000 --unit kg "
                        + "--metal-content-value 8000 --json | lodestone report - > copper-wire.html",
                "", "Exit codes: 0 the report written; 2 the file is not a result Lodestone reports on (not JSON, another kind of JSON, a "
                        + "result missing a field: said with where); 3 the file cannot be read or the report written.",
                Failures.EXIT_CODES})
public final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RESULT.json", description = "The saved result (JSON), or - for standard input.")
    String file;
    @Option(names = "--out", paramLabel = "REPORT.html", description = "Write the report here (default: standard output).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        byte[] data;
        String source;
        if (file.equals("-")) {
            data = System.in.readAllBytes();
            source = "standard input";
        } else {
            Path f = Path.of(file);
            Failures.requireReadable(f);
            data = Files.readAllBytes(f);
            source = f.getFileName().toString();
        }
        SavedResult saved = SavedResult.read(data, source); // a refusal (ReportRefused) is exit 2, its message naming what was expected
        String html = ResultReport.html(saved);
        if (out == null) {
            spec.commandLine().getOut().print(html);
            spec.commandLine().getOut().flush();
        } else {
            write(out, html);
            spec.commandLine().getOut().println("report (" + saved.kind().title + ") written to " + out);
        }
        return Failures.ANSWER;
    }

    /** Written beside the target then moved over it ({@link Replacement}): a failed write leaves no half a report. */
    private static void write(Path p, String text) {
        try {
            Replacement.write(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
