// {{ banner }}

namespace {{ namespace }}

// `System` is not opened: a schema type may be called `Enum`, `Type` or `Uri`.
open System.Net.Http
open System.Net.Http.Headers
open System.Text
open System.Text.Json
open System.Threading
open System.Threading.Tasks

/// A call that did not succeed: a non-2xx status, or a body that is not the expected JSON.
type ApiException(status: int, message: string, body: string, responseStatus: {{ error_type }} option, ?inner: exn) =
    inherit System.Exception(message, Option.toObj inner)

    /// The HTTP status code.
    member _.Status = status

    /// The response body as received.
    member _.Body = body

    /// The error details the server sent, when it sent them.
    member _.ResponseStatus = responseStatus

/// A typed client: one method per operation, each returning a `Task`.
///
/// `httpClient`: the `HttpClient` to send with, used as it is and never disposed here (its own
/// `Timeout`, 100 seconds unless set, applies as well). Without one, every client of this type
/// sends through one shared `HttpClient`, created on first use and kept for the life of the
/// process, as .NET recommends: there is nothing to dispose.
///
/// `timeout`: how long one call may take, reading the response included, before it fails with a
/// `TimeoutException`; 10 minutes unless given, as model completions often take longer than
/// `HttpClient`'s default 100 seconds. `Timeout.InfiniteTimeSpan` for no limit.
type {{ class_name }}(baseUrl: string, ?bearerToken: string, ?httpClient: HttpClient, ?timeout: System.TimeSpan) =
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

    let http =
        match httpClient with
        | Some client -> client
        | None -> shared.Value

    let timeout = defaultArg timeout (System.TimeSpan.FromMinutes(10.0))

    do
        if timeout <> System.Threading.Timeout.InfiniteTimeSpan
           && (timeout <= System.TimeSpan.Zero || timeout.TotalMilliseconds > float System.Int32.MaxValue) then
            raise (System.ArgumentOutOfRangeException("timeout", timeout, "must be positive or Timeout.InfiniteTimeSpan"))

    let baseUrl = baseUrl.TrimEnd('/')

    /// The request's set fields as a query string: scalars as text, the rest as JSON.
    static let query (request: 'Request) =
        let element = JsonSerializer.SerializeToElement<'Request>(request, JsonOptions.defaults)
        let pairs =
            [ for property in element.EnumerateObject() do
                  let value = property.Value
                  match value.ValueKind with
                  | JsonValueKind.Null
                  | JsonValueKind.Undefined -> ()
                  | JsonValueKind.String -> yield property.Name, value.GetString()
                  | _ -> yield property.Name, value.GetRawText() ]
        if List.isEmpty pairs then
            ""
        else
            pairs
            |> List.map (fun (name, value) -> System.Uri.EscapeDataString(name) + "=" + System.Uri.EscapeDataString(value))
            |> String.concat "&"
            |> (+) "?"

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

    member private _.SendAsync<'Request, 'Response>
        (method: string, path: string, request: 'Request, cancellationToken: CancellationToken)
        : Task<'Response> =
        task {
            let inQuery = method = "GET" || method = "DELETE"
            let url = baseUrl + path + (if inQuery then query request else "")
            use message = new HttpRequestMessage(HttpMethod(method), url)
            message.Headers.Accept.Add(MediaTypeWithQualityHeaderValue("application/json"))
            match bearerToken with
            | Some token -> message.Headers.Authorization <- AuthenticationHeaderValue("Bearer", token)
            | None -> ()
            if not inQuery then
                let json = JsonSerializer.Serialize<'Request>(request, JsonOptions.defaults)
                message.Content <- new StringContent(json, Encoding.UTF8, "application/json")
            // One source for the caller's token and the timeout; the body is read under it too.
            use timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
            timeoutSource.CancelAfter(timeout)
            let token = timeoutSource.Token
            try
                use! response = http.SendAsync(message, token)
                let! body = response.Content.ReadAsStringAsync(token)
                let status = int response.StatusCode
                if not response.IsSuccessStatusCode then
                    let details = errorStatus body
                    let reason =
{%- if let Some(message) = status_message %}
                        match details with
                        | Some details when not (System.String.IsNullOrEmpty details.{{ message }}) -> details.{{ message }}
                        | _ -> response.ReasonPhrase
{%- else %}
                        response.ReasonPhrase
{%- endif %}
                    return raise (ApiException(status, $"{method} {path} failed with {status}: {reason}", body, details))
                else
                    try
                        return JsonSerializer.Deserialize<'Response>(body, JsonOptions.defaults)
                    with :? JsonException as error ->
                        return
                            raise (ApiException(status, $"{method} {path}: unexpected response: {error.Message}", body, None, error))
            with :? System.OperationCanceledException when
                timeoutSource.IsCancellationRequested && not cancellationToken.IsCancellationRequested ->
                return raise (System.TimeoutException($"{method} {path} did not finish within {timeout}"))
        }
{%- for m in methods %}

{{ m.doc }}    member this.{{ m.name }}(request: {{ m.request }}, ?cancellationToken: CancellationToken) : Task<{{ m.response }}> =
        this.SendAsync<{{ m.request }}, {{ m.response }}>({{ m.method }}, {{ m.path }}, request, defaultArg cancellationToken CancellationToken.None)
{%- endfor %}
