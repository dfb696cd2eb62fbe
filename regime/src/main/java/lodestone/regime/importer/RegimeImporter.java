package lodestone.regime.importer;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import lodestone.regime.nomenclature.Nomenclature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lodestone's importer: reads the public source tables (USITC HTS CSV export, HS 2022, ISO country
 * codes, country groups, the critical-minerals list, US tariff product lists, exchange rates, the
 * UFLPA entity list) and writes the regime's generated files under {@code generated/}, each opening
 * with its provenance (sources, licences, and each source file's SHA-256). The raw tables are never
 * copied; only the facts the regime needs, in the regime's own formats.
 *
 * <p>The output depends on the sources alone, not on the day of import: the same sources give the same
 * bytes, so the regime's {@link lodestone.regime.Regime#fingerprint} identifies its facts. (The files used
 * to say the day they were generated, and re-importing unchanged sources on another day changed the
 * fingerprint.) The sources are named by their SHA-256, which says exactly which edition was read.
 *
 * <p>Every file is first written to a temporary name and moved into place only when all imports
 * succeeded, so a failed import leaves the previous regime untouched.
 */
public final class RegimeImporter {

    /** What one import did, for the command's summary and the report. */
    public record Summary(List<String> lines) { }

    private final Path out;
    /** SHA-256 (hex) of every source file read, by file name: the provenance of the files and of the report. */
    private final Map<String, String> sourceHashes = new TreeMap<>();
    private final Map<Path, Path> staged = new LinkedHashMap<>();
    private final List<String> summary = new ArrayList<>();
    private final StringBuilder report = new StringBuilder();
    private final Consumer<String> progress;
    /** Digits of every coded HTS line imported in this run, to check product lists against. */
    private final java.util.NavigableSet<String> htsDigits = new TreeSet<>();
    private final StringBuilder scopeReport = new StringBuilder();

    public RegimeImporter(Path regimeDir, Consumer<String> progress) {
        this.out = regimeDir;
        this.progress = progress;
    }

    // ------------------------------------------------------------------ HTS

    private static final Pattern PROGRAM = Pattern.compile("[A-Z]{1,2}[*+]?");
    private static final String HTS_SOURCE = "USITC Harmonized Tariff Schedule of the United States, 2026 Basic Edition "
            + "(CSV export; US Government work, public domain, 17 U.S.C. 105)";

    /** Stats of the HTS import; also written to the report. */
    public record HtsStats(int lines, int coded, int rates, int modelled, int unattached, Map<String, Integer> unmodelled,
                           Map<String, String> unmodelledExample) {
        /**
         * Texts kept in base-rates.csv as {@code unmodelled}: the number {@code regime validate} counts.
         * The {@link #unattached} special-column texts (no program list to attach a rate to) are the rest.
         */
        public int unmodelledCount() {
            return rates - modelled - unattached;
        }
    }

    /**
     * Imports the HTS: the nomenclature (all chapters, superior text included, indentation kept)
     * and the three rate columns translated into duty expressions.
     */
    public HtsStats importHts(Path csv) {
        progress.accept("reading " + csv);
        Path nomen = stage("generated/hts-2026.csv");
        Path rates = stage("generated/base-rates.csv");
        int[] counts = new int[5]; // lines, coded, rates, modelled, unattached
        Map<String, Integer> unmodelled = new TreeMap<>();
        Map<String, String> example = new HashMap<>();
        Map<String, Integer> unattached = new TreeMap<>();
        Map<String, String> unattachedExample = new HashMap<>();
        List<String[]> mineralLines = new ArrayList<>(); // code, column, text, reason: chapters of the minerals scope
        Set<String> seen = new java.util.HashSet<>();
        try (CsvReader<NamedCsvRecord> in = CsvReader.builder().detectBomHeader(true).allowMissingFields(true)
                .ofNamedCsvRecord(csv, StandardCharsets.UTF_8);
             CsvWriter nw = CsvWriter.builder().build(nomen, StandardCharsets.UTF_8);
             CsvWriter rw = CsvWriter.builder().build(rates, StandardCharsets.UTF_8)) {
            provenance(nw, "HTS 2026 nomenclature: every line of the schedule (chapters 01-99), indentation as printed.",
                    HTS_SOURCE, csv);
            nw.writeRecord("code", "indent", "description", "units");
            provenance(rw, "HTS 2026 base rates: the general, special and column 2 rates of every line that prints one, "
                    + "translated into Lodestone duty expressions; 'unmodelled' where the text could not be translated "
                    + "faithfully (listed in generated/import-report.md).", HTS_SOURCE, csv);
            rw.writeRecord("code", "column", "programs", "expression", "source_text");
            for (NamedCsvRecord r : in) {
                String code = field(r, "HTS Number");
                String digits = code.isEmpty() ? "" : Nomenclature.digitsOf(code);
                if (digits == null) digits = "";
                if (!digits.isEmpty() && !seen.add(digits)) continue; // the export repeats a few lines
                if (!digits.isEmpty()) htsDigits.add(digits);
                counts[0]++;
                if (!digits.isEmpty()) counts[1]++;
                nw.writeRecord(digits.isEmpty() ? "" : Nomenclature.dotted(digits), field(r, "Indent"),
                        field(r, "Description").replace('\n', ' ').trim(), units(field(r, "Unit of Quantity")));
                if (digits.isEmpty()) continue;
                String dotted = Nomenclature.dotted(digits);
                for (String[] col : new String[][]{{"general", "General Rate of Duty"}, {"column2", "Column 2 Rate of Duty"}}) {
                    String text = field(r, col[1]);
                    if (text.isEmpty()) continue;
                    RateText.Result res = RateText.translate(text);
                    counts[2]++;
                    if (res.modelled()) counts[3]++;
                    else {
                        note(unmodelled, example, col[0] + ": " + clean(text) + " — " + res.reason(), dotted);
                        if (mineralScope(digits)) mineralLines.add(new String[]{dotted, col[0], clean(text), res.reason()});
                    }
                    rw.writeRecord(dotted, col[0], "", res.modelled() ? res.expression() : "unmodelled", clean(text));
                }
                boolean chapter99 = digits.startsWith("98") || digits.startsWith("99");
                String specialText = field(r, "Special Rate of Duty");
                List<RateText.Special> specials = RateText.special(specialText);
                if (chapter99 && specials.size() == 1 && specials.get(0).programs().isEmpty()) {
                    // Chapters 98/99 print one special text for whatever program is claimed: program "*"
                    RateText.Result res = RateText.translate(specialText);
                    counts[2]++;
                    if (res.modelled()) counts[3]++;
                    else note(unmodelled, example, "special: " + clean(specialText) + " — " + res.reason(), dotted);
                    rw.writeRecord(dotted, "special", "*", res.modelled() ? res.expression() : "unmodelled", clean(specialText));
                    specials = List.of();
                }
                for (RateText.Special s : specials) {
                    RateText.Result res = s.rate();
                    List<String> programs = new ArrayList<>();
                    boolean validPrograms = !s.programs().isEmpty();
                    for (String p : s.programs()) {
                        if (PROGRAM.matcher(p).matches()) programs.add(p);
                        else validPrograms = false;
                    }
                    if (!validPrograms) res = new RateText.Result(null, "program list not recognised");
                    counts[2]++;
                    if (programs.isEmpty()) {
                        // no program to attach a rate row to: counted apart from the 'unmodelled' rows and listed
                        counts[4]++;
                        note(unattached, unattachedExample, "special: " + clean(s.text()) + " — " + res.reason(), dotted);
                        continue;
                    }
                    if (res.modelled()) counts[3]++;
                    else {
                        note(unmodelled, example, "special: " + clean(s.text()) + " — " + res.reason(), dotted);
                        if (mineralScope(digits)) mineralLines.add(new String[]{dotted, "special " + String.join(";", programs),
                                clean(s.text()), res.reason()});
                    }
                    rw.writeRecord(dotted, "special", String.join(";", programs),
                            res.modelled() ? res.expression() : "unmodelled", clean(s.text()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the HTS CSV " + csv + ": " + e.getMessage(), e);
        }
        HtsStats st = new HtsStats(counts[0], counts[1], counts[2], counts[3], counts[4], unmodelled, example);
        summary.add(String.format(Locale.ROOT, "HTS: %,d lines (%,d coded); %,d rate texts, %,d modelled, %,d not modelled (%.2f%%), "
                        + "%,d special-column texts without a program list (attached to no rate)",
                st.lines(), st.coded(), st.rates(), st.modelled(), st.unmodelledCount(),
                100.0 * st.unmodelledCount() / Math.max(1, st.rates()), st.unattached()));
        report.append("## HTS rate texts not modelled\n\n")
                .append(String.format(Locale.ROOT, "%,d of %,d rate texts (%.2f%%) could not be translated into a duty "
                                + "expression. They are kept in generated/base-rates.csv as `unmodelled` with the source text (the "
                                + "count `regime validate` prints); an assessment that meets one reports it as a warning instead of "
                                + "a figure.%n%n",
                        st.unmodelledCount(), st.rates(), 100.0 * st.unmodelledCount() / Math.max(1, st.rates())))
                .append("| count | column: text — reason | example line |\n|---:|---|---|\n");
        table(unmodelled, example);
        report.append(String.format(Locale.ROOT, "### Special-column texts attached to no rate%n%n%,d special-column texts have no "
                        + "program list Lodestone can read (a cross-reference or a note in parentheses), so there is no program to "
                        + "attach a rate row to: they are not in generated/base-rates.csv, which is why `regime validate` counts "
                        + "%,d texts not modelled where the schedule has %,d untranslated texts in all. A claim under a program "
                        + "finds no special rate on these lines and the general rate applies, with a warning.%n%n",
                        st.unattached(), st.unmodelledCount(), st.unmodelledCount() + st.unattached()))
                .append("| count | column: text — reason | example line |\n|---:|---|---|\n");
        table(unattached, unattachedExample);
        report.append("### Mineral chapters, line by line\n\n").append(String.format(Locale.ROOT, "Every rate text of chapters "
                        + "25-28 and 71-81 (and headings 8505, 8507) that is not translated, with its line: %,d. The assessment "
                        + "refuses a figure for each (a warning names the text); none is approximated.%n%n", mineralLines.size()))
                .append("| line | column | text | reason |\n|---|---|---|---|\n");
        for (String[] l : mineralLines) {
            report.append("| ").append(l[0]).append(" | ").append(l[1]).append(" | ").append(l[2].replace("|", "\\|"))
                    .append(" | ").append(l[3].replace("|", "\\|")).append(" |\n");
        }
        report.append('\n');
        return st;
    }

    private void table(Map<String, Integer> counts, Map<String, String> example) {
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(e -> report.append("| ").append(e.getValue()).append(" | ")
                        .append(e.getKey().replace("|", "\\|")).append(" | ").append(example.get(e.getKey())).append(" |\n"));
        report.append('\n');
    }

    /** The chapters of the project's critical-minerals scope: 25-28, 71-81, headings 8505 and 8507. */
    static boolean mineralScope(String digits) {
        if (digits.length() < 4) return false;
        int ch = Integer.parseInt(digits.substring(0, 2));
        return (ch >= 25 && ch <= 28) || (ch >= 71 && ch <= 81) || digits.startsWith("8505") || digits.startsWith("8507");
    }

    private static void note(Map<String, Integer> counts, Map<String, String> example, String key, String code) {
        counts.merge(key, 1, Integer::sum);
        example.putIfAbsent(key, code);
    }

    private static String clean(String s) {
        return s.replace('\n', ' ').replaceAll("\\s+", " ").trim();
    }

    /** ["kg","Mo kg"] → kg;Mo kg */
    static String units(String raw) {
        List<String> out = new ArrayList<>();
        var m = Pattern.compile("\"([^\"]*)\"").matcher(raw);
        while (m.find()) {
            String u = m.group(1).replace("\\n", "").trim();
            if (!u.isEmpty()) out.add(u);
        }
        return String.join(";", out);
    }

    // ------------------------------------------------------------------ the other tables

    /** Runs every import from the shared data folder. */
    public void importAll(Path shared) {
        importHts(shared.resolve("hts/hts_2026_basic_edition.csv"));
        importHs(shared.resolve("hs2022/harmonized-system.csv"));
        Map<String, String> a3to2 = importCountries(shared.resolve("countries/country-codes.csv"));
        importGroups(shared.resolve("countries/country_groups.csv"), a3to2);
        importMinerals(shared.resolve("critical_minerals_list/usgs_2025_final_critical_minerals_list.csv"));
        importScopes(shared);
        importIeepaCountryRates(shared.resolve("tariffs_legal/ieepa_ch99_country_rates_hts2026basic.csv"), a3to2);
        importS301ForcedLabor(shared);
        importStacking(shared);
        importFx(shared.resolve("fx/fx_rates_2025_2026.csv"), shared.resolve("tariffs_2026h2/fx_rates_2026q4.csv"));
        importUflpa(shared.resolve("forced_labour/uflpa_entities_partial.csv"));
        Path rules = shared.resolve("rules_of_origin/cafta_dr_gn29_rules.json");
        sha256(rules); // for the report's list of sources; the file names it in its own header
        write(stage("generated/origin/cafta-dr.yaml"), new OriginRulesImporter(summary::add).caftaDrYaml(rules));
    }

    public void importHs(Path csv) {
        Path p = stage("generated/hs-2022.csv");
        int[] n = {0};
        try (CsvWriter w = CsvWriter.builder().build(p, StandardCharsets.UTF_8)) {
            provenance(w, "HS 2022 codes (chapters, headings, six-digit subheadings) and descriptions.",
                    "datasets/harmonized-system (UN Comtrade HS 2022), Open Data Commons PDDL 1.0", csv);
            w.writeRecord("code", "level", "description", "parent");
            read(csv, r -> {
                if (!field(r, "hscode").matches("\\d{2}|\\d{4}|\\d{6}")) return; // aggregate rows such as TOTAL
                w.writeRecord(field(r, "hscode"), field(r, "level"), field(r, "description"),
                        field(r, "parent").matches("\\d+") ? field(r, "parent") : "");
                n[0]++;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        summary.add(String.format(Locale.ROOT, "HS 2022: %,d codes", n[0]));
    }

    public Map<String, String> importCountries(Path csv) {
        Path p = stage("generated/countries.csv");
        Map<String, String> a3to2 = new LinkedHashMap<>();
        try (CsvWriter w = CsvWriter.builder().build(p, StandardCharsets.UTF_8)) {
            provenance(w, "ISO 3166-1 countries and territories with their currency.",
                    "datasets/country-codes, Open Data Commons PDDL 1.0", csv);
            w.writeRecord("alpha2", "alpha3", "numeric", "name", "currency");
            read(csv, r -> {
                String a2 = field(r, "ISO3166-1-Alpha-2");
                String a3 = field(r, "ISO3166-1-Alpha-3");
                if (a2.isEmpty() || a3.isEmpty()) return;
                String name = field(r, "CLDR display name");
                // CLDR's display name is an abbreviation for two ("US", "UK"), which read as codes ("US US" in a group's
                // members): the official English name then
                if (name.isEmpty() || name.equals(name.toUpperCase(Locale.ROOT))) name = field(r, "official_name_en");
                a3to2.put(a3, a2);
                w.writeRecord(a2, a3, field(r, "ISO3166-1-numeric"), name, field(r, "ISO4217-currency_alphabetic_code"));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        summary.add(String.format(Locale.ROOT, "countries: %,d", a3to2.size()));
        return a3to2;
    }

    /** Source group names → the regime's group ids (defined, with their dates, in curated/groups.yaml). */
    static final Map<String, String> GROUP_IDS = Map.of(
            "EU27", "EU27", "CAFTA-DR", "CAFTA-DR", "USMCA", "USMCA", "G7", "G7", "MSP", "MSP",
            "CRITICAL_MINERALS_MINISTERIAL_2026_DELEGATIONS", "CMM-2026",
            "US_CRITICAL_MINERALS_FRAMEWORK_OR_MOU_FEB2026", "US-CM-FRAMEWORKS-2026",
            "US_AGREEMENT_ON_RECIPROCAL_TRADE_SIGNED", "US-ART-SIGNED");

    public void importGroups(Path csv, Map<String, String> a3to2) {
        Path p = stage("generated/group-members.csv");
        int[] n = {0};
        List<String> skipped = new ArrayList<>();
        try (CsvWriter w = CsvWriter.builder().build(p, StandardCharsets.UTF_8)) {
            provenance(w, "Members of country groups; dates, where not given here, come from the group's definition "
                    + "in curated/groups.yaml.", "Lodestone shared data country_groups.csv (facts compiled from the sources "
                    + "named per row)", csv);
            w.writeRecord("group", "country", "from", "to", "source");
            read(csv, r -> {
                String g = GROUP_IDS.get(field(r, "group"));
                String a2 = a3to2.get(field(r, "iso3"));
                if (g == null || a2 == null) {
                    skipped.add(field(r, "group") + "/" + field(r, "iso3"));
                    return;
                }
                w.writeRecord(g, a2, "", "", field(r, "source"));
                n[0]++;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        summary.add(String.format(Locale.ROOT, "group memberships: %,d%s", n[0],
                skipped.isEmpty() ? "" : " (skipped, no ISO country: " + skipped + ")"));
    }

    public void importMinerals(Path csv) {
        Path p = stage("generated/minerals.csv");
        int[] n = {0};
        try (CsvWriter w = CsvWriter.builder().build(p, StandardCharsets.UTF_8)) {
            provenance(w, "The 60 minerals of the 2025 US List of Critical Minerals (90 FR 50494, 2025-11-07).",
                    "USGS / Federal Register (US Government work, public domain), as compiled in the shared data", csv);
            w.writeRecord("id", "name", "symbol", "family", "on_2022_list", "new_in_2025", "basis_for_addition", "in_2025_draft_list",
                    "note");
            read(csv, r -> {
                String name = field(r, "mineral");
                w.writeRecord(name.toLowerCase(Locale.ROOT).replace(' ', '-'), name, field(r, "symbol"), field(r, "group"),
                        field(r, "on_2022_list"), field(r, "new_in_2025_final"), field(r, "basis_for_addition"),
                        field(r, "in_2025_draft_list"), field(r, "note"));
                n[0]++;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        summary.add("critical minerals: " + n[0]);
    }

    /**
     * The codes of the Rev. 6 Annex II list (as the list prints them) that were not on it before 2025-09-08: the updated
     * Annex II attached to EO 14346 (2025-09-05, effective for entries from 12:01 a.m. EDT 2025-09-08; shared data
     * tariffs_2026h2/ieepa_history_2025_2026.csv, event annexII_sep) carved sintered NdFeB magnets out of the reciprocal
     * tariffs (International Trade Today, 2025-09-08, "Dozens of Items Carved Out of Reciprocal List": "sintered
     * neodymium-iron-boron magnets ... are no longer subject to reciprocal tariffs"; Adams Magnetic, June 2025: Chinese
     * magnets then owed the 10 % universal duty). The other additions of that order are in no source (known gap
     * ieepa-annex-ii-dated-additions). The curated measure us-ieepa-annex-ii-2025-09-08 exempts these from that date.
     */
    static final Set<String> ANNEX_II_ADDED_2025_09_08 = Set.of("8505.11.0070");

    /** Product lists → scope files (one code per row), named after the measure that uses them. */
    public void importScopes(Path shared) {
        String bl = "Budget Lab at Yale, tariff-rate-tracker (MIT License, copyright the Budget Lab at Yale)";
        Path annexII = shared.resolve("tariffs_legal/us_note2_v_iii_a_annexII_exempt_subheadings_hts2026rev6.csv");
        String annexIISource = "USITC HTS 2026 Rev. 6 Chapter 99 (public domain), list parsed by the Lodestone shared data";
        scope(annexII, "hts_subheading_as_listed", r -> !ANNEX_II_ADDED_2025_09_08.contains(field(r, "hts_subheading_as_listed")),
                "generated/scopes/ieepa-annex-ii-exempt.csv",
                "Goods exempt from the IEEPA reciprocal duties: HTS Chapter 99 U.S. Note 2(v)(iii)(a) (EO 14257 Annex II as amended; heading 9903.01.32), HTS 2026 Revision 6.",
                annexIISource + "; the goods the updated Annex II of EO 14346 added from 2025-09-08 are left out here, they are in "
                        + "ieepa-annex-ii-added-2025-09-08.csv");
        scope(annexII, "hts_subheading_as_listed", r -> ANNEX_II_ADDED_2025_09_08.contains(field(r, "hts_subheading_as_listed")),
                "generated/scopes/ieepa-annex-ii-added-2025-09-08.csv",
                "Goods of HTS 2026 Rev. 6's Annex II (U.S. Note 2(v)(iii)(a), heading 9903.01.32) that the updated Annex II of EO 14346 "
                        + "(2025-09-05) added, for entries from 2025-09-08 (International Trade Today, 2025-09-08).",
                annexIISource);
        scope(shared.resolve("tariffs_budgetlab/s122_exempt_products.csv"), "hts8", null, null,
                "generated/scopes/s122-exempt.csv", "Goods exempt from the Section 122 surcharge (Annex II of the Proclamation of 2026-02-20; heading 9903.03.03, CBP CSMS #67844987).", bl);
        scope(shared.resolve("tariffs_budgetlab/s232_copper_products.csv"), "hts10", null, null,
                "generated/scopes/s232-copper.csv", "Semi-finished copper and copper-intensive derivatives under Section 232 (U.S. Note 36(b), heading 9903.78.01).", bl);
        importS232Scopes(shared, bl);
        // EO 14323 (Brazil, 9903.01.77) has its own exemption annex, not the reciprocal Annex II: the original list
        // (U.S. Note 2(x)(iii)(a), heading 9903.01.81) and the agricultural goods added from 2025-11-13 ((x)(iii)(b), 9903.01.90)
        Path eo = shared.resolve("tariffs_budgetlab/country_eo_exempt_products.csv");
        scope(eo, "hts10", r -> field(r, "ch99_code").equals("9903.01.77") && field(r, "effective_date_start").equals("2025-08-06"),
                "generated/scopes/ieepa-brazil-exempt-2025-08.csv", "Goods of Brazil exempt from the EO 14323 duty from 2025-08-06: "
                        + "EO 14323 Annex I, HTS Chapter 99 U.S. Note 2(x)(iii)(a) (heading 9903.01.81).", bl);
        scope(eo, "hts10", r -> field(r, "ch99_code").equals("9903.01.77") && field(r, "effective_date_start").equals("2025-11-13"),
                "generated/scopes/ieepa-brazil-exempt-2025-11.csv", "Goods of Brazil exempt from the EO 14323 duty from 2025-11-13 "
                        + "(agricultural products added by the order of 2025-11-20): U.S. Note 2(x)(iii)(b) (heading 9903.01.90).", bl);
        Path h2 = shared.resolve("tariffs_2026h2");
        String h2src = "Lodestone shared data tariffs_2026h2 (USTR and presidential actions, public domain; lists via the "
                + "Budget Lab tariff-rate-tracker and its forks, MIT)";
        scope(h2.resolve("s301_brazil_exemptions.csv"), "hts8", "exemption_list", "unconditional",
                "generated/scopes/s301-brazil-exempt.csv", "Goods exempt without condition from the Section 301 duty on Brazil "
                        + "(U.S. Note 50(a)(ii)-(iii), FR Doc 2026-14542).", h2src);
        // the goods exempt only for an end use (U.S. Note 50(a)(iv)-(v)): measures of their own with an end-use exemption
        scope(h2.resolve("s301_brazil_exemptions.csv"), "hts8", "exemption_list", "civil_aircraft_use",
                "generated/scopes/s301-brazil-civil-aircraft-use.csv", "Goods exempt from the Section 301 duty on Brazil only as "
                        + "civil aircraft articles for use in civil aircraft (General Note 6) (U.S. Note 50(a)(iv), FR Doc 2026-14542).", h2src);
        scope(h2.resolve("s301_brazil_exemptions.csv"), "hts8", "exemption_list", "pharmaceutical_use",
                "generated/scopes/s301-brazil-pharmaceutical-use.csv", "Goods exempt from the Section 301 duty on Brazil only as "
                        + "articles for use in pharmaceutical applications (U.S. Note 50(a)(v), FR Doc 2026-14542).", h2src);
        for (String[] p : new String[][]{{"alcohol", "alcoholic beverages (Proclamation 11046)"},
                {"dairy", "dairy products (Proclamation 11047)"}, {"motor_vehicles", "'motor vehicles' list (Proclamation 11048)"}}) {
            scope(h2.resolve("s338_canada_products_jul2026.csv"), "hts8", "program", p[0],
                    "generated/scopes/s338-canada-" + p[0].replace('_', '-') + ".csv", "Products of Canada subject to the Section 338 "
                            + "duty: " + p[1] + ", Annex II as signed on 2026-07-20 (the lists as modified from 2026-09-15 are in no source).", h2src);
        }
        scope(shared.resolve("tariffs_2026h2/s301_china_exclusion_lines_cm_scope.csv"), "hts10", "hts_heading", "9903.88.69",
                "generated/scopes/s301-exclusions-9903.88.69.csv", "Lines holding a Section 301 product exclusion of U.S. Note 20(vvv) "
                        + "(heading 9903.88.69, window 2024-06-15 to 2026-11-09), critical-minerals chapters only.",
                "Lodestone shared data tariffs_2026h2 (from arifshehab/tariff-rate-tracker resources/s301_exclusion_lines.csv, MIT)");
        for (String h : List.of("9903.88.01", "9903.88.02", "9903.88.03", "9903.88.15", "9903.91.01", "9903.91.02",
                "9903.91.03", "9903.91.05", "9903.91.06", "9903.91.07", "9903.91.08", "9903.91.11")) {
            scope(shared.resolve("tariffs_budgetlab/s301_product_lists.csv"), "hts8", "ch99_code", h,
                    "generated/scopes/s301-" + h + ".csv", "Section 301 (China) products under heading " + h + ".", bl);
        }
    }

    /**
     * Section 232 steel, aluminium and copper lists: the 2025 derivative lists by heading — steel 9903.81.91 (on the
     * steel content); aluminium 9903.85.04 and .07 (chapter 76, on the full value) and 9903.85.08 (on the aluminium
     * content), those without a date in force from 2025-03-12, the others from 2025-08-18; the lines on both the steel
     * and an aluminium-content list (one duty on both metals' content) — and the four annexes of Proclamation 11021 in
     * force from 2026-04-06.
     */
    private void importS232Scopes(Path shared, String bl) {
        Path deriv = shared.resolve("tariffs_budgetlab/s232_derivative_products.csv");
        Set<String> steel = new TreeSet<>();
        Set<String> aluminiumContent = new TreeSet<>();
        read(deriv, r -> {
            String d = Nomenclature.digitsOf(field(r, "hts_prefix"));
            if (d == null) return;
            if (field(r, "ch99_code").equals("9903.81.91")) steel.add(d);
            if (field(r, "ch99_code").equals("9903.85.08")) aluminiumContent.add(d);
        });
        Set<String> both = new TreeSet<>(steel);
        both.retainAll(aluminiumContent);
        scope(deriv, "hts_prefix", r -> field(r, "derivative_type").equals("steel")
                        && !both.contains(Nomenclature.digitsOf(field(r, "hts_prefix"))), "generated/scopes/s232-steel-derivatives.csv",
                "Section 232 steel derivatives (heading 9903.81.91, U.S. Note 16(n), on the steel content), in force from 2025-08-18; "
                        + "lines also on an aluminium-content list are in s232-steel-aluminum-derivatives.csv.", bl);
        scope(deriv, "hts_prefix", r -> both.contains(Nomenclature.digitsOf(field(r, "hts_prefix"))),
                "generated/scopes/s232-steel-aluminum-derivatives.csv",
                "Section 232 derivatives on both the steel list (9903.81.91) and an aluminium-content list (9903.85.08): "
                        + "one duty on the value of the steel and aluminium content, in force from 2025-08-18.", bl);
        for (String h : List.of("9903.85.04", "9903.85.07")) {
            scope(deriv, "hts_prefix", r -> field(r, "ch99_code").equals(h),
                    "generated/scopes/s232-aluminum-derivatives-" + h + ".csv",
                    "Section 232 aluminium derivatives of heading " + h + " (chapter 76 and U.S. Note 19(" + (h.endsWith("04") ? "i" : "j")
                            + ")), on the full value, in force from 2025-03-12.", bl);
        }
        scope(deriv, "hts_prefix", r -> field(r, "ch99_code").equals("9903.85.08") && field(r, "effective_date").isEmpty(),
                "generated/scopes/s232-aluminum-derivatives-2025-03.csv",
                "Section 232 aluminium derivatives on the aluminium content listed before August 2025 (heading 9903.85.08, "
                        + "U.S. Note 19(k)); from 2025-08-18 the lines also on the steel list pay under s232-steel-aluminum-derivatives.csv.", bl);
        scope(deriv, "hts_prefix", r -> field(r, "derivative_type").equals("aluminum") && field(r, "effective_date").equals("2025-08-18"),
                "generated/scopes/s232-aluminum-derivatives-2025-08.csv",
                "Section 232 aluminium derivatives added from 2025-08-18 (heading 9903.85.08, U.S. Note 19(k), on the aluminium "
                        + "content); the lines also on the steel list pay under s232-steel-aluminum-derivatives.csv.", bl);
        Path annex = shared.resolve("tariffs_budgetlab/s232_annex_products.csv");
        for (String a : List.of("1a", "1b", "2", "3")) {
            scope(annex, "hts_prefix", r -> field(r, "annex").equals(a), "generated/scopes/s232-annex-" + a + ".csv",
                    "Section 232 aluminium, steel and copper products of Annex " + a.toUpperCase(Locale.ROOT)
                            + " of Proclamation 11021 (2026-04-02), in force from 2026-04-06.", bl);
        }
        // a line listed in one annex under a code listed (less specifically) in another follows its own annex
        Map<String, Set<String>> byAnnex = new TreeMap<>();
        read(annex, r -> {
            String d = Nomenclature.digitsOf(field(r, "hts_prefix"));
            if (d != null && (htsDigits.isEmpty() || inHts(d))) byAnnex.computeIfAbsent(field(r, "annex"), k -> new TreeSet<>()).add(d);
        });
        for (String a : List.of("1a", "1b", "3")) {
            Set<String> nested = new TreeSet<>();
            for (var other : byAnnex.entrySet()) {
                if (other.getKey().equals(a)) continue;
                for (String o : other.getValue()) {
                    for (String mine : byAnnex.getOrDefault(a, Set.of())) {
                        if (o.length() > mine.length() && o.startsWith(mine)) nested.add(o);
                    }
                }
            }
            Path p = stage("generated/scopes/s232-annex-" + a + "-nested-others.csv");
            try (CsvWriter w = CsvWriter.builder().build(p, StandardCharsets.UTF_8)) {
                provenance(w, "Lines listed in another annex of Proclamation 11021 under a code of Annex " + a.toUpperCase(Locale.ROOT)
                        + ": the more specific listing decides, so these are excluded from Annex " + a.toUpperCase(Locale.ROOT) + ".",
                        bl, annex);
                w.writeRecord("code");
                for (String c : nested) w.writeRecord(Nomenclature.dotted(c));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            summary.add(String.format(Locale.ROOT, "scope generated/scopes/s232-annex-%s-nested-others.csv: %,d codes", a, nested.size()));
        }
        scope(annex, "hts_prefix", r -> true, "generated/scopes/s232-annex-all.csv",
                "Every product of Annexes I-A, I-B, II and III of Proclamation 11021 (2026-04-02): from 2026-04-06 the annexes "
                        + "decide these products' Section 232 treatment.", bl);
    }

    private void scope(Path csv, String codeCol, String filterCol, String filterValue, String rel, String what, String source) {
        scope(csv, codeCol, filterCol == null ? r -> true : r -> field(r, filterCol).equals(filterValue), rel, what, source);
    }

    private void scope(Path csv, String codeCol, java.util.function.Predicate<NamedCsvRecord> filter, String rel, String what,
                       String source) {
        Path p = stage(rel);
        Set<String> codes = new TreeSet<>();
        Set<String> absent = new TreeSet<>();
        read(csv, r -> {
            if (!filter.test(r)) return;
            String d = Nomenclature.digitsOf(field(r, codeCol));
            if (d == null) return;
            if (htsDigits.isEmpty() || inHts(d)) codes.add(d);
            else absent.add(Nomenclature.dotted(d));
        });
        if (!absent.isEmpty()) {
            scopeReport.append("- ").append(rel).append(": ").append(absent.size())
                    .append(" code(s) of the source list are not in HTS 2026 (renumbered or deleted since the list was "
                            + "published) and were left out: ").append(String.join(", ", absent)).append("\n");
        }
        try (CsvWriter w = CsvWriter.builder().build(p, StandardCharsets.UTF_8)) {
            provenance(w, what, source, csv);
            w.writeRecord("code");
            for (String c : codes) w.writeRecord(Nomenclature.dotted(c));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        summary.add(String.format(Locale.ROOT, "scope %s: %,d codes%s", rel, codes.size(),
                absent.isEmpty() ? "" : " (" + absent.size() + " not in HTS 2026, see report)"));
    }

    /**
     * The Section 301 action on 60 economies (forced-labour investigations) from 2026-07-24: one
     * measure per economy — a flat 10 % or 12.5 %, or for the EU, Japan, Korea, Switzerland and
     * Taiwan a cap on column 1 + 301 (the two headings of the pair become one all-in expression).
     * Goods of the common list (Annex Part A, unconditional lines) are exempt, those exempt only for a use
     * or a description (9903.05.87-.89) when the declarant holds the statement, and each economy's own
     * lines of the critical-minerals chapters (52(j)); the goods in transit
     * and USMCA-qualifying goods of Canada and Mexico are exempt by condition. The Section 232 goods
     * of U.S. Note 52(f) are carved out by the Section 232 measures (they displace 9903.05.*).
     */
    public void importS301ForcedLabor(Path shared) {
        Path dir = shared.resolve("tariffs_2026h2");
        String src = "Lodestone shared data tariffs_2026h2 (USTR notice FR Doc 2026-15181, 91 FR 47318, and the Presidential "
                + "Memorandum of 2026-07-23, public domain; tiers and headings via Budget-Lab-Yale/tariff-rate-tracker, MIT)";
        scope(dir.resolve("s301_forced_labor_common_exemptions.csv"), "hts_code", r -> field(r, "tracker_condition").equals("full"),
                "generated/scopes/s301-fl-common-exempt.csv", "Goods exempt from the Section 301 action on 60 economies without "
                        + "condition (Annex Part A, U.S. Note 52(b), heading 9903.05.86).", src);
        Map<String, String[]> byEconomy = new LinkedHashMap<>(); // iso2 → heading, expression, name, note
        read(dir.resolve("s301_forced_labor_economies.csv"), r -> {
            String iso = field(r, "iso2");
            String rule = field(r, "rate_rule");
            String expr;
            if (rule.equals("flat")) {
                expr = plainPercent(field(r, "additional_rate_pct"));
            } else if (rule.equals("cap_total")) {
                if (field(r, "additional_rate_pct").equals("0")) return; // the "column 1 at or above the cap" half
                expr = plainPercent(field(r, "cap_total_pct")) + " - base MIN 0%";
            } else {
                throw new IllegalArgumentException("s301_forced_labor_economies.csv: unknown rate_rule '" + rule + "' for " + iso);
            }
            byEconomy.put(iso, new String[]{field(r, "hts_heading"), expr, field(r, "economy"),
                    field(r, "usmca_cafta_or_other_condition")});
        });
        // the conditional exemptions of Annex Part A: the goods are exempt only for a use or a description the
        // declarant states (civil aircraft, GN 6; pharmaceutical use; the 'ex' descriptions). A use is an end-use
        // condition (the line's declared end use, u[6]) and, as before, the statement held as a document; a
        // description is the document only
        String[][] endUses = {
                {"aircraft", "civil-aircraft-use", "9903.05.88", "52(d)", "civil aircraft articles for use in civil aircraft (General Note 6)",
                        "s301-fl-civil-aircraft-use-certification", "civil-aircraft"},
                {"pharma", "pharmaceutical-use", "9903.05.89", "52(e)", "articles for use in pharmaceutical applications",
                        "s301-fl-pharmaceutical-use-certification", "pharmaceutical"},
                {"ex", "described", "9903.05.87", "52(c)", "products that match the Annex's description ('ex' lines)",
                        "s301-fl-described-product-statement", null}};
        for (String[] u : endUses) {
            scope(dir.resolve("s301_forced_labor_common_exemptions.csv"), "hts_code", r -> field(r, "tracker_condition").equals(u[0]),
                    "generated/scopes/s301-fl-" + u[1] + ".csv", "Goods exempt from the Section 301 action on 60 economies only "
                            + "as " + u[4] + " (Annex Part A, U.S. Note " + u[3] + ", heading " + u[2] + "; the subdivision and heading "
                            + "are inferred in the source).", src);
        }
        // the economies' own lists (Annex Parts B-O, U.S. Note 52(j)): the source holds only the lines of the
        // critical-minerals chapters, so other chapters' country exemptions are a stated gap (regime.yaml known-gaps)
        Map<String, List<String>> countryLines = new TreeMap<>();
        read(dir.resolve("s301_forced_labor_country_exemptions_cm_scope.csv"), r -> {
            if (!field(r, "tracker_condition").equals("full")) {
                throw new IllegalArgumentException("s301_forced_labor_country_exemptions_cm_scope.csv: condition '"
                        + field(r, "tracker_condition") + "' for " + field(r, "iso2") + " " + field(r, "hts8") + " is not modelled");
            }
            String d = Nomenclature.digitsOf(field(r, "hts8"));
            if (d != null && (htsDigits.isEmpty() || inHts(d))) {
                countryLines.computeIfAbsent(field(r, "iso2"), k -> new ArrayList<>()).add(Nomenclature.dotted(d));
            }
        });
        StringBuilder y = new StringBuilder();
        y.append(yamlProvenance("Section 301 action on 60 economies (forced-labour investigations), in force from 2026-07-24: flat "
                + "10 % or 12.5 %, or a cap on column 1 + 301 for the EU, Japan, Korea, Switzerland and Taiwan. Each economy has "
                + "its main measure and three for the goods of Annex Part A exempt only for a stated use or description "
                + "(9903.05.87-.89), exempt when the line declares the end use (end-use) or the declarant holds the statement. "
                + "The economies' own lists (52(j)) are "
                + "those of the critical-minerals chapters only (the source has no others). The CAFTA-DR parties' textiles "
                + "(chapters 50-63) have a measure of their own, exempt when entered under CAFTA-DR (P or P+ claimed, "
                + "9903.05.95). Not modelled: donations and informational materials.", src, dir.resolve("s301_forced_labor_economies.csv"),
                dir.resolve("s301_forced_labor_common_exemptions.csv"), dir.resolve("s301_forced_labor_country_exemptions_cm_scope.csv")));
        y.append("measures:\n");
        int n = 0;
        for (var en : byEconomy.entrySet()) {
            String iso = en.getKey();
            String[] v = en.getValue();
            List<String> own = countryLines.getOrDefault(iso, List.of());
            StringBuilder products = new StringBuilder("    products:\n      all: true\n      exclude: [\"98\", \"99\"");
            for (String c : own) products.append(", \"").append(c).append('"');
            products.append("]\n      exclude-file: [generated/scopes/s301-fl-common-exempt.csv");
            for (String[] u : endUses) products.append(", generated/scopes/s301-fl-").append(u[1]).append(".csv");
            products.append("]\n");
            boolean caftaTextiles = v[3].contains("9903.05.95");
            String footnote = caftaTextiles ? "Textiles and apparel (chapters 50-63) are in us-s301-fl-" + iso.toLowerCase(Locale.ROOT)
                    + "-cafta-dr-textiles, with the CAFTA-DR exemption (9903.05.95)." : v[3].isEmpty() ? "" : v[3].replace("\"", "'");
            if (!own.isEmpty()) {
                footnote = (footnote.isEmpty() ? "" : footnote + "\", \"") + "Exempt by the economy's own list (U.S. Note 52(j)): "
                        + String.join(", ", own) + " (critical-minerals chapters only; the source has no other lines)";
            }
            // U.S. Note 52(i), heading 9903.05.95: textile and apparel goods of a CAFTA-DR party entered under it (P or P+
            // claimed) are exempt; the economies' table says so in its condition column. The goods are split off into a
            // measure of their own with the exemption as a condition (as for the Section 122 surcharge's para. 14(m))
            if (caftaTextiles) {
                int close = products.indexOf("]");
                products.insert(close, TEXTILE_CHAPTERS.stream().map(c -> ", \"" + c + "\"").reduce("", String::concat));
            }
            fl(y, iso, "", v, products.toString(), null, footnote);
            n++;
            if (caftaTextiles) {
                String textiles = "    products:\n      include: [" + String.join(", ", TEXTILE_CHAPTERS.stream().map(c -> "\"" + c + "\"").toList())
                        + "]\n      exclude-file: generated/scopes/s301-fl-common-exempt.csv\n";
                fl(y, iso, "-cafta-dr-textiles", v, textiles, null, "Goods of chapters 50-63; the rest is us-s301-fl-"
                        + iso.toLowerCase(Locale.ROOT) + ". The source's condition: " + v[3].replace("\"", "'") + ". The note's "
                        + "textile or apparel good is that of General Note 29, whose definition is not in the sources: chapters "
                        + "50-63 are taken for it, as for the Section 122 surcharge (us-s122-surcharge-textiles).");
                n++;
            }
            for (String[] u : endUses) {
                String exempt = "    products:\n      include-file: generated/scopes/s301-fl-" + u[1] + ".csv\n"
                        + "      exclude: [\"98\", \"99\"" + String.join("", own.stream().map(c -> ", \"" + c + "\"").toList()) + "]\n";
                fl(y, iso, "-" + u[1], v, exempt, u, "Goods of Annex Part A exempt only as " + u[4] + " (" + u[2] + ", U.S. Note "
                        + u[3] + "): without " + (u[6] == null ? "the statement" : "the declared end use (" + u[6] + ") or the statement")
                        + " the duty applies.");
                n++;
            }
        }
        write(stage("generated/measures/s301-forced-labor.yaml"), y.toString());
        summary.add("Section 301 (60 economies): " + byEconomy.size() + " economies, " + n + " measures (with the conditional "
                + "exemptions of Annex Part A); own-list lines for " + countryLines.size() + " economies");
    }

    /** Textiles and apparel as the Section 301 action's CAFTA-DR exemption is modelled: HTS chapters 50-63. */
    private static final List<String> TEXTILE_CHAPTERS = List.of("50", "51", "52", "53", "54", "55", "56", "57", "58", "59", "60",
            "61", "62", "63");

    /** One measure of the Section 301 action on 60 economies; {@code endUse} adds its conditional exemption. */
    private static void fl(StringBuilder y, String iso, String suffix, String[] v, String products, String[] endUse, String footnote) {
        String origin = iso.equals("EU") ? "EU27" : iso;
        y.append("  - id: us-s301-fl-").append(iso.toLowerCase(Locale.ROOT)).append(suffix).append("\n    type: additional-duty\n")
                .append("    title: \"Section 301 action on 60 economies (forced labour), ").append(v[2].replace("\"", "'"))
                .append(endUse == null ? "" : ", goods exempt only as " + endUse[4].replace("\"", "'"))
                .append(suffix.equals("-cafta-dr-textiles") ? ", textiles and apparel (chapters 50-63)" : "").append("\"\n")
                .append(products)
                .append("    origins: {include: [").append(origin).append("]}\n")
                .append("    valid: {from: 2026-07-24}\n")
                .append("    duty: \"").append(v[1]).append("\"\n")
                .append("    conditions:\n")
                .append("      - id: \"9903.05.85\"\n        when: {loaded-before: 2026-07-24, entered-before: 2026-07-28}\n")
                .append("        then: {exempt: \"goods loaded before 2026-07-24 and entered before 2026-07-28 (in transit)\"}\n");
        if (iso.equals("CA") || iso.equals("MX")) {
            String h = iso.equals("CA") ? "9903.05.93" : "9903.05.94";
            for (String p : List.of("S", "S+")) {
                y.append("      - id: \"").append(h).append("\"\n        when: {preference: ").append(p).append("}\n")
                        .append("        then: {exempt: \"USMCA-originating goods (U.S. Note 52(g)/(h))\"}\n");
            }
        }
        if (suffix.equals("-cafta-dr-textiles")) {
            for (String p : List.of("P", "P+")) {
                y.append("      - id: \"9903.05.95\"\n        when: {preference: ").append(p).append("}\n")
                        .append("        then: {exempt: \"textile and apparel goods of CR, DO, SV, GT, HN or NI entered under "
                                + "CAFTA-DR (U.S. Note 52(i))\"}\n");
            }
        }
        if (endUse != null && endUse[6] != null) {
            y.append("      - id: \"").append(endUse[2]).append("\"\n        when: {end-use: [").append(endUse[6]).append("]}\n")
                    .append("        then: {exempt: \"").append(endUse[4].replace("\"", "'")).append(", the declared end use (U.S. Note ")
                    .append(endUse[3]).append(")\"}\n");
        }
        if (endUse != null) {
            y.append("      - id: \"").append(endUse[2]).append("\"\n        when: {document: [").append(endUse[5]).append("]}\n")
                    .append("        then: {exempt: \"").append(endUse[4].replace("\"", "'")).append(", as stated (U.S. Note ")
                    .append(endUse[3]).append(")\"}\n");
        }
        y.append("    legal-base: {heading: \"").append(v[0]).append("\", instrument: \"USTR Notice of Actions, Section 301 "
                + "forced-labor investigations (FR Doc 2026-15181, 91 FR 47318); Presidential Memorandum of 2026-07-23\", "
                + "notice: \"HTS Chapter 99 U.S. Note 52\", date: 2026-07-24}\n");
        if (!footnote.isEmpty()) y.append("    footnotes: [\"").append(footnote).append("\"]\n");
    }

    private static String plainPercent(String pct) {
        return new java.math.BigDecimal(pct).stripTrailingZeros().toPlainString() + "%";
    }

    /**
     * The value basis of every IEEPA reciprocal measure: the US content of an article whose US content is at least 20 % of its
     * customs value is not charged, and is entered under heading 9903.01.34 (cited in each line's trail).
     */
    private static final String US_CONTENT = "    value-basis: non-us-content-value\n    us-content-share: 20\n"
            + "    value-basis-citation: \"entered under heading 9903.01.34, not charged: the US content of an article whose US content "
            + "is at least 20 % of its customs value (HTS chapter 99, subchapter III, U.S. note 2(v)(xvi))\"\n";

    private static void emitCountry(StringBuilder y, String id, String name, String a2, String from, String to, String expr,
                                    String heading, String instrument, String annex, String legal) {
        y.append("  - id: ").append(id).append('\n')
                .append("    type: additional-duty\n")
                .append("    title: \"IEEPA reciprocal duty, ").append(name.replace("\"", "'")).append("\"\n")
                .append("    products:\n      all: true\n").append(annex)
                .append("    origins: {include: [").append(a2).append("]}\n")
                .append("    valid: {from: ").append(from).append(", to: ").append(to).append("}\n")
                .append("    duty: \"").append(expr).append("\"\n")
                .append(US_CONTENT);
        if (from.equals(PHASE2_START)) y.append(PHASE2_IN_TRANSIT);
        y.append(String.format(legal, heading, instrument));
    }

    /**
     * The country rates of EO 14257 Annex I as the HTS 2026 Basic Edition prints them (headings 9903.01.43-.76, "The duty
     * provided in the applicable subheading + 30%" for "articles the product of Algeria, Nauru, or South Africa"), for the
     * entries of 2025-04-09: in place of the baseline, Annex II goods exempt, the US content of 9903.01.34 spared, goods
     * loaded before 2025-04-09 (the heading's in-transit exception) at the baseline's 10 %, and before 2025-04-05 at none
     * (9903.01.28). China's heading 9903.01.63 is
     * curated (its 84 % and 125 %). Country names are read through the names of the EO 14326 table (the same schedule's
     * spelling); a name that maps to no country stops the import.
     */
    private void annexIRates(StringBuilder y, Path hts, Path ch99Rates, Map<String, String> a3to2, String annex, String legal) {
        Map<String, String> byName = new HashMap<>();
        read(ch99Rates, r -> {
            String iso = field(r, "iso3");
            String name = field(r, "country");
            if (iso.equals("EUU")) byName.put(plainName(name), "EU27");
            else if (!iso.isEmpty() && !iso.contains(";") && a3to2.containsKey(iso)) byName.put(plainName(name), a3to2.get(iso));
        });
        java.util.regex.Pattern rate = java.util.regex.Pattern.compile("^The duty provided in the applicable subheading \\+ (\\d+(?:\\.\\d+)?)%$");
        java.util.regex.Pattern who = java.util.regex.Pattern.compile("articles the product of (.*?)(?:,? as provided for.*|\\s*\\[.*|)$");
        read(hts, r -> {
            String heading = field(r, "HTS Number");
            if (heading.compareTo("9903.01.43") < 0 || heading.compareTo("9903.01.76") > 0 || heading.equals("9903.01.63")) return;
            var m = rate.matcher(field(r, "General Rate of Duty"));
            var w = who.matcher(field(r, "Description"));
            if (!m.matches() || !w.find()) {
                throw new IllegalArgumentException(hts.getFileName() + ": heading " + heading + ": expected an Annex I rate "
                        + "('The duty provided in the applicable subheading + N%') and 'articles the product of ...'");
            }
            String names = w.group(1).trim();
            List<String> a2s = new ArrayList<>();
            for (String n : names.split(",? or |, ")) {
                String a2 = byName.get(plainName(n));
                if (a2 == null) {
                    throw new IllegalArgumentException(hts.getFileName() + ": heading " + heading + ": country '" + n.trim()
                            + "' is not named in " + ch99Rates.getFileName());
                }
                a2s.add(a2);
            }
            y.append("  - id: us-ieepa-reciprocal-annex-i-").append(heading.replace('.', '-')).append('\n')
                    .append("    type: additional-duty\n")
                    .append("    title: \"IEEPA reciprocal duty of EO 14257 Annex I, ").append(names.replace("\"", "'"))
                    .append(" (entries of 2025-04-09 only)\"\n")
                    .append("    products:\n      all: true\n").append(annex)
                    .append("    origins: {include: [").append(String.join(", ", a2s)).append("]}\n")
                    .append("    valid: {from: 2025-04-09, to: 2025-04-09}\n")
                    .append("    duty: \"").append(m.group(1)).append("%\"\n")
                    .append(US_CONTENT)
                    .append("    conditions:\n").append(APRIL_5_IN_TRANSIT)
                    .append("      - id: \"9903.01.25\"\n")
                    .append("        when: {loaded-before: 2025-04-09}\n")
                    .append("        then: {apply: \"10%\"}\n")
                    .append("    displaces: [\"9903.01.25\"]\n")
                    .append(String.format(legal, heading, "Executive Order 14257 (2025-04-02), Annex I; suspended from 2025-04-10 by "
                            + "Executive Order 14266 (2025-04-09)"));
        });
    }

    /** A country as the schedule names it, for comparing: one apostrophe ('`' and '’' as '\''), no leading "the ". */
    private static String plainName(String name) {
        String n = name.trim().replace('`', '\'').replace('\u2019', '\'');
        return n.startsWith("the ") ? n.substring(4) : n;
    }

    /**
     * Heading 9903.01.28: "articles the product of any country that (1) were loaded onto a vessel at the port of loading and
     * in transit on the final mode of transit prior to entry into the United States, before 12:01 a.m. eastern daylight time
     * on April 5, 2025; and (2) are entered for consumption ... after 12:01 a.m. eastern daylight time on April 5, 2025"
     * (HTS 2026 Basic Edition), excepted from the baseline 9903.01.25 and from the Annex I country headings
     * (9903.01.43-.76 except "products described in headings 9903.01.28-9903.01.33"). The heading names no last entry
     * date; CBP allowed it to be declared only for entries before 12:01 a.m. EDT on 2025-06-16 (CSMS # 64680374 as updated
     * on 2025-05-30; first 2025-05-27), which is the condition's entered-before. The first condition of the measures it
     * excepts.
     */
    private static final String APRIL_5_IN_TRANSIT = "      - id: \"9903.01.28\"\n"
            + "        when: {loaded-before: 2025-04-05, entered-before: 2025-06-16}\n"
            + "        then: {exempt: \"goods loaded onto a vessel and in transit before 2025-04-05, entered before 2025-06-16 "
            + "(heading 9903.01.28; CBP's last entry date, CSMS # 64680374 as updated 2025-05-30)\"}\n";

    /** The first day of the EO 14326 country rates (9903.02.02-.91). */
    private static final String PHASE2_START = "2025-08-07";
    /**
     * Every EO 14326 country heading applies "except for goods loaded onto a vessel ... before 12:01 a.m. eastern daylight time
     * on August 7, 2025, and entered ... before 12:01 a.m. eastern daylight time on October 5, 2025" (HTS 2026 Basic Edition,
     * e.g. 9903.02.55): such goods are not of the country heading and pay the baseline of 9903.01.25, 10 % (shared data
     * ieepa_history_2025_2026.csv, event phase2). Written on the country measures that start on 2025-08-07.
     */
    private static final String PHASE2_IN_TRANSIT = "    conditions:\n"
            + "      - id: \"9903.01.25\"\n"
            + "        when: {loaded-before: 2025-08-07, entered-before: 2025-10-05}\n"
            + "        then: {apply: \"10%\"}\n";

    /** Is there an HTS 2026 line with these digits, or below them? */
    private boolean inHts(String digits) {
        String next = htsDigits.ceiling(digits);
        return next != null && next.startsWith(digits);
    }

    /**
     * The IEEPA reciprocal duties: the universal 10 % baseline (9903.01.25) and the country rates of
     * EO 14326 (9903.02.xx, from 2025-08-07), all ending 2026-02-23 after the Supreme Court ruling.
     * Annex II goods are exempt. Where the schedule sets an all-in 15 % floor (EU, Japan…), the
     * additional duty is 15 % less the base duty, never below zero. The baseline excludes Canada and Mexico
     * (9903.01.26, .27) and the column 2 countries of General Note 3(b) (group COLUMN2): heading 9903.01.25
     * excepts the products of 9903.01.26-.33, and 9903.01.29 is "articles the product of any country identified
     * in general note 3(b)".
     */
    public void importIeepaCountryRates(Path csv, Map<String, String> a3to2) {
        Path p = stage("generated/measures/ieepa-reciprocal.yaml");
        Map<String, String[]> byCountry = new LinkedHashMap<>(); // a2 → heading, expression, name
        List<String> skipped = new ArrayList<>();
        read(csv, r -> {
            String heading = field(r, "heading");
            if (!heading.startsWith("9903.02")) return;
            String iso = field(r, "iso3");
            String add = field(r, "additional_ad_valorem_pct");
            String floor = field(r, "floor_total_pct");
            String expr = !add.isEmpty() ? add + "%" : !floor.isEmpty() ? floor + "% - base MIN 0%" : null;
            if (expr == null) return; // the companion line of a floor structure (no additional duty)
            List<String> a2s = new ArrayList<>();
            if (iso.equals("EUU")) a2s.add("EU27");
            else for (String a3 : iso.split(";")) if (a3to2.containsKey(a3)) a2s.add(a3to2.get(a3));
            if (a2s.isEmpty()) {
                skipped.add(heading + " " + field(r, "country"));
                return;
            }
            for (String a2 : a2s) byCountry.putIfAbsent(a2, new String[]{heading, expr, field(r, "country")});
        });
        StringBuilder y = new StringBuilder();
        y.append(yamlProvenance("IEEPA reciprocal duties (EO 14257 baseline 9903.01.25; EO 14326 country rates 9903.02.xx).",
                "USITC HTS 2026 Basic Edition, Chapter 99 headings 9903.01.25 and 9903.02.01-.91 (public domain), as "
                        + "tabulated in the Lodestone shared data; end date 2026-02-23 per the Supreme Court ruling and the "
                        + "Section 122 proclamation (Budget Lab revision timeline, MIT)", csv));
        y.append("measures:\n");
        String annex = "      exclude-file: generated/scopes/ieepa-annex-ii-exempt.csv\n";
        String legal = "    legal-base: {heading: \"%s\", instrument: \"%s\", notice: \"HTS Chapter 99 U.S. Note 2\"}\n";
        y.append("  - id: us-ieepa-reciprocal-baseline-2025\n    type: additional-duty\n")
                .append("    title: IEEPA reciprocal duty, universal baseline\n")
                .append("    products:\n      all: true\n").append(annex)
                .append("    origins: {include: [ALL], exclude: [CA, MX, COLUMN2]}\n")
                .append("    valid: {from: 2025-04-05, to: 2025-08-06}\n    duty: \"10%\"\n")
                .append(US_CONTENT)
                .append("    conditions:\n").append(APRIL_5_IN_TRANSIT)
                .append(String.format(legal, "9903.01.25", "Executive Order 14257 (2025-04-02)"));
        y.append("  - id: us-ieepa-reciprocal-baseline\n    type: additional-duty\n")
                .append("    title: IEEPA reciprocal duty, universal baseline (countries without an EO 14326 rate)\n")
                .append("    products:\n      all: true\n").append(annex)
                .append("    origins:\n      include: [ALL]\n      exclude: [CA, MX, COLUMN2");
        for (String a2 : byCountry.keySet()) y.append(", ").append(a2);
        y.append("]\n    valid: {from: 2025-08-07, to: 2026-02-23}\n    duty: \"10%\"\n")
                .append(US_CONTENT)
                .append(String.format(legal, "9903.01.25", "Executive Order 14257 (2025-04-02), as amended by EO 14326"));
        // the country rates of EO 14257 Annex I (9903.01.43-.76 but China's .63, which is curated), in force for the
        // entries of 2025-04-09 only: EO 14266 suspended them from 2025-04-10 (ieepa_history_2025_2026.csv, cn_recip_125)
        Path hts = csv.getParent().getParent().resolve("hts/hts_2026_basic_edition.csv");
        if (Files.isRegularFile(hts)) annexIRates(y, hts, csv, a3to2, annex, legal);
        // the "15 % all-in" framework floors that replaced a country's rate (ieepa_history_2025_2026.csv):
        // the country's measure ends the day before, and the floor runs to 2026-02-23
        Path history = csv.getParent().getParent().resolve("tariffs_2026h2/ieepa_history_2025_2026.csv");
        if (Files.isRegularFile(history)) {
            read(history, r -> {
                if (!field(r, "event_id").endsWith("_floor") || field(r, "iso3").equals("EUU")) return;
                String a2 = a3to2.get(field(r, "iso3"));
                String[] v = a2 == null ? null : byCountry.remove(a2);
                if (v == null) return;
                String[] hs = field(r, "hts_heading").split("/");
                String floorHeading = hs[hs.length - 1].trim();
                LocalDate from = LocalDate.parse(field(r, "effective_from"));
                String expr = new java.math.BigDecimal(field(r, "floor_total_pct")).stripTrailingZeros().toPlainString() + "% - base MIN 0%";
                String instrument = field(r, "legal_base").replace("\"", "'");
                if (from.isAfter(LocalDate.parse("2025-08-07"))) {
                    emitCountry(y, "us-ieepa-reciprocal-" + v[0].replace('.', '-'), v[2], a2, "2025-08-07", from.minusDays(1).toString(),
                            v[1], v[0], "Executive Order 14326 (2025-07-31)", annex, legal);
                }
                emitCountry(y, "us-ieepa-reciprocal-" + floorHeading.replace('.', '-'), v[2] + ", 15 % all-in framework treatment",
                        a2, from.isAfter(LocalDate.parse("2025-08-07")) ? from.toString() : "2025-08-07", "2026-02-23", expr,
                        floorHeading, instrument, annex, legal);
            });
        }
        Map<String, List<String>> byHeading = new LinkedHashMap<>();
        Map<String, String[]> headingInfo = new LinkedHashMap<>();
        byCountry.forEach((a2, v) -> {
            byHeading.computeIfAbsent(v[0], k -> new ArrayList<>()).add(a2);
            headingInfo.putIfAbsent(v[0], v);
        });
        byHeading.forEach((h, countries) -> {
            String[] v = headingInfo.get(h);
            y.append("  - id: us-ieepa-reciprocal-").append(h.replace('.', '-')).append('\n')
                    .append("    type: additional-duty\n")
                    .append("    title: \"IEEPA reciprocal duty, ").append(v[2].replace("\"", "'")).append("\"\n")
                    .append("    products:\n      all: true\n").append(annex)
                    .append("    origins: {include: [").append(String.join(", ", countries)).append("]}\n")
                    .append("    valid: {from: 2025-08-07, to: 2026-02-23}\n")
                    .append("    duty: \"").append(v[1]).append("\"\n")
                    .append(US_CONTENT)
                    .append(PHASE2_IN_TRANSIT)
                    .append(String.format(legal, h, "Executive Order 14326 (2025-07-31)"));
        });
        write(p, y.toString());
        summary.add("IEEPA reciprocal: baseline + " + byHeading.size() + " country headings"
                + (skipped.isEmpty() ? "" : " (skipped: " + skipped + ")"));
    }

    /**
     * The exchange rates of every table given, in order: the 2025-2026 table and the table of rates after
     * 2026-09-29 ({@code tariffs_2026h2/fx_rates_2026q4.csv}), so that a rate the sources add later is not left
     * out. A table given but missing is refused; the same currency, date and kind of observation in two rows
     * (which rate would the regime use?) is refused with both places. The summary counts the rows of each table
     * and the latest date of each.
     *
     * <p>Each rate is written as the source quotes it: the tables give {@code units_per_usd} as read from their sources
     * (datasets/exchange-rates, which holds every FRED series as units per dollar, and currency-api's usd.json) and a
     * {@code usd_per_unit} worked out from it, rounded to a few digits (JPY 2026-03: 158.683, and 0.00630188 where 1/158.683
     * is 0.0063018723…). The regime carries {@code units_per_usd} and converts by dividing by it; {@code usd_per_unit} is
     * taken only for a row that has no {@code units_per_usd}.
     */
    public void importFx(Path... csvs) {
        Path p = stage("generated/fx-rates.csv");
        int[] n = {0};
        Map<String, String> seen = new HashMap<>(); // date|currency|observation -> where first read
        List<String> perTable = new ArrayList<>();
        try (CsvWriter w = CsvWriter.builder().build(p, StandardCharsets.UTF_8)) {
            provenance(w, "Exchange rates as their sources quote them, units of currency per US dollar (monthly averages and "
                            + "dated snapshots).",
                    "FRED H.10 monthly averages via datasets/exchange-rates (public domain / ODC-PDDL); daily snapshots from "
                            + "the npm package @fawazahmed0/currency-api (licence not stated, see shared data SOURCES.md)",
                    csvs);
            w.writeRecord("date", "currency", "units_per_usd", "usd_per_unit", "observation", "source");
            for (Path csv : csvs) {
                int[] rows = {0};
                String[] latest = {null};
                read(csv, r -> {
                    String date = field(r, "date");
                    LocalDate.parse(date); // a malformed date is refused here, not carried into the regime
                    String key = date + "|" + field(r, "currency") + "|" + field(r, "observation");
                    String where = csv.getFileName() + " data row " + (rows[0] + 1);
                    String first = seen.putIfAbsent(key, where);
                    if (first != null) {
                        throw new IllegalArgumentException("exchange rate " + key.replace('|', ' ') + " is given twice: "
                                + first + " and " + where);
                    }
                    String perUsd = field(r, "units_per_usd");
                    String usdPer = perUsd.isEmpty() ? field(r, "usd_per_unit") : "";
                    if (perUsd.isEmpty() && usdPer.isEmpty()) {
                        throw new IllegalArgumentException("exchange rate " + key.replace('|', ' ') + " has neither units_per_usd "
                                + "nor usd_per_unit: " + where);
                    }
                    w.writeRecord(date, field(r, "currency"), perUsd, usdPer, field(r, "observation"),
                            field(r, "observation").equals("monthly_average") ? "FRED" : "currency-api snapshot");
                    rows[0]++;
                    if (latest[0] == null || date.compareTo(latest[0]) > 0) latest[0] = date;
                });
                n[0] += rows[0];
                perTable.add(String.format(Locale.ROOT, "%s %,d%s", csv.getFileName(), rows[0],
                        latest[0] == null ? "" : " through " + latest[0]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        summary.add(String.format(Locale.ROOT, "exchange rates: %,d (%s)", n[0], String.join("; ", perTable)));
    }

    public void importUflpa(Path csv) {
        Path p = stage("generated/uflpa-entities.csv");
        int[] n = {0};
        try (CsvWriter w = CsvWriter.builder().build(p, StandardCharsets.UTF_8)) {
            provenance(w, "UFLPA Entity List (partial: the names published in the sources; see the shared data SOURCES.md for gaps).",
                    "DHS Forced Labor Enforcement Task Force notices and press releases (public domain), as compiled in the shared data", csv);
            w.writeRecord("name", "listed", "note");
            read(csv, r -> {
                String date = field(r, "effective_date");
                String note = ("tranche " + field(r, "tranche") + " " + field(r, "aka_or_note")).trim();
                var m = Pattern.compile("^(\\d{4}-\\d{2})(-\\d{2})?(.*)$").matcher(date);
                if (m.matches() && m.group(2) == null) {
                    // the source gives only the month: use its first day and say so
                    note = note + "; listed in " + m.group(1) + " (day not captured in the source)";
                    date = m.group(1) + "-01";
                } else if (m.matches()) {
                    date = m.group(1) + m.group(2);
                } else {
                    note = note + "; listing date not captured in the source";
                    date = "";
                }
                w.writeRecord(field(r, "entity_name"), date, note);
                n[0]++;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        summary.add("UFLPA entities: " + n[0]);
    }

    // ------------------------------------------------------------------ stacking rules

    /**
     * The stacking rules the source tables state, each with its citation (docs/regime-format.md, "Stacking rules"): the
     * IEEPA headings whose HTS text excepts the Section 232 articles (9903.01.33, and Brazil's 9903.01.83, India's
     * 9903.01.87), the Section 122 surcharge's Section 232 clause, the Section 232 carve-outs of the Section 301 actions
     * (U.S. Notes 52(f) and 50) and of the Section 338 duties on Canada. Written to generated/stacking.yaml.
     */
    public void importStacking(Path shared) {
        Path hts = shared.resolve("hts/hts_2026_basic_edition.csv");
        Path s122 = shared.resolve("tariffs_2026h2/s122_exemption_rules.csv");
        Path fl = shared.resolve("tariffs_2026h2/s301_forced_labor_exemption_headings.csv");
        Path flEconomies = shared.resolve("tariffs_2026h2/s301_forced_labor_economies.csv");
        Path br = shared.resolve("tariffs_2026h2/s301_brazil_rules.csv");
        Path s338 = shared.resolve("tariffs_2026h2/s338_canada_timeline.csv");
        Map<String, String> text = new LinkedHashMap<>();
        read(hts, r -> {
            String h = field(r, "HTS Number");
            if (h.startsWith("9903.01.") || h.startsWith("9903.02.")) text.put(h, field(r, "Description"));
        });
        StringBuilder y = new StringBuilder(yamlProvenance(
                "Stacking rules: which measure is not charged on the value another is charged on, and the legal text that says so.",
                "USITC HTS 2026 Basic Edition (Chapter 99 heading texts, public domain); the Lodestone shared data tables of "
                        + "measures after mid-2026 (tariffs_2026h2: legal_base and rule columns)", hts, s122, fl, flEconomies, br, s338));
        y.append("stacking:\n");
        // the IEEPA headings whose text excepts a Section 232 carve-out heading: one rule per carve-out
        for (String[] carve : new String[][]{
                {"9903.01.33", "s232-ieepa-reciprocal-hts"}, {"9903.01.83", "s232-ieepa-brazil-hts"}, {"9903.01.87", "s232-ieepa-india-hts"}}) {
            List<String> headings = new ArrayList<>();
            for (var e : text.entrySet()) {
                if (e.getKey().equals(carve[0])) continue;
                Matcher m = EXCEPT.matcher(e.getValue());
                if (m.find() && rangeNames(m.group(1), carve[0])) headings.add(e.getKey());
            }
            if (headings.isEmpty() || !text.containsKey(carve[0])) continue;
            String what = text.get(carve[0]);
            Matcher note = NOTE.matcher(what);
            String where = note.find() ? " (" + note.group(1) + ")" : "";
            y.append("  - id: ").append(carve[1]).append('\n')
                    .append("    measures: [\"us-s232-*\"]\n")
                    .append("    displaces: [").append(quoted(headings)).append("]\n")
                    .append("    citation: ").append(yq("HTS 2026 Basic Edition, Chapter 99: " + (headings.size() > 1 ? "headings "
                            + compact(headings) + " each except" : "heading " + headings.get(0) + " excepts")
                            + " the products described in a list of headings that names " + carve[0] + "; heading " + carve[0]
                            + ": the Section 232 articles (articles and derivatives of iron or steel and of aluminum, semi-finished "
                            + "copper and intensive copper derivative products, among others)" + where)).append('\n')
                    .append("    source: ").append(yq("hts_2026_basic_edition.csv, headings " + headings.get(0) + " and " + carve[0]))
                    .append('\n');
        }
        read(s122, r -> {
            if (!field(r, "hts_heading").equals("9903.03.06")) return;
            y.append("  - id: s232-s122-surcharge\n")
                    .append("    measures: [\"us-s232-*\"]\n")
                    .append("    displaces: [\"9903.03.01\"]\n")
                    .append("    citation: ").append(yq(field(r, "legal_base") + "; the Section 232 exception, " + field(r, "proclamation_para")
                            + ": " + field(r, "rule").replaceFirst("^RULE: ", "") + " (exception heading 9903.03.06; "
                            + field(r, "heading_evidence") + ")")).append('\n')
                    .append("    source: \"s122_exemption_rules.csv, heading 9903.03.06\"\n");
        });
        List<String> flHeadings = new ArrayList<>();
        read(flEconomies, r -> {
            String h = field(r, "hts_heading");
            if (!h.isEmpty() && !flHeadings.contains(h)) flHeadings.add(h);
        });
        read(fl, r -> {
            if (!field(r, "hts_heading").equals("9903.05.90")) return;
            y.append("  - id: s232-s301-forced-labor-52f\n")
                    .append("    measures: [\"9903.82.02\", ").append(quoted(range("9903.82.", 4, 26))).append("]\n")
                    .append("    displaces: [").append(quoted(flHeadings)).append("]\n")
                    .append("    citation: ").append(yq(noted(field(r, "legal_base"), field(r, "note_subdivision"))
                            + " (exception heading 9903.05.90): " + field(r, "scope") + "; " + field(r, "condition")))
                    .append('\n')
                    .append("    source: \"s301_forced_labor_exemption_headings.csv, heading 9903.05.90\"\n");
        });
        read(br, r -> {
            if (!field(r, "hts_heading").equals("9903.05.07")) return;
            y.append("  - id: s232-s301-brazil\n")
                    .append("    measures: [\"us-s232-*\"]\n")
                    .append("    displaces: [\"9903.05.01\"]\n")
                    .append("    citation: ").append(yq(field(r, "legal_base") + " (exception heading 9903.05.07): " + field(r, "scope")
                            + "; " + field(r, "condition_or_stacking"))).append('\n')
                    .append("    source: \"s301_brazil_rules.csv, heading 9903.05.07\"\n");
        });
        List<String> s338Headings = new ArrayList<>();
        read(s338, r -> {
            if (field(r, "event_type").equals("proclamation") && s338Headings.isEmpty() && field(r, "hts_heading").contains(";")) {
                for (String h : field(r, "hts_heading").split(";")) s338Headings.add(h.trim());
            }
        });
        read(s338, r -> {
            if (!field(r, "event_type").equals("rule") || !field(r, "hts_heading").contains("9903.03.15")) return;
            y.append("  - id: s232-s338-canada\n")
                    .append("    measures: [\"us-s232-*\"]\n")
                    .append("    displaces: [").append(quoted(s338Headings)).append("]\n")
                    .append("    citation: ").append(yq(field(r, "legal_base") + "; Proclamations 11046-11048 (2026-07-20): "
                            + field(r, "measure") + " (exception heading 9903.03.15; from " + field(r, "effective_from") + ", to "
                            + field(r, "effective_to") + ")")).append('\n')
                    .append("    source: \"s338_canada_timeline.csv, the rule of 2026-07-20\"\n");
        });
        write(stage("generated/stacking.yaml"), y.toString());
        summary.add("Stacking rules: generated/stacking.yaml");
    }

    /** "except for products described in headings A–B, C, …" in a Chapter 99 heading's text: the list it excepts. */
    private static final Pattern EXCEPT = Pattern.compile("(?i)except for products described in headings? ((?:9903\\.\\d\\d\\.\\d\\d"
            + "(?:\\s*[-–]\\s*9903\\.\\d\\d\\.\\d\\d)?(?:,\\s*|,?\\s*and\\s*|\\s+)?)+)");
    private static final Pattern NOTE = Pattern.compile("(subdivisions? \\([a-z]+\\)\\([ivx]+\\) through \\([a-z]+\\)\\([ivx]+\\) of U\\.S\\. note 2)");

    /** Whether a list such as "9903.01.26–9903.01.33, 9903.02.02–9903.02.91" names the heading, singly or in a range. */
    static boolean rangeNames(String list, String heading) {
        Matcher m = Pattern.compile("(9903\\.\\d\\d\\.\\d\\d)(?:\\s*[-–]\\s*(9903\\.\\d\\d\\.\\d\\d))?").matcher(list);
        while (m.find()) {
            String lo = m.group(1);
            String hi = m.group(2) == null ? lo : m.group(2);
            if (lo.compareTo(heading) <= 0 && heading.compareTo(hi) <= 0) return true;
        }
        return false;
    }

    /** "…; HTSUS U.S. note 52" with subdivision "52(f)": "…; HTSUS U.S. note 52(f)" (else the subdivision appended). */
    private static String noted(String legalBase, String subdivision) {
        Matcher m = Pattern.compile("note (\\d+)$").matcher(legalBase);
        if (m.find() && subdivision.startsWith(m.group(1))) return legalBase.substring(0, m.start()) + "note " + subdivision;
        return legalBase + ", " + subdivision;
    }

    /** "9903.01.25, 9903.01.43–.76, 9903.02.02–.73": Chapter 99 headings in order, runs of consecutive ones shortened. */
    static String compact(List<String> headings) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < headings.size()) {
            String first = headings.get(i);
            int j = i;
            while (j + 1 < headings.size() && next(headings.get(j), headings.get(j + 1))) j++;
            out.add(j == i ? first : first + "–" + headings.get(j).substring(headings.get(j).lastIndexOf('.')));
            i = j + 1;
        }
        return String.join(", ", out);
    }

    private static boolean next(String a, String b) {
        int da = a.lastIndexOf('.');
        int db = b.lastIndexOf('.');
        if (!a.substring(0, da).equals(b.substring(0, db))) return false;
        try {
            return Integer.parseInt(b.substring(db + 1)) == Integer.parseInt(a.substring(da + 1)) + 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static List<String> range(String stem, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i++) out.add(stem + String.format(Locale.ROOT, "%02d", i));
        return out;
    }

    private static String quoted(List<String> items) {
        List<String> q = new ArrayList<>();
        for (String i : items) q.add("\"" + i + "\"");
        return String.join(", ", q);
    }

    /** A YAML double-quoted scalar. */
    private static String yq(String v) {
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    // ------------------------------------------------------------------ plumbing

    private void read(Path csv, Consumer<NamedCsvRecord> each) {
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException("source table not found: " + csv
                    + " (expected the shared data folder, e.g. ../shared/data)");
        }
        try (CsvReader<NamedCsvRecord> in = CsvReader.builder().detectBomHeader(true).allowMissingFields(true)
                .commentStrategy(CommentStrategy.SKIP).commentCharacter('#')
                .ofNamedCsvRecord(csv, StandardCharsets.UTF_8)) {
            for (NamedCsvRecord r : in) each.accept(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        }
    }

    private static String field(NamedCsvRecord r, String name) {
        return r.findField(name).orElse("").trim();
    }

    private Path stage(String rel) {
        Path target = out.resolve(rel);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".import-", ".tmp");
            staged.put(tmp, target);
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write under " + out + ": " + e.getMessage(), e);
        }
    }

    private void write(Path p, String text) {
        try {
            Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void provenance(CsvWriter w, String what, String source, Path... files) {
        w.writeComment(" " + what);
        w.writeComment(" Source: " + source + "; " + sourceFiles(files) + ".");
        w.writeComment(" Generated by the Lodestone importer (lodestone regime import) from " + sourceHashes(files)
                + ". Do not edit by hand: change the importer or the source and re-run it.");
    }

    private String yamlProvenance(String what, String source, Path... files) {
        return "# " + what + "\n# Source: " + source + "; " + sourceFiles(files) + ".\n"
                + "# Generated by the Lodestone importer (lodestone regime import) from " + sourceHashes(files)
                + ". Do not edit by hand: change the importer or the source and re-run it.\n";
    }

    private static String sourceFiles(Path... files) {
        List<String> names = new ArrayList<>();
        for (Path f : files) names.add(f.getFileName().toString());
        return (files.length == 1 ? "source file " : "source files ") + String.join(", ", names);
    }

    /**
     * "hts.csv SHA-256 3f2a…": which edition of each source was read. Not the day of import, which would make the same
     * facts other bytes (and another regime fingerprint) on another day.
     */
    private String sourceHashes(Path... files) {
        List<String> out = new ArrayList<>();
        for (Path f : files) out.add(f.getFileName() + " SHA-256 " + sha256(f));
        return String.join(", ", out);
    }

    /** The SHA-256 (hex) of a source file, remembered for the report; a missing file is refused as {@link #read} does. */
    private String sha256(Path csv) {
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException("source table not found: " + csv
                    + " (expected the shared data folder, e.g. ../shared/data)");
        }
        try (var in = Files.newInputStream(csv)) {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            String hex = java.util.HexFormat.of().formatHex(md.digest());
            String name = csv.getFileName().toString();
            String before = sourceHashes.putIfAbsent(name, hex);
            if (before != null && !before.equals(hex)) {
                throw new IllegalArgumentException("two different source files are named " + name + ": " + csv);
            }
            return hex;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Moves every staged file into place (after all imports succeeded) and writes the report. */
    public Summary commit() {
        Path rep = stage("generated/import-report.md");
        StringBuilder sources = new StringBuilder();
        sourceHashes.forEach((name, hex) -> sources.append("| ").append(name).append(" | ").append(hex).append(" |\n"));
        write(rep, "# Import report\n\nGenerated by the Lodestone importer from the source files below, named by their SHA-256 "
                + "(the same sources give the same files, whatever the day of import).\n\n| source file | SHA-256 |\n|---|---|\n"
                + sources + "\n## Summary\n\n"
                + String.join("\n", summary.stream().map(s -> "- " + s).toList()) + "\n\n" + report
                + (scopeReport.isEmpty() ? "" : "## Product-list codes not in HTS 2026\n\n" + scopeReport + "\n"));
        try {
            for (Map.Entry<Path, Path> e : staged.entrySet()) {
                readable(e.getKey());
                Files.move(e.getKey(), e.getValue(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the imported files into place: " + e.getMessage(), e);
        }
        staged.clear();
        return new Summary(List.copyOf(summary));
    }

    /** Temp files are created owner-only; the regime's files are ordinary readable files. */
    private static void readable(Path p) throws IOException {
        try {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the default permissions are fine
        }
    }

    /** Deletes staged files after a failure, leaving the previous regime as it was. */
    public void abandon() {
        for (Path p : staged.keySet()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort: a stray temp file is harmless and named .import-*.tmp
            }
        }
        staged.clear();
    }
}
