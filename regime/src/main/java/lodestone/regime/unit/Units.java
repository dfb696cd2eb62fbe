package lodestone.regime.unit;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The units Lodestone knows, with the spellings found in the HTS, TARIC and trade documents.
 * A fixed table rather than data: conversions are physics, not policy, and a typo in a factor
 * would silently mis-assess every line using it.
 *
 * <p>Besides the HTS's own spellings, each unit answers to its code in UN/ECE Recommendation 20
 * ("Codes for Units of Measure Used in International Trade": KGM, TNE, LBR, LTR, MTK, C62…), the
 * codes that brokers' and ERP systems export. Only codes whose meaning is exactly one of these
 * units are taken; a Rec 20 code that means something else here (CT is a carton in Rec 20, a
 * carat in the gem trade and in this table) is not added, and ambiguous ones (MIL: a thousand in
 * Rec 20, a thousandth of an inch in US use) are left out.
 */
public final class Units {
    private static final Map<String, Unit> CANONICAL = new LinkedHashMap<>();
    private static final Map<String, Unit> BY_SPELLING = new LinkedHashMap<>();

    public static final Unit KG = def("kg", Dimension.MASS, "1", "kilogram", "kilogram", "kilograms", "kgs", "kgm");
    public static final Unit G = def("g", Dimension.MASS, "0.001", "gram", "gram", "grams", "grm");
    public static final Unit T = def("t", Dimension.MASS, "1000", "metric ton", "tonne", "tonnes", "ton", "mt", "metric ton", "tne");
    public static final Unit HUNDRED_KG = def("100kg", Dimension.MASS, "100", "100 kilograms", "100 kg", "dt", "quintal", "dtn");
    public static final Unit LB = def("lb", Dimension.MASS, "0.45359237", "pound", "lbs", "pound", "lbr");
    public static final Unit MTU = def("mtu", Dimension.MASS, "10", "metric ton unit (10 kg)", "metric ton unit");
    public static final Unit CARAT = def("carat", Dimension.MASS, "0.0002", "metric carat", "ct", "ctm");
    public static final Unit TROY_OZ = def("ozt", Dimension.MASS, "0.0311034768", "troy ounce", "troy oz", "oz t", "apz");
    public static final Unit NO = def("No.", Dimension.COUNT, "1", "number of items", "no", "each", "pcs", "pc", "piece", "pieces", "units", "unit", "u", "nar", "c62", "h87");
    public static final Unit DOZ = def("doz.", Dimension.COUNT, "12", "dozen", "doz", "dozen", "dzn");
    public static final Unit GROSS = def("gross", Dimension.COUNT, "144", "gross (144)", "gro");
    public static final Unit HUNDREDS = def("hundreds", Dimension.COUNT, "100", "hundreds", "cen");
    public static final Unit THOUSANDS = def("thousands", Dimension.COUNT, "1000", "thousands");
    public static final Unit PRS = def("prs.", Dimension.PAIRS, "1", "pairs", "prs", "pr", "pair", "pairs", "npr");
    public static final Unit DOZ_PRS = def("doz. prs.", Dimension.PAIRS, "12", "dozen pairs", "doz prs", "dz prs", "dpr");
    public static final Unit L = def("l", Dimension.VOLUME, "1", "litre", "liter", "liters", "litre", "litres", "ltr");
    public static final Unit HL = def("hl", Dimension.VOLUME, "100", "hectolitre", "hectoliter", "hlt");
    public static final Unit M3 = def("m3", Dimension.VOLUME, "1000", "cubic metre", "m³", "cubic meter", "mtq");
    public static final Unit THOUSAND_M3 = def("1000m3", Dimension.VOLUME, "1000000", "thousand cubic metres", "thousand m3");
    public static final Unit BBL = def("bbl", Dimension.VOLUME, "158.987294928", "barrel (42 US gallons)", "barrel", "barrels", "bll");
    public static final Unit GAL = def("gal", Dimension.VOLUME, "3.785411784", "US gallon", "gallon", "gallons", "gll");
    public static final Unit M2 = def("m2", Dimension.AREA, "1", "square metre", "m²", "square meter", "mtk");
    public static final Unit CM2 = def("cm2", Dimension.AREA, "0.0001", "square centimetre", "cm²", "cmk");
    public static final Unit M = def("m", Dimension.LENGTH, "1", "metre", "meter", "meters", "lin. m", "linear meter", "mtr");
    public static final Unit THOUSAND_M = def("1000m", Dimension.LENGTH, "1000", "thousand metres", "thousand m", "km", "kmt");
    public static final Unit MWH = def("MWh", Dimension.ENERGY, "1", "megawatt hour", "mwh");
    public static final Unit KWH = def("kWh", Dimension.ENERGY, "0.001", "kilowatt hour", "kwh");
    public static final Unit W = def("W", Dimension.POWER, "1", "watt (rated power, e.g. of photovoltaic cells)", "watt", "watts", "w", "Wp", "wtt");
    public static final Unit KW = def("kW", Dimension.POWER, "1000", "kilowatt", "kilowatt", "kilowatts", "kw", "kWp", "kwt");
    public static final Unit MW = def("MW", Dimension.POWER, "1000000", "megawatt", "megawatt", "megawatts", "mw", "MWp", "maw");
    public static final Unit GBQ = def("GBq", Dimension.RADIOACTIVITY, "1", "gigabecquerel", "gbq");
    public static final Unit DOSES = def("doses", Dimension.DOSES, "1", "doses", "dose");

    private Units() {
    }

    private static Unit def(String code, Dimension d, String factor, String name, String... aliases) {
        Unit u = new Unit(code, d, new BigDecimal(factor), name);
        CANONICAL.put(code, u);
        spell(code, u);
        for (String a : aliases) spell(a, u);
        return u;
    }

    /** One spelling for one unit: a spelling given to two units would read one as the other. */
    private static void spell(String spelling, Unit u) {
        Unit before = BY_SPELLING.put(norm(spelling), u);
        if (before != null && before != u)
            throw new IllegalStateException("the spelling '" + spelling + "' is given to " + before.code() + " and " + u.code());
    }

    private static String norm(String s) {
        return s.trim().toLowerCase(Locale.ROOT).replace(" ", "");
    }

    /** The unit with this code or one of its spellings ("kg", "KG", "each", "100 kg", "m²"...). */
    public static Optional<Unit> find(String spelling) {
        if (spelling == null) return Optional.empty();
        return Optional.ofNullable(BY_SPELLING.get(norm(spelling)));
    }

    public static Collection<Unit> all() {
        return Collections.unmodifiableCollection(CANONICAL.values());
    }

    /** The codes, for "expected one of" messages. */
    public static String codes() {
        return String.join(", ", CANONICAL.keySet());
    }
}
