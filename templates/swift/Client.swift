// {{ banner }}

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

{% if has_response_status -%}
/// The structured error a failing call carries.
public typealias ErrorStatus = {{ error_status }}
{%- else -%}
/// The structured error a failing call carries (the schema defines no `ResponseStatus`).
public typealias ErrorStatus = JSONValue
{%- endif %}

/// A call that did not succeed: a non-2xx status, a body that is not the expected JSON,
/// an error event in a stream, a stream that ended early, or (with `status` 0) a network
/// failure or a timeout. The caller's own cancellation is not one: it throws `CancellationError`.
public struct APIError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status of the response; 0 when there was none (network failure, timeout).
    public let status: Int
    /// What went wrong, for logs.
    public let message: String
    /// The error details the server sent, when it sent them.
    public let responseStatus: ErrorStatus?
    /// The raw response body (or event data).
    public let body: Data
    /// The server's request id (the `{{ request_id_header_raw }}` header), when it sent one.
    public let requestID: String?

    public init(
        status: Int,
        message: String,
        responseStatus: ErrorStatus? = nil,
        body: Data = Data(),
        requestID: String? = nil
    ) {
        self.status = status
        self.message = message
        self.responseStatus = responseStatus
        self.body = body
        self.requestID = requestID
    }

    public var description: String {
        guard let requestID else {
            return message
        }
        return "\(message) (request id \(requestID))"
    }
}

/// A typed client: one method per operation.
///
/// Every call has a `timeout` (the whole answer included; also each request's idle timeout)
/// and is retried up to `maxRetries` times after a network failure or a 408, 429 or 5xx
/// status, waiting as the server's `retry-after-ms` / `Retry-After` says (up to
/// {{ max_retry_after_ms }} ms) or else an exponential backoff with jitter. Cancelling the calling task
/// cancels the call, which throws `CancellationError`.
public struct {{ name }}: Sendable {
    /// The time one call may take by default, whole answer included: LLM calls run for minutes.
    public static let defaultTimeout: TimeInterval = {{ timeout_seconds }}
    /// The retries after the first attempt, by default.
    public static let defaultMaxRetries = {{ max_retries }}

    /// The server root, e.g. `http://localhost:5005`.
    public var baseURL: URL
    /// Sent as `Authorization: Bearer <token>` when set.
    public var bearerToken: String?
    /// The session requests go through.
    public var session: URLSession
    /// The time one call may take, in seconds, whole answer (or whole stream) included.
    public var timeout: TimeInterval
    /// Retries after the first attempt; 0 turns them off.
    public var maxRetries: Int
{% if let Some(url) = base_url %}
    /// The server the API description names: the base URL when none is given.
    public static let defaultBaseURL = URL(string: {{ url }})!
{% endif %}
    public init(
        baseURL: URL{% if base_url.is_some() %} = {{ name }}.defaultBaseURL{% endif %},
        bearerToken: String? = nil,
        session: URLSession = .shared,
        timeout: TimeInterval = {{ name }}.defaultTimeout,
        maxRetries: Int = {{ name }}.defaultMaxRetries
    ) {
        self.baseURL = baseURL
        self.bearerToken = bearerToken
        self.session = session
        self.timeout = timeout
        self.maxRetries = maxRetries
    }
{% for m in methods %}
{{ m.doc }}    public func {{ m.name }}(_ request: {{ m.request }}) async throws -> {{ m.response }} {
{%- match m.route %}
{%- when Some with (r) %}
        try await send(
            {{ m.method }}, {{ m.path }}, request,
            route: (path: [{{ r.path }}], query: [{{ r.query }}], headers: [{{ r.headers }}], bodyField: {% match r.body_field %}{% when Some with (f) %}{{ f }}{% when None %}nil{% endmatch %}, hasBody: {{ r.has_body }}))
{%- when None %}
        try await send({{ m.method }}, {{ m.path }}, request)
{%- endmatch %}
    }
{%- if let Some(s) = m.stream %}

#if !canImport(FoundationNetworking)
    /// Like `{{ m.name }}(_:)`, with `{{ s.flag }}` set to `true` on a copy of `request`:
    /// yields each `{{ s.event }}` as its server-sent event arrives.
    ///
    /// Throws `APIError` on an error event or when the stream ends without `{{ stream_done_raw }}`;
    /// ending the iteration early (or cancelling its task) closes the connection. Retried
    /// only before its first event. Apple platforms only (`URLSession.bytes(for:)`).
    public func {{ s.name }}(_ request: {{ m.request }}) -> AsyncThrowingStream<{{ s.event }}, Error> {
        var request = request
        {{ s.set_flag }}
{%- match m.route %}
{%- when Some with (r) %}
        return stream(
            {{ m.method }}, {{ m.path }}, request,
            route: (path: [{{ r.path }}], query: [{{ r.query }}], headers: [{{ r.headers }}], bodyField: {% match r.body_field %}{% when Some with (f) %}{{ f }}{% when None %}nil{% endmatch %}, hasBody: {{ r.has_body }}))
{%- when None %}
        return stream({{ m.method }}, {{ m.path }}, request)
{%- endmatch %}
    }
#endif
{%- endif %}
{% endfor %}
    private func send<Request: Encodable, Response: Decodable>(
        _ method: String, _ path: String, _ request: Request,
        route: (path: [String], query: [String], headers: [String], bodyField: String?, hasBody: Bool)? = nil
    ) async throws -> Response {
        let urlRequest = try makeRequest(method, path, request, accept: "application/json", route: route)
        let answer = try await withDeadline(method, path) {
            try await self.retrying(method, path) {
                let (data, response) = try await self.session.data(for: urlRequest)
                return Answer(response, data)
            }
        }
        do {
            return try JSONDecoder().decode(Response.self, from: answer.data)
        } catch {
            throw APIError(
                status: answer.status, message: "\(method) \(path): unexpected response: \(error)",
                body: answer.data, requestID: answer.requestID)
        }
    }

    /// The URL request. A `route` is the path template as literals alternating with path
    /// parameters' wire names, the query and header parameters, the field that is the whole body
    /// (if any) and whether there is a body; without one, `path` is sent as it is and every field
    /// is the body. Path parameters are percent-encoded, query and header parameters sent when
    /// set, and the other fields go to the body (for GET and DELETE, to the query string).
    private func makeRequest<Request: Encodable>(
        _ method: String, _ path: String, _ request: Request, accept: String,
        route: (path: [String], query: [String], headers: [String], bodyField: String?, hasBody: Bool)? = nil
    ) throws -> URLRequest {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        var address = baseURL.absoluteString
        while address.hasSuffix("/") {
            address.removeLast()
        }
        var fields = try JSONDecoder().decode([String: JSONValue].self, from: encoder.encode(request))
        for (index, part) in (route?.path ?? [path]).enumerated() {
            if index % 2 == 0 {
                address += part
                continue
            }
            guard let text = try fields.removeValue(forKey: part)?.queryValue(encoder: encoder) else {
                throw APIError(
                    status: 0, message: "\(method) \(path): cannot send the request: the path parameter \(part) is not set")
            }
            address += Self.percentEncode(text)
        }
        var items: [URLQueryItem] = []
        for name in route?.query ?? [] {
            if let value = fields.removeValue(forKey: name) {
                try Self.addQuery(&items, name, value, encoder)
            }
        }
        var headers: [(String, String)] = []
        for name in route?.headers ?? [] {
            if let value = fields.removeValue(forKey: name), let text = try Self.headerValue(value, encoder) {
                headers.append((name, text))
            }
        }
        var body: Data?
        if let field = route?.bodyField {
            if let value = fields[field], value != .null {
                body = try encoder.encode(value)
            }
        } else if route?.hasBody == false {
            body = nil
        } else if method == "GET" || method == "DELETE" {
            for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
                try Self.addQuery(&items, name, value, encoder)
            }
        } else if route == nil {
            body = try encoder.encode(request)
        } else {
            body = try encoder.encode(fields)
        }
        guard var components = URLComponents(string: address) else {
            throw URLError(.badURL)
        }
        if !items.isEmpty {
            components.queryItems = items
            // URLComponents leaves "+" alone, but servers read it as a space.
            components.percentEncodedQuery = components.percentEncodedQuery?
                .replacingOccurrences(of: "+", with: "%2B")
        }
        guard let url = components.url else {
            throw URLError(.badURL)
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = method
        urlRequest.timeoutInterval = timeout
        urlRequest.setValue(accept, forHTTPHeaderField: "Accept")
        if let bearerToken {
            urlRequest.setValue("Bearer \(bearerToken)", forHTTPHeaderField: "Authorization")
        }
        for (name, value) in headers {
            urlRequest.setValue(value, forHTTPHeaderField: name)
        }
        if let body {
            urlRequest.setValue("application/json", forHTTPHeaderField: "Content-Type")
            urlRequest.httpBody = body
        }
        return urlRequest
    }

    /// Adds one query parameter: strings as they are, numbers and booleans as their JSON text,
    /// lists as the name repeated per element, objects as JSON text; nothing for null.
    private static func addQuery(
        _ items: inout [URLQueryItem], _ name: String, _ value: JSONValue, _ encoder: JSONEncoder
    ) throws {
        if case .array(let elements) = value {
            for element in elements {
                try addQuery(&items, name, element, encoder)
            }
        } else if let text = try value.queryValue(encoder: encoder) {
            items.append(URLQueryItem(name: name, value: text))
        }
    }

    /// A header parameter's value: as a query value, lists comma-joined; nil for null.
    private static func headerValue(_ value: JSONValue, _ encoder: JSONEncoder) throws -> String? {
        if case .array(let elements) = value {
            return try elements.compactMap { try $0.queryValue(encoder: encoder) }.joined(separator: ",")
        }
        return try value.queryValue(encoder: encoder)
    }

    /// Percent-encodes everything but RFC 3986's unreserved `A-Za-z0-9-._~`.
    private static func percentEncode(_ text: String) -> String {
        let unreserved = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// Runs `operation`, throwing the timeout `APIError` when `timeout` passes first.
    private func withDeadline<T: Sendable>(
        _ method: String, _ path: String, _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let timeout = self.timeout
        return try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask(operation: operation)
            group.addTask {
                try await Task.sleep(nanoseconds: Self.nanoseconds(timeout))
                throw APIError(status: 0, message: "\(method) \(path) timed out after \(timeout) s")
            }
            defer {
                group.cancelAll()
            }
            guard let value = try await group.next() else {
                throw CancellationError()
            }
            return value
        }
    }

    /// Runs `attempt` until it answers 2xx, retrying as the policy says.
    private func retrying(
        _ method: String, _ path: String, _ attempt: () async throws -> Answer
    ) async throws -> Answer {
        var retry = 0
        while true {
            var wait: TimeInterval = 0
            do {
                let answer = try await attempt()
                if (200..<300).contains(answer.status) {
                    return answer
                }
                guard Self.retryable(answer.status), retry < maxRetries else {
                    throw Self.failure(method, path, answer)
                }
                wait = retryWait(retry, answer.headers)
            } catch let error as APIError {
                throw error
            } catch {
                if Task.isCancelled || error is CancellationError {
                    throw CancellationError()
                }
                guard retry < maxRetries else {
                    throw Self.networkError(method, path, error)
                }
                wait = retryWait(retry, [:])
            }
            try await Task.sleep(nanoseconds: Self.nanoseconds(wait))
            retry += 1
        }
    }
#if !canImport(FoundationNetworking)

    private func stream<Request: Encodable, Event: Decodable & Sendable>(
        _ method: String, _ path: String, _ request: Request,
        route: (path: [String], query: [String], headers: [String], bodyField: String?, hasBody: Bool)? = nil
    ) -> AsyncThrowingStream<Event, Error> {
        let urlRequest: URLRequest
        do {
            urlRequest = try makeRequest(method, path, request, accept: "text/event-stream", route: route)
        } catch {
            return AsyncThrowingStream { $0.finish(throwing: error) }
        }
        let timeout = self.timeout
        return AsyncThrowingStream { continuation in
            let deadline = Deadline()
            let worker = Task {
                do {
                    try await self.pump(method, path, urlRequest, continuation)
                    continuation.finish()
                } catch {
                    if deadline.passed {
                        continuation.finish(
                            throwing: APIError(
                                status: 0, message: "\(method) \(path) timed out after \(timeout) s"))
                    } else if Task.isCancelled {
                        continuation.finish(throwing: CancellationError())
                    } else {
                        continuation.finish(throwing: error)
                    }
                }
            }
            let timer = Task {
                try? await Task.sleep(nanoseconds: Self.nanoseconds(timeout))
                guard !Task.isCancelled else {
                    return
                }
                deadline.pass()
                worker.cancel()
            }
            // The consumer stopped (or the stream finished): cancelling the worker
            // cancels its URLSession task, which closes the connection.
            continuation.onTermination = { _ in
                worker.cancel()
                timer.cancel()
            }
        }
    }

    /// Opens the stream (retrying before its first event as the policy says) and reads it.
    private func pump<Event: Decodable & Sendable>(
        _ method: String, _ path: String, _ urlRequest: URLRequest,
        _ continuation: AsyncThrowingStream<Event, Error>.Continuation
    ) async throws {
        var retry = 0
        while true {
            var wait: TimeInterval = 0
            do {
                let (bytes, response) = try await session.bytes(for: urlRequest)
                let head = Answer(response, Data())
                if (200..<300).contains(head.status) {
                    // Failures from here on are APIErrors or cancellations: not retried.
                    try await readEvents(method, path, head, bytes, continuation)
                    return
                }
                var data = Data()
                for try await byte in bytes {
                    data.append(byte)
                }
                let answer = Answer(response, data)
                guard Self.retryable(answer.status), retry < maxRetries else {
                    throw Self.failure(method, path, answer)
                }
                wait = retryWait(retry, answer.headers)
            } catch let error as APIError {
                throw error
            } catch {
                if Task.isCancelled || error is CancellationError {
                    throw CancellationError()
                }
                guard retry < maxRetries else {
                    throw Self.networkError(method, path, error)
                }
                wait = retryWait(retry, [:])
            }
            try await Task.sleep(nanoseconds: Self.nanoseconds(wait))
            retry += 1
        }
    }

    /// Reads server-sent events byte by byte: lines end at CRLF, LF or CR, and the
    /// empty lines that dispatch events are kept (`AsyncBytes.lines` drops them).
    private func readEvents<Event: Decodable & Sendable>(
        _ method: String, _ path: String, _ head: Answer, _ bytes: URLSession.AsyncBytes,
        _ continuation: AsyncThrowingStream<Event, Error>.Continuation
    ) async throws {
        var events = ServerSentEvents()
        var line: [UInt8] = []
        var afterCR = false
        do {
            for try await byte in bytes {
                if byte == 0x0A, afterCR {
                    // The LF of a CRLF: the line already ended at the CR.
                    afterCR = false
                    continue
                }
                afterCR = byte == 0x0D
                guard byte == 0x0A || byte == 0x0D else {
                    line.append(byte)
                    continue
                }
                let text = String(decoding: line, as: UTF8.self)
                line.removeAll(keepingCapacity: true)
                guard let data = events.read(text) else {
                    continue
                }
                if data == Self.streamDone {
                    return
                }
                let event = try Self.event(Event.self, method, path, head, data)
                continuation.yield(event)
            }
        } catch let error as APIError {
            throw error
        } catch {
            if Task.isCancelled || error is CancellationError {
                throw CancellationError()
            }
            throw Self.networkError(method, path, error, requestID: head.requestID)
        }
        throw APIError(
            status: head.status,
            message: "\(method) \(path): the stream ended without \(Self.streamDone)",
            requestID: head.requestID)
    }

    /// One event's data: the next item, or the API error it reports.
    private static func event<Event: Decodable>(
        _ type: Event.Type, _ method: String, _ path: String, _ head: Answer, _ data: String
    ) throws -> Event {
        let json = Data(data.utf8)
        if data.range(of: "\"error\"") != nil,
            case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: json),
            let error = object["error"]
        {
            let details = errorStatus(in: json)
            let shown = String(decoding: (try? JSONEncoder().encode(error)) ?? Data(), as: UTF8.self)
{%- if has_status_message %}
            let reason = details?.message ?? shown
{%- else %}
            let reason = shown
{%- endif %}
            throw APIError(
                status: head.status, message: "\(method) \(path): the stream reported an error: \(reason)",
                responseStatus: details, body: json, requestID: head.requestID)
        }
        do {
            return try JSONDecoder().decode(Event.self, from: json)
        } catch {
            throw APIError(
                status: head.status, message: "\(method) \(path): unexpected event: \(error)",
                body: json, requestID: head.requestID)
        }
    }
#endif

    /// The error a non-2xx answer gives: status, details, text and request id.
    private static func failure(_ method: String, _ path: String, _ answer: Answer) -> APIError {
        let details = errorStatus(in: answer.data)
        let text = String(decoding: answer.data, as: UTF8.self)
        let isJSON = (try? JSONDecoder().decode(JSONValue.self, from: answer.data)) != nil
        let shown =
            !isJSON && !text.isEmpty
            ? clip(text) : HTTPURLResponse.localizedString(forStatusCode: answer.status)
{%- if has_status_message %}
        let reason = details?.message ?? shown
{%- else %}
        let reason = shown
{%- endif %}
        return APIError(
            status: answer.status, message: "\(method) \(path) failed with \(answer.status): \(reason)",
            responseStatus: details, body: answer.data, requestID: answer.requestID)
    }

    /// A network failure, as an `APIError` with status 0.
    private static func networkError(
        _ method: String, _ path: String, _ error: any Error, requestID: String? = nil
    ) -> APIError {
        APIError(
            status: 0, message: "\(method) \(path) failed: \(error.localizedDescription)",
            requestID: requestID)
    }

    /// Whether an answer with this status is retried: 408, 429 and every 5xx.
    private static func retryable(_ status: Int) -> Bool {
        status == 408 || status == 429 || status >= 500
    }

    /// The wait before retry `retry` (0-based), in seconds: the server's, when it says and it
    /// is short enough, else the exponential backoff with jitter.
    private func retryWait(_ retry: Int, _ headers: [String: String]) -> TimeInterval {
        if let asked = Self.retryAfter(headers), asked >= 0,
            asked * 1000 <= Double(Self.maxRetryAfterMs)
        {
            return asked
        }
        let backoff = min(
            Double(Self.initialBackoffMs) * pow(2, Double(min(retry, 16))), Double(Self.maxBackoffMs))
        return backoff * (1 - Self.jitter * Double.random(in: 0..<1)) / 1000
    }

    /// `retry-after-ms` (milliseconds), else `Retry-After` (seconds or an HTTP date), in seconds.
    private static func retryAfter(_ headers: [String: String]) -> TimeInterval? {
        if let millis = headers["retry-after-ms"].flatMap({ Double($0) }) {
            return millis / 1000
        }
        guard let value = headers["retry-after"] else {
            return nil
        }
        if let seconds = Double(value) {
            return seconds
        }
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "GMT")
        format.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return format.date(from: value)?.timeIntervalSinceNow
    }

    fileprivate static func nanoseconds(_ seconds: TimeInterval) -> UInt64 {
        UInt64(min(max(seconds, 0), 1_000_000_000) * 1_000_000_000)
    }

    private static func clip(_ text: String) -> String {
        text.count <= 500 ? text : String(text.prefix(500)) + "…"
    }

    fileprivate static let requestIDHeader = {{ request_id_header }}
    private static let streamDone = {{ stream_done }}
    private static let initialBackoffMs = {{ initial_backoff_ms }}
    private static let maxBackoffMs = {{ max_backoff_ms }}
    private static let jitter = {{ jitter }}
    private static let maxRetryAfterMs = {{ max_retry_after_ms }}

    /// The server's error details: ServiceStack's `responseStatus` or OpenAI's `error`.
    private static func errorStatus(in data: Data) -> ErrorStatus? {
        guard case .object(let body)? = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            return nil
        }
{%- if has_response_status %}
        let candidate: JSONValue
        if let status = body["responseStatus"], status != .null {
            candidate = status
        } else if case .object(let error)? = body["error"] {
            candidate = .object([
                "errorCode": .string(error["code"]?.text ?? error["type"]?.text ?? "Error"),
                "message": .string(error["message"]?.text ?? ""),
            ])
        } else {
            return nil
        }
        guard let json = try? JSONEncoder().encode(candidate) else {
            return nil
        }
        return try? JSONDecoder().decode(ErrorStatus.self, from: json)
{%- else %}
        if let status = body["responseStatus"], status != .null {
            return status
        }
        return body["error"]
{%- endif %}
    }
}

/// One HTTP answer: its status, its headers (names lower-cased) and its body.
private struct Answer: Sendable {
    let status: Int
    let headers: [String: String]
    let data: Data

    init(_ response: URLResponse, _ data: Data) {
        let http = response as? HTTPURLResponse
        status = http?.statusCode ?? 0
        var headers: [String: String] = [:]
        for (name, value) in http?.allHeaderFields ?? [:] {
            if let name = name as? String, let value = value as? String {
                headers[name.lowercased()] = value
            }
        }
        self.headers = headers
        self.data = data
    }

    var requestID: String? {
        headers[{{ name }}.requestIDHeader]
    }
}
#if !canImport(FoundationNetworking)

/// Whether a streamed call's time ran out: set by its timer, read by its worker.
private final class Deadline: @unchecked Sendable {
    private let lock = NSLock()
    private var isPassed = false

    var passed: Bool {
        lock.lock()
        defer {
            lock.unlock()
        }
        return isPassed
    }

    func pass() {
        lock.lock()
        isPassed = true
        lock.unlock()
    }
}

/// The server-sent events rules: `data` lines join with "\n", an empty line dispatches
/// the event when it has data, comments and other fields are skipped.
private struct ServerSentEvents {
    private var data: String?

    /// Reads one line; answers the data of the event it dispatches, if any.
    mutating func read(_ line: String) -> String? {
        if line.isEmpty {
            let event = data
            data = nil
            return event
        }
        if line.hasPrefix(":") {
            return nil
        }
        var field = Substring(line)
        var value = Substring("")
        if let colon = line.firstIndex(of: ":") {
            field = line[..<colon]
            value = line[line.index(after: colon)...]
            if value.hasPrefix(" ") {
                value = value.dropFirst()
            }
        }
        // `event`, `id` and `retry` do not change how the data is read.
        if field == "data" {
            data = data.map { $0 + "\n" + String(value) } ?? String(value)
        }
        return nil
    }
}
#endif

extension JSONValue {
    /// A scalar as text, anything else as null.
    fileprivate var text: String? {
        switch self {
        case .bool(let value):
            return String(value)
        case .integer(let value):
            return String(value)
        case .number(let value):
            return String(value)
        case .string(let value):
            return value
        case .null, .array, .object:
            return nil
        }
    }

    /// The value as a query parameter: scalars as text, arrays and objects as JSON, nil for null.
    fileprivate func queryValue(encoder: JSONEncoder) throws -> String? {
        switch self {
        case .array, .object:
            return try String(decoding: encoder.encode(self), as: UTF8.self)
        default:
            return text
        }
    }
}
