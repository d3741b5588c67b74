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

/// A call that did not succeed: a non-2xx status, or a body that is not the expected JSON.
public struct APIError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status of the response.
    public let status: Int
    /// What went wrong, for logs.
    public let message: String
    /// The error details the server sent, when it sent them.
    public let responseStatus: ErrorStatus?
    /// The raw response body.
    public let body: Data

    public var description: String { message }
}

/// A typed client: one method per operation.
public struct {{ name }}: Sendable {
    /// The server root, e.g. `http://localhost:5005`.
    public var baseURL: URL
    /// Sent as `Authorization: Bearer <token>` when set.
    public var bearerToken: String?
    /// The session requests go through.
    public var session: URLSession

    public init(baseURL: URL, bearerToken: String? = nil, session: URLSession = .shared) {
        self.baseURL = baseURL
        self.bearerToken = bearerToken
        self.session = session
    }
{% for m in methods %}
{{ m.doc }}    public func {{ m.name }}(_ request: {{ m.request }}) async throws -> {{ m.response }} {
        try await send({{ m.method }}, {{ m.path }}, request)
    }
{% endfor %}
    private func send<Request: Encodable, Response: Decodable>(
        _ method: String, _ path: String, _ request: Request
    ) async throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        var base = baseURL.absoluteString
        while base.hasSuffix("/") {
            base.removeLast()
        }
        guard var components = URLComponents(string: base + path) else {
            throw URLError(.badURL)
        }
        var body: Data?
        if method == "GET" || method == "DELETE" {
            let fields = try JSONDecoder().decode([String: JSONValue].self, from: encoder.encode(request))
            var items: [URLQueryItem] = []
            for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
                if let text = try value.queryValue(encoder: encoder) {
                    items.append(URLQueryItem(name: name, value: text))
                }
            }
            if !items.isEmpty {
                components.queryItems = items
                // URLComponents leaves "+" alone, but servers read it as a space.
                components.percentEncodedQuery = components.percentEncodedQuery?
                    .replacingOccurrences(of: "+", with: "%2B")
            }
        } else {
            body = try encoder.encode(request)
        }
        guard let url = components.url else {
            throw URLError(.badURL)
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = method
        urlRequest.setValue("application/json", forHTTPHeaderField: "Accept")
        if let bearerToken {
            urlRequest.setValue("Bearer \(bearerToken)", forHTTPHeaderField: "Authorization")
        }
        if let body {
            urlRequest.setValue("application/json", forHTTPHeaderField: "Content-Type")
            urlRequest.httpBody = body
        }
        let (data, response) = try await session.data(for: urlRequest)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            let details = Self.errorStatus(in: data)
{%- if has_status_message %}
            let reason = details?.message ?? HTTPURLResponse.localizedString(forStatusCode: status)
{%- else %}
            let reason = HTTPURLResponse.localizedString(forStatusCode: status)
{%- endif %}
            throw APIError(
                status: status, message: "\(method) \(path) failed with \(status): \(reason)",
                responseStatus: details, body: data)
        }
        do {
            return try JSONDecoder().decode(Response.self, from: data)
        } catch {
            throw APIError(
                status: status, message: "\(method) \(path): unexpected response: \(error)",
                responseStatus: nil, body: data)
        }
    }

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
