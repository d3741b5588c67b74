// {{ banner }}

#nullable enable
{%- if pragma %}
#pragma warning disable CS0612, CS0618 // deprecated types are still (de)serialized
{%- endif %}

{% for u in usings -%}
using {{ u }};
{% endfor %}
namespace {{ namespace }};

{{ t.doc }}
{%- match t.kind %}
{%- when DnKind::Class with (props) %}
{%- if t.obsolete %}[Obsolete]
{% endif %}public sealed partial class {{ t.name }}
{
{%- for p in props %}
{%- if !loop.first %}
{% endif %}
{#- C# rejects [Obsolete] on a `required` member (CS9042): a deprecated required
    property is marked in its doc only. #}
{{ p.doc }}
{%- if p.obsolete && p.required && p.constant.is_none() %}    /// <remarks>Deprecated.</remarks>
{% endif %}    [JsonPropertyName({{ p.wire }})]
{%- if p.omit_null %}
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
{%- endif %}
{%- if p.obsolete && (!p.required || p.constant.is_some()) %}
    [Obsolete]
{%- endif %}
{%- match p.constant %}
{%- when Some(value) %}
    public {{ p.ty }} {{ p.name }} => {{ value }};
{%- when None %}
    public {% if p.required %}required {% endif %}{{ p.ty }} {{ p.name }} { get; set; }
{%- endmatch %}
{%- endfor %}
{%- if !props.is_empty() %}
{% endif %}
    /// <summary>The properties the schema does not know, as they arrived (written back when encoding); add to it to send extra ones, e.g. <c>JsonSerializer.SerializeToElement(40)</c>.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement> {{ t.extension }} { get; set; } = new Dictionary<string, JsonElement>();
}
{%- when DnKind::Enum with (members) %}/// <remarks>An open enum: any string is a valid value; the known ones are static properties.</remarks>
[JsonConverter(typeof({{ t.name }}.{{ t.converter }}))]
{%- if t.obsolete %}
[Obsolete]
{%- endif %}
public readonly partial struct {{ t.name }} : IEquatable<{{ t.name }}>
{
    private readonly string? _value;

    /// <summary>A value, known or not.</summary>
    public {{ t.name }}(string value)
    {
        _value = value ?? throw new ArgumentNullException(nameof(value));
    }
{% for m in members %}
{{ m.doc }}    public static {{ t.name }} {{ m.name }} { get; } = new {{ t.name }}({{ m.value }});
{% endfor %}
    /// <summary>The value on the wire.</summary>
    public string {{ t.value_member }} => _value ?? "";

    /// <summary>Whether two values are the same string.</summary>
    public static bool operator ==({{ t.name }} left, {{ t.name }} right) => left.Equals(right);

    /// <summary>Whether two values are different strings.</summary>
    public static bool operator !=({{ t.name }} left, {{ t.name }} right) => !left.Equals(right);

    /// <summary>Any string as a value.</summary>
    public static implicit operator {{ t.name }}(string value) => new {{ t.name }}(value);

    /// <inheritdoc />
    public bool Equals({{ t.name }} other) => string.Equals({{ t.value_member }}, other.{{ t.value_member }}, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is {{ t.name }} other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode({{ t.value_member }});

    /// <inheritdoc />
    public override string ToString() => {{ t.value_member }};

    internal sealed class {{ t.converter }} : JsonConverter<{{ t.name }}>
    {
        public override {{ t.name }} Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
                throw new JsonException("{{ t.file }}: expected a JSON string, got " + reader.TokenType);
            return new {{ t.name }}(reader.GetString() ?? "");
        }

        public override void Write(Utf8JsonWriter writer, {{ t.name }} value, JsonSerializerOptions options)
        {
            writer.WriteStringValue(value.{{ t.value_member }});
        }
    }
}
{%- when DnKind::Union with (u) %}[JsonConverter(typeof({{ t.name }}.{{ t.converter }}))]
{%- if t.obsolete %}
[Obsolete]
{%- endif %}
public sealed partial class {{ t.name }}
{
    private readonly int _index;
    private readonly object _value;

    private {{ t.name }}(int index, object value)
    {
        _index = index;
        _value = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The value of whichever variant this is.</summary>
    public object {{ t.value_member }} => _value;
{%- for v in u.variants %}

{% if v.doc.is_empty() %}    /// <summary>The <c>{{ v.name }}</c> variant.</summary>
{% else %}{{ v.doc }}{% endif %}    public static {{ t.name }} From{{ v.name }}({{ v.ty }} value) => new {{ t.name }}({{ v.index }}, value);

    /// <summary>Whether the value is the <c>{{ v.name }}</c> variant.</summary>
    public bool Is{{ v.name }} => _index == {{ v.index }};

    /// <summary>The <c>{{ v.name }}</c> variant's value, or null when the value is another variant.</summary>
    public {{ v.nullable_ty }} As{{ v.name }} => _index == {{ v.index }} ? ({{ v.ty }})_value : ({{ v.nullable_ty }})null;
{%- endfor %}
{%- if u.implicit %}
{% for v in u.variants %}
    /// <summary>The <c>{{ v.name }}</c> variant.</summary>
    public static implicit operator {{ t.name }}({{ v.ty }} value) => From{{ v.name }}(value);
{% endfor %}
{%- for l in u.lifted %}
    /// <summary>The <c>{{ l.variant }}</c> variant, from what converts to it.</summary>
    public static implicit operator {{ t.name }}({{ l.from }} value) => From{{ l.variant }}(value);
{% endfor %}
{%- else %}
{% endif %}
    internal sealed class {{ t.converter }} : JsonConverter<{{ t.name }}>
    {
        public override {{ t.name }} Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using (var document = JsonDocument.ParseValue(ref reader))
            {
                var element = document.RootElement;
{%- match u.tag %}
{%- when Some(tag) %}
                var tag = JsonVariants.Tag(element, {{ tag }}, {{ u.label }});
                switch (tag)
                {
{%- for v in u.variants %}
{%- if let Some(value) = v.tag %}
                    case {{ value }}:
                        return From{{ v.name }}(JsonVariants.Decode<{{ v.ty }}>(element, options, {{ u.label }}));
{%- endif %}
{%- endfor %}
                    default:
                        throw JsonVariants.UnknownTag({{ u.label }}, {{ tag }}, tag);
                }
{%- when None %}
{%- for c in u.by_shape %}
{%- match c.test %}
{%- when Some(test) %}
                if ({{ test }})
                    return From{{ c.variant }}(JsonVariants.Decode<{{ c.ty }}>(element, options, {{ u.label }}));
{%- when None %}
                return From{{ c.variant }}(JsonVariants.Decode<{{ c.ty }}>(element, options, {{ u.label }}));
{%- endmatch %}
{%- endfor %}
{%- if u.shape_fallthrough %}
                throw JsonVariants.NoMatchingShape({{ u.label }}, element);
{%- endif %}
{%- endmatch %}
            }
        }

        public override void Write(Utf8JsonWriter writer, {{ t.name }} value, JsonSerializerOptions options)
        {
            JsonSerializer.Serialize(writer, value._value, value._value.GetType(), options);
        }
    }
}
{%- when DnKind::Alias with (target) %}[JsonConverter(typeof({{ t.name }}.{{ t.converter }}))]
{%- if t.obsolete %}
[Obsolete]
{%- endif %}
public sealed partial class {{ t.name }}
{
    /// <summary>Wraps a value.</summary>
    public {{ t.name }}({{ target.ty }} value)
    {
        {{ t.value_member }} = value;
    }

    /// <summary>The wrapped value, as it is on the wire.</summary>
    public {{ target.ty }} {{ t.value_member }} { get; }

    /// <summary>Wraps a value.</summary>
    public static implicit operator {{ t.name }}({{ target.ty }} value) => new {{ t.name }}(value);

    internal sealed class {{ t.converter }} : JsonConverter<{{ t.name }}>
    {
        public override {{ t.name }} Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            return new {{ t.name }}(JsonVariants.Read<{{ target.ty }}>(ref reader, options, "{{ t.file }}"));
        }

        public override void Write(Utf8JsonWriter writer, {{ t.name }} value, JsonSerializerOptions options)
        {
            JsonSerializer.Serialize(writer, value.{{ t.value_member }}, options);
        }
    }
}
{%- endmatch %}
