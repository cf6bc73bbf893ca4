package aistudioproxy.http;

/** What the application reports about itself: one {@link StatusReport}, taken when asked. */
@FunctionalInterface
public interface ServiceStatus {
    StatusReport status();
}
