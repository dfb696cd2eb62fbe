package lodestone.border;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An {@link EntryAssessment} as a JSON-ready map: what {@code lodestone assess --entry FILE --json} prints and the HTTP API
 * answers for an entry of several lines (docs/bulk-format.md, "A customs entry of several lines"). {@code kind} is
 * "entry"; each line is as {@link AssessmentJson} writes a single line. Amounts are exact decimals.
 */
public final class EntryAssessmentJson {
    private EntryAssessmentJson() {
    }

    public static Map<String, Object> of(EntryAssessment e) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("kind", "entry");
        j.put("status", e.status().name().toLowerCase(Locale.ROOT));
        j.put("regime", e.regime());
        j.put("regime_version", e.regimeVersion());
        j.put("date", e.date().toString());
        j.put("currency", "USD");
        j.put("line_count", e.lines().size());
        j.put("customs_value", e.customsValueUsd());
        j.put("total_duty", e.totalDuty());
        j.put("effective_rate", e.effectiveRatePercent());
        j.put("landed_cost", e.landedCost());
        List<Map<String, Object>> measures = new ArrayList<>();
        for (EntryAssessment.MeasureTotal m : e.dutyByMeasure()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("id", m.id());
            x.put("title", m.title());
            x.put("series", String.valueOf(m.series()));
            x.put("type", m.type());
            x.put("amount", m.amount());
            x.put("lines", m.lines());
            measures.add(x);
        }
        j.put("duty_by_measure", measures);
        j.put("documents_required", e.documentsRequired());
        j.put("prohibited_lines", e.prohibitedLines());
        j.put("prohibitions", e.prohibitions());
        j.put("warnings", e.warnings());
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Assessment a : e.lines()) lines.add(AssessmentJson.of(a));
        j.put("lines", lines);
        return j;
    }
}
