package aistudioproxy.app;

import aistudioproxy.page.PageController;
import aistudioproxy.page.PageException;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pages' login files, both ways. Signed-out accounts come back when their login file changes
 * (a new {@code --login --profile NAME} while the server runs): every {@code every}, each page
 * that is signed out and has a login file whose modification time moved since it was last looked
 * at opens again with it. Signed-in accounts have their cookies, which Google refreshes while the
 * page is open, written back to their file every {@code saveEvery} (never when zero), so a crash
 * loses at most that much of a login's life.
 */
final class LoginWatch implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LoginWatch.class.getName());

    /** One page and its login file. */
    record Watched(PageController page, Path login) {}

    private final List<Watched> watched;
    private final Map<Path, FileTime> seen = new HashMap<>();
    private final Thread thread;

    LoginWatch(List<Watched> watched, Duration every, Duration saveEvery) {
        this.watched = watched.stream().filter(w -> w.login() != null).toList();
        for (Watched w : this.watched) seen.put(w.login(), modified(w.login()));
        Duration tick = saveEvery.isZero() || saveEvery.compareTo(every) > 0 ? every : saveEvery;
        this.thread = Thread.ofVirtual().name("login-watch").start(() -> {
            try {
                long lastSave = System.nanoTime();
                while (true) {
                    Thread.sleep(tick);
                    if (!saveEvery.isZero() && System.nanoTime() - lastSave >= saveEvery.toNanos()) {
                        lastSave = System.nanoTime();
                        save();
                    }
                    check();
                }
            } catch (InterruptedException e) {
                // closed
            }
        });
    }

    /** One look for changed files (the loop's step). */
    void check() {
        for (Watched w : watched) {
            FileTime now = modified(w.login());
            FileTime before = seen.put(w.login(), now);
            if (w.page().signedOut() && now != null && !now.equals(before)) {
                LOG.log(Level.INFO, "login_file_changed file={0}: opening the page again", w.login());
                w.page().reloadLogin();
            }
        }
    }

    /** Writes each signed-in page's login back; a file written here is not a change {@link #check()} acts on. */
    void save() throws InterruptedException {
        for (Watched w : watched) {
            try {
                if (w.page().saveLogin()) seen.put(w.login(), modified(w.login()));
            } catch (PageException e) {
                LOG.log(Level.WARNING, "login_not_saved file={0} why={1}", w.login(), e.getMessage());
            }
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
