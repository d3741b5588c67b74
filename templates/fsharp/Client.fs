// {{ banner }}

namespace {{ namespace }}

// `System` is not opened: a schema type may be called `Enum`, `Type` or `Uri`.
open System.Collections.Generic
open System.IO
open System.Net.Http
open System.Net.Http.Headers
open System.Text
open System.Text.Json
open System.Text.Json.Nodes
open System.Threading
open System.Threading.Tasks

/// A call that did not succeed: no answer (status 0: no connection, a timeout, a broken stream), a
/// non-2xx status, an error event in a stream, or a body that is not the expected JSON.
type ApiException(status: int, message: string, body: string, responseStatus: {{ error_type }} option, ?inner: exn, ?requestId: string) =
    inherit System.Exception(message, Option.toObj inner)

    /// The HTTP status code; 0 when there was no answer.
    member _.Status = status

    /// The response body as received (for an error event, its data).
    member _.Body = body

    /// The error details the server sent, when it sent them.
    member _.ResponseStatus = responseStatus

    /// The server's request id (the `x-request-id` response header), when it sent one.
    member _.RequestId: string option = requestId

/// Reads server-sent events (CRLF, LF or CR line ends, comments, `event`/`id`/`retry` lines,
/// multi-line `data`) from a response body, one event's data at a time.
type internal ServerSentEvents(response: HttpResponseMessage, stream: Stream) =
    // StreamReader ends lines at CRLF, LF or CR, as server-sent events do.
    let reader = new StreamReader(stream, UTF8Encoding(false))

    /// The answer the events come in.
    member _.Response = response

    /// The next event's data, or `None` when the stream ends.
    member _.NextAsync(token: CancellationToken) : Task<string option> =
        task {
            let data = StringBuilder()
            let mutable hasData = false
            let mutable result = None
            let mutable finished = false
            while not finished do
                let! line = reader.ReadLineAsync(token)
                if isNull line then
                    finished <- true
                elif line.Length = 0 then
                    if hasData then
                        result <- Some(data.ToString())
                        finished <- true
                elif line.[0] <> ':' then
                    let colon = line.IndexOf(':')
                    let field = if colon < 0 then line else line.Substring(0, colon)
                    let value = if colon < 0 then "" else line.Substring(colon + 1)
                    let value = if value.StartsWith(" ") then value.Substring(1) else value
                    // `event`, `id` and `retry` name nothing the client uses; other fields are ignored.
                    if field = "data" then
                        if hasData then data.Append('\n') |> ignore
                        data.Append(value) |> ignore
                        hasData <- true
            return result
        }

    interface System.IDisposable with
        member _.Dispose() =
            reader.Dispose()
            response.Dispose()

/// A typed client: one method per operation, each returning a `Task`; streamed operations also
/// have a `…StreamAsync` method returning an `IAsyncEnumerable` of their events.
///
/// `httpClient`: the `HttpClient` to send with, used as it is and never disposed here (its own
/// `Timeout`, 100 seconds unless set, applies as well). Without one, every client of this type
/// sends through one shared `HttpClient`, created on first use and kept for the life of the
/// process, as .NET recommends: there is nothing to dispose.
///
/// `timeout`: how long one call may take, retries and reading the response (or the whole stream)
/// included, before it fails with an `ApiException` of status 0 holding a `TimeoutException`;
/// {{ policy.timeout_seconds }} seconds unless given, as model completions often take longer than `HttpClient`'s
/// default 100 seconds. `Timeout.InfiniteTimeSpan` for no limit. A timeout is not retried.
///
/// `maxRetries`: how many times a call is retried after a connection failure or a 408, 429 or 5xx
/// answer ({{ policy.max_retries }} unless given, 0 for none), with exponential backoff and jitter, honouring the
/// server's `retry-after-ms` and `Retry-After`. A stream is retried only before its first event.
type {{ class_name }}({% if base_url.is_some() %}?baseUrl: string{% else %}baseUrl: string{% endif %}, ?bearerToken: string, ?httpClient: HttpClient, ?timeout: System.TimeSpan, ?maxRetries: int) =
    /// The client shared by every instance not given one: pooled connections, renewed every few
    /// minutes so DNS changes are seen, and no timeout of its own (each call has one).
    static let shared =
        lazy
            (let handler: HttpMessageHandler =
                if SocketsHttpHandler.IsSupported then
                    new SocketsHttpHandler(PooledConnectionLifetime = System.TimeSpan.FromMinutes(5.0))
                else
                    new HttpClientHandler()
             new HttpClient(handler, Timeout = System.Threading.Timeout.InfiniteTimeSpan))

    static let initialBackoffMs = {{ policy.initial_backoff_ms }}.0
    static let maxBackoffMs = {{ policy.max_backoff_ms }}.0
    static let jitter = {{ policy.jitter }}
    static let maxRetryAfterMs = {{ policy.max_retry_after_ms }}.0
    static let streamDone = {{ policy.done }}
    static let requestIdHeader = {{ policy.request_id_header }}

    let http =
        match httpClient with
        | Some client -> client
        | None -> shared.Value

    let timeout = defaultArg timeout (System.TimeSpan.FromSeconds({{ policy.timeout_seconds }}.0))
    let maxRetries = defaultArg maxRetries {{ policy.max_retries }}

    do
        if timeout <> System.Threading.Timeout.InfiniteTimeSpan
           && (timeout <= System.TimeSpan.Zero || timeout.TotalMilliseconds > float System.Int32.MaxValue) then
            raise (System.ArgumentOutOfRangeException("timeout", timeout, "must be positive or Timeout.InfiniteTimeSpan"))
        if maxRetries < 0 then
            raise (System.ArgumentOutOfRangeException("maxRetries", maxRetries, "must be 0 or more"))

{% match base_url %}
{%- when Some with (url) %}
    // Without a base URL, the server the API description names.
    let baseUrl = (defaultArg baseUrl {{ url }}).TrimEnd('/')
{%- when None %}
    let baseUrl = baseUrl.TrimEnd('/')
{%- endmatch %}

    /// A parameter's text: a string as it is, other JSON as JSON text.
    static let paramText (value: JsonNode) =
        match value with
        | :? JsonValue as scalar when scalar.GetValueKind() = JsonValueKind.String -> scalar.GetValue<string>()
        | value -> value.ToJsonString()

    /// Appends one query parameter unless it is unset: strings as they are, numbers and booleans as
    /// their JSON text, lists as the name repeated per element, objects as JSON text.
    static let rec addQuery (query: StringBuilder) (name: string) (value: JsonNode) =
        match value with
        | null -> ()
        | :? JsonArray as items ->
            for item in items do
                addQuery query name item
        | value ->
            query
                .Append(if query.Length = 0 then '?' else '&')
                .Append(System.Uri.EscapeDataString(name))
                .Append('=')
                .Append(System.Uri.EscapeDataString(paramText value))
            |> ignore

    /// A header parameter's value: as a query value, lists comma-joined.
    static let headerText (value: JsonNode) =
        match value with
        | :? JsonArray as items -> items |> Seq.filter (isNull >> not) |> Seq.map paramText |> String.concat ","
        | value -> paramText value

    /// Removes the property `name` and returns its value (null when absent).
    static let take (fields: JsonObject) (name: string) : JsonNode =
        let found, value = fields.TryGetPropertyValue(name)
        fields.Remove(name) |> ignore
        if found then value else null

    /// The server's error details: ServiceStack's `responseStatus` or OpenAI's `error`.
    static let errorStatus (body: string) : {{ error_type }} option =
        try
            use document = JsonDocument.Parse(body)
            let root = document.RootElement
            if root.ValueKind <> JsonValueKind.Object then
                None
            else
                match root.TryGetProperty("responseStatus"), root.TryGetProperty("error") with
{%- if has_response_status %}
                | (true, status), _ when status.ValueKind = JsonValueKind.Object ->
                    Some(JsonSerializer.Deserialize<ResponseStatus>(status, JsonOptions.defaults))
                | _, (true, error) when error.ValueKind = JsonValueKind.Object ->
                    let text (name: string) =
                        match error.TryGetProperty(name) with
                        | true, value when value.ValueKind = JsonValueKind.String -> Some(value.GetString())
                        | true, value when value.ValueKind <> JsonValueKind.Null -> Some(value.GetRawText())
                        | _ -> None
                    let fields =
                        dict
                            [ "errorCode", text "code" |> Option.orElse (text "type") |> Option.defaultValue "Error"
                              "message", text "message" |> Option.defaultValue "" ]
                    let json = JsonSerializer.Serialize(fields, JsonOptions.defaults)
                    Some(JsonSerializer.Deserialize<ResponseStatus>(json, JsonOptions.defaults))
{%- else %}
                | (true, status), _ when status.ValueKind <> JsonValueKind.Null -> Some(status.Clone())
                | _, (true, error) when error.ValueKind <> JsonValueKind.Null -> Some(error.Clone())
{%- endif %}
                | _ -> None
        with :? JsonException ->
            None

    /// The error for a failed answer (or an error event): its status, details, request id, and the
    /// text itself when the body is not the expected JSON.
    static let failure (method: string) (path: string) (status: int) (reason: string) (body: string) (requestId: string option) =
        let details = errorStatus body
        let detail =
{%- if let Some(message) = status_message %}
            match details with
            | Some details when not (System.String.IsNullOrEmpty details.{{ message }}) -> details.{{ message }}
            | _ ->
{%- else %}
            match details with
            | _ ->
{%- endif %}
                let text = (if isNull body then "" else body).Trim()
                let text = if text.Length > 1000 then text.Substring(0, 1000) + "…" else text
                if text.Length = 0 then reason else $"{reason}: {text}"
        let suffix =
            match requestId with
            | Some id -> $" (request id {id})"
            | None -> ""
        ApiException(status, $"{method} {path} failed with {status}: {detail}{suffix}", body, details, ?requestId = requestId)

    /// Whether an answer with this status is retried: 408, 429 and every 5xx.
    static let retryable (status: int) = {{ retryable }}

    /// The backoff before retry `attempt` (0-based): doubling up to the cap, less up to the jitter share at random.
    static let backoff (attempt: int) =
        let wait = min maxBackoffMs (initialBackoffMs * (2.0 ** float (min attempt 16)))
        System.TimeSpan.FromMilliseconds(wait * (1.0 - jitter * System.Random.Shared.NextDouble()))

    /// The wait the server asked for (`retry-after-ms`, or `Retry-After` in seconds or as a date), when not too long.
    static let retryAfter (response: HttpResponseMessage) =
        let ms =
            match response.Headers.TryGetValues("retry-after-ms") with
            | true, values ->
                match System.Double.TryParse(Seq.head values, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture) with
                | true, value -> Some value
                | _ -> None
            | _ -> None
        let ms =
            match ms, response.Headers.RetryAfter with
            | Some ms, _ -> Some ms
            | None, null -> None
            | None, header when header.Delta.HasValue -> Some header.Delta.Value.TotalMilliseconds
            | None, header when header.Date.HasValue -> Some((header.Date.Value - System.DateTimeOffset.UtcNow).TotalMilliseconds)
            | None, _ -> None
        match ms with
        | Some ms when not (System.Double.IsNaN ms) && ms >= 0.0 && ms <= maxRetryAfterMs -> Some(System.TimeSpan.FromMilliseconds ms)
        | _ -> None

    static let requestIdOf (response: HttpResponseMessage) =
        match response.Headers.TryGetValues(requestIdHeader) with
        | true, values -> Seq.tryHead values
        | _ -> None

    let timedOut (method: string) (path: string) (error: exn) =
        ApiException(0, $"{method} {path}: no complete answer within {timeout} (timed out)", null, None, System.TimeoutException(error.Message, error))

    static let networkError (method: string) (path: string) (error: exn) =
        ApiException(0, $"{method} {path}: {error.Message}", null, None, error)

    /// A token source for one call: the caller's token and the timeout.
    let callToken (cancellationToken: CancellationToken) =
        let source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
        source.CancelAfter(timeout)
        source

    /// The request message. A `route` is the path template as literals alternating with path
    /// parameters' wire names, the query and header parameters, the field that is the whole body (if
    /// any) and whether there is a body; without one, `path` is sent as it is and every field is the
    /// body. Path parameters are percent-encoded, query and header parameters sent when set, and the
    /// other fields go to the body (for GET and DELETE, to the query string).
    let newMessage (method: string) (path: string) (body: JsonNode) (stream: bool) (route: (string[] * string[] * string[] * string option * bool) option) =
        // A copy: the call's JSON is sent again on a retry.
        let fields =
            match body with
            | :? JsonObject -> JsonNode.Parse(body.ToJsonString()) :?> JsonObject
            | _ -> JsonObject()
        let parts, queryNames, headerNames, bodyField, hasBody =
            defaultArg route ([| path |], [||], [||], None, true)
        let url = StringBuilder(baseUrl)
        let query = StringBuilder()
        parts
        |> Array.iteri (fun i part ->
            if i % 2 = 0 then
                url.Append(part) |> ignore
            else
                match take fields part with
                | null ->
                    raise (ApiException(0, $"{method} {path}: cannot send the request: the path parameter {part} is not set", null, None))
                | value -> url.Append(System.Uri.EscapeDataString(paramText value)) |> ignore)
        for name in queryNames do
            addQuery query name (take fields name)
        let headers =
            [ for name in headerNames do
                  match take fields name with
                  | null -> ()
                  | value -> yield name, headerText value ]
        let content: JsonNode =
            match bodyField with
            | Some field -> fields.[field]
            | None when not hasBody -> null
            | None when method = "GET" || method = "DELETE" ->
                for property in fields do
                    addQuery query property.Key property.Value
                null
            | None -> fields :> JsonNode
        let message = new HttpRequestMessage(HttpMethod(method), url.ToString() + query.ToString())
        message.Headers.Accept.Add(MediaTypeWithQualityHeaderValue(if stream then "text/event-stream" else "application/json"))
        match bearerToken with
        | Some token -> message.Headers.Authorization <- AuthenticationHeaderValue("Bearer", token)
        | None -> ()
        for name, value in headers do
            message.Headers.TryAddWithoutValidation(name, value) |> ignore
        if not (isNull content) then
            message.Content <- new StringContent(content.ToJsonString(JsonOptions.defaults), Encoding.UTF8, "application/json")
        message

    /// Sends, retrying connection failures and retryable statuses; the answer's headers are read, its body is not.
    let sendWithRetries (method: string) (path: string) (body: JsonNode) (stream: bool) (route: (string[] * string[] * string[] * string option * bool) option) (token: CancellationToken) : Task<HttpResponseMessage> =
        task {
            let mutable attempt = 0
            let mutable result = None
            while Option.isNone result do
                let retriesLeft = attempt < maxRetries
                let! outcome =
                    task {
                        try
                            let! response = http.SendAsync(newMessage method path body stream route, HttpCompletionOption.ResponseHeadersRead, token)
                            return Ok response
                        with :? HttpRequestException as error when retriesLeft && not token.IsCancellationRequested ->
                            return Error error
                    }
                match outcome with
                | Error _ ->
                    do! Task.Delay(backoff attempt, token)
                    attempt <- attempt + 1
                | Ok response when attempt < maxRetries && retryable (int response.StatusCode) ->
                    let wait = retryAfter response |> Option.defaultWith (fun () -> backoff attempt)
                    response.Dispose()
                    do! Task.Delay(wait, token)
                    attempt <- attempt + 1
                | Ok response -> result <- Some response
            return Option.get result
        }

    /// Opens a streamed call (retried before its first event) and checks its status.
    let openStream (method: string) (path: string) (body: JsonNode) (route: (string[] * string[] * string[] * string option * bool) option) (token: CancellationToken) : Task<ServerSentEvents> =
        task {
            let! response = sendWithRetries method path body true route token
            if not response.IsSuccessStatusCode then
                use response = response
                let! text = response.Content.ReadAsStringAsync(token)
                return raise (failure method path (int response.StatusCode) response.ReasonPhrase text (requestIdOf response))
            else
                let! stream = response.Content.ReadAsStreamAsync(token)
                return new ServerSentEvents(response, stream)
        }

    member private _.SendAsync<'Request, 'Response>
        (method: string, path: string, request: 'Request, cancellationToken: CancellationToken, ?route: string[] * string[] * string[] * string option * bool)
        : Task<'Response> =
        task {
            let body = JsonSerializer.SerializeToNode<'Request>(request, JsonOptions.defaults)
            use source = callToken cancellationToken
            let token = source.Token
            try
                use! response = sendWithRetries method path body false route token
                let! text = response.Content.ReadAsStringAsync(token)
                let status = int response.StatusCode
                let requestId = requestIdOf response
                if not response.IsSuccessStatusCode then
                    return raise (failure method path status response.ReasonPhrase text requestId)
                else
                    try
                        return JsonSerializer.Deserialize<'Response>(text, JsonOptions.defaults)
                    with :? JsonException as error ->
                        return
                            raise (ApiException(status, $"{method} {path}: unexpected response: {error.Message}", text, None, error, ?requestId = requestId))
            with
            | :? System.OperationCanceledException as error when not cancellationToken.IsCancellationRequested ->
                return raise (timedOut method path error)
            | :? HttpRequestException as error -> return raise (networkError method path error)
            | :? IOException as error -> return raise (networkError method path error)
        }

    /// A streamed call: (a copy of) the request with `flag` set to true, as an `IAsyncEnumerable`.
    /// One event's data as an `'Event`; an `error` event raises.
    static member private DecodeEvent<'Event>(method: string, path: string, events: ServerSentEvents, data: string) : 'Event =
        let status = int events.Response.StatusCode
        let requestId = requestIdOf events.Response
        let isError =
            try
                use document = JsonDocument.Parse(data)
                document.RootElement.ValueKind = JsonValueKind.Object && fst (document.RootElement.TryGetProperty("error"))
            with :? JsonException ->
                false
        if isError then
            raise (failure method path status "error event" data requestId)
        try
            JsonSerializer.Deserialize<'Event>(data, JsonOptions.defaults)
        with :? JsonException as error ->
            raise (ApiException(status, $"{method} {path}: unexpected event: {error.Message}", data, None, error, ?requestId = requestId))

    /// The events of one streamed call: the request is sent on the first `MoveNextAsync`, and
    /// `DisposeAsync` (stopping early included) closes the connection.
    member private _.Events<'Event>(method: string, path: string, body: JsonObject, route: (string[] * string[] * string[] * string option * bool) option, cancellationToken: CancellationToken) : IAsyncEnumerator<'Event> =
        let source = callToken cancellationToken
        let reader: ServerSentEvents option ref = ref None
        let current = ref Unchecked.defaultof<'Event>
        let finished = ref false
        { new IAsyncEnumerator<'Event> with
            member _.Current = current.Value

            member _.MoveNextAsync() =
                ValueTask<bool>(
                    task {
                        if finished.Value then
                            return false
                        else
                            try
                                let! events =
                                    match reader.Value with
                                    | Some events -> Task.FromResult events
                                    | None -> openStream method path body route source.Token
                                reader.Value <- Some events
                                let! data = events.NextAsync(source.Token)
                                match data with
                                | None ->
                                    let status = int events.Response.StatusCode
                                    return
                                        raise (
                                            ApiException(status, $"{method} {path}: the stream ended without {streamDone}", null, None, ?requestId = requestIdOf events.Response)
                                        )
                                | Some data when data = streamDone ->
                                    finished.Value <- true
                                    return false
                                | Some data ->
                                    current.Value <- {{ class_name }}.DecodeEvent<'Event>(method, path, events, data)
                                    return true
                            with
                            | :? System.OperationCanceledException as error when not cancellationToken.IsCancellationRequested ->
                                return raise (timedOut method path error)
                            | :? HttpRequestException as error -> return raise (networkError method path error)
                            | :? IOException as error -> return raise (networkError method path error)
                    }
                )
          interface System.IAsyncDisposable with
            member _.DisposeAsync() =
                finished.Value <- true
                match reader.Value with
                | Some events -> (events :> System.IDisposable).Dispose()
                | None -> ()
                source.Dispose()
                ValueTask.CompletedTask }

    member private this.StreamAsync<'Request, 'Event>
        (method: string, path: string, request: 'Request, flag: string, cancellationToken: CancellationToken, ?route: string[] * string[] * string[] * string option * bool)
        : IAsyncEnumerable<'Event> =
        let body =
            match JsonSerializer.SerializeToNode<'Request>(request, JsonOptions.defaults) with
            | :? JsonObject as body -> body
            | _ -> raise (System.ArgumentException("the request is not a JSON object", "request"))
        body.[flag] <- (JsonValue.Create(true) :> JsonNode)
        { new IAsyncEnumerable<'Event> with
            member _.GetAsyncEnumerator(enumeratorToken) =
                let token = if enumeratorToken.CanBeCanceled then enumeratorToken else cancellationToken
                this.Events<'Event>(method, path, body, route, token) }
{%- for m in methods %}

{{ m.doc }}    member this.{{ m.name }}(request: {{ m.request }}, ?cancellationToken: CancellationToken) : Task<{{ m.response }}> =
{%- match m.route %}
{%- when Some with (r) %}
        this.SendAsync<{{ m.request }}, {{ m.response }}>(
            {{ m.method }}, {{ m.path }}, request, defaultArg cancellationToken CancellationToken.None,
            ([| {{ r.path }} |], [| {{ r.query }} |], [| {{ r.headers }} |], {% match r.body_field %}{% when Some with (f) %}Some {{ f }}{% when None %}None{% endmatch %}, {{ r.has_body }}))
{%- when None %}
        this.SendAsync<{{ m.request }}, {{ m.response }}>({{ m.method }}, {{ m.path }}, request, defaultArg cancellationToken CancellationToken.None)
{%- endmatch %}
{%- if let Some(s) = m.stream %}

    /// Like `{{ m.name }}`, streamed: sends (a copy of) the request with `{{ s.flag_doc }}` set to true and yields
    /// each `{{ s.event }}` as its server-sent event arrives. An error event, or a stream that ends without
    /// `[DONE]`, raises `ApiException`; disposing the enumerator early closes the connection.
    member this.{{ s.name }}(request: {{ m.request }}, ?cancellationToken: CancellationToken) : IAsyncEnumerable<{{ s.event }}> =
{%- match m.route %}
{%- when Some with (r) %}
        this.StreamAsync<{{ m.request }}, {{ s.event }}>(
            {{ m.method }}, {{ m.path }}, request, {{ s.flag }}, defaultArg cancellationToken CancellationToken.None,
            ([| {{ r.path }} |], [| {{ r.query }} |], [| {{ r.headers }} |], {% match r.body_field %}{% when Some with (f) %}Some {{ f }}{% when None %}None{% endmatch %}, {{ r.has_body }}))
{%- when None %}
        this.StreamAsync<{{ m.request }}, {{ s.event }}>({{ m.method }}, {{ m.path }}, request, {{ s.flag }}, defaultArg cancellationToken CancellationToken.None)
{%- endmatch %}
{%- endif %}
{%- endfor %}
