// Behaviour test of the generated TypeScript client against a local HTTP server.
//   DTOGEN_TS_PACKAGE=<dist/index.js> node --test client_test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { pathToFileURL } from "node:url";

const { AiServerClient, ApiError, DecodeError } = await import(pathToFileURL(process.env.DTOGEN_TS_PACKAGE).href);

const seen = [];
let server;
let baseUrl;

before(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const url = new URL(req.url, "http://localhost");
      seen.push({ method: req.method, path: url.pathname, query: url.searchParams, headers: req.headers, body });
      const reply = (status, value) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(typeof value === "string" ? value : JSON.stringify(value));
      };
      if (url.pathname === "/api/CreateOpenAiChat") {
        const request = JSON.parse(body);
        return reply(200, { id: 9007199254740991, refId: request.refId ?? "generated", extra: "ignored" });
      }
      if (url.pathname === "/api/GetOpenAiChat" && url.searchParams.get("refId") === "missing") {
        return reply(404, { responseStatus: { errorCode: "NotFound", message: "no job missing", errors: [] } });
      }
      if (url.pathname === "/api/QueryOpenAiChat") {
        return reply(200, "{not json");
      }
      if (url.pathname === "/v1/chat/completions") {
        return reply(401, { error: { message: "bad key", type: "invalid_request_error", code: "invalid_api_key" } });
      }
      return reply(200, { result: "wrong shape" });
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${server.address().port}/`;
});

after(() => server.close());

test("POST sends the JSON body and bearer token, decodes the typed response", async () => {
  const client = new AiServerClient(baseUrl, { bearerToken: "secret" });
  const request = { refId: "r-1", tag: "t", request: { model: "m", messages: [{ role: "user", content: "hi" }] } };
  const response = await client.createOpenAiChat(request);
  // A property the schema does not know is kept.
  assert.deepEqual(response, { id: 9007199254740991, refId: "r-1", extra: "ignored" });
  const call = seen.at(-1);
  assert.equal(call.method, "POST");
  assert.equal(call.path, "/api/CreateOpenAiChat");
  assert.equal(call.headers["authorization"], "Bearer secret");
  assert.equal(call.headers["content-type"], "application/json");
  assert.deepEqual(JSON.parse(call.body), request);
});

test("GET sends fields as query parameters; a 404 throws ApiError with the ResponseStatus", async () => {
  const client = new AiServerClient(baseUrl);
  await assert.rejects(client.getOpenAiChat({ refId: "missing" }), (error) => {
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 404);
    assert.equal(error.responseStatus.errorCode, "NotFound");
    assert.match(error.message, /no job missing/);
    return true;
  });
  const call = seen.at(-1);
  assert.equal(call.method, "GET");
  assert.equal(call.query.get("refId"), "missing");
  assert.equal(call.body, "");
  assert.equal(call.headers["authorization"], undefined);
});

test("OpenAI-shaped errors become a ResponseStatus too", async () => {
  const client = new AiServerClient(baseUrl);
  const request = { model: "m", messages: [] };
  await assert.rejects(client.openAiChatCompletion(request), (error) => {
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 401);
    assert.equal(error.responseStatus.errorCode, "invalid_api_key");
    assert.equal(error.responseStatus.message, "bad key");
    return true;
  });
});

test("a body that is not JSON, or not the expected shape, is an ApiError", async () => {
  const client = new AiServerClient(baseUrl);
  await assert.rejects(client.queryOpenAiChat({ take: 5 }), (error) => {
    assert.ok(error instanceof ApiError);
    assert.match(error.message, /not JSON/);
    return true;
  });
  assert.equal(seen.at(-1).query.get("take"), "5");
  await assert.rejects(client.getOpenAiChat({ id: 1 }), (error) => {
    assert.ok(error instanceof ApiError);
    assert.match(error.message, /unexpected response/);
    return true;
  });
});

test("DecodeError is exported and names the path", async () => {
  const { decodeOpenAiChat } = await import(pathToFileURL(process.env.DTOGEN_TS_PACKAGE).href);
  assert.throws(() => decodeOpenAiChat({ model: "m", messages: [{ role: 5 }] }), (error) => {
    assert.ok(error instanceof DecodeError);
    assert.equal(error.path, "$.messages[0].role");
    return true;
  });
});

test("the SSE parser reads LF, CRLF and CR line ends, comments, fields and multi-line data, split anywhere", async () => {
  const { SseParser } = await import(pathToFileURL(process.env.DTOGEN_TS_PACKAGE).href);
  const text = ': comment\r\nevent: message\r\nid: 1\r\ndata: {"a":\r\ndata: 1}\r\n\r\ndata:x\n\ndata: y\r\rdata\n\n: only a comment\n\ndata: [DONE]\n\n';
  const expected = ['{"a":\n1}', "x", "y", "", "[DONE]"];
  const whole = new SseParser();
  assert.deepEqual(whole.push(text, true), expected);
  // Every split point, CR at the end of one piece and LF at the start of the next included.
  for (let cut = 0; cut <= text.length; cut++) {
    const parser = new SseParser();
    const events = [...parser.push(text.slice(0, cut), false), ...parser.push(text.slice(cut), true)];
    assert.deepEqual(events, expected, `split at ${cut}`);
  }
  // One character at a time.
  const parser = new SseParser();
  const events = [];
  for (const char of text) events.push(...parser.push(char, false));
  events.push(...parser.push("", true));
  assert.deepEqual(events, expected);
  // An event without its empty line at the end is not dispatched.
  assert.deepEqual(new SseParser().push("data: a\n\ndata: b", true), ["a"]);
});

test("a refused connection is an ApiConnectionError with status 0, after the retries", async () => {
  const { ApiConnectionError } = await import(pathToFileURL(process.env.DTOGEN_TS_PACKAGE).href);
  const probe = http.createServer();
  await new Promise((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const closedUrl = `http://127.0.0.1:${probe.address().port}`;
  await new Promise((resolve) => probe.close(resolve));
  let calls = 0;
  const counting = (...args) => {
    calls++;
    return fetch(...args);
  };
  const client = new AiServerClient(closedUrl, { maxRetries: 1, fetch: counting });
  await assert.rejects(client.getOpenAiChat({ id: 1 }), (error) => {
    assert.ok(error instanceof ApiConnectionError, String(error));
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 0);
    return true;
  });
  assert.equal(calls, 2, "one retry");
});

test("the caller's own cancellation stays an AbortError, not an ApiError", async () => {
  const client = new AiServerClient(baseUrl);
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(client.getOpenAiChat({ id: 1 }, { signal: controller.signal }), (error) => {
    assert.ok(!(error instanceof ApiError));
    assert.equal(error.name, "AbortError");
    return true;
  });
});

test("the wait before a retry: retry-after-ms, then Retry-After (seconds or HTTP date), else jittered backoff", async () => {
  const { retryDelay, retryable } = await import(pathToFileURL(process.env.DTOGEN_TS_PACKAGE).href);
  assert.equal(retryDelay(0, new Headers({ "retry-after-ms": "150", "retry-after": "1" })), 150);
  assert.equal(retryDelay(0, new Headers({ "retry-after": "2" })), 2000);
  const date = retryDelay(0, new Headers({ "retry-after": new Date(Date.now() + 5000).toUTCString() }));
  assert.ok(date > 3000 && date <= 5000, String(date));
  // Longer than 60 s is not waited for: the backoff is used.
  for (const [retry, low, high] of [[0, 375, 500], [1, 750, 1000], [3, 3000, 4000], [10, 6000, 8000]]) {
    const wait = retryDelay(retry, new Headers({ "retry-after": "3600" }));
    assert.ok(wait >= low && wait <= high, `retry ${retry}: ${wait}`);
  }
  assert.deepEqual([200, 400, 404, 408, 409, 429, 500, 503].filter(retryable), [408, 429, 500, 503]);
});
