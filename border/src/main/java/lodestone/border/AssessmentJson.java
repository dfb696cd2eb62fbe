package lodestone.border;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An {@link Assessment} as a JSON-ready map: what {@code lodestone assess --json} prints and the HTTP API
 * answers (documented in docs/bulk-format.md). Amounts are exact decimals.
 */
public final class AssessmentJson {
    private AssessmentJson() {
    }

    public static Map<String, Object> of(Assessment a) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("line_id", a.lineId());
        j.put("status", a.status().name().toLowerCase(Locale.ROOT));
        j.put("regime", a.regime());
        j.put("regime_version", a.regimeVersion());
        j.put("hts", a.hts());
        j.put("origin", a.origin());
        j.put("date", a.date().toString());
        j.put("currency", "USD");
        j.put("customs_value", a.customsValueUsd());
        List<Map<String, Object>> charges = new ArrayList<>();
        for (Assessment.Charge c : a.charges()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("measure", c.measureId());
            m.put("series", String.valueOf(c.series()));
            m.put("type", c.type());
            m.put("amount", c.amount());
            m.put("calculation", c.calculation());
            m.put("legal_base", c.legalBase());
            m.put("title", c.title());
            charges.add(m);
        }
        j.put("measures", charges);
        j.put("total_duty", a.totalDuty());
        j.put("effective_rate", a.effectiveRatePercent());
        j.put("landed_cost", a.landedCost());
        j.put("documents_required", a.documentsRequired());
        j.put("prohibitions", a.prohibitions());
        j.put("warnings", a.warnings());
        List<Map<String, Object>> trail = new ArrayList<>();
        for (Assessment.TrailStep t : a.trail()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", t.id());
            m.put("series", String.valueOf(t.series()));
            m.put("outcome", t.outcome());
            m.put("text", t.text());
            if (!t.stacking().isEmpty()) { // only on a step of a measure another displaces: why it does not stack, cited
                List<Map<String, Object>> st = new ArrayList<>();
                for (Assessment.Stacked s : t.stacking()) {
                    Map<String, Object> sm = new LinkedHashMap<>();
                    sm.put("by", s.by());
                    sm.put("rule", s.rule());
                    if (s.citation() != null) sm.put("citation", s.citation());
                    if (s.notSourced() != null) sm.put("citation_not_sourced", s.notSourced());
                    st.add(sm);
                }
                m.put("stacking", st);
            }
            trail.add(m);
        }
        j.put("trail", trail);
        return j;
    }

}
