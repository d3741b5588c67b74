// {{ banner }}
{% if suppress_deprecation %}
@file:Suppress("DEPRECATION")
{% endif %}
package {{ package }}

import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.delay
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.future.await
import kotlinx.coroutines.runInterruptible
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import kotlinx.serialization.DeserializationStrategy
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
{%- if status_type.is_some() %}
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
{%- endif %}
import kotlinx.serialization.serializer
import java.io.ByteArrayOutputStream
import java.io.IOException
import java.io.InputStream
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpHeaders
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.ZonedDateTime
import java.time.format.DateTimeFormatter
import kotlin.random.Random
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds


{%- match status_type %}
{%- when Some with (status) %}

/** The structured error a failing call carries. */
typealias ErrorStatus = {{ status }}
{%- when None %}

/** The structured error a failing call carries (the schema defines no `ResponseStatus`). */
typealias ErrorStatus = JsonElement
{%- endmatch %}

/**
 * A call that did not succeed: a non-2xx status, a body that is not the expected JSON, an error
 * event in a stream or a stream cut short, or (status 0) a network failure or a timeout.
 * The caller's own cancellation is not wrapped: it stays a [kotlinx.coroutines.CancellationException].
 *
 * @property status The HTTP status; 0 when no answer arrived (network failure, timeout).
 * @property body The response body (or the stream event) as text; empty when there was none.
 * @property responseStatus The error details the server sent, when it sent them.
 * @property requestId The server's `{{ request_id_header }}` header, when it sent one.
 * @property timedOut Whether the call ran out of its time (see the client's `timeout`).
 */
class ApiException(
    val status: Int,
    message: String,
    val body: String = "",
    val responseStatus: ErrorStatus? = null,
    val requestId: String? = null,
    val timedOut: Boolean = false,
    cause: Throwable? = null,
) : Exception(message, cause)

/**
 * A typed client: one suspending method per operation, sent with the JDK's [HttpClient]
 * and awaited without blocking a thread; cancelling the calling coroutine cancels the
 * pending request. From blocking code, call the methods inside `runBlocking { ... }`.
{%- if has_streams %}
 * Streamed operations also have a `...{{ stream_suffix }}` method returning a cold [Flow] of events.
{%- endif %}
 *
 * Each attempt may take [timeout] (the whole answer; for a stream, until its headers arrive).
 * A connection failure, a timeout or a status 408, 429 or 5xx is retried up to [maxRetries]
 * times, waiting the server's `retry-after-ms` / `Retry-After` (up to {{ max_retry_after_ms }} ms) or an
 * exponential backoff ({{ initial_backoff_ms }} ms doubling up to {{ max_backoff_ms }} ms, less up to {{ jitter_percent }}% jitter).
 *
 * @param baseUrl The server's address, e.g. `http://localhost:5005`{% if base_url.is_some() %}; by default the one the API description names{% endif %}.
 * @param bearerToken Sent as `Authorization: Bearer <token>` when set.
 * @param httpClient The HTTP client to send with; by default one shared by every client.
 * @param json The serialization settings; [{{ json }}] unless you need others.
 * @param timeout The time one attempt may take; {{ timeout_seconds }} seconds by default.
 * @param maxRetries Retries after the first attempt; 0 turns them off.
 */
class {{ class_name }}(
{%- match base_url %}
{%- when Some with (url) %}
    baseUrl: String = {{ url }},
{%- when None %}
    baseUrl: String,
{%- endmatch %}
    private val bearerToken: String? = null,
    private val httpClient: HttpClient = sharedHttpClient,
    private val json: Json = {{ json }},
    private val timeout: Duration = {{ timeout_seconds }}.seconds,
    private val maxRetries: Int = {{ max_retries }},
) {
    init {
        require(maxRetries >= 0) { "maxRetries must not be negative" }
    }

    private val baseUrl: String = baseUrl.trimEnd('/')
{% for m in methods %}
{{ m.doc }}    suspend fun {{ m.name }}(request: {{ m.request }}): {{ m.response }} =
{%- match m.route %}
{%- when Some with (route) %}
        exchange({{ m.method }}, {{ m.path }}, request, {{ route }})
{%- when None %}
        exchange({{ m.method }}, {{ m.path }}, request)
{%- endmatch %}
{%- if let Some(s) = m.stream %}

    /**
     * [{{ m.name }}] with `{{ s.flag_wire }}` set to true: the server-sent events, each decoded as [{{ s.event }}]
     * and emitted as it arrives. The flow is cold (each collection sends the request) and
     * cancelling its collector, or stopping early (`first()`, `take(n)`), closes the connection.
     * An error event or a stream that ends without `{{ stream_done_text }}` throws [ApiException].
     */
    fun {{ s.name }}(request: {{ m.request }}): Flow<{{ s.event }}> =
        stream(
            {{ m.method }},
            {{ m.path }},
            {{ s.flag }},
            json.encodeToJsonElement(serializer<{{ m.request }}>(), request),
            serializer<{{ s.event }}>(),
{%- if let Some(route) = m.route %}
            {{ route }},
{%- endif %}
        )
{%- endif %}
{% endfor %}
    /**
     * How an operation's request travels: [path] is the path template as literals alternating
     * with path parameters' wire names (even indexes are literals); the [query] and [headers]
     * parameters are sent as such; the body is the value of [bodyField] when set, else the other
     * fields (for GET and DELETE in the query string), and nothing when [hasBody] is false.
     * Without a route, the path is sent as it is and every field is the body.
     */
    private class Route(
        val path: List<String>,
        val query: List<String>,
        val headers: List<String>,
        val bodyField: String?,
        val hasBody: Boolean,
    )

    private suspend inline fun <reified Req, reified Res> exchange(method: String, path: String, request: Req, route: Route? = null): Res =
        send(method, path, json.encodeToJsonElement(serializer<Req>(), request), serializer<Res>(), route)

    private suspend fun <T> send(
        method: String,
        path: String,
        fields: JsonElement,
        responseSerializer: DeserializationStrategy<T>,
        route: Route?,
    ): T {
        val response = attempt(method, path, fields, "application/json", route, HttpResponse.BodyHandlers.ofString()) { it }
        val status = response.statusCode()
        val text = response.body()
        val requestId = requestId(response.headers())
        val body = try {
            if (text.isEmpty()) JsonNull else json.parseToJsonElement(text)
        } catch (e: IllegalArgumentException) {
            throw ApiException(status, "$method $path: the response is not JSON", text, requestId = requestId, cause = e)
        }
        return try {
            json.decodeFromJsonElement(responseSerializer, body)
        } catch (e: IllegalArgumentException) {
            throw ApiException(status, "$method $path: unexpected response: ${e.message}", text, requestId = requestId, cause = e)
        }
    }
{%- if has_streams %}

    private fun <T> stream(
        method: String,
        path: String,
        flag: String,
        fields: JsonElement,
        eventSerializer: DeserializationStrategy<T>,
        route: Route? = null,
    ): Flow<T> = flow {
        val request = JsonObject((fields as? JsonObject ?: JsonObject(emptyMap())) + (flag to JsonPrimitive(true)))
        val response = attempt(method, path, request, "text/event-stream", route, HttpResponse.BodyHandlers.ofInputStream()) { input ->
            withContext(Dispatchers.IO) { input.use { it.readBytes().decodeToString() } }
        }
        val status = response.statusCode()
        val requestId = requestId(response.headers())
        response.body().use { input ->
            val events = ServerSentEvents(input)
            while (true) {
                val data = try {
                    runInterruptible(Dispatchers.IO) { events.next() }
                } catch (e: IOException) {
                    throw ApiException(0, "$method $path: the stream failed: ${e.message ?: e}", requestId = requestId, cause = e)
                } ?: throw ApiException(status, "$method $path: the stream ended without $STREAM_DONE", requestId = requestId)
                if (data == STREAM_DONE) return@flow
                val element = try {
                    json.parseToJsonElement(data)
                } catch (e: IllegalArgumentException) {
                    throw ApiException(status, "$method $path: an event is not JSON", data, requestId = requestId, cause = e)
                }
                if (element is JsonObject && "error" in element) {
                    throw failure(method, path, "the stream sent an error", status, data, requestId)
                }
                val event = try {
                    json.decodeFromJsonElement(eventSerializer, element)
                } catch (e: IllegalArgumentException) {
                    throw ApiException(status, "$method $path: unexpected event: ${e.message}", data, requestId = requestId, cause = e)
                }
                emit(event)
            }
        }
    }
{%- endif %}

    /**
     * Sends the request, retrying connection failures, timeouts and retryable statuses, and
     * returns the first 2xx response; any other ends in [ApiException] (its body read by [errorText]).
     */
    private suspend fun <B> attempt(
        method: String,
        path: String,
        fields: JsonElement,
        accept: String,
        route: Route?,
        handler: HttpResponse.BodyHandler<B>,
        errorText: suspend (B) -> String,
    ): HttpResponse<B> {
        val request = try {
            request(method, path, fields, accept, route)
        } catch (e: IllegalArgumentException) {
            throw ApiException(0, "$method $path: cannot send the request: ${e.message}", cause = e)
        }
        var retry = 0
        while (true) {
            val response = try {
                withTimeout(timeout) { httpClient.sendAsync(request, handler).await() }
            } catch (e: TimeoutCancellationException) {
                // The caller's own cancellation (or its own timeout) is not ours to wrap.
                currentCoroutineContext().ensureActive()
                if (retry < maxRetries) {
                    delay(backoff(retry++))
                    continue
                }
                throw ApiException(0, "$method $path timed out after $timeout", timedOut = true, cause = e)
            } catch (e: IOException) {
                if (retry < maxRetries) {
                    delay(backoff(retry++))
                    continue
                }
                throw ApiException(0, "$method $path failed: ${e.message ?: e}", cause = e)
            }
            val status = response.statusCode()
            if (status in 200..299) return response
            val text = errorText(response.body())
            if (retryable(status) && retry < maxRetries) {
                delay(retryAfter(response.headers()) ?: backoff(retry))
                retry++
                continue
            }
            throw failure(method, path, "failed with $status", status, text, requestId(response.headers()))
        }
    }

    /**
     * The HTTP request: path parameters percent-encoded into the path, query and header
     * parameters sent when set, the body as the [route] says.
     */
    private fun request(method: String, path: String, fields: JsonElement, accept: String, route: Route?): HttpRequest {
        val builder = HttpRequest.newBuilder().header("Accept", accept)
        if (bearerToken != null) builder.header("Authorization", "Bearer $bearerToken")
        val rest = (fields as? JsonObject ?: JsonObject(emptyMap())).toMutableMap()
        val url = StringBuilder(baseUrl)
        (route?.path ?: listOf(path)).forEachIndexed { i, part ->
            if (i % 2 == 0) {
                url.append(part)
            } else {
                val value = text(rest.remove(part)) ?: throw IllegalArgumentException("the path parameter $part is not set")
                url.append(encode(value))
            }
        }
        val query = mutableListOf<String>()
        route?.query?.forEach { name -> addQuery(query, name, rest.remove(name)) }
        route?.headers?.forEach { name ->
            headerText(rest.remove(name))?.let { builder.header(name, it) }
        }
        val body: JsonElement? = when {
            route?.bodyField != null -> rest[route.bodyField]?.takeIf { it != JsonNull }
            route?.hasBody == false -> null
            method == "GET" || method == "DELETE" -> {
                rest.forEach { (name, value) -> addQuery(query, name, value) }
                null
            }
            else -> JsonObject(rest)
        }
        if (query.isNotEmpty()) url.append(query.joinToString("&", prefix = "?"))
        builder.uri(URI.create(url.toString()))
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody())
        } else {
            builder.header("Content-Type", "application/json")
            builder.method(method, HttpRequest.BodyPublishers.ofString(body.toString()))
        }
        return builder.build()
    }

    /** The error for a failed answer (or error event): its details when the body is JSON, else its text. */
    private fun failure(method: String, path: String, what: String, status: Int, text: String, requestId: String?): ApiException {
        val body = try {
            json.parseToJsonElement(text)
        } catch (e: IllegalArgumentException) {
            null
        }
        val details = body?.let(::errorStatus)
        val detail = if (body == null) {
            text.trim().take(MAX_TEXT).ifEmpty { "HTTP $status" }
        } else {
            {{ detail }}
        }
        val id = if (requestId == null) "" else " (request id $requestId)"
        return ApiException(status, "$method $path $what: $detail$id", text, details, requestId)
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

    /**
     * One query parameter, unless unset: strings as they are, numbers and booleans as their
     * JSON text, lists as the name repeated per element, objects as JSON text.
     */
    private fun addQuery(query: MutableList<String>, name: String, value: JsonElement?) {
        if (value is JsonArray) {
            value.forEach { addQuery(query, name, it) }
        } else {
            text(value)?.let { query.add(encode(name) + "=" + encode(it)) }
        }
    }

    /** A header parameter's value, as a query value; lists comma-joined; null when unset. */
    private fun headerText(value: JsonElement?): String? =
        if (value is JsonArray) value.mapNotNull(::text).joinToString(",") else text(value)

    /** Percent-encodes the UTF-8 bytes of [text], all but RFC 3986's unreserved `A-Za-z0-9-._~`. */
    private fun encode(text: String): String {
        val out = StringBuilder()
        for (byte in text.encodeToByteArray()) {
            val c = byte.toInt() and 0xff
            if (c in 'A'.code..'Z'.code || c in 'a'.code..'z'.code || c in '0'.code..'9'.code || c == '-'.code ||
                c == '.'.code || c == '_'.code || c == '~'.code
            ) {
                out.append(c.toChar())
            } else {
                out.append('%').append(HEX[c shr 4]).append(HEX[c and 15])
            }
        }
        return out.toString()
    }

    private fun requestId(headers: HttpHeaders): String? = headers.firstValue(REQUEST_ID_HEADER).orElse(null)

    /** 408, 429 and every 5xx. */
    private fun retryable(status: Int): Boolean = status >= 500 || status in RETRYABLE_CLIENT_ERRORS

    /** The backoff before retry [retry] (0-based), less a random share of up to {{ jitter_percent }}%. */
    private fun backoff(retry: Int): Long {
        val full = (INITIAL_BACKOFF_MS shl minOf(retry, 16)).coerceAtMost(MAX_BACKOFF_MS)
        return (full * (1 - JITTER * Random.nextDouble())).toLong()
    }

    /** The wait the server asks for (`retry-after-ms`, `Retry-After` in seconds or as a date), if acceptable. */
    private fun retryAfter(headers: HttpHeaders): Long? {
        val millis = headers.firstValue("retry-after-ms").orElse(null)?.trim()?.toDoubleOrNull()?.toLong()
            ?: headers.firstValue("retry-after").orElse(null)?.trim()?.let { value ->
                value.toDoubleOrNull()?.let { (it * 1000).toLong() } ?: try {
                    ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli() -
                        System.currentTimeMillis()
                } catch (e: RuntimeException) {
                    null
                }
            }
        return millis?.takeIf { it in 0..MAX_RETRY_AFTER_MS }
    }

    /** A scalar's text, other JSON as JSON text; null for `null` and absent values. */
    private fun text(value: JsonElement?): String? = when (value) {
        null, JsonNull -> null
        is JsonPrimitive -> value.content
        else -> value.toString()
    }

    private companion object {
        /** One client for every instance that is given none: pooled connections, nothing to close. */
        val sharedHttpClient: HttpClient by lazy { HttpClient.newHttpClient() }
        const val STREAM_DONE: String = {{ stream_done }}
        const val REQUEST_ID_HEADER: String = {{ request_id_header_literal }}
        const val INITIAL_BACKOFF_MS: Long = {{ initial_backoff_ms }}
        const val MAX_BACKOFF_MS: Long = {{ max_backoff_ms }}
        const val MAX_RETRY_AFTER_MS: Long = {{ max_retry_after_ms }}
        const val JITTER: Double = {{ jitter }}
        const val MAX_TEXT: Int = 2000
        const val HEX: String = "0123456789ABCDEF"
        val RETRYABLE_CLIENT_ERRORS: Set<Int> = setOf({{ retryable_client_errors }})
    }
{%- if has_streams %}

    /**
     * Reads server-sent events from [input] as they arrive: lines end at CRLF, LF or CR;
     * `:` starts a comment; `data` lines join with a newline; an empty line ends an event.
     */
    private class ServerSentEvents(input: InputStream) {
        private val input = input.buffered()
        private var afterCr = false

        /** The data of the next event, or null when the stream ends (an unfinished event is dropped). */
        fun next(): String? {
            val data = StringBuilder()
            var hasData = false
            while (true) {
                val line = line() ?: return null
                if (line.isEmpty()) {
                    if (hasData) return data.toString()
                    continue
                }
                if (line.startsWith(":")) continue
                val colon = line.indexOf(':')
                val field = if (colon < 0) line else line.substring(0, colon)
                val value = if (colon < 0) "" else line.substring(colon + 1).removePrefix(" ")
                if (field == "data") {
                    if (hasData) data.append('\n')
                    data.append(value)
                    hasData = true
                }
                // `event`, `id` and `retry` do not change what an event's data decodes as.
            }
        }

        private fun line(): String? {
            val bytes = ByteArrayOutputStream()
            while (true) {
                val b = input.read()
                if (b < 0) return if (bytes.size() == 0) null else bytes.toString(Charsets.UTF_8)
                if (afterCr) {
                    afterCr = false
                    if (b == '\n'.code) continue
                }
                when (b) {
                    '\r'.code -> {
                        afterCr = true
                        return bytes.toString(Charsets.UTF_8)
                    }
                    '\n'.code -> return bytes.toString(Charsets.UTF_8)
                    else -> bytes.write(b)
                }
            }
        }
    }
{%- endif %}
}
