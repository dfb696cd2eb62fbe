package lodestone.regime.measure;

import lodestone.regime.unit.Unit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A duty expression in the TARIC sense: ad valorem and specific components added or subtracted,
 * optionally bounded by MIN (a floor on the duty) and MAX (a ceiling).
 *
 * <p>Written, and printed, as for example {@code 3.7%}, {@code free},
 * {@code 0.128 USD/kg of Mo + 1.8%} (a specific duty per kg of molybdenum content plus ad valorem),
 * {@code 2.5% of Pb} (ad valorem on the value of the lead content),
 * {@code 13.8% MIN 13 GBP/100kg MAX 15 GBP/100kg - 7 GBP/100kg}, or {@code base + 10%} (Chapter 99:
 * the rate of the applicable subheading plus ten points).
 *
 * <p>MIN/MAX semantics follow TARIC and the UK Trade Tariff duty calculator: the expression is split
 * at each MIN or MAX keyword into segments; each segment is a signed sum of its components; the
 * result folds left, with MIN meaning {@code max(sofar, segment)} (the duty is at least the segment)
 * and MAX meaning {@code min(sofar, segment)}. So everything after the last MAX belongs to that
 * MAX's operand: in the example above the ceiling is 15 − 7 = 8 GBP per 100 kg.
 */
public final class DutyExpression {

    /** A component of an expression. */
    public sealed interface Component permits AdValorem, Specific, BaseRate {
    }

    /**
     * A percentage of the customs value (or of the value base the measure names); with a basis, of the
     * value of that content ({@code 2.5% of Pb}: HTS 7801, "2.5% on the value of the lead content"),
     * which the entry declares as its metal-content value.
     */
    public record AdValorem(BigDecimal percent, String basis) implements Component {
        public AdValorem(BigDecimal percent) {
            this(percent, null);
        }

        @Override
        public String toString() {
            return percent.stripTrailingZeros().toPlainString() + "%" + (basis == null ? "" : " of " + basis);
        }
    }

    /**
     * An amount of money per unit of quantity; with a content basis, per unit of the contained
     * element or compound (e.g. per kg of Mo content, per mtu of WO3).
     */
    public record Specific(BigDecimal amount, String currency, Unit unit, String basis) implements Component {
        @Override
        public String toString() {
            return amount.stripTrailingZeros().toPlainString() + " " + currency + "/" + unit.code()
                    + (basis == null ? "" : " of " + basis);
        }
    }

    /** The duty of the applicable subheading (used by HTS Chapter 99 headings). */
    public record BaseRate() implements Component {
        @Override
        public String toString() {
            return "base";
        }
    }

    /** A component with its sign in the sum. */
    public record Term(boolean negative, Component component) {
    }

    /** How a segment combines with what precedes it. */
    public enum Bound { NONE, MIN, MAX }

    /** A signed sum of components and how it bounds the segments before it. */
    public record Segment(Bound bound, List<Term> terms) {
        public Segment {
            terms = List.copyOf(terms);
        }
    }

    public static final DutyExpression FREE = new DutyExpression(List.of(), true);

    private final List<Segment> segments;
    private final boolean free;

    DutyExpression(List<Segment> segments, boolean free) {
        this.segments = List.copyOf(segments);
        this.free = free;
    }

    /** Parses the canonical syntax; throws {@link DutyExpressionParser.SyntaxError} with the position. */
    public static DutyExpression parse(String text) {
        return DutyExpressionParser.parse(text);
    }

    public boolean isFree() {
        return free;
    }

    public List<Segment> segments() {
        return segments;
    }

    /** Every component, in order. */
    public List<Component> components() {
        List<Component> out = new ArrayList<>();
        for (Segment s : segments) for (Term t : s.terms) out.add(t.component);
        return out;
    }

    /** The content bases named by specific components (e.g. Mo, REO). */
    public Set<String> contentBases() {
        Set<String> out = new LinkedHashSet<>();
        for (Component c : components()) if (c instanceof Specific s && s.basis() != null) out.add(s.basis());
        return out;
    }

    /** True when the expression refers to the applicable subheading's own rate. */
    public boolean usesBaseRate() {
        for (Component c : components()) if (c instanceof BaseRate) return true;
        return false;
    }

    /** The content bases whose value an ad valorem component is charged on (e.g. Pb for 7801). */
    public Set<String> valueBases() {
        Set<String> out = new LinkedHashSet<>();
        for (Component c : components()) if (c instanceof AdValorem a && a.basis() != null) out.add(a.basis());
        return out;
    }

    /** True when the expression is purely ad valorem on the value (no quantities or content values needed). */
    public boolean isAdValoremOnly() {
        for (Component c : components()) if (!(c instanceof AdValorem a) || a.basis() != null) return false;
        return true;
    }

    @Override
    public String toString() {
        if (free) return "free";
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments) {
            if (s.bound != Bound.NONE) sb.append(' ').append(s.bound.name()).append(' ');
            boolean first = true;
            for (Term t : s.terms) {
                if (!first) sb.append(t.negative ? " - " : " + ");
                else if (t.negative) sb.append("- ");
                sb.append(t.component);
                first = false;
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DutyExpression d && d.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
