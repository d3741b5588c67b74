// {{ banner }}

import * as json from "./json.js";
{% for t in types %}
{{ t.doc }}
{%- match t.kind %}
{%- when TsKind::Interface with (fields) -%}
export interface {{ t.name }} {
{%- for f in fields %}
{{ f.doc }}  {{ f.key }}{% if f.optional %}?{% endif %}: {{ f.ty }};
{%- endfor %}
  /** Properties the schema does not know: kept when decoded, sent as they are. */
  [property: string]: unknown;
}

export function decode{{ t.name }}(value: unknown, path = "$"): {{ t.name }} {
  const o = json.object(value, path);
  return json.keep(o, {
{%- for f in fields %}
    {{ f.key }}: json.{% if f.optional %}optional{% else %}required{% endif %}(o, {{ f.wire }}, {{ f.decoder }}, path),
{%- endfor %}
  });
}
{%- when TsKind::Enum with (members) -%}
export type {{ t.name }} ={% for m in members %} {{ m.value }} |{% endfor %} (string & {});

/** Known values of `{{ t.name }}`; any other string is accepted too. */
export const {{ t.name }} = {
{%- for m in members %}
{{ m.doc }}  {{ m.name }}: {{ m.value }},
{%- endfor %}
} as const;

export function decode{{ t.name }}(value: unknown, path = "$"): {{ t.name }} {
  return json.string(value, path);
}
{%- when TsKind::TaggedUnion with { tag, variants } -%}
export type {{ t.name }} ={% for v in variants %} {{ v.ty }}{% if !loop.last %} |{% endif %}{% endfor %};

export function decode{{ t.name }}(value: unknown, path = "$"): {{ t.name }} {
  const tag = json.tag(value, {{ tag }}, path);
  switch (tag) {
{%- for v in variants %}
    case {{ v.selector }}:
      return {{ v.decoder }}(value, path);
{%- endfor %}
    default:
      throw new json.DecodeError(json.at(path, {{ tag }}), `unknown {{ t.name }} ${JSON.stringify(tag)}`);
  }
}
{%- when TsKind::ShapeUnion with (variants) -%}
export type {{ t.name }} ={% for v in variants %} {{ v.ty }}{% if !loop.last %} |{% endif %}{% endfor %};

export function decode{{ t.name }}(value: unknown, path = "$"): {{ t.name }} {
  return json.byShape<{{ t.name }}>(value, path, "{{ t.name }}", [
{%- for v in variants %}
    [{{ v.selector }}, {{ v.decoder }}],
{%- endfor %}
  ]);
}
{%- when TsKind::Alias with { ty, decoder } -%}
export type {{ t.name }} = {{ ty }};

export function decode{{ t.name }}(value: unknown, path = "$"): {{ t.name }} {
  return {{ decoder }}(value, path);
}
{%- endmatch %}
{% endfor %}
/** Every type's decoder by name, for tools that pick the type at run time. */
export const decoders: { readonly [name: string]: json.Decoder<unknown> } = {
{%- for t in types %}
  {{ t.name }}: decode{{ t.name }},
{%- endfor %}
};
