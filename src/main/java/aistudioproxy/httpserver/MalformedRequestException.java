package aistudioproxy.httpserver;

import java.io.IOException;

/** A request the server cannot accept at the HTTP level; answered with {@link #status()} and the connection closed. */
public final class MalformedRequestException extends IOException {
    private final int status;

    public MalformedRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
