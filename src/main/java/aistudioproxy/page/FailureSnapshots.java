package aistudioproxy.page;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Saves the page (HTML and a screenshot) when a page step fails, under {@code DATA_DIR/snapshots/},
 * named by time, request id and failing selector key; only the newest {@link #KEEP} are kept.
 * {@code doctor --page FILE.html} reads such a file back.
 */
final class FailureSnapshots {
    private static final System.Logger LOG = System.getLogger(FailureSnapshots.class.getName());
    static final int KEEP = 20;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final Path dir;

    /** {@code dir} null: snapshots off. */
    FailureSnapshots(Path dir) {
        this.dir = dir;
    }

    /** Saves what {@code page} shows now; returns the HTML file, or null if nothing could be saved. Never throws. */
    Path save(Page page, String requestId, SelectorKey key, String why) {
        if (dir == null || page == null || page.isClosed()) return null;
        String base = STAMP.format(Instant.now()) + "_" + safe(requestId) + "_" + (key == null ? "page" : key.id());
        Path html = dir.resolve(base + ".html");
        try {
            Files.createDirectories(dir);
            Files.writeString(html, page.content(), StandardCharsets.UTF_8);
            try {
                page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(base + ".png")).setTimeout(5000));
            } catch (PlaywrightException e) {
                LOG.log(Level.DEBUG, "snapshot_screenshot_failed why={0}", PageException.describe(e));
            }
            prune();
            LOG.log(Level.WARNING, "page_snapshot_saved request={0} key={1} path={2} why={3}", requestId,
                    key == null ? "-" : key.id(), html, why);
            return html;
        } catch (IOException | PlaywrightException e) {
            LOG.log(Level.WARNING, "page_snapshot_failed request={0} why={1}", requestId, e.getMessage());
            return null;
        }
    }

    private void prune() throws IOException {
        List<Path> pages;
        try (Stream<Path> s = Files.list(dir)) {
            pages = s.filter(p -> p.getFileName().toString().endsWith(".html")).sorted(Comparator.comparing(Path::getFileName).reversed()).toList();
        }
        for (Path old : pages.subList(Math.min(KEEP, pages.size()), pages.size())) {
            Files.deleteIfExists(old);
            String name = old.getFileName().toString();
            Files.deleteIfExists(old.resolveSibling(name.substring(0, name.length() - ".html".length()) + ".png"));
        }
    }

    private static String safe(String s) {
        return s == null ? "none" : s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
