//! TypeScript: interfaces whose properties are the wire names, open enums as
//! string unions with a const object of known values, validating decoders,
//! and a `fetch` client.

use askama::Template;
use heck::{ToLowerCamelCase, ToUpperCamelCase};

use super::client::PathSegment;
use super::doc::{block_comment, field_doc};
use super::ident::{digit_safe, json_string, shape_name, unique, NameSet};
use super::publish::Publish;
use super::{banner, client, Backend, GeneratedFile};
use crate::model::naming::ascii_words;
use crate::model::{
    Body, Field, Model, Operation, ParamLocation, Stream, TypeDef, TypeKind, TypeRef,
};

pub struct TypeScript;

impl Backend for TypeScript {
    fn name(&self) -> &'static str {
        "typescript"
    }

    fn aliases(&self) -> &'static [&'static str] {
        &["ts"]
    }

    fn verification(&self) -> &'static str {
        "round trip: tsc --strict, then every vector through node"
    }

    fn generate(&self, model: &Model) -> Result<Vec<GeneratedFile>, askama::Error> {
        let client = super::client_name(model);
        let reserved = runtime_exports(&client);
        let reserved: Vec<&str> = reserved.iter().map(String::as_str).collect();
        let model = &*super::rename::avoid_reserved(model, &reserved);
        let banner = banner(model);
        let types = TypesFile {
            banner: &banner,
            types: model
                .types
                .iter()
                .map(|def| view_type(model, def))
                .collect(),
        };
        let names = method_names(model);
        let methods: Vec<Method> = model
            .operations
            .iter()
            .zip(names)
            .map(|(op, (name, stream_name))| Method {
                stream: op
                    .stream
                    .as_ref()
                    .zip(stream_name)
                    .map(|(stream, stream_name)| StreamMethod::new(stream_name, stream)),
                name,
                doc: block_comment(op.description.as_deref(), false, "  "),
                request: op.request.clone(),
                response: op.response.clone(),
                route: route_literal(op),
            })
            .collect();
        let client = ClientFile {
            banner: &banner,
            class_name: super::client_name(model),
            base_url: model.base_url.as_deref().map(json_string),
            has_response_status: super::response_status(model).is_some(),
            has_streams: methods.iter().any(|m| m.stream.is_some()),
            stream_suffix: client::STREAM_SUFFIX,
            max_retries: client::MAX_RETRIES,
            methods,
        };
        let package = PackageFiles::new(model, &client.class_name, "typescript");
        let has_client = package.has_client;
        let mut files = vec![
            GeneratedFile::new("package.json", PackageJson { p: &package }.render()?),
            GeneratedFile::new("tsconfig.json", TsConfig.render()?),
            GeneratedFile::new("README.md", Readme { p: &package }.render()?),
            GeneratedFile::new("src/json.ts", JsonRuntime { banner: &banner }.render()?),
            GeneratedFile::new("src/types.ts", types.render()?),
            GeneratedFile::new(
                "src/index.ts",
                Index {
                    banner: &banner,
                    has_client,
                }
                .render()?,
            ),
        ];
        if has_client {
            files.push(GeneratedFile::new("src/client.ts", client.render()?));
            files.push(GeneratedFile::new(
                "src/http.ts",
                HttpRuntime::new(&banner).render()?,
            ));
        }
        Ok(files)
    }
}

struct TsType {
    name: String,
    doc: String,
    kind: TsKind,
}

enum TsKind {
    Interface(Vec<TsField>),
    Enum(Vec<TsEnumMember>),
    TaggedUnion {
        tag: String,
        variants: Vec<TsVariant>,
    },
    ShapeUnion(Vec<TsVariant>),
    Alias {
        ty: String,
        decoder: String,
    },
}

struct TsField {
    key: String,
    wire: String,
    ty: String,
    optional: bool,
    doc: String,
    decoder: String,
}

struct TsEnumMember {
    name: String,
    value: String,
    doc: String,
}

struct TsVariant {
    ty: String,
    decoder: String,
    /// JSON string of the tag value (tagged unions) or the shape (untagged).
    selector: String,
}

#[derive(Template)]
#[template(path = "typescript/types.ts", escape = "none")]
struct TypesFile<'a> {
    banner: &'a str,
    types: Vec<TsType>,
}

pub(super) struct Method {
    pub(super) name: String,
    pub(super) doc: String,
    pub(super) request: String,
    pub(super) response: String,
    /// The `Route` object literal: how the request travels (`route_literal`).
    pub(super) route: String,
    pub(super) stream: Option<StreamMethod>,
}

/// The streamed variant of an operation's method.
pub(super) struct StreamMethod {
    /// `openAiChatCompletionStream`.
    pub(super) name: String,
    /// The flag's property key in an object literal.
    pub(super) flag: String,
    /// The flag's wire name, for docs.
    pub(super) flag_name: String,
    /// The event type's name.
    pub(super) event: String,
    /// The data that ends the stream, for docs.
    pub(super) done_name: &'static str,
}

impl StreamMethod {
    pub(super) fn new(name: String, stream: &Stream) -> Self {
        Self {
            name,
            flag: property_key(&stream.flag),
            flag_name: stream.flag.clone(),
            event: stream.event.clone(),
            done_name: client::STREAM_DONE,
        }
    }
}

#[derive(Template)]
#[template(path = "typescript/client.ts", escape = "none")]
struct ClientFile<'a> {
    banner: &'a str,
    class_name: String,
    /// The default base URL as a string literal, when the schema names one.
    base_url: Option<String>,
    has_response_status: bool,
    has_streams: bool,
    stream_suffix: &'static str,
    max_retries: u32,
    methods: Vec<Method>,
}

/// The client policy of `client.rs`, as the transport's constants.
pub(super) struct HttpPolicy {
    pub(super) timeout_ms: u64,
    pub(super) timeout_minutes: u64,
    pub(super) max_retries: u32,
    pub(super) initial_backoff_ms: u64,
    pub(super) max_backoff_ms: u64,
    pub(super) jitter: f64,
    pub(super) max_retry_after_ms: u64,
    pub(super) stream_done: String,
    pub(super) request_id_header: String,
    pub(super) request_id_name: &'static str,
}

impl HttpPolicy {
    pub(super) fn new() -> Self {
        Self {
            timeout_ms: client::DEFAULT_TIMEOUT_SECONDS * 1000,
            timeout_minutes: client::DEFAULT_TIMEOUT_SECONDS / 60,
            max_retries: client::MAX_RETRIES,
            initial_backoff_ms: client::INITIAL_BACKOFF_MS,
            max_backoff_ms: client::MAX_BACKOFF_MS,
            jitter: client::JITTER,
            max_retry_after_ms: client::MAX_RETRY_AFTER_MS,
            stream_done: json_string(client::STREAM_DONE),
            request_id_header: json_string(client::REQUEST_ID_HEADER),
            request_id_name: client::REQUEST_ID_HEADER,
        }
    }
}

#[derive(Template)]
#[template(path = "typescript/http.ts", escape = "none")]
struct HttpRuntime<'a> {
    banner: &'a str,
    p: HttpPolicy,
}

impl<'a> HttpRuntime<'a> {
    fn new(banner: &'a str) -> Self {
        Self {
            banner,
            p: HttpPolicy::new(),
        }
    }
}

/// What package.json and the README show; the JavaScript package shares it.
pub(super) struct PackageFiles<'a> {
    pub(super) name: String,
    pub(super) version: String,
    pub(super) description: Option<String>,
    /// npm's `license`, `author`, `contributors`, `repository` and `homepage`, JSON-escaped.
    pub(super) license: Option<String>,
    pub(super) author: Option<String>,
    pub(super) contributors: Vec<String>,
    pub(super) repository: Option<String>,
    pub(super) homepage: Option<String>,
    pub(super) title: &'a str,
    pub(super) client_class: &'a str,
    /// The first client method, for the README's example.
    pub(super) example: Option<String>,
    /// A schema without operations gets types only: a client would have no methods.
    pub(super) has_client: bool,
    /// A streamed chat operation (its request has `messages` and `tools`), for the README's chat example.
    pub(super) chat: Option<ChatExample>,
    /// The client policy, for the README.
    pub(super) policy: HttpPolicy,
}

/// The README's chat example: the plain and the streamed method of a chat operation.
pub(super) struct ChatExample {
    pub(super) method: String,
    pub(super) stream_method: String,
    pub(super) request: String,
    pub(super) event: String,
}

impl<'a> PackageFiles<'a> {
    /// `language` is the backend whose npm name the manifest carries.
    pub(super) fn new(model: &'a Model, client_class: &'a str, language: &str) -> Self {
        let publish = Publish::new(model);
        let names = method_names(model);
        Self {
            name: json_string(&super::identity::npm_name(&model.package, language)),
            version: json_string(&model.package.version),
            description: publish.description.map(json_string),
            license: publish.license.map(json_string),
            author: model.package.authors.first().map(|a| json_string(a)),
            contributors: model
                .package
                .authors
                .iter()
                .skip(1)
                .map(|a| json_string(a))
                .collect(),
            repository: publish.npm_repository().as_deref().map(json_string),
            homepage: publish.homepage.map(json_string),
            title: &model.package.title,
            client_class,
            example: names.first().map(|(name, _)| name.clone()),
            has_client: !model.operations.is_empty(),
            chat: model
                .operations
                .iter()
                .zip(&names)
                .find_map(|(op, (method, stream_method))| {
                    let stream = op.stream.as_ref()?;
                    let TypeKind::Struct(request) = &model.get(&op.request)?.kind else {
                        return None;
                    };
                    let has = |name: &str| request.fields.iter().any(|f| f.wire_name == name);
                    (has("messages") && has("tools")).then(|| ChatExample {
                        stream_method: stream_method.clone().unwrap_or_default(),
                        method: method.clone(),
                        request: op.request.clone(),
                        event: stream.event.clone(),
                    })
                }),
            policy: HttpPolicy::new(),
        }
    }
}

#[derive(Template)]
#[template(path = "typescript/package.json", escape = "none")]
struct PackageJson<'a> {
    p: &'a PackageFiles<'a>,
}

#[derive(Template)]
#[template(path = "typescript/README.md", escape = "none")]
struct Readme<'a> {
    p: &'a PackageFiles<'a>,
}

#[derive(Template)]
#[template(path = "typescript/tsconfig.json", escape = "none")]
struct TsConfig;

#[derive(Template)]
#[template(path = "typescript/json.ts", escape = "none")]
struct JsonRuntime<'a> {
    banner: &'a str,
}

#[derive(Template)]
#[template(path = "typescript/index.ts", escape = "none")]
struct Index<'a> {
    banner: &'a str,
    has_client: bool,
}

/// Each operation's method name and, when it streams, its streamed twin's:
/// `op.name` in lowerCamelCase, unique among themselves and the client's own
/// members. Stream names are taken after every plain one's, so a plain method
/// never changes name because another operation streams. TypeScript and
/// JavaScript share them.
/// What the package root exports besides the schema's types (`src/index.ts`
/// re-exports the runtime): a schema type of the same name is renamed.
pub(super) fn runtime_exports(client: &str) -> Vec<String> {
    let fixed = [
        "ApiError",
        "ApiConnectionError",
        "ApiTimeoutError",
        "ClientOptions",
        "RequestOptions",
        "DEFAULT_TIMEOUT_MS",
        "DEFAULT_MAX_RETRIES",
        "ErrorDetails",
        "Prepared",
        "Route",
        "prepareRoute",
        "Transport",
        "retryable",
        "retryDelay",
        "SseParser",
        "ErrorStatus",
        "DecodeError",
        "Decoder",
        "JsonValue",
    ];
    let mut names: Vec<String> = fixed.iter().map(|name| (*name).to_owned()).collect();
    names.push(client.to_owned());
    names.push(format!("{client}Error"));
    names
}

pub(super) fn method_names(model: &Model) -> Vec<(String, Option<String>)> {
    let mut used: NameSet = CLIENT_MEMBERS.iter().copied().collect();
    let plain: Vec<String> = model
        .operations
        .iter()
        .map(|op| {
            unique(
                digit_safe(op.name.to_lower_camel_case(), "op", "call"),
                &mut used,
            )
        })
        .collect();
    model
        .operations
        .iter()
        .zip(plain)
        .map(|(op, name)| {
            let stream = op
                .stream
                .as_ref()
                .map(|_| unique(format!("{name}{}", client::STREAM_SUFFIX), &mut used));
            (name, stream)
        })
        .collect()
}

/// What the client class defines itself, so no operation's method takes it.
const CLIENT_MEMBERS: [&str; 4] = ["constructor", "baseUrl", "bearerToken", "toString"];

/// The `Route` object literal of an operation (see `http.ts`): the path's
/// text and `{ param }` pieces, the query and header parameters, and the body
/// (omitted: the fields that are not parameters; `{ field }`: one field's
/// value; `null`: none). TypeScript and JavaScript share it.
pub(super) fn route_literal(op: &Operation) -> String {
    let list = |names: Vec<&str>| {
        names
            .into_iter()
            .map(json_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let path: Vec<String> = client::path_segments(&op.path)
        .into_iter()
        .map(|segment| match segment {
            PathSegment::Literal(text) => json_string(text),
            PathSegment::Param(name) => format!("{{ param: {} }}", json_string(name)),
        })
        .collect();
    let mut parts = vec![
        format!("method: {}", json_string(&op.method)),
        format!("path: [{}]", path.join(", ")),
    ];
    let query = client::params_at(op, ParamLocation::Query);
    if !query.is_empty() {
        parts.push(format!("query: [{}]", list(query)));
    }
    let headers = client::params_at(op, ParamLocation::Header);
    if !headers.is_empty() {
        parts.push(format!("headers: [{}]", list(headers)));
    }
    match &op.body {
        Body::Fields => {}
        Body::Field(name) => parts.push(format!("body: {{ field: {} }}", json_string(name))),
        Body::None => parts.push("body: null".to_owned()),
    }
    format!("{{ {} }}", parts.join(", "))
}

fn view_type(model: &Model, def: &TypeDef) -> TsType {
    let kind = match &def.kind {
        TypeKind::Struct(s) => TsKind::Interface(
            s.fields
                .iter()
                .map(|field| TsField {
                    key: property_key(&field.wire_name),
                    wire: json_string(&field.wire_name),
                    ty: type_expr(&declared_type(field)),
                    optional: !field.required,
                    doc: block_comment(field_doc(field).as_deref(), field.deprecated, "  "),
                    decoder: decoder_expr(&decoded_type(field)),
                })
                .collect(),
        ),
        TypeKind::Enum(e) => {
            let mut used = NameSet::default();
            TsKind::Enum(
                e.values
                    .iter()
                    .map(|value| {
                        let name = unique(enum_member_name(&value.value), &mut used);
                        TsEnumMember {
                            name,
                            value: json_string(&value.value),
                            doc: block_comment(value.description.as_deref(), false, "  "),
                        }
                    })
                    .collect(),
            )
        }
        TypeKind::Union(union) => {
            let variants = union.variants.iter().map(|variant| TsVariant {
                ty: type_expr(&variant.ty),
                decoder: decoder_expr(&variant.ty),
                selector: match &variant.tag {
                    Some(tag) => json_string(tag),
                    None => json_string(shape_name(model.shape_of(&variant.ty))),
                },
            });
            match &union.discriminator {
                Some(tag) => TsKind::TaggedUnion {
                    tag: json_string(tag),
                    variants: variants.collect(),
                },
                None => TsKind::ShapeUnion(variants.collect()),
            }
        }
        TypeKind::Alias(ty) => TsKind::Alias {
            ty: type_expr(ty),
            decoder: decoder_expr(ty),
        },
    };
    TsType {
        name: def.name.clone(),
        doc: block_comment(def.description.as_deref(), def.deprecated, ""),
        kind,
    }
}

/// The type a field is declared with: `T | null` wherever the schema admits
/// `null`, optional fields included (`field?: T | null`).
pub(super) fn declared_type(field: &Field) -> TypeRef {
    match &field.ty {
        TypeRef::Nullable(_) => field.ty.clone(),
        ty if field.nullable => TypeRef::Nullable(Box::new(ty.clone())),
        ty => ty.clone(),
    }
}

/// The type a field's decoder reads: an optional field reads `null` as absent
/// (so its decoder never sees it), a required nullable one keeps its `null`.
pub(super) fn decoded_type(field: &Field) -> TypeRef {
    if field.required {
        declared_type(field)
    } else {
        field.ty.clone()
    }
}

/// The TypeScript type of a reference.
pub(super) fn type_expr(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String | TypeRef::DateTime => "string".to_owned(),
        TypeRef::Bool => "boolean".to_owned(),
        TypeRef::Int32 | TypeRef::Int64 | TypeRef::Float64 => "number".to_owned(),
        TypeRef::Literal(value) => json_string(value),
        TypeRef::List(item) => match item.as_ref() {
            TypeRef::Nullable(_) => format!("Array<{}>", type_expr(item)),
            _ => format!("{}[]", type_expr(item)),
        },
        TypeRef::Map(value) => format!("{{ [key: string]: {} }}", type_expr(value)),
        TypeRef::Named(name) => name.clone(),
        TypeRef::Any => "json.JsonValue".to_owned(),
        TypeRef::Nullable(inner) => format!("{} | null", type_expr(inner)),
    }
}

/// An expression of type `json.Decoder<T>` for a reference.
pub(super) fn decoder_expr(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String | TypeRef::DateTime => "json.string".to_owned(),
        TypeRef::Bool => "json.boolean".to_owned(),
        TypeRef::Int32 => "json.integer".to_owned(),
        TypeRef::Int64 => "json.int64".to_owned(),
        TypeRef::Float64 => "json.number".to_owned(),
        TypeRef::Literal(value) => format!("json.literal({})", json_string(value)),
        TypeRef::List(item) => format!("json.list({})", decoder_expr(item)),
        TypeRef::Map(value) => format!("json.map({})", decoder_expr(value)),
        TypeRef::Named(name) => format!("decode{name}"),
        TypeRef::Any => "json.any".to_owned(),
        TypeRef::Nullable(inner) => format!("json.nullable({})", decoder_expr(inner)),
    }
}

/// A property name: bare when it is an identifier, quoted otherwise.
pub(super) fn property_key(wire: &str) -> String {
    let mut chars = wire.chars();
    let identifier = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if identifier {
        wire.to_owned()
    } else {
        json_string(wire)
    }
}

pub(super) fn enum_member_name(value: &str) -> String {
    let name = ascii_words(value).to_upper_camel_case();
    digit_safe(name, "V", "Empty")
}
