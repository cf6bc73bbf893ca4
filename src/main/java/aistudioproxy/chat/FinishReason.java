package aistudioproxy.chat;

/**
 * Why an answer ended, in no API's words: each front end names it its own way. {@code STOP} is a
 * natural end (or a stop sequence applied by AI Studio, which does not say which);
 * {@code STOP_SEQUENCE} is a stop sequence this server found and cut at, so the sequence is known.
 */
public enum FinishReason {
    STOP, STOP_SEQUENCE, LENGTH, TOOL_CALLS, CONTENT_FILTER
}
