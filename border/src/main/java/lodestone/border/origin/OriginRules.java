package lodestone.border.origin;

import lodestone.regime.Problems;
import lodestone.regime.RegimeInvalidException;
import lodestone.regime.io.RegimeSource;
import lodestone.regime.io.YNode;
import lodestone.regime.nomenclature.Nomenclature;

import java.math.BigDecimal;
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

    static String dotted(String digits) {
        return digits.length() <= 4 ? digits : Nomenclature.dotted(digits);
    }
}
