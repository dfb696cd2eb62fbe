package lodestone.border.bulk;

import lodestone.border.Assessment;
import lodestone.border.Entry;
import lodestone.border.WhatIf;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static lodestone.border.bulk.ChunkedBulkTest.ASSESSOR;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A currency the source quotes as units per US dollar is converted by dividing by that rate as quoted. Reported by a customs
 * broker's review: the regime held the Japanese yen of March 2026 (FRED EXJPUS, 158.683 JPY per USD) as 0.00630188 USD per
 * JPY, the inversion rounded to six digits (1/158.683 = 0.0063018723…): JPY 1,000,000,000 came to $6,301,880.00 where
 * 1,000,000,000 / 158.683 = 6,301,872.2862… is $6,301,872.29 — $7.71 of customs value off, without a word. The single
 * assessment, the bulk path and the what-if give the exact quotient, rounded once to the cent.
 */
class QuotedRateConversionTest {
    static final BigDecimal YEN = new BigDecimal("1000000000");
    /** 1,000,000,000 / 158.683 rounded once to the cent (half up, as every amount is). */
    static final BigDecimal VALUE_USD = YEN.divide(new BigDecimal("158.683"), 2, RoundingMode.HALF_UP);

    static Entry yen(String entered) {
        return Entry.of("8101.96.00.00", "JP", LocalDate.parse(entered), YEN, new BigDecimal("100"), Units.KG).withCurrency("JPY");
    }

    @Test
    void theSingleAssessmentDividesByTheRateAsQuoted() {
        assertThat(VALUE_USD).isEqualByComparingTo("6301872.29");
        Assessment a = ASSESSOR.assess(yen("2026-03-16"));
        assertThat(a.customsValueUsd()).isEqualByComparingTo("6301872.29");
        assertThat(a.trail()).filteredOn(t -> t.id().equals("fx")).singleElement().satisfies(t -> assertThat(t.text())
                .isEqualTo("customs value JPY 1,000,000,000 ÷ 158.683 JPY per USD (the monthly average for 2026-03, FRED; the "
                        + "rate for the entry date: no loaded date declared, and 19 CFR 159.32 converts at the date of exportation) "
                        + "= $6,301,872.29"));
        // general 4.4 % of $6,301,872.29 = $277,282.38076 -> $277,282.38; Section 122 10 % = $630,187.229 -> $630,187.23
        // (at 0.00630188: $277,282.72 and $630,188.00, $907,470.72)
        assertThat(a.charges()).extracting(c -> c.id() + " " + c.amount()).containsExactly("general 277282.38", "9903.03.01 630187.23");
        assertThat(a.totalDuty()).isEqualByComparingTo("907469.61");
    }

    @Test
    void theBulkPathGivesTheSameFigures(@TempDir Path dir) throws IOException {
        Assessment single = ASSESSOR.assess(yen("2026-03-16"));
        Path in = Files.writeString(dir.resolve("in.csv"), "line_id,hts,origin,entry_date,customs_value,currency,quantity,unit\n"
                + "J1,8101.96.00.00,JP,2026-03-16,1000000000,JPY,100,kg\n");
        Path out = dir.resolve("out.csv");
        BulkAssessment.Summary s = BulkAssessment.run(ASSESSOR, in, out, dir.resolve("rej.csv"), BulkAssessment.Options.defaults());
        assertThat(s.assessed()).isEqualTo(1);
        assertThat(s.totalDuty()).isEqualByComparingTo(single.totalDuty());
        String row = Files.readAllLines(out).get(1);
        // landed cost: the customs value in dollars and the duty
        assertThat(row).startsWith("J1,assessed," + single.totalDuty().toPlainString() + ",USD,")
                .contains("," + VALUE_USD.add(single.totalDuty()).toPlainString() + ",");
        assertThat(ASSESSOR.assessBulk(yen("2026-03-16")).customsValueUsd()).isEqualByComparingTo("6301872.29");
    }

    @Test
    void theWhatIfConvertsSideBAtTheRateAsQuoted(@TempDir Path dir) throws IOException {
        // re-dated from February to 2026-03-16, side B is converted at March's 158.683 JPY per USD: the figures above
        Path in = Files.writeString(dir.resolve("in.csv"), "line_id,hts,origin,entry_date,customs_value,currency,quantity,unit\n"
                + "J1,8101.96.00.00,JP,2026-02-16,1000000000,JPY,100,kg\n");
        Comparison.Result r = Comparison.run(ASSESSOR, ASSESSOR, WhatIf.on(LocalDate.parse("2026-03-16")), in, null, 10, false);
        assertThat(r.totalB()).isEqualByComparingTo(ASSESSOR.assess(yen("2026-03-16")).totalDuty()).isEqualByComparingTo("907469.61");
    }

    /**
     * Both quotes, each exact: a table may give a rate as units per dollar (divided by) or as dollars per unit (multiplied by),
     * one a row. The trail shows the declared amount with its currency's decimals (reported by the same review: KWD, a
     * three-decimal currency, and JPY, with none, were shown with two).
     */
    @Test
    void eitherQuoteConvertsExactlyAndTheTrailShowsTheCurrencysDecimals(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("regime.yaml"), "id: two-quotes\nextends: bundled\nfiles: {fx-rates: fx.csv}\n");
        Files.writeString(dir.resolve("fx.csv"), "date,currency,units_per_usd,usd_per_unit,observation,source\n"
                + "2026-03-01,KWD,0.3071,,monthly_average,test\n2026-03-01,EUR,,1.16,monthly_average,test\n");
        lodestone.border.Assessor law = lodestone.border.Assessor.compile(lodestone.regime.Regime.load(dir));
        Entry kwd = Entry.of("8101.96.00.00", "DE", LocalDate.parse("2026-03-16"), new BigDecimal("1250.5"), new BigDecimal("100"),
                Units.KG).withCurrency("KWD");
        Assessment k = law.assess(kwd);
        // 1,250.5 / 0.3071 = 4,071.9635… -> $4,071.96
        assertThat(k.customsValueUsd()).isEqualByComparingTo("4071.96");
        assertThat(fx(k)).startsWith("customs value KWD 1,250.500 ÷ 0.3071 KWD per USD (the monthly average for 2026-03, test;")
                .endsWith(") = $4,071.96");
        assertThat(law.assessBulk(kwd).totalDuty()).isEqualByComparingTo(k.totalDuty());
        Assessment e = law.assess(kwd.withCurrency("EUR"));
        // 1,250.5 × 1.16 = 1,450.58
        assertThat(e.customsValueUsd()).isEqualByComparingTo("1450.58");
        assertThat(fx(e)).startsWith("customs value EUR 1,250.50 × 1.16 USD per EUR (the monthly average for 2026-03, test;")
                .endsWith(") = $1,450.58");
    }

    static String fx(Assessment a) {
        return a.trail().stream().filter(t -> t.id().equals("fx")).findFirst().orElseThrow().text();
    }
}
