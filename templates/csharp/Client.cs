// {{ banner }}

#nullable enable
{%- if pragma %}
#pragma warning disable CS0612, CS0618 // deprecated types are still (de)serialized
{%- endif %}

using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using {{ models_namespace }};

namespace {{ names.namespace }};

/// <summary>A typed client for the {{ title }} API: one method per operation.</summary>
public class {{ names.client_class }}
{
    /// <summary>The default <see cref="Timeout"/>: long completions take minutes.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    // One connection pool for every client that is not given its own; its
    // own timeout is off because each call applies Timeout itself.
    private static readonly HttpClient SharedHttpClient = new HttpClient { Timeout = global::System.Threading.Timeout.InfiniteTimeSpan };

    private readonly HttpClient _httpClient;

    /// <summary>A client for the server at <paramref name="baseUrl"/>.</summary>
    /// <param name="baseUrl">The server's base URL, e.g. <c>http://localhost:5005</c>.</param>
    /// <param name="bearerToken">Sent as <c>Authorization: Bearer</c> when set.</param>
    /// <param name="httpClient">The client to send with, not disposed here (its own <see cref="HttpClient.Timeout"/> applies too); a shared one when null.</param>
    public {{ names.client_class }}(string baseUrl, string? bearerToken = null, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        BaseUrl = baseUrl.TrimEnd('/');
        BearerToken = bearerToken;
        _httpClient = httpClient ?? SharedHttpClient;
    }

    /// <summary>The server's base URL, without a trailing slash.</summary>
    public string BaseUrl { get; }

    /// <summary>Sent as <c>Authorization: Bearer</c> when set.</summary>
    public string? BearerToken { get; set; }

    /// <summary>How long one call may take, reading the whole answer included; <see cref="global::System.Threading.Timeout.InfiniteTimeSpan"/> for no limit. Ten minutes by default.</summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>The options requests are written and responses read with.</summary>
    public JsonSerializerOptions SerializerOptions { get; } = new JsonSerializerOptions();
{% for m in methods %}
{{ m.doc }}    /// <exception cref="{{ names.exception_class }}">The call failed: no connection, a timeout (status 0), a non-2xx status, or a body that is not the expected JSON.</exception>
    public Task<{{ m.response }}> {{ m.name }}({{ m.request }} request, CancellationToken cancellationToken = default)
    {
        return SendAsync<{{ m.request }}, {{ m.response }}>({{ m.method }}, {{ m.path }}, request, cancellationToken);
    }
{% endfor %}
    private async Task<TResponse> SendAsync<TRequest, TResponse>(string method, string path, TRequest request, CancellationToken cancellationToken)
    {
        var url = BaseUrl + path;
        using var message = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "GET" || method == "DELETE")
            message.RequestUri = new Uri(url + QueryString(JsonSerializer.SerializeToElement(request, SerializerOptions)));
        else
            message.Content = new StringContent(JsonSerializer.Serialize(request, SerializerOptions), Encoding.UTF8, "application/json");
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrEmpty(BearerToken))
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BearerToken);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (Timeout != global::System.Threading.Timeout.InfiniteTimeSpan)
            timeout.CancelAfter(Timeout);
        int status;
        string body;
        try
        {
            using var response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw {{ names.exception_class }}.FromResponse(method, path, status, response.ReasonPhrase, body, SerializerOptions);
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            // Not the caller's cancellation: the timeout, or HttpClient's own.
            throw new {{ names.exception_class }}(0, method + " " + path + ": no complete answer within " + Timeout + " (timed out)", null, null, new TimeoutException(error.Message, error));
        }
        catch (HttpRequestException error)
        {
            throw new {{ names.exception_class }}(0, method + " " + path + ": " + error.Message, null, null, error);
        }
        try
        {
            return JsonSerializer.Deserialize<TResponse>(body, SerializerOptions)
                ?? throw new JsonException("the body is null");
        }
        catch (JsonException error)
        {
            throw new {{ names.exception_class }}(status, method + " " + path + ": unexpected response: " + error.Message, body, null, error);
        }
    }

    /// <summary>The request's set properties as a query string: strings as they are, other values as JSON.</summary>
    private static string QueryString(JsonElement request)
    {
        var query = new StringBuilder();
        if (request.ValueKind != JsonValueKind.Object)
            return "";
        foreach (var property in request.EnumerateObject())
        {
            string text;
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Null:
                case JsonValueKind.Undefined:
                    continue;
                case JsonValueKind.String:
                    text = property.Value.GetString() ?? "";
                    break;
                default:
                    text = property.Value.GetRawText();
                    break;
            }
            query.Append(query.Length == 0 ? '?' : '&')
                .Append(Uri.EscapeDataString(property.Name))
                .Append('=')
                .Append(Uri.EscapeDataString(text));
        }
        return query.ToString();
    }
}
