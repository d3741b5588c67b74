//! Swift: `Codable`, `Sendable` structs with `CodingKeys`, open enums as
//! `RawRepresentable` structs, unions as enums with associated values, free
//! JSON as a generated `JSONValue`, and an async `URLSession` client.

mod names;
mod recursion;
#[cfg(test)]
mod tests;

use std::borrow::Cow;

use askama::Template;

use super::doc::{field_doc, line_comment};
use super::ident::{json_string, shape_name, unique, NameSet};
use super::identity::setting_or;
use super::rename::avoid_reserved;
use super::{banner, client, Backend, GeneratedFile};
use crate::model::naming::type_name;
use crate::model::{Field, Model, TypeDef, TypeKind, TypeRef};
use names::{enum_member_name, escape, member_name, swift_string, CLIENT_MEMBERS};
use recursion::Recursion;

pub struct Swift;

/// The member of every struct holding the properties the schema does not know.
const EXTRA: &str = "extra";
/// The static member listing the wire names a struct declares.
const DECLARED: &str = "declaredProperties";

impl Backend for Swift {
    fn name(&self) -> &'static str {
        "swift"
    }

    fn aliases(&self) -> &'static [&'static str] {
        &[]
    }

    fn verification(&self) -> &'static str {
        "parse: tree-sitter-swift (no compiler on this machine)"
    }

    fn generate(&self, model: &Model) -> Result<Vec<GeneratedFile>, askama::Error> {
        let banner = banner(model);
        let pkg = &model.package;
        let module = setting_or(pkg, "swift", "module", || type_name(&pkg.title));
        // The client is named after the schema's title in every language.
        let client_name = super::client_name(model);
        let model = &*rename_reserved(model, &client_name);
        let recursion = Recursion::new(model);
        let types: Vec<SwiftType> = model
            .types
            .iter()
            .map(|def| view_type(model, &recursion, def))
            .collect();
        let needs_box = types.iter().any(|t| match &t.kind {
            SwiftKind::Struct(s) => s.fields.iter().any(|f| f.boxed),
            _ => false,
        });
        let response_status = super::response_status(model);
        let mut method_names: NameSet = CLIENT_MEMBERS.iter().copied().collect();
        let client = ClientFile {
            banner: &banner,
            base_url: model.base_url.as_deref().map(swift_string),
            name: client_name.clone(),
            error_status: match response_status {
                Some(_) => "ResponseStatus".to_owned(),
                None => "JSONValue".to_owned(),
            },
            has_response_status: response_status.is_some(),
            // `status?.message` where ResponseStatus has a string `message`.
            has_status_message: super::response_status_message(model).is_some(),
            timeout_seconds: client::DEFAULT_TIMEOUT_SECONDS,
            max_retries: client::MAX_RETRIES,
            initial_backoff_ms: client::INITIAL_BACKOFF_MS,
            max_backoff_ms: client::MAX_BACKOFF_MS,
            jitter: client::JITTER,
            max_retry_after_ms: client::MAX_RETRY_AFTER_MS,
            stream_done: swift_string(client::STREAM_DONE),
            stream_done_raw: client::STREAM_DONE,
            request_id_header: swift_string(client::REQUEST_ID_HEADER),
            request_id_header_raw: client::REQUEST_ID_HEADER,
            methods: model
                .operations
                .iter()
                .map(|op| {
                    // Unique among the operations and their streamed twins.
                    let name = unique(member_name(&op.name), &mut method_names);
                    let stream_name = op.stream.as_ref().map(|_| {
                        unique(
                            format!("{name}{}", client::STREAM_SUFFIX),
                            &mut method_names,
                        )
                    });
                    (op, name, stream_name)
                })
                .collect::<Vec<_>>()
                .into_iter()
                .map(|(op, name, stream_name)| Method {
                    stream: op.stream.as_ref().map(|stream| StreamMethod {
                        name: escape(&stream_name.clone().unwrap_or_default()),
                        event: stream.event.clone(),
                        flag: stream.flag.clone(),
                        set_flag: set_flag(model, &op.request, &stream.flag),
                    }),
                    name: escape(&name),
                    doc: doc(op.description.as_deref(), false, "    "),
                    request: op.request.clone(),
                    response: op.response.clone(),
                    method: swift_string(&op.method),
                    path: swift_string(&op.path),
                    route: SwiftRoute::of(op),
                })
                .collect(),
        };
        let has_client = !client.methods.is_empty();
        let package = PackageFiles {
            name: swift_string(&setting_or(pkg, "swift", "name", || pkg.name.clone())),
            version: model.package.version.clone(),
            title: model.package.title.clone(),
            module: module.clone(),
            client: client_name,
            has_client,
            example: model.operations.first().map(|op| member_name(&op.name)),
            chat_example: chat_example(model),
        };
        let dir = format!("Sources/{module}");
        let mut files = vec![
            GeneratedFile::new(
                "Package.swift",
                PackageSwift {
                    banner: &banner,
                    p: &package,
                }
                .render()?,
            ),
            GeneratedFile::new("README.md", Readme { p: &package }.render()?),
            GeneratedFile::new(
                format!("{dir}/JSONValue.swift"),
                JsonValueFile { banner: &banner }.render()?,
            ),
            GeneratedFile::new(
                format!("{dir}/Types.swift"),
                TypesFile {
                    banner: &banner,
                    types,
                    needs_box,
                }
                .render()?,
            ),
        ];
        if has_client {
            files.push(GeneratedFile::new(
                format!("{dir}/{}.swift", package.client),
                client.render()?,
            ));
        }
        Ok(files)
    }
}

struct SwiftType {
    name: String,
    doc: String,
    kind: SwiftKind,
}

enum SwiftKind {
    Struct(SwiftStruct),
    Enum(Vec<EnumMember>),
    TaggedUnion {
        tag: String,
        indirect: bool,
        cases: Vec<UnionCase>,
    },
    ShapeUnion {
        indirect: bool,
        cases: Vec<UnionCase>,
        /// Swift string literal of the decoding error message.
        expected: String,
    },
    Alias(String),
}

struct SwiftStruct {
    fields: Vec<SwiftField>,
    /// Parameters and statements of the memberwise initializer.
    params: Vec<String>,
    assigns: Vec<String>,
    /// Swift array literal of the declared properties' wire names.
    declared: String,
}

struct SwiftField {
    /// The member name, escaped.
    name: String,
    /// `case name` or `case name = "wire"`.
    key: String,
    doc: String,
    /// The value of a `const` property: not stored, checked when decoding.
    literal: Option<String>,
    /// The declared type (`T` or `T?`).
    ty: String,
    /// Stored in a `Box` because the struct contains itself through it.
    boxed: bool,
    /// The private stored property of a boxed field, and its accessors.
    storage: String,
    get: String,
    set: String,
    /// Statement of `init(from:)`.
    decode: String,
    /// Statement of `encode(to:)`.
    encode: String,
    /// Parameter of the memberwise initializer.
    param: String,
    /// Statement of the memberwise initializer.
    assign: String,
}

struct EnumMember {
    name: String,
    value: String,
    doc: String,
}

struct UnionCase {
    name: String,
    ty: String,
    /// The type as an initializer's receiver (`Optional<T>` for `T?`).
    init_ty: String,
    /// Swift string literal of the tag (tagged unions).
    tag: String,
    doc: String,
}

#[derive(Template)]
#[template(path = "swift/Types.swift", escape = "none")]
struct TypesFile<'a> {
    banner: &'a str,
    types: Vec<SwiftType>,
    needs_box: bool,
}

#[derive(Template)]
#[template(path = "swift/JSONValue.swift", escape = "none")]
struct JsonValueFile<'a> {
    banner: &'a str,
}

struct StreamMethod {
    name: String,
    event: String,
    /// The flag's wire name, for docs.
    flag: String,
    /// The statement setting the flag to `true` on `request`.
    set_flag: String,
}

struct Method {
    /// The streamed variant, for an operation that streams.
    stream: Option<StreamMethod>,
    name: String,
    doc: String,
    request: String,
    response: String,
    method: String,
    path: String,
    /// Set unless the route is plain (no parameters, the fields as the body).
    route: Option<SwiftRoute>,
}

/// `client::Route` as Swift literals: the lists comma-separated (the template
/// wraps them in `[ ]`), the body field when there is one.
struct SwiftRoute {
    path: String,
    query: String,
    headers: String,
    body_field: Option<String>,
    has_body: bool,
}

impl SwiftRoute {
    fn of(op: &crate::model::Operation) -> Option<Self> {
        let route = client::route(op);
        if route.is_plain() {
            return None;
        }
        let list = |names: &[&str]| {
            let items: Vec<String> = names.iter().map(|name| swift_string(name)).collect();
            items.join(", ")
        };
        Some(SwiftRoute {
            path: list(&route.path),
            query: list(&route.query),
            headers: list(&route.headers),
            body_field: route.body_field.map(swift_string),
            has_body: route.has_body,
        })
    }
}

#[derive(Template)]
#[template(path = "swift/Client.swift", escape = "none")]
struct ClientFile<'a> {
    banner: &'a str,
    /// The model's default base URL, as a Swift string.
    base_url: Option<String>,
    name: String,
    error_status: String,
    has_response_status: bool,
    has_status_message: bool,
    timeout_seconds: u64,
    max_retries: u32,
    initial_backoff_ms: u64,
    max_backoff_ms: u64,
    jitter: f64,
    max_retry_after_ms: u64,
    stream_done: String,
    stream_done_raw: &'static str,
    request_id_header: String,
    request_id_header_raw: &'static str,
    methods: Vec<Method>,
}

struct PackageFiles {
    name: String,
    version: String,
    title: String,
    module: String,
    client: String,
    has_client: bool,
    example: Option<String>,
    /// Whether the built-in chat types are there for the README's complete example.
    chat_example: bool,
}

#[derive(Template)]
#[template(path = "swift/Package.swift", escape = "none")]
struct PackageSwift<'a> {
    banner: &'a str,
    p: &'a PackageFiles,
}

#[derive(Template)]
#[template(path = "swift/README.md", escape = "none")]
struct Readme<'a> {
    p: &'a PackageFiles,
}

/// Type names the generated code relies on, from Swift, Foundation and the
/// package itself, and the modules it imports or qualifies with; the
/// `reserved_types_cover_what_the_code_uses` test keeps the list complete.
const RESERVED_TYPES: &[&str] = &[
    "APIError",
    "Answer",
    "Any",
    "AnyObject",
    "Array",
    "AsyncThrowingStream",
    "Bool",
    "Box",
    "CancellationError",
    "CharacterSet",
    "Codable",
    "CodingKey",
    "CodingKeys",
    "CustomStringConvertible",
    "Data",
    "Date",
    "DateFormatter",
    "Deadline",
    "Decodable",
    "Decoder",
    "DecodingError",
    "Dictionary",
    "Double",
    "Encodable",
    "Encoder",
    "Equatable",
    "Error",
    "ErrorStatus",
    "ExpressibleByArrayLiteral",
    "ExpressibleByBooleanLiteral",
    "ExpressibleByDictionaryLiteral",
    "ExpressibleByFloatLiteral",
    "ExpressibleByIntegerLiteral",
    "ExpressibleByNilLiteral",
    "ExpressibleByStringLiteral",
    "Foundation",
    "FoundationNetworking",
    "HTTPURLResponse",
    "Hashable",
    "Int",
    "Int64",
    "JSONDecoder",
    "JSONEncoder",
    "JSONKey",
    "JSONValue",
    "Locale",
    "NSLock",
    "Never",
    "Optional",
    "Protocol",
    "RawRepresentable",
    "Result",
    "Self",
    "Sendable",
    "ServerSentEvents",
    "Set",
    "String",
    "Substring",
    "Swift",
    "Task",
    "TimeInterval",
    "TimeZone",
    "Type",
    "UInt64",
    "UInt8",
    "URL",
    "URLComponents",
    "URLError",
    "URLQueryItem",
    "URLRequest",
    "URLResponse",
    "URLSession",
    "UTF8",
    "Void",
];

/// `model` with every type named like one the generated code uses (`String`,
/// `Data`, `Set`, the client, …) renamed (`String2`), every reference
/// included: a module's own type shadows the imported one inside the module,
/// so the code's own `String` fields would otherwise become the schema's struct.
fn rename_reserved<'m>(model: &'m Model, client_name: &str) -> Cow<'m, Model> {
    let mut reserved = RESERVED_TYPES.to_vec();
    reserved.push(client_name);
    avoid_reserved(model, &reserved)
}

fn view_type(model: &Model, recursion: &Recursion, def: &TypeDef) -> SwiftType {
    let kind = match &def.kind {
        TypeKind::Struct(s) => {
            let fields: Vec<SwiftField> = s
                .fields
                .iter()
                .zip(member_names(&s.fields))
                .map(|(field, name)| {
                    let boxed = recursion.field_boxed(&def.name, &field.ty);
                    view_field(field, name, boxed)
                })
                .collect();
            let stored = fields.iter().filter(|f| f.literal.is_none());
            let mut params: Vec<String> = stored.clone().map(|f| f.param.clone()).collect();
            params.push(format!("{EXTRA}: [String: JSONValue] = [:]"));
            let mut assigns: Vec<String> = stored.map(|f| f.assign.clone()).collect();
            assigns.push(format!("self.{EXTRA} = {EXTRA}"));
            let wires: Vec<String> = s
                .fields
                .iter()
                .map(|f| swift_string(&f.wire_name))
                .collect();
            SwiftKind::Struct(SwiftStruct {
                params,
                assigns,
                fields,
                declared: format!("[{}]", wires.join(", ")),
            })
        }
        TypeKind::Enum(e) => {
            let mut used: NameSet = ["rawValue"].into_iter().collect();
            SwiftKind::Enum(
                e.values
                    .iter()
                    .map(|value| EnumMember {
                        name: escape(&unique(enum_member_name(&value.value), &mut used)),
                        value: swift_string(&value.value),
                        doc: doc(value.description.as_deref(), false, "    "),
                    })
                    .collect(),
            )
        }
        TypeKind::Union(union) => {
            let mut used = NameSet::default();
            let cases: Vec<UnionCase> = union
                .variants
                .iter()
                .map(|variant| UnionCase {
                    name: escape(&unique(member_name(&variant.name), &mut used)),
                    ty: type_expr(&variant.ty),
                    init_ty: match &variant.ty {
                        TypeRef::Nullable(inner) => {
                            format!("Optional<{}>", type_expr(inner))
                        }
                        ty => type_expr(ty),
                    },
                    tag: swift_string(variant.tag.as_deref().unwrap_or_default()),
                    doc: doc(variant.description.as_deref(), false, "    "),
                })
                .collect();
            let indirect = recursion.is_indirect(&def.name);
            match &union.discriminator {
                Some(tag) => SwiftKind::TaggedUnion {
                    tag: swift_string(tag),
                    indirect,
                    cases,
                },
                None => {
                    let shapes: Vec<&str> = union
                        .variants
                        .iter()
                        .map(|v| shape_name(model.shape_of(&v.ty)))
                        .collect();
                    SwiftKind::ShapeUnion {
                        indirect,
                        cases,
                        expected: swift_string(&format!(
                            "expected one of {}'s shapes ({})",
                            def.name,
                            shapes.join(", ")
                        )),
                    }
                }
            }
        }
        TypeKind::Alias(ty) => SwiftKind::Alias(type_expr(ty)),
    };
    SwiftType {
        name: def.name.clone(),
        doc: doc(def.description.as_deref(), def.deprecated, ""),
        kind,
    }
}

/// The statement setting a request's stream flag to `true`: through its
/// member when the request declares it, else as an extra property.
fn set_flag(model: &Model, request: &str, flag: &str) -> String {
    let member = match model.get(request).map(|def| &def.kind) {
        Some(TypeKind::Struct(s)) => s
            .fields
            .iter()
            .zip(member_names(&s.fields))
            .find(|(field, _)| field.wire_name == flag && !matches!(field.ty, TypeRef::Literal(_)))
            .map(|(_, name)| name),
        _ => None,
    };
    match member {
        Some(name) => format!("request.{} = true", escape(&name)),
        None => format!("request.{EXTRA}[{}] = .bool(true)", swift_string(flag)),
    }
}

/// The member names of a struct's fields, unescaped, in order: `extra`
/// (unknown properties) and `declaredProperties` are the generated members,
/// so a schema property of either name gets another.
fn member_names(fields: &[Field]) -> Vec<String> {
    let mut used: NameSet = ["stringValue", "intValue", EXTRA, DECLARED]
        .iter()
        .map(|s| s.to_string())
        .collect();
    fields
        .iter()
        .map(|field| unique(member_name(&field.wire_name), &mut used))
        .collect()
}

fn is_nullable(field: &Field) -> bool {
    field.nullable || matches!(field.ty, TypeRef::Nullable(_))
}

fn view_field(field: &Field, name: String, boxed: bool) -> SwiftField {
    let escaped = escape(&name);
    let key = if name == field.wire_name {
        format!("case {escaped}")
    } else {
        format!("case {escaped} = {}", swift_string(&field.wire_name))
    };
    if let TypeRef::Literal(raw) = &field.ty {
        let text = field_doc(field).unwrap_or_else(|| format!("Always `{raw}`."));
        let doc = doc(Some(&text), field.deprecated, "    ");
        let value = swift_string(raw);
        let message = swift_string(&format!("expected {}", json_string(raw)));
        return SwiftField {
            decode: format!(
                "let {name}Value = try container.decode(String.self, forKey: .{escaped})\n        \
                 guard {name}Value == {value} else {{\n            \
                 throw DecodingError.dataCorruptedError(forKey: .{escaped}, in: container, debugDescription: {message})\n        \
                 }}"
            ),
            encode: format!("try container.encode({value}, forKey: .{escaped})"),
            name: escaped,
            key,
            doc,
            literal: Some(value),
            ty: "String".to_owned(),
            boxed: false,
            storage: String::new(),
            get: String::new(),
            set: String::new(),
            param: String::new(),
            assign: String::new(),
        };
    }
    let doc = doc(field_doc(field).as_deref(), field.deprecated, "    ");
    let inner = match &field.ty {
        TypeRef::Nullable(inner) => inner.as_ref(),
        ty => ty,
    };
    let base = type_expr(inner);
    let optional = !field.required || is_nullable(field);
    let ty = if optional {
        format!("{base}?")
    } else {
        base.clone()
    };
    let read = if !field.required {
        format!("try container.decodeIfPresent({base}.self, forKey: .{escaped})")
    } else if optional {
        format!("try container.decode({base}?.self, forKey: .{escaped})")
    } else {
        format!("try container.decode({base}.self, forKey: .{escaped})")
    };
    let write = if field.required {
        "encode"
    } else {
        "encodeIfPresent"
    };
    let storage = if boxed {
        format!("_{name}")
    } else {
        format!("self.{escaped}")
    };
    let wrap = |value: String| match (boxed, optional) {
        (false, _) => value,
        (true, true) => format!("{value}.map(Box.init)"),
        (true, false) => format!("Box({value})"),
    };
    SwiftField {
        decode: format!("{storage} = {}", wrap(read)),
        // `self.`: a property named `container` or `encoder` is not the local.
        encode: format!("try container.{write}(self.{escaped}, forKey: .{escaped})"),
        param: format!("{escaped}: {ty}{}", if optional { " = nil" } else { "" }),
        assign: format!("{storage} = {}", wrap(escaped.clone())),
        storage: format!("_{name}: Box<{base}>{}", if optional { "?" } else { "" }),
        get: format!("_{name}{}.value", if optional { "?" } else { "" }),
        set: format!("_{name} = {}", wrap("newValue".to_owned())),
        name: escaped,
        key,
        doc,
        literal: None,
        ty,
        boxed,
    }
}

/// The Swift type of a reference.
fn type_expr(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String | TypeRef::DateTime | TypeRef::Literal(_) => "String".to_owned(),
        TypeRef::Bool => "Bool".to_owned(),
        TypeRef::Int32 => "Int".to_owned(),
        TypeRef::Int64 => "Int64".to_owned(),
        TypeRef::Float64 => "Double".to_owned(),
        TypeRef::List(item) => format!("[{}]", type_expr(item)),
        TypeRef::Map(value) => format!("[String: {}]", type_expr(value)),
        TypeRef::Named(name) => name.clone(),
        TypeRef::Any => "JSONValue".to_owned(),
        TypeRef::Nullable(inner) => format!("{}?", type_expr(inner)),
    }
}

/// `///` doc lines, with a deprecation attribute when `deprecated`.
fn doc(text: Option<&str>, deprecated: bool, indent: &str) -> String {
    let mut out = line_comment(text, indent, "///");
    if deprecated {
        out.push_str(&format!("{indent}@available(*, deprecated)\n"));
    }
    out
}

/// Whether the README can show the complete chat example.
fn chat_example(model: &Model) -> bool {
    super::client::chat_example(model).is_some()
}
