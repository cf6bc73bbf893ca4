package aistudioproxy.http;

import java.util.List;
import java.util.function.Consumer;

/** The server's recent log lines and the ones to come, for {@code GET /api/logs}. Lines carry no secrets. */
public interface LogFeed {
    /** The last lines, oldest first. */
    List<String> recent();

    /** Calls {@code line} for each new line until the returned handle is closed; must not block the logger. */
    AutoCloseable subscribe(Consumer<String> line);

    /** No log lines at all (tests). */
    LogFeed NONE = new LogFeed() {
        @Override
        public List<String> recent() {
            return List.of();
        }

        @Override
        public AutoCloseable subscribe(Consumer<String> line) {
            return () -> { };
        }
    };
}
