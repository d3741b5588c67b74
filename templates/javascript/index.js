// {{ banner }}

export * from "./types.js";
{% if has_client %}export * from "./client.js";
{% endif %}export { DecodeError } from "./json.js";

/** @typedef {import("./json.js").JsonValue} JsonValue */
/**
 * @template T
 * @typedef {import("./json.js").Decoder<T>} Decoder
 */
