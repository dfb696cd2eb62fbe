package lodestone.server;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright, for the browser tests. `./lodestone test` and `.ci/run` install
 * Chromium; without it a browser test fails and says what to install.
 */
final class Browsers {
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("LODESTONE_CHROMIUM", "/usr/bin/chromium"));

    private Browsers() {
    }

    /**
     * Playwright's driver and a Chromium. The test JVM shares one across all browser test classes: starting both took
     * ~3 s a class (~2 min of a suite with 36 such classes). {@link #close} of the shared session closes the pages and
     * contexts the class left open, so the next class starts from a browser with none; the browser itself is closed when
     * the JVM ends.
     */
    record Session(Playwright playwright, Browser browser, boolean shared) implements AutoCloseable {
        @Override
        public void close() {
            if (shared) {
                if (browser.isConnected()) browser.contexts().forEach(BrowserContext::close);
                return;
            }
            browser.close();
            playwright.close();
        }
    }

    private static Session shared;

    /** The test JVM's browser, launched on first use (and again if it went away). Tests run their classes on one thread. */
    static synchronized Session launch() {
        if (shared != null && shared.browser().isConnected()) return shared;
        if (shared != null) shared.playwright().close();
        Session own = launchOwn();
        shared = new Session(own.playwright(), own.browser(), true);
        return shared; // closed at the suite's end (SuiteEnd); a run without it ends the driver, and Chromium with it, at exit
    }

    /** Closes the shared browser and its driver, if one was launched (the suite's end: {@link SuiteEnd}). */
    static synchronized void closeShared() {
        if (shared == null) return;
        Session s = shared;
        shared = null;
        new Session(s.playwright(), s.browser(), false).close();
    }

    /** A browser of the caller's own, closed by its {@code close}. */
    static Session launchOwn() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("the browser tests need Chromium at " + CHROMIUM + ": install it with "
                    + "`apt-get install -y chromium` (./lodestone test does when run as root), or point LODESTONE_CHROMIUM at one");
        }
        // the machine running the tests may be busy (a bulk job or a what-if of 500 lines can take seconds): wait up to 30 s
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
        Playwright pw = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser b = pw.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage")));
        return new Session(pw, b, false);
    }

    /** Every console error and uncaught exception of the page, collected into the list. */
    static void collectErrors(Page page, List<String> errors, boolean allow4xx) {
        page.onConsoleMessage(m -> {
            if (!m.type().equals("error")) return;
            if (allow4xx && m.text().matches("Failed to load resource: the server responded with a status of 4\\d\\d.*")) return;
            errors.add(m.text());
        });
        page.onPageError(errors::add);
    }

    /**
     * A desktop-sized page (downloads accepted) signed in as the test server's administrator, its console errors
     * collected into {@code errors} (an API error the page shows, 4xx, is a failed load the browser logs: allowed).
     */
    static Page signedIn(Browser browser, TestServer s, List<String> errors) {
        Page page = browser.newPage(new Browser.NewPageOptions().setAcceptDownloads(true).setViewportSize(1280, 900));
        collectErrors(page, errors, true);
        page.navigate(s.url() + "/#token=" + s.admin);
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.getByTestId("who")).hasText("administrator");
        return page;
    }
}
