package aistudioproxy.chat;

/** A client request that cannot be served as sent; carries the error to answer with. */
public final class InvalidRequestException extends Exception {
    private final ApiError error;

    public InvalidRequestException(ApiError error) {
        super(error.message());
        this.error = error;
    }

    public static InvalidRequestException of(String param, String message) {
        return new InvalidRequestException(ApiError.invalidRequest(message, param));
    }

    public ApiError error() {
        return error;
    }
}
