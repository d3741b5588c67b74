// {{ banner }}

#nullable enable

using System.Text.Json;

namespace {{ namespace }};

/// <summary>What the generated union and wrapper converters share.</summary>
internal static class JsonVariants
{
    /// <summary>The discriminator of a tagged union: a string property of an object.</summary>
    public static string Tag(JsonElement element, string property, string union)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new JsonException(union + ": expected an object, got " + Describe(element));
        if (!element.TryGetProperty(property, out var tag) || tag.ValueKind != JsonValueKind.String)
            throw new JsonException(union + ": expected a string \"" + property + "\" property");
        return tag.GetString() ?? "";
    }

    /// <summary>One variant of a union, decoded from its JSON.</summary>
    public static T Decode<T>(JsonElement element, JsonSerializerOptions options, string union)
    {
        var value = element.Deserialize<T>(options);
        if (value == null)
            throw new JsonException(union + ": expected a value, got null");
        return value;
    }

    /// <summary>The value a wrapper type wraps, read from the reader.</summary>
    public static T Read<T>(ref Utf8JsonReader reader, JsonSerializerOptions options, string type)
    {
        var value = JsonSerializer.Deserialize<T>(ref reader, options);
        if (value == null)
            throw new JsonException(type + ": expected a value, got null");
        return value;
    }

    /// <summary>Whether the JSON is a number without a fraction that fits a <see cref="long"/>.</summary>
    public static bool IsInteger(JsonElement element)
    {
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out _);
    }

    /// <summary>The error for a discriminator no variant has.</summary>
    public static JsonException UnknownTag(string union, string property, string tag)
    {
        return new JsonException(union + ": unknown \"" + property + "\" value \"" + tag + "\"");
    }

    /// <summary>The error for JSON whose shape no variant has.</summary>
    public static JsonException NoMatchingShape(string union, JsonElement element)
    {
        return new JsonException(union + ": no variant takes " + Describe(element));
    }

    private static string Describe(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object: return "an object";
            case JsonValueKind.Array: return "an array";
            case JsonValueKind.String: return "a string";
            case JsonValueKind.Number: return "a number";
            case JsonValueKind.True:
            case JsonValueKind.False: return "a boolean";
            default: return "null";
        }
    }
}
