package lodestone.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The YAML and JSON files a person gives the commands, as a Windows laptop saves them: Notepad's UTF-8 with a byte-order
 * mark and CRLF (read as written), its 'Unicode' (UTF-16) and 'ANSI' (Windows-1252) refused saying what the file is and
 * how to save it — they were 'lodestone: Input length = 1' (stockpile, exposure), 'cannot be read (Input length = 1)'
 * (simulate), and a bill of materials with a byte-order mark was 'not valid JSON: Unexpected character'.
 */
class WindowsFilesCliTest {
    @TempDir
    static Path dir;
    static Path folder;

    static final String UTF16 = "the file is UTF-16 (as Notepad's 'Unicode' or Excel's 'Unicode Text' saves it), not UTF-8; "
            + "save it as UTF-8 (Notepad: Save As, Encoding 'UTF-8')";

    @BeforeAll
    static void files() throws Exception {
        folder = Files.createDirectories(dir.resolve("My Documents (work)"));
    }

    /** The example as Notepad saves it: CRLF, and a byte-order mark, UTF-16 or Windows-1252. */
    static Path saved(String example, String as, String replace, String with) throws Exception {
        String text = Files.readString(Cli.repo().resolve(example)).replace(replace, with).replace("\r\n", "\n").replace("\n", "\r\n");
        byte[] b = switch (as) {
            case "bom" -> ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
            case "utf16" -> ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE);
            case "ansi" -> text.getBytes(Charset.forName("windows-1252"));
            default -> throw new AssertionError(as);
        };
        Path p = folder.resolve(as + " " + Path.of(example).getFileName());
        Files.write(p, b);
        return p;
    }

    @Test
    void aStockpileLedgerWithAByteOrderMarkIsReadAndOneInAnotherEncodingRefusedSayingHow() throws Exception {
        Cli ok = Cli.run("stockpile", "show", "--file", saved("examples/stockpile/small-reserve.yaml", "bom", "x", "x").toString());
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().startsWith("Small reserve (example) — position as of 2026-02-01 (2 events)"), ok.out());

        Path ansi = saved("examples/stockpile/small-reserve.yaml", "ansi", "an illustrative appropriation", "crédit");
        Cli r = Cli.run("stockpile", "show", "--file", ansi.toString());
        assertEquals(2, r.exit());
        assertEquals("lodestone: " + ansi + ": not UTF-8 text (byte 0xE9 at line 6, column 86); save it as UTF-8 (0xE9 is 'é' in "
                + "Windows-1252, the code page Notepad's 'ANSI' and Excel's plain 'CSV (Comma delimited)' save in: choose the "
                + "encoding 'UTF-8' when saving)\n", r.err());

        Path utf16 = saved("examples/stockpile/small-reserve.yaml", "utf16", "x", "x");
        r = Cli.run("stockpile", "show", "--file", utf16.toString());
        assertEquals(2, r.exit());
        assertEquals("lodestone: " + utf16 + ": " + UTF16 + "\n", r.err());
    }

    @Test
    void aCompanyFileInWindows1252IsRefusedNamingTheCharacter() throws Exception {
        Path ansi = saved("examples/exposure/magnet-maker.yaml", "ansi", "Example Magnet Works", "Société Magnétique");
        Cli r = Cli.run("exposure", ansi.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("lodestone: " + ansi + ": not UTF-8 text (byte 0xE9 at line 5, column 14); save it as UTF-8 "
                + "(0xE9 is 'é' in Windows-1252"), r.err());
        Cli ok = Cli.run("exposure", saved("examples/exposure/magnet-maker.yaml", "bom", "Example Magnet Works", "Société Magnétique").toString(),
                "--no-alternatives");
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().startsWith("Exposure of Société Magnétique (illustrative) from 2026-03-02"), ok.out());
    }

    @Test
    void aScenarioInUtf16IsRefusedSayingSo() throws Exception {
        Path utf16 = saved("examples/market/vanadium.yaml", "utf16", "x", "x");
        Cli r = Cli.run("simulate", utf16.toString());
        assertEquals(2, r.exit());
        assertEquals(utf16 + ": " + UTF16 + "\n1 problem; nothing was run.\n", r.err());
        Cli ok = Cli.run("simulate", saved("examples/market/vanadium.yaml", "bom", "x", "x").toString());
        assertEquals(0, ok.exit(), ok.err());
    }

    @Test
    void aBillOfMaterialsWithAByteOrderMarkIsChecked() throws Exception {
        Cli ok = Cli.run("origin", "check", saved("examples/origin/antimony-qualifies.json", "bom", "x", "x").toString());
        assertEquals(0, ok.exit(), ok.err());
        assertEquals(Cli.run("origin", "check", Cli.repo().resolve("examples/origin/antimony-qualifies.json").toString()).out()
                .lines().skip(1).toList(), ok.out().lines().skip(1).toList());
        Path utf16 = saved("examples/origin/antimony-qualifies.json", "utf16", "x", "x");
        Cli r = Cli.run("origin", "check", utf16.toString());
        assertEquals(2, r.exit());
        assertEquals("lodestone: cannot read the bill of materials " + utf16 + ": " + UTF16 + "\n", r.err());
    }

    @Test
    void aProjectFileInWindows1252IsAProblemOfThatFile() throws Exception {
        Path ansi = saved("examples/projects/flat-plant.yaml", "ansi", "hand-checked example", "exemple vérifié");
        Cli r = Cli.run("projects", "list", "--projects", ansi.toString());
        assertEquals(2, r.exit());
        assertEquals(ansi + ": not UTF-8 text (byte 0xE9 at line 2, column 28); save it as UTF-8 (0xE9 is 'é' in Windows-1252, the "
                + "code page Notepad's 'ANSI' and Excel's plain 'CSV (Comma delimited)' save in: choose the encoding 'UTF-8' when saving)\n"
                + "1 problem; nothing was loaded.\n", r.err());
    }

    static final String NBSP = " (it holds a non-breaking space, U+00A0, at character %d, as text copied from Word, Outlook or a web page"
            + " brings: type an ordinary space, or none)";

    /** The example with one value replaced, as pasted from Word into Notepad (UTF-8, CRLF). */
    static Path pasted(String example, String replace, String with) throws Exception {
        String text = Files.readString(Cli.repo().resolve(example));
        if (!text.contains(replace)) throw new AssertionError(replace);
        Path p = folder.resolve("pasted " + Path.of(example).getFileName());
        Files.writeString(p, text.replaceFirst(java.util.regex.Pattern.quote(replace), with).replace("\n", "\r\n"));
        return p;
    }

    @Test
    void aNonBreakingSpaceOrTypographicQuotesPastedIntoAValueAreNamedInItsProblem() throws Exception {
        Path p = pasted("examples/market/vanadium.yaml", "quantity: 82000", "quantity: 82\u00a0000");
        Cli r = Cli.run("simulate", p.toString());
        assertEquals(2, r.exit());
        assertEquals(p + ":33: regions[0] (CN).supply.quantity: expected a number, found '82\u00a0000'" + NBSP.formatted(3)
                + "\n1 problem; nothing was run.\n", r.err());

        p = pasted("examples/stockpile/small-reserve.yaml", "mineral: gallium", "mineral: gallium\u00a0");
        r = Cli.run("stockpile", "show", "--file", p.toString());
        assertEquals(2, r.exit());
        assertEquals("lodestone: 1 problem in the stockpile ledger; nothing was derived:\n" + p + ":7: events[1].mineral: 'gallium\u00a0' is"
                + " not a mineral of the regime; expected one of its ids (e.g. gallium, dysprosium)" + NBSP.formatted(8) + "\n", r.err());

        p = pasted("examples/exposure/magnet-maker.yaml", "date: 2026-03-02", "date: \u201c2026-03-02\u201d");
        r = Cli.run("exposure", p.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith(p + ":7: date: '\u201c2026-03-02\u201d' is not a date; expected yyyy-mm-dd (it is between typographic"
                + " quotes \u201c \u201d, as Word and Outlook write them; YAML's quotes are the straight \" and ': write \"2026-03-02\", or the"
                + " value without quotes)\n"), r.err());
    }
}
