package lodestone.border.origin;

import lodestone.border.Assessor;
import lodestone.border.Entry;
import lodestone.border.EntryRejected;
import lodestone.regime.Problem;
import lodestone.regime.Regime;
import lodestone.regime.RegimeInvalidException;
import lodestone.regime.geo.PreferenceProgram;
import lodestone.regime.io.RegimeSource;
import lodestone.regime.nomenclature.Nomenclature;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Checks a preference claim's bill of materials for the assessor: the program claimed (P, P+) names
 * its agreement in the regime (programs.yaml, {@code agreement: cafta-dr}), whose rules of origin are
 * read once from the same regime's {@code generated/origin/<agreement>.yaml}.
 *
 * <p>A malformed bill, or one for another good, rejects the line ({@link EntryRejected}, field
 * {@code bom}) with every located problem; a good that does not qualify is a verdict, with the reason.
 */
public final class PreferenceOriginVerifier implements Assessor.OriginVerifier {
    private final RegimeSource source;
    private final Map<String, OriginRules> rules = new ConcurrentHashMap<>();

    /** Rules are read from {@code source}: the regime the assessor was compiled from (e.g. {@link RegimeSource#bundled()}). */
    /**
     * The assessor every face uses for a regime: its plan compiled, with preference claims that carry a bill of
     * materials checked against the regime's rules of origin.
     */
    public static Assessor assessorFor(Regime regime) {
        return Assessor.compile(regime, new PreferenceOriginVerifier(regime.source()));
    }

    public PreferenceOriginVerifier(RegimeSource source) {
        this.source = source;
    }

    @Override
    public Verdict verify(Entry entry, String program, Regime regime) {
        String agreement = regime.geography().program(program).map(PreferenceProgram::agreement).orElse(null);
        if (agreement == null) {
            // no rules of origin to check the bill against: it cannot decide the claim, which is not denied on that account
            return new Verdict(false, "program " + program + " names no agreement in this regime, so the bill of materials "
                    + entry.bom().fileName() + " could not be checked against rules of origin", true);
        }
        OriginRules r;
        try {
            r = rules.computeIfAbsent(agreement, a -> OriginRules.load(source, a));
        } catch (IllegalArgumentException e) {
            return new Verdict(false, e.getMessage());
        }
        OriginVerdict v = check(r, entry.hts(), entry.bom(), regime.hts(), regime.geography());
        if (v.undecided()) {
            // no rule applies to the good (its chapter is not in the file, or its HS 2022 code is one no rule names): the bill
            // cannot decide the claim either way, so it is not denied on that account (it is accepted as declared, and the
            // warning says why it was not verified)
            String why = v.gap()
                    ? "no rule of the " + agreement + " rule file names HTS " + entry.hts() + ", an HS 2022 provision (its rules are "
                      + "numbered for HS 2017; `lodestone origin check` names the nearest ones)"
                    : "the " + agreement + " rule file has no rule of origin for HTS " + entry.hts() + " (it covers " + r.coverage() + ")";
            return new Verdict(false, why + ", so the bill of materials " + entry.bom().fileName() + " could not decide the claim", true);
        }
        return new Verdict(v.qualifies(), v.explanation());
    }

    /** The origin verdict for an entry line's HTS code and bill of materials. */
    static OriginVerdict check(OriginRules rules, String entryHts, Entry.BillOfMaterialsRef ref, Nomenclature hts,
                               lodestone.regime.geo.Geography geography) {
        try {
            // every problem of the bill at once: its shape, its codes and countries against the regime, the parties
            BillOfMaterials bom = BillOfMaterials.read(ref.fileName(), ref.json()).check(rules, hts, geography);
            String declared = Nomenclature.digitsOf(entryHts);
            String bomCode = Nomenclature.digitsOf(bom.product().hts());
            if (declared != null && bomCode != null && !declared.startsWith(bomCode) && !bomCode.startsWith(declared)) {
                throw new EntryRejected("bom", "the bill of materials " + ref.fileName() + " is for " + bom.product().hts()
                        + ", but the line declares " + entryHts);
            }
            return rules.check(bom, hts);
        } catch (RegimeInvalidException e) {
            throw new EntryRejected("bom", e.problems().stream().map(Problem::toString).collect(Collectors.joining("; ")));
        }
    }
}
