package lodestone.border.bulk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static lodestone.border.bulk.ChunkedBulkTest.ASSESSOR;
import static lodestone.border.bulk.SpreadsheetExportTest.SHORT;
import static lodestone.border.bulk.StrictReaderTest.Rec;
import static lodestone.border.bulk.StrictReaderTest.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values as a spreadsheet displays and saves them — regional dates, date serials, currency signs, grouped digits, HTS codes
 * read as numbers: each a located reject saying what it looks like and what to write (they were "bad date '1/5/2026';
 * expected yyyy-mm-dd", "'$1,234.50' is not a number", "unknown HTS code '2.84691E+09'"). Never read as what it may have
 * meant: 1/5/2026 is 5 January in one country and 1 May in another.
 */
class SpreadsheetValuesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            1/5/2026            | bad date '1/5/2026'; expected yyyy-mm-dd; a regional date: day/month it is 2026-05-01, month/day 2026-01-05; write it as yyyy-mm-dd so that it cannot be read either way
            05/01/2026          | bad date '05/01/2026'; expected yyyy-mm-dd; a regional date: day/month it is 2026-01-05, month/day 2026-05-01; write it as yyyy-mm-dd so that it cannot be read either way
            13/01/2026          | bad date '13/01/2026'; expected yyyy-mm-dd; a regional date (day/month); write it as 2026-01-13
            1/13/26             | bad date '1/13/26'; expected yyyy-mm-dd; a regional date (month/day); write it as 2026-01-13 (a two-digit year read as 2026)
            05.01.2026          | bad date '05.01.2026'; expected yyyy-mm-dd; a regional date: day/month it is 2026-01-05, month/day 2026-05-01; write it as yyyy-mm-dd so that it cannot be read either way
            5/5/2026            | bad date '5/5/2026'; expected yyyy-mm-dd; a regional date; write it as 2026-05-05
            2026-1-5            | bad date '2026-1-5'; expected yyyy-mm-dd; write it with two-digit month and day, separated by '-': 2026-01-05
            2026/01/05          | bad date '2026/01/05'; expected yyyy-mm-dd; write it with two-digit month and day, separated by '-': 2026-01-05
            5-Jan-26            | bad date '5-Jan-26'; expected yyyy-mm-dd; write it as 2026-01-05 (a two-digit year read as 2026)
            05-January-2026     | bad date '05-January-2026'; expected yyyy-mm-dd; write it as 2026-01-05
            46027               | bad date '46027'; expected yyyy-mm-dd; a spreadsheet's date serial number (46027 is 2026-01-05 in Excel's 1900 date system): format the column as yyyy-mm-dd and save again
            2026-01-05 00:00:00 | bad date '2026-01-05 00:00:00'; expected yyyy-mm-dd; a date and time: write the date alone, 2026-01-05
            2026-01-05T10:30    | bad date '2026-01-05T10:30'; expected yyyy-mm-dd; a date and time: write the date alone, 2026-01-05
            20260105            | bad date '20260105'; expected yyyy-mm-dd; write it with '-': 2026-01-05
            2026-02-30          | bad date '2026-02-30'; expected yyyy-mm-dd; 2026-02 has 28 days
            2026-02-29          | bad date '2026-02-29'; expected yyyy-mm-dd; 2026-02 has 28 days
            2100-02-29          | bad date '2100-02-29'; expected yyyy-mm-dd; 2100-02 has 28 days
            2026-04-31          | bad date '2026-04-31'; expected yyyy-mm-dd; 2026-04 has 30 days
            2026-13-01          | bad date '2026-13-01'; expected yyyy-mm-dd; there is no month 13
            2026-00-10          | bad date '2026-00-10'; expected yyyy-mm-dd; there is no month 00
            2026-07-00          | bad date '2026-07-00'; expected yyyy-mm-dd; there is no day 00
            31/02/2026          | bad date '31/02/2026'; expected yyyy-mm-dd
            soon                | bad date 'soon'; expected yyyy-mm-dd
            """)
    void aDateAsASpreadsheetWritesItIsRejectedSayingWhatItLooksLikeAndHowToWriteIt(String date, String reason) throws IOException {
        List<Rec> recs = read((SHORT + "\nL1,2846.90.80.90,CN," + date + ",10000,USD,500,kg\n").getBytes(StandardCharsets.UTF_8),
                BulkAssessment.Format.CSV);
        assertThat(recs).singleElement().satisfies(r -> {
            assertThat(r.entry()).isNull();
            assertThat(r.line()).isEqualTo(2);
            assertThat(r.field()).isEqualTo("entry_date");
            assertThat(r.reason()).isEqualTo(reason);
        });
    }

    @ParameterizedTest
    @CsvSource({"2024-02-29", "2000-02-29", "2028-02-29", "2026-12-31"})
    void aLeapDayAndTheYearsLastDayAreDates(String date) throws IOException {
        List<Rec> recs = read((SHORT + "\nL1,2846.90.80.90,CN," + date + ",10000,USD,500,kg\n").getBytes(StandardCharsets.UTF_8),
                BulkAssessment.Format.CSV);
        assertThat(recs).singleElement().satisfies(r -> {
            assertThat(r.reason()).isNull();
            assertThat(r.entry().entryDate()).hasToString(date);
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            "$1,234.50"  | '$1,234.50' is not a number: a currency sign or code in the amount; write the number alone (the currency column says which), e.g. 1234.50
            $1234.50     | '$1234.50' is not a number: a currency sign or code in the amount; write the number alone (the currency column says which), e.g. 1234.50
            USD 100      | 'USD 100' is not a number: a currency sign or code in the amount; write the number alone (the currency column says which), e.g. 1234.50
            1 234.50     | '1 234.50' is not a number: a space or apostrophe grouping the digits; write numbers without grouping, e.g. 1234.50
            "1 234,50"   | '1 234,50' is not a number: a space or apostrophe grouping the digits; write numbers without grouping, e.g. 1234.50
            1'234.50     | '1'234.50' is not a number: a space or apostrophe grouping the digits; write numbers without grouping, e.g. 1234.50
            (100.00)     | '(100.00)' is not a number: an amount in parentheses is a negative number in accounting format; write it with '-' (amounts here may not be negative)
            10%          | '10%' is not a number: a percent sign; write the number alone
            -            | '-' is not a number: a dash is a spreadsheet's accounting zero; write 0
            " $-   "     | '$-' is not a number: a dash is a spreadsheet's accounting zero; write 0
            ~#####~      | '#####' is not a number: a spreadsheet's error or overflow display (#####), not a value; correct the cell and save again
            ~#VALUE!~    | '#VALUE!' is not a number: a spreadsheet's error or overflow display (#VALUE!), not a value; correct the cell and save again
            "1.234,50"   | '1.234,50' is not a number: ',' found; write numbers without a thousands separator and with '.' as the decimal point (e.g. 10000.00) — docs/bulk-format.md
            ten          | 'ten' is not a number
            １２３４.５０   | '１２３４.５０' is not a number: digits of another script (full-width, as a Japanese input method types them, Arabic-Indic, Devanagari…); write the digits 0-9: 1234.50
            ١٢٣٤.٥٠     | '١٢٣٤.٥٠' is not a number: digits of another script (full-width, as a Japanese input method types them, Arabic-Indic, Devanagari…); write the digits 0-9: 1234.50
            १२३४        | '१२३४' is not a number: digits of another script (full-width, as a Japanese input method types them, Arabic-Indic, Devanagari…); write the digits 0-9: 1234
            """)
    void aValueAsASpreadsheetDisplaysItIsRejectedSayingWhatToWrite(String value, String reason) throws IOException {
        List<Rec> recs = read((SHORT + "\nL1,2846.90.80.90,CN,2026-03-02," + value + ",USD,500,kg\n").getBytes(StandardCharsets.UTF_8),
                BulkAssessment.Format.CSV);
        assertThat(recs).singleElement().satisfies(r -> {
            assertThat(r.field()).isEqualTo("customs_value");
            assertThat(r.reason()).isEqualTo(reason);
        });
        List<Rec> qty = read((SHORT + "\nL1,2846.90.80.90,CN,2026-03-02,100,USD,500 kg,kg\n").getBytes(StandardCharsets.UTF_8),
                BulkAssessment.Format.CSV);
        assertThat(qty.get(0).reason()).isEqualTo("'500 kg' is not a number: a unit or word after the number; write the number alone "
                + "(the unit has its own column)");
    }

    /**
     * An amount a German or Brazilian spreadsheet wrote with '.' grouping thousands: {@code 1.234} was charged as one dollar
     * and 23.4 cents, a thousandth of the goods' value, without a word. Refused where the two readings share one shape and
     * the currency has no third decimal; read as written everywhere else (a Kuwaiti dinar's fils, four integer digits,
     * a leading zero, two decimals, JSON Lines).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            customs_value       | 1.234   | USD | '1.234' reads two ways: 1234 with '.' grouping thousands, or 1.234 USD with '.' as the decimal point, finer than USD's 2 decimals; write 1234 or 1.23 — docs/bulk-format.md
            customs_value       | 100.000 | EUR | '100.000' reads two ways: 100000 with '.' grouping thousands, or 100.000 EUR with '.' as the decimal point, finer than EUR's 2 decimals; write 100000 or 100.00 — docs/bulk-format.md
            customs_value       | 999.995 | USD | '999.995' reads two ways: 999995 with '.' grouping thousands, or 999.995 USD with '.' as the decimal point, finer than USD's 2 decimals; write 999995 or 1000.00 — docs/bulk-format.md
            customs_value       | 12.500  | JPY | '12.500' reads two ways: 12500 with '.' grouping thousands, or 12.500 JPY with '.' as the decimal point, finer than JPY's 0 decimals; write 12500 or 13 — docs/bulk-format.md
            us_content_value    | 1.500   | USD | '1.500' reads two ways: 1500 with '.' grouping thousands, or 1.500 USD with '.' as the decimal point, finer than USD's 2 decimals; write 1500 or 1.50 — docs/bulk-format.md
            customs_value       | +1.234  | USD | '1.234' reads two ways: 1234 with '.' grouping thousands, or 1.234 USD with '.' as the decimal point, finer than USD's 2 decimals; write 1234 or 1.23 — docs/bulk-format.md
            metal_content_value | 2.000   | USD | '2.000' reads two ways: 2000 with '.' grouping thousands, or 2.000 USD with '.' as the decimal point, finer than USD's 2 decimals; write 2000 or 2.00 — docs/bulk-format.md
            """)
    void anAmountThatReadsAsThousandsOrAsAFractionOfACentIsRejectedSayingBoth(String field, String value, String currency,
                                                                            String reason) throws IOException {
        String header = SHORT + ",us_content_value,metal_content_value";
        String values = switch (field) {
            case "customs_value" -> value + "," + currency + ",500,kg,,";
            case "us_content_value" -> "10000," + currency + ",500,kg," + value + ",";
            default -> "10000," + currency + ",500,kg,," + value;
        };
        List<Rec> recs = read((header + "\nL1,2846.90.80.90,CN,2026-03-02," + values + "\nL2,2846.90.80.90,CN,2026-03-02,10000,USD,500,kg,,\n")
                .getBytes(StandardCharsets.UTF_8), BulkAssessment.Format.CSV);
        assertThat(recs).hasSize(2);
        assertThat(recs.get(0).entry()).isNull();
        assertThat(recs.get(0).line()).isEqualTo(2);
        assertThat(recs.get(0).field()).isEqualTo(field);
        assertThat(recs.get(0).reason()).isEqualTo(reason);
        assertThat(recs.get(1).entry()).isNotNull(); // the file goes on
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            1.234    | KWD | 1.234
            0.125    | USD | 0.125
            1234.567 | USD | 1234.567
            1.23     | USD | 1.23
            12.3     | JPY | 12.3
            1.2345   | USD | 1.2345
            """)
    void anAmountWithOneReadingIsReadAsWritten(String value, String currency, String read) throws IOException {
        List<Rec> recs = read((SHORT + "\nL1,2846.90.80.90,CN,2026-03-02," + value + "," + currency + ",500,kg\n")
                .getBytes(StandardCharsets.UTF_8), BulkAssessment.Format.CSV);
        assertThat(recs).singleElement().satisfies(r -> assertThat(r.entry().customsValue().toPlainString()).isEqualTo(read));
        List<Rec> json = read("""
                {"line_id":"L1","hts":"2846.90.80.90","origin":"CN","entry_date":"2026-03-02","customs_value":1.234,"currency":"USD","quantity":500,"unit":"kg"}
                """.getBytes(StandardCharsets.UTF_8), BulkAssessment.Format.JSONL);
        assertThat(json).singleElement().satisfies(r -> assertThat(r.entry().customsValue().toPlainString()).isEqualTo("1.234"));
    }

    @Test
    void digitsGroupedByDotsMoreThanOnceAreRejectedSayingSo() throws IOException {
        List<Rec> recs = read((SHORT + "\nL1,2846.90.80.90,CN,2026-03-02,12.345.678,EUR,500,kg\n").getBytes(StandardCharsets.UTF_8),
                BulkAssessment.Format.CSV);
        assertThat(recs).singleElement().satisfies(r -> assertThat(r.reason()).isEqualTo(
                "'12.345.678' is not a number: '.' grouping the digits by thousands; write numbers without grouping, e.g. 12345678"));
    }

    /**
     * HTS codes read by a spreadsheet as numbers: scientific notation was "unknown HTS code '2.84691E+09'" with nothing
     * more, a chapter 01-09 code without its leading zero was offered the nearest codes of another chapter. Each says what
     * happened; none is read as the code it may have been.
     */
    @Test
    void anHtsCodeASpreadsheetReadAsANumberIsRejectedSayingWhatHappened(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in.csv");
        Files.writeString(in, SHORT + """

                a,2.84691E+09,CN,2026-03-02,1000,USD,10,kg
                b,101210010,MX,2026-03-02,1000,USD,1,No.
                c,2846908090.0,CN,2026-03-02,1000,USD,10,kg
                d,2846908090,CN,2026-03-02,1000,USD,10,kg
                e,1012100,MX,2026-03-02,1000,USD,1,No.
                """);
        Path res = tmp.resolve("res.csv"), rej = tmp.resolve("rej.csv");
        BulkAssessment.run(ASSESSOR, in, res, rej, BulkAssessment.Options.defaults());
        String text = "format the hts column as Text in the spreadsheet, type the code again and save";
        assertThat(Files.readAllLines(rej)).containsExactly("line,line_id,field,reason",
                "2,a,hts,\"unknown HTS code '2.84691E+09': a number in scientific notation, as a spreadsheet shows a long number: "
                        + "the code's digits are lost; " + text + "\"",
                "3,b,hts,\"unknown HTS code '101210010': a code of chapters 01-09 whose leading zero a spreadsheet dropped, reading "
                        + "it as a number? (0101.21.00.10 is in the schedule; it is not assumed); " + text + "\"",
                "4,c,hts,\"unknown HTS code '2846908090.0': a trailing '.0', as a spreadsheet writes a number; " + text
                        + " (2846.90.80.90)\"",
                "6,e,hts,\"unknown HTS code '1012100': a code of chapters 01-09 whose leading zero a spreadsheet dropped, reading "
                        + "it as a number? (0101.21.00 is in the schedule; it is not assumed); " + text + "\"");
    }

    /**
     * An importer's name saved by Excel's plain "CSV (Comma delimited)" on Windows is in Windows-1252: the line is rejected at
     * that field (the bytes could be any code page's; none is guessed), and the reason names the character the byte is in
     * Windows-1252 and the format to save as — it said only "save the file as UTF-8", which the broker believed they had.
     */
    @Test
    void aNameInWindows1252IsALocatedRejectNamingTheCodePage() throws IOException {
        byte[] data = (SHORT + ",importer\nL1,2846.90.80.90,CN,2026-03-02,10000,USD,500,kg,Société Générale\n"
                + "L2,2846.90.80.90,CN,2026-03-02,10000,USD,500,kg,Acme\n").getBytes(java.nio.charset.Charset.forName("windows-1252"));
        List<Rec> recs = read(data, BulkAssessment.Format.CSV);
        assertThat(recs.get(0).field()).isEqualTo("importer");
        assertThat(recs.get(0).lineId()).isEqualTo("L1");
        assertThat(recs.get(0).reason()).isEqualTo("not valid UTF-8 (byte 0xE9 at byte 5); save the file as UTF-8 (0xE9 is 'é' in "
                + "Windows-1252, the code page Excel's plain 'CSV (Comma delimited)' saves in: save as 'CSV UTF-8 (Comma delimited)') "
                + "— docs/bulk-format.md");
        assertThat(recs.get(1).entry()).isNotNull();
        assertThat(EntryFields.windows1252((byte) 0x81)).isNull(); // undefined in Windows-1252: no character named
    }

    /**
     * A customs value of 123,456,789 in a narrow column is displayed 1.23E+08, and a CSV saved from the sheet holds that:
     * it was charged as 123,000,000 without a word. Excel's form (one digit, at most five decimals, E+ and two digits) is a
     * reject; exponents as programs write them are read as before.
     */
    @Test
    void aNumberAsASpreadsheetDisplaysItInScientificNotationIsRejectedNotRounded() throws IOException {
        for (String v : new String[]{"1.23E+08", "1.2E+06", "1.23457E+11", "1E+03"}) {
            List<Rec> recs = read((SHORT + "\nL1,2846.90.80.90,CN,2026-03-02," + v + ",USD,500,kg\n").getBytes(StandardCharsets.UTF_8),
                    BulkAssessment.Format.CSV);
            assertThat(recs).singleElement().satisfies(r -> {
                assertThat(r.field()).isEqualTo("customs_value");
                assertThat(r.reason()).isEqualTo("'" + v + "' is a number as a spreadsheet displays it in scientific notation: the "
                        + "digits beyond those shown are lost; write the number in full (format the column as Number with its "
                        + "decimals, 0.00, and save again) — docs/bulk-format.md");
            });
        }
        // JSON Lines: a JSON number is the number it says (BigDecimal.toString, which Java programs write, gives 1.23E+8 …
        // and 1.2E+10): read, not refused as a spreadsheet's display; the same in a content quantity of a CSV is refused
        for (String v : new String[]{"1.23E+08", "1.2E+10"}) {
            List<Rec> recs = read(("{\"line_id\":\"L1\",\"hts\":\"2846.90.80.90\",\"origin\":\"CN\",\"entry_date\":\"2026-03-02\","
                    + "\"customs_value\":" + v + ",\"currency\":\"USD\",\"quantity\":500,\"unit\":\"kg\"}\n").getBytes(StandardCharsets.UTF_8),
                    BulkAssessment.Format.JSONL);
            assertThat(recs).as(v).singleElement().satisfies(r -> {
                assertThat(r.reason()).as(v).isNull();
                assertThat(r.entry().customsValue()).isEqualByComparingTo(new java.math.BigDecimal(v));
            });
        }
        for (String v : new String[]{"1e3", "2.5E-2", "1.23E+8", "1.2345678E7", "1.234567E+07", "12.5E+03", "1.2e+06", "1.23E+08"}) {
            assertThat(EntryFields.decimal(v.getBytes(StandardCharsets.US_ASCII), 0, v.length(), "x")).as(v)
                    .isEqualByComparingTo(new java.math.BigDecimal(v));
        }
    }

    @Test
    void aUnitAsAnErpSystemExportsItIsReadAsTheUnitItNames() throws IOException {
        String header = "line_id,hts,origin,entry_date,customs_value,currency,quantity,unit,content_quantity,content_unit";
        List<Rec> recs = read((header + "\nL1,2613.90.00.00,CN,2026-03-02,10000,USD,500,KGM,300,KGM Mo\nL2,2613.90.00.00,CN,2026-03-02,10000,USD,0.5,TNE,,"
                + "\nL3,2613.90.00.00,CN,2026-03-02,10000,USD,500,ONZ,,\n").getBytes(StandardCharsets.UTF_8), BulkAssessment.Format.CSV);
        assertThat(recs).hasSize(3);
        assertThat(recs.get(0).entry().unit()).isEqualTo(lodestone.regime.unit.Units.KG);
        assertThat(recs.get(0).entry().contents()).singleElement().satisfies(c -> {
            assertThat(c.unit()).isEqualTo(lodestone.regime.unit.Units.KG);
            assertThat(c.basis()).isEqualTo("Mo");
        });
        assertThat(recs.get(1).entry().unit()).isEqualTo(lodestone.regime.unit.Units.T);
        assertThat(recs.get(2).entry()).isNull();
        assertThat(recs.get(2).field()).isEqualTo("unit");
        assertThat(recs.get(2).reason()).startsWith("unknown unit 'ONZ'; expected one of kg, g, t,");
    }
}
