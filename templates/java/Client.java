{% include "java/head.java" %}
/**
 * A typed client: one method per operation, each sending its request as JSON
 * (GET and DELETE as query parameters), less the fields the operation sends in
 * its path, query string or headers, and decoding the response; streamed
 * operations also have a {@code ...{{ stream_suffix }}} method returning the events as a {@link java.util.stream.Stream}.
 *
 * <p>Every call is bounded by the client's timeout ({@link #DEFAULT_TIMEOUT} unless
 * {@link #withTimeout} says otherwise), whole answer included, and is retried up to
 * {@link #DEFAULT_MAX_RETRIES} times ({@link #withMaxRetries}; 0 turns retries off)
 * after a connection failure or a 408, 429 or 5xx status, with exponential backoff
 * and jitter, honouring the server's {@code retry-after-ms} and {@code Retry-After}.
 * A streamed call is retried only before its response (so before its first event).
 *
 * <p>Every method throws {@link ApiException} when the call fails (status 0 for a
 * network failure or a timeout, see {@link ApiException#isTimeout()}). Interrupting
 * the calling thread cancels the call: it throws {@link CancellationException} and
 * keeps the thread's interrupt flag set.
 */
{% if suppress_deprecation -%}
@SuppressWarnings("deprecation")
{% endif -%}
public final class {{ class_name }} {
    /** How long one call may take unless configured otherwise: LLM calls run for minutes. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds({{ policy.timeout_seconds }});
    /** Retries after the first attempt, unless configured otherwise. */
    public static final int DEFAULT_MAX_RETRIES = {{ policy.max_retries }};

    private static final long INITIAL_BACKOFF_MS = {{ policy.initial_backoff_ms }}L;
    private static final long MAX_BACKOFF_MS = {{ policy.max_backoff_ms }}L;
    private static final double JITTER = {{ policy.jitter }};
    private static final long MAX_RETRY_AFTER_MS = {{ policy.max_retry_after_ms }}L;
    private static final String STREAM_DONE = {{ policy.stream_done }};
    private static final String REQUEST_ID_HEADER = {{ policy.request_id_header }};
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String baseUrl;
    private final String bearerToken;
    private final HttpClient http;
    private final Duration timeout;
    private final int maxRetries;
{% if let Some(url) = base_url %}
    /** The server the API description names, used when no base URL is given. */
    public static final String DEFAULT_BASE_URL = {{ url }};

    /** A client for the server at {@link #DEFAULT_BASE_URL}, without authentication. */
    public {{ class_name }}() {
        this(DEFAULT_BASE_URL);
    }
{% endif %}
    /** A client for the server at {@code baseUrl}, without authentication. */
    public {{ class_name }}(String baseUrl) {
        this(baseUrl, null);
    }

    /** A client that sends {@code Authorization: Bearer <bearerToken>} unless the token is null. */
    public {{ class_name }}(String baseUrl, String bearerToken) {
        this(baseUrl, bearerToken, newHttpClient(DEFAULT_TIMEOUT));
    }

    /** A client that sends its requests through {@code http}. */
    public {{ class_name }}(String baseUrl, String bearerToken, HttpClient http) {
        this(baseUrl, bearerToken, http, DEFAULT_TIMEOUT, DEFAULT_MAX_RETRIES);
    }

    /**
     * A client that sends its requests through {@code http}, each call bounded by
     * {@code timeout} and retried up to {@code maxRetries} times.
     */
    public {{ class_name }}(String baseUrl, String bearerToken, HttpClient http, Duration timeout, int maxRetries) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl").replaceAll("/+$", "");
        this.bearerToken = bearerToken;
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
        }
        this.maxRetries = maxRetries;
    }

    /** An {@code HttpClient} (HTTP/1.1, redirects followed) whose connections time out after {@code connectTimeout}. */
    public static HttpClient newHttpClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(connectTimeout)
                .build();
    }

    /** This client with another timeout per call (it shares the connections). */
    public {{ class_name }} withTimeout(Duration timeout) {
        return new {{ class_name }}(baseUrl, bearerToken, http, timeout, maxRetries);
    }

    /** This client with another number of retries; 0 turns them off (it shares the connections). */
    public {{ class_name }} withMaxRetries(int maxRetries) {
        return new {{ class_name }}(baseUrl, bearerToken, http, timeout, maxRetries);
    }

    /** The time one call may take, whole answer included. */
    public Duration getTimeout() {
        return timeout;
    }

    /** The retries after the first attempt. */
    public int getMaxRetries() {
        return maxRetries;
    }
{%- for m in methods %}

{{ m.doc }}    public {{ m.response }} {{ m.name }}({{ m.request }} request) {
{%- match m.route %}
{%- when Some with (r) %}
        return send(new Route({{ m.method }}, {{ m.path }}, {{ r.path }}, {{ r.query }}, {{ r.headers }}, {{ r.body_field }}, {{ r.has_body }}),
                request, {{ m.response }}.class);
{%- when None %}
        return send({{ m.method }}, {{ m.path }}, request, {{ m.response }}.class);
{%- endmatch %}
    }
{%- if let Some(s) = m.stream %}

{{ s.doc }}    public Stream<{{ s.event }}> {{ s.name }}({{ m.request }} request) {
{%- match m.route %}
{%- when Some with (r) %}
        return stream(new Route({{ m.method }}, {{ m.path }}, {{ r.path }}, {{ r.query }}, {{ r.headers }}, {{ r.body_field }}, {{ r.has_body }}),
                request, {{ s.flag }}, {{ s.event }}.class);
{%- when None %}
        return stream({{ m.method }}, {{ m.path }}, request, {{ s.flag }}, {{ s.event }}.class);
{%- endmatch %}
    }
{%- endif %}
{%- endfor %}

    /**
     * How an operation's request travels: {@code path} is the path template as literals
     * alternating with path parameters' wire names (even indexes are literals); the
     * {@code query} and {@code headers} parameters are sent as such; the body is the
     * value of {@code bodyField} when set, else the other fields (for GET and DELETE
     * in the query string), and nothing when {@code hasBody} is false.
     */
    private record Route(String method, String template, String[] path, String[] query, String[] headers,
            String bodyField, boolean hasBody) {
        static Route of(String method, String path) {
            return new Route(method, path, new String[] {path}, new String[0], new String[0], null, true);
        }
    }

    private <T> T send(String method, String path, Object request, Class<T> responseType) {
        return send(Route.of(method, path), request, responseType);
    }

    private <T> T send(Route route, Object request, Class<T> responseType) {
        String target = route.method() + " " + route.template();
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest httpRequest = request(target, route, MAPPER.valueToTree(request), "application/json");
        HttpResponse<byte[]> response = exchange(target, httpRequest,
                HttpResponse.BodyHandlers.ofByteArray(), {{ class_name }}::text, deadline);
        try {
            return MAPPER.readValue(response.body(), responseType);
        } catch (JsonProcessingException e) {
            throw new ApiException(target + ": unexpected response: " + e.getOriginalMessage(),
                    response.statusCode(), text(response.body()), null, requestId(response), false, e);
        } catch (IOException e) {
            throw new ApiException(target + ": unexpected response: " + e.getMessage(),
                    response.statusCode(), text(response.body()), null, requestId(response), false, e);
        }
    }
{%- if has_streams %}

    private <E> Stream<E> stream(String method, String path, Object request, String flag, Class<E> eventType) {
        return stream(Route.of(method, path), request, flag, eventType);
    }

    private <E> Stream<E> stream(Route route, Object request, String flag, Class<E> eventType) {
        String target = route.method() + " " + route.template();
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode body = MAPPER.valueToTree(request);
        if (body instanceof ObjectNode object) {
            object.put(flag, true);
        }
        HttpRequest httpRequest = request(target, route, body, "text/event-stream");
        HttpResponse<InputStream> response = exchange(target, httpRequest,
                HttpResponse.BodyHandlers.ofInputStream(), {{ class_name }}::text, deadline);
        Events<E> events = new Events<>(target, response, eventType);
        long remaining = Math.max(0, deadline - System.nanoTime());
        CompletableFuture.delayedExecutor(remaining, TimeUnit.NANOSECONDS).execute(events::expire);
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(events, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(events::close);
    }
{%- endif %}

    /**
     * The HTTP request for {@code route}: path parameters percent-encoded into the path,
     * query and header parameters sent when set, the body as the route says.
     */
    private HttpRequest request(String target, Route route, JsonNode request, String accept) {
        ObjectNode fields = request instanceof ObjectNode object ? object.deepCopy() : MAPPER.createObjectNode();
        HttpRequest.Builder builder = HttpRequest.newBuilder().header("Accept", accept);
        if (bearerToken != null && !bearerToken.isEmpty()) {
            builder.header("Authorization", "Bearer " + bearerToken);
        }
        try {
            StringBuilder url = new StringBuilder(baseUrl);
            for (int i = 0; i < route.path().length; i++) {
                String part = route.path()[i];
                JsonNode value = i % 2 == 0 ? null : fields.remove(part);
                if (i % 2 == 0) {
                    url.append(part);
                } else if (value == null || value.isNull()) {
                    throw new IllegalArgumentException("the path parameter " + part + " is not set");
                } else {
                    url.append(percentEncode(paramText(value)));
                }
            }
            StringBuilder query = new StringBuilder();
            for (String name : route.query()) {
                appendQuery(query, name, fields.remove(name));
            }
            for (String name : route.headers()) {
                JsonNode value = fields.remove(name);
                if (value != null && !value.isNull()) {
                    builder.header(name, headerText(value));
                }
            }
            JsonNode body = null;
            if (route.bodyField() != null) {
                body = fields.get(route.bodyField());
            } else if (route.hasBody() && (route.method().equals("GET") || route.method().equals("DELETE"))) {
                for (Map.Entry<String, JsonNode> property : fields.properties()) {
                    appendQuery(query, property.getKey(), property.getValue());
                }
            } else if (route.hasBody()) {
                body = fields;
            }
            builder.uri(URI.create(url.append(query).toString()));
            if (body == null || body.isNull()) {
                builder.method(route.method(), HttpRequest.BodyPublishers.noBody());
            } else {
                builder.header("Content-Type", "application/json");
                builder.method(route.method(), HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body)));
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ApiException(target + ": cannot send the request: " + e.getMessage(), 0, null, null, e);
        }
        return builder.build();
    }

    /**
     * Sends {@code request}, retrying connection failures and retryable statuses,
     * and returns the first 2xx response; anything else throws.
     */
    private <B> HttpResponse<B> exchange(String target, HttpRequest request,
            HttpResponse.BodyHandler<B> handler, Function<B, String> text, long deadline) {
        for (int attempt = 0;; attempt++) {
            HttpResponse<B> response;
            try {
                response = await(target, http.sendAsync(request, handler), deadline);
            } catch (ApiException e) {
                if (e.isTimeout() || attempt >= maxRetries) {
                    throw e;
                }
                pause(target, backoff(attempt), deadline);
                continue;
            }
            int status = response.statusCode();
            if (status >= 200 && status <= 299) {
                return response;
            }
            String body = text.apply(response.body());
            if (attempt < maxRetries && retryable(status)) {
                pause(target, retryDelay(attempt, response.headers()), deadline);
                continue;
            }
            throw errorOf(target, status, body, requestId(response), target + " failed with " + status);
        }
    }

    /** The response, waited for until {@code deadline}; cancelled on timeout or interruption. */
    private static <B> HttpResponse<B> await(String target, CompletableFuture<HttpResponse<B>> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timedOut(target, e);
        } catch (InterruptedException e) {
            future.cancel(true);
            throw cancelled(target, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
                throw timedOut(target, cause);
            }
            throw new ApiException(target + ": " + cause, 0, null, null, null, false, cause);
        }
    }

    private static ApiException timedOut(String target, Throwable cause) {
        return new ApiException(target + ": timed out", 0, null, null, null, true, cause);
    }

    private static CancellationException cancelled(String target, InterruptedException cause) {
        Thread.currentThread().interrupt();
        CancellationException cancelled = new CancellationException(target + ": interrupted");
        cancelled.initCause(cause);
        return cancelled;
    }

    /** Waits {@code millis} before a retry, or throws the timeout when the deadline comes first. */
    private static void pause(String target, long millis, long deadline) {
        long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        try {
            Thread.sleep(Math.max(0, Math.min(millis, remaining)));
        } catch (InterruptedException e) {
            throw cancelled(target, e);
        }
        if (millis >= remaining) {
            throw timedOut(target, null);
        }
    }

    /** Whether a status is worth retrying: 408, 429 and every 5xx. */
    private static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /** The exponential backoff before retry {@code attempt} (0-based), with jitter. */
    private static long backoff(int attempt) {
        long base = Math.min(INITIAL_BACKOFF_MS << Math.min(attempt, 16), MAX_BACKOFF_MS);
        return (long) (base * (1 - JITTER * ThreadLocalRandom.current().nextDouble()));
    }

    /** The server's {@code retry-after-ms} or {@code Retry-After} when usable, else the backoff. */
    private static long retryDelay(int attempt, HttpHeaders headers) {
        long millis = -1;
        try {
            Optional<String> afterMs = headers.firstValue("retry-after-ms");
            Optional<String> after = headers.firstValue("retry-after");
            if (afterMs.isPresent()) {
                millis = (long) Double.parseDouble(afterMs.get().trim());
            } else if (after.isPresent()) {
                String value = after.get().trim();
                if (!value.isEmpty() && Character.isDigit(value.charAt(0))) {
                    millis = (long) (Double.parseDouble(value) * 1000);
                } else {
                    ZonedDateTime date = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                    millis = Duration.between(Instant.now(), date.toInstant()).toMillis();
                }
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            millis = -1;
        }
        return millis >= 0 && millis <= MAX_RETRY_AFTER_MS ? millis : backoff(attempt);
    }

    private static String requestId(HttpResponse<?> response) {
        return response.headers().firstValue(REQUEST_ID_HEADER).orElse(null);
    }

    private static String text(byte[] body) {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    private static String text(InputStream body) {
        try (InputStream input = body) {
            return text(input.readAllBytes());
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Appends one query parameter unless it is unset: strings as they are, numbers and
     * booleans as their JSON text, lists as the name repeated per element, objects as JSON.
     */
    private static void appendQuery(StringBuilder query, String name, JsonNode value) {
        if (value == null || value.isNull()) {
            return;
        }
        if (value.isArray()) {
            for (JsonNode item : value) {
                appendQuery(query, name, item);
            }
            return;
        }
        query.append(query.length() == 0 ? '?' : '&')
                .append(percentEncode(name))
                .append('=')
                .append(percentEncode(paramText(value)));
    }

    /** A header parameter's value: as a query value, lists comma-joined. */
    private static String headerText(JsonNode value) {
        if (!value.isArray()) {
            return paramText(value);
        }
        StringBuilder joined = new StringBuilder();
        for (JsonNode item : value) {
            joined.append(joined.length() == 0 ? "" : ",").append(paramText(item));
        }
        return joined.toString();
    }

    /** A parameter's string form: a string as it is, anything else as its JSON text. */
    private static String paramText(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }

    /** Percent-encodes the UTF-8 bytes of {@code text}, all but RFC 3986's unreserved {@code A-Za-z0-9-._~}. */
    private static String percentEncode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }

    /**
     * The error for a failed answer (or an error event), with {@code responseStatus},
     * or OpenAI's {@code error}, as its details; a body that is not JSON is shown as text.
     */
    private static ApiException errorOf(String target, int status, String body, String requestId, String what) {
        JsonNode details = null;
        try {
            JsonNode parsed = MAPPER.readTree(body);
            if (parsed != null && parsed.isObject()) {
                details = parsed.get("responseStatus");
                JsonNode error = parsed.get("error");
                if ((details == null || details.isNull()) && error != null && error.isObject()) {
{%- if has_response_status %}
                    ObjectNode converted = MAPPER.createObjectNode();
                    converted.put("errorCode", firstText(error.get("code"), error.get("type")));
                    converted.put("message", error.path("message").asText(""));
                    details = converted;
{%- else %}
                    details = error;
{%- endif %}
                }
            }
        } catch (JsonProcessingException e) {
            details = null;
        }
        String detail = details == null ? "" : details.path("message").asText("");
        if (detail.isEmpty()) {
            String shown = body == null ? "" : body.strip();
            detail = shown.isEmpty() ? "HTTP " + status
                    : shown.length() > 500 ? shown.substring(0, 500) + "…" : shown;
        }
{%- if has_response_status %}
        {{ status_type }} responseStatus = null;
        if (details != null && details.isObject()) {
            try {
                responseStatus = MAPPER.treeToValue(details, {{ status_type }}.class);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                responseStatus = null;
            }
        }
{%- else %}
        JsonNode responseStatus = details == null || details.isNull() ? null : details;
{%- endif %}
        String message = what + ": " + detail + (requestId == null ? "" : " (request id " + requestId + ")");
        return new ApiException(message, status, body, responseStatus, requestId, false, null);
    }
{%- if has_response_status %}

    private static String firstText(JsonNode code, JsonNode type) {
        if (code != null && !code.isNull()) {
            return code.asText();
        }
        if (type != null && !type.isNull()) {
            return type.asText();
        }
        return "Error";
    }
{%- endif %}
{%- if has_streams %}

    /**
     * The events of one streamed answer, read as they arrive (server-sent events:
     * lines split at CRLF, LF or CR; comments skipped; several {@code data} lines
     * joined with a newline; an empty line dispatches the event). {@code [DONE]}
     * ends the stream; an {@code error} event throws; an end without
     * {@code [DONE]} throws. Closing it closes the connection.
     */
    private static final class Events<E> implements Iterator<E> {
        private final String target;
        private final int status;
        private final String requestId;
        private final InputStream input;
        private final BufferedReader reader;
        private final Class<E> type;
        private E next;
        private boolean done;
        private volatile boolean closed;
        private volatile boolean expired;

        Events(String target, HttpResponse<InputStream> response, Class<E> type) {
            this.target = target;
            this.status = response.statusCode();
            this.requestId = requestId(response);
            this.input = response.body();
            this.reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
            this.type = type;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                next = read();
            }
            return next != null;
        }

        @Override
        public E next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            E event = next;
            next = null;
            return event;
        }

        /** The deadline passed: the connection is closed and the reader throws the timeout. */
        void expire() {
            if (!done && !closed) {
                expired = true;
                close();
            }
        }

        void close() {
            done = true;
            closed = true;
            try {
                input.close();
            } catch (IOException e) {
                // Closing is best effort: the connection is dropped either way.
            }
        }

        /** The next event, or null after {@code [DONE]}. */
        private E read() {
            StringBuilder data = null;
            try {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.isEmpty()) {
                        if (data == null) {
                            continue;
                        }
                        String payload = data.toString();
                        data = null;
                        if (payload.equals(STREAM_DONE)) {
                            close();
                            return null;
                        }
                        return decode(payload);
                    }
                    if (line.startsWith(":")) {
                        continue;
                    }
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    if (field.equals("data")) {
                        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    }
                }
            } catch (IOException e) {
                throw failed(e);
            }
            boolean wasClosed = closed;
            close();
            if (expired) {
                throw timedOut(target, null);
            }
            if (wasClosed) {
                throw new CancellationException(target + ": the stream was closed");
            }
            throw new ApiException(target + ": the stream ended without " + STREAM_DONE,
                    0, null, null, requestId, false, null);
        }

        private RuntimeException failed(IOException e) {
            boolean wasClosed = closed;
            close();
            if (expired) {
                return timedOut(target, e);
            }
            if (wasClosed) {
                CancellationException cancelled = new CancellationException(target + ": the stream was closed");
                cancelled.initCause(e);
                return cancelled;
            }
            return new ApiException(target + ": the stream failed: " + e, 0, null, null, requestId, false, e);
        }

        private E decode(String payload) {
            try {
                JsonNode tree = MAPPER.readTree(payload);
                if (tree != null && tree.isObject() && tree.has("error")) {
                    close();
                    throw errorOf(target, status, payload, requestId, target + " sent an error event");
                }
                return MAPPER.treeToValue(tree, type);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                close();
                throw new ApiException(target + ": unexpected event: " + e.getMessage(),
                        status, payload, null, requestId, false, e);
            }
        }
    }
{%- endif %}
}
