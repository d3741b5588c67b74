"""End to end: the generated Python client against the real ai-server.

Run under tests/drivers/ai_server_fixture.py, which starts the server and a
stand-in upstream and sets AI_SERVER_URL, AI_SERVER_KEY and AI_SERVER_UPSTREAM_LOG:

    PYTHONPATH=<package>/src python3 ai_server_fixture.py --server <ai-server> -- python3 e2e_test.py
"""

import json
import os
import time
import unittest

from ai_server_client import (
    AiServerClient,
    ApiError,
    ApiTimeoutError,
    CreateOpenAiChat,
    GetOpenAiChat,
    JobState,
    OpenAiChat,
    OpenAiChatCompletion,
    OpenAiChatResponse,
    OpenAiMessage,
    OpenAiRole,
    QueryOpenAiChat,
)

BASE_URL = os.environ["AI_SERVER_URL"]
KEY = os.environ["AI_SERVER_KEY"]
UPSTREAM_URL = os.environ["AI_SERVER_UPSTREAM_URL"]
VECTORS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "vectors")


def chat(model, text, **extra):
    return OpenAiChatCompletion(
        model=model, messages=[OpenAiMessage(role=OpenAiRole.USER, content=text)], extra=extra
    )


def assemble(chunks):
    return "".join(choice.delta.content or "" for chunk in chunks for choice in chunk.choices)


def upstream_bodies():
    with open(os.environ["AI_SERVER_UPSTREAM_LOG"], encoding="utf-8") as log:
        return [json.loads(line) for line in log if line.strip()]


class EndToEndTest(unittest.TestCase):
    def test_queue_a_job_follow_it_by_ref_id_to_completion_and_find_it_by_tag(self):
        client = AiServerClient(BASE_URL, bearer_token=KEY)
        queued = client.create_open_ai_chat(
            CreateOpenAiChat(
                ref_id="e2e-1",
                tag="e2e",
                request=OpenAiChat(
                    model="echo",
                    messages=[OpenAiMessage(role=OpenAiRole.USER, content="héllo 👋")],
                    temperature=0.25,
                ),
            )
        )
        self.assertEqual(queued.ref_id, "e2e-1")
        self.assertIsInstance(queued.id, int)

        job = None
        for _ in range(100):
            job = client.get_open_ai_chat(GetOpenAiChat(ref_id="e2e-1")).result
            if job is not None and job.state in (JobState.COMPLETED, JobState.FAILED):
                break
            time.sleep(0.05)
        assert job is not None
        self.assertEqual(job.state, JobState.COMPLETED, job)
        self.assertEqual(job.id, queued.id)
        assert job.response is not None
        self.assertEqual(job.response.choices[0].message.content, "echo: héllo 👋")
        self.assertEqual(job.request.temperature, 0.25)
        # What reached the upstream: the unicode intact, unset optional fields left out.
        sent = upstream_bodies()[-1]
        self.assertEqual(sent["messages"], [{"role": "user", "content": "héllo 👋"}])
        self.assertEqual(sent["temperature"], 0.25)
        self.assertNotIn("stop", sent)
        self.assertNotIn("tools", sent)

        page = client.query_open_ai_chat(QueryOpenAiChat(tag="e2e", state=JobState.COMPLETED))
        self.assertEqual(page.total, 1)
        self.assertEqual(page.results[0].ref_id, "e2e-1")

    def test_the_synchronous_openai_compatible_endpoint_answers_typed(self):
        client = AiServerClient(BASE_URL, bearer_token=KEY)
        response = client.open_ai_chat_completion(
            OpenAiChatCompletion(model="echo", messages=[OpenAiMessage(role=OpenAiRole.USER, content="sync")])
        )
        self.assertEqual(response.object, "chat.completion")
        self.assertEqual(response.choices[0].message.content, "echo: sync")
        assert response.usage is not None
        self.assertEqual(response.usage.total_tokens, 5)

    def test_server_errors_arrive_as_api_error_with_the_response_status(self):
        client = AiServerClient(BASE_URL, bearer_token=KEY)
        with self.assertRaises(ApiError) as caught:
            client.get_open_ai_chat(GetOpenAiChat(ref_id="no-such-job"))
        self.assertEqual(caught.exception.status, 404)
        assert caught.exception.response_status is not None
        self.assertEqual(caught.exception.response_status.error_code, "NotFound")

        with self.assertRaises(ApiError) as caught:
            client.create_open_ai_chat(CreateOpenAiChat(request=OpenAiChat(model="echo", messages=[])))
        self.assertEqual(caught.exception.status, 400)
        status = caught.exception.response_status
        assert status is not None and status.errors
        self.assertEqual(status.errors[0].field_name, "request.messages")

        anonymous = AiServerClient(BASE_URL, bearer_token="wrong")
        with self.assertRaises(ApiError) as caught:
            anonymous.open_ai_chat_completion(OpenAiChatCompletion(model="echo", messages=[]))
        self.assertEqual(caught.exception.status, 401)
        self.assertIsNotNone(caught.exception.response_status, "an OpenAI-shaped 401 becomes a ResponseStatus")



class LosslessWireTest(unittest.TestCase):
    def test_an_extra_property_set_in_code_reaches_the_upstream(self):
        client = AiServerClient(BASE_URL, bearer_token=KEY)
        response = client.open_ai_chat_completion(chat("echo", "extra", top_k=40, options={"num_ctx": 8192}))
        self.assertEqual(response.choices[0].message.content, "echo: extra")
        sent = upstream_bodies()[-1]
        self.assertEqual(sent["top_k"], 40)
        self.assertEqual(sent["options"], {"num_ctx": 8192})

    def test_a_reply_with_unknown_properties_decodes_with_nothing_lost(self):
        with open(os.path.join(VECTORS, "OpenAiChatResponse", "vendor-reasoning.json"), encoding="utf-8") as file:
            original = json.load(file)
        reply = OpenAiChatResponse.from_dict(original)
        message = reply.choices[0].message
        self.assertTrue(message.extra["reasoning_content"].startswith("17 × 24"))
        self.assertEqual(message.extra["x_message_meta"], {"tokens": [1, 2, 3], "empty": {}})
        self.assertEqual(reply.extra["provider"], "deepseek")
        self.assertIsNone(reply.choices[0].extra["matched_stop"])
        self.assertEqual(reply.to_dict(), original)


class StreamingTest(unittest.TestCase):
    def test_a_stream_through_ai_server_assembles_the_echo(self):
        client = AiServerClient(BASE_URL, bearer_token=KEY)
        request = chat("echo", "stream me please")
        chunks = list(client.open_ai_chat_completion_stream(request))
        self.assertEqual(assemble(chunks), "echo: stream me please")
        self.assertIsNone(request.stream, "the caller's request is not changed")
        self.assertIs(upstream_bodies()[-1]["stream"], True)
        self.assertEqual(chunks[0].object, "chat.completion.chunk")

    def test_a_trickled_stream_yields_chunks_as_they_arrive(self):
        client = AiServerClient(BASE_URL, bearer_token=KEY)
        started = time.monotonic()
        arrivals = []
        for chunk in client.open_ai_chat_completion_stream(chat("trickle", "one two three four")):
            arrivals.append(time.monotonic() - started)
        self.assertGreater(len(arrivals), 4)
        # 200 ms between events upstream: the first arrives long before the last.
        self.assertLess(arrivals[0], arrivals[-1] - 0.6, arrivals)

    def test_a_stream_straight_from_the_upstream_reads_every_sse_form(self):
        # Comments, an event line, CRLF line ends and one chunk over two data lines.
        client = AiServerClient(UPSTREAM_URL)
        chunks = list(client.open_ai_chat_completion_stream(chat("echo", "raw sse forms")))
        self.assertEqual(assemble(chunks), "echo: raw sse forms")
        self.assertEqual(chunks[-1].usage.total_tokens, 7)

    def test_leaving_the_loop_early_closes_the_stream(self):
        client = AiServerClient(BASE_URL, bearer_token=KEY)
        stream = client.open_ai_chat_completion_stream(chat("trickle", "a b c d e f g h"))
        first = next(stream)
        self.assertEqual(first.object, "chat.completion.chunk")
        started = time.monotonic()
        stream.close()
        self.assertLess(time.monotonic() - started, 0.5)
        with self.assertRaises(StopIteration):
            next(stream)

    def test_a_cut_stream_raises(self):
        client = AiServerClient(BASE_URL, bearer_token=KEY)
        received = []
        with self.assertRaises(ApiError) as caught:
            for chunk in client.open_ai_chat_completion_stream(chat("cut", "cut me off")):
                received.append(chunk)
        self.assertTrue(received, "the chunks before the cut arrive")
        self.assertIn("[DONE]", str(caught.exception))

    def test_an_error_event_raises_the_api_error(self):
        client = AiServerClient(BASE_URL, bearer_token=KEY)
        with self.assertRaises(ApiError) as caught:
            for _ in client.open_ai_chat_completion_stream(chat("error-event", "crash")):
                pass
        self.assertIn("crashed", str(caught.exception))
        self.assertIsNotNone(caught.exception.response_status)


class RetryAndTimeoutTest(unittest.TestCase):
    def test_a_429_with_retry_after_is_retried(self):
        client = AiServerClient(UPSTREAM_URL)
        started = time.monotonic()
        response = client.open_ai_chat_completion(chat("rate-limited", "retry me once"))
        self.assertEqual(response.choices[0].message.content, "echo: retry me once")
        # retry-after-ms (150 ms) wins over Retry-After (1 s).
        self.assertLess(time.monotonic() - started, 0.9)
        sent = [b for b in upstream_bodies() if b["messages"][-1]["content"] == "retry me once"]
        self.assertEqual(len(sent), 2)

    def test_a_streamed_429_is_retried_before_the_first_event(self):
        client = AiServerClient(UPSTREAM_URL)
        chunks = list(client.open_ai_chat_completion_stream(chat("rate-limited", "stream retry")))
        self.assertEqual(assemble(chunks), "echo: stream retry")
        sent = [b for b in upstream_bodies() if b["messages"][-1]["content"] == "stream retry"]
        self.assertEqual(len(sent), 2)

    def test_a_429_without_retries_raises_with_the_request_id(self):
        client = AiServerClient(UPSTREAM_URL, max_retries=0)
        with self.assertRaises(ApiError) as caught:
            client.open_ai_chat_completion(chat("rate-limited", "no retries here"))
        self.assertEqual(caught.exception.status, 429)
        self.assertEqual(caught.exception.request_id, "req-429")
        self.assertEqual(caught.exception.response_status.error_code, "rate_limited")

    def test_unavailable_raises_after_the_retries_with_status_text_and_request_id(self):
        client = AiServerClient(UPSTREAM_URL)
        before = len(upstream_bodies())
        with self.assertRaises(ApiError) as caught:
            client.open_ai_chat_completion(chat("unavailable", "anyone there?"))
        error = caught.exception
        self.assertEqual(error.status, 503)
        self.assertEqual(error.request_id, "req-unavailable")
        self.assertEqual(error.body, "<html>upstream overloaded</html>")
        self.assertIn("503", str(error))
        self.assertIn("upstream overloaded", str(error))
        self.assertIn("req-unavailable", str(error))
        self.assertEqual(len(upstream_bodies()) - before, 3, "the first try and two retries")

    def test_a_timeout_raises_quickly_as_the_clients_error(self):
        client = AiServerClient(UPSTREAM_URL, timeout=0.5, max_retries=0)
        started = time.monotonic()
        with self.assertRaises(ApiTimeoutError) as caught:
            client.open_ai_chat_completion(chat("slow", "too slow"))
        self.assertLess(time.monotonic() - started, 2.0)
        self.assertEqual(caught.exception.status, 0)
        self.assertIsInstance(caught.exception, ApiError)
        with self.assertRaises(ApiTimeoutError):
            list(client.open_ai_chat_completion_stream(chat("slow", "too slow to stream")))
        # A per-call timeout overrides the client's.
        started = time.monotonic()
        with self.assertRaises(ApiTimeoutError):
            AiServerClient(UPSTREAM_URL, max_retries=0).open_ai_chat_completion(
                chat("slow", "per call"), timeout=0.3
            )
        self.assertLess(time.monotonic() - started, 2.0)


if __name__ == "__main__":
    unittest.main()
