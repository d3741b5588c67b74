// {{ banner }}

#nullable enable
{%- if pragma %}
#pragma warning disable CS0612, CS0618 // deprecated types are still (de)serialized
{%- endif %}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using {{ models_namespace }};

namespace {{ names.namespace }};

/// <summary>A typed client for the {{ title }} API: one method per operation.</summary>
/// <remarks>
/// Every call has a <see cref="Timeout"/> (ten minutes by default), takes a <see cref="CancellationToken"/>,
/// and is retried up to <see cref="MaxRetries"/> times after a connection failure or a 408, 429 or 5xx answer,
/// with exponential backoff and jitter, honouring the server's <c>retry-after-ms</c> and <c>Retry-After</c>.
/// </remarks>
public class {{ names.client_class }}
{
    /// <summary>The default <see cref="Timeout"/>: long completions take minutes.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds({{ policy.timeout_seconds }});

    /// <summary>The default <see cref="MaxRetries"/>.</summary>
    public const int DefaultMaxRetries = {{ policy.max_retries }};

    private const int InitialBackoffMs = {{ policy.initial_backoff_ms }};
    private const int MaxBackoffMs = {{ policy.max_backoff_ms }};
    private const double Jitter = {{ policy.jitter }};
    private const int MaxRetryAfterMs = {{ policy.max_retry_after_ms }};
    private const string StreamDone = {{ policy.done }};
    private const string RequestIdHeader = {{ policy.request_id_header }};

    // One connection pool for every client that is not given its own; its
    // own timeout is off because each call applies Timeout itself.
    private static readonly HttpClient SharedHttpClient = new HttpClient { Timeout = global::System.Threading.Timeout.InfiniteTimeSpan };

    private readonly HttpClient _httpClient;
    private int _maxRetries = DefaultMaxRetries;

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

    /// <summary>How long one call may take, retries and reading the whole answer (or stream) included; <see cref="global::System.Threading.Timeout.InfiniteTimeSpan"/> for no limit. Ten minutes by default. A timeout is not retried.</summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>How many times a call is retried after a connection failure or a 408, 429 or 5xx answer ({{ policy.max_retries }} by default, 0 for none). A stream is retried only before its first event.</summary>
    public int MaxRetries
    {
        get => _maxRetries;
        set => _maxRetries = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must be 0 or more");
    }

    /// <summary>The options requests are written and responses read with.</summary>
    public JsonSerializerOptions SerializerOptions { get; } = new JsonSerializerOptions();
{% for m in methods %}
{{ m.doc }}    /// <exception cref="{{ names.exception_class }}">The call failed: no connection or a timeout (status 0), a non-2xx status, or a body that is not the expected JSON.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<{{ m.response }}> {{ m.name }}({{ m.request }} request, CancellationToken cancellationToken = default)
    {
        return SendAsync<{{ m.request }}, {{ m.response }}>({{ m.method }}, {{ m.path }}, request, cancellationToken);
    }
{%- if let Some(s) = m.stream %}

    /// <summary>Like <see cref="{{ m.name }}"/>, streamed: sends (a copy of) the request with <c>{{ s.flag_doc }}</c> set to true and yields each <see cref="{{ s.event }}"/> as its server-sent event arrives.</summary>
    /// <remarks>Stopping the iteration early (<c>break</c>, cancellation) closes the connection. The call is retried only before the first event.</remarks>
    /// <exception cref="{{ names.exception_class }}">The call failed (as for <see cref="{{ m.name }}"/>), the server sent an error event, or the stream ended without <c>[DONE]</c>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public IAsyncEnumerable<{{ s.event }}> {{ s.name }}({{ m.request }} request, CancellationToken cancellationToken = default)
    {
        return StreamAsync<{{ m.request }}, {{ s.event }}>({{ m.method }}, {{ m.path }}, request, {{ s.flag }}, cancellationToken);
    }
{%- endif %}
{% endfor %}
    private HttpRequestMessage NewMessage(string method, string path, JsonNode? body, bool stream)
    {
        var url = BaseUrl + path;
        var message = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "GET" || method == "DELETE")
            message.RequestUri = new Uri(url + QueryString(body));
        else
            message.Content = new StringContent(body?.ToJsonString(SerializerOptions) ?? "null", Encoding.UTF8, "application/json");
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(stream ? "text/event-stream" : "application/json"));
        if (!string.IsNullOrEmpty(BearerToken))
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BearerToken);
        return message;
    }

    /// <summary>A token source for one call: the caller's token and the timeout.</summary>
    private CancellationTokenSource CallToken(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (Timeout != global::System.Threading.Timeout.InfiniteTimeSpan)
            source.CancelAfter(Timeout);
        return source;
    }

    /// <summary>Sends, retrying connection failures and retryable statuses; the answer's headers are read, its body is not.</summary>
    private async Task<HttpResponseMessage> SendWithRetriesAsync(string method, string path, JsonNode? body, bool stream, CancellationToken token)
    {
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await _httpClient.SendAsync(NewMessage(method, path, body, stream), HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (attempt < MaxRetries && !token.IsCancellationRequested)
            {
                await Task.Delay(Backoff(attempt), token).ConfigureAwait(false);
                continue;
            }
            var status = (int)response.StatusCode;
            if (attempt < MaxRetries && ({{ retryable }}))
            {
                var wait = RetryAfter(response) ?? Backoff(attempt);
                response.Dispose();
                await Task.Delay(wait, token).ConfigureAwait(false);
                continue;
            }
            return response;
        }
    }

    /// <summary>The backoff before retry <paramref name="attempt"/> (0-based): doubling from {{ policy.initial_backoff_ms }} ms up to {{ policy.max_backoff_ms }} ms, less up to {{ policy.jitter }} of it at random.</summary>
    private static TimeSpan Backoff(int attempt)
    {
        var backoff = Math.Min((double)MaxBackoffMs, InitialBackoffMs * Math.Pow(2, Math.Min(attempt, 16)));
        return TimeSpan.FromMilliseconds(backoff * (1 - Jitter * Random.Shared.NextDouble()));
    }

    /// <summary>The wait the server asked for (<c>retry-after-ms</c>, or <c>Retry-After</c> in seconds or as a date), when it is at most {{ policy.max_retry_after_ms }} ms.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        double? ms = null;
        if (response.Headers.TryGetValues("retry-after-ms", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            ms = parsed;
        else if (response.Headers.RetryAfter is { } retryAfter)
            ms = retryAfter.Delta?.TotalMilliseconds ?? (retryAfter.Date - DateTimeOffset.UtcNow)?.TotalMilliseconds;
        if (ms is double wait && !double.IsNaN(wait) && wait >= 0 && wait <= MaxRetryAfterMs)
            return TimeSpan.FromMilliseconds(wait);
        return null;
    }

    private static string? RequestId(HttpResponseMessage response)
    {
        return response.Headers.TryGetValues(RequestIdHeader, out var values) ? values.FirstOrDefault() : null;
    }

    private {{ names.exception_class }} TimedOut(string method, string path, Exception error)
    {
        return new {{ names.exception_class }}(0, method + " " + path + ": no complete answer within " + Timeout + " (timed out)", null, null, new TimeoutException(error.Message, error));
    }

    private static {{ names.exception_class }} NetworkError(string method, string path, Exception error)
    {
        return new {{ names.exception_class }}(0, method + " " + path + ": " + error.Message, null, null, error);
    }

    private async Task<TResponse> SendAsync<TRequest, TResponse>(string method, string path, TRequest request, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToNode(request, SerializerOptions);
        using var call = CallToken(cancellationToken);
        int status;
        string text;
        string? requestId;
        try
        {
            using var response = await SendWithRetriesAsync(method, path, body, false, call.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            requestId = RequestId(response);
            text = await response.Content.ReadAsStringAsync(call.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw {{ names.exception_class }}.FromResponse(method, path, status, response.ReasonPhrase, text, requestId, SerializerOptions);
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            // Not the caller's cancellation: the timeout, or HttpClient's own.
            throw TimedOut(method, path, error);
        }
        catch (HttpRequestException error)
        {
            throw NetworkError(method, path, error);
        }
        catch (IOException error)
        {
            throw NetworkError(method, path, error);
        }
        try
        {
            return JsonSerializer.Deserialize<TResponse>(text, SerializerOptions)
                ?? throw new JsonException("the body is null");
        }
        catch (JsonException error)
        {
            throw new {{ names.exception_class }}(status, method + " " + path + ": unexpected response: " + error.Message, text, null, error, requestId);
        }
    }

    private async IAsyncEnumerable<TEvent> StreamAsync<TRequest, TEvent>(string method, string path, TRequest request, string flag, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A copy of the request with the flag set: the caller's object is left as it is.
        var body = JsonSerializer.SerializeToNode(request, SerializerOptions) as JsonObject
            ?? throw new ArgumentException("the request is not a JSON object", nameof(request));
        body[flag] = true;
        using var call = CallToken(cancellationToken);
        var events = await OpenStreamAsync(method, path, body, call.Token, cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var data = await events.NextAsync(call.Token, cancellationToken).ConfigureAwait(false);
                if (data == null)
                    yield break;
                yield return events.Decode<TEvent>(data, SerializerOptions);
            }
        }
        finally
        {
            events.Dispose();
        }
    }

    private async Task<EventReader> OpenStreamAsync(string method, string path, JsonNode body, CancellationToken token, CancellationToken cancellationToken)
    {
        HttpResponseMessage? response = null;
        try
        {
            response = await SendWithRetriesAsync(method, path, body, true, token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(token).ConfigureAwait(false);
                throw {{ names.exception_class }}.FromResponse(method, path, status, response.ReasonPhrase, text, RequestId(response), SerializerOptions);
            }
            var stream = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
            return new EventReader(this, method, path, response, stream);
        }
        catch (Exception error) when (error is OperationCanceledException || error is HttpRequestException || error is IOException || error is {{ names.exception_class }})
        {
            response?.Dispose();
            if (error is OperationCanceledException && !cancellationToken.IsCancellationRequested)
                throw TimedOut(method, path, error);
            if (error is HttpRequestException || error is IOException)
                throw NetworkError(method, path, error);
            throw;
        }
    }

    /// <summary>Reads server-sent events from a response, one data payload at a time.</summary>
    private sealed class EventReader : IDisposable
    {
        private readonly {{ names.client_class }} _client;
        private readonly string _method;
        private readonly string _path;
        private readonly HttpResponseMessage _response;
        private readonly StreamReader _reader;
        private readonly string? _requestId;

        public EventReader({{ names.client_class }} client, string method, string path, HttpResponseMessage response, Stream stream)
        {
            _client = client;
            _method = method;
            _path = path;
            _response = response;
            _requestId = RequestId(response);
            // StreamReader ends lines at CRLF, LF or CR, as server-sent events do.
            _reader = new StreamReader(stream, new UTF8Encoding(false));
        }

        /// <summary>The next event's data; null after <c>[DONE]</c>.</summary>
        public async Task<string?> NextAsync(CancellationToken token, CancellationToken cancellationToken)
        {
            try
            {
                var data = new StringBuilder();
                var hasData = false;
                while (true)
                {
                    var line = await _reader.ReadLineAsync(token).ConfigureAwait(false);
                    if (line == null)
                        throw new {{ names.exception_class }}((int)_response.StatusCode, _method + " " + _path + ": the stream ended without " + StreamDone, null, null, null, _requestId);
                    if (line.Length == 0)
                    {
                        if (!hasData)
                            continue;
                        var payload = data.ToString();
                        if (payload == StreamDone)
                            return null;
                        return payload;
                    }
                    if (line[0] == ':')
                        continue;
                    var colon = line.IndexOf(':');
                    var field = colon < 0 ? line : line.Substring(0, colon);
                    var value = colon < 0 ? "" : line.Substring(colon + 1);
                    if (value.StartsWith(' '))
                        value = value.Substring(1);
                    if (field == "data")
                    {
                        if (hasData)
                            data.Append('\n');
                        data.Append(value);
                        hasData = true;
                    }
                    // event, id and retry name nothing the client uses; other fields are ignored.
                }
            }
            catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
            {
                throw _client.TimedOut(_method, _path, error);
            }
            catch (HttpRequestException error)
            {
                throw NetworkError(_method, _path, error);
            }
            catch (IOException error)
            {
                throw NetworkError(_method, _path, error);
            }
        }

        /// <summary>An event's data as a <typeparamref name="TEvent"/>; an <c>error</c> event raises.</summary>
        public TEvent Decode<TEvent>(string data, JsonSerializerOptions options)
        {
            var status = (int)_response.StatusCode;
            try
            {
                using (var document = JsonDocument.Parse(data))
                {
                    var root = document.RootElement;
                    if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out _))
                        throw {{ names.exception_class }}.FromResponse(_method, _path, status, "error event", data, _requestId, options);
                    return root.Deserialize<TEvent>(options) ?? throw new JsonException("the event is null");
                }
            }
            catch (JsonException error)
            {
                throw new {{ names.exception_class }}(status, _method + " " + _path + ": unexpected event: " + error.Message, data, null, error, _requestId);
            }
        }

        public void Dispose()
        {
            _reader.Dispose();
            _response.Dispose();
        }
    }

    /// <summary>The request's set properties as a query string: strings as they are, other values as JSON.</summary>
    private static string QueryString(JsonNode? request)
    {
        var query = new StringBuilder();
        if (request is not JsonObject properties)
            return "";
        foreach (var property in properties)
        {
            string text;
            if (property.Value == null)
                continue;
            if (property.Value is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                text = value.GetValue<string>();
            else
                text = property.Value.ToJsonString();
            query.Append(query.Length == 0 ? '?' : '&')
                .Append(Uri.EscapeDataString(property.Key))
                .Append('=')
                .Append(Uri.EscapeDataString(text));
        }
        return query.ToString();
    }
}
