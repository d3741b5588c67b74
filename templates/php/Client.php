<?php

{{ r.banner }}

declare(strict_types=1);

namespace {{ r.namespace }};

/**
 * A typed client: one method per operation{% if has_streams %}, and a `…{{ stream_suffix }}` method yielding
 * the events of each operation that streams{% endif %}.
 *
 * It speaks HTTP through PHP's stream wrapper, so it needs no extension, only
 * `allow_url_fopen` (on by default; `https://` URLs also need ext-openssl).
 * Each attempt of a call may take `$timeout` seconds, whole answer included;
 * a connection failure, a timeout or a 408, 429 or 5xx answer is retried up to
 * `$maxRetries` times, after the server's `retry-after-ms` / `Retry-After`
 * (up to {{ max_retry_after_ms }} ms) or an exponential backoff with jitter.
 */
final class {{ class_name }}
{
    /** Seconds one attempt of a call may take, whole answer included, unless configured. */
    public const DEFAULT_TIMEOUT = {{ timeout }};
    /** Retries after the first attempt, unless configured (0 turns them off). */
    public const DEFAULT_MAX_RETRIES = {{ max_retries }};
    private const INITIAL_BACKOFF_MS = {{ initial_backoff_ms }};
    private const MAX_BACKOFF_MS = {{ max_backoff_ms }};
    /** The random share taken off a computed backoff. */
    private const JITTER = {{ jitter }};
    /** A server's `Retry-After` longer than this is not waited for (the backoff is used). */
    private const MAX_RETRY_AFTER_MS = {{ max_retry_after_ms }};
    /** The data that ends a stream. */
    private const STREAM_DONE = {{ stream_done }};
    private const REQUEST_ID_HEADER = {{ request_id_header }};
{%- if let Some(url) = base_url %}
    /** The server the schema names: the base URL when the constructor is given none. */
    public const DEFAULT_BASE_URL = {{ url }};
{%- endif %}
{%- for m in methods %}
{{ m.route }}
{%- endfor %}

    private readonly string $baseUrl;

    /**
     * @param string $baseUrl the server's root, e.g. `http://localhost:5005`
     * @param ?string $bearerToken sent as `Authorization: Bearer <token>`
     * @param array<string, string> $headers extra headers for every request
     * @param float $timeout seconds one attempt of a call may take, whole answer included
     * @param int $maxRetries retries after a connection failure, a timeout or a 408, 429 or 5xx (0: none)
     */
    public function __construct(
        string $baseUrl{% if base_url.is_some() %} = self::DEFAULT_BASE_URL{% endif %},
        public ?string $bearerToken = null,
        private readonly array $headers = [],
        private readonly float $timeout = self::DEFAULT_TIMEOUT,
        private readonly int $maxRetries = self::DEFAULT_MAX_RETRIES,
    ) {
        $this->baseUrl = rtrim($baseUrl, '/');
    }
{%- for m in methods %}

{{ m.doc }}{{ m.signature }}
{{ m.call }}
    }
{%- if let Some(s) = m.stream %}

{{ s.doc }}{{ s.signature }}
        $request = clone $request;
        {{ s.set_flag }}
{{ s.call }}
    }
{%- endif %}
{%- endfor %}

    /**
     * @template T
     * @param array<string, mixed> $route see prepare()
     * @param \Closure(mixed, string): T $decode
     * @return T
     * @throws ApiException
     */
    private function send(array $route, mixed $request, \Closure $decode, ?RequestOptions $options): mixed
    {
        [$method, $path, $url, $sent, $body] = $this->prepare($route, $request, $options, 'application/json');
        [$stream, $status, $headers, $read] = $this->open($method, $path, $url, $sent, $body, $options);
        try {
            $text = self::readAll($read);
        } finally {
            fclose($stream);
        }
        $requestId = $headers[self::REQUEST_ID_HEADER] ?? null;
        try {
            $parsed = $text === '' ? null : Json::decode($text);
            return $decode($parsed, '$');
        } catch (\JsonException | DecodeException $error) {
            throw new ApiException(
                $status,
                "{$method} {$path}: unexpected response: {$error->getMessage()}",
                $parsed ?? $text,
                null,
                $error,
                $requestId,
            );
        }
    }
{%- if has_streams %}

    /**
     * The events of a streamed answer (server-sent events), each decoded and
     * yielded as it arrives. The request is sent when the iteration starts;
     * stopping the iteration early closes the connection.
     *
     * @template T
     * @param array<string, mixed> $route see prepare()
     * @param \Closure(mixed, string): T $decode
     * @return \Generator<int, T, mixed, void>
     * @throws ApiException
     */
    private function stream(array $route, mixed $request, \Closure $decode, ?RequestOptions $options): \Generator
    {
        [$method, $path, $url, $sent, $body] = $this->prepare($route, $request, $options, 'text/event-stream');
        [$stream, $status, $headers, $read] = $this->open($method, $path, $url, $sent, $body, $options);
        $requestId = $headers[self::REQUEST_ID_HEADER] ?? null;
        try {
            $buffer = '';
            $afterCr = false;
            /** @var list<string>|null $data the `data` lines of the event being read */
            $data = null;
            while (true) {
                foreach (self::takeLines($buffer, $afterCr) as $line) {
                    if ($line !== '') {
                        $colon = strpos($line, ':');
                        if ($colon === 0) {
                            continue;
                        }
                        $field = $colon === false ? $line : substr($line, 0, $colon);
                        $value = $colon === false ? '' : substr($line, $colon + 1);
                        if ($field === 'data') {
                            $data[] = str_starts_with($value, ' ') ? substr($value, 1) : $value;
                        }
                        continue;
                    }
                    if ($data === null) {
                        continue;
                    }
                    $payload = implode("\n", $data);
                    $data = null;
                    if ($payload === self::STREAM_DONE) {
                        return;
                    }
                    yield self::event($payload, $decode, $status, $method, $path, $requestId);
                }
                $chunk = $read();
                if ($chunk === null) {
                    break;
                }
                $buffer .= $chunk;
            }
            throw new ApiException(
                $status,
                "{$method} {$path}: the stream ended without " . self::STREAM_DONE,
                null,
                null,
                null,
                $requestId,
            );
        } finally {
            fclose($stream);
        }
    }

    /**
     * One event's data: an `error` object raises, anything else decodes.
     *
     * @template T
     * @param \Closure(mixed, string): T $decode
     * @return T
     * @throws ApiException
     */
    private static function event(
        string $payload,
        \Closure $decode,
        int $status,
        string $method,
        string $path,
        ?string $requestId,
    ): mixed {
        try {
            $event = Json::decode($payload);
        } catch (\JsonException | DecodeException $error) {
            $message = "{$method} {$path}: an event is not JSON: {$error->getMessage()}";
            throw new ApiException($status, $message, $payload, null, $error, $requestId);
        }
        if ($event instanceof \stdClass && property_exists($event, 'error')) {
            $responseStatus = self::errorStatus($event);
            $detail = self::messageOf($responseStatus) ?? Json::encode($event->error);
            $message = "{$method} {$path}: the stream reported an error: {$detail}";
            throw new ApiException($status, $message, $event, $responseStatus, null, $requestId);
        }
        try {
            return $decode($event, '$');
        } catch (DecodeException $error) {
            $message = "{$method} {$path}: unexpected event: {$error->getMessage()}";
            throw new ApiException($status, $message, $event, null, $error, $requestId);
        }
    }

    /**
     * Takes the complete lines off the front of `$buffer`; a line ends at CRLF,
     * LF or CR (`$afterCr`: the last one ended at a CR whose LF may follow).
     *
     * @return list<string>
     */
    private static function takeLines(string &$buffer, bool &$afterCr): array
    {
        $lines = [];
        $offset = 0;
        $length = strlen($buffer);
        if ($afterCr && $length > 0) {
            $offset = $buffer[0] === "\n" ? 1 : 0;
            $afterCr = false;
        }
        while ($offset + ($end = strcspn($buffer, "\r\n", $offset)) < $length) {
            $lines[] = substr($buffer, $offset, $end);
            $offset += $end + 1;
            if ($buffer[$offset - 1] === "\r") {
                if ($offset === $length) {
                    $afterCr = true;
                } elseif ($buffer[$offset] === "\n") {
                    $offset++;
                }
            }
        }
        $buffer = substr($buffer, $offset);
        return $lines;
    }
{%- endif %}

    /**
     * Sends the request, retrying as configured, until an answer with a 2xx
     * status arrives: returns its open stream (to close), status, headers
     * (lower-case names) and the reader of its body.
     *
     * @param array<string, string> $headers
     * @return array{resource, int, array<string, string>, \Closure(): ?string}
     * @throws ApiException
     */
    private function open(
        string $method,
        string $path,
        string $url,
        array $headers,
        ?string $body,
        ?RequestOptions $options,
    ): array {
        $timeout = $options?->timeout ?? $this->timeout;
        $retries = max(0, $options?->maxRetries ?? $this->maxRetries);
        for ($attempt = 0;; $attempt++) {
            $deadline = microtime(true) + $timeout;
            try {
                [$stream, $status, $answer] = self::connect($method, $path, $url, $headers, $body, $timeout);
            } catch (ApiException $error) {
                if ($attempt >= $retries) {
                    throw $error;
                }
                usleep(self::backoffMs($attempt) * 1000);
                continue;
            }
            if ($status >= 200 && $status <= 299) {
                return [$stream, $status, $answer, self::bodyReader($stream, $answer, $deadline, $method, $path)];
            }
            try {
                $text = self::readAll(self::bodyReader($stream, $answer, $deadline, $method, $path));
            } finally {
                fclose($stream);
            }
            $retryable = $status === 408 || $status === 429 || $status >= 500;
            if (!$retryable || $attempt >= $retries) {
                throw self::statusError($method, $path, $status, $text, $answer);
            }
            usleep(self::retryDelayMs($answer, $attempt) * 1000);
        }
    }

    /**
     * One attempt: connects, sends, and reads the status line and headers.
     *
     * @param array<string, string> $headers
     * @return array{resource, int, array<string, string>}
     * @throws ApiException (status 0) when no answer arrives
     */
    private static function connect(
        string $method,
        string $path,
        string $url,
        array $headers,
        ?string $body,
        float $timeout,
    ): array {
        $lines = ['Connection: close'];
        foreach ($headers as $name => $value) {
            $lines[] = "{$name}: {$value}";
        }
        $options = [
            'method' => $method,
            'header' => implode("\r\n", $lines),
            'protocol_version' => 1.1,
            'timeout' => $timeout,
            // Chunked bodies are decoded as they arrive (see bodyReader()).
            'auto_decode' => false,
            // Read the body of 4xx and 5xx answers too.
            'ignore_errors' => true,
        ];
        if ($body !== null) {
            $options['content'] = $body;
        }
        $started = microtime(true);
        // The wrapper reports a failure as a warning: taken as the reason, whatever
        // error handler the application has.
        $reason = 'unknown error';
        set_error_handler(static function (int $severity, string $message) use (&$reason): bool {
            $reason = $message;
            return true;
        });
        try {
            $stream = fopen($url, 'rb', false, stream_context_create(['http' => $options]));
        } finally {
            restore_error_handler();
        }
        if ($stream === false) {
            if (microtime(true) - $started >= $timeout * 0.95) {
                throw self::timeoutError($method, $path, $timeout);
            }
            throw new ApiException(0, "{$method} {$path}: no response from {$url}: {$reason}");
        }
        $status = 0;
        $answer = [];
        // After redirects the wrapper holds several answers' headers: the last one counts.
        foreach (stream_get_meta_data($stream)['wrapper_data'] ?? [] as $line) {
            if (!is_string($line)) {
                continue;
            }
            if (preg_match('{^HTTP/\S+\s+(\d{3})}', $line, $match) === 1) {
                $status = (int) $match[1];
                $answer = [];
            } elseif (($colon = strpos($line, ':')) !== false) {
                $answer[strtolower(trim(substr($line, 0, $colon)))] = trim(substr($line, $colon + 1));
            }
        }
        return [$stream, $status, $answer];
    }

    /**
     * The rest of a body.
     *
     * @param \Closure(): ?string $read
     * @throws ApiException (status 0) on a timeout
     */
    private static function readAll(\Closure $read): string
    {
        $text = '';
        while (($chunk = $read()) !== null) {
            $text .= $chunk;
        }
        return $text;
    }

    /**
     * A body's reader: each call returns what arrives next (as soon as anything
     * does), or null at the end. The wrapper's own dechunking is off (it would
     * wait for 8 KiB before handing anything over), so a chunked body is
     * decoded here.
     *
     * @param resource $stream
     * @param array<string, string> $headers
     * @return \Closure(): ?string
     */
    private static function bodyReader($stream, array $headers, float $deadline, string $method, string $path): \Closure
    {
        if (stripos($headers['transfer-encoding'] ?? '', 'chunked') === false) {
            return static fn (): ?string => feof($stream) ? null : self::readSome($stream, $deadline, $method, $path);
        }
        $raw = '';
        $left = 0;
        $crlf = false;
        $done = false;
        return static function () use ($stream, $deadline, $method, $path, &$raw, &$left, &$crlf, &$done): ?string {
            while (!$done) {
                $out = '';
                while (true) {
                    if ($left > 0) {
                        $take = substr($raw, 0, $left);
                        $raw = substr($raw, strlen($take));
                        $left -= strlen($take);
                        $out .= $take;
                        if ($left > 0) {
                            break;
                        }
                        $crlf = true;
                    }
                    if ($crlf) {
                        if (strlen($raw) < 2) {
                            break;
                        }
                        $raw = substr($raw, 2);
                        $crlf = false;
                    }
                    $end = strpos($raw, "\r\n");
                    if ($end === false) {
                        break;
                    }
                    if (preg_match('/^[0-9A-Fa-f]+/', substr($raw, 0, $end), $size) !== 1) {
                        throw new ApiException(0, "{$method} {$path}: a malformed chunked body");
                    }
                    $raw = substr($raw, $end + 2);
                    $left = (int) hexdec($size[0]);
                    // The last chunk (trailers, if any, are not read).
                    $done = $left === 0;
                    if ($done) {
                        break;
                    }
                }
                if ($out !== '') {
                    return $out;
                }
                $chunk = $done || feof($stream) ? null : self::readSome($stream, $deadline, $method, $path);
                if ($chunk === null) {
                    return null;
                }
                $raw .= $chunk;
            }
            return null;
        };
    }

    /**
     * What arrives next (as soon as anything does), or null at the end.
     *
     * @param resource $stream
     * @throws ApiException (status 0) on a timeout
     */
    private static function readSome($stream, float $deadline, string $method, string $path): ?string
    {
        $remaining = $deadline - microtime(true);
        if ($remaining <= 0) {
            throw self::timeoutError($method, $path, null);
        }
        stream_set_timeout($stream, (int) $remaining, (int) (($remaining - (int) $remaining) * 1_000_000));
        $chunk = fread($stream, 8192);
        if (stream_get_meta_data($stream)['timed_out']) {
            throw self::timeoutError($method, $path, null);
        }
        if ($chunk === false || ($chunk === '' && feof($stream))) {
            return null;
        }
        return $chunk;
    }

    private static function timeoutError(string $method, string $path, ?float $timeout): ApiException
    {
        $within = $timeout === null ? 'the timeout' : "{$timeout} s";
        return new ApiException(0, "{$method} {$path}: no complete answer within {$within}", timedOut: true);
    }

    /**
     * The error for a non-2xx answer: the server's error details when the body
     * is JSON, else its text.
     *
     * @param array<string, string> $headers
     */
    private static function statusError(
        string $method,
        string $path,
        int $status,
        string $text,
        array $headers,
    ): ApiException {
        $requestId = $headers[self::REQUEST_ID_HEADER] ?? null;
        try {
            $body = $text === '' ? null : Json::decode($text);
        } catch (\JsonException | DecodeException) {
            $body = $text;
        }
        $responseStatus = self::errorStatus($body);
        $detail = self::messageOf($responseStatus)
            ?? (is_string($body) && trim($body) !== '' ? self::excerpt(trim($body)) : 'no details');
        $message = "{$method} {$path} failed with {$status}: {$detail}"
            . ($requestId === null ? '' : " (request id {$requestId})");
        return new ApiException($status, $message, $body, $responseStatus, null, $requestId);
    }

    /** A body's text, cut to 500 bytes for a message. */
    private static function excerpt(string $text): string
    {
        return strlen($text) <= 500 ? $text : substr($text, 0, 500) . '…';
    }

    /**
     * Milliseconds to wait before retry `$attempt` (0-based): the server's
     * `retry-after-ms` or `Retry-After` when it sends one that is not too long,
     * else the backoff.
     *
     * @param array<string, string> $headers
     */
    private static function retryDelayMs(array $headers, int $attempt): int
    {
        $wait = null;
        $milliseconds = $headers['retry-after-ms'] ?? null;
        $after = $headers['retry-after'] ?? null;
        if ($milliseconds !== null && is_numeric($milliseconds)) {
            $wait = (float) $milliseconds;
        } elseif ($after !== null && is_numeric($after)) {
            $wait = (float) $after * 1000;
        } elseif ($after !== null && ($date = strtotime($after)) !== false) {
            $wait = ($date - time()) * 1000.0;
        }
        return $wait !== null && $wait >= 0 && $wait <= self::MAX_RETRY_AFTER_MS
            ? (int) $wait
            : self::backoffMs($attempt);
    }

    /** The exponential backoff before retry `$attempt` (0-based), with jitter. */
    private static function backoffMs(int $attempt): int
    {
        $backoff = min(self::MAX_BACKOFF_MS, self::INITIAL_BACKOFF_MS * 2 ** min($attempt, 16));
        return (int) ($backoff * (1 - self::JITTER * mt_rand() / mt_getrandmax()));
    }

    /**
     * The request a route describes, its parameters taken from the request's
     * properties by their wire names: method, path, URL, headers and body.
     *
     * The path's text and parameters alternate; `body` absent: the properties that are not
     * parameters (as query parameters for GET and DELETE), `[name]`: that property's value,
     * null: no body.
     *
     * @param array{method: string, path: list<string>, query?: list<string>,
     *     headers?: list<string>, body?: list<string>|null} $route
     * @return array{string, string, string, array<string, string>, ?string}
     */
    private function prepare(array $route, mixed $request, ?RequestOptions $options, string $accept): array
    {
        $method = $route['method'];
        $fields = Json::decode(Json::encode($request));
        $values = $fields instanceof \stdClass ? get_object_vars($fields) : [];
        $path = '';
        $bound = [];
        foreach ($route['path'] as $index => $piece) {
            if ($index % 2 === 0) {
                $path .= $piece;
                continue;
            }
            $value = $values[$piece] ?? null;
            if ($value === null) {
                throw new \InvalidArgumentException("the path parameter '{$piece}' is missing");
            }
            // rawurlencode encodes everything but RFC 3986's unreserved characters.
            $path .= rawurlencode(self::paramText($value));
            $bound[] = $piece;
        }
        $headers = ['Accept' => $accept] + ($options === null ? [] : $options->headers) + $this->headers;
        if ($this->bearerToken !== null && $this->bearerToken !== '') {
            $headers['Authorization'] = 'Bearer ' . $this->bearerToken;
        }
        $query = [];
        foreach ($route['query'] ?? [] as $name) {
            self::addQuery($query, $name, $values[$name] ?? null);
            $bound[] = $name;
        }
        foreach ($route['headers'] ?? [] as $name) {
            if (($values[$name] ?? null) !== null) {
                $headers[$name] = self::paramText($values[$name]);
            }
            $bound[] = $name;
        }
        $body = null;
        $kind = array_key_exists('body', $route) ? $route['body'] : [];
        if ($kind !== null && $kind !== []) {
            if (array_key_exists($kind[0], $values)) {
                $body = Json::encode($values[$kind[0]]);
            }
        } elseif ($kind === []) {
            $rest = array_diff_key($values, array_flip($bound));
            if ($method === 'GET' || $method === 'DELETE') {
                foreach ($rest as $name => $value) {
                    self::addQuery($query, (string) $name, $value);
                }
            } else {
                $body = $bound === [] ? Json::encode($request) : Json::encode((object) $rest);
            }
        }
        if ($body !== null) {
            $headers['Content-Type'] = 'application/json';
        }
        $url = $this->baseUrl . $path . ($query === [] ? '' : '?' . implode('&', $query));
        return [$method, $path, $url, $headers, $body];
    }

    /** A parameter's text: strings as they are, lists comma-joined, anything else as its JSON text. */
    private static function paramText(mixed $value): string
    {
        if (is_string($value)) {
            return $value;
        }
        if (is_array($value)) {
            return implode(',', array_map(self::paramText(...), $value));
        }
        return Json::encode($value);
    }

    /**
     * Appends a query parameter: nothing for null, one pair per element for a list.
     *
     * @param list<string> $query
     */
    private static function addQuery(array &$query, string $name, mixed $value): void
    {
        foreach (is_array($value) ? $value : ($value === null ? [] : [$value]) as $item) {
            $query[] = rawurlencode($name) . '=' . rawurlencode(self::paramText($item));
        }
    }
{% if let Some(rs) = response_status %}
    /** The server's error details: the body's `responseStatus`, or OpenAI's `error`. */
    private static function errorStatus(mixed $body): ?Dto\{{ rs }}
    {
        if (!$body instanceof \stdClass) {
            return null;
        }
        $candidate = $body->responseStatus ?? null;
        $error = $body->error ?? null;
        if ($candidate === null && $error instanceof \stdClass) {
            $code = $error->code ?? $error->type ?? null;
            $message = $error->message ?? null;
            $candidate = [
                'errorCode' => is_scalar($code) ? (string) $code : 'Error',
                'message' => is_scalar($message) ? (string) $message : '',
            ];
        }
        if ($candidate === null) {
            return null;
        }
        try {
            return Dto\{{ rs }}::fromArray(Json::object($candidate, '$.responseStatus'), '$.responseStatus');
        } catch (DecodeException) {
            return null;
        }
    }

    private static function messageOf(?Dto\{{ rs }} $status): ?string
    {
        return $status === null || $status->message === '' ? null : $status->message;
    }
{%- else %}
    /** The server's error details, as decoded JSON: the body's `responseStatus` or `error`. */
    private static function errorStatus(mixed $body): mixed
    {
        return $body instanceof \stdClass ? ($body->responseStatus ?? $body->error ?? null) : null;
    }

    private static function messageOf(mixed $status): ?string
    {
        $message = $status instanceof \stdClass ? ($status->message ?? null) : null;
        return is_string($message) && $message !== '' ? $message : null;
    }
{%- endif %}
}
