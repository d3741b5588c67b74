{{ banner }}

"""The {{ title }} data types: dataclasses, open enums and unions, with their JSON codecs."""

from __future__ import annotations

from collections.abc import Mapping
{%- if has_class %}
from dataclasses import dataclass
from dataclasses import field as _field
{%- endif %}
from typing import {{ typing_imports }}

from . import _json
{%- if uses_json %}
from ._json import JSON
{%- endif %}
{%- if type_alias %}

if TYPE_CHECKING:
    from typing_extensions import TypeAlias
{%- endif %}
{%- for t in classes %}


{% match t.kind -%}
{%- when PyKind::Class with { fields, literals, decoded, always, when_set, spaced, extra, known, known_ref } -%}
@dataclass
{{ t.class_line }}{{ t.doc }}
{%- for f in fields %}
{% if (loop.first && !t.doc.is_empty()) || (!loop.first && spaced) %}
{% endif %}{{ f.declare }}{{ f.doc }}
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
{{ f.expect }}
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
{{ f.is_set }}
{{ f.encode }}
{%- endfor %}
        if self.{{ extra }}:
            data.update(self.{{ extra }})
        return data
{%- when PyKind::Enum with { members, spaced } -%}
{{ t.class_line }}{{ t.doc }}

    __slots__ = ()
{%- for m in members %}
{% if loop.first || spaced %}
{% endif %}{{ m.declare }}{{ m.doc }}
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
{% if !loop.first || !classes.is_empty() || type_alias %}
{% endif %}
{% match t.kind -%}
{%- when PyKind::TaggedUnion with { alias, read_tag, unknown, variants } -%}
{{ alias }}{{ t.doc }}


{{ t.def_line }}
    """Decodes parsed JSON into a :data:`{{ t.name }}`, chosen by its tag."""
{{ read_tag }}
{%- for v in variants %}
{{ v.when }}
{{ v.then }}
{%- endfor %}
{{ unknown }}
{%- when PyKind::ShapeUnion with { alias, list, ret } -%}
{{ alias }}{{ t.doc }}


{{ t.def_line }}
    """Decodes parsed JSON into a :data:`{{ t.name }}`, chosen by its JSON shape."""
{{ list }}
{{ ret }}
{%- when PyKind::Alias with { alias, ret } -%}
{{ alias }}{{ t.doc }}


{{ t.def_line }}
    """Decodes parsed JSON into a :data:`{{ t.name }}`."""
{{ ret }}
{%- else -%}
{%- endmatch %}
{%- endfor %}


DECODERS: Mapping[str, Callable[[object, str], object]] = {
{%- for entry in decoders %}
{{ entry }}
{%- endfor %}
}
"""Every type's decoder by its schema name, for tools that pick the type at run time."""
