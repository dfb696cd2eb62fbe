package lodestone.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import lodestone.border.Assessment;
import lodestone.border.Assessor;
import lodestone.border.EntryAssessment;
import lodestone.border.EntryAssessmentJson;
import lodestone.border.EntryRefused;
import lodestone.border.bulk.CustomsEntryReader;
import lodestone.regime.Regime;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code lodestone assess --entry FILE}: a customs entry of several lines (docs/bulk-format.md, "A customs entry of several
 * lines"), each line assessed by the one assessor, printed as a table of lines and the entry's totals, or as JSON.
 */
final class EntryCommand {
    private EntryCommand() {
    }

    /** Exact numbers: a customs value of 0.1 is read as 0.1, never as the double nearest it. */
    /**
     * Numbers exact; a key given twice refused, never resolved silently to its last value, and so is anything after the entry
     * ({"lines": […]} {"lines": […]} was read as its first object) — as the API reads the same entry (Call.jsonBody).
     */
    private static final com.fasterxml.jackson.databind.ObjectReader READER = new ObjectMapper().reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .with(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static int run(AssessCommand c) throws IOException {
        List<String> oneLine = new ArrayList<>();
        if (c.hts != null) oneLine.add("--hts");
        if (c.origin != null) oneLine.add("--origin");
        if (c.date != null) oneLine.add("--date");
        if (c.value != null) oneLine.add("--value");
        if (!"USD".equals(c.currency)) oneLine.add("--currency");
        if (c.quantity != null) oneLine.add("--quantity");
        if (c.unit != null) oneLine.add("--unit");
        if (c.contentQuantity != null) oneLine.add("--content-quantity");
        if (c.contentUnit != null) oneLine.add("--content-unit");
        if (c.exportCountry != null) oneLine.add("--export-country");
        if (c.producer != null) oneLine.add("--producer");
        if (c.importer != null) oneLine.add("--importer");
        if (!c.documents.isEmpty()) oneLine.add("--document");
        if (c.preference != null) oneLine.add("--preference");
        if (c.bom != null) oneLine.add("--bom");
        if (c.loadedDate != null) oneLine.add("--loaded-date");
        if (c.usContentValue != null) oneLine.add("--us-content-value");
        if (c.metalContentValue != null) oneLine.add("--metal-content-value");
        if (!oneLine.isEmpty()) {
            throw new Failures.UserError(Failures.REFUSED, "--entry: the entry's header and lines are in its file; "
                    + String.join(", ", oneLine) + " cannot be given with it (they describe one line)");
        }
        String name = nameOf(c.entry);
        JsonNode doc = readDoc(c.entry, "assessed");
        Regime regime = c.regimeOption.open();
        Assessor assessor = lodestone.border.origin.PreferenceOriginVerifier.assessorFor(regime);
        CustomsEntryReader.Read read = CustomsEntryReader.read(doc, LocalDate.now());
        EntryAssessment e;
        try {
            e = EntryAssessment.assess(assessor, read.lines(), read.problems());
        } catch (EntryRefused r) {
            List<String> located = new ArrayList<>();
            for (EntryRefused.Problem p : r.problems()) located.add(name + ": " + p);
            throw new Failures.Refused(located, "the entry was not assessed (an entry is filed as a whole).");
        }
        PrintWriter out = c.spec.commandLine().getOut();
        if (c.json) out.println(Json.write(EntryAssessmentJson.of(e)));
        else print(e, out);
        return Failures.ANSWER;
    }

    /** How an entry file is named in messages: its path, or "standard input" for -. */
    static String nameOf(String entry) {
        return entry.equals("-") ? "standard input" : entry;
    }

    /** An entry file's JSON (FILE, or - for standard input), its numbers exact; refused, named, when it is not JSON ("nothing was DONE"). */
    static JsonNode readDoc(String entry, String done) throws IOException {
        String name = nameOf(entry);
        byte[] data;
        if (entry.equals("-")) {
            data = System.in.readAllBytes();
        } else {
            Path f = Path.of(entry);
            Failures.requireReadable(f);
            data = Files.readAllBytes(f);
        }
        return parseDoc(name, data, done);
    }

    /** An entry's JSON from its bytes ({@code name} names it in messages), as {@link #readDoc} reads a file. */
    static JsonNode parseDoc(String name, byte[] data, String done) {
        JsonNode doc;
        try {
            doc = READER.readTree(data);
        } catch (JsonProcessingException e) { // in our words, as the API says them (it quoted the parser's)
            throw new Failures.UserError(Failures.REFUSED, name + ": not valid JSON: " + lodestone.report.JsonSyntax.describe(e, data)
                    + "; nothing was " + done);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (doc == null || doc.isMissingNode()) throw new Failures.UserError(Failures.REFUSED, name + ": empty; expected an entry (JSON: header and lines)");
        return doc;
    }

    static void print(EntryAssessment e, PrintWriter o) {
        o.println("Entry of " + e.lines().size() + (e.lines().size() == 1 ? " line" : " lines") + ", entered " + e.date()
                + "   [regime " + e.regime() + "]" + (e.status() == Assessment.Status.PROHIBITED ? "   PROHIBITED" : ""));
        o.println();
        int idw = Math.max(4, e.lines().stream().mapToInt(a -> a.lineId().length()).max().orElse(4));
        String row = "  %-" + idw + "s  %-14s %-6s %16s %14s %8s  %s%n";
        o.printf(row, "line", "HTS", "origin", "customs value", "duty", "rate", "status");
        for (Assessment a : e.lines()) {
            boolean p = a.status() == Assessment.Status.PROHIBITED;
            o.printf(row, a.lineId(), a.hts(), a.origin(), AssessCommand.money(a.customsValueUsd()), p ? "—" : AssessCommand.money(a.totalDuty()),
                    p || a.effectiveRatePercent() == null ? "—" : a.effectiveRatePercent().toPlainString() + "%", a.status().name().toLowerCase(Locale.ROOT));
        }
        o.println();
        if (e.status() == Assessment.Status.PROHIBITED) {
            o.println("PROHIBITED — line" + (e.prohibitedLines().size() == 1 ? " " : "s ") + String.join(", ", e.prohibitedLines())
                    + " cannot be entered; no duty totals are given for an entry with a prohibited line:");
            for (String p : e.prohibitions()) o.println("  " + p);
        } else {
            o.println("Duty by measure:");
            for (EntryAssessment.MeasureTotal m : e.dutyByMeasure()) {
                o.printf("  %s %-14s %14s  %s (line%s %s)%n", m.series(), m.id(), AssessCommand.money(m.amount()), m.title() == null ? m.type() : m.title(),
                        m.lines().size() == 1 ? "" : "s", String.join(", ", m.lines()));
            }
            if (e.dutyByMeasure().isEmpty()) o.println("  none: no duty applies");
            o.println();
            o.printf("%-22s %s   (%s)%n", "Total duty", AssessCommand.money(e.totalDuty()), AssessCommand.rate(e.effectiveRatePercent()));
        }
        o.printf("%-22s %s%n", "Customs value", AssessCommand.money(e.customsValueUsd()));
        if (e.landedCost() != null) o.printf("%-22s %s%n", "Landed cost", AssessCommand.money(e.landedCost()));
        o.printf("%-22s %s%n", "Documents required", e.documentsRequired().isEmpty() ? "none" : String.join(", ", e.documentsRequired()));
        if (!e.warnings().isEmpty()) {
            o.println("Warnings:");
            for (String w : e.warnings()) o.println("  ! " + w);
        }
        o.println();
        o.println("Each line's measures, calculations and trail: --json (or lodestone assess on the line alone).");
    }

}
