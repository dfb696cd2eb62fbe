package lodestone.border;

import lodestone.regime.nomenclature.HtsLine;
import lodestone.regime.unit.Unit;
import lodestone.regime.unit.Units;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a declared unit of quantity fits the HTS line's units of quantity ("kg", "Mo kg", "No."):
 * a quantity in pieces on a line reported in kilograms is not the statistical quantity, and a
 * specific duty per kilogram could not be computed from it. Lines whose units the schedule does not
 * print (or prints in a spelling Lodestone does not know) are not checked.
 */
final class UnitCheck {
    private UnitCheck() {
    }

    /** Null when the unit fits (or the line cannot be checked), else the warning. */
    static String warning(HtsLine line, Unit declared) {
        return fits(units(line), declared) ? null : text(line, declared);
    }

    /** The line's units of quantity that Lodestone knows (empty: the line cannot be checked); the bulk fast path keeps them per line. */
    static Unit[] units(HtsLine line) {
        List<Unit> units = new ArrayList<>(2);
        for (String printed : line.units()) {
            String u = printed.trim();
            int space = u.lastIndexOf(' ');
            // "Mo kg": the quantity of contained molybdenum, in kg — the unit is the last word
            Optional<Unit> found = Units.find(u);
            if (found.isEmpty() && space > 0) found = Units.find(u.substring(space + 1));
            found.ifPresent(units::add);
        }
        return units.toArray(new Unit[0]);
    }

    /** Whether the declared unit fits one of the line's {@link #units}, or the line cannot be checked. */
    static boolean fits(Unit[] units, Unit declared) {
        if (units.length == 0) return true;
        for (Unit u : units) if (declared.convertibleTo(u)) return true;
        return false;
    }

    private static String text(HtsLine line, Unit declared) {
        return "unit " + declared.code() + " is not a unit of quantity of " + line.code() + " (the schedule reports it in "
                + String.join(", ", line.units()) + "); the declared quantity is not the statistical quantity and no "
                + "specific duty can be computed from it";
    }
}
