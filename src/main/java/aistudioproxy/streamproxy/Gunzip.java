package aistudioproxy.streamproxy;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Incremental gzip decoding (RFC 1952) for bytes that arrive in pieces: parses the header, then
 * inflates whatever the sender has flushed so far. {@link #close()} frees the native inflater.
 */
final class Gunzip implements AutoCloseable {
    private final Inflater inflater = new Inflater(true);
    private final ByteArrayOutputStream header = new ByteArrayOutputStream();
    private final byte[] out = new byte[16384];
    private boolean headerDone;
    private boolean finished;

    /** Feeds compressed bytes; returns what could be decompressed now (possibly empty). */
    byte[] feed(byte[] b, int off, int len) throws DataFormatException {
        if (finished) return new byte[0];
        if (!headerDone) {
            header.write(b, off, len);
            byte[] h = header.toByteArray();
            int end = headerEnd(h);
            if (end < 0) return new byte[0];
            headerDone = true;
            b = h;
            off = end;
            len = h.length - end;
        }
        inflater.setInput(b, off, len);
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        while (true) {
            int n = inflater.inflate(out);
            if (n > 0) result.write(out, 0, n);
            if (inflater.finished()) {
                finished = true;
                break;
            }
            if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) break;
        }
        return result.toByteArray();
    }

    /** Index where the deflate data starts, or -1 if the header is not complete yet. */
    private static int headerEnd(byte[] h) throws DataFormatException {
        if (h.length < 10) return -1;
        if ((h[0] & 0xFF) != 0x1f || (h[1] & 0xFF) != 0x8b || h[2] != 8) throw new DataFormatException("not gzip data");
        int flags = h[3];
        int pos = 10;
        if ((flags & 4) != 0) {
            if (h.length < pos + 2) return -1;
            pos += 2 + ((h[pos] & 0xFF) | (h[pos + 1] & 0xFF) << 8);
        }
        for (int bit : new int[] {8, 16}) {
            if ((flags & bit) != 0) {
                while (pos < h.length && h[pos] != 0) pos++;
                if (pos >= h.length) return -1;
                pos++;
            }
        }
        if ((flags & 2) != 0) pos += 2;
        return pos <= h.length ? pos : -1;
    }

    @Override
    public void close() {
        inflater.end();
    }
}
