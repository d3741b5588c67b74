{{ banner }}

"""A small typed client for the {{ title }} API, on :mod:`urllib.request`."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from typing import Callable, TypeVar

{% if uses_json_helpers %}from . import _json
{% endif %}from ._json import JSON, DecodeError
from .models import (
{%- for name in model_imports %}
    {{ name }},
{%- endfor %}
)

T = TypeVar("T")


class ApiError(Exception):
    """A failed call: a non-2xx status, no response, or a body that is not the expected JSON."""

    def __init__(
        self,
        status: int,
        message: str,
        body: object = None,
        response_status: {{ error_status }} | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        """The HTTP status (0 when no response arrived)."""
        self.body = body
        """The parsed response body, or its text when it was not JSON."""
        self.response_status = response_status
        """The error details the server sent, when it sent them."""


class {{ class_name }}:
    """A typed client: one method per operation."""

    def __init__(
        self,
        base_url: str,
        bearer_token: str | None = None,
        *,
        headers: Mapping[str, str] | None = None,
        timeout: float = 60.0,
    ) -> None:
        """Sends ``Authorization: Bearer <bearer_token>`` when given, and ``headers`` every time."""
        self.base_url = base_url.rstrip("/")
        self.bearer_token = bearer_token
        self.headers = dict(headers or {})
        self.timeout = timeout
{% for m in methods %}
{{ m.def_line }}{{ m.doc }}
{{ m.call }}
{% endfor %}
    def _send(self, method: str, path: str, payload: JSON, decode: Callable[[object, str], T]) -> T:
        url = self.base_url + path
        headers = {"Accept": "application/json", **self.headers}
        if self.bearer_token:
            headers["Authorization"] = f"Bearer {self.bearer_token}"
        body: bytes | None = None
        if method in ("GET", "DELETE"):
            if isinstance(payload, Mapping):
                query = [
                    (key, _query_value(value))
                    for key, value in payload.items()
                    if value is not None
                ]
                if query:
                    url += "?" + urllib.parse.urlencode(query)
        else:
            headers["Content-Type"] = "application/json"
            body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(url, data=body, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                status: int = response.status
                text = response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            status = error.code
            text = error.read().decode("utf-8", errors="replace")
        except urllib.error.URLError as error:
            raise ApiError(0, f"{method} {path}: {error.reason}") from error
        try:
            parsed: object = None if text == "" else json.loads(text)
        except ValueError:
            raise ApiError(status, f"{method} {path}: the response is not JSON", text) from None
        if not 200 <= status < 300:
            error_status = _error_status(parsed)
            detail = _message_of(error_status) or f"HTTP {status}"
            message = f"{method} {path} failed with {status}: {detail}"
            raise ApiError(status, message, parsed, error_status)
        try:
            return decode(parsed, "$")
        except DecodeError as error:
            message = f"{method} {path}: unexpected response: {error}"
            raise ApiError(status, message, parsed) from error


def _query_value(value: JSON) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


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
