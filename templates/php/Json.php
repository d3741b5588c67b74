<?php

{{ r.banner }}

declare(strict_types=1);

namespace {{ r.namespace }};

/**
 * JSON decoding and encoding for the generated types.
 *
 * Decoders take a decoded JSON value and the JSONPath-like location it came
 * from, check it against the schema and throw {@see DecodeException} at the
 * first mismatch. JSON objects may arrive as `\stdClass` (as `json_decode`
 * gives them by default) or as associative arrays. `Json::decode()` and
 * `Json::encode()` read and write the wire JSON in user code too.
 */
final class Json
{
    private const ENCODE_FLAGS = JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE
        | JSON_PRESERVE_ZERO_FRACTION;

    private function __construct()
    {
    }

    /**
     * Parses JSON text; objects become `\stdClass`, so `{}` and `[]` stay distinct.
     * An integer beyond PHP's 64-bit `int` anywhere in the text is refused rather
     * than turned into a rounded float (found by decoding again with
     * `JSON_BIGINT_AS_STRING`).
     *
     * @throws \JsonException when the text is not JSON
     * @throws DecodeException when it holds an integer beyond 64 bits
     */
    public static function decode(string $json): mixed
    {
        $value = json_decode($json, false, 512, JSON_THROW_ON_ERROR);
        // Only a run of 19 digits or more can be beyond 64 bits.
        if (preg_match('/\d{19}/', $json) === 1) {
            $exact = json_decode($json, false, 512, JSON_THROW_ON_ERROR | JSON_BIGINT_AS_STRING);
            $where = self::bigInteger($value, $exact, '$');
            if ($where !== null) {
                throw new DecodeException($where, 'integer beyond the 64-bit range (refused rather than rounded)');
            }
        }
        return $value;
    }

    /** Where `$exact` holds a big integer as a string that `$value` holds as a float. */
    private static function bigInteger(mixed $value, mixed $exact, string $path): ?string
    {
        if (is_float($value)) {
            return is_string($exact) ? $path : null;
        }
        if ($value instanceof \stdClass && $exact instanceof \stdClass) {
            $exact = get_object_vars($exact);
            foreach (get_object_vars($value) as $key => $item) {
                $where = self::bigInteger($item, $exact[$key] ?? null, self::at($path, $key));
                if ($where !== null) {
                    return $where;
                }
            }
        } elseif (is_array($value) && is_array($exact)) {
            foreach ($value as $index => $item) {
                $where = self::bigInteger($item, $exact[$index] ?? null, $path . '[' . $index . ']');
                if ($where !== null) {
                    return $where;
                }
            }
        }
        return null;
    }

    /**
     * The wire JSON of a value: unescaped slashes and unicode, floats keep their `.0`.
     *
     * @throws \JsonException
     */
    public static function encode(mixed $value, int $flags = 0): string
    {
        return json_encode($value, self::ENCODE_FLAGS | $flags);
    }

    /** The location of property `$key` inside `$path`. */
    public static function at(string $path, string|int $key): string
    {
        $key = (string) $key;
        return preg_match('/^[A-Za-z_][A-Za-z0-9_]*$/', $key) === 1
            ? $path . '.' . $key
            : $path . '[' . self::encode($key) . ']';
    }

    /**
     * A JSON object's properties.
     *
     * @return array<string, mixed>
     */
    public static function object(mixed $value, string $path): array
    {
        if ($value instanceof \stdClass) {
            return get_object_vars($value);
        }
        if (is_array($value) && ($value === [] || !array_is_list($value))) {
            return $value;
        }
        throw DecodeException::expected($path, 'an object', $value);
    }

    /**
     * A property that must be present (it may still be `null` if its decoder allows it).
     *
     * @template T
     * @param array<array-key, mixed> $data
     * @param \Closure(mixed, string): T $decode
     * @return T
     */
    public static function required(array $data, string $key, string $path, \Closure $decode): mixed
    {
        if (!array_key_exists($key, $data)) {
            throw new DecodeException(self::at($path, $key), 'required property is missing');
        }
        return $decode($data[$key], self::at($path, $key));
    }

    /**
     * A property that may be absent; `null` reads as absent.
     *
     * @template T
     * @param array<array-key, mixed> $data
     * @param \Closure(mixed, string): T $decode
     * @return T|null
     */
    public static function optional(array $data, string $key, string $path, \Closure $decode): mixed
    {
        $value = $data[$key] ?? null;
        return $value === null ? null : $decode($value, self::at($path, $key));
    }

    public static function string(mixed $value, string $path): string
    {
        return is_string($value) ? $value : throw DecodeException::expected($path, 'a string', $value);
    }

    public static function bool(mixed $value, string $path): bool
    {
        return is_bool($value) ? $value : throw DecodeException::expected($path, 'a boolean', $value);
    }

    public static function int(mixed $value, string $path): int
    {
        if (is_int($value)) {
            return $value;
        }
        // A float is an integer only where it is exact: 2^53 and beyond may have been rounded.
        if (is_float($value) && floor($value) === $value && abs($value) <= 2 ** 53) {
            return (int) $value;
        }
        if (is_float($value) && floor($value) === $value) {
            throw new DecodeException($path, 'integer beyond 2^53 as a float (refused: it may have been rounded)');
        }
        throw DecodeException::expected($path, 'an integer', $value);
    }

    public static function float(mixed $value, string $path): float
    {
        return is_int($value) || is_float($value)
            ? (float) $value
            : throw DecodeException::expected($path, 'a number', $value);
    }

    /** Any JSON value, as decoded. */
    public static function any(mixed $value, string $path): mixed
    {
        return $value;
    }

    /** @return \Closure(mixed, string): string */
    public static function literal(string $expected): \Closure
    {
        return static fn (mixed $value, string $path): string => $value === $expected
            ? $expected
            : throw DecodeException::expected($path, self::encode($expected), $value);
    }

    /**
     * @template T
     * @param \Closure(mixed, string): T $decode
     * @return \Closure(mixed, string): (T|null)
     */
    public static function nullable(\Closure $decode): \Closure
    {
        return static fn (mixed $value, string $path): mixed => $value === null ? null : $decode($value, $path);
    }

    /**
     * @template T
     * @param \Closure(mixed, string): T $decode
     * @return \Closure(mixed, string): list<T>
     */
    public static function listOf(\Closure $decode): \Closure
    {
        return static function (mixed $value, string $path) use ($decode): array {
            if (!is_array($value) || !array_is_list($value)) {
                throw DecodeException::expected($path, 'an array', $value);
            }
            $items = [];
            foreach ($value as $index => $item) {
                $items[] = $decode($item, $path . '[' . $index . ']');
            }
            return $items;
        };
    }

    /**
     * @template T
     * @param \Closure(mixed, string): T $decode
     * @return \Closure(mixed, string): array<string, T>
     */
    public static function mapOf(\Closure $decode): \Closure
    {
        return static function (mixed $value, string $path) use ($decode): array {
            $entries = [];
            foreach (self::object($value, $path) as $key => $item) {
                $entries[$key] = $decode($item, self::at($path, $key));
            }
            return $entries;
        };
    }

    /**
     * A generated class's `fromArray`, as a decoder of JSON objects.
     *
     * @template T of object
     * @param \Closure(array<string, mixed>, string): T $fromArray
     * @return \Closure(mixed, string): T
     */
    public static function struct(\Closure $fromArray): \Closure
    {
        return static fn (mixed $value, string $path): object => $fromArray(self::object($value, $path), $path);
    }

    /**
     * An open enum class, as a decoder of JSON strings.
     *
     * @template T of object
     * @param class-string<T> $class
     * @return \Closure(mixed, string): T
     */
    public static function openEnum(string $class): \Closure
    {
        return static fn (mixed $value, string $path): object => new $class(self::string($value, $path));
    }

    /**
     * An untagged union: the first variant whose JSON shape matches and that decodes.
     *
     * @param list<array{string, \Closure(mixed, string): mixed}> $variants shape and decoder
     */
    public static function byShape(mixed $value, string $path, string $name, array $variants): mixed
    {
        $lastError = null;
        foreach ($variants as [$shape, $decode]) {
            if (!self::hasShape($value, $shape)) {
                continue;
            }
            try {
                return $decode($value, $path);
            } catch (DecodeException $error) {
                $lastError = $error;
            }
        }
        $shapes = implode(', ', array_map(static fn (array $variant): string => $variant[0], $variants));
        throw $lastError ?? DecodeException::expected($path, "one of {$name}'s shapes ({$shapes})", $value);
    }

    private static function hasShape(mixed $value, string $shape): bool
    {
        return match ($shape) {
            'string' => is_string($value),
            'boolean' => is_bool($value),
            'integer' => is_int($value),
            'number' => is_int($value) || is_float($value),
            'array' => is_array($value) && array_is_list($value),
            'object' => $value instanceof \stdClass || (is_array($value) && ($value === [] || !array_is_list($value))),
            default => true,
        };
    }
}
