package aistudioproxy.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The web console's files, served from the jar ({@code /console/…} on the classpath): plain HTML,
 * CSS and JavaScript, no build step. They hold no data, so they are served without a key; what
 * they show comes from the API, which asks for one.
 */
final class ConsoleFiles {
    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/console.css", new String[] {"console.css", "text/css; charset=utf-8"},
            "/console.js", new String[] {"console.js", "text/javascript; charset=utf-8"});

    private ConsoleFiles() {}

    static boolean serves(String path) {
        return FILES.containsKey(path);
    }

    static void serve(ApiExchange ex, String path) throws IOException {
        String[] f = FILES.get(path);
        byte[] body;
        try (InputStream in = ConsoleFiles.class.getResourceAsStream("/console/" + f[0])) {
            if (in == null) throw new IOException("console file missing from the jar: " + f[0]);
            body = in.readAllBytes();
        }
        ex.setHeader("Content-Type", f[1]);
        ex.setHeader("Cache-Control", "no-cache");
        ex.setHeader("Content-Security-Policy", "default-src 'self'; style-src 'self'; script-src 'self'; connect-src 'self'");
        ex.setHeader("X-Content-Type-Options", "nosniff");
        ex.send(200, body.length);
        try (OutputStream out = ex.raw().getResponseBody()) {
            out.write(body);
        }
    }
}
