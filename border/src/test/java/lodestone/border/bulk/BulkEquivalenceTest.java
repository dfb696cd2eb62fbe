package lodestone.border.bulk;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import lodestone.border.Assessment;
import lodestone.border.Assessor;
import lodestone.border.Entry;
import lodestone.border.EntryRejected;
import lodestone.regime.Regime;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bulk path (no trail, cached plans, fixed-point money, its own CSV handling) gives the same
 * results as the explaining {@link Assessor#assess} — line for line, on seeded generated files that
 * exercise every measure of the bundled regimes, the preference claims and the malformed lines.
 * The reference here is deliberately the slow, obvious pipeline: FastCSV, {@link EntryFields},
 * {@code assess()}, and the output row spelled from the {@link Assessment} as docs/bulk-format.md
 * describes it.
 */
class BulkEquivalenceTest {
    @TempDir
    Path dir;

    static Path regimeDir() {
        String root = System.getProperty("lodestone.root");
        return (root != null ? Path.of(root) : Path.of("..")).resolve("data/regime");
    }

    @ParameterizedTest
    @ValueSource(strings = {"regime.yaml", "regime-plurilateral.yaml"})
    void bulkOutputEqualsTheExplainingAssessmentLineForLine(String manifest) throws IOException {
        Regime regime = Regime.open(regimeDir().resolve(manifest).toString());
        Assessor assessor = Assessor.compile(regime);
        Path in = dir.resolve("entries.csv");
        try (Writer w = Files.newBufferedWriter(in)) {
            new EntryGenerator(regime, 20261123L).write(w, 20_000);
            // sample parcels (the generator's values are over $1,000): Section 321 de minimis, warned of up to $800.00
            // before the end for the origin (CN and HK 2025-05-02, every origin 2025-08-29), on both paths
            for (String l : DE_MINIMIS_LINES) w.write(l + "\n");
            for (String l : METAL_CONTENT_LINES) w.write(l + "\n");
            for (String l : MAGNET_LINES) w.write(l + "\n");
        }
        Path out = dir.resolve("results.csv");
        Path rej = dir.resolve("rejects.csv");
        BulkAssessment.Summary s = BulkAssessment.run(assessor, in, out, rej, BulkAssessment.Options.defaults());

        List<List<String>> expectedOut = new ArrayList<>();
        List<List<String>> expectedRej = new ArrayList<>();
        reference(assessor, in, expectedOut, expectedRej);
        List<List<String>> actualOut = read(out);
        List<List<String>> actualRej = read(rej);

        assertThat(s.read()).isEqualTo(20_000 + DE_MINIMIS_LINES.size() + METAL_CONTENT_LINES.size() + MAGNET_LINES.size());
        assertThat(s.reconciles()).isTrue();
        assertThat(actualOut).hasSize(expectedOut.size());
        for (int i = 0; i < expectedOut.size(); i++) {
            assertThat(actualOut.get(i)).as("output line %d", i + 1).isEqualTo(expectedOut.get(i));
        }
        assertThat(actualRej).isEqualTo(expectedRej);
        // and byte for byte as FastCSV spells the same rows (quoting, CRLF)
        Path expectedFile = dir.resolve("expected.csv");
        try (CsvWriter w = CsvWriter.builder().build(expectedFile, StandardCharsets.UTF_8)) {
            for (List<String> row : expectedOut) w.writeRecord(row);
        }
        assertThat(Files.readString(out)).isEqualTo(Files.readString(expectedFile));
        // JSON Lines output: the same figures, line for line (fast-path lines go through BulkResult.toAssessment)
        Path jsonl = dir.resolve("results.jsonl");
        BulkAssessment.run(assessor, in, jsonl, null, new BulkAssessment.Options(false, BulkAssessment.Format.JSONL, x -> { }));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true)); // 50.00 stays 50.00
        List<String> jsonLines = Files.readAllLines(jsonl);
        assertThat(jsonLines).hasSize(expectedOut.size() - 1);
        for (int i = 1; i < expectedOut.size(); i++) {
            List<String> want = expectedOut.get(i);
            var o = json.readTree(jsonLines.get(i - 1));
            String status = o.get("status").asText();
            assertThat(status).as("json line %d", i).isEqualTo(want.get(1));
            if (status.equals("rejected")) {
                assertThat("line " + o.get("line").asLong() + ": " + o.get("field").asText() + ": " + o.get("reason").asText())
                        .as("json line %d", i).isEqualTo(want.get(8).startsWith("'") ? want.get(8).substring(1) : want.get(8));
                continue;
            }
            List<String> measures = new ArrayList<>();
            o.get("measures").fields().forEachRemaining(f -> measures.add(f.getKey() + "=" + f.getValue().decimalValue().toPlainString()));
            List<String> warnings = new ArrayList<>();
            o.get("warnings").forEach(w -> warnings.add(w.asText()));
            List<String> docs = new ArrayList<>();
            o.get("documents_required").forEach(d -> docs.add(d.asText()));
            boolean assessed = status.equals("assessed");
            assertThat(List.of(BulkAssessment.safe(o.get("line_id").asText()), status,
                    assessed ? o.get("total_duty").decimalValue().toPlainString() : "", o.get("currency").asText(),
                    assessed ? o.get("effective_rate").decimalValue().toPlainString() : "",
                    assessed ? o.get("landed_cost").decimalValue().toPlainString() : "", String.join(";", measures),
                    String.join(";", docs), BulkAssessment.safe(String.join(" | ", warnings)))).as("json line %d", i).isEqualTo(want);
        }
        // the file must exercise the paths that matter, else equality proves little
        assertThat(expectedRej).hasSizeGreaterThan(50);
        assertThat(expectedOut).anySatisfy(r -> assertThat(r.get(6)).contains(";"));
        assertThat(expectedOut).anySatisfy(r -> assertThat(r.get(8)).contains("preference"));
        if (manifest.equals("regime.yaml")) { // (the plurilateral regime extends it, horizon and all)
            assertThat(expectedOut.stream().filter(r -> r.get(8).contains("Section 321 de minimis not modelled")).map(r -> r.get(0)).toList())
                    .containsExactly("DM1", "DM2", "DM4", "DM6", "DM8", "DM9");
            // Section 232 on the declared metal content of chapters 73 and 76 (else the whole value, warned), answered by the
            // fast path: the content and the rest split alike on both paths
            assertThat(expectedOut.stream().filter(r -> r.get(0).startsWith("MC") && r.get(8).contains("metal_content_value not declared")).map(r -> r.get(0)).toList())
                    .containsExactly("MC2", "MC7", "MC10", "MC18");
            assertThat(expectedOut).anySatisfy(r -> assertThat(r).startsWith("MC1", "assessed", "2450.00"));
            assertThat(expectedOut).anySatisfy(r -> assertThat(r).startsWith("MC4", "assessed", "1500.00"));
            assertThat(expectedOut).anySatisfy(r -> assertThat(r).startsWith("MC14", "assessed", "2655.00"));
            assertThat(expectedOut).anySatisfy(r -> assertThat(r).startsWith("MC15", "assessed", "2098.50"));
            assertThat(expectedOut).anySatisfy(r -> assertThat(r.get(0) + " " + r.get(8)).startsWith("MC19 regime horizon: known gap "
                    + "s232-copper-aluminium-conductors"));
            try (BulkReader r = BulkReader.open(new java.io.ByteArrayInputStream((EntryGenerator.header()
                    + String.join("\n", METAL_CONTENT_LINES) + "\n").getBytes(StandardCharsets.UTF_8)), BulkAssessment.Format.CSV, "metal.csv", false)) {
                List<String> read = new ArrayList<>();
                List<String> slow = new ArrayList<>();
                while (r.next()) {
                    if (r.entry() == null) continue;
                    read.add(r.entry().lineId());
                    if (!assessor.fastPathTakes(r.entry())) slow.add(r.entry().lineId());
                }
                assertThat(read).hasSize(METAL_CONTENT_LINES.size());
                assertThat(slow).isEmpty();
            }
        }
    }

    /**
     * Lines of at most $800 (and just over), before and from the ends of Section 321 de minimis, in the bulk file's columns:
     * DM1-DM2 warned, DM3 over $800.00, DM4 of China before its end warned, DM5 of China from it, DM6 of Hong Kong the day
     * before it warned, DM7 from every origin's end, DM8 the day before it warned ($1), DM9 in euros under $800 at the rate
     * warned, DM10 in euros over it, DM11 under a CAFTA-DR claim that owes nothing (not warned; the certification's
     * low-value waiver is).
     */
    static final List<String> DE_MINIMIS_LINES = List.of(
            "DM1,8505.11.00.70,VN,2025-06-01,500.00,USD,2,kg,,,,,,,",
            "DM2,8505.11.00.70,VN,2025-06-01,800.00,USD,2,kg,,,,,,,",
            "DM3,8505.11.00.70,VN,2025-06-01,800.01,USD,2,kg,,,,,,,",
            "DM4,8505.11.00.70,CN,2025-05-01,799.99,USD,2,kg,,,,,,,",
            "DM5,8505.11.00.70,CN,2025-05-02,12.00,USD,2,kg,,,,,,,",
            "DM6,2805.30.00.10,HK,2025-05-01,250,USD,1,kg,,,,,,,",
            "DM7,2805.30.00.10,JP,2025-08-29,250,USD,1,kg,,,,,,,",
            "DM8,2805.30.00.10,JP,2025-08-28,1,USD,1,kg,,,,,,,",
            "DM9,8507.60.00.20,DE,2025-06-02,690.00,EUR,1,No.,,,,,,,",
            "DM10,8507.60.00.20,DE,2025-06-02,710.00,EUR,1,No.,,,,,,,",
            "DM11,2805.30.00.10,GT,2025-06-02,700.00,USD,1,kg,,,,P,,,");

    /**
     * Section 232 on the steel and aluminium goods of chapters 73 and 76 from 2025-06-04: on the metal content declared
     * (MC1 the worked example, $1,500.00 and the Section 122 surcharge on the other $7,000), else on the whole value with a
     * warning (MC2, MC7, MC10); Canada and Mexico owe their IEEPA duties on the rest (MC3, MC5) unless USMCA (MC4); before
     * 2025-06-04 the content is not used (MC8); a content equal to the value is charged in full (MC12), a content of 0 owes none
     * (MC13); British aluminium of 9903.85.13 on its content (MC9) and the bumpers of 9903.85.04 on the whole value (MC11).
     */
    /**
     * The magnet maker's review (MagnetImporterCasesTest): NdFeB magnets before and from their Annex II date (2025-09-08), at
     * 125 % for China in April 2025 (MG1-MG4); an 8-digit 8505.11.00 whose statistical lines the measures treat apart (MG5,
     * MG6); a motor's 9903.88.69 exclusion claimed and not (MG7, MG8); a line of the exclusion list not modelled, warned (MG9);
     * graphite before the Annex II date, warned (MG10).
     */
    static final List<String> MAGNET_LINES = List.of(
            "MG1,8505.11.00.70,CN,2025-04-20,10000,USD,1000,kg,,,,,,,",
            "MG2,8505.11.00.70,JP,2025-09-07,10000,USD,1000,kg,,,,,,,",
            "MG3,8505.11.00.70,JP,2025-09-08,10000,USD,1000,kg,,,,,,,",
            "MG4,8505.11.00.70,IN,2025-09-01,10000,USD,1000,kg,,,,,,,",
            "MG5,8505.11.00,CN,2026-08-01,10000,USD,100,kg,,,,,,,",
            "MG6,8505.11.00,JP,2025-10-01,10000,USD,100,kg,,,,,,,",
            "MG7,8501.31.40.00,CN,2026-08-01,10000,USD,10,No.,,,9903.88.69,,,,",
            "MG8,8501.31.40.00,CN,2026-08-01,10000,USD,10,No.,,,,,,,",
            "MG9,8413.30.90.90,CN,2026-03-02,10000,USD,10,No.,,,,,,,",
            "MG10,2504.10.10.00,CN,2025-04-20,10000,USD,1000,kg,,,,,,,");

    static final List<String> METAL_CONTENT_LINES = List.of(
            "MC1,7616.99.51.90,DE,2026-03-02,10000,USD,1000,kg,,,,,,,3000",
            "MC2,7616.99.51.90,DE,2026-03-02,10000,USD,1000,kg,,,,,,,",
            "MC3,7616.99.51.90,CA,2025-09-01,10000,USD,1000,kg,,,,,,,3000",
            "MC4,7616.99.51.90,CA,2025-09-01,10000,USD,1000,kg,,,,S,,,3000",
            "MC5,7616.99.51.90,MX,2025-09-01,10000,USD,1000,kg,,,,,,,3000",
            "MC6,7306.30.50.56,KR,2026-03-02,10000,USD,1000,kg,,,,,,,3000",
            "MC7,7306.30.50.56,KR,2026-03-02,10000,USD,1000,kg,,,,,,,",
            "MC8,7616.99.51.90,DE,2025-06-03,10000,USD,1000,kg,,,,,,,3000",
            "MC9,7614.10.50.00,GB,2025-09-01,10000,USD,1000,kg,,,,,,,2000",
            "MC10,7601.10.30.00,CN,2025-09-01,10000,USD,1000,kg,,,,,,,",
            "MC11,8708.10.30.30,DE,2025-09-01,10000,USD,10,No.,,,,,,,3000",
            "MC12,7616.99.51.90,JP,2025-09-01,10000,USD,1000,kg,,,,,,,10000",
            "MC13,7616.99.51.90,DE,2026-03-02,10000,USD,1000,kg,,,,,,,0",
            // goods of steel and aluminium: hinges on both lists (the two metals' content), aluminium wire with a steel core
            // (the steel's), an aluminium housing's aluminium of Canada and of the United Kingdom (the rest owes the others)
            "MC14,8302.10.60.30,DE,2025-09-01,10000,USD,1000,kg,,,,,,,3000",
            "MC15,7614.10.10.00,DE,2025-09-01,10000,USD,1000,kg,,,,,,,1500",
            "MC16,7616.99.51.90,CA,2026-03-02,10000,USD,1000,kg,,,,,,,3000",
            "MC17,7616.99.51.90,GB,2026-03-02,10000,USD,1000,kg,,,,,,,3000",
            "MC18,7616.99.51.90,GB,2026-03-02,10000,USD,1000,kg,,,,,,,",
            // on the copper and the aluminium list: one value charged twice, the known gap says so on both paths
            "MC19,8544.42.90.90,DE,2025-09-01,10000,USD,10,No.,,,,,,,4000");

    /**
     * Line ids the writer must guard or quote — a formula, a comma, a quote, a leading '#', other text — spelled
     * byte for byte as the reference pipeline spells them, whichever path answered the line.
     */
    @org.junit.jupiter.api.Test
    void awkwardLineIdsAreWrittenAsTheReferenceWritesThem() throws IOException {
        Regime regime = Regime.open(regimeDir().resolve("regime.yaml").toString());
        Assessor assessor = Assessor.compile(regime);
        java.io.StringWriter gen = new java.io.StringWriter();
        new EntryGenerator(regime, 7L).write(gen, 400, 9); // every ninth line malformed: rejects with the same awkward ids
        List<String> lines = new ArrayList<>(List.of(gen.toString().split("\n")));
        List<String> ids = List.of("\"a,b\"", "=SUM(A1)", "+1", "-2", "@x", "\"#3\"", "\"q\"\"x\"", "é-1", "\"tab\tin\"", "ID 7", "\uD83D\uDE00-1");
        int changed = 0;
        for (int i = 1; i < lines.size() && changed < ids.size() * 20; i++) {
            String l = lines.get(i);
            int comma = l.indexOf(',');
            if (comma < 0 || l.startsWith("\"")) continue;
            // each id once in the file (round r > 0 adds r inside it): a repeated id is warned of (docs/bulk-format.md,
            // "Repeated line ids"), which the reference pipeline does not do
            String id = ids.get(changed % ids.size());
            int round = changed / ids.size();
            String r = Integer.toString(round);
            if (round > 0) id = id.endsWith("\"") ? id.substring(0, id.length() - 1) + r + "\"" : id + r;
            lines.set(i, id + l.substring(comma));
            changed++;
        }
        Path in = dir.resolve("ids.csv");
        Files.writeString(in, String.join("\n", lines) + "\n");
        Path out = dir.resolve("ids-results.csv");
        Path rej = dir.resolve("ids-rejects.csv");
        BulkAssessment.run(assessor, in, out, rej, BulkAssessment.Options.defaults());
        List<List<String>> expectedOut = new ArrayList<>();
        List<List<String>> expectedRej = new ArrayList<>();
        reference(assessor, in, expectedOut, expectedRej);
        Path expectedFile = dir.resolve("ids-expected.csv");
        try (CsvWriter w = CsvWriter.builder().build(expectedFile, StandardCharsets.UTF_8)) {
            for (List<String> row : expectedOut) w.writeRecord(row);
        }
        assertThat(Files.readString(out)).isEqualTo(Files.readString(expectedFile));
        // the rejects file, byte for byte as FastCSV spells its rows (header, quoting of ids and reasons, CRLF)
        Path expectedRejFile = dir.resolve("ids-rejects-expected.csv");
        try (CsvWriter w = CsvWriter.builder().build(expectedRejFile, StandardCharsets.UTF_8)) {
            for (List<String> row : expectedRej) w.writeRecord(row); // its first row: the header
        }
        assertThat(expectedRej).hasSizeGreaterThan(30);
        assertThat(Files.readString(rej)).isEqualTo(Files.readString(expectedRejFile));
        // JSON Lines: each assessed line byte for byte as Jackson writes the explaining engine's assessment (the fast
        // path's lines are spelled without it), awkward ids escaped the same way (a quote, a tab, non-ASCII)
        Path jsonl = dir.resolve("ids.jsonl");
        BulkAssessment.run(assessor, in, jsonl, null, new BulkAssessment.Options(false, BulkAssessment.Format.JSONL, x -> { }));
        List<String> expectedJson = new ArrayList<>();
        try (BulkReader r = BulkReader.open(Files.newInputStream(in), BulkAssessment.Format.CSV, "ids.csv", false)) {
            while (r.next()) {
                if (r.entry() == null) continue;
                try {
                    expectedJson.add(new String(BulkAssessment.jsonLine(assessor.assessWithoutTrail(r.entry())), StandardCharsets.UTF_8));
                } catch (EntryRejected rejected) {
                    // a reject line: written by Jackson on both paths
                }
            }
        }
        List<String> gotJson = new ArrayList<>();
        for (String l : Files.readString(jsonl, StandardCharsets.UTF_8).split("(?<=\n)")) {
            if (!l.contains("\"status\":\"rejected\"")) gotJson.add(l);
        }
        assertThat(gotJson).hasSizeGreaterThan(300).containsExactlyElementsOf(expectedJson);
        assertThat(gotJson).anySatisfy(l -> assertThat(l).contains("\\t")).anySatisfy(l -> assertThat(l).contains("\\\"")).anySatisfy(l -> assertThat(l).contains("é-1")).anySatisfy(l -> assertThat(l).contains("\\uD83D\\uDE00-1"));
        assertThat(Files.readString(out)).contains("'=SUM(A1),assessed").contains("\"a,b\",assessed").contains("é-1,assessed");
    }

    /**
     * The reader interns each HTS code and origin and lets the fast path keep what it resolved them to: a code met by
     * two assessors (two regimes) in turn is resolved by each for itself, never read from the other's plan.
     */
    @org.junit.jupiter.api.Test
    void internedCodesAreNeverSharedAcrossRegimes() throws IOException {
        Assessor bundled = Assessor.compile(Regime.open(regimeDir().resolve("regime.yaml").toString()));
        Assessor pluri = Assessor.compile(Regime.open(regimeDir().resolve("regime-plurilateral.yaml").toString()));
        java.io.StringWriter gen = new java.io.StringWriter();
        new EntryGenerator(bundled.regime(), 11L).write(gen, 3_000);
        lodestone.border.BulkResult out = new lodestone.border.BulkResult();
        int differ = 0;
        int fast = 0;
        int rejectedFast = 0;
        try (BulkReader r = BulkReader.open(new java.io.ByteArrayInputStream(gen.toString().getBytes(StandardCharsets.UTF_8)),
                BulkAssessment.Format.CSV, "gen.csv", false)) {
            while (r.next()) {
                Entry e = r.entry();
                if (e == null) continue;
                for (Assessor a : List.of(bundled, pluri, bundled)) {
                    out.given(e, r.valueCents(), r.usContentCents(), r.metalContentCents(), r.htsRef(), r.originRef());
                    if (!a.assessBulk(e, out)) continue;
                    fast++;
                    if (out.rejected()) { // an unknown code: the explaining path's rejection, word for word
                        rejectedFast++;
                        assertThatThrownBy(() -> a.assessWithoutTrail(e)).isInstanceOfSatisfying(lodestone.border.EntryRejected.class,
                                x -> assertThat(x.field() + ": " + x.reason()).isEqualTo(out.rejectField() + ": " + out.rejectReason()));
                        continue;
                    }
                    assertThat(comparable(out.toAssessment(a.regime().id(), a.regime().version()))).as("%s under %s", e.lineId(), a.regime().id())
                            .isEqualTo(comparable(a.assessWithoutTrail(e)));
                }
                try {
                    if (!comparable(bundled.assessWithoutTrail(e)).equals(comparable(pluri.assessWithoutTrail(e)))) differ++;
                } catch (lodestone.border.EntryRejected ignored) {
                    // rejected by both: nothing to compare
                }
            }
        }
        assertThat(fast).isGreaterThan(5_000);
        assertThat(rejectedFast).as("unknown codes rejected on the fast path").isGreaterThan(10);
        assertThat(differ).as("lines the two regimes answer differently").isGreaterThan(100);
    }

    /**
     * Seeded random entries over the whole regime — every declarable line, every country, dates from
     * 2024 to 2027 (and some in 1998-2000 and 2050-2052), values with 0-3 decimals, some in euros, some claiming a preference or declaring
     * content — assessed by the bulk path ({@link Assessor#assessBulk}, the compiled fast path where it
     * applies) and by the explaining {@link Assessor#assess}: the same result or the same rejection,
     * field for field, amounts with their scale.
     */
    @ParameterizedTest
    @ValueSource(strings = {"regime.yaml", "regime-plurilateral.yaml"})
    void theFastPathEqualsTheExplainingAssessmentOnRandomEntriesOverTheWholeRegime(String manifest) {
        Regime regime = Regime.open(regimeDir().resolve(manifest).toString());
        Assessor assessor = Assessor.compile(regime);
        List<lodestone.regime.nomenclature.HtsLine> lines = regime.hts().lines().stream()
                .filter(lodestone.regime.nomenclature.HtsLine::declarable).toList();
        List<String> countries = regime.geography().countries().stream().map(c -> c.alpha2()).toList();
        // the few lines whose general rate is charged on the value of a metal content (7801: lead), now and then
        List<lodestone.regime.nomenclature.HtsLine> onMetalValue = lines.stream().filter(l -> regime.hts().effectiveRates(l)
                .column(lodestone.regime.nomenclature.RateColumn.GENERAL).filter(r -> r.modelled() && !r.expression().valueBases().isEmpty())
                .isPresent()).toList();
        assertThat(onMetalValue).isNotEmpty();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(20261203L);
        // production regions and end uses, drawn from a stream of their own (the lines above keep their draws): lines of
        // China declaring no region (the UFLPA region warning) or declaring some, and Brazilian lines of the civil-aircraft
        // list declaring an end use
        java.util.SplittableRandom decl = new java.util.SplittableRandom(20261205L);
        List<String> regions = regime.regions().stream().map(g -> g.code()).toList();
        List<String> uses = regime.endUses().stream().map(u -> u.code()).toList();
        List<lodestone.regime.nomenclature.HtsLine> aircraftUse = regime.measure("us-s301-brazil-civil-aircraft-use").orElseThrow()
                .products().includes().stream().flatMap(p -> regime.hts().withPrefix(p).stream())
                .filter(lodestone.regime.nomenclature.HtsLine::declarable).toList();
        assertThat(regions).contains("CN-XJ");
        assertThat(aircraftUse).isNotEmpty();
        java.time.LocalDate start = java.time.LocalDate.parse("2024-01-01");
        int fast = 0;
        int n = 10_000;
        Map<String, Integer> kinds = new HashMap<>();
        for (int i = 0; i < n; i++) {
            var l = i % 40 == 0 ? onMetalValue.get(rnd.nextInt(onMetalValue.size())) : lines.get(rnd.nextInt(lines.size()));
            String origin = countries.get(rnd.nextInt(countries.size()));
            int d8 = decl.nextInt(16);
            if (d8 < 3) origin = "CN";
            if (d8 == 3) {
                origin = "BR";
                l = aircraftUse.get(decl.nextInt(aircraftUse.size()));
            }
            int offset = rnd.nextInt(4 * 366);
            // now and then a date outside the fast path's table of periods (2000-2049): its recipes are searched instead
            java.time.LocalDate d = i % 97 == 0 ? java.time.LocalDate.parse(i % 194 == 0 ? "1998-01-01" : "2050-01-01").plusDays(offset % 800)
                    : start.plusDays(offset);
            int scale = rnd.nextInt(4);
            java.math.BigDecimal value = java.math.BigDecimal.valueOf(rnd.nextLong(rnd.nextBoolean() ? 100_000L : 10_000_000_000L), scale);
            Entry e = Entry.of(l.code(), origin, d, value, java.math.BigDecimal.valueOf(1 + rnd.nextInt(50_000)),
                    lodestone.regime.unit.Units.find("kg").orElseThrow()).withLineId("R" + i);
            int twist = rnd.nextInt(24);
            if (twist == 0) e = e.withCurrency("EUR");
            if (twist == 1) e = e.withPreference("P");
            // a CAFTA-DR claim requires its certification of origin: declared as held, or held among other documents, or not
            if (twist == 1 && rnd.nextBoolean()) {
                e = e.withDocuments(rnd.nextBoolean() ? java.util.Set.of("cafta-dr-certification-of-origin")
                        : new java.util.LinkedHashSet<>(List.of("other-doc", "cafta-dr-certification-of-origin")));
            }
            if (twist == 2) e = e.withMetalContentValue(value.multiply(java.math.BigDecimal.valueOf(8, 1)));
            if (twist == 3) e = e.withContent(java.math.BigDecimal.valueOf(rnd.nextInt(1000)), lodestone.regime.unit.Units.find("kg").orElseThrow(), "Mo");
            // content and quantities with decimals, for the specific rates the fast path sums exactly
            if (twist == 5) {
                e = e.withContent(java.math.BigDecimal.valueOf(rnd.nextInt(10_000_000), rnd.nextInt(4)),
                        lodestone.regime.unit.Units.find("kg").orElseThrow(), List.of("Mo", "Cu", "Pb", "Zn", "W").get(rnd.nextInt(5)));
            }
            if (twist == 6) {
                e = Entry.of(l.code(), origin, d, value, java.math.BigDecimal.valueOf(rnd.nextInt(10_000_000), rnd.nextInt(4)),
                        lodestone.regime.unit.Units.find(List.of("kg", "t", "No.", "l").get(rnd.nextInt(4))).orElseThrow()).withLineId("R" + i);
            }
            if (twist == 4) e = e.withProducer("Xinjiang Zhongtai Chemical Co. Ltd.");
            // the kinds the fast path widened to: US content (the reciprocal duties' value basis and share tests), a
            // metal-content value with US content (Section 232 displacing the reciprocal and Section 122 duties), a USMCA
            // claim (granted, not needed where the general rate is free, or tested by a measure's condition), a loading date
            java.math.BigDecimal share = java.math.BigDecimal.valueOf(rnd.nextInt(101), 2);
            if (twist == 20) e = e.withUsContentValue(value.multiply(share));
            if (twist == 21) e = e.withMetalContentValue(value.multiply(share)).withUsContentValue(value.multiply(java.math.BigDecimal.ONE.subtract(share)));
            if (twist == 22) e = e.withPreference(rnd.nextBoolean() ? "S" : "S+");
            if (twist == 23) e = e.withLoadedDate(d.minusDays(rnd.nextInt(30))).withMetalContentValue(value.multiply(share));
            if (d8 == 1) e = e.withProductionRegions(List.of(regions.get(decl.nextInt(regions.size()))));
            if (d8 == 2) e = e.withProductionRegions(List.of("CN-GS", "CN-XJ"));
            if (d8 == 3 || d8 == 4) e = e.withEndUse(uses.get(decl.nextInt(uses.size())));
            if (d8 == 5) e = e.withProductionRegions(List.of("CN-XI")); // unknown: both reject it
            if (d8 == 6) e = e.withEndUse("space");
            Object want;
            try {
                want = comparable(assessor.assess(e));
            } catch (EntryRejected x) {
                want = x.field() + ": " + x.reason();
            }
            Object got;
            try {
                got = comparable(assessor.assessBulk(e));
            } catch (EntryRejected x) {
                got = x.field() + ": " + x.reason();
            }
            assertThat(got).as("%s %s %s %s", l.code(), origin, d, value).isEqualTo(want);
            if (assessor.fastPathTakes(e)) {
                fast++;
                Assessment a = assessor.assess(e);
                if (e.usContentValue() != null) kinds.merge("us-content", 1, Integer::sum);
                if (a.trail().stream().anyMatch(t -> t.series() == 'C' && t.text().contains(" USD/"))) kinds.merge("specific", 1, Integer::sum);
                if (a.warnings().stream().anyMatch(w -> w.contains("rate not modelled"))) kinds.merge("base-not-modelled", 1, Integer::sum);
                if (a.warnings().stream().anyMatch(w -> w.contains("declare metal_content_value"))) kinds.merge("base-on-metal-value", 1, Integer::sum);
                if (a.warnings().stream().anyMatch(w -> w.contains("is not a unit of quantity"))) kinds.merge("unit-misfit", 1, Integer::sum);
                if (!a.documentsRequired().isEmpty()) {
                    kinds.merge(a.warnings().stream().anyMatch(w -> w.startsWith("document required")) ? "documents-missing"
                            : "documents-held", 1, Integer::sum);
                }
                if (e.metalContentValue() != null && a.charges().stream().anyMatch(c -> c.measureId().contains("s232"))) {
                    kinds.merge("metal", 1, Integer::sum);
                }
                if (a.warnings().stream().anyMatch(w -> w.startsWith("metal_content_value declared but not used"))) {
                    kinds.merge("metal-unused", 1, Integer::sum);
                }
                if (a.trail().stream().anyMatch(t -> t.text().contains("displaces it") || t.text().contains(" charged under "))) {
                    kinds.merge("displaced", 1, Integer::sum);
                }
                if (a.trail().stream().anyMatch(t -> t.text().contains("not needed"))) kinds.merge("claim-not-needed", 1, Integer::sum);
                if (a.trail().stream().anyMatch(t -> t.text().contains(" − base duty"))) kinds.merge("less-base", 1, Integer::sum);
                if (a.trail().stream().anyMatch(t -> t.text().contains(" − base duty") && t.text().contains(" charged under "))) {
                    kinds.merge("less-base-displaced", 1, Integer::sum); // the base duty on a portion of value: a rational
                }
                if (a.warnings().stream().anyMatch(w -> w.startsWith("production regions not declared"))) {
                    kinds.merge("region-warning", 1, Integer::sum);
                }
                if (!e.productionRegions().isEmpty()) kinds.merge("regions-declared", 1, Integer::sum);
                if (a.warnings().stream().anyMatch(w -> w.startsWith("Section 321 de minimis not modelled"))) kinds.merge("de-minimis", 1, Integer::sum);
                if (a.trail().stream().anyMatch(t -> t.outcome().equals("exempt") && t.text().contains(": end use is "))) {
                    kinds.merge("end-use-exempt", 1, Integer::sum);
                }
                if (e.preference() != null && a.trail().stream().anyMatch(t -> t.outcome().equals("exempt") && t.text().contains("[99"))) {
                    kinds.merge("condition-preference", 1, Integer::sum);
                }
            }
        }
        // the fast path must carry a real share of the lines, else this proves little
        assertThat(fast).isGreaterThan(n / 5);
        // and each kind it was widened to must occur on it
        for (String kind : List.of("us-content", "metal", "displaced", "claim-not-needed", "condition-preference", "less-base",
                "less-base-displaced", "documents-missing", "documents-held", "specific", "base-not-modelled", "base-on-metal-value",
                "unit-misfit", "metal-unused", "region-warning", "regions-declared", "end-use-exempt", "de-minimis")) {
            assertThat(kinds.getOrDefault(kind, 0)).as(kind + " on the fast path").isGreaterThan(0);
        }
    }

    /** An assessment without its explanation: what the bulk output is made of, amounts with their scale. */
    static List<Object> comparable(Assessment a) {
        List<Object> charges = new ArrayList<>();
        for (Assessment.Charge c : a.charges()) {
            charges.add(List.of(c.id(), c.measureId(), c.series(), c.type(), c.amount().toPlainString(), String.valueOf(c.legalBase())));
        }
        return java.util.Arrays.asList(a.lineId(), a.status(), a.hts(), a.origin(), a.date(), a.customsValueUsd().toPlainString(), charges,
                a.totalDuty() == null ? null : a.totalDuty().toPlainString(),
                a.effectiveRatePercent() == null ? null : a.effectiveRatePercent().toPlainString(),
                a.landedCost() == null ? null : a.landedCost().toPlainString(), a.documentsRequired(), a.prohibitions(), a.warnings(),
                a.regime());
    }

    /** The slow pipeline: every line assessed with its full explanation, then spelled as a CSV row. */
    private static void reference(Assessor assessor, Path in, List<List<String>> out, List<List<String>> rej) throws IOException {
        EntryFields parser = new EntryFields();
        out.add(BulkAssessment.OUTPUT_COLUMNS);
        rej.add(BulkAssessment.REJECT_COLUMNS);
        try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
            Map<String, Integer> cols = null;
            for (CsvRecord rec : CsvReader.builder().allowMissingFields(true).ofCsvRecord(r)) {
                if (cols == null) {
                    cols = new HashMap<>();
                    for (int i = 0; i < rec.getFieldCount(); i++) cols.put(rec.getField(i), i);
                    continue;
                }
                Map<String, Integer> c = cols;
                long line = rec.getStartingLineNumber();
                String lineId = rec.getField(c.get("line_id"));
                try {
                    Entry e = parser.parse(n -> c.containsKey(n) ? rec.getField(c.get(n)) : null, line);
                    Assessment a = assessor.assess(e);
                    boolean p = a.status() == Assessment.Status.PROHIBITED;
                    List<String> measures = new ArrayList<>();
                    for (Assessment.Charge ch : a.charges()) measures.add(ch.id() + "=" + ch.amount().toPlainString());
                    List<String> warnings = new ArrayList<>(a.prohibitions());
                    warnings.addAll(a.warnings());
                    out.add(List.of(BulkAssessment.safe(a.lineId()), p ? "prohibited" : "assessed",
                            p ? "" : a.totalDuty().toPlainString(), "USD", p ? "" : a.effectiveRatePercent().toPlainString(),
                            p ? "" : a.landedCost().toPlainString(), String.join(";", measures),
                            String.join(";", a.documentsRequired()), BulkAssessment.safe(String.join(" | ", warnings))));
                } catch (EntryRejected x) {
                    out.add(List.of(BulkAssessment.safe(lineId), "rejected", "", "USD", "", "", "", "",
                            BulkAssessment.safe("line " + line + ": " + x.field() + ": " + x.reason())));
                    rej.add(List.of(String.valueOf(line), BulkAssessment.safe(lineId), x.field(), BulkAssessment.safe(x.reason())));
                }
            }
        }
    }

    private static List<List<String>> read(Path p) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (CsvReader<CsvRecord> r = CsvReader.builder().allowMissingFields(true).ofCsvRecord(p)) {
            for (CsvRecord rec : r) rows.add(List.copyOf(rec.getFields()));
        }
        return rows;
    }
}
