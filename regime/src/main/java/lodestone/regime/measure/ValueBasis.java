package lodestone.regime.measure;

/**
 * Which portion of the customs value an ad valorem measure is charged on.
 * <ul>
 * <li>{@code CUSTOMS_VALUE}: the whole value.</li>
 * <li>{@code METAL_CONTENT_VALUE}: the value of the metal content only (Section 232 copper,
 *     U.S. Note 36).</li>
 * <li>{@code NON_US_CONTENT_VALUE}: the value less the US-content value, when the US content
 *     reaches the threshold share (the reciprocal duties' 20 % US-content rule).</li>
 * <li>{@code METAL_CONTENT_VALUE_IF_DECLARED}: the value of the metal content when the entry declares it, else the
 *     whole customs value with a warning that it was not declared (Section 232 on the steel and aluminium goods of
 *     chapters 73 and 76 from 2025-06-04, Proclamation 10947); the measure cites why in its
 *     {@link Measure#valueBasisCitation()}.</li>
 * </ul>
 */
public enum ValueBasis { CUSTOMS_VALUE, METAL_CONTENT_VALUE, NON_US_CONTENT_VALUE, METAL_CONTENT_VALUE_IF_DECLARED }
