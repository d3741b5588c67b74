#!/usr/bin/env python3
"""Runs a command against a real ai-server, for the generated clients' end-to-end tests.

    python3 ai_server_fixture.py --server <ai-server binary> -- <command> [args...]

Starts a stand-in OpenAI-compatible upstream (it echoes the last user message as
`echo: <content>`, for model `echo`), then the real ai-server on a free loopback
port with API key `test-key`, waits until it is healthy, and runs the command with:

    AI_SERVER_URL           the server's base URL, e.g. http://127.0.0.1:40123
    AI_SERVER_KEY           a valid bearer token (test-key)
    AI_SERVER_UPSTREAM_LOG  a file where every chat body the upstream received is
                            appended as one JSON line (to check pass-through fields)

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


def start_upstream(log_path: str) -> http.server.ThreadingHTTPServer:
    lock = threading.Lock()

    class Upstream(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def reply(self, body: object) -> None:
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            self.reply({"object": "list", "data": []})

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            request = json.loads(self.rfile.read(length))
            with lock, open(log_path, "a", encoding="utf-8") as log:
                log.write(json.dumps(request, ensure_ascii=False) + "\n")
            content = request["messages"][-1].get("content")
            self.reply(
                {
                    "id": "chatcmpl-e2e",
                    "object": "chat.completion",
                    "created": 1764152135,
                    "model": request["model"],
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": f"echo: {content}"},
                            "finish_reason": "stop",
                        }
                    ],
                    "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5},
                }
            )

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
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
        port = free_port()
        config = os.path.join(work, "ai-server.toml")
        with open(config, "w", encoding="utf-8") as file:
            file.write(
                f'listen = "127.0.0.1:{port}"\n'
                f"database = {json.dumps(os.path.join(work, 'jobs.db'))}\n"
                f'api_keys = ["{API_KEY}"]\n'
                "[[providers]]\n"
                'name = "stand-in"\n'
                f'base_url = "http://127.0.0.1:{upstream.server_address[1]}/v1"\n'
                'models = ["echo"]\n'
            )
        server = subprocess.Popen([binary, "--config", config], stdout=subprocess.DEVNULL)
        try:
            base_url = f"http://127.0.0.1:{port}"
            wait_for_health(base_url, server)
            env = dict(
                os.environ,
                AI_SERVER_URL=base_url,
                AI_SERVER_KEY=API_KEY,
                AI_SERVER_UPSTREAM_LOG=log_path,
            )
            return subprocess.run(command, env=env).returncode
        finally:
            server.terminate()
            server.wait(timeout=10)
            upstream.shutdown()


if __name__ == "__main__":
    sys.exit(main())
