package aistudioproxy.httpserver;

import java.io.IOException;
import java.io.InputStream;

/**
 * A chunked request body, de-chunked; trailers are read and dropped. Framing lines are bounded;
 * broken framing is a {@link MalformedRequestException} (400).
 */
final class ChunkedInput extends BodyInput {
    private static final int MAX_FRAMING_LINE = 4096;

    private final InputStream in;
    private long chunkLeft;
    private boolean finished;

    ChunkedInput(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (finished) return -1;
        if (len == 0) return 0;
        if (chunkLeft == 0) {
            chunkLeft = nextChunkSize();
            if (chunkLeft == 0) {
                while (!line().isEmpty()) {
                    // trailer field: dropped
                }
                finished = true;
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, chunkLeft));
        if (n < 0) throw new IOException("connection closed inside a chunk");
        chunkLeft -= n;
        if (chunkLeft == 0 && !line().isEmpty()) throw new MalformedRequestException(400, "Malformed chunked body: missing CRLF after a chunk.");
        return n;
    }

    @Override
    boolean finished() {
        return finished;
    }

    private long nextChunkSize() throws IOException {
        String size = line();
        int semi = size.indexOf(';');
        try {
            long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new MalformedRequestException(400, "Malformed chunked body: bad chunk size line.");
        }
    }

    private String line() throws IOException {
        StringBuilder s = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) throw new IOException("connection closed inside chunk framing");
            if (s.length() >= MAX_FRAMING_LINE) throw new MalformedRequestException(400, "Malformed chunked body: framing line too long.");
            s.append((char) c);
        }
        int len = s.length();
        if (len > 0 && s.charAt(len - 1) == '\r') s.setLength(len - 1);
        return s.toString();
    }
}
