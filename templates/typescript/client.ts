// {{ banner }}

import * as dto from "./types.js";
import * as json from "./json.js";

{% if has_response_status -%}
/** The structured error a failing call carries. */
export type ErrorStatus = dto.ResponseStatus;
{%- else -%}
/** The structured error a failing call carries (the schema defines no `ResponseStatus`). */
export type ErrorStatus = json.JsonValue;
{%- endif %}

/** A call that did not succeed: a non-2xx status, or a body that is not the expected JSON. */
export class ApiError extends Error {
  constructor(
    /** The HTTP status (0 when no response arrived). */
    readonly status: number,
    message: string,
    /** The parsed response body, or its text when it was not JSON. */
    readonly body: unknown,
    /** The error details the server sent, when it sent them. */
    readonly responseStatus?: ErrorStatus,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface ClientOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  bearerToken?: string;
  /** Extra headers for every request. */
  headers?: { [name: string]: string };
  /** A `fetch` implementation; defaults to the global one. */
  fetch?: typeof fetch;
}

/** A typed client: one method per operation. */
export class {{ class_name }} {
  readonly baseUrl: string;
  bearerToken: string | undefined;
  readonly #headers: { [name: string]: string };
  readonly #fetch: typeof fetch;

  constructor(baseUrl: string, options: ClientOptions = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    this.bearerToken = options.bearerToken;
    this.#headers = options.headers ?? {};
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }
{% for m in methods %}
{{ m.doc }}  {{ m.name }}(request: dto.{{ m.request }}, init?: RequestInit): Promise<dto.{{ m.response }}> {
    return this.#send("{{ m.method }}", {{ m.path }}, request, dto.decode{{ m.response }}, init);
  }
{% endfor %}
  async #send<T>(method: string, path: string, request: unknown, decode: json.Decoder<T>, init?: RequestInit): Promise<T> {
    const url = new URL(this.baseUrl + path);
    const headers: { [name: string]: string } = { Accept: "application/json", ...this.#headers };
    if (this.bearerToken) headers["Authorization"] = `Bearer ${this.bearerToken}`;
    let body: string | undefined;
    if (method === "GET" || method === "DELETE") {
      for (const [key, value] of Object.entries(request as { [key: string]: unknown })) {
        if (value === undefined || value === null) continue;
        url.searchParams.set(key, typeof value === "object" ? JSON.stringify(value) : String(value));
      }
    } else {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(request);
    }
    const response = await this.#fetch(url, { ...init, method, headers: { ...headers, ...(init?.headers as object) }, body });
    const text = await response.text();
    let parsed: unknown = undefined;
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

/** The server's error details: ServiceStack's `responseStatus` or OpenAI's `error`. */
function errorStatus(body: unknown): ErrorStatus | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const record = body as { [key: string]: unknown };
{%- if has_response_status %}
  const openAi = record["error"] as { [key: string]: unknown } | undefined;
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
  return (record["responseStatus"] ?? record["error"]) as json.JsonValue | undefined;
{%- endif %}
}

function messageOf(status: ErrorStatus | undefined): string | undefined {
  const candidate: unknown = status;
  if (typeof candidate !== "object" || candidate === null || !("message" in candidate)) return undefined;
  const message = candidate.message;
  return typeof message === "string" && message !== "" ? message : undefined;
}
