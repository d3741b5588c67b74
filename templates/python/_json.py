{{ banner }}

"""Checks untrusted JSON against the models' types (used by their ``from_dict``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Callable, NoReturn, TypeVar, Union, cast

JSON = Union[None, bool, int, float, str, Sequence["JSON"], Mapping[str, "JSON"]]
"""Any JSON value. Read-only ``Sequence`` and ``Mapping`` so that a ``list[str]`` or a
``dict[str, int]`` fits too; :func:`json.loads` returns lists and dicts."""

T = TypeVar("T")
L = TypeVar("L", bound=str)

Decoder = Callable[[object, str], T]
"""Checks a parsed JSON value at a path (``$.messages[0]``) and returns it typed."""


class DecodeError(ValueError):
    """JSON that does not match the schema, with the JSONPath-like location where it failed."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        """Where the value went wrong, e.g. ``$.messages[0].role``."""
        self.reason = reason
        """What was wrong with it."""


def _describe(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple)):
        return "an array"
    if isinstance(value, Mapping):
        return "an object"
    return f"a {type(value).__name__}"


def _fail(path: str, expected: str, value: object) -> NoReturn:
    raise DecodeError(path, f"expected {expected}, got {_describe(value)}")


def string(value: object, path: str) -> str:
    if isinstance(value, str):
        return value
    _fail(path, "a string", value)


def boolean(value: object, path: str) -> bool:
    if isinstance(value, bool):
        return value
    _fail(path, "a boolean", value)


_EXACT_FLOAT = 2**53
"""Integers written as floats (``2.0``, ``1e3``) are exact only up to this magnitude."""


def integer(value: object, path: str) -> int:
    """An integer of any size; ``2.0`` counts as one, as in JSON Schema."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        if abs(value) > _EXACT_FLOAT:
            raise DecodeError(path, f"{value!r} is not an exact integer")
        return int(value)
    _fail(path, "an integer", value)


def _ranged(bits: int) -> Decoder[int]:
    low, high = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1

    def decode(value: object, path: str) -> int:
        if type(value) is int and low <= value <= high:
            return value
        result = integer(value, path)
        if low <= result <= high:
            return result
        raise DecodeError(path, f"{result} is outside the int{bits} range [{low}, {high}]")

    return decode


_I32_MIN, _I32_MAX = -(2**31), 2**31 - 1
_I64_MIN, _I64_MAX = -(2**63), 2**63 - 1

int32 = _ranged(32)
"""A 32-bit integer: a value outside [-2^31, 2^31-1] is refused, never wrapped."""

int64 = _ranged(64)
"""A 64-bit integer: a value outside [-2^63, 2^63-1] is refused, never wrapped."""


def number(value: object, path: str) -> float:
    """A number, always as a ``float``."""
    if isinstance(value, float):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:
            pass
    _fail(path, "a number", value)


def any_json(value: object, path: str) -> JSON:
    """Free JSON, kept as parsed."""
    return cast(JSON, value)


def literal(expected: L) -> Decoder[L]:
    def decode(value: object, path: str) -> L:
        if value == expected:
            return expected
        _fail(path, _quote(expected), value)

    return decode


def open_enum(make: Callable[[str], T]) -> Decoder[T]:
    """An open enum: any string decodes, known or not."""

    def decode(value: object, path: str) -> T:
        return make(string(value, path))

    return decode


def nullable(decode: Decoder[T]) -> Decoder[T | None]:
    def decode_nullable(value: object, path: str) -> T | None:
        return None if value is None else decode(value, path)

    return decode_nullable


def list_of(decode: Decoder[T]) -> Decoder[list[T]]:
    def decode_list(value: object, path: str) -> list[T]:
        if not isinstance(value, (list, tuple)):
            _fail(path, "an array", value)
        return [decode(item, f"{path}[{index}]") for index, item in enumerate(value)]

    return decode_list


def dict_of(decode: Decoder[T]) -> Decoder[dict[str, T]]:
    def decode_dict(value: object, path: str) -> dict[str, T]:
        source = obj(value, path)
        return {key: decode(item, _key_path(path, key)) for key, item in source.items()}

    return decode_dict


def obj(value: object, path: str) -> Mapping[str, object]:
    """A JSON object."""
    if type(value) is dict or isinstance(value, Mapping):
        return cast(Mapping[str, object], value)
    _fail(path, "an object", value)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _key_path(path: str, key: str) -> str:
    if key.isidentifier() and key.isascii():
        return f"{path}.{key}"
    return f"{path}[{_quote(key)}]"


def rest(source: Mapping[str, object], known: AbstractSet[str]) -> dict[str, JSON]:
    """The properties of ``source`` the schema does not know, kept as parsed (nulls too)."""
    if source.keys() <= known:
        return {}
    return cast("dict[str, JSON]", {k: v for k, v in source.items() if k not in known})


# One call per scalar or enum property, the common case first; anything unusual
# (a str subclass, 2.0 for an integer, a wrong type) goes the general way.


def req_str(source: Mapping[str, object], key: str, path: str) -> str:
    value = source.get(key)
    return value if type(value) is str else required(source, key, string, path)


def opt_str(source: Mapping[str, object], key: str, path: str) -> str | None:
    value = source.get(key)
    return value if value is None or type(value) is str else string(value, _key_path(path, key))


def req_bool(source: Mapping[str, object], key: str, path: str) -> bool:
    value = source.get(key)
    return value if type(value) is bool else required(source, key, boolean, path)


def opt_bool(source: Mapping[str, object], key: str, path: str) -> bool | None:
    value = source.get(key)
    return value if value is None or type(value) is bool else boolean(value, _key_path(path, key))


def req_int32(source: Mapping[str, object], key: str, path: str) -> int:
    value = source.get(key)
    if type(value) is int and _I32_MIN <= value <= _I32_MAX:
        return value
    return required(source, key, int32, path)


def opt_int32(source: Mapping[str, object], key: str, path: str) -> int | None:
    value = source.get(key)
    if value is None or (type(value) is int and _I32_MIN <= value <= _I32_MAX):
        return value
    return int32(value, _key_path(path, key))


def req_int64(source: Mapping[str, object], key: str, path: str) -> int:
    value = source.get(key)
    if type(value) is int and _I64_MIN <= value <= _I64_MAX:
        return value
    return required(source, key, int64, path)


def opt_int64(source: Mapping[str, object], key: str, path: str) -> int | None:
    value = source.get(key)
    if value is None or (type(value) is int and _I64_MIN <= value <= _I64_MAX):
        return value
    return int64(value, _key_path(path, key))


def req_float(source: Mapping[str, object], key: str, path: str) -> float:
    value = source.get(key)
    return value if type(value) is float else required(source, key, number, path)


def opt_float(source: Mapping[str, object], key: str, path: str) -> float | None:
    value = source.get(key)
    return value if value is None or type(value) is float else number(value, _key_path(path, key))


def req_enum(source: Mapping[str, object], key: str, make: Callable[[str], T], path: str) -> T:
    value = source.get(key)
    return make(value) if type(value) is str else required(source, key, open_enum(make), path)


def opt_enum(
    source: Mapping[str, object], key: str, make: Callable[[str], T], path: str
) -> T | None:
    value = source.get(key)
    if value is None:
        return None
    return make(value) if type(value) is str else open_enum(make)(value, _key_path(path, key))


def required(source: Mapping[str, object], key: str, decode: Decoder[T], path: str) -> T:
    """A property that must be present (it may still be ``null`` if ``decode`` allows it)."""
    if key not in source:
        raise DecodeError(_key_path(path, key), "required property is missing")
    return decode(source[key], _key_path(path, key))


def optional(source: Mapping[str, object], key: str, decode: Decoder[T], path: str) -> T | None:
    """A property that may be absent; ``null`` reads as absent."""
    value = source.get(key)
    return None if value is None else decode(value, _key_path(path, key))


def expect(source: Mapping[str, object], key: str, expected: str, path: str) -> None:
    """A required property with one fixed value (a union's tag)."""
    required(source, key, literal(expected), path)


def tag(value: object, key: str, path: str) -> str:
    """The discriminator of a tagged union."""
    return string(obj(value, path).get(key), _key_path(path, key))


def unknown_tag(path: str, key: str, tag: str, name: str) -> NoReturn:
    raise DecodeError(_key_path(path, key), f"unknown {name} {_quote(tag)}")


def _shape(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "array"
    if isinstance(value, Mapping):
        return "object"
    return "null"


def by_shape(value: object, path: str, name: str, variants: Sequence[tuple[str, Decoder[T]]]) -> T:
    """An untagged union: the first variant whose JSON shape matches and that decodes."""
    actual = _shape(value)
    # The exact shape first, so that 3 picks an int variant over a float one;
    # then an integer also fits a number variant, and anything fits "any".
    exact = [decode for shape, decode in variants if shape == actual]
    loose = [
        decode
        for shape, decode in variants
        if shape == "any" or (shape == "number" and actual == "integer")
    ]
    last_error: DecodeError | None = None
    for decode in exact + loose:
        try:
            return decode(value, path)
        except DecodeError as error:
            last_error = error
    if last_error is not None:
        raise last_error
    shapes = ", ".join(shape for shape, _ in variants)
    _fail(path, f"one of {name}'s shapes ({shapes})", value)


def encode(value: object) -> JSON:
    """The JSON value of a model value: models by their ``to_dict``, lists and dicts by item."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return cast(JSON, to_dict())
    if isinstance(value, (list, tuple)):
        return [encode(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): encode(item) for key, item in value.items()}
    raise TypeError(f"{type(value).__name__} is not JSON")
