package aistudioproxy.helper;

/** The Helper went quiet for longer than allowed. */
final class HelperTimeoutException extends Exception {
    HelperTimeoutException(String message) {
        super(message);
    }
}
