//! JavaScript: ES modules typed with JSDoc (`@typedef`s whose properties are
//! the wire names, open enums as frozen objects of known values), validating
//! decoders, and a `fetch` client. JSDoc type expressions are TypeScript's, so
//! the type and decoder expressions come from the TypeScript backend.

use askama::Template;

use super::doc::{block_comment, field_doc};
use super::ident::{json_string, shape_name, unique, NameSet};
use super::typescript::{
    declared_type, decoded_type, decoder_expr, enum_member_name, method_names, property_key,
    route_literal, type_expr, HttpPolicy, Method, PackageFiles, StreamMethod,
};
use super::{banner, client, Backend, GeneratedFile};
use crate::model::{Field, Model, TypeDef, TypeKind};

pub struct JavaScript;

/// Names TypeScript's JSDoc reader maps to built-in types whatever is
/// declared (`@typedef … Boolean` still means `boolean`), so a schema type
/// named like one is renamed.
const JSDOC_INTRINSICS: &[&str] = &[
    "String",
    "Number",
    "BigInt",
    "Boolean",
    "Void",
    "Undefined",
    "Null",
    "Function",
    "Object",
    "Array",
    "Promise",
];

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
        let client = super::client_name(model);
        let reserved = super::typescript::runtime_exports(&client);
        let reserved: Vec<&str> = reserved
            .iter()
            .map(String::as_str)
            .chain(JSDOC_INTRINSICS.iter().copied())
            .collect();
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
            .map(|(op, (name, stream_name))| {
                let tags = format!(
                    "@param {{dto.{}}} request\n\
                     @param {{RequestOptions}} [options] `fetch` options (e.g. a `signal` to cancel), `timeout`, `maxRetries`.\n\
                     @returns {{Promise<dto.{}>}}",
                    op.request, op.response
                );
                Method {
                    stream: op
                        .stream
                        .as_ref()
                        .zip(stream_name)
                        .map(|(stream, stream_name)| StreamMethod::new(stream_name, stream)),
                    name,
                    doc: block_comment(
                        Some(&join_doc(op.description.as_deref(), &tags)),
                        false,
                        "  ",
                    ),
                    request: op.request.clone(),
                    response: op.response.clone(),
                    route: route_literal(op),
                }
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
        let package = PackageFiles::new(model, &client.class_name, "javascript");
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
            let http = HttpRuntime {
                banner: &banner,
                p: HttpPolicy::new(),
            };
            files.push(GeneratedFile::new("src/http.js", http.render()?));
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

#[derive(Template)]
#[template(path = "javascript/client.js", escape = "none")]
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

#[derive(Template)]
#[template(path = "javascript/http.js", escape = "none")]
struct HttpRuntime<'a> {
    banner: &'a str,
    p: HttpPolicy,
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
                        decoder: decoder_expr(&decoded_type(field)),
                    })
                    .collect(),
            ),
        ),
        TypeKind::Enum(e) => {
            let mut used = NameSet::default();
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

/// A type literal (`@typedef {{ ... }}`) with the index signature that keeps
/// unknown properties (JSDoc's `@property` form cannot declare one), the field
/// docs listed above it.
fn object_typedef(name: &str, fields: &[Field]) -> String {
    let mut lines = Vec::new();
    for field in fields {
        let mut doc = field_doc(field).map(|text| one_line(&text));
        if field.deprecated {
            doc = Some(
                format!("Deprecated. {}", doc.unwrap_or_default())
                    .trim_end()
                    .to_owned(),
            );
        }
        if let Some(doc) = doc {
            lines.push(format!("- `{}`: {doc}", field.wire_name));
        }
    }
    lines.push(
        "Properties the schema does not know are kept when decoded and sent as they are."
            .to_owned(),
    );
    lines.push(String::new());
    lines.push("@typedef {{".to_owned());
    for field in fields {
        let optional = if field.required { "" } else { "?" };
        let key = property_key(&field.wire_name);
        lines.push(format!(
            "  {key}{optional}: {},",
            type_expr(&declared_type(field))
        ));
    }
    lines.push("  [property: string]: unknown,".to_owned());
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
