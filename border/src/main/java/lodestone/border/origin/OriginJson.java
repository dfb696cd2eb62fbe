package lodestone.border.origin;

import java.util.LinkedHashMap;
import java.util.Map;

/** An origin verdict as a JSON-ready map: what {@code lodestone origin check --json} prints and the API answers. */
public final class OriginJson {
    private OriginJson() {
    }

    public static Map<String, Object> of(BillOfMaterials b, OriginVerdict v) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("agreement", v.agreement());
        j.put("hts", b.product().hts());
        j.put("qualifies", v.qualifies());
        j.put("decision", v.decision());
        j.put("rule", v.rule());
        j.put("citation", v.citation());
        j.put("rvc_build_up", v.rvcBuildUp());
        j.put("rvc_build_down", v.rvcBuildDown());
        j.put("reasons", v.reasons());
        j.put("suggestions", v.suggestions());
        j.put("hs_gap", v.gap());
        return j;
    }

}
