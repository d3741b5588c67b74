// {{ banner }}

import * as dto from "./types.js";
{% if !has_response_status -%}
import * as json from "./json.js";
{% endif -%}
import { Transport, prepareRoute } from "./http.js";

/** @typedef {import("./http.js").ClientOptions} ClientOptions */
/** @typedef {import("./http.js").RequestOptions} RequestOptions */
/** @typedef {import("./http.js").Prepared} Prepared */
/** @typedef {import("./http.js").Route} Route */

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

/**
 * The error every call of `{{ class_name }}` throws: `ApiError`, `ApiConnectionError` (status 0) or `ApiTimeoutError` (status 0).
 * @typedef {import("./http.js").ApiError<ErrorStatus>} {{ class_name }}Error
 */

{% if let Some(url) = base_url -%}
/** The server the schema names: the base URL when the constructor is given none. */
export const DEFAULT_BASE_URL = {{ url }};

{% endif -%}
/**
 * A typed client: one method per operation{% if has_streams %}, and a `…{{ stream_suffix }}` method yielding the events of each streamed one{% endif %}.
 * Every call has a timeout (default 10 minutes) and is retried on connection failures and 408, 429 and 5xx answers
 * (default {{ max_retries }} retries, with backoff); `options.signal` cancels it.
 */
export class {{ class_name }} {
  /** @type {{ "{{" }} [name: string]: string }} */
  #headers;
  /** @type {Transport<ErrorStatus>} */
  #transport;

  /**
{%- if base_url.is_some() %}
   * @param {string} [baseUrl] The server's root URL; `DEFAULT_BASE_URL` when not given.
{%- else %}
   * @param {string} baseUrl The server's root URL, e.g. `http://localhost:5005`.
{%- endif %}
   * @param {ClientOptions} [options]
   */
  constructor(baseUrl{% if base_url.is_some() %} = DEFAULT_BASE_URL{% endif %}, options = {}) {
    /** The server's root URL, without a trailing slash. */
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    /**
     * Sent as `Authorization: Bearer <token>` when set.
     * @type {string | undefined}
     */
    this.bearerToken = options.bearerToken;
    this.#headers = options.headers ?? {};
    this.#transport = new Transport(options.fetch ?? globalThis.fetch.bind(globalThis), errorDetails, options);
  }
{% for m in methods %}
{{ m.doc }}  {{ m.name }}(request, options) {
    return this.#transport.call(this.#prepare({{ m.route }}, request), dto.decode{{ m.response }}, options);
  }
{%- if let Some(s) = m.stream %}

  /**
   * Like `{{ m.name }}`, with `{{ s.flag_name }}: true`: yields each `{{ s.event }}` as it arrives (`for await`).
   * An error event, or a stream that ends without `{{ s.done_name }}`, throws `ApiError`; leaving the loop early
   * closes the connection. The call is retried only before its first event.
   * @param {dto.{{ m.request }}} request
   * @param {RequestOptions} [options] `fetch` options (e.g. a `signal` to cancel), `timeout`, `maxRetries`.
   * @returns {AsyncGenerator<dto.{{ s.event }}, void, undefined>}
   */
  {{ s.name }}(request, options) {
    return this.#transport.stream(this.#prepare({{ m.route }}, { ...request, {{ s.flag }}: true }), dto.decode{{ s.event }}, options);
  }
{%- endif %}
{% endfor %}
  /**
   * @param {Route} route
   * @param {object} request
   * @returns {Prepared}
   */
  #prepare(route, request) {
    /** @type {{ "{{" }} [name: string]: string }} */
    const headers = { Accept: "application/json", ...this.#headers };
    if (this.bearerToken) headers["Authorization"] = `Bearer ${this.bearerToken}`;
    return prepareRoute(this.baseUrl, route, request, headers);
  }
}

/**
 * The server's error details: ServiceStack's `responseStatus` or OpenAI's `error`, and its message.
 * @param {unknown} body
 * @returns {{ "{{" }} status?: ErrorStatus, message?: string }}
 */
function errorDetails(body) {
  if (typeof body !== "object" || body === null) return {};
  const record = /** @type {{ "{{" }} [key: string]: unknown }} */ (body);
{%- if has_response_status %}
  const openAi = /** @type {{ "{{" }} [key: string]: unknown } | null | undefined} */ (record["error"]);
  const candidate =
    record["responseStatus"] ??
    (typeof openAi === "object" && openAi !== null
      ? { errorCode: String(openAi["code"] ?? openAi["type"] ?? "Error"), message: String(openAi["message"] ?? "") }
      : undefined);
  if (candidate === undefined) return {};
  try {
    const status = dto.decodeResponseStatus(candidate, "$.responseStatus");
    return { status, message: messageOf(status) };
  } catch {
    return {};
  }
{%- else %}
  const status = /** @type {json.JsonValue | undefined} */ (record["responseStatus"] ?? record["error"]);
  return { status, message: messageOf(status) };
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
