// {{ banner }}

/** Any JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Checks an untrusted JSON value and returns it typed; throws `DecodeError`. */
export type Decoder<T> = (value: unknown, path: string) => T;

/** JSON that does not match the schema, with the JSONPath-like location where it failed. */
export class DecodeError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = "DecodeError";
  }
}

export type Shape = "string" | "boolean" | "integer" | "number" | "array" | "object" | "any";

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function fail(path: string, expected: string, value: unknown): never {
  throw new DecodeError(path, `expected ${expected}, got ${describe(value)}`);
}

export function string(value: unknown, path: string): string {
  return typeof value === "string" ? value : fail(path, "a string", value);
}

export function boolean(value: unknown, path: string): boolean {
  return typeof value === "boolean" ? value : fail(path, "a boolean", value);
}

export function number(value: unknown, path: string): number {
  return typeof value === "number" ? value : fail(path, "a number", value);
}

export function integer(value: unknown, path: string): number {
  return Number.isInteger(value) ? (value as number) : fail(path, "an integer", value);
}

/**
 * An int64: refused (DecodeError) beyond ±(2^53 - 1), where a JavaScript number
 * can no longer hold it exactly: never silently rounded.
 */
export function int64(value: unknown, path: string): number {
  if (Number.isSafeInteger(value)) return value as number;
  if (Number.isInteger(value)) {
    throw new DecodeError(path, "an int64 beyond ±(2^53 - 1) cannot be read exactly as a JavaScript number");
  }
  return fail(path, "an integer", value);
}

export function any(value: unknown, path: string): JsonValue {
  return value === undefined ? fail(path, "a JSON value", value) : (value as JsonValue);
}

export function literal<T extends string>(expected: T): Decoder<T> {
  return (value, path) => (value === expected ? expected : fail(path, JSON.stringify(expected), value));
}

export function nullable<T>(decode: Decoder<T>): Decoder<T | null> {
  return (value, path) => (value === null ? null : decode(value, path));
}

export function list<T>(decode: Decoder<T>): Decoder<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) return fail(path, "an array", value);
    return value.map((item, index) => decode(item, `${path}[${index}]`));
  };
}

export function map<T>(decode: Decoder<T>): Decoder<{ [key: string]: T }> {
  return (value, path) => {
    const source = object(value, path);
    const result: { [key: string]: T } = {};
    for (const key of Object.keys(source)) {
      result[key] = decode(source[key], `${path}[${JSON.stringify(key)}]`);
    }
    return result;
  };
}

export function object(value: unknown, path: string): { [key: string]: unknown } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return fail(path, "an object", value);
  }
  return value as { [key: string]: unknown };
}

const steps = new Map<string, string>();

/** The path of property `key` inside `path`. */
export function at(path: string, key: string): string {
  let step = steps.get(key);
  if (step === undefined) {
    step = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
    if (steps.size < 10_000) steps.set(key, step);
  }
  return path + step;
}

/** A property that must be present (it may still be `null` if its decoder allows it). */
export function required<T>(source: { [key: string]: unknown }, key: string, decode: Decoder<T>, path: string): T {
  if (!Object.prototype.hasOwnProperty.call(source, key)) {
    throw new DecodeError(at(path, key), "required property is missing");
  }
  return decode(source[key], at(path, key));
}

/** A property that may be absent; `null` reads as absent. */
export function optional<T>(
  source: { [key: string]: unknown },
  key: string,
  decode: Decoder<T>,
  path: string,
): T | undefined {
  const value = Object.prototype.hasOwnProperty.call(source, key) ? source[key] : undefined;
  return value === undefined || value === null ? undefined : decode(value, at(path, key));
}

/**
 * A decoded object: every property of `source` (the ones the schema does not
 * know kept verbatim), the known ones replaced by their decoded values, those
 * decoded as absent (`null` optional properties) dropped.
 */
export function keep<T extends object>(source: { [key: string]: unknown }, known: T): T {
  const decoded = known as { [key: string]: unknown };
  const result: { [key: string]: unknown } = {};
  for (const key of Object.keys(source)) {
    const value = Object.prototype.hasOwnProperty.call(decoded, key) ? decoded[key] : source[key];
    if (value === undefined) continue;
    if (key === "__proto__") Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
    else result[key] = value;
  }
  return result as T;
}

/** The discriminator of a tagged union. */
export function tag(value: unknown, key: string, path: string): string {
  return string(object(value, path)[key], at(path, key));
}

function shapeOf(value: unknown): Shape {
  if (Array.isArray(value)) return "array";
  if (Number.isInteger(value)) return "integer";
  const kind = typeof value;
  return kind === "string" || kind === "boolean" || kind === "number" ? kind : "object";
}

/** An untagged union: the first variant whose JSON shape matches and that decodes. */
export function byShape<T>(value: unknown, path: string, name: string, variants: [Shape, Decoder<T>][]): T {
  const actual = shapeOf(value);
  let lastError: unknown;
  for (const [shape, decode] of variants) {
    const matches = shape === actual || shape === "any" || (shape === "number" && actual === "integer");
    if (!matches) continue;
    try {
      return decode(value, path);
    } catch (error) {
      lastError = error;
    }
  }
  if (lastError instanceof DecodeError) throw lastError;
  return fail(path, `one of ${name}'s shapes (${variants.map(([shape]) => shape).join(", ")})`, value);
}
