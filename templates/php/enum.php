{{ header }}
{{ doc }}{{ declaration }}
{
{%- for m in members %}
{{ m.doc }}{{ m.declaration }}
{%- endfor %}

    /** @param string $value one of the constants, or any other value the server sends */
    public function __construct(public readonly string $value)
    {
    }
{%- for m in members %}

    public static function {{ m.method }}(): self
    {
{{ m.factory }}
    }
{%- endfor %}

    /** Whether the value is one this version of the package knows. */
    public function isKnown(): bool
    {
        return in_array($this->value, [
{%- for m in members %}
            self::{{ m.constant }},
{%- endfor %}
        ], true);
    }

    /**
     * Decodes a JSON string; any string is accepted.
     *
     * @throws \JsonException when the text is not JSON
     * @throws DecodeException when the JSON is not a string
     */
    public static function fromJson(string $json): self
    {
        return new self(Json::string(Json::decode($json), '$'));
    }

    public function jsonSerialize(): mixed
    {
        return $this->value;
    }

    public function __toString(): string
    {
        return $this->value;
    }
}
