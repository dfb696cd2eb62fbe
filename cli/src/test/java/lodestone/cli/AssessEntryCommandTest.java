package lodestone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lodestone assess --entry FILE}: a customs entry of several lines, its table and totals, JSON, stdin and exit codes. */
class AssessEntryCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String EXAMPLE = Cli.repo().resolve("examples/entry/two-lines.json").toString();

    @Test
    void theExampleEntryPrintsItsLinesAndTotals() {
        Cli r = Cli.run("assess", "--entry", EXAMPLE);
        assertThat(r.exit()).as(r.err()).isZero();
        // hand-worked in EntryAssessmentTest: $370.00 + $4,500.00 on $20,000.00
        assertThat(r.out()).startsWith("Entry of 2 lines, entered 2026-03-02   [regime us-2026]")
                .containsPattern("1 +2846\\.90\\.80\\.90 +CN +\\$10,000\\.00 +\\$370\\.00 +3\\.70% +assessed")
                .containsPattern("2 +7408\\.11\\.60\\.00 +CL +\\$10,000\\.00 +\\$4,500\\.00 +45\\.00% +assessed")
                .containsPattern("C general +\\$670\\.00 +Base rate \\(general\\) \\(lines 1, 2\\)")
                .containsPattern("E 9903\\.78\\.01 +\\$4,000\\.00 +Section 232 .* \\(line 2\\)")
                .contains("Total duty             $4,870.00   (effective rate 24.35%)")
                .contains("Customs value          $20,000.00")
                .contains("Landed cost            $24,870.00");
    }

    @Test
    void asJsonFromStandardInput() throws Exception {
        InputStream was = System.in;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(Path.of(EXAMPLE))));
            Cli r = Cli.run("assess", "--entry", "-", "--json");
            assertThat(r.exit()).as(r.err()).isZero();
            JsonNode j = JSON.readTree(r.out());
            assertThat(j.get("kind").asText()).isEqualTo("entry");
            assertThat(j.get("total_duty").decimalValue()).isEqualByComparingTo("4870.00");
            assertThat(j.get("duty_by_measure").findValuesAsText("id")).containsExactly("general", "9903.03.01", "9903.78.01");
            assertThat(j.get("lines").get(1).get("measures").findValuesAsText("id")).containsExactly("general", "9903.03.01", "9903.78.01");
            assertThat(j.get("lines").get(1).get("trail").size()).isPositive();
        } finally {
            System.setIn(was);
        }
    }

    @Test
    void everyBadLineIsPrintedAndTheEntryIsRefusedWithExitTwo(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("bad.json");
        Files.writeString(f, """
                {"entry_date": "2026-03-02", "lines": [
                  {"hts": "2846.90.81", "origin": "CN", "customs_value": 1, "quantity": 1, "unit": "kg"},
                  {"hts": "2846.90.80.90", "origin": "CN", "customs_value": 1, "quantity": 1, "unit": "kg"},
                  {"hts": "2846.90.80.90", "origin": "XX", "customs_value": 1, "quantity": 1, "unit": "kg"}]}""", StandardCharsets.UTF_8);
        Cli r = Cli.run("assess", "--entry", f.toString());
        assertThat(r.exit()).isEqualTo(Failures.REFUSED);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(f + ": lines[0].hts (line 1): unknown HTS code '2846.90.81'; nearest valid codes: 2846.90.80, "
                + "2846.90.80.70, 2846.90.80.75, 2846.90.80.90\n"
                + f + ": lines[2].origin (line 3): unknown country of origin 'XX'; expected an ISO 3166 alpha-2 code such as CN\n"
                + "2 problems; the entry was not assessed (an entry is filed as a whole).\n");
    }

    @Test
    void aProhibitedLineIsAnAnswerNamingTheLine(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("p.json");
        Files.writeString(f, """
                {"entry_date": "2026-03-02", "lines": [
                  {"hts": "2846.90.80.90", "origin": "CN", "customs_value": 10000, "quantity": 500, "unit": "kg"},
                  {"line_id": "L2", "hts": "2846.90.80.90", "origin": "CN", "customs_value": 10000, "quantity": 500, "unit": "kg",
                   "producer": "Xinjiang Zhongtai Chemical Co., Ltd."}]}""", StandardCharsets.UTF_8);
        Cli r = Cli.run("assess", "--entry", f.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("PROHIBITED — line L2 cannot be entered").contains("  line L2: us-uflpa: goods of an entity on the UFLPA Entity List")
                .doesNotContain("Total duty");
    }

    @Test
    void malformedMissingOrMixedInputIsRefusedAsTheOtherCommandsRefuse(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("broken.json");
        Files.writeString(f, "{\"lines\": [\n  {\"hts\": }\n]}");
        Cli broken = Cli.run("assess", "--entry", f.toString());
        assertThat(broken.exit()).isEqualTo(Failures.REFUSED);
        assertThat(broken.err()).startsWith("lodestone: " + f + ": not valid JSON: unexpected character '}' at line 2, column 11; nothing was assessed");
        Cli missing = Cli.run("assess", "--entry", tmp.resolve("none.json").toString());
        assertThat(missing.exit()).isEqualTo(Failures.ENVIRONMENT);
        assertThat(missing.err()).contains("none.json: no such file");
        Cli mixed = Cli.run("assess", "--entry", EXAMPLE, "--hts", "2846.90.80.90", "--document", "x");
        assertThat(mixed.exit()).isEqualTo(Failures.REFUSED);
        assertThat(mixed.err()).isEqualTo("lodestone: --entry: the entry's header and lines are in its file; --hts, --document cannot be "
                + "given with it (they describe one line)\n");
        // without --entry the one-line options are required as before
        Cli none = Cli.run("assess", "--hts", "2846.90.80");
        assertThat(none.exit()).isEqualTo(Failures.REFUSED);
        assertThat(none.err()).contains("Missing required options: '--origin=CC', '--value=AMOUNT', '--quantity=Q', '--unit=UNIT'");
    }

    /*
     * examples/entry/cafta-low-value.json: rare-earth compounds claiming CAFTA-DR from GT ($1,200.00) and SV ($1,300.00), and
     * from CN without a claim ($10,000.00, general 3.7 % = $370.00). The claiming lines total $2,500.00, not over US$2,500:
     * no certification of origin (19 CFR 10.586(a)(2)); the Chinese line does not count. The same line of $1,300.00 assessed
     * alone is an importation of its own, and is told so; $2,500.01 alone needs the certification.
     */
    @Test
    void aCaftaDrEntryOfTwoThousandFiveHundredDollarsNeedsNoCertification() throws Exception {
        Cli r = Cli.run("assess", "--entry", Cli.repo().resolve("examples/entry/cafta-low-value.json").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Total duty             $370.00")
                .contains("Documents required     none")
                .contains("  ! lines 1, 2: cafta-dr-certification-of-origin not required (19 CFR 10.586(a)(2)): the entry's 2 lines "
                        + "us-cafta-dr-certification applies to are worth $2,500.00 in all, not over $2,500.00; under 19 CFR 10.586(b)")
                .doesNotContain("document required but not declared as held");
        JsonNode j = JSON.readTree(Cli.run("assess", "--entry", Cli.repo().resolve("examples/entry/cafta-low-value.json").toString(),
                "--json").out());
        assertThat(j.get("documents_required")).isEmpty();
        assertThat(j.get("lines").get(0).get("trail").findValuesAsText("outcome")).contains("waived");
        String[] one = {"assess", "--hts", "2846.90.80.90", "--origin", "SV", "--date", "2026-03-02", "--value", "1300.00",
                "--quantity", "13", "--unit", "kg", "--preference", "P"};
        Cli alone = Cli.run(one);
        assertThat(alone.out()).contains("cafta-dr-certification-of-origin not required (19 CFR 10.586(a)(2)): this line's customs value "
                + "$1,300.00 is not over $2,500.00; the line is taken as an importation of its own")
                .containsPattern("B waived +us-cafta-dr-certification \\(CAFTA-DR preference claim — certification of origin\\): "
                        + "cafta-dr-certification-of-origin not required");
        one[8] = "2500.01";
        assertThat(Cli.run(one).out()).contains("Documents required").contains("document required but not declared as held: "
                + "cafta-dr-certification-of-origin");
    }
}
