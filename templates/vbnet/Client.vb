' {{ banner }}

Option Strict On
Option Explicit On
{%- if pragma %}
#Disable Warning BC40000, BC40008 ' deprecated types are still (de)serialized
{%- endif %}

Imports System
Imports System.Net.Http
Imports System.Net.Http.Headers
Imports System.Text
Imports System.Text.Json
Imports System.Threading
Imports System.Threading.Tasks
Imports {{ models_namespace }}

Namespace {{ names.namespace }}
    ''' <summary>A typed client for the {{ title }} API: one method per operation.</summary>
    Public Class {{ names.client_class }}
        Private Shared ReadOnly SharedHttpClient As New HttpClient()

        Private ReadOnly _httpClient As HttpClient

        ''' <summary>A client for the server at <paramref name="baseUrl"/>.</summary>
        ''' <param name="baseUrl">The server's base URL, e.g. <c>http://localhost:5005</c>.</param>
        ''' <param name="bearerToken">Sent as <c>Authorization: Bearer</c> when set.</param>
        ''' <param name="httpClient">The client to send with (not disposed here); a shared one when Nothing.</param>
        Public Sub New(baseUrl As String, Optional bearerToken As String = Nothing, Optional httpClient As HttpClient = Nothing)
            If baseUrl Is Nothing Then Throw New ArgumentNullException(NameOf(baseUrl))
            Me.BaseUrl = baseUrl.TrimEnd("/"c)
            Me.BearerToken = bearerToken
            _httpClient = If(httpClient, SharedHttpClient)
        End Sub

        ''' <summary>The server's base URL, without a trailing slash.</summary>
        Public ReadOnly Property BaseUrl As String

        ''' <summary>Sent as <c>Authorization: Bearer</c> when set.</summary>
        Public Property BearerToken As String

        ''' <summary>The options requests are written and responses read with.</summary>
        Public ReadOnly Property SerializerOptions As New JsonSerializerOptions()
{% for m in methods %}
{{ m.doc }}        ''' <exception cref="{{ names.exception_class }}">The server answered with a non-2xx status or an unexpected body.</exception>
        Public Function {{ m.name }}(request As {{ m.request }}, Optional cancellationToken As CancellationToken = Nothing) As Task(Of {{ m.response }})
            Return SendAsync(Of {{ m.request }}, {{ m.response }})({{ m.method }}, {{ m.path }}, request, cancellationToken)
        End Function
{% endfor %}
        Private Async Function SendAsync(Of TRequest, TResponse)(method As String, path As String, request As TRequest, cancellationToken As CancellationToken) As Task(Of TResponse)
            Dim url = BaseUrl & path
            Dim content As HttpContent = Nothing
            If method = "GET" OrElse method = "DELETE" Then
                url &= QueryString(JsonSerializer.SerializeToElement(request, SerializerOptions))
            Else
                content = New StringContent(JsonSerializer.Serialize(request, SerializerOptions), Encoding.UTF8, "application/json")
            End If

            Using message As New HttpRequestMessage(New HttpMethod(method), url)
                message.Content = content
                message.Headers.Accept.Add(New MediaTypeWithQualityHeaderValue("application/json"))
                If Not String.IsNullOrEmpty(BearerToken) Then
                    message.Headers.Authorization = New AuthenticationHeaderValue("Bearer", BearerToken)
                End If
                Using response = Await _httpClient.SendAsync(message, cancellationToken).ConfigureAwait(False)
                    Dim body = Await response.Content.ReadAsStringAsync().ConfigureAwait(False)
                    Dim status = CInt(response.StatusCode)
                    If Not response.IsSuccessStatusCode Then
                        Throw {{ names.exception_class }}.FromResponse(method, path, status, response.ReasonPhrase, body, SerializerOptions)
                    End If
                    Dim result As TResponse
                    Try
                        result = JsonSerializer.Deserialize(Of TResponse)(body, SerializerOptions)
                    Catch ex As JsonException
                        Throw New {{ names.exception_class }}(status, method & " " & path & ": unexpected response: " & ex.Message, body, Nothing, ex)
                    End Try
                    If result Is Nothing Then
                        Throw New {{ names.exception_class }}(status, method & " " & path & ": unexpected response: the body is null", body, Nothing)
                    End If
                    Return result
                End Using
            End Using
        End Function

        ''' <summary>The request's set properties as a query string: strings as they are, other values as JSON.</summary>
        Private Shared Function QueryString(request As JsonElement) As String
            Dim query As New StringBuilder()
            If request.ValueKind <> JsonValueKind.Object Then Return ""
            For Each prop In request.EnumerateObject()
                Dim text As String
                Select Case prop.Value.ValueKind
                    Case JsonValueKind.Null, JsonValueKind.Undefined
                        Continue For
                    Case JsonValueKind.String
                        text = If(prop.Value.GetString(), "")
                    Case Else
                        text = prop.Value.GetRawText()
                End Select
                query.Append(If(query.Length = 0, "?"c, "&"c)) _
                    .Append(Uri.EscapeDataString(prop.Name)) _
                    .Append("="c) _
                    .Append(Uri.EscapeDataString(text))
            Next
            Return query.ToString()
        End Function
    End Class
End Namespace
