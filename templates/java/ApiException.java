{% include "java/head.java" %}
/**
 * A call that did not succeed: a non-2xx status, an error event in a stream, a
 * body that is not the expected JSON, or no (complete) response at all: a
 * network failure or a timeout (status 0).
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String body;
    private final transient {{ status_type }} responseStatus;
    private final String requestId;
    private final boolean timeout;

    /** An error with the HTTP status, the raw body and the server's error details. */
    public ApiException(String message, int status, String body,
            {{ status_type }} responseStatus, Throwable cause) {
        this(message, status, body, responseStatus, null, false, cause);
    }

    /**
     * An error with the HTTP status, the raw body, the server's error details,
     * the server's request id and whether the call timed out.
     */
    public ApiException(String message, int status, String body,
            {{ status_type }} responseStatus, String requestId, boolean timeout, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.body = body;
        this.responseStatus = responseStatus;
        this.requestId = requestId;
        this.timeout = timeout;
    }

    /** The HTTP status, or 0 when no (complete) response arrived. */
    public int getStatus() {
        return status;
    }

    /** The response body (or the error event's data) as text, or null when none arrived. */
    public String getBody() {
        return body;
    }

    /** The error details the server sent, or null when it sent none. */
    public {{ status_type }} getResponseStatus() {
        return responseStatus;
    }

    /** The server's request id (the {@code {{ request_id_header }}} header), or null. */
    public String getRequestId() {
        return requestId;
    }

    /** Whether the call took longer than the client's timeout. */
    public boolean isTimeout() {
        return timeout;
    }
}
