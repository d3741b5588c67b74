<?php

{{ r.banner }}

declare(strict_types=1);

namespace {{ r.namespace }};

/** Settings for one call, overriding the client's. */
final class RequestOptions
{
    /**
     * @param ?float $timeout seconds one attempt of the call may take, whole answer included
     * @param ?int $maxRetries retries after a connection failure, a timeout or a 408, 429 or 5xx (0: none)
     * @param array<string, string> $headers extra headers for this call
     */
    public function __construct(
        public readonly ?float $timeout = null,
        public readonly ?int $maxRetries = null,
        public readonly array $headers = [],
    ) {
    }
}
