{{ header }}
{{ doc }}{{ declaration }}
{
{%- if let Some(known) = known %}
    /** The wire names of the properties this class declares. */
{{ known }}
{% endif %}
    public function __construct(
{%- for p in params %}
{{ p }},
{%- endfor %}
    ) {
    }

    /**
     * Decodes a JSON object given as an array (e.g. from `json_decode($json, true)`);
     * unknown properties are kept in `${{ extra }}`, `null` optional properties read as absent.
     *
     * @param array<array-key, mixed> $data
     * @throws DecodeException when the data does not match the schema
     */
    public static function fromArray(array $data, string $path = '$'): self
    {
{%- if fields.is_empty() %}
        return new self({{ extra }}: $data);
{%- else %}
        return new self(
{%- for f in fields %}
{{ f.decode }}
{%- endfor %}
            {{ extra }}: array_diff_key($data, self::WIRE_NAMES),
        );
{%- endif %}
    }

    /**
     * Decodes JSON text; free-form JSON inside keeps `{}` and `[]` apart.
     *
     * @throws \JsonException when the text is not JSON
     * @throws DecodeException when the JSON does not match the schema
     */
    public static function fromJson(string $json): self
    {
        return self::fromArray(Json::object(Json::decode($json), '$'));
    }

    /** The wire JSON object: unset optional properties are left out, unknown ones written back. */
    public function jsonSerialize(): mixed
    {
{%- if fields.is_empty() %}
        return (object) $this->{{ extra }};
{%- else if kept_nulls.is_empty() %}
        return (object) array_replace(array_filter([
{%- for f in fields %}
{{ f.entry }}
{%- endfor %}
        ], static fn (mixed $value): bool => $value !== null), $this->{{ extra }});
{%- else %}
        $data = array_filter([
{%- for f in fields %}{% if !f.keeps_null %}
{{ f.entry }}
{%- endif %}{% endfor %}
        ], static fn (mixed $value): bool => $value !== null);
{%- for f in kept_nulls %}
{{ f.kept }}
{%- endfor %}
        return (object) array_replace($data, $this->{{ extra }});
{%- endif %}
    }
}
