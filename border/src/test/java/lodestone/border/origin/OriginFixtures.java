package lodestone.border.origin;

import lodestone.regime.geo.Country;
import lodestone.regime.geo.Geography;
import lodestone.regime.io.RegimeSource;
import lodestone.regime.nomenclature.HtsLine;
import lodestone.regime.nomenclature.Nomenclature;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Shared fixtures: the committed CAFTA-DR rule file and a small HTS 2026 extract with the codes the tests use. */
final class OriginFixtures {
    private OriginFixtures() {
    }

    static Path repoRoot() {
        String root = System.getProperty("lodestone.root");
        return root != null ? Path.of(root) : Path.of("..");
    }

    static OriginRules caftaDr() {
        return OriginRules.load(RegimeSource.directory(repoRoot().resolve("data/regime")), "cafta-dr");
    }

    /** HTS 2026 lines (codes as printed in the 2026 Basic Edition) used by the worked cases. */
    static final Nomenclature HTS = nomenclature(
            "2504.10.10", "2530.90.80", "2608.00.00", "2617.10.00", "2617.90.00", "2710.19.05",
            "2804.50.00", "2804.61.00", "2804.69.10", "2825.80.00", "2825.90.90", "2846.10.00", "2846.90.80",
            "2902.90.90", "3801.10.00", "3801.20.00", "3817.00.10", "3817.00.50", "3825.61.00", "3827.11.00",
            "7202.99.80", "8001.10.00", "8007.00.10", "8101.94.00", "8110.10.00", "8110.20.00", "8110.90.00",
            "8112.12.00", "8112.19.00", "8112.31.00", "8112.61.00", "8112.92.60", "8471.30.01", "8505.11.00",
            "8507.60.00", "8507.90.40", "2827.39.45", "2805.30.00", "2615.10.00", "8109.21.00", "8101.99.10",
            "8101.99.80", "8102.99.00", "7201.10.00", "7206.10.00", "7207.11.00");

    /** The countries the tests' bills name: the CAFTA-DR parties and a few others. */
    static final Geography GEO = new Geography(java.util.stream.Stream.of("US", "CR", "DO", "SV", "GT", "HN", "NI", "CN", "MX")
            .map(c -> new Country(c, null, null, "country " + c, null)).toList(), List.of(), List.of());

    static Nomenclature nomenclature(String... codes) {
        List<HtsLine> lines = new ArrayList<>();
        int i = 0;
        for (String c : codes) {
            lines.add(new HtsLine(i++, c, Nomenclature.digitsOf(c), 0, "line " + c, List.of("kg"), -1, true));
        }
        return new Nomenclature(lines, Map.of());
    }

    /** A bill of materials as JSON: product hts and adjusted value, then materials as {desc, hts, value, originating}. */
    static String bom(String hts, String av, String... materials) {
        return bomWith(hts, av, "", materials);
    }

    /** As {@link #bom}, with extra product fields (e.g. {@code , "set": true}). */
    static String bomWith(String hts, String av, String productExtra, String... materials) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"agreement\": \"cafta-dr\",\n \"product\": {\"hts\": \"").append(hts)
                .append("\", \"description\": \"the good\", \"adjusted_value\": ").append(av).append(productExtra)
                .append("},\n \"materials\": [");
        for (int k = 0; k < materials.length; k++) {
            String[] f = materials[k].split("\\|");
            sb.append(k == 0 ? "\n" : ",\n").append("   {\"description\": \"").append(f[0]).append("\", \"hts\": \"")
                    .append(f[1]).append("\", \"value\": ").append(f[2]).append(", \"originating\": ").append(f[3]);
            if (f.length > 4) sb.append(", \"country\": \"").append(f[4]).append('"');
            sb.append('}');
        }
        return sb.append("]}\n").toString();
    }
}
