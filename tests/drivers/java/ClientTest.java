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

        System.out.println(passed + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }
}
