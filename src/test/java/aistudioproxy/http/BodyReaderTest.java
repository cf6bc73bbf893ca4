package aistudioproxy.http;

import aistudioproxy.httpserver.MalformedRequestException;
import aistudioproxy.chat.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A body that stops coming is a 408, broken framing a 400: the client's fault, never a 500. */
class BodyReaderTest {
    /** Gives {@code first} bytes, then fails as the connection would. */
    private static InputStream failingAfter(int first, IOException failure) {
        return new InputStream() {
            int left = first;

            @Override
            public int read() throws IOException {
                if (left-- > 0) return 'a';
                throw failure;
            }
        };
    }

    @Test
    void aStalledBodyIsA408() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> BodyReader.read(failingAfter(3, new SocketTimeoutException("Read timed out")), "100", 1 << 20));
        assertEquals(408, e.error().status());
        assertEquals("request_timeout", e.error().code());
    }

    @Test
    void brokenFramingIsA400() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> BodyReader.read(failingAfter(0, new MalformedRequestException(400, "Malformed chunked body: bad chunk size line.")), null, 1 << 20));
        assertEquals(400, e.error().status());
        assertEquals("Malformed chunked body: bad chunk size line.", e.error().message());
    }
}
