//! VB.NET: classes with `<JsonPropertyName>` properties for System.Text.Json
//! and an `HttpClient` client, sharing the C# backend's view of the model.
//!
//! VB cannot write System.Text.Json converters (`Utf8JsonReader` is a ref
//! struct, which VB rejects with BC30668), so where C# has converters VB has
//! plain data: open enums are `String` properties with a class of known
//! values; unions are wrapper classes that decode from and encode to a
//! `JsonNode`, and a property holding one is serialized through a hidden
//! `…Json As JsonNode` twin; aliases are written as the aliased type.

use askama::Template;

use super::dotnet::{self, DnKind, DnMethod, DnProp, DnType, Names, Syntax};
use super::{banner, Backend, GeneratedFile};
use crate::model::{Model, Shape, TypeKind, TypeRef};

pub struct VbNet;

impl Backend for VbNet {
    fn name(&self) -> &'static str {
        "vbnet"
    }

    fn aliases(&self) -> &'static [&'static str] {
        &["vb"]
    }

    fn verification(&self) -> &'static str {
        "parse: tree-sitter-vb-dotnet 0.3.0 (PyPI) in scripts/verify; no VB compiler installable"
    }

    fn generate(&self, model: &Model) -> Result<Vec<GeneratedFile>, askama::Error> {
        // A schema type named like a framework type the code uses would shadow
        // it; VB ignores case, so `URI` is renamed as well as `Uri`.
        let model = &*super::rename::avoid_reserved_ignoring_case(model, dotnet::FRAMEWORK_TYPES);
        let banner = banner(model);
        let names = Names::new(model, "vbnet");
        let models_namespace = format!("{}.Models", names.namespace);
        let serialization_namespace = format!("{}.Serialization", names.namespace);
        let methods = dotnet::methods(&Vb, model, "        ");
        let package = dotnet::Package::new(model, &names, &methods);
        let has_client = package.has_client;
        let policy = dotnet::Policy::new(|text| Vb.string_literal(text));
        let mut files = vec![
            GeneratedFile::new(
                format!("{}.vbproj", names.package_id),
                Vbproj { p: &package }.render()?,
            ),
            GeneratedFile::new("README.md", Readme { p: &package }.render()?),
            GeneratedFile::new(
                "src/Serialization/JsonNodes.vb",
                JsonNodes {
                    banner: &banner,
                    namespace: &serialization_namespace,
                }
                .render()?,
            ),
        ];
        let pragma = model.types.iter().any(|def| def.deprecated);
        for (t, def) in dotnet::types(&Vb, model).into_iter().zip(&model.types) {
            if matches!(def.kind, TypeKind::Alias(_)) {
                continue;
            }
            let props = match (&t.kind, &def.kind) {
                (DnKind::Class(props), TypeKind::Struct(s)) => {
                    let mut used: dotnet::DnNames = props.iter().map(|p| p.name.as_str()).collect();
                    used.insert(&t.extension);
                    props
                        .iter()
                        .zip(&s.fields)
                        .map(|(p, field)| VbProp {
                            known_values: enum_of(model, &field.ty),
                            node: contains_union(model, &field.ty).then(|| NodeTwin {
                                name: dotnet::unique(
                                    format!("{}Json", p.name.trim_matches(['[', ']'])),
                                    &mut used,
                                    true,
                                ),
                                to_node: to_node(model, &field.ty, &format!("Me.{}", p.name)),
                                from_node: from_node(model, &field.ty, "json"),
                            }),
                            p,
                        })
                        .collect()
                }
                _ => Vec::new(),
            };
            let conversions = match (&t.kind, &def.kind) {
                (DnKind::Union(u), TypeKind::Union(union)) => u
                    .variants
                    .iter()
                    .zip(&union.variants)
                    .map(|(v, variant)| {
                        let ty = match &variant.ty {
                            TypeRef::Nullable(inner) => inner.as_ref(),
                            ty => ty,
                        };
                        Conversion {
                            from_node: from_node(model, ty, "node"),
                            to_node: to_node(model, ty, &format!("DirectCast(_value, {})", v.ty)),
                        }
                    })
                    .collect(),
                _ => Vec::new(),
            };
            let usings = imports(&t, &props, &serialization_namespace);
            let file = ModelFile {
                banner: &banner,
                pragma,
                namespace: &models_namespace,
                usings,
                t: &t,
                props,
                conversions,
            };
            files.push(GeneratedFile::new(
                format!("src/Models/{}.vb", t.file),
                file.render()?,
            ));
        }
        if has_client {
            files.push(GeneratedFile::new(
                format!("src/{}.vb", names.client_class),
                ClientFile {
                    banner: &banner,
                    base_url: model.base_url.as_deref().map(|url| Vb.string_literal(url)),
                    pragma,
                    names: &names,
                    title: super::doc::one_line(&package.title),
                    models_namespace: &models_namespace,
                    methods,
                    policy: &policy,
                    retryable: policy.retryable("OrElse", ">=", "="),
                }
                .render()?,
            ));
            files.push(GeneratedFile::new(
                format!("src/{}.vb", names.exception_class),
                ExceptionFile {
                    banner: &banner,
                    pragma,
                    names: &names,
                    models_namespace: &models_namespace,
                    has_response_status: super::response_status(model).is_some(),
                }
                .render()?,
            ));
        }
        Ok(files)
    }
}

/// The VB spelling of the shared .NET view.
struct Vb;

/// VB reserved words (case-insensitive); escaped as `[Name]`.
const KEYWORDS: &[&str] = &[
    "addhandler",
    "addressof",
    "alias",
    "and",
    "andalso",
    "as",
    "boolean",
    "byref",
    "byte",
    "byval",
    "call",
    "case",
    "catch",
    "cbool",
    "cbyte",
    "cchar",
    "cdate",
    "cdbl",
    "cdec",
    "char",
    "cint",
    "class",
    "clng",
    "cobj",
    "const",
    "continue",
    "csbyte",
    "cshort",
    "csng",
    "cstr",
    "ctype",
    "cuint",
    "culng",
    "cushort",
    "date",
    "decimal",
    "declare",
    "default",
    "delegate",
    "dim",
    "directcast",
    "do",
    "double",
    "each",
    "else",
    "elseif",
    "end",
    "endif",
    "enum",
    "erase",
    "error",
    "event",
    "exit",
    "false",
    "finally",
    "for",
    "friend",
    "function",
    "get",
    "gettype",
    "getxmlnamespace",
    "global",
    "gosub",
    "goto",
    "handles",
    "if",
    "implements",
    "imports",
    "in",
    "inherits",
    "integer",
    "interface",
    "is",
    "isnot",
    "let",
    "lib",
    "like",
    "long",
    "loop",
    "me",
    "mod",
    "module",
    "mustinherit",
    "mustoverride",
    "mybase",
    "myclass",
    "nameof",
    "namespace",
    "narrowing",
    "new",
    "next",
    "not",
    "nothing",
    "notinheritable",
    "notoverridable",
    "object",
    "of",
    "on",
    "operator",
    "option",
    "optional",
    "or",
    "orelse",
    "out",
    "overloads",
    "overridable",
    "overrides",
    "paramarray",
    "partial",
    "private",
    "property",
    "protected",
    "public",
    "raiseevent",
    "readonly",
    "redim",
    "rem",
    "removehandler",
    "resume",
    "return",
    "sbyte",
    "select",
    "set",
    "shadows",
    "shared",
    "short",
    "single",
    "static",
    "step",
    "stop",
    "string",
    "structure",
    "sub",
    "synclock",
    "then",
    "throw",
    "to",
    "true",
    "try",
    "trycast",
    "typeof",
    "uinteger",
    "ulong",
    "ushort",
    "using",
    "variant",
    "wend",
    "when",
    "while",
    "widening",
    "with",
    "withevents",
    "writeonly",
    "xor",
];

/// Contextual keywords that are legal names but that tree-sitter-vb-dotnet,
/// this language's only check here, reads as keywords where an expression
/// names the type (`DirectCast(value, Async)`); escaped like reserved words,
/// which VB allows for any name (quicktype's keyword-unions schema).
const CONTEXTUAL_KEYWORDS: &[&str] = &["async", "await", "from", "iterator"];

impl Syntax for Vb {
    const CASE_INSENSITIVE: bool = true;
    const ENUMS_AS_STRINGS: bool = true;
    const INLINE_ALIASES: bool = true;

    fn escape(&self, name: &str) -> String {
        let lower = name.to_lowercase();
        if KEYWORDS.contains(&lower.as_str()) || CONTEXTUAL_KEYWORDS.contains(&lower.as_str()) {
            format!("[{name}]")
        } else {
            name.to_owned()
        }
    }

    fn string_literal(&self, text: &str) -> String {
        // VB strings have no escapes: quotes double, control characters join in with ChrW.
        let mut parts: Vec<String> = Vec::new();
        let mut current = String::new();
        for c in text.chars() {
            if c.is_control() || super::doc::is_hidden(c) {
                parts.push(format!("\"{current}\""));
                current.clear();
                parts.push(format!("ChrW({})", c as u32));
            } else if c == '"' {
                current.push_str("\"\"");
            } else {
                current.push(c);
            }
        }
        if !current.is_empty() || parts.is_empty() {
            parts.push(format!("\"{current}\""));
        }
        parts.retain(|part| part != "\"\"" || text.is_empty());
        parts.join(" & ")
    }

    fn list(&self, item: &str) -> String {
        format!("List(Of {item})")
    }

    fn map(&self, value: &str) -> String {
        format!("Dictionary(Of String, {value})")
    }

    fn nullable(&self, ty: &str, value_type: bool) -> String {
        // Reference types are already nullable in VB.
        if value_type {
            format!("{ty}?")
        } else {
            ty.to_owned()
        }
    }

    fn primitive(&self, ty: &TypeRef) -> &'static str {
        match ty {
            TypeRef::Bool => "Boolean",
            TypeRef::Int32 => "Integer",
            TypeRef::Int64 => "Long",
            TypeRef::Float64 => "Double",
            TypeRef::Any => "JsonNode",
            _ => "String",
        }
    }

    fn shape_test(&self, shape: Shape) -> Option<String> {
        let kind = |kind: &str| format!("kind = JsonValueKind.{kind}");
        Some(match shape {
            Shape::String => kind("String"),
            Shape::Bool => format!("{} OrElse {}", kind("True"), kind("False")),
            Shape::Integer => "JsonNodes.IsInteger(node)".to_owned(),
            Shape::Number => kind("Number"),
            Shape::Array => kind("Array"),
            Shape::Object => kind("Object"),
            Shape::Any => return None,
        })
    }

    fn doc(&self, text: Option<&str>, indent: &str) -> String {
        dotnet::summary(text, indent, "'''")
    }
}

/// Whether values of `ty` hold a union somewhere outside a struct (then they
/// need the union's own JSON conversion).
fn contains_union(model: &Model, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            contains_union(model, inner)
        }
        TypeRef::Named(name) => match model.get(name).map(|def| &def.kind) {
            Some(TypeKind::Union(_)) => true,
            Some(TypeKind::Alias(target)) => contains_union(model, target),
            _ => false,
        },
        _ => false,
    }
}

/// The open enum a (list or map of) string property stands for.
fn enum_of(model: &Model, ty: &TypeRef) -> Option<String> {
    match ty {
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            enum_of(model, inner)
        }
        TypeRef::Named(name) => match model.get(name).map(|def| &def.kind) {
            Some(TypeKind::Enum(_)) => Some(name.clone()),
            Some(TypeKind::Alias(target)) => enum_of(model, target),
            _ => None,
        },
        _ => None,
    }
}

/// A VB expression turning `value` (a non-null `JsonNode`) into a `ty`.
fn from_node(model: &Model, ty: &TypeRef, value: &str) -> String {
    let rendered = dotnet::render_slot(&Vb, model, ty).ty;
    match ty {
        TypeRef::Nullable(inner) => from_node(model, inner, value),
        TypeRef::List(item) if contains_union(model, item) => format!(
            "JsonNodes.ToList({value}, Function(item) {})",
            from_node(model, item, "item")
        ),
        TypeRef::Map(item) if contains_union(model, item) => format!(
            "JsonNodes.ToDictionary({value}, Function(item) {})",
            from_node(model, item, "item")
        ),
        TypeRef::Named(name) => match model.get(name).map(|def| &def.kind) {
            Some(TypeKind::Union(_)) => format!("{}.FromJsonNode({value})", Vb.escape(name)),
            Some(TypeKind::Alias(target)) => from_node(model, target, value),
            _ => format!("JsonNodes.Decode(Of {rendered})({value})"),
        },
        _ => format!("JsonNodes.Decode(Of {rendered})({value})"),
    }
}

/// A VB expression turning `value` (a non-null `ty`) into a `JsonNode`.
fn to_node(model: &Model, ty: &TypeRef, value: &str) -> String {
    match ty {
        TypeRef::Nullable(inner) => to_node(model, inner, value),
        TypeRef::List(item) if contains_union(model, item) => format!(
            "JsonNodes.FromList({value}, Function(item) {})",
            to_node(model, item, "item")
        ),
        TypeRef::Map(item) if contains_union(model, item) => format!(
            "JsonNodes.FromDictionary({value}, Function(item) {})",
            to_node(model, item, "item")
        ),
        TypeRef::Named(name) => match model.get(name).map(|def| &def.kind) {
            Some(TypeKind::Union(_)) => format!("{value}.ToJsonNode()"),
            Some(TypeKind::Alias(target)) => to_node(model, target, value),
            _ => format!("JsonNodes.Encode({value})"),
        },
        _ => format!("JsonNodes.Encode({value})"),
    }
}

/// The `Imports` a model file needs, System ones first.
fn imports(t: &DnType, props: &[VbProp], serialization_namespace: &str) -> Vec<String> {
    let mut types: Vec<&str> = Vec::new();
    let mut system = t.obsolete;
    let mut needs_json = false;
    let mut needs_nodes = false;
    let mut needs_serialization = false;
    // Classes keep unknown properties in a Dictionary(Of String, JsonElement).
    let mut class = false;
    match &t.kind {
        DnKind::Class(_) => {
            needs_serialization = true;
            class = true;
            for p in props {
                types.push(&p.p.ty);
                system |= p.p.obsolete;
                if p.node.is_some() {
                    needs_nodes = true;
                }
            }
        }
        DnKind::Enum(_) => {}
        DnKind::Union(u) => {
            types.extend(u.variants.iter().map(|v| v.ty.as_str()));
            system = true;
            needs_json = true;
            needs_nodes = true;
        }
        DnKind::Alias(_) => {}
    }
    let mut out = Vec::new();
    if system {
        out.push("System".to_owned());
    }
    if class
        || types
            .iter()
            .any(|ty| ty.contains("List(Of") || ty.contains("Dictionary(Of"))
    {
        out.push("System.Collections.Generic".to_owned());
    }
    if props.iter().any(|p| p.node.is_some()) {
        out.push("System.ComponentModel".to_owned());
    }
    if class || needs_json {
        out.push("System.Text.Json".to_owned());
    }
    if needs_nodes || types.iter().any(|ty| ty.contains("JsonNode")) {
        out.push("System.Text.Json.Nodes".to_owned());
    }
    if needs_serialization {
        out.push("System.Text.Json.Serialization".to_owned());
    }
    if needs_nodes {
        out.push(serialization_namespace.to_owned());
    }
    out
}

/// A property, and its `JsonNode` twin when its value holds a union.
struct VbProp<'a> {
    p: &'a DnProp,
    /// The open enum whose constants a `String` property takes.
    known_values: Option<String>,
    node: Option<NodeTwin>,
}

struct NodeTwin {
    name: String,
    to_node: String,
    from_node: String,
}

/// How one union variant's value converts from and to a `JsonNode`.
struct Conversion {
    from_node: String,
    to_node: String,
}

#[derive(Template)]
#[template(path = "vbnet/Model.vb", escape = "none")]
struct ModelFile<'a> {
    banner: &'a str,
    pragma: bool,
    namespace: &'a str,
    usings: Vec<String>,
    t: &'a DnType,
    props: Vec<VbProp<'a>>,
    conversions: Vec<Conversion>,
}

#[derive(Template)]
#[template(path = "vbnet/JsonNodes.vb", escape = "none")]
struct JsonNodes<'a> {
    banner: &'a str,
    namespace: &'a str,
}

#[derive(Template)]
#[template(path = "vbnet/Client.vb", escape = "none")]
struct ClientFile<'a> {
    banner: &'a str,
    /// The model's default base URL, as a string literal.
    base_url: Option<String>,
    pragma: bool,
    names: &'a Names,
    title: String,
    models_namespace: &'a str,
    methods: Vec<DnMethod>,
    policy: &'a dotnet::Policy,
    /// The condition on `status` under which an answer is retried.
    retryable: String,
}

#[derive(Template)]
#[template(path = "vbnet/ApiException.vb", escape = "none")]
struct ExceptionFile<'a> {
    banner: &'a str,
    pragma: bool,
    names: &'a Names,
    models_namespace: &'a str,
    has_response_status: bool,
}

#[derive(Template)]
#[template(path = "vbnet/package.vbproj", escape = "none")]
struct Vbproj<'a> {
    p: &'a dotnet::Package<'a>,
}

#[derive(Template)]
#[template(path = "vbnet/README.md", escape = "none")]
struct Readme<'a> {
    p: &'a dotnet::Package<'a>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vb_strings_and_keywords() {
        assert_eq!(Vb.string_literal("a\"b"), "\"a\"\"b\"");
        assert_eq!(Vb.string_literal(""), "\"\"");
        assert_eq!(Vb.string_literal("a\nb"), "\"a\" & ChrW(10) & \"b\"");
        assert_eq!(Vb.escape("Class"), "[Class]");
        assert_eq!(Vb.escape("Async"), "[Async]");
        assert_eq!(Vb.escape("Request"), "Request");
    }
}
