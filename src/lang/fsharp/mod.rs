//! F#: records with `option` fields and System.Text.Json attributes, open
//! enums and schema unions as discriminated unions with their own
//! `JsonConverter`s, types in dependency order (`type … and …` for cycles),
//! and a `task { }` client on `HttpClient`.

mod names;
mod order;

use askama::Template;
use heck::ToUpperCamelCase;

use super::doc::{field_doc, line_comment};
use super::dotnet::NuGet;
use super::ident::{json_string, unique, xml_text, NameSet};
use super::identity::setting_or;
use super::{banner, Backend, GeneratedFile};
use crate::model::naming::type_name;
use crate::model::{Model, Shape, TypeDef, TypeKind, TypeRef};
use names::{case_name, member_name, parameter_name, FSHARP_TYPES, RESERVED_CASES};
use order::dependency_groups;

pub struct FSharp;

impl Backend for FSharp {
    fn name(&self) -> &'static str {
        "fsharp"
    }

    fn aliases(&self) -> &'static [&'static str] {
        &["fs", "f#"]
    }

    fn verification(&self) -> &'static str {
        "type check: fable-compiler-js 3.3.0 (the F# compiler service on node), warnings as \
         errors, against the real .NET 8.0.4 framework (all of Microsoft.NETCore.App: \
         System.Text.Json, System.Net.Http, ...) and FSharp.Core 8; not run, no round trip"
    }

    fn generate(&self, model: &Model) -> Result<Vec<GeneratedFile>, askama::Error> {
        let namespace = setting_or(&model.package, "fsharp", "namespace", || {
            type_name(&model.package.title)
        });
        // Schema types named like what the code uses (`Option`, `Task`,
        // `JsonElement`) would shadow it: they are renamed. So is a union or
        // enum named like a part of the namespace (`PipelineSchema` in namespace
        // PipelineSchema): its cases are written `PipelineSchema.Case`, which
        // names the namespace. (A record is named unqualified: it keeps its name.)
        let qualified = |name: &str| {
            model.types.iter().any(|def| {
                def.name == name && matches!(def.kind, TypeKind::Union(_) | TypeKind::Enum(_))
            })
        };
        // A class's name is also its constructor, which hides a union case of
        // that name the generated code uses unqualified (`None`, `Error`); a
        // record's is not, so `Error` stays `Error` when it has fields.
        let constructor = |name: &str| {
            model
                .get(name)
                .is_some_and(|def| matches!(&def.kind, TypeKind::Struct(s) if renders_as_class(s)))
        };
        let reserved: Vec<&str> = super::dotnet::FRAMEWORK_TYPES
            .iter()
            .chain(FSHARP_TYPES)
            .copied()
            .chain(namespace.split('.').filter(|part| qualified(part)))
            .chain(VALUE_CASES.iter().copied().filter(|case| constructor(case)))
            .collect();
        let model = &*super::rename::avoid_reserved(model, &reserved);
        let banner = banner(model);
        let pkg = &model.package;
        // The NuGet id follows a configured namespace, else the C# package's.
        let base = super::dotnet::ascii_id(&match pkg.setting("fsharp", "namespace") {
            Some(configured) => configured.to_owned(),
            None => super::dotnet::default_namespace(&pkg.name),
        });
        let package_id = super::identity::nuget_id(pkg, "fsharp", &base);
        let has_response_status = super::response_status(model).is_some();
        let policy = super::dotnet::Policy::new(json_string);
        let types = TypesFile {
            banner: &banner,
            namespace: &namespace,
            groups: dependency_groups(model)
                .into_iter()
                .map(|group| {
                    group
                        .into_iter()
                        .enumerate()
                        .map(|(i, def)| view_type(def, i == 0))
                        .collect()
                })
                .collect(),
            has_obsolete: model.types.iter().any(|def| {
                def.as_struct()
                    .is_some_and(|s| s.fields.iter().any(|f| f.deprecated))
            }),
        };
        let json = JsonFile {
            banner: &banner,
            namespace: &namespace,
            enums: model
                .types
                .iter()
                .filter(|def| matches!(def.kind, TypeKind::Enum(_)))
                .map(|def| def.name.clone())
                .collect(),
            unions: {
                // F# cannot nest the converter in its union: `{Union}Converter`
                // sits beside the types, so it must not take a type's name
                // (a union `RootDateOnly` beside a type `RootDateOnlyConverter`).
                let mut taken = NameSet::default();
                taken.extend(model.types.iter().map(|def| def.name.as_str()));
                taken.extend(reserved.iter().copied());
                model
                    .types
                    .iter()
                    .filter_map(|def| match &def.kind {
                        TypeKind::Union(union) => {
                            Some(view_union_converter(model, def, union, &mut taken))
                        }
                        _ => None,
                    })
                    .collect()
            },
        };
        let mut method_names = NameSet::default();
        let client = ClientFile {
            banner: &banner,
            base_url: model.base_url.as_deref().map(json_string),
            namespace: &namespace,
            class_name: super::client_name(model),
            error_type: if has_response_status {
                "ResponseStatus"
            } else {
                "JsonElement"
            },
            has_response_status,
            status_message: super::response_status_message(model)
                .filter(|f| f.required && !f.nullable)
                .map(|f| member_name(&f.wire_name)),
            methods: model
                .operations
                .iter()
                .map(|op| {
                    // Unique among the operations and their streamed twins.
                    let name = unique(op.name.to_upper_camel_case(), &mut method_names);
                    let stream_name = op.stream.as_ref().map(|_| {
                        let plain = format!("{name}{}", super::client::STREAM_SUFFIX);
                        unique(plain, &mut method_names)
                    });
                    (op, name, stream_name)
                })
                .collect::<Vec<_>>()
                .into_iter()
                .map(|(op, name, stream_name)| Method {
                    name: format!("{name}Async"),
                    doc: line_comment(op.description.as_deref(), "    ", "///"),
                    request: op.request.clone(),
                    response: op.response.clone(),
                    method: json_string(&op.method),
                    path: json_string(&op.path),
                    route: FsRoute::of(op),
                    stream: op.stream.as_ref().map(|stream| StreamMethod {
                        name: format!("{}Async", stream_name.clone().unwrap_or_default()),
                        event: stream.event.clone(),
                        flag: json_string(&stream.flag),
                        flag_doc: stream.flag.replace('`', "'"),
                    }),
                })
                .collect(),
            retryable: policy.retryable("||", ">=", "="),
            policy,
        };
        // A schema without operations gets types only: a client would have no methods.
        let has_client = !client.methods.is_empty();
        let mut sources = vec!["src/Types.fs", "src/Json.fs"];
        if has_client {
            sources.push("src/Client.fs");
        }
        let package = PackageFiles {
            package_id: &package_id,
            namespace: &namespace,
            version: xml_text(&model.package.version),
            nuget: NuGet::new(model),
            title: &model.package.title,
            client_class: &client.class_name,
            sources,
            has_client,
            chat_example: super::dotnet::has_chat_example(model),
            example: model.operations.first().map(|op| {
                (
                    format!("{}Async", op.name.to_upper_camel_case()),
                    op.request.clone(),
                )
            }),
        };
        let mut files = vec![
            GeneratedFile::new(
                format!("{package_id}.fsproj"),
                Fsproj { p: &package }.render()?,
            ),
            GeneratedFile::new("README.md", Readme { p: &package }.render()?),
            GeneratedFile::new("src/Types.fs", types.render()?),
            GeneratedFile::new("src/Json.fs", json.render()?),
        ];
        if has_client {
            files.push(GeneratedFile::new("src/Client.fs", client.render()?));
        }
        Ok(files)
    }
}

struct FsType {
    name: String,
    /// The declaration up to the name: `type X`, `and X`, with attributes.
    head: String,
    doc: String,
    kind: FsKind,
}

enum FsKind {
    /// A record; `tags` are the fixed discriminator values, exposed as members.
    Record {
        fields: Vec<FsField>,
        tags: Vec<FsTag>,
        factory: Factory,
        /// The field keeping the properties the schema does not know.
        extension: String,
    },
    /// An object whose only properties are fixed tags (F# records cannot be empty).
    Class {
        tags: Vec<FsTag>,
        extension: String,
    },
    Enum {
        cases: Vec<FsEnumCase>,
        other: String,
    },
    Union(Vec<FsCase>),
    Alias(String),
}

struct FsField {
    name: String,
    /// The `Create` parameter for this field.
    parameter: String,
    /// The type of that parameter (the option's content for optional ones).
    parameter_ty: String,
    optional: bool,
    wire: String,
    ty: String,
    doc: String,
    /// Required and nullable: `None` is written as `null`, not left out.
    keep_null: bool,
}

/// The `Create` member: required fields first, the `option`s as optional arguments.
struct Factory {
    name: String,
    /// `a: int`, `?b: string`… in parameter order.
    parameters: Vec<String>,
    /// Whether the parameters and the record fit on one line each.
    short: bool,
}

struct FsTag {
    name: String,
    wire: String,
    value: String,
}

struct FsEnumCase {
    name: String,
    value: String,
    doc: String,
}

struct FsCase {
    name: String,
    ty: String,
    doc: String,
}

#[derive(Template)]
#[template(path = "fsharp/Types.fs", escape = "none")]
struct TypesFile<'a> {
    banner: &'a str,
    namespace: &'a str,
    /// Types in dependency order; each group is one `type … and …` declaration.
    groups: Vec<Vec<FsType>>,
    /// Some field is `[<Obsolete>]`: the `Create` members set it without a warning.
    has_obsolete: bool,
}

struct UnionConverter {
    name: String,
    /// The converter class: `{name}Converter`, unless a type has that name.
    converter: String,
    /// The discriminator's JSON string, for tagged unions.
    tag: Option<String>,
    arms: Vec<ReadArm>,
    /// The last arm when no variant takes every shape: a decoding error.
    exhaustive: bool,
    cases: Vec<String>,
}

struct ReadArm {
    pattern: String,
    case: String,
    ty: String,
}

#[derive(Template)]
#[template(path = "fsharp/Json.fs", escape = "none")]
struct JsonFile<'a> {
    banner: &'a str,
    namespace: &'a str,
    enums: Vec<String>,
    unions: Vec<UnionConverter>,
}

struct Method {
    name: String,
    doc: String,
    request: String,
    response: String,
    method: String,
    path: String,
    /// Set unless the route is plain (no parameters, the fields as the body).
    route: Option<FsRoute>,
    stream: Option<StreamMethod>,
}

/// `client::Route` as F# literals: the lists `;`-separated (the template
/// wraps them in `[| |]`), the body field when there is one.
struct FsRoute {
    path: String,
    query: String,
    headers: String,
    body_field: Option<String>,
    has_body: bool,
}

impl FsRoute {
    fn of(op: &crate::model::Operation) -> Option<Self> {
        let route = super::client::route(op);
        if route.is_plain() {
            return None;
        }
        let list = |names: &[&str]| {
            let items: Vec<String> = names.iter().map(|name| json_string(name)).collect();
            items.join("; ")
        };
        Some(FsRoute {
            path: list(&route.path),
            query: list(&route.query),
            headers: list(&route.headers),
            body_field: route.body_field.map(json_string),
            has_body: route.has_body,
        })
    }
}

/// The streamed variant of a method (`OpenAiChatCompletionStreamAsync`).
struct StreamMethod {
    name: String,
    /// The type of each event.
    event: String,
    /// The request's boolean wire property that turns streaming on, as a string literal.
    flag: String,
    /// That wire name, for doc comments.
    flag_doc: String,
}

#[derive(Template)]
#[template(path = "fsharp/Client.fs", escape = "none")]
struct ClientFile<'a> {
    banner: &'a str,
    /// The model's default base URL, as an F# string.
    base_url: Option<String>,
    namespace: &'a str,
    class_name: String,
    error_type: &'static str,
    has_response_status: bool,
    /// The member holding `ResponseStatus`'s required string `message`, if it has one.
    status_message: Option<String>,
    methods: Vec<Method>,
    /// The shared client policy's numbers and strings.
    policy: super::dotnet::Policy,
    /// The condition on `status` under which an answer is retried.
    retryable: String,
}

struct PackageFiles<'a> {
    package_id: &'a str,
    namespace: &'a str,
    version: String,
    nuget: NuGet,
    title: &'a str,
    client_class: &'a str,
    sources: Vec<&'static str>,
    has_client: bool,
    /// The first operation's method and request type, for the README.
    example: Option<(String, String)>,
    /// Whether the README shows the OpenAI chat example (the built-in types, streamed).
    chat_example: bool,
}

#[derive(Template)]
#[template(path = "fsharp/package.fsproj", escape = "none")]
struct Fsproj<'a> {
    p: &'a PackageFiles<'a>,
}

#[derive(Template)]
#[template(path = "fsharp/README.md", escape = "none")]
struct Readme<'a> {
    p: &'a PackageFiles<'a>,
}

/// FSharp.Core's union cases the generated code writes unqualified.
const VALUE_CASES: &[&str] = &["Some", "None", "Ok", "Error"];

/// A struct of no fields but its tags is a class (`type Name() =`), as a
/// record needs a field.
fn renders_as_class(s: &crate::model::Struct) -> bool {
    s.fields
        .iter()
        .all(|field| field.required && matches!(field.ty, TypeRef::Literal(_)))
}

fn view_type(def: &TypeDef, first: bool) -> FsType {
    let kind = match &def.kind {
        TypeKind::Struct(s) => {
            let mut used = NameSet::default();
            let mut fields: Vec<FsField> = Vec::new();
            let mut tags = Vec::new();
            for field in &s.fields {
                let name = unique(member_name(&field.wire_name), &mut used);
                let wire = json_string(&field.wire_name);
                match (&field.ty, field.required) {
                    (TypeRef::Literal(value), true) => tags.push(FsTag {
                        name,
                        wire,
                        value: json_string(value),
                    }),
                    (ty, required) => {
                        let inner = match ty {
                            TypeRef::Nullable(inner) if !required || field.nullable => inner,
                            ty => ty,
                        };
                        let optional = !required || field.nullable;
                        let ty = if optional {
                            format!("{} option", type_expr(inner))
                        } else {
                            type_expr(inner)
                        };
                        fields.push(FsField {
                            parameter: parameter_name(&name),
                            parameter_ty: type_expr(inner),
                            optional,
                            name,
                            wire,
                            ty,
                            doc: line_comment(field_doc(field).as_deref(), "        ", "///")
                                + &deprecated(field.deprecated, "        "),
                            keep_null: required && field.nullable,
                        });
                    }
                }
            }
            // After the schema's properties, so that theirs keep their names.
            let extension = unique("ExtensionData".to_owned(), &mut used);
            if renders_as_class(s) {
                FsKind::Class { tags, extension }
            } else {
                // Required parameters first: F# wants optional ones last.
                let mut parameters: Vec<&FsField> = fields.iter().collect();
                parameters.sort_by_key(|f| f.optional);
                let factory = Factory {
                    name: unique("Create".to_owned(), &mut used),
                    parameters: parameters
                        .iter()
                        .map(|f| {
                            let mark = if f.optional { "?" } else { "" };
                            format!("{mark}{}: {}", f.parameter, f.parameter_ty)
                        })
                        .collect(),
                    short: fields.len() <= 2,
                };
                FsKind::Record {
                    fields,
                    tags,
                    factory,
                    extension,
                }
            }
        }
        TypeKind::Enum(e) => {
            let mut used: NameSet = RESERVED_CASES.iter().copied().collect();
            // The catch-all case keeps its name; a known value `other` becomes `Other2`.
            let other = unique("Other".to_owned(), &mut used);
            let cases = e
                .values
                .iter()
                .map(|value| FsEnumCase {
                    name: unique(case_name(&value.value), &mut used),
                    value: json_string(&value.value),
                    doc: line_comment(value.description.as_deref(), "    ", "///"),
                })
                .collect();
            FsKind::Enum { cases, other }
        }
        TypeKind::Union(union) => FsKind::Union(
            union_case_names(union)
                .into_iter()
                .zip(&union.variants)
                .map(|(name, variant)| FsCase {
                    name,
                    ty: type_expr(&variant.ty),
                    doc: line_comment(variant.description.as_deref(), "    ", "///"),
                })
                .collect(),
        ),
        TypeKind::Alias(ty) => FsKind::Alias(type_expr(ty)),
    };
    // Deprecation of a whole type stays in the doc: `[<Obsolete>]` would warn
    // in the generated types that reference it.
    let mut doc = def.description.clone().unwrap_or_default();
    if def.deprecated {
        doc.push_str(if doc.is_empty() {
            "Deprecated."
        } else {
            "\n\nDeprecated."
        });
    }
    // Cases of enums and unions are often common words (`None`, `String`,
    // `Auto`): they are always written with the type's name.
    let qualified = matches!(kind, FsKind::Enum { .. } | FsKind::Union(_));
    let name = &def.name;
    // Records are `CLIMutable`: System.Text.Json then builds them through the
    // parameterless constructor and the setters, which `[<JsonExtensionData>]` needs.
    let attribute = if qualified {
        Some("RequireQualifiedAccess")
    } else if matches!(kind, FsKind::Record { .. }) {
        Some("CLIMutable")
    } else {
        None
    };
    let head = match (first, attribute) {
        (true, None) => format!("type {name}"),
        (false, None) => format!("and {name}"),
        (true, Some(attribute)) => format!("[<{attribute}>]\ntype {name}"),
        (false, Some(attribute)) => format!("and [<{attribute}>] {name}"),
    };
    FsType {
        name: def.name.clone(),
        head,
        doc: line_comment(Some(&doc), "", "///"),
        kind,
    }
}

fn view_union_converter(
    model: &Model,
    def: &TypeDef,
    union: &crate::model::Union,
    taken: &mut NameSet,
) -> UnionConverter {
    let cases = union_case_names(union);
    let mut arms = Vec::new();
    let mut exhaustive = false;
    match &union.discriminator {
        Some(_) => {
            for (case, variant) in cases.iter().zip(&union.variants) {
                let Some(tag) = &variant.tag else { continue };
                let pattern = json_string(tag);
                if arms.iter().any(|arm: &ReadArm| arm.pattern == pattern) {
                    continue;
                }
                arms.push(ReadArm {
                    pattern,
                    case: case.clone(),
                    ty: type_expr(&variant.ty),
                });
            }
        }
        None => {
            // First variant of each JSON shape wins, like the other languages'
            // decoders; an integer-only variant yields to an earlier number one.
            let mut taken: Vec<Shape> = Vec::new();
            for (case, variant) in cases.iter().zip(&union.variants) {
                let shape = model.shape_of(&variant.ty);
                let shadowed = taken.contains(&shape)
                    || (shape == Shape::Integer && taken.contains(&Shape::Number));
                if shadowed {
                    continue;
                }
                taken.push(shape);
                arms.push(ReadArm {
                    pattern: shape_pattern(shape).to_owned(),
                    case: case.clone(),
                    ty: type_expr(&variant.ty),
                });
                if shape == Shape::Any {
                    exhaustive = true;
                    break;
                }
            }
        }
    }
    UnionConverter {
        name: def.name.clone(),
        converter: unique(format!("{}Converter", def.name), taken),
        tag: union.discriminator.as_deref().map(json_string),
        arms,
        exhaustive,
        cases,
    }
}

/// The `JsonValueKind` pattern that selects a variant of this shape.
fn shape_pattern(shape: Shape) -> &'static str {
    match shape {
        Shape::String => "JsonValueKind.String",
        Shape::Bool => "JsonValueKind.True | JsonValueKind.False",
        Shape::Integer => "JsonValueKind.Number when JsonShape.isInteger element",
        Shape::Number => "JsonValueKind.Number",
        Shape::Array => "JsonValueKind.Array",
        Shape::Object => "JsonValueKind.Object",
        Shape::Any => "_",
    }
}

fn union_case_names(union: &crate::model::Union) -> Vec<String> {
    let mut used: NameSet = RESERVED_CASES.iter().copied().collect();
    union
        .variants
        .iter()
        .map(|variant| unique(case_name(&variant.name), &mut used))
        .collect()
}

/// The F# type of a reference.
fn type_expr(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String | TypeRef::DateTime | TypeRef::Literal(_) => "string".to_owned(),
        TypeRef::Bool => "bool".to_owned(),
        TypeRef::Int32 => "int".to_owned(),
        TypeRef::Int64 => "int64".to_owned(),
        TypeRef::Float64 => "float".to_owned(),
        TypeRef::List(item) => format!("{} list", type_expr(item)),
        TypeRef::Map(value) => format!("Map<string, {}>", type_expr(value)),
        TypeRef::Named(name) => name.clone(),
        TypeRef::Any => "JsonElement".to_owned(),
        TypeRef::Nullable(inner) => format!("{} option", type_expr(inner)),
    }
}

fn deprecated(deprecated: bool, indent: &str) -> String {
    if deprecated {
        format!("{indent}[<System.Obsolete>]\n")
    } else {
        String::new()
    }
}
