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
 * and costs at worst one spurious cancellation. A client that closed with data of ours unread
 * (a streaming client, usually) resets the connection instead: it is then no longer in the
 * table at all, which counts as gone for a link older than the table read. Elsewhere (no /proc)
 * it answers "open" and streaming clients are still noticed by their failing keep-alive writes.
 */
final class ClientProbe {
    private static final String CLOSE_WAIT = "08";
    private static final String CLOSE = "07";
    private static final Path[] TABLES = {Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6")};

    private final long refreshNanos;
    private final ReentrantLock lock = new ReentrantLock();
    /** One read of the tables: connections the client closed, connections present, whether every table was read. */
    private record Table(Set<Long> closed, Set<Long> present, boolean complete, long readAt) {}

    private static final Table NOT_READ = new Table(Set.of(), Set.of(), false, 0);
    private volatile Table table = NOT_READ;
    private final boolean available;

    ClientProbe(long refreshNanos) {
        this.refreshNanos = refreshNanos;
        this.available = Files.isReadable(TABLES[0]);
    }

    /**
     * True when the connection from {@code remotePort} to our {@code localPort}, open since
     * {@code openedNanos} (System.nanoTime), was closed or reset by the client.
     */
    boolean closedByClient(int localPort, int remotePort, long openedNanos) {
        if (!available) return false;
        Table t = table;
        if ((t == NOT_READ || System.nanoTime() - t.readAt() > refreshNanos) && lock.tryLock()) {
            try {
                t = table = readTable();
            } finally {
                lock.unlock();
            }
        }
        long key = key(localPort, remotePort);
        if (t.closed().contains(key)) return true;
        return t != NOT_READ && t.complete() && t.readAt() - openedNanos > 0 && !t.present().contains(key);
    }

    private static long key(int localPort, int remotePort) {
        return ((long) localPort << 16) | remotePort;
    }

    private static Table readTable() {
        long at = System.nanoTime();
        Set<Long> closed = new HashSet<>(), present = new HashSet<>();
        boolean complete = true;
        for (Path table : TABLES) {
            try (BufferedReader r = Files.newBufferedReader(table, StandardCharsets.US_ASCII)) {
                r.readLine();
                for (String line; (line = r.readLine()) != null; ) {
                    String[] f = line.trim().split("\\s+", 5);
                    if (f.length < 4) continue;
                    long key = key(port(f[1]), port(f[2]));
                    present.add(key);
                    if (f[3].equals(CLOSE_WAIT) || f[3].equals(CLOSE)) closed.add(key);
                }
            } catch (IOException | RuntimeException e) {
                // Table unreadable right now: report nothing closed rather than guess.
                complete = false;
            }
        }
        return new Table(closed, present, complete, at);
    }

    private static int port(String hexAddress) {
        return Integer.parseInt(hexAddress.substring(hexAddress.indexOf(':') + 1), 16);
    }
}
