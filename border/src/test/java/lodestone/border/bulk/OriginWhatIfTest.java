package lodestone.border.bulk;

import lodestone.border.Entry;
import lodestone.border.EntryComparison;
import lodestone.border.WhatIf;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static lodestone.border.bulk.ChunkedBulkTest.ASSESSOR;
import static lodestone.border.bulk.ChunkedBulkTest.REGIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The what-if that moves origins ("the goods of CN as if they came from VN"), on small worked examples whose duties are
 * computed by hand from the bundled regime (data/regime), all entered 2026-03-02:
 * <ul>
 *   <li>graphite 2504.10.10.00, USD 10,000: general free; of CN also Section 301 (us-s301-review-2026-graphite, 9903.91.06,
 *       CN only, 25 % from 2026-01-01) = 2,500.00; of VN nothing: 0.00. (Section 122 excludes the line.)</li>
 *   <li>molybdenum 2613.10.00.00, USD 100,000, 5,500 kg Mo: general 0.128 USD/kg Mo × 5,500 = 704.00 + 1.8 % × 100,000 =
 *       1,800.00, so 2,504.00; Section 122 (9903.03.01, 10 % from 2026-02-24) 10,000.00; total 12,504.00. Under USMCA (S,
 *       MX or CA) the special rate is free and Section 122 exempt (9903.03.07/08): 0.00.</li>
 * </ul>
 */
class OriginWhatIfTest {

    static final String HEADER = "line_id,hts,origin,entry_date,customs_value,currency,quantity,unit,content_quantity,content_unit,preference,export_country\n";
    static final String GRAPHITE_CN = "gr-1,2504.10.10.00,CN,2026-03-02,10000,USD,10000,kg,,,,\n";
    static final String MOLY_MX_USMCA = "mx-1,2613.10.00.00,MX,2026-03-02,100000,USD,10000,kg,5500,kg Mo,S,MX\n";
    static final String GRAPHITE_VN = "gr-2,2504.10.10.00,VN,2026-03-02,10000,USD,10000,kg,,,,\n";

    static Map<String, String> origins(String... fromTo) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < fromTo.length; i += 2) m.put(fromTo[i], fromTo[i + 1]);
        return m;
    }

    static Path file(Path dir, String... lines) throws Exception {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, HEADER + String.join("", lines));
        return in;
    }

    static Comparison.Line line(Comparison.Result r, String id) {
        return r.top().stream().filter(l -> l.lineId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void graphiteOfChinaFromVietnamLosesItsSection301Duty(@TempDir Path tmp) throws Exception {
        Path in = file(tmp, GRAPHITE_CN, GRAPHITE_VN);
        Path out = tmp.resolve("changes.csv");
        Comparison.Result r = Comparison.run(ASSESSOR, ASSESSOR, WhatIf.NONE.withOrigins(origins("CN", "VN")), in, out, 5, false);
        assertThat(r.totalA()).isEqualTo(new BigDecimal("2500.00"));
        assertThat(r.totalB()).isEqualTo(new BigDecimal("0.00"));
        assertThat(r.changed()).isEqualTo(1);
        Comparison.Line gr = line(r, "gr-1");
        assertThat(gr.a()).isEqualTo("2500.00");
        assertThat(gr.b()).isEqualTo("0.00");
        assertThat(gr.change()).isEqualTo("-2500.00");
        // which side had which origin
        assertThat(gr.origin()).isEqualTo("CN");
        assertThat(gr.originB()).isEqualTo("VN");
        Map<String, Object> j = r.toJson("us-2026", "us-2026, origin CN→VN");
        @SuppressWarnings("unchecked")
        Map<String, Object> top = ((List<Map<String, Object>>) j.get("top")).get(0);
        assertThat(top).containsEntry("origin", "CN").containsEntry("origin_b", "VN");
        // a line of VN is not moved: the same origin and duty under both
        assertThat(line(r, "gr-2").originB()).isEqualTo("VN");
        assertThat(line(r, "gr-2").b()).isEqualTo("0.00");
        String sides = ",us-2026 version " + REGIME.version() + ",us-2026 version " + REGIME.version() + "; origin CN→VN";
        List<String> rows = Files.readAllLines(out);
        assertThat(rows.get(1)).isEqualTo("gr-1,2504.10.10.00,CN,2500.00,0.00,-2500.00,assessed,assessed,2," + sides + ",VN");
        assertThat(rows.get(2)).isEqualTo("gr-2,2504.10.10.00,VN,0.00,0.00,0.00,assessed,assessed,3," + sides + ",VN");
    }

    @Test
    void aUsmcaClaimMovedToChinaIsDroppedWithAWarningNotAssessedAsIfItQualified(@TempDir Path tmp) throws Exception {
        Path in = file(tmp, MOLY_MX_USMCA);
        Comparison.Result r = Comparison.run(ASSESSOR, ASSESSOR, WhatIf.NONE.withOrigins(origins("MX", "CN")), in, null, 5, false);
        Comparison.Line mx = line(r, "mx-1");
        assertThat(mx.a()).isEqualTo("0.00");
        assertThat(mx.b()).isEqualTo("12504.00"); // 704.00 + 1,800.00 general, 10,000.00 Section 122: no USMCA exemption
        assertThat(mx.originB()).isEqualTo("CN");
        String note = "B: what-if: origin MX→CN: preference S (USMCA) dropped: CN is not eligible for it on 2026-03-02; assessed without the claim";
        assertThat(mx.warnings()).contains(note);
        // the claim is gone under B: not "accepted as declared" there, as it still is under A
        assertThat(mx.warnings()).contains("A: preference S accepted as declared: origin was not verified (no bill of materials)")
                .noneMatch(w -> w.startsWith("B: preference S"));
        assertThat(r.warningSummary()).contains(note + " (1 line)");
    }

    @Test
    void aClaimTheNewOriginIsEligibleForIsKept(@TempDir Path tmp) throws Exception {
        Path in = file(tmp, MOLY_MX_USMCA);
        Comparison.Result r = Comparison.run(ASSESSOR, ASSESSOR, WhatIf.NONE.withOrigins(origins("MX", "CA")), in, null, 5, false);
        Comparison.Line mx = line(r, "mx-1");
        assertThat(mx.b()).isEqualTo("0.00"); // CA under USMCA: special free, Section 122 exempt
        assertThat(mx.originB()).isEqualTo("CA");
        // kept, and side B says what it took of it: the claim made for goods of MX, accepted for goods of CA
        assertThat(mx.warnings()).contains("B: preference S accepted as declared: origin was not verified (no bill of materials)",
                "B: what-if: origin MX→CA: preference S (USMCA) kept: CA is eligible for it; accepted as declared (no bill of "
                        + "materials): the goods are assumed to qualify from CA as they were declared to from MX, not verified");
    }

    @Test
    void mappingsApplyOnceNotChainedAndWithANewDate(@TempDir Path tmp) throws Exception {
        // MX→CN and CN→VN: the MX line is assessed from CN (not VN), the CN line from VN
        Path in = file(tmp, MOLY_MX_USMCA, GRAPHITE_CN);
        WhatIf w = WhatIf.on(LocalDate.parse("2026-08-03")).withOrigins(origins("MX", "CN", "CN", "VN"));
        Comparison.Result r = Comparison.run(ASSESSOR, ASSESSOR, w, in, null, 5, false);
        assertThat(line(r, "mx-1").originB()).isEqualTo("CN");
        assertThat(line(r, "gr-1").originB()).isEqualTo("VN");
        // on 2026-08-03 Section 122 has ended (2026-07-23); the moly of CN pays its general 2,504.00 and the Section 301
        // forced-labour action on China (us-s301-fl-cn, 9903.05.31, 12.5 % from 2026-07-24) 12,500.00
        assertThat(line(r, "mx-1").b()).isEqualTo("15004.00");
        assertThat(w.describe()).isEqualTo("on 2026-08-03; origin MX→CN, CN→VN");
        assertThat(Comparison.sideLabel(ASSESSOR, w)).isEqualTo("us-2026 version " + REGIME.version() + " on 2026-08-03; origin MX→CN, CN→VN");
    }

    @Test
    void chunksMergeToTheWholeFilesAnswerWithBothOrigins() throws Exception {
        String text = HEADER + GRAPHITE_CN + MOLY_MX_USMCA + GRAPHITE_VN + GRAPHITE_CN.replace("gr-1", "gr-3");
        WhatIf w = WhatIf.NONE.withOrigins(origins("CN", "VN", "MX", "CN"));
        List<Comparison.Partial> parts = new ArrayList<>();
        Comparison.runChunked(ASSESSOR, ASSESSOR, w, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "in.csv", 10, false, 2, 0,
                parts::add);
        java.util.Collections.reverse(parts); // in any order
        Comparison.Result merged = Comparison.merge(parts, 10);
        // the lines each mapping moved, in the order given
        assertThat(merged.moved()).containsExactly(Map.entry("CN→VN", 2L), Map.entry("MX→CN", 1L));
        assertThat(merged).isEqualTo(Comparison.run(ASSESSOR, ASSESSOR, w, writeTo(text), null, 10, false));
        assertThat(merged.totalA()).isEqualTo(new BigDecimal("5000.00"));
        assertThat(merged.totalB()).isEqualTo(new BigDecimal("12504.00"));
        assertThat(merged.top()).extracting(Comparison.Line::lineId, Comparison.Line::origin, Comparison.Line::originB)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("mx-1", "MX", "CN"), org.assertj.core.groups.Tuple.tuple("gr-1", "CN", "VN"),
                        org.assertj.core.groups.Tuple.tuple("gr-3", "CN", "VN"), org.assertj.core.groups.Tuple.tuple("gr-2", "VN", "VN"));
    }

    private static Path writeTo(String text) throws java.io.IOException {
        Path f = Files.createTempFile("origins", ".csv");
        Files.writeString(f, text);
        f.toFile().deleteOnExit();
        return f;
    }

    @Test
    void aMappingThatMovedNoLineSaysSo(@TempDir Path tmp) throws Exception {
        // CH (Switzerland) typed for CN: nothing moves, and the result says it of that mapping
        Comparison.Result r = Comparison.run(ASSESSOR, ASSESSOR, WhatIf.NONE.withOrigins(origins("CH", "VN", "CN", "VN")), file(tmp, GRAPHITE_CN),
                null, 5, false);
        assertThat(r.moved()).containsExactly(Map.entry("CH→VN", 0L), Map.entry("CN→VN", 1L));
        assertThat(r.toJson("a", "b").get("origins_moved")).isEqualTo(List.of(Map.of("from", "CH", "to", "VN", "lines", 0L),
                Map.of("from", "CN", "to", "VN", "lines", 1L)));
        // a what-if that moves no origin has no such list
        assertThat(Comparison.run(ASSESSOR, ASSESSOR, null, file(tmp, GRAPHITE_CN), null, 5, false).toJson("a", "b")).doesNotContainKey("origins_moved");
    }

    @Test
    void theExportCountryMovesWithTheOriginOnlyWhenItWasTheOrigin() {
        Entry e = Entry.of("2504.10.10.00", "cn", LocalDate.parse("2026-03-02"), new BigDecimal("10000"), new BigDecimal("10000"), Units.KG);
        WhatIf w = WhatIf.NONE.withOrigins(origins("CN", "VN"));
        assertThat(w.apply(e.withExportCountry("CN"), REGIME.geography()).entry().exportCountry()).isEqualTo("VN");
        assertThat(w.apply(e.withExportCountry("SG"), REGIME.geography()).entry().exportCountry()).isEqualTo("SG");
        // a line's origin is matched as the assessor reads it (any case, alpha-3 too)
        assertThat(w.apply(e, REGIME.geography()).entry().origin()).isEqualTo("VN");
        assertThat(w.apply(e.withOrigin("CHN"), REGIME.geography()).entry().origin()).isEqualTo("VN");
        assertThat(w.apply(e.withOrigin("JP"), REGIME.geography()).entry()).isEqualTo(e.withOrigin("JP"));
    }

    @Test
    void anEntryOfSeveralLinesSaysEachSidesOriginAndTheDroppedClaim() {
        Entry gr = Entry.of("2504.10.10.00", "CN", LocalDate.parse("2026-03-02"), new BigDecimal("10000"), new BigDecimal("10000"), Units.KG);
        Entry mx = Entry.of("2613.10.00.00", "MX", LocalDate.parse("2026-03-02"), new BigDecimal("100000"), new BigDecimal("10000"), Units.KG)
                .withLineId("2").withContent(new BigDecimal("5500"), Units.KG, "Mo").withPreference("S");
        EntryComparison c = EntryComparison.of(ASSESSOR, ASSESSOR, WhatIf.NONE.withOrigins(origins("CN", "VN", "MX", "CN")), List.of(gr, mx),
                List.of(), "B");
        assertThat(c.lines()).extracting(EntryComparison.Line::origin, EntryComparison.Line::originB, EntryComparison.Line::b)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CN", "VN", new BigDecimal("0.00")),
                        org.assertj.core.groups.Tuple.tuple("MX", "CN", new BigDecimal("12504.00")));
        assertThat(c.difference()).isEqualTo(new BigDecimal("10004.00")); // (0.00 + 12,504.00) − (2,500.00 + 0.00)
        assertThat(c.b().warnings()).contains("line 2: what-if: origin MX→CN: preference S (USMCA) dropped: CN is not eligible for it on 2026-03-02; "
                + "assessed without the claim");
        assertThat(c.b().lines().get(1).warnings().get(0)).startsWith("what-if: origin MX→CN");
    }

    @Test
    void mappingsAreRefusedNamingWhereAndWhich() {
        var geo = REGIME.geography();
        assertThat(WhatIf.parseOrigins(List.of("cn=vn", "MX=CA, GT = HN"), geo, geo, "--origin"))
                .containsExactly(Map.entry("CN", "VN"), Map.entry("MX", "CA"), Map.entry("GT", "HN"));
        assertThatThrownBy(() -> WhatIf.parseOrigins(List.of("CN=XX"), geo, geo, "--origin")).isInstanceOf(WhatIf.Refused.class)
                .hasMessage("--origin: CN=XX: unknown country code 'XX'; expected an ISO 3166 alpha-2 code such as VN");
        assertThatThrownBy(() -> WhatIf.parseOrigins(List.of("China=VN"), geo, geo, "with_origin"))
                .hasMessage("with_origin: China=VN: unknown country code 'China': that is the name of China; write its ISO 3166 alpha-2 code CN");
        assertThatThrownBy(() -> WhatIf.parseOrigins(List.of("CN=VN,CHN=CN"), geo, geo, "--origin"))
                .hasMessage("--origin: CHN=CN: CN is mapped to itself; map an origin to another country");
        assertThatThrownBy(() -> WhatIf.parseOrigins(List.of("CN=VN", "CN=TH"), geo, geo, "--origin"))
                .hasMessage("--origin: CN=TH: CN is mapped twice (first CN=VN); map each origin once");
        assertThatThrownBy(() -> WhatIf.parseOrigins(List.of("CN"), geo, geo, "--origin"))
                .hasMessage("--origin: 'CN': expected FROM=TO, two country codes (e.g. CN=VN: the goods of CN as if they came from VN); "
                        + "several separated by commas");
        assertThatThrownBy(() -> WhatIf.parseOrigins(List.of("CN="), geo, geo, "--origin"))
                .hasMessage("--origin: CN=: TO is empty; expected an ISO 3166 alpha-2 country code such as VN");
    }
}
