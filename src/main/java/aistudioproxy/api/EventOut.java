package aistudioproxy.api;

import java.io.IOException;

/** Where a streamed answer's bytes go: raw frames, written and flushed at once; a failed write means the client left. */
public interface EventOut {
    void write(String frame) throws IOException;
}
