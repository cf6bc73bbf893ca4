package aistudioproxy.tier;

import aistudioproxy.json.Json;
import aistudioproxy.json.JsonSyntaxException;
import aistudioproxy.chat.ToolCall;

import java.util.ArrayList;
import java.util.List;

/**
 * What the client has been sent of one answer, so that another tier can carry it on. Every tier
 * answers the same page generation from its start, so a tier taking over after one that failed
 * mid-answer repeats what was sent: its answer is a cumulative snapshot of the first one's, and
 * only what goes beyond it is new. {@link #replay} gives that tier's sink: it passes on the new
 * suffix of the text and of the reasoning (each compared on its own; an empty or shorter one adds
 * nothing) and the calls after those already sent, and drops everything from the first point where
 * the tier's text or calls contradict what was sent ({@link Replay#diverged()}): one answer is
 * never spliced from two different ones. Reasoning is not the answer, and tiers read it
 * differently (the page has only its rendered text): a tier whose reasoning differs sends no more
 * reasoning, and its answer still counts. Deltas reach it from one tier at a time.
 */
public final class AnswerSoFar {
    private final DeltaSink client;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private final List<ToolCall> calls = new ArrayList<>();

    public AnswerSoFar(DeltaSink client) {
        this.client = client;
    }

    /** Whether anything has reached the client. */
    public synchronized boolean started() {
        return !text.isEmpty() || !reasoning.isEmpty() || !calls.isEmpty();
    }

    /** A sink for a tier answering from the start; {@code firstNew} runs before its first new delta reaches the client. */
    public Replay replay(Runnable firstNew) {
        return new Replay(firstNew);
    }

    private synchronized void send(Delta d) {
        switch (d) {
            case Delta.Text t -> text.append(t.text());
            case Delta.Reasoning r -> reasoning.append(r.text());
            case Delta.Call c -> calls.add(c.call());
        }
        client.accept(d);
    }

    /** The same arguments, whichever tier's reader wrote them (key order and spacing aside). */
    private static boolean sameArguments(ToolCall a, ToolCall b) {
        if (a.argumentsJson().equals(b.argumentsJson())) return true;
        try {
            return Json.parse(a.argumentsJson()).equals(Json.parse(b.argumentsJson()));
        } catch (JsonSyntaxException | RuntimeException notJson) {
            return false;
        }
    }

    /** One tier's view: how far into what was sent it has come. */
    public final class Replay implements DeltaSink {
        private final Runnable firstNew;
        private int textAt;
        private int reasoningAt;
        private int callsAt;
        private boolean sentNew;
        private boolean reasoningOff;
        private volatile String diverged;

        private Replay(Runnable firstNew) {
            this.firstNew = firstNew;
        }

        /** At the tier's end: an answer whose text stops short of what was sent (but for whitespace) contradicts it too. */
        public void finish() {
            synchronized (AnswerSoFar.this) {
                // Trailing whitespace aside: a reader of the page may trim what the wire had.
                if (diverged == null && textAt < text.length() && !text.substring(textAt).isBlank()) diverged = "its text ends at character " + textAt + " of the " + text.length() + " sent";
            }
        }

        /** Where the tier contradicted what the client had, or null. */
        public String diverged() {
            return diverged;
        }

        @Override
        public void accept(Delta delta) {
            if (diverged != null) return;
            Delta fresh;
            synchronized (AnswerSoFar.this) {
                fresh = switch (delta) {
                    case Delta.Text t -> {
                        int mismatch = mismatchAt(text, textAt, t.text());
                        if (mismatch >= 0) diverged = "text differs at character " + mismatch;
                        String s = mismatch >= 0 ? "" : beyond(text, textAt, t.text());
                        textAt += t.text().length();
                        yield s.isEmpty() ? null : new Delta.Text(s);
                    }
                    case Delta.Reasoning r -> {
                        if (!reasoningOff && mismatchAt(reasoning, reasoningAt, r.text()) >= 0) reasoningOff = true;
                        String s = reasoningOff ? "" : beyond(reasoning, reasoningAt, r.text());
                        reasoningAt += r.text().length();
                        yield s.isEmpty() ? null : new Delta.Reasoning(s);
                    }
                    case Delta.Call c -> {
                        if (callsAt < calls.size()) {
                            ToolCall sent = calls.get(callsAt);
                            if (!sent.name().equals(c.call().name()) || !sameArguments(sent, c.call())) {
                                diverged = "call " + (callsAt + 1) + " differs (" + c.call().name() + " after " + sent.name() + ")";
                            }
                            callsAt++;
                            yield null;
                        }
                        callsAt++;
                        yield delta;
                    }
                };
            }
            if (fresh == null) return;
            if (!sentNew) {
                sentNew = true;
                firstNew.run();
            }
            send(fresh);
        }

        /** The part of {@code piece} (starting at {@code at} of this tier's stream) beyond {@code sent}; it agrees with what overlaps. */
        private static String beyond(StringBuilder sent, int at, String piece) {
            return piece.substring(Math.max(0, Math.min(piece.length(), sent.length() - at)));
        }

        /** Where {@code piece} placed at {@code at} first differs from {@code sent}, or -1. */
        private static int mismatchAt(StringBuilder sent, int at, String piece) {
            int overlap = Math.max(0, Math.min(piece.length(), sent.length() - at));
            for (int i = 0; i < overlap; i++) if (piece.charAt(i) != sent.charAt(at + i)) return at + i;
            return -1;
        }
    }
}
