package lodestone.cli;

import lodestone.border.Assessment;
import lodestone.border.Assessor;
import lodestone.border.Entry;
import lodestone.border.EntryRejected;
import lodestone.border.bulk.EntryFields;
import lodestone.regime.Regime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code lodestone assess}: what one shipment line owes, under which measures, and why; or, with {@code --entry FILE}, a
 * customs entry of several lines (JSON: a header and lines, docs/bulk-format.md), each line assessed and the entry's totals.
 */
@Command(name = "assess", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Assesses one entry line: every measure that applies, in evaluation order, with its amount; the "
                + "total duty, effective rate and landed cost; documents required; prohibitions; warnings; and the trail "
                + "of every measure considered with its calculation and legal base.",
                "Amounts are US dollars; each measure's amount is rounded half-up to the cent.",
                "With --entry FILE (or - for standard input): a customs entry of several lines, as JSON — a header (entry_date, "
                + "currency, importer, export_country, loaded_date, documents) and lines in the bulk fields (docs/bulk-format.md) — "
                + "each line assessed as above, with the entry's totals: duty by measure, total duty, customs value, effective "
                + "rate, landed cost, documents required and each line's warnings. A line that cannot be assessed refuses the "
                + "entry, every bad line listed at once (lines[1].hts, counted from 0)."},
        footer = {"", "Examples:",
                "  lodestone assess --hts 2846.90.80 --origin CN --date 2026-03-02 --value 10000 --quantity 500 --unit kg",
                "  lodestone assess --hts 2613.10.00.00 --origin GT --date 2026-03-02 --value 100000 --quantity 10000 --unit kg \\",
                "      --content-quantity 5500 --content-unit 'kg Mo' --preference P",
                "  lodestone assess --hts 7408.11.60 --origin CL --date 2026-03-02 --value 10000 --quantity 1000 --unit kg \\",
                "      --metal-content-value 8000 --json",
                "  lodestone assess --regime bundled:plurilateral --hts 2846.90.20.40 --origin CN --date 2026-03-02 \\",
                "      --value 60000 --quantity 1000 --unit kg --content-quantity 1000 --content-unit 'kg REO' --document assay-certificate",
                "  lodestone assess --entry examples/entry/two-lines.json",
                "  cat examples/entry/two-lines.json | lodestone assess --entry - --json",
                "",
                "Exit codes: 0 assessed or prohibited (see status), 2 the line (or a line of the entry) cannot be assessed (the field "
                + "and reason are printed; for an entry, every bad line), 3 the entry file or the bill of materials (--bom) cannot be read.",
                Failures.EXIT_CODES})
final class AssessCommand implements Callable<Integer> {
    @Option(names = "--hts", paramLabel = "CODE", description = "HTS code, e.g. 2846.90.80.90 (an 8-digit tariff line is accepted with a warning).")
    String hts;
    @Option(names = "--origin", paramLabel = "CC", description = "Country of origin, ISO alpha-2 (e.g. CN).")
    String origin;
    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Date of entry (default: today).")
    String date;
    @Option(names = "--value", paramLabel = "AMOUNT", description = "Customs value.")
    String value;
    @Option(names = "--currency", paramLabel = "CUR", description = "Currency of the values (default: USD); converted at the regime's rate for the date.")
    String currency = "USD";
    @Option(names = "--quantity", paramLabel = "Q", description = "Quantity declared.")
    String quantity;
    @Option(names = "--unit", paramLabel = "UNIT", description = "Unit of the quantity: kg, t, lb, 100kg, No., mtu, …")
    String unit;
    @Option(names = "--content-quantity", paramLabel = "Q", description = "Contained content, e.g. 5500 (kg of Mo).")
    String contentQuantity;
    @Option(names = "--content-unit", paramLabel = "'UNIT BASIS'", description = "Unit and basis of the content, e.g. 'kg Mo', 'kg REO', 'mtu WO3'.")
    String contentUnit;
    @Option(names = "--export-country", paramLabel = "CC", description = "Country of export.")
    String exportCountry;
    @Option(names = "--producer", paramLabel = "NAME", description = "Producer (checked against entity lists such as UFLPA).")
    String producer;
    @Option(names = "--importer", paramLabel = "NAME", description = "Importer of record.")
    String importer;
    @Option(names = "--document", paramLabel = "CODE", description = "A document held (repeatable), e.g. assay-certificate.")
    List<String> documents = new ArrayList<>();
    @Option(names = "--preference", paramLabel = "PROGRAM", description = "Special program claimed, e.g. P (CAFTA-DR).")
    String preference;
    @Option(names = "--bom", paramLabel = "FILE", description = "Bill of materials (JSON, docs/origin-format.md) supporting the preference claim.")
    Path bom;
    @Option(names = "--loaded-date", paramLabel = "YYYY-MM-DD", description = "Date loaded on the vessel (in-transit exemptions).")
    String loadedDate;
    @Option(names = "--us-content-value", paramLabel = "AMOUNT", description = "Value of US content (the reciprocal duties' 20 %% rule).")
    String usContentValue;
    @Option(names = "--metal-content-value", paramLabel = "AMOUNT", description = "Value of the metal content (Section 232: copper, the derivatives, and from 2025-06-04 to 2026-04-05 the steel of a chapter 73 good and the aluminium of a chapter 76 good, whose other content owes the other duties; charged on the whole value and warned without it).")
    String metalContentValue;
    @Option(names = "--production-region", paramLabel = "REGION", description = "A region (ISO 3166-2, e.g. CN-XJ) where the goods or any of "
            + "their inputs were mined, produced or manufactured, wholly or in part (repeatable; list every such region: forced-labour "
            + "presumptions by region); `lodestone regime info` lists the regime's regions.")
    List<String> productionRegions = new ArrayList<>();
    @Option(names = "--end-use", paramLabel = "USE", description = "The end use the goods are for, e.g. civil-aircraft or pharmaceutical "
            + "(end-use exemptions); `lodestone regime info` lists the regime's end uses.")
    String endUse;
    @Option(names = "--json", description = "Print the full result as JSON (format in docs/bulk-format.md).")
    boolean json;
    @Option(names = "--entry", paramLabel = "FILE", description = "A customs entry of several lines (JSON: header and lines, "
            + "docs/bulk-format.md), or - to read it from standard input; instead of the one-line options.")
    String entry;

    @CommandLine.Mixin
    RegimeOption regimeOption = new RegimeOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (entry != null) return EntryCommand.run(this);
        List<String> missing = new ArrayList<>();
        if (hts == null) missing.add("'--hts=CODE'");
        if (origin == null) missing.add("'--origin=CC'");
        if (value == null) missing.add("'--value=AMOUNT'");
        if (quantity == null) missing.add("'--quantity=Q'");
        if (unit == null) missing.add("'--unit=UNIT'");
        if (!missing.isEmpty()) { // required unless --entry is given: said as picocli says a missing required option
            throw new Failures.UserError(Failures.REFUSED, "Missing required option" + (missing.size() == 1 ? "" : "s") + ": "
                    + String.join(", ", missing) + " (or --entry FILE for an entry of several lines)");
        }
        Map<String, String> f = new HashMap<>();
        f.put("line_id", "1");
        f.put("hts", hts);
        f.put("origin", origin);
        f.put("entry_date", date == null ? java.time.LocalDate.now().toString() : date);
        f.put("customs_value", value);
        f.put("currency", currency);
        f.put("quantity", quantity);
        f.put("unit", unit);
        f.put("content_quantity", contentQuantity);
        f.put("content_unit", contentUnit);
        f.put("export_country", exportCountry);
        f.put("producer", producer);
        f.put("importer", importer);
        f.put("documents", String.join(";", documents));
        f.put("preference", preference);
        f.put("loaded_date", loadedDate);
        f.put("us_content_value", usContentValue);
        f.put("metal_content_value", metalContentValue);
        f.put("production_regions", String.join(";", productionRegions));
        f.put("end_use", endUse);
        Regime regime = regimeOption.open();
        Assessor assessor = lodestone.border.origin.PreferenceOriginVerifier.assessorFor(regime);
        Assessment a;
        try {
            Entry e = new EntryFields().parse(f::get, 1);
            if (bom != null) e = e.withBom(new Entry.BillOfMaterialsRef(bom.toString(), readBom(bom)));
            a = assessor.assess(e);
        } catch (EntryRejected r) {
            throw new Failures.UserError(Failures.REFUSED, "cannot assess: " + option(r.field()) + ": " + r.reason());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) out.println(Json.write(toJson(a)));
        else print(a, regime, out);
        return 0;
    }

    /**
     * The text of the --bom file. One that is not there, is a directory or cannot be read is exit 3, as every input file
     * of every command (docs/architecture.md); what it says is judged with the line (exit 2 when refused).
     */
    static String readBom(Path bom) {
        if (Files.isDirectory(bom)) {
            throw new Failures.UserError(Failures.ENVIRONMENT, "--bom: " + bom + " is a directory; expected a bill of materials file (JSON)");
        }
        if (!Files.exists(bom)) throw new Failures.UserError(Failures.ENVIRONMENT, "--bom: " + bom + ": no such file");
        try {
            return lodestone.regime.io.UserText.read(bom);
        } catch (lodestone.regime.io.UserText.NotUtf8 ex) {
            throw new IllegalArgumentException("--bom: " + bom + ": " + ex.getMessage());
        } catch (java.io.IOException ex) {
            throw new Failures.UserError(Failures.ENVIRONMENT, "--bom: cannot read " + bom + ": " + (ex instanceof java.nio.file.FileSystemException fs
                    ? Failures.reason(fs) : ex.getMessage()));
        }
    }

    /** The command-line option for a bulk-format field, for messages. */
    static String option(String field) {
        return switch (field) {
            case "entry_date" -> "--date";
            case "customs_value" -> "--value";
            case "documents" -> "--document";
            case "production_regions" -> "--production-region";
            default -> "--" + field.replace('_', '-');
        };
    }

    static Map<String, Object> toJson(Assessment a) {
        return lodestone.border.AssessmentJson.of(a);
    }

    static void print(Assessment a, Regime regime, PrintWriter o) {
        String desc = regime.hts().resolve(a.hts()).map(l -> l.description()).orElse("");
        String country = regime.geography().country(a.origin()).map(c -> c.name()).orElse(a.origin());
        o.println(a.hts() + "  " + desc + " — goods of " + a.origin() + " (" + country + "), entered " + a.date()
                + "   [regime " + a.regime() + "]");
        o.printf("%-22s %s%n", "Customs value", money(a.customsValueUsd()));
        if (a.status() == Assessment.Status.PROHIBITED) {
            o.println();
            o.println("PROHIBITED — no duty figures are given for a prohibited line:");
            for (String p : a.prohibitions()) o.println("  " + p);
        } else {
            o.println();
            o.printf("  %-2s %-24s %14s  %s%n", "", "measure", "amount", "calculation");
            for (Assessment.Charge c : a.charges()) {
                o.printf("  %-2s %-24s %14s  %s%n", c.series(), c.id(), money(c.amount()), c.calculation());
            }
            o.println();
            o.printf("%-22s %s   (%s)%n", "Total duty", money(a.totalDuty()), rate(a.effectiveRatePercent()));
            o.printf("%-22s %s%n", "Landed cost", money(a.landedCost()));
        }
        o.printf("%-22s %s%n", "Documents required", a.documentsRequired().isEmpty() ? "none" : String.join(", ", a.documentsRequired()));
        if (!a.warnings().isEmpty()) {
            o.println("Warnings:");
            for (String w : a.warnings()) o.println("  ! " + w);
        }
        o.println();
        o.println("Trail (every measure considered, in evaluation order):");
        for (Assessment.TrailStep t : a.trail()) o.printf("  %s %-14s %s%n", t.series(), t.outcome(), t.text());
    }

    /** "effective rate 4.20%", or the words for none (a duty on a customs value of 0: the warnings say why). */
    static String rate(java.math.BigDecimal r) {
        return r == null ? "no effective rate: customs value 0" : "effective rate " + r.toPlainString() + "%";
    }

    static String money(BigDecimal v) {
        return v == null ? "—" : String.format(Locale.ROOT, "$%,.2f", v);
    }
}
