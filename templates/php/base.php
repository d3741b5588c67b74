{{ header }}
{{ doc }}abstract class {{ name }} implements \JsonSerializable
{
    /**
     * Decodes a JSON object into the subclass its `{{ tag_name }}` names.
     *
     * @param array<array-key, mixed> $data
     * @throws DecodeException when the tag is unknown or the data does not match the schema
     */
    public static function fromArray(array $data, string $path = '$'): self
    {
        $tag = Json::required($data, {{ tag }}, $path, Json::string(...));
        return match ($tag) {
{%- for v in variants %}
            {{ v.tag }} => {{ v.class }}::fromArray($data, $path),
{%- endfor %}
            default => throw new DecodeException(Json::at($path, {{ tag }}), "unknown tag \"{$tag}\""),
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
