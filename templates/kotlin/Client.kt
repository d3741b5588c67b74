// {{ banner }}
{% if suppress_deprecation %}
@file:Suppress("DEPRECATION")
{% endif %}
package {{ package }}

import kotlinx.coroutines.future.await
import kotlinx.serialization.DeserializationStrategy
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
{%- if status_type.is_some() %}
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
{%- endif %}
import kotlinx.serialization.serializer
import java.net.URI
import java.net.URLEncoder
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse


{%- match status_type %}
{%- when Some with (status) %}

/** The structured error a failing call carries. */
typealias ErrorStatus = {{ status }}
{%- when None %}

/** The structured error a failing call carries (the schema defines no `ResponseStatus`). */
typealias ErrorStatus = JsonElement
{%- endmatch %}

/**
 * A call that did not succeed: a non-2xx status, or a body that is not the expected JSON.
 * Network failures are not wrapped: they arrive as the [java.io.IOException] the JDK client throws.
 *
 * @property status The HTTP status.
 * @property body The response body as text.
 * @property responseStatus The error details the server sent, when it sent them.
 */
class ApiException(
    val status: Int,
    message: String,
    val body: String,
    val responseStatus: ErrorStatus? = null,
    cause: Throwable? = null,
) : Exception(message, cause)

/**
 * A typed client: one suspending method per operation, sent with the JDK's [HttpClient]
 * and awaited without blocking a thread; cancelling the calling coroutine cancels the
 * pending request future. From blocking code, call the methods inside `runBlocking { ... }`.
 *
 * @param baseUrl The server's address, e.g. `http://localhost:5005`.
 * @param bearerToken Sent as `Authorization: Bearer <token>` when set.
 * @param httpClient The HTTP client to send with; share one across clients.
 * @param json The serialization settings; [{{ json }}] unless you need others.
 */
class {{ class_name }}(
    baseUrl: String,
    private val bearerToken: String? = null,
    private val httpClient: HttpClient = HttpClient.newHttpClient(),
    private val json: Json = {{ json }},
) {
    private val baseUrl: String = baseUrl.trimEnd('/')
{% for m in methods %}
{{ m.doc }}    suspend fun {{ m.name }}(request: {{ m.request }}): {{ m.response }} =
        exchange({{ m.method }}, {{ m.path }}, request)
{% endfor %}
    private suspend inline fun <reified Req, reified Res> exchange(method: String, path: String, request: Req): Res =
        send(method, path, json.encodeToJsonElement(serializer<Req>(), request), serializer<Res>())

    private suspend fun <T> send(
        method: String,
        path: String,
        fields: JsonElement,
        responseSerializer: DeserializationStrategy<T>,
    ): T {
        val builder = HttpRequest.newBuilder().header("Accept", "application/json")
        if (bearerToken != null) builder.header("Authorization", "Bearer $bearerToken")
        if (method == "GET" || method == "DELETE") {
            builder.uri(URI.create(baseUrl + path + query(fields)))
            builder.method(method, HttpRequest.BodyPublishers.noBody())
        } else {
            builder.uri(URI.create(baseUrl + path))
            builder.header("Content-Type", "application/json")
            builder.method(method, HttpRequest.BodyPublishers.ofString(fields.toString()))
        }
        val response = httpClient.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString()).await()
        val status = response.statusCode()
        val text = response.body()
        val body = try {
            if (text.isEmpty()) JsonNull else json.parseToJsonElement(text)
        } catch (e: IllegalArgumentException) {
            throw ApiException(status, "$method $path: the response is not JSON", text, cause = e)
        }
        if (status !in 200..299) {
            val details = errorStatus(body)
            val detail = {{ detail }}
            throw ApiException(status, "$method $path failed with $status: $detail", text, details)
        }
        return try {
            json.decodeFromJsonElement(responseSerializer, body)
        } catch (e: IllegalArgumentException) {
            throw ApiException(status, "$method $path: unexpected response: ${e.message}", text, cause = e)
        }
    }

    /** The server's error details: ServiceStack's `responseStatus` or OpenAI's `error`. */
    private fun errorStatus(body: JsonElement): ErrorStatus? {
        val fields = body as? JsonObject ?: return null
{%- match status_type %}
{%- when Some with (status) %}
        val openAi = fields["error"] as? JsonObject
        val candidate = fields["responseStatus"]?.takeIf { it != JsonNull }
            ?: openAi?.let { error ->
                buildJsonObject {
                    put("errorCode", text(error["code"]) ?: text(error["type"]) ?: "Error")
                    put("message", text(error["message"]) ?: "")
                }
            }
            ?: return null
        return try {
            json.decodeFromJsonElement({{ status }}.serializer(), candidate)
        } catch (e: IllegalArgumentException) {
            null
        }
{%- when None %}
        return (fields["responseStatus"] ?: fields["error"])?.takeIf { it != JsonNull }
{%- endmatch %}
    }

    private fun query(fields: JsonElement): String {
        val pairs = (fields as? JsonObject ?: return "").mapNotNull { (key, value) ->
            text(value)?.let { encode(key) + "=" + encode(it) }
        }
        return if (pairs.isEmpty()) "" else pairs.joinToString("&", prefix = "?")
    }

    private fun encode(text: String): String = URLEncoder.encode(text, Charsets.UTF_8)

    /** A scalar's text, other JSON as JSON text; null for `null` and absent values. */
    private fun text(value: JsonElement?): String? = when (value) {
        null, JsonNull -> null
        is JsonPrimitive -> value.content
        else -> value.toString()
    }
}
