package aistudioproxy.page;

import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.TimeoutError;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Playwright's errors turned into one-line reasons and job outcomes (messages as the 1.62 driver words them). */
class PageExceptionTest {
    private static final String TIMEOUT = """
            Error {
              message='Timeout 15000ms exceeded.
              name='TimeoutError
              stack='TimeoutError: Timeout 15000ms exceeded.
                at _ProgressController.run (/tmp/playwright-java-1/package/lib/coreBundle.js:12135:32)
            }
            Call log:
            -   - waiting for locator("ms-run-button button[aria-label=\\"Stop\\"]")
            """;

    private static final String CLOSED = """
            Error {
              message='Target page, context or browser has been closed
              name='TargetClosedError
              stack='TargetClosedError: Target page, context or browser has been closed
                at DispatcherConnection.dispatch (/tmp/playwright-java-1/package/lib/coreBundle.js:18730:54)
            }""";

    private static final String SCRIPT = """
            Error {
              message='Error: boom
                at eval (eval at evaluate (:311:30), <anonymous>:1:15)
              name='Error
              stack='Error: Error: boom
                at eval (eval at evaluate (:311:30), <anonymous>:1:15)
            }""";

    @Test
    void timeoutNamesTheMessageAndWhatItWaitedFor() {
        PageException e = PageException.from(new TimeoutError(TIMEOUT));
        assertEquals(PageException.Kind.TIMEOUT, e.kind());
        assertEquals("page operation timed out: Timeout 15000ms exceeded. (waiting for locator(\"ms-run-button button[aria-label=\\\"Stop\\\"]\"))",
                e.getMessage());
    }

    @Test
    void closedTargetIsABrokenPage() {
        PageException e = PageException.from(new PlaywrightException(CLOSED));
        assertEquals(PageException.Kind.PAGE_BROKEN, e.kind());
        assertEquals("the browser page is gone: Target page, context or browser has been closed", e.getMessage());
    }

    @Test
    void scriptErrorKeepsItsMessageWithoutTheStack() {
        PageException e = PageException.from(new PlaywrightException(SCRIPT));
        assertEquals(PageException.Kind.UPSTREAM, e.kind());
        assertEquals("page operation failed: Error: boom", e.getMessage());
    }

    @Test
    void plainMessagesPassThrough() {
        assertEquals("page operation failed: something odd", PageException.from(new IllegalStateException("something odd\nmore")).getMessage());
        assertEquals("page operation failed: IllegalStateException", PageException.from(new IllegalStateException()).getMessage());
    }
}
