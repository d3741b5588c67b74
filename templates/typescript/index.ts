// {{ banner }}

export * from "./types.js";
{% if has_client %}export * from "./client.js";
export * from "./http.js";
{% endif %}export { DecodeError } from "./json.js";
export type { Decoder, JsonValue } from "./json.js";
