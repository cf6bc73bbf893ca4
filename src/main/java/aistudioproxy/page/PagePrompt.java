package aistudioproxy.page;

import java.util.List;

/** What one run of the page gets: system instruction (may be empty), prompt text, images. */
record PagePrompt(String systemInstruction, String text, List<Image> images) {
    PagePrompt {
        images = List.copyOf(images);
    }

    /**
     * The prompt for a page without a system-instructions control: the instruction leads the
     * prompt text under a heading, as the public drivers of the live page send it.
     */
    PagePrompt withSystemInstructionInText() {
        if (systemInstruction.isEmpty()) return this;
        return new PagePrompt("", "System instructions:\n" + systemInstruction + PromptFormatter.SEPARATOR + text, images);
    }

    /** An image to attach, already fetched/decoded. */
    record Image(String name, String mimeType, byte[] bytes) {}
}
