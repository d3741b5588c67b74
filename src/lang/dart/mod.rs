//! Dart: null-safe classes with hand-written `fromJson`/`toJson` (no code
//! generation step), sealed classes for unions, open enums as classes
//! wrapping the string, free JSON as `Object?`, and a `package:http` client.

mod names;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use askama::Template;

use super::doc::{clean, field_doc, line_comment};
use super::ident::{json_string, shape_name, unique, NameSet, Within};
use super::identity::setting_or;
use super::publish::Publish;
use super::rename::avoid_reserved;
use super::{banner, client, Backend, GeneratedFile};
use crate::model::{
    Body, Field, Model, Operation, ParamLocation, Shape, TypeDef, TypeKind, TypeRef,
};
use names::{
    dart_string, enum_member_name, escape, member_name, package_name, CLIENT_NAMES, CODE_NAMES,
    OBJECT_MEMBERS,
};

pub struct Dart;

/// The member of every class holding the properties the schema does not know.
const EXTRA: &str = "extra";

impl Backend for Dart {
    fn name(&self) -> &'static str {
        "dart"
    }

    fn aliases(&self) -> &'static [&'static str] {
        &[]
    }

    fn verification(&self) -> &'static str {
        "parse: tree-sitter-dart (no compiler on this machine)"
    }

    fn generate(&self, model: &Model) -> Result<Vec<GeneratedFile>, askama::Error> {
        let banner = banner(model);
        let client_name = super::client_name(model);
        let model = &*rename_reserved(model, &client_name);
        let cx = Context::new(model);
        let types: Vec<DartType> = model.types.iter().map(|def| cx.view_type(def)).collect();
        let response_status = super::response_status(model);
        let names = method_names(model);
        let client = ClientFile {
            banner: &banner,
            name: client_name.clone(),
            error_status: match response_status {
                Some(_) => "ResponseStatus".to_owned(),
                None => "Object".to_owned(),
            },
            has_response_status: response_status.is_some(),
            has_status_message: super::response_status_message(model).is_some(),
            timeout_seconds: client::DEFAULT_TIMEOUT_SECONDS,
            max_retries: client::MAX_RETRIES,
            initial_backoff_ms: client::INITIAL_BACKOFF_MS,
            max_backoff_ms: client::MAX_BACKOFF_MS,
            jitter: client::JITTER,
            max_retry_after_ms: client::MAX_RETRY_AFTER_MS,
            stream_done: dart_string(client::STREAM_DONE),
            stream_done_raw: client::STREAM_DONE,
            request_id_header: dart_string(client::REQUEST_ID_HEADER),
            request_id_header_raw: client::REQUEST_ID_HEADER,
            base_url: model.base_url.as_deref().map(dart_string),
            methods: model
                .operations
                .iter()
                .zip(&names)
                .map(|(op, (name, stream_name))| {
                    let response = TypeRef::Named(op.response.clone());
                    let stream = op.stream.as_ref().zip(stream_name.as_ref()).map(
                        |(stream, stream_name)| StreamMethod {
                            name: stream_name.clone(),
                            flag: dart_string(&stream.flag),
                            flag_doc: format!("`{}`", stream.flag),
                            event: stream.event.clone(),
                            decode: cx.decoder(&TypeRef::Named(stream.event.clone())),
                        },
                    );
                    Method {
                        stream,
                        name: name.clone(),
                        doc: doc(op.description.as_deref(), false, "  "),
                        request: op.request.clone(),
                        response: op.response.clone(),
                        route: route_literal(op),
                        decode: cx.decoder(&response),
                    }
                })
                .collect(),
        };
        let has_client = !client.methods.is_empty();
        let package = setting_or(&model.package, "dart", "name", || {
            package_name(&model.package.name)
        });
        let publish = Publish::new(model);
        let manifest = PackageFiles {
            name: package.clone(),
            version: model.package.version.clone(),
            description: publish.description.map(json_string),
            repository: publish.repository.map(json_string),
            homepage: publish.homepage.map(json_string),
            title: model.package.title.clone(),
            client: client_name,
            has_client,
            example: names.first().map(|(name, _)| name.clone()),
            chat_example: chat_example(model),
        };
        let mut files = vec![
            GeneratedFile::new("pubspec.yaml", Pubspec { p: &manifest }.render()?),
            GeneratedFile::new("README.md", Readme { p: &manifest }.render()?),
            GeneratedFile::new(
                format!("lib/{package}.dart"),
                Library {
                    banner: &banner,
                    has_client,
                }
                .render()?,
            ),
            GeneratedFile::new("lib/src/json.dart", JsonFile { banner: &banner }.render()?),
            GeneratedFile::new(
                "lib/src/types.dart",
                TypesFile {
                    banner: &banner,
                    types,
                }
                .render()?,
            ),
        ];
        if has_client {
            files.push(GeneratedFile::new("lib/src/client.dart", client.render()?));
        }
        Ok(files)
    }
}

struct DartType {
    name: String,
    doc: String,
    /// ` implements A, B` for the sealed unions this type is a variant of.
    implements: String,
    kind: DartKind,
}

enum DartKind {
    Class(DartClass),
    Enum(Vec<EnumMember>),
    TaggedUnion {
        /// Dart string literal of the discriminator property.
        tag: String,
        cases: Vec<UnionCase>,
        wrappers: Vec<Wrapper>,
        /// Dart string literal of the unknown-tag message.
        unknown: String,
    },
    ShapeUnion {
        cases: Vec<UnionCase>,
        wrappers: Vec<Wrapper>,
        /// Dart string literal of the no-shape-matched message; None when a
        /// case matches any value.
        unmatched: Option<String>,
    },
    Alias(String),
}

struct DartClass {
    fields: Vec<DartField>,
    /// `const` values the JSON must carry.
    checks: Vec<Check>,
}

/// Dart literals of a `const` property's wire name, value and mismatch message.
struct Check {
    wire: String,
    value: String,
    message: String,
}

struct DartField {
    name: String,
    doc: String,
    /// The value of a `const` property: a getter, not a constructor parameter.
    literal: Option<String>,
    ty: String,
    /// The constructor parameter (`required this.x` or `this.x`).
    param: String,
    /// The named argument of `fromJson`'s constructor call.
    decode: String,
    /// The map entry of `toJson`.
    encode: String,
    /// Dart string literal of the wire name.
    wire: String,
}

struct EnumMember {
    name: String,
    value: String,
    doc: String,
}

struct UnionCase {
    /// The tag literal (tagged), the type pattern (untagged) or `default`.
    selector: String,
    /// The value returned for this case.
    value: String,
}

/// A subclass wrapping a variant that is not a generated class.
struct Wrapper {
    name: String,
    doc: String,
    ty: String,
    encode: String,
}

#[derive(Template)]
#[template(path = "dart/json.dart", escape = "none")]
struct JsonFile<'a> {
    banner: &'a str,
}

#[derive(Template)]
#[template(path = "dart/types.dart", escape = "none")]
struct TypesFile<'a> {
    banner: &'a str,
    types: Vec<DartType>,
}

/// Each operation's method name and its streamed twin's: `op.name` in
/// lowerCamelCase, escaped, unique among themselves and the client's own
/// members; stream names are taken after every plain one's.
fn method_names(model: &Model) -> Vec<(String, Option<String>)> {
    let mut used: NameSet = [
        "baseUrl",
        "bearerToken",
        "timeout",
        "maxRetries",
        "close",
        "defaultTimeout",
        "defaultMaxRetries",
        "defaultBaseUrl",
        "hashCode",
        "runtimeType",
        "toString",
        "noSuchMethod",
    ]
    .into_iter()
    .chain(CODE_NAMES.iter().copied())
    .chain(CLIENT_NAMES.iter().copied())
    .collect();
    let plain: Vec<String> = model
        .operations
        .iter()
        .map(|op| escape(&unique(member_name(&op.name), &mut used)))
        .collect();
    model
        .operations
        .iter()
        .zip(plain)
        .map(|(op, name)| {
            let stream = op.stream.as_ref().map(|_| {
                let base = name.trim_end_matches('$');
                escape(&unique(
                    format!("{base}{}", client::STREAM_SUFFIX),
                    &mut used,
                ))
            });
            (name, stream)
        })
        .collect()
}

/// `const _Route(…)`: the method, the path's text and parameters alternating,
/// the query and header parameters and the body (default `[]`: the fields
/// that are not parameters; `['name']`: that field; `null`: none).
fn route_literal(op: &Operation) -> String {
    let list = |names: &[&str]| {
        format!(
            "[{}]",
            names
                .iter()
                .map(|n| dart_string(n))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let mut args = vec![dart_string(&op.method), list(&client::route(op).path)];
    let query = client::params_at(op, ParamLocation::Query);
    if !query.is_empty() {
        args.push(format!("query: {}", list(&query)));
    }
    let headers = client::params_at(op, ParamLocation::Header);
    if !headers.is_empty() {
        args.push(format!("headers: {}", list(&headers)));
    }
    match &op.body {
        Body::Fields => {}
        Body::Field(name) => args.push(format!("body: {}", list(&[name.as_str()]))),
        Body::None => args.push("body: null".to_owned()),
    }
    format!("const _Route({})", args.join(", "))
}

struct Method {
    name: String,
    doc: String,
    request: String,
    response: String,
    /// The `const _Route(…)` expression: how the request travels.
    route: String,
    /// The function decoding the response (`T Function(Object? json)`).
    decode: String,
    /// The streamed variant, for an operation that streams.
    stream: Option<StreamMethod>,
}

struct StreamMethod {
    name: String,
    /// Dart string literal of the flag's wire name, and the name for docs.
    flag: String,
    flag_doc: String,
    event: String,
    /// The function decoding one event's data.
    decode: String,
}

#[derive(Template)]
#[template(path = "dart/client.dart", escape = "none")]
struct ClientFile<'a> {
    banner: &'a str,
    name: String,
    /// The default base URL as a Dart string literal, when the schema names one.
    base_url: Option<String>,
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

#[derive(Template)]
#[template(path = "dart/library.dart", escape = "none")]
struct Library<'a> {
    banner: &'a str,
    has_client: bool,
}

struct PackageFiles {
    name: String,
    version: String,
    /// YAML double-quoted scalars (JSON strings are valid ones). pubspec has
    /// no license field: pub.dev reads the LICENSE file.
    description: Option<String>,
    repository: Option<String>,
    homepage: Option<String>,
    title: String,
    client: String,
    has_client: bool,
    example: Option<String>,
    /// Whether the built-in chat types are there for the README's complete example.
    chat_example: bool,
}

#[derive(Template)]
#[template(path = "dart/pubspec.yaml", escape = "none")]
struct Pubspec<'a> {
    p: &'a PackageFiles,
}

#[derive(Template)]
#[template(path = "dart/README.md", escape = "none")]
struct Readme<'a> {
    p: &'a PackageFiles,
}

/// Type names the generated code relies on (dart:core, dart:async,
/// dart:convert, dart:math and the package's own); the
/// `reserved_types_cover_what_the_code_uses` test keeps the list complete.
const RESERVED_TYPES: &[&str] = &[
    "ApiException",
    "ArgumentError",
    "Completer",
    "DateTime",
    "DecodeException",
    "Deprecated",
    "Duration",
    "Enum",
    "Error",
    "ErrorStatus",
    "Exception",
    "FormatException",
    "Function",
    "Future",
    "Iterable",
    "LineSplitter",
    "List",
    "Map",
    "MapEntry",
    "Never",
    "Null",
    "Object",
    "Random",
    "Record",
    "RegExp",
    "Set",
    "StackTrace",
    "Stream",
    "StreamController",
    "String",
    "StringBuffer",
    "Timer",
    "Type",
    "Uri",
];

/// `model` with every type named like one the generated code uses (`String`,
/// `Future`, `Deprecated`, the client, …) renamed (`String2`), every
/// reference included: a library's own declaration wins over dart:core's, so
/// the code's own `String` fields would otherwise become the schema's class.
fn rename_reserved<'m>(model: &'m Model, client_name: &str) -> Cow<'m, Model> {
    let mut reserved = RESERVED_TYPES.to_vec();
    reserved.push(client_name);
    avoid_reserved(model, &reserved)
}

/// What the type renderers need to know about the model.
struct Context<'m> {
    model: &'m Model,
    /// Every model type name and every reserved one: what a wrapper class
    /// must not be named.
    type_names: BTreeSet<String>,
    /// For each type, the unions it is a variant of (and so implements).
    unions_of: BTreeMap<&'m str, Vec<&'m str>>,
}

impl<'m> Context<'m> {
    fn new(model: &'m Model) -> Self {
        let mut unions_of: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for def in &model.types {
            if let TypeKind::Union(union) = &def.kind {
                for variant in &union.variants {
                    if let TypeRef::Named(name) = &variant.ty {
                        let is_class = matches!(
                            model.get(name).map(|d| &d.kind),
                            Some(TypeKind::Struct(_) | TypeKind::Enum(_) | TypeKind::Union(_))
                        );
                        let unions = unions_of.entry(name.as_str()).or_default();
                        if is_class && name != &def.name && !unions.contains(&def.name.as_str()) {
                            unions.push(&def.name);
                        }
                    }
                }
            }
        }
        Self {
            model,
            type_names: model
                .types
                .iter()
                .map(|d| d.name.clone())
                .chain(RESERVED_TYPES.iter().map(|s| s.to_string()))
                .chain([super::client_name(model)])
                .collect(),
            unions_of,
        }
    }

    fn implements(&self, def: &TypeDef) -> bool {
        self.unions_of
            .get(def.name.as_str())
            .is_some_and(|u| !u.is_empty())
    }

    fn view_type(&self, def: &TypeDef) -> DartType {
        let name = def.name.clone();
        let kind = match &def.kind {
            TypeKind::Struct(s) => self.view_class(&name, &s.fields),
            TypeKind::Enum(e) => {
                let mut used: NameSet = ["value", "values"].into_iter().collect();
                used.extend(OBJECT_MEMBERS.iter().map(|s| s.to_string()));
                used.extend(CODE_NAMES.iter().map(|s| s.to_string()));
                DartKind::Enum(
                    e.values
                        .iter()
                        .map(|value| EnumMember {
                            name: escape(&unique(enum_member_name(&value.value), &mut used)),
                            value: dart_string(&value.value),
                            doc: doc(value.description.as_deref(), false, "  "),
                        })
                        .collect(),
                )
            }
            TypeKind::Union(union) => self.view_union(def, &name, union),
            TypeKind::Alias(ty) => DartKind::Alias(self.ty(ty)),
        };
        let implements = match self.unions_of.get(def.name.as_str()) {
            Some(unions) if !unions.is_empty() => {
                let names: Vec<String> = unions.iter().map(|u| u.to_string()).collect();
                format!(" implements {}", names.join(", "))
            }
            _ => String::new(),
        };
        DartType {
            name,
            doc: doc(def.description.as_deref(), def.deprecated, ""),
            implements,
            kind,
        }
    }

    fn view_class(&self, class: &str, fields: &[Field]) -> DartKind {
        let mut used: NameSet = OBJECT_MEMBERS.iter().copied().collect();
        used.extend(CODE_NAMES.iter().map(|s| s.to_string()));
        // The member keeping unknown properties is always `extra`: a schema
        // property of that name gets another member name (`extra2`).
        used.insert(EXTRA);
        let mut checks = Vec::new();
        let fields = fields
            .iter()
            .map(|field| {
                let name = escape(&unique(member_name(&field.wire_name), &mut used));
                let wire = dart_string(&field.wire_name);
                if let TypeRef::Literal(value) = &field.ty {
                    let text = field_doc(field).unwrap_or_else(|| format!("Always `{value}`."));
                    let literal = dart_string(value);
                    checks.push(Check {
                        wire: wire.clone(),
                        value: literal.clone(),
                        message: dart_string(&format!("{class}: expected {}", json_string(value))),
                    });
                    return DartField {
                        doc: doc(Some(&text), field.deprecated, "  "),
                        encode: format!("{wire}: {literal}"),
                        literal: Some(literal),
                        ty: "String".to_owned(),
                        param: String::new(),
                        decode: String::new(),
                        wire,
                        name,
                    };
                }
                let nullable = field.nullable || matches!(field.ty, TypeRef::Nullable(_));
                let inner = match &field.ty {
                    TypeRef::Nullable(inner) => inner.as_ref(),
                    ty => ty,
                };
                let optional = !field.required || nullable;
                let base = self.ty(inner);
                let ty = if optional && !base.ends_with('?') {
                    format!("{base}?")
                } else {
                    base
                };
                let encode = if !field.required {
                    let encoded = self.encode(inner, &name, false, 0);
                    if encoded == name {
                        format!("if ({name} != null) {wire}: {name}")
                    } else {
                        format!("if ({name} case final {name}?) {wire}: {encoded}")
                    }
                } else {
                    format!("{wire}: {}", self.encode(inner, &name, optional, 0))
                };
                // A required property must be present (even when it may be
                // null); an optional one may be missing or null.
                let decode = if !field.required {
                    format!("optionalProperty(json, {wire}, {})", self.decoder(inner))
                } else if nullable {
                    format!(
                        "requiredProperty(json, {wire}, decodeNullable({}))",
                        self.decoder(inner)
                    )
                } else {
                    format!("requiredProperty(json, {wire}, {})", self.decoder(inner))
                };
                DartField {
                    doc: doc(field_doc(field).as_deref(), field.deprecated, "  "),
                    param: if field.required {
                        format!("required this.{name}")
                    } else {
                        format!("this.{name}")
                    },
                    decode: format!("{name}: {decode}"),
                    encode,
                    literal: None,
                    ty,
                    wire,
                    name,
                }
            })
            .collect::<Vec<DartField>>();
        DartKind::Class(DartClass { fields, checks })
    }

    fn view_union(&self, def: &TypeDef, name: &str, union: &crate::model::Union) -> DartKind {
        let mut used = Within {
            outer: &self.type_names,
            local: NameSet::default(),
        };
        let mut wrappers = Vec::new();
        let mut cases = Vec::new();
        let mut matches_anything = false;
        for variant in &union.variants {
            // Tagged unions hand the whole object to the variant; untagged
            // ones bind the value by its JSON shape, and a variant of any
            // shape becomes the `default` (later variants are unreachable).
            let reachable = !matches_anything;
            let (selector, decoded) = match &union.discriminator {
                Some(_) => (
                    dart_string(variant.tag.as_deref().unwrap_or_default()),
                    self.decode_typed(&variant.ty, "json"),
                ),
                None => match shape_pattern(self.model.shape_of(&variant.ty)) {
                    Some(pattern) => (pattern.to_owned(), self.decode_typed(&variant.ty, "value")),
                    None => {
                        matches_anything = true;
                        (
                            "default".to_owned(),
                            format!("{}(json)", self.decoder(&variant.ty)),
                        )
                    }
                },
            };
            let direct = match &variant.ty {
                TypeRef::Named(n) => {
                    n != &def.name && self.model.get(n).is_some_and(|d| self.implements(d))
                }
                _ => false,
            };
            let value = if direct {
                decoded
            } else {
                let wrapper = unique(format!("{name}{}", variant.name), &mut used);
                wrappers.push(Wrapper {
                    doc: doc(variant.description.as_deref(), false, ""),
                    encode: self.encode(&variant.ty, "value", false, 0),
                    name: wrapper.clone(),
                    ty: self.ty(&variant.ty),
                });
                format!("{wrapper}({decoded})")
            };
            if reachable {
                cases.push(UnionCase { selector, value });
            }
        }
        match &union.discriminator {
            Some(tag) => DartKind::TaggedUnion {
                tag: dart_string(tag),
                unknown: dart_string(&format!("{}: unknown {}", def.name, json_string(tag))),
                cases,
                wrappers,
            },
            None => {
                let shapes: Vec<&str> = union
                    .variants
                    .iter()
                    .map(|v| shape_name(self.model.shape_of(&v.ty)))
                    .collect();
                DartKind::ShapeUnion {
                    cases,
                    wrappers,
                    unmatched: (!matches_anything).then(|| {
                        dart_string(&format!(
                            "expected one of {}'s shapes ({})",
                            def.name,
                            shapes.join(", ")
                        ))
                    }),
                }
            }
        }
    }

    /// The Dart type of a reference.
    fn ty(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::String | TypeRef::DateTime | TypeRef::Literal(_) => "String".to_owned(),
            TypeRef::Bool => "bool".to_owned(),
            TypeRef::Int32 | TypeRef::Int64 => "int".to_owned(),
            TypeRef::Float64 => "double".to_owned(),
            TypeRef::List(item) => format!("List<{}>", self.ty(item)),
            TypeRef::Map(value) => format!("Map<String, {}>", self.ty(value)),
            TypeRef::Named(name) => name.clone(),
            TypeRef::Any => "Object?".to_owned(),
            TypeRef::Nullable(inner) => {
                let inner = self.ty(inner);
                if inner.ends_with('?') {
                    inner
                } else {
                    format!("{inner}?")
                }
            }
        }
    }

    /// A function (`T Function(Object? json)`, from `lib/src/json.dart`)
    /// decoding a JSON value as `ty`; its errors name the path.
    fn decoder(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::String | TypeRef::DateTime | TypeRef::Literal(_) => "decodeString".to_owned(),
            TypeRef::Bool => "decodeBool".to_owned(),
            // Never a double: an int64 beyond 2^63 parses as one, and is refused.
            TypeRef::Int32 | TypeRef::Int64 => "decodeInt".to_owned(),
            TypeRef::Float64 => "decodeDouble".to_owned(),
            TypeRef::Any => "decodeAny".to_owned(),
            TypeRef::Nullable(inner) => format!("decodeNullable({})", self.decoder(inner)),
            TypeRef::List(item) => format!("decodeList({})", self.decoder(item)),
            TypeRef::Map(value) => format!("decodeMap({})", self.decoder(value)),
            TypeRef::Named(name) => {
                let Some(def) = self.model.get(name) else {
                    return "decodeAny".to_owned();
                };
                if let TypeKind::Alias(inner) = &def.kind {
                    return self.decoder(inner);
                }
                let from_json = format!("{}.fromJson", def.name);
                match input_type(def) {
                    "Map<String, dynamic>" => format!("decodeObject({from_json})"),
                    _ => from_json,
                }
            }
        }
    }

    /// An expression decoding `expr`, already of the static type its JSON
    /// shape's pattern binds (`String`, `num`, `List<dynamic>`…), as `ty`.
    fn decode_typed(&self, ty: &TypeRef, expr: &str) -> String {
        match ty {
            TypeRef::String
            | TypeRef::DateTime
            | TypeRef::Literal(_)
            | TypeRef::Bool
            | TypeRef::Int32
            | TypeRef::Int64 => expr.to_owned(),
            TypeRef::Float64 => format!("{expr}.toDouble()"),
            TypeRef::Named(name) => match self.model.get(name) {
                Some(def) => match &def.kind {
                    TypeKind::Alias(inner) => self.decode_typed(inner, expr),
                    _ => format!("{}.fromJson({expr})", def.name),
                },
                None => expr.to_owned(),
            },
            _ => format!("{}({expr})", self.decoder(ty)),
        }
    }

    /// A JSON-ready expression for `expr` of type `ty` (`?.` when `nullable`).
    fn encode(&self, ty: &TypeRef, expr: &str, nullable: bool, depth: usize) -> String {
        let q = if nullable { "?" } else { "" };
        let (e, k, v) = closure_params(depth);
        match ty {
            TypeRef::Nullable(inner) => self.encode(inner, expr, true, depth),
            TypeRef::List(item) => {
                let inner = self.encode(item, &e, false, depth + 1);
                if inner == e {
                    expr.to_owned()
                } else {
                    format!("{expr}{q}.map(({e}) => {inner}).toList()")
                }
            }
            TypeRef::Map(value) => {
                let inner = self.encode(value, &v, false, depth + 1);
                if inner == v {
                    expr.to_owned()
                } else {
                    format!("{expr}{q}.map(({k}, {v}) => MapEntry({k}, {inner}))")
                }
            }
            TypeRef::Named(name) => match self.model.get(name).map(|d| &d.kind) {
                Some(TypeKind::Alias(inner)) => self.encode(inner, expr, nullable, depth),
                Some(_) => format!("{expr}{q}.toJson()"),
                None => expr.to_owned(),
            },
            _ => expr.to_owned(),
        }
    }
}

/// Closure parameter names at a nesting depth: `e`, `k`, `v`, then `e2`….
fn closure_params(depth: usize) -> (String, String, String) {
    if depth == 0 {
        ("e".into(), "k".into(), "v".into())
    } else {
        let n = depth + 1;
        (format!("e{n}"), format!("k{n}"), format!("v{n}"))
    }
}

/// The static type a type's `fromJson` (or constructor) takes.
fn input_type(def: &TypeDef) -> &'static str {
    match &def.kind {
        TypeKind::Enum(_) => "Object?",
        TypeKind::Union(u) if u.discriminator.is_none() => "Object?",
        _ => "Map<String, dynamic>",
    }
}

/// The type pattern matching a JSON shape in a `switch` (None: any value).
fn shape_pattern(shape: Shape) -> Option<&'static str> {
    match shape {
        Shape::String => Some("String value"),
        Shape::Bool => Some("bool value"),
        Shape::Integer => Some("int value"),
        Shape::Number => Some("num value"),
        Shape::Array => Some("List<dynamic> value"),
        Shape::Object => Some("Map<String, dynamic> value"),
        Shape::Any => None,
    }
}

/// `///` doc lines, with `@Deprecated` when `deprecated`.
fn doc(text: Option<&str>, deprecated: bool, indent: &str) -> String {
    let mut out = line_comment(text.map(comment_text).as_deref(), indent, "///");
    if deprecated {
        out.push_str(&format!(
            "{indent}@Deprecated('Deprecated in the API schema.')\n"
        ));
    }
    out
}

/// Schema text for `///` lines, with a `/*` that starts a line spelled
/// `/\*` (Markdown's escape: dartdoc still shows `/*`). Dart ends a line
/// comment at the line's end whatever it holds, but tree-sitter-dart, this
/// language's only check here, opens a block comment at a `/*` that starts a
/// comment's text, and with a `*/` in a later comment it reads the code
/// between them as comment (quicktype's comment-injection schema).
fn comment_text(text: &str) -> String {
    clean(text)
        .lines()
        .map(|line| {
            let body = line.trim_start();
            match body.strip_prefix("/*") {
                Some(rest) => format!("{}/\\*{rest}", &line[..line.len() - body.len()]),
                None => line.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether the README can show the complete chat example.
fn chat_example(model: &Model) -> bool {
    super::client::chat_example(model).is_some()
}
