' {{ banner }}

Option Strict On
Option Explicit On
{%- if pragma %}
#Disable Warning BC40000, BC40008 ' deprecated types are still (de)serialized
{%- endif %}

Imports System
Imports System.Collections.Generic
Imports System.Globalization
Imports System.IO
Imports System.Linq
Imports System.Net.Http
Imports System.Net.Http.Headers
Imports System.Text
Imports System.Text.Json
Imports System.Text.Json.Nodes
Imports System.Threading
Imports System.Threading.Tasks
Imports {{ models_namespace }}

Namespace {{ names.namespace }}
    ''' <summary>A typed client for the {{ title }} API: one method per operation.</summary>
    ''' <remarks>
    ''' Every call has a <see cref="Timeout"/> (ten minutes by default), takes a <see cref="CancellationToken"/>,
    ''' and is retried up to <see cref="MaxRetries"/> times after a connection failure or a 408, 429 or 5xx answer,
    ''' with exponential backoff and jitter, honouring the server's <c>retry-after-ms</c> and <c>Retry-After</c>.
    ''' </remarks>
    Public Class {{ names.client_class }}
        ''' <summary>The default <see cref="Timeout"/>: long completions take minutes.</summary>
        Public Shared ReadOnly DefaultTimeout As TimeSpan = TimeSpan.FromSeconds({{ policy.timeout_seconds }})

        ''' <summary>The default <see cref="MaxRetries"/>.</summary>
        Public Const DefaultMaxRetries As Integer = {{ policy.max_retries }}

        Private Const InitialBackoffMs As Integer = {{ policy.initial_backoff_ms }}
        Private Const MaxBackoffMs As Integer = {{ policy.max_backoff_ms }}
        Private Const Jitter As Double = {{ policy.jitter }}
        Private Const MaxRetryAfterMs As Integer = {{ policy.max_retry_after_ms }}
        Private Const StreamDone As String = {{ policy.done }}
        Private Const RequestIdHeader As String = {{ policy.request_id_header }}

        ' One connection pool for every client that is not given its own; its
        ' own timeout is off because each call applies Timeout itself.
        Private Shared ReadOnly SharedHttpClient As New HttpClient() With {.Timeout = Global.System.Threading.Timeout.InfiniteTimeSpan}

        Private ReadOnly _httpClient As HttpClient
        Private _maxRetries As Integer = DefaultMaxRetries
{% if let Some(url) = base_url %}
        ''' <summary>The server the API description names: the base URL when none is given.</summary>
        Public Const DefaultBaseUrl As String = {{ url }}
{% endif %}
        ''' <summary>A client for the server at <paramref name="baseUrl"/>.</summary>
        ''' <param name="baseUrl">The server's base URL, e.g. <c>http://localhost:5005</c>{% if base_url.is_some() %}; <see cref="DefaultBaseUrl"/> by default{% endif %}.</param>
        ''' <param name="bearerToken">Sent as <c>Authorization: Bearer</c> when set.</param>
        ''' <param name="httpClient">The client to send with, not disposed here (its own <see cref="HttpClient.Timeout"/> applies too); a shared one when Nothing.</param>
        Public Sub New({% if base_url.is_some() %}Optional baseUrl As String = DefaultBaseUrl{% else %}baseUrl As String{% endif %}, Optional bearerToken As String = Nothing, Optional httpClient As HttpClient = Nothing)
            If baseUrl Is Nothing Then Throw New ArgumentNullException(NameOf(baseUrl))
            Me.BaseUrl = baseUrl.TrimEnd("/"c)
            Me.BearerToken = bearerToken
            _httpClient = If(httpClient, SharedHttpClient)
        End Sub

        ''' <summary>The server's base URL, without a trailing slash.</summary>
        Public ReadOnly Property BaseUrl As String

        ''' <summary>Sent as <c>Authorization: Bearer</c> when set.</summary>
        Public Property BearerToken As String

        ''' <summary>How long one call may take, retries and reading the whole answer (or stream) included; <see cref="Global.System.Threading.Timeout.InfiniteTimeSpan"/> for no limit. Ten minutes by default. A timeout is not retried.</summary>
        Public Property Timeout As TimeSpan = DefaultTimeout

        ''' <summary>How many times a call is retried after a connection failure or a 408, 429 or 5xx answer ({{ policy.max_retries }} by default, 0 for none). A stream is retried only before its first event.</summary>
        Public Property MaxRetries As Integer
            Get
                Return _maxRetries
            End Get
            Set(value As Integer)
                If value < 0 Then Throw New ArgumentOutOfRangeException(NameOf(value), value, "must be 0 or more")
                _maxRetries = value
            End Set
        End Property

        ''' <summary>The options requests are written and responses read with.</summary>
        Public ReadOnly Property SerializerOptions As New JsonSerializerOptions()
{% for m in methods %}
{{ m.doc }}        ''' <exception cref="{{ names.exception_class }}">The call failed: no connection or a timeout (status 0), a non-2xx status, or a body that is not the expected JSON.</exception>
        ''' <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
        Public Function {{ m.name }}(request As {{ m.request }}, Optional cancellationToken As CancellationToken = Nothing) As Task(Of {{ m.response }})
{%- match m.route %}
{%- when Some with (r) %}
            Return SendAsync(Of {{ m.request }}, {{ m.response }})({{ m.method }}, {{ m.path }}, request, cancellationToken,
                New {{ names.route_class }}(New String() { {{ r.path }} }, New String() { {{ r.query }} }, New String() { {{ r.headers }} }, {% match r.body_field %}{% when Some with (f) %}{{ f }}{% when None %}Nothing{% endmatch %}, {{ r.has_body }}))
{%- when None %}
            Return SendAsync(Of {{ m.request }}, {{ m.response }})({{ m.method }}, {{ m.path }}, request, cancellationToken)
{%- endmatch %}
        End Function
{%- if let Some(s) = m.stream %}

        ''' <summary>Like <see cref="{{ m.name }}"/>, streamed: sends (a copy of) the request with <c>{{ s.flag_doc }}</c> set to True and yields each <see cref="{{ s.event }}"/> as its server-sent event arrives.</summary>
        ''' <remarks>
        ''' VB has no async iterators, so the stream is a hand-written <see cref="IAsyncEnumerable(Of T)"/>: C# reads it with
        ''' <c>await foreach</c>; in VB, loop on <c>GetAsyncEnumerator()</c> with <c>While Await e.MoveNextAsync()</c> and
        ''' <c>Await e.DisposeAsync()</c> when done. Stopping early (disposing the enumerator, cancelling) closes the connection.
        ''' The call is retried only before the first event.
        ''' </remarks>
        ''' <exception cref="{{ names.exception_class }}">The call failed (as for <see cref="{{ m.name }}"/>), the server sent an error event, or the stream ended without <c>[DONE]</c>.</exception>
        Public Function {{ s.name }}(request As {{ m.request }}, Optional cancellationToken As CancellationToken = Nothing) As IAsyncEnumerable(Of {{ s.event }})
{%- match m.route %}
{%- when Some with (r) %}
            Return New EventStream(Of {{ m.request }}, {{ s.event }})(Me, {{ m.method }}, {{ m.path }}, request, {{ s.flag }}, cancellationToken,
                New {{ names.route_class }}(New String() { {{ r.path }} }, New String() { {{ r.query }} }, New String() { {{ r.headers }} }, {% match r.body_field %}{% when Some with (f) %}{{ f }}{% when None %}Nothing{% endmatch %}, {{ r.has_body }}))
{%- when None %}
            Return New EventStream(Of {{ m.request }}, {{ s.event }})(Me, {{ m.method }}, {{ m.path }}, request, {{ s.flag }}, cancellationToken)
{%- endmatch %}
        End Function
{%- endif %}
{% endfor %}
        ''' <summary>
        ''' How an operation's request travels: <c>Path</c> is the path template as literals alternating with path
        ''' parameters' wire names (even indexes are literals); the <c>Query</c> and <c>Headers</c> parameters are sent
        ''' as such; the body is the value of <c>BodyField</c> when set, else the other fields (for GET and DELETE in
        ''' the query string), and nothing when <c>HasBody</c> is False.
        ''' </summary>
        Private NotInheritable Class {{ names.route_class }}
            Public ReadOnly Path As String()
            Public ReadOnly Query As String()
            Public ReadOnly Headers As String()
            Public ReadOnly BodyField As String
            Public ReadOnly HasBody As Boolean

            Public Sub New(path As String(), query As String(), headers As String(), bodyField As String, hasBody As Boolean)
                Me.Path = path
                Me.Query = query
                Me.Headers = headers
                Me.BodyField = bodyField
                Me.HasBody = hasBody
            End Sub
        End Class

        ''' <summary>The request message: the <paramref name="route"/>'s parameters in the path, query string and headers, and its body; without a route, <paramref name="path"/> as it is and every field as the body.</summary>
        Private Function NewMessage(method As String, path As String, body As JsonNode, stream As Boolean, route As {{ names.route_class }}) As HttpRequestMessage
            ' A copy: the call's JSON is sent again on a retry.
            Dim fields = If(TypeOf body Is JsonObject, DirectCast(JsonNode.Parse(body.ToJsonString()), JsonObject), New JsonObject())
            Dim url As New StringBuilder(BaseUrl)
            Dim query As New StringBuilder()
            Dim parts = If(route Is Nothing, New String() {path}, route.Path)
            For i = 0 To parts.Length - 1
                If i Mod 2 = 0 Then
                    url.Append(parts(i))
                Else
                    Dim value = ParamText(Take(fields, parts(i)))
                    If value Is Nothing Then
                        Throw New {{ names.exception_class }}(0, method & " " & path & ": cannot send the request: the path parameter " & parts(i) & " is not set", Nothing, Nothing, Nothing)
                    End If
                    url.Append(Uri.EscapeDataString(value))
                End If
            Next
            Dim headerValues As New List(Of KeyValuePair(Of String, String))()
            If route IsNot Nothing Then
                For Each name In route.Query
                    AppendQuery(query, name, Take(fields, name))
                Next
                For Each name In route.Headers
                    Dim value = HeaderText(Take(fields, name))
                    If value IsNot Nothing Then headerValues.Add(New KeyValuePair(Of String, String)(name, value))
                Next
            End If
            Dim content As JsonNode = Nothing
            If route IsNot Nothing AndAlso route.BodyField IsNot Nothing Then
                content = fields(route.BodyField)
            ElseIf route IsNot Nothing AndAlso Not route.HasBody Then
                content = Nothing
            ElseIf method = "GET" OrElse method = "DELETE" Then
                For Each prop In fields
                    AppendQuery(query, prop.Key, prop.Value)
                Next
            Else
                content = fields
            End If
            Dim message As New HttpRequestMessage(New HttpMethod(method), New Uri(url.ToString() & query.ToString()))
            If content IsNot Nothing Then
                message.Content = New StringContent(content.ToJsonString(SerializerOptions), Encoding.UTF8, "application/json")
            End If
            message.Headers.Accept.Add(New MediaTypeWithQualityHeaderValue(If(stream, "text/event-stream", "application/json")))
            If Not String.IsNullOrEmpty(BearerToken) Then
                message.Headers.Authorization = New AuthenticationHeaderValue("Bearer", BearerToken)
            End If
            For Each header In headerValues
                message.Headers.TryAddWithoutValidation(header.Key, header.Value)
            Next
            Return message
        End Function

        ''' <summary>Removes the property <paramref name="name"/> and returns its value (Nothing when absent).</summary>
        Private Shared Function Take(fields As JsonObject, name As String) As JsonNode
            Dim value As JsonNode = Nothing
            fields.TryGetPropertyValue(name, value)
            fields.Remove(name)
            Return value
        End Function

        ''' <summary>A token source for one call: the caller's token and the timeout.</summary>
        Private Function CallToken(cancellationToken As CancellationToken) As CancellationTokenSource
            Dim source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
            If Timeout <> Global.System.Threading.Timeout.InfiniteTimeSpan Then source.CancelAfter(Timeout)
            Return source
        End Function

        ''' <summary>Sends, retrying connection failures and retryable statuses; the answer's headers are read, its body is not.</summary>
        Private Async Function SendWithRetriesAsync(method As String, path As String, body As JsonNode, stream As Boolean, route As {{ names.route_class }}, token As CancellationToken) As Task(Of HttpResponseMessage)
            Dim attempt = 0
            Do
                Dim response As HttpResponseMessage = Nothing
                Dim failed = False
                Try
                    response = Await _httpClient.SendAsync(NewMessage(method, path, body, stream, route), HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(False)
                Catch ex As HttpRequestException When attempt < MaxRetries AndAlso Not token.IsCancellationRequested
                    failed = True
                End Try
                If failed Then
                    Await Task.Delay(Backoff(attempt), token).ConfigureAwait(False)
                ElseIf attempt < MaxRetries AndAlso IsRetryable(CInt(response.StatusCode)) Then
                    Dim wait = If(RetryAfter(response), Backoff(attempt))
                    response.Dispose()
                    Await Task.Delay(wait, token).ConfigureAwait(False)
                Else
                    Return response
                End If
                attempt += 1
            Loop
        End Function

        ''' <summary>Whether an answer with this status is retried: 408, 429 and every 5xx.</summary>
        Private Shared Function IsRetryable(status As Integer) As Boolean
            Return {{ retryable }}
        End Function

        ''' <summary>The backoff before retry <paramref name="attempt"/> (0-based): doubling from {{ policy.initial_backoff_ms }} ms up to {{ policy.max_backoff_ms }} ms, less up to {{ policy.jitter }} of it at random.</summary>
        Private Shared Function Backoff(attempt As Integer) As TimeSpan
            Dim wait = Math.Min(CDbl(MaxBackoffMs), InitialBackoffMs * Math.Pow(2, Math.Min(attempt, 16)))
            Return TimeSpan.FromMilliseconds(wait * (1 - Jitter * Random.Shared.NextDouble()))
        End Function

        ''' <summary>The wait the server asked for (<c>retry-after-ms</c>, or <c>Retry-After</c> in seconds or as a date), when it is at most {{ policy.max_retry_after_ms }} ms.</summary>
        Private Shared Function RetryAfter(response As HttpResponseMessage) As TimeSpan?
            Dim ms As Double? = Nothing
            Dim values As IEnumerable(Of String) = Nothing
            Dim parsed As Double
            If response.Headers.TryGetValues("retry-after-ms", values) AndAlso Double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, parsed) Then
                ms = parsed
            ElseIf response.Headers.RetryAfter IsNot Nothing Then
                Dim header = response.Headers.RetryAfter
                If header.Delta.HasValue Then
                    ms = header.Delta.Value.TotalMilliseconds
                ElseIf header.Date.HasValue Then
                    ms = (header.Date.Value - DateTimeOffset.UtcNow).TotalMilliseconds
                End If
            End If
            If ms.HasValue AndAlso Not Double.IsNaN(ms.Value) AndAlso ms.Value >= 0 AndAlso ms.Value <= MaxRetryAfterMs Then
                Return TimeSpan.FromMilliseconds(ms.Value)
            End If
            Return Nothing
        End Function

        Private Shared Function RequestId(response As HttpResponseMessage) As String
            Dim values As IEnumerable(Of String) = Nothing
            If response.Headers.TryGetValues(RequestIdHeader, values) Then Return values.FirstOrDefault()
            Return Nothing
        End Function

        Private Function TimedOut(method As String, path As String, ex As Exception) As {{ names.exception_class }}
            Return New {{ names.exception_class }}(0, method & " " & path & ": no complete answer within " & Timeout.ToString() & " (timed out)", Nothing, Nothing, New TimeoutException(ex.Message, ex))
        End Function

        Private Shared Function NetworkError(method As String, path As String, ex As Exception) As {{ names.exception_class }}
            Return New {{ names.exception_class }}(0, method & " " & path & ": " & ex.Message, Nothing, Nothing, ex)
        End Function

        Private Async Function SendAsync(Of TRequest, TResponse)(method As String, path As String, request As TRequest, cancellationToken As CancellationToken, Optional route As {{ names.route_class }} = Nothing) As Task(Of TResponse)
            Dim body = JsonSerializer.SerializeToNode(request, SerializerOptions)
            Using callSource = CallToken(cancellationToken)
                Dim status As Integer = 0
                Dim text As String = ""
                Dim id As String = Nothing
                Try
                    Using response = Await SendWithRetriesAsync(method, path, body, False, route, callSource.Token).ConfigureAwait(False)
                        status = CInt(response.StatusCode)
                        id = RequestId(response)
                        text = Await response.Content.ReadAsStringAsync(callSource.Token).ConfigureAwait(False)
                        If Not response.IsSuccessStatusCode Then
                            Throw {{ names.exception_class }}.FromResponse(method, path, status, response.ReasonPhrase, text, id, SerializerOptions)
                        End If
                    End Using
                Catch ex As OperationCanceledException When Not cancellationToken.IsCancellationRequested
                    ' Not the caller's cancellation: the timeout, or HttpClient's own.
                    Throw TimedOut(method, path, ex)
                Catch ex As HttpRequestException
                    Throw NetworkError(method, path, ex)
                Catch ex As IOException
                    Throw NetworkError(method, path, ex)
                End Try
                Dim result As TResponse
                Try
                    result = JsonSerializer.Deserialize(Of TResponse)(text, SerializerOptions)
                Catch ex As JsonException
                    Throw New {{ names.exception_class }}(status, method & " " & path & ": unexpected response: " & ex.Message, text, Nothing, ex, id)
                End Try
                If result Is Nothing Then
                    Throw New {{ names.exception_class }}(status, method & " " & path & ": unexpected response: the body is null", text, Nothing, Nothing, id)
                End If
                Return result
            End Using
        End Function

        ''' <summary>Sends a streamed call (retried before its first event) and checks its status.</summary>
        Private Async Function OpenStreamAsync(method As String, path As String, body As JsonNode, route As {{ names.route_class }}, token As CancellationToken, cancellationToken As CancellationToken) As Task(Of EventReader)
            Dim response As HttpResponseMessage = Nothing
            Dim failure As Exception = Nothing
            Try
                response = Await SendWithRetriesAsync(method, path, body, True, route, token).ConfigureAwait(False)
                If Not response.IsSuccessStatusCode Then
                    Dim text = Await response.Content.ReadAsStringAsync(token).ConfigureAwait(False)
                    Throw {{ names.exception_class }}.FromResponse(method, path, CInt(response.StatusCode), response.ReasonPhrase, text, RequestId(response), SerializerOptions)
                End If
                Dim stream = Await response.Content.ReadAsStreamAsync(token).ConfigureAwait(False)
                Return New EventReader(Me, method, path, response, stream)
            Catch ex As OperationCanceledException When Not cancellationToken.IsCancellationRequested
                failure = TimedOut(method, path, ex)
            Catch ex As HttpRequestException
                failure = NetworkError(method, path, ex)
            Catch ex As IOException
                failure = NetworkError(method, path, ex)
            Catch ex As Exception
                failure = ex
            End Try
            response?.Dispose()
            Throw failure
        End Function

        ''' <summary>A streamed call as an <see cref="IAsyncEnumerable(Of T)"/>; each enumeration sends the request anew.</summary>
        Private NotInheritable Class EventStream(Of TRequest, TEvent)
            Implements IAsyncEnumerable(Of TEvent)

            Private ReadOnly _client As {{ names.client_class }}
            Private ReadOnly _method As String
            Private ReadOnly _path As String
            Private ReadOnly _body As JsonObject
            Private ReadOnly _route As {{ names.route_class }}
            Private ReadOnly _cancellationToken As CancellationToken

            Public Sub New(client As {{ names.client_class }}, method As String, path As String, request As TRequest, flag As String, cancellationToken As CancellationToken, Optional route As {{ names.route_class }} = Nothing)
                _client = client
                _method = method
                _path = path
                _route = route
                ' A copy of the request with the flag set: the caller's object is left as it is.
                _body = TryCast(JsonSerializer.SerializeToNode(request, client.SerializerOptions), JsonObject)
                If _body Is Nothing Then Throw New ArgumentException("the request is not a JSON object", NameOf(request))
                _body(flag) = JsonValue.Create(True)
                _cancellationToken = cancellationToken
            End Sub

            Public Function GetAsyncEnumerator(Optional cancellationToken As CancellationToken = Nothing) As IAsyncEnumerator(Of TEvent) Implements IAsyncEnumerable(Of TEvent).GetAsyncEnumerator
                Dim callerToken = If(cancellationToken.CanBeCanceled, cancellationToken, _cancellationToken)
                Return New EventEnumerator(Of TEvent)(_client, _method, _path, _body, _route, callerToken)
            End Function
        End Class

        ''' <summary>Reads one streamed call: opens it on the first <c>MoveNextAsync</c>, closes it on <c>DisposeAsync</c>.</summary>
        Private NotInheritable Class EventEnumerator(Of TEvent)
            Implements IAsyncEnumerator(Of TEvent)

            Private ReadOnly _client As {{ names.client_class }}
            Private ReadOnly _method As String
            Private ReadOnly _path As String
            Private ReadOnly _body As JsonObject
            Private ReadOnly _route As {{ names.route_class }}
            Private ReadOnly _cancellationToken As CancellationToken
            Private ReadOnly _call As CancellationTokenSource
            Private _reader As EventReader
            Private _done As Boolean
            Private _current As TEvent

            Public Sub New(client As {{ names.client_class }}, method As String, path As String, body As JsonObject, route As {{ names.route_class }}, cancellationToken As CancellationToken)
                _client = client
                _method = method
                _path = path
                _body = body
                _route = route
                _cancellationToken = cancellationToken
                _call = client.CallToken(cancellationToken)
            End Sub

            Public ReadOnly Property Current As TEvent Implements IAsyncEnumerator(Of TEvent).Current
                Get
                    Return _current
                End Get
            End Property

            Public Function MoveNextAsync() As ValueTask(Of Boolean) Implements IAsyncEnumerator(Of TEvent).MoveNextAsync
                Return New ValueTask(Of Boolean)(MoveNextCoreAsync())
            End Function

            Private Async Function MoveNextCoreAsync() As Task(Of Boolean)
                If _done Then Return False
                If _reader Is Nothing Then
                    _reader = Await _client.OpenStreamAsync(_method, _path, _body, _route, _call.Token, _cancellationToken).ConfigureAwait(False)
                End If
                Dim data = Await _reader.NextAsync(_call.Token, _cancellationToken).ConfigureAwait(False)
                If data Is Nothing Then
                    _done = True
                    Return False
                End If
                _current = _reader.Decode(Of TEvent)(data, _client.SerializerOptions)
                Return True
            End Function

            Public Function DisposeAsync() As ValueTask Implements IAsyncDisposable.DisposeAsync
                _done = True
                _reader?.Dispose()
                _call.Dispose()
                Return ValueTask.CompletedTask
            End Function
        End Class

        ''' <summary>Reads server-sent events from a response, one data payload at a time.</summary>
        Private NotInheritable Class EventReader
            Implements IDisposable

            Private ReadOnly _client As {{ names.client_class }}
            Private ReadOnly _method As String
            Private ReadOnly _path As String
            Private ReadOnly _response As HttpResponseMessage
            Private ReadOnly _reader As StreamReader
            Private ReadOnly _requestId As String

            Public Sub New(client As {{ names.client_class }}, method As String, path As String, response As HttpResponseMessage, stream As Stream)
                _client = client
                _method = method
                _path = path
                _response = response
                _requestId = RequestId(response)
                ' StreamReader ends lines at CRLF, LF or CR, as server-sent events do.
                _reader = New StreamReader(stream, New UTF8Encoding(False))
            End Sub

            ''' <summary>The next event's data; Nothing after <c>[DONE]</c>.</summary>
            Public Async Function NextAsync(token As CancellationToken, cancellationToken As CancellationToken) As Task(Of String)
                Dim failure As Exception = Nothing
                Try
                    Dim data As New StringBuilder()
                    Dim hasData = False
                    Do
                        Dim line = Await _reader.ReadLineAsync(token).ConfigureAwait(False)
                        If line Is Nothing Then
                            Return Ended()
                        End If
                        If line.Length = 0 Then
                            If hasData Then
                                Dim payload = data.ToString()
                                If payload = StreamDone Then Return Nothing
                                Return payload
                            End If
                        ElseIf line(0) <> ":"c Then
                            Dim colon = line.IndexOf(":"c)
                            Dim field = If(colon < 0, line, line.Substring(0, colon))
                            Dim value = If(colon < 0, "", line.Substring(colon + 1))
                            If value.StartsWith(" "c) Then value = value.Substring(1)
                            ' event, id and retry name nothing the client uses; other fields are ignored.
                            If field = "data" Then
                                If hasData Then data.Append(ChrW(10))
                                data.Append(value)
                                hasData = True
                            End If
                        End If
                    Loop
                Catch ex As OperationCanceledException When Not cancellationToken.IsCancellationRequested
                    failure = _client.TimedOut(_method, _path, ex)
                Catch ex As HttpRequestException
                    failure = NetworkError(_method, _path, ex)
                Catch ex As IOException
                    failure = NetworkError(_method, _path, ex)
                End Try
                Throw failure
            End Function

            ''' <summary>The stream ended without <c>[DONE]</c>: an error, never a truncated success.</summary>
            Private Function Ended() As String
                Throw New {{ names.exception_class }}(CInt(_response.StatusCode), _method & " " & _path & ": the stream ended without " & StreamDone, Nothing, Nothing, Nothing, _requestId)
            End Function

            ''' <summary>An event's data as a <typeparamref name="TEvent"/>; an <c>error</c> event raises.</summary>
            Public Function Decode(Of TEvent)(data As String, options As JsonSerializerOptions) As TEvent
                Dim status = CInt(_response.StatusCode)
                Dim isError = False
                Dim result As TEvent = Nothing
                Try
                    Using document = JsonDocument.Parse(data)
                        Dim root = document.RootElement
                        Dim found As JsonElement
                        If root.ValueKind = JsonValueKind.Object AndAlso root.TryGetProperty("error", found) Then
                            isError = True
                        Else
                            result = root.Deserialize(Of TEvent)(options)
                        End If
                    End Using
                Catch ex As JsonException
                    Throw New {{ names.exception_class }}(status, _method & " " & _path & ": unexpected event: " & ex.Message, data, Nothing, ex, _requestId)
                End Try
                If isError Then
                    Throw {{ names.exception_class }}.FromResponse(_method, _path, status, "error event", data, _requestId, options)
                End If
                If result Is Nothing Then
                    Throw New {{ names.exception_class }}(status, _method & " " & _path & ": unexpected event: null", data, Nothing, Nothing, _requestId)
                End If
                Return result
            End Function

            Public Sub Dispose() Implements IDisposable.Dispose
                _reader.Dispose()
                _response.Dispose()
            End Sub
        End Class

        ''' <summary>Appends one query parameter unless it is unset: strings as they are, numbers and booleans as their JSON text, lists as the name repeated per element, objects as JSON text.</summary>
        Private Shared Sub AppendQuery(query As StringBuilder, name As String, value As JsonNode)
            Dim items = TryCast(value, JsonArray)
            If items IsNot Nothing Then
                For Each item In items
                    AppendQuery(query, name, item)
                Next
                Return
            End If
            Dim text = ParamText(value)
            If text Is Nothing Then Return
            query.Append(If(query.Length = 0, "?"c, "&"c)) _
                .Append(Uri.EscapeDataString(name)) _
                .Append("="c) _
                .Append(Uri.EscapeDataString(text))
        End Sub

        ''' <summary>A header parameter's value: as a query value, lists comma-joined; Nothing when unset.</summary>
        Private Shared Function HeaderText(value As JsonNode) As String
            Dim items = TryCast(value, JsonArray)
            If items Is Nothing Then Return ParamText(value)
            Return String.Join(",", items.Select(Function(item) ParamText(item)).Where(Function(text) text IsNot Nothing))
        End Function

        ''' <summary>A parameter's text: a string as it is, other JSON as JSON text; Nothing when unset.</summary>
        Private Shared Function ParamText(value As JsonNode) As String
            If value Is Nothing Then Return Nothing
            Dim scalar = TryCast(value, JsonValue)
            If scalar IsNot Nothing AndAlso scalar.GetValueKind() = JsonValueKind.String Then Return scalar.GetValue(Of String)()
            Return value.ToJsonString()
        End Function
    End Class
End Namespace
