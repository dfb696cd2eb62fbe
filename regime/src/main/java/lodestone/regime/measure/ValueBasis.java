package lodestone.regime.measure;

/**
 * Which portion of the customs value an ad valorem measure is charged on.
 * <ul>
 * <li>{@code CUSTOMS_VALUE}: the whole value.</li>
 * <li>{@code METAL_CONTENT_VALUE}: the value of the metal content only (Section 232 copper,
 *     U.S. Note 36).</li>
 * <li>{@code NON_US_CONTENT_VALUE}: the value less the US-content value, when the US content
 *     reaches the threshold share (the reciprocal duties' 20 % US-content rule).</li>
 * </ul>
 */
public enum ValueBasis { CUSTOMS_VALUE, METAL_CONTENT_VALUE, NON_US_CONTENT_VALUE }
