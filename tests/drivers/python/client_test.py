"""Behaviour test of the generated Python client against a local HTTP server.

    PYTHONPATH=<package>/src python3 client_test.py
"""

import http.server
import json
import threading
import unittest
import urllib.parse

from ai_server_client import (
    AiServerClient,
    ApiError,
    CreateOpenAiChat,
    DecodeError,
    GetOpenAiChat,
    OpenAiChat,
    OpenAiChatCompletion,
    OpenAiMessage,
    OpenAiRole,
    QueryOpenAiChat,
)

seen = []


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


if __name__ == "__main__":
    unittest.main()
