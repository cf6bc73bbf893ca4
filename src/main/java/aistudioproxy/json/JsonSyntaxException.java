package aistudioproxy.json;

/** Input is not valid JSON, or nests deeper than allowed; the message says where. */
public final class JsonSyntaxException extends Exception {
    public JsonSyntaxException(String message) {
        super(message);
    }
}
