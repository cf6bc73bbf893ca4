package aistudioproxy.page;

/** A selector file (built in or the user's) cannot be used; the message names the file and the key. */
public final class SelectorFileException extends Exception {
    public SelectorFileException(String message) {
        super(message);
    }
}
