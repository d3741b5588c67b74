// The generated C# client, run on .NET 8: end to end against the real ai-server
// (under tests/drivers/ai_server_fixture.py: AI_SERVER_URL, AI_SERVER_KEY,
// AI_SERVER_UPSTREAM_LOG), and against a local HttpListener for what ai-server
// cannot be made to do (stall, answer non-JSON). A plain program: exits
// non-zero when a check fails.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using AiServer.Client;
using AiServer.Client.Models;

public static class ClientTest
{
    static int passed;
    static int failed;

    static void Check(bool condition, string what)
    {
        if (!condition) throw new Exception("check failed: " + what);
    }

    static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
            throw new Exception($"{what}: expected <{expected}> but was <{actual}>");
    }

    static async Task<ApiException> Throws(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (ApiException e)
        {
            return e;
        }
        throw new Exception("expected an ApiException");
    }

    static async Task Test(string name, Func<Task> body)
    {
        try
        {
            await body();
            passed++;
            Console.WriteLine("ok " + name);
        }
        catch (Exception e)
        {
            failed++;
            Console.WriteLine("FAIL " + name + ": " + e);
        }
    }

    static OpenAiMessage User(string text) => new OpenAiMessage { Role = OpenAiRole.User, Content = text };

    static string Text(OpenAiMessageContent? content)
    {
        Check(content is { IsText: true }, "content is a string");
        return content!.AsText!;
    }

    public static async Task<int> Main()
    {
        var baseUrl = Environment.GetEnvironmentVariable("AI_SERVER_URL") ?? throw new Exception("AI_SERVER_URL is not set");
        var key = Environment.GetEnvironmentVariable("AI_SERVER_KEY");
        var upstreamLog = Environment.GetEnvironmentVariable("AI_SERVER_UPSTREAM_LOG") ?? throw new Exception("AI_SERVER_UPSTREAM_LOG is not set");
        var client = new AiServerClient(baseUrl + "/", key);

        await Test("queue a job, follow it by RefId to completion, find it by tag", async () =>
        {
            var chat = new OpenAiChat { Model = "echo", Messages = new List<OpenAiMessage> { User("héllo 👋") }, Temperature = 0.25 };
            var queued = await client.CreateOpenAiChatAsync(new CreateOpenAiChat { Request = chat, RefId = "e2e-1", Tag = "e2e" });
            Equal("e2e-1", queued.RefId, "refId");

            OpenAiChatJob? job = null;
            for (var attempt = 0; attempt < 100; attempt++)
            {
                job = (await client.GetOpenAiChatAsync(new GetOpenAiChat { RefId = "e2e-1" })).Result;
                if (job != null && (job.State == JobState.Completed || job.State == JobState.Failed))
                    break;
                await Task.Delay(50);
            }
            Check(job != null, "the job is found");
            Equal(JobState.Completed, job!.State, "state");
            Equal(queued.Id, job.Id, "job id");
            Equal("echo: héllo 👋", Text(job.Response!.Choices[0].Message.Content), "echo");
            Equal(0.25, job.Request.Temperature, "temperature");

            var upstream = JsonNode.Parse(File.ReadAllLines(upstreamLog).Last())!.AsObject();
            Equal("héllo 👋", (string?)upstream["messages"]![0]!["content"], "content sent upstream");
            Equal(0.25, (double?)upstream["temperature"], "temperature sent upstream");
            Check(!upstream.ContainsKey("top_p") && !upstream.ContainsKey("tools"), "unset optional fields are omitted: " + upstream.ToJsonString());

            var page = await client.QueryOpenAiChatAsync(new QueryOpenAiChat { Tag = "e2e", State = JobState.Completed });
            Equal(1L, page.Total, "total");
            Equal("e2e-1", page.Results[0].RefId, "refId of the result");
        });

        await Test("the synchronous OpenAI-compatible endpoint answers typed; tool_choice takes a string", async () =>
        {
            var request = new OpenAiChatCompletion { Model = "echo", Messages = new List<OpenAiMessage> { User("sync") } };
            request.ToolChoice = "none";
            var response = await client.OpenAiChatCompletionAsync(request);
            Equal("chat.completion", response.Object, "object");
            Equal("echo: sync", Text(response.Choices[0].Message.Content), "content");
            Equal(5L, response.Usage!.TotalTokens, "total tokens");
            var upstream = JsonNode.Parse(File.ReadAllLines(upstreamLog).Last())!.AsObject();
            Equal("none", (string?)upstream["tool_choice"], "tool_choice sent upstream");
        });

        await Test("server errors arrive as ApiException with the ResponseStatus", async () =>
        {
            var notFound = await Throws(() => client.GetOpenAiChatAsync(new GetOpenAiChat { RefId = "no-such-job" }));
            Equal(404, notFound.StatusCode, "status");
            Equal("NotFound", notFound.ResponseStatus?.ErrorCode, "errorCode");

            var invalid = await Throws(() => client.CreateOpenAiChatAsync(new CreateOpenAiChat
            {
                Request = new OpenAiChat { Model = "echo", Messages = new List<OpenAiMessage>() },
            }));
            Equal(400, invalid.StatusCode, "status");
            Equal("request.messages", invalid.ResponseStatus?.Errors?[0].FieldName, "fieldName");

            var anonymous = new AiServerClient(baseUrl, "wrong");
            var unauthorized = await Throws(() => anonymous.OpenAiChatCompletionAsync(
                new OpenAiChatCompletion { Model = "echo", Messages = new List<OpenAiMessage>() }));
            Equal(401, unauthorized.StatusCode, "status");
            Check(unauthorized.ResponseStatus != null, "an OpenAI-shaped 401 becomes a ResponseStatus");
            Check(unauthorized.Message.Contains("401"), "the message names the status: " + unauthorized.Message);
        });

        await Test("no server: an ApiException with status 0", async () =>
        {
            var nowhere = new AiServerClient("http://127.0.0.1:" + ClosedPort(), key);
            var error = await Throws(() => nowhere.OpenAiChatCompletionAsync(
                new OpenAiChatCompletion { Model = "echo", Messages = new List<OpenAiMessage> { User("x") } }));
            Equal(0, error.StatusCode, "status");
        });

        using var local = new LocalServer();

        await Test("a stalled server times out with an ApiException naming the timeout", async () =>
        {
            var slow = new AiServerClient(local.Url, null) { Timeout = TimeSpan.FromMilliseconds(300) };
            local.Stall = TimeSpan.FromSeconds(5);
            var started = DateTime.UtcNow;
            var error = await Throws(() => slow.GetOpenAiChatAsync(new GetOpenAiChat { Id = 1 }));
            local.Stall = TimeSpan.Zero;
            Equal(0, error.StatusCode, "status");
            Check(error.InnerException is TimeoutException, "a TimeoutException inside: " + error.InnerException);
            Check(error.Message.Contains("timed out"), "the message says so: " + error.Message);
            Check(DateTime.UtcNow - started < TimeSpan.FromSeconds(3), "it did not wait for the server");
        });

        await Test("the caller's cancellation cancels, and is not reported as a timeout", async () =>
        {
            var patient = new AiServerClient(local.Url, null);
            local.Stall = TimeSpan.FromSeconds(5);
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            try
            {
                await patient.GetOpenAiChatAsync(new GetOpenAiChat { Id = 1 }, cancel.Token);
                throw new Exception("expected a cancellation");
            }
            catch (OperationCanceledException)
            {
                // The caller's own cancellation; an ApiException would fail the test.
            }
            finally
            {
                local.Stall = TimeSpan.Zero;
            }
        });

        await Test("GET sends the set fields as a query string", async () =>
        {
            local.Reply = (200, "{\"total\":0,\"results\":[]}");
            var local1 = new AiServerClient(local.Url, "secret");
            await local1.QueryOpenAiChatAsync(new QueryOpenAiChat { Tag = "a b&c", Take = 5 });
            Equal("/api/QueryOpenAiChat?tag=a%20b%26c&take=5", local.LastPathAndQuery, "path and query");
            Equal("Bearer secret", local.LastAuthorization, "authorization");
        });

        await Test("a non-JSON error body names the status and shows the text", async () =>
        {
            local.Reply = (502, "<html>Bad Gateway</html>");
            var error = await Throws(() => new AiServerClient(local.Url).GetOpenAiChatAsync(new GetOpenAiChat { Id = 1 }));
            Equal(502, error.StatusCode, "status");
            Equal("<html>Bad Gateway</html>", error.Body, "body");
            Check(error.Message.Contains("502"), "the message names the status: " + error.Message);
        });

        // Issue 11: nothing is lost on the wire.
        var upstreamUrl = Environment.GetEnvironmentVariable("AI_SERVER_UPSTREAM_URL") ?? throw new Exception("AI_SERVER_UPSTREAM_URL is not set");
        var vectors = Environment.GetEnvironmentVariable("DTOGEN_VECTORS") ?? throw new Exception("DTOGEN_VECTORS is not set");
        var upstreamClient = new AiServerClient(upstreamUrl);
        JsonObject LastUpstream() => JsonNode.Parse(File.ReadAllLines(upstreamLog).Last())!.AsObject();

        await Test("an extra property set in code (top_k) reaches the upstream, at the top and inside a message", async () =>
        {
            var message = User("extra");
            message.ExtensionData["name_hint"] = JsonSerializer.SerializeToElement("kept");
            var request = new OpenAiChatCompletion { Model = "echo", Messages = new List<OpenAiMessage> { message } };
            request.ExtensionData["top_k"] = JsonSerializer.SerializeToElement(40);
            request.ExtensionData["options"] = JsonDocument.Parse("{\"num_ctx\": 4096, \"stop\": [], \"seed\": null}").RootElement;
            var response = await upstreamClient.OpenAiChatCompletionAsync(request);
            Equal("echo: extra", Text(response.Choices[0].Message.Content), "content");
            var upstream = LastUpstream();
            Equal(40, (int?)upstream["top_k"], "top_k upstream: " + upstream.ToJsonString());
            Equal("{\"num_ctx\":4096,\"stop\":[],\"seed\":null}", upstream["options"]!.ToJsonString(), "options upstream, {} [] and null as written");
            Equal("kept", (string?)upstream["messages"]![0]!["name_hint"], "a message's extra property upstream");
        });

        await Test("through ai-server, an extra property (top_k) reaches the upstream", async () =>
        {
            var request = new OpenAiChatCompletion { Model = "echo", Messages = new List<OpenAiMessage> { User("extra via server") } };
            request.ExtensionData["top_k"] = JsonSerializer.SerializeToElement(40);
            await client.OpenAiChatCompletionAsync(request);
            var upstream = LastUpstream();
            Equal(40, (int?)upstream["top_k"], "top_k upstream: " + upstream.ToJsonString());
        });

        await Test("a reply with unknown properties decodes with nothing lost (vendor reasoning)", async () =>
        {
            await Task.Yield();
            var file = Path.Combine(vectors, "OpenAiChatResponse", "vendor-reasoning.json");
            var original = JsonNode.Parse(File.ReadAllText(file))!;
            var reply = JsonSerializer.Deserialize<OpenAiChatResponse>(File.ReadAllText(file), client.SerializerOptions)!;
            var message = reply.Choices[0].Message;
            Equal("17 × 24 = 17 × 20 + 17 × 4 = 340 + 68 = 408. 思考完毕 ✅", message.ExtensionData["reasoning_content"].GetString(), "reasoning_content");
            Equal("deepseek", reply.ExtensionData["provider"].GetString(), "provider");
            Equal(49L, reply.Usage!.CompletionTokensDetails!.ReasoningTokens, "reasoning tokens");
            Equal(3, reply.Usage.CompletionTokensDetails.ExtensionData["x_draft_tokens"].GetInt32(), "x_draft_tokens");
            Equal(JsonValueKind.Null, reply.Choices[0].ExtensionData["matched_stop"].ValueKind, "a null unknown property is kept");
            var again = JsonNode.Parse(JsonSerializer.Serialize(reply, client.SerializerOptions))!;
            Check(JsonNode.DeepEquals(original, again), "re-encoded as it came: " + again.ToJsonString());
        });

        // Issue 10: streaming, retries, errors.
        OpenAiChatCompletion Chat(string model, string text) => new OpenAiChatCompletion { Model = model, Messages = new List<OpenAiMessage> { User(text) } };

        static string Assemble(List<OpenAiChatChunk> chunks) =>
            string.Concat(chunks.SelectMany(c => c.Choices).Select(c => c.Delta.Content ?? ""));

        async Task<List<OpenAiChatChunk>> Collect(AiServerClient on, OpenAiChatCompletion request)
        {
            var chunks = new List<OpenAiChatChunk>();
            await foreach (var chunk in on.OpenAiChatCompletionStreamAsync(request))
                chunks.Add(chunk);
            return chunks;
        }

        await Test("streaming directly from the upstream: comments, event lines, CRLF, a two-line data event", async () =>
        {
            var request = Chat("echo", "hello streaming world");
            var chunks = await Collect(upstreamClient, request);
            Equal("echo: hello streaming world", Assemble(chunks), "assembled");
            Equal("assistant", chunks[0].Choices[0].Delta.Role?.Value, "role chunk first");
            Equal(7L, chunks.Last().Usage?.TotalTokens, "usage chunk last (3 + 4 words)");
            Check(LastUpstream()["stream"]?.GetValue<bool>() == true, "stream: true sent");
            Check(request.Stream != true, "the caller's request is not changed");
        });

        await Test("a stream stopped early closes its connection and the client goes on", async () =>
        {
            var started = DateTime.UtcNow;
            await foreach (var chunk in upstreamClient.OpenAiChatCompletionStreamAsync(Chat("trickle", "one two three four five six")))
                break;
            Check(DateTime.UtcNow - started < TimeSpan.FromSeconds(1), "did not wait for the rest");
            var chunks = await Collect(upstreamClient, Chat("echo", "after"));
            Equal("echo: after", Assemble(chunks), "next call");
        });

        await Test("a cut stream (no [DONE]) raises, directly from the upstream", async () =>
        {
            var error = await Throws(() => Collect(upstreamClient, Chat("cut", "cut me off")));
            Check(error.Message.Contains("[DONE]") || error.StatusCode == 0, "names the cut: " + error.Message);
        });

        await Test("an error event raises the API error, directly from the upstream", async () =>
        {
            var error = await Throws(() => Collect(upstreamClient, Chat("error-event", "crash")));
            Check(error.Message.Contains("the model crashed"), "the event's message: " + error.Message);
            Equal("model_crashed", error.ResponseStatus?.ErrorCode, "errorCode");
        });

        await Test("streaming end to end via ai-server: echo chunks assemble the reply", async () =>
        {
            var chunks = await Collect(client, Chat("echo", "via the server"));
            Equal("echo: via the server", Assemble(chunks), "assembled");
        });

        await Test("streaming via ai-server: trickle's first chunk arrives well before the end", async () =>
        {
            var started = DateTime.UtcNow;
            TimeSpan? first = null;
            var chunks = new List<OpenAiChatChunk>();
            await foreach (var chunk in client.OpenAiChatCompletionStreamAsync(Chat("trickle", "one two three four five")))
            {
                first ??= DateTime.UtcNow - started;
                chunks.Add(chunk);
            }
            var total = DateTime.UtcNow - started;
            Equal("echo: one two three four five", Assemble(chunks), "assembled");
            Check(first!.Value + TimeSpan.FromMilliseconds(600) < total, $"first chunk after {first}, all after {total}");
        });

        await Test("streaming via ai-server: a cut stream raises", async () =>
        {
            await Throws(() => Collect(client, Chat("cut", "cut via server")));
        });

        await Test("streaming via ai-server: an error event raises", async () =>
        {
            await Throws(() => Collect(client, Chat("error-event", "crash via server")));
        });

        await Test("a 429 with Retry-After is retried (directly against the upstream), the stream too", async () =>
        {
            var response = await upstreamClient.OpenAiChatCompletionAsync(Chat("rate-limited", "retry me"));
            Equal("echo: retry me", Text(response.Choices[0].Message.Content), "answered after the retry");
            Equal(2, File.ReadAllLines(upstreamLog).Count(line => line.Contains("retry me")), "sent twice");
            var chunks = await Collect(upstreamClient, Chat("rate-limited", "retry my stream"));
            Equal("echo: retry my stream", Assemble(chunks), "streamed after the retry");
            Equal(2, File.ReadAllLines(upstreamLog).Count(line => line.Contains("retry my stream")), "stream sent twice");
        });

        await Test("retries off: the 429 is raised with its status and request id", async () =>
        {
            var once = new AiServerClient(upstreamUrl) { MaxRetries = 0 };
            var error = await Throws(() => once.OpenAiChatCompletionAsync(Chat("rate-limited", "no retry")));
            Equal(429, error.StatusCode, "status");
            Equal("req-429", error.RequestId, "request id");
            Equal("rate_limited", error.ResponseStatus?.ErrorCode, "errorCode");
        });

        await Test("503 with a non-JSON body raises after the retries, with the status, the text and the request id", async () =>
        {
            var before = File.ReadAllLines(upstreamLog).Length;
            var error = await Throws(() => upstreamClient.OpenAiChatCompletionAsync(Chat("unavailable", "overloaded?")));
            Equal(503, error.StatusCode, "status");
            Equal("req-unavailable", error.RequestId, "request id");
            Check(error.Message.Contains("503") && error.Message.Contains("<html>upstream overloaded</html>") && error.Message.Contains("req-unavailable"), "message: " + error.Message);
            Equal("<html>upstream overloaded</html>", error.Body, "body");
            Equal(1 + AiServerClient.DefaultMaxRetries, File.ReadAllLines(upstreamLog).Length - before, "attempts");
        });

        await Test("a timeout (slow upstream, 0.5 s, no retries) raises the timeout error quickly", async () =>
        {
            var hasty = new AiServerClient(upstreamUrl) { Timeout = TimeSpan.FromMilliseconds(500), MaxRetries = 0 };
            var started = DateTime.UtcNow;
            var error = await Throws(() => hasty.OpenAiChatCompletionAsync(Chat("slow", "take your time")));
            Equal(0, error.StatusCode, "status");
            Check(error.InnerException is TimeoutException, "a TimeoutException inside: " + error.InnerException);
            Check(DateTime.UtcNow - started < TimeSpan.FromSeconds(2), "quickly");
            var streamError = await Throws(() => Collect(hasty, Chat("slow", "take your time streaming")));
            Check(streamError.InnerException is TimeoutException, "the stream times out too: " + streamError);
        });

        await Test("the caller's cancellation of a stream stays an OperationCanceledException", async () =>
        {
            using var cancel = new CancellationTokenSource();
            try
            {
                await foreach (var chunk in upstreamClient.OpenAiChatCompletionStreamAsync(Chat("trickle", "a b c d e f"), cancel.Token))
                    cancel.Cancel();
                throw new Exception("expected a cancellation");
            }
            catch (OperationCanceledException)
            {
            }
        });

        await Test("no server: connection failures are retried, then an ApiException with status 0", async () =>
        {
            var nowhere = new AiServerClient("http://127.0.0.1:" + ClosedPort()) { MaxRetries = 1 };
            var started = DateTime.UtcNow;
            var error = await Throws(() => Collect(nowhere, Chat("echo", "x")));
            Equal(0, error.StatusCode, "status");
            Check(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(300), "waited a backoff before the retry");
        });

        Console.WriteLine($"{passed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    static int ClosedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>An HTTP server on loopback that answers every request with <see cref="Reply"/>, after <see cref="Stall"/>.</summary>
    sealed class LocalServer : IDisposable
    {
        readonly HttpListener _listener = new HttpListener();

        public LocalServer()
        {
            Url = "http://127.0.0.1:" + ClosedPort() + "/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = Task.Run(Serve);
        }

        public string Url { get; }
        public TimeSpan Stall { get; set; }
        public (int Status, string Body) Reply { get; set; } = (200, "{}");
        public string? LastPathAndQuery { get; private set; }
        public string? LastAuthorization { get; private set; }

        async Task Serve()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception) when (!_listener.IsListening)
                {
                    return;
                }
                _ = Task.Run(async () =>
                {
                    LastPathAndQuery = context.Request.Url!.PathAndQuery;
                    LastAuthorization = context.Request.Headers["Authorization"];
                    if (Stall > TimeSpan.Zero)
                        await Task.Delay(Stall);
                    var (status, body) = Reply;
                    var bytes = Encoding.UTF8.GetBytes(body);
                    context.Response.StatusCode = status;
                    context.Response.ContentType = body.StartsWith('{') ? "application/json" : "text/html";
                    try
                    {
                        await context.Response.OutputStream.WriteAsync(bytes);
                        context.Response.Close();
                    }
                    catch (Exception)
                    {
                        // The client gave up first (the timeout tests).
                    }
                });
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
        }
    }
}
