// OpenAI's documented Chat Completions payloads, written as typed literals of
// the generated types: `tsc --strict` must accept them as they are (nulls
// included: `content: null` beside tool calls, `logprobs: null`,
// `finish_reason: null` in chunks, `refusal: null`). Checked by
// scripts/lang/typescript.sh against the built-in package.
import type { OpenAiChat, OpenAiChatChunk, OpenAiChatResponse } from "../src/index.js";

/** A request with a system prompt, a tool and structured output. */
export const request: OpenAiChat = {
  model: "gpt-4o",
  messages: [
    { role: "developer", content: "You are a helpful assistant." },
    { role: "user", content: [{ type: "text", text: "What's the weather like in Boston today?" }] },
    {
      role: "assistant",
      content: null,
      refusal: null,
      tool_calls: [
        {
          id: "call_abc123",
          type: "function",
          function: { name: "get_current_weather", arguments: "{\"location\": \"Boston, MA\"}" },
        },
      ],
    },
    { role: "tool", tool_call_id: "call_abc123", content: "{\"temperature\": 22}" },
  ],
  tools: [
    {
      type: "function",
      function: {
        name: "get_current_weather",
        description: "Get the current weather in a given location",
        parameters: {
          type: "object",
          properties: { location: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } },
          required: ["location"],
        },
      },
    },
  ],
  tool_choice: "auto",
  response_format: { type: "json_schema", json_schema: { name: "weather", strict: true, schema: { type: "object" } } },
  stream_options: null,
  logprobs: true,
  top_logprobs: 2,
  temperature: null,
  user: null,
};

/** A reply that calls a tool: no content, no refusal, no logprobs. */
export const toolCallReply: OpenAiChatResponse = {
  id: "chatcmpl-abc123",
  object: "chat.completion",
  created: 1699896916,
  model: "gpt-4o-mini",
  choices: [
    {
      index: 0,
      message: {
        role: "assistant",
        content: null,
        tool_calls: [
          {
            id: "call_abc123",
            type: "function",
            function: { name: "get_current_weather", arguments: "{\n\"location\": \"Boston, MA\"\n}" },
          },
        ],
        refusal: null,
        annotations: [],
      },
      logprobs: null,
      finish_reason: "tool_calls",
    },
  ],
  usage: {
    prompt_tokens: 82,
    completion_tokens: 17,
    total_tokens: 99,
    completion_tokens_details: {
      reasoning_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  },
  system_fingerprint: null,
  service_tier: "default",
};

/** The first chunk of a stream: no finish reason yet, no usage. */
export const firstChunk: OpenAiChatChunk = {
  id: "chatcmpl-123",
  object: "chat.completion.chunk",
  created: 1694268190,
  model: "gpt-4o-mini",
  system_fingerprint: "fp_44709d6fcb",
  choices: [{ index: 0, delta: { role: "assistant", content: "", refusal: null }, logprobs: null, finish_reason: null }],
  usage: null,
};
