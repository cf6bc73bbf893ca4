package aistudioproxy.simulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test hooks a prompt carries, as {@code [[sim:name]]} or {@code [[sim:name=value]]} /
 * {@code [[sim:name value]]} markers anywhere in it:
 * <ul>
 *   <li>{@code echo-settings}: answer with every setting that arrived, one {@code key=value} per line;</li>
 *   <li>{@code say TEXT}: answer exactly TEXT;</li>
 *   <li>{@code long=N}: answer N words; {@code giant=N}: answer one "word" of N characters
 *       (a part larger than the stream proxy accepts);</li>
 *   <li>{@code think-only}: thinking, no answer text; {@code no-think}: no thinking even if on;</li>
 *   <li>{@code pace=MS}: milliseconds between tokens; {@code slow-first=MS}: delay before the first;
 *       {@code pause-mid=MS}: a silence after the third token, then the rest (a model that pauses);</li>
 *   <li>faults: {@code http429 http500 quota malformed hang hang-mid drop} (see {@link Fault}).</li>
 * </ul>
 */
record Script(Fault fault, boolean echoSettings, String say, Integer longWords, Integer giantChars,
              boolean thinkOnly, boolean noThink, Long paceMillis, Long slowFirstMillis, Long pauseMidMillis) {

    private static final Pattern MARKER = Pattern.compile("\\[\\[sim:([a-z0-9-]+)(?:[= ]((?:(?!]]).)*))?]]", Pattern.DOTALL);

    static Script parse(String prompt) {
        Fault fault = null;
        boolean echo = false, thinkOnly = false, noThink = false;
        String say = null;
        Integer longWords = null, giantChars = null;
        Long pace = null, slowFirst = null, pauseMid = null;
        Matcher m = MARKER.matcher(prompt);
        while (m.find()) {
            String arg = m.group(2) == null ? "" : m.group(2).strip();
            switch (m.group(1)) {
                case "echo-settings" -> echo = true;
                case "say" -> say = m.group(2) == null ? "" : m.group(2);
                case "long" -> longWords = Integer.parseInt(arg);
                case "giant" -> giantChars = Integer.parseInt(arg);
                case "think-only" -> thinkOnly = true;
                case "no-think" -> noThink = true;
                case "pace" -> pace = Long.parseLong(arg);
                case "slow-first" -> slowFirst = Long.parseLong(arg);
                case "pause-mid" -> pauseMid = Long.parseLong(arg);
                case "http429" -> fault = Fault.HTTP_429;
                case "http500" -> fault = Fault.HTTP_500;
                case "quota" -> fault = Fault.QUOTA;
                case "malformed" -> fault = Fault.MALFORMED;
                case "hang" -> fault = Fault.HANG;
                case "hang-mid" -> fault = Fault.HANG_MID;
                case "drop" -> fault = Fault.DROP;
                default -> { /* unknown markers are plain text */ }
            }
        }
        return new Script(fault, echo, say, longWords, giantChars, thinkOnly, noThink, pace, slowFirst, pauseMid);
    }

    static String stripMarkers(String prompt) {
        return MARKER.matcher(prompt).replaceAll("").replaceAll("(?m)^[ \\t]+|[ \\t]+$", "").strip();
    }
}
