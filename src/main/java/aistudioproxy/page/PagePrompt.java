package aistudioproxy.page;

import java.util.List;

/** What one run of the page gets: system instruction (may be empty), prompt text, images. */
record PagePrompt(String systemInstruction, String text, List<Image> images) {
    PagePrompt {
        images = List.copyOf(images);
    }

    /** An image to attach, already fetched/decoded. */
    record Image(String name, String mimeType, byte[] bytes) {}
}
