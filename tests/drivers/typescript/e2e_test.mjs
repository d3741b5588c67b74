// End to end: the generated TypeScript (or JavaScript) client against the real
// ai-server binary and its stand-in upstream, started by tests/drivers/ai_server_fixture.py.
//   python3 ai_server_fixture.py --server <ai-server> -- env DTOGEN_TS_PACKAGE=<dist/index.js> node --test e2e_test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const api = await import(pathToFileURL(process.env.DTOGEN_TS_PACKAGE).href);
const { AiServerClient, ApiError, ApiTimeoutError, decodeOpenAiChatResponse } = api;
const baseUrl = process.env.AI_SERVER_URL;
const apiKey = process.env.AI_SERVER_KEY;
const upstreamUrl = process.env.AI_SERVER_UPSTREAM_URL;
const upstreamLog = process.env.AI_SERVER_UPSTREAM_LOG;
const vectors = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "vectors");

/** Every chat body the upstream received, oldest first. */
function upstreamBodies() {
  return readFileSync(upstreamLog, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line));
}

/** The text a stream of chunks assembles. */
async function collect(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return { chunks, text: chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? "").join("") };
}

test("queue a job, follow it by RefId to completion, find it by tag", async () => {
  const client = new AiServerClient(baseUrl, { bearerToken: apiKey });
  const queued = await client.createOpenAiChat({
    refId: "e2e-1",
    tag: "e2e",
    request: { model: "echo", messages: [{ role: "user", content: "héllo 👋" }], temperature: 0.25 },
  });
  assert.equal(queued.refId, "e2e-1");
  assert.ok(Number.isInteger(queued.id));

  let job;
  for (let attempt = 0; attempt < 100; attempt++) {
    job = (await client.getOpenAiChat({ refId: "e2e-1" })).result;
    if (job?.state === "Completed" || job?.state === "Failed") break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.equal(job.state, "Completed", JSON.stringify(job));
  assert.equal(job.id, queued.id);
  assert.equal(job.response.choices[0].message.content, "echo: héllo 👋");
  assert.equal(job.request.temperature, 0.25);

  const page = await client.queryOpenAiChat({ tag: "e2e", state: "Completed" });
  assert.equal(page.total, 1);
  assert.equal(page.results[0].refId, "e2e-1");
});

test("an extra property set in code (top_k) reaches the upstream", async () => {
  const client = new AiServerClient(baseUrl, { bearerToken: apiKey });
  const request = { model: "echo", messages: [{ role: "user", content: "extra", x_message_meta: { a: null } }] };
  request.top_k = 7;
  const response = await client.openAiChatCompletion(request);
  assert.equal(response.choices[0].message.content, "echo: extra");
  const last = readFileSync(upstreamLog, "utf8").trim().split("\n").at(-1);
  assert.match(last, /"top_k"/);
  assert.equal(JSON.parse(last).top_k, 7);
});

test("a reply with unknown properties decodes with nothing lost (reasoning_content readable)", () => {
  const file = join(vectors, "OpenAiChatResponse", "vendor-reasoning.json");
  const raw = JSON.parse(readFileSync(file, "utf8"));
  const reply = decodeOpenAiChatResponse(raw);
  assert.match(reply.choices[0].message.reasoning_content, /^17 × 24/);
  assert.deepEqual(JSON.parse(JSON.stringify(reply)), raw);
});

test("the synchronous OpenAI-compatible endpoint answers typed", async () => {
  const client = new AiServerClient(baseUrl, { bearerToken: apiKey });
  const response = await client.openAiChatCompletion({ model: "echo", messages: [{ role: "user", content: "sync" }] });
  assert.equal(response.object, "chat.completion");
  assert.equal(response.choices[0].message.content, "echo: sync");
  assert.equal(response.usage.total_tokens, 5);
});

test("streaming through ai-server: the chunks assemble the echo", async () => {
  const client = new AiServerClient(baseUrl, { bearerToken: apiKey });
  const { chunks, text } = await collect(
    client.openAiChatCompletionStream({ model: "echo", messages: [{ role: "user", content: "stream me please" }] }),
  );
  assert.equal(text, "echo: stream me please");
  assert.ok(chunks.length >= 4, `${chunks.length} chunks`);
  assert.equal(chunks[0].object, "chat.completion.chunk");
  assert.equal(upstreamBodies().at(-1).stream, true);
});

test("streaming directly from the upstream: comments, event lines, CRLF and two-line data are read", async () => {
  const client = new AiServerClient(upstreamUrl);
  const { chunks, text } = await collect(
    client.openAiChatCompletionStream({ model: "echo", messages: [{ role: "user", content: "one two three" }] }),
  );
  assert.equal(text, "echo: one two three");
  assert.equal(chunks[0].choices[0].delta.role, "assistant");
  assert.equal(chunks.at(-1).usage.total_tokens, 3 + 4);
});

test("trickle: the first chunk arrives well before the stream ends", async () => {
  const client = new AiServerClient(baseUrl, { bearerToken: apiKey });
  const started = performance.now();
  const arrivals = [];
  for await (const chunk of client.openAiChatCompletionStream({ model: "trickle", messages: [{ role: "user", content: "a b c d" }] })) {
    arrivals.push(performance.now() - started);
    assert.equal(chunk.object, "chat.completion.chunk");
  }
  assert.ok(arrivals.length >= 5);
  assert.ok(arrivals.at(-1) - arrivals[0] >= 600, `chunks at ${arrivals.map(Math.round).join(", ")} ms`);
});

test("leaving a stream early closes it", async () => {
  const client = new AiServerClient(upstreamUrl);
  const started = performance.now();
  for await (const chunk of client.openAiChatCompletionStream({ model: "trickle", messages: [{ role: "user", content: "a b c d e f g h" }] })) {
    assert.ok(chunk);
    break;
  }
  assert.ok(performance.now() - started < 1000, "did not wait for the whole trickle");
});

test("a cut stream (no [DONE]) raises ApiError", async () => {
  const client = new AiServerClient(baseUrl, { bearerToken: apiKey });
  const seen = [];
  await assert.rejects(
    (async () => {
      for await (const chunk of client.openAiChatCompletionStream({ model: "cut", messages: [{ role: "user", content: "cut me" }] })) {
        seen.push(chunk);
      }
    })(),
    (error) => {
      assert.ok(error instanceof ApiError, String(error));
      return true;
    },
  );
});

test("an error event raises ApiError with the server's message", async () => {
  const client = new AiServerClient(baseUrl, { bearerToken: apiKey });
  await assert.rejects(collect(client.openAiChatCompletionStream({ model: "error-event", messages: [{ role: "user", content: "crash" }] })), (error) => {
    assert.ok(error instanceof ApiError, String(error));
    assert.ok(error.responseStatus, "the error event becomes a ResponseStatus");
    assert.match(error.message, /crashed|error/i);
    return true;
  });
});

test("a 429 with Retry-After is retried and then succeeds", async () => {
  const client = new AiServerClient(upstreamUrl);
  const content = `rate ${Date.now()}`;
  const started = performance.now();
  const response = await client.openAiChatCompletion({ model: "rate-limited", messages: [{ role: "user", content }] });
  assert.equal(response.choices[0].message.content, `echo: ${content}`);
  const sent = upstreamBodies().filter((body) => body.messages.at(-1).content === content);
  assert.equal(sent.length, 2, "the upstream saw the call twice");
  assert.ok(performance.now() - started >= 140, "waited as the server asked (retry-after-ms: 150)");
});

test("a 429 on a stream is retried before its first event", async () => {
  const client = new AiServerClient(upstreamUrl);
  const content = `rate stream ${Date.now()}`;
  const { text } = await collect(client.openAiChatCompletionStream({ model: "rate-limited", messages: [{ role: "user", content }] }));
  assert.equal(text, `echo: ${content}`);
  assert.equal(upstreamBodies().filter((body) => body.messages.at(-1).content === content).length, 2);
});

test("503 with a non-JSON body raises after the retries, with the status, the text and the request id", async () => {
  const client = new AiServerClient(upstreamUrl, { maxRetries: 2 });
  const content = `unavailable ${Date.now()}`;
  await assert.rejects(client.openAiChatCompletion({ model: "unavailable", messages: [{ role: "user", content }] }), (error) => {
    assert.ok(error instanceof ApiError, String(error));
    assert.equal(error.status, 503);
    assert.match(error.message, /503/);
    assert.match(error.message, /upstream overloaded/);
    assert.equal(error.body, "<html>upstream overloaded</html>");
    assert.equal(error.requestId, "req-unavailable");
    return true;
  });
  assert.equal(upstreamBodies().filter((body) => body.messages.at(-1).content === content).length, 3, "1 call + 2 retries");
});

test("a timeout raises ApiTimeoutError (status 0) quickly", async () => {
  const client = new AiServerClient(upstreamUrl, { timeout: 500, maxRetries: 0 });
  const started = performance.now();
  await assert.rejects(client.openAiChatCompletion({ model: "slow", messages: [{ role: "user", content: "slow" }] }), (error) => {
    assert.ok(error instanceof ApiTimeoutError, String(error));
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 0);
    return true;
  });
  const elapsed = performance.now() - started;
  assert.ok(elapsed < 2000, `took ${elapsed} ms`);
  // The per-call option wins over the client's, and a stream times out too.
  const patient = new AiServerClient(upstreamUrl, { maxRetries: 0 });
  await assert.rejects(collect(patient.openAiChatCompletionStream({ model: "slow", messages: [{ role: "user", content: "slow" }] }, { timeout: 300 })), ApiTimeoutError);
});

test("server errors arrive as ApiError with the ResponseStatus", async () => {
  const client = new AiServerClient(baseUrl, { bearerToken: apiKey });
  await assert.rejects(client.getOpenAiChat({ refId: "no-such-job" }), (error) => {
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 404);
    assert.equal(error.responseStatus.errorCode, "NotFound");
    return true;
  });
  await assert.rejects(client.createOpenAiChat({ request: { model: "echo", messages: [] } }), (error) => {
    assert.equal(error.status, 400);
    assert.equal(error.responseStatus.errors[0].fieldName, "request.messages");
    return true;
  });
  const anonymous = new AiServerClient(baseUrl, { bearerToken: "wrong" });
  await assert.rejects(anonymous.openAiChatCompletion({ model: "echo", messages: [] }), (error) => {
    assert.equal(error.status, 401);
    assert.ok(error.responseStatus, "OpenAI-shaped 401 becomes a ResponseStatus");
    return true;
  });
});
