package lodestone.regime.measure;

import lodestone.regime.unit.Unit;

import java.math.BigDecimal;

/**
 * A price per unit, optionally per unit of content: {@code 110 USD/kg of REO}, {@code 1153 EUR/t}.
 * Written in the same syntax as a specific duty component.
 */
public record Price(BigDecimal amount, String currency, Unit unit, String basis) {

    /** Parses {@code AMOUNT CUR/UNIT [of BASIS]}. */
    public static Price parse(String text) {
        DutyExpression e = DutyExpression.parse(text);
        if (e.components().size() != 1 || !(e.components().get(0) instanceof DutyExpression.Specific s)) {
            throw new IllegalArgumentException("'" + text + "' is not a price; expected an amount per unit such as "
                    + "110 USD/kg of REO or 1153 EUR/t");
        }
        return new Price(s.amount(), s.currency(), s.unit(), s.basis());
    }

    @Override
    public String toString() {
        return amount.stripTrailingZeros().toPlainString() + " " + currency + "/" + unit.code()
                + (basis == null ? "" : " of " + basis);
    }
}
