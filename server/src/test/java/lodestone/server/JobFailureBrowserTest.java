package lodestone.server;

import com.microsoft.playwright.options.FilePayload;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bulk job failed by the database, on the Bulk page: its owner read PostgreSQL's own words ("ERROR: new row for relation
 * "bulk_chunk" violates check constraint …") and was told to fix the file. Now a plain reason, the log's reference, and no
 * advice to fix a file that was not at fault.
 */
class JobFailureBrowserTest extends BrowserPageTest {
    @Test
    void aJobTheDatabaseRefusedIsSaidInPlainWordsWithTheLogsReference() throws Exception {
        try (Connection c = OnCallReviewTest.superuser(s); Statement st = c.createStatement()) {
            st.execute("alter table bulk_chunk add constraint on_call_refuses_the_second_chunk check (chunk_no < 1) not valid");
        }
        byte[] sample = s.get("/api/bulk-sample?lines=12000&seed=7", s.admin).body().getBytes(StandardCharsets.UTF_8);
        open(1366, 900);
        page.navigate(s.url() + "/#bulk");
        page.getByTestId("bulk-file").setInputFiles(new FilePayload("entries.csv", "text/csv", sample));
        page.getByTestId("bulk-upload").click();
        assertThat(page.getByTestId("job-failed")).hasText(Pattern.compile("^The job failed: stopped after 10000 lines: the server could not"
                + " save the job's results \\(reference #\\d+ in the server's log\\); the file is not at fault: tell the server's operator"
                + " the reference, and once they have put it right upload the file again with another idempotency key\\.\\s+Nothing more"
                + " will happen to it\\.$"));
        String shown = page.getByTestId("job-failed").innerText();
        assertThat(shown).doesNotContain("ERROR", "bulk_chunk", "constraint", "fix the file");
        assertThat(errors).isEmpty();
    }
}
