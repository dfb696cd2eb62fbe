package lodestone.border.bulk;

import lodestone.border.Assessor;
import lodestone.border.Entry;
import lodestone.regime.Regime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bulk reader is strict: each failure reported on issue 12 (a careless user's and a fuzzer's
 * files) is a located reject here, the file goes on after it, and nothing is ever shifted or dropped.
 */
class StrictReaderTest {
    static final String HEADER = "line_id,hts,origin,entry_date,customs_value,currency,quantity,unit,content_quantity,content_unit,"
            + "documents,preference,loaded_date,us_content_value,metal_content_value,producer";
    static final String COPPER = "copper-1,7408.11.60.00,CL,2026-03-02,10000,USD,1000,kg,,,,,,,8000,";
    static final String REE = "ree-2,2846.90.80.90,CN,2026-03-02,10000,USD,500,kg,,,,,,,,";
    static final Assessor ASSESSOR = ChunkedBulkTest.ASSESSOR;

    @TempDir
    Path dir;

    /** One record as the reader sees it. */
    record Rec(long line, Entry entry, String lineId, String field, String reason) { }

    static List<Rec> read(byte[] data, BulkAssessment.Format f) throws IOException {
        List<Rec> out = new ArrayList<>();
        try (BulkReader r = BulkReader.open(new ByteArrayInputStream(data), f, "t", false)) {
            while (r.next()) out.add(new Rec(r.line(), r.entry(), r.lineId(), r.rejectField(), r.rejectReason()));
        }
        return out;
    }

    static List<Rec> csv(String... lines) throws IOException {
        return read((HEADER + "\n" + String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8), BulkAssessment.Format.CSV);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) o.writeBytes(p);
        return o.toByteArray();
    }

    @Test
    void anUnterminatedQuoteRejectsItsLineOnlyAndTheNextLineIsReadAfresh() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 40; i++) lines.add(i == 5 ? "q-5,\"2846.90.80.90,CN,2026-03-02,10000,USD,500,kg,,,,,,,," : REE.replace("ree-2", "r-" + i));
        List<Rec> recs = csv(lines.toArray(String[]::new));
        assertThat(recs).hasSize(40);
        Rec bad = recs.get(4);
        assertThat(bad.line()).isEqualTo(6); // the header is line 1
        assertThat(bad.field()).isEqualTo("hts");
        assertThat(bad.reason()).startsWith("unterminated quote");
        assertThat(bad.lineId()).isEqualTo("q-5");
        assertThat(recs).filteredOn(r -> r.entry() != null).hasSize(39);
        assertThat(recs.get(5).entry().lineId()).isEqualTo("r-6");
        // and a quote spanning two lines: both lines are judged on their own
        List<Rec> span = csv("a,\"2846.90.80.90", "\",CN,2026-03-02,10000,USD,500,kg,,,,,,,,", REE);
        assertThat(span).extracting(Rec::field).containsExactly("hts", "line_id", null);
        assertThat(span.get(1).reason()).startsWith("unterminated quote");
    }

    @Test
    void aContentBasisGivenTwiceIsARejectNeverADroppedQuantity() throws IOException {
        // reported: '5500;200' of 'kg Mo;kg Mo' was charged on 5,500 kg Mo, the 200 dropped without a word
        String twice = "mo-1,2613.10.00.00,CL,2026-03-02,100000,USD,10000,kg,5500;200,kg Mo;kg Mo,,,,,,";
        String spelt = "mo-2,2613.10.00.00,CL,2026-03-02,100000,USD,10000,kg,5500;200,kg Mo;MO t,,,,,,";
        String two = "mo-3,2613.10.00.00,CL,2026-03-02,100000,USD,10000,kg,5500;200,kg Mo;kg Cu,,,,,,";
        List<Rec> recs = csv(twice, spelt, two);
        assertThat(recs.get(0).entry()).isNull();
        assertThat(recs.get(0).field()).isEqualTo("content_unit");
        assertThat(recs.get(0).reason()).isEqualTo("the content basis 'Mo' is given twice ('kg Mo' and 'kg Mo'); declare each basis once, "
                + "with its total quantity");
        assertThat(recs.get(1).reason()).isEqualTo("the content basis 'MO' is given twice ('kg Mo' and 'MO t'); declare each basis once, "
                + "with its total quantity");
        // two bases are two contents
        assertThat(recs.get(2).entry().contents()).hasSize(2);
    }

    @Test
    void anExtraFieldIsARejectNeverAShift() throws IOException {
        // the case: one extra field moved the metal-content value 8000 to 3000 (duty 2,500 instead of 4,500)
        String shifted = COPPER.replace(",8000,", ",3000,8000,");
        List<Rec> recs = csv(COPPER, shifted);
        assertThat(recs.get(0).entry().metalContentValue()).isEqualByComparingTo("8000");
        assertThat(recs.get(1).entry()).isNull();
        assertThat(recs.get(1).field()).isEqualTo("line");
        assertThat(recs.get(1).reason()).startsWith("17 fields where the header has 16: an extra field is never dropped or shifted");
        assertThat(recs.get(1).lineId()).isEqualTo("copper-1");
        // a missing field too
        List<Rec> fewer = csv(COPPER.substring(0, COPPER.length() - 1));
        assertThat(fewer.get(0).reason()).startsWith("15 fields where the header has 16");
    }

    @Test
    void invalidUtf8IsARejectOfItsFieldAndTheFileGoesOn() throws IOException {
        byte[] data = concat((HEADER + "\n").getBytes(StandardCharsets.UTF_8),
                "bad-utf8,2846.90.80.90,CN,2026-03-02,10000,USD,500,kg,,,,,,,,Soci".getBytes(StandardCharsets.UTF_8),
                new byte[]{(byte) 0xE9}, "t\u00e9\n".getBytes(StandardCharsets.UTF_8), (REE + "\n").getBytes(StandardCharsets.UTF_8));
        List<Rec> recs = read(data, BulkAssessment.Format.CSV);
        assertThat(recs).hasSize(2);
        assertThat(recs.get(0).field()).isEqualTo("producer");
        assertThat(recs.get(0).reason()).startsWith("not valid UTF-8 (byte 0xE9 at byte 5)");
        assertThat(recs.get(0).lineId()).isEqualTo("bad-utf8");
        assertThat(recs.get(1).entry().lineId()).isEqualTo("ree-2");
        // the well-formed é after it is fine
        assertThat(csv(REE.replace(",,,,,,,,", ",,,,,,,,Soci\u00e9t\u00e9")).get(0).entry().producer()).isEqualTo("Soci\u00e9t\u00e9");
    }

    @Test
    void aQuoteOpeningAFieldIsReadAsAQuotedValueOrRejected() throws IOException {
        List<Rec> recs = csv("\"q,1\",2846.90.80.90,CN,2026-03-02,10000,USD,500,kg,,,,,,,,\"A \"\"B\"\" Co\"",
                "q2,\"2846.90.80.90\"x,CN,2026-03-02,10000,USD,500,kg,,,,,,,,", "q3,28\"46,CN,2026-03-02,10000,USD,500,kg,,,,,,,,");
        assertThat(recs.get(0).entry().lineId()).isEqualTo("q,1");
        assertThat(recs.get(0).entry().producer()).isEqualTo("A \"B\" Co");
        assertThat(recs.get(1).field()).isEqualTo("hts");
        assertThat(recs.get(1).reason()).startsWith("text after the closing quote");
        assertThat(recs.get(2).field()).isEqualTo("hts");
        assertThat(recs.get(2).reason()).startsWith("a '\"' inside an unquoted value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999999999", "1e400", "10e-999999999", "1E16", "1000000000000000", "0.0000000001", "-1e400"})
    void numbersOutOfBoundsAreLocatedRejects(String v) throws IOException {
        List<Rec> recs = csv(REE.replace(",10000,", "," + v + ","), REE);
        assertThat(recs.get(0).field()).isEqualTo("customs_value");
        assertThat(recs.get(0).reason()).startsWith("'" + v + "' is out of bounds: ")
                .endsWith("numbers must be below 10^15 with at most 9 decimal places — docs/bulk-format.md");
        assertThat(recs.get(1).entry()).isNotNull();
        // the same words from JSON Lines (a JSON number) and from the API's path (named strings)
        List<Rec> j = read(("{\"line_id\":\"j\",\"hts\":\"2846.90.80.90\",\"origin\":\"CN\",\"entry_date\":\"2026-03-02\",\"customs_value\":"
                + v + ",\"currency\":\"USD\",\"quantity\":500,\"unit\":\"kg\"}\n").getBytes(StandardCharsets.UTF_8), BulkAssessment.Format.JSONL);
        assertThat(j.get(0).reason()).isEqualTo(recs.get(0).reason());
        assertThatThrownBy(() -> new EntryFields().parse(n -> switch (n) {
            case "hts" -> "2846.90.80.90";
            case "origin" -> "CN";
            case "entry_date" -> "2026-03-02";
            case "customs_value" -> v;
            case "currency" -> "USD";
            case "quantity" -> "1";
            case "unit" -> "kg";
            default -> null;
        }, 1)).hasMessage(recs.get(0).reason());
    }

    @Test
    void numbersWithinTheBoundsAreExactlyWhatBigDecimalReads() throws IOException {
        for (String v : new String[]{"0", "0.00", "10000.00", "999999999999999.999999999", "1e3", "2.5E-2", "+7", "-0", "5.", ".5",
                "12345678901234.123456789", "0001.10"}) {
            BigDecimal got = EntryFields.decimal(v.getBytes(StandardCharsets.US_ASCII), 0, v.length(), "x");
            BigDecimal want = new BigDecimal(v);
            assertThat(got.unscaledValue()).as(v).isEqualTo(want.unscaledValue());
            assertThat(got.scale()).as(v).isEqualTo(want.scale());
        }
    }

    @Test
    void aSemicolonDelimitedFileIsToldSo() throws IOException {
        Path in = dir.resolve("semi.csv");
        Files.writeString(in, HEADER.replace(',', ';') + "\n" + REE.replace(',', ';') + "\n");
        assertThatThrownBy(() -> BulkAssessment.run(ASSESSOR, in, dir.resolve("o.csv"), null, BulkAssessment.Options.defaults()))
                .isInstanceOf(BulkAssessment.BulkFileException.class)
                .hasMessageStartingWith(in + ":1: ';' found where ',' was expected: bulk CSV files are comma-separated")
                .hasMessageEndingWith("docs/bulk-format.md");
        assertThat(dir.resolve("o.csv")).doesNotExist();
        // a ';' line under a comma header
        List<Rec> recs = csv(REE.replace(',', ';'));
        assertThat(recs.get(0).reason()).isEqualTo("1 field where the header has 16; ';' found where ',' was expected — "
                + "fields are separated by ',' (docs/bulk-format.md)");
    }

    @Test
    void aThousandsSeparatorIsToldSo() throws IOException {
        List<Rec> recs = csv(REE.replace(",10000,", ",10,000.00,"), REE.replace(",10000,", ",\"10,000.00\","));
        assertThat(recs.get(0).field()).isEqualTo("line");
        assertThat(recs.get(0).reason()).isEqualTo("17 fields where the header has 16: an extra field is never dropped or shifted; "
                + "a number with a thousands separator (e.g. 10,000.00) splits into two fields: write numbers without grouping "
                + "(10000.00) — docs/bulk-format.md");
        assertThat(recs.get(1).field()).isEqualTo("customs_value");
        assertThat(recs.get(1).reason()).isEqualTo("'10,000.00' is not a number: ',' found; write numbers without a thousands "
                + "separator and with '.' as the decimal point (e.g. 10000.00) — docs/bulk-format.md");
    }

    @Test
    void jsonLinesAreStrictToo() throws IOException {
        String ok = "{\"line_id\":\"j1\",\"hts\":\"2846.90.80.90\",\"origin\":\"CN\",\"entry_date\":\"2026-03-02\",\"customs_value\":10000.00,"
                + "\"currency\":\"USD\",\"quantity\":500,\"unit\":\"kg\",\"documents\":[\"a\",\"b\"],\"producer\":\"Caf\\u00e9 \\\"X\\\"\"}";
        String j6 = ok.replace("\"j1\"", "\"j6\"");
        byte[] data = concat((ok + "\n").getBytes(StandardCharsets.UTF_8),
                (ok.replace("\"producer\"", "\"prodcuer\"") + "\n").getBytes(StandardCharsets.UTF_8),
                (ok.replace("\"unit\":\"kg\"", "\"unit\":\"kg\",\"unit\":\"t\"") + "\n").getBytes(StandardCharsets.UTF_8),
                (ok + " x\n").getBytes(StandardCharsets.UTF_8),
                (ok.replace("Caf", "C\"af") + "\n").getBytes(StandardCharsets.UTF_8),
                j6.substring(0, j6.indexOf("\"unit\":\"k") + 9).getBytes(StandardCharsets.UTF_8), new byte[]{(byte) 0xFF},
                (j6.substring(j6.indexOf("\"unit\":\"k") + 9) + "\n").getBytes(StandardCharsets.UTF_8),
                (ok.replace("10000.00", "true") + "\n").getBytes(StandardCharsets.UTF_8),
                "[1,2]\n".getBytes(StandardCharsets.UTF_8),
                (ok.replace("\"CN\"", "\"C\\uD800N\"") + "\n").getBytes(StandardCharsets.UTF_8));
        List<Rec> r = read(data, BulkAssessment.Format.JSONL);
        assertThat(r).hasSize(9);
        assertThat(r.get(0).entry().producer()).isEqualTo("Caf\u00e9 \"X\"");
        assertThat(r.get(0).entry().customsValue()).isEqualTo(new BigDecimal("10000.00"));
        assertThat(r.get(0).entry().documents()).containsExactlyInAnyOrder("a", "b");
        assertThat(r.get(1)).extracting(Rec::field, Rec::lineId).containsExactly("prodcuer", "j1");
        assertThat(r.get(1).reason()).startsWith("unknown field;");
        assertThat(r.get(2)).extracting(Rec::field, Rec::reason).containsExactly("unit", "duplicate field");
        assertThat(r.get(3).reason()).startsWith("text after the JSON object");
        assertThat(r.get(4).field()).isEqualTo("line");
        assertThat(r.get(5)).extracting(Rec::field, Rec::lineId).containsExactly("unit", "j6");
        assertThat(r.get(5).reason()).startsWith("not valid UTF-8");
        assertThat(r.get(6).reason()).startsWith("expected a string or number, found true at column");
        assertThat(r.get(7).reason()).startsWith("not a JSON object");
        assertThat(r.get(8).field()).isEqualTo("origin");
        assertThat(r.get(8).reason()).startsWith("a lone surrogate escape");
        for (Rec x : r) assertThat(x.line()).isBetween(1L, 9L);
    }

    @Test
    void aControlCharacterAtEitherEndOfAValueIsRejectedNotTrimmedAway() throws IOException {
        // reported: a NUL or an escape at a value's start or end was trimmed off like a space, so "CN" + NUL was assessed as
        // CN and a producer's name behind U+0001 was matched against the entity list; spaces and tabs are still trimmed
        List<Rec> r = csv(REE.replace("ree-2,", "c1\u0000,"), REE.replace(",CN,", ",CN\u0000,"),
                REE.replace(",10000,", ",10000\u001b,"), REE.replace("ree-2,", "\u001b[2Jc6,"),
                REE.substring(0, REE.length() - 1) + ",\u0001Xinjiang Zhongtai Chemical Co. Ltd.\u0000",
                REE.replace(",CN,", ", \tCN\t ,").replace("ree-2,", "  ok-1\t,"));
        assertThat(r).hasSize(6);
        assertThat(r.subList(0, 5)).extracting(Rec::field).containsExactly("line_id", "origin", "customs_value", "line_id", "producer");
        for (Rec x : r.subList(0, 5)) {
            assertThat(x.entry()).isNull();
            assertThat(x.reason()).startsWith("control character U+00");
        }
        assertThat(r.get(5).entry()).isNotNull();
        assertThat(r.get(5).entry().origin()).isEqualTo("CN");
        assertThat(r.get(5).entry().lineId()).isEqualTo("ok-1");
        String j = "{\"line_id\":\"e4\\u0000\",\"hts\":\"2846.90.80.90\",\"origin\":\"CN\",\"entry_date\":\"2026-03-02\","
                + "\"customs_value\":10000,\"currency\":\"USD\",\"quantity\":500,\"unit\":\"kg\"}";
        List<Rec> jr = read((j + "\n" + j.replace("e4\\u0000", "e5").replace("\"kg\"}", "\"kg\",\"importer\":\"\\u001b[31mred\"}") + "\n")
                .getBytes(StandardCharsets.UTF_8), BulkAssessment.Format.JSONL);
        assertThat(jr).extracting(Rec::field).containsExactly("line_id", "importer");
        assertThat(jr).allMatch(x -> x.entry() == null && x.reason().startsWith("control character U+00"));
        // the API's and the single assessment's parser is the same
        assertThatThrownBy(() -> new EntryFields().parse(k -> switch (k) {
            case "hts" -> "2846.90.80.90";
            case "origin" -> "CN";
            case "entry_date" -> "2026-03-02";
            case "customs_value" -> "10000";
            case "currency" -> "USD";
            case "quantity" -> "500";
            case "unit" -> "kg";
            case "producer" -> "\u0001x";
            default -> null;
        }, 1)).hasMessageContaining("control character U+0001");
    }

    @Test
    void valuesThatContradictTheLineAreRejectedNotCapped() throws IOException {
        // COPPER declares metal_content_value 8000 of a customs value of 10000
        List<Rec> r = csv(COPPER, COPPER.replace(",8000,", ",20000,"), COPPER.replace(",,,,,8000,", ",,,,20000,,"),
                COPPER.replace(",,,,,8000,", ",,,,10000,10000,"), COPPER.replace(",,,,,8000,", ",,,2026-03-05,,8000,"),
                COPPER.replace(",,,,,8000,", ",,,2026-03-02,,8000,"));
        assertThat(r.get(0).entry()).isNotNull();
        assertThat(r.get(1)).extracting(Rec::field, Rec::reason).containsExactly("metal_content_value",
                "metal-content value 20000 is more than the customs value 10000 (both USD)");
        assertThat(r.get(2)).extracting(Rec::field, Rec::reason).containsExactly("us_content_value",
                "US-content value 20000 is more than the customs value 10000 (both USD)");
        assertThat(r.get(3).entry()).isNotNull(); // equal to the customs value: not a contradiction
        assertThat(r.get(4)).extracting(Rec::field, Rec::reason).containsExactly("loaded_date",
                "loaded on 2026-03-05, after the entry date 2026-03-02; goods are loaded for export before they are entered");
        assertThat(r.get(5).entry()).isNotNull(); // loaded on the day of entry
        List<Rec> c = csv("m1,2613.10.00.00,CN,2026-03-02,100000,USD,10000,kg,5500,kg Mo,,,,,,",
                "m2,2613.10.00.00,CN,2026-03-02,100000,USD,10000,kg,50000,kg Mo,,,,,,",
                "m3,2613.10.00.00,CN,2026-03-02,100000,USD,10,t,10000,kg Mo,,,,,,");
        assertThat(c.get(0).entry()).isNotNull();
        assertThat(c.get(1)).extracting(Rec::field, Rec::reason).containsExactly("content_quantity",
                "content 50000 kg Mo is more than the line's quantity 10000 kg");
        assertThat(c.get(2).entry()).isNotNull(); // 10,000 kg in 10 t: equal, converted
    }

    @Test
    void aLineLongerThanTheBoundIsRejectedAndSkippedAndValuesHaveTheirBounds() throws IOException {
        String huge = REE.replace(",,,,,,,,", ",,,,,,,," + "x".repeat(BulkReader.MAX_LINE_BYTES + 10));
        List<Rec> recs = csv(huge, REE, REE.replace(",,,,,,,,", ",,,,,,,," + "y".repeat(300)));
        assertThat(recs).hasSize(3);
        assertThat(recs.get(0)).extracting(Rec::line, Rec::field).containsExactly(2L, "line");
        assertThat(recs.get(0).reason()).startsWith("longer than 65536 bytes");
        assertThat(recs.get(1).entry()).isNotNull();
        assertThat(recs.get(2)).extracting(Rec::field, Rec::reason).containsExactly("producer", "longer than 256 bytes (300); see docs/bulk-format.md");
    }

    @Test
    void blankLinesCrlfAndAByteOrderMarkAreFine() throws IOException {
        byte[] data = concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                (HEADER + "\r\n\r\n" + REE + "\r\n   \r\n" + COPPER).getBytes(StandardCharsets.UTF_8));
        List<Rec> recs = read(data, BulkAssessment.Format.CSV);
        assertThat(recs).extracting(Rec::line).containsExactly(3L, 5L);
        assertThat(recs).allSatisfy(r -> assertThat(r.entry()).isNotNull());
    }

    /** Issue 18, the bulk reader's part: a column not in the format refuses the file before anything is read, naming it. */
    @Test
    void anUnknownOptionalColumnRefusesTheFileWithItsLocationUnlessIgnoredOnPurpose() throws IOException {
        byte[] data = (HEADER + ",exporter\n" + REE + ",Acme\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> read(data, BulkAssessment.Format.CSV))
                .isInstanceOf(BulkAssessment.BulkFileException.class)
                .hasMessageStartingWith("t:1: unknown column(s) exporter; expected only line_id,hts,")
                .hasMessageEndingWith("(or pass --ignore-unknown)");
        try (BulkReader r = BulkReader.open(new ByteArrayInputStream(data), BulkAssessment.Format.CSV, "t", true)) {
            assertThat(r.next()).isTrue();
            assertThat(r.entry()).isNotNull();
            assertThat(r.entry().producer()).isNull(); // the ignored column's value went nowhere else
        }
        // and through the command line's entry point: no output file is left behind
        Path in = dir.resolve("in.csv");
        Files.write(in, data);
        Path out = dir.resolve("out.csv");
        assertThatThrownBy(() -> BulkAssessment.run(ASSESSOR, in, out, null, BulkAssessment.Options.defaults()))
                .hasMessageContaining(in + ":1: unknown column(s) exporter");
        assertThat(out).doesNotExist();
    }

    /**
     * A spreadsheet's header in other case ("Line_ID,HTS,…,Preference") names the format's columns: it was refused as
     * lacking every required column, and with --ignore-unknown a "Preference" column was dropped without a word, the
     * CL claim lost and the general rate charged.
     */
    @Test
    void headerNamesMatchIgnoringCaseSoNoColumnIsSilentlyDropped() throws IOException {
        String header = "Line_ID,HTS,Origin,Entry_Date,Customs_Value,Currency,Quantity,Unit,Preference,exporter";
        byte[] data = (header + "\nli-1,2836.91.00.50,CL,2026-03-02,100000,USD,10000,kg,CL,Acme\n"
                + "li-2,2836.91.00.50,CL,2026-3-02,100000,USD,10000,kg,CL,Acme\n").getBytes(StandardCharsets.UTF_8);
        try (BulkReader r = BulkReader.open(new ByteArrayInputStream(data), BulkAssessment.Format.CSV, "t", true)) {
            assertThat(r.next()).isTrue();
            assertThat(r.entry().preference()).isEqualTo("CL");
            assertThat(r.entry().hts()).isEqualTo("2836.91.00.50");
            assertThat(r.next()).isTrue();
            assertThat(r.rejectField()).isEqualTo("entry_date"); // named as the format spells it
        }
        assertThatThrownBy(() -> read("line_id,hts,HTS\n".getBytes(StandardCharsets.UTF_8), BulkAssessment.Format.CSV))
                .hasMessageContaining("duplicate column 'HTS'");
    }

    /**
     * Issue 18, the bulk reader's part: an empty or blank party name is "not declared" (as every optional value;
     * docs/bulk-format.md), and a placeholder that is no name at all is a located reject — never checked against
     * the entity lists as if it were a producer.
     */
    @Test
    void emptyPartyNamesAreNotDeclaredAndPlaceholdersAreRejected() throws IOException {
        List<Rec> recs = csv(REE, REE + "\"   \"", REE + "-", REE + "?", REE + "\u201c\u201d",
                REE + "Zhongtai 2");
        assertThat(recs).hasSize(6);
        assertThat(recs.get(0).entry().producer()).isNull();
        assertThat(recs.get(1).entry().producer()).isNull();
        for (int i = 2; i <= 4; i++) {
            assertThat(recs.get(i)).extracting(Rec::line, Rec::lineId, Rec::field).containsExactly(i + 2L, "ree-2", "producer");
            assertThat(recs.get(i).reason()).contains("is not a name (no letter or digit); leave producer empty when it is not known");
        }
        assertThat(recs.get(5).entry().producer()).isEqualTo("Zhongtai 2");
        String ok = "{\"line_id\":\"j1\",\"hts\":\"2846.90.80.90\",\"origin\":\"CN\",\"entry_date\":\"2026-03-02\","
                + "\"customs_value\":1,\"currency\":\"USD\",\"quantity\":5,\"unit\":\"kg\",\"importer\":";
        List<Rec> j = read((ok + "\"\"}\n" + ok + "\" \"}\n" + ok + "\"--\"}\n" + ok + "\"Acme\"}\n").getBytes(StandardCharsets.UTF_8),
                BulkAssessment.Format.JSONL);
        assertThat(j.get(0).entry().importer()).isNull();
        assertThat(j.get(1).entry().importer()).isNull();
        assertThat(j.get(2)).extracting(Rec::line, Rec::field).containsExactly(3L, "importer");
        assertThat(j.get(3).entry().importer()).isEqualTo("Acme");
        // the API and the CLI's single assessment share the parser: the same words there
        assertThatThrownBy(() -> new EntryFields().parse(n -> switch (n) {
            case "line_id" -> "x";
            case "hts" -> "2846.90.80.90";
            case "origin" -> "CN";
            case "entry_date" -> "2026-03-02";
            case "customs_value" -> "1";
            case "currency" -> "USD";
            case "quantity" -> "5";
            case "unit" -> "kg";
            case "producer" -> "?";
            default -> null;
        }, 1)).isInstanceOf(lodestone.border.EntryRejected.class).hasMessageContaining("is not a name");
    }

    /** The cents the reader hands the bulk fast path are the customs value rounded half-up to the cent, or "not given". */
    @Test
    void theReadersCentsAreTheValueRoundedHalfUpOrNotGiven() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(20261204L);
        int given = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder sb = new StringBuilder();
            int kind = rnd.nextInt(10);
            if (kind == 0) sb.append(rnd.nextBoolean() ? "-" : "+");
            int intDigits = rnd.nextInt(kind == 1 ? 20 : 8);
            for (int k = 0; k < intDigits; k++) sb.append((char) ('0' + rnd.nextInt(10)));
            if (rnd.nextBoolean()) {
                sb.append('.');
                int fd = rnd.nextInt(6);
                for (int k = 0; k < fd; k++) sb.append((char) ('0' + (rnd.nextInt(3) == 0 ? 5 : rnd.nextInt(10))));
            }
            if (kind == 2) sb.append("e").append(rnd.nextInt(4));
            String v = sb.toString();
            byte[] b = v.getBytes(StandardCharsets.US_ASCII);
            long c = EntryFields.cents(b, 0, b.length);
            BigDecimal exact;
            try {
                exact = new BigDecimal(v);
            } catch (NumberFormatException notANumber) {
                assertThat(c).as(v).isEqualTo(-1);
                continue;
            }
            if (c < 0) continue; // not given: the fast path reads the BigDecimal instead
            given++;
            BigDecimal want = exact.setScale(2, java.math.RoundingMode.HALF_UP);
            assertThat(exact.signum()).as(v).isGreaterThanOrEqualTo(0);
            assertThat(BigDecimal.valueOf(c, 2)).as(v).isEqualTo(want);
        }
        assertThat(given).isGreaterThan(100_000);
    }
}
