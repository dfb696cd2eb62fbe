package lodestone.border.bulk;

import lodestone.border.Entry;
import lodestone.border.EntryComparison;
import lodestone.border.WhatIf;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static lodestone.border.bulk.OriginWhatIfAssumptionsTest.DAY;
import static lodestone.border.bulk.OriginWhatIfAssumptionsTest.VERIFYING;
import static lodestone.border.bulk.OriginWhatIfTest.origins;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customs broker's probes of the what-if that moves origins, each duty worked by hand from the bundled regime (entered
 * 2026-03-02): the CAFTA-DR certification's low-value waiver decided on the entry's claiming lines under each side, and
 * Section 232 duties on the metal content under a moved origin.
 */
class OriginWhatIfCounselProbesTest {

    static final String CERTIFICATION = "cafta-dr-certification-of-origin";

    /** Rare-earth compounds 2846.90.80.90 claiming P, no bill: general 3.7 %, CAFTA-DR free (accepted as declared). */
    static Entry claiming(String id, String origin, String value) {
        BigDecimal v = new BigDecimal(value);
        return Entry.of("2846.90.80.90", origin, DAY, v, v.movePointLeft(2), Units.KG).withLineId(id).withPreference("P");
    }

    @Test
    void aClaimKeptForTheNewOriginCountsTowardsTheEntrysLowValueWaiverUnderB() {
        List<Entry> entry = List.of(claiming("1", "GT", "1200"), claiming("2", "CN", "2000"));
        EntryComparison c = EntryComparison.of(VERIFYING, VERIFYING, WhatIf.NONE.withOrigins(origins("CN", "SV")), entry, List.of(), "B");
        // A: GT free; CN not eligible: 3.7 % × 2,000.00 = 74.00. The claiming lines CAFTA-DR applies to are worth 1,200.00, not
        //    over 2,500.00: no certification (19 CFR 10.586(a)(2))
        assertThat(c.a().totalDuty()).isEqualTo(new BigDecimal("74.00"));
        assertThat(c.a().documentsRequired()).isEmpty();
        // B: SV free too; its claim now counts: 1,200.00 + 2,000.00 = 3,200.00 is over 2,500.00, so the certification is
        //    required of both lines — the GT line's too, which the what-if did not move
        assertThat(c.b().totalDuty()).isEqualTo(new BigDecimal("0.00"));
        assertThat(c.difference()).isEqualTo(new BigDecimal("-74.00"));
        assertThat(c.b().documentsRequired()).containsExactly(CERTIFICATION);
        assertThat(c.b().lines()).allSatisfy(l -> assertThat(l.documentsRequired()).containsExactly(CERTIFICATION));

        // at 2,500.00 exactly (1,200.00 + 1,300.00) the waiver still holds under B
        EntryComparison edge = EntryComparison.of(VERIFYING, VERIFYING, WhatIf.NONE.withOrigins(origins("CN", "SV")),
                List.of(claiming("1", "GT", "1200"), claiming("2", "CN", "1300")), List.of(), "B");
        assertThat(edge.b().documentsRequired()).isEmpty();
        assertThat(edge.a().totalDuty()).isEqualTo(new BigDecimal("48.10")); // 3.7 % × 1,300.00
        assertThat(edge.b().totalDuty()).isEqualTo(new BigDecimal("0.00"));

        // the other way, GT→CN: the GT claim is dropped, both lines pay the general rate and nothing claims CAFTA-DR
        EntryComparison back = EntryComparison.of(VERIFYING, VERIFYING, WhatIf.NONE.withOrigins(origins("GT", "CN")), entry, List.of(), "B");
        assertThat(back.b().lines()).extracting(l -> l.totalDuty()).containsExactly(new BigDecimal("44.40"), new BigDecimal("74.00"));
        assertThat(back.b().totalDuty()).isEqualTo(new BigDecimal("118.40")); // 3.7 % × 1,200.00 + 3.7 % × 2,000.00
        assertThat(back.b().documentsRequired()).isEmpty();
        assertThat(back.b().lines().get(0).warnings().get(0)).isEqualTo("what-if: origin GT→CN: preference P (CAFTA-DR) dropped: CN is "
                + "not eligible for it on 2026-03-02; assessed without the claim");
    }

    @Test
    void section232OnTheMetalContentFollowsTheMovedOrigin(@TempDir Path tmp) throws Exception {
        // bulldozers 8429.11.00.10 (new), USD 100,000 with USD 40,000 of steel (a Section 232 steel derivative from 2025-08-18):
        // general free; Section 232 on the steel content — 50 % (9903.81.91), the United Kingdom's 25 % (9903.81.98) — and
        // Section 122's 10 % (9903.03.01) on the rest of the value (100,000.00 − 40,000.00 = 60,000.00): 6,000.00;
        // of CN also Section 301 (9903.88.01) 25 % on the full value: 25,000.00. So
        //   GB: 10,000.00 + 6,000.00 = 16,000.00;  DE, GT: 20,000.00 + 6,000.00 = 26,000.00;  CN: 26,000.00 + 25,000.00 = 51,000.00
        Path in = tmp.resolve("in.csv");
        Files.writeString(in, "line_id,hts,origin,entry_date,customs_value,currency,quantity,unit,metal_content_value,preference,export_country\n"
                + "st-1,8429.11.00.10,GB,2026-03-02,100000,USD,1,No.,40000,,\n"
                + "st-2,8429.11.00.10,GT,2026-03-02,100000,USD,1,No.,40000,P,GT\n"
                + "st-3,8429.11.00.10,CN,2026-03-02,100000,USD,1,No.,40000,,\n");
        Comparison.Result r = Comparison.run(VERIFYING, VERIFYING, WhatIf.NONE.withOrigins(origins("GB", "DE", "GT", "CN", "CN", "GB")), in,
                null, 5, false);
        assertThat(r.top()).extracting(Comparison.Line::lineId, Comparison.Line::originB, Comparison.Line::a, Comparison.Line::b,
                        Comparison.Line::change)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("st-3", "GB", "51000.00", "16000.00", "-35000.00"),
                        org.assertj.core.groups.Tuple.tuple("st-2", "CN", "26000.00", "51000.00", "+25000.00"),
                        org.assertj.core.groups.Tuple.tuple("st-1", "DE", "16000.00", "26000.00", "+10000.00"));
        assertThat(r.totalA()).isEqualTo(new BigDecimal("93000.00"));
        assertThat(r.totalB()).isEqualTo(new BigDecimal("93000.00"));
        // the CAFTA-DR claim does not lift Section 232 (it is the GT line's 26,000.00 under A); from CN it is dropped, and its
        // export country (GT, its origin) moves with it: nothing else to say
        assertThat(OriginWhatIfTest.line(r, "st-2").warnings()).filteredOn(w -> w.startsWith("B: what-if"))
                .containsExactly("B: what-if: origin GT→CN: preference P (CAFTA-DR) dropped: CN is not eligible for it on 2026-03-02; "
                        + "assessed without the claim");
    }

    static String bill(String ores) {
        return "{\"agreement\": \"cafta-dr\", \"product\": {\"hts\": \"2846.90.80\", \"adjusted_value\": 10000}, \"materials\": ["
                + "{\"description\": \"rare-earth ores\", \"hts\": \"2530.90\", \"value\": " + ores + ", \"originating\": false, \"country\": \"CN\"}, "
                + "{\"description\": \"rare-earth metals\", \"hts\": \"2805.30\", \"value\": 5000, \"originating\": false, \"country\": \"CN\"}]}";
    }

    @Test
    void theRulesOfOriginDeMinimisIsAppliedToTheBillCheckedUnderB() {
        // GN29n-ch28-r77: a change to heading 2846 from any other heading except 2530.90. The ores (2530.90) fail it; the
        // de minimis of GN 29(e)(i) lets non-originating materials that fail total 10 % of the adjusted value: 1,000.00 of
        // 10,000.00 is 10 % exactly and qualifies, 1,000.01 does not. Under A (CN, not eligible) 3.7 % × 10,000.00 = 370.00.
        WhatIf w = WhatIf.NONE.withOrigins(origins("CN", "GT"));
        Entry at = claiming("1", "CN", "10000").withBom(new Entry.BillOfMaterialsRef("lines[0].bom", bill("1000")));
        Entry over = claiming("2", "CN", "10000").withBom(new Entry.BillOfMaterialsRef("lines[1].bom", bill("1000.01")));
        EntryComparison c = EntryComparison.of(VERIFYING, VERIFYING, w, List.of(at, over), List.of(), "B");
        assertThat(c.lines()).extracting(EntryComparison.Line::a, EntryComparison.Line::b)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(new BigDecimal("370.00"), new BigDecimal("0.00")),
                        org.assertj.core.groups.Tuple.tuple(new BigDecimal("370.00"), new BigDecimal("370.00")));
        assertThat(c.b().lines().get(0).trail()).anyMatch(s -> s.text().contains("by de minimis"));
        assertThat(c.b().lines().get(1).warnings()).anyMatch(x -> x.startsWith("preference P not granted: the goods do not qualify under "
                + "CAFTA-DR") && x.contains("above the 10 % de minimis of GN 29(e)(i)"));
    }
}
