package aistudioproxy.page;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A failed step saves the page's HTML and a screenshot, named by request and key; only the newest 20 stay. */
class FailureSnapshotsTest {
    @Test
    void savesHtmlAndScreenshotAndKeepsTheNewestTwenty(@TempDir Path dir) throws Exception {
        try (Playwright pw = BrowserLauncher.createPlaywright();
             Browser browser = pw.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(BrowserSearch.systemBrowser())
                     .setArgs(BrowserLauncher.CHROMIUM_ARGS))) {
            Page page = browser.newPage();
            FailureSnapshots snapshots = new FailureSnapshots(dir.resolve("snapshots"));
            Path first = null;
            for (int i = 0; i < 25; i++) {
                page.setContent("<p>page " + i + "</p>");
                Path saved = snapshots.save(page, "chatcmpl-" + i, SelectorKey.RUN_BUTTON, "test");
                if (i == 0) first = saved;
                Thread.sleep(2); // distinct millisecond stamps, so the names order by time
            }
            List<Path> html, png;
            try (Stream<Path> s = Files.list(dir.resolve("snapshots"))) {
                List<Path> all = s.toList();
                html = all.stream().filter(p -> p.toString().endsWith(".html")).toList();
                png = all.stream().filter(p -> p.toString().endsWith(".png")).toList();
            }
            assertEquals(20, html.size());
            assertEquals(20, png.size());
            assertTrue(first != null && !Files.exists(first), "the oldest went");
            assertTrue(html.stream().anyMatch(p -> p.getFileName().toString().endsWith("_chatcmpl-24_run_button.html")));
            Path newest = html.stream().filter(p -> p.toString().contains("chatcmpl-24")).findFirst().orElseThrow();
            assertTrue(Files.readString(newest).contains("page 24"));
        }
    }
}
