package aistudioproxy.http;

import aistudioproxy.api.Answer;
import aistudioproxy.chat.ChatRequest;
import aistudioproxy.chat.FinishReason;
import aistudioproxy.chat.ToolCall;
import aistudioproxy.chat.Usage;
import aistudioproxy.tier.Delta;

import java.util.ArrayList;
import java.util.List;

/**
 * Between a job's deltas and any API's rendering: the one place that cuts the answer at the
 * request's stop sequences and decides how the answer ended.
 *
 * <p>Stop sequences: the page applies the first five itself (AI Studio's field takes five), and
 * when it does the text arrives without the sequence and AI Studio reports a plain stop. The
 * answer's text is scanned for the ones past the fifth ({@link ChatRequest#extraStops()}): at the
 * first one the text is cut before it, the rest of the answer is dropped and the finish is
 * {@link FinishReason#STOP_SEQUENCE} with that sequence. While text could be the start of such a
 * sequence it is held back, so a cut never takes back text already sent. (The page's five are not
 * scanned for: the model never writes them, and text that quotes them is no stop.)
 *
 * <p>Finish: a stop after function calls is {@link FinishReason#TOOL_CALLS}. AI Studio does not
 * say when an answer hit the output limit, so a stop whose estimated output (text and thoughts,
 * about four characters a token) reaches {@value #LENGTH_SHARE} of the requested max tokens is
 * reported as {@link FinishReason#LENGTH}: an estimate, documented as such.
 */
final class AnswerShaper {
    static final double LENGTH_SHARE = 0.7;

    private final ChatRequest request;
    private final List<String> stops;
    private final int longestStop;
    private final StringBuilder held = new StringBuilder();
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private final List<ToolCall> calls = new ArrayList<>();
    private String cutAt;

    AnswerShaper(ChatRequest request) {
        this.request = request;
        this.stops = request.extraStops();
        this.longestStop = stops.stream().mapToInt(String::length).max().orElse(0);
    }

    /** True once a stop sequence was found: the answer is over, later deltas are dropped. */
    boolean cut() {
        return cutAt != null;
    }

    /** The deltas to render now for {@code d}, in order (none while text is held back or after a cut). */
    List<Delta> accept(Delta d) {
        if (cut()) return List.of();
        List<Delta> out = new ArrayList<>(2);
        switch (d) {
            case Delta.Reasoning r -> {
                reasoning.append(r.text());
                out.add(r);
            }
            case Delta.Call c -> {
                release(out);
                calls.add(c.call());
                out.add(c);
            }
            case Delta.Text t -> {
                if (stops.isEmpty()) {
                    text.append(t.text());
                    out.add(t);
                } else {
                    held.append(t.text());
                    scan(out);
                }
            }
        }
        return out;
    }

    /** The text still held back, at the end of the answer. */
    List<Delta> flush() {
        List<Delta> out = new ArrayList<>(1);
        if (!cut()) release(out);
        return out;
    }

    FinishReason finish(FinishReason reported) {
        if (cut()) return FinishReason.STOP_SEQUENCE;
        if (reported != FinishReason.STOP) return reported;
        if (!calls.isEmpty()) return FinishReason.TOOL_CALLS;
        Integer max = request.maxTokens();
        if (max != null && Usage.tokens(text.length() + reasoning.length()) >= LENGTH_SHARE * max) return FinishReason.LENGTH;
        return FinishReason.STOP;
    }

    /** The sequence the text was cut at, or null. */
    String stopSequence() {
        return cutAt;
    }

    Usage usage() {
        return Usage.estimate(request.messages(), text.toString(), reasoning.toString());
    }

    /** Everything rendered so far as one answer (call after {@link #flush()}). */
    Answer answer(FinishReason reported) {
        return new Answer(text.toString(), reasoning.toString(), calls, finish(reported), cutAt, usage());
    }

    private void scan(List<Delta> out) {
        int at = -1;
        String found = null;
        for (String s : stops) {
            int i = held.indexOf(s);
            if (i >= 0 && (at < 0 || i < at)) {
                at = i;
                found = s;
            }
        }
        if (found != null) {
            emit(out, held.substring(0, at));
            held.setLength(0);
            cutAt = found;
            return;
        }
        int keep = heldPrefix();
        emit(out, held.substring(0, held.length() - keep));
        held.delete(0, held.length() - keep);
    }

    /** The length of the longest end of the held text that begins some stop sequence. */
    private int heldPrefix() {
        for (int n = Math.min(held.length(), longestStop - 1); n > 0; n--) {
            String tail = held.substring(held.length() - n);
            for (String s : stops) if (s.startsWith(tail)) return n;
        }
        return 0;
    }

    private void release(List<Delta> out) {
        emit(out, held.toString());
        held.setLength(0);
    }

    private void emit(List<Delta> out, String s) {
        if (s.isEmpty()) return;
        text.append(s);
        out.add(new Delta.Text(s));
    }
}
