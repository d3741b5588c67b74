// {{ banner }}

export * from "./types.js";
export * from "./client.js";
export { DecodeError } from "./json.js";
export type { Decoder, JsonValue } from "./json.js";
