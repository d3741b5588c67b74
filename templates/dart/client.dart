// {{ banner }}

import 'dart:async';
import 'dart:convert';
import 'dart:math';

import 'package:http/http.dart' as http;
import 'package:http_parser/http_parser.dart' show parseHttpDate;

import 'json.dart';
import 'types.dart';

{% if has_response_status -%}
/// The structured error a failing call carries.
typedef ErrorStatus = {{ error_status }};
{%- else -%}
/// The structured error a failing call carries (the schema defines no `ResponseStatus`).
typedef ErrorStatus = Object;
{%- endif %}

/// A call that did not succeed: a non-2xx status, a body that is not the
/// expected JSON, an error event in a stream, a stream that ended early, or
/// (with [status] 0) a network failure or a timeout.
///
/// The caller's own cancellation is not one: it throws package:http's
/// `RequestAbortedException`.
class ApiException implements Exception {
  ApiException(
    this.status,
    this.message, {
    this.body,
    this.responseStatus,
    this.requestId,
    this.cause,
  });

  /// The HTTP status of the response; 0 when there was none (network failure, timeout).
  final int status;

  /// What went wrong, for logs.
  final String message;

  /// The parsed response body, or its text when it was not JSON.
  final Object? body;

  /// The error details the server sent, when it sent them.
  final ErrorStatus? responseStatus;

  /// The server's request id (the `{{ request_id_header_raw }}` header), when it sent one.
  final String? requestId;

  /// The underlying error (network failures).
  final Object? cause;

  @override
  String toString() {
    final id = requestId;
    return id == null ? 'ApiException: $message' : 'ApiException: $message (request id $id)';
  }
}

/// A typed client: one method per operation.
///
/// Every attempt has a [timeout] (the whole answer included) and a call is
/// retried up to [maxRetries] times after a network failure, a timeout or a
/// 408, 429 or 5xx status, waiting as the server's `retry-after-ms` / `Retry-After` says
/// (up to {{ max_retry_after_ms }} ms) or else an exponential backoff with jitter.
/// Every method takes an optional `abortTrigger`: completing it aborts the
/// call, which then throws package:http's `RequestAbortedException`.
class {{ name }} {
  /// A client of the server at [baseUrl]; [bearerToken] is sent as
  /// `Authorization: Bearer <token>` when set.
  {{ name }}(
    String baseUrl, {
    this.bearerToken,
    http.Client? httpClient,
    this.timeout = defaultTimeout,
    this.maxRetries = defaultMaxRetries,
  }) : baseUrl = baseUrl.replaceFirst(RegExp(r'/+$'), ''),
       _http = httpClient ?? http.Client();
{%- if base_url.is_some() %}

  /// A client of [defaultBaseUrl], the server the schema names.
  {{ name }}.withDefaultBaseUrl({
    String? bearerToken,
    http.Client? httpClient,
    Duration timeout = defaultTimeout,
    int maxRetries = defaultMaxRetries,
  }) : this(
         defaultBaseUrl,
         bearerToken: bearerToken,
         httpClient: httpClient,
         timeout: timeout,
         maxRetries: maxRetries,
       );
{%- endif %}
{%- if let Some(url) = base_url %}

  /// The server the schema names: the base URL of [{{ name }}.withDefaultBaseUrl].
  static const defaultBaseUrl = {{ url }};
{%- endif %}

  /// The time one call may take by default, whole answer included: LLM calls run for minutes.
  static const defaultTimeout = Duration(seconds: {{ timeout_seconds }});

  /// The retries after the first attempt, by default.
  static const defaultMaxRetries = {{ max_retries }};

  /// The server root, e.g. `http://localhost:5005`.
  final String baseUrl;

  /// Sent as `Authorization: Bearer <token>` when set.
  String? bearerToken;

  /// The time one attempt may take, whole answer (or whole stream) included.
  Duration timeout;

  /// Retries after the first attempt; 0 turns them off.
  int maxRetries;

  final http.Client _http;
  final _random = Random();
{% for m in methods %}
{{ m.doc }}  Future<{{ m.response }}> {{ m.name }}(
    {{ m.request }} request, {
    Future<void>? abortTrigger,
  }) => _send(
    {{ m.route }},
    request.toJson(),
    {{ m.decode }},
    abortTrigger,
  );
{%- if let Some(s) = m.stream %}

  /// Like [{{ m.name }}], with {{ s.flag_doc }} set to `true` on a copy of
  /// [request]: yields each [{{ s.event }}] as its server-sent event arrives.
  ///
  /// The stream fails with [ApiException] on an error event or when it ends
  /// without `{{ stream_done_raw }}`; cancelling the subscription closes the
  /// connection. Retried (see [{{ name }}]) only before its first event.
  Stream<{{ s.event }}> {{ s.name }}(
    {{ m.request }} request, {
    Future<void>? abortTrigger,
  }) => _stream(
    {{ m.route }},
    {...request.toJson(), {{ s.flag }}: true},
    {{ s.decode }},
    abortTrigger,
  );
{%- endif %}
{% endfor %}
  /// Closes the underlying HTTP client.
  void close() => _http.close();

  /// The route's path with each path parameter's text percent-encoded into it.
  static String _path(_Route route, Object? request) {
    final fields = request is Map<String, dynamic> ? request : const <String, dynamic>{};
    final out = StringBuffer();
    for (var i = 0; i < route.path.length; i++) {
      final piece = route.path[i];
      if (i.isEven) {
        out.write(piece);
        continue;
      }
      final value = fields[piece];
      if (value == null) {
        throw ArgumentError.value(request, 'request', 'the path parameter "$piece" is missing');
      }
      out.write(_percentEncode(_paramText(value)));
    }
    return out.toString();
  }

  /// A parameter's text: strings as they are, lists comma-joined, anything
  /// else as its JSON text.
  static String _paramText(Object? value) => switch (value) {
    String() => value,
    List() => value.map(_paramText).join(','),
    _ => jsonEncode(value),
  };

  /// Appends a query parameter: nothing for null, one pair per element for a list.
  static void _addQuery(List<String> query, String name, Object? value) {
    if (value == null) return;
    for (final item in value is List ? value : [value]) {
      query.add('${_percentEncode(name)}=${_percentEncode(_paramText(item))}');
    }
  }

  /// Percent-encodes everything but RFC 3986's unreserved characters
  /// (`Uri.encodeComponent` leaves `!'()*` as they are).
  static String _percentEncode(String text) => Uri.encodeComponent(text).replaceAllMapped(
    RegExp(r"[!'()*]"),
    (m) => '%${m[0]!.codeUnitAt(0).toRadixString(16).toUpperCase()}',
  );

  Future<T> _send<T>(
    _Route route,
    Object? request,
    T Function(Object? json) decode,
    Future<void>? abortTrigger,
  ) async {
    final method = route.method;
    final path = _path(route, request);
    final call = await _open(route, path, request, abortTrigger, const []);
    final response = call.response;
    final status = response.statusCode;
    final requestId = response.headers[_requestIdHeader];
    final String text;
    try {
      text = await call.guard(_text(response));
    } on http.RequestAbortedException {
      if (!call.timedOut) rethrow;
      throw ApiException(0, '$method $path timed out after $timeout', requestId: requestId);
    } on http.ClientException catch (error) {
      throw ApiException(
        0,
        '$method $path: reading the response failed: ${error.message}',
        requestId: requestId,
        cause: error,
      );
    } finally {
      call.finish();
    }
    final Object? json;
    try {
      json = text.isEmpty ? null : jsonDecode(text);
    } on FormatException {
      throw ApiException(
        status,
        '$method $path: the response is not JSON: ${_clip(text)}',
        body: text,
        requestId: requestId,
      );
    }
    try {
      return decode(json);
    } on DecodeException catch (error) {
      throw ApiException(
        status,
        '$method $path: unexpected response: $error',
        body: json,
        requestId: requestId,
      );
    }
  }

  Stream<T> _stream<T>(
    _Route route,
    Object? request,
    T Function(Object? json) decode,
    Future<void>? abortTrigger,
  ) {
    final stopped = Completer<void>();
    final out = StreamController<T>();
    out
      ..onListen = () {
        _pump(route, request, decode, abortTrigger, stopped, out)
            .catchError((Object error, StackTrace stack) {
              if (!stopped.isCompleted) out.addError(error, stack);
            })
            .whenComplete(out.close);
      }
      ..onCancel = () {
        // Aborts the request, which closes the connection.
        if (!stopped.isCompleted) stopped.complete();
      };
    return out.stream;
  }

  /// Reads the server-sent events of one streamed call into [out].
  Future<void> _pump<T>(
    _Route route,
    Object? request,
    T Function(Object? json) decode,
    Future<void>? abortTrigger,
    Completer<void> stopped,
    StreamController<T> out,
  ) async {
    final method = route.method;
    final path = _path(route, request);
    final call = await _open(route, path, request, abortTrigger, [stopped.future]);
    final response = call.response;
    final status = response.statusCode;
    final requestId = response.headers[_requestIdHeader];
    var done = false;
    try {
      // LineSplitter splits at CRLF, LF or CR (also across chunks) and keeps
      // the empty lines that dispatch events.
      final lines = response.stream.transform(utf8.decoder).transform(const LineSplitter());
      String? data;
      await for (final line in lines) {
        if (line.isEmpty) {
          final payload = data;
          data = null;
          if (payload == null) continue;
          if (payload == _streamDone) {
            done = true;
            break;
          }
          out.add(_event(method, path, status, requestId, payload, decode));
          continue;
        }
        if (line.startsWith(':')) continue;
        final colon = line.indexOf(':');
        final field = colon < 0 ? line : line.substring(0, colon);
        var value = colon < 0 ? '' : line.substring(colon + 1);
        if (value.startsWith(' ')) value = value.substring(1);
        // `event`, `id` and `retry` do not change how the data is read.
        if (field == 'data') data = data == null ? value : '$data\n$value';
      }
    } on http.RequestAbortedException {
      if (stopped.isCompleted) return;
      if (!call.timedOut) rethrow;
      throw ApiException(0, '$method $path timed out after $timeout', requestId: requestId);
    } on http.ClientException catch (error) {
      if (stopped.isCompleted) return;
      throw ApiException(
        0,
        '$method $path: the stream broke: ${error.message}',
        requestId: requestId,
        cause: error,
      );
    } finally {
      call.finish();
    }
    if (!done && !stopped.isCompleted) {
      throw ApiException(
        status,
        '$method $path: the stream ended without $_streamDone',
        requestId: requestId,
      );
    }
  }

  /// One event's data: the next item, or the API error it reports.
  T _event<T>(
    String method,
    String path,
    int status,
    String? requestId,
    String payload,
    T Function(Object? json) decode,
  ) {
    final Object? json;
    try {
      json = jsonDecode(payload);
    } on FormatException {
      throw ApiException(
        status,
        '$method $path: an event is not JSON: ${_clip(payload)}',
        body: payload,
        requestId: requestId,
      );
    }
    if (json is Map<String, dynamic> && json.containsKey('error')) {
      final details = _errorStatus(json);
{%- if has_status_message %}
      final reason = details?.message ?? jsonEncode(json['error']);
{%- else %}
      final reason = jsonEncode(json['error']);
{%- endif %}
      throw ApiException(
        status,
        '$method $path: the stream reported an error: $reason',
        body: json,
        responseStatus: details,
        requestId: requestId,
      );
    }
    try {
      return decode(json);
    } on DecodeException catch (error) {
      throw ApiException(
        status,
        '$method $path: unexpected event: $error',
        body: json,
        requestId: requestId,
      );
    }
  }

  /// Sends the request until it gets a 2xx status, retrying as the policy
  /// says; the answer's body is left unread in the returned attempt.
  Future<_Attempt> _open(
    _Route route,
    String path,
    Object? request,
    Future<void>? abortTrigger,
    List<Future<void>> stops,
  ) async {
    final method = route.method;
    final fields = request is Map<String, dynamic> ? request : const <String, dynamic>{};
    final headers = {'Accept': 'application/json'};
    final token = bearerToken;
    if (token != null) headers['Authorization'] = 'Bearer $token';
    final query = <String>[];
    for (final name in route.query) {
      _addQuery(query, name, fields[name]);
    }
    for (final name in route.headers) {
      final value = fields[name];
      if (value != null) headers[name] = _paramText(value);
    }
    String? body;
    final kind = route.body;
    if (kind != null && kind.isNotEmpty) {
      if (fields.containsKey(kind.first)) body = jsonEncode(fields[kind.first]);
    } else if (kind != null) {
      final bound = {
        for (var i = 1; i < route.path.length; i += 2) route.path[i],
        ...route.query,
        ...route.headers,
      };
      if (method == 'GET' || method == 'DELETE') {
        for (final MapEntry(:key, :value) in fields.entries) {
          if (!bound.contains(key)) _addQuery(query, key, value);
        }
      } else if (request is Map<String, dynamic>) {
        body = jsonEncode({
          for (final MapEntry(:key, :value) in request.entries)
            if (!bound.contains(key)) key: value,
        });
      } else {
        body = jsonEncode(request);
      }
    }
    if (body != null) headers['Content-Type'] = 'application/json';
    final uri = Uri.parse(query.isEmpty ? '$baseUrl$path' : '$baseUrl$path?${query.join('&')}');
    for (var attempt = 0; ; attempt++) {
      final call = _Attempt(timeout, [if (abortTrigger != null) abortTrigger, ...stops]);
      var wait = Duration.zero;
      try {
        final httpRequest = http.AbortableRequest(method, uri, abortTrigger: call.trigger)
          ..headers.addAll(headers);
        if (body != null) httpRequest.body = body;
        final response = await call.guard(_http.send(httpRequest));
        final status = response.statusCode;
        if (status >= 200 && status < 300) {
          call.response = response;
          return call;
        }
        final failure = await _failure(method, path, response, call);
        call.finish();
        if (!_retryable(status) || attempt >= maxRetries) throw failure;
        wait = _retryWait(attempt, response.headers);
      } on http.RequestAbortedException {
        call.finish();
        if (!call.timedOut) rethrow;
        if (attempt >= maxRetries) {
          throw ApiException(0, '$method $path timed out after $timeout');
        }
        wait = _retryWait(attempt, const {});
      } on http.ClientException catch (error) {
        call.finish();
        if (attempt >= maxRetries) {
          throw ApiException(0, '$method $path failed: ${error.message}', cause: error);
        }
        wait = _retryWait(attempt, const {});
      }
      await _sleep(wait, abortTrigger, uri);
    }
  }

  /// The error a non-2xx answer gives: status, details, text and request id.
  Future<ApiException> _failure(
    String method,
    String path,
    http.StreamedResponse response,
    _Attempt call,
  ) async {
    final status = response.statusCode;
    var text = '';
    try {
      text = await call.guard(_text(response));
    } on http.ClientException {
      // The status says enough.
    }
    Object? json;
    try {
      json = text.isEmpty ? null : jsonDecode(text);
    } on FormatException {
      json = null;
    }
    final details = _errorStatus(json);
    final shown = json == null && text.isNotEmpty ? _clip(text) : response.reasonPhrase ?? '';
{%- if has_status_message %}
    final reason = details?.message ?? shown;
{%- else %}
    final reason = shown;
{%- endif %}
    return ApiException(
      status,
      '$method $path failed with $status: $reason',
      body: json ?? text,
      responseStatus: details,
      requestId: response.headers[_requestIdHeader],
    );
  }

  /// Whether an answer with this status is retried: 408, 429 and every 5xx.
  static bool _retryable(int status) => status == 408 || status == 429 || status >= 500;

  /// The wait before retry [attempt] (0-based): the server's, when it says
  /// and it is short enough, else the exponential backoff with jitter.
  Duration _retryWait(int attempt, Map<String, String> headers) {
    final asked = _retryAfter(headers);
    if (asked != null && asked >= Duration.zero && asked.inMilliseconds <= _maxRetryAfterMs) {
      return asked;
    }
    final backoff = min(_initialBackoffMs * pow(2, min(attempt, 16)), _maxBackoffMs);
    final factor = 1 - _jitter * _random.nextDouble();
    return Duration(milliseconds: (backoff * factor).round());
  }

  /// `retry-after-ms` (milliseconds), else `Retry-After` (seconds or an HTTP date).
  static Duration? _retryAfter(Map<String, String> headers) {
    final millis = double.tryParse(headers['retry-after-ms'] ?? '');
    if (millis != null) return Duration(microseconds: (millis * 1000).round());
    final value = headers['retry-after'];
    if (value == null) return null;
    final seconds = double.tryParse(value);
    if (seconds != null) return Duration(microseconds: (seconds * 1000000).round());
    try {
      return parseHttpDate(value).difference(DateTime.now());
    } on FormatException {
      return null;
    }
  }

  /// Waits before a retry; completing [abortTrigger] cuts the wait short.
  static Future<void> _sleep(Duration wait, Future<void>? abortTrigger, Uri uri) async {
    var aborted = false;
    await Future.any<void>([
      Future<void>.delayed(wait),
      if (abortTrigger != null)
        abortTrigger.then((_) {
          aborted = true;
        }),
    ]);
    if (aborted) throw http.RequestAbortedException(uri);
  }

  static Future<String> _text(http.StreamedResponse response) async =>
      utf8.decode(await response.stream.toBytes(), allowMalformed: true);

  static String _clip(String text) => text.length <= 500 ? text : '${text.substring(0, 500)}…';

  static const _requestIdHeader = {{ request_id_header }};
  static const _streamDone = {{ stream_done }};
  static const _initialBackoffMs = {{ initial_backoff_ms }};
  static const _maxBackoffMs = {{ max_backoff_ms }};
  static const _jitter = {{ jitter }};
  static const _maxRetryAfterMs = {{ max_retry_after_ms }};
}

/// One attempt of a call: aborted when the caller's trigger or a stop fires,
/// or when the timeout runs out ([timedOut] then says so).
final class _Attempt {
  _Attempt(Duration timeout, List<Future<void>> stops) : _deadline = DateTime.now().add(timeout) {
    _timer = Timer(timeout, () {
      timedOut = true;
      _abort();
    });
    for (final stop in stops) {
      stop.then<void>((_) => _abort(), onError: (Object _) => _abort());
    }
  }

  final DateTime _deadline;
  final _aborted = Completer<void>();
  late final Timer _timer;

  /// Whether the timeout ran out.
  bool timedOut = false;

  /// The 2xx answer this attempt got.
  late http.StreamedResponse response;

  /// Completes when the request is to be aborted.
  Future<void> get trigger => _aborted.future;

  /// [future], failing when the deadline passes even if the HTTP client
  /// ignores abort triggers.
  Future<R> guard<R>(Future<R> future) {
    final left = _deadline.difference(DateTime.now());
    return future.timeout(
      left.isNegative ? Duration.zero : left,
      onTimeout: () {
        timedOut = true;
        _abort();
        throw http.RequestAbortedException();
      },
    );
  }

  void _abort() {
    if (!_aborted.isCompleted) _aborted.complete();
  }

  /// Stops the clock and releases the connection (no effect on a body already read).
  void finish() {
    _timer.cancel();
    _abort();
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
  } on DecodeException {
    return null;
  }
{%- else %}
  final Object? details = body['responseStatus'] ?? body['error'];
  return details;
{%- endif %}
}

/// How an operation's request travels (from the schema's `x-operation`).
class _Route {
  const _Route(this.method, this.path, {this.query = const [], this.headers = const [], this.body = const []});

  final String method;

  /// The path's text and the properties percent-encoded into it, alternating.
  final List<String> path;

  /// The properties sent as query parameters.
  final List<String> query;

  /// The properties sent as headers.
  final List<String> headers;

  /// `[]`: the properties that are not parameters, as a JSON object (as query
  /// parameters for GET and DELETE); `[name]`: that property's value is the
  /// whole body; `null`: no body.
  final List<String>? body;
}
