package lodestone.border.origin;

import lodestone.border.origin.BillOfMaterials.Material;
import lodestone.border.origin.OriginRules.Alternative;
import lodestone.border.origin.OriginRules.Change;
import lodestone.border.origin.OriginRules.ProcessRule;
import lodestone.border.origin.OriginRules.Provision;
import lodestone.border.origin.OriginRules.Rule;
import lodestone.regime.Problems;
import lodestone.regime.nomenclature.Nomenclature;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One origin check: the bill of materials against the agreement's rules. The order follows GN 29(b):
 * a good is originating when it is wholly obtained (b)(i), when it is produced exclusively from
 * originating materials (b)(iii), or when it meets the product-specific rule (b)(ii) — any one of the
 * rule's alternatives (GN 29(m)(iii)), each alternative's change in tariff classification, regional
 * value content and process requirements together. De minimis (GN 29(e)(i)) rescues a failed change
 * of classification, never a failed RVC.
 *
 * <p>Percentages are compared exactly (VOM × 100 ≥ threshold × AV); they are rounded half-up to two
 * decimals only for display.
 */
final class OriginCheck {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final OriginRules rules;
    private final BillOfMaterials bom;
    private final Nomenclature hts;
    private final BigDecimal av;
    private final BigDecimal vom;
    private final BigDecimal vnm;
    private final String product;          // digits
    private final List<Material> nonOriginating = new ArrayList<>();
    private final List<String> reasons = new ArrayList<>();
    private final Set<String> suggestions = new LinkedHashSet<>();

    OriginCheck(OriginRules rules, BillOfMaterials bom, Nomenclature hts) {
        this.rules = rules;
        this.bom = bom;
        this.hts = hts;
        validate();
        this.av = bom.product().adjustedValue();
        BigDecimal o = BigDecimal.ZERO;
        BigDecimal n = BigDecimal.ZERO;
        for (Material m : bom.materials()) {
            if (m.originating()) o = o.add(m.value());
            else {
                n = n.add(m.value());
                nonOriginating.add(m);
            }
        }
        this.vom = o;
        this.vnm = n;
        this.product = Nomenclature.digitsOf(bom.product().hts());
    }

    /** Problems that need the regime: the agreement, unknown codes, originating materials from non-parties. */
    private void validate() {
        Problems p = new Problems();
        BillOfMaterials.against(bom, rules, hts, p);
        p.throwIfAny("bill of materials " + bom.fileName());
    }

    OriginVerdict run() {
        accumulationNotes();
        if (bom.product().set()) return set();
        Rule rule = rules.ruleFor(product);
        String gapNote = rules.gapNote(product);
        boolean gap = gapNote != null;
        List<String> caveats = gap ? List.of(gapNote) : List.of();

        // GN 29(c)(i)(J): waste and scrap of manufacturing or processing in a party, or of used goods collected there and fit
        // only for the recovery of raw materials, is wholly obtained whatever the origin of the goods it came from.
        BillOfMaterials.Product p = bom.product();
        String scrapLine = scrapLine(false);
        boolean whollyAsScrap = false;
        if (p.wasteAndScrap() != null) {
            String looseLine = scrapLine(true);
            if (looseLine == null) {
                reasons.add("declared waste and scrap, but the HTS does not describe " + p.hts() + " as waste, scrap or residues ("
                        + lineDescription() + "): " + wasteCitation() + " is not applied to it");
            } else if (p.wasteAndScrap().equals(BillOfMaterials.Product.USED_GOODS) && !p.fitOnlyForRecovery()) {
                whollyAsScrap = p.whollyObtained(); // nor is it wholly obtained by the bare declaration
                reasons.add("declared waste and scrap of used goods collected in a party, but not fit only for the recovery of "
                        + "raw materials (product.fit_only_for_recovery is not true): not wholly obtained under " + wasteCitation()
                        + " (used goods fit for reuse are not waste and scrap: CBP HQ H306340), so the product-specific rule decides");
            } else {
                boolean used = p.wasteAndScrap().equals(BillOfMaterials.Product.USED_GOODS);
                List<String> why = new ArrayList<>();
                why.add(p.description() + " is declared waste and scrap derived from "
                        + (used ? "used goods collected in a party and fit only for the recovery of raw materials"
                                : "manufacturing or processing operations in a party")
                        + ": wholly obtained (" + wasteCitation() + ")"
                        + (nonOriginating.isEmpty() ? "" : ", whatever the origin of the goods it came from (" + names(nonOriginating)
                                + "); no change of classification or value content is asked of them"));
                why.add(used ? "keep the evidence that the used goods were collected in a party and that they are fit only for the "
                        + "recovery of raw materials: used parts fit for reuse or refurbishing are not waste and scrap (CBP HQ "
                        + "H306340, DR-CAFTA)"
                        : "keep the evidence of the manufacturing or processing operations in a party that the waste and scrap "
                        + "came from");
                why.addAll(caveats);
                why.addAll(reasons);
                return verdict(true, "GN 29(c)(i)(J) waste and scrap", wasteCitation(), why, gap);
            }
        } else if (p.whollyObtained() && scrapLine != null) {
            // a bare "wholly obtained" on waste and scrap: it is so only as (J) says, and the bill does not say which
            whollyAsScrap = true;
            reasons.add("declared wholly obtained, but " + p.hts() + " is waste and scrap (HTS: " + scrapLine + "): waste and "
                    + "scrap is wholly obtained only when derived from manufacturing or processing operations in a party, or from "
                    + "used goods collected in a party and fit only for the recovery of raw materials (" + wasteCitation() + "); say "
                    + "which in product.waste_and_scrap (\"production\", or \"used-goods\" with product.fit_only_for_recovery)"
                    + (bom.materials().isEmpty() ? ", or list the materials it was made of" : ", so the product-specific rule decides"));
        }
        if (bom.materials().isEmpty() && !(p.whollyObtained() && !whollyAsScrap)) {
            // no materials and no wholly obtained good: "every material is originating" would be said of none
            if (scrapLine(true) != null) {
                suggestions.add("declare product.waste_and_scrap \"production\" (scrap of manufacturing or processing in a party) or "
                        + "\"used-goods\" with product.fit_only_for_recovery true (used goods collected in a party, fit only for the "
                        + "recovery of raw materials), when that is so (" + wasteCitation() + ")");
            }
            suggestions.add("list the materials the good was made of, for the product-specific rule to decide");
            List<String> why = new ArrayList<>(reasons);
            why.addAll(caveats);
            return verdict(false, "GN 29(c)(i)(J) waste and scrap", wasteCitation(), why, gap);
        }

        // GN 29(b)(i): wholly obtained — no non-originating material may be used.
        if (p.whollyObtained() && !whollyAsScrap) {
            if (nonOriginating.isEmpty()) {
                return verdict(true, "GN 29(b)(i) wholly obtained", rules.citation("wholly-obtained"),
                        first(bom.product().description() + " is declared wholly obtained or produced entirely in the "
                                + "territory of one or more parties (" + rules.citation("wholly-obtained") + ")", caveats), gap);
            }
            reasons.add("declared wholly obtained, but it uses non-originating materials ("
                    + names(nonOriginating) + "): a wholly obtained good has none, so the product-specific rule decides");
        }
        // GN 29(b)(iii): produced exclusively from originating materials.
        if (nonOriginating.isEmpty()) {
            return verdict(true, "GN 29(b)(iii) produced exclusively from originating materials",
                    rules.citation("exclusively-originating"),
                    first("every material is originating (" + money(vom) + " of " + money(av)
                            + " adjusted value): produced exclusively from originating materials ("
                            + rules.citation("exclusively-originating") + "); no product-specific rule is needed", caveats), gap);
        }
        if (rule == null) {
            List<String> why = new ArrayList<>(caveats);
            if (!gap) {
                why.add(0, "no rule of origin for HTS " + bom.product().hts() + " in the " + rules.agreement()
                        + " rule file, which covers " + rules.coverage() + "; import the rules of its chapter to check it");
            }
            reasons.addAll(0, why);
            suggestions.add("source every material from originating suppliers: a good produced exclusively from "
                    + "originating materials qualifies without a product-specific rule (" + rules.citation("exclusively-originating") + ")");
            return verdict(false, "none", "", reasons, gap);
        }

        // GN 29(b)(ii) with (m)(iii): the first alternative met decides; (m)(vii) process rules add alternatives.
        List<AltResult> results = new ArrayList<>();
        for (Alternative a : rule.alternatives()) results.add(evaluate(rule, a));
        for (ProcessRule pr : rules.processRules()) if (pr.appliesTo(product)) results.add(processRule(pr));
        for (AltResult r : results) {
            if (r.passed) {
                List<String> out = new ArrayList<>();
                out.add(r.summary);
                out.addAll(r.details);
                if (r.goods != null) {
                    out.add("alternative " + r.label + " applies only to " + r.goods + "; the bill of materials does not "
                            + "say which goods of " + dotted6() + " this is — confirm that " + bom.product().description()
                            + " is such a good");
                }
                out.addAll(caveats);
                out.addAll(reasons);
                return verdict(true, r.name, r.citation, out, gap);
            }
        }
        List<String> out = new ArrayList<>(caveats);
        for (AltResult r : results) {
            out.add(r.name + " not met: " + r.summary);
            out.addAll(r.details);
            suggestions.addAll(r.suggestions);
        }
        out.addAll(reasons);
        return verdict(false, rule.id(), rule.citation(), out, gap);
    }

    private static final java.util.regex.Pattern SCRAP = java.util.regex.Pattern.compile("\\bscrap\\b",
            java.util.regex.Pattern.CASE_INSENSITIVE);
    private static final java.util.regex.Pattern WASTE_OR_RESIDUE = java.util.regex.Pattern.compile(
            "\\b(scrap|wastes?|residues?|slag|dross|ash)\\b", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** The waste-and-scrap provision's citation (GN 29(c)(i)(J)), or the wholly-obtained one when the rule file has none. */
    private String wasteCitation() {
        String c = rules.citation("waste-and-scrap");
        return c.isEmpty() ? rules.citation("wholly-obtained") : c;
    }

    /**
     * The HTS description that says the good is waste and scrap — of its line or a line above it — or null. Strictly, a
     * heading of articles "including waste and scrap" (8113, 8106) does not make each of its goods scrap; loosely it does, and
     * so do waste, residues, slag, dross and ash (2620, 3825), which a bill may declare waste and scrap.
     */
    private String scrapLine(boolean loose) {
        return scrapLine(hts, bom.product().hts(), loose);
    }

    /** As {@link #scrapLine(boolean)}, for any code of the schedule. */
    static String scrapLine(Nomenclature hts, String code, boolean loose) {
        for (lodestone.regime.nomenclature.HtsLine l : path(hts, code)) {
            String d = l.description();
            if (loose ? WASTE_OR_RESIDUE.matcher(d).find() : SCRAP.matcher(d.replaceAll("(?i)including waste and scrap", "")).find()) {
                return d.endsWith(":") ? d.substring(0, d.length() - 1) : d;
            }
        }
        return null;
    }

    private String lineDescription() {
        List<lodestone.regime.nomenclature.HtsLine> path = path(hts, bom.product().hts());
        if (path.isEmpty()) return "not in the HTS";
        String d = path.get(0).description();
        return d.endsWith(":") ? d.substring(0, d.length() - 1) : d;
    }

    /** The good's line (or, for a code above several lines, the coded lines above them that it names) and the lines above. */
    private static List<lodestone.regime.nomenclature.HtsLine> path(Nomenclature hts, String code) {
        List<lodestone.regime.nomenclature.HtsLine> out = new ArrayList<>();
        String product = Nomenclature.digitsOf(code);
        if (product == null) return out;
        var resolved = hts.resolve(code);
        if (resolved.isPresent()) {
            out.add(resolved.get());
            List<lodestone.regime.nomenclature.HtsLine> up = new ArrayList<>(hts.ancestors(resolved.get()));
            java.util.Collections.reverse(up);
            out.addAll(up);
            return out;
        }
        List<lodestone.regime.nomenclature.HtsLine> below = hts.withPrefix(product);
        if (below.isEmpty()) return out;
        List<lodestone.regime.nomenclature.HtsLine> up = new ArrayList<>(hts.ancestors(below.get(0)));
        java.util.Collections.reverse(up);
        for (var l : up) if (l.coded() && product.startsWith(l.digits())) out.add(l);
        return out;
    }

    // ------------------------------------------------------------------ alternatives

    private static final class AltResult {
        String name;
        String label;
        String citation;
        String goods;
        boolean passed;
        String summary;
        final List<String> details = new ArrayList<>();
        final List<String> suggestions = new ArrayList<>();
    }

    private AltResult evaluate(Rule rule, Alternative a) {
        AltResult r = new AltResult();
        r.label = a.label().isEmpty() ? "" : a.label();
        r.name = rule.id() + (r.label.isEmpty() ? "" : " (" + r.label + ")");
        r.citation = rule.citation() + (r.label.isEmpty() ? "" : ", alternative (" + r.label + ")");
        r.goods = a.goods();
        String who = r.label.isEmpty() ? "the rule" : "alternative " + r.label;
        List<String> met = new ArrayList<>();
        List<String> failed = new ArrayList<>();

        // Change in tariff classification, tested on the non-originating materials only (GN 29(m)(i)).
        if (a.change() != Change.NONE || !a.exceptFrom().isEmpty()) {
            List<Material> failing = new ArrayList<>();
            BigDecimal failValue = BigDecimal.ZERO;
            for (Material m : nonOriginating) {
                String why = ctcFailure(rule, a, m, who);
                if (why != null) {
                    failing.add(m);
                    failValue = failValue.add(m.value());
                    r.details.add("  " + why);
                }
            }
            String ctc = describe(rule, a);
            if (failing.isEmpty()) {
                met.add(ctc + ": every non-originating material meets it");
            } else {
                BigDecimal limit = av.multiply(rules.deMinimisPct()).divide(HUNDRED);
                if (failValue.compareTo(limit) <= 0) {
                    met.add(ctc + " by de minimis: the non-originating materials that fail it (" + names(failing) + ", "
                            + money(failValue) + ") are " + pct(failValue) + " of the adjusted value, within "
                            + plain(rules.deMinimisPct()) + " % (" + rules.citation("de-minimis") + ")");
                } else {
                    failed.add(ctc + ": failed by " + names(failing) + " (" + money(failValue) + ", " + pctAbove(failValue, rules.deMinimisPct())
                            + " of the adjusted value, above the " + plain(rules.deMinimisPct()) + " % de minimis of "
                            + rules.citation("de-minimis") + ")");
                    for (Material m : failing) {
                        r.suggestions.add("for " + r.name + ": source " + m.description() + " (" + m.hts() + ", "
                                + money(m.value()) + ") from an originating supplier");
                    }
                    BigDecimal cut = failValue.subtract(limit);
                    r.suggestions.add("for " + r.name + ": reduce the non-originating materials that fail the change ("
                            + names(failing) + ") by " + money(cut) + ", to " + money(limit) + " or less ("
                            + plain(rules.deMinimisPct()) + " % of the adjusted value), so that de minimis applies ("
                            + rules.citation("de-minimis") + ")");
                }
            }
        }

        // GN 29(m)(vii)(G): a change that results only from separating the good out of a man-made mixture does not
        // confer origin on chapter 28/38 goods unless the isolated material underwent a chemical reaction in a party.
        if (a.change() != Change.NONE && bom.product().separatedFromMixture() && rules.separationWithholds(product)
                && !bom.product().processes().contains("chemical-reaction")) {
            failed.add("the change of classification results only from separating the good out of a man-made mixture, "
                    + "which confers no origin unless the isolated material underwent a chemical reaction in a party"
                    + cite("separation"));
            r.suggestions.add("for " + r.name + ": a chemical reaction of the isolated material in a party would let the "
                    + "change confer origin; declare \"chemical-reaction\" in product.processes");
        }

        // Regional value content: the producer may use either method (GN 29(f)(i)(A) or (B)).
        if (a.hasRvc()) {
            boolean up = a.rvcBuildUp() != null && vom.multiply(HUNDRED).compareTo(a.rvcBuildUp().multiply(av)) >= 0;
            boolean down = a.rvcBuildDown() != null
                    && av.subtract(vnm).multiply(HUNDRED).compareTo(a.rvcBuildDown().multiply(av)) >= 0;
            String upText = a.rvcBuildUp() == null ? null : "build-up RVC " + compared(vom, a.rvcBuildUp(), up)
                    + cite("build-up");
            String downText = a.rvcBuildDown() == null ? null : "build-down RVC " + compared(av.subtract(vnm),
                    a.rvcBuildDown(), down) + cite("build-down");
            if (up) met.add(upText);
            else if (down) met.add(downText);
            else {
                failed.add(join(upText, downText));
                r.suggestions.addAll(rvcSuggestions(r.name, a));
            }
        }

        // Process requirements (e.g. a chemical reaction, GN 29(m)(vii)(A)).
        if (a.process() != null) {
            if (bom.product().processes().contains(a.process())) met.add(processName(a.process()) + " in a party (declared)");
            else {
                failed.add("requires " + processName(a.process()) + " in a party, which the bill of materials does not "
                        + "declare (product.processes)");
                r.suggestions.add("for " + r.name + ": perform " + processName(a.process()) + " in a party and declare "
                        + "\"" + a.process() + "\" in product.processes");
            }
        }
        if (a.change() == Change.NONE && a.exceptFrom().isEmpty() && !a.hasRvc() && a.process() == null) {
            met.add("no requirement");
        }
        r.passed = failed.isEmpty();
        r.summary = r.passed ? String.join("; ", met) : String.join("; ", failed);
        if (r.passed) {
            // the deciding line names the rule and alternative; the failing details are irrelevant
            r.details.clear();
            r.summary = (r.label.isEmpty() ? rule.id() : who + " of " + rule.id()) + " met: " + r.summary;
        }
        return r;
    }

    private AltResult processRule(ProcessRule pr) {
        AltResult r = new AltResult();
        r.label = "";
        r.name = pr.id();
        r.citation = pr.citation();
        String p = processName(pr.process());
        if (bom.product().processes().contains(pr.process())) {
            r.passed = true;
            r.summary = "the good results from " + p + " in a party (declared), which confers origin on goods of "
                    + pr.chapters().describe() + " in addition to the product-specific rule ("
                    + pr.citation() + ")";
        } else {
            r.summary = p + " in a party would confer origin (" + pr.citation() + "); none declared";
            r.suggestions.add("or perform " + p + " in a party and declare \"" + pr.process() + "\" in product.processes ("
                    + pr.citation() + ")");
        }
        return r;
    }

    /** Why a non-originating material fails the alternative's change of classification, or null when it passes. */
    private String ctcFailure(Rule rule, Alternative a, Material m, String who) {
        String d = m.digits();
        String id = m.description() + " (" + m.hts() + ", " + money(m.value()) + ")";
        // GN 29(m)(ii): materials of excepted provisions must be originating. Provisions limited to some goods
        // are applied conservatively, since a bill of materials does not say which goods of a code a material is.
        for (Provision p : a.exceptFrom()) {
            if (p.contains(d)) {
                return id + " is non-originating and of " + p.describe() + ", which " + who + " excepts: such materials "
                        + "must be originating (" + rules.citation("exceptions") + ")"
                        + (p.whenGoodIs() != null ? "; the exception applies to " + p.whenGoodIs() + ", taken conservatively" : "");
            }
        }
        for (Provision p : a.alsoFrom()) if (p.contains(d)) return null;
        String chapter = product.substring(0, 2);
        String heading = product.substring(0, 4);
        String sub = product.substring(0, 6);
        return switch (a.change()) {
            case NONE -> null;
            case CHAPTER -> d.startsWith(chapter) ? id + " is of chapter " + chapter + ", the good's own chapter: " + who
                    + " requires a change from any other chapter" : null;
            case HEADING -> d.startsWith(heading) ? id + " is of heading " + heading + ", the good's own heading: " + who
                    + " requires a change from any other heading" : null;
            case SUBHEADING -> d.startsWith(sub) ? id + " is of subheading " + OriginRules.dotted(sub) + ", the good's own: "
                    + who + " requires a change from any other subheading" : null;
            case HEADING_OUTSIDE_GROUP -> rule.scope().containsAt(d, 4) ? id + " is of heading " + d.substring(0, 4)
                    + ", inside the group " + rule.scope().describe() + ": the change must come from outside the group ("
                    + rules.citation("groups") + ")" : null;
            case SUBHEADING_OUTSIDE_GROUP -> rule.scope().containsAt(d, 6) ? id + " is of subheading "
                    + OriginRules.dotted(d.substring(0, 6)) + ", inside the group " + rule.scope().describe()
                    + ": the change must come from outside the group (" + rules.citation("groups") + ")" : null;
            case ONLY_FROM -> {
                for (Provision p : a.onlyFrom()) if (p.contains(d)) yield null;
                yield id + " is not of " + String.join(" or ", a.onlyFrom().stream().map(Provision::describe).toList())
                        + ", the only provisions " + who + " allows non-originating materials from";
            }
        };
    }

    static String describe(Rule rule, Alternative a) {
        String base = switch (a.change()) {
            case CHAPTER -> "change of chapter";
            case HEADING -> "change of heading";
            case SUBHEADING -> "change of subheading";
            case HEADING_OUTSIDE_GROUP -> "change from a heading outside " + rule.scope().describe();
            case SUBHEADING_OUTSIDE_GROUP -> "change from a subheading outside " + rule.scope().describe();
            case ONLY_FROM -> "change only from " + String.join(" or ", a.onlyFrom().stream().map(Provision::describe).toList());
            case NONE -> "no change of classification";
        };
        if (!a.exceptFrom().isEmpty()) {
            base += " except from " + String.join(", ", a.exceptFrom().stream().map(Provision::describe).toList());
        }
        return base;
    }

    /**
     * What would lift the RVC over a threshold: the smallest set of non-originating materials whose
     * sourcing from an originating supplier is enough (moving a material's value from VNM to VOM raises
     * both methods by the same amount), as "sourcing M … raises build-up RVC from x % to y %".
     */
    private List<String> rvcSuggestions(String name, Alternative a) {
        List<String> out = new ArrayList<>();
        BigDecimal needUp = a.rvcBuildUp() == null ? null : a.rvcBuildUp().multiply(av).divide(HUNDRED).subtract(vom);
        BigDecimal needDown = a.rvcBuildDown() == null ? null
                : vnm.subtract(HUNDRED.subtract(a.rvcBuildDown()).multiply(av).divide(HUNDRED));
        BigDecimal need = needUp == null ? needDown : needDown == null ? needUp : needUp.min(needDown);
        List<Material> byValue = new ArrayList<>(nonOriginating);
        byValue.sort(Comparator.comparing(Material::value));
        List<Material> pick = new ArrayList<>();
        for (Material m : byValue) {
            if (m.value().compareTo(need) >= 0) {
                pick.add(m);
                break;
            }
        }
        if (pick.isEmpty()) {
            BigDecimal sum = BigDecimal.ZERO;
            for (int i = byValue.size() - 1; i >= 0 && sum.compareTo(need) < 0; i--) {
                pick.add(byValue.get(i));
                sum = sum.add(byValue.get(i).value());
            }
        }
        BigDecimal moved = BigDecimal.ZERO;
        for (Material m : pick) moved = moved.add(m.value());
        String what = pick.size() == 1
                ? pick.get(0).description() + " (" + pick.get(0).hts() + ", " + money(pick.get(0).value()) + ")"
                : names(pick) + " (" + money(moved) + " together)";
        List<String> thresholds = new ArrayList<>();
        if (a.rvcBuildUp() != null) thresholds.add("≥ " + plain(a.rvcBuildUp()) + " % build-up");
        if (a.rvcBuildDown() != null) thresholds.add("≥ " + plain(a.rvcBuildDown()) + " % build-down");
        String threshold = String.join(" or ", thresholds);
        out.add("for " + name + ": sourcing " + what + " from an originating supplier raises build-up RVC from "
                + pct(vom) + " to " + pct(vom.add(moved)) + " and build-down RVC from " + pct(av.subtract(vnm)) + " to "
                + pct(av.subtract(vnm).add(moved)) + " (" + threshold + " needed)");
        List<String> parts = new ArrayList<>();
        if (needUp != null) parts.add("build-up needs " + money(needUp) + " more originating materials");
        if (needDown != null) parts.add("build-down needs " + money(needDown) + " less non-originating materials");
        out.add("for " + name + ": at the same adjusted value, " + String.join(", or ", parts));
        return out;
    }

    // ------------------------------------------------------------------ sets, accumulation, HS gap

    /** GN 29(c)(v): a set is originating if its non-originating goods are within the share of the set's adjusted value. */
    private OriginVerdict set() {
        int chapter = Integer.parseInt(product.substring(0, 2));
        boolean textile = chapter >= 50 && chapter <= 63;
        BigDecimal max = textile && rules.setsTextilePct() != null ? rules.setsTextilePct() : rules.setsPct();
        BigDecimal limit = av.multiply(max).divide(HUNDRED);
        String cite = rules.citation("sets");
        if (nonOriginating.isEmpty()) {
            return verdict(true, "GN 29(c)(v) sets", cite, first("every good in the set is originating (" + cite + ")",
                    List.of()), false);
        }
        boolean ok = vnm.compareTo(limit) <= 0;
        String text = "the non-originating goods of the set (" + names(nonOriginating) + ", " + money(vnm) + ") are "
                + pct(vnm) + " of the set's adjusted value, " + (ok ? "within " : "above ") + plain(max) + " % (" + cite + ")";
        if (!ok) {
            suggestions.add("reduce the non-originating goods of the set by " + money(vnm.subtract(limit)) + ", to "
                    + money(limit) + " or less, or source them from originating suppliers");
        }
        return verdict(ok, "GN 29(c)(v) sets", cite, first(text, List.of()), false);
    }

    /** GN 29(c)(iv): materials originating in any party count as originating; shipped-from-a-party is not enough. */
    private void accumulationNotes() {
        List<String> acc = new ArrayList<>();
        for (Material m : bom.materials()) {
            if (m.originating() && m.country() != null) acc.add(m.description() + " (" + m.country() + ")");
            if (!m.originating() && m.country() != null && rules.parties().contains(m.country())) {
                suggestions.add(m.description() + " comes from " + m.country() + ", a party: if its producer can show it is "
                        + "originating, it counts as an originating material (accumulation, " + rules.citation("accumulation") + ")");
            }
        }
        if (!acc.isEmpty()) {
            reasons.add("materials originating in any party count as originating wherever the good is produced in the "
                    + "parties (accumulation, "
                    + rules.citation("accumulation") + "): " + String.join(", ", acc));
        }
    }

    // ------------------------------------------------------------------ output

    private OriginVerdict verdict(boolean qualifies, String rule, String citation, List<String> why, boolean gap) {
        return new OriginVerdict(rules.agreement(), qualifies, rule, citation, pct2(vom), pct2(av.subtract(vnm)), why,
                qualifies ? List.of() : List.copyOf(suggestions), gap);
    }

    private List<String> first(String head, List<String> rest) {
        List<String> out = new ArrayList<>();
        out.add(head);
        out.addAll(rest);
        out.addAll(reasons);
        return out;
    }

    /** " (GN 29(e)(i))", or nothing when the rule file gives no citation for the provision. */
    private String cite(String provision) {
        String c = rules.citation(provision);
        return c.isEmpty() ? "" : " (" + c + ")";
    }

    private String dotted6() {
        return OriginRules.dotted(product.substring(0, 6));
    }

    /** value / AV × 100, rounded half-up to 2 decimals. */
    private BigDecimal pct2(BigDecimal value) {
        return value.multiply(HUNDRED).divide(av, 2, RoundingMode.HALF_UP);
    }

    private String pct(BigDecimal value) {
        return pct2(value).toPlainString() + " %";
    }

    /** A share said to be above a limit, unrounded when rounding would show it at the limit ("10.00 % (10.004 % unrounded)"). */
    private String pctAbove(BigDecimal value, BigDecimal limit) {
        String s = pct(value);
        if (pct2(value).compareTo(limit) <= 0) {
            s += " (" + value.multiply(HUNDRED).divide(av, 6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
                    + " % unrounded)";
        }
        return s;
    }

    /** "38.00 % ≥ 35 %"; when rounding would hide a shortfall, the unrounded value too ("35.00 % (34.9967 % unrounded) < 35 %"). */
    private String compared(BigDecimal value, BigDecimal threshold, boolean met) {
        String s = pct(value);
        if (!met && pct2(value).compareTo(threshold) >= 0) {
            s += " (" + value.multiply(HUNDRED).divide(av, 4, RoundingMode.HALF_UP).toPlainString() + " % unrounded)";
        }
        return s + (met ? " ≥ " : " < ") + plain(threshold) + " %";
    }

    /**
     * "$1,234.50"; a value with more decimals keeps them (up to six): "$10.004", so that a message never says a value
     * is above a limit it prints as equal, or asks for a cut of "$0.00".
     */
    static String money(BigDecimal v) {
        int scale = Math.min(6, Math.max(2, v.stripTrailingZeros().scale()));
        return String.format(Locale.ROOT, "$%,." + scale + "f", v.setScale(scale, RoundingMode.HALF_UP));
    }

    static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    private static String names(List<Material> ms) {
        return String.join(", ", ms.stream().map(Material::description).toList());
    }

    private static String join(String a, String b) {
        if (a == null) return b;
        if (b == null) return a;
        return a + " and " + b;
    }

    static String processName(String p) {
        return switch (p) {
            case "chemical-reaction" -> "a chemical reaction";
            case "purification" -> "a purification (elimination of at least 80 % of the impurities, or to a grade for "
                    + "the uses listed in GN 29(m)(vii)(B))";
            case "active-ingredient-50pct-by-weight-originating" -> "50 % by weight of the active ingredients originating";
            case "thickness-reduction-min-50pct" -> "a reduction in thickness of at least 50 %";
            default -> p;
        };
    }
}
