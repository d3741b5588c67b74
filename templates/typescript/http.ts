// {{ banner }}

// The transport every client method goes through: timeouts, retries with
// backoff, error mapping and server-sent events (one policy for every
// dtogen language: see the README).

/** A call that did not succeed: a non-2xx status, a body that is not the expected JSON, or no answer at all. */
export class ApiError<S = unknown> extends Error {
  constructor(
    /** The HTTP status (0 when no response arrived: a network failure or a timeout). */
    readonly status: number,
    message: string,
    /** The parsed response body, or its text when it was not JSON. */
    readonly body?: unknown,
    /** The error details the server sent, when it sent them. */
    readonly responseStatus?: S,
    /** The server's request id (the `{{ p.request_id_name }}` response header), when it sent one. */
    readonly requestId?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ApiError";
  }
}

/** No answer arrived: the connection failed or broke (status 0). */
export class ApiConnectionError<S = unknown> extends ApiError<S> {
  constructor(message: string, cause?: unknown) {
    super(0, message, undefined, undefined, undefined, { cause });
    this.name = "ApiConnectionError";
  }
}

/** The call took longer than its timeout (status 0). */
export class ApiTimeoutError<S = unknown> extends ApiConnectionError<S> {
  constructor(message: string, cause?: unknown) {
    super(message, cause);
    this.name = "ApiTimeoutError";
  }
}

/** Options for every call of a client. */
export interface ClientOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  bearerToken?: string;
  /** Extra headers for every request. */
  headers?: { [name: string]: string };
  /** A `fetch` implementation; defaults to the global one. */
  fetch?: typeof fetch;
  /** Milliseconds one call may take, the whole answer (and stream) included; default {{ p.timeout_ms }} ({{ p.timeout_minutes }} minutes). */
  timeout?: number;
  /** Retries after a connection failure or a 408, 429 or 5xx answer; default {{ p.max_retries }}, 0 turns them off. */
  maxRetries?: number;
}

/** Options for one call: every `fetch` option (e.g. `signal` to cancel it), and this call's timeout and retries. */
export interface RequestOptions extends Omit<RequestInit, "method" | "body"> {
  /** Milliseconds this call may take; defaults to the client's. */
  timeout?: number;
  /** Retries for this call; defaults to the client's. */
  maxRetries?: number;
}

export const DEFAULT_TIMEOUT_MS = {{ p.timeout_ms }};
export const DEFAULT_MAX_RETRIES = {{ p.max_retries }};
const INITIAL_BACKOFF_MS = {{ p.initial_backoff_ms }};
const MAX_BACKOFF_MS = {{ p.max_backoff_ms }};
const JITTER = {{ p.jitter }};
const MAX_RETRY_AFTER_MS = {{ p.max_retry_after_ms }};
const STREAM_DONE = {{ p.stream_done }};
const REQUEST_ID_HEADER = {{ p.request_id_header }};

/** What a failing answer's body says, for the error: the structured status and its message. */
export type ErrorDetails<S> = (body: unknown) => { status?: S; message?: string };

/** One prepared request: sent (and re-sent on retries) by `Transport.open`. */
export interface Prepared {
  method: string;
  path: string;
  url: URL;
  headers: { [name: string]: string };
  body?: string;
}

/**
 * How an operation's request travels (from the schema's `x-operation`): the path's text and the request
 * properties substituted into it, the properties sent as query parameters and as headers, and the body.
 */
export interface Route {
  method: string;
  /** Text sent as is, and `{ param }`: that property's value, percent-encoded. */
  path: readonly (string | { readonly param: string })[];
  query?: readonly string[];
  headers?: readonly string[];
  /**
   * Omitted: the properties that are not parameters, as a JSON object (as query parameters for GET and DELETE);
   * `{ field }`: that property's value is the whole JSON body; `null`: no body.
   */
  body?: { readonly field: string } | null;
}

/** The request a route describes: parameters taken from the request's properties by their wire names. */
export function prepareRoute(baseUrl: string, route: Route, request: object, headers: { [name: string]: string }): Prepared {
  const fields = request as { readonly [key: string]: unknown };
  const bound = new Set<string>([...(route.query ?? []), ...(route.headers ?? [])]);
  let path = "";
  for (const piece of route.path) {
    if (typeof piece === "string") {
      path += piece;
      continue;
    }
    const value = fields[piece.param];
    if (value === undefined || value === null) throw new TypeError(`the path parameter "${piece.param}" is missing`);
    path += encodePathParam(paramText(value));
    bound.add(piece.param);
  }
  const url = new URL(baseUrl + path);
  for (const name of route.query ?? []) appendQuery(url, name, fields[name]);
  for (const name of route.headers ?? []) {
    const value = fields[name];
    if (value !== undefined && value !== null) headers[name] = paramText(value);
  }
  const method = route.method;
  if (route.body === null) return { method, path, url, headers };
  if (route.body !== undefined) {
    const value = fields[route.body.field];
    if (value === undefined) return { method, path, url, headers };
    headers["Content-Type"] = "application/json";
    return { method, path, url, headers, body: JSON.stringify(value) };
  }
  const rest = Object.entries(fields).filter(([key]) => !bound.has(key));
  if (method === "GET" || method === "DELETE") {
    for (const [key, value] of rest) appendQuery(url, key, value);
    return { method, path, url, headers };
  }
  headers["Content-Type"] = "application/json";
  return { method, path, url, headers, body: JSON.stringify(Object.fromEntries(rest)) };
}

/** A parameter's text: strings as they are, lists comma-joined, anything else as its JSON text. */
function paramText(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(paramText).join(",");
  return JSON.stringify(value) ?? "";
}

/** A query parameter: nothing for `undefined` and `null`, one pair per element for a list. */
function appendQuery(url: URL, name: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) url.searchParams.append(name, paramText(item));
  } else {
    url.searchParams.append(name, paramText(value));
  }
}

/** Percent-encodes everything but RFC 3986's unreserved characters (`encodeURIComponent` leaves `!'()*`). */
function encodePathParam(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** One attempt's timer and cancellation: the caller's signal and the timeout both abort it. */
class Attempt {
  readonly controller = new AbortController();
  timedOut = false;
  readonly #timer: ReturnType<typeof setTimeout>;
  readonly #signal: AbortSignal | null | undefined;
  readonly #onAbort: () => void;

  constructor(
    readonly timeout: number,
    signal: AbortSignal | null | undefined,
  ) {
    this.#signal = signal;
    this.#onAbort = () => this.controller.abort(signal?.reason);
    signal?.addEventListener("abort", this.#onAbort, { once: true });
    this.#timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, timeout);
  }

  /** Whether the caller cancelled. */
  get cancelled(): boolean {
    return this.#signal?.aborted === true;
  }

  /** The error to raise for `error`, thrown while this attempt ran. */
  wrap(error: unknown, what: string): unknown {
    if (this.cancelled) return this.#signal?.reason ?? error;
    if (this.timedOut) return new ApiTimeoutError(`${what}: timed out after ${this.timeout} ms`, error);
    if (error instanceof ApiError) return error;
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    return new ApiConnectionError(`${what}: ${reason}`, error);
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#signal?.removeEventListener("abort", this.#onAbort);
  }
}

/** Sends requests with the client's timeout and retry policy. */
export class Transport<S> {
  readonly timeout: number;
  readonly maxRetries: number;

  constructor(
    readonly fetch: typeof globalThis.fetch,
    readonly details: ErrorDetails<S>,
    options: ClientOptions,
  ) {
    this.timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  }

  /** Sends a request and decodes its JSON answer. */
  async call<T>(request: Prepared, decode: (value: unknown, path: string) => T, options?: RequestOptions): Promise<T> {
    const { response, attempt } = await this.open(request, options);
    const what = `${request.method} ${request.path}`;
    try {
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        throw attempt.wrap(error, what);
      }
      let parsed: unknown = undefined;
      try {
        parsed = text === "" ? undefined : JSON.parse(text);
      } catch {
        throw new ApiError<S>(response.status, `${what}: the response is not JSON`, text, undefined, requestId(response));
      }
      try {
        return decode(parsed, "$");
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new ApiError<S>(response.status, `${what}: unexpected response: ${reason}`, parsed, undefined, requestId(response));
      }
    } finally {
      attempt.close();
    }
  }

  /** Sends a request and yields each server-sent event's data, decoded, as it arrives. */
  async *stream<T>(request: Prepared, decode: (value: unknown, path: string) => T, options?: RequestOptions): AsyncGenerator<T, void, undefined> {
    request.headers["Accept"] = "text/event-stream";
    const { response, attempt } = await this.open(request, options);
    const what = `${request.method} ${request.path}`;
    const id = requestId(response);
    const body = response.body;
    if (body === null) {
      attempt.close();
      throw new ApiError<S>(response.status, `${what}: the response has no body`, undefined, undefined, id);
    }
    const reader = body.getReader();
    const text = new TextDecoder();
    const parser = new SseParser();
    let finished = false;
    try {
      for (;;) {
        let read: ReadableStreamReadResult<Uint8Array>;
        try {
          read = await reader.read();
        } catch (error) {
          throw attempt.wrap(error, what);
        }
        const events = read.done ? parser.push(text.decode(), true) : parser.push(text.decode(read.value, { stream: true }), false);
        for (const data of events) {
          if (data === STREAM_DONE) {
            finished = true;
            return;
          }
          yield this.#event(data, decode, response.status, what, id);
        }
        if (read.done) break;
      }
      throw new ApiError<S>(response.status, `${what}: the stream ended without ${STREAM_DONE}`, undefined, undefined, id);
    } finally {
      attempt.close();
      if (!finished) await reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
  }

  #event<T>(data: string, decode: (value: unknown, path: string) => T, status: number, what: string, id: string | undefined): T {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      throw new ApiError<S>(status, `${what}: an event is not JSON: ${preview(data)}`, data, undefined, id);
    }
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) && "error" in parsed) {
      const details = this.details(parsed);
      throw new ApiError<S>(status, `${what}: the stream failed: ${details.message ?? preview(data)}`, parsed, details.status, id);
    }
    try {
      return decode(parsed, "$");
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ApiError<S>(status, `${what}: unexpected event: ${reason}`, parsed, undefined, id);
    }
  }

  /**
   * Sends the request until it gets a 2xx answer, retrying connection failures and
   * retryable statuses; the returned attempt's timer still runs (the body is part of the call).
   */
  async open(request: Prepared, options?: RequestOptions): Promise<{ response: Response; attempt: Attempt }> {
    const { timeout = this.timeout, maxRetries = this.maxRetries, signal, headers, ...init } = options ?? {};
    const what = `${request.method} ${request.path}`;
    const sent = { ...request.headers, ...(headers as { [name: string]: string } | undefined) };
    for (let retry = 0; ; retry++) {
      if (signal?.aborted) throw signal.reason;
      const attempt = new Attempt(timeout, signal);
      let response: Response;
      try {
        response = await this.fetch(request.url, { ...init, method: request.method, headers: sent, body: request.body, signal: attempt.controller.signal });
      } catch (error) {
        attempt.close();
        const wrapped = attempt.wrap(error, what);
        if (attempt.cancelled || retry >= maxRetries) throw wrapped;
        await sleep(retryDelay(retry, undefined), signal);
        continue;
      }
      if (response.ok) return { response, attempt };
      if (retry < maxRetries && retryable(response.status)) {
        attempt.close();
        await response.body?.cancel().catch(() => undefined);
        await sleep(retryDelay(retry, response.headers), signal);
        continue;
      }
      try {
        throw await this.#failure(response, what);
      } catch (error) {
        throw attempt.wrap(error, what);
      } finally {
        attempt.close();
      }
    }
  }

  /** The error for a non-2xx answer: its status, details, text and request id. */
  async #failure(response: Response, what: string): Promise<ApiError<S>> {
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === "" ? undefined : JSON.parse(text);
    } catch {
      // not JSON: the error shows the text
    }
    const details = typeof parsed === "object" && parsed !== null ? this.details(parsed) : {};
    const detail = details.message ?? (text === "" ? response.statusText : preview(text));
    return new ApiError<S>(response.status, `${what} failed with ${response.status}: ${detail}`, parsed, details.status, requestId(response));
  }
}

/** Whether an answer with this status is retried: 408, 429 and every 5xx. */
export function retryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** The wait before retry `retry` (0-based): the server's `retry-after-ms` or `Retry-After`, else backoff with jitter. */
export function retryDelay(retry: number, headers: Headers | undefined): number {
  const ms = headers?.get("retry-after-ms");
  if (ms) {
    const wait = Number(ms);
    if (Number.isFinite(wait) && wait >= 0 && wait <= MAX_RETRY_AFTER_MS) return wait;
  }
  const after = headers?.get("retry-after");
  if (after) {
    const seconds = Number(after);
    const wait = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(after) - Date.now();
    if (Number.isFinite(wait) && wait >= 0 && wait <= MAX_RETRY_AFTER_MS) return wait;
  }
  const backoff = Math.min(INITIAL_BACKOFF_MS * 2 ** Math.min(retry, 16), MAX_BACKOFF_MS);
  return backoff * (1 - JITTER * Math.random());
}

function sleep(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function requestId(response: Response): string | undefined {
  return response.headers.get(REQUEST_ID_HEADER) ?? undefined;
}

function preview(text: string): string {
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

/**
 * An incremental server-sent events reader (the WHATWG rules): lines end at
 * CRLF, LF or CR; `:` starts a comment; `data` lines join with "\n"; an empty
 * line dispatches the event's data. `event`, `id` and `retry` are read and not used.
 */
export class SseParser {
  #rest = "";
  #data: string[] = [];
  #afterCr = false;

  /** Reads the next piece of text; returns the data of every event it completes. */
  push(text: string, end: boolean): string[] {
    const events: string[] = [];
    const buffer = this.#rest === "" ? text : this.#rest + text;
    let start = 0;
    if (this.#afterCr && buffer.charCodeAt(0) === 10) start = 1;
    this.#afterCr = false;
    const length = buffer.length;
    for (let index = start; index < length; index++) {
      const code = buffer.charCodeAt(index);
      if (code !== 10 && code !== 13) continue;
      this.#line(buffer, start, index, events);
      if (code === 13) {
        if (index + 1 === length) this.#afterCr = true;
        else if (buffer.charCodeAt(index + 1) === 10) index++;
      }
      start = index + 1;
    }
    this.#rest = start < length ? buffer.slice(start) : "";
    if (end) {
      // A last line without its end is read; an event without its empty line is dropped.
      if (this.#rest !== "") this.#line(this.#rest, 0, this.#rest.length, events);
      this.#rest = "";
      this.#data = [];
    }
    return events;
  }

  #line(buffer: string, start: number, end: number, events: string[]): void {
    if (start === end) {
      if (this.#data.length > 0) {
        events.push(this.#data.length === 1 ? this.#data[0]! : this.#data.join("\n"));
        this.#data = [];
      }
      return;
    }
    if (end - start === 4 && buffer.startsWith("data", start)) {
      this.#data.push("");
      return;
    }
    if (buffer.startsWith("data:", start)) {
      const from = start + (buffer.charCodeAt(start + 5) === 32 ? 6 : 5);
      this.#data.push(from >= end ? "" : buffer.slice(from, end));
      return;
    }
    // comments (`:`), `event`, `id`, `retry` and unknown fields: nothing to keep
  }
}
