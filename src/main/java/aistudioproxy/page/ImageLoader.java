package aistudioproxy.page;

import aistudioproxy.chat.ContentPart;
import aistudioproxy.chat.Message;
import aistudioproxy.chat.Role;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Turns the {@code image_url} parts of user messages into bytes to attach: {@code data:} URLs
 * are decoded, http(s) URLs fetched ({@link ImageFetcher}: internal addresses refused, bounded in
 * time and size). An image that cannot be had is a {@link PageException.Kind#BAD_INPUT}. Runs on
 * the job's runner thread, never the Playwright owner.
 */
final class ImageLoader {
    private final ImageLimits limits;
    private final ImageFetcher fetcher;

    ImageLoader(ImageLimits limits) {
        this.limits = limits;
        this.fetcher = new ImageFetcher(limits);
    }

    List<PagePrompt.Attachment> load(List<Message> messages) throws PageException, InterruptedException {
        List<PagePrompt.Attachment> out = new ArrayList<>();
        for (Message m : messages) {
            if (m.role() != Role.USER) continue;
            for (ContentPart.Image img : m.images()) out.add(load(img, out.size() + 1));
        }
        return out;
    }

    private PagePrompt.Attachment load(ContentPart.Image img, int n) throws PageException, InterruptedException {
        if (img.isDataUrl()) {
            // The request parser admits only data:image/<type>;base64,<data>.
            String url = img.url();
            int comma = url.indexOf(',');
            int semicolon = url.indexOf(';');
            if (comma < 0 || semicolon < 0 || semicolon > comma) throw ImageFetcher.bad(n, "is not a data:image/<type>;base64,<data> URL");
            String mime = url.substring(5, semicolon);
            if ((url.length() - comma - 1L) / 4 * 3 > limits.maxBytes() + 3) { // too big without decoding it
                throw ImageFetcher.bad(n, "is larger than MAX_IMAGE_BYTES (" + limits.maxBytes() + " bytes)");
            }
            byte[] bytes;
            try {
                // Line breaks are allowed (MIME style); anything else outside the alphabet is an error.
                bytes = Base64.getDecoder().decode(url.substring(comma + 1).replaceAll("[\\r\\n\\t ]", ""));
            } catch (IllegalArgumentException e) {
                throw ImageFetcher.bad(n, "is not valid base64");
            }
            if (bytes.length > limits.maxBytes()) throw ImageFetcher.bad(n, "is larger than MAX_IMAGE_BYTES (" + limits.maxBytes() + " bytes)");
            return new PagePrompt.Attachment("image-" + n + extension(mime), mime, bytes);
        }
        URI uri;
        try {
            uri = URI.create(img.url());
        } catch (IllegalArgumentException e) {
            throw ImageFetcher.bad(n, "URL is malformed: " + e.getMessage());
        }
        ImageFetcher.Fetched f = fetcher.fetch(uri, n);
        return new PagePrompt.Attachment("image-" + n + extension(f.mimeType()), f.mimeType(), f.bytes());
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
