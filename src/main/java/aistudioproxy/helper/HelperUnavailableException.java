package aistudioproxy.helper;

/** The Helper could not be used for this request (refused, non-200, no answer in time). */
final class HelperUnavailableException extends Exception {
    HelperUnavailableException(String message) {
        super(message);
    }
}
