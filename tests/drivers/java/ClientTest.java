// End to end: the generated Java client against the real ai-server, run under
// tests/drivers/ai_server_fixture.py (AI_SERVER_URL, AI_SERVER_KEY, AI_SERVER_UPSTREAM_LOG).
// A plain program: exits non-zero when an assertion fails.

import ai.server.client.AiServerClient;
import ai.server.client.ApiException;
import ai.server.client.CreateOpenAiChat;
import ai.server.client.CreateOpenAiChatResponse;
import ai.server.client.GetOpenAiChat;
import ai.server.client.JobState;
import ai.server.client.OpenAiChat;
import ai.server.client.OpenAiChatChunk;
import ai.server.client.OpenAiChatCompletion;
import ai.server.client.OpenAiChatJob;
import ai.server.client.OpenAiChatResponse;
import ai.server.client.OpenAiMessage;
import ai.server.client.OpenAiMessageContent;
import ai.server.client.OpenAiRole;
import ai.server.client.QueryOpenAiChat;
import ai.server.client.QueryOpenAiChatResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.stream.Stream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

public final class ClientTest {
    private static int passed;
    private static int failed;

    private ClientTest() {
    }

    private interface Check {
        void run() throws Exception;
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    private static void equal(Object expected, Object actual, String what) {
        if (!Objects.equals(expected, actual)) {
            throw new AssertionError(what + ": expected <" + expected + "> but was <" + actual + ">");
        }
    }

    private static ApiException expectApiException(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected an ApiException");
    }

    private static String text(OpenAiMessageContent content) {
        check(content instanceof OpenAiMessageContent.TextValue, "content is a string: " + content);
        return ((OpenAiMessageContent.TextValue) content).value();
    }

    private static OpenAiMessage user(String content) {
        return new OpenAiMessage(OpenAiRole.USER).setContent(OpenAiMessageContent.ofText(content));
    }

    /** The text of a streamed answer, and when its first and last chunks arrived (ms after the call). */
    private record Streamed(String text, int chunks, long firstMs, long endMs) {
    }

    private static Streamed collect(AiServerClient client, String model, String message) {
        long start = System.nanoTime();
        StringBuilder text = new StringBuilder();
        long first = -1;
        int chunks = 0;
        try (Stream<OpenAiChatChunk> stream = client.openAiChatCompletionStream(
                new OpenAiChatCompletion(model, List.of(user(message))))) {
            for (Iterator<OpenAiChatChunk> it = stream.iterator(); it.hasNext();) {
                OpenAiChatChunk chunk = it.next();
                if (first < 0) {
                    first = (System.nanoTime() - start) / 1_000_000;
                }
                chunks++;
                if (chunk.getChoices() != null && !chunk.getChoices().isEmpty()
                        && chunk.getChoices().get(0).getDelta() != null
                        && chunk.getChoices().get(0).getDelta().getContent() != null) {
                    text.append(chunk.getChoices().get(0).getDelta().getContent());
                }
            }
        }
        return new Streamed(text.toString(), chunks, first, (System.nanoTime() - start) / 1_000_000);
    }

    private static long countInLog(Path log, String message) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        long count = 0;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            JsonNode body = mapper.readTree(line);
            JsonNode messages = body.path("messages");
            if (messages.size() > 0 && message.equals(messages.get(messages.size() - 1).path("content").asText())) {
                count++;
            }
        }
        return count;
    }

    private static void test(String name, Check check) {
        try {
            check.run();
            passed++;
            System.out.println("ok " + name);
        } catch (Exception | AssertionError e) {
            failed++;
            System.out.println("FAIL " + name + ": " + e);
            e.printStackTrace(System.out);
        }
    }

    public static void main(String[] args) {
        String baseUrl = System.getenv("AI_SERVER_URL");
        String key = System.getenv("AI_SERVER_KEY");
        Path upstreamLog = Path.of(System.getenv("AI_SERVER_UPSTREAM_LOG"));
        AiServerClient client = new AiServerClient(baseUrl + "/", key);

        test("queue a job, follow it by RefId to completion, find it by tag", () -> {
            OpenAiChat chat = new OpenAiChat("echo", List.of(user("héllo 👋"))).setTemperature(0.25);
            CreateOpenAiChatResponse queued =
                    client.createOpenAiChat(new CreateOpenAiChat(chat).setRefId("e2e-1").setTag("e2e"));
            equal("e2e-1", queued.getRefId(), "refId");
            check(queued.getId() != null, "an id");

            OpenAiChatJob job = null;
            for (int attempt = 0; attempt < 100; attempt++) {
                job = client.getOpenAiChat(new GetOpenAiChat().setRefId("e2e-1")).getResult();
                if (job != null && (JobState.COMPLETED.equals(job.getState()) || JobState.FAILED.equals(job.getState()))) {
                    break;
                }
                Thread.sleep(50);
            }
            check(job != null, "the job is found");
            equal(JobState.COMPLETED, job.getState(), "state of " + job);
            check(job.getState() == JobState.COMPLETED, "known enum values decode to the constant");
            equal(queued.getId(), job.getId(), "job id");
            equal("echo: héllo 👋", text(job.getResponse().getChoices().get(0).getMessage().getContent()), "echo");
            equal(0.25, job.getRequest().getTemperature(), "temperature");

            List<String> lines = Files.readAllLines(upstreamLog, StandardCharsets.UTF_8);
            JsonNode upstream = new ObjectMapper().readTree(lines.get(lines.size() - 1));
            equal("héllo 👋", upstream.at("/messages/0/content").asText(), "content sent upstream");
            equal(0.25, upstream.get("temperature").asDouble(), "temperature sent upstream");
            check(!upstream.has("top_p") && !upstream.has("tools"), "unset optional fields are omitted: " + upstream);

            QueryOpenAiChatResponse page =
                    client.queryOpenAiChat(new QueryOpenAiChat().setTag("e2e").setState(JobState.COMPLETED));
            equal(1L, page.getTotal(), "total");
            equal("e2e-1", page.getResults().get(0).getRefId(), "refId of the result");
        });

        test("the synchronous OpenAI-compatible endpoint answers typed", () -> {
            OpenAiChatResponse response =
                    client.openAiChatCompletion(new OpenAiChatCompletion("echo", List.of(user("sync"))));
            equal("chat.completion", response.getObject(), "object");
            equal("echo: sync", text(response.getChoices().get(0).getMessage().getContent()), "content");
            equal(5L, response.getUsage().getTotalTokens(), "total tokens");
        });

        test("server errors arrive as ApiException with the ResponseStatus", () -> {
            ApiException notFound = expectApiException(
                    () -> client.getOpenAiChat(new GetOpenAiChat().setRefId("no-such-job")));
            equal(404, notFound.getStatus(), "status");
            equal("NotFound", notFound.getResponseStatus().getErrorCode(), "errorCode");

            ApiException invalid = expectApiException(
                    () -> client.createOpenAiChat(new CreateOpenAiChat(new OpenAiChat("echo", List.of()))));
            equal(400, invalid.getStatus(), "status");
            equal("request.messages", invalid.getResponseStatus().getErrors().get(0).getFieldName(), "fieldName");

            AiServerClient anonymous = new AiServerClient(baseUrl, "wrong");
            ApiException unauthorized = expectApiException(
                    () -> anonymous.openAiChatCompletion(new OpenAiChatCompletion("echo", List.of())));
            equal(401, unauthorized.getStatus(), "status");
            check(unauthorized.getResponseStatus() != null, "OpenAI-shaped 401 becomes a ResponseStatus");
            check(unauthorized.getMessage().contains("401"), "message names the status: " + unauthorized.getMessage());
        });

        test("no server: status 0", () -> {
            AiServerClient nowhere = new AiServerClient("http://127.0.0.1:9", key);
            ApiException error = expectApiException(() -> nowhere.openAiChatCompletion(
                    new OpenAiChatCompletion("echo", List.of(user("x")))));
            equal(0, error.getStatus(), "status");
        });

        String upstreamUrl = System.getenv("AI_SERVER_UPSTREAM_URL");
        AiServerClient upstream = new AiServerClient(upstreamUrl, key);
        ObjectMapper mapper = new ObjectMapper();

        test("an extra property set in code (top_k) reaches the upstream", () -> {
            OpenAiChatCompletion request = new OpenAiChatCompletion("echo", List.of(user("with top_k")))
                    .setAdditionalProperty("top_k", JsonNodeFactory.instance.numberNode(40));
            OpenAiChatResponse response = client.openAiChatCompletion(request);
            equal("echo: with top_k", text(response.getChoices().get(0).getMessage().getContent()), "content");
            List<String> lines = Files.readAllLines(upstreamLog, StandardCharsets.UTF_8);
            JsonNode sent = mapper.readTree(lines.get(lines.size() - 1));
            check(sent.has("top_k"), "the upstream received top_k: " + sent);
            equal(40, sent.get("top_k").intValue(), "top_k");
        });

        test("a reply with unknown properties decodes with nothing lost (vendor reasoning)", () -> {
            Path vector = Path.of(System.getProperty("vectors"), "OpenAiChatResponse", "vendor-reasoning.json");
            String json = Files.readString(vector, StandardCharsets.UTF_8);
            OpenAiChatResponse response = mapper.readValue(json, OpenAiChatResponse.class);
            JsonNode reasoning = response.getChoices().get(0).getMessage().getAdditionalProperties().get("reasoning_content");
            check(reasoning != null && reasoning.isTextual() && !reasoning.textValue().isEmpty(),
                    "reasoning_content is readable: " + reasoning);
            // Compared as parsed text (valueToTree would keep Long nodes for int64 fields).
            equal(mapper.readTree(json), mapper.readTree(mapper.writeValueAsString(response)), "re-encoded reply");
        });

        test("streaming via ai-server: chunks assemble the echo", () -> {
            Streamed streamed = collect(client, "echo", "stream me please");
            equal("echo: stream me please", streamed.text(), "streamed text");
            check(streamed.chunks() > 2, "several chunks: " + streamed.chunks());
        });

        test("streaming via ai-server: trickled chunks arrive one by one", () -> {
            Streamed streamed = collect(client, "trickle", "one two three four");
            equal("echo: one two three four", streamed.text(), "streamed text");
            check(streamed.firstMs() + 400 < streamed.endMs(),
                    "the first chunk came well before the end: " + streamed.firstMs() + " ms of " + streamed.endMs() + " ms");
        });

        test("streaming directly from the upstream: comments, event lines, CRLF, two-line data", () -> {
            Streamed streamed = collect(upstream, "echo", "direct stream");
            equal("echo: direct stream", streamed.text(), "streamed text");
        });

        test("a cut stream raises", () -> {
            ApiException error = expectApiException(() -> collect(client, "cut", "cut me"));
            check(error.getMessage() != null, "a message");
        });

        test("an error event raises the API error", () -> {
            ApiException error = expectApiException(() -> collect(client, "error-event", "fail me"));
            check(error.getStatus() != 0 || error.getResponseStatus() != null || error.getBody() != null,
                    "the error carries the event: " + error.getMessage());
        });

        test("closing a stream early closes the connection at once", () -> {
            long start = System.nanoTime();
            try (Stream<OpenAiChatChunk> stream = client.openAiChatCompletionStream(
                    new OpenAiChatCompletion("trickle", List.of(user("a b c d e f g h i j"))))) {
                check(stream.findFirst().isPresent(), "a first chunk");
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            check(ms < 1500, "closed early, after " + ms + " ms");
        });

        test("a 429 with Retry-After is retried, and the retry succeeds", () -> {
            String message = "rate limited " + System.nanoTime();
            long start = System.nanoTime();
            OpenAiChatResponse response =
                    upstream.openAiChatCompletion(new OpenAiChatCompletion("rate-limited", List.of(user(message))));
            long ms = (System.nanoTime() - start) / 1_000_000;
            equal("echo: " + message, text(response.getChoices().get(0).getMessage().getContent()), "content");
            equal(2L, countInLog(upstreamLog, message), "calls the upstream received");
            check(ms >= 100, "waited for retry-after-ms (150 ms): " + ms + " ms");
            String streamed = "rate limited stream " + System.nanoTime();
            equal("echo: " + streamed, collect(upstream, "rate-limited", streamed).text(), "a streamed call is retried");
        });

        test("503 with a non-JSON body raises after the retries, with status, text and request id", () -> {
            String message = "unavailable " + System.nanoTime();
            ApiException error = expectApiException(() -> upstream.openAiChatCompletion(
                    new OpenAiChatCompletion("unavailable", List.of(user(message)))));
            equal(503, error.getStatus(), "status");
            check(error.getMessage().contains("503"), "the message names the status: " + error.getMessage());
            check(error.getMessage().contains("upstream overloaded"), "the message shows the text: " + error.getMessage());
            equal("req-unavailable", error.getRequestId(), "request id");
            equal(3L, countInLog(upstreamLog, message), "the first call and two retries");
        });

        test("a timeout raises quickly as a timeout", () -> {
            AiServerClient impatient = upstream.withTimeout(Duration.ofMillis(500)).withMaxRetries(0);
            long start = System.nanoTime();
            ApiException error = expectApiException(() -> impatient.openAiChatCompletion(
                    new OpenAiChatCompletion("slow", List.of(user("too slow")))));
            long ms = (System.nanoTime() - start) / 1_000_000;
            check(error.isTimeout(), "a timeout: " + error);
            equal(0, error.getStatus(), "status");
            check(ms < 2000, "raised after " + ms + " ms");
            ApiException streamError = expectApiException(() -> collect(impatient, "slow", "too slow to stream"));
            check(streamError.isTimeout(), "a streamed timeout: " + streamError);
        });

        test("interrupting the calling thread cancels the call", () -> {
            List<Throwable> thrown = new ArrayList<>();
            Thread caller = new Thread(() -> {
                try {
                    upstream.withMaxRetries(0).openAiChatCompletion(
                            new OpenAiChatCompletion("slow", List.of(user("cancel me"))));
                } catch (RuntimeException e) {
                    thrown.add(e);
                }
            });
            long start = System.nanoTime();
            caller.start();
            Thread.sleep(300);
            caller.interrupt();
            caller.join(5000);
            long ms = (System.nanoTime() - start) / 1_000_000;
            check(thrown.size() == 1 && thrown.get(0) instanceof java.util.concurrent.CancellationException,
                    "a CancellationException: " + thrown);
            check(ms < 2000, "cancelled after " + ms + " ms");
        });

        System.out.println(passed + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }
}
