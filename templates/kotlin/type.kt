// {{ banner }}
{% if suppress_deprecation %}
@file:Suppress("DEPRECATION")
{% endif %}
package {{ package }}
{% if !imports.is_empty() %}
{% for import in imports -%}
import {{ import }}
{% endfor -%}
{% endif %}
{{ doc }}{{ annotations }}
{%- match kind %}
{%- when KtKind::Data with { fields, supertypes, extra, serializer } -%}
@OptIn(ExperimentalSerializationApi::class)
@KeepGeneratedSerializer
@Serializable(with = {{ serializer }}::class)
data class {{ name }}(
{%- for f in fields %}
{{ f.doc }}{{ f.deprecated }}{{ f.annotations }}    val {{ f.name }}: {{ f.ty }}{{ f.default }},
{%- endfor %}
    /**
     * The properties the schema does not define, exactly as received; written back when encoding.
     * Add your own (a vendor's extension, e.g. `top_k`) before sending; a property the class writes itself wins.
     */
    @Transient
    val {{ extra }}: JsonObject = JsonObject(emptyMap()),
){{ supertypes }}

/** [{{ name }}]'s generated serializer, keeping the properties the schema does not define in [{{ name }}.{{ extra }}]. */
@OptIn(ExperimentalSerializationApi::class)
internal object {{ serializer }} : KSerializer<{{ name }}> by ExtraPropertiesSerializer(
    { {{ name }}.generatedSerializer() },
    { it.{{ extra }} },
    { value, extra -> value.copy({{ extra }} = extra) },
)
{%- when KtKind::Wide with { params, members, names, groups, sets, arguments, supertypes, extra, serializer, serial_name, to_string_prefix } -%}
@Serializable(with = {{ serializer }}::class)
class {{ name }}
{%- if !params.is_empty() %}(
{%- for f in params %}
{{ f.doc }}{{ f.deprecated }}    var {{ f.name }}: {{ f.ty }},
{%- endfor %}
)
{%- endif %}{{ supertypes }} {
{%- for f in members %}
{{ f.doc }}{{ f.deprecated }}    var {{ f.name }}: {{ f.ty }}{{ f.default }}
{%- endfor %}

    /**
     * The properties the schema does not define, exactly as received; written back when encoding.
     * Add your own (a vendor's extension, e.g. `top_k`) before sending; a property the class writes itself wins.
     */
    var {{ extra }}: JsonObject = JsonObject(emptyMap())

    @Suppress("DEPRECATION")
    private fun properties(): List<Any?> = listOf(
{%- for n in names %}
        {{ n }},
{%- endfor %}
        {{ extra }},
    )

    override fun equals(other: Any?): Boolean = other is {{ name }} && properties() == other.properties()

    override fun hashCode(): Int = properties().hashCode()

    override fun toString(): String = properties().joinToString(prefix = {{ to_string_prefix }}, postfix = ")")
}
{%- for g in groups %}

/** Some of [{{ name }}]'s properties, with a generated serializer (see [{{ serializer }}]). */
@Serializable
@SerialName({{ serial_name }})
internal class {{ g.name }}(
{%- for f in g.fields %}
{{ f.annotations }}    val {{ f.name }}: {{ f.ty }}{{ f.default }},
{%- endfor %}
)
{%- endfor %}

/**
 * [{{ name }}]'s serializer: each group of its properties through its group's generated serializer,
 * and the properties the schema does not define kept in [{{ name }}.{{ extra }}].
 */
@Suppress("DEPRECATION")
internal object {{ serializer }} : KSerializer<{{ name }}> by GroupedPropertiesSerializer(
    {{ serial_name }},
    listOf(
{%- for g in groups %}
        PropertyGroup({ {{ g.name }}.serializer() }) { value: {{ name }} ->
            {{ g.name }}(
{%- for f in g.fields %}
                value.{{ f.name }},
{%- endfor %}
            )
        },
{%- endfor %}
    ),
    { groups, rest ->
{%- for g in groups %}
        val {{ g.local }} = groups[{{ loop.index0 }}] as {{ g.name }}
{%- endfor %}
        val value = {{ name }}({{ arguments }})
{%- for (member, from) in sets %}
        value.{{ member }} = {{ from }}
{%- endfor %}
        value.{{ extra }} = rest
        value
    },
    { it.{{ extra }} },
)
{%- when KtKind::Enum with { values, supertypes } -%}
@Serializable
@JvmInline
value class {{ name }}(val value: String){{ supertypes }} {
    override fun toString(): String = value
{%- if !values.is_empty() %}

    /** The values the schema lists; any other string is accepted too. */
    companion object {
{%- for v in values %}
{{ v.doc }}        val {{ v.name }}: {{ name }} = {{ name }}({{ v.value }})
{%- endfor %}
    }
{%- endif %}
}
{%- when KtKind::Union with { serializer, discriminator, variants, wrappers, shapes } -%}
@Serializable(with = {{ serializer }}::class)
sealed interface {{ name }}
{%- if !wrappers.is_empty() %} {
{%- for w in wrappers %}
{%- if !loop.first %}
{% endif %}
{{ w.doc }}    @Serializable
    @JvmInline
    value class {{ w.name }}(val value: {{ w.ty }}) : {{ name }}
{%- endfor %}
}
{%- endif %}

/** Picks the variant of [{{ name }}] {% if discriminator.is_some() %}by its tag{% else %}by the JSON shape{% endif %}; each variant encodes as itself. */
internal object {{ serializer }} :
    JsonContentPolymorphicSerializer<{{ name }}>({{ name }}::class) {
    override fun selectDeserializer(element: JsonElement): DeserializationStrategy<{{ name }}> =
{%- match discriminator %}
{%- when Some with (key) %}
        when (val tag = element.discriminator({{ key }})) {
{%- for v in variants %}
            {{ v.selector }} -> {{ v.serializer }}
{%- endfor %}
            else -> throw unknownTag("{{ name }}", {{ key }}, tag)
        }
{%- when None %}
        when {
{%- for v in variants %}
            {{ v.selector }} -> {{ v.serializer }}
{%- endfor %}
            else -> throw unexpectedShape("{{ name }}", {{ shapes }}, element)
        }
{%- endmatch %}
}
{%- when KtKind::Alias with { ty } -%}
typealias {{ name }} = {{ ty }}
{%- endmatch %}
