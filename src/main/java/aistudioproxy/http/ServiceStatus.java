package aistudioproxy.http;

/** What the application reports about itself: one {@link StatusReport}, taken when asked. */
@FunctionalInterface
public interface ServiceStatus {
    StatusReport status();

    /** Each account's state (one for a single login). */
    default java.util.List<AccountReport> accounts() {
        return java.util.List.of();
    }
}
