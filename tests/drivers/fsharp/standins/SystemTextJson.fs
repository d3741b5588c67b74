// Stand-in declarations of the System.Text.Json API the generated F# uses,
// for type-checking with fable-compiler-js, whose reference assemblies lack
// System.Text.Json. Signatures follow .NET 8 (member names, parameter and
// return types, overloads, byref-like readers); bodies are never run.
// Not part of any generated package.
namespace System.Text.Json

open System
open System.Collections.Generic
open System.IO
open System.Runtime.CompilerServices
open System.Runtime.InteropServices

module internal StandIn =
    let fail () : 'T = raise (NotImplementedException "stand-in declaration")

type JsonValueKind =
    | Undefined = 0
    | Object = 1
    | Array = 2
    | String = 3
    | Number = 4
    | True = 5
    | False = 6
    | Null = 7

type JsonTokenType =
    | None = 0
    | StartObject = 1
    | EndObject = 2
    | StartArray = 3
    | EndArray = 4
    | PropertyName = 5
    | Comment = 6
    | String = 7
    | Number = 8
    | True = 9
    | False = 10
    | Null = 11

type JsonException(message: string, innerException: exn) =
    inherit Exception(message, innerException)
    new(message: string) = JsonException(message, null)
    new() = JsonException(null, null)

[<Struct; IsByRefLike>]
type Utf8JsonReader =
    val private position: int64
    member _.TokenType: JsonTokenType = StandIn.fail ()
    member _.GetString() : string = StandIn.fail ()
    member _.GetInt64() : int64 = StandIn.fail ()
    member _.GetDouble() : float = StandIn.fail ()
    member _.GetBoolean() : bool = StandIn.fail ()
    member _.Read() : bool = StandIn.fail ()
    member _.Skip() : unit = StandIn.fail ()

[<Sealed>]
type Utf8JsonWriter(stream: Stream) =
    member _.WriteStringValue(value: string) : unit = StandIn.fail ()
    member _.WriteNumberValue(value: int64) : unit = StandIn.fail ()
    member _.WriteNumberValue(value: float) : unit = StandIn.fail ()
    member _.WriteBooleanValue(value: bool) : unit = StandIn.fail ()
    member _.WriteNullValue() : unit = StandIn.fail ()
    member _.WriteStartObject() : unit = StandIn.fail ()
    member _.WriteEndObject() : unit = StandIn.fail ()
    member _.WritePropertyName(name: string) : unit = StandIn.fail ()
    member _.Flush() : unit = StandIn.fail ()
    interface IDisposable with
        member _.Dispose() = ()

// F# cannot declare nested types: .NET's JsonElement.ObjectEnumerator and
// JsonElement.ArrayEnumerator are top-level here (the generated code never names them).
[<Struct>]
type JsonProperty =
    val private element: int
    member _.Name: string = StandIn.fail ()
    member _.Value: JsonElement = StandIn.fail ()

and [<Struct>] JsonElement =
    val private index: int
    member _.ValueKind: JsonValueKind = StandIn.fail ()
    member _.GetString() : string = StandIn.fail ()
    member _.GetRawText() : string = StandIn.fail ()
    member _.GetInt32() : int = StandIn.fail ()
    member _.GetInt64() : int64 = StandIn.fail ()
    member _.GetDouble() : float = StandIn.fail ()
    member _.GetBoolean() : bool = StandIn.fail ()
    member _.TryGetInt64([<Out>] value: byref<int64>) : bool = StandIn.fail ()
    member _.TryGetProperty(propertyName: string, [<Out>] value: byref<JsonElement>) : bool = StandIn.fail ()
    member _.GetProperty(propertyName: string) : JsonElement = StandIn.fail ()
    member _.EnumerateObject() : ObjectEnumerator = StandIn.fail ()
    member _.EnumerateArray() : ArrayEnumerator = StandIn.fail ()
    member _.GetArrayLength() : int = StandIn.fail ()
    member _.Clone() : JsonElement = StandIn.fail ()
    static member ParseValue(reader: byref<Utf8JsonReader>) : JsonElement = StandIn.fail ()

and [<Struct>] ObjectEnumerator =
    val private current: int
    member _.Current: JsonProperty = StandIn.fail ()
    member _.MoveNext() : bool = StandIn.fail ()
    member _.GetEnumerator() : ObjectEnumerator = StandIn.fail ()
    interface IEnumerable<JsonProperty> with
        member _.GetEnumerator() : IEnumerator<JsonProperty> = StandIn.fail ()
    interface Collections.IEnumerable with
        member _.GetEnumerator() : Collections.IEnumerator = StandIn.fail ()

and [<Struct>] ArrayEnumerator =
    val private current: int
    member _.Current: JsonElement = StandIn.fail ()
    member _.MoveNext() : bool = StandIn.fail ()
    member _.GetEnumerator() : ArrayEnumerator = StandIn.fail ()
    interface IEnumerable<JsonElement> with
        member _.GetEnumerator() : IEnumerator<JsonElement> = StandIn.fail ()
    interface Collections.IEnumerable with
        member _.GetEnumerator() : Collections.IEnumerator = StandIn.fail ()

[<Sealed>]
type JsonDocument =
    member _.RootElement: JsonElement = StandIn.fail ()
    static member Parse(json: string, [<Optional; DefaultParameterValue(JsonDocumentOptions())>] options: JsonDocumentOptions) : JsonDocument = StandIn.fail ()
    static member ParseValue(reader: byref<Utf8JsonReader>) : JsonDocument = StandIn.fail ()
    interface IDisposable with
        member _.Dispose() = ()

and [<Struct>] JsonDocumentOptions =
    val mutable private maxDepth: int
    member _.MaxDepth with get (): int = StandIn.fail () and set (_: int) = StandIn.fail ()

namespace System.Text.Json.Serialization

open System
open System.Text.Json

type JsonIgnoreCondition =
    | Never = 0
    | Always = 1
    | WhenWritingDefault = 2
    | WhenWritingNull = 3
    | WhenWriting = 4
    | WhenReading = 5

[<AbstractClass>]
type JsonAttribute() =
    inherit Attribute()

[<Sealed; AttributeUsage(AttributeTargets.Property ||| AttributeTargets.Field, AllowMultiple = false)>]
type JsonPropertyNameAttribute(name: string) =
    inherit JsonAttribute()
    member _.Name = name

[<Sealed; AttributeUsage(AttributeTargets.Property ||| AttributeTargets.Field, AllowMultiple = false)>]
type JsonPropertyOrderAttribute(order: int) =
    inherit JsonAttribute()
    member _.Order = order

[<Sealed; AttributeUsage(AttributeTargets.Property ||| AttributeTargets.Field, AllowMultiple = false)>]
type JsonIgnoreAttribute() =
    inherit JsonAttribute()
    member val Condition = JsonIgnoreCondition.Always with get, set

[<AbstractClass; AllowNullLiteral>]
type JsonConverter internal () =
    abstract CanConvert: typeToConvert: Type -> bool

namespace System.Text.Json

open System.Collections.Generic
open System.Text.Json.Serialization

[<Sealed; AllowNullLiteral>]
type JsonSerializerOptions() =
    member val DefaultIgnoreCondition = JsonIgnoreCondition.Never with get, set
    member val WriteIndented = false with get, set
    member val PropertyNameCaseInsensitive = false with get, set
    member _.Converters: IList<JsonConverter> = StandIn.fail ()

namespace System.Text.Json.Serialization

open System
open System.Text.Json

[<AbstractClass>]
type JsonConverterFactory() =
    inherit JsonConverter()
    abstract CreateConverter: typeToConvert: Type * options: JsonSerializerOptions -> JsonConverter

[<AbstractClass>]
type JsonConverter<'T>() =
    inherit JsonConverter()
    override _.CanConvert(typeToConvert: Type) = typeToConvert = typeof<'T>
    abstract HandleNull: bool
    default _.HandleNull = false
    abstract Read: reader: byref<Utf8JsonReader> * typeToConvert: Type * options: JsonSerializerOptions -> 'T
    abstract Write: writer: Utf8JsonWriter * value: 'T * options: JsonSerializerOptions -> unit

namespace System.Text.Json

open System
open System.IO
open System.Runtime.InteropServices
open System.Text.Json.Serialization

[<AbstractClass; Sealed>]
type JsonSerializer =
    static member Serialize<'TValue>(value: 'TValue, [<Optional; DefaultParameterValue(null: JsonSerializerOptions)>] options: JsonSerializerOptions) : string = StandIn.fail ()
    static member Serialize(value: obj, inputType: Type, [<Optional; DefaultParameterValue(null: JsonSerializerOptions)>] options: JsonSerializerOptions) : string = StandIn.fail ()
    static member Serialize<'TValue>(writer: Utf8JsonWriter, value: 'TValue, [<Optional; DefaultParameterValue(null: JsonSerializerOptions)>] options: JsonSerializerOptions) : unit = StandIn.fail ()
    static member Serialize(writer: Utf8JsonWriter, value: obj, inputType: Type, [<Optional; DefaultParameterValue(null: JsonSerializerOptions)>] options: JsonSerializerOptions) : unit = StandIn.fail ()
    static member Serialize<'TValue>(utf8Json: Stream, value: 'TValue, [<Optional; DefaultParameterValue(null: JsonSerializerOptions)>] options: JsonSerializerOptions) : unit = StandIn.fail ()
    static member SerializeToElement<'TValue>(value: 'TValue, [<Optional; DefaultParameterValue(null: JsonSerializerOptions)>] options: JsonSerializerOptions) : JsonElement = StandIn.fail ()
    static member Deserialize<'TValue>(json: string, [<Optional; DefaultParameterValue(null: JsonSerializerOptions)>] options: JsonSerializerOptions) : 'TValue = StandIn.fail ()
    static member Deserialize(json: string, returnType: Type, [<Optional; DefaultParameterValue(null: JsonSerializerOptions)>] options: JsonSerializerOptions) : obj = StandIn.fail ()
    static member Deserialize<'TValue>(reader: byref<Utf8JsonReader>, [<Optional; DefaultParameterValue(null: JsonSerializerOptions)>] options: JsonSerializerOptions) : 'TValue = StandIn.fail ()
    static member Deserialize<'TValue>(element: JsonElement, [<Optional; DefaultParameterValue(null: JsonSerializerOptions)>] options: JsonSerializerOptions) : 'TValue = StandIn.fail ()
    static member Deserialize<'TValue>(document: JsonDocument, [<Optional; DefaultParameterValue(null: JsonSerializerOptions)>] options: JsonSerializerOptions) : 'TValue = StandIn.fail ()
    static member Deserialize<'TValue>(utf8Json: Stream, [<Optional; DefaultParameterValue(null: JsonSerializerOptions)>] options: JsonSerializerOptions) : 'TValue = StandIn.fail ()
