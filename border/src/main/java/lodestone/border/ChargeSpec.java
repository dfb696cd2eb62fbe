package lodestone.border;

/**
 * What a compiled charge says of itself, whatever its amount: its id (and the id's UTF-8 bytes, for the bulk
 * writer), the measure it comes from, its series and type, its legal base and title. The fast path's base rates
 * and duties are ones; a {@link BulkResult} keeps one reference per charge instead of copying seven fields.
 */
interface ChargeSpec {
    String id();

    byte[] idBytes();

    String measureId();

    char series();

    String type();

    String legal();

    String title();
}
