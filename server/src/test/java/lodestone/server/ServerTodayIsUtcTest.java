package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's "today" — the default of every date a request may leave out — is the date in UTC, whatever the time zone of
 * the machine it runs on (docs/api.md, "Dates"). Reported in session 28: a server on a machine set to Pacific/Kiritimati
 * assessed an entry sent without {@code entry_date} on tomorrow's date in UTC (a Section 122 surcharge's last day or the
 * first of a Section 301 action is a day's difference in duty), while the same server warned of a stockpile event
 * "after today (UTC)" by the date in UTC.
 *
 * <p>The JVM's default time zone is set, for this class only, to one whose date is not UTC's at the moment the tests run:
 * Kiritimati (UTC+14) from 10:00 UTC on, Pago Pago (UTC−11) before 11:00 UTC.
 */
class ServerTodayIsUtcTest {
    static TestServer s;
    static TimeZone saved;
    static String zone;

    @BeforeAll
    static void start() throws Exception {
        saved = TimeZone.getDefault();
        zone = ZonedDateTime.now(ZoneOffset.UTC).getHour() >= 10 ? "Pacific/Kiritimati" : "Pacific/Pago_Pago";
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        assertThat(LocalDate.now()).as("the premise: " + zone + "'s date differs from UTC's").isNotEqualTo(LocalDate.now(ZoneOffset.UTC));
        s = new TestServer();
    }

    @AfterAll
    static void stop() {
        try {
            if (s != null) s.close();
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    /** The date in UTC around a call (either side of midnight, should the call cross it). */
    private static void assertUtcToday(LocalDate before, String actual, String what) {
        LocalDate after = LocalDate.now(ZoneOffset.UTC);
        assertThat(actual).as(what + " (the JVM's zone " + zone + ")").isIn(before.toString(), after.toString());
    }

    @Test
    void anAssessmentWithoutAnEntryDateIsOfTodayInUtc() {
        LocalDate before = LocalDate.now(ZoneOffset.UTC);
        TestServer.Response r = s.post("/api/assessments", s.admin, Map.of("hts", "7408.11.60", "origin", "CL",
                "customs_value", 10000, "quantity", 1000, "unit", "kg"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertUtcToday(before, r.json().at("/assessment/date").asText(), "assessment.date");
    }

    @Test
    void anEntryWithoutAnEntryDateIsOfTodayInUtc() {
        LocalDate before = LocalDate.now(ZoneOffset.UTC);
        TestServer.Response r = s.post("/api/assessments", s.admin, """
                {"lines": [{"hts": "7408.11.60", "origin": "CL", "customs_value": 10000, "quantity": 1000, "unit": "kg"}]}""");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertUtcToday(before, r.json().at("/entry/date").asText(), "entry.date");
    }

    @Test
    void aCodeAskedAboutWithoutADateIsShownAsOfTodayInUtc() {
        LocalDate before = LocalDate.now(ZoneOffset.UTC);
        TestServer.Response r = s.get("/api/regime/codes/7408.11.60?origin=CL", s.admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertUtcToday(before, r.json().get("date").asText(), "date");
    }

    @Test
    void aCompanyFileWithoutADateIsEvaluatedOnTodayInUtc() throws Exception {
        String text = Files.readString(Path.of(System.getProperty("lodestone.root", ".."), "examples", "exposure", "electronics-maker.yaml"))
                .replace("date: 2026-03-02\n", "");
        assertThat(text).doesNotContain("\ndate:");
        LocalDate before = LocalDate.now(ZoneOffset.UTC);
        TestServer.Response r = s.postText("/api/exposure?alternatives=false", s.admin, "application/yaml", text);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode j = r.json();
        assertUtcToday(before, j.get("date").asText(), "date");
    }
}
