package lodestone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lodestone compare --entry FILE}: a customs entry of several lines under both sides (the API's POST /api/compare with
 * lines, and the Assess page's what-if below an entry): each line's duties and change, the same as each line compared alone,
 * and the totals; a line either side cannot assess refuses it, with the side.
 */
class CompareEntryCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String EXAMPLE = Cli.repo().resolve("examples/entry/two-lines.json").toString();

    @Test
    void theExampleEntryIsComparedLineByLineAsEachLineAlone() throws Exception {
        Cli r = Cli.run("compare", "--entry", EXAMPLE, "--with", "date:2025-12-31", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("a").get("label").asText()).isEqualTo("us-2026 on 2026-03-02");
        assertThat(j.get("a").get("entry").get("total_duty").decimalValue()).isEqualByComparingTo("4870.00");
        assertThat(j.get("b").get("entry").get("date").asText()).isEqualTo("2025-12-31");
        BigDecimal sumB = BigDecimal.ZERO;
        String[][] alone = {{"--hts", "2846.90.80.90", "--origin", "CN", "--value", "10000", "--quantity", "500", "--unit", "kg"},
                {"--hts", "7408.11.60.00", "--origin", "CL", "--value", "10000", "--quantity", "1000", "--unit", "kg", "--metal-content-value", "8000"}};
        for (int i = 0; i < 2; i++) {
            JsonNode line = j.get("lines").get(i);
            // each line assessed alone on each side's date
            BigDecimal a = duty(alone[i], "2026-03-02");
            BigDecimal b = duty(alone[i], "2025-12-31");
            assertThat(line.get("a").decimalValue()).isEqualByComparingTo(a);
            assertThat(line.get("b").decimalValue()).isEqualByComparingTo(b);
            assertThat(line.get("change").decimalValue()).isEqualByComparingTo(b.subtract(a));
            sumB = sumB.add(b);
        }
        assertThat(j.get("difference").decimalValue()).isEqualByComparingTo(sumB.subtract(new BigDecimal("4870.00")));

        Cli text = Cli.run("compare", "--entry", EXAMPLE, "--with", "date:2025-12-31");
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).startsWith("Entry of 2 lines\nA: us-2026 on 2026-03-02\nB: us-2026 on 2025-12-31\n")
                .containsPattern("1 +2846\\.90\\.80\\.90 +CN +\\$370\\.00 ")
                .contains("total duty A $4,870.00 → B " + AssessCommand.money(sumB) + ": change " + CompareCommand.signed(sumB.subtract(new BigDecimal("4870.00"))));
    }

    private static BigDecimal duty(String[] line, String date) throws Exception {
        String[] args = new String[line.length + 4];
        args[0] = "assess";
        System.arraycopy(line, 0, args, 1, line.length);
        args[line.length + 1] = "--date";
        args[line.length + 2] = date;
        args[line.length + 3] = "--json";
        Cli r = Cli.run(args);
        assertThat(r.exit()).as(r.err()).isZero();
        return JSON.readTree(r.out()).get("total_duty").decimalValue();
    }

    @Test
    void aLineOnlyTheOtherSideCannotAssessRefusesTheEntryWithTheSide(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("entry.json");
        Files.writeString(f, """
                {"entry_date": "2025-06-01", "lines": [
                  {"hts": "2846.90.80.90", "origin": "CN", "customs_value": 10000, "quantity": 500, "unit": "kg"},
                  {"hts": "7408.11.60.00", "origin": "CL", "customs_value": 10000, "quantity": 1000, "unit": "kg"}]}""");
        Cli r = Cli.run("compare", "--entry", f.toString(), "--with", "date:2026-03-02");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(f + ": lines[1].metal_content_value (line 2): under us-2026 on 2026-03-02: content missing for a "
                + "content-based duty: 9903.78.01");
        // and neither a file of lines with it, nor nothing at all
        Cli both = Cli.run("compare", f.toString(), "--entry", f.toString(), "--with", "date:2026-03-02");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("give either a file of entry lines (IN) or an entry (--entry FILE), not both");
        Cli none = Cli.run("compare", "--with", "date:2026-03-02");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("Missing required parameter: 'IN' (or --entry FILE for a customs entry of several lines)");
    }
}
