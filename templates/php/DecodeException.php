<?php

{{ r.banner }}

declare(strict_types=1);

namespace {{ r.namespace }};

/** JSON that does not match the schema, with the JSONPath-like location where it failed. */
final class DecodeException extends \UnexpectedValueException
{
    public function __construct(
        /** Where the mismatch is, e.g. `$.messages[0].role`. */
        public readonly string $path,
        /** What is wrong there. */
        public readonly string $reason,
    ) {
        parent::__construct("{$path}: {$reason}");
    }

    /** @internal */
    public static function expected(string $path, string $expected, mixed $value): self
    {
        $actual = match (true) {
            $value === null => 'null',
            is_bool($value) => 'a boolean',
            is_int($value) => 'an integer',
            is_float($value) => 'a number',
            is_string($value) => 'a string',
            is_array($value) && array_is_list($value) => 'an array',
            default => 'an object',
        };
        return new self($path, "expected {$expected}, got {$actual}");
    }
}
