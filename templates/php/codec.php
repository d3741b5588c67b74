{{ header }}
{{ doc }}final class {{ name }}
{
    private function __construct()
    {
    }

    /**
     * @return {{ doc_type }}
     * @throws DecodeException when the value matches none of the variants
     */
{{ decode }}
        {{ body }}
    }

    /**
     * Decodes JSON text.
     *
     * @return {{ doc_type }}
     * @throws \JsonException when the text is not JSON
     * @throws DecodeException when the JSON matches none of the variants
     */
{{ from_json }}
        return self::decode(Json::decode($json));
    }
{%- if let Some(e) = encode %}

    /**
     * The value ready for `json_encode` (maps as objects, so `{}` stays an object).
     *
     * @param {{ doc_type }} $value
     */
{{ e.declaration }}
        {{ e.body }}
    }
{%- endif %}
}
