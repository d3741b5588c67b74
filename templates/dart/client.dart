// {{ banner }}

import 'dart:convert';

import 'package:http/http.dart' as http;

import 'types.dart';

{% if has_response_status -%}
/// The structured error a failing call carries.
typedef ErrorStatus = {{ error_status }};
{%- else -%}
/// The structured error a failing call carries (the schema defines no `ResponseStatus`).
typedef ErrorStatus = Object;
{%- endif %}

/// A call that did not succeed: a non-2xx status, or a body that is not the expected JSON.
class ApiException implements Exception {
  ApiException(this.status, this.message, {this.body, this.responseStatus});

  /// The HTTP status of the response.
  final int status;

  /// What went wrong, for logs.
  final String message;

  /// The parsed response body, or its text when it was not JSON.
  final Object? body;

  /// The error details the server sent, when it sent them.
  final ErrorStatus? responseStatus;

  @override
  String toString() => 'ApiException: $message';
}

/// A typed client: one method per operation.
class {{ name }} {
  /// A client of the server at [baseUrl]; [bearerToken] is sent as
  /// `Authorization: Bearer <token>` when set.
  {{ name }}(String baseUrl, {this.bearerToken, http.Client? httpClient})
    : baseUrl = baseUrl.replaceFirst(RegExp(r'/+$'), ''),
      _http = httpClient ?? http.Client();

  /// The server root, e.g. `http://localhost:5005`.
  final String baseUrl;

  /// Sent as `Authorization: Bearer <token>` when set.
  String? bearerToken;

  final http.Client _http;
{% for m in methods %}
{{ m.doc }}  Future<{{ m.response }}> {{ m.name }}({{ m.request }} request) => _send(
    {{ m.method }},
    {{ m.path }},
    request.toJson(),
    (json) => {{ m.decode }},
  );
{% endfor %}
  /// Closes the underlying HTTP client.
  void close() => _http.close();

  Future<T> _send<T>(
    String method,
    String path,
    Object? request,
    T Function(Object? json) decode,
  ) async {
    var uri = Uri.parse('$baseUrl$path');
    final headers = {'Accept': 'application/json'};
    final token = bearerToken;
    if (token != null) headers['Authorization'] = 'Bearer $token';
    String? body;
    if (method == 'GET' || method == 'DELETE') {
      if (request is Map<String, dynamic>) {
        final query = {
          for (final MapEntry(:key, :value) in request.entries)
            if (value != null) key: value is Map || value is List ? jsonEncode(value) : '$value',
        };
        if (query.isNotEmpty) uri = uri.replace(queryParameters: query);
      }
    } else {
      headers['Content-Type'] = 'application/json';
      body = jsonEncode(request);
    }
    final httpRequest = http.Request(method, uri)..headers.addAll(headers);
    if (body != null) httpRequest.body = body;
    final response = await http.Response.fromStream(await _http.send(httpRequest));
    final status = response.statusCode;
    // JSON is UTF-8 whatever the Content-Type says (package:http defaults to Latin-1).
    final text = utf8.decode(response.bodyBytes);
    final Object? json;
    try {
      json = text.isEmpty ? null : jsonDecode(text);
    } on FormatException {
      throw ApiException(status, '$method $path: the response is not JSON', body: text);
    }
    if (status < 200 || status >= 300) {
      final details = _errorStatus(json);
{%- if has_status_message %}
      final reason = details?.message ?? response.reasonPhrase ?? '';
{%- else %}
      final reason = response.reasonPhrase ?? '';
{%- endif %}
      throw ApiException(
        status,
        '$method $path failed with $status: $reason',
        body: json,
        responseStatus: details,
      );
    }
    try {
      return decode(json);
    } catch (error) {
      throw ApiException(status, '$method $path: unexpected response: $error', body: json);
    }
  }
}

/// The server's error details: ServiceStack's `responseStatus` or OpenAI's `error`.
ErrorStatus? _errorStatus(Object? body) {
  if (body is! Map<String, dynamic>) return null;
{%- if has_response_status %}
  final openAi = body['error'];
  final candidate =
      body['responseStatus'] ??
      (openAi is Map<String, dynamic>
          ? {
              'errorCode': (openAi['code'] ?? openAi['type'] ?? 'Error').toString(),
              'message': (openAi['message'] ?? '').toString(),
            }
          : null);
  if (candidate is! Map<String, dynamic>) return null;
  try {
    return {{ error_status }}.fromJson(candidate);
  } catch (_) {
    return null;
  }
{%- else %}
  final Object? details = body['responseStatus'] ?? body['error'];
  return details;
{%- endif %}
}
