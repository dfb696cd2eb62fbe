package lodestone.border;

import lodestone.regime.Regime;
import lodestone.regime.Validity;
import lodestone.regime.measure.Measure;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a line's declared documents do on its entry date, for both engines' warnings: a document no measure of the regime
 * names changes nothing on any date (a misspelt code?), and one named only by measures not in force on the date changes
 * nothing on that date — a Section 301 exclusion's document (9903.88.69) declared the day after the exclusion ended was
 * charged the full duty without a word, the exclusion not even in the trail. Documents named by a measure in force on every
 * date are never looked at again; the warnings of a set of documents are kept per set, and worked out for the date only
 * where a document of the set is named by measures with windows (a few comparisons a line that declares one).
 */
final class DocumentUse {
    private final String regimeId;
    /** Each document a measure names, with the windows of the measures naming it and how they are said. */
    private final Map<String, Named> named = new HashMap<>();
    /** Documents some measure naming them is in force on every date: nothing to say of them, ever. */
    private final Set<String> timeless = new HashSet<>();
    private final Map<Set<String>, Check> checks = new ConcurrentHashMap<>();

    private record Named(Validity[] windows, String said) {
        boolean inForce(LocalDate on) {
            for (Validity v : windows) {
                if (v.contains(on)) return true;
            }
            return false;
        }
    }

    /** A set of documents: the warnings for its unknown ones, and its documents whose use depends on the date. */
    private record Check(List<String> unknown, Named[] dated) { }

    DocumentUse(Regime regime) {
        this.regimeId = regime.id();
        regime.documents().forEach((code, ids) -> {
            // the measures naming it by window, each window said once: "9903.45.33, 9903.45.34 (in force from 2026-12-04)"
            Map<Validity, java.util.SortedSet<String>> byWindow = new java.util.TreeMap<>(java.util.Comparator
                    .comparing(Validity::from, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()))
                    .thenComparing(Validity::to, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
            for (String id : ids) {
                Measure m = regime.measure(id).orElseThrow();
                byWindow.computeIfAbsent(m.validity(), k -> new TreeSet<>()).add(m.outputId());
            }
            if (byWindow.keySet().stream().anyMatch(v -> v.from() == null && v.to() == null)) {
                timeless.add(code);
            } else {
                List<String> said = new ArrayList<>();
                byWindow.forEach((v, out) -> said.add(String.join(", ", out) + " (" + window(v) + ")"));
                named.put(code, new Named(byWindow.keySet().toArray(Validity[]::new), String.join("; ", said)));
            }
        });
    }

    private static String window(Validity v) {
        if (v.from() != null && v.to() != null) return "in force " + v.from() + " to " + v.to();
        return v.from() != null ? "in force from " + v.from() : "in force until " + v.to();
    }

    /** Whether every declared document is named by a measure in force on any date: nothing to say (one set look-up). */
    boolean silent(Set<String> declared) {
        return timeless.containsAll(declared);
    }

    /** The warnings for the declared documents on {@code on}, in code order (empty: none); the list is not to be changed. */
    List<String> warnings(Set<String> declared, LocalDate on) {
        Check c = checks.get(declared);
        if (c == null) {
            c = check(declared);
            if (checks.size() < 4_096) checks.put(declared, c);
        }
        for (Named n : c.dated()) {
            if (!n.inForce(on)) return said(declared, on);
        }
        return c.unknown();
    }

    private Check check(Set<String> declared) {
        List<Named> dated = new ArrayList<>();
        for (String d : declared) {
            Named n = named.get(d);
            if (n != null) dated.add(n);
        }
        return new Check(said(declared, null), dated.toArray(Named[]::new));
    }

    /** Every warning, in code order (a set's own order varies by run); {@code on} null: the unknown documents' only. */
    private List<String> said(Set<String> declared, LocalDate on) {
        List<String> out = new ArrayList<>(1);
        for (String d : new TreeSet<>(declared)) {
            if (timeless.contains(d)) continue;
            Named n = named.get(d);
            if (n == null) {
                out.add("document '" + d + "' is not one that any measure of regime " + regimeId
                        + " asks for: declaring it changes nothing (a misspelt code?)");
            } else if (on != null && !n.inForce(on)) {
                out.add("document '" + d + "' is asked for only by " + n.said() + ", not in force on " + on
                        + ": declaring it changes nothing on that date");
            }
        }
        return List.copyOf(out);
    }
}
