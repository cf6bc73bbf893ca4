package aistudioproxy.httpserver;

import java.io.IOException;

/** A request the server cannot accept at the HTTP level; answered with {@link #status()} and the connection closed. */
final class MalformedRequestException extends IOException {
    private final int status;

    MalformedRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
