{{ banner }}

"""The {{ title }} data types: dataclasses, open enums and unions, with their JSON codecs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as _field
from typing import {{ typing_imports }}

from . import _json
from ._json import JSON
{%- if type_alias %}

if TYPE_CHECKING:
    from typing_extensions import TypeAlias
{%- endif %}
{%- for t in classes %}


{% match t.kind -%}
{%- when PyKind::Class with { fields, literals, decoded, always, when_set, spaced, extra, known, known_ref } -%}
@dataclass
class {{ t.name }}:{{ t.doc }}
{%- for f in fields %}
{% if (loop.first && !t.doc.is_empty()) || (!loop.first && spaced) %}
{% endif %}    {{ f.attr }}: {{ f.annotation }}{{ f.default }}{{ f.doc }}
{%- endfor %}
{% if (fields.is_empty() && !t.doc.is_empty()) || (!fields.is_empty() && spaced) %}
{% endif %}    {{ extra }}: dict[str, JSON] = _field(default_factory=dict)
    """Properties the schema does not know: kept from decoding, written back by ``to_dict``."""
{%- if !known.is_empty() %}

{{ known }}
{%- endif %}

    @classmethod
{{ t.def_line }}
        """Decodes parsed JSON; raises :class:`DecodeError` where it does not fit."""
        obj = _json.obj(data, path)
{%- for f in literals %}
        _json.expect(obj, {{ f.wire }}, {{ f.literal }}, path)
{%- endfor %}
        return cls(
{%- for f in decoded %}
{{ f.decode }}
{%- endfor %}
            {{ extra }}=_json.rest(obj, {{ known_ref }}),
        )

    def to_dict(self) -> dict[str, JSON]:
        """The JSON object of this value: unset optional fields left out, ``extra`` merged in."""
{%- if always.is_empty() %}
        data: dict[str, JSON] = {}
{%- else %}
        data: dict[str, JSON] = {
{%- for f in always %}
{{ f.encode }}
{%- endfor %}
        }
{%- endif %}
{%- for f in when_set %}
        if self.{{ f.attr }} is not None:
{{ f.encode }}
{%- endfor %}
        if self.{{ extra }}:
            data.update(self.{{ extra }})
        return data
{%- when PyKind::Enum with { members, spaced } -%}
class {{ t.name }}(str):{{ t.doc }}

    __slots__ = ()
{%- for m in members %}
{% if loop.first || spaced %}
{% endif %}    {{ m.name }}: ClassVar[{{ t.name }}]{{ m.doc }}
{%- endfor %}

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str.__repr__(self)})"

{% for m in members %}
{{ m.assign }}
{%- endfor %}
{%- else -%}
{%- endmatch %}
{%- endfor %}
{%- for t in aliases %}


{% match t.kind -%}
{%- when PyKind::TaggedUnion with { alias, tag, variants } -%}
{{ alias }}{{ t.doc }}


{{ t.def_line }}
    """Decodes parsed JSON into a :data:`{{ t.name }}`, chosen by its tag."""
    tag = _json.tag(value, {{ tag }}, path)
{%- for v in variants %}
    if tag == {{ v.selector }}:
        return {{ v.decoder }}(value, path)
{%- endfor %}
    _json.unknown_tag(path, {{ tag }}, tag, "{{ t.name }}")
{%- when PyKind::ShapeUnion with { alias, variants } -%}
{{ alias }}{{ t.doc }}


{{ t.def_line }}
    """Decodes parsed JSON into a :data:`{{ t.name }}`, chosen by its JSON shape."""
    variants: list[tuple[str, _json.Decoder[{{ t.name }}]]] = [
{%- for v in variants %}
        ({{ v.selector }}, {{ v.decoder }}),
{%- endfor %}
    ]
    return _json.by_shape(value, path, "{{ t.name }}", variants)
{%- when PyKind::Alias with { alias, decoder } -%}
{{ alias }}{{ t.doc }}


{{ t.def_line }}
    """Decodes parsed JSON into a :data:`{{ t.name }}`."""
    return {{ decoder }}(value, path)
{%- else -%}
{%- endmatch %}
{%- endfor %}


DECODERS: Mapping[str, Callable[[object, str], object]] = {
{%- for (name, decoder) in decoders %}
    {{ name }}: {{ decoder }},
{%- endfor %}
}
"""Every type's decoder by its schema name, for tools that pick the type at run time."""
