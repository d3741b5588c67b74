// The generated client for tests/schemas/params.schema.json against
// tests/drivers/echo_server.py: every operation's path, query, headers and body
// as they arrived. Run: echo_server.py -- dotnet ParamsTest.dll
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ParamsApi;
using ParamsApi.Models;

public static class ParamsTest
{
    private static int failures;

    private static void Check(string what, string expected, string? actual)
    {
        if (expected == actual)
        {
            Console.WriteLine("ok   " + what);
        }
        else
        {
            failures++;
            Console.WriteLine("FAIL " + what + ": expected " + expected + ", got " + (actual ?? "(null)"));
        }
    }

    private static string Query(Echo echo) => string.Join("&", echo.Query.Select(pair => string.Join("=", pair)));

    private static string Body(Echo echo) => echo.Body?.ToJsonString() ?? "null";

    private static string Header(Echo echo, string name) => echo.Headers.TryGetValue(name, out var value) ? value : "(absent)";

    public static async Task<int> Main()
    {
        var client = new ParamsApiClient(Environment.GetEnvironmentVariable("ECHO_SERVER_URL")!);

        var echo = await client.RetrieveModelAsync(new RetrieveModelRequest { Model = "a b/c" });
        Check("path parameter: method", "GET", echo.Method);
        Check("path parameter: percent-encoded", "/v1/models/a%20b%2Fc", echo.Path);
        Check("path parameter: no query", "", Query(echo));
        Check("path parameter: no body", "null", Body(echo));
        Check("path parameter: no Content-Type", "(absent)", Header(echo, "content-type"));

        echo = await client.ListItemsAsync(new ListItemsRequest
        {
            Limit = 3,
            Order = ListItemsRequestOrder.Desc,
            Tags = new List<string> { "x", "y z" },
            OpenAiOrganization = "org-1",
        });
        Check("query: path", "/v1/items", echo.Path);
        Check("query: pairs in order, the list repeated", "limit=3&order=desc&tags=x&tags=y z", Query(echo));
        Check("header parameter", "org-1", Header(echo, "openai-organization"));
        Check("query: no body", "null", Body(echo));
        Check("query: no Content-Type", "(absent)", Header(echo, "content-type"));

        echo = await client.ListItemsAsync(new ListItemsRequest());
        Check("unset query parameters are omitted", "", Query(echo));
        Check("an unset header is omitted", "(absent)", Header(echo, "openai-organization"));

        echo = await client.UpdateItemAsync(new UpdateItemRequest
        {
            ItemId = "a b/c",
            IdempotencyKey = "k-1",
            Item = new Item { Name = "n", Size = 2 },
        });
        Check("body field: method", "POST", echo.Method);
        Check("body field: path", "/v1/items/a%20b%2Fc", echo.Path);
        Check("body field: header", "k-1", Header(echo, "idempotency-key"));
        Check("body field: the field's value is the body", "{\"name\":\"n\",\"size\":2}", Body(echo));
        Check("body field: Content-Type", "application/json; charset=utf-8", Header(echo, "content-type"));
        Check("body field: no query", "", Query(echo));

        echo = await client.DeleteItemAsync(new DeleteItemRequest { ItemId = "7", Force = true });
        Check("no body: method", "DELETE", echo.Method);
        Check("no body: path", "/v1/items/7", echo.Path);
        Check("no body: boolean query as JSON text", "force=true", Query(echo));
        Check("no body: body", "null", Body(echo));
        Check("no body: no Content-Type", "(absent)", Header(echo, "content-type"));

        echo = await client.SearchItemsAsync(new SearchRequest { Collection = "docs", Query = "q", Limit = 5 });
        Check("fields body: path", "/v1/collections/docs/search", echo.Path);
        Check("fields body: the path parameter is not in the body", "{\"query\":\"q\",\"limit\":5}", Body(echo));

        echo = await client.CreateItemAsync(new CreateItem { Name = "n" });
        Check("default naming: path", "/v1/items", echo.Path);
        Check("default naming: body", "{\"name\":\"n\"}", Body(echo));

        Console.WriteLine(failures == 0 ? "params: all passed" : "params: " + failures + " failed");
        return failures == 0 ? 0 : 1;
    }
}
