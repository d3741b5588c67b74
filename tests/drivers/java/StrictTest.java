// Decoding strictness and unknown properties of the generated Java types, with a
// plain ObjectMapper (the user's default settings): no Jackson coercion, required
// properties enforced, a value matching no union variant refused, nothing lost.
// A plain program: exits non-zero when an assertion fails.

import ai.server.client.OpenAiChat;
import ai.server.client.OpenAiChatResponse;
import ai.server.client.OpenAiMessage;
import ai.server.client.OpenAiMessageContent;
import ai.server.client.OpenAiRole;
import ai.server.client.OpenAiStop;
import ai.server.client.OpenAiToolChoice;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Objects;

public final class StrictTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static int passed;
    private static int failed;

    private StrictTest() {
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

    /** Decoding {@code json} as {@code type} fails; returns the error's message. */
    private static String refused(Class<?> type, String json) {
        Object decoded;
        try {
            decoded = MAPPER.readValue(json.replace('\'', '"'), type);
        } catch (Exception e) {
            return e.getMessage();
        }
        throw new AssertionError(type.getSimpleName() + " decoded " + json + " as " + decoded);
    }

    private static <T> T decoded(Class<T> type, String json) throws Exception {
        return MAPPER.readValue(json.replace('\'', '"'), type);
    }

    private static void roundTrips(Class<?> type, String json) throws Exception {
        String text = json.replace('\'', '"');
        JsonNode expected = MAPPER.readTree(text);
        JsonNode actual = MAPPER.readTree(MAPPER.writeValueAsString(MAPPER.readValue(text, type)));
        equal(expected, actual, "round trip of " + type.getSimpleName());
    }

    public static void main(String[] args) {
        test("a message without its required role is refused", () -> {
            String message = refused(OpenAiMessage.class, "{'content': 'hi'}");
            check(message.contains("role"), "the error names the property: " + message);
            refused(OpenAiMessage.class, "{'role': null, 'content': 'hi'}");
            refused(OpenAiChat.class, "{'model': 'm'}");
        });

        test("no coercion: false is not a string, '12' is not an int, 1.5 is not an int", () -> {
            String message = refused(OpenAiChat.class, "{'model': false, 'messages': []}");
            check(message.contains("model") || message.contains("string"), "the error says what: " + message);
            refused(OpenAiChat.class, "{'model': 'm', 'messages': [], 'n': '12'}");
            refused(OpenAiChat.class, "{'model': 'm', 'messages': [], 'max_tokens': 1.5}");
            refused(OpenAiChat.class, "{'model': 'm', 'messages': [], 'stream': 'true'}");
            refused(OpenAiChat.class, "{'model': 'm', 'messages': [], 'temperature': '0.5'}");
            refused(OpenAiChat.class, "{'model': 'm', 'messages': [], 'logit_bias': {'50256': '-100'}}");
            refused(OpenAiChat.class, "{'model': 12, 'messages': []}");
            refused(OpenAiMessage.class, "{'role': false}");
            refused(OpenAiMessage.class, "{'role': 'user', 'name': 7}");
            equal(12, decoded(OpenAiChat.class, "{'model': 'm', 'messages': [], 'n': 12}").getN(), "an int");
        });

        test("int64 beyond its range is refused, never wrapped or rounded", () -> {
            refused(OpenAiChat.class, "{'model': 'm', 'messages': [], 'seed': 9223372036854775808}");
            refused(OpenAiChat.class, "{'model': 'm', 'messages': [], 'n': 2147483648}");
            equal(9007199254740993L,
                    decoded(OpenAiChat.class, "{'model': 'm', 'messages': [], 'seed': 9007199254740993}").getSeed(),
                    "2^53+1 exact");
        });

        test("an object or value matching no union variant is refused", () -> {
            refused(OpenAiToolChoice.class, "{'unexpected': 1}");
            refused(OpenAiToolChoice.class, "{'type': 'function'}");
            refused(OpenAiToolChoice.class, "12");
            refused(OpenAiMessageContent.class, "{'text': 'hi'}");
            refused(OpenAiMessageContent.class, "[{'text': 'no type'}]");
            refused(OpenAiStop.class, "['a', 1]");
            refused(OpenAiStop.class, "false");
            check(decoded(OpenAiToolChoice.class, "{'type': 'function', 'function': {'name': 'f'}}")
                    instanceof OpenAiToolChoice.NamedValue, "the named tool choice decodes");
            check(decoded(OpenAiStop.class, "['a', 'b']") instanceof OpenAiStop.MultipleValue, "a list of stops");
        });

        test("unknown properties are kept at every depth, verbatim", () -> {
            roundTrips(OpenAiMessage.class,
                    "{'role': 'user', 'content': [{'type': 'text', 'text': 'x', 'x_meta': {'a': [1, null, {}], 'b': []}}],"
                            + " 'x_null': null, 'x_nulls': [null, {'a': null}], 'x_big': 123456789012345678901234567890, 'reasoning_content': 'r'}");
            OpenAiMessage message = decoded(OpenAiMessage.class, "{'role': 'assistant', 'reasoning_content': 'because'}");
            equal("because", message.getAdditionalProperties().get("reasoning_content").textValue(), "reasoning_content");
            equal(message, decoded(OpenAiMessage.class, "{'role': 'assistant', 'reasoning_content': 'because'}"),
                    "equals includes unknown properties");
            check(!message.equals(new OpenAiMessage(OpenAiRole.ASSISTANT)), "unknown properties count in equals");
        });

        test("extra properties set in code are sent", () -> {
            OpenAiChat chat = new OpenAiChat("m", List.of(new OpenAiMessage(OpenAiRole.USER)
                    .setContent(OpenAiMessageContent.ofText("hi"))
                    .setAdditionalProperty("cache_control", MAPPER.createObjectNode().put("type", "ephemeral"))))
                    .setAdditionalProperty("top_k", JsonNodeFactory.instance.numberNode(40))
                    .setAdditionalProperty("dropped", JsonNodeFactory.instance.numberNode(1))
                    .setAdditionalProperty("dropped", null);
            JsonNode json = MAPPER.valueToTree(chat);
            equal(40, json.get("top_k").intValue(), "top_k");
            equal("ephemeral", json.at("/messages/0/cache_control/type").textValue(), "cache_control");
            check(!json.has("dropped"), "a null value removes the property");
        });

        test("a known optional null is dropped, an unknown null kept", () -> {
            JsonNode json = MAPPER.valueToTree(decoded(OpenAiChatResponse.class,
                    "{'id': 'x', 'object': 'chat.completion', 'created': 1, 'model': 'm', 'choices': [],"
                            + " 'system_fingerprint': null, 'x_audio': null, 'x_vendor': {'a': null}}"));
            check(!json.has("system_fingerprint"), "known null dropped: " + json);
            check(json.has("x_audio") && json.get("x_audio").isNull(), "an unknown null kept: " + json);
            check(json.at("/x_vendor/a").isNull(), "a null inside an unknown property kept: " + json);
        });

        System.out.println(passed + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }
}
