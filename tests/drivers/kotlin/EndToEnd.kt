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
import aiserverclient.OpenAiMessage
import aiserverclient.OpenAiMessageContent
import aiserverclient.OpenAiRole
import aiserverclient.QueryOpenAiChat
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.io.File
import kotlin.system.exitProcess

private val baseUrl = System.getenv("AI_SERVER_URL") ?: error("run under ai_server_fixture.py")
private val apiKey = System.getenv("AI_SERVER_KEY") ?: error("AI_SERVER_KEY is not set")
private val upstreamLog = File(System.getenv("AI_SERVER_UPSTREAM_LOG") ?: error("AI_SERVER_UPSTREAM_LOG is not set"))

private fun expect(condition: Boolean, message: () -> String) {
    if (!condition) throw AssertionError(message())
}

private fun userMessage(text: String) = OpenAiMessage(role = OpenAiRole.User, content = OpenAiMessageContent.StringValue(text))

private fun text(message: OpenAiMessage?): String? = (message?.content as? OpenAiMessageContent.StringValue)?.value

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
}

fun main() {
    val client = AiServerClient(baseUrl, bearerToken = apiKey)
    val tests = listOf<Pair<String, suspend () -> Unit>>(
        "queue a job, follow it by RefId to completion, find it by tag" to { queueFollowAndQuery(client) },
        "the synchronous OpenAI-compatible endpoint answers typed" to { synchronousCompletion(client) },
        "server errors arrive as ApiException with the ResponseStatus" to { errors(client) },
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
