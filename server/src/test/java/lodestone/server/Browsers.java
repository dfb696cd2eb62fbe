package lodestone.server;

import com.microsoft.playwright.Browser;
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

    record Session(Playwright playwright, Browser browser) implements AutoCloseable {
        @Override
        public void close() {
            browser.close();
            playwright.close();
        }
    }

    static Session launch() {
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
        return new Session(pw, b);
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
