package lodestone.border.bulk;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static lodestone.border.bulk.ChunkedBulkTest.ASSESSOR;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A what-if of a file carries each side's warnings: every listed line its own ("A: …", "B: …"), and the result the distinct
 * ones with the number of lines that gave each — a date past the regime's horizon, before its coverage, a stale exchange rate.
 */
class ComparisonWarningsTest {
    static final Path EXAMPLE = Path.of("../examples/bulk/entries.csv");

    private static long count(List<String> summary, String prefix) {
        return summary.stream().filter(w -> w.startsWith(prefix)).count();
    }

    @Test
    void aDatePastTheHorizonIsWarnedOfPerLineAndInTheSummary() throws IOException {
        Comparison.Result r = Comparison.run(ASSESSOR, ASSESSOR, lodestone.border.WhatIf.on(LocalDate.parse("2027-06-01")), EXAMPLE, null, 100, false);
        List<String> summary = r.warningSummary();
        // side B's horizon first among B's, with its lines counted: every line B assessed (of the file's 16: the 12 neither
        // the reader nor the regime rejects, a prohibited one among them)
        String past = summary.stream().filter(w -> w.startsWith("B: regime horizon: the entry date 2027-06-01 is after ")).findFirst().orElseThrow();
        assertThat(r.lines()).isEqualTo(16);
        assertThat(past).endsWith(" (12 lines)");
        assertThat(summary.indexOf(past)).isEqualTo(count(summary, "A: "));
        // the stale euro rate of the one line in EUR
        assertThat(summary).anySatisfy(w -> assertThat(w).startsWith("B: regime horizon: converted from EUR at ").endsWith(" (1 line)"));
        // side A (the entries' own dates) is within the horizon
        assertThat(summary).noneMatch(w -> w.startsWith("A: regime horizon: "));
        // each listed line says its own
        assertThat(r.top()).isNotEmpty().allSatisfy(l -> assertThat(l.warnings()).anySatisfy(w -> assertThat(w).startsWith("B: regime horizon: the entry date 2027-06-01")));
        Comparison.Line graphite = r.top().stream().filter(l -> l.lineId().equals("graphite-1")).findFirst().orElseThrow();
        assertThat(graphite.warnings()).anySatisfy(w -> assertThat(w).startsWith("B: regime horizon: converted from EUR at "));
        // in the JSON: per line and the summary
        Map<String, Object> j = r.toJson("us-2026", "us-2026 on 2027-06-01");
        assertThat(j.get("warnings")).isEqualTo(summary);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> top = (List<Map<String, Object>>) j.get("top");
        assertThat(top.get(0).get("warnings")).isEqualTo(r.top().get(0).warnings());
    }

    @Test
    void aDateBeforeTheCoverageIsWarnedOf() throws IOException {
        Comparison.Result r = Comparison.run(ASSESSOR, ASSESSOR, lodestone.border.WhatIf.on(LocalDate.parse("2024-06-01")), EXAMPLE, null, 20, false);
        assertThat(r.warningSummary()).anySatisfy(w -> assertThat(w).startsWith("B: regime horizon: the entry date 2024-06-01 is before ")
                .endsWith(" (11 lines)"));
    }

    @Test
    void chunksMergeToTheSameWarnings() throws IOException {
        lodestone.border.WhatIf d = lodestone.border.WhatIf.on(LocalDate.parse("2027-06-01"));
        Comparison.Result whole = Comparison.run(ASSESSOR, ASSESSOR, d, EXAMPLE, null, 20, false);
        List<Comparison.Partial> parts = new ArrayList<>();
        Comparison.runChunked(ASSESSOR, ASSESSOR, d, new ByteArrayInputStream(Files.readAllBytes(EXAMPLE)), "entries.csv", 20, false, 3, 0, parts::add);
        java.util.Collections.reverse(parts); // in any order
        assertThat(Comparison.merge(parts, 20)).isEqualTo(whole);
        // a chunk stored before warnings were kept (null) adds none
        List<Comparison.Partial> old = parts.stream().map(p -> new Comparison.Partial(p.chunkNo(), p.firstRecord(), p.lines(), p.changed(),
                p.notComparable(), p.totalA(), p.totalB(), p.top(), p.firstNotComparable(), null, null)).toList();
        assertThat(Comparison.merge(old, 20).warningSummary()).isEmpty();
    }

    @Test
    void distinctWarningsPastTheLimitAreCountedNotDropped() {
        Map<String, Long> many = new java.util.LinkedHashMap<>();
        for (int i = 0; i < Comparison.WARNINGS_NAMED; i++) many.put("A: warning " + i, 1L);
        Comparison.Warnings w = new Comparison.Warnings(many, 0).plus(new Comparison.Warnings(Map.of("A: zz another", 3L, "A: warning 0", 2L), 0));
        assertThat(w.lines()).hasSize(Comparison.WARNINGS_NAMED).containsEntry("A: warning 0", 3L);
        assertThat(w.summary()).first().isEqualTo("A: warning 0 (3 lines)");
        assertThat(w.summary()).last().isEqualTo("… 3 more warnings of lines, of more than 50 distinct texts, not named");
    }

    /**
     * A year's portfolio has lines on many days past the horizon: each day's warning differs only in its date, and counted
     * text by text they took every one of the 50 names — the file's other warnings (a whole side's among them) went
     * unnamed ("… N more warnings"). The lines of one such warning are counted under one text with the range of their
     * dates (an exchange rate's with the range of its ages too); a warning of lines of one date keeps its text.
     */
    @Test
    void linesOnManyDaysPastTheHorizonAreOneWarningWithTheRangeOfTheirDates(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        StringBuilder csv = new StringBuilder("line_id,hts,origin,entry_date,customs_value,currency,quantity,unit\n");
        LocalDate first = LocalDate.parse("2026-10-08");
        for (int i = 0; i < 60; i++) csv.append("d").append(i).append(",2846.90.80.90,CN,").append(first.plusDays(i)).append(",10000,USD,100,kg\n");
        for (int i = 0; i < 3; i++) csv.append("e").append(i).append(",2846.90.80.90,AU,").append(LocalDate.parse("2026-11-01").plusDays(10L * i))
                .append(",10000,EUR,100,kg\n");
        Path in = tmp.resolve("year.csv");
        Files.writeString(in, csv);
        Comparison.Result r = Comparison.run(ASSESSOR, ASSESSOR, null, in, null, 5, false);
        List<String> summary = r.warningSummary();
        String last = first.plusDays(59).toString();
        for (String side : List.of("A: ", "B: ")) {
            assertThat(summary).contains(side + "regime horizon: the entry dates 2026-10-08 to " + last + " are after 2026-10-07, the last date"
                    + " through which the facts of regime us-2026 were checked; measures that began or changed since then are not in these"
                    + " figures (63 lines)");
            assertThat(summary).anySatisfy(w -> assertThat(w).startsWith(side + "regime horizon: converted from EUR at ")
                    .contains(", 33 to 53 days before the entry dates 2026-11-01 to 2026-11-21 (older than the stated 31 days)").endsWith(" (3 lines)"));
            // the other warnings of the file are named, none only counted
            assertThat(summary).contains(side + "production regions not declared: us-uflpa blocks goods made wholly or in part in CN-XJ"
                    + " (Xinjiang Uyghur Autonomous Region); assessed as made in none of them — declare production_regions (60 lines)");
        }
        assertThat(summary).noneMatch(w -> w.startsWith("… ")).hasSize(6);
        // each line keeps its own date
        assertThat(r.top()).allSatisfy(l -> assertThat(l.warnings()).anySatisfy(w -> assertThat(w).startsWith("A: regime horizon: the entry date 2026-")));
        // chunks (of 7 lines, merged in any order) give the same
        List<Comparison.Partial> parts = new ArrayList<>();
        Comparison.runChunked(ASSESSOR, ASSESSOR, null, new ByteArrayInputStream(Files.readAllBytes(in)), "year.csv", 5, false, 7, 0, parts::add);
        java.util.Collections.reverse(parts);
        assertThat(Comparison.merge(parts, 5)).isEqualTo(r);
    }

    /**
     * The names went to side A's warnings first (the texts' order puts "A: " before "B: "): a file whose lines gave 50
     * distinct warnings under the regime as it is named none of the scenario's — the side a what-if is run for. Each side
     * has its own {@link Comparison#WARNINGS_NAMED}.
     */
    @Test
    void eachSideHasItsOwnNames() {
        Map<String, Long> many = new java.util.LinkedHashMap<>();
        // texts differing in words, not only in a figure (those are one entry of their kind: ComparisonWarningKindsTest)
        for (int i = 0; i < Comparison.WARNINGS_NAMED + 5; i++) many.put("A: warning " + (char) ('a' + i / 26) + (char) ('a' + i % 26), 1L);
        Comparison.Warnings w = Comparison.Warnings.NONE.plus(new Comparison.Warnings(Map.of(), 0));
        for (Map.Entry<String, Long> e : many.entrySet()) w = w.plus(new Comparison.Warnings(Map.of(e.getKey(), e.getValue()), 0));
        w = w.plus(new Comparison.Warnings(Map.of("B: the scenario's own", 7L), 0));
        assertThat(w.lines()).hasSize(Comparison.WARNINGS_NAMED + 1).containsEntry("B: the scenario's own", 7L);
        assertThat(w.summary()).contains("B: the scenario's own (7 lines)")
                .last().isEqualTo("… 5 more warnings of lines, of more than 50 distinct texts, not named");
    }
}
