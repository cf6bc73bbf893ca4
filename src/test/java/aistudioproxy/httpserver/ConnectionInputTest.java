package aistudioproxy.httpserver;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The connection input keeps a buffer only while it holds unread bytes, and loses none of them. */
class ConnectionInputTest {
    @Test
    void theBufferGoesOnceItsBytesAreRead() throws IOException {
        ConnectionInput in = new ConnectionInput(new ByteArrayInputStream("GET / HTTP/1.1\r\nHost: t\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII)));
        RequestHead head = RequestHead.read(in);
        assertEquals("GET", head.method());
        assertTrue(in.holdsBuffer(), "the body's bytes arrived with the head and are kept");
        byte[] body = new byte[4];
        assertEquals(4, in.read(body, 0, 4));
        assertArrayEquals("body".getBytes(StandardCharsets.US_ASCII), body);
        assertFalse(in.holdsBuffer(), "nothing left unread, so no buffer");
        assertEquals(-1, in.read());
    }

    @Test
    void largeReadsBypassTheBufferAndSmallOnesSeeEveryByte() throws IOException {
        byte[] data = new byte[10_000];
        for (int i = 0; i < data.length; i++) data[i] = (byte) i;
        ConnectionInput in = new ConnectionInput(new ByteArrayInputStream(data));
        byte[] got = new byte[data.length];
        got[0] = (byte) in.read();
        int n = 1;
        while (n < 3000) n += in.read(got, n, 7); // small reads through the buffer
        while (n < data.length) n += in.read(got, n, data.length - n); // large reads
        assertArrayEquals(data, got);
        assertFalse(in.holdsBuffer());
    }
}
