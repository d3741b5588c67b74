// Streaming benchmark of the generated TypeScript client against the official
// `openai` npm SDK, both reading the same long chat-completion stream.
//   node scripts/bench-stream-typescript.mjs <generated dist/index.js> <openai package dir> [chunks] [rounds]
// (scripts/bench-stream-typescript builds the package, installs the SDK and runs this.)
//
// Two measures per client, each the best of `rounds` runs after a warm-up:
//   loopback   a local HTTP server (a child process started here) streams the
//              events over 127.0.0.1: network stack + SSE parsing + JSON + decoding;
//   in-memory  the same bytes from memory through the client's `fetch` option:
//              SSE parsing + JSON + decoding only.
import { spawn } from "node:child_process";
import http from "node:http";
import { pathToFileURL } from "node:url";

/** The SSE body of a stream of `count` chunks, as an upstream such as OpenAI sends it. */
function streamBody(count) {
  const parts = [];
  const base = { id: "chatcmpl-bench", object: "chat.completion.chunk", created: 1764152135, model: "bench-model", system_fingerprint: "fp_bench" };
  parts.push(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }] })}\n\n`);
  for (let index = 0; index < count - 2; index++) {
    const delta = { content: `word${index % 1000} ` };
    parts.push(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: null }] })}\n\n`);
  }
  parts.push(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: "stop" }], usage: { prompt_tokens: 5, completion_tokens: count, total_tokens: count + 5 } })}\n\n`);
  parts.push("data: [DONE]\n\n");
  return Buffer.from(parts.join(""), "utf8");
}

/** Child process: serves the stream on a free loopback port, prints the port. */
function serve(count) {
  const body = streamBody(count);
  const piece = 16 * 1024;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      for (let offset = 0; offset < body.length; offset += piece) res.write(body.subarray(offset, offset + piece));
      res.end();
    });
  });
  // Keep idle connections open longer than a slow run, so no client reuses one the server just closed.
  server.keepAliveTimeout = 120_000;
  server.listen(0, "127.0.0.1", () => process.stdout.write(`${server.address().port}\n`));
  process.stdin.on("end", () => process.exit(0));
  process.stdin.resume();
}

/** A `fetch` that answers every request with `body` from memory, in 16 KiB pieces. */
function memoryFetch(body) {
  const piece = 16 * 1024;
  return async () =>
    new Response(
      new ReadableStream({
        start(controller) {
          for (let offset = 0; offset < body.length; offset += piece) controller.enqueue(new Uint8Array(body.subarray(offset, offset + piece)));
          controller.close();
        },
      }),
      { status: 200, headers: { "content-type": "text/event-stream" } },
    );
}

const request = { model: "bench-model", messages: [{ role: "user", content: "stream a lot" }] };

async function main() {
  const [packageEntry, openaiDir, countArg = "20000", roundsArg = "5"] = process.argv.slice(2);
  const count = Number(countArg);
  const rounds = Number(roundsArg);
  const { AiServerClient } = await import(pathToFileURL(packageEntry).href);
  const { default: OpenAI } = await import(pathToFileURL(`${openaiDir}/index.mjs`).href);
  const body = streamBody(count);

  const child = spawn(process.execPath, [process.argv[1], "--serve", String(count)], { stdio: ["pipe", "pipe", "inherit"] });
  const port = await new Promise((resolve, reject) => {
    child.stdout.once("data", (data) => resolve(Number(String(data).trim())));
    child.once("exit", (code) => reject(new Error(`the stream server exited with ${code}`)));
  });
  const baseUrl = `http://127.0.0.1:${port}`;

  const clients = {
    "dtogen (generated)": (fetch) => {
      const client = new AiServerClient(baseUrl, { bearerToken: "bench", maxRetries: 0, ...(fetch ? { fetch } : {}) });
      return async () => {
        let chunks = 0;
        let chars = 0;
        for await (const chunk of client.openAiChatCompletionStream(request)) {
          chunks++;
          chars += chunk.choices[0]?.delta.content?.length ?? 0;
        }
        return { chunks, chars };
      };
    },
    [`openai ${OpenAI.VERSION ?? ""}`.trim()]: (fetch) => {
      const client = new OpenAI({ baseURL: `${baseUrl}/v1`, apiKey: "bench", maxRetries: 0, ...(fetch ? { fetch } : {}) });
      return async () => {
        let chunks = 0;
        let chars = 0;
        const stream = await client.chat.completions.create({ ...request, stream: true });
        for await (const chunk of stream) {
          chunks++;
          chars += chunk.choices[0]?.delta.content?.length ?? 0;
        }
        return { chunks, chars };
      };
    },
  };

  console.log(`stream: ${count} chunks, ${(body.length / 1024 / 1024).toFixed(1)} MiB of SSE; best of ${rounds} runs after a warm-up (node ${process.version})`);
  console.log(`${"client".padEnd(22)} ${"loopback chunks/s".padStart(18)} ${"in-memory chunks/s".padStart(19)}`);
  const results = {};
  try {
    for (const [name, make] of Object.entries(clients)) {
      const row = [];
      for (const fetch of [undefined, memoryFetch(body)]) {
        const run = make(fetch);
        const warm = await run();
        if (warm.chunks !== count) throw new Error(`${name} read ${warm.chunks} chunks, expected ${count}`);
        let best = Infinity;
        for (let round = 0; round < rounds; round++) {
          const started = performance.now();
          const { chunks } = await run();
          const elapsed = performance.now() - started;
          if (chunks !== count) throw new Error(`${name} read ${chunks} chunks, expected ${count}`);
          best = Math.min(best, elapsed);
        }
        row.push(Math.round((count / best) * 1000));
      }
      results[name] = row;
      console.log(`${name.padEnd(22)} ${String(row[0]).padStart(18)} ${String(row[1]).padStart(19)}`);
    }
  } finally {
    child.stdin.end();
  }
  const [ours, theirs] = Object.values(results);
  console.log(`generated / openai: loopback ${(ours[0] / theirs[0]).toFixed(2)}x, in-memory ${(ours[1] / theirs[1]).toFixed(2)}x`);
}

if (process.argv[2] === "--serve") serve(Number(process.argv[3]));
else await main();
