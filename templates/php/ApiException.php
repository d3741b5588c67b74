<?php

{{ r.banner }}

declare(strict_types=1);

namespace {{ r.namespace }};

/**
 * A call that did not succeed: a non-2xx status, no response at all (status 0:
 * a network failure or a timeout), a body or event that is not the expected
 * JSON, an error event in a stream or a stream cut short. The HTTP status is
 * also the exception code.
 */
final class ApiException extends \RuntimeException
{
    public function __construct(
        /** The HTTP status (0 when no response arrived). */
        public readonly int $status,
        string $message,
        /** The decoded response body, or its text when it was not JSON. */
        public readonly mixed $body = null,
{%- if let Some(rs) = response_status %}
        /** The error details the server sent, when it sent them. */
        public readonly ?Dto\{{ rs }} $responseStatus = null,
{%- else %}
        /** The error details the server sent (`responseStatus` or `error`), as decoded JSON. */
        public readonly mixed $responseStatus = null,
{%- endif %}
        ?\Throwable $previous = null,
        /** The server's request id (the `x-request-id` header), when it sent one. */
        public readonly ?string $requestId = null,
        /** Whether the call timed out (the status is then 0). */
        public readonly bool $timedOut = false,
    ) {
        parent::__construct($message, $status, $previous);
    }
}
