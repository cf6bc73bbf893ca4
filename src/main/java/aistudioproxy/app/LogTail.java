package aistudioproxy.app;

import aistudioproxy.http.LogFeed;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The last {@link #KEEP} log lines of this server and a feed of new ones, for the console
 * ({@code /api/logs}). Installed on the root logger while the application runs. Every secret it
 * is given (API keys, the Helper's SAPISID) is masked in each line before anyone sees it, and
 * only the first line of a stack trace is kept.
 */
final class LogTail extends Handler implements LogFeed, AutoCloseable {
    static final int KEEP = 500;

    private final Deque<String> lines = new ArrayDeque<>();
    private final List<Consumer<String>> subscribers = new CopyOnWriteArrayList<>();
    private final List<String> secrets;
    private final LogLineFormat format = new LogLineFormat();

    private LogTail(List<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4).toList();
        setLevel(Level.INFO);
    }

    static LogTail install(List<String> secrets) {
        LogTail t = new LogTail(secrets);
        Logger.getLogger("").addHandler(t);
        return t;
    }

    @Override
    public void publish(LogRecord r) {
        if (!isLoggable(r)) return;
        String text = format.format(r);
        int nl = text.indexOf('\n');
        String line = nl >= 0 ? text.substring(0, nl) : text;
        if (r.getThrown() != null) line += " (" + r.getThrown() + ")";
        for (String s : secrets) line = line.replace(s, "***");
        synchronized (lines) {
            lines.addLast(line);
            if (lines.size() > KEEP) lines.removeFirst();
        }
        for (Consumer<String> c : subscribers) c.accept(line);
    }

    @Override
    public List<String> recent() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    @Override
    public AutoCloseable subscribe(Consumer<String> line) {
        subscribers.add(line);
        return () -> subscribers.remove(line);
    }

    @Override
    public void flush() {
        // nothing buffered
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
        subscribers.clear();
    }
}
