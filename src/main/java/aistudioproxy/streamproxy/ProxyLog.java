package aistudioproxy.streamproxy;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The stream proxy's log: one line per record on stderr, in the main server's format
 * ({@code 2026-01-31T12:00:00.000Z INFO StreamProxy: event key=value}), so the two processes'
 * lines read alike where the supervisor merges them.
 *
 * <p>Not {@link System.Logger}: behind it sit java.util.logging, MessageFormat and the locale
 * data, a few hundred classes that the lean proxy process (SPEC §11, idle RSS) does without;
 * for the same reason the timestamp's digits are written by hand, not by a DateTimeFormatter.
 */
final class ProxyLog {
    /** Record levels, most severe first; a record is written when its level is at or above the threshold. */
    enum Level { ERROR, WARNING, INFO, DEBUG }

    private static volatile Level threshold = Level.INFO;
    private static final PrintStream OUT = System.err;

    private ProxyLog() {}

    /** Sets the threshold from the main server's LOG_LEVEL names (TRACE counts as DEBUG); unknown names keep INFO. */
    static void setLevel(String name) {
        threshold = switch (name == null ? "" : name.strip().toUpperCase(java.util.Locale.ROOT)) {
            case "ERROR" -> Level.ERROR;
            case "WARNING", "WARN" -> Level.WARNING;
            case "DEBUG", "TRACE" -> Level.DEBUG;
            default -> Level.INFO;
        };
    }

    static boolean enabled(Level level) {
        return level.ordinal() <= threshold.ordinal();
    }

    static void log(Level level, String source, String message) {
        if (enabled(level)) OUT.print(line(System.currentTimeMillis(), level, source, message));
    }

    static void log(Level level, String source, String message, Throwable failure) {
        if (!enabled(level)) return;
        java.io.StringWriter trace = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(trace));
        OUT.print(line(System.currentTimeMillis(), level, source, message) + trace);
    }

    /** One formatted record, newline included. */
    static String line(long epochMillis, Level level, String source, String message) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000), 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(48 + message.length());
        pad(b, t.getYear(), 4).append('-');
        pad(b, t.getMonthValue(), 2).append('-');
        pad(b, t.getDayOfMonth(), 2).append('T');
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        pad(b, t.getSecond(), 2).append('.');
        pad(b, (int) Math.floorMod(epochMillis, 1000), 3).append("Z ");
        return b.append(level).append(' ').append(source).append(": ").append(message).append('\n').toString();
    }

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) b.append('0');
        return b.append(s);
    }
}
