// {{ banner }}

import 'json.dart';
{%- macro wrapper_classes(union, wrappers) %}
{%- for w in wrappers %}

{{ w.doc }}final class {{ w.name }} extends {{ union }} {
  const {{ w.name }}(this.value);

  final {{ w.ty }} value;

  @override
  Object? toJson() => {{ w.encode }};
}
{%- endfor %}
{%- endmacro %}
{% for t in types %}
{{ t.doc }}
{%- match t.kind %}
{%- when DartKind::Class with (c) -%}
class {{ t.name }}{{ t.implements }} {
  const {{ t.name }}({
{%- for f in c.fields %}
{%- if f.literal.is_none() %}
    {{ f.param }},
{%- endif %}
{%- endfor %}
    this.extra = const {},
  });

  factory {{ t.name }}.fromJson(Map<String, dynamic> json) {
{%- for check in c.checks %}
    constProperty(json, {{ check.wire }}, {{ check.value }}, {{ check.message }});
{%- endfor %}
    return {{ t.name }}(
{%- for f in c.fields %}
{%- if f.literal.is_none() %}
      {{ f.decode }},
{%- endif %}
{%- endfor %}
      extra: unknownProperties(json, _properties),
    );
  }

  /// The wire names of the properties the schema declares.
  static const _properties = <String>{ {%- for f in c.fields %}{{ f.wire }}{% if !loop.last %}, {% endif %}{% endfor -%} };
{% for f in c.fields %}
{% if let Some(value) = f.literal -%}
{{ f.doc }}  String get {{ f.name }} => {{ value }};
{% else -%}
{{ f.doc }}  final {{ f.ty }} {{ f.name }};
{% endif -%}
{% endfor %}
  /// Properties the schema does not declare, with their JSON values: those
  /// of a decoded object are kept and written back; add your own to send
  /// them. An entry named like a declared property is not sent.
  final Map<String, dynamic> extra;

{% if !t.implements.is_empty() %}  @override
{% endif %}  Map<String, dynamic> toJson() => {
{%- for f in c.fields %}
    {{ f.encode }},
{%- endfor %}
    ...unknownProperties(extra, _properties),
  };
}
{%- when DartKind::Enum with (members) -%}
final class {{ t.name }}{{ t.implements }} {
  const {{ t.name }}(this.value);

  /// A value from JSON, which must be a string.
  factory {{ t.name }}.fromJson(Object? json) => {{ t.name }}(decodeString(json));

  /// The value on the wire.
  final String value;
{% for m in members %}
{{ m.doc }}  static const {{ m.name }} = {{ t.name }}({{ m.value }});
{%- endfor %}

  /// The values known when this package was generated; others decode too.
  static const values = <{{ t.name }}>[{% for m in members %}{{ m.name }}{% if !loop.last %}, {% endif %}{% endfor %}];

{% if !t.implements.is_empty() %}  @override
{% endif %}  String toJson() => value;

  @override
  bool operator ==(Object other) => other is {{ t.name }} && other.value == value;

  @override
  int get hashCode => value.hashCode;

  @override
  String toString() => value;
}
{%- when DartKind::TaggedUnion with { tag, cases, wrappers, unknown } -%}
sealed class {{ t.name }}{{ t.implements }} {
  const {{ t.name }}();

  factory {{ t.name }}.fromJson(Map<String, dynamic> json) {
    switch (json[{{ tag }}]) {
{%- for c in cases %}
      case {{ c.selector }}:
        return {{ c.value }};
{%- endfor %}
      default:
        throw DecodeException({{ unknown }}, [{{ tag }}]);
    }
  }

{% if !t.implements.is_empty() %}  @override
{% endif %}  Object? toJson();
}
{%- call wrapper_classes(t.name, wrappers) %}{% endcall %}
{%- when DartKind::ShapeUnion with { cases, wrappers, unmatched } -%}
sealed class {{ t.name }}{{ t.implements }} {
  const {{ t.name }}();

  /// Decodes the first case whose JSON shape matches.
  factory {{ t.name }}.fromJson(Object? json) {
    switch (json) {
{%- for c in cases %}
{%- if c.selector == "default" %}
      default:
{%- else %}
      case {{ c.selector }}:
{%- endif %}
        return {{ c.value }};
{%- endfor %}
{%- if let Some(message) = unmatched %}
      default:
        throw DecodeException({{ message }});
{%- endif %}
    }
  }

{% if !t.implements.is_empty() %}  @override
{% endif %}  Object? toJson();
}
{%- call wrapper_classes(t.name, wrappers) %}{% endcall %}
{%- when DartKind::Alias with (ty) -%}
typedef {{ t.name }} = {{ ty }};
{%- endmatch %}
{% endfor %}
