package aistudioproxy.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Notices clients that hung up while their request waits, without writing to them.
 * {@code com.sun.net.httpserver} gives no access to the socket, so on Linux this reads the
 * kernel's TCP table: a connection the client closed sits in CLOSE_WAIT. One table read is
 * shared by all callers for {@code refreshNanos}. Connections are told apart by (local port,
 * remote port): two clients from different addresses sharing a source port is possible but rare,
 * and costs at worst one spurious cancellation. Elsewhere (no /proc) it answers "open" and
 * streaming clients are still noticed by their failing keep-alive writes.
 */
final class ClientProbe {
    private static final String CLOSE_WAIT = "08";
    private static final Path[] TABLES = {Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6")};

    private final long refreshNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Set<Long> closeWait = Set.of();
    private volatile long readAt;
    private final boolean available;

    ClientProbe(long refreshNanos) {
        this.refreshNanos = refreshNanos;
        this.available = Files.isReadable(TABLES[0]);
    }

    /** True when the connection from {@code remotePort} to our {@code localPort} was closed by the client. */
    boolean closedByClient(int localPort, int remotePort) {
        if (!available) return false;
        long now = System.nanoTime();
        if (now - readAt > refreshNanos && lock.tryLock()) {
            try {
                closeWait = readTable();
                readAt = System.nanoTime();
            } finally {
                lock.unlock();
            }
        }
        return closeWait.contains(key(localPort, remotePort));
    }

    private static long key(int localPort, int remotePort) {
        return ((long) localPort << 16) | remotePort;
    }

    private static Set<Long> readTable() {
        Set<Long> out = new HashSet<>();
        for (Path table : TABLES) {
            try (BufferedReader r = Files.newBufferedReader(table, StandardCharsets.US_ASCII)) {
                r.readLine();
                for (String line; (line = r.readLine()) != null; ) {
                    String[] f = line.trim().split("\\s+", 5);
                    if (f.length < 4 || !f[3].equals(CLOSE_WAIT)) continue;
                    out.add(key(port(f[1]), port(f[2])));
                }
            } catch (IOException | RuntimeException e) {
                // Table unreadable right now: report nothing closed rather than guess.
            }
        }
        return out;
    }

    private static int port(String hexAddress) {
        return Integer.parseInt(hexAddress.substring(hexAddress.indexOf(':') + 1), 16);
    }
}
