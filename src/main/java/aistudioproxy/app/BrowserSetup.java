package aistudioproxy.app;

import aistudioproxy.config.Config;
import aistudioproxy.page.BrowserChoice;
import aistudioproxy.page.BrowserSearch;

import java.lang.System.Logger.Level;

/**
 * The browser for a configuration, decided before the server says it listens (so a
 * {@code java -jar} user gets the same search, download and message as {@code run.sh}): nothing
 * to find when it connects to a running browser; else {@link BrowserSearch}, its download
 * progress in the log.
 */
final class BrowserSetup {
    private static final System.Logger LOG = System.getLogger(BrowserSetup.class.getName());

    private BrowserSetup() {}

    static BrowserChoice choose(Config c, boolean headless) {
        BrowserSearch.Source source = BrowserSearch.Source.parse(c.browserSource());
        if (!c.browserWsEndpoint().isEmpty() || !c.browserCdpEndpoint().isEmpty()) {
            return BrowserSearch.withoutInstalling(source, c.browserExecutablePath()); // connects instead; unused
        }
        BrowserChoice choice = BrowserSearch.ensure(source, c.browserExecutablePath(), headless,
                line -> LOG.log(Level.INFO, "browser_install_progress {0}", line));
        if (choice instanceof BrowserChoice.Missing m) LOG.log(Level.ERROR, "browser_missing {0}", m.fix());
        else LOG.log(Level.INFO, "browser_chosen {0}", choice.describe());
        return choice;
    }
}
