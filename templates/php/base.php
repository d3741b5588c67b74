{{ header }}
{{ doc }}{{ declaration }}
{
    /**
     * Decodes a JSON object into the subclass its `{{ tag_name }}` names.
     *
     * @param array<array-key, mixed> $data
     * @throws DecodeException when the tag is unknown or the data does not match the schema
     */
    public static function fromArray(array $data, string $path = '$'): self
    {
{{ read_tag }}
        return match ($tag) {
{%- for arm in arms %}
{{ arm }}
{%- endfor %}
        };
    }

    /**
     * Decodes JSON text into the subclass its tag names.
     *
     * @throws \JsonException when the text is not JSON
     * @throws DecodeException when the JSON does not match the schema
     */
    public static function fromJson(string $json): self
    {
        return self::fromArray(Json::object(Json::decode($json), '$'));
    }
}
