package lodestone.regime.measure;

import java.math.BigDecimal;

/**
 * A document requirement's low-value exception: the documents it requires are not required of an importation whose lines
 * that the requirement applies to are worth, together, no more than {@code atMostUsd} (customs value in US dollars; "not
 * exceeding": exactly the amount is still waived). The CAFTA-DR certification is the case in point: 19 CFR 10.586(a)(2)
 * waives it for a commercial importation whose originating goods are worth no more than US$2,500.
 *
 * <p>The amount is that of the importation — a customs entry, all of its lines the requirement applies to — not of one
 * line; the assessment says which value it compared (docs/regime-format.md, "Measures").
 *
 * @param atMostUsd the largest importation value, in US dollars, for which the documents are not required
 * @param legalBase where the exception is written (e.g. "19 CFR 10.586(a)(2)")
 * @param note      what still holds when it is waived (e.g. CBP may ask for the certification after all), or null
 */
public record LowValueWaiver(BigDecimal atMostUsd, String legalBase, String note) { }
