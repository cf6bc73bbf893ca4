package aistudioproxy.streamproxy;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes a request on to the origin and keeps a copy of what it wrote, up to {@code limit} bytes,
 * so the request can be sent again on a new link if the old one turns out to be closed. A request
 * larger than the limit is not kept (and cannot be sent again): prompts are small, images are
 * what makes a request large, and the small proxy heap should not hold them.
 */
final class RequestCopy extends FilterOutputStream {
    /** Enough for any text prompt with its settings; the proxy's heap is capped at 24 MB. */
    static final int LIMIT = 256 * 1024;

    private final int limit;
    private ByteArrayOutputStream copy = new ByteArrayOutputStream();

    /** {@code limit} 0: keep nothing (the link is new, a resend would not help). */
    RequestCopy(OutputStream out, int limit) {
        super(out);
        this.limit = limit;
        if (limit == 0) copy = null;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        keep(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        keep(b, off, len);
    }

    private void keep(byte[] b, int off, int len) {
        if (copy == null) return;
        if (copy.size() + len > limit) copy = null;
        else copy.write(b, off, len);
    }

    /** True when everything written was kept. */
    boolean complete() {
        return copy != null;
    }

    /** What was written (only when {@link #complete()}). */
    byte[] bytes() {
        return copy == null ? new byte[0] : copy.toByteArray();
    }
}
