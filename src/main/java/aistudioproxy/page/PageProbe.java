package aistudioproxy.page;

import java.util.Map;

/**
 * What the preparation of a run needs to know of the page, read in one round trip
 * ({@link PageScripts#PROBE}), so that every step whose state is already right is skipped without
 * touching the page again.
 *
 * @param overlay    a dialog, menu or backdrop is open (it would swallow clicks)
 * @param running    a run goes on (its Stop control shows)
 * @param turns      chat turns on the page
 * @param modelTurns of which the model's
 * @param model      the model the page shows, or null
 * @param temporaryChat temporary chat shows as on
 * @param advancedClosed the collapsed settings section would have to be opened
 * @param settings   the settings the page shows (see {@code settings()} in page-reader.js)
 */
record PageProbe(boolean overlay, boolean running, int turns, int modelTurns, String model, boolean temporaryChat,
                 boolean advancedClosed, Map<String, Object> settings) {

    @SuppressWarnings("unchecked")
    static PageProbe of(Map<String, Object> r) {
        return new PageProbe(Boolean.TRUE.equals(r.get("overlay")), Boolean.TRUE.equals(r.get("running")),
                ((Number) r.get("turns")).intValue(), ((Number) r.get("modelTurns")).intValue(), (String) r.get("model"),
                Boolean.TRUE.equals(r.get("temporaryChat")), Boolean.TRUE.equals(r.get("advancedClosed")),
                (Map<String, Object>) r.get("settings"));
    }

    /** Whether a new chat is needed before the run: an earlier conversation, or a run still going. */
    boolean needsNewChat() {
        return running || turns > 0;
    }
}
