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
