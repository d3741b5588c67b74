#!/usr/bin/env python3
"""Runs a command against a real ai-server, for the generated clients' end-to-end tests.

    python3 ai_server_fixture.py --server <ai-server binary> -- <command> [args...]

Starts a stand-in OpenAI-compatible upstream, then the real ai-server on a free
loopback port with API key `test-key`, waits until it is healthy, and runs the
command with:

    AI_SERVER_URL           the server's base URL, e.g. http://127.0.0.1:40123
    AI_SERVER_KEY           a valid bearer token (test-key)
    AI_SERVER_UPSTREAM_URL  the stand-in upstream's base URL: a generated client
                            pointed at it calls it directly (POST /v1/chat/completions)
    AI_SERVER_UPSTREAM_LOG  a file where every chat body the upstream received is
                            appended as one JSON line (to check pass-through fields)

The upstream answers by the request's `model` (every body is logged first):

    echo         the reply `echo: <last user message>`; with `"stream": true`,
                 server-sent events: a comment, an `event:` line, CRLF line ends,
                 one chunk whose JSON spans two `data:` lines, the text in
                 word-sized deltas, a finish chunk, a usage chunk, `data: [DONE]`
    trickle      streams like echo, 200 ms between events (chunks must arrive
                 one by one, not all at the end)
    cut          streams the role chunk and one delta, then drops the connection
                 without `[DONE]`
    error-event  streams one delta, then `data: {"error": {...}}`, then ends
    rate-limited the first call for each distinct last user message answers 429
                 with `Retry-After: 1`, `retry-after-ms: 150` and an OpenAI error
                 body; later calls answer as echo (streaming too)
    unavailable  always 503 with the non-JSON body `<html>upstream overloaded</html>`
                 and `x-request-id: req-unavailable`
    slow         waits 3 s, then answers as echo (for timeouts)

ai-server routes `echo` and `trickle` to one provider and `cut` and
`error-event` to another, so a failing stream cannot take `echo` offline.

Exits with the command's exit code; the server and upstream are stopped either way.
"""

import http.server
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

API_KEY = "test-key"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def chunk(model: str, delta: dict, finish: "str | None" = None, usage: "dict | None" = None) -> dict:
    body: dict = {
        "id": "chatcmpl-e2e",
        "object": "chat.completion.chunk",
        "created": 1764152135,
        "model": model,
        "choices": [] if usage else [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    if usage:
        body["usage"] = usage
    return body


def stream_events(model: str, text: str) -> "list[bytes]":
    """The SSE events of a streamed echo, in the forms a parser must read."""
    events = [b": keep-alive\r\n\r\n"]
    first = json.dumps(chunk(model, {"role": "assistant", "content": ""}))
    events.append(b"event: message\r\ndata: " + first.encode() + b"\r\n\r\n")
    words = text.split(" ")
    for index, word in enumerate(words):
        piece = word if index == len(words) - 1 else word + " "
        data = json.dumps(chunk(model, {"content": piece}), ensure_ascii=False)
        if index == 0:
            # One event's JSON over two data lines: they join with "\n".
            head, tail = data.split(", ", 1)
            events.append(f"data: {head},\r\ndata: {tail}\r\n\r\n".encode())
        else:
            events.append(f"data: {data}\r\n\r\n".encode())
    events.append(f"data: {json.dumps(chunk(model, {}, 'stop'))}\r\n\r\n".encode())
    usage = {"prompt_tokens": 3, "completion_tokens": len(words), "total_tokens": 3 + len(words)}
    events.append(f"data: {json.dumps(chunk(model, {}, usage=usage))}\r\n\r\n".encode())
    events.append(b"data: [DONE]\r\n\r\n")
    return events


def start_upstream(log_path: str) -> http.server.ThreadingHTTPServer:
    lock = threading.Lock()
    seen_rate_limited: "set[str]" = set()

    class Upstream(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def reply(self, body: object, status: int = 200, headers: "dict[str, str] | None" = None) -> None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            self.send_response(status)
            content_type = "application/json" if not isinstance(body, bytes) else "text/html"
            self.send_header("content-type", content_type)
            self.send_header("content-length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def stream(self, events: "list[bytes]", pause: float = 0.0) -> None:
            # No length and no chunking: the body ends when the connection closes.
            self.close_connection = True
            self.send_response(200)
            self.send_header("content-type", "text/event-stream")
            self.send_header("cache-control", "no-cache")
            self.send_header("connection", "close")
            self.end_headers()
            for event in events:
                self.wfile.write(event)
                self.wfile.flush()
                if pause:
                    time.sleep(pause)

        def do_GET(self) -> None:
            self.reply({"object": "list", "data": []})

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            request = json.loads(self.rfile.read(length))
            with lock, open(log_path, "a", encoding="utf-8") as log:
                log.write(json.dumps(request, ensure_ascii=False) + "\n")
            model = request.get("model", "")
            content = request["messages"][-1].get("content")
            text = f"echo: {content}"
            streaming = request.get("stream") is True
            if model == "rate-limited":
                key = json.dumps(content)
                with lock:
                    first = key not in seen_rate_limited
                    seen_rate_limited.add(key)
                if first:
                    error = {"error": {"message": "slow down", "type": "rate_limit_error", "code": "rate_limited"}}
                    self.reply(error, 429, {"retry-after": "1", "retry-after-ms": "150", "x-request-id": "req-429"})
                    return
            if model == "unavailable":
                self.reply(b"<html>upstream overloaded</html>", 503, {"x-request-id": "req-unavailable"})
                return
            if model == "slow":
                time.sleep(3)
            if model == "cut":
                self.stream(stream_events(model, text)[:3])
                return
            if model == "error-event":
                error = {"error": {"message": "the model crashed", "type": "server_error", "code": "model_crashed"}}
                self.stream(stream_events(model, text)[1:3] + [f"data: {json.dumps(error)}\n\n".encode()])
                return
            if streaming:
                self.stream(stream_events(model, text), 0.2 if model == "trickle" else 0.0)
                return
            self.reply(
                {
                    "id": "chatcmpl-e2e",
                    "object": "chat.completion",
                    "created": 1764152135,
                    "model": model,
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": text},
                            "finish_reason": "stop",
                        }
                    ],
                    "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5},
                },
                headers={"x-request-id": "req-ok"},
            )

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def wait_for_health(base_url: str, server: subprocess.Popen) -> None:
    for _ in range(200):
        if server.poll() is not None:
            sys.exit(f"ai-server exited with {server.returncode} before it was healthy")
        try:
            with urllib.request.urlopen(f"{base_url}/health", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.05)
    sys.exit("ai-server did not become healthy")


def main() -> int:
    args = sys.argv[1:]
    if len(args) < 4 or args[0] != "--server" or args[2] != "--":
        sys.exit(__doc__)
    binary, command = args[1], args[3:]
    with tempfile.TemporaryDirectory(prefix="dtogen-e2e-") as work:
        log_path = os.path.join(work, "upstream.jsonl")
        open(log_path, "w").close()
        upstream = start_upstream(log_path)
        upstream_url = f"http://127.0.0.1:{upstream.server_address[1]}"
        port = free_port()
        config = os.path.join(work, "ai-server.toml")
        with open(config, "w", encoding="utf-8") as file:
            file.write(
                f'listen = "127.0.0.1:{port}"\n'
                f"database = {json.dumps(os.path.join(work, 'jobs.db'))}\n"
                f'api_keys = ["{API_KEY}"]\n'
                "[[providers]]\n"
                'name = "stand-in"\n'
                f'base_url = "{upstream_url}/v1"\n'
                'models = ["echo", "trickle"]\n'
                "[[providers]]\n"
                'name = "stand-in-faulty"\n'
                f'base_url = "{upstream_url}/v1"\n'
                'models = ["cut", "error-event"]\n'
            )
        server = subprocess.Popen([binary, "--config", config], stdout=subprocess.DEVNULL)
        try:
            base_url = f"http://127.0.0.1:{port}"
            wait_for_health(base_url, server)
            env = dict(
                os.environ,
                AI_SERVER_URL=base_url,
                AI_SERVER_KEY=API_KEY,
                AI_SERVER_UPSTREAM_URL=upstream_url,
                AI_SERVER_UPSTREAM_LOG=log_path,
            )
            return subprocess.run(command, env=env).returncode
        finally:
            server.terminate()
            server.wait(timeout=10)
            upstream.shutdown()


if __name__ == "__main__":
    sys.exit(main())
