// The official OpenAI Node SDK, unchanged, against ai-server.
//   OPENAI_SDK=<path to the openai package> AI_SERVER_V1=<base URL> node --test check_node.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { default: OpenAI } = await import(require.resolve(process.env.OPENAI_SDK));
const baseURL = process.env.AI_SERVER_V1;
const client = new OpenAI({ baseURL, apiKey: "sdk-key", maxRetries: 0 });

test("models list the configured models", async () => {
  const ids = [];
  for await (const model of client.models.list()) ids.push(model.id);
  assert.ok(ids.includes("echo"), ids.join(","));
});

test("completion", async () => {
  const reply = await client.chat.completions.create({ model: "echo", messages: [{ role: "user", content: "hi from node" }] });
  assert.equal(reply.choices[0].message.content, "echo: hi from node");
});

test("streaming relays every piece", async () => {
  const stream = await client.chat.completions.create({
    model: "echo",
    messages: [{ role: "user", content: "streamed" }],
    stream: true,
  });
  let text = "";
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
  assert.equal(text, "echo: streamed");
});

test("a cut stream is an error, not a short reply", async () => {
  await assert.rejects(async () => {
    const stream = await client.chat.completions.create({
      model: "cut",
      messages: [{ role: "user", content: "this will be cut" }],
      stream: true,
    });
    for await (const _ of stream) {
      // drain
    }
  }, OpenAI.APIError);
});

test("a wrong key is an authentication error", async () => {
  const anonymous = new OpenAI({ baseURL, apiKey: "wrong", maxRetries: 0 });
  await assert.rejects(
    anonymous.chat.completions.create({ model: "echo", messages: [{ role: "user", content: "x" }] }),
    OpenAI.AuthenticationError,
  );
});
