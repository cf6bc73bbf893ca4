package aistudioproxy.app;

import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/** The server's log line: {@code time LEVEL logger: event key=value...}, then a stack trace if any. */
final class LogLineFormat extends Formatter {
    @Override
    public String format(LogRecord r) {
        String name = r.getLoggerName() == null ? "" : r.getLoggerName().substring(r.getLoggerName().lastIndexOf('.') + 1);
        StringBuilder b = new StringBuilder(128).append(Instant.ofEpochMilli(r.getMillis())).append(' ')
                .append(r.getLevel().getName()).append(' ').append(name).append(": ").append(formatMessage(r)).append('\n');
        if (r.getThrown() != null) {
            java.io.StringWriter w = new java.io.StringWriter();
            r.getThrown().printStackTrace(new java.io.PrintWriter(w));
            b.append(w);
        }
        return b.toString();
    }
}
