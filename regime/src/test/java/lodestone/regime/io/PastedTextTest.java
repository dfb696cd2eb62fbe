package lodestone.regime.io;

import lodestone.regime.Problems;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Values pasted from Word, Outlook or a web page into a YAML file in Notepad: a non-breaking space looks like a space, so
 * "'50 000 000' is not a number" and "'gallium ' is not a mineral" were told of a value that seemed right; typographic
 * quotes are no YAML quotes, so “2026-03-02” was a date with its quotes. A problem of such a value now says what it holds.
 */
class PastedTextTest {
    private static List<String> problems(String yaml, java.util.function.Consumer<YNode> read) {
        Problems p = new Problems();
        YNode root = YNode.parse("f.yaml", yaml, p);
        read.accept(root);
        return p.sorted().stream().map(Object::toString).toList();
    }

    @Test
    void aNonBreakingSpaceInAValueIsNamedInItsProblem() {
        assertEquals(List.of("f.yaml:1: amount: '50\u00a0000\u00a0000' is not a number (it holds a non-breaking space, U+00A0, at"
                        + " character 3, as text copied from Word, Outlook or a web page brings: type an ordinary space, or none)"),
                problems("amount: 50\u00a0000\u00a0000\n", r -> r.decimal("amount", true)));
        assertEquals(List.of("f.yaml:1: mineral: not one of gallium (it holds a non-breaking space, U+00A0, at character 8, as text copied"
                        + " from Word, Outlook or a web page brings: type an ordinary space, or none)"),
                problems("mineral: gallium\u00a0\n", r -> {
                    if (!r.str("mineral").equals("gallium")) r.problem("mineral", "not one of gallium");
                }));
    }

    @Test
    void typographicQuotesAroundAValueAreNamedInItsProblem() {
        assertEquals(List.of("f.yaml:1: date: bad date '“2026-03-02”' (it is between typographic quotes “ ”, as Word and Outlook write"
                        + " them; YAML's quotes are the straight \" and ': write \"2026-03-02\", or the value without quotes)"),
                problems("date: “2026-03-02”\n", r -> {
                    if (r.field("date").text() != null) r.problem("date", "bad date '" + r.field("date").text() + "'");
                }));
    }

    @Test
    void aKeyWithANonBreakingSpaceIsNamedAsSuch() {
        assertEquals(List.of("f.yaml:1: date\u00a0: unknown key; expected one of date (it holds a non-breaking space, U+00A0, at character"
                        + " 5, as text copied from Word, Outlook or a web page brings: type an ordinary space, or none)"),
                problems("date\u00a0: 2026-03-02\n", r -> r.allowOnly("date")));
    }

    /** A number written as much of Europe writes it: the comma said for what it may be, with the number to write. */
    @Test
    void aDecimalCommaOrAThousandsSeparatorIsSaidWithTheNumberToWrite() {
        assertEquals(List.of("f.yaml:1: price: '12,80' is not a number; a decimal comma? write 12.80 (numbers are written 1234.5)"),
                problems("price: 12,80\n", r -> r.decimal("price", true)));
        assertEquals(List.of("f.yaml:1: price: '1.234,56' is not a number; a decimal comma? write 1234.56 (numbers are written 1234.5,"
                + " without a thousands separator)"), problems("price: 1.234,56\n", r -> r.decimal("price", true)));
        assertEquals(List.of("f.yaml:1: price: '1,234,567.5' is not a number; write it without the thousands separator (1234567.5)"),
                problems("price: 1,234,567.5\n", r -> r.decimal("price", true)));
        assertEquals(List.of("f.yaml:1: price: '12,800' is not a number; write 12800 if the comma groups thousands, or 12.800 if it is"
                + " a decimal comma (numbers are written 1234.5)"), problems("price: 12,800\n", r -> r.decimal("price", true)));
        assertEquals(List.of("f.yaml:1: price: '12;80' is not a number"), problems("price: 12;80\n", r -> r.decimal("price", true)));
    }

    @Test
    void anOrdinaryValueIsToldAsBefore() {
        assertEquals(List.of("f.yaml:1: amount: '50 000' is not a number"), problems("amount: 50 000\n", r -> r.decimal("amount", true)));
    }
}
