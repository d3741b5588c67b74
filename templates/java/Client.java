{% include "java/head.java" %}
/**
 * A typed client: one method per operation, each sending its request as JSON
 * (GET and DELETE as query parameters) and decoding the response.
 *
 * <p>Every method throws {@link ApiException} when the call fails.
 */
{% if suppress_deprecation -%}
@SuppressWarnings("deprecation")
{% endif -%}
public final class {{ class_name }} {
    private final String baseUrl;
    private final String bearerToken;
    private final HttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();

    /** A client for the server at {@code baseUrl}, without authentication. */
    public {{ class_name }}(String baseUrl) {
        this(baseUrl, null);
    }

    /** A client that sends {@code Authorization: Bearer <bearerToken>} unless the token is null. */
    public {{ class_name }}(String baseUrl, String bearerToken) {
        this(baseUrl, bearerToken, HttpClient.newHttpClient());
    }

    /** A client that sends its requests through {@code http}. */
    public {{ class_name }}(String baseUrl, String bearerToken, HttpClient http) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl").replaceAll("/+$", "");
        this.bearerToken = bearerToken;
        this.http = Objects.requireNonNull(http, "http");
    }
{%- for m in methods %}

{{ m.doc }}    public {{ m.response }} {{ m.name }}({{ m.request }} request) {
        return send({{ m.method }}, {{ m.path }}, request, {{ m.response }}.class);
    }
{%- endfor %}

    private <T> T send(String method, String path, Object request, Class<T> responseType) {
        String target = method + " " + path;
        HttpRequest.Builder builder = HttpRequest.newBuilder().header("Accept", "application/json");
        if (bearerToken != null && !bearerToken.isEmpty()) {
            builder.header("Authorization", "Bearer " + bearerToken);
        }
        try {
            if (method.equals("GET") || method.equals("DELETE")) {
                builder.uri(URI.create(baseUrl + path + query(request)));
                builder.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                builder.uri(URI.create(baseUrl + path));
                builder.header("Content-Type", "application/json");
                byte[] body = mapper.writeValueAsBytes(request);
                builder.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
            }
            HttpResponse<String> response = http.send(
                    builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            int status = response.statusCode();
            if (status < 200 || status > 299) {
                throw errorOf(target, status, response.body());
            }
            try {
                return mapper.readValue(response.body(), responseType);
            } catch (JsonProcessingException e) {
                throw new ApiException(target + ": unexpected response: " + e.getOriginalMessage(),
                        status, response.body(), null, e);
            }
        } catch (IOException e) {
            throw new ApiException(target + ": " + e.getMessage(), 0, null, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(target + ": interrupted", 0, null, null, e);
        }
    }

    /** The request's set properties as a query string; objects and lists as JSON. */
    private String query(Object request) {
        JsonNode tree = mapper.valueToTree(request);
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, JsonNode> property : tree.properties()) {
            JsonNode value = property.getValue();
            if (value.isNull()) {
                continue;
            }
            String text = value.isContainerNode() ? value.toString() : value.asText();
            query.append(query.length() == 0 ? '?' : '&')
                    .append(URLEncoder.encode(property.getKey(), StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(text, StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    /** The error for a non-2xx answer, with {@code responseStatus}, or OpenAI's {@code error}. */
    private ApiException errorOf(String target, int status, String body) {
        JsonNode details = null;
        try {
            JsonNode parsed = mapper.readTree(body);
            if (parsed != null && parsed.isObject()) {
                details = parsed.get("responseStatus");
                JsonNode error = parsed.get("error");
                if ((details == null || details.isNull()) && error != null && error.isObject()) {
{%- if has_response_status %}
                    ObjectNode converted = mapper.createObjectNode();
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
            detail = "HTTP " + status;
        }
{%- if has_response_status %}
        {{ status_type }} responseStatus = null;
        if (details != null && details.isObject()) {
            try {
                responseStatus = mapper.treeToValue(details, {{ status_type }}.class);
            } catch (JsonProcessingException e) {
                responseStatus = null;
            }
        }
{%- else %}
        JsonNode responseStatus = details == null || details.isNull() ? null : details;
{%- endif %}
        String message = target + " failed with " + status + ": " + detail;
        return new ApiException(message, status, body, responseStatus, null);
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
}
