// Type-checked after the generated AI Server package (built-in DTOs only) by
// scripts/lang/fsharp.sh: the calls a user makes, mirroring the TypeScript
// client's end-to-end test (tests/drivers/typescript/e2e_test.mjs). It is
// compiled, not run: it checks that the generated API can be used this way.
module Usage

open System
open System.Collections.Generic
open System.Net.Http
open System.Text
open System.Text.Json
open System.Threading
open System.Threading.Tasks
open AiServer

let queueFollowAndQuery (baseUrl: string) : Task<unit> =
    task {
        let client = AiServerClient(baseUrl, bearerToken = "test-key", timeout = TimeSpan.FromMinutes(2.0))
        let message = OpenAiMessage.Create(OpenAiRole.User, content = OpenAiMessageContent.Text "héllo 👋")
        let chat = OpenAiChat.Create("echo", [ message ], temperature = 0.25)
        let! queued = client.CreateOpenAiChatAsync(CreateOpenAiChat.Create(chat, refId = "e2e-1", tag = "e2e"))
        let id: int64 = queued.Id
        let! found = client.GetOpenAiChatAsync(GetOpenAiChat.Create(refId = queued.RefId))
        match found.Result with
        | Some job when job.State = JobState.Completed ->
            let content =
                job.Response
                |> Option.bind (fun response -> List.tryHead response.Choices)
                |> Option.bind (fun choice -> choice.Message.Content)
            match content with
            | Some(OpenAiMessageContent.Text text) -> printfn "%d: %s" id text
            | Some(OpenAiMessageContent.Parts parts) ->
                for part in parts do
                    match part with
                    | OpenAiContentPart.Text text -> printfn "%s (%s)" text.Text text.Type
                    | _ -> ()
            | None -> ()
        | _ -> ()
        let! page = client.QueryOpenAiChatAsync(QueryOpenAiChat.Create(tag = "e2e", state = JobState.Completed))
        printfn "%d of %d" page.Results.Length page.Total
    }

/// A client on the caller's own HttpClient (used as it is, never disposed by the client), no time limit.
let onOwnHttpClient (http: HttpClient) : AiServerClient =
    AiServerClient("http://localhost:5005", httpClient = http, timeout = Timeout.InfiniteTimeSpan)

let cancellable (client: AiServerClient) (cancellationToken: CancellationToken) : Task<unit> =
    task {
        try
            let! _ = client.GetOpenAiChatAsync(GetOpenAiChat.Create(id = 1L), cancellationToken)
            ()
        with
        | :? ApiException as error when error.Status = 0 && (error.InnerException :? TimeoutException) -> printfn "timed out"
        | :? ApiException as error when error.Status = 0 -> printfn "no answer: %s" error.Message
        | :? OperationCanceledException -> printfn "cancelled"
    }

/// Retries and timeouts are constructor arguments.
let tuned () : AiServerClient =
    AiServerClient("http://localhost:5005", timeout = TimeSpan.FromSeconds(0.5), maxRetries = 0)

/// Streaming: the chunks as they arrive, through the IAsyncEnumerable's enumerator (stopping early disposes it).
let streaming (client: AiServerClient) (cancellationToken: CancellationToken) : Task<string> =
    task {
        let message = OpenAiMessage.Create(OpenAiRole.User, content = OpenAiMessageContent.Text "hi")
        let request = OpenAiChatCompletion.Create("echo", [ message ])
        let chunks: IAsyncEnumerable<OpenAiChatChunk> = client.OpenAiChatCompletionStreamAsync(request, cancellationToken)
        let text = StringBuilder()
        let enumerator = chunks.GetAsyncEnumerator(cancellationToken)
        let mutable more = true
        while more do
            let! next = enumerator.MoveNextAsync()
            if next then
                for choice in enumerator.Current.Choices do
                    text.Append(choice.Delta.Content |> Option.defaultValue "") |> ignore
                if text.Length > 10000 then more <- false
            else
                more <- false
        do! enumerator.DisposeAsync()
        return text.ToString()
    }

/// Unknown properties: read from and added to `ExtensionData` on any record.
let extensionData (client: AiServerClient) : Task<string option> =
    task {
        let request = OpenAiChatCompletion.Create("echo", [])
        request.ExtensionData["top_k"] <- JsonSerializer.SerializeToElement(40)
        let! response = client.OpenAiChatCompletionAsync(request)
        let reasoning =
            response.Choices
            |> List.tryHead
            |> Option.bind (fun choice ->
                match choice.Message.ExtensionData.TryGetValue("reasoning_content") with
                | true, value when value.ValueKind = JsonValueKind.String -> Some(value.GetString())
                | _ -> None)
        return reasoning
    }

let synchronous (client: AiServerClient) : Task<int64> =
    task {
        let request =
            { OpenAiChatCompletion.Create("echo", []) with
                Stop = Some(OpenAiStop.Multiple [ "\n" ])
                ToolChoice = Some(OpenAiToolChoice.Mode OpenAiToolChoiceMode.Auto)
                Metadata = Some(Map [ "k", "v" ]) }
        let! response = client.OpenAiChatCompletionAsync(request)
        return response.Usage |> Option.map (fun usage -> usage.TotalTokens) |> Option.defaultValue 0L
    }

let errors (client: AiServerClient) : Task<string> =
    task {
        try
            let! _ = client.GetOpenAiChatAsync(GetOpenAiChat.Create(refId = "no-such-job"))
            return "found"
        with :? ApiException as error ->
            let status: int = error.Status
            match error.ResponseStatus with
            | Some details ->
                let fields = details.Errors |> Option.defaultValue [] |> List.map (fun e -> e.FieldName)
                return $"{status} {details.ErrorCode} {fields}"
            | None -> return error.Body
    }

let wire () =
    let options: JsonSerializerOptions = JsonOptions.defaults
    let role = OpenAiRole.Parse "critic"
    let json = JsonSerializer.Serialize(role, options)
    let tool = JsonSerializer.Deserialize<OpenAiTool>("""{"type":"function","function":{"name":"f"}}""", options)
    let parameters: JsonElement option = tool.Function.Parameters
    json, string role, parameters.IsSome

/// The README's chat example: a system and a user message, one tool, an extra property, sent whole and streamed.
let chat (client: AiServerClient) (cancellationToken: System.Threading.CancellationToken) =
    task {
        let weather =
            OpenAiFunctionDefinition.Create(
                "get_weather",
                description = "The current weather in a city.",
                parameters = JsonDocument.Parse("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}").RootElement
            )
        let request =
            OpenAiChatCompletion.Create(
                "gpt-4o-mini",
                [ OpenAiMessage.Create(OpenAiRole.System, content = OpenAiMessageContent.Text "You answer in one sentence.")
                  OpenAiMessage.Create(OpenAiRole.User, content = OpenAiMessageContent.Text "What is the weather in Paris?") ],
                tools = [ OpenAiTool.Create(OpenAiToolType.Function, weather) ]
            )
        // A property the schema does not know (a vendor's extra_body), sent as it is:
        request.ExtensionData["top_k"] <- JsonSerializer.SerializeToElement(40)
        let! response = client.OpenAiChatCompletionAsync(request, cancellationToken)
        printfn "%A" response.Choices.Head.Message.Content
        // Streamed: each chunk as it arrives; disposing the enumerator early closes the connection.
        let chunks = client.OpenAiChatCompletionStreamAsync(request, cancellationToken).GetAsyncEnumerator()
        let mutable more = true
        while more do
            let! next = chunks.MoveNextAsync()
            if next then
                for choice in chunks.Current.Choices do
                    printf "%s" (Option.defaultValue "" choice.Delta.Content)
            else
                more <- false
        do! chunks.DisposeAsync()
    }
