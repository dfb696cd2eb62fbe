package lodestone.border.origin;

import lodestone.border.origin.OriginRules.Alternative;
import lodestone.border.origin.OriginRules.Change;
import lodestone.border.origin.OriginRules.HsChange;
import lodestone.border.origin.OriginRules.ProcessRule;
import lodestone.border.origin.OriginRules.Provision;
import lodestone.border.origin.OriginRules.Rule;
import lodestone.regime.io.YNode;
import lodestone.regime.nomenclature.Nomenclature;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads an origin-rule file (docs/origin-format.md) into {@link OriginRules}, reporting every problem with its line. */
final class RuleFileReader {
    private RuleFileReader() {
    }

    static OriginRules read(YNode root, String expectedAgreement) {
        if (!root.requireMap()) return null;
        root.allowOnly("agreement", "title", "legal-base", "hs-basis", "hs-basis-note", "parties", "covers", "general",
                "process-rules", "hs-changes", "rules");
        String agreement = root.str("agreement");
        if (agreement != null && expectedAgreement != null && !agreement.equals(expectedAgreement)) {
            root.problem("agreement", "'" + agreement + "' does not match the file name; expected '" + expectedAgreement + "'");
        }
        Set<String> parties = new LinkedHashSet<>();
        for (String p : root.strList("parties")) {
            if (!p.matches("[A-Z]{2}")) root.problem("parties", "'" + p + "' is not an ISO 3166 alpha-2 code such as GT");
            parties.add(p);
        }
        if (parties.isEmpty()) root.problem("parties", "missing; expected the parties' ISO alpha-2 codes, e.g. [US, GT]");
        List<String> covers = new ArrayList<>();
        for (String c : root.strList("covers")) {
            String d = Nomenclature.digitsOf(c);
            if (d == null || (d.length() != 2 && d.length() != 4 && d.length() != 6)) {
                root.problem("covers", "'" + c + "' is not a chapter, heading or subheading");
            } else {
                covers.add(d);
            }
        }

        YNode g = root.field("general");
        Map<String, String> citations = new HashMap<>();
        BigDecimal deMinimis = null;
        BigDecimal sets = null;
        BigDecimal setsTextile = null;
        List<String> separationChapters = new ArrayList<>();
        if (g.requireMap()) {
            g.allowOnly("wholly-obtained", "exclusively-originating", "accumulation", "de-minimis", "sets", "build-up",
                    "build-down", "alternatives", "exceptions", "groups", "separation", "waste-and-scrap");
            for (String k : g.keys()) {
                // each provision has its citation and its own figures; a misspelt one (textile-max-pctx) was ignored silently
                YNode entry = g.field(k);
                switch (k) {
                    case "de-minimis" -> entry.allowOnly("max-pct", "citation");
                    case "sets" -> entry.allowOnly("max-pct", "textile-max-pct", "citation");
                    case "separation" -> entry.allowOnly("chapters", "citation");
                    default -> entry.allowOnly("citation");
                }
                citations.put(k, entry.optStr("citation", ""));
            }
            for (String c : g.field("separation").strList("chapters")) {
                if (!c.matches("\\d\\d")) g.field("separation").problem("chapters", "'" + c + "' is not a chapter (2 digits)");
                else separationChapters.add(c);
            }
            deMinimis = pct(g.field("de-minimis"), "max-pct", true);
            sets = pct(g.field("sets"), "max-pct", true);
            setsTextile = pct(g.field("sets"), "textile-max-pct", false);
        }

        List<ProcessRule> processRules = new ArrayList<>();
        for (YNode p : root.field("process-rules").items()) {
            p.allowOnly("id", "citation", "process", "chapters", "except");
            String process = process(p);
            Provision chapters = provision(p.field("chapters"));
            List<String> except = new ArrayList<>();
            for (String e : p.strList("except")) {
                String d = Nomenclature.digitsOf(e);
                if (d == null) p.problem("except", "'" + e + "' is not a chapter or heading");
                else except.add(d);
            }
            if (chapters != null) processRules.add(new ProcessRule(p.str("id"), p.optStr("citation", ""), process, chapters, except));
        }

        List<HsChange> hsChanges = new ArrayList<>();
        for (YNode h : root.field("hs-changes").items()) {
            h.allowOnly("hs2022", "hs2017", "previous", "ranged", "note");
            Provision now = provision(h.field("hs2022"));
            List<Provision> before = new ArrayList<>();
            YNode prev = h.has("hs2017") ? h.field("hs2017") : h.field("previous");
            for (YNode p : prev.items()) {
                Provision pv = provision(p);
                if (pv != null) before.add(pv);
            }
            if (before.isEmpty()) h.problem("hs2017", "missing; expected the provisions the goods were classified in before");
            if (now != null) hsChanges.add(new HsChange(now, before, h.bool("ranged", false), h.optStr("note", "")));
        }

        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<YNode> ruleNodes = root.field("rules").items();
        if (ruleNodes.isEmpty()) root.problem("rules", "missing or empty; expected a list of product-specific rules");
        for (YNode r : ruleNodes) {
            r.allowOnly("id", "citation", "scope", "text", "note", "alternatives");
            String id = r.str("id");
            if (id != null && !ids.add(id)) r.problem("id", "'" + id + "' is used by another rule; rule ids must be unique");
            Provision scope = provision(r.field("scope"));
            List<Alternative> alts = new ArrayList<>();
            List<YNode> altNodes = r.field("alternatives").items();
            if (altNodes.isEmpty()) r.problem("alternatives", "missing or empty; expected at least one alternative");
            for (YNode a : altNodes) {
                Alternative alt = alternative(a);
                if (alt != null) alts.add(alt);
            }
            if (id != null && scope != null) {
                // one code, one rule: overlapping scopes would make the answer depend on the order of the file
                for (Rule earlier : rules) {
                    if (earlier.scope().overlaps(scope)) {
                        r.problem("scope", scope.describe() + " overlaps the scope of rule " + earlier.id() + " ("
                                + earlier.scope().describe() + "); expected each code to have one rule");
                    }
                }
                rules.add(new Rule(id, r.optStr("citation", id), scope, r.optStr("text", ""), r.optStr("note", null), alts));
            }
        }
        return new OriginRules(agreement, root.optStr("title", agreement), root.optStr("legal-base", ""),
                root.optStr("hs-basis", ""), parties, covers, citations, deMinimis, sets, setsTextile, separationChapters, processRules,
                hsChanges, rules);
    }

    private static Alternative alternative(YNode a) {
        a.allowOnly("label", "goods", "change", "except-from", "also-from", "only-from", "rvc", "process", "note");
        Change change = a.enumValue("change", Change.class, null);
        List<Provision> except = provisions(a.field("except-from"));
        List<Provision> also = provisions(a.field("also-from"));
        List<Provision> only = provisions(a.field("only-from"));
        if (change == Change.ONLY_FROM && only.isEmpty()) {
            a.problem("only-from", "missing; 'change: only-from' needs the list of provisions the good may be made from");
        }
        BigDecimal up = null;
        BigDecimal down = null;
        YNode rvc = a.field("rvc");
        if (!rvc.isMissing() && rvc.requireMap()) {
            rvc.allowOnly("build-up", "build-down");
            up = pct(rvc, "build-up", false);
            down = pct(rvc, "build-down", false);
            if (up == null && down == null) rvc.problem("expected build-up and/or build-down minimum percentages");
        }
        String process = a.has("process") ? process(a) : null;
        if (change == null) return null;
        return new Alternative(a.optStr("label", ""), a.optStr("goods", null), change, except, also, only, up, down,
                process, a.optStr("note", null));
    }

    private static String process(YNode n) {
        String p = n.str("process");
        if (p != null && !BillOfMaterials.PROCESSES.contains(p)) {
            n.problem("process", "'" + p + "' is not a known process; expected one of "
                    + String.join(", ", BillOfMaterials.PROCESSES.stream().sorted().toList()));
        }
        return p;
    }

    private static List<Provision> provisions(YNode list) {
        List<Provision> out = new ArrayList<>();
        for (YNode p : list.items()) {
            Provision pv = provision(p);
            if (pv != null) out.add(pv);
        }
        return out;
    }

    /** {from, to[, goods, when-good-is]}: both codes at the same level (chapter, heading or subheading), from ≤ to. */
    private static Provision provision(YNode p) {
        if (!p.requireMap()) return null;
        p.allowOnly("from", "to", "goods", "when-good-is");
        String from = p.str("from");
        String to = p.optStr("to", from);
        if (from == null || to == null) return null;
        String f = Nomenclature.digitsOf(from);
        String t = Nomenclature.digitsOf(to);
        if (f == null || (f.length() != 2 && f.length() != 4 && f.length() != 6)) {
            p.problem("from", "'" + from + "' is not a chapter (2 digits), heading (4) or subheading (6 digits, e.g. 2804.61)");
            return null;
        }
        if (t == null || t.length() != f.length()) {
            p.problem("to", "'" + to + "' is not at the level of from '" + from + "'; expected a code of " + f.length() + " digits");
            return null;
        }
        if (f.compareTo(t) > 0) {
            p.problem("to", "'" + to + "' comes before from '" + from + "'; expected from ≤ to");
            return null;
        }
        return new Provision(f, t, p.optStr("goods", null), p.optStr("when-good-is", null));
    }

    private static BigDecimal pct(YNode n, String key, boolean required) {
        BigDecimal v = n.decimal(key, required);
        if (v != null && (v.signum() < 0 || v.compareTo(BigDecimal.valueOf(100)) > 0)) {
            n.problem(key, v.toPlainString() + " is not a percentage; expected a number from 0 to 100");
            return null;
        }
        return v;
    }
}
