<?php

{{ r.banner }}

declare(strict_types=1);

namespace {{ r.namespace }};

/**
 * A typed client: one method per operation.
 *
 * It speaks HTTP through PHP's stream wrapper, so it needs no extension, only
 * `allow_url_fopen` (on by default; `https://` URLs also need ext-openssl).
 */
final class {{ class_name }}
{
    private readonly string $baseUrl;

    /**
     * @param string $baseUrl the server's root, e.g. `http://localhost:5005`
     * @param ?string $bearerToken sent as `Authorization: Bearer <token>`
     * @param array<string, string> $headers extra headers for every request
     * @param float $timeout seconds to wait for a response
     */
    public function __construct(
        string $baseUrl,
        public ?string $bearerToken = null,
        private readonly array $headers = [],
        private readonly float $timeout = 60.0,
    ) {
        $this->baseUrl = rtrim($baseUrl, '/');
    }
{%- for m in methods %}

{{ m.doc }}    public function {{ m.name }}({{ m.request }} $request): {{ m.response }}
    {
{{ m.call }}
    }
{%- endfor %}

    /**
     * @template T
     * @param \Closure(mixed, string): T $decode
     * @return T
     * @throws ApiException
     */
    private function send(string $method, string $path, mixed $request, \Closure $decode): mixed
    {
        $url = $this->baseUrl . $path;
        $headers = ['Accept' => 'application/json'] + $this->headers;
        if ($this->bearerToken !== null && $this->bearerToken !== '') {
            $headers['Authorization'] = 'Bearer ' . $this->bearerToken;
        }
        $body = null;
        if ($method === 'GET' || $method === 'DELETE') {
            $query = self::query($request);
            $url .= $query === '' ? '' : '?' . $query;
        } else {
            $headers['Content-Type'] = 'application/json';
            $body = Json::encode($request);
        }
        [$status, $reason, $text] = $this->exchange($method, $url, $headers, $body);
        $parsed = null;
        if ($text !== '') {
            try {
                $parsed = Json::decode($text);
            } catch (\JsonException) {
                throw new ApiException($status, "{$method} {$path}: the response is not JSON", $text);
            }
        }
        if ($status < 200 || $status > 299) {
            $responseStatus = self::errorStatus($parsed);
            $detail = self::messageOf($responseStatus) ?? $reason;
            $message = "{$method} {$path} failed with {$status}: {$detail}";
            throw new ApiException($status, $message, $parsed, $responseStatus);
        }
        try {
            return $decode($parsed, '$');
        } catch (DecodeException $error) {
            throw new ApiException(
                $status,
                "{$method} {$path}: unexpected response: {$error->getMessage()}",
                $parsed,
                null,
                $error,
            );
        }
    }

    /**
     * One HTTP exchange through the stream wrapper.
     *
     * @param array<string, string> $headers
     * @return array{int, string, string} status, reason phrase, body
     * @throws ApiException when no response arrives
     */
    private function exchange(string $method, string $url, array $headers, ?string $body): array
    {
        $lines = ['Connection: close'];
        foreach ($headers as $name => $value) {
            $lines[] = "{$name}: {$value}";
        }
        $options = [
            'method' => $method,
            'header' => implode("\r\n", $lines),
            'protocol_version' => 1.1,
            'timeout' => $this->timeout,
            // Read the body of 4xx and 5xx answers too.
            'ignore_errors' => true,
        ];
        if ($body !== null) {
            $options['content'] = $body;
        }
        $stream = @fopen($url, 'rb', false, stream_context_create(['http' => $options]));
        if ($stream === false) {
            $reason = error_get_last()['message'] ?? 'unknown error';
            throw new ApiException(0, "{$method} {$url}: no response: {$reason}");
        }
        try {
            $text = stream_get_contents($stream);
            $meta = stream_get_meta_data($stream);
        } finally {
            fclose($stream);
        }
        if ($meta['timed_out']) {
            throw new ApiException(0, "{$method} {$url}: no complete response within {$this->timeout} s");
        }
        $status = 0;
        $reason = '';
        // After redirects the wrapper holds several responses' headers: the last status wins.
        foreach ($meta['wrapper_data'] ?? [] as $line) {
            if (is_string($line) && preg_match('{^HTTP/\S+\s+(\d{3})\s*(.*)$}', $line, $match) === 1) {
                $status = (int) $match[1];
                $reason = trim($match[2]);
            }
        }
        return [$status, $reason, $text === false ? '' : $text];
    }

    /** The request's set properties as a query string; non-scalar values JSON-encoded. */
    private static function query(mixed $request): string
    {
        $fields = Json::decode(Json::encode($request));
        $query = [];
        foreach ($fields instanceof \stdClass ? get_object_vars($fields) : [] as $key => $value) {
            $query[$key] = match (true) {
                $value === null => null,
                is_bool($value) => $value ? 'true' : 'false',
                is_string($value) => $value,
                default => Json::encode($value),
            };
        }
        return http_build_query(array_filter($query, 'is_string'), '', '&', PHP_QUERY_RFC3986);
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
