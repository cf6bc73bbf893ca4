package aistudioproxy.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server as its own process, for tests of what happens at the process level (start-up,
 * signals): started, its output read up to the line saying where it listens, then drained.
 * {@link #close()} ends it and everything it started.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening url=http://127\\.0\\.0\\.1:(\\d+)");

    public final Process process;
    private final int port;
    private final String startOutput;

    private ServerProcess(Process process, int port, String startOutput) {
        this.process = process;
        this.port = port;
        this.startOutput = startOutput;
    }

    /** The server started by {@code pb} (its stderr joined to stdout); fails when it ends before it listens. */
    public static ServerProcess start(ProcessBuilder pb) throws IOException {
        Process p = pb.redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        int port = -1;
        for (String line; port < 0 && (line = out.readLine()) != null; ) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) port = Integer.parseInt(m.group(1));
        }
        if (port < 0) {
            p.destroyForcibly();
            throw new AssertionError("the server ended before it listened:\n" + seen);
        }
        Thread.ofVirtual().start(() -> out.lines().forEach(l -> { })); // keep its output flowing
        return new ServerProcess(p, port, seen.toString());
    }

    /** The server on the test's own classpath: {@code Main} with {@code args}. */
    public static ProcessBuilder onTestClasspath(String... args) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "aistudioproxy.app.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    /** What it printed up to and including the listening line. */
    public String startOutput() {
        return startOutput;
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.toHandle().descendants().toList();
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
