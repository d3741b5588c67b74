// {{ banner }}
{% raw %}
/**
 * Any JSON value.
 * @typedef {null | boolean | number | string | JsonArray | JsonObject} JsonValue
 */
/** @typedef {JsonValue[]} JsonArray */
/** @typedef {{ [key: string]: JsonValue }} JsonObject */

/**
 * Checks an untrusted JSON value and returns it typed; throws `DecodeError`.
 * @template T
 * @typedef {(value: unknown, path: string) => T} Decoder
 */

/** @typedef {"string" | "boolean" | "integer" | "number" | "array" | "object" | "any"} Shape */

/** JSON that does not match the schema, with the JSONPath-like location where it failed. */
export class DecodeError extends Error {
  /**
   * @param {string} path Where the value failed, e.g. `$.messages[0].role`.
   * @param {string} reason What was wrong there.
   */
  constructor(path, reason) {
    super(`${path}: ${reason}`);
    this.name = "DecodeError";
    /** Where the value failed, e.g. `$.messages[0].role`. */
    this.path = path;
    /** What was wrong there. */
    this.reason = reason;
  }
}

/**
 * @param {unknown} value
 * @returns {string}
 */
function describe(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * @param {string} path
 * @param {string} expected
 * @param {unknown} value
 * @returns {never}
 */
function fail(path, expected, value) {
  throw new DecodeError(path, `expected ${expected}, got ${describe(value)}`);
}

/**
 * @param {unknown} value
 * @param {string} path
 * @returns {string}
 */
export function string(value, path) {
  return typeof value === "string" ? value : fail(path, "a string", value);
}

/**
 * @param {unknown} value
 * @param {string} path
 * @returns {boolean}
 */
export function boolean(value, path) {
  return typeof value === "boolean" ? value : fail(path, "a boolean", value);
}

/**
 * @param {unknown} value
 * @param {string} path
 * @returns {number}
 */
export function number(value, path) {
  return typeof value === "number" ? value : fail(path, "a number", value);
}

/**
 * @param {unknown} value
 * @param {string} path
 * @returns {number}
 */
export function integer(value, path) {
  return typeof value === "number" && Number.isInteger(value) ? value : fail(path, "an integer", value);
}

/**
 * An int64: refused (DecodeError) beyond ±(2^53 - 1), where a JavaScript number
 * can no longer hold it exactly: never silently rounded.
 * @param {unknown} value
 * @param {string} path
 * @returns {number}
 */
export function int64(value, path) {
  if (typeof value === "number" && Number.isSafeInteger(value)) return value;
  if (typeof value === "number" && Number.isInteger(value)) {
    throw new DecodeError(path, "an int64 beyond ±(2^53 - 1) cannot be read exactly as a JavaScript number");
  }
  return fail(path, "an integer", value);
}

/**
 * @param {unknown} value
 * @param {string} path
 * @returns {JsonValue}
 */
export function any(value, path) {
  return value === undefined ? fail(path, "a JSON value", value) : /** @type {JsonValue} */ (value);
}

/**
 * @template {string} T
 * @param {T} expected
 * @returns {Decoder<T>}
 */
export function literal(expected) {
  return (value, path) => (value === expected ? expected : fail(path, JSON.stringify(expected), value));
}

/**
 * @template T
 * @param {Decoder<T>} decode
 * @returns {Decoder<T | null>}
 */
export function nullable(decode) {
  return (value, path) => (value === null ? null : decode(value, path));
}

/**
 * @template T
 * @param {Decoder<T>} decode
 * @returns {Decoder<T[]>}
 */
export function list(decode) {
  return (value, path) => {
    if (!Array.isArray(value)) return fail(path, "an array", value);
    return value.map((item, index) => decode(item, `${path}[${index}]`));
  };
}

/**
 * @template T
 * @param {Decoder<T>} decode
 * @returns {Decoder<{ [key: string]: T }>}
 */
export function map(decode) {
  return (value, path) => {
    const source = object(value, path);
    /** @type {{ [key: string]: T }} */
    const result = {};
    for (const key of Object.keys(source)) {
      result[key] = decode(source[key], `${path}[${JSON.stringify(key)}]`);
    }
    return result;
  };
}

/**
 * @param {unknown} value
 * @param {string} path
 * @returns {{ [key: string]: unknown }}
 */
export function object(value, path) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return fail(path, "an object", value);
  }
  return /** @type {{ [key: string]: unknown }} */ (value);
}

/** @type {Map<string, string>} */
const steps = new Map();

/**
 * The path of property `key` inside `path`.
 * @param {string} path
 * @param {string} key
 * @returns {string}
 */
export function at(path, key) {
  let step = steps.get(key);
  if (step === undefined) {
    step = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
    if (steps.size < 10_000) steps.set(key, step);
  }
  return path + step;
}

/**
 * A property that must be present (it may still be `null` if its decoder allows it).
 * @template T
 * @param {{ [key: string]: unknown }} source
 * @param {string} key
 * @param {Decoder<T>} decode
 * @param {string} path
 * @returns {T}
 */
export function required(source, key, decode, path) {
  if (!Object.prototype.hasOwnProperty.call(source, key)) {
    throw new DecodeError(at(path, key), "required property is missing");
  }
  return decode(source[key], at(path, key));
}

/**
 * A property that may be absent; `null` reads as absent.
 * @template T
 * @param {{ [key: string]: unknown }} source
 * @param {string} key
 * @param {Decoder<T>} decode
 * @param {string} path
 * @returns {T | undefined}
 */
export function optional(source, key, decode, path) {
  const value = Object.prototype.hasOwnProperty.call(source, key) ? source[key] : undefined;
  return value === undefined || value === null ? undefined : decode(value, at(path, key));
}

/**
 * A decoded object: every property of `source` (the ones the schema does not
 * know kept verbatim), the known ones replaced by their decoded values, those
 * decoded as absent (`null` optional properties) dropped.
 * @template {object} T
 * @param {{ [key: string]: unknown }} source
 * @param {T} known
 * @returns {T}
 */
export function keep(source, known) {
  const decoded = /** @type {{ [key: string]: unknown }} */ (known);
  /** @type {{ [key: string]: unknown }} */
  const result = {};
  for (const key of Object.keys(source)) {
    const value = Object.prototype.hasOwnProperty.call(decoded, key) ? decoded[key] : source[key];
    if (value === undefined) continue;
    if (key === "__proto__") Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
    else result[key] = value;
  }
  return /** @type {T} */ (result);
}

/**
 * The discriminator of a tagged union.
 * @param {unknown} value
 * @param {string} key
 * @param {string} path
 * @returns {string}
 */
export function tag(value, key, path) {
  return string(object(value, path)[key], at(path, key));
}

/**
 * @param {unknown} value
 * @returns {Shape}
 */
function shapeOf(value) {
  if (Array.isArray(value)) return "array";
  if (Number.isInteger(value)) return "integer";
  const kind = typeof value;
  return kind === "string" || kind === "boolean" || kind === "number" ? kind : "object";
}

/**
 * An untagged union: the first variant whose JSON shape matches and that decodes.
 * Its type is the union of the variants' decoded types.
 * @template {Array<[Shape, Decoder<unknown>]>} V
 * @param {unknown} value
 * @param {string} path
 * @param {string} name
 * @param {V} variants
 * @returns {ReturnType<V[number][1]>}
 */
export function byShape(value, path, name, variants) {
  const actual = shapeOf(value);
  /** @type {unknown} */
  let lastError;
  for (const [shape, decode] of variants) {
    const matches = shape === actual || shape === "any" || (shape === "number" && actual === "integer");
    if (!matches) continue;
    try {
      return /** @type {ReturnType<V[number][1]>} */ (decode(value, path));
    } catch (error) {
      lastError = error;
    }
  }
  if (lastError instanceof DecodeError) throw lastError;
  return fail(path, `one of ${name}'s shapes (${variants.map(([shape]) => shape).join(", ")})`, value);
}
{%- endraw %}
