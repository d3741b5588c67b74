// End to end: the generated Kotlin client against the real ai-server, which calls the
// stand-in upstream of tests/drivers/ai_server_fixture.py (run under that fixture).
//   python3 ai_server_fixture.py --server <ai-server> -- java ... dtogen.driver.EndToEndKt
package dtogen.driver

import aiserverclient.AiServerClient
import aiserverclient.ApiException
import aiserverclient.CreateOpenAiChat
import aiserverclient.GetOpenAiChat
import aiserverclient.JobState
import aiserverclient.OpenAiChat
import aiserverclient.OpenAiChatCompletion
import aiserverclient.OpenAiChatJob
import aiserverclient.OpenAiChatResponse
import aiserverclient.OpenAiMessage
import aiserverclient.OpenAiMessageContent
import aiserverclient.OpenAiRole
import aiserverclient.OpenAiTool
import aiserverclient.QueryOpenAiChat
import aiserverclient.AiServerJson
import com.sun.net.httpserver.Headers
import com.sun.net.httpserver.HttpServer
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.io.File
import java.net.InetSocketAddress
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.TimeSource
import java.net.ServerSocket
import java.util.concurrent.CopyOnWriteArrayList
import kotlin.system.exitProcess

private val baseUrl = System.getenv("AI_SERVER_URL") ?: error("run under ai_server_fixture.py")
private val apiKey = System.getenv("AI_SERVER_KEY") ?: error("AI_SERVER_KEY is not set")
private val upstreamLog = File(System.getenv("AI_SERVER_UPSTREAM_LOG") ?: error("AI_SERVER_UPSTREAM_LOG is not set"))
private val upstreamUrl = System.getenv("AI_SERVER_UPSTREAM_URL") ?: error("AI_SERVER_UPSTREAM_URL is not set")
private val vectors = File(System.getProperty("dtogen.vectors") ?: error("run with -Ddtogen.vectors=<tests/vectors>"))

private fun expect(condition: Boolean, message: () -> String) {
    if (!condition) throw AssertionError(message())
}

private fun userMessage(text: String) = OpenAiMessage(role = OpenAiRole.User, content = OpenAiMessageContent.TextValue(text))

private fun text(message: OpenAiMessage?): String? = (message?.content as? OpenAiMessageContent.TextValue)?.value

private suspend fun expectApiError(call: suspend () -> Unit): ApiException {
    try {
        call()
    } catch (e: ApiException) {
        return e
    }
    throw AssertionError("expected an ApiException")
}

private suspend fun queueFollowAndQuery(client: AiServerClient) {
    val queued = client.createOpenAiChat(
        CreateOpenAiChat(
            refId = "e2e-1",
            tag = "e2e",
            request = OpenAiChat(model = "echo", messages = listOf(userMessage("héllo 👋")), temperature = 0.25),
        ),
    )
    expect(queued.refId == "e2e-1") { "refId: ${queued.refId}" }

    var job: OpenAiChatJob? = null
    for (attempt in 0 until 100) {
        job = client.getOpenAiChat(GetOpenAiChat(refId = "e2e-1")).result
        if (job?.state == JobState.Completed || job?.state == JobState.Failed) break
        delay(50)
    }
    expect(job?.state == JobState.Completed) { "job did not complete: $job" }
    checkNotNull(job)
    expect(job.id == queued.id) { "id ${job.id} != ${queued.id}" }
    val reply = text(job.response?.choices?.firstOrNull()?.message)
    expect(reply == "echo: héllo 👋") { "reply: $reply" }
    expect(job.request.temperature == 0.25) { "temperature: ${job.request.temperature}" }
    // What the upstream received: the typed request, unicode intact.
    val forwarded = Json.parseToJsonElement(upstreamLog.readLines().last()).jsonObject
    expect(forwarded["temperature"]?.jsonPrimitive?.content == "0.25") { "upstream got $forwarded" }
    val content = forwarded["messages"]?.jsonArray?.last()?.jsonObject?.get("content")?.jsonPrimitive?.content
    expect(content == "héllo 👋") { "upstream content: $content" }

    val page = client.queryOpenAiChat(QueryOpenAiChat(tag = "e2e", state = JobState.Completed))
    expect(page.total == 1L) { "total: ${page.total}" }
    expect(page.results.firstOrNull()?.refId == "e2e-1") { "results: ${page.results}" }
}

private suspend fun synchronousCompletion(client: AiServerClient) {
    val response = client.openAiChatCompletion(OpenAiChatCompletion(model = "echo", messages = listOf(userMessage("sync"))))
    expect(response.`object` == "chat.completion") { "object: ${response.`object`}" }
    val reply = text(response.choices.firstOrNull()?.message)
    expect(reply == "echo: sync") { "reply: $reply" }
    expect(response.usage?.totalTokens == 5L) { "usage: ${response.usage}" }
}

private suspend fun errors(client: AiServerClient) {
    val notFound = expectApiError { client.getOpenAiChat(GetOpenAiChat(refId = "no-such-job")) }
    expect(notFound.status == 404) { "status: ${notFound.status}" }
    expect(notFound.responseStatus?.errorCode == "NotFound") { "responseStatus: ${notFound.responseStatus}" }

    val invalid = expectApiError {
        client.createOpenAiChat(CreateOpenAiChat(request = OpenAiChat(model = "echo", messages = emptyList())))
    }
    expect(invalid.status == 400) { "status: ${invalid.status}" }
    val field = invalid.responseStatus?.errors?.firstOrNull()?.fieldName
    expect(field == "request.messages") { "fieldName: $field in ${invalid.body}" }

    val anonymous = AiServerClient(baseUrl, bearerToken = "wrong")
    val unauthorized = expectApiError {
        anonymous.openAiChatCompletion(OpenAiChatCompletion(model = "echo", messages = emptyList()))
    }
    expect(unauthorized.status == 401) { "status: ${unauthorized.status}" }
    expect(unauthorized.responseStatus != null) { "an OpenAI-shaped 401 becomes a ResponseStatus: ${unauthorized.body}" }
    expect(unauthorized.message?.contains("401") == true) { "message: ${unauthorized.message}" }

    // Nothing listens on a port that was just closed: the connection failure arrives as ApiException status 0.
    val closedPort = ServerSocket(0).use { it.localPort }
    val offline = AiServerClient("http://127.0.0.1:$closedPort", maxRetries = 0)
    val down = expectApiError { offline.getOpenAiChat(GetOpenAiChat(id = 1)) }
    expect(down.status == 0 && !down.timedOut && down.cause != null) { "offline: $down (${down.cause})" }
}

private fun lastUpstreamBody(): JsonObject = Json.parseToJsonElement(upstreamLog.readLines().last()).jsonObject

/** Issue 11: an extra property set in code reaches the upstream; unknown properties of a reply are kept. */
private suspend fun unknownPropertiesKept(client: AiServerClient) {
    val request = OpenAiChatCompletion(
        model = "echo",
        messages = listOf(userMessage("extra")),
        extra = buildJsonObject { put("top_k", 40) },
    )
    val reply = client.openAiChatCompletion(request)
    expect(text(reply.choices.firstOrNull()?.message) == "echo: extra") { "reply: $reply" }
    val forwarded = lastUpstreamBody()
    expect(forwarded["top_k"] == JsonPrimitive(40)) { "upstream got $forwarded" }

    val file = File(vectors, "OpenAiChatResponse/vendor-reasoning.json")
    val decoded = AiServerJson.decodeFromString(OpenAiChatResponse.serializer(), file.readText())
    val reasoning = decoded.choices.first().message.extra["reasoning_content"]?.jsonPrimitive?.content
    expect(reasoning?.startsWith("17 × 24 = 17 × 20") == true) { "reasoning_content: $reasoning" }
    expect(decoded.extra["provider"] == JsonPrimitive("deepseek")) { "top level extra: ${decoded.extra}" }
    expect(decoded.usage?.extra?.containsKey("queue_time") == true) { "usage extra: ${decoded.usage?.extra}" }
    val again = Json.parseToJsonElement(AiServerJson.encodeToString(OpenAiChatResponse.serializer(), decoded))
    expect(again == Json.parseToJsonElement(file.readText())) { "re-encoded: $again" }

    // Numbers in unknown properties and in free-form JSON come back exactly as written.
    val exact = """{"id": "x", "object": "chat.completion", "created": 1, "model": "m", "choices": [],
        "x_cost": 1.50, "x_big": 123456789012345678901234567890}"""
    val exactAgain = AiServerJson.encodeToString(
        OpenAiChatResponse.serializer(),
        AiServerJson.decodeFromString(OpenAiChatResponse.serializer(), exact),
    )
    expect("1.50" in exactAgain && "123456789012345678901234567890" in exactAgain) { "numbers: $exactAgain" }
    val tool = """{"type": "function", "function": {"name": "f", "parameters": {"maximum": 1.50, "x": 1e400}}}"""
    val toolAgain = AiServerJson.encodeToString(OpenAiTool.serializer(), AiServerJson.decodeFromString(OpenAiTool.serializer(), tool))
    expect("1.50" in toolAgain && "1e400" in toolAgain) { "free JSON numbers: $toolAgain" }
}

/** Issue 10: streamed chunks, assembled; through ai-server and straight from the upstream's SSE forms. */
private suspend fun streaming(client: AiServerClient) {
    suspend fun assembled(c: AiServerClient, model: String, say: String): String {
        val chunks = c.openAiChatCompletionStream(OpenAiChatCompletion(model = model, messages = listOf(userMessage(say)))).toList()
        expect(chunks.isNotEmpty()) { "no chunks" }
        return chunks.joinToString("") { chunk -> chunk.choices.joinToString("") { it.delta.content ?: "" } }
    }
    val viaServer = assembled(client, "echo", "stream me please")
    expect(viaServer == "echo: stream me please") { "via ai-server: $viaServer" }
    expect(lastUpstreamBody()["stream"] == JsonPrimitive(true)) { "the flag was not set: ${lastUpstreamBody()}" }
    // Directly against the stand-in upstream: comments, event lines, CRLF, a two-line data event.
    val upstream = AiServerClient(upstreamUrl, bearerToken = apiKey)
    val direct = assembled(upstream, "echo", "straight from upstream")
    expect(direct == "echo: straight from upstream") { "direct: $direct" }

    // trickle: 200 ms between events; the first chunk arrives well before the end.
    val start = TimeSource.Monotonic.markNow()
    var first: kotlin.time.Duration? = null
    client.openAiChatCompletionStream(OpenAiChatCompletion(model = "trickle", messages = listOf(userMessage("one two three four five"))))
        .collect { if (first == null) first = start.elapsedNow() }
    val total = start.elapsedNow()
    val firstAt = checkNotNull(first) { "no chunk" }
    expect(firstAt < total - 600.milliseconds) { "first chunk at $firstAt, stream ended at $total" }

    // Stopping early closes the connection (and does not throw).
    val one = client.openAiChatCompletionStream(OpenAiChatCompletion(model = "trickle", messages = listOf(userMessage("a b c d e f"))))
        .first()
    expect(one.`object` == "chat.completion.chunk") { "first: $one" }
}

private suspend fun streamFailures(client: AiServerClient) {
    val cut = expectApiError {
        client.openAiChatCompletionStream(OpenAiChatCompletion(model = "cut", messages = listOf(userMessage("cut me")))).toList()
    }
    expect(cut.message?.isNotEmpty() == true) { "cut: $cut" }
    val errorEvent = expectApiError {
        client.openAiChatCompletionStream(OpenAiChatCompletion(model = "error-event", messages = listOf(userMessage("boom")))).toList()
    }
    expect(errorEvent.message?.contains("the model crashed") == true || errorEvent.body.contains("error")) { "error event: $errorEvent" }
}

private suspend fun retriesAndTimeouts() {
    val upstream = AiServerClient(upstreamUrl, bearerToken = apiKey)
    // 429 with retry-after-ms 150 on the first call per message: retried, then answered.
    val message = "rate limited ${System.nanoTime()}"
    val started = TimeSource.Monotonic.markNow()
    val reply = upstream.openAiChatCompletion(OpenAiChatCompletion(model = "rate-limited", messages = listOf(userMessage(message))))
    expect(text(reply.choices.firstOrNull()?.message) == "echo: $message") { "reply: $reply" }
    val sent = upstreamLog.readLines().count { it.contains(message) }
    expect(sent == 2) { "the upstream saw the message $sent times" }
    expect(started.elapsedNow() < 900.milliseconds) { "retry-after-ms (150) not honoured: ${started.elapsedNow()}" }
    // A streamed call is retried too, before its first event.
    val streamed = "rate limited stream ${System.nanoTime()}"
    val chunks = upstream.openAiChatCompletionStream(OpenAiChatCompletion(model = "rate-limited", messages = listOf(userMessage(streamed)))).toList()
    expect(chunks.isNotEmpty()) { "no chunks after the 429" }
    expect(upstreamLog.readLines().count { it.contains(streamed) } == 2) { "stream not retried" }

    // 503 with a non-JSON body: retried, then the status, the text and the request id.
    val before = upstreamLog.readLines().size
    val unavailable = expectApiError {
        upstream.openAiChatCompletion(OpenAiChatCompletion(model = "unavailable", messages = listOf(userMessage("anyone?"))))
    }
    expect(upstreamLog.readLines().size - before == 3) { "attempts: ${upstreamLog.readLines().size - before}" }
    expect(unavailable.status == 503) { "status: ${unavailable.status}" }
    expect(unavailable.body.contains("upstream overloaded") && unavailable.message?.contains("upstream overloaded") == true) { "$unavailable" }
    expect(unavailable.requestId == "req-unavailable" && unavailable.message?.contains("req-unavailable") == true) { "$unavailable" }

    // slow sleeps 3 s: a 0.5 s timeout without retries fails fast with status 0.
    val impatient = AiServerClient(upstreamUrl, bearerToken = apiKey, timeout = 500.milliseconds, maxRetries = 0)
    val clock = TimeSource.Monotonic.markNow()
    val timedOut = expectApiError {
        impatient.openAiChatCompletion(OpenAiChatCompletion(model = "slow", messages = listOf(userMessage("zzz"))))
    }
    val took = clock.elapsedNow()
    expect(timedOut.status == 0 && timedOut.timedOut) { "timeout: $timedOut" }
    expect(took < 2000.milliseconds) { "the timeout took $took" }

    // The caller's own cancellation (here its own timeout) stays the coroutine's, not an ApiException.
    try {
        withTimeout(300.milliseconds) {
            upstream.openAiChatCompletion(OpenAiChatCompletion(model = "slow", messages = listOf(userMessage("cancel me"))))
        }
        throw AssertionError("expected the caller's timeout")
    } catch (e: TimeoutCancellationException) {
        // expected
    }
}

/** One request the local stand-in server received. */
private class Seen(val method: String, val path: String, val query: String?, val headers: Headers, val body: String)

/** The client against a local server whose answers the test controls. */
private suspend fun againstLocalServer() {
    val seen = CopyOnWriteArrayList<Seen>()
    val server = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)
    server.createContext("/") { exchange ->
        val uri = exchange.requestURI
        val body = exchange.requestBody.readBytes().decodeToString()
        seen += Seen(exchange.requestMethod, uri.path, uri.rawQuery, exchange.requestHeaders, body)
        val (status, reply) = when {
            uri.path == "/api/CreateOpenAiChat" -> 200 to """{"id": 9007199254740993, "refId": "r-1", "extra": "ignored"}"""
            uri.path == "/api/GetOpenAiChat" && uri.rawQuery == "refId=missing" ->
                404 to """{"responseStatus": {"errorCode": "NotFound", "message": "no job missing", "errors": []}}"""
            uri.path == "/api/QueryOpenAiChat" -> 200 to "{not json"
            uri.path == "/v1/chat/completions" ->
                401 to """{"error": {"message": "bad key", "type": "invalid_request_error", "code": "invalid_api_key"}}"""
            else -> 200 to """{"result": "wrong shape"}"""
        }
        val bytes = reply.encodeToByteArray()
        exchange.responseHeaders.add("Content-Type", "application/json")
        exchange.sendResponseHeaders(status, bytes.size.toLong())
        exchange.responseBody.use { it.write(bytes) }
    }
    server.start()
    try {
        val local = "http://127.0.0.1:${server.address.port}/"
        val client = AiServerClient(local, bearerToken = "secret")
        val created = client.createOpenAiChat(
            CreateOpenAiChat(refId = "r-1", tag = "t", request = OpenAiChat(model = "m", messages = listOf(userMessage("hi")))),
        )
        expect(created.id == 9007199254740993L && created.refId == "r-1") { "response: $created" }
        val post = seen.last()
        expect(post.method == "POST" && post.path == "/api/CreateOpenAiChat") { "${post.method} ${post.path}" }
        expect(post.headers.getFirst("Authorization") == "Bearer secret") { "authorization: ${post.headers}" }
        expect(post.headers.getFirst("Content-Type") == "application/json") { "content type: ${post.headers}" }
        val sent = Json.parseToJsonElement(post.body)
        val expected = Json.parseToJsonElement(
            """{"refId": "r-1", "tag": "t", "request": {"model": "m", "messages": [{"role": "user", "content": "hi"}]}}""",
        )
        expect(sent == expected) { "body: ${post.body}" }

        val anonymous = AiServerClient(local)
        val notFound = expectApiError { anonymous.getOpenAiChat(GetOpenAiChat(refId = "missing")) }
        expect(notFound.status == 404 && notFound.responseStatus?.errorCode == "NotFound") { "$notFound" }
        expect(notFound.message?.contains("no job missing") == true) { "message: ${notFound.message}" }
        val get = seen.last()
        expect(get.method == "GET" && get.query == "refId=missing" && get.body.isEmpty()) { "${get.method} ${get.query}" }
        expect(get.headers.getFirst("Authorization") == null) { "authorization sent without a token" }

        val openAi = expectApiError { client.openAiChatCompletion(OpenAiChatCompletion(model = "m", messages = emptyList())) }
        expect(openAi.status == 401) { "status: ${openAi.status}" }
        expect(openAi.responseStatus?.errorCode == "invalid_api_key") { "responseStatus: ${openAi.responseStatus}" }
        expect(openAi.responseStatus?.message == "bad key") { "responseStatus: ${openAi.responseStatus}" }

        val notJson = expectApiError { client.queryOpenAiChat(QueryOpenAiChat(take = 5, tag = "a b&c")) }
        expect(notJson.message?.contains("not JSON") == true) { "message: ${notJson.message}" }
        expect(seen.last().query == "tag=a%20b%26c&take=5") { "query: ${seen.last().query}" }
        val wrongShape = expectApiError { client.getOpenAiChat(GetOpenAiChat(id = 1)) }
        expect(wrongShape.message?.contains("unexpected response") == true) { "message: ${wrongShape.message}" }
    } finally {
        server.stop(0)
    }
}

fun main() {
    val client = AiServerClient(baseUrl, bearerToken = apiKey)
    val tests = listOf<Pair<String, suspend () -> Unit>>(
        "POST body, bearer token, query parameters and error shapes against a local server" to { againstLocalServer() },
        "queue a job, follow it by RefId to completion, find it by tag" to { queueFollowAndQuery(client) },
        "the synchronous OpenAI-compatible endpoint answers typed" to { synchronousCompletion(client) },
        "server errors arrive as ApiException with the ResponseStatus" to { errors(client) },
        "unknown properties: an extra top_k reaches the upstream, a vendor reply keeps reasoning_content" to {
            unknownPropertiesKept(client)
        },
        "streaming: echo via ai-server and from the upstream directly, trickle arrives early, first() stops" to {
            streaming(client)
        },
        "streaming: a cut stream and an error event raise ApiException" to { streamFailures(client) },
        "retries: 429 Retry-After retried, 503 text with request id, a 0.5 s timeout, the caller's cancellation unwrapped" to { retriesAndTimeouts() },
    )
    var failed = 0
    for ((name, test) in tests) {
        try {
            runBlocking { test() }
            println("ok $name")
        } catch (e: Throwable) {
            failed++
            println("FAIL $name: $e")
        }
    }
    println("${tests.size - failed} passed, $failed failed")
    exitProcess(if (failed == 0) 0 else 1)
}
