package aistudioproxy.page;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one thread that may touch Playwright objects (Playwright is not thread-safe). Other threads
 * hand it work with {@link #call} and block for the result; an interrupted caller gets
 * {@link InterruptedException} at once while the task finishes on the owner thread. Tasks must
 * stay short (Playwright's own timeouts bound them) so a Stop can get through between them.
 */
final class PageOwner implements AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "playwright-owner");
        t.setDaemon(true);
        return t;
    });

    /** A unit of Playwright work. */
    interface Task<T> {
        T run() throws Exception;
    }

    <T> T call(Task<T> task) throws PageException, InterruptedException {
        Callable<T> c = task::run;
        Future<T> f = thread.submit(c);
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PageException pe) throw pe;
            if (cause instanceof InterruptedException ie) throw ie;
            throw PageException.from(cause);
        }
    }

    /**
     * As {@link #call(Task)}, waiting at most {@code limit}: then a {@code TIMEOUT} failure, while
     * the task goes on (or stays stuck) on the owner thread.
     */
    <T> T call(Task<T> task, Duration limit) throws PageException, InterruptedException {
        Callable<T> c = task::run;
        Future<T> f = thread.submit(c);
        try {
            return f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new PageException(PageException.Kind.STUCK, "the page thread stayed busy for more than " + limit.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PageException pe) throw pe;
            if (cause instanceof InterruptedException ie) throw ie;
            throw PageException.from(cause);
        }
    }

    /** Runs without waiting; failures are the task's business. */
    void post(Runnable task) {
        thread.execute(task);
    }

    /** Stops taking tasks and interrupts the one running (a task stuck in Playwright ends when its browser does). */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
