{{ banner }}

"""A small typed client for the {{ title }} API, on :mod:`urllib.request`."""

from __future__ import annotations

import email.utils
import http.client
import json
import random
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Generator, Mapping
from typing import Callable, NamedTuple, TypeVar

{% if uses_json_helpers %}from . import _json
{% endif %}from ._json import JSON, DecodeError
from .models import (
{%- for name in model_imports %}
    {{ name }},
{%- endfor %}
)

T = TypeVar("T")

DEFAULT_TIMEOUT = {{ c.timeout }}
"""Seconds one call may take unless told otherwise, the whole answer included."""

DEFAULT_MAX_RETRIES = {{ c.max_retries }}
"""Retries after a connection failure or a 408, 429 or 5xx answer, unless told otherwise."""

_INITIAL_BACKOFF = {{ c.initial_backoff }}
_MAX_BACKOFF = {{ c.max_backoff }}
_JITTER = {{ c.jitter }}
_MAX_RETRY_AFTER = {{ c.max_retry_after }}
_REQUEST_ID_HEADER = {{ c.request_id_header }}
_STREAM_DONE = {{ c.stream_done }}
_BLOCK = 65536
{%- if let Some(url) = base_url %}

{{ url }}
"""The server the schema names: the base URL when the client is given none."""
{%- endif %}


class ApiError(Exception):
    """A failed call: a non-2xx status, no response, or a body that is not the expected JSON."""

    def __init__(
        self,
        status: int,
        message: str,
        body: object = None,
        response_status: {{ error_status }} | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        """The HTTP status (0 when no response arrived: network failure or timeout)."""
        self.body = body
        """The parsed response body, or its text when it was not JSON."""
        self.response_status = response_status
        """The error details the server sent, when it sent them."""
        self.request_id = request_id
        """The server's ``{{ c.request_id_header_text }}`` header, when it sent one."""


class ApiTimeoutError(ApiError):
    """The call took longer than its timeout (status 0)."""


class _Route(NamedTuple):
    """How an operation's request travels (from the schema's ``x-operation``)."""

    method: str
    path: tuple[str, ...]
    """The path's text and the properties percent-encoded into it, alternating."""
    query: tuple[str, ...] = ()
    """The properties sent as query parameters."""
    headers: tuple[str, ...] = ()
    """The properties sent as headers."""
    body: tuple[str, ...] | None = ()
    """``()``: the properties that are not parameters, as a JSON object (as query parameters
    for GET and DELETE); ``(name,)``: that property's value is the whole body; ``None``: none."""

{% for m in methods %}
{{ m.route }}
{%- endfor %}


class {{ class_name }}:
    """A typed client: one method per operation{% if has_streams %}, and a ``…_stream`` method per streamed one{% endif %}."""

    def __init__(
        self,
        base_url: str{% if base_url.is_some() %} = DEFAULT_BASE_URL{% endif %},
        bearer_token: str | None = None,
        *,
        headers: Mapping[str, str] | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
    ) -> None:
        """Sends ``Authorization: Bearer <bearer_token>`` when given, and ``headers`` every time.

        ``timeout`` is in seconds, for the whole call (a method's own ``timeout`` overrides it);
        ``max_retries`` retries after a connection failure, a timeout or a 408, 429 or 5xx
        answer, waiting as the server's ``retry-after-ms`` or ``Retry-After`` asks (up to a
        minute) or else an exponential backoff with jitter; 0 turns retries off.
        """
        self.base_url = base_url.rstrip("/")
        self.bearer_token = bearer_token
        self.headers = dict(headers or {})
        self.timeout = timeout
        self.max_retries = max_retries
{% for m in methods %}
{{ m.def_line }}{{ m.doc }}
{{ m.call }}
{%- if let Some(s) = m.stream %}

{{ s.def_line }}
{{ s.doc }}
{{ s.call }}
{%- endif %}
{% endfor %}
    def _send(
        self,
        route: _Route,
        payload: JSON,
        decode: Callable[[object, str], T],
        timeout: float | None,
    ) -> T:
        method, path = route.method, _path(route, payload)
        response, deadline = self._open(route, path, payload, timeout, "application/json")
        request_id = _header(response.headers, _REQUEST_ID_HEADER)
        status: int = response.status
        with response:
            data = b"".join(_blocks(response, deadline, method, path))
        text = data.decode("utf-8", errors="replace")
        try:
            parsed: object = None if text == "" else json.loads(text)
        except ValueError:
            message = f"{method} {path}: the response is not JSON"
            raise ApiError(status, message, text, None, request_id) from None
        try:
            return decode(parsed, "$")
        except DecodeError as error:
            message = f"{method} {path}: unexpected response: {error}"
            raise ApiError(status, message, parsed, None, request_id) from error

    def _stream(
        self,
        route: _Route,
        payload: JSON,
        decode: Callable[[object, str], T],
        timeout: float | None,
    ) -> Generator[T, None, None]:
        method, path = route.method, _path(route, payload)
        response, deadline = self._open(route, path, payload, timeout, "text/event-stream")
        return _events(response, deadline, method, path, decode)

    def _open(
        self, route: _Route, path: str, payload: JSON, timeout: float | None, accept: str
    ) -> tuple[http.client.HTTPResponse, float]:
        """Sends the request, retrying as the policy says; the open 2xx response and its deadline."""
        method = route.method
        fields: Mapping[str, JSON] = payload if isinstance(payload, Mapping) else {}
        headers = {"Accept": accept, **self.headers}
        if self.bearer_token:
            headers["Authorization"] = f"Bearer {self.bearer_token}"
        query: list[tuple[str, str]] = []
        for name in route.query:
            query.extend(_query_pairs(name, fields.get(name)))
        for name in route.headers:
            value = fields.get(name)
            if value is not None:
                headers[name] = _param_text(value)
        body: bytes | None = None
        if route.body is None:
            pass
        elif route.body:
            if route.body[0] in fields:
                body = _json_bytes(fields[route.body[0]])
        elif method in ("GET", "DELETE"):
            bound = {*route.path[1::2], *route.query, *route.headers}
            for name, value in fields.items():
                if name not in bound:
                    query.extend(_query_pairs(name, value))
        elif isinstance(payload, Mapping):
            bound = {*route.path[1::2], *route.query, *route.headers}
            body = _json_bytes({k: v for k, v in payload.items() if k not in bound})
        else:
            body = _json_bytes(payload)
        if body is not None:
            headers["Content-Type"] = "application/json"
        url = self.base_url + path
        if query:
            url += "?" + urllib.parse.urlencode(query)
        seconds = self.timeout if timeout is None else timeout
        attempt = 0
        while True:
            deadline = time.monotonic() + seconds
            request = urllib.request.Request(url, data=body, headers=headers, method=method)
            try:
                response: http.client.HTTPResponse = urllib.request.urlopen(
                    request, timeout=seconds
                )
                return response, deadline
            except urllib.error.HTTPError as error:
                # The status decides before the body is read.
                if attempt < self.max_retries and _retryable(error.code):
                    wait = _retry_wait(error.headers, attempt)
                    error.close()
                else:
                    raise _status_error(method, path, error) from None
            except (OSError, http.client.HTTPException) as error:
                if attempt >= self.max_retries:
                    raise _network_error(method, path, error, seconds) from error
                wait = _backoff(attempt)
            time.sleep(wait)
            attempt += 1


def _flagged(payload: JSON, flag: str) -> JSON:
    """A copy of the request's JSON object with ``flag`` set to true."""
    if isinstance(payload, Mapping):
        return {**payload, flag: True}
    return payload


def _blocks(
    response: http.client.HTTPResponse, deadline: float, method: str, path: str
) -> Generator[bytes, None, None]:
    """The body in blocks as they arrive, within the deadline; failures as :class:`ApiError`."""
    while True:
        if time.monotonic() > deadline:
            raise ApiTimeoutError(0, f"{method} {path}: timed out while reading the answer")
        try:
            block = response.read1(_BLOCK)
        except (OSError, http.client.HTTPException) as error:
            raise _network_error(method, path, error, None) from error
        if not block:
            return
        yield block


def _events(
    response: http.client.HTTPResponse,
    deadline: float,
    method: str,
    path: str,
    decode: Callable[[object, str], T],
) -> Generator[T, None, None]:
    """The decoded events of a server-sent event stream; closing it closes the connection."""
    status: int = response.status
    request_id = _header(response.headers, _REQUEST_ID_HEADER)
    parser = _EventParser()
    try:
        for block in _blocks(response, deadline, method, path):
            for data in parser.feed(block):
                if data == _STREAM_DONE:
                    return
                try:
                    parsed = json.loads(data)
                except ValueError:
                    message = f"{method} {path}: an event is not JSON: {data[:200]}"
                    raise ApiError(status, message, data, None, request_id) from None
                if isinstance(parsed, dict) and "error" in parsed:
                    error_status = _error_status(parsed)
                    detail = _message_of(error_status) or json.dumps(parsed.get("error"))
                    message = f"{method} {path}: the stream failed: {detail}"
                    raise ApiError(status, message, parsed, error_status, request_id)
                try:
                    event = decode(parsed, "$")
                except DecodeError as error:
                    message = f"{method} {path}: unexpected event: {error}"
                    raise ApiError(status, message, parsed, None, request_id) from error
                yield event
        message = f"{method} {path}: the stream ended without {_STREAM_DONE}"
        raise ApiError(status, message, None, None, request_id)
    finally:
        response.close()


class _EventParser:
    """Server-sent events to the data of each event, read incrementally (the WHATWG rules):
    lines end at CRLF, LF or CR; ``:`` starts a comment; ``data`` lines join with a newline;
    an empty line dispatches; ``event``, ``id`` and ``retry`` do not change the data."""

    def __init__(self) -> None:
        self._pending = b""
        self._skip_lf = False
        self._data: list[bytes] = []

    def feed(self, block: bytes) -> list[str]:
        """The data of each event that ``block`` completes."""
        if self._skip_lf:
            # The previous block ended with a CR: an LF right after it belongs to it.
            self._skip_lf = False
            if block.startswith(b"\n"):
                block = block[1:]
        if self._pending:
            block = self._pending + block
            self._pending = b""
        # bytes.splitlines splits at CRLF, LF and CR only.
        lines = block.splitlines(keepends=True)
        if lines:
            last = lines[-1]
            if last.endswith(b"\r"):
                self._skip_lf = True
            elif not last.endswith(b"\n"):
                self._pending = lines.pop()
        events: list[str] = []
        data = self._data
        for line in lines:
            line = line.rstrip(b"\r\n")
            if not line:
                if data:
                    events.append(b"\n".join(data).decode("utf-8", errors="replace"))
                    data.clear()
            elif line.startswith(b"data:"):
                value = line[5:]
                data.append(value[1:] if value.startswith(b" ") else value)
            elif line == b"data":
                data.append(b"")
        return events


def _retryable(status: int) -> bool:
    return status == 408 or status == 429 or status >= 500


def _backoff(attempt: int) -> float:
    """The exponential backoff before retry ``attempt`` (0-based), with jitter."""
    wait = min(_INITIAL_BACKOFF * (1 << min(attempt, 16)), _MAX_BACKOFF)
    return wait * (1 - _JITTER * random.random())


def _retry_wait(headers: object, attempt: int) -> float:
    """The server's ``retry-after-ms`` or ``Retry-After`` (seconds or an HTTP date) when it
    sends a usable one, else the backoff."""
    seconds: float | None = None
    millis = _header(headers, "retry-after-ms")
    after = _header(headers, "retry-after")
    try:
        if millis is not None:
            seconds = float(millis) / 1000
        elif after is not None:
            try:
                seconds = float(after)
            except ValueError:
                date = email.utils.parsedate_to_datetime(after)
                seconds = date.timestamp() - time.time()
    except (ValueError, TypeError, OverflowError):
        seconds = None
    if seconds is not None and 0 <= seconds <= _MAX_RETRY_AFTER:
        return seconds
    return _backoff(attempt)


def _header(headers: object, name: str) -> str | None:
    get = getattr(headers, "get", None)
    value = get(name) if callable(get) else None
    return value if isinstance(value, str) else None


def _is_timeout(error: BaseException) -> bool:
    if isinstance(error, urllib.error.URLError) and isinstance(error.reason, BaseException):
        error = error.reason
    return isinstance(error, (TimeoutError, socket.timeout))


def _network_error(method: str, path: str, error: BaseException, seconds: float | None) -> ApiError:
    """No (complete) answer: a timeout or a network failure, with status 0."""
    if _is_timeout(error):
        limit = "" if seconds is None else f" after {seconds:g} s"
        return ApiTimeoutError(0, f"{method} {path}: timed out{limit}")
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    return ApiError(0, f"{method} {path}: {reason or type(error).__name__}")


def _status_error(method: str, path: str, error: urllib.error.HTTPError) -> ApiError:
    """A non-2xx answer: its status, its error details when it has them, else its text."""
    status = error.code
    request_id = _header(error.headers, _REQUEST_ID_HEADER)
    try:
        text = error.read().decode("utf-8", errors="replace")
    except (OSError, http.client.HTTPException):
        text = ""
    finally:
        error.close()
    body: object = text
    try:
        body = None if text == "" else json.loads(text)
    except ValueError:
        pass
    error_status = _error_status(body)
    detail = _message_of(error_status)
    if detail is None:
        detail = text.strip()[:500] or "no body"
    message = f"{method} {path} failed with {status}: {detail}"
    if request_id is not None:
        message += f" (request id {request_id})"
    return ApiError(status, message, body, error_status, request_id)


def _path(route: _Route, payload: JSON) -> str:
    """The route's path with each path parameter's text percent-encoded into it."""
    fields: Mapping[str, JSON] = payload if isinstance(payload, Mapping) else {}
    pieces = list(route.path)
    for index in range(1, len(pieces), 2):
        value = fields.get(pieces[index])
        if value is None:
            raise ValueError(f"the path parameter {pieces[index]!r} is missing")
        # Everything but RFC 3986's unreserved characters is encoded.
        pieces[index] = urllib.parse.quote(_param_text(value), safe="")
    return "".join(pieces)


def _param_text(value: JSON) -> str:
    """A parameter's text: strings as they are, lists comma-joined, others as JSON text."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return ",".join(_param_text(item) for item in value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _query_pairs(name: str, value: JSON) -> list[tuple[str, str]]:
    """A query parameter: none for null, one pair per element for a list."""
    if value is None:
        return []
    if isinstance(value, list):
        return [(name, _param_text(item)) for item in value]
    return [(name, _param_text(value))]


def _json_bytes(value: JSON) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def _error_status(body: object) -> {{ error_status }} | None:
    """The server's error details: ServiceStack's ``responseStatus`` or OpenAI's ``error``."""
    if not isinstance(body, Mapping):
        return None
{%- if has_response_status %}
    candidate = body.get("responseStatus")
    error = body.get("error")
    if candidate is None and isinstance(error, Mapping):
        code = error.get("code")
        if code is None:
            code = error.get("type")
        message = error.get("message")
        candidate = {
            "errorCode": "Error" if code is None else str(code),
            "message": "" if message is None else str(message),
        }
    if candidate is None:
        return None
    try:
        return {{ error_status }}.from_dict(candidate, "$.responseStatus")
    except DecodeError:
        return None
{%- else %}
    candidate = body.get("responseStatus")
    if candidate is None:
        candidate = body.get("error")
    return _json.any_json(candidate, "$.responseStatus")
{%- endif %}


def _message_of(status: {{ error_status }} | None) -> str | None:
{%- if has_response_status %}
    return status.message if status is not None and status.message else None
{%- else %}
    if isinstance(status, Mapping):
        message = status.get("message")
        if isinstance(message, str) and message:
            return message
    return None
{%- endif %}
