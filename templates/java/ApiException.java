{% include "java/head.java" %}
/**
 * A call that did not succeed: a non-2xx status, a body that is not the expected
 * JSON, or no response at all (status 0).
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String body;
    private final transient {{ status_type }} responseStatus;

    /** An error with the HTTP status, the raw body and the server's error details. */
    public ApiException(String message, int status, String body,
            {{ status_type }} responseStatus, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.body = body;
        this.responseStatus = responseStatus;
    }

    /** The HTTP status, or 0 when no response arrived. */
    public int getStatus() {
        return status;
    }

    /** The response body as text, or null when no response arrived. */
    public String getBody() {
        return body;
    }

    /** The error details the server sent, or null when it sent none. */
    public {{ status_type }} getResponseStatus() {
        return responseStatus;
    }
}
