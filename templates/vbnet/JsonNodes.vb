' {{ banner }}

Option Strict On
Option Explicit On

Imports System
Imports System.Collections.Generic
Imports System.Globalization
Imports System.Text.Json
Imports System.Text.Json.Nodes

Namespace {{ namespace }}
    ''' <summary>What the generated unions share: decoding and encoding through <see cref="JsonNode"/>.</summary>
    ''' <remarks>VB cannot write System.Text.Json converters (<c>Utf8JsonReader</c> is a ref struct), so unions convert from and to JSON nodes instead.</remarks>
    Friend Module JsonNodes
        ''' <summary>A value of a type without unions, decoded by System.Text.Json.</summary>
        Public Function Decode(Of T)(node As JsonNode) As T
            Dim value As T = JsonSerializer.Deserialize(Of T)(node)
            If value Is Nothing Then Throw New JsonException("expected a value, got null")
            Return value
        End Function

        ''' <summary>A value of a type without unions, encoded by System.Text.Json.</summary>
        Public Function Encode(Of T)(value As T) As JsonNode
            Return JsonSerializer.SerializeToNode(value)
        End Function

        ''' <summary>A JSON array decoded item by item (null items stay Nothing).</summary>
        Public Function ToList(Of T)(node As JsonNode, item As Func(Of JsonNode, T)) As List(Of T)
            Dim array = TryCast(node, JsonArray)
            If array Is Nothing Then Throw New JsonException("expected an array, got " & Describe(node.GetValueKind()))
            Dim list As New List(Of T)(array.Count)
            For Each element In array
                list.Add(If(element Is Nothing, Nothing, item(element)))
            Next
            Return list
        End Function

        ''' <summary>A list encoded item by item.</summary>
        Public Function FromList(Of T)(values As List(Of T), item As Func(Of T, JsonNode)) As JsonNode
            Dim array As New JsonArray()
            For Each value In values
                array.Add(If(value Is Nothing, Nothing, item(value)))
            Next
            Return array
        End Function

        ''' <summary>A JSON object decoded value by value (null values stay Nothing).</summary>
        Public Function ToDictionary(Of T)(node As JsonNode, item As Func(Of JsonNode, T)) As Dictionary(Of String, T)
            Dim obj = TryCast(node, JsonObject)
            If obj Is Nothing Then Throw New JsonException("expected an object, got " & Describe(node.GetValueKind()))
            Dim map As New Dictionary(Of String, T)()
            For Each pair In obj
                map.Add(pair.Key, If(pair.Value Is Nothing, Nothing, item(pair.Value)))
            Next
            Return map
        End Function

        ''' <summary>A dictionary encoded value by value.</summary>
        Public Function FromDictionary(Of T)(values As Dictionary(Of String, T), item As Func(Of T, JsonNode)) As JsonNode
            Dim obj As New JsonObject()
            For Each pair In values
                obj.Add(pair.Key, If(pair.Value Is Nothing, Nothing, item(pair.Value)))
            Next
            Return obj
        End Function

        ''' <summary>The discriminator of a tagged union: a string property of an object.</summary>
        Public Function Tag(node As JsonNode, name As String, union As String) As String
            Dim obj = TryCast(node, JsonObject)
            If obj Is Nothing Then Throw New JsonException(union & ": expected an object, got " & Describe(node.GetValueKind()))
            Dim value As JsonNode = Nothing
            If Not obj.TryGetPropertyValue(name, value) OrElse value Is Nothing OrElse value.GetValueKind() <> JsonValueKind.String Then
                Throw New JsonException(union & ": expected a string """ & name & """ property")
            End If
            Return value.GetValue(Of String)()
        End Function

        ''' <summary>Whether the JSON is a number without a fraction that fits a <see cref="Long"/>.</summary>
        Public Function IsInteger(node As JsonNode) As Boolean
            Dim number As Long
            Return node.GetValueKind() = JsonValueKind.Number AndAlso
                Long.TryParse(node.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, number)
        End Function

        ''' <summary>The error for a discriminator no variant has.</summary>
        Public Function UnknownTag(union As String, name As String, value As String) As JsonException
            Return New JsonException(union & ": unknown """ & name & """ value """ & value & """")
        End Function

        ''' <summary>The error for JSON whose shape no variant has.</summary>
        Public Function NoMatchingShape(union As String, kind As JsonValueKind) As JsonException
            Return New JsonException(union & ": no variant takes " & Describe(kind))
        End Function

        Private Function Describe(kind As JsonValueKind) As String
            Select Case kind
                Case JsonValueKind.Object
                    Return "an object"
                Case JsonValueKind.Array
                    Return "an array"
                Case JsonValueKind.String
                    Return "a string"
                Case JsonValueKind.Number
                    Return "a number"
                Case JsonValueKind.True, JsonValueKind.False
                    Return "a boolean"
                Case Else
                    Return "null"
            End Select
        End Function
    End Module
End Namespace
