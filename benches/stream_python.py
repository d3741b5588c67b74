"""Streaming benchmark of the generated Python client, side by side with the official SDK.

    scripts/bench-stream-python [chunks]      (sets everything up; see there)
    python benches/stream_python.py <package src dir> [chunks]

A server in its own process (so it does not share the client's GIL) streams one chat
completion of `chunks` content chunks (OpenAI's chunk shape, as server-sent events) from
POST /v1/chat/completions. In this process, each client consumes the whole stream; the
best of three runs is reported in chunks per second:

- dtogen: the generated client's `open_ai_chat_completion_stream` (urllib, SSE parsing,
  JSON parsing, typed decoding into dataclasses);
- openai: the official `openai` SDK's `chat.completions.create(stream=True)` (httpx, pydantic),
  when it is installed;
- then, without the network, where the generated client's time goes: SSE parsing alone,
  plus `json.loads`, plus decoding into the typed chunk.
"""

import json
import os
import socket
import subprocess
import sys
import time

CHUNK = {
    "id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
    "object": "chat.completion.chunk",
    "created": 1764152135,
    "model": "gpt-4o-mini-2024-07-18",
    "service_tier": "default",
    "system_fingerprint": "fp_06737a9306",
    "choices": [{"index": 0, "delta": {"content": " word"}, "logprobs": None, "finish_reason": None}],
}


def body(chunks):
    """The whole SSE answer: a role chunk, `chunks` content chunks, a finish chunk, [DONE]."""
    events = []
    first = dict(CHUNK, choices=[{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}])
    events.append(first)
    for index in range(chunks):
        events.append(dict(CHUNK, choices=[dict(CHUNK["choices"][0], delta={"content": f" w{index}"})]))
    events.append(dict(CHUNK, choices=[{"index": 0, "delta": {}, "finish_reason": "stop"}]))
    data = b"".join(b"data: " + json.dumps(e, separators=(",", ":")).encode() + b"\n\n" for e in events)
    return data + b"data: [DONE]\n\n"


def serve(chunks):
    """The server process: prints its port, then answers every POST with the stream."""
    import http.server

    payload = body(chunks)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_POST(self):
            self.rfile.read(int(self.headers.get("content-length", "0")))
            self.send_response(200)
            self.send_header("content-type", "text/event-stream")
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            view = memoryview(payload)
            for start in range(0, len(payload), 16384):
                self.wfile.write(view[start : start + 16384])

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


def best(label, chunks, run, repeats=3):
    """Runs `run` `repeats` times; prints and returns the best rate by wall clock, and the
    best by this process's CPU time (the same on an idle machine; on a shared, loaded one
    the CPU time is the client's own cost, without the time it waited for a core)."""
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        count = run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        if count != chunks + 2:
            sys.exit(f"{label}: expected {chunks + 2} chunks, got {count}")
    rate, cpu_rate = (chunks + 2) / min(walls), (chunks + 2) / max(min(cpus), 1e-9)
    print(
        f"{label:<44} {rate:>10,.0f} chunks/s wall {cpu_rate:>10,.0f} chunks/s CPU"
        f"   ({min(walls) * 1000:,.0f} ms wall, {min(cpus) * 1000:,.0f} ms CPU)"
    )
    return rate


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "--serve":
        serve(int(sys.argv[2]))
        return 0
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    src = sys.argv[1]
    chunks = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    sys.path.insert(0, src)
    from ai_server_client import AiServerClient, OpenAiChatChunk, OpenAiChatCompletion, OpenAiMessage, OpenAiRole
    from ai_server_client.client import _EventParser

    server = subprocess.Popen(
        [sys.executable, os.path.abspath(__file__), "--serve", str(chunks)], stdout=subprocess.PIPE, text=True
    )
    try:
        port = int(server.stdout.readline())
        base_url = f"http://127.0.0.1:{port}"
        with socket.create_connection(("127.0.0.1", port)):
            pass
        print(f"Python {sys.version.split()[0]}, {chunks + 2:,} chunks of ~{len(json.dumps(CHUNK))} bytes, best of 3")
        if hasattr(os, "getloadavg"):
            print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

        client = AiServerClient(base_url, bearer_token="bench")
        request = OpenAiChatCompletion(
            model="gpt-4o-mini", messages=[OpenAiMessage(role=OpenAiRole.USER, content="Count.")]
        )
        text = []

        def generated():
            count = 0
            for chunk in client.open_ai_chat_completion_stream(request):
                count += 1
                for choice in chunk.choices:
                    text.append(choice.delta.content)
            return count

        ours = best("dtogen generated client (urllib)", chunks, generated)

        try:
            import openai
        except ImportError:
            print("openai SDK not installed: skipped (scripts/bench-stream-python installs it)")
            theirs = None
        else:
            sdk = openai.OpenAI(base_url=base_url + "/v1", api_key="bench", max_retries=0)

            def official():
                count = 0
                stream = sdk.chat.completions.create(
                    model="gpt-4o-mini", messages=[{"role": "user", "content": "Count."}], stream=True
                )
                for chunk in stream:
                    count += 1
                    for choice in chunk.choices:
                        text.append(choice.delta.content)
                return count

            theirs = best(f"openai SDK {openai.__version__} (httpx + pydantic)", chunks, official)
    finally:
        server.terminate()
        server.wait()

    # Without the network: where the generated client's time goes.
    payload = body(chunks)
    blocks = [payload[i : i + 65536] for i in range(0, len(payload), 65536)]

    def sse_only():
        parser = _EventParser()
        return sum(len(parser.feed(block)) for block in blocks) - 1

    def sse_json():
        parser = _EventParser()
        count = 0
        for block in blocks:
            for data in parser.feed(block):
                if data != "[DONE]":
                    json.loads(data)
                    count += 1
        return count

    def sse_json_decode():
        parser = _EventParser()
        count = 0
        for block in blocks:
            for data in parser.feed(block):
                if data != "[DONE]":
                    OpenAiChatChunk.from_dict(json.loads(data))
                    count += 1
        return count

    print("without the network (generated client's parts):")
    best("  SSE parsing only", chunks, sse_only)
    best("  SSE + json.loads", chunks, sse_json)
    best("  SSE + json.loads + typed decoding", chunks, sse_json_decode)
    if theirs:
        print(f"generated client / openai SDK: {ours / theirs:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
