// Stand-in declarations of the part of System.Text.Json (.NET 8) that the
// generated C# package uses, so Mono's mcs can compile it here: no NuGet and
// no .NET SDK are reachable. Signatures follow the .NET 8 API reference with
// nullable annotations dropped (mcs predates them); bodies only throw. This
// checks that the generated code calls the API with the right names, argument
// and return types; it says nothing about System.Text.Json's behaviour.
// Never part of a generated package.

using System;
using System.Collections.Generic;

namespace System.Text.Json
{
    public enum JsonTokenType : byte
    {
        None, StartObject, EndObject, StartArray, EndArray, PropertyName, Comment, String, Number, True, False, Null,
    }

    public enum JsonValueKind : byte
    {
        Undefined, Object, Array, String, Number, True, False, Null,
    }

    public class JsonException : Exception
    {
        public JsonException() { }
        public JsonException(string message) : base(message) { }
        public JsonException(string message, Exception innerException) : base(message, innerException) { }
    }

    public sealed class JsonSerializerOptions
    {
        public JsonSerializerOptions() { }
    }

    public ref struct Utf8JsonReader
    {
        public JsonTokenType TokenType { get { throw new NotImplementedException(); } }
        public string GetString() { throw new NotImplementedException(); }
    }

    public sealed class Utf8JsonWriter : IDisposable
    {
        public void WriteStringValue(string value) { throw new NotImplementedException(); }
        public void Dispose() { }
    }

    public readonly struct JsonProperty
    {
        public string Name { get { throw new NotImplementedException(); } }
        public JsonElement Value { get { throw new NotImplementedException(); } }
    }

    public readonly struct JsonElement
    {
        public JsonValueKind ValueKind { get { throw new NotImplementedException(); } }
        public bool TryGetProperty(string propertyName, out JsonElement value) { throw new NotImplementedException(); }
        public bool TryGetInt64(out long value) { throw new NotImplementedException(); }
        public string GetString() { throw new NotImplementedException(); }
        public string GetRawText() { throw new NotImplementedException(); }
        public JsonElement Clone() { throw new NotImplementedException(); }
        // The real one returns a struct enumerator (JsonElement.ObjectEnumerator)
        // that implements IEnumerable<JsonProperty>; foreach compiles the same.
        public IEnumerable<JsonProperty> EnumerateObject() { throw new NotImplementedException(); }
    }

    public sealed class JsonDocument : IDisposable
    {
        public JsonElement RootElement { get { throw new NotImplementedException(); } }
        public static JsonDocument Parse(string json, JsonDocumentOptions options = default(JsonDocumentOptions)) { throw new NotImplementedException(); }
        public static JsonDocument ParseValue(ref Utf8JsonReader reader) { throw new NotImplementedException(); }
        public void Dispose() { }
    }

    public struct JsonDocumentOptions { }

    public static class JsonSerializer
    {
        public static string Serialize<TValue>(TValue value, JsonSerializerOptions options = null) { throw new NotImplementedException(); }
        public static void Serialize<TValue>(Utf8JsonWriter writer, TValue value, JsonSerializerOptions options = null) { throw new NotImplementedException(); }
        public static void Serialize(Utf8JsonWriter writer, object value, Type inputType, JsonSerializerOptions options = null) { throw new NotImplementedException(); }
        public static JsonElement SerializeToElement<TValue>(TValue value, JsonSerializerOptions options = null) { throw new NotImplementedException(); }
        public static TValue Deserialize<TValue>(string json, JsonSerializerOptions options = null) { throw new NotImplementedException(); }
        public static TValue Deserialize<TValue>(ref Utf8JsonReader reader, JsonSerializerOptions options = null) { throw new NotImplementedException(); }
        public static TValue Deserialize<TValue>(this JsonElement element, JsonSerializerOptions options = null) { throw new NotImplementedException(); }
    }
}

namespace System.Text.Json.Nodes
{
    public abstract class JsonNode
    {
        private protected JsonNode() { }
    }
}

namespace System.Text.Json.Serialization
{
    public enum JsonIgnoreCondition
    {
        Never = 0, Always = 1, WhenWritingDefault = 2, WhenWritingNull = 3,
    }

    public abstract class JsonAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
    public sealed class JsonPropertyNameAttribute : JsonAttribute
    {
        public JsonPropertyNameAttribute(string name) { Name = name; }
        public string Name { get; }
    }

    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
    public sealed class JsonIgnoreAttribute : JsonAttribute
    {
        public JsonIgnoreCondition Condition { get; set; } = JsonIgnoreCondition.Always;
    }

    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Enum | AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Interface, AllowMultiple = false)]
    public class JsonConverterAttribute : JsonAttribute
    {
        public JsonConverterAttribute(Type converterType) { ConverterType = converterType; }
        public Type ConverterType { get; }
    }

    public abstract class JsonConverter
    {
        internal JsonConverter() { }
        public abstract bool CanConvert(Type typeToConvert);
    }

    public abstract class JsonConverter<T> : JsonConverter
    {
        protected internal JsonConverter() { }
        public override bool CanConvert(Type typeToConvert) { return typeToConvert == typeof(T); }
        public virtual bool HandleNull { get { return false; } }
        public abstract T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options);
        public abstract void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options);
    }
}
