package aistudioproxy.tier;

/**
 * When the page started a run ({@link System#nanoTime}): it began at {@code startedAtNanos}, was
 * prepared (new chat, model, settings) at {@code preparedAtNanos}, had the prompt in (files attached, box filled)
 * at {@code filledAtNanos}, and showed the run started after the click at {@code clickedAtNanos}.
 */
public record RunTimings(long startedAtNanos, long preparedAtNanos, long filledAtNanos, long clickedAtNanos) {
    public long prepareNanos() {
        return preparedAtNanos - startedAtNanos;
    }

    /** Filling and clicking. */
    public long submitNanos() {
        return clickedAtNanos - preparedAtNanos;
    }

    /** Marks the page's steps on a job's timeline. */
    public void markOn(Timeline timeline) {
        timeline.mark(Timeline.Step.RUN_STARTED, startedAtNanos);
        timeline.mark(Timeline.Step.PREPARED, preparedAtNanos);
        timeline.mark(Timeline.Step.FILLED, filledAtNanos);
        timeline.mark(Timeline.Step.CLICKED, clickedAtNanos);
    }
}
