package lodestone.regime;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A list of named entities with the date each was added (e.g. the UFLPA Entity List). Names are
 * matched ignoring case, punctuation and legal-form words, so "Xinjiang Zhongtai Chemical Co Ltd"
 * matches "Xinjiang Zhongtai Chemical Co., Ltd.".
 */
public final class EntityList {
    public record Entry(String name, LocalDate listed, String note) { }

    private final String id;
    private final String name;
    private final List<Entry> entries;
    private final Map<String, Entry> byKey = new HashMap<>();

    public EntityList(String id, String name, List<Entry> entries) {
        this.id = id;
        this.name = name;
        this.entries = List.copyOf(entries);
        for (Entry e : entries) byKey.putIfAbsent(key(e.name()), e);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The entry for this producer if it is listed on or before the date. */
    public Entry find(String producer, LocalDate date) {
        if (producer == null || producer.isBlank()) return null;
        Entry e = byKey.get(key(producer));
        return e != null && (e.listed() == null || !e.listed().isAfter(date)) ? e : null;
    }

    static String key(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("\\(.*?\\)", " ").replaceAll("[^a-z0-9]+", " ");
        s = (" " + s + " ").replaceAll(" (co|company|ltd|limited|inc|corp|corporation|llc|group) ", " ")
                .replaceAll(" (co|company|ltd|limited|inc|corp|corporation|llc|group) ", " ");
        return s.trim().replaceAll(" +", " ");
    }
}
