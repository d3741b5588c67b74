<?php

{{ r.banner }}

declare(strict_types=1);

namespace {{ r.namespace }};

/**
 * A call that did not succeed: a non-2xx status, no response at all, or a body
 * that is not the expected JSON. The HTTP status is also the exception code.
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
    ) {
        parent::__construct($message, $status, $previous);
    }
}
