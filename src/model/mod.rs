//! The intermediate model every backend renders: plain data, independent of
//! JSON Schema's spelling and of any target language.

pub mod graph;
mod loader;
pub mod metadata;
pub mod naming;
pub mod openapi;
pub mod version;

pub use loader::{load, load_with_warnings, LoadError, Loaded, Warning};

use std::collections::BTreeMap;

use serde_json::Value;

/// Everything a backend needs to know about one API.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Package identity, from the schema's `title` and `x-package`.
    pub package: Package,
    /// All named types, sorted by name.
    pub types: Vec<TypeDef>,
    /// All operations, sorted by request type name.
    pub operations: Vec<Operation>,
    /// The server's URL when the document names one (OpenAPI `servers[0].url`):
    /// the clients' default base URL.
    pub base_url: Option<String>,
}

/// The identity of the generated package.
#[derive(Debug, Clone, PartialEq)]
pub struct Package {
    /// Human title, e.g. `AI Server`.
    pub title: String,
    /// Package name in kebab-case, e.g. `ai-server`.
    pub name: String,
    /// Semantic version.
    pub version: String,
    /// One-paragraph description.
    pub description: Option<String>,
    /// SPDX license expression, e.g. `Apache-2.0`.
    pub license: Option<String>,
    /// `Name <email>` strings.
    pub authors: Vec<String>,
    /// Source repository URL.
    pub repository: Option<String>,
    /// Project home page URL.
    pub homepage: Option<String>,
    /// Per-language identity settings, by backend name then key, e.g.
    /// `java` → `group_id` → `com.acme` (from `x-package.<lang>` or dtogen.toml).
    pub languages: BTreeMap<String, BTreeMap<String, String>>,
}

impl Package {
    /// A per-language setting, e.g. `setting("python", "module")`.
    pub fn setting(&self, language: &str, key: &str) -> Option<&str> {
        self.languages
            .get(language)
            .and_then(|settings| settings.get(key))
            .map(String::as_str)
    }
}

/// A named type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// PascalCase name, unique in the model.
    pub name: String,
    pub description: Option<String>,
    pub deprecated: bool,
    pub kind: TypeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// An object with known properties.
    Struct(Struct),
    /// A string enum; every enum is open on the wire.
    Enum(Enum),
    /// One of several types.
    Union(Union),
    /// Another name for a type reference (e.g. a named list or map).
    Alias(TypeRef),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    pub fields: Vec<Field>,
}

/// A property of a struct.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The property name on the wire, exactly as in the schema.
    pub wire_name: String,
    pub ty: TypeRef,
    /// Whether the property must be present.
    pub required: bool,
    /// Whether `null` is a meaningful value (beyond "absent").
    pub nullable: bool,
    pub description: Option<String>,
    pub default: Option<Value>,
    pub deprecated: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    pub values: Vec<EnumValue>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    pub value: String,
    pub description: Option<String>,
}

/// A union, decoded by `discriminator` when there is one, else by JSON shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    /// The tag property shared by all variants, e.g. `type`.
    pub discriminator: Option<String>,
    pub variants: Vec<Variant>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// PascalCase name of the variant, unique within the union.
    pub name: String,
    pub ty: TypeRef,
    /// The discriminator value, for tagged unions.
    pub tag: Option<String>,
    pub description: Option<String>,
}

/// A reference to a type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TypeRef {
    String,
    Bool,
    Int32,
    Int64,
    Float64,
    /// An RFC 3339 timestamp, kept as its string on the wire.
    DateTime,
    /// A fixed string value (a `const`), e.g. a union tag.
    Literal(String),
    List(Box<TypeRef>),
    /// A JSON object with string keys.
    Map(Box<TypeRef>),
    /// A type of the model, by name.
    Named(String),
    /// Any JSON value.
    Any,
    /// The inner type or `null` (only where a field's own nullability cannot say it).
    Nullable(Box<TypeRef>),
}

/// The JSON shape a value of some type takes, for shape-based union decoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Shape {
    String,
    Bool,
    Integer,
    Number,
    Array,
    Object,
    /// Any shape at all (free JSON, or a union of several shapes).
    Any,
}

/// An HTTP operation: a request type sent to a path, answered by a response type.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The client method's name in PascalCase, before each language cases it:
    /// the request type's name, or an OpenAPI `operationId`.
    pub name: String,
    /// The request type's name.
    pub request: String,
    /// The response type's name.
    pub response: String,
    /// Upper-case HTTP method.
    pub method: String,
    /// Path from the server root, e.g. `/api/CreateOpenAiChat`.
    pub path: String,
    pub description: Option<String>,
    /// Set when the operation can also answer with server-sent events.
    pub stream: Option<Stream>,
    /// Request fields sent outside the body, in declaration order.
    pub params: Vec<Param>,
    /// Where the request's other fields go.
    pub body: Body,
}

/// A request field sent as part of the URL or as a header. Its wire name is
/// also the `{name}` placeholder in the path, the query parameter's name or
/// the header's name.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub name: String,
    pub location: ParamLocation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// Substituted, percent-encoded, for `{name}` in the path.
    Path,
    /// A query parameter (lists repeat the name; objects are sent as JSON).
    Query,
    /// A request header.
    Header,
}

/// What the request body carries.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// The request's fields that are not parameters: a JSON object body, or
    /// query parameters for GET and DELETE (ServiceStack's convention).
    Fields,
    /// The value of this request field (its wire name) is the whole JSON body.
    Field(String),
    /// No body: every field is a parameter.
    None,
}

/// A streamed answer: the request sets `flag` to `true`, and the server sends
/// server-sent events whose `data` is each an `event` (until `data: [DONE]`).
#[derive(Debug, Clone, PartialEq)]
pub struct Stream {
    /// The boolean request property (its wire name) that turns streaming on.
    pub flag: String,
    /// The type of each event's data.
    pub event: String,
}

impl Model {
    pub fn get(&self, name: &str) -> Option<&TypeDef> {
        self.types
            .binary_search_by(|def| def.name.as_str().cmp(name))
            .ok()
            .map(|index| &self.types[index])
    }

    /// The JSON shape of values of `ty`.
    pub fn shape_of(&self, ty: &TypeRef) -> Shape {
        self.shape_within(ty, &mut Vec::new())
    }

    /// `shape_of`, through named types not already being looked at: a union or
    /// alias that contains itself has no one shape (`Any`).
    fn shape_within<'m>(&'m self, ty: &'m TypeRef, visiting: &mut Vec<&'m str>) -> Shape {
        match ty {
            TypeRef::String | TypeRef::DateTime | TypeRef::Literal(_) => Shape::String,
            TypeRef::Bool => Shape::Bool,
            TypeRef::Int32 | TypeRef::Int64 => Shape::Integer,
            TypeRef::Float64 => Shape::Number,
            TypeRef::List(_) => Shape::Array,
            TypeRef::Map(_) => Shape::Object,
            TypeRef::Any | TypeRef::Nullable(_) => Shape::Any,
            TypeRef::Named(name) => {
                if visiting.contains(&name.as_str()) {
                    return Shape::Any;
                }
                visiting.push(name);
                let shape = match self.get(name).map(|def| &def.kind) {
                    Some(TypeKind::Struct(_)) => Shape::Object,
                    Some(TypeKind::Enum(_)) => Shape::String,
                    Some(TypeKind::Alias(inner)) => self.shape_within(inner, visiting),
                    Some(TypeKind::Union(union)) => {
                        let mut shapes = union
                            .variants
                            .iter()
                            .map(|v| self.shape_within(&v.ty, visiting));
                        let first = shapes.next().unwrap_or(Shape::Any);
                        if shapes.all(|shape| shape == first) {
                            first
                        } else {
                            Shape::Any
                        }
                    }
                    None => Shape::Any,
                };
                visiting.pop();
                shape
            }
        }
    }
}

impl TypeDef {
    pub fn as_struct(&self) -> Option<&Struct> {
        match &self.kind {
            TypeKind::Struct(s) => Some(s),
            _ => None,
        }
    }
}
