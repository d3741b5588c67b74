// {{ banner }}

import * as dto from "./types.js";
import * as json from "./json.js";

{% if has_response_status -%}
/**
 * The structured error a failing call carries.
 * @typedef {dto.ResponseStatus} ErrorStatus
 */
{%- else -%}
/**
 * The structured error a failing call carries (the schema defines no `ResponseStatus`).
 * @typedef {json.JsonValue} ErrorStatus
 */
{%- endif %}

/** A call that did not succeed: a non-2xx status, or a body that is not the expected JSON. */
export class ApiError extends Error {
  /**
   * @param {number} status The HTTP status (0 when no response arrived).
   * @param {string} message
   * @param {unknown} body The parsed response body, or its text when it was not JSON.
   * @param {ErrorStatus} [responseStatus] The error details the server sent, when it sent them.
   */
  constructor(status, message, body, responseStatus) {
    super(message);
    this.name = "ApiError";
    /** The HTTP status (0 when no response arrived). */
    this.status = status;
    /** The parsed response body, or its text when it was not JSON. */
    this.body = body;
    /** The error details the server sent, when it sent them. */
    this.responseStatus = responseStatus;
  }
}

/**
 * Options of a client.
 * @typedef {object} ClientOptions
 * @property {string} [bearerToken] Sent as `Authorization: Bearer <token>`.
 * @property {{ "{{" }} [name: string]: string }} [headers] Extra headers for every request.
 * @property {typeof fetch} [fetch] A `fetch` implementation; defaults to the global one.
 */

/** A typed client: one method per operation. */
export class {{ class_name }} {
  /** @type {{ "{{" }} [name: string]: string }} */
  #headers;
  /** @type {typeof fetch} */
  #fetch;

  /**
   * @param {string} baseUrl The server's root URL, e.g. `http://localhost:5005`.
   * @param {ClientOptions} [options]
   */
  constructor(baseUrl, options = {}) {
    /** The server's root URL, without a trailing slash. */
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    /**
     * Sent as `Authorization: Bearer <token>` when set.
     * @type {string | undefined}
     */
    this.bearerToken = options.bearerToken;
    this.#headers = options.headers ?? {};
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }
{% for m in methods %}
{{ m.doc }}  {{ m.name }}(request, init) {
    return this.#send("{{ m.method }}", {{ m.path }}, request, dto.decode{{ m.response }}, init);
  }
{% endfor %}
  /**
   * @template T
   * @param {string} method
   * @param {string} path
   * @param {object} request
   * @param {json.Decoder<T>} decode
   * @param {RequestInit} [init]
   * @returns {Promise<T>}
   */
  async #send(method, path, request, decode, init) {
    const url = new URL(this.baseUrl + path);
    /** @type {{ "{{" }} [name: string]: string }} */
    const headers = { Accept: "application/json", ...this.#headers };
    if (this.bearerToken) headers["Authorization"] = `Bearer ${this.bearerToken}`;
    /** @type {string | undefined} */
    let body;
    if (method === "GET" || method === "DELETE") {
      for (const [key, value] of Object.entries(request)) {
        if (value === undefined || value === null) continue;
        url.searchParams.set(key, typeof value === "object" ? JSON.stringify(value) : String(value));
      }
    } else {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(request);
    }
    const response = await this.#fetch(url, { ...init, method, headers: { ...headers, ...init?.headers }, body });
    const text = await response.text();
    /** @type {unknown} */
    let parsed;
    try {
      parsed = text === "" ? undefined : JSON.parse(text);
    } catch {
      throw new ApiError(response.status, `${method} ${path}: the response is not JSON`, text);
    }
    if (!response.ok) {
      const status = errorStatus(parsed);
      const detail = messageOf(status) ?? response.statusText;
      throw new ApiError(response.status, `${method} ${path} failed with ${response.status}: ${detail}`, parsed, status);
    }
    try {
      return decode(parsed, "$");
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ApiError(response.status, `${method} ${path}: unexpected response: ${reason}`, parsed);
    }
  }
}

/**
 * The server's error details: ServiceStack's `responseStatus` or OpenAI's `error`.
 * @param {unknown} body
 * @returns {ErrorStatus | undefined}
 */
function errorStatus(body) {
  if (typeof body !== "object" || body === null) return undefined;
  const record = /** @type {{ "{{" }} [key: string]: unknown }} */ (body);
{%- if has_response_status %}
  const openAi = /** @type {{ "{{" }} [key: string]: unknown } | null | undefined} */ (record["error"]);
  const candidate =
    record["responseStatus"] ??
    (typeof openAi === "object" && openAi !== null
      ? { errorCode: String(openAi["code"] ?? openAi["type"] ?? "Error"), message: String(openAi["message"] ?? "") }
      : undefined);
  if (candidate === undefined) return undefined;
  try {
    return dto.decodeResponseStatus(candidate, "$.responseStatus");
  } catch {
    return undefined;
  }
{%- else %}
  return /** @type {json.JsonValue | undefined} */ (record["responseStatus"] ?? record["error"]);
{%- endif %}
}

/**
 * @param {ErrorStatus | undefined} status
 * @returns {string | undefined}
 */
function messageOf(status) {
  /** @type {unknown} */
  const candidate = status;
  if (typeof candidate !== "object" || candidate === null || !("message" in candidate)) return undefined;
  const message = candidate.message;
  return typeof message === "string" && message !== "" ? message : undefined;
}
