package aistudioproxy.streamproxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** Copies bytes both ways between two sockets until both directions end; closes both. */
final class Tunnel {
    private Tunnel() {}

    static void pipe(Socket client, InputStream clientIn, Socket upstream) throws IOException {
        try (upstream) {
            Thread up = Thread.ofPlatform().name("tunnel-up").daemon(true).start(() -> copy(clientIn, output(upstream), upstream));
            copy(upstream.getInputStream(), client.getOutputStream(), client);
            try {
                up.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static OutputStream output(Socket s) {
        try {
            return s.getOutputStream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Copies until EOF, then half-closes the destination so the other side sees the end. */
    private static void copy(InputStream in, OutputStream out, Socket dest) {
        byte[] buf = new byte[16384];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
            dest.shutdownOutput();
        } catch (IOException e) {
            try {
                dest.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
    }
}
