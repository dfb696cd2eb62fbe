package lodestone.exposure.company;

import lodestone.market.Scenario;
import lodestone.regime.Problem;
import lodestone.regime.Problems;
import lodestone.regime.Regime;
import lodestone.regime.io.YNode;
import lodestone.regime.mineral.Mineral;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a company exposure file (YAML, docs/exposure-format.md) and checks it against the regime and the
 * bundled markets. Every problem is collected and reported at once as "file:line: field: what is wrong":
 * an unknown HTS code (with the nearest codes of the schedule), a country that is not one, a BOM mineral that
 * is not a regime mineral, a negative or zero quantity, a reference to a line or contract that does not
 * exist, an unknown Incoterm, a contract whose dates are reversed.
 */
public final class CompanyFile {
    public static final Set<String> INCOTERMS = Set.of("EXW", "FCA", "FAS", "FOB", "CFR", "CIF", "CPT", "CIP", "DAP", "DPU", "DDP");

    /** The file was refused; nothing was computed. */
    public static final class Invalid extends Exception {
        private final List<Problem> problems;

        public Invalid(List<Problem> problems) {
            super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in the company file: "
                    + String.join("; ", problems.stream().limit(5).map(Problem::toString).toList()));
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    private CompanyFile() { }

    /**
     * Parses {@code text} (named {@code fileName} in messages). {@code bomFiles} gives the text of a bill of
     * materials a line names ({@code bom:}, relative to the company file), or null when it cannot be read.
     */
    public static Company parse(String fileName, String text, Regime regime, Function<String, String> bomFiles) throws Invalid {
        Problems p = new Problems();
        YNode root = YNode.parse(fileName, text, p);
        if (root == null || !root.requireMap()) throw new Invalid(p.sorted());
        root.allowOnly("company", "importer", "date", "products", "sourcing", "contracts");
        String name = root.str("company");
        String importer = root.optStr("importer", name);
        LocalDate date = root.date("date", false);
        Set<String> minerals = new HashSet<>();
        for (Mineral m : regime.minerals().minerals()) minerals.add(m.id());
        Set<String> markets = new HashSet<>();
        for (Scenario.BundledScenario b : Scenario.bundledNames()) markets.add(b.name());

        List<Company.Contract> contracts = new ArrayList<>();
        Set<String> contractIds = new HashSet<>();
        for (YNode c : root.field("contracts").items()) {
            if (!c.requireMap()) continue;
            c.allowOnly("id", "type", "start", "end", "volume", "lag_months", "floor", "cap");
            String id = c.str("id");
            if (id != null && !contractIds.add(id)) c.problem("id", "'" + id + "' is used by another contract");
            Company.ContractType type = c.enumValue("type", Company.ContractType.class, null);
            LocalDate start = c.date("start", true), end = c.date("end", true);
            if (start != null && end != null && end.isBefore(start)) c.problem("end", end + " is before the start " + start);
            BigDecimal volume = positive(c, "volume", false);
            BigDecimal lag = c.decimal("lag_months", false);
            if (lag != null && (lag.signum() < 0 || lag.stripTrailingZeros().scale() > 0)) c.problem("lag_months", "expected a whole number of months, 0 or more");
            BigDecimal floor = positive(c, "floor", type == Company.ContractType.FLOOR_LINKED || type == Company.ContractType.COLLAR);
            BigDecimal cap = positive(c, "cap", type == Company.ContractType.COLLAR);
            if (floor != null && cap != null && cap.compareTo(floor) < 0) c.problem("cap", "the cap " + cap.toPlainString() + " is below the floor " + floor.toPlainString());
            if (type == Company.ContractType.FIXED && (floor != null || cap != null || lag != null)) {
                c.problem("type", "a fixed contract has no floor, cap or lag (its price is the line's price)");
            }
            contracts.add(new Company.Contract(id, type, start, end, volume, lag == null ? 0 : lag.intValue(), floor, cap, c.line()));
        }

        List<Company.SourcingLine> lines = new ArrayList<>();
        Set<String> lineIds = new HashSet<>();
        for (YNode s : root.field("sourcing").items()) {
            if (!s.requireMap()) continue;
            s.allowOnly("id", "material", "supplier", "origin", "hts", "quantity", "unit", "price", "currency", "incoterm", "freight",
                    "content", "documents", "preference", "bom", "market", "contract");
            String id = s.str("id");
            if (id != null && !lineIds.add(id)) s.problem("id", "'" + id + "' is used by another sourcing line");
            String origin = s.str("origin");
            if (origin != null && regime.geography().country(origin.toUpperCase(java.util.Locale.ROOT)).isEmpty()) {
                s.problem("origin", "'" + origin + "' is not a country of the regime; expected an ISO alpha-2 code (e.g. CN, JP)");
            }
            String hts = s.str("hts");
            if (hts != null && regime.hts().resolve(hts).isEmpty()) {
                List<String> near = regime.hts().nearest(hts, 5);
                s.problem("hts", "unknown HTS code '" + hts + "'" + (near.isEmpty() ? "" : "; nearest codes: " + String.join(", ", near)));
            }
            BigDecimal q = positive(s, "quantity", true);
            BigDecimal price = nonNegative(s, "price", true);
            String incoterm = s.optStr("incoterm", "FOB").toUpperCase(java.util.Locale.ROOT);
            if (!INCOTERMS.contains(incoterm)) s.problem("incoterm", "'" + incoterm + "' is not an Incoterm 2020; expected one of "
                    + String.join(", ", new java.util.TreeSet<>(INCOTERMS)));
            BigDecimal freight = nonNegative(s, "freight", false);
            if (freight != null && price != null && isCOrD(incoterm) && freight.compareTo(price) > 0) {
                s.problem("freight", "the freight " + freight.toPlainString() + " is more than the " + incoterm + " price " + price.toPlainString()
                        + ", which includes it");
            }
            String currency = s.optStr("currency", "USD").toUpperCase(java.util.Locale.ROOT);
            if (freight != null && !currency.equals("USD")) s.problem("freight", "freight is given in USD; this line's prices are in " + currency);
            BigDecimal cq = null;
            String cu = null;
            YNode content = s.field("content");
            if (!content.isMissing() && content.requireMap()) {
                content.allowOnly("quantity", "unit");
                cq = positive(content, "quantity", true);
                cu = content.str("unit");
            }
            String pref = s.optStr("preference", null);
            String bomFile = s.optStr("bom", null);
            String bomJson = null;
            if (bomFile != null) {
                if (pref == null) s.problem("bom", "a bill of materials supports a preference claim; add preference: (e.g. P)");
                bomJson = bomFiles.apply(bomFile);
                if (bomJson == null) s.problem("bom", "cannot read " + bomFile + " (relative to the company file)");
            }
            YNode mk = s.field("market");
            String market = mk.isMap() ? null : s.optStr("market", null);
            BigDecimal share = null;
            if (mk.isMap()) {
                mk.allowOnly("scenario", "share");
                market = mk.str("scenario");
                share = mk.decimal("share", false);
                if (share != null && (share.signum() < 0 || share.compareTo(BigDecimal.ONE) > 0)) {
                    mk.problem("share", share.toPlainString() + " is not a share; expected a number from 0 to 1");
                }
            }
            if (market != null && !markets.contains(market)) {
                (mk.isMap() ? mk : s).problem(mk.isMap() ? "scenario" : "market", "'" + market + "' is not a bundled market; expected one of "
                        + String.join(", ", new java.util.TreeSet<>(markets)));
            }
            String contract = s.optStr("contract", null);
            if (contract != null && !contractIds.contains(contract)) s.problem("contract", "no contract '" + contract + "' in the file"
                    + (contractIds.isEmpty() ? "" : "; contracts: " + String.join(", ", new java.util.TreeSet<>(contractIds))));
            Company.Contract con = contract == null ? null : contracts.stream().filter(c -> contract.equals(c.id())).findFirst().orElse(null);
            if (con != null && con.type() != Company.ContractType.FIXED && market == null) {
                s.problem("contract", "the " + YNode.spelling(con.type()) + " contract '" + contract + "' follows a market price; give the line a market:");
            }
            lines.add(new Company.SourcingLine(id, s.optStr("material", id), s.optStr("supplier", ""), origin == null ? null : origin.toUpperCase(java.util.Locale.ROOT),
                    hts, q, s.optStr("unit", "kg"), price, currency, incoterm, freight, cq, cu,
                    s.strList("documents"), pref, bomFile, bomJson, market, market == null ? null : (share == null ? BigDecimal.ONE : share), contract, s.line()));
        }

        List<Company.Product> products = new ArrayList<>();
        Set<String> productIds = new HashSet<>();
        for (YNode pr : root.field("products").items()) {
            if (!pr.requireMap()) continue;
            pr.allowOnly("id", "name", "annual_volume", "bom", "minerals");
            String id = pr.str("id");
            if (id != null && !productIds.add(id)) pr.problem("id", "'" + id + "' is used by another product");
            BigDecimal vol = positive(pr, "annual_volume", true);
            List<Company.BomItem> bom = new ArrayList<>();
            for (YNode b : pr.field("bom").items()) {
                if (!b.requireMap()) continue;
                b.allowOnly("line", "quantity");
                String l = b.str("line");
                if (l != null && !lineIds.contains(l)) b.problem("line", "no sourcing line '" + l + "'"
                        + (lineIds.isEmpty() ? "" : "; lines: " + String.join(", ", new java.util.TreeSet<>(lineIds))));
                bom.add(new Company.BomItem(l, positive(b, "quantity", true)));
            }
            Map<String, BigDecimal> mins = new LinkedHashMap<>();
            YNode m = pr.field("minerals");
            if (!m.isMissing() && m.requireMap()) {
                for (String k : m.keys()) {
                    if (!minerals.contains(k)) {
                        m.problem(k, "'" + k + "' is not a regime mineral; expected one of the 2025 list's ids (e.g. neodymium, dysprosium, gallium, lithium, cobalt)");
                    }
                    BigDecimal v = positive(m, k, true);
                    if (v != null) mins.put(k, v);
                }
            }
            products.add(new Company.Product(id, pr.optStr("name", id), vol, bom, mins, pr.line()));
        }
        if (lines.isEmpty() && p.isEmpty()) root.problem("sourcing", "no sourcing lines; an exposure needs at least one");
        if (!p.isEmpty()) throw new Invalid(p.sorted());
        return new Company(name, importer, date, products, lines, contracts, fileName);
    }

    static boolean isCOrD(String incoterm) {
        return incoterm.startsWith("C") || incoterm.startsWith("D");
    }

    private static BigDecimal positive(YNode n, String key, boolean required) {
        BigDecimal v = n.decimal(key, required);
        if (v != null && v.signum() <= 0) n.problem(key, v.toPlainString() + " is not positive; expected a number greater than zero");
        return v;
    }

    private static BigDecimal nonNegative(YNode n, String key, boolean required) {
        BigDecimal v = n.decimal(key, required);
        if (v != null && v.signum() < 0) n.problem(key, v.toPlainString() + " is negative; expected zero or more");
        return v;
    }
}
