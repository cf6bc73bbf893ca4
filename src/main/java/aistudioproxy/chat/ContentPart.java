package aistudioproxy.chat;

/** One part of a message's content. */
public sealed interface ContentPart {
    record Text(String text) implements ContentPart {}

    /** An image by URL: either {@code data:image/...;base64,...} or http(s). */
    record Image(String url) implements ContentPart {
        public boolean isDataUrl() {
            return url.startsWith("data:");
        }
    }
}
