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
/// Pass an `HttpClient` to share one (it is then not disposed with this client).
type {{ class_name }}(baseUrl: string, ?bearerToken: string, ?httpClient: HttpClient) =
    let http = defaultArg httpClient (new HttpClient())
    let ownsHttp = httpClient.IsNone
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
            use! response = http.SendAsync(message, cancellationToken)
            let! body = response.Content.ReadAsStringAsync(cancellationToken)
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
        }
{%- for m in methods %}

{{ m.doc }}    member this.{{ m.name }}(request: {{ m.request }}, ?cancellationToken: CancellationToken) : Task<{{ m.response }}> =
        this.SendAsync<{{ m.request }}, {{ m.response }}>({{ m.method }}, {{ m.path }}, request, defaultArg cancellationToken CancellationToken.None)
{%- endfor %}

    interface System.IDisposable with
        member _.Dispose() =
            if ownsHttp then
                http.Dispose()
