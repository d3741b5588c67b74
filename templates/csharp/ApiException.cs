// {{ banner }}

#nullable enable
{%- if pragma %}
#pragma warning disable CS0612, CS0618 // deprecated types are still (de)serialized
{%- endif %}

using System;
using System.Collections.Generic;
using System.Text.Json;
{%- if has_response_status %}
using {{ models_namespace }};
{%- endif %}

namespace {{ names.namespace }};

/// <summary>A call that did not succeed: a non-2xx status, or a body that is not the expected JSON.</summary>
public class {{ names.exception_class }} : Exception
{
    /// <summary>An error of a call.</summary>
    public {{ names.exception_class }}(int statusCode, string message, string? body, {{ status_type }} responseStatus, Exception? innerException = null, string? requestId = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Body = body;
        ResponseStatus = responseStatus;
        RequestId = requestId;
    }

    /// <summary>The HTTP status; 0 when there was no answer (no connection, a timeout, a broken stream).</summary>
    public int StatusCode { get; }

    /// <summary>The server's request id (the <c>x-request-id</c> response header), when it sent one.</summary>
    public string? RequestId { get; }

    /// <summary>The response body as it arrived (for an error event, its data).</summary>
    public string? Body { get; }

{%- if has_response_status %}

    /// <summary>The error details the server sent: its <c>responseStatus</c>, or OpenAI's <c>error</c> as one.</summary>
    public ResponseStatus? ResponseStatus { get; }
{%- else %}

    /// <summary>The error details the server sent (its <c>responseStatus</c> or <c>error</c>), as raw JSON.</summary>
    public JsonElement? ResponseStatus { get; }
{%- endif %}

    /// <summary>The error for a non-2xx answer, with the details the body carries.</summary>
    internal static {{ names.exception_class }} FromResponse(string method, string path, int statusCode, string? reason, string body, string? requestId, JsonSerializerOptions options)
    {
        {{ status_type }} responseStatus = null;
        string? detail = null;
        try
        {
            using (var document = JsonDocument.Parse(body))
            {
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
{%- if has_response_status %}
                    JsonElement? candidate = null;
                    if (root.TryGetProperty("responseStatus", out var status) && status.ValueKind == JsonValueKind.Object)
                    {
                        candidate = status;
                    }
                    else if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                    {
                        // OpenAI's shape: {"error": {"message", "type", "code"}}.
                        var fields = new Dictionary<string, string>
                        {
                            { "errorCode", Text(error, "code") ?? Text(error, "type") ?? "Error" },
                            { "message", Text(error, "message") ?? "" },
                        };
                        candidate = JsonSerializer.SerializeToElement(fields, options);
                    }
                    if (candidate.HasValue)
                    {
                        detail = Text(candidate.Value, "message");
                        try
                        {
                            responseStatus = JsonSerializer.Deserialize<ResponseStatus>(candidate.Value, options);
                        }
                        catch (JsonException)
                        {
                            responseStatus = null;
                        }
                    }
{%- else %}
                    if (root.TryGetProperty("responseStatus", out var status) || root.TryGetProperty("error", out status))
                    {
                        responseStatus = status.Clone();
                        if (status.ValueKind == JsonValueKind.Object)
                            detail = Text(status, "message");
                    }
{%- endif %}
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: the body is still on the exception.
        }
        if (string.IsNullOrEmpty(detail))
        {
            // Not the expected JSON: show the text itself.
            var text = body.Trim();
            if (text.Length > MaxBodyInMessage)
                text = text.Substring(0, MaxBodyInMessage) + "…";
            detail = text.Length == 0 ? reason : reason + ": " + text;
        }
        var message = method + " " + path + " failed with " + statusCode + ": " + detail;
        if (requestId != null)
            message += " (request id " + requestId + ")";
        return new {{ names.exception_class }}(statusCode, message, body, responseStatus, null, requestId);
    }

    /// <summary>How much of a non-JSON body the message shows.</summary>
    private const int MaxBodyInMessage = 1000;

    /// <summary>A scalar property of an object as text, or null.</summary>
    private static string? Text(JsonElement element, string property)
    {
        if (!element.TryGetProperty(property, out var value))
            return null;
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Number:
            case JsonValueKind.True:
            case JsonValueKind.False:
                return value.GetRawText();
            default:
                return null;
        }
    }
}
