package lodestone.regime.measure;

import lodestone.regime.unit.Unit;
import lodestone.regime.unit.Units;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parser for the canonical duty-expression syntax (see {@link DutyExpression}). Hand-written
 * recursive descent: the grammar is tiny and the error messages must say where and what was
 * expected.
 * <pre>
 * expression := 'free' | segment (('MIN' | 'MAX') segment)*
 * segment    := ['-'] term (('+' | '-') term)*
 * term       := NUMBER '%' ['of' BASIS] | NUMBER CURRENCY '/' UNIT ['of' BASIS] | 'base'
 * </pre>
 */
final class DutyExpressionParser {

    /** A syntax error with the 1-based column where it was found. */
    static final class SyntaxError extends IllegalArgumentException {
        SyntaxError(String text, int column, String message) {
            super(message + " at column " + column + " of '" + text + "'");
        }
    }

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern BASIS = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    private final String text;
    private final List<String> tokens = new ArrayList<>();
    private final List<Integer> columns = new ArrayList<>();
    private int pos;

    private DutyExpressionParser(String text) {
        this.text = text;
        tokenize();
    }

    static DutyExpression parse(String text) {
        if (text == null || text.isBlank()) throw new SyntaxError(String.valueOf(text), 1, "empty duty expression");
        String t = text.trim();
        if (t.equalsIgnoreCase("free") || t.equals("0%")) return DutyExpression.FREE;
        return new DutyExpressionParser(t).expression();
    }

    private void tokenize() {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if ("+-%/".indexOf(c) >= 0) {
                add(String.valueOf(c), i++);
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && "+%/".indexOf(text.charAt(i)) < 0
                        && !(text.charAt(i) == '-' && i > start && !Character.isLetter(text.charAt(i - 1)))) {
                    i++;
                }
                add(text.substring(start, i), start);
            }
        }
    }

    private void add(String tok, int index) {
        tokens.add(tok);
        columns.add(index + 1);
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private String next(String expected) {
        if (pos >= tokens.size()) throw error("expected " + expected + " but the expression ended");
        return tokens.get(pos++);
    }

    private SyntaxError error(String message) {
        int col = pos < columns.size() ? columns.get(pos) : text.length() + 1;
        return new SyntaxError(text, col, message);
    }

    private DutyExpression expression() {
        List<DutyExpression.Segment> segments = new ArrayList<>();
        segments.add(segment(DutyExpression.Bound.NONE));
        while (peek() != null) {
            String kw = peek().toUpperCase(Locale.ROOT);
            DutyExpression.Bound b = switch (kw) {
                case "MIN" -> DutyExpression.Bound.MIN;
                case "MAX" -> DutyExpression.Bound.MAX;
                default -> throw error("unexpected '" + peek() + "'; expected '+', '-', 'MIN', 'MAX' or the end");
            };
            pos++;
            segments.add(segment(b));
        }
        return new DutyExpression(segments, false);
    }

    private DutyExpression.Segment segment(DutyExpression.Bound bound) {
        List<DutyExpression.Term> terms = new ArrayList<>();
        boolean negative = false;
        if ("-".equals(peek())) {
            pos++;
            negative = true;
        }
        terms.add(new DutyExpression.Term(negative, term()));
        while ("+".equals(peek()) || "-".equals(peek())) {
            boolean neg = next("'+' or '-'").equals("-");
            terms.add(new DutyExpression.Term(neg, term()));
        }
        return new DutyExpression.Segment(bound, terms);
    }

    private DutyExpression.Component term() {
        String tok = next("a number or 'base'");
        if (tok.equalsIgnoreCase("base")) return new DutyExpression.BaseRate();
        BigDecimal number;
        try {
            number = new BigDecimal(tok);
        } catch (NumberFormatException e) {
            pos--;
            if (tok.matches("\\d{1,3}(,\\d{3})+(\\.\\d+)?")) {
                throw error("'" + tok + "' has a thousands separator; write the number without it (" + tok.replace(",", "") + ")");
            }
            throw error("'" + tok + "' is not a number; expected a rate such as 5.5% or 0.128 USD/kg");
        }
        if (number.signum() < 0) {
            pos--;
            throw error("a rate cannot be negative; write '- 7 EUR/100kg' to subtract");
        }
        if ("%".equals(peek())) {
            pos++;
            if (peek() != null && peek().equalsIgnoreCase("of")) { // "2.5% of Pb": of the value of the Pb content
                pos++;
                String basis = next("a content basis such as Pb");
                if (!BASIS.matcher(basis).matches()) {
                    pos--;
                    throw error("'" + basis + "' is not a content basis id");
                }
                return new DutyExpression.AdValorem(number, basis);
            }
            return new DutyExpression.AdValorem(number);
        }
        String cur = next("'%' or a currency code such as USD");
        if (!CURRENCY.matcher(cur).matches()) {
            pos--;
            throw error("'" + cur + "' is not a currency code; expected '%' or a three-letter code such as USD");
        }
        if (!"/".equals(next("'/' and a unit, as in " + cur + "/kg"))) {
            pos--;
            throw error("expected '/' and a unit, as in " + number.toPlainString() + " " + cur + "/kg");
        }
        String first = next("a unit such as kg");
        if (Units.find(first).isEmpty() && peek() != null && Units.find(first + " " + peek()).isPresent()) {
            first = first + " " + next("a unit"); // "100 kg", "doz. prs."
        }
        String unitText = first;
        Unit unit = Units.find(unitText).orElseThrow(() -> {
            pos--;
            return error("unknown unit '" + unitText + "'; expected one of " + Units.codes());
        });
        String basis = null;
        if (peek() != null && peek().equalsIgnoreCase("of")) {
            pos++;
            basis = next("a content basis such as Mo or REO");
            if (!BASIS.matcher(basis).matches()) {
                pos--;
                throw error("'" + basis + "' is not a content basis id");
            }
        }
        return new DutyExpression.Specific(number, cur, unit, basis);
    }
}
