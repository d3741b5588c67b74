{% include "java/head.java" %}
{% match kind -%}
{% when Kind::Class with (c) -%}
{{ doc }}
{%- if deprecated %}@Deprecated
{% endif -%}
{% if suppress_deprecation %}@SuppressWarnings("deprecation")
{% endif -%}
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class {{ name }}{{ c.implements }} {
{%- for f in c.fields %}
    @JsonProperty({{ f.wire }})
{%- if f.always %}
    @JsonInclude(JsonInclude.Include.ALWAYS)
{%- endif %}
{%- if f.skip_nulls %}
    @JsonSetter(nulls = Nulls.SKIP)
{%- endif %}
{%- if f.strict %}
    @JsonDeserialize(using = StrictJson.class)
{%- endif %}
    private {{ f.ty }} {{ f.name }};
{% endfor %}
    private final Map<String, JsonNode> {{ c.extra.field }} = new LinkedHashMap<>();

    /** Creates an empty instance; set its properties with the fluent setters. */
    public {{ name }}() {
    }
{%- if !c.ctor_params.is_empty() %}

    /** Creates an instance with its required properties. */
    public {{ name }}({{ c.ctor_params }}) {
{%- for f in c.fields %}{% if f.required %}
        this.{{ f.name }} = {{ f.name }};
{%- endif %}{% endfor %}
    }

    /** Decodes an instance: a required property that is missing{% if c.checks_nulls %} or null{% endif %} is an error. */
    @JsonCreator
    private static {{ name }} {{ c.creator }}({{ c.creator_params }}) {
        {{ name }} {{ c.creator_local }} = new {{ name }}();
{%- for f in c.fields %}{% if f.required %}
{%- if f.nullable %}
        {{ c.creator_local }}.{{ f.name }} = {{ f.name }};
{%- else %}
        {{ c.creator_local }}.{{ f.name }} = StrictJson.required({{ f.name }}, {{ f.wire }});
{%- endif %}
{%- endif %}{% endfor %}
        return {{ c.creator_local }};
    }
{%- endif %}
{%- for l in c.literals %}

{{ l.doc }}    @JsonProperty({{ l.wire }})
    public String {{ l.getter }}() {
        return {{ l.value }};
    }

    @JsonProperty({{ l.wire }})
    private void {{ l.setter }}(String value) {
        if (!{{ l.value }}.equals(value)) {
            throw new IllegalArgumentException({{ l.wire }} + " must be " + {{ l.value }} + ", got " + value);
        }
    }
{%- endfor %}
{%- for f in c.fields %}

{{ f.doc }}
{%- if f.deprecated %}    @Deprecated
{% endif -%}
{% if f.annotate_accessors %}    @JsonProperty({{ f.wire }})
{% endif %}    public {{ f.ty }} {{ f.getter }}() {
        return {{ f.name }};
    }

{{ f.doc }}
{%- if f.deprecated %}    @Deprecated
{% endif -%}
{% if f.annotate_accessors %}    @JsonProperty({{ f.wire }})
{% endif %}    public {{ name }} {{ f.setter }}({{ f.ty }} {{ f.name }}) {
        this.{{ f.name }} = {{ f.name }};
        return this;
    }
{%- endfor %}

    /**
     * The properties the schema does not declare, kept as they were read and
     * written back when encoding (e.g. a vendor's extra fields). A live map.
     */
    @JsonAnyGetter
    public Map<String, JsonNode> {{ c.extra.getter }}() {
        return {{ c.extra.field }};
    }

    /**
     * Sets a property the schema does not declare (sent as is, like OpenAI's
     * {@code extra_body}); a null value removes it, {@code NullNode} sends {@code null}.
     */
    @JsonAnySetter
    public {{ name }} {{ c.extra.setter }}(String name, JsonNode value) {
        if (value == null) {
            {{ c.extra.field }}.remove(name);
        } else {
            {{ c.extra.field }}.put(name, value);
        }
        return this;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof {{ name }} that)) {
            return false;
        }
        return {% for f in c.fields %}Objects.equals(this.{{ f.name }}, that.{{ f.name }})
                && {% endfor %}this.{{ c.extra.field }}.equals(that.{{ c.extra.field }});
    }

    @Override
    public int hashCode() {
        return {{ c.hash }};
    }

    @Override
    public String toString() {
        return "{{ name }}{"
{%- for f in c.fields %}
                + "{% if !loop.first %}, {% endif %}{{ f.name }}=" + {{ f.name }}
{%- endfor %}
                + "{% if !c.fields.is_empty() %}, {% endif %}{{ c.extra.field }}=" + {{ c.extra.field }}
                + "}";
    }
}
{%- when Kind::Enum with (constants) -%}
{{ doc }}
{%- if deprecated %}@Deprecated
{% endif -%}
public final class {{ name }} {
{%- for k in constants %}
{%- if !k.doc.is_empty() && !loop.first %}
{% endif %}
{{ k.doc }}    public static final {{ name }} {{ k.name }} = new {{ name }}({{ k.value }});
{%- endfor %}

    private final String value;

    @JsonCreator(mode = JsonCreator.Mode.DISABLED)
    private {{ name }}(String value) {
        this.value = value;
    }

    /**
     * The {@code {{ name }}} for {@code value}: the constant when the value is known,
     * else a new instance that keeps it (the enum is open).
     */
    public static {{ name }} of(String value) {
        return switch (Objects.requireNonNull(value, "value")) {
{%- for k in constants %}
            case {{ k.value }} -> {{ k.name }};
{%- endfor %}
            default -> new {{ name }}(value);
        };
    }

    /** Decodes a JSON string; any other JSON value is an error (no coercion). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    private static {{ name }} fromJson(JsonNode value) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException("expected a string, got " + value.getNodeType());
        }
        return of(value.textValue());
    }

    /** The value on the wire. */
    @JsonValue
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof {{ name }} that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
{%- when Kind::Tagged with { tag, subtypes } -%}
{{ doc }}
{%- if deprecated %}@Deprecated
{% endif -%}
{% if suppress_deprecation %}@SuppressWarnings("deprecation")
{% endif -%}
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = {{ tag }})
@JsonSubTypes({
{%- for s in subtypes %}
    @JsonSubTypes.Type(value = {{ s.class }}.class, name = {{ s.tag }}){% if !loop.last %},{% endif %}
{%- endfor %}
})
public sealed interface {{ name }} permits
{%- for s in subtypes %}
        {{ s.class }}{% if !loop.last %},{% endif %}
{%- endfor %} {
}
{%- when Kind::Union with (u) -%}
{{ doc }}
{%- if deprecated %}@Deprecated
{% endif -%}
{% if suppress_deprecation %}@SuppressWarnings("deprecation")
{% endif -%}
@JsonDeserialize(using = {{ name }}.Deserializer.class)
public sealed interface {{ name }} permits
{%- for v in u.variants %}
        {{ name }}.{{ v.record }}{% if !loop.last %},{% endif %}
{%- endfor %} {
{%- for v in u.variants %}

    /** Wraps a {@code {{ v.ty }}} value. */
    static {{ name }} {{ v.factory }}({{ v.ty }} value) {
        return new {{ v.record }}(value);
    }
{%- endfor %}
{%- for v in u.variants %}

{{ v.doc }}    record {{ v.record }}(@JsonValue {{ v.ty }} value){{ v.implements }} {
        public {{ v.record }} {
            Objects.requireNonNull(value, "value");
        }
    }
{%- endfor %}

{{ u.deserializer_doc }}    final class Deserializer extends UnionDeserializer<{{ name }}> {
        private static final long serialVersionUID = 1L;

        public Deserializer() {
            super({{ name }}.class, {{ u.discriminator }}, List.of(
{%- for v in u.variants %}
                    variant(JsonShape.{{ v.shape }}, {{ v.tag }}, new TypeReference<{{ v.ty }}>() {},
                            {{ v.record }}::new){% if !loop.last %},{% endif %}
{%- endfor %}));
        }
    }
}
{%- when Kind::Alias with { ty, strict } -%}
{{ doc }}
{%- if deprecated %}@Deprecated
{% endif -%}
{% if suppress_deprecation %}@SuppressWarnings("deprecation")
{% endif -%}
public record {{ name }}(@JsonValue{% if strict %} @JsonDeserialize(using = StrictJson.class){% endif %} {{ ty }} value) {
    /** Wraps {@code value}, which must not be null. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public {{ name }} {
        Objects.requireNonNull(value, "value");
    }
}
{%- endmatch %}
