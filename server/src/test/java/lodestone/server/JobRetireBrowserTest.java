package lodestone.server;

import com.microsoft.playwright.options.FilePayload;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retiring finished jobs in the web application: on the Bulk page an administrator retires a done job after a confirmation
 * (the job then shows as retired, without downloads, its totals as they were); an analyst is offered no retirement; on the
 * administration page the jobs finished before a day are retired after a confirmation, and what was removed is said.
 */
class JobRetireBrowserTest extends BrowserPageTest {
    static String today() {
        return LocalDate.now(ZoneOffset.UTC).toString();
    }

    @Test
    void anAdministratorRetiresADoneJobOnTheBulkPageAfterAConfirmation() throws Exception {
        byte[] sample = s.get("/api/bulk-sample?lines=300&seed=21", s.admin).body().getBytes(StandardCharsets.UTF_8);
        open(1366, 900);
        page.navigate(s.url() + "/#bulk");
        page.getByTestId("bulk-file").setInputFiles(new FilePayload("old.csv", "text/csv", sample));
        page.getByTestId("bulk-upload").click();
        assertThat(page.getByTestId("download-results")).isVisible();
        String sum = page.getByTestId("totals-measure-sum").innerText();

        // asked first; "Keep" changes nothing
        page.getByTestId("retire-job").click();
        assertThat(page.getByTestId("confirm-retire")).containsText(Pattern.compile("Retire job #\\d+ \\(old\\.csv\\)\\? Its uploaded file, results"
                + " and\\s+rejects are removed for good; its counts and totals stay\\."));
        page.locator("[data-testid=confirm-retire] [data-no]").click();
        assertThat(page.getByTestId("retire-job")).isFocused();
        assertThat(page.getByTestId("download-results")).isVisible();

        page.getByTestId("retire-job").click();
        page.getByTestId("retire-yes").click();
        assertThat(page.getByTestId("job-retired")).hasText(Pattern.compile("^Retired on " + today() + " by an administrator: its\\s+uploaded"
                + " file, results and rejects were removed; its counts and totals remain\\. Upload the file again to assess it again\\.$"));
        assertThat(page.getByTestId("download-results")).hasCount(0);
        assertThat(page.getByTestId("download-rejects")).hasCount(0);
        assertThat(page.getByTestId("retire-job")).hasCount(0);
        assertThat(page.getByTestId("totals-measure-sum")).hasText(sum);
        assertThat(page.getByTestId("lines-done")).hasText("300");
        assertThat(page.getByTestId("bulk-jobs").locator("tr", new com.microsoft.playwright.Locator.LocatorOptions().setHasText("old.csv"))
                .getByTestId("list-retired")).hasText("retired");
        page.setViewportSize(390, 844); // on a phone the retired job and its totals fit the screen
        assertThat(page.getByTestId("job-retired")).isVisible();
        assertNoOverflow(390, "#bulk/ID of old.csv, retired");
        assertThat(errors).isEmpty();
    }

    @Test
    void anAnalystIsOfferedNoRetirement() throws Exception {
        String ana = s.post("/api/tokens", s.admin, Map.of("name", "ana", "role", "analyst")).json().get("secret").asText();
        byte[] sample = s.get("/api/bulk-sample?lines=50&seed=22", ana).body().getBytes(StandardCharsets.UTF_8);
        long id = s.upload("/api/bulk-jobs?name=mine.csv", ana, sample, null).json().get("id").asLong();
        assertThat(s.awaitJob(id, ana).get("status").asText()).isEqualTo("done");
        blank(1366, 900, true).navigate(s.url() + "/#token=" + ana);
        assertThat(page.getByTestId("who")).hasText("ana");
        page.navigate(s.url() + "/#bulk/" + id);
        assertThat(page.getByTestId("download-results")).isVisible();
        assertThat(page.getByTestId("retire-job")).hasCount(0);
        assertThat(errors).isEmpty();
    }

    @Test
    void anAdministratorRetiresTheJobsFinishedBeforeADay() throws Exception {
        byte[] sample = s.get("/api/bulk-sample?lines=120&seed=23", s.admin).body().getBytes(StandardCharsets.UTF_8);
        long id = s.upload("/api/bulk-jobs?name=aged.csv", s.admin, sample, null).json().get("id").asLong();
        assertThat(s.awaitJob(id, s.admin).get("status").asText()).isEqualTo("done");
        open(1366, 900);
        page.navigate(s.url() + "/#tokens");
        assertThat(page.getByTestId("retention")).hasText("No automatic retention: jobs are kept until they are retired here. The server's"
                + " operator can have it retire them by itself N days after they end (lodestone serve --retain-jobs-days N).");
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        page.getByTestId("retire-before").fill(tomorrow);
        page.getByTestId("retire-old").click();
        assertThat(page.getByTestId("confirm-retire-old")).containsText("Retire every bulk and compare job, of every user, that finished"
                + " before " + tomorrow + "? Their uploaded files, results and rejects are removed for good; their counts and totals stay.");
        page.getByTestId("retire-old-yes").click();
        assertThat(page.getByTestId("retire-result")).hasText(Pattern.compile("^Retired \\d+ jobs? \\([\\d \u202f]+ lines\\): [\\d.,]+ MiB of files and"
                + " results removed\\.$"));
        assertThat(page.getByTestId("retired-jobs").locator("tr", new com.microsoft.playwright.Locator.LocatorOptions().setHasText("aged.csv")))
                .containsText("120");
        assertThat(s.get("/api/bulk-jobs/" + id, s.admin).json().get("retired_at").isNull()).isFalse();
        page.setViewportSize(390, 844); // the table of what was retired scrolls in its card, not the page
        assertNoOverflow(390, "#tokens with the jobs retired");
        page.setViewportSize(1366, 900);
        // again: nothing left
        page.getByTestId("retire-old").click();
        page.getByTestId("retire-old-yes").click();
        assertThat(page.getByTestId("retire-result")).hasText("No job to retire: none finished before " + tomorrow
                + " that was not retired already.");
        assertThat(errors).isEmpty();
    }
}
