package lodestone.regime.mineral;

import lodestone.regime.agreement.Source;

import java.util.List;

/**
 * A product along a mineral's value chain (ore → concentrate → intermediate → refined → metal →
 * semi-finished → component), with the HTS codes it is classified under and the content basis on
 * which a duty or a floor for it is measured; {@code source} cites where its market quotation (price series and unit) is
 * published (USGS Mineral Commodity Summaries 2026 for the quoted products), null when the file cites none.
 */
public record MineralProduct(String id, String name, Stage stage, List<String> hts, String contentBasis, String note, Source source) {

    public enum Stage { ORE, CONCENTRATE, INTERMEDIATE, REFINED, METAL, ALLOY, SEMI_FINISHED, COMPONENT, SCRAP }

    public MineralProduct {
        hts = List.copyOf(hts);
    }
}
