package aistudioproxy.streamproxy;

import aistudioproxy.json.JsonValue;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;

/**
 * Watches one GenerateContent exchange on its way through the proxy and publishes what it says:
 * {@code start} as soon as the browser's request arrives (so a generation is known by when the
 * page asked for it, not by when an answer came back), then {@code text}/{@code reasoning}/
 * {@code tool_call} as parts of the response complete, then {@code done} or {@code error} (one
 * of them, exactly once). Bytes pass through gunzip (when the response is gzip-encoded) and an
 * incremental UTF-8 decoder into {@link GenerateContentParser}. Runs on the connection's thread;
 * the relay itself never waits for it.
 *
 * <pre>
 *   new ─▶ start ─┬─ response(2xx) ─▶ bytes… ─▶ end(true) ─▶ done (or error: malformed)
 *                 ├─ response(other) ─▶ error (status)
 *                 └─ end(false) anywhere ─▶ error (no response / cut off)
 * </pre>
 */
final class ResponseTap implements BodyRelay.Tap, GenerateContentParser.Listener, AutoCloseable {
    /** A single text part this large is already abnormal; bounded so a hostile body cannot exhaust the small proxy heap. */
    static final int MAX_UNIT_CHARS = 1024 * 1024;

    private final EventHub hub;
    private final long gen;
    private Gunzip gunzip;
    private boolean responded;
    private boolean ended;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final GenerateContentParser parser = new GenerateContentParser(this, MAX_UNIT_CHARS);
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private final CharBuffer chars = CharBuffer.allocate(16384);
    private boolean failed;

    /** The browser's request has arrived: a new generation starts. */
    ResponseTap(EventHub hub, String browser) {
        this.hub = hub;
        this.gen = hub.newGeneration(browser);
        hub.publish(seq -> new ProxyEvent.Start(seq, gen, browser));
    }

    /** The response head: a non-2xx status is the generation's error. */
    void response(HttpHead response) {
        responded = true;
        String enc = response.header("Content-Encoding");
        this.gunzip = enc != null && enc.toLowerCase(java.util.Locale.ROOT).contains("gzip") ? new Gunzip() : null;
        if (response.status() < 200 || response.status() > 299) {
            failed = true;
            hub.publish(seq -> new ProxyEvent.Error(seq, gen, response.status(), "GenerateContent answered HTTP " + response.status()));
        }
    }

    @Override
    public void bytes(byte[] b, int off, int len) {
        if (failed || !responded) return;
        try {
            byte[] plain = gunzip == null ? null : gunzip.feed(b, off, len);
            decode(plain == null ? ByteBuffer.wrap(b, off, len) : ByteBuffer.wrap(plain));
        } catch (DataFormatException e) {
            error("undecodable gzip body: " + e.getMessage());
        }
    }

    private void decode(ByteBuffer in) {
        ByteBuffer src = in;
        if (pending.hasRemaining()) {
            src = ByteBuffer.allocate(pending.remaining() + in.remaining()).put(pending).put(in).flip();
        }
        while (true) {
            chars.clear();
            var result = utf8.decode(src, chars, false);
            chars.flip();
            if (chars.hasRemaining()) parser.feed(chars);
            if (!result.isOverflow()) break;
        }
        pending = src.hasRemaining() ? ByteBuffer.allocate(src.remaining()).put(src).flip() : ByteBuffer.allocate(0);
    }

    /** The body ended: {@code complete} false means the connection dropped before its end. */
    void end(boolean complete) {
        if (ended) return;
        ended = true;
        if (failed) return;
        if (!responded) {
            error("AI Studio did not answer the GenerateContent request");
            return;
        }
        parser.finish();
        if (failed) return;
        if (!complete) error("the GenerateContent response was cut off");
        else hub.publish(seq -> new ProxyEvent.Done(seq, gen));
    }

    @Override
    public void text(String text) {
        hub.publish(seq -> new ProxyEvent.Text(seq, gen, text));
    }

    @Override
    public void reasoning(String text) {
        hub.publish(seq -> new ProxyEvent.Reasoning(seq, gen, text));
    }

    @Override
    public void toolCall(String name, JsonValue.Obj args) {
        hub.publish(seq -> new ProxyEvent.ToolCall(seq, gen, name, args));
    }

    @Override
    public void error(String message) {
        if (failed) return;
        failed = true;
        hub.publish(seq -> new ProxyEvent.Error(seq, gen, 0, message));
    }

    @Override
    public void close() {
        if (gunzip != null) gunzip.close();
    }
}
