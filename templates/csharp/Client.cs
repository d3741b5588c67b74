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
{% if let Some(url) = base_url %}
    /// <summary>The server the API description names: the base URL when none is given.</summary>
    public const string DefaultBaseUrl = {{ url }};
{% endif %}
    /// <summary>A client for the server at <paramref name="baseUrl"/>.</summary>
    /// <param name="baseUrl">The server's base URL, e.g. <c>http://localhost:5005</c>{% if base_url.is_some() %}; <see cref="DefaultBaseUrl"/> by default{% endif %}.</param>
    /// <param name="bearerToken">Sent as <c>Authorization: Bearer</c> when set.</param>
    /// <param name="httpClient">The client to send with, not disposed here (its own <see cref="HttpClient.Timeout"/> applies too); a shared one when null.</param>
    public {{ names.client_class }}(string baseUrl{% if base_url.is_some() %} = DefaultBaseUrl{% endif %}, string? bearerToken = null, HttpClient? httpClient = null)
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
{%- match m.route %}
{%- when Some with (r) %}
        return SendAsync<{{ m.request }}, {{ m.response }}>({{ m.method }}, {{ m.path }}, request, cancellationToken,
            (new string[] { {{ r.path }} }, new string[] { {{ r.query }} }, new string[] { {{ r.headers }} }, {% match r.body_field %}{% when Some with (f) %}{{ f }}{% when None %}null{% endmatch %}, {{ r.has_body }}));
{%- when None %}
        return SendAsync<{{ m.request }}, {{ m.response }}>({{ m.method }}, {{ m.path }}, request, cancellationToken);
{%- endmatch %}
    }
{%- if let Some(s) = m.stream %}

    /// <summary>Like <see cref="{{ m.name }}"/>, streamed: sends (a copy of) the request with <c>{{ s.flag_doc }}</c> set to true and yields each <see cref="{{ s.event }}"/> as its server-sent event arrives.</summary>
    /// <remarks>Stopping the iteration early (<c>break</c>, cancellation) closes the connection. The call is retried only before the first event.</remarks>
    /// <exception cref="{{ names.exception_class }}">The call failed (as for <see cref="{{ m.name }}"/>), the server sent an error event, or the stream ended without <c>[DONE]</c>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public IAsyncEnumerable<{{ s.event }}> {{ s.name }}({{ m.request }} request, CancellationToken cancellationToken = default)
    {
{%- match m.route %}
{%- when Some with (r) %}
        return StreamAsync<{{ m.request }}, {{ s.event }}>({{ m.method }}, {{ m.path }}, request, {{ s.flag }}, cancellationToken,
            (new string[] { {{ r.path }} }, new string[] { {{ r.query }} }, new string[] { {{ r.headers }} }, {% match r.body_field %}{% when Some with (f) %}{{ f }}{% when None %}null{% endmatch %}, {{ r.has_body }}));
{%- when None %}
        return StreamAsync<{{ m.request }}, {{ s.event }}>({{ m.method }}, {{ m.path }}, request, {{ s.flag }}, cancellationToken);
{%- endmatch %}
    }
{%- endif %}
{% endfor %}
    /// <summary>
    /// The request message: with a <paramref name="route"/>, path parameters percent-encoded into the path
    /// (its <c>Path</c> alternates literals and parameter names), query and header parameters sent when set,
    /// and the body the value of <c>BodyField</c>, else the other fields (for GET and DELETE in the query
    /// string), and nothing when <c>HasBody</c> is false; without one, <paramref name="path"/> as it is and
    /// every field as the body.
    /// </summary>
    private HttpRequestMessage NewMessage(string method, string path, JsonNode? body, bool stream, (string[] Path, string[] Query, string[] Headers, string? BodyField, bool HasBody)? route)
    {
        // A copy: the call's JSON is sent again on a retry.
        var fields = body is JsonObject ? (JsonObject)JsonNode.Parse(body.ToJsonString())! : new JsonObject();
        var url = new StringBuilder(BaseUrl);
        var query = new StringBuilder();
        var parts = route?.Path ?? new[] { path };
        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 0)
                url.Append(parts[i]);
            else
                url.Append(Uri.EscapeDataString(ParamText(Take(fields, parts[i]))
                    ?? throw new {{ names.exception_class }}(0, method + " " + path + ": cannot send the request: the path parameter " + parts[i] + " is not set", null, null, null)));
        }
        foreach (var name in route?.Query ?? Array.Empty<string>())
            AppendQuery(query, name, Take(fields, name));
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var name in route?.Headers ?? Array.Empty<string>())
        {
            if (HeaderText(Take(fields, name)) is string text)
                headers.Add(new KeyValuePair<string, string>(name, text));
        }
        JsonNode? content = null;
        if (route?.BodyField is string field)
            content = fields[field];
        else if (route is { HasBody: false })
            content = null;
        else if (method == "GET" || method == "DELETE")
            foreach (var property in fields)
                AppendQuery(query, property.Key, property.Value);
        else
            content = fields;
        var message = new HttpRequestMessage(new HttpMethod(method), new Uri(url.ToString() + query));
        if (content != null)
            message.Content = new StringContent(content.ToJsonString(SerializerOptions), Encoding.UTF8, "application/json");
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(stream ? "text/event-stream" : "application/json"));
        if (!string.IsNullOrEmpty(BearerToken))
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BearerToken);
        foreach (var header in headers)
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        return message;
    }

    /// <summary>Removes the property <paramref name="name"/> and returns its value (null when absent).</summary>
    private static JsonNode? Take(JsonObject fields, string name)
    {
        fields.TryGetPropertyValue(name, out var value);
        fields.Remove(name);
        return value;
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
    private async Task<HttpResponseMessage> SendWithRetriesAsync(string method, string path, JsonNode? body, bool stream, (string[] Path, string[] Query, string[] Headers, string? BodyField, bool HasBody)? route, CancellationToken token)
    {
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await _httpClient.SendAsync(NewMessage(method, path, body, stream, route), HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
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

    private async Task<TResponse> SendAsync<TRequest, TResponse>(string method, string path, TRequest request, CancellationToken cancellationToken, (string[] Path, string[] Query, string[] Headers, string? BodyField, bool HasBody)? route = null)
    {
        var body = JsonSerializer.SerializeToNode(request, SerializerOptions);
        using var call = CallToken(cancellationToken);
        int status;
        string text;
        string? requestId;
        try
        {
            using var response = await SendWithRetriesAsync(method, path, body, false, route, call.Token).ConfigureAwait(false);
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

    private async IAsyncEnumerable<TEvent> StreamAsync<TRequest, TEvent>(string method, string path, TRequest request, string flag, [EnumeratorCancellation] CancellationToken cancellationToken, (string[] Path, string[] Query, string[] Headers, string? BodyField, bool HasBody)? route = null)
    {
        // A copy of the request with the flag set: the caller's object is left as it is.
        var body = JsonSerializer.SerializeToNode(request, SerializerOptions) as JsonObject
            ?? throw new ArgumentException("the request is not a JSON object", nameof(request));
        body[flag] = true;
        using var call = CallToken(cancellationToken);
        var events = await OpenStreamAsync(method, path, body, route, call.Token, cancellationToken).ConfigureAwait(false);
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

    private async Task<EventReader> OpenStreamAsync(string method, string path, JsonNode body, (string[] Path, string[] Query, string[] Headers, string? BodyField, bool HasBody)? route, CancellationToken token, CancellationToken cancellationToken)
    {
        HttpResponseMessage? response = null;
        try
        {
            response = await SendWithRetriesAsync(method, path, body, true, route, token).ConfigureAwait(false);
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

    /// <summary>Appends one query parameter unless it is unset: strings as they are, numbers and booleans as their JSON text, lists as the name repeated per element, objects as JSON text.</summary>
    private static void AppendQuery(StringBuilder query, string name, JsonNode? value)
    {
        if (value is JsonArray items)
        {
            foreach (var item in items)
                AppendQuery(query, name, item);
            return;
        }
        if (ParamText(value) is not string text)
            return;
        query.Append(query.Length == 0 ? '?' : '&')
            .Append(Uri.EscapeDataString(name))
            .Append('=')
            .Append(Uri.EscapeDataString(text));
    }

    /// <summary>A header parameter's value: as a query value, lists comma-joined; null when unset.</summary>
    private static string? HeaderText(JsonNode? value)
    {
        if (value is JsonArray items)
            return string.Join(",", items.Select(ParamText).Where(text => text != null));
        return ParamText(value);
    }

    /// <summary>A parameter's text: a string as it is, other JSON as JSON text; null when unset.</summary>
    private static string? ParamText(JsonNode? value)
    {
        if (value == null)
            return null;
        if (value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String)
            return scalar.GetValue<string>();
        return value.ToJsonString();
    }
}
