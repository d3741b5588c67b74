//! TypeScript: interfaces whose properties are the wire names, open enums as
//! string unions with a const object of known values, validating decoders,
//! and a `fetch` client.

use askama::Template;
use heck::{ToLowerCamelCase, ToUpperCamelCase};

use super::doc::{block_comment, field_doc};
use super::ident::{digit_safe, json_string, shape_name, unique};
use super::{banner, Backend, GeneratedFile};
use crate::model::naming::ascii_words;
use crate::model::{Model, TypeDef, TypeKind, TypeRef};

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
        let banner = banner(model);
        let types = TypesFile {
            banner: &banner,
            types: model
                .types
                .iter()
                .map(|def| view_type(model, def))
                .collect(),
        };
        let client = ClientFile {
            banner: &banner,
            class_name: super::client_name(model),
            has_response_status: super::response_status(model).is_some(),
            methods: model
                .operations
                .iter()
                .map(|op| Method {
                    name: op.request.to_lower_camel_case(),
                    doc: block_comment(op.description.as_deref(), false, "  "),
                    request: op.request.clone(),
                    response: op.response.clone(),
                    method: op.method.clone(),
                    path: json_string(&op.path),
                })
                .collect(),
        };
        let package = PackageFiles::new(model, &client.class_name);
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

struct Method {
    name: String,
    doc: String,
    request: String,
    response: String,
    method: String,
    path: String,
}

#[derive(Template)]
#[template(path = "typescript/client.ts", escape = "none")]
struct ClientFile<'a> {
    banner: &'a str,
    class_name: String,
    has_response_status: bool,
    methods: Vec<Method>,
}

/// What package.json and the README show; the JavaScript package shares it.
pub(super) struct PackageFiles<'a> {
    pub(super) name: String,
    pub(super) version: String,
    pub(super) description: String,
    pub(super) title: &'a str,
    pub(super) client_class: &'a str,
    /// The first client method, for the README's example.
    pub(super) example: Option<String>,
    /// A schema without operations gets types only: a client would have no methods.
    pub(super) has_client: bool,
}

impl<'a> PackageFiles<'a> {
    pub(super) fn new(model: &'a Model, client_class: &'a str) -> Self {
        Self {
            name: json_string(&model.package.name),
            version: json_string(&model.package.version),
            description: json_string(model.package.description.as_deref().unwrap_or("")),
            title: &model.package.title,
            client_class,
            example: model
                .operations
                .first()
                .map(|op| op.request.to_lower_camel_case()),
            has_client: !model.operations.is_empty(),
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

fn view_type(model: &Model, def: &TypeDef) -> TsType {
    let kind = match &def.kind {
        TypeKind::Struct(s) => TsKind::Interface(
            s.fields
                .iter()
                .map(|field| {
                    let nullable = field.nullable && field.required;
                    let ty = if nullable {
                        TypeRef::Nullable(Box::new(field.ty.clone()))
                    } else {
                        field.ty.clone()
                    };
                    TsField {
                        key: property_key(&field.wire_name),
                        wire: json_string(&field.wire_name),
                        ty: type_expr(&ty),
                        optional: !field.required,
                        doc: block_comment(field_doc(field).as_deref(), field.deprecated, "  "),
                        decoder: decoder_expr(&ty),
                    }
                })
                .collect(),
        ),
        TypeKind::Enum(e) => {
            let mut used: Vec<String> = Vec::new();
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
        TypeRef::Int32 | TypeRef::Int64 => "json.integer".to_owned(),
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
