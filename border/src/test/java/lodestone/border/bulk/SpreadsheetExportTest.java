package lodestone.border.bulk;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static lodestone.border.bulk.StrictReaderTest.COPPER;
import static lodestone.border.bulk.StrictReaderTest.HEADER;
import static lodestone.border.bulk.StrictReaderTest.REE;
import static lodestone.border.bulk.StrictReaderTest.Rec;
import static lodestone.border.bulk.StrictReaderTest.concat;
import static lodestone.border.bulk.StrictReaderTest.csv;
import static lodestone.border.bulk.StrictReaderTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A customs broker's files as Excel, LibreOffice and old brokerage systems save them (a broker's probe of the bulk reader):
 * what is unambiguous is read, everything else is a located reject or a refused file that says what the spreadsheet did and
 * what to write instead — never a guess, never a message only a programmer can act on.
 */
class SpreadsheetExportTest {
    static final String SHORT = "line_id,hts,origin,entry_date,customs_value,currency,quantity,unit";

    private static BulkAssessment.BulkFileException refused(byte[] data, BulkAssessment.Format f) {
        try {
            read(data, f);
        } catch (BulkAssessment.BulkFileException x) {
            return x;
        } catch (IOException x) {
            throw new AssertionError(x);
        }
        throw new AssertionError("the file was read");
    }

    /** Excel writes ",,,,,," for rows whose cells were formatted and left empty: no entry, read as a blank line. */
    @Test
    void aRowOfOnlyCommasIsABlankLineNotARejectWithoutALineId() throws IOException {
        String commas = ",".repeat(15);
        List<Rec> recs = csv(REE, commas, COPPER, commas, " , ,", commas + "\r");
        assertThat(recs).extracting(Rec::line).containsExactly(2L, 4L);
        assertThat(recs).allSatisfy(r -> assertThat(r.entry()).isNotNull());
        // in JSON Lines a comma is no blank: the line is still a reject
        List<Rec> json = read(",,,\n".getBytes(StandardCharsets.UTF_8), BulkAssessment.Format.JSONL);
        assertThat(json).extracting(Rec::field).containsExactly("line");
    }

    /**
     * ="0101210010" is how some brokerage exports keep a code's leading zero: it was told to quote the whole value (which
     * would then be refused as a code). It is told to write the value alone.
     */
    @Test
    void aValueWrittenAsASpreadsheetTextFormulaIsToldToWriteTheValueAlone() throws IOException {
        List<Rec> recs = read((SpreadsheetExportTest.SHORT + "\nL1,=\"0101210010\",MX,2026-03-02,100,USD,1,No.\n")
                .getBytes(StandardCharsets.UTF_8), BulkAssessment.Format.CSV);
        assertThat(recs).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(2);
            assertThat(r.lineId()).isEqualTo("L1");
            assertThat(r.field()).isEqualTo("hts");
            assertThat(r.reason()).isEqualTo("a spreadsheet formula (=\"0101210010\"), as some systems write a value to keep it text; "
                    + "write the value alone: 0101210010");
        });
    }

    /** Excel's "CSV (Macintosh)": lines end in CR alone, the file reads as one line; it was refused as "duplicate column ''". */
    @Test
    void aFileWhoseLinesEndInACarriageReturnAloneIsRefusedSayingSo() throws IOException {
        byte[] data = (HEADER + "\r" + REE + "\r" + COPPER + "\r").getBytes(StandardCharsets.UTF_8);
        assertThat(refused(data, BulkAssessment.Format.CSV)).hasMessage("t:1: the lines end in a carriage return alone (CR, as "
                + "Excel's 'CSV (Macintosh)' saves them); save the file with Windows (CRLF) or Unix (LF) line endings, e.g. as "
                + "'CSV UTF-8 (Comma delimited)' — docs/bulk-format.md");
        // JSON Lines: a CR ending an object is a lone line ending; one inside an object is blank space, as JSON has it
        String obj = "{\"line_id\": \"a\", \"hts\": \"2846.90.80.90\", \"origin\": \"CN\", \"entry_date\": \"2026-03-02\", "
                + "\"customs_value\": 10000, \"currency\": \"USD\", \"quantity\": 500, \"unit\": \"kg\"}";
        assertThat(refused((obj + "\r" + obj + "\r").getBytes(StandardCharsets.UTF_8), BulkAssessment.Format.JSONL).getMessage())
                .startsWith("t:1: the lines end in a carriage return alone");
        List<Rec> json = read((obj.replace(", \"currency\"", ",\r\"currency\"") + "\n" + obj + "\n").getBytes(StandardCharsets.UTF_8),
                BulkAssessment.Format.JSONL);
        assertThat(json).hasSize(2).allSatisfy(r -> assertThat(r.entry()).isNotNull());
        // the check reads no further than the first line: a stream (standard input) is not waited on for more
        byte[] headerLine = (HEADER + "\n").getBytes(StandardCharsets.UTF_8);
        java.io.InputStream oneRead = new java.io.InputStream() {
            boolean served;

            @Override
            public int read() {
                throw new AssertionError("read byte by byte");
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (served) throw new AssertionError("read past the first line before the first record was asked for");
                served = true;
                System.arraycopy(headerLine, 0, b, off, headerLine.length);
                return headerLine.length;
            }
        };
        BulkReader.open(oneRead, BulkAssessment.Format.CSV, "t", false);
        // longer than a line may be (it was "the header line is longer than 65536 bytes")
        StringBuilder big = new StringBuilder(HEADER);
        for (int i = 0; i < 2000; i++) big.append('\r').append(REE);
        assertThat(refused(big.toString().getBytes(StandardCharsets.UTF_8), BulkAssessment.Format.CSV).getMessage())
                .startsWith("t:1: the lines end in a carriage return alone");
    }

    /** Excel's "Unicode Text" (UTF-16 with a byte-order mark): it was refused as "the header is not valid UTF-8 (byte 1)". */
    @Test
    void aUtf16FileIsRefusedSayingItIsUtf16AndHowToSaveIt() {
        String text = HEADER + "\r\n" + REE + "\r\n";
        String expected = "t:1: the file is UTF-16 (as Excel's 'Unicode Text' saves it), not UTF-8; save it as 'CSV UTF-8 "
                + "(Comma delimited)' — docs/bulk-format.md";
        byte[] le = concat(new byte[]{(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE));
        byte[] be = concat(new byte[]{(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE));
        assertThat(refused(le, BulkAssessment.Format.CSV)).hasMessage(expected);
        assertThat(refused(be, BulkAssessment.Format.CSV)).hasMessage(expected);
        assertThat(refused(text.getBytes(StandardCharsets.UTF_16LE), BulkAssessment.Format.CSV)).hasMessage(expected); // no mark
        assertThat(refused(le, BulkAssessment.Format.JSONL)).hasMessage(expected);
    }

    /**
     * A header cell left empty (a trailing comma: a column the sheet once held) was "unknown column(s) ;" and, twice,
     * "duplicate column ''": it is named by its position, and --ignore-unknown reads past it as past any unknown column.
     */
    @Test
    void anEmptyHeaderCellIsNamedByItsPosition() throws IOException {
        byte[] one = (SHORT + ",\nL1,2846.90.80.90,CN,2026-03-02,10000,USD,500,kg,\n").getBytes(StandardCharsets.UTF_8);
        assertThat(refused(one, BulkAssessment.Format.CSV)).hasMessage("t:1: column 9 has no name (an empty header cell, as a "
                + "spreadsheet leaves for a column it once held); delete the column or pass --ignore-unknown");
        byte[] two = (SHORT + ",,\nL1,2846.90.80.90,CN,2026-03-02,10000,USD,500,kg,,\n").getBytes(StandardCharsets.UTF_8);
        assertThat(refused(two, BulkAssessment.Format.CSV).getMessage()).startsWith("t:1: columns 9, 10 have no name");
        try (BulkReader r = BulkReader.open(new ByteArrayInputStream(two), BulkAssessment.Format.CSV, "t", true)) {
            assertThat(r.next()).isTrue();
            assertThat(r.entry().lineId()).isEqualTo("L1");
        }
    }

    /**
     * "Entry Date", "export-country", "origin" followed by a non-breaking space: names a spreadsheet user types. They
     * were "lacks required column(s)" — or, with --ignore-unknown, an optional column such as "Export Country" dropped
     * without a word. They name the format's column as its case-insensitive spelling does; twice is still a duplicate.
     */
    @Test
    void headerNamesWithSpacesOrHyphensForUnderscoresNameTheirColumn() throws IOException {
        String header = "Line ID,HTS,origin\u00A0,Entry Date,customs-value,Currency,Quantity,Unit,Export Country";
        byte[] data = (header + "\nL1,2846.90.80.90,CN,2026-03-02,10000,USD,500,kg,hk\n"
                + "L2,2846.90.80.90,CN,2026-3-2,10000,USD,500,kg,\n").getBytes(StandardCharsets.UTF_8);
        List<Rec> recs = read(data, BulkAssessment.Format.CSV);
        assertThat(recs.get(0).entry().exportCountry()).isEqualTo("HK");
        assertThat(recs.get(0).entry().entryDate()).hasToString("2026-03-02");
        assertThat(recs.get(1).field()).isEqualTo("entry_date"); // named as the format spells it
        assertThat(refused((SHORT + ",Entry Date\n").getBytes(StandardCharsets.UTF_8), BulkAssessment.Format.CSV))
                .hasMessage("t:1: duplicate column 'Entry Date' (columns 4 and 9); keep one of them");
        // a report's title above the header (rows of commas above it are blank lines, skipped)
        assertThat(refused((",,,\nEntry lines March 2026,,,,,,,\n" + SHORT + "\n").getBytes(StandardCharsets.UTF_8),
                BulkAssessment.Format.CSV)).hasMessageStartingWith("t:2: header lacks required column(s) line_id, hts, origin, "
                + "entry_date, customs_value, currency, quantity, unit (it has Entry lines March 2026, not a column of the format); "
                + "the first line that is not blank is read as the header: delete any title above it; expected line_id,");
        // a name that is no column is shown beside the required one it leaves missing
        assertThat(refused("Line ID,HTS Code,Origin,Entry Date,Customs Value,Currency,Quantity,Unit\n".getBytes(StandardCharsets.UTF_8),
                BulkAssessment.Format.CSV).getMessage()).startsWith("t:1: header lacks required column(s) hts (it has HTS Code, not "
                + "a column of the format); expected line_id,hts,");
        assertThat(BulkReader.columnKey("  Content  Quantity ")).isEqualTo("content_quantity");
        assertThat(BulkReader.columnKey("\uFEFFline_id")).isEqualTo("line_id");
    }

    /**
     * Two exports joined one after the other: the second header (with its own byte-order mark, or without) was rejected as
     * "entry_date: bad date 'entry_date'", a broker looking for a wrong date. It is said to be the header again.
     */
    @Test
    void theHeaderRepeatedInsideTheFileIsSaidToBeIt() throws IOException {
        byte[] data = concat((HEADER + "\n" + REE + "\n").getBytes(StandardCharsets.UTF_8), new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                (HEADER + "\n" + COPPER + "\n" + HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        List<Rec> recs = read(data, BulkAssessment.Format.CSV);
        assertThat(recs).extracting(Rec::line).containsExactly(2L, 3L, 4L, 5L);
        for (int i : new int[]{1, 3}) {
            assertThat(recs.get(i).field()).isEqualTo("line");
            assertThat(recs.get(i).lineId()).isNull();
            assertThat(recs.get(i).reason()).isEqualTo("the header line again (files joined one after another?); delete it — a file "
                    + "has one header, its first line");
        }
        assertThat(recs.get(2).entry()).isNotNull();
    }
}
