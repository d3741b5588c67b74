// {{ banner }}

import * as dto from "./types.js";
{% if !has_response_status -%}
import * as json from "./json.js";
{% endif -%}
import { ApiError, Transport, prepareRoute, type ClientOptions, type Prepared, type RequestOptions, type Route } from "./http.js";

{% if has_response_status -%}
/** The structured error a failing call carries. */
export type ErrorStatus = dto.ResponseStatus;
{%- else -%}
/** The structured error a failing call carries (the schema defines no `ResponseStatus`). */
export type ErrorStatus = json.JsonValue;
{%- endif %}

/** The error every call of `{{ class_name }}` throws: `ApiError`, `ApiConnectionError` (status 0) or `ApiTimeoutError` (status 0). */
export type {{ class_name }}Error = ApiError<ErrorStatus>;

/**
 * A typed client: one method per operation{% if has_streams %}, and a `…{{ stream_suffix }}` method yielding the events of each streamed one{% endif %}.
 * Every call has a timeout (default 10 minutes) and is retried on connection failures and 408, 429 and 5xx answers
 * (default {{ max_retries }} retries, with backoff); `options.signal` cancels it.
 */
{% if let Some(url) = base_url -%}
/** The server the schema names: the base URL when the constructor is given none. */
export const DEFAULT_BASE_URL = {{ url }};

{% endif -%}
export class {{ class_name }} {
  readonly baseUrl: string;
  bearerToken: string | undefined;
  readonly #headers: { [name: string]: string };
  readonly #transport: Transport<ErrorStatus>;

  constructor(baseUrl: string{% if base_url.is_some() %} = DEFAULT_BASE_URL{% endif %}, options: ClientOptions = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    this.bearerToken = options.bearerToken;
    this.#headers = options.headers ?? {};
    this.#transport = new Transport<ErrorStatus>(options.fetch ?? globalThis.fetch.bind(globalThis), errorDetails, options);
  }
{% for m in methods %}
{{ m.doc }}  {{ m.name }}(request: dto.{{ m.request }}, options?: RequestOptions): Promise<dto.{{ m.response }}> {
    return this.#transport.call(this.#prepare({{ m.route }}, request), dto.decode{{ m.response }}, options);
  }
{%- if let Some(s) = m.stream %}

  /**
   * Like `{{ m.name }}`, with `{{ s.flag_name }}: true`: yields each `{{ s.event }}` as it arrives (`for await`).
   * An error event, or a stream that ends without `{{ s.done_name }}`, throws `ApiError`; leaving the loop early
   * closes the connection. The call is retried only before its first event.
   */
  {{ s.name }}(request: dto.{{ m.request }}, options?: RequestOptions): AsyncGenerator<dto.{{ s.event }}, void, undefined> {
    return this.#transport.stream(this.#prepare({{ m.route }}, { ...request, {{ s.flag }}: true }), dto.decode{{ s.event }}, options);
  }
{%- endif %}
{% endfor %}
  #prepare(route: Route, request: object): Prepared {
    const headers: { [name: string]: string } = { Accept: "application/json", ...this.#headers };
    if (this.bearerToken) headers["Authorization"] = `Bearer ${this.bearerToken}`;
    return prepareRoute(this.baseUrl, route, request, headers);
  }
}

/** The server's error details: ServiceStack's `responseStatus` or OpenAI's `error`, and its message. */
function errorDetails(body: unknown): { status?: ErrorStatus; message?: string } {
  if (typeof body !== "object" || body === null) return {};
  const record = body as { [key: string]: unknown };
{%- if has_response_status %}
  const openAi = record["error"] as { [key: string]: unknown } | undefined;
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
  const status = (record["responseStatus"] ?? record["error"]) as json.JsonValue | undefined;
  return { status, message: messageOf(status) };
{%- endif %}
}

function messageOf(status: ErrorStatus | undefined): string | undefined {
  const candidate: unknown = status;
  if (typeof candidate !== "object" || candidate === null || !("message" in candidate)) return undefined;
  const message = candidate.message;
  return typeof message === "string" && message !== "" ? message : undefined;
}
