package aistudioproxy.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Test-side HTTP: java.net.http for ordinary calls, raw sockets to see exact bytes. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {}

    public static HttpResponse<String> post(String url, String body, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        b.header("Content-Type", "application/json");
        headers.forEach(b::header);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        return post(url, body, Map.of());
    }

    public static HttpResponse<String> get(String url, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(b::header);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return get(url, Map.of());
    }

    public static String chatBody(String prompt, boolean stream) {
        return "{\"model\":\"gemini-2.5-pro\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\""
                + prompt.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}]}";
    }

    /** Two functions for tool-calling tests: get_weather(city required, days), get_time(tz). */
    public static final String TOOLS = "[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Weather for a city\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},\"days\":{\"type\":\"integer\"}},\"required\":[\"city\"]}}},"
            + "{\"type\":\"function\",\"function\":{\"name\":\"get_time\",\"parameters\":{\"type\":\"object\",\"properties\":{\"tz\":{\"type\":\"string\"}}}}}]";

    /** A chat request with {@link #TOOLS}; {@code messages} is the JSON array, {@code extra} more fields (or ""). */
    public static String toolsBody(String messages, boolean stream, String extra) {
        return "{\"model\":\"gemini-2.5-flash\",\"reasoning_effort\":\"none\",\"stream\":" + stream + ",\"tools\":" + TOOLS
                + (extra.isEmpty() ? "" : "," + extra) + ",\"messages\":" + messages + "}";
    }

    /** A one-message conversation as a JSON array. */
    public static String userTurn(String text) {
        return "[{\"role\":\"user\",\"content\":\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}]";
    }

    /** Opens a raw connection and sends a POST; the caller reads or closes. */
    public static Socket rawPost(int port, String path, String body) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(30_000);
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = s.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.flush();
        return s;
    }

    private static final java.util.regex.Pattern CONTENT =
            java.util.regex.Pattern.compile("\"(?:delta|message)\":\\{[^}]*?\"content\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The answer text of a chat response, streamed (content deltas joined) or not; JSON escapes kept. */
    public static String contentOf(String body) {
        StringBuilder text = new StringBuilder();
        java.util.regex.Matcher m = CONTENT.matcher(body);
        while (m.find()) text.append(m.group(1));
        return text.toString();
    }

    /** Reads until the peer closes or {@code until} appears. */
    public static String readUntil(InputStream in, String until) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] b = new byte[4096];
        for (int n; (n = in.read(b)) > 0; ) {
            buf.write(b, 0, n);
            if (until != null && buf.toString(StandardCharsets.UTF_8).contains(until)) break;
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
