package aistudioproxy.page;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/** A Chromium for driver tests on hand-written pages, launched with the product's executable and flags. */
final class TestBrowser implements AutoCloseable {
    private final Playwright playwright;
    private final Browser browser;

    TestBrowser() throws PageException {
        playwright = BrowserLauncher.createPlaywright();
        BrowserType.LaunchOptions o = new BrowserType.LaunchOptions().setArgs(BrowserLauncher.CHROMIUM_ARGS);
        if (BrowserSearch.withoutInstalling(BrowserSearch.Source.AUTO, "") instanceof BrowserChoice.Executable e) o.setExecutablePath(e.path());
        browser = playwright.chromium().launch(o);
    }

    /** A new page showing {@code html}. */
    Page page(String html) {
        Page page = browser.newPage();
        page.setContent(html);
        return page;
    }

    @Override
    public void close() {
        playwright.close();
    }
}
