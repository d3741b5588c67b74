// {{ banner }}

namespace {{ namespace }}

open System.Text.Json
open System.Text.Json.Serialization
{%- if has_obsolete %}

// The `Create` members set the obsolete fields too.
#nowarn "44"
{%- endif %}
{% for group in groups %}
{%- for t in group %}
{{ t.doc }}{{ t.head }}
{%- match t.kind -%}
{%- when FsKind::Record with { fields, tags, factory, extension } %} =
    {
{%- for f in fields %}
{{ f.doc }}        [<JsonPropertyName({{ f.wire }}){% if f.keep_null %}; JsonIgnore(Condition = JsonIgnoreCondition.Never){% endif %}>]
        {{ f.name }}: {{ f.ty }}
{%- endfor %}
        /// The properties the schema does not know, as they arrived (written back when
        /// encoding); add to it to send extra ones.
        [<JsonExtensionData>]
        {{ extension }}: System.Collections.Generic.Dictionary<string, JsonElement>
    }
{%- for tag in tags %}

    /// Always {{ tag.value }}: the discriminator this type is tagged with.
    [<JsonPropertyName({{ tag.wire }}); JsonPropertyOrder(-1)>]
    member _.{{ tag.name }} = {{ tag.value }}
{%- endfor %}

    /// Builds a value from its required fields; the optional ones are named arguments.
{%- if factory.short %}
    static member {{ factory.name }}({{ factory.parameters|join(", ") }}) : {{ t.name }} =
        { {% for f in fields %}{{ f.name }} = {{ f.parameter }}; {% endfor %}{{ extension }} = System.Collections.Generic.Dictionary<string, JsonElement>() }
{%- else %}
    static member {{ factory.name }}
        (
{%- for p in factory.parameters %}
            {{ p }}{% if !loop.last %},{% endif %}
{%- endfor %}
        ) : {{ t.name }} =
        {
{%- for f in fields %}
            {{ f.name }} = {{ f.parameter }}
{%- endfor %}
            {{ extension }} = System.Collections.Generic.Dictionary<string, JsonElement>()
        }
{%- endif %}
{% when FsKind::Class with { tags, extension } %}() =
{%- for tag in tags %}
    /// Always {{ tag.value }}: the discriminator this type is tagged with.
    [<JsonPropertyName({{ tag.wire }}); JsonPropertyOrder(-1)>]
    member _.{{ tag.name }} = {{ tag.value }}
{% endfor %}
    /// The properties the schema does not know, as they arrived (written back when encoding);
    /// add to it to send extra ones.
    [<JsonExtensionData>]
    member val {{ extension }} = System.Collections.Generic.Dictionary<string, JsonElement>() with get, set
{% when FsKind::Enum with { cases, other } %} =
{%- for c in cases %}
{{ c.doc }}    | {{ c.name }}
{%- endfor %}
    /// A value this version does not know, kept as sent.
    | {{ other }} of string

    /// The value on the wire.
    override this.ToString() =
        match this with
{%- for c in cases %}
        | {{ t.name }}.{{ c.name }} -> {{ c.value }}
{%- endfor %}
        | {{ t.name }}.{{ other }} value -> value

    /// The case of a wire value; a value this version does not know becomes `{{ other }}`.
    static member Parse(value: string) =
        match value with
{%- for c in cases %}
        | {{ c.value }} -> {{ t.name }}.{{ c.name }}
{%- endfor %}
        | _ -> {{ t.name }}.{{ other }} value
{% when FsKind::Union with (cases) %} =
{%- for c in cases %}
{{ c.doc }}    | {{ c.name }} of {{ c.ty }}
{%- endfor %}
{% when FsKind::Alias with (ty) %} = {{ ty }}
{% endmatch -%}
{%- endfor %}
{%- endfor %}
