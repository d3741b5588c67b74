//! JavaScript: ES modules typed with JSDoc (`@typedef`s whose properties are
//! the wire names, open enums as frozen objects of known values), validating
//! decoders, and a `fetch` client. JSDoc type expressions are TypeScript's, so
//! the type and decoder expressions come from the TypeScript backend.

use askama::Template;
use heck::ToLowerCamelCase;

use super::doc::{block_comment, field_doc};
use super::ident::{json_string, shape_name, unique};
use super::typescript::{decoder_expr, enum_member_name, property_key, type_expr, PackageFiles};
use super::{banner, Backend, GeneratedFile};
use crate::model::{Field, Model, TypeDef, TypeKind, TypeRef};

pub struct JavaScript;

impl Backend for JavaScript {
    fn name(&self) -> &'static str {
        "javascript"
    }

    fn aliases(&self) -> &'static [&'static str] {
        &["js"]
    }

    fn verification(&self) -> &'static str {
        "round trip: node --check and tsc --checkJs --strict, then every vector through node"
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
                .map(|op| {
                    let tags = format!(
                        "@param {{dto.{}}} request\n\
                         @param {{RequestInit}} [init] Extra `fetch` options, e.g. a `signal`.\n\
                         @returns {{Promise<dto.{}>}}",
                        op.request, op.response
                    );
                    Method {
                        name: op.request.to_lower_camel_case(),
                        doc: block_comment(
                            Some(&join_doc(op.description.as_deref(), &tags)),
                            false,
                            "  ",
                        ),
                        response: op.response.clone(),
                        method: op.method.clone(),
                        path: json_string(&op.path),
                    }
                })
                .collect(),
        };
        let package = PackageFiles::new(model, &client.class_name);
        let has_client = package.has_client;
        let mut files = vec![
            GeneratedFile::new("package.json", PackageJson { p: &package }.render()?),
            GeneratedFile::new("tsconfig.json", TsConfig.render()?),
            GeneratedFile::new("README.md", Readme { p: &package }.render()?),
            GeneratedFile::new("src/json.js", JsonRuntime { banner: &banner }.render()?),
            GeneratedFile::new("src/types.js", types.render()?),
            GeneratedFile::new(
                "src/index.js",
                Index {
                    banner: &banner,
                    has_client,
                }
                .render()?,
            ),
        ];
        if has_client {
            files.push(GeneratedFile::new("src/client.js", client.render()?));
        }
        Ok(files)
    }
}

struct JsType {
    name: String,
    /// The whole JSDoc block declaring the type: description, `@typedef`, `@property`s.
    typedef: String,
    kind: JsKind,
}

enum JsKind {
    Object(Vec<JsField>),
    Enum(Vec<JsEnumMember>),
    TaggedUnion {
        tag: String,
        variants: Vec<JsVariant>,
    },
    ShapeUnion(Vec<JsVariant>),
    Alias {
        decoder: String,
    },
}

struct JsField {
    key: String,
    wire: String,
    optional: bool,
    decoder: String,
}

struct JsEnumMember {
    name: String,
    value: String,
    doc: String,
}

struct JsVariant {
    decoder: String,
    /// JSON string of the tag value (tagged unions) or the shape (untagged).
    selector: String,
}

#[derive(Template)]
#[template(path = "javascript/types.js", escape = "none")]
struct TypesFile<'a> {
    banner: &'a str,
    types: Vec<JsType>,
}

struct Method {
    name: String,
    doc: String,
    response: String,
    method: String,
    path: String,
}

#[derive(Template)]
#[template(path = "javascript/client.js", escape = "none")]
struct ClientFile<'a> {
    banner: &'a str,
    class_name: String,
    has_response_status: bool,
    methods: Vec<Method>,
}

#[derive(Template)]
#[template(path = "javascript/package.json", escape = "none")]
struct PackageJson<'a> {
    p: &'a PackageFiles<'a>,
}

#[derive(Template)]
#[template(path = "javascript/README.md", escape = "none")]
struct Readme<'a> {
    p: &'a PackageFiles<'a>,
}

#[derive(Template)]
#[template(path = "javascript/tsconfig.json", escape = "none")]
struct TsConfig;

#[derive(Template)]
#[template(path = "javascript/json.js", escape = "none")]
struct JsonRuntime<'a> {
    banner: &'a str,
}

#[derive(Template)]
#[template(path = "javascript/index.js", escape = "none")]
struct Index<'a> {
    banner: &'a str,
    has_client: bool,
}

fn view_type(model: &Model, def: &TypeDef) -> JsType {
    let (typedef, kind) = match &def.kind {
        TypeKind::Struct(s) => (
            object_typedef(&def.name, &s.fields),
            JsKind::Object(
                s.fields
                    .iter()
                    .map(|field| JsField {
                        key: property_key(&field.wire_name),
                        wire: json_string(&field.wire_name),
                        optional: !field.required,
                        decoder: decoder_expr(&field_type(field)),
                    })
                    .collect(),
            ),
        ),
        TypeKind::Enum(e) => {
            let mut used: Vec<String> = Vec::new();
            let members: Vec<JsEnumMember> = e
                .values
                .iter()
                .map(|value| JsEnumMember {
                    name: unique(enum_member_name(&value.value), &mut used),
                    value: json_string(&value.value),
                    doc: block_comment(value.description.as_deref(), false, "  "),
                })
                .collect();
            let values: Vec<&str> = members.iter().map(|m| m.value.as_str()).collect();
            let typedef = format!(
                "@typedef {{{} | (string & {{}})}} {}",
                values.join(" | "),
                def.name
            );
            (typedef, JsKind::Enum(members))
        }
        TypeKind::Union(union) => {
            let types: Vec<String> = union.variants.iter().map(|v| type_expr(&v.ty)).collect();
            let typedef = format!("@typedef {{{}}} {}", types.join(" | "), def.name);
            let variants = union.variants.iter().map(|variant| JsVariant {
                decoder: decoder_expr(&variant.ty),
                selector: match &variant.tag {
                    Some(tag) => json_string(tag),
                    None => json_string(shape_name(model.shape_of(&variant.ty))),
                },
            });
            let kind = match &union.discriminator {
                Some(tag) => JsKind::TaggedUnion {
                    tag: json_string(tag),
                    variants: variants.collect(),
                },
                None => JsKind::ShapeUnion(variants.collect()),
            };
            (typedef, kind)
        }
        TypeKind::Alias(ty) => (
            format!("@typedef {{{}}} {}", type_expr(ty), def.name),
            JsKind::Alias {
                decoder: decoder_expr(ty),
            },
        ),
    };
    JsType {
        name: def.name.clone(),
        typedef: block_comment(
            Some(&join_doc(def.description.as_deref(), &typedef)),
            def.deprecated,
            "",
        ),
        kind,
    }
}

/// The type a field's value has: required + nullable fields keep their `null`.
fn field_type(field: &Field) -> TypeRef {
    if field.nullable && field.required {
        TypeRef::Nullable(Box::new(field.ty.clone()))
    } else {
        field.ty.clone()
    }
}

/// `@typedef {object}` with one documented `@property` per field. JSDoc
/// property names must be identifiers, so an object with any other wire name
/// is written as a type literal instead, its field docs listed above it.
fn object_typedef(name: &str, fields: &[Field]) -> String {
    let docs = fields.iter().map(|field| {
        let mut doc = field_doc(field).map(|text| one_line(&text));
        if field.deprecated {
            doc = Some(
                format!("Deprecated. {}", doc.unwrap_or_default())
                    .trim_end()
                    .to_owned(),
            );
        }
        doc
    });
    if fields
        .iter()
        .all(|f| property_key(&f.wire_name) == f.wire_name)
    {
        let mut lines = vec![format!("@typedef {{object}} {name}")];
        for (field, doc) in fields.iter().zip(docs) {
            let key = if field.required {
                field.wire_name.clone()
            } else {
                format!("[{}]", field.wire_name)
            };
            let doc = doc.map(|d| format!(" {d}")).unwrap_or_default();
            lines.push(format!(
                "@property {{{}}} {key}{doc}",
                type_expr(&field_type(field))
            ));
        }
        return lines.join("\n");
    }
    let mut lines = Vec::new();
    for (field, doc) in fields.iter().zip(docs) {
        if let Some(doc) = doc {
            lines.push(format!("- `{}`: {doc}", field.wire_name));
        }
    }
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push("@typedef {{".to_owned());
    for field in fields {
        let optional = if field.required { "" } else { "?" };
        let key = property_key(&field.wire_name);
        lines.push(format!(
            "  {key}{optional}: {},",
            type_expr(&field_type(field))
        ));
    }
    lines.push(format!("}}}} {name}"));
    lines.join("\n")
}

/// A description (if any) followed by JSDoc tags, as one comment's text.
fn join_doc(description: Option<&str>, tags: &str) -> String {
    match description {
        Some(text) => format!("{text}\n{tags}"),
        None => tags.to_owned(),
    }
}

/// Text on one line, for a `@property` description.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
