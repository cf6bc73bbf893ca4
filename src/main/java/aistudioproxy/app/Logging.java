package aistudioproxy.app;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/** One-line log records on stderr: {@code time LEVEL logger: event key=value...}. */
final class Logging {
    private Logging() {}

    static void configure(String level) {
        LogManager.getLogManager().reset();
        Level l = switch (level) {
            case "ERROR" -> Level.SEVERE;
            case "WARNING" -> Level.WARNING;
            case "DEBUG" -> Level.FINE;
            case "TRACE" -> Level.FINEST;
            default -> Level.INFO;
        };
        ConsoleHandler h = new ConsoleHandler();
        h.setLevel(l);
        h.setFormatter(new LogLineFormat());
        Logger root = Logger.getLogger("");
        root.setLevel(l);
        root.addHandler(h);
        // Playwright's and the JDK's own chatter stays at WARNING unless asked for.
        if (l.intValue() >= Level.INFO.intValue()) Logger.getLogger("com.microsoft").setLevel(Level.WARNING);
    }
}
