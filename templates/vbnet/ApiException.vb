' {{ banner }}

Option Strict On
Option Explicit On
{%- if pragma %}
#Disable Warning BC40000, BC40008 ' deprecated types are still (de)serialized
{%- endif %}

Imports System
Imports System.Collections.Generic
Imports System.Text.Json
{%- if has_response_status %}
Imports {{ models_namespace }}
{%- endif %}

Namespace {{ names.namespace }}
    ''' <summary>A call that did not succeed: a non-2xx status, or a body that is not the expected JSON.</summary>
    Public Class {{ names.exception_class }}
        Inherits Exception

        ''' <summary>An error of a call.</summary>
        Public Sub New(statusCode As Integer, message As String, body As String, responseStatus As {% if has_response_status %}ResponseStatus{% else %}JsonElement?{% endif %}, Optional innerException As Exception = Nothing, Optional requestId As String = Nothing)
            MyBase.New(message, innerException)
            Me.StatusCode = statusCode
            Me.Body = body
            Me.ResponseStatus = responseStatus
            Me.RequestId = requestId
        End Sub

        ''' <summary>The HTTP status; 0 when there was no answer (no connection, a timeout, a broken stream).</summary>
        Public ReadOnly Property StatusCode As Integer

        ''' <summary>The server's request id (the <c>x-request-id</c> response header), when it sent one.</summary>
        Public ReadOnly Property RequestId As String

        ''' <summary>The response body as it arrived.</summary>
        Public ReadOnly Property Body As String
{%- if has_response_status %}

        ''' <summary>The error details the server sent: its <c>responseStatus</c>, or OpenAI's <c>error</c> as one.</summary>
        Public ReadOnly Property ResponseStatus As ResponseStatus
{%- else %}

        ''' <summary>The error details the server sent (its <c>responseStatus</c> or <c>error</c>), as raw JSON.</summary>
        Public ReadOnly Property ResponseStatus As JsonElement?
{%- endif %}

        ''' <summary>The error for a non-2xx answer, with the details the body carries.</summary>
        Friend Shared Function FromResponse(method As String, path As String, statusCode As Integer, reason As String, body As String, requestId As String, options As JsonSerializerOptions) As {{ names.exception_class }}
            Dim details As {% if has_response_status %}ResponseStatus{% else %}JsonElement?{% endif %} = Nothing
            Dim detail As String = Nothing
            Try
                Using document = JsonDocument.Parse(body)
                    Dim root = document.RootElement
                    If root.ValueKind = JsonValueKind.Object Then
{%- if has_response_status %}
                        Dim candidate As JsonElement? = Nothing
                        Dim found As JsonElement
                        If root.TryGetProperty("responseStatus", found) AndAlso found.ValueKind = JsonValueKind.Object Then
                            candidate = found
                        ElseIf root.TryGetProperty("error", found) AndAlso found.ValueKind = JsonValueKind.Object Then
                            ' OpenAI's shape: {"error": {"message", "type", "code"}}.
                            Dim fields As New Dictionary(Of String, String) From {
                                {"errorCode", If(Text(found, "code"), If(Text(found, "type"), "Error"))},
                                {"message", If(Text(found, "message"), "")}
                            }
                            candidate = JsonSerializer.SerializeToElement(fields, options)
                        End If
                        If candidate.HasValue Then
                            detail = Text(candidate.Value, "message")
                            Try
                                details = JsonSerializer.Deserialize(Of ResponseStatus)(candidate.Value, options)
                            Catch ex As JsonException
                                details = Nothing
                            End Try
                        End If
{%- else %}
                        Dim found As JsonElement
                        If root.TryGetProperty("responseStatus", found) OrElse root.TryGetProperty("error", found) Then
                            details = found.Clone()
                            If found.ValueKind = JsonValueKind.Object Then detail = Text(found, "message")
                        End If
{%- endif %}
                    End If
                End Using
            Catch ex As JsonException
                ' Not JSON: the body is still on the exception.
            End Try
            If String.IsNullOrEmpty(detail) Then
                ' Not the expected JSON: show the text itself.
                Dim text = If(body, "").Trim()
                If text.Length > MaxBodyInMessage Then text = text.Substring(0, MaxBodyInMessage) & "…"
                detail = If(text.Length = 0, reason, reason & ": " & text)
            End If
            Dim message = method & " " & path & " failed with " & statusCode & ": " & detail
            If requestId IsNot Nothing Then message &= " (request id " & requestId & ")"
            Return New {{ names.exception_class }}(statusCode, message, body, details, Nothing, requestId)
        End Function

        ''' <summary>How much of a non-JSON body the message shows.</summary>
        Private Const MaxBodyInMessage As Integer = 1000

        ''' <summary>A scalar property of an object as text, or Nothing.</summary>
        Private Shared Function Text(element As JsonElement, name As String) As String
            Dim value As JsonElement
            If Not element.TryGetProperty(name, value) Then Return Nothing
            Select Case value.ValueKind
                Case JsonValueKind.String
                    Return value.GetString()
                Case JsonValueKind.Number, JsonValueKind.True, JsonValueKind.False
                    Return value.GetRawText()
                Case Else
                    Return Nothing
            End Select
        End Function
    End Class
End Namespace
