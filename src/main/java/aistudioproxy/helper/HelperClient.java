package aistudioproxy.helper;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Calls the Helper (SPEC §6): {@code GET <endpoint>} with {@code Cookie: SAPISID=<value>}; the
 * SAPISID goes to this endpoint and nowhere else. One {@link HttpClient} is reused.
 */
final class HelperClient {
    private final HelperSettings settings;
    private final HttpClient http;

    HelperClient(HelperSettings settings, javax.net.ssl.SSLContext tls) {
        this.settings = settings;
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.connectTimeout());
        if (tls != null) b.sslContext(tls);
        this.http = b.build();
    }

    /** Opens the stream; throws {@link HelperUnavailableException} on refusal, non-200 or timeout. */
    HelperStream open(String sapisid) throws HelperUnavailableException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(settings.endpoint())
                .timeout(settings.firstByteTimeout())
                .header("Cookie", "SAPISID=" + sapisid)
                .header("Accept", "text/event-stream")
                .GET().build();
        HttpResponse<InputStream> r;
        try {
            r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new HelperUnavailableException("the Helper did not answer within " + settings.firstByteTimeout().toMillis() + " ms");
        } catch (IOException e) {
            throw new HelperUnavailableException("cannot reach the Helper: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        if (r.statusCode() != 200) {
            try {
                r.body().close();
            } catch (IOException ignored) {
                // only closing
            }
            throw new HelperUnavailableException("the Helper answered HTTP " + r.statusCode());
        }
        return new HelperStream(r.body());
    }
}
