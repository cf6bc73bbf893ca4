package aistudioproxy.page;

import aistudioproxy.openai.ContentPart;
import aistudioproxy.openai.Message;
import aistudioproxy.openai.Role;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Turns the {@code image_url} parts of user messages into bytes to attach: {@code data:} URLs
 * are decoded, http(s) URLs fetched (bounded in time and size). Runs on the job's runner thread,
 * never the Playwright owner.
 */
final class ImageLoader {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private final long maxBytes;

    ImageLoader(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    List<PagePrompt.Image> load(List<Message> messages) throws PageException, InterruptedException {
        List<PagePrompt.Image> out = new ArrayList<>();
        for (Message m : messages) {
            if (m.role() != Role.USER) continue;
            for (ContentPart.Image img : m.images()) out.add(load(img, out.size() + 1));
        }
        return out;
    }

    private PagePrompt.Image load(ContentPart.Image img, int n) throws PageException, InterruptedException {
        if (img.isDataUrl()) {
            String url = img.url();
            int comma = url.indexOf(',');
            String mime = url.substring(5, url.indexOf(';'));
            try {
                return new PagePrompt.Image("image-" + n + extension(mime), mime, Base64.getMimeDecoder().decode(url.substring(comma + 1)));
            } catch (IllegalArgumentException e) {
                throw new PageException(PageException.Kind.UPSTREAM, "image " + n + " is not valid base64");
            }
        }
        try {
            HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(img.url())).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) throw new PageException(PageException.Kind.UPSTREAM, "image " + n + ": HTTP " + r.statusCode() + " from " + img.url());
            if (r.body().length > maxBytes) throw new PageException(PageException.Kind.UPSTREAM, "image " + n + " is larger than MAX_BODY_BYTES");
            String mime = r.headers().firstValue("Content-Type").orElse("image/png").split(";")[0].strip();
            return new PagePrompt.Image("image-" + n + extension(mime), mime, r.body());
        } catch (IOException | IllegalArgumentException e) {
            throw new PageException(PageException.Kind.UPSTREAM, "image " + n + " could not be fetched: " + e.getMessage());
        }
    }

    private static String extension(String mime) {
        return switch (mime) {
            case "image/jpeg" -> ".jpg";
            case "image/gif" -> ".gif";
            case "image/webp" -> ".webp";
            default -> ".png";
        };
    }
}
