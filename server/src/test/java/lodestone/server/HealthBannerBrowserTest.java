package lodestone.server;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web application says, above every page, when the server's health is not ok (GET /api/health): a person about to
 * upload a file or record an event on a server whose database's disk is full is told before the write is refused. The
 * page showed the health nowhere; only a monitor reading /api/health knew.
 */
class HealthBannerBrowserTest extends BrowserPageTest {

    @Test
    void aServerThatRefusesWritesForWantOfRoomSaysSoAboveEveryPage() throws Exception {
        open(1366, 900);
        page.navigate(s.url() + "/#minerals");
        assertThat(page.locator("#main h1")).hasText("Critical minerals");
        assertThat(page.locator("#health")).isHidden();
        // the database refuses new assessments as PostgreSQL does on a full disk (SQLSTATE 53100), as OnCallReviewTest does
        try (Connection c = OnCallReviewTest.superuser(s); Statement st = c.createStatement()) {
            st.execute("create function banner_disk_full() returns trigger language plpgsql as $$ begin raise exception"
                    + " 'could not extend file: No space left on device' using errcode = 'disk_full'; end $$");
            st.execute("create trigger banner_disk_full before insert on assessment for each row execute function banner_disk_full()");
        }
        assertThat(s.post("/api/assessments", s.admin, DatabaseOutageTest.COPPER).status()).isEqualTo(503);
        page.navigate(s.url() + "/#regime");
        assertThat(page.locator("#health")).isVisible();
        assertThat(page.locator("#health")).containsText("Writes may be refused: the database refused a write for want of room");
        assertThat(page.locator("#health")).containsText("until the server's operator makes room on the database's disk; reads go on");
        assertThat(page.locator("#health")).hasAttribute("role", "status");
        // on a phone the banner wraps within the screen, above the page
        page.setViewportSize(390, 844);
        page.navigate(s.url() + "/#stockpiles");
        assertThat(page.locator("#health")).isVisible();
        assertThat(page.locator("#health")).isInViewport();
        assertNoOverflow(390, "#stockpiles with the health banner");
    }
}
