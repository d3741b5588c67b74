// {{ banner }}
{% for t in types %}
{{ t.doc }}
{%- match t.kind %}
{%- when SwiftKind::Struct with (s) -%}
public struct {{ t.name }}: Codable, Sendable {
{%- for f in s.fields %}
{%- if let Some(value) = f.literal %}
{{ f.doc }}    public var {{ f.name }}: String { {{ value }} }
{%- else if f.boxed %}
{{ f.doc }}    public var {{ f.name }}: {{ f.ty }} {
        get { {{ f.get }} }
        set { {{ f.set }} }
    }
{%- else %}
{{ f.doc }}    public var {{ f.name }}: {{ f.ty }}
{%- endif %}
{%- endfor %}

    /// Properties the schema does not declare, with their JSON values: those of a
    /// decoded value are kept and encoded back; add your own to send them. An entry
    /// named like a declared property is not encoded.
    public var extra: [String: JSONValue]
{%- for f in s.fields %}
{%- if f.boxed %}
    private var {{ f.storage }}
{%- endif %}
{%- endfor %}

    /// The wire names of the properties the schema declares.
    private static let declaredProperties: Set<String> = {{ s.declared }}

    public init(
{%- for param in s.params %}
        {{ param }}{% if !loop.last %},{% endif %}
{%- endfor %}
    ) {
{%- for assign in s.assigns %}
        {{ assign }}
{%- endfor %}
    }
{%- if !s.fields.is_empty() %}

    private enum CodingKeys: String, CodingKey {
{%- for f in s.fields %}
        {{ f.key }}
{%- endfor %}
    }
{%- endif %}

    public init(from decoder: any Decoder) throws {
{%- if !s.fields.is_empty() %}
        let container = try decoder.container(keyedBy: CodingKeys.self)
{%- for f in s.fields %}
        {{ f.decode }}
{%- endfor %}
{%- endif %}
        extra = try decoder.unknownProperties(declared: Self.declaredProperties)
    }

    public func encode(to encoder: any Encoder) throws {
{%- if !s.fields.is_empty() %}
        var container = encoder.container(keyedBy: CodingKeys.self)
{%- for f in s.fields %}
        {{ f.encode }}
{%- endfor %}
{%- endif %}
        try encoder.encodeUnknownProperties(extra, declared: Self.declaredProperties)
    }
}
{%- when SwiftKind::Enum with (members) -%}
public struct {{ t.name }}: RawRepresentable, Codable, Hashable, Sendable, ExpressibleByStringLiteral {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        self.rawValue = value
    }
{% for m in members %}
{{ m.doc }}    public static let {{ m.name }} = {{ t.name }}(rawValue: {{ m.value }})
{%- endfor %}
}
{%- when SwiftKind::TaggedUnion with { tag, indirect, cases } -%}
public {% if indirect %}indirect {% endif %}enum {{ t.name }}: Codable, Sendable {
{%- for c in cases %}
{{ c.doc }}    case {{ c.name }}({{ c.ty }})
{%- endfor %}

    private enum CodingKeys: String, CodingKey {
        case tag = {{ tag }}
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let tag = try container.decode(String.self, forKey: .tag)
        switch tag {
{%- for c in cases %}
        case {{ c.tag }}:
            self = .{{ c.name }}(try {{ c.init_ty }}(from: decoder))
{%- endfor %}
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .tag, in: container, debugDescription: "unknown {{ t.name }} \"\(tag)\"")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
{%- for c in cases %}
        case .{{ c.name }}(let value):
            try value.encode(to: encoder)
{%- endfor %}
        }
    }
}
{%- when SwiftKind::ShapeUnion with { indirect, cases, expected } -%}
public {% if indirect %}indirect {% endif %}enum {{ t.name }}: Codable, Sendable {
{%- for c in cases %}
{{ c.doc }}    case {{ c.name }}({{ c.ty }})
{%- endfor %}

    /// Decodes the first case whose JSON shape matches.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
{%- for c in cases %}
        {% if !loop.first %}} else {% endif %}if let value = try? container.decode({{ c.ty }}.self) {
            self = .{{ c.name }}(value)
{%- endfor %}
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: {{ expected }})
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
{%- for c in cases %}
        case .{{ c.name }}(let value):
            try container.encode(value)
{%- endfor %}
        }
    }
}
{%- when SwiftKind::Alias with (ty) -%}
public typealias {{ t.name }} = {{ ty }}
{%- endmatch %}
{% endfor %}
{%- if needs_box %}
/// Heap storage for a property whose type contains the struct that holds it.
final class Box<Wrapped: Sendable>: Sendable {
    let value: Wrapped

    init(_ value: Wrapped) {
        self.value = value
    }
}
{% endif %}
