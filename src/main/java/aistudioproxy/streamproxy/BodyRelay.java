package aistudioproxy.streamproxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies one HTTP message body from {@code in} to {@code out} unchanged, and hands the de-chunked
 * payload to a tap. Framing: chunked, Content-Length, or until the peer closes.
 *
 * <p>Flushes whenever {@code in} has nothing more ready, so a streamed answer is never held back
 * waiting for the network, yet a chunk's size line, data and CRLF that arrived together leave in
 * one write (one TLS record to the browser, not two).
 */
final class BodyRelay {
    /** Sees the payload bytes (chunk framing removed) as they pass. */
    interface Tap {
        void bytes(byte[] b, int off, int len);

        Tap NONE = (b, off, len) -> {};
    }

    private BodyRelay() {}

    /** Returns true when the body ended by its framing (the connection may be reused). */
    static boolean relay(HttpHead head, boolean hasBody, InputStream in, OutputStream out, Tap tap) throws IOException {
        if (!hasBody) return true;
        byte[] buf = new byte[16384];
        if (head.chunked()) {
            while (true) {
                String sizeLine = line(in);
                out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                int semi = sizeLine.indexOf(';');
                long size;
                try {
                    size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size line");
                }
                if (size == 0) {
                    for (String trailer; !(trailer = line(in)).isEmpty(); ) out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    return true;
                }
                copy(in, out, size, buf, tap, true);
            }
        }
        long length = head.contentLength();
        if (length >= 0) {
            copy(in, out, length, buf, tap, false);
            out.flush();
            return true;
        }
        for (int n; (n = in.read(buf)) > 0; ) {
            out.write(buf, 0, n);
            out.flush();
            tap.bytes(buf, 0, n);
        }
        return false;
    }

    /**
     * A chunk up to this size reaches the tap whole, once all of it has arrived (the tap sees what
     * the sender framed, never a fragment of a chunk cut off by a dropped connection); a larger
     * one is tapped as it streams, so memory stays bounded.
     */
    static final int WHOLE_CHUNK_TAP = 64 * 1024;

    /**
     * Copies {@code count} bytes, then (for a chunk) its closing CRLF. The flush comes before the tap
     * sees a piece, so parsing never delays bytes the browser could already have; the tap has a
     * chunk's data before its CRLF is read.
     */
    private static void copy(InputStream in, OutputStream out, long count, byte[] buf, Tap tap, boolean chunkEnd) throws IOException {
        long left = count;
        byte[] whole = chunkEnd && count <= WHOLE_CHUNK_TAP ? new byte[(int) count] : null;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) throw new IOException("connection closed inside a message body");
            out.write(buf, 0, n);
            if (whole != null) System.arraycopy(buf, 0, whole, (int) (count - left), n);
            left -= n;
            if (in.available() == 0) out.flush(); // nothing more ready: the data does not wait for the rest
            if (whole == null) tap.bytes(buf, 0, n);
        }
        if (!chunkEnd) return;
        if (whole != null) tap.bytes(whole, 0, whole.length);
        if (!line(in).isEmpty()) throw new IOException("missing CRLF after chunk");
        out.write('\r');
        out.write('\n');
        if (in.available() == 0) out.flush();
    }

    /** Reads a CRLF-terminated line (at most 8 KiB). */
    static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) throw new IOException("connection closed inside chunk framing");
            if (c == '\n') {
                int len = s.length();
                if (len > 0 && s.charAt(len - 1) == '\r') s.setLength(len - 1);
                return s.toString();
            }
            if (s.length() > 8192) throw new IOException("chunk framing line too long");
            s.append((char) c);
        }
    }
}
