package lodestone.regime.view;

import lodestone.regime.io.YNode;
import lodestone.regime.mineral.Commodity;
import lodestone.regime.mineral.ContentBasis;
import lodestone.regime.mineral.Mineral;
import lodestone.regime.mineral.MineralProduct;
import lodestone.regime.mineral.Minerals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static lodestone.regime.view.RegimeViews.ordered;

/**
 * The critical minerals and their value chains as reports: what {@code lodestone regime minerals --json} prints and
 * {@code GET /api/minerals} answers (each mineral's summary), and what {@code lodestone regime minerals ID --json} prints
 * and {@code GET /api/minerals/{id}} answers (a mineral or a value chain with every product, its HTS codes and content
 * basis). One builder for both faces, so that they cannot disagree.
 */
public final class MineralViews {
    private MineralViews() {
    }

    /** Every mineral of the list, each with its summary ({@link #summary}), in the list's order. */
    public static List<Map<String, Object>> list(Minerals m) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Mineral x : m.minerals()) out.add(summary(m, x));
        return out;
    }

    /**
     * A mineral's facts from the list (symbol, family, on the 2022 list, new in 2025, why it was added, on the draft list of 2025-08-26, the list's note), the value
     * chains that span it and the content bases their products are measured on.
     */
    public static Map<String, Object> summary(Minerals m, Mineral x) {
        List<Commodity> chains = chainsOf(m, x.id());
        Set<String> bases = new LinkedHashSet<>();
        for (Commodity c : chains) {
            for (MineralProduct p : c.products()) if (p.contentBasis() != null) bases.add(p.contentBasis());
        }
        List<Map<String, Object>> basesOut = new ArrayList<>();
        for (String b : bases) {
            ContentBasis cb = m.basis(b).orElse(null);
            basesOut.add(ordered("id", b, "name", cb == null ? null : cb.name(), "unit", cb == null ? null : cb.unit().code()));
        }
        return ordered("id", x.id(), "name", x.name(), "symbol", blank(x.symbol()), "family", blank(x.family()),
                "on_2022_list", x.on2022List(), "new_in_2025", x.newIn2025(), "basis_for_addition", blank(x.basisForAddition()),
                "in_2025_draft_list", x.inDraft2025(), "note", blank(x.note()),
                "value_chains", chains.stream().map(c -> ordered("id", c.id(), "name", c.name())).toList(),
                "content_bases", basesOut);
    }

    /** True when {@code id} names a mineral of the list or a covered value chain. */
    public static boolean knows(Minerals m, String id) {
        return m.mineral(id).isPresent() || m.commodity(id).isPresent();
    }

    /**
     * A mineral of the list or a value chain, by id: the mineral's summary (null when the id names only a value chain),
     * the value chains ({@code id} itself, then those spanning the mineral) with every product — its stage, HTS codes,
     * content basis, note and the citation of its market quotation (title and url, null when none) — and the content bases those products are measured on, each with its unit, description and
     * conversions. Empty when the id is neither.
     */
    public static Optional<Map<String, Object>> detail(Minerals m, String id) {
        if (!knows(m, id)) return Optional.empty();
        Mineral x = m.mineral(id).orElse(null);
        Commodity own = m.commodity(id).orElse(null);
        List<Commodity> chains = new ArrayList<>();
        if (own != null) chains.add(own);
        for (Commodity c : chainsOf(m, id)) if (c != own) chains.add(c);
        Map<String, ContentBasis> bases = new LinkedHashMap<>();
        List<Map<String, Object>> chainsOut = new ArrayList<>();
        for (Commodity c : chains) {
            List<Map<String, Object>> products = new ArrayList<>();
            for (MineralProduct p : c.products()) {
                products.add(ordered("id", p.id(), "name", p.name(), "stage", p.stage() == null ? null : YNode.spelling(p.stage()),
                        "hts", p.hts(), "content_basis", p.contentBasis(), "note", p.note(),
                        "source", p.source() == null ? null : ordered("title", p.source().title(), "url", p.source().url())));
                if (p.contentBasis() != null) m.basis(p.contentBasis()).ifPresent(b -> bases.putIfAbsent(b.id(), b));
            }
            chainsOut.add(ordered("id", c.id(), "name", c.name(), "minerals", c.minerals(), "products", products));
        }
        List<Map<String, Object>> basesOut = new ArrayList<>();
        for (ContentBasis b : bases.values()) {
            List<Map<String, Object>> conv = new ArrayList<>();
            for (ContentBasis.Conversion cv : b.conversions()) {
                conv.add(ordered("basis", cv.basis(), "mass_fraction", cv.massFraction().toPlainString(), "note", cv.note()));
            }
            basesOut.add(ordered("id", b.id(), "name", b.name(), "unit", b.unit().code(), "description", blank(b.description()),
                    "conversions", conv));
        }
        return Optional.of(ordered("id", id, "name", x != null ? x.name() : own.name(),
                "mineral", x == null ? null : summary(m, x), "value_chains", chainsOut, "content_bases", basesOut));
    }

    /** What an unknown id is answered with: what it may be instead. */
    public static String unknown(Minerals m, String id) {
        return "unknown mineral or value chain '" + id + "'; expected a mineral of the 2025 list (e.g. "
                + String.join(", ", m.minerals().stream().limit(3).map(Mineral::id).toList()) + ", …) or a value chain: "
                + String.join(", ", m.commodities().stream().map(Commodity::id).toList());
    }

    /** The value chains that span a mineral, in the file's order. */
    static List<Commodity> chainsOf(Minerals m, String mineral) {
        List<Commodity> out = new ArrayList<>();
        for (Commodity c : m.commodities()) if (c.minerals().contains(mineral)) out.add(c);
        return out;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
