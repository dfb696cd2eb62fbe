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
import java.time.LocalDate;
import java.util.List;

import static lodestone.border.bulk.ChunkedBulkTest.ASSESSOR;
import static lodestone.border.bulk.ChunkedBulkTest.REGIME;
import static lodestone.border.bulk.OriginWhatIfTest.origins;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a what-if that moves origins assumes of what it does not move, said among side B's warnings rather than assumed
 * quietly: the export country of goods shipped through a third country, a preference claim kept for the new origin,
 * the materials of a bill of materials. Duties worked by hand from the bundled regime, all entered 2026-03-02:
 * <ul>
 *   <li>graphite 2504.10.10.00, USD 10,000: general free; of CN Section 301 (9903.91.06, 25 %) = 2,500.00; of TH or VN
 *       nothing (Section 122 excludes the line): 0.00.</li>
 * </ul>
 */
class OriginWhatIfAssumptionsTest {

    static final LocalDate DAY = LocalDate.parse("2026-03-02");
    /** As every face assesses: preference claims with a bill of materials checked against the regime's rules of origin. */
    static final lodestone.border.Assessor VERIFYING = lodestone.border.origin.PreferenceOriginVerifier.assessorFor(REGIME);

    static Entry graphite(String origin) {
        return Entry.of("2504.10.10.00", origin, DAY, new BigDecimal("10000"), new BigDecimal("10000"), Units.KG);
    }

    // ------------------------------------------------------------------ the export country

    @Test
    void goodsShippedThroughAThirdCountryKeepItsExportCountryAndTheWhatIfSaysSo() {
        WhatIf w = WhatIf.NONE.withOrigins(origins("CN", "TH"));
        // graphite of CN exported from VN (a transshipment): under B goods of TH, still shipped from VN
        WhatIf.Moved m = w.apply(graphite("CN").withExportCountry("VN"), REGIME.geography());
        assertThat(m.entry().origin()).isEqualTo("TH");
        assertThat(m.entry().exportCountry()).isEqualTo("VN");
        assertThat(m.notes()).containsExactly("what-if: origin CN→TH: export country VN kept as declared: assessed as goods of TH "
                + "shipped from VN (the what-if moves where the goods were made, not the route they took; a measure on the country "
                + "of exportation sees VN)");
        // shipped from where they were made: the export country moves with the origin, nothing to say
        WhatIf.Moved direct = w.apply(graphite("CN").withExportCountry("CN"), REGIME.geography());
        assertThat(direct.entry().exportCountry()).isEqualTo("TH");
        assertThat(direct.notes()).isEmpty();
        // shipped from the new origin already (CN exported from TH, moved to TH): made and shipped there, nothing to say
        WhatIf.Moved there = w.apply(graphite("CN").withExportCountry("tha"), REGIME.geography());
        assertThat(there.entry().exportCountry()).isEqualTo("tha");
        assertThat(there.notes()).isEmpty();
        // no export country declared: none assumed
        assertThat(w.apply(graphite("CN"), REGIME.geography()).notes()).isEmpty();
    }

    @Test
    void theKeptExportCountryIsSaidInAFilesWhatIfAndAnEntrysAlike(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in.csv");
        Files.writeString(in, OriginWhatIfTest.HEADER + "gr-1,2504.10.10.00,CN,2026-03-02,10000,USD,10000,kg,,,,VN\n");
        Comparison.Result r = Comparison.run(ASSESSOR, ASSESSOR, WhatIf.NONE.withOrigins(origins("CN", "TH")), in, null, 5, false);
        Comparison.Line gr = OriginWhatIfTest.line(r, "gr-1");
        assertThat(gr.a()).isEqualTo("2500.00"); // Section 301 on graphite of CN: 25 % × 10,000.00
        assertThat(gr.b()).isEqualTo("0.00");    // of TH: general free, Section 122 excludes the line
        String note = "B: what-if: origin CN→TH: export country VN kept as declared: assessed as goods of TH shipped from VN "
                + "(the what-if moves where the goods were made, not the route they took; a measure on the country of exportation sees VN)";
        assertThat(gr.warnings()).contains(note);

        EntryComparison c = EntryComparison.of(ASSESSOR, ASSESSOR, WhatIf.NONE.withOrigins(origins("CN", "TH")),
                List.of(graphite("CN").withExportCountry("VN")), List.of(), "B");
        assertThat(c.difference()).isEqualTo(new BigDecimal("-2500.00"));
        assertThat(c.b().lines().get(0).warnings().get(0)).isEqualTo(note.substring("B: ".length()));
    }
    // ------------------------------------------------------------------ a preference claim kept, and its bill of materials

    /** Rare-earth compounds 2846.90.80: CAFTA-DR rule GN29n-ch28-r77, a change to heading 2846 from any other heading except 2530.90. */
    static final String QUALIFIES = "{\"agreement\": \"cafta-dr\", \"product\": {\"hts\": \"2846.90.80\", \"description\": \"rare-earth compounds\", "
            + "\"adjusted_value\": 10000}, \"materials\": ["
            + "{\"description\": \"rare-earth metals\", \"hts\": \"2805.30\", \"value\": 6000, \"originating\": false, \"country\": \"CN\"}, "
            + "{\"description\": \"reagents\", \"hts\": \"2811.19\", \"value\": 1000, \"originating\": true, \"country\": \"GT\"}]}";
    /** The same good made from rare-earth ores (2530.90): the exception of the rule, 60 % of the value, above the 10 % de minimis. */
    static final String FAILS = "{\"agreement\": \"cafta-dr\", \"product\": {\"hts\": \"2846.90.80\", \"description\": \"rare-earth compounds\", "
            + "\"adjusted_value\": 10000}, \"materials\": ["
            + "{\"description\": \"rare-earth ores\", \"hts\": \"2530.90\", \"value\": 6000, \"originating\": false, \"country\": \"CN\"}]}";

    /** Rare-earth compounds 2846.90.80.90, USD 10,000, 100 kg, claiming P: general 3.7 % = 370.00; CAFTA-DR free. */
    static Entry rareEarths(String id, String origin, String bom) {
        return Entry.of("2846.90.80.90", origin, DAY, new BigDecimal("10000"), new BigDecimal("100"), Units.KG).withLineId(id)
                .withPreference("P").withBom(new Entry.BillOfMaterialsRef("lines[" + (Integer.parseInt(id) - 1) + "].bom", bom));
    }

    static String kept(String from, String to, String file) {
        return "what-if: origin " + from + "→" + to + ": preference P (CAFTA-DR) kept: " + to + " is eligible for it; its bill of materials "
                + file + " checked again under B as declared (the rules of origin turn on the materials, their values and whether each is "
                + "originating, not on which party the good is made in; a bill for production in " + to + ", if its materials differ, "
                + "may decide otherwise)";
    }

    static String materials(String file, String country, String which, String to) {
        return "what-if: bill of materials " + file + ": its materials of " + country + " — " + which + " — checked as declared, from "
                + country + ": the what-if moves the origin of the entry's lines (" + country + "→" + to + "), not of the materials a bill "
                + "names; were they sourced from " + to + " instead, a bill saying so would show whether they are originating";
    }

    @Test
    void aClaimKeptForTheNewOriginHasItsBillCheckedAgainUnderBAndSaysWhatItAssumed() {
        WhatIf w = WhatIf.NONE.withOrigins(origins("GT", "SV", "CN", "GT"));
        List<Entry> entry = List.of(rareEarths("1", "GT", QUALIFIES), rareEarths("2", "CN", QUALIFIES), rareEarths("3", "CN", FAILS));
        EntryComparison c = EntryComparison.of(VERIFYING, VERIFYING, w, entry, List.of(), "B");
        // A: GT qualifies (free); CN is not eligible for CAFTA-DR whatever its bill (general 3.7 % × 10,000.00 = 370.00), twice
        // B: SV qualifies on the same bill (free); GT made from rare-earth metals qualifies (free); GT made from ores does not
        //    (the 2530.90 exception, $6,000.00 = 60 % > 10 % de minimis): 370.00
        assertThat(c.lines()).extracting(EntryComparison.Line::originB, EntryComparison.Line::a, EntryComparison.Line::b)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SV", new BigDecimal("0.00"), new BigDecimal("0.00")),
                        org.assertj.core.groups.Tuple.tuple("GT", new BigDecimal("370.00"), new BigDecimal("0.00")),
                        org.assertj.core.groups.Tuple.tuple("GT", new BigDecimal("370.00"), new BigDecimal("370.00")));
        assertThat(c.a().totalDuty()).isEqualTo(new BigDecimal("740.00"));
        assertThat(c.b().totalDuty()).isEqualTo(new BigDecimal("370.00"));
        assertThat(c.difference()).isEqualTo(new BigDecimal("-370.00"));
        // what B assumed, first among each line's warnings under B
        assertThat(c.b().lines().get(0).warnings()).startsWith(kept("GT", "SV", "lines[0].bom"),
                materials("lines[0].bom", "CN", "rare-earth metals (non-originating)", "GT"),
                materials("lines[0].bom", "GT", "reagents (originating)", "SV"));
        assertThat(c.b().lines().get(1).warnings()).startsWith(kept("CN", "GT", "lines[1].bom"),
                materials("lines[1].bom", "CN", "rare-earth metals (non-originating)", "GT"),
                materials("lines[1].bom", "GT", "reagents (originating)", "SV"));
        // the bill was checked under B: the ores fail the rule there
        assertThat(c.b().lines().get(2).warnings()).startsWith(kept("CN", "GT", "lines[2].bom"),
                materials("lines[2].bom", "CN", "rare-earth ores (non-originating)", "GT"))
                .anyMatch(x -> x.startsWith("preference P not granted: the goods do not qualify under CAFTA-DR: does not qualify under GN29n-ch28-r77"));
        assertThat(c.b().lines().get(1).trail()).anyMatch(s -> s.text().startsWith("origin checked on the bill of materials: qualifies"));
        // nothing of this under A
        assertThat(c.a().warnings()).noneMatch(x -> x.contains("what-if"));
    }

    @Test
    void aLineNotMovedWhoseBillNamesMaterialsOfAMovedCountrySaysTheyAreCheckedAsDeclared() {
        // goods of SV (not moved) made with reagents of GT: the what-if moves GT's goods to CN, not the bill's materials
        WhatIf.Moved m = WhatIf.NONE.withOrigins(origins("GT", "CN")).apply(rareEarths("1", "SV", QUALIFIES), REGIME.geography());
        assertThat(m.entry().origin()).isEqualTo("SV");
        assertThat(m.mapping()).isNull();
        assertThat(m.notes()).containsExactly(materials("lines[0].bom", "GT", "reagents (originating)", "CN"));
        // no claim: the bill is not checked (the assessor says so), so nothing to say of its materials
        assertThat(WhatIf.NONE.withOrigins(origins("GT", "CN")).apply(rareEarths("1", "SV", QUALIFIES).withPreference(null),
                REGIME.geography()).notes()).isEmpty();
        // a claim the line's own origin is not eligible for is refused before its bill is read: nothing to say of the bill
        assertThat(WhatIf.NONE.withOrigins(origins("GT", "SV")).apply(rareEarths("1", "CN", QUALIFIES), REGIME.geography()).notes())
                .isEmpty();
        // a bill that cannot be read is left to the assessor to refuse (under both sides)
        assertThat(WhatIf.NONE.withOrigins(origins("GT", "CN")).apply(rareEarths("1", "SV", "{\"product\": 1}"), REGIME.geography())
                .notes()).isEmpty();
    }

    @Test
    void aClaimKeptWithoutABillIsSaidToBeAssumedNotVerified() {
        Entry moly = Entry.of("2613.10.00.00", "MX", DAY, new BigDecimal("100000"), new BigDecimal("10000"), Units.KG)
                .withContent(new BigDecimal("5500"), Units.KG, "Mo").withPreference("S");
        WhatIf.Moved m = WhatIf.NONE.withOrigins(origins("MX", "CA")).apply(moly, REGIME.geography());
        assertThat(m.entry().preference()).isEqualTo("S");
        assertThat(m.notes()).containsExactly("what-if: origin MX→CA: preference S (USMCA) kept: CA is eligible for it; accepted as "
                + "declared (no bill of materials): the goods are assumed to qualify from CA as they were declared to from MX, not verified");
    }

    // ------------------------------------------------------------------ a country not a party on the line's date

    @Test
    void aClaimDroppedForACountryNotYetAPartySaysOnWhichDateAndAProgramNotInForceSaysSo() {
        // Costa Rica is a CAFTA-DR party from 2009-01-01 (groups.yaml): goods of GT moved to CR on 2008-06-01 lose the claim
        Entry gt = rareEarths("1", "GT", QUALIFIES).withBom(null);
        WhatIf early = WhatIf.on(LocalDate.parse("2008-06-01")).withOrigins(origins("GT", "CR"));
        WhatIf.Moved m = early.apply(gt, REGIME.geography());
        assertThat(m.entry().preference()).isNull();
        assertThat(m.notes()).containsExactly("what-if: origin GT→CR: preference P (CAFTA-DR) dropped: CR is not eligible for it on "
                + "2008-06-01; assessed without the claim");
        // from 2009-01-01 it is: kept
        assertThat(WhatIf.on(LocalDate.parse("2009-01-01")).withOrigins(origins("GT", "CR")).apply(gt, REGIME.geography()).entry()
                .preference()).isEqualTo("P");
        // USMCA is in force from 2020-07-01: on 2019-06-01 no origin is eligible, and the note says that, not that CA is not
        Entry moly = Entry.of("2613.10.00.00", "MX", DAY, new BigDecimal("100000"), new BigDecimal("10000"), Units.KG)
                .withContent(new BigDecimal("5500"), Units.KG, "Mo").withPreference("S");
        WhatIf.Moved usmca = WhatIf.on(LocalDate.parse("2019-06-01")).withOrigins(origins("MX", "CA")).apply(moly, REGIME.geography());
        assertThat(usmca.entry().preference()).isNull();
        assertThat(usmca.notes()).containsExactly("what-if: origin MX→CA: preference S (USMCA) dropped: USMCA is not in force on "
                + "2019-06-01 (from 2020-07-01), whatever the origin; assessed without the claim");
    }

    // ------------------------------------------------------------------ what was prohibited, moved

    static final String REGIONS_KEPT = "B: what-if: origin CN→VN: production regions CN-XJ kept as declared: assessed as goods of VN made "
            + "wholly or in part in CN-XJ (where the goods or their inputs were made does not move with the origin; a measure on "
            + "production regions, as the UFLPA's, still sees them)";

    @Test
    void goodsProhibitedForWhereOrByWhomTheyWereMadeStayProhibitedWhenTheirOriginMovesAndTheWhatIfSaysWhy(@TempDir Path tmp) throws Exception {
        // the bundled regime prohibits no origin as such: the UFLPA blocks goods made in Xinjiang, or by a listed producer,
        // whatever their origin — and neither moves with the origin
        Path in = tmp.resolve("in.csv");
        Files.writeString(in, "line_id,hts,origin,entry_date,customs_value,currency,quantity,unit,producer,production_regions\n"
                + "xj-1,2504.10.10.00,CN,2026-03-02,10000,USD,10000,kg,,CN-XJ\n"
                + "xj-2,2504.10.10.00,VN,2026-03-02,10000,USD,10000,kg,,CN-XJ\n"
                + "pr-1,2504.10.10.00,CN,2026-03-02,10000,USD,10000,kg,\"Xinjiang Zhongtai Chemical Co., Ltd.\",\n"
                + "vn-1,2504.10.10.00,VN,2026-03-02,10000,USD,10000,kg,,\n");
        Comparison.Result r = Comparison.run(ASSESSOR, ASSESSOR, WhatIf.NONE.withOrigins(origins("CN", "VN", "VN", "CN")), in, null, 10, false);
        // moved there and back, the Xinjiang goods and the listed producer's are prohibited under both sides
        assertThat(r.notComparable()).isEqualTo(3);
        assertThat(r.firstNotComparable()).extracting(Comparison.NotComparable::lineId).containsExactly("xj-1", "xj-2", "pr-1");
        assertThat(r.firstNotComparable()).allMatch(n -> n.reason().startsWith("prohibited: us-uflpa: ") && n.reason().endsWith("(under both)"));
        assertThat(r.warningSummary()).contains(REGIONS_KEPT + " (1 line)",
                "B: what-if: origin VN→CN: production regions CN-XJ kept as declared: assessed as goods of CN made wholly or in part in "
                        + "CN-XJ (where the goods or their inputs were made does not move with the origin; a measure on production regions, "
                        + "as the UFLPA's, still sees them) (1 line)",
                "B: what-if: origin CN→VN: the declared producer kept: assessed as goods of VN made "
                        + "by the same producer (a measure on the producer, as the UFLPA Entity List, still sees it) (1 line)");
        // allowed goods of VN moved to CN pay China's Section 301 (25 % × 10,000.00) and are warned of Xinjiang: not prohibited
        Comparison.Line vn = OriginWhatIfTest.line(r, "vn-1");
        assertThat(vn.a()).isEqualTo("0.00");
        assertThat(vn.b()).isEqualTo("2500.00");
        assertThat(vn.warnings()).anyMatch(w -> w.startsWith("B: production regions not declared: us-uflpa blocks goods made wholly or in part in CN-XJ"));
    }

    @Test
    void producersKeptAreOneWarningOfAFileHoweverManyTheyAre(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in.csv");
        Files.writeString(in, "line_id,hts,origin,entry_date,customs_value,currency,quantity,unit,producer\n"
                + "a,2504.10.10.00,CN,2026-03-02,10000,USD,10000,kg,Alpha Graphite Ltd.\n"
                + "b,2504.10.10.00,CN,2026-03-02,10000,USD,10000,kg,Beta Carbon Co.\n");
        Comparison.Result r = Comparison.run(ASSESSOR, ASSESSOR, WhatIf.NONE.withOrigins(origins("CN", "VN")), in, null, 10, false);
        assertThat(r.warningSummary()).contains("B: what-if: origin CN→VN: the declared producer kept: assessed as goods of VN made by "
                + "the same producer (a measure on the producer, as the UFLPA Entity List, still sees it) (2 lines)");
        assertThat(r.totalA()).isEqualTo(new BigDecimal("5000.00")); // Section 301 on graphite of CN: 2 × 25 % × 10,000.00
        assertThat(r.totalB()).isEqualTo(new BigDecimal("0.00"));
    }
}
