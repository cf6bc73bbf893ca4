package aistudioproxy.streamproxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies one HTTP message body from {@code in} to {@code out} unchanged, flushing as bytes arrive
 * (so streamed answers are not held back), and hands the de-chunked payload to a tap. Framing:
 * chunked, Content-Length, or until the peer closes.
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
                copy(in, out, size, buf, tap);
                if (!line(in).isEmpty()) throw new IOException("missing CRLF after chunk");
                out.write('\r');
                out.write('\n');
                out.flush();
            }
        }
        long length = head.contentLength();
        if (length >= 0) {
            copy(in, out, length, buf, tap);
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

    private static void copy(InputStream in, OutputStream out, long count, byte[] buf, Tap tap) throws IOException {
        long left = count;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) throw new IOException("connection closed inside a message body");
            out.write(buf, 0, n);
            out.flush();
            tap.bytes(buf, 0, n);
            left -= n;
        }
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
