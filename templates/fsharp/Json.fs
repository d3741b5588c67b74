// {{ banner }}

namespace {{ namespace }}

// `System` is not opened: a schema type may be called `Enum`, `Type` or `Uri`.
open System.Text.Json
open System.Text.Json.Serialization

/// Reads `None` from `null` (a missing property stays `None` as well) and writes
/// `Some x` as `x`, whatever the option holds, free JSON included.
type OptionConverter<'T>() =
    inherit JsonConverter<'T option>()

    override _.HandleNull = true

    override _.Read(reader, _, options) =
        match reader.TokenType with
        | JsonTokenType.Null -> None
        | _ -> Some(JsonSerializer.Deserialize<'T>(&reader, options))

    override _.Write(writer, value, options) =
        match value with
        | Some item -> JsonSerializer.Serialize<'T>(writer, item, options)
        | None -> writer.WriteNullValue()

/// Makes an `OptionConverter` for each F# `option` type.
type OptionConverterFactory() =
    inherit JsonConverterFactory()

    override _.CanConvert(typeToConvert) =
        typeToConvert.IsGenericType
        && typeToConvert.GetGenericTypeDefinition() = typedefof<option<_>>

    override _.CreateConverter(typeToConvert, _) =
        let converterType =
            typedefof<OptionConverter<_>>.MakeGenericType(typeToConvert.GetGenericArguments())
        System.Activator.CreateInstance(converterType) :?> JsonConverter

/// Reads and writes an open enum as its wire string, through its `Parse` and `ToString`.
type OpenEnumConverter<'T>(parse: string -> 'T) =
    inherit JsonConverter<'T>()

    override _.Read(reader, _, _) =
        match reader.TokenType with
        | JsonTokenType.String -> parse (reader.GetString())
        | token -> raise (JsonException($"expected a string, got {token}"))

    override _.Write(writer, value, _) = writer.WriteStringValue(value.ToString())

/// What the union converters use to pick a case.
module internal JsonShape =
    /// Whether a JSON number is an integer.
    let isInteger (element: JsonElement) = fst (element.TryGetInt64())

    /// The string value of a tagged union's discriminator `property`.
    let tag (typeName: string) (property: string) (element: JsonElement) =
        if element.ValueKind <> JsonValueKind.Object then
            raise (JsonException($"{typeName}: expected an object, got {element.ValueKind}"))
        match element.TryGetProperty(property) with
        | true, value when value.ValueKind = JsonValueKind.String -> value.GetString()
        | _ -> raise (JsonException($"{typeName}: the tag property {property} is missing"))
{%- for u in unions %}

{% match u.tag -%}
{%- when Some with (tag) -%}
/// Reads `{{ u.name }}` by its {{ tag }} property; writes the case's own JSON.
{%- when None -%}
/// Reads `{{ u.name }}` by the JSON shape of the value; writes the case's own JSON.
{%- endmatch %}
type {{ u.converter }}() =
    inherit JsonConverter<{{ u.name }}>()

    override _.Read(reader, _, options) =
        let element = JsonElement.ParseValue(&reader)
{%- match u.tag %}
{%- when Some with (tag) %}
        match JsonShape.tag "{{ u.name }}" {{ tag }} element with
{%- for arm in u.arms %}
        | {{ arm.pattern }} -> {{ u.name }}.{{ arm.case }}(JsonSerializer.Deserialize<{{ arm.ty }}>(element, options))
{%- endfor %}
        | tag -> raise (JsonException($"{{ u.name }}: unknown tag {tag}"))
{%- when None %}
        match element.ValueKind with
{%- for arm in u.arms %}
        | {{ arm.pattern }} -> {{ u.name }}.{{ arm.case }}(JsonSerializer.Deserialize<{{ arm.ty }}>(element, options))
{%- endfor %}
{%- if !u.exhaustive %}
        | kind -> raise (JsonException($"{{ u.name }}: no case takes a JSON {kind}"))
{%- endif %}
{%- endmatch %}

    override _.Write(writer, value, options) =
        match value with
{%- for case in u.cases %}
        | {{ u.name }}.{{ case }} item -> JsonSerializer.Serialize(writer, item, options)
{%- endfor %}
{%- endfor %}

/// The `JsonSerializerOptions` the generated types need: `option` fields,
/// open enums and unions, with unset optional fields left out when writing.
/// Unknown properties are ignored when reading (System.Text.Json's default).
[<RequireQualifiedAccess>]
module JsonOptions =
    /// Sets up `options` for the generated types and returns it.
    let configure (options: JsonSerializerOptions) =
        options.DefaultIgnoreCondition <- JsonIgnoreCondition.WhenWritingNull
        options.Converters.Add(OptionConverterFactory())
{%- for e in enums %}
        options.Converters.Add(OpenEnumConverter<{{ e }}>({{ e }}.Parse))
{%- endfor %}
{%- for u in unions %}
        options.Converters.Add({{ u.converter }}())
{%- endfor %}
        options

    /// Ready-made options, shared by the client; do not change them.
    let defaults = configure (JsonSerializerOptions())
