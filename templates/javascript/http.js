// {{ banner }}

// The transport every client method goes through: timeouts, retries with
// backoff, error mapping and server-sent events (one policy for every
// dtogen language: see the README).

/**
 * A call that did not succeed: a non-2xx status, a body that is not the expected JSON, or no answer at all.
 * @template [S=unknown]
 */
export class ApiError extends Error {
  /**
   * @param {number} status The HTTP status (0 when no response arrived: a network failure or a timeout).
   * @param {string} message
   * @param {unknown} [body] The parsed response body, or its text when it was not JSON.
   * @param {S} [responseStatus] The error details the server sent, when it sent them.
   * @param {string} [requestId] The server's request id (the `{{ p.request_id_name }}` response header), when it sent one.
   * @param {{ "{{" }} cause?: unknown }} [options]
   */
  constructor(status, message, body, responseStatus, requestId, options) {
    super(message, options);
    this.name = "ApiError";
    /** The HTTP status (0 when no response arrived: a network failure or a timeout). */
    this.status = status;
    /** The parsed response body, or its text when it was not JSON. */
    this.body = body;
    /** The error details the server sent, when it sent them. */
    this.responseStatus = responseStatus;
    /** The server's request id (the `{{ p.request_id_name }}` response header), when it sent one. */
    this.requestId = requestId;
  }
}

/**
 * No answer arrived: the connection failed or broke (status 0).
 * @template [S=unknown]
 * @extends {ApiError<S>}
 */
export class ApiConnectionError extends ApiError {
  /**
   * @param {string} message
   * @param {unknown} [cause]
   */
  constructor(message, cause) {
    super(0, message, undefined, undefined, undefined, { cause });
    this.name = "ApiConnectionError";
  }
}

/**
 * The call took longer than its timeout (status 0).
 * @template [S=unknown]
 * @extends {ApiConnectionError<S>}
 */
export class ApiTimeoutError extends ApiConnectionError {
  /**
   * @param {string} message
   * @param {unknown} [cause]
   */
  constructor(message, cause) {
    super(message, cause);
    this.name = "ApiTimeoutError";
  }
}

/**
 * Options for every call of a client.
 * @typedef {object} ClientOptions
 * @property {string} [bearerToken] Sent as `Authorization: Bearer <token>`.
 * @property {{ "{{" }} [name: string]: string }} [headers] Extra headers for every request.
 * @property {typeof fetch} [fetch] A `fetch` implementation; defaults to the global one.
 * @property {number} [timeout] Milliseconds one call may take, the whole answer (and stream) included; default {{ p.timeout_ms }} ({{ p.timeout_minutes }} minutes).
 * @property {number} [maxRetries] Retries after a connection failure or a 408, 429 or 5xx answer; default {{ p.max_retries }}, 0 turns them off.
 */

/**
 * Options for one call: every `fetch` option (e.g. `signal` to cancel it), and this call's timeout and retries.
 * @typedef {Omit<RequestInit, "method" | "body"> & { timeout?: number, maxRetries?: number }} RequestOptions
 */

export const DEFAULT_TIMEOUT_MS = {{ p.timeout_ms }};
export const DEFAULT_MAX_RETRIES = {{ p.max_retries }};
const INITIAL_BACKOFF_MS = {{ p.initial_backoff_ms }};
const MAX_BACKOFF_MS = {{ p.max_backoff_ms }};
const JITTER = {{ p.jitter }};
const MAX_RETRY_AFTER_MS = {{ p.max_retry_after_ms }};
const STREAM_DONE = {{ p.stream_done }};
const REQUEST_ID_HEADER = {{ p.request_id_header }};

/**
 * What a failing answer's body says, for the error: the structured status and its message.
 * @template S
 * @typedef {(body: unknown) => { status?: S, message?: string }} ErrorDetails
 */

/**
 * One prepared request: sent (and re-sent on retries) by `Transport.open`.
 * @typedef {object} Prepared
 * @property {string} method
 * @property {string} path
 * @property {URL} url
 * @property {{ "{{" }} [name: string]: string }} headers
 * @property {string} [body]
 */

/**
 * How an operation's request travels (from the schema's `x-operation`): the path's text and the request
 * properties substituted into it, the properties sent as query parameters and as headers, and the body
 * (omitted: the properties that are not parameters, as a JSON object, or as query parameters for GET and
 * DELETE; `{ field }`: that property's value is the whole JSON body; `null`: no body).
 * @typedef {object} Route
 * @property {string} method
 * @property {readonly (string | { readonly param: string })[]} path Text sent as is, and `{ param }`: that property's value, percent-encoded.
 * @property {readonly string[]} [query]
 * @property {readonly string[]} [headers]
 * @property {{ "{{" }} readonly field: string } | null} [body]
 */

/**
 * The request a route describes: parameters taken from the request's properties by their wire names.
 * @param {string} baseUrl
 * @param {Route} route
 * @param {object} request
 * @param {{ "{{" }} [name: string]: string }} headers
 * @returns {Prepared}
 */
export function prepareRoute(baseUrl, route, request, headers) {
  const fields = /** @type {{ "{{" }} readonly [key: string]: unknown }} */ (request);
  const bound = new Set([...(route.query ?? []), ...(route.headers ?? [])]);
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

/**
 * A parameter's text: strings as they are, lists comma-joined, anything else as its JSON text.
 * @param {unknown} value
 * @returns {string}
 */
function paramText(value) {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(paramText).join(",");
  return JSON.stringify(value) ?? "";
}

/**
 * A query parameter: nothing for `undefined` and `null`, one pair per element for a list.
 * @param {URL} url
 * @param {string} name
 * @param {unknown} value
 */
function appendQuery(url, name, value) {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) url.searchParams.append(name, paramText(item));
  } else {
    url.searchParams.append(name, paramText(value));
  }
}

/**
 * Percent-encodes everything but RFC 3986's unreserved characters (`encodeURIComponent` leaves `!'()*`).
 * @param {string} text
 * @returns {string}
 */
function encodePathParam(text) {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** One attempt's timer and cancellation: the caller's signal and the timeout both abort it. */
class Attempt {
  /** @type {ReturnType<typeof setTimeout>} */
  #timer;
  /** @type {AbortSignal | null | undefined} */
  #signal;
  /** @type {() => void} */
  #onAbort;

  /**
   * @param {number} timeout
   * @param {AbortSignal | null | undefined} signal
   */
  constructor(timeout, signal) {
    this.timeout = timeout;
    this.controller = new AbortController();
    this.timedOut = false;
    this.#signal = signal;
    this.#onAbort = () => this.controller.abort(signal?.reason);
    signal?.addEventListener("abort", this.#onAbort, { once: true });
    this.#timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, timeout);
  }

  /** Whether the caller cancelled. */
  get cancelled() {
    return this.#signal?.aborted === true;
  }

  /**
   * The error to raise for `error`, thrown while this attempt ran.
   * @param {unknown} error
   * @param {string} what
   * @returns {unknown}
   */
  wrap(error, what) {
    if (this.cancelled) return this.#signal?.reason ?? error;
    if (this.timedOut) return new ApiTimeoutError(`${what}: timed out after ${this.timeout} ms`, error);
    if (error instanceof ApiError) return error;
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    return new ApiConnectionError(`${what}: ${reason}`, error);
  }

  close() {
    clearTimeout(this.#timer);
    this.#signal?.removeEventListener("abort", this.#onAbort);
  }
}

/**
 * Sends requests with the client's timeout and retry policy.
 * @template S
 */
export class Transport {
  /**
   * @param {typeof globalThis.fetch} fetch
   * @param {ErrorDetails<S>} details
   * @param {ClientOptions} options
   */
  constructor(fetch, details, options) {
    this.fetch = fetch;
    this.details = details;
    this.timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  }

  /**
   * Sends a request and decodes its JSON answer.
   * @template T
   * @param {Prepared} request
   * @param {(value: unknown, path: string) => T} decode
   * @param {RequestOptions} [options]
   * @returns {Promise<T>}
   */
  async call(request, decode, options) {
    const { response, attempt } = await this.open(request, options);
    const what = `${request.method} ${request.path}`;
    try {
      /** @type {string} */
      let text;
      try {
        text = await response.text();
      } catch (error) {
        throw attempt.wrap(error, what);
      }
      /** @type {unknown} */
      let parsed = undefined;
      try {
        parsed = text === "" ? undefined : JSON.parse(text);
      } catch {
        throw new ApiError(response.status, `${what}: the response is not JSON`, text, undefined, requestId(response));
      }
      try {
        return decode(parsed, "$");
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new ApiError(response.status, `${what}: unexpected response: ${reason}`, parsed, undefined, requestId(response));
      }
    } finally {
      attempt.close();
    }
  }

  /**
   * Sends a request and yields each server-sent event's data, decoded, as it arrives.
   * @template T
   * @param {Prepared} request
   * @param {(value: unknown, path: string) => T} decode
   * @param {RequestOptions} [options]
   * @returns {AsyncGenerator<T, void, undefined>}
   */
  async *stream(request, decode, options) {
    request.headers["Accept"] = "text/event-stream";
    const { response, attempt } = await this.open(request, options);
    const what = `${request.method} ${request.path}`;
    const id = requestId(response);
    const body = response.body;
    if (body === null) {
      attempt.close();
      throw new ApiError(response.status, `${what}: the response has no body`, undefined, undefined, id);
    }
    const reader = body.getReader();
    const text = new TextDecoder();
    const parser = new SseParser();
    let finished = false;
    try {
      for (;;) {
        /** @type {ReadableStreamReadResult<Uint8Array>} */
        let read;
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
      throw new ApiError(response.status, `${what}: the stream ended without ${STREAM_DONE}`, undefined, undefined, id);
    } finally {
      attempt.close();
      if (!finished) await reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
  }

  /**
   * @template T
   * @param {string} data
   * @param {(value: unknown, path: string) => T} decode
   * @param {number} status
   * @param {string} what
   * @param {string | undefined} id
   * @returns {T}
   */
  #event(data, decode, status, what, id) {
    /** @type {unknown} */
    let parsed;
    try {
      parsed = JSON.parse(data);
    } catch {
      throw new ApiError(status, `${what}: an event is not JSON: ${preview(data)}`, data, undefined, id);
    }
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) && "error" in parsed) {
      const details = this.details(parsed);
      throw new ApiError(status, `${what}: the stream failed: ${details.message ?? preview(data)}`, parsed, details.status, id);
    }
    try {
      return decode(parsed, "$");
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ApiError(status, `${what}: unexpected event: ${reason}`, parsed, undefined, id);
    }
  }

  /**
   * Sends the request until it gets a 2xx answer, retrying connection failures and
   * retryable statuses; the returned attempt's timer still runs (the body is part of the call).
   * @param {Prepared} request
   * @param {RequestOptions} [options]
   * @returns {Promise<{ response: Response, attempt: Attempt }>}
   */
  async open(request, options) {
    const { timeout = this.timeout, maxRetries = this.maxRetries, signal, headers, ...init } = options ?? {};
    const what = `${request.method} ${request.path}`;
    const sent = { ...request.headers, .../** @type {{ "{{" }} [name: string]: string } | undefined} */ (headers) };
    for (let retry = 0; ; retry++) {
      if (signal?.aborted) throw signal.reason;
      const attempt = new Attempt(timeout, signal);
      /** @type {Response} */
      let response;
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

  /**
   * The error for a non-2xx answer: its status, details, text and request id.
   * @param {Response} response
   * @param {string} what
   * @returns {Promise<ApiError<S>>}
   */
  async #failure(response, what) {
    const text = await response.text();
    /** @type {unknown} */
    let parsed = text;
    try {
      parsed = text === "" ? undefined : JSON.parse(text);
    } catch {
      // not JSON: the error shows the text
    }
    /** @type {{ "{{" }} status?: S, message?: string }} */
    const details = typeof parsed === "object" && parsed !== null ? this.details(parsed) : {};
    const detail = details.message ?? (text === "" ? response.statusText : preview(text));
    return new ApiError(response.status, `${what} failed with ${response.status}: ${detail}`, parsed, details.status, requestId(response));
  }
}

/**
 * Whether an answer with this status is retried: 408, 429 and every 5xx.
 * @param {number} status
 * @returns {boolean}
 */
export function retryable(status) {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * The wait before retry `retry` (0-based): the server's `retry-after-ms` or `Retry-After`, else backoff with jitter.
 * @param {number} retry
 * @param {Headers | undefined} headers
 * @returns {number}
 */
export function retryDelay(retry, headers) {
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

/**
 * @param {number} ms
 * @param {AbortSignal | null | undefined} signal
 * @returns {Promise<void>}
 */
function sleep(ms, signal) {
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

/**
 * @param {Response} response
 * @returns {string | undefined}
 */
function requestId(response) {
  return response.headers.get(REQUEST_ID_HEADER) ?? undefined;
}

/**
 * @param {string} text
 * @returns {string}
 */
function preview(text) {
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

/**
 * An incremental server-sent events reader (the WHATWG rules): lines end at
 * CRLF, LF or CR; `:` starts a comment; `data` lines join with "\n"; an empty
 * line dispatches the event's data. `event`, `id` and `retry` are read and not used.
 */
export class SseParser {
  #rest = "";
  /** @type {string[]} */
  #data = [];
  #afterCr = false;

  /**
   * Reads the next piece of text; returns the data of every event it completes.
   * @param {string} text
   * @param {boolean} end Whether the stream ended after this text.
   * @returns {string[]}
   */
  push(text, end) {
    /** @type {string[]} */
    const events = [];
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

  /**
   * @param {string} buffer
   * @param {number} start
   * @param {number} end
   * @param {string[]} events
   */
  #line(buffer, start, end, events) {
    if (start === end) {
      if (this.#data.length > 0) {
        events.push(this.#data.length === 1 ? this.#data[0] : this.#data.join("\n"));
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
