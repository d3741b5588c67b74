// {{ banner }}

export * from "./types.js";
{% if has_client %}export * from "./client.js";
export { ApiError, ApiConnectionError, ApiTimeoutError, Transport, SseParser, retryable, retryDelay, DEFAULT_TIMEOUT_MS, DEFAULT_MAX_RETRIES } from "./http.js";
{% endif %}export { DecodeError } from "./json.js";

/** @typedef {import("./json.js").JsonValue} JsonValue */
/**
 * @template T
 * @typedef {import("./json.js").Decoder<T>} Decoder
 */
