// {{ banner }}

import * as json from "./json.js";
{% for t in types %}
{{ t.typedef }}
{%- match t.kind %}
{%- when JsKind::Object with (fields) %}
/**
 * @param {unknown} value
 * @param {string} [path]
 * @returns {{ "{" }}{{ t.name }}}
 */
export function decode{{ t.name }}(value, path = "$") {
  const o = json.object(value, path);
  return json.keep(o, {
{%- for f in fields %}
    {{ f.key }}: json.{% if f.optional %}optional{% else %}required{% endif %}(o, {{ f.wire }}, {{ f.decoder }}, path),
{%- endfor %}
  });
}
{%- when JsKind::Enum with (members) %}
/** Known values of `{{ t.name }}`; any other string is accepted too. */
export const {{ t.name }} = Object.freeze({
{%- for m in members %}
{{ m.doc }}  {{ m.name }}: {{ m.value }},
{%- endfor %}
});

/**
 * @param {unknown} value
 * @param {string} [path]
 * @returns {{ "{" }}{{ t.name }}}
 */
export function decode{{ t.name }}(value, path = "$") {
  return json.string(value, path);
}
{%- when JsKind::TaggedUnion with { tag, variants } %}
/**
 * @param {unknown} value
 * @param {string} [path]
 * @returns {{ "{" }}{{ t.name }}}
 */
export function decode{{ t.name }}(value, path = "$") {
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
{%- when JsKind::ShapeUnion with (variants) %}
/**
 * @param {unknown} value
 * @param {string} [path]
 * @returns {{ "{" }}{{ t.name }}}
 */
export function decode{{ t.name }}(value, path = "$") {
  return json.byShape(value, path, "{{ t.name }}", [
{%- for v in variants %}
    [{{ v.selector }}, {{ v.decoder }}],
{%- endfor %}
  ]);
}
{%- when JsKind::Alias with { decoder } %}
/**
 * @param {unknown} value
 * @param {string} [path]
 * @returns {{ "{" }}{{ t.name }}}
 */
export function decode{{ t.name }}(value, path = "$") {
  return {{ decoder }}(value, path);
}
{%- endmatch %}
{% endfor %}
/**
 * Every type's decoder by name, for tools that pick the type at run time.
 * @type {{ "{{" }} readonly [name: string]: json.Decoder<unknown> }}
 */
export const decoders = Object.freeze({
{%- for t in types %}
  {{ t.name }}: decode{{ t.name }},
{%- endfor %}
});
