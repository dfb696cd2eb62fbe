package lodestone.finance.projects;

import lodestone.finance.valuation.PriceProcess;
import lodestone.regime.Problems;
import lodestone.regime.io.YNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads project files and market (price model) files into {@link Project} and {@link Market}, reporting
 * every problem with file, line and field into a {@link Problems} list (the regime's own YNode and
 * Problems). A figure must carry its {@code source} or {@code assumption}, and that id must be defined in
 * the same file. Ranges are checked where a wrong value would silently distort a valuation (negative
 * capacity, rates outside [0, 1), a ramp-up above 100 %).
 *
 * <p>One mistake is reported once: a project or market refused for its own problems is remembered
 * ({@link #refused()}), so that the registry does not also call it unknown where another file names it, and
 * a file whose citations could not all be read (a bare number, a figure that is not a mapping, a source id
 * that is not defined) is not also told that its sources are uncited.
 */
public final class ProjectReader {
    private final Problems problems;
    private final List<RefusedProject> refusedProjects = new ArrayList<>();
    private final java.util.Set<String> refusedMarkets = new java.util.LinkedHashSet<>();
    private String text = "";

    public ProjectReader(Problems problems) {
        this.problems = problems;
    }

    /** A project read with problems (each already reported): what other files may refer to. Null fields were unreadable. */
    /** A refused project's references, with the lines of its market: and feeds: fields. */
    public record RefusedProject(String id, String market, String feeds, String file, int line, int marketLine, int feedsLine) { }

    /** The projects and markets refused for their own problems so far. */
    public record Refused(List<RefusedProject> projects, java.util.Set<String> markets) {
        public static final Refused NONE = new Refused(List.of(), java.util.Set.of());

        public boolean project(String id) {
            return projects.stream().anyMatch(p -> id.equals(p.id()));
        }
    }

    public Refused refused() {
        return new Refused(List.copyOf(refusedProjects), java.util.Set.copyOf(refusedMarkets));
    }

    /** A file holds one project (top-level {@code project:}) or markets ({@code markets:}). */
    public void read(String fileName, String text, List<Project> projects, List<Market> markets) {
        this.text = text;
        YNode root = YNode.parse(fileName, text, problems);
        if (root == null || !root.requireMap()) return;
        if (root.has("markets")) {
            root.allowOnly("markets", "sources", "assumptions");
            Refs refs = refs(root);
            for (YNode m : refs.items(root.field("markets"))) {
                Market mk = market(m, refs);
                if (mk != null) markets.add(mk);
            }
            refs.checkUsed(root);
        } else if (root.has("project")) {
            Project p = project(root);
            if (p != null) projects.add(p);
        } else {
            root.problem("expected a project file (a 'project:' key) or a markets file (a 'markets:' key)");
        }
    }

    /** The file's sources and assumptions, and which were used. */
    private final class Refs {
        final Map<String, Project.Source> sources = new LinkedHashMap<>();
        final Map<String, String> assumptions = new LinkedHashMap<>();
        final java.util.Set<String> used = new java.util.HashSet<>();
        /** Some citation could not be read (its figure or block is malformed): "uncited" would be a guess. */
        boolean incomplete;

        /** Requires a mapping (reported otherwise); a block that is not one hides its citations. */
        boolean map(YNode n) {
            if (n.requireMap()) return true;
            incomplete = true;
            return false;
        }

        /** The items of a list (a missing one is empty; anything else is reported and hides its citations). */
        List<YNode> items(YNode n) {
            if (!n.isMissing() && !n.isList()) incomplete = true;
            return n.items();
        }

        void checkUsed(YNode root) {
            if (incomplete) return;
            for (String s : sources.keySet()) {
                // cited by a figure, or named in the text elsewhere (an assumption, a note, an offtake's terms)
                long mentions = java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(s) + "\\b").matcher(text).results().count();
                if (!used.contains(s) && mentions < 2) root.field("sources").problem(s, "source " + s + " is not cited by any figure; remove it or cite it");
            }
        }
    }

    private Refs refs(YNode root) {
        Refs r = new Refs();
        YNode s = root.field("sources");
        // a file whose every figure cites an assumption needs no sources: (a figure citing a source then finds none)
        if (!s.isMissing() && s.requireMap()) {
            for (String id : s.keys()) {
                YNode e = s.field(id);
                if (!e.requireMap()) continue;
                e.allowOnly("url", "date", "what");
                String url = e.str("url");
                String date = e.str("date");
                if (url != null && !url.startsWith("http")) e.problem("url", "expected a web address (http… or https…)");
                if (date != null && !date.matches("\\d{4}(-\\d{2}(-\\d{2})?)?")) e.problem("date", "'" + date + "' is not a date; expected yyyy, yyyy-mm or yyyy-mm-dd");
                r.sources.put(id, new Project.Source(id, url, date, e.optStr("what", "")));
            }
        }
        YNode a = root.field("assumptions");
        if (a.isMap()) {
            for (String id : a.keys()) {
                String t = a.field(id).text();
                if (t == null || t.isBlank()) a.problem(id, "empty; state the assumption");
                r.assumptions.put(id, t);
            }
        } else if (!a.isMissing()) {
            a.problem("expected a mapping of id: text");
        }
        return r;
    }

    /*
     * Upper bounds of the registry's magnitudes (docs/projects-format.md, "Ranges checked"): far above any real
     * project, so that only a unit or typing mistake (capacity 1e20, capex in dollars where millions are meant)
     * meets them, and a valuation never runs on an absurd number.
     */
    /** Capacity and volumes: 100 million t a year (the largest mines produce tens of Mt/yr). */
    static final double MAX_QUANTITY = 1e8;
    /** Capex, debt and financing amounts: 100 million millions (10^14) of the project's currency (room for yen or won). */
    static final double MAX_MILLIONS = 1e8;
    /** Fixed opex and an EBITDA floor: 10 million millions (10^13) of the currency a year. */
    static final double MAX_MILLIONS_A_YEAR = 1e7;
    /** Prices and unit costs (opex, AISC, strikes, offtake prices, a price model's levels, a series's prices): 10 million per unit. */
    static final double MAX_PRICE = 1e7;

    /** A figure {value, source | assumption} within [min, max]; null when absent (reported when required). */
    /** Everyday names of currencies that are no ISO 4217 code, and the code (a project file in RMB was taken as a currency). */
    private static final java.util.Map<String, String> NOT_ISO = java.util.Map.of("RMB", "the renminbi is CNY", "CDN", "the Canadian dollar is CAD",
            "UKP", "the pound sterling is GBP", "STG", "the pound sterling is GBP", "NTD", "the New Taiwan dollar is TWD",
            "YEN", "the yen is JPY", "AUS", "the Australian dollar is AUD");

    /** Is {@code code} a current ISO 4217 currency (java.util.Currency's table)? */
    private static boolean isoCurrency(String code) {
        for (java.util.Currency c : java.util.Currency.getAvailableCurrencies()) if (c.getCurrencyCode().equals(code)) return true;
        return false;
    }

    private Figure fig(YNode parent, String key, boolean required, double min, double max, Refs refs) {
        return fig(parent, key, required, min, max, null, refs);
    }

    /** As {@link #fig(YNode, String, boolean, double, double, Refs)}; {@code what} (e.g. its unit) is said when out of range. */
    private Figure fig(YNode parent, String key, boolean required, double min, double max, String what, Refs refs) {
        YNode f = parent.field(key);
        if (f.isMissing()) {
            if (required) parent.problem(key, "missing; expected {value: NUMBER, source: ID} or {value: NUMBER, assumption: ID}");
            return null;
        }
        if (f.isScalar()) {
            f.problem("a bare number has no provenance; write {value: " + f.text() + ", source: ID} (or assumption: ID)");
            refs.incomplete = true;
            return null;
        }
        if (!refs.map(f)) return null;
        f.allowOnly("value", "source", "assumption", "note");
        BigDecimal v = f.decimal("value", true);
        String src = f.optStr("source", null);
        String asm = f.optStr("assumption", null);
        if (src == null && asm == null) f.problem("missing source or assumption; every figure says where it comes from");
        if (src != null && asm != null) f.problem("give a source or an assumption, not both");
        if (src != null && !refs.sources.containsKey(src)) {
            f.problem("source", "'" + src + "' is not among this file's sources" + (refs.sources.isEmpty()
                    ? " (it has none: list it under sources: as ID: {url, date, what})" : " (" + String.join(", ", refs.sources.keySet()) + ")"));
            refs.incomplete = true; // a mistyped id: the source it meant is cited, not unused
        }
        if (asm != null && !refs.assumptions.containsKey(asm)) f.problem("assumption", "'" + asm + "' is not among this file's assumptions (" + String.join(", ", refs.assumptions.keySet()) + ")");
        if (src != null) refs.used.add(src);
        if (v == null) return null;
        double d = v.doubleValue();
        if (d < min || d > max) {
            f.problem("value", String.format(Locale.ROOT, "%s is out of range; expected %s%s", v.toPlainString(), range(min, max),
                    what == null ? "" : " (" + what + ")"));
            return null;
        }
        return new Figure(d, src, asm, f.line());
    }

    private static String range(double min, double max) {
        if (max == Double.MAX_VALUE) return "≥ " + fmt(min);
        return "between " + fmt(min) + " and " + fmt(max);
    }

    /** A bound as a plain decimal: 0.000001, 1000000 (never 1.0E-6). */
    private static String fmt(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private int integer(YNode parent, String key, int dflt, int min, int max) {
        YNode f = parent.field(key);
        String t = f.text();
        if (t == null) return dflt;
        try {
            int v = Integer.parseInt(t);
            if (v < min || v > max) {
                f.problem(v + " is out of range; expected an integer " + range(min, max));
                return dflt;
            }
            return v;
        } catch (NumberFormatException e) {
            f.problem("'" + t + "' is not an integer");
            return dflt;
        }
    }

    private Project project(YNode root) {
        root.allowOnly("project", "name", "sponsor", "country", "location", "minerals", "product", "basis", "stage", "status", "market",
                "region", "capacity", "added_capacity", "ramp_up", "start_year", "life_years", "construction_years", "capex", "currency",
                "usd_per_unit", "opex", "aisc", "fixed_opex", "sustaining_capex", "royalty", "tax", "discount_rate", "debt", "financing", "offtakes", "support",
                "esg", "owners", "feeds", "sources", "assumptions", "closure", "working_capital", "discounting");
        Refs refs = refs(root);
        int before = problems.size();
        String id = root.str("project");
        if (id != null && !id.matches("[a-z0-9][a-z0-9-]*")) root.problem("project", "'" + id + "' is not an id; expected lower-case letters, digits and hyphens");
        String name = root.str("name");
        String country = root.str("country");
        if (country != null && !country.matches("[A-Z]{2}")) root.problem("country", "'" + country + "' is not an ISO 3166 alpha-2 code (e.g. US, AU)");
        double lat = Double.NaN, lon = Double.NaN;
        YNode loc = root.field("location");
        if (loc.requireMap()) {
            loc.allowOnly("lat", "lon");
            BigDecimal la = loc.decimal("lat", true), lo = loc.decimal("lon", true);
            if (la != null && Math.abs(la.doubleValue()) > 90) loc.problem("lat", "out of range; expected −90 to 90");
            if (lo != null && Math.abs(lo.doubleValue()) > 180) loc.problem("lon", "out of range; expected −180 to 180");
            if (la != null) lat = la.doubleValue();
            if (lo != null) lon = lo.doubleValue();
        }
        List<String> minerals = root.strList("minerals");
        if (minerals.isEmpty()) root.problem("minerals", "missing; expected the minerals the project produces (regime names)");
        Project.Stage stage = root.enumValue("stage", Project.Stage.class, null);
        Project.Status status = root.enumValue("status", Project.Status.class, null);
        String market = root.str("market");
        Figure capacity = fig(root, "capacity", true, 0, MAX_QUANTITY, "t a year at full ramp", refs);
        Figure added = fig(root, "added_capacity", false, 0, MAX_QUANTITY, "t a year", refs);
        List<Double> ramp = new ArrayList<>();
        for (YNode r : root.field("ramp_up").items()) {
            String t = r.text();
            if (t == null) {
                if (r.isMissing()) r.problem("empty; expected a ramp-up share between 0 and 1");
                continue; // a list or a mapping is reported by text()
            }
            BigDecimal v = r.decimalValue(t);
            if (v == null) continue;
            // compared as the decimal written: NaN is no number here, and 1e-999999999 is refused for its digits, not read as 0
            if (v.signum() < 0 || v.compareTo(BigDecimal.ONE) > 0) r.problem(t + " is out of range; a ramp-up share is between 0 and 1 (1 = full capacity)");
            else ramp.add(v.doubleValue());
        }
        int startYear = integer(root, "start_year", 0, 1950, 2100);
        if (!root.has("start_year")) root.problem("start_year", "missing; expected the first year of production");
        int life = integer(root, "life_years", 20, 1, 100);
        int construction = integer(root, "construction_years", 0, 0, 15);
        // a production schedule longer than the mine: its last shares would be dropped without a word
        if (ramp.size() > life) root.problem("ramp_up", ramp.size() + " shares for a life of " + life + " years (life_years): the shares after year "
                + life + " would never be produced; shorten ramp_up or lengthen life_years");
        Figure capex = fig(root, "capex", true, 0, MAX_MILLIONS, "millions of the currency: 1220 is 1.22 billion", refs);
        String currency = root.optStr("currency", "USD");
        if (!currency.equals("USD") && !currency.matches("[A-Z]{3}")) root.problem("currency", "expected an ISO 4217 code (USD, AUD, CAD…)");
        else if (!isoCurrency(currency)) root.problem("currency", "'" + currency + "' is not an ISO 4217 currency code"
                + (NOT_ISO.containsKey(currency) ? " (" + NOT_ISO.get(currency) + ")" : ""));
        Figure usdPerUnit = fig(root, "usd_per_unit", !currency.equals("USD"), 0.000001, 1e6, refs);
        if (usdPerUnit != null && currency.equals("USD")) { // it would multiply the USD figures (reported by the fx review)
            root.problem("usd_per_unit", "the project's currency is USD, which takes no exchange rate (its figures would be valued at "
                    + BigDecimal.valueOf(usdPerUnit.value()).stripTrailingZeros().toPlainString() + " times what they say); "
                    + "remove usd_per_unit, or set currency to the currency its figures are in");
        }
        Figure opex = fig(root, "opex", true, 0, MAX_PRICE, "a cash cost per unit, in the market's price unit", refs);
        Figure aisc = fig(root, "aisc", false, 0, MAX_PRICE, "a cost per unit, in the market's price unit", refs);
        Figure fixed = fig(root, "fixed_opex", false, 0, MAX_MILLIONS_A_YEAR, "millions of the currency a year", refs);
        Figure sustaining = fig(root, "sustaining_capex", false, 0, MAX_MILLIONS_A_YEAR, "millions of the currency a year of production", refs);
        Figure royalty = fig(root, "royalty", false, 0, 0.99, refs);
        Figure tax = fig(root, "tax", false, 0, 0.99, refs);
        Figure dr = fig(root, "discount_rate", false, 0, 0.99, refs);
        Project.DebtTerms debt = null;
        YNode d = root.field("debt");
        if (!d.isMissing() && refs.map(d)) {
            d.allowOnly("amount", "rate", "tenor", "grace", "inflation");
            Figure amt = fig(d, "amount", true, 0, MAX_MILLIONS, "millions of the currency", refs);
            Figure rate = fig(d, "rate", true, 0, 0.99, refs);
            int tenor = integer(d, "tenor", 10, 1, 40);
            int grace = integer(d, "grace", 0, 0, 10);
            // the inflation that turns the contract's nominal service into the valuation's constant 2026 dollars
            Figure inflation = fig(d, "inflation", false, 0, 0.5, "a share a year", refs);
            debt = new Project.DebtTerms(amt, rate, tenor, grace, inflation);
            String outlives = debtOutlivesProduction(startYear, life, ramp, tenor, grace);
            if (outlives != null) d.problem("tenor", outlives);
        }
        // closure and rehabilitation: a cost still to spend, by default the year after the last year of production
        Project.Closure closure = null;
        YNode cl = root.field("closure");
        if (!cl.isMissing() && refs.map(cl)) {
            cl.allowOnly("cost", "start_year", "years");
            Figure cost = fig(cl, "cost", true, 0, MAX_MILLIONS, "millions of the currency, spread over the closure's years", refs);
            int lastProduction = startYear + life - 1;
            boolean stated = cl.has("start_year");
            int from = integer(cl, "start_year", lastProduction + 1, 1950, 2200);
            int n = integer(cl, "years", 1, 1, 50);
            if (stated && from < ProjectValuation.VALUATION_YEAR) {
                cl.problem("start_year", from + " is before the valuation's first year " + ProjectValuation.VALUATION_YEAR
                        + "; the closure cost is what is still to be spent, from " + ProjectValuation.VALUATION_YEAR + " on");
            } else if (stated && startYear > 0 && from < startYear) {
                cl.problem("start_year", from + " is before the project's first year of production " + startYear
                        + " (start_year); closure follows production");
            }
            closure = new Project.Closure(cost, from, n, stated);
        }
        Project.WorkingCapital workingCapital = null;
        YNode wcNode = root.field("working_capital");
        if (!wcNode.isMissing() && refs.map(wcNode)) {
            wcNode.allowOnly("receivables_days", "inventory_days", "payables_days");
            Figure rec = fig(wcNode, "receivables_days", false, 0, 365, "days of revenue (of 365)", refs);
            Figure inv = fig(wcNode, "inventory_days", false, 0, 365, "days of cash costs (of 365)", refs);
            Figure pay = fig(wcNode, "payables_days", false, 0, 365, "days of cash costs (of 365)", refs);
            if (rec == null && inv == null && pay == null && !wcNode.has("receivables_days") && !wcNode.has("inventory_days") && !wcNode.has("payables_days")) {
                root.problem("working_capital", "empty; expected receivables_days, inventory_days and/or payables_days (days of 365)");
            }
            workingCapital = new Project.WorkingCapital(rec, inv, pay);
        }
        String discounting = root.optStr("discounting", null);
        if (discounting != null && !List.of(Project.YEAR_END, Project.MID_YEAR).contains(discounting)) {
            root.problem("discounting", "'" + discounting + "' is not allowed; expected year-end (the default: each year's flows at its end) or "
                    + "mid-year (at its middle)");
        }
        List<Project.Financing> financing = new ArrayList<>();
        for (YNode f : refs.items(root.field("financing"))) {
            if (!refs.map(f)) continue;
            f.allowOnly("party", "kind", "instrument", "amount", "public", "note");
            String kind = f.str("kind");
            if (kind != null && !List.of("loan", "equity", "grant", "guarantee", "loan-interest").contains(kind))
                f.problem("kind", "'" + kind + "' is not allowed; expected loan, equity, grant, guarantee or loan-interest (a letter of interest)");
            financing.add(new Project.Financing(f.str("party"), kind, f.optStr("instrument", ""), fig(f, "amount", false, 0, MAX_MILLIONS, "millions of the currency", refs),
                    f.bool("public", false), f.optStr("note", "")));
        }
        List<Project.Offtake> offtakes = new ArrayList<>();
        for (YNode o : refs.items(root.field("offtakes"))) {
            if (!refs.map(o)) continue;
            o.allowOnly("buyer", "terms", "volume", "price");
            offtakes.add(new Project.Offtake(o.str("buyer"), o.optStr("terms", ""), fig(o, "volume", false, 0, MAX_QUANTITY, "t a year", refs),
                    fig(o, "price", false, 0, MAX_PRICE, "the market's price unit", refs)));
        }
        Project.SupportTerms support = null;
        YNode s = root.field("support");
        if (!s.isMissing() && refs.map(s)) {
            s.allowOnly("type", "strike", "upside_share", "ebitda_floor", "volume", "years", "note");
            String type = s.str("type");
            if (type != null && !List.of("floor", "cfd", "offtake", "floor-with-upside").contains(type))
                s.problem("type", "'" + type + "' is not allowed; expected floor, cfd, offtake or floor-with-upside");
            Figure strike = fig(s, "strike", !"floor-with-upside".equals(type), 0, MAX_PRICE, "the market's price unit", refs);
            support = new Project.SupportTerms(type, strike, fig(s, "upside_share", false, 0, 1, refs), fig(s, "ebitda_floor", false, 0, MAX_MILLIONS_A_YEAR, "millions a year", refs),
                    fig(s, "volume", "offtake".equals(type), 0, MAX_QUANTITY, "t a year", refs), integer(s, "years", 0, 0, 50), s.optStr("note", ""));
        }
        Project.Esg esg = null;
        YNode e = root.field("esg");
        if (e.requireMap()) {
            e.allowOnly("rbc_policy", "standards", "ilo_core", "permits", "eia", "counterparties", "notes");
            String permits = e.optStr("permits", "unknown");
            if (!List.of("granted", "pending", "none", "unknown").contains(permits)) e.problem("permits", "'" + permits + "' is not allowed; expected granted, pending, none or unknown");
            esg = new Project.Esg(e.bool("rbc_policy", false), e.strList("standards"), e.bool("ilo_core", false), permits, e.bool("eia", false),
                    e.strList("counterparties"), e.strList("notes"));
        }
        List<Project.Owner> owners = new ArrayList<>();
        for (YNode o : refs.items(root.field("owners"))) {
            if (!refs.map(o)) continue;
            o.allowOnly("name", "country", "share");
            String oc = o.str("country");
            if (oc != null && !oc.matches("[A-Z]{2}")) o.problem("country", "'" + oc + "' is not an ISO 3166 alpha-2 code");
            owners.add(new Project.Owner(o.str("name"), oc, fig(o, "share", false, 0, 1, refs)));
        }
        checkOwnerShares(root, id, owners);
        refs.checkUsed(root);
        if (problems.size() > before) {
            refusedProjects.add(new RefusedProject(id, market, root.optStr("feeds", null), root.file(), root.line(), root.field("market").line(),
                    root.field("feeds").line()));
            return null;
        }
        return new Project(id, name, root.file(), root.line(), root.optStr("sponsor", ""), country, lat, lon, minerals, root.str("product"),
                root.optStr("basis", ""), stage, status, market, root.optStr("region", country), capacity, added,
                ramp.stream().mapToDouble(Double::doubleValue).toArray(), startYear, life, construction, capex, currency, usdPerUnit, opex, aisc,
                fixed, sustaining, royalty, tax, dr, debt, financing, offtakes, support, esg, owners, refs.sources, refs.assumptions, root.optStr("feeds", null),
                root.field("market").line(), root.field("feeds").line(), closure, workingCapital, discounting);
    }

    /**
     * The owners of one project hold at most 100 % of it. Shares are summed exactly (as the decimals the file
     * wrote), so 0.62 + 0.38 is 100 %, not a rounding error away from it.
     */
    private static void checkOwnerShares(YNode root, String id, List<Project.Owner> owners) {
        BigDecimal sum = BigDecimal.ZERO;
        List<String> parts = new ArrayList<>();
        for (Project.Owner o : owners) {
            if (o.share() == null) continue;
            BigDecimal share = BigDecimal.valueOf(o.share().value());
            sum = sum.add(share);
            parts.add(o.name() + " " + percent(share));
        }
        if (sum.compareTo(BigDecimal.ONE) > 0) {
            root.problem("owners", "the owners' shares of " + (id == null ? "the project" : id) + " add up to " + percent(sum) + " ("
                    + String.join(" + ", parts) + "); they may hold at most 100 % together. List each owner's direct share of the "
                    + "project: a shareholder of an owner is not an owner of the project");
        }
    }

    /** A share as a percentage, exactly: 0.1 → "10 %", 0.125 → "12.5 %". */
    static String percent(BigDecimal share) {
        return share.movePointRight(2).stripTrailingZeros().toPlainString() + " %";
    }

    private Market market(YNode m, Refs refs) {
        if (!refs.map(m)) return null;
        m.allowOnly("id", "product", "unit", "series", "model", "jumps", "scenario", "club");
        int before = problems.size();
        String id = m.str("id");
        String unit = m.str("unit");
        if (unit != null && !Units.knownPrice(unit)) m.problem("unit", "'" + unit + "' is not a price unit; expected one of " + Units.priceUnits());
        YNode s = m.field("series");
        int[] years = new int[0];
        double[] prices = new double[0];
        String seriesSource = null;
        // a series is optional (a market priced by stated assumptions, e.g. magnets, whose price no source prints); calibration
        // and the band method of floor setting need one and say so
        if (!s.isMissing() && refs.map(s)) {
            s.allowOnly("years", "prices", "source");
            List<YNode> ys = s.field("years").items(), ps = s.field("prices").items();
            if (ys.size() != ps.size()) s.problem("years and prices must have the same length (" + ys.size() + " years, " + ps.size() + " prices)");
            years = new int[ys.size()];
            prices = new double[ps.size()];
            for (int i = 0; i < ys.size(); i++) {
                try {
                    years[i] = Integer.parseInt(ys.get(i).text());
                    if (years[i] < 1900 || years[i] > 2100) ys.get(i).problem(years[i] + " is out of range; expected a year between 1900 and 2100");
                } catch (RuntimeException ex) {
                    ys.get(i).problem("not a year");
                }
            }
            for (int i = 0; i < ps.size(); i++) {
                try {
                    prices[i] = Double.parseDouble(ps.get(i).text());
                    if (!(prices[i] > 0)) ps.get(i).problem("a price must be > 0");
                    else if (prices[i] > MAX_PRICE) ps.get(i).problem(ps.get(i).text() + " is out of range; expected a price between 0 and "
                            + fmt(MAX_PRICE) + " (the market's price unit)");
                } catch (RuntimeException ex) {
                    ps.get(i).problem("not a number");
                }
            }
            seriesSource = s.str("source");
            if (seriesSource != null && !refs.sources.containsKey(seriesSource)) s.problem("source", "'" + seriesSource + "' is not among this file's sources");
            refs.used.add(seriesSource);
        }
        YNode model = m.field("model");
        PriceProcess process = null;
        List<String> warnings = new ArrayList<>();
        if (refs.map(model)) {
            model.allowOnly("type", "calibrate", "p0", "long_run", "kappa", "sigma", "drift");
            String type = model.optStr("type", "ou");
            boolean calibrate = model.bool("calibrate", false);
            if (!type.equals("ou") && !type.equals("gbm")) model.problem("type", "'" + type + "' is not allowed; expected ou or gbm");
            else if (calibrate && !type.equals("ou")) model.problem("calibrate", "calibration is for type ou only");
            else if (calibrate && s.isMissing()) model.problem("calibrate", "calibration fits the model to the market's price series: "
                    + "give series: {years, prices, source}, or the model's p0, long_run, kappa and sigma");
            // the figures are read (and their provenance checked) whatever else is wrong; the process is built only from a sound entry
            Figure p0 = null, sigma = null, lr = null, k = null, drift = null;
            if (!calibrate) {
                p0 = fig(model, "p0", true, 1e-9, MAX_PRICE, "the market's price unit", refs);
                sigma = fig(model, "sigma", true, 0, 5, refs);
                if (type.equals("ou")) {
                    lr = fig(model, "long_run", true, 1e-9, MAX_PRICE, "the market's price unit", refs);
                    k = fig(model, "kappa", true, 1e-6, 20, refs);
                } else if (type.equals("gbm")) {
                    drift = fig(model, "drift", false, -1, 1, refs);
                }
            }
            if (problems.size() == before) {
                try {
                    if (calibrate) {
                        PriceProcess.Calibration c = PriceProcess.calibrateOu(prices);
                        process = c.process();
                        warnings.addAll(c.warnings());
                    } else if (type.equals("ou")) {
                        process = PriceProcess.ou(p0.value(), lr.value(), k.value(), sigma.value());
                    } else {
                        process = PriceProcess.gbm(p0.value(), drift == null ? 0 : drift.value(), sigma.value());
                    }
                } catch (IllegalArgumentException ex) {
                    model.problem(ex.getMessage());
                }
            }
        }
        YNode j = m.field("jumps");
        if (!j.isMissing() && refs.map(j)) {
            j.allowOnly("probability", "mean", "sd");
            Figure pr = fig(j, "probability", true, 0, 1, refs), mean = fig(j, "mean", true, -5, 5, refs), sd = fig(j, "sd", true, 0, 5, refs);
            if (process != null && pr != null && mean != null && sd != null) process = process.withJumps(pr.value(), mean.value(), sd.value());
        }
        if (problems.size() > before || process == null) {
            if (id != null) refusedMarkets.add(id);
            return null;
        }
        return new Market(id, m.str("product"), unit, years, prices, seriesSource, process, warnings, m.optStr("scenario", null), m.strList("club"), m.file(), m.line());
    }

    /**
     * Why a debt repaid after the plant's last year of production is refused, or null: the service of those years has no
     * production to pay it, and the valuation (its years end with production) would not count it — the DSCR would never see
     * it and the principal still owed would be forgiven. Repayment runs from the first year valued with output (the start
     * year, or 2026 for a plant producing before it, after any leading zero ramp-up shares) plus the grace, for the tenor.
     */
    static String debtOutlivesProduction(int startYear, int life, List<Double> ramp, int tenor, int grace) {
        if (startYear <= 0) return null; // refused at start_year already
        int last = startYear + life - 1;
        int first = Math.max(startYear, ProjectValuation.VALUATION_YEAR);
        while (first <= last && first - startYear < ramp.size() && ramp.get(first - startYear) == 0) first++;
        if (first > last) return null; // nothing produced in the years valued: refused or said elsewhere
        int lastRepay = first + grace + tenor - 1;
        if (lastRepay <= last) return null;
        String from = first == startYear ? "the first year of production " + first + ","
                : first == ProjectValuation.VALUATION_YEAR && startYear < first
                ? first + ", the valuation's first year (the plant produces since " + startYear + "),"
                : first + ", the first year with output (ramp_up),";
        int most = last - first - grace + 1;
        return tenor + " years after " + grace + " of grace from " + from + " repay until " + lastRepay + ", after the last year of "
                + "production " + last + " (start_year " + startYear + " + life_years " + life + " − 1): the service of "
                + (last + 1 == lastRepay ? String.valueOf(lastRepay) : (last + 1) + "–" + lastRepay)
                + " would have no production to pay it, and the valuation would not count it; "
                + (most >= 1 ? "at most " + most + (most == 1 ? " year" : " years") + " with this grace"
                : "the grace alone reaches past it: shorten the grace");
    }
}
