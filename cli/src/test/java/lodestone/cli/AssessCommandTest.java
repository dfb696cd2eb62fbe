package lodestone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** assess, assess-file and compare from the command line, on the bundled regime. */
class AssessCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void assessTheFlagshipExample() {
        Cli r = Cli.run("assess", "--hts", "2846.90.80", "--origin", "CN", "--date", "2026-03-02", "--value", "10000",
                "--quantity", "500", "--unit", "kg");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("general 3.70% × $10,000.00 = $370.00").contains("Total duty             $370.00")
                .contains("excluded       9903.03.01");
    }

    @Test
    void assessAsJsonCarriesEveryMeasureAndTheTrail() throws Exception {
        Cli r = Cli.run("assess", "--hts", "7408.11.60", "--origin", "CL", "--date", "2026-03-02", "--value", "10000",
                "--quantity", "1000", "--unit", "kg", "--metal-content-value", "8000", "--json");
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("status").asText()).isEqualTo("assessed");
        assertThat(j.get("total_duty").decimalValue()).isEqualByComparingTo("4500.00");
        assertThat(j.get("measures").findValuesAsText("id")).containsExactly("general", "9903.03.01", "9903.78.01");
        assertThat(j.get("trail").findValuesAsText("text")).anySatisfy(t -> assertThat(t).contains("less $8,000.00 charged under 9903.78.01"));
    }

    @Test
    void aCaftaDrClaimIsCheckedOnItsBillOfMaterials() throws Exception {
        String[] base = {"assess", "--hts", "8112.12.00.00", "--origin", "GT", "--date", "2026-03-02", "--value", "1000",
                "--quantity", "10", "--unit", "kg", "--preference", "P", "--json", "--bom"};
        JsonNode fails = JSON.readTree(Cli.run(concat(base, Cli.repo().resolve("examples/origin/beryllium-does-not-qualify.json").toString())).out());
        assertThat(fails.get("measures").findValuesAsText("id")).contains("general").doesNotContain("special:P");
        assertThat(fails.get("warnings").get(0).asText()).startsWith("preference P not granted: the goods do not qualify under CAFTA-DR")
                .contains("change of chapter: failed by beryllium powder");
        JsonNode ok = JSON.readTree(Cli.run(concat(base, Cli.repo().resolve("examples/origin/beryllium-qualifies.json").toString())).out());
        assertThat(ok.get("measures").findValuesAsText("id")).contains("special:P").doesNotContain("general");
        assertThat(ok.get("trail").findValuesAsText("text")).anySatisfy(t -> assertThat(t).startsWith("origin checked on the bill of materials: qualifies"));
        // without a bill the claim is accepted as declared, with a warning
        JsonNode unverified = JSON.readTree(Cli.run(java.util.Arrays.copyOf(base, base.length - 1)).out());
        assertThat(unverified.get("warnings").findValuesAsText("")).isEmpty();
        assertThat(unverified.get("warnings").toString()).contains("origin was not verified (no bill of materials)");
    }

    /** A broker's lower-case 'cl' (the origin 'cl' is read as CL) is refused, and now told how to write it. */
    @Test
    void aLowerCasePreferenceIsToldItsUpperCaseIndicator() {
        Cli r = Cli.run("assess", "--hts", "2836.91.00.50", "--origin", "cl", "--date", "2026-04-01", "--value", "80000",
                "--quantity", "10", "--unit", "t", "--preference", "cl");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--preference: unknown preference program 'cl'").contains("indicators are upper-case: write CL");
        Cli ok = Cli.run("assess", "--hts", "2836.91.00.50", "--origin", "cl", "--date", "2026-04-01", "--value", "80000",
                "--quantity", "10", "--unit", "t", "--preference", "CL");
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("special:CL free = $0.00");
    }

    private static String[] concat(String[] a, String b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + 1);
        r[a.length] = b;
        return r;
    }

    @Test
    void aBadInputNamesTheOptionAndExitsTwo() {
        Cli r = Cli.run("assess", "--hts", "2846.90.80", "--origin", "CN", "--date", "2026-13-01", "--value", "10000",
                "--quantity", "500", "--unit", "kg");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("cannot assess: --date: bad date '2026-13-01'; expected yyyy-mm-dd; there is no month 13");
        assertThat(Cli.run("assess", "--hts", "2846.90.80", "--origin", "CN", "--date", "2026-03-01", "--value", "-1",
                "--quantity", "500", "--unit", "kg").err()).contains("--value: negative value -1");
        assertThat(Cli.run("assess", "--hts", "2846.90.80", "--origin", "CN", "--date", "2026-03-01", "--value", "1",
                "--quantity", "500", "--unit", "furlong").err()).contains("--unit: unknown unit 'furlong'");
        assertThat(Cli.run("assess", "--hts", "2846.90.80", "--origin", "CN", "--date", "2026-03-01", "--value", "1",
                "--currency", "XYZ", "--quantity", "500", "--unit", "kg").err()).contains("--currency: unknown currency 'XYZ'");
    }

    /**
     * --totals writes the totals by origin, heading and measure (CSV, or JSON for a .json name); the summary prints each
     * breakdown largest first with the rest summed, and repeated line ids are counted: on a small file computed by hand.
     */
    @Test
    void assessFileWritesTotalsThatReconcileAndSaysHowManyIdsRepeat(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("march.csv");
        Files.writeString(in, """
                line_id,hts,origin,entry_date,customs_value,currency,quantity,unit,production_regions,end_use,metal_content_value
                gs-1,2846.90.80.90,CN,2026-09-01,10000,USD,100,kg,CN-GS,,
                copper-1,7408.11.60.00,CL,2026-03-02,10000,USD,1000,kg,,,8000
                br-2,3917.21.00.00,BR,2026-09-01,10000,USD,100,kg,,,
                gs-1,2846.90.80.90,CN,2026-09-01,20000,USD,100,kg,CN-GS,,
                """);
        Path totals = tmp.resolve("march-totals.csv");
        Cli r = Cli.run("assess-file", in.toString(), "--out", tmp.resolve("out.csv").toString(), "--totals", totals.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        // 370.00 + 4,500.00 (general 300.00, 9903.03.01 200.00, 9903.78.01 4,000.00) + 4,060.00 (general 310.00,
        // 9903.05.01 2,500.00, 9903.05.27 1,250.00) + 740.00
        assertThat(r.out()).contains("total duty $9,670.00 on the assessed lines")
                .contains("by measure:\n         $4,000.00          1 line   9903.78.01  Section 232 duty on semi-finished copper")
                .contains("         $1,720.00          4 lines  general  Base rate (general)\n")
                .contains("by origin:\n         $4,500.00          1 line   CL\n         $4,060.00          1 line   BR\n         $1,110.00          2 lines  CN\n")
                .contains("by heading:\n         $4,500.00          1 line   7408\n")
                .contains("repeated line ids: 1 line has an id an earlier line had (warned in its row; most often a file concatenated twice)")
                .contains("; totals: " + totals);
        assertThat(Files.readAllLines(totals)).containsExactly(
                "group,key,measure,title,lines,prohibited,total_duty",
                "origin,BR,,,1,0,4060.00",
                "origin,CL,,,1,0,4500.00",
                "origin,CN,,,2,0,1110.00",
                "heading,2846,,,2,0,1110.00",
                "heading,3917,,,1,0,4060.00",
                "heading,7408,,,1,0,4500.00",
                "measure,9903.03.01,us-s122-surcharge,\"Section 122 temporary import surcharge (balance of payments), 150 days\",1,0,200.00",
                "measure,9903.05.01,us-s301-brazil-civil-aircraft-use,\"Section 301 duty on products of Brazil, 25 %, goods exempt only as civil aircraft articles for use in civil aircraft (General Note 6)\",1,0,2500.00",
                "measure,9903.05.27,us-s301-fl-br-civil-aircraft-use,\"Section 301 action on 60 economies (forced labour), Brazil, goods exempt only as civil aircraft articles for use in civil aircraft (General Note 6)\",1,0,1250.00",
                "measure,9903.78.01,us-s232-copper,\"Section 232 duty on semi-finished copper and copper-intensive derivatives, on the copper content\",1,0,4000.00",
                "measure,general,general,Base rate (general),4,0,1720.00",
                "total,,,,4,0,9670.00");
        assertThat(Files.readAllLines(tmp.resolve("out.csv")).get(4)).endsWith(",general=740.00,,line_id already used on line 2: a repeated id usually"
                + " means lines were concatenated twice; this line is assessed and counted in the totals as well");

        Path json = tmp.resolve("march-totals.json");
        Cli j = Cli.run("assess-file", in.toString(), "--out", tmp.resolve("out.csv").toString(), "--totals", json.toString());
        assertThat(j.exit()).as(j.err()).isZero();
        JsonNode t = JSON.readTree(json.toFile());
        assertThat(t.get("total_duty").decimalValue()).isEqualByComparingTo("9670.00");
        assertThat(t.at("/by_origin/2/origin").asText()).isEqualTo("CN");
        assertThat(t.at("/by_measure/4/total_duty").decimalValue()).isEqualByComparingTo("1720.00");
        // indented as the web page saves GET /api/bulk-jobs/{id}/totals (JsonIndent), not Jackson's "key" : [ { … } ]
        assertThat(Files.readString(json)).startsWith("{\n  \"by_origin\": [\n    {\n      \"origin\": ")
                .endsWith("\n  \"total_duty\": 9670.00\n}\n");

        Cli same = Cli.run("assess-file", in.toString(), "--out", tmp.resolve("out.csv").toString(), "--totals", tmp.resolve("out.csv").toString());
        assertThat(same.exit()).isEqualTo(2);
        assertThat(same.err()).contains("--totals: " + tmp.resolve("out.csv") + " is also --out or --rejects; give different files");
    }

    @Test
    void assessFileReconcilesAndRejectsWithLineAndField(@TempDir Path tmp) throws Exception {
        Path in = Cli.repo().resolve("examples/bulk/entries.csv");
        Path out = tmp.resolve("results.csv");
        Path rej = tmp.resolve("rejects.csv");
        Cli r = Cli.run("assess-file", in.toString(), "--out", out.toString(), "--rejects", rej.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("read 16 lines: 11 assessed, 1 prohibited, 4 rejected");
        List<String> results = Files.readAllLines(out);
        assertThat(results.get(0)).isEqualTo("line_id,status,total_duty,currency,effective_rate,landed_cost,measures,documents_required,warnings");
        assertThat(results).hasSize(17);
        assertThat(results).anySatisfy(l -> assertThat(l).startsWith("ree-2,assessed,370.00,USD,3.70,10370.00,general=370.00,"));
        assertThat(results).anySatisfy(l -> assertThat(l).startsWith("copper-1,assessed,4500.00,USD,45.00,14500.00,general=300.00;9903.03.01=200.00;9903.78.01=4000.00"));
        assertThat(results).anySatisfy(l -> assertThat(l).startsWith("fl-1,prohibited,,USD,,,"));
        List<String> rejects = Files.readAllLines(rej);
        assertThat(rejects).containsExactly("line,line_id,field,reason",
                "14,bad-1,hts,\"unknown HTS code '2846.90.81'; nearest valid codes: 2846.90.80, 2846.90.80.70, 2846.90.80.75, 2846.90.80.90\"",
                "15,bad-2,entry_date,bad date '2026-13-02'; expected yyyy-mm-dd; there is no month 13",
                "16,bad-3,customs_value,negative value -5",
                "17,bad-4,content_quantity,\"content missing for a content-based duty: the duty 0.128 USD/kg of Mo needs the quantity of Mo content (e.g. content_quantity=5500, content_unit=kg Mo)\"");
    }

    @Test
    void aMalformedHeaderLeavesNoOutputFile(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in.csv");
        Files.writeString(in, "line_id,hts,origin,entry_date,customs_value,currency,quantity,colour\n1,2846.90.80,CN,2026-03-02,1,USD,1,red\n");
        Path out = tmp.resolve("out.csv");
        Cli r = Cli.run("assess-file", in.toString(), "--out", out.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(in + ":1: header lacks required column(s) unit");
        assertThat(out).doesNotExist();
        try (var files = Files.list(tmp)) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("in.csv");
        }
        Files.writeString(in, "line_id,hts,origin,entry_date,customs_value,currency,quantity,unit,colour\n");
        assertThat(Cli.run("assess-file", in.toString(), "--out", out.toString()).err()).contains("unknown column(s) colour");
        Cli ok = Cli.run("assess-file", in.toString(), "--out", out.toString(), "--ignore-unknown");
        assertThat(ok.exit()).isZero();
        assertThat(Cli.run("assess-file", tmp.resolve("missing.csv").toString(), "--out", out.toString()).err())
                .contains("cannot read");
    }

    /**
     * A bill of materials that cannot be read is exit 3, as every other input file of every command (a missing or a
     * directory bill for origin check, an entry file for assess --entry; docs/architecture.md): it was 2, as if refused.
     */
    @Test
    void aBillOfMaterialsThatCannotBeReadIsExitThree(@TempDir Path tmp) {
        String[] line = {"assess", "--hts", "8112.12.00", "--origin", "GT", "--date", "2026-03-02", "--value", "1000", "--quantity", "10",
                "--unit", "kg", "--preference", "P", "--bom"};
        Cli missing = Cli.run(concat(line, tmp.resolve("missing.json").toString()));
        assertThat(missing.exit()).as(missing.err()).isEqualTo(Failures.ENVIRONMENT);
        assertThat(missing.err()).isEqualTo("lodestone: --bom: " + tmp.resolve("missing.json") + ": no such file" + System.lineSeparator());
        Cli folder = Cli.run(concat(line, tmp.toString()));
        assertThat(folder.exit()).as(folder.err()).isEqualTo(Failures.ENVIRONMENT);
        assertThat(folder.err()).isEqualTo("lodestone: --bom: " + tmp + " is a directory; expected a bill of materials file (JSON)"
                + System.lineSeparator());
        assertThat(Cli.run("assess", "--help").out().replaceAll("\\s+", " "))
                .contains("3 the entry file or the bill of materials (--bom) cannot be read.");
        // the same as origin check says of the same files
        assertThat(Cli.run("origin", "check", tmp.resolve("missing.json").toString()).exit()).isEqualTo(Failures.ENVIRONMENT);
        assertThat(Cli.run("origin", "check", tmp.toString()).exit()).isEqualTo(Failures.ENVIRONMENT);
    }

    @Test
    void aFileOfOneLineIsReadAsOneLine(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("one.csv");
        Files.writeString(in, "line_id,hts,origin,entry_date,customs_value,currency,quantity,unit\n"
                + "a,2846.90.80.90,CN,2026-03-02,10,USD,1,kg\n");
        Cli r = Cli.run("assess-file", in.toString(), "--out", tmp.resolve("out.csv").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("read 1 line: 1 assessed, 0 prohibited, 0 rejected\n");
    }

    @Test
    void jsonLinesInAndOut(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in.jsonl");
        Files.writeString(in, """
                {"line_id":"a","hts":"2846.90.80.90","origin":"CN","entry_date":"2026-03-02","customs_value":10000,"currency":"USD","quantity":500,"unit":"kg"}
                not json
                {"line_id":"c","hts":"2613.10.00.00","origin":"GT","entry_date":"2026-03-02","customs_value":100000,"currency":"USD","quantity":10000,"unit":"kg","content_quantity":5500,"content_unit":"kg Mo","preference":"P","documents":["cafta-dr-certification-of-origin"]}
                """);
        Path out = tmp.resolve("out.jsonl");
        Cli r = Cli.run("assess-file", in.toString(), "--out", out.toString(), "--format", "jsonl");
        assertThat(r.out()).contains("read 3 lines: 2 assessed, 0 prohibited, 1 rejected");
        List<String> lines = Files.readAllLines(out);
        assertThat(JSON.readTree(lines.get(0)).get("total_duty").decimalValue()).isEqualByComparingTo("370.00");
        assertThat(JSON.readTree(lines.get(1)).get("status").asText()).isEqualTo("rejected");
        assertThat(JSON.readTree(lines.get(2)).get("measures").has("special:P")).isTrue();
    }

    /**
     * A line a what-if cannot compare says why, at its line: the reader's field and reason, each side's rejection (once when
     * both give the same), a prohibition with its measure — on the terminal, in --out's reason column and in --json; the
     * table's "more lines" counts only compared lines left out of it (it said "… 1 more lines" over an empty table).
     */
    @Test
    void aLineNotComparedSaysWhyAndWhere(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in.csv");
        Files.writeString(in, """
                line_id,hts,origin,entry_date,customs_value,currency,quantity,unit,producer
                L1,2805.30.00.00,CN,2026-06-01,10000,USD,100,kg,
                L2,2805.30.00.05,CN,2026-06-01,10000,USD,100,kg,
                L3,2805.30.00.05,CN,2026-06-01,-5,USD,100,kg,
                fl-1,2846.90.80.90,CN,2026-03-02,10000,USD,500,kg,Xinjiang Zhongtai Chemical Co. Ltd.
                """);
        Path out = tmp.resolve("c.csv");
        Cli r = Cli.run("compare", in.toString(), "--with", "date:2025-03-01", "--out", out.toString(), "--top", "0");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("… 1 more compared line in " + out)
                .contains("4 lines read: 1 compared, 1 changed; 3 not comparable")
                .contains("  line 2 (L1): rejected: hts: unknown HTS code '2805.30.00.00'; nearest valid codes: 2805.30.00.05 (under both)\n")
                .contains("  line 4 (L3): customs_value: negative value -5\n")
                .containsPattern("  line 5 \\(fl-1\\): prohibited: us-uflpa: goods of an entity on the UFLPA Entity List[^\\n]* \\(under both\\)\n");
        List<String> rows = Files.readAllLines(out);
        // every row names both sides (the file handed on alone still says its scenario)
        String sides = ",us-2026 version " + lodestone.regime.Regime.bundled().version() + ",us-2026 version "
                + lodestone.regime.Regime.bundled().version() + " on 2025-03-01";
        assertThat(rows.get(0)).isEqualTo("line_id,hts,origin,duty_a,duty_b,change,status_a,status_b,line,reason,regime_a,regime_b,origin_b");
        assertThat(rows.get(1)).isEqualTo("L1,2805.30.00.00,CN,,,,rejected,rejected,2,"
                + "rejected: hts: unknown HTS code '2805.30.00.00'; nearest valid codes: 2805.30.00.05 (under both)" + sides + ",CN");
        assertThat(rows.get(2)).isEqualTo("L2,2805.30.00.05,CN,500.00,1500.00,1000.00,assessed,assessed,3," + sides + ",CN");
        assertThat(rows.get(3)).isEqualTo("L3,,,,,,rejected,rejected,4,customs_value: negative value -5" + sides + ",");
        assertThat(rows.get(4)).startsWith("fl-1,2846.90.80.90,CN,,,,prohibited,prohibited,5,\"prohibited: us-uflpa:");

        Cli empty = Cli.run("compare", tmp.resolve("in.csv").toString(), "--with", "bundled");
        assertThat(empty.out()).doesNotContain("more compared line").contains("  line 4 (L3): customs_value: negative value -5");
        JsonNode j = JSON.readTree(Cli.run("compare", in.toString(), "--with", "date:2025-03-01", "--json").out());
        assertThat(j.at("/not_comparable_first/0/line").asLong()).isEqualTo(2);
        assertThat(j.at("/not_comparable_first/1/reason").asText()).isEqualTo("customs_value: negative value -5");
        assertThat(j.at("/not_comparable_first/2/line_id").asText()).isEqualTo("fl-1");
    }

    @Test
    void compareWithTheIllustrativeFloorAndOnAnotherDate(@TempDir Path tmp) {
        Path in = Cli.repo().resolve("examples/bulk/entries.csv");
        Cli floor = Cli.run("compare", in.toString(), "--with", "bundled:plurilateral");
        assertThat(floor.exit()).as(floor.err()).isZero();
        // ndpr-1 pays the gap to the floor; ree-2, without an assay certificate, the 25 % fallback
        assertThat(floor.out()).contains("ndpr-1").contains("+50000.00").contains("+2500.00").contains("change +$52,500.00");
        Cli later = Cli.run("compare", in.toString(), "--with", "date:2026-07-25", "--out", tmp.resolve("c.csv").toString());
        // on 2026-07-25 the Section 122 surcharge has ended and the Section 301 action on 60 economies caps Japan at an
        // all-in 12.5 %: calcium-1 pays 3 % + 9.5 % instead of 3 % + 10 % (issue 11). graphite-1 (EUR 20,000 of 2026-03-02) is
        // converted at March's 0.8653 EUR per USD as quoted: $23,113.37, duty A $5,778.34 (at the rounded inversion 1.15567:
        // $23,113.40 and $5,778.35, so the change was +$1,741.64)
        assertThat(later.out()).containsPattern("calcium-1 +2805.12.00.00 +JP +1300.00 +1250.00 +-50.00").contains("change +$1,741.65");
        assertThat(tmp.resolve("c.csv")).exists();
    }
}
