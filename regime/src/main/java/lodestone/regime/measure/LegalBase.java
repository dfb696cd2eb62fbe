package lodestone.regime.measure;

import java.time.LocalDate;

/**
 * The law behind a measure: its HTS Chapter 99 heading when it has one, the instrument
 * (proclamation, executive order, regulation), a notice (Federal Register, CBP CSMS) and a date.
 */
public record LegalBase(String heading, String instrument, String notice, LocalDate date, String url) {

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (instrument != null) sb.append(instrument);
        if (notice != null) sb.append(sb.isEmpty() ? "" : "; ").append(notice);
        if (date != null && (instrument == null || !instrument.contains(date.toString()))) {
            sb.append(sb.isEmpty() ? "" : ", ").append(date);
        }
        return sb.toString();
    }
}
