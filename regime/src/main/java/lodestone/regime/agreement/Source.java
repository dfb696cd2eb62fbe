package lodestone.regime.agreement;

import java.time.LocalDate;

/** Where a fact comes from: a title, an address when there is one, a date. */
public record Source(String title, String url, LocalDate date) {
    @Override
    public String toString() {
        return title + (date == null ? "" : " (" + date + ")") + (url == null || url.isEmpty() ? "" : " <" + url + ">");
    }
}
