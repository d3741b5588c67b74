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
        ''' <summary>The default <see cref="Timeout"/>: long completions take minutes.</summary>
        Public Shared ReadOnly DefaultTimeout As TimeSpan = TimeSpan.FromMinutes(10)

        ' One connection pool for every client that is not given its own; its
        ' own timeout is off because each call applies Timeout itself.
        Private Shared ReadOnly SharedHttpClient As New HttpClient() With {.Timeout = Global.System.Threading.Timeout.InfiniteTimeSpan}

        Private ReadOnly _httpClient As HttpClient

        ''' <summary>A client for the server at <paramref name="baseUrl"/>.</summary>
        ''' <param name="baseUrl">The server's base URL, e.g. <c>http://localhost:5005</c>.</param>
        ''' <param name="bearerToken">Sent as <c>Authorization: Bearer</c> when set.</param>
        ''' <param name="httpClient">The client to send with, not disposed here (its own <see cref="HttpClient.Timeout"/> applies too); a shared one when Nothing.</param>
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

        ''' <summary>How long one call may take, reading the whole answer included; <see cref="Global.System.Threading.Timeout.InfiniteTimeSpan"/> for no limit. Ten minutes by default.</summary>
        Public Property Timeout As TimeSpan = DefaultTimeout

        ''' <summary>The options requests are written and responses read with.</summary>
        Public ReadOnly Property SerializerOptions As New JsonSerializerOptions()
{% for m in methods %}
{{ m.doc }}        ''' <exception cref="{{ names.exception_class }}">The call failed: no connection, a timeout (status 0), a non-2xx status, or a body that is not the expected JSON.</exception>
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
                Using timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
                    If Timeout <> Global.System.Threading.Timeout.InfiniteTimeSpan Then timeoutSource.CancelAfter(Timeout)
                    Dim status As Integer = 0
                    Dim body As String = ""
                    Try
                        Using response = Await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token).ConfigureAwait(False)
                            status = CInt(response.StatusCode)
                            body = Await response.Content.ReadAsStringAsync(timeoutSource.Token).ConfigureAwait(False)
                            If Not response.IsSuccessStatusCode Then
                                Throw {{ names.exception_class }}.FromResponse(method, path, status, response.ReasonPhrase, body, SerializerOptions)
                            End If
                        End Using
                    Catch ex As OperationCanceledException When Not cancellationToken.IsCancellationRequested
                        ' Not the caller's cancellation: the timeout, or HttpClient's own.
                        Throw New {{ names.exception_class }}(0, method & " " & path & ": no complete answer within " & Timeout.ToString() & " (timed out)", Nothing, Nothing, New TimeoutException(ex.Message, ex))
                    Catch ex As HttpRequestException
                        Throw New {{ names.exception_class }}(0, method & " " & path & ": " & ex.Message, Nothing, Nothing, ex)
                    End Try
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
