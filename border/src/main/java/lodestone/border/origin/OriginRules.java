package lodestone.border.origin;

import lodestone.regime.Problems;
import lodestone.regime.RegimeInvalidException;
import lodestone.regime.io.RegimeSource;
import lodestone.regime.io.YNode;
import lodestone.regime.nomenclature.Nomenclature;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of origin of one agreement, read from the regime's origin-rule file
 * {@code generated/origin/<agreement>.yaml} (format: {@code docs/origin-format.md}), and the checker
 * that decides whether a good described by a {@link BillOfMaterials} is originating.
 *
 * <p>The rules are data: product-specific rules with alternatives joined by OR and requirements
 * within an alternative joined by AND (GN 29(m)(iii)), process rules that confer origin in addition
 * (GN 29(m)(vii)), the de minimis share (GN 29(e)(i)) and the sets share (GN 29(c)(v)). Loading is
 * validated with located problems and the result is immutable and thread-safe.
 */
public final class OriginRules {

    /** The change in tariff classification an alternative requires of each non-originating material. */
    enum Change { CHAPTER, HEADING, SUBHEADING, HEADING_OUTSIDE_GROUP, SUBHEADING_OUTSIDE_GROUP, NONE, ONLY_FROM }

    /**
     * A range of HS provisions at one level, as digits: chapters ("28"), headings ("2804") or
     * subheadings ("280461"), with an optional description of the goods it is limited to.
     */
    record Provision(String from, String to, String goods, String whenGoodIs) {
        int level() {
            return from.length();
        }

        /** True when a code (at least as long as this provision's level) falls in the range. */
        boolean contains(String digits) {
            return containsAt(digits, level());
        }

        /** Compares at {@code len} digits (the range truncated to that length). */
        boolean containsAt(String digits, int len) {
            if (digits.length() < len || from.length() < len) return false;
            String d = digits.substring(0, len);
            return d.compareTo(from.substring(0, len)) >= 0 && d.compareTo(to.substring(0, len)) <= 0;
        }

        /** True when the two ranges share a code (compared at the shorter level). */
        boolean overlaps(Provision o) {
            int len = Math.min(level(), o.level());
            return from.substring(0, len).compareTo(o.to.substring(0, len)) <= 0
                    && o.from.substring(0, len).compareTo(to.substring(0, len)) <= 0;
        }

        /** "heading 8110", "subheadings 2804.61-2804.69", "chapters 28-37". */
        String describe() {
            String lvl = switch (level()) {
                case 2 -> "chapter";
                case 4 -> "heading";
                default -> "subheading";
            };
            String s = from.equals(to) ? lvl + " " + dotted(from) : lvl + "s " + dotted(from) + "-" + dotted(to);
            return goods == null ? s : s + " (" + goods + ")";
        }
    }

    /** One alternative of a rule: every requirement present must be met (GN 29(m)(iii)). */
    record Alternative(String label, String goods, Change change, List<Provision> exceptFrom, List<Provision> alsoFrom,
                       List<Provision> onlyFrom, BigDecimal rvcBuildUp, BigDecimal rvcBuildDown, String process,
                       String note) {
        boolean hasRvc() {
            return rvcBuildUp != null || rvcBuildDown != null;
        }
    }

    /** A product-specific rule: the goods it covers and its alternatives (joined by OR). */
    record Rule(String id, String citation, Provision scope, String text, String note, List<Alternative> alternatives) { }

    /** A process that confers origin on goods of some chapters in addition to the product-specific rules. */
    record ProcessRule(String id, String citation, String process, Provision chapters, List<String> except) {
        boolean appliesTo(String digits) {
            if (!chapters.contains(digits)) return false;
            for (String e : except) if (digits.startsWith(e)) return false;
            return true;
        }
    }

    /** HS 2022 provisions that the rules (numbered for another HS edition) do not name, and where their goods were. */
    record HsChange(Provision hs2022, List<Provision> previous, boolean ranged, String note) { }

    private final String agreement;
    private final String title;
    private final String legalBase;
    private final String hsBasis;
    private final Set<String> parties;
    private final List<String> covers;
    private final Map<String, String> citations;
    private final BigDecimal deMinimisPct;
    private final BigDecimal setsPct;
    private final BigDecimal setsTextilePct;
    private final List<String> separationChapters;
    private final List<ProcessRule> processRules;
    private final List<HsChange> hsChanges;
    private final List<Rule> rules;

    OriginRules(String agreement, String title, String legalBase, String hsBasis, Set<String> parties, List<String> covers,
                Map<String, String> citations, BigDecimal deMinimisPct, BigDecimal setsPct, BigDecimal setsTextilePct,
                List<String> separationChapters, List<ProcessRule> processRules, List<HsChange> hsChanges, List<Rule> rules) {
        this.agreement = agreement;
        this.title = title;
        this.legalBase = legalBase;
        this.hsBasis = hsBasis;
        this.parties = Set.copyOf(parties);
        this.covers = List.copyOf(covers);
        this.citations = Map.copyOf(citations);
        this.deMinimisPct = deMinimisPct;
        this.setsPct = setsPct;
        this.setsTextilePct = setsTextilePct;
        this.separationChapters = List.copyOf(separationChapters);
        this.processRules = List.copyOf(processRules);
        this.hsChanges = List.copyOf(hsChanges);
        this.rules = List.copyOf(rules);
    }

    /** The folder, under a regime root, where agreements' origin-rule files live. */
    public static final String FOLDER = "generated/origin/";

    /**
     * Loads {@code generated/origin/<agreementId>.yaml} from a regime ({@link RegimeSource#bundled()}
     * or {@link RegimeSource#directory}). Throws {@link IllegalArgumentException} when the regime has no
     * rules for the agreement, and {@link RegimeInvalidException} (every problem located) when the file is invalid.
     */
    public static OriginRules load(RegimeSource src, String agreementId) {
        if (agreementId == null || !agreementId.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("'" + agreementId + "' is not an agreement id; expected lower-case "
                    + "letters, digits and hyphens, e.g. cafta-dr");
        }
        String rel = FOLDER + agreementId + ".yaml";
        String text = src.read(rel);
        if (text == null) {
            throw new IllegalArgumentException("no rules of origin for agreement '" + agreementId + "' in "
                    + src.describe() + ": expected the file " + src.displayPath(rel));
        }
        return parse(src.displayPath(rel), text, agreementId);
    }

    /** Parses an origin-rule file's text (the name is used in messages). */
    static OriginRules parse(String file, String text, String expectedAgreement) {
        Problems problems = new Problems();
        YNode root = YNode.parse(file, text, problems);
        OriginRules rules = root == null ? null : RuleFileReader.read(root, expectedAgreement);
        problems.throwIfAny("origin rules " + file);
        return rules;
    }

    /**
     * Decides whether the good described by the bill of materials is originating. Codes are checked
     * against the HTS: an unknown code, an originating material from a non-party or a bill for another
     * agreement throws {@link RegimeInvalidException} with the problems located in the bill's file.
     */
    public OriginVerdict check(BillOfMaterials bom, Nomenclature hts) {
        return new OriginCheck(this, bom, hts).run();
    }

    public String agreement() {
        return agreement;
    }

    public String title() {
        return title;
    }

    public String legalBase() {
        return legalBase;
    }

    /** The HS edition the rules are numbered for (e.g. HS2017). */
    public String hsBasis() {
        return hsBasis;
    }

    /** ISO alpha-2 codes of the parties. */
    public Set<String> parties() {
        return parties;
    }

    /** The chapters and headings (digits) the rule file covers. */
    public List<String> covers() {
        return covers;
    }

    /** Number of product-specific rules. */
    public int ruleCount() {
        return rules.size();
    }

    /**
     * What the rule file says about an HS code, as lines for a person: the product-specific rule with its
     * alternatives (OR) and their requirements (AND), the process rules that also confer origin, the HS
     * 2017/2022 gap if any, and de minimis. Throws {@link IllegalArgumentException} for a code of fewer than 6 digits.
     */
    public List<String> describe(String code) {
        String d = Nomenclature.digitsOf(code);
        if (d == null || d.length() < 6) {
            throw new IllegalArgumentException("'" + code + "' is not an HS code of at least 6 digits; expected e.g. 8110.90");
        }
        String six = dotted(d.substring(0, 6));
        List<String> out = new ArrayList<>();
        Rule r = ruleFor(d);
        String gap = gapNote(d);
        if (r == null) {
            out.add(six + ": no product-specific rule in the " + agreement + " rule file"
                    + (gap == null && !covered(d) ? ", which covers " + coverage() : ""));
        } else {
            out.add(six + ": " + r.id() + " — " + r.citation());
            if (!r.text().isEmpty()) out.add("  source text begins: \"" + r.text() + "\"");
            if (r.note() != null) out.add("  note: " + r.note());
            String or = "  ";
            for (Alternative a : r.alternatives()) {
                List<String> req = new ArrayList<>();
                if (a.change() != Change.NONE || !a.exceptFrom().isEmpty()) req.add(OriginCheck.describe(r, a));
                if (a.hasRvc()) {
                    List<String> t = new ArrayList<>();
                    if (a.rvcBuildUp() != null) t.add("≥ " + OriginCheck.plain(a.rvcBuildUp()) + " % build-up");
                    if (a.rvcBuildDown() != null) t.add("≥ " + OriginCheck.plain(a.rvcBuildDown()) + " % build-down");
                    req.add("RVC " + String.join(" or ", t));
                }
                if (a.process() != null) req.add(OriginCheck.processName(a.process()) + " in a party");
                if (!a.alsoFrom().isEmpty()) {
                    req.add("also from " + String.join(", ", a.alsoFrom().stream().map(Provision::describe).toList()));
                }
                out.add(or + (a.label().isEmpty() ? "" : "(" + a.label() + ") ") + (a.goods() == null ? "" : "for " + a.goods() + ": ")
                        + (req.isEmpty() ? "no requirement" : String.join(" AND ", req)));
                or = "  or ";
            }
        }
        for (ProcessRule p : processRules) {
            if (p.appliesTo(d)) out.add("  or " + p.id() + ": " + OriginCheck.processName(p.process()) + " in a party ("
                    + p.citation() + ")");
        }
        if (gap != null) out.add("  HS 2017/2022 gap: " + gap);
        int chapter = Integer.parseInt(d.substring(0, 2));
        if (deMinimisPct != null && chapter >= 50 && chapter <= 63) {
            // GN 29(e) excepts textile goods, whose de minimis is GN 29(d)'s, by weight (shared data GN29-d-i, GN29-e-i)
            out.add("  de minimis: not by value for a textile or apparel good (chapters 50-63): GN 29(d) counts the "
                    + "non-originating fibres and yarns of the component that determines its classification by weight (not modelled)");
        } else if (deMinimisPct != null) {
            out.add("  de minimis: non-originating materials that fail a change of classification may total "
                    + OriginCheck.plain(deMinimisPct) + " % of the adjusted value" + (citation("de-minimis").isEmpty() ? ""
                    : " (" + citation("de-minimis") + ")"));
        }
        return out;
    }

    /**
     * As {@link #describe(String)}, and for a good the schedule describes as scrap (its line or a line
     * above it), the waste-and-scrap provision (GN 29(c)(i)(J)) that makes it wholly obtained whatever the origin of what it
     * came from — so that 7404's value-content rule is not read as the only way copper scrap qualifies.
     */
    public List<String> describe(String code, Nomenclature hts) {
        List<String> out = new ArrayList<>(describe(code));
        String cite = citation("waste-and-scrap");
        String scrap = cite.isEmpty() ? null : OriginCheck.scrapLine(hts, code, false);
        if (scrap != null) {
            int at = out.size();
            for (int i = 0; i < out.size(); i++) if (out.get(i).startsWith("  de minimis") || out.get(i).startsWith("  HS 2017/2022 gap")) {
                at = i;
                break;
            }
            out.add(at, "  or wholly obtained as waste and scrap (" + cite + "; HTS: " + scrap + "): derived from manufacturing or "
                    + "processing operations in a party, or from used goods collected in a party and fit only for the recovery of "
                    + "raw materials, whatever the origin of what it came from (declare product.waste_and_scrap)");
        }
        return out;
    }

    /** The id of the product-specific rule whose scope covers a code, if any. */
    public Optional<String> ruleIdFor(String code) {
        String d = Nomenclature.digitsOf(code);
        return d == null ? Optional.empty() : Optional.ofNullable(ruleFor(d)).map(Rule::id);
    }

    Rule ruleFor(String digits) {
        for (Rule r : rules) if (r.scope().contains(digits)) return r;
        return null;
    }

    List<Rule> rules() {
        return rules;
    }

    List<ProcessRule> processRules() {
        return processRules;
    }

    List<HsChange> hsChanges() {
        return hsChanges;
    }

    String citation(String provision) {
        return citations.getOrDefault(provision, "");
    }

    BigDecimal deMinimisPct() {
        return deMinimisPct;
    }

    BigDecimal setsPct() {
        return setsPct;
    }

    BigDecimal setsTextilePct() {
        return setsTextilePct;
    }

    /** True when a change of classification by mere separation from a man-made mixture confers no origin on this good. */
    boolean separationWithholds(String digits) {
        return separationChapters.contains(digits.substring(0, 2));
    }

    boolean covered(String digits) {
        for (String c : covers) if (digits.startsWith(c)) return true;
        return false;
    }

    /**
     * The caveat for a good whose HS 2022 code the rules (numbered for {@link #hsBasis()}) do not name, or
     * name only through a range written before the code existed; null when there is no such gap or the code
     * is outside what the file covers. It names the rules of the provisions the goods came from
     * ({@code hs-changes}), else the rule nearest in code order — and never applies a rule written for other codes.
     */
    String gapNote(String product) {
        Rule rule = ruleFor(product);
        HsChange change = hsChange(product);
        String code = dotted(product.substring(0, 6));
        if (change != null && change.ranged() && rule != null) {
            return gapText(change, product) + " The rule " + rule.id() + " covers " + code + " only because its range "
                    + rule.scope().describe() + " as written spans it; the " + predecessors(change)
                    + ". Check which rule the current " + legalBase + " applies.";
        }
        if (rule == null && change != null) {
            return gapText(change, product) + " No rule names " + code + "; the nearest " + predecessors(change)
                    + ". Lodestone does not apply a rule written for other codes.";
        }
        if (rule == null && covered(product)) {
            return code + " is an HS 2022 subheading that no rule of " + legalBase + " names (the rules are numbered for "
                    + hsBasis + "); the nearest rule is " + nearest(product)
                    + ". Lodestone does not apply a rule written for other codes.";
        }
        return null;
    }

    private HsChange hsChange(String product) {
        for (HsChange c : hsChanges) if (c.hs2022().contains(product)) return c;
        return null;
    }

    private String gapText(HsChange c, String product) {
        return dotted(product.substring(0, 6)) + " is an HS 2022 provision (" + c.note() + "); the rules of " + legalBase
                + " are numbered for " + hsBasis + ".";
    }

    /** "rule(s) for the goods' HS2017 PROVISION is/are RULE for SCOPE ("text")": the rules of the provisions the goods came from. */
    private String predecessors(HsChange c) {
        List<String> found = new ArrayList<>();
        for (Rule r : rules) {
            for (Provision p : c.previous()) {
                if (r.scope().overlaps(p)) {
                    found.add(r.id() + " for " + r.scope().describe() + (r.text().isEmpty() ? "" : " (\"" + r.text() + "\")"));
                    break;
                }
            }
        }
        String where = hsBasis + " " + String.join(" or ", c.previous().stream().map(Provision::describe).toList());
        if (found.isEmpty()) return "rule for the goods' " + where + ": none in this rule file";
        return (found.size() == 1 ? "rule for the goods' " + where + " is " : "rules for the goods' " + where + " are ")
                + String.join("; ", found);
    }

    /** The rule of the same heading, else of the same chapter, whose scope is nearest in code order. */
    private String nearest(String product) {
        long target = Long.parseLong(product.substring(0, 6));
        Rule best = null;
        long bestDistance = Long.MAX_VALUE;
        for (Rule r : rules) {
            if (!r.scope().from().startsWith(product.substring(0, 2))) continue;
            long from = Long.parseLong((r.scope().from() + "000000").substring(0, 6));
            long to = Long.parseLong((r.scope().to() + "999999").substring(0, 6));
            long dist = target < from ? from - target : target > to ? target - to : 0;
            if (!r.scope().from().startsWith(product.substring(0, 4))) dist += 1_000_000; // prefer the same heading
            if (dist < bestDistance) {
                bestDistance = dist;
                best = r;
            }
        }
        return best == null ? "none in chapter " + product.substring(0, 2)
                : best.id() + " for " + best.scope().describe() + (best.text().isEmpty() ? "" : " (\"" + best.text() + "\")");
    }

    /** "chapter 25, chapter 26, …, heading 8505": what the rule file covers, for messages. */
    String coverage() {
        List<String> c = new ArrayList<>();
        for (String x : covers) c.add(x.length() == 2 ? "chapter " + x : "heading " + x);
        return String.join(", ", c);
    }

    static String dotted(String digits) {
        return digits.length() <= 4 ? digits : Nomenclature.dotted(digits);
    }
}
