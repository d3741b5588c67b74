#!/usr/bin/env python3
"""Runs a command against a server that answers every request with what it received.

    python3 echo_server.py -- <command> [args...]

The command gets ECHO_SERVER_URL (e.g. http://127.0.0.1:40123). Every request,
whatever its method and path, is answered 200 with the JSON object

    {"method": "POST", "path": "/v1/items/a%20b%2Fc",
     "query": [["tags", "x"], ["tags", "y"]],
     "headers": {"content-type": "application/json", ...},
     "body": <the parsed JSON body, or null when the body is empty>}

so a client test can check how each request property was sent (the shape of the
`Echo` type in tests/schemas/params.schema.json). A body that is not JSON is
answered 400. Exits with the command's exit code.
"""

import http.server
import json
import os
import subprocess
import sys
import threading
import urllib.parse


class Echo(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            self.reply(400, {"error": {"message": "body is not JSON", "type": "invalid_request_error"}})
            return
        path, _, query = self.path.partition("?")
        self.reply(200, {
            "method": self.command,
            "path": path,
            "query": [list(pair) for pair in urllib.parse.parse_qsl(query, keep_blank_values=True)],
            "headers": {name.lower(): value for name, value in self.headers.items()},
            "body": body,
        })

    def reply(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = answer

    def log_message(self, *args):
        pass


def main():
    args = sys.argv[1:]
    if args[:1] == ["--"]:
        args = args[1:]
    if not args:
        sys.exit("usage: echo_server.py -- <command> [args...]")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = dict(os.environ, ECHO_SERVER_URL=f"http://127.0.0.1:{server.server_address[1]}")
    try:
        code = subprocess.call(args, env=env)
    finally:
        server.shutdown()
    sys.exit(code)


if __name__ == "__main__":
    main()
