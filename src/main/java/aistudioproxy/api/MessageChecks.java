package aistudioproxy.api;

import aistudioproxy.chat.ContentPart;
import aistudioproxy.chat.InvalidRequestException;
import aistudioproxy.chat.Message;
import aistudioproxy.chat.RequestLimits;
import aistudioproxy.chat.Role;
import aistudioproxy.chat.ToolCall;

import java.util.List;

/**
 * The checks every API's conversation passes, whatever its shape: the size limits (each breach a
 * 400 naming its setting), image URLs of a kind the page can load, and something to answer.
 * {@code param} is the API's name for the conversation field ({@code messages}, {@code input},
 * {@code contents}).
 */
public final class MessageChecks {
    private MessageChecks() {}

    /** Refuses more messages than MAX_MESSAGES before they are parsed. */
    public static void count(int messages, RequestLimits limits, String param) throws InvalidRequestException {
        if (messages > limits.maxMessages()) {
            throw InvalidRequestException.of(param, "'" + param + "' has " + messages + " messages; this server takes at most "
                    + limits.maxMessages() + " (MAX_MESSAGES).");
        }
    }

    public static List<Message> check(List<Message> messages, RequestLimits limits, String param) throws InvalidRequestException {
        count(messages.size(), limits, param);
        long chars = 0;
        int images = 0;
        for (Message m : messages) {
            for (ContentPart p : m.parts()) {
                if (p instanceof ContentPart.Text t) chars += t.text().length();
                else images++;
            }
            for (ToolCall c : m.toolCalls()) chars += c.name().length() + c.argumentsJson().length();
        }
        if (chars > limits.maxPromptChars()) {
            throw InvalidRequestException.of(param, "The " + param + " hold more than " + limits.maxPromptChars()
                    + " characters of text (MAX_PROMPT_CHARS).");
        }
        if (images > limits.maxImages()) {
            throw InvalidRequestException.of(param, "The " + param + " hold more than " + limits.maxImages() + " images (MAX_IMAGES).");
        }
        if (messages.stream().allMatch(m -> m.role() == Role.SYSTEM)) {
            throw InvalidRequestException.of(param, "'" + param + "' must contain at least one non-system message.");
        }
        return messages;
    }

    /** An image the page can load: a {@code data:image/...;base64,} URL or an http(s) URL. */
    public static ContentPart.Image image(String url, String param) throws InvalidRequestException {
        if (url.startsWith("data:")) {
            if (!url.matches("(?s)data:image/[A-Za-z0-9.+-]+;base64,.+")) {
                throw InvalidRequestException.of(param, "Data URLs must look like data:image/<type>;base64,<data>.");
            }
        } else if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw InvalidRequestException.of(param, "Image URLs must be data:, http: or https: URLs.");
        }
        return new ContentPart.Image(url);
    }

    /** A base64 image as the page takes it; {@code mediaType} must be an image type. */
    public static ContentPart.Image base64Image(String mediaType, String data, String param) throws InvalidRequestException {
        if (!mediaType.matches("image/[A-Za-z0-9.+-]+")) {
            throw InvalidRequestException.of(param, "Only images are accepted, got media type '" + mediaType + "'.");
        }
        if (data.isEmpty()) throw InvalidRequestException.of(param, "The image data is empty.");
        return new ContentPart.Image("data:" + mediaType + ";base64," + data);
    }

    /** A tool choice's function, which must be among the request's tools. */
    public static String declaredTool(String name, java.util.List<aistudioproxy.chat.ToolSpec> tools, String param) throws InvalidRequestException {
        if (tools.stream().noneMatch(t -> t.name().equals(name))) {
            throw InvalidRequestException.of(param, "'" + name + "' is not among the declared tools.");
        }
        return name;
    }

    /** Function names as AI Studio's declarations take them. */
    public static String functionName(String name, String param) throws InvalidRequestException {
        if (!name.matches("[A-Za-z0-9_.:-]{1,64}")) {
            throw InvalidRequestException.of(param, "Function names are 1-64 characters of letters, digits, _ . : -");
        }
        return name;
    }
}
