// End to end: the generated TypeScript client against the real ai-server
// binary, which calls a stand-in OpenAI-compatible upstream defined here.
//   DTOGEN_TS_PACKAGE=<dist/index.js> AI_SERVER_BIN=<ai-server> node --test e2e_test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import net from "node:net";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const { AiServerClient, ApiError } = await import(pathToFileURL(process.env.DTOGEN_TS_PACKAGE).href);

let upstream;
let server;
let workDir;
let baseUrl;
const upstreamBodies = [];

/** The stand-in upstream: echoes the last user message back as the assistant's reply. */
function startUpstream() {
  return new Promise((resolve) => {
    const srv = http.createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        res.setHeader("content-type", "application/json");
        if (req.url === "/v1/models") return res.end(JSON.stringify({ object: "list", data: [] }));
        const request = JSON.parse(body);
        upstreamBodies.push(request);
        const last = request.messages.at(-1);
        res.end(
          JSON.stringify({
            id: "chatcmpl-e2e",
            object: "chat.completion",
            created: 1764152135,
            model: request.model,
            choices: [{ index: 0, message: { role: "assistant", content: `echo: ${last.content}` }, finish_reason: "stop" }],
            usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
          }),
        );
      });
    });
    srv.listen(0, "127.0.0.1", () => resolve(srv));
  });
}

function freePort() {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url) {
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("ai-server did not become healthy");
}

before(async () => {
  upstream = await startUpstream();
  workDir = mkdtempSync(join(tmpdir(), "dtogen-e2e-"));
  const port = await freePort();
  const config = join(workDir, "ai-server.toml");
  writeFileSync(
    config,
    [
      `listen = "127.0.0.1:${port}"`,
      `database = ${JSON.stringify(join(workDir, "jobs.db"))}`,
      `api_keys = ["test-key"]`,
      `[[providers]]`,
      `name = "stand-in"`,
      `base_url = "http://127.0.0.1:${upstream.address().port}/v1"`,
      `models = ["echo"]`,
      "",
    ].join("\n"),
  );
  server = spawn(process.env.AI_SERVER_BIN, ["--config", config], { stdio: ["ignore", "ignore", "inherit"] });
  baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl);
});

after(() => {
  server?.kill("SIGTERM");
  upstream?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

test("queue a job, follow it by RefId to completion, find it by tag", async () => {
  const client = new AiServerClient(baseUrl, { bearerToken: "test-key" });
  const queued = await client.createOpenAiChat({
    refId: "e2e-1",
    tag: "e2e",
    request: { model: "echo", messages: [{ role: "user", content: "héllo 👋" }], temperature: 0.25, top_k: 7 },
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
  // A property the DTOs do not know still reached the upstream.
  assert.equal(upstreamBodies.at(-1).top_k, 7);

  const page = await client.queryOpenAiChat({ tag: "e2e", state: "Completed" });
  assert.equal(page.total, 1);
  assert.equal(page.results[0].refId, "e2e-1");
});

test("the synchronous OpenAI-compatible endpoint answers typed", async () => {
  const client = new AiServerClient(baseUrl, { bearerToken: "test-key" });
  const response = await client.openAiChatCompletion({ model: "echo", messages: [{ role: "user", content: "sync" }] });
  assert.equal(response.object, "chat.completion");
  assert.equal(response.choices[0].message.content, "echo: sync");
  assert.equal(response.usage.total_tokens, 5);
});

test("server errors arrive as ApiError with the ResponseStatus", async () => {
  const client = new AiServerClient(baseUrl, { bearerToken: "test-key" });
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
