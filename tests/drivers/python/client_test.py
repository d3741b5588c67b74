"""Behaviour test of the generated Python client against a local HTTP server.

    PYTHONPATH=<package>/src python3 client_test.py
"""

import http.server
import json
import threading
import time
import unittest
import urllib.parse

from ai_server_client import (
    AiServerClient,
    ApiError,
    ApiTimeoutError,
    CreateOpenAiChat,
    DecodeError,
    GetOpenAiChat,
    OpenAiChat,
    OpenAiChatChunk,
    OpenAiChatCompletion,
    OpenAiChatResponse,
    OpenAiMessage,
    OpenAiRole,
    QueryOpenAiChat,
)
from ai_server_client.client import _EventParser

seen = []
flaky = []
REPLY = json.dumps(
    {
        "id": "c",
        "object": "chat.completion",
        "created": 1,
        "model": "m",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "ok"}, "finish_reason": "stop"}],
    }
)


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, value):
        data = (value if isinstance(value, str) else json.dumps(value)).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self):
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        seen.append({"method": self.command, "path": url.path, "query": query, "headers": self.headers, "body": body})
        if url.path == "/api/CreateOpenAiChat":
            request = json.loads(body)
            return self.reply(200, {"id": 9007199254740993, "refId": request.get("refId", "generated"), "extra": "ignored"})
        if url.path == "/api/GetOpenAiChat" and query.get("refId") == "missing":
            return self.reply(404, {"responseStatus": {"errorCode": "NotFound", "message": "no job missing", "errors": []}})
        if url.path == "/api/QueryOpenAiChat":
            return self.reply(200, "{not json")
        if url.path == "/v1/chat/completions" and json.loads(body).get("model") == "sleepy":
            time.sleep(1.5)
            try:
                return self.reply(200, {})
            except OSError:  # the client gave up waiting
                return None
        if url.path == "/v1/chat/completions" and json.loads(body).get("model") == "flaky":
            flaky.append(1)
            if len(flaky) % 2 == 1:
                self.send_response(503)
                self.send_header("retry-after", "Thu, 01 Jan 1970 00:00:00 GMT")
                self.send_header("content-length", "0")
                self.end_headers()
                return None
            return self.reply(200, json.loads(REPLY))
        if url.path == "/v1/chat/completions":
            return self.reply(401, {"error": {"message": "bad key", "type": "invalid_request_error", "code": "invalid_api_key"}})
        return self.reply(200, {"result": "wrong shape"})

    do_GET = do_POST = do_DELETE = handle_any


class ClientTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        cls.base_url = f"http://127.0.0.1:{cls.server.server_address[1]}/"

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()

    def test_post_sends_json_body_and_bearer_token_and_decodes_typed_response(self):
        client = AiServerClient(self.base_url, bearer_token="secret")
        request = CreateOpenAiChat(
            ref_id="r-1",
            tag="t",
            request=OpenAiChat(model="m", messages=[OpenAiMessage(role=OpenAiRole.USER, content="hi")]),
        )
        response = client.create_open_ai_chat(request)
        self.assertEqual(response.id, 9007199254740993)
        self.assertEqual(response.ref_id, "r-1")
        self.assertIsNone(response.response_status)
        call = seen[-1]
        self.assertEqual(call["method"], "POST")
        self.assertEqual(call["path"], "/api/CreateOpenAiChat")
        self.assertEqual(call["headers"]["authorization"], "Bearer secret")
        self.assertEqual(call["headers"]["content-type"], "application/json")
        self.assertEqual(
            json.loads(call["body"]),
            {"refId": "r-1", "tag": "t", "request": {"model": "m", "messages": [{"role": "user", "content": "hi"}]}},
        )

    def test_get_sends_query_parameters_and_a_404_raises_api_error_with_response_status(self):
        client = AiServerClient(self.base_url)
        with self.assertRaises(ApiError) as caught:
            client.get_open_ai_chat(GetOpenAiChat(ref_id="missing"))
        error = caught.exception
        self.assertEqual(error.status, 404)
        self.assertIsNotNone(error.response_status)
        self.assertEqual(error.response_status.error_code, "NotFound")
        self.assertIn("no job missing", str(error))
        call = seen[-1]
        self.assertEqual(call["method"], "GET")
        self.assertEqual(call["query"], {"refId": "missing"})
        self.assertEqual(call["body"], "")
        self.assertIsNone(call["headers"]["authorization"])

    def test_openai_shaped_errors_become_a_response_status(self):
        client = AiServerClient(self.base_url)
        with self.assertRaises(ApiError) as caught:
            client.open_ai_chat_completion(OpenAiChatCompletion(model="m", messages=[]))
        error = caught.exception
        self.assertEqual(error.status, 401)
        self.assertEqual(error.response_status.error_code, "invalid_api_key")
        self.assertEqual(error.response_status.message, "bad key")

    def test_a_body_that_is_not_json_or_not_the_expected_shape_is_an_api_error(self):
        client = AiServerClient(self.base_url)
        with self.assertRaisesRegex(ApiError, "not JSON"):
            client.query_open_ai_chat(QueryOpenAiChat(take=5))
        self.assertEqual(seen[-1]["query"], {"take": "5"})
        with self.assertRaisesRegex(ApiError, "unexpected response"):
            client.get_open_ai_chat(GetOpenAiChat(id=1))

    def test_no_server_is_an_api_error_with_status_0(self):
        probe = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        port = probe.server_address[1]
        probe.server_close()
        with self.assertRaises(ApiError) as caught:
            AiServerClient(f"http://127.0.0.1:{port}").get_open_ai_chat(GetOpenAiChat(id=1))
        self.assertEqual(caught.exception.status, 0)

    def test_decode_error_names_the_path(self):
        with self.assertRaises(DecodeError) as caught:
            OpenAiChat.from_dict({"model": "m", "messages": [{"role": 5}]})
        self.assertEqual(caught.exception.path, "$.messages[0].role")


    def test_a_read_timeout_is_the_clients_timeout_error_not_a_bare_timeout_error(self):
        client = AiServerClient(self.base_url, timeout=0.3, max_retries=0)
        started = time.monotonic()
        with self.assertRaises(ApiTimeoutError) as caught:
            client.open_ai_chat_completion(OpenAiChatCompletion(model="sleepy", messages=[]))
        self.assertLess(time.monotonic() - started, 1.2)
        self.assertEqual(caught.exception.status, 0)
        self.assertIn("timed out", str(caught.exception))

    def test_a_503_is_retried_and_a_past_retry_after_date_falls_back_to_the_backoff(self):
        client = AiServerClient(self.base_url)
        before = len(flaky)
        response = client.open_ai_chat_completion(OpenAiChatCompletion(model="flaky", messages=[]))
        self.assertEqual(response.choices[0].message.content, "ok")
        self.assertEqual(len(flaky) - before, 2)

    def test_retries_off_raises_the_first_503(self):
        if len(flaky) % 2 == 1:
            flaky.append(1)
        client = AiServerClient(self.base_url, max_retries=0)
        with self.assertRaises(ApiError) as caught:
            client.open_ai_chat_completion(OpenAiChatCompletion(model="flaky", messages=[]))
        self.assertEqual(caught.exception.status, 503)
        self.assertIn("failed with 503", str(caught.exception))


class WireTest(unittest.TestCase):
    def test_extra_properties_are_sent_and_kept_at_every_depth(self):
        message = OpenAiMessage(role=OpenAiRole.USER, content="hi", extra={"cache_control": {"type": "ephemeral"}})
        chat = OpenAiChat(model="m", messages=[message], extra={"top_k": 40, "nothing": None})
        self.assertEqual(
            chat.to_dict(),
            {
                "model": "m",
                "messages": [{"role": "user", "content": "hi", "cache_control": {"type": "ephemeral"}}],
                "top_k": 40,
                "nothing": None,
            },
        )
        decoded = OpenAiChat.from_dict(json.loads(json.dumps(chat.to_dict())))
        self.assertEqual(decoded.messages[0].extra, {"cache_control": {"type": "ephemeral"}})
        self.assertEqual(decoded.extra, {"top_k": 40, "nothing": None}, "an unknown null is kept")

    def test_int64_beyond_its_range_is_refused_with_the_path_and_kept_exact_within(self):
        reply = json.loads(REPLY)
        reply["created"] = 2**63 - 1
        self.assertEqual(OpenAiChatResponse.from_dict(reply).created, 2**63 - 1)
        for wrong in (2**63, -(2**63) - 1, 1e19):
            reply["created"] = wrong
            with self.assertRaises(DecodeError) as caught:
                OpenAiChatResponse.from_dict(reply)
            self.assertEqual(caught.exception.path, "$.created")
        reply["created"] = 9007199254740993
        self.assertEqual(OpenAiChatResponse.from_dict(reply).created, 9007199254740993)
        reply["created"] = 9007199254740994.0
        with self.assertRaises(DecodeError):
            OpenAiChatResponse.from_dict(reply)

    def test_nullable_required_fields_and_null_optional_fields_decode(self):
        chunk = OpenAiChatChunk.from_dict(
            {
                "id": "c",
                "object": "chat.completion.chunk",
                "created": 1,
                "model": "m",
                "choices": [{"index": 0, "delta": {"content": None}, "finish_reason": None}],
                "usage": None,
            }
        )
        self.assertIsNone(chunk.usage)
        self.assertIsNone(chunk.choices[0].finish_reason)


class EventParserTest(unittest.TestCase):
    def parse(self, blocks):
        parser = _EventParser()
        events = []
        for block in blocks:
            events.extend(parser.feed(block))
        return events

    def test_line_ends_comments_fields_and_multi_line_data(self):
        text = b': hi\r\nevent: message\r\nid: 1\r\ndata: {"a":\r\ndata:1}\r\n\r\ndata: x\n\ndata:y\r\rdata\n\n'
        self.assertEqual(self.parse([text]), ['{"a":\n1}', "x", "y", ""])

    def test_events_split_anywhere_across_blocks(self):
        text = b'data: one\r\n\r\n: c\r\ndata: two\r\ndata: lines\r\n\r\ndata: [DONE]\r\n\r\n'
        expected = ["one", "two\nlines", "[DONE]"]
        for size in range(1, len(text) + 1):
            blocks = [text[i : i + size] for i in range(0, len(text), size)]
            self.assertEqual(self.parse(blocks), expected, size)
        self.assertEqual(self.parse([bytes([b]) for b in text.replace(b"\r\n", b"\r")]), expected)

    def test_an_event_without_its_blank_line_is_not_dispatched(self):
        self.assertEqual(self.parse([b"data: a\n\ndata: b\n"]), ["a"])


if __name__ == "__main__":
    unittest.main()
