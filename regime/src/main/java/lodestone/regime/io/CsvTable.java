package lodestone.regime.io;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import lodestone.regime.Problems;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a CSV table whose first non-comment record is a header of column names. Lines starting
 * with {@code #} are comments (the provenance header of generated files). Columns are found by
 * name, so their order may change; missing required columns are reported with the header line.
 */
public final class CsvTable {
    private final String file;
    private final String content;
    private final Problems problems;

    public CsvTable(String file, String content, Problems problems) {
        this.file = file;
        this.content = content;
        this.problems = problems;
    }

    /** One data row: fields by column name, with the line it started on. */
    public static final class Row {
        private final String file;
        private final Map<String, Integer> columns;
        private CsvRecord record;
        private final Problems problems;

        Row(String file, Map<String, Integer> columns, Problems problems) {
            this.file = file;
            this.columns = columns;
            this.problems = problems;
        }

        public int line() {
            return (int) record.getStartingLineNumber();
        }

        public String file() {
            return file;
        }

        /** The trimmed field, or an empty string when the column is absent or the row is short. */
        public String get(String column) {
            Integer i = columns.get(column);
            if (i == null || i >= record.getFieldCount()) return "";
            return record.getField(i).trim();
        }

        public boolean has(String column) {
            return columns.containsKey(column);
        }

        public void problem(String column, String message) {
            problems.add(file, line(), column, message);
        }
    }

    private static int cols(Row row) {
        return row.columns.size();
    }

    /**
     * Calls {@code each} for every data row; returns false (with a problem) when the header lacks a
     * required column. The same Row object is reused, so do not keep it.
     */
    public boolean forEach(List<String> required, Consumer<Row> each) {
        CsvReader<CsvRecord> reader = CsvReader.builder()
                .commentStrategy(CommentStrategy.SKIP)
                .commentCharacter('#')
                .skipEmptyLines(true)
                .allowMissingFields(true)
                .allowExtraFields(true)
                .detectBomHeader(true)
                .ofCsvRecord(content.startsWith("\uFEFF") ? content.substring(1) : content);
        try (reader) {
            Row row = null;
            for (CsvRecord rec : reader) {
                if (row == null) {
                    Map<String, Integer> cols = new HashMap<>();
                    for (int i = 0; i < rec.getFieldCount(); i++) {
                        String name = rec.getField(i).trim();
                        if (name.isEmpty() || cols.putIfAbsent(name, i) != null) {
                            problems.add(file, (int) rec.getStartingLineNumber(), name, name.isEmpty() ? "column " + (i + 1)
                                    + " of the header has no name" : "the header names the column twice");
                            return false;
                        }
                    }
                    List<String> missing = new ArrayList<>();
                    for (String r : required) if (!cols.containsKey(r)) missing.add(r);
                    if (!missing.isEmpty()) {
                        problems.add(file, (int) rec.getStartingLineNumber(), String.join(",", missing),
                                "missing column(s) in the header; expected columns " + String.join(",", required));
                        return false;
                    }
                    row = new Row(file, cols, problems);
                    continue;
                }
                row.record = rec;
                // a row wider than its header, or with a NUL, would be read as something it does not say
                if (rec.getFieldCount() > cols(row)) {
                    problems.add(file, (int) rec.getStartingLineNumber(), "", rec.getFieldCount() + " fields but the header has "
                            + cols(row) + " columns (an extra column, or a comma in an unquoted value?)");
                    continue;
                }
                boolean nul = false;
                for (int i = 0; i < rec.getFieldCount() && !nul; i++) nul = rec.getField(i).indexOf('\0') >= 0;
                if (nul) {
                    problems.add(file, (int) rec.getStartingLineNumber(), "", "contains a NUL character");
                    continue;
                }
                each.accept(row);
            }
            if (row == null) {
                problems.add(file, 1, "", "no header line; expected columns " + String.join(",", required));
                return false;
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (de.siegmar.fastcsv.reader.CsvParseException e) {
            // at the record's line, in our words (reported: "not readable as CSV: Exception when reading record that started in
            // line 16", at no line)
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("line (\\d+)").matcher(String.valueOf(e.getMessage()));
            int line = m.find() ? Integer.parseInt(m.group(1)) : 1;
            String cause = e.getCause() == null ? String.valueOf(e.getMessage()) : String.valueOf(e.getCause().getMessage());
            java.util.regex.Matcher after = java.util.regex.Pattern.compile("^Unexpected character after closing quote: '(.)'").matcher(cause);
            String what = after.find() ? "a quoted value is followed by '" + after.group(1) + "' before its comma (a stray double quote?)"
                    : cause.contains("exceeds the max") || cause.contains("maximum buffer size")
                    ? "a value too long to read (a double quote that is never closed?)" : cause;
            problems.add(file, line, "", "not readable as CSV from this line: " + what);
            return false;
        } catch (RuntimeException e) {
            problems.add(file, 0, "", "not readable as CSV: " + e.getMessage());
            return false;
        }
    }
}
