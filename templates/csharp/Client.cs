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

namespace {{ names.namespace }}
{
    /// <summary>A typed client for the {{ title }} API: one method per operation.</summary>
    public class {{ names.client_class }}
    {
        private static readonly HttpClient SharedHttpClient = new HttpClient();

        private readonly HttpClient _httpClient;

        /// <summary>A client for the server at <paramref name="baseUrl"/>.</summary>
        /// <param name="baseUrl">The server's base URL, e.g. <c>http://localhost:5005</c>.</param>
        /// <param name="bearerToken">Sent as <c>Authorization: Bearer</c> when set.</param>
        /// <param name="httpClient">The client to send with (not disposed here); a shared one when null.</param>
        public {{ names.client_class }}(string baseUrl, string? bearerToken = null, HttpClient? httpClient = null)
        {
            if (baseUrl == null)
                throw new ArgumentNullException(nameof(baseUrl));
            BaseUrl = baseUrl.TrimEnd('/');
            BearerToken = bearerToken;
            _httpClient = httpClient ?? SharedHttpClient;
        }

        /// <summary>The server's base URL, without a trailing slash.</summary>
        public string BaseUrl { get; }

        /// <summary>Sent as <c>Authorization: Bearer</c> when set.</summary>
        public string? BearerToken { get; set; }

        /// <summary>The options requests are written and responses read with.</summary>
        public JsonSerializerOptions SerializerOptions { get; } = new JsonSerializerOptions();
{% for m in methods %}
{{ m.doc }}        /// <exception cref="{{ names.exception_class }}">The server answered with a non-2xx status or an unexpected body.</exception>
        public Task<{{ m.response }}> {{ m.name }}({{ m.request }} request, CancellationToken cancellationToken = default)
        {
            return SendAsync<{{ m.request }}, {{ m.response }}>({{ m.method }}, {{ m.path }}, request, cancellationToken);
        }
{% endfor %}
        private async Task<TResponse> SendAsync<TRequest, TResponse>(string method, string path, TRequest request, CancellationToken cancellationToken)
        {
            var url = BaseUrl + path;
            HttpContent? content = null;
            if (method == "GET" || method == "DELETE")
                url += QueryString(JsonSerializer.SerializeToElement(request, SerializerOptions));
            else
                content = new StringContent(JsonSerializer.Serialize(request, SerializerOptions), Encoding.UTF8, "application/json");

            using (var message = new HttpRequestMessage(new HttpMethod(method), url))
            {
                message.Content = content;
                message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                if (!string.IsNullOrEmpty(BearerToken))
                    message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BearerToken);
                using (var response = await _httpClient.SendAsync(message, cancellationToken).ConfigureAwait(false))
                {
                    var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    var status = (int)response.StatusCode;
                    if (!response.IsSuccessStatusCode)
                        throw {{ names.exception_class }}.FromResponse(method, path, status, response.ReasonPhrase, body, SerializerOptions);
                    try
                    {
                        var result = JsonSerializer.Deserialize<TResponse>(body, SerializerOptions);
                        if (result == null)
                            throw new JsonException("the body is null");
                        return result;
                    }
                    catch (JsonException error)
                    {
                        throw new {{ names.exception_class }}(status, method + " " + path + ": unexpected response: " + error.Message, body, null, error);
                    }
                }
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
}
