package aistudioproxy.page;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What one run of the page gets: system instruction (may be empty), prompt text, attached files. */
record PagePrompt(String systemInstruction, String text, List<Attachment> attachments) {
    /** The file a conversation too long for the prompt box goes in as. */
    static final String CONVERSATION_FILE = "conversation.txt";
    /** What the prompt box says instead when the conversation is in {@link #CONVERSATION_FILE}. */
    static final String FILE_INSTRUCTION = "The whole conversation is in the attached file " + CONVERSATION_FILE
            + ". Read all of it, then reply to its last message as its instructions say. Reply with the reply only.";

    PagePrompt {
        attachments = List.copyOf(attachments);
    }

    /**
     * The prompt for a page without a system-instructions control: the instruction leads the
     * prompt text under a heading, as the public drivers of the live page send it.
     */
    PagePrompt withSystemInstructionInText() {
        if (systemInstruction.isEmpty()) return this;
        return new PagePrompt("", "System instructions:\n" + systemInstruction + PromptFormatter.SEPARATOR + text, attachments);
    }

    /**
     * The prompt with its text moved into an attached text file ({@link #CONVERSATION_FILE}, after
     * the other attachments) and a short instruction in the prompt box: the way in for a
     * conversation longer than the box takes. The system instruction stays where it was.
     */
    PagePrompt withTextAsFile() {
        List<Attachment> all = new ArrayList<>(attachments);
        all.add(new Attachment(CONVERSATION_FILE, "text/plain", text.getBytes(StandardCharsets.UTF_8)));
        return new PagePrompt(systemInstruction, FILE_INSTRUCTION, all);
    }

    /** A file to attach (an image fetched or decoded, or the conversation as text). */
    record Attachment(String name, String mimeType, byte[] bytes) {}
}
