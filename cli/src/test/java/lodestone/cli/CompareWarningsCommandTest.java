package lodestone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lodestone compare} says each side's warnings — a date past the regime's horizon or before its coverage, a stale
 * exchange rate — in its text and its JSON, for a file of entry lines and for a customs entry (--entry).
 */
class CompareWarningsCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String FILE = Cli.repo().resolve("examples/bulk/entries.csv").toString();
    static final String ENTRY = Cli.repo().resolve("examples/entry/two-lines.json").toString();

    @Test
    void aFileReDatedBeforeTheCoverageOrPastTheHorizonIsWarnedOf() throws Exception {
        Cli before = Cli.run("compare", FILE, "--with", "date:2024-06-01");
        assertThat(before.exit()).as(before.err()).isZero();
        assertThat(before.out()).containsPattern("\nwarnings:\n(  ! A: .*\n)*  ! B: regime horizon: the entry date 2024-06-01 is before 2025-01-01, "
                + "the first date regime us-2026 covers; [^\n]* \\(\\d+ lines\\)\n");

        Cli json = Cli.run("compare", FILE, "--with", "date:2027-06-01", "--json");
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode j = JSON.readTree(json.out());
        List<String> ws = new ArrayList<>();
        j.get("warnings").forEach(w -> ws.add(w.asText()));
        assertThat(ws).anySatisfy(w -> assertThat(w).startsWith("B: regime horizon: the entry date 2027-06-01 is after "))
                .anySatisfy(w -> assertThat(w).startsWith("B: regime horizon: converted from EUR at ").endsWith(" (1 line)"));
        assertThat(j.get("top").get(0).get("warnings").toString()).contains("B: regime horizon: the entry date 2027-06-01 is after ");
        // the text prints the same summary
        Cli text = Cli.run("compare", FILE, "--with", "date:2027-06-01");
        for (String w : ws) assertThat(text.out()).contains("  ! " + w + "\n");
    }

    @Test
    void anEntryReDatedPastTheHorizonIsWarnedOfInItsText() throws Exception {
        Cli text = Cli.run("compare", "--entry", ENTRY, "--with", "date:2027-06-01");
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("\nwarnings:\n").containsPattern("  ! B: lines 1, 2: regime horizon: the entry date 2027-06-01 is after [^\n]+\n");
        // every warning of either side's entry (its JSON), with the side
        JsonNode j = JSON.readTree(Cli.run("compare", "--entry", ENTRY, "--with", "date:2027-06-01", "--json").out());
        for (String side : List.of("a", "b")) {
            for (JsonNode w : j.get(side).get("entry").get("warnings")) assertThat(text.out()).contains("  ! " + side.toUpperCase() + ": " + w.asText() + "\n");
        }
    }
}
