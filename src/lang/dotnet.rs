//! What the C# and VB.NET backends share: one view of the model for
//! System.Text.Json (classes with wire-named properties, open enums as
//! string-backed structs, unions as one-of wrappers with converters, aliases
//! as thin wrappers), prepared in Rust and spelled through a [`Syntax`].

use heck::ToUpperCamelCase;

use super::client;
use super::doc::field_doc;
use super::ident::{
    self, digit_safe, is_ascii_identifier, xml_text, CaseInsensitive, NameSet, Taken,
};
use super::identity;
use super::publish::Publish;
use crate::model::naming::{ascii_words, type_name};
use crate::model::{Model, Operation, Shape, TypeDef, TypeKind, TypeRef};

/// How one .NET language spells what the shared view needs.
pub trait Syntax {
    /// Whether identifiers differ only by case count as the same (VB).
    const CASE_INSENSITIVE: bool;
    /// Whether open enums are plain strings on properties (VB: it cannot
    /// write System.Text.Json converters, so there is no enum struct).
    const ENUMS_AS_STRINGS: bool;
    /// Whether references to aliases are written as the aliased type (VB has
    /// no project-wide type alias and no converters for a wrapper).
    const INLINE_ALIASES: bool;
    /// `name`, escaped when it is a keyword (`@class`, `[Class]`).
    fn escape(&self, name: &str) -> String;
    /// A string literal.
    fn string_literal(&self, text: &str) -> String;
    fn list(&self, item: &str) -> String;
    fn map(&self, value: &str) -> String;
    /// The type of a value type's or a reference type's "or nothing".
    fn nullable(&self, ty: &str, value_type: bool) -> String;
    /// Primitive type names: string, bool, int, long, double, free JSON.
    fn primitive(&self, ty: &TypeRef) -> &'static str;
    /// A condition on `element` (a `JsonElement`) that holds when its JSON
    /// shape is `shape`; None for "always".
    fn shape_test(&self, shape: Shape) -> Option<String>;
    /// An XML doc comment (`<summary>`) from plain text, or "".
    fn doc(&self, text: Option<&str>, indent: &str) -> String;
}

/// The framework types and namespaces the generated C# and VB code names
/// without qualification (and a few core ones a reader expects to stay the
/// framework's). A schema type with one of these names would shadow the
/// framework's (the package's own namespace wins over imported ones), so the
/// backends rename it (`Task` → `Task2`) with [`super::rename`]. Attributes
/// are listed with and without their `Attribute` suffix.
pub const FRAMEWORK_TYPES: &[&str] = &[
    // Namespace roots the code qualifies from.
    "System",
    "Microsoft",
    // System.
    "Action",
    "ArgumentException",
    "ArgumentNullException",
    "ArgumentOutOfRangeException",
    "Array",
    "Attribute",
    "Boolean",
    "Byte",
    "Char",
    "Convert",
    "DateTime",
    "DateTimeOffset",
    "Decimal",
    "Double",
    "Enum",
    "Exception",
    "Func",
    "GC",
    "Guid",
    "IDisposable",
    "IEquatable",
    "Int16",
    "Int32",
    "Int64",
    "InvalidOperationException",
    "Math",
    "Nullable",
    "Object",
    "Obsolete",
    "ObsoleteAttribute",
    "OperationCanceledException",
    "Random",
    "SByte",
    "Single",
    "String",
    "StringComparer",
    "StringComparison",
    "TimeSpan",
    "TimeoutException",
    "Type",
    "UInt16",
    "UInt32",
    "UInt64",
    "Uri",
    "ValueTuple",
    "Void",
    // System.Collections.Generic.
    "Dictionary",
    "ICollection",
    "IDictionary",
    "IEnumerable",
    "IEnumerator",
    "IList",
    "IReadOnlyDictionary",
    "IReadOnlyList",
    "KeyValuePair",
    "List",
    // System.Globalization, System.IO, System.Linq.
    "CultureInfo",
    "NumberStyles",
    "IOException",
    "Stream",
    "StreamReader",
    "Enumerable",
    // System.Net.Http and its Headers.
    "AuthenticationHeaderValue",
    "HttpClient",
    "HttpCompletionOption",
    "HttpContent",
    "HttpMethod",
    "HttpRequestException",
    "HttpRequestMessage",
    "HttpResponseMessage",
    "MediaTypeWithQualityHeaderValue",
    "StringContent",
    // System.Runtime.CompilerServices.
    "EnumeratorCancellation",
    "EnumeratorCancellationAttribute",
    // System.Text and System.Text.Json (with Nodes and Serialization).
    "Encoding",
    "StringBuilder",
    "UTF8Encoding",
    "JsonArray",
    "JsonConverter",
    "JsonConverterAttribute",
    "JsonDocument",
    "JsonElement",
    "JsonException",
    "JsonExtensionData",
    "JsonExtensionDataAttribute",
    "JsonIgnore",
    "JsonIgnoreAttribute",
    "JsonIgnoreCondition",
    "JsonNode",
    "JsonObject",
    "JsonPropertyName",
    "JsonPropertyNameAttribute",
    "JsonSerializer",
    "JsonSerializerOptions",
    "JsonTokenType",
    "JsonValue",
    "JsonValueKind",
    "Utf8JsonReader",
    "Utf8JsonWriter",
    // System.Threading and System.Threading.Tasks.
    "CancellationToken",
    "CancellationTokenSource",
    "IAsyncEnumerable",
    "IAsyncEnumerator",
    "Task",
    "ValueTask",
    // The packages' own helpers in their Serialization namespace (C#, VB).
    "JsonVariants",
    "JsonNodes",
    // The clients' nested classes, which shadow a model type inside the client.
    "EventEnumerator",
    "EventReader",
    "EventStream",
    // What VB's code names besides (System.ComponentModel, Microsoft.VisualBasic).
    "ChrW",
    "EditorBrowsable",
    "EditorBrowsableAttribute",
    "EditorBrowsableState",
    "IAsyncDisposable",
    "JsonRequired",
    "JsonRequiredAttribute",
];

/// A type expression with what nullability needs to know about it.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub ty: String,
    /// A .NET value type (`long`, an open-enum struct): `T?` means `Nullable<T>`.
    pub value_type: bool,
    /// Already "or nothing" (free JSON, a nullable reference).
    pub nullable: bool,
}

/// What the project file and README show. The title, version and description
/// land in XML (the project file, doc comments), so they are escaped for it.
pub struct Package<'a> {
    pub names: &'a Names,
    pub version: String,
    pub title: String,
    pub nuget: NuGet,
    /// The first client method, for the README's example.
    pub example: Option<String>,
    pub has_client: bool,
    /// Whether the README shows the OpenAI chat example (the built-in types, streamed).
    pub chat_example: bool,
}

/// Whether `model` has the built-in OpenAI chat types and its streamed
/// completion, which the packages' READMEs show in a full example.
pub fn has_chat_example(model: &Model) -> bool {
    let types = [
        "OpenAiChatCompletion",
        "OpenAiMessage",
        "OpenAiTool",
        "OpenAiFunctionDefinition",
        "OpenAiChatChunk",
    ];
    types.iter().all(|name| model.get(name).is_some())
        && client::streamed(model).any(|(op, stream)| {
            op.request == "OpenAiChatCompletion" && stream.event == "OpenAiChatChunk"
        })
}

impl<'a> Package<'a> {
    pub fn new(model: &Model, names: &'a Names, methods: &[DnMethod]) -> Self {
        Self {
            names,
            version: xml_text(&model.package.version),
            title: xml_text(&model.package.title),
            nuget: NuGet::new(model),
            example: methods.first().map(|m| m.name.clone()),
            has_client: !methods.is_empty(),
            chat_example: has_chat_example(model),
        }
    }
}

/// The NuGet metadata every .NET project file carries (C#, F#, VB.NET),
/// XML-escaped; missing values are left out.
pub struct NuGet {
    pub description: Option<String>,
    /// `PackageLicenseExpression`: an SPDX expression.
    pub license: Option<String>,
    /// Whether LICENSE is packed beside the README.
    pub license_file: bool,
    /// `Authors`: the names, comma-separated.
    pub authors: Option<String>,
    /// `RepositoryUrl` (with `RepositoryType` git).
    pub repository: Option<String>,
    /// `PackageProjectUrl`: the homepage, else the repository.
    pub project_url: Option<String>,
}

impl NuGet {
    pub fn new(model: &Model) -> Self {
        let publish = Publish::new(model);
        let authors = publish.author_names();
        Self {
            description: publish.description.map(xml_text),
            license: publish.license.map(xml_text),
            license_file: publish.has_license_file(),
            authors: (!authors.is_empty()).then(|| xml_text(&authors)),
            repository: publish.repository.map(xml_text),
            project_url: publish.url().map(xml_text),
        }
    }
}

/// The package's .NET names.
pub struct Names {
    /// Root namespace, e.g. `AiServer.Client`.
    pub namespace: String,
    /// The NuGet package id (also the assembly and project file name): the
    /// namespace when it is ASCII (NuGet ids must be), suffixed per language
    /// ([`identity::nuget_id`]).
    pub package_id: String,
    /// The client class, e.g. `AiServerClient`.
    pub client_class: String,
    /// The exception a failing call throws.
    pub exception_class: String,
    /// The client's nested class describing a route (VB), named apart from the model's types.
    pub route_class: String,
}

/// The default namespace of a package name: `ai-server-client` → `AiServer.Client`.
pub fn default_namespace(package: &str) -> String {
    let words: Vec<&str> = package.split('-').collect();
    match words.split_last() {
        Some((&"client", rest)) if !rest.is_empty() => {
            format!("{}.Client", type_name(&rest.join("-")))
        }
        _ => type_name(package),
    }
}

/// A NuGet id for `namespace`: itself when it is ASCII (NuGet ids must be).
pub fn ascii_id(namespace: &str) -> String {
    if namespace.split('.').all(is_ascii_identifier) {
        namespace.to_owned()
    } else {
        type_name(&ascii_words(namespace))
    }
}

impl Names {
    /// The names of `language`'s package (`csharp` or `vbnet`).
    pub fn new(model: &Model, language: &str) -> Self {
        let pkg = &model.package;
        let namespace =
            identity::setting_or(pkg, language, "namespace", || default_namespace(&pkg.name));
        let package_id = identity::nuget_id(pkg, language, &ascii_id(&namespace));
        let mut used: DnNames = model.types.iter().map(|def| def.name.as_str()).collect();
        let client_class = unique(super::client_name(model), &mut used, true);
        let exception_class = unique("ApiException".to_owned(), &mut used, true);
        let route_class = unique("Route".to_owned(), &mut used, true);
        Names {
            namespace,
            package_id,
            client_class,
            exception_class,
            route_class,
        }
    }
}

pub struct DnType {
    /// The file stem: the type's name, unescaped.
    pub file: String,
    /// Wrapper types' (enums, unions, aliases) member with the wrapped value:
    /// `Value`, unless the type itself is called that.
    pub value_member: String,
    /// Wrapper types' nested converter class: `Converter`, unless the type
    /// itself is called that.
    pub converter: String,
    /// The name as written in code (escaped where needed).
    pub name: String,
    pub doc: String,
    pub obsolete: bool,
    pub kind: DnKind,
    /// Classes' member holding the properties the schema does not know
    /// (`[JsonExtensionData]`): `ExtensionData`, unless a schema property
    /// took that name first.
    pub extension: String,
}

pub enum DnKind {
    Class(Vec<DnProp>),
    Enum(Vec<DnEnumMember>),
    Union(DnUnion),
    Alias(Rendered),
}

pub struct DnProp {
    pub name: String,
    /// The wire name as a string literal.
    pub wire: String,
    pub ty: String,
    /// Must be set when constructing, and present when decoding.
    pub required: bool,
    /// Left out when writing while null (optional properties).
    pub omit_null: bool,
    /// A required constant (a union tag): a get-only property with this literal.
    pub constant: Option<String>,
    pub doc: String,
    pub obsolete: bool,
}

pub struct DnEnumMember {
    pub name: String,
    pub value: String,
    pub doc: String,
}

pub struct DnUnion {
    /// The discriminator as a string literal, for tagged unions.
    pub tag: Option<String>,
    /// The union's name as a string literal, for error messages.
    pub label: String,
    pub variants: Vec<DnVariant>,
    /// Untagged unions: the variants tried by shape, in order, up to the
    /// first that matches any shape.
    pub by_shape: Vec<DnShapeCase>,
    /// Whether decoding can fall through every shape test.
    pub shape_fallthrough: bool,
    /// Whether each variant type converts implicitly to the union (all distinct).
    pub implicit: bool,
    /// Conversions to the union from what converts to one of its variants
    /// (a string to an open-enum variant, a wrapped value to an alias
    /// variant): the language applies only one user-defined conversion, so
    /// `union = "auto"` needs its own.
    pub lifted: Vec<DnLifted>,
}

/// A conversion from `from` to the union, through variant `variant`'s own one.
pub struct DnLifted {
    pub from: String,
    pub variant: String,
}

pub struct DnVariant {
    pub name: String,
    pub index: usize,
    pub ty: String,
    /// The variant's type, "or nothing", for `AsX`.
    pub nullable_ty: String,
    /// The tag value as a string literal (tagged unions).
    pub tag: Option<String>,
    pub doc: String,
}

pub struct DnShapeCase {
    pub test: Option<String>,
    pub variant: String,
    pub ty: String,
}

/// Every named type of the model, in model order.
pub fn types<S: Syntax>(syntax: &S, model: &Model) -> Vec<DnType> {
    model
        .types
        .iter()
        .map(|def| view_type(syntax, model, def))
        .collect()
}

fn view_type<S: Syntax>(syntax: &S, model: &Model, def: &TypeDef) -> DnType {
    let same = |a: &str, b: &str| a == b || (S::CASE_INSENSITIVE && a.eq_ignore_ascii_case(b));
    let value_member = if same(&def.name, "Value") {
        "RawValue"
    } else {
        "Value"
    };
    let converter = if same(&def.name, "Converter") {
        "JsonValueConverter"
    } else {
        "Converter"
    };
    let mut extension = String::new();
    let kind = match &def.kind {
        TypeKind::Struct(s) => {
            let mut used = reserved(&def.name, &[]);
            let props = DnKind::Class(
                s.fields
                    .iter()
                    .map(|field| {
                        let name = member::<S>(&field.wire_name, &def.name, &mut used);
                        let rendered = render_slot(syntax, model, &field.ty);
                        let constant = match &field.ty {
                            TypeRef::Literal(value) if field.required => {
                                Some(syntax.string_literal(value))
                            }
                            _ => None,
                        };
                        let doc = match (&field.ty, field_doc(field)) {
                            (TypeRef::Literal(value), None) => Some(format!("Always `{value}`.")),
                            (_, doc) => doc,
                        };
                        let maybe_absent = !field.required || field.nullable;
                        let ty = if maybe_absent {
                            nullable(syntax, &rendered).ty
                        } else {
                            rendered.ty
                        };
                        DnProp {
                            name: syntax.escape(&name),
                            wire: syntax.string_literal(&field.wire_name),
                            ty,
                            required: field.required,
                            omit_null: !field.required,
                            constant,
                            doc: syntax.doc(doc.as_deref(), "        "),
                            obsolete: field.deprecated,
                        }
                    })
                    .collect(),
            );
            // After the schema's properties, so that theirs keep their names.
            extension = syntax.escape(&unique(
                "ExtensionData".to_owned(),
                &mut used,
                S::CASE_INSENSITIVE,
            ));
            props
        }
        TypeKind::Enum(e) => {
            let mut used = reserved(&def.name, &[value_member, converter]);
            DnKind::Enum(
                e.values
                    .iter()
                    .map(|value| DnEnumMember {
                        name: syntax.escape(&member::<S>(&value.value, &def.name, &mut used)),
                        value: syntax.string_literal(&value.value),
                        doc: syntax.doc(
                            Some(value.description.clone().unwrap_or_else(|| {
                                match value.value.as_str() {
                                    "" => "The empty string.".to_owned(),
                                    text => format!("`{text}`."),
                                }
                            }))
                            .as_deref(),
                            "        ",
                        ),
                    })
                    .collect(),
            )
        }
        TypeKind::Union(union) => DnKind::Union(view_union(
            syntax,
            model,
            def,
            union,
            &[value_member, converter],
        )),
        TypeKind::Alias(ty) => DnKind::Alias(render_slot(syntax, model, ty)),
    };
    DnType {
        file: def.name.clone(),
        value_member: value_member.to_owned(),
        converter: converter.to_owned(),
        name: syntax.escape(&def.name),
        doc: syntax.doc(def.description.as_deref(), "    "),
        obsolete: def.deprecated,
        kind,
        extension,
    }
}

fn view_union<S: Syntax>(
    syntax: &S,
    model: &Model,
    def: &TypeDef,
    union: &crate::model::Union,
    fixed: &[&str],
) -> DnUnion {
    let mut used = reserved(&def.name, fixed);
    // Two variants may share a tag value (OpenAI's `message` input and output
    // items): the first one decodes it, as VB's `Select Case` would pick, and
    // C#'s `switch` rejects a repeated case label.
    let mut tags_seen = std::collections::HashSet::new();
    let variants: Vec<DnVariant> = union
        .variants
        .iter()
        .enumerate()
        .map(|(index, variant)| {
            // A union's value is never null: JSON null is the absent union.
            let ty = match &variant.ty {
                TypeRef::Nullable(inner) => inner.as_ref(),
                ty => ty,
            };
            let rendered = render(syntax, model, ty);
            // FromX, IsX and AsX must all be free: reserve the bare name.
            let name = unique(variant.name.clone(), &mut used, S::CASE_INSENSITIVE);
            DnVariant {
                name: name.clone(),
                index,
                nullable_ty: nullable(syntax, &rendered).ty,
                ty: rendered.ty,
                tag: variant
                    .tag
                    .as_deref()
                    .filter(|tag| tags_seen.insert(*tag))
                    .map(|tag| syntax.string_literal(tag)),
                doc: syntax.doc(variant.description.as_deref(), "        "),
            }
        })
        .collect();
    let mut by_shape = Vec::new();
    let mut shape_fallthrough = true;
    if union.discriminator.is_none() {
        for (variant, model_variant) in variants.iter().zip(&union.variants) {
            let test = syntax.shape_test(model.shape_of(&model_variant.ty));
            let always = test.is_none();
            by_shape.push(DnShapeCase {
                test,
                variant: variant.name.clone(),
                ty: variant.ty.clone(),
            });
            if always {
                shape_fallthrough = false;
                break;
            }
        }
    }
    let mut types: Vec<&str> = variants.iter().map(|v| v.ty.as_str()).collect();
    types.sort_unstable();
    types.dedup();
    let implicit = types.len() == variants.len();
    let lifted = if implicit {
        lifted_conversions(syntax, model, union, &variants, &types)
    } else {
        Vec::new()
    };
    DnUnion {
        tag: union
            .discriminator
            .as_deref()
            .map(|tag| syntax.string_literal(tag)),
        label: syntax.string_literal(&def.name),
        variants,
        by_shape,
        shape_fallthrough,
        implicit,
        lifted,
    }
}

/// The types that convert to exactly one variant of a union and are not
/// variants themselves: the string of an open enum, the target of an alias.
fn lifted_conversions<S: Syntax>(
    syntax: &S,
    model: &Model,
    union: &crate::model::Union,
    variants: &[DnVariant],
    variant_types: &[&str],
) -> Vec<DnLifted> {
    let mut candidates: Vec<(String, &str)> = Vec::new();
    for (variant, model_variant) in variants.iter().zip(&union.variants) {
        let TypeRef::Named(name) = &model_variant.ty else {
            continue;
        };
        let from = match model.get(name).map(|def| &def.kind) {
            Some(TypeKind::Enum(_)) => render(syntax, model, &TypeRef::String).ty,
            Some(TypeKind::Alias(target)) => render(syntax, model, target).ty,
            _ => continue,
        };
        candidates.push((from, &variant.name));
    }
    let count = |from: &str| candidates.iter().filter(|(f, _)| f == from).count();
    candidates
        .iter()
        .filter(|(from, _)| count(from) == 1 && !variant_types.contains(&from.as_str()))
        .map(|(from, variant)| DnLifted {
            from: from.clone(),
            variant: (*variant).to_owned(),
        })
        .collect()
}

/// The .NET type of a reference (free JSON as a non-null node).
pub fn render<S: Syntax>(syntax: &S, model: &Model, ty: &TypeRef) -> Rendered {
    render_within(syntax, model, ty, &mut Vec::new())
}

/// `render`, with the aliases being written out in place: an alias met again
/// inside itself (`A = List(Of A)` in VB, which has no type aliases) cannot be
/// spelled out and is free JSON there.
fn render_within<'m, S: Syntax>(
    syntax: &S,
    model: &'m Model,
    ty: &'m TypeRef,
    inlining: &mut Vec<&'m str>,
) -> Rendered {
    let plain = |ty: String, value_type: bool| Rendered {
        ty,
        value_type,
        nullable: false,
    };
    match ty {
        TypeRef::String | TypeRef::DateTime | TypeRef::Literal(_) => {
            plain(syntax.primitive(ty).to_owned(), false)
        }
        TypeRef::Bool | TypeRef::Int32 | TypeRef::Int64 | TypeRef::Float64 => {
            plain(syntax.primitive(ty).to_owned(), true)
        }
        TypeRef::List(item) => plain(
            syntax.list(&slot_within(syntax, model, item, inlining).ty),
            false,
        ),
        TypeRef::Map(value) => plain(
            syntax.map(&slot_within(syntax, model, value, inlining).ty),
            false,
        ),
        TypeRef::Named(name) => match model.get(name).map(|def| &def.kind) {
            Some(TypeKind::Enum(_)) if S::ENUMS_AS_STRINGS => {
                plain(syntax.primitive(&TypeRef::String).to_owned(), false)
            }
            Some(TypeKind::Enum(_)) => plain(syntax.escape(name), true),
            Some(TypeKind::Alias(target)) if S::INLINE_ALIASES => {
                if inlining.contains(&name.as_str()) {
                    return nullable(
                        syntax,
                        &plain(syntax.primitive(&TypeRef::Any).to_owned(), false),
                    );
                }
                inlining.push(name);
                let rendered = render_within(syntax, model, target, inlining);
                inlining.pop();
                rendered
            }
            // A definition that is itself nullable stays nullable wherever it is used.
            Some(TypeKind::Alias(TypeRef::Nullable(_))) => {
                nullable(syntax, &plain(syntax.escape(name), false))
            }
            _ => plain(syntax.escape(name), false),
        },
        TypeRef::Any => plain(syntax.primitive(ty).to_owned(), false),
        TypeRef::Nullable(inner) => {
            nullable(syntax, &render_within(syntax, model, inner, inlining))
        }
    }
}

/// The .NET type of a value in a property, list or map: like [`render`],
/// but free JSON may be null there (JSON's own `null`).
pub fn render_slot<S: Syntax>(syntax: &S, model: &Model, ty: &TypeRef) -> Rendered {
    slot_within(syntax, model, ty, &mut Vec::new())
}

fn slot_within<'m, S: Syntax>(
    syntax: &S,
    model: &'m Model,
    ty: &'m TypeRef,
    inlining: &mut Vec<&'m str>,
) -> Rendered {
    let rendered = render_within(syntax, model, ty, inlining);
    if matches!(ty, TypeRef::Any) {
        nullable(syntax, &rendered)
    } else {
        rendered
    }
}

/// `rendered` or nothing (idempotent).
pub fn nullable<S: Syntax>(syntax: &S, rendered: &Rendered) -> Rendered {
    if rendered.nullable {
        return rendered.clone();
    }
    Rendered {
        ty: syntax.nullable(&rendered.ty, rendered.value_type),
        value_type: rendered.value_type,
        nullable: true,
    }
}

/// A PascalCase member name for a wire name or enum value: letters and digits
/// kept (Unicode too), everything else a word break; `_` before a leading digit.
pub fn member_name(raw: &str) -> String {
    let words: String = raw
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let name = words.to_upper_camel_case();
    digit_safe(name, "_", "Empty")
}

/// A member name unique in `used`; a member named like its type (not allowed
/// in C# or VB) gets a `Value` suffix first.
fn member<S: Syntax>(raw: &str, type_name: &str, used: &mut DnNames) -> String {
    let mut name = member_name(raw);
    if name == type_name || (S::CASE_INSENSITIVE && name.to_lowercase() == type_name.to_lowercase())
    {
        name.push_str("Value");
    }
    unique(name, used, S::CASE_INSENSITIVE)
}

/// Framework types the model templates name in expressions inside a class
/// body (attribute arguments): there a member of the same name would be found
/// instead of the type.
const CLASS_BODY_HEADS: &[&str] = &["JsonIgnoreCondition", "EditorBrowsableState"];

/// The names a member of type `type_name` may not take: the type's own name
/// (a compile error in both languages), `object`'s members, the framework
/// types its body names, and `extra`.
fn reserved(type_name: &str, extra: &[&str]) -> DnNames {
    let mut used: DnNames = [type_name].into_iter().collect();
    for name in [
        "Equals",
        "GetHashCode",
        "GetType",
        "MemberwiseClone",
        "ReferenceEquals",
        "ToString",
        "Finalize",
    ]
    .iter()
    .chain(CLASS_BODY_HEADS)
    .chain(extra)
    {
        used.insert(name);
    }
    used
}

/// A scope of .NET names, kept both as spelled and case-folded, so either
/// comparison is a hash lookup.
#[derive(Debug, Default, Clone)]
pub struct DnNames {
    exact: NameSet,
    folded: CaseInsensitive,
}

impl DnNames {
    pub fn insert(&mut self, name: &str) {
        self.exact.insert(name);
        self.folded.take(name.to_owned());
    }
}

impl<S: AsRef<str>> FromIterator<S> for DnNames {
    fn from_iter<I: IntoIterator<Item = S>>(names: I) -> Self {
        let mut set = Self::default();
        for name in names {
            set.insert(name.as_ref());
        }
        set
    }
}

/// Like [`super::ident::unique`], optionally comparing case-insensitively
/// (VB identifiers differ only by more than case).
pub fn unique(name: String, used: &mut DnNames, case_insensitive: bool) -> String {
    let name = if case_insensitive {
        ident::unique(name, &mut used.folded)
    } else {
        ident::unique(name, &mut used.exact)
    };
    used.insert(&name);
    name
}

/// `text` with `&`, `<` and `>` escaped for XML doc comments, and `code`
/// spans (paired backticks on a line) as `<c>code</c>`.
pub fn xml_doc_text(text: &str) -> String {
    text.lines()
        .map(|line| {
            let escaped = xml_text(line.trim_end());
            let parts: Vec<&str> = escaped.split('`').collect();
            if parts.len().is_multiple_of(2) {
                // An unpaired backtick: keep the line as it is.
                return escaped;
            }
            let mut out = String::new();
            for (index, part) in parts.iter().enumerate() {
                if index % 2 == 1 {
                    out.push_str(&format!("<c>{part}</c>"));
                } else {
                    out.push_str(part);
                }
            }
            out
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// An XML `<summary>` doc comment with `marker` (`///`, `'''`), or "".
pub fn summary(text: Option<&str>, indent: &str, marker: &str) -> String {
    let Some(text) = text
        .map(|t| xml_doc_text(&super::doc::clean(t)))
        .filter(|t| !t.trim().is_empty())
    else {
        return String::new();
    };
    if !text.contains('\n') {
        return format!("{indent}{marker} <summary>{text}</summary>\n");
    }
    format!(
        "{indent}{marker} <summary>\n{}{indent}{marker} </summary>\n",
        super::doc::line_comment(Some(&text), indent, marker)
    )
}

/// One method of the client.
pub struct DnMethod {
    pub name: String,
    pub doc: String,
    pub request: String,
    pub response: String,
    /// The HTTP method and the path, as string literals.
    pub method: String,
    pub path: String,
    /// Set unless the route is plain (no parameters, the fields as the body).
    pub route: Option<DnRoute>,
    /// The streamed twin, for operations that stream.
    pub stream: Option<DnStream>,
}

/// `client::Route` as string literals: the lists comma-separated (the
/// templates wrap them in an array), the body field when there is one.
pub struct DnRoute {
    pub path: String,
    pub query: String,
    pub headers: String,
    pub body_field: Option<String>,
    pub has_body: bool,
}

impl DnRoute {
    fn of<S: Syntax>(syntax: &S, op: &Operation) -> Option<Self> {
        let route = client::route(op);
        if route.is_plain() {
            return None;
        }
        let list = |names: &[&str]| {
            let items: Vec<String> = names.iter().map(|n| syntax.string_literal(n)).collect();
            items.join(", ")
        };
        Some(DnRoute {
            path: list(&route.path),
            query: list(&route.query),
            headers: list(&route.headers),
            body_field: route.body_field.map(|f| syntax.string_literal(f)),
            has_body: route.has_body,
        })
    }
}

/// The streamed variant of a method (`OpenAiChatCompletionStreamAsync`).
pub struct DnStream {
    pub name: String,
    /// The type of each event.
    pub event: String,
    /// The request's boolean wire property that turns streaming on, as a string literal.
    pub flag: String,
    /// That property's wire name, for XML doc comments.
    pub flag_doc: String,
}

pub fn methods<S: Syntax>(syntax: &S, model: &Model, doc_indent: &str) -> Vec<DnMethod> {
    // Operation names are unique among themselves and with their streamed twins.
    let mut used = DnNames::default();
    model
        .operations
        .iter()
        .map(|op| {
            let name = unique(op.name.clone(), &mut used, S::CASE_INSENSITIVE);
            let stream_name = op.stream.as_ref().map(|_| {
                let plain = format!("{name}{}", client::STREAM_SUFFIX);
                unique(plain, &mut used, S::CASE_INSENSITIVE)
            });
            DnMethod {
                name: syntax.escape(&format!("{name}Async")),
                doc: syntax.doc(op.description.as_deref(), doc_indent),
                request: syntax.escape(&op.request),
                response: syntax.escape(&op.response),
                method: syntax.string_literal(&op.method),
                path: syntax.string_literal(&op.path),
                route: DnRoute::of(syntax, op),
                stream: op.stream.as_ref().map(|stream| DnStream {
                    name: syntax
                        .escape(&format!("{}Async", stream_name.clone().unwrap_or_default())),
                    event: syntax.escape(&stream.event),
                    flag: syntax.string_literal(&stream.flag),
                    flag_doc: xml_text(&stream.flag),
                }),
            }
        })
        .collect()
}

/// The shared client policy (`super::client`), as the numbers and strings the
/// .NET clients are rendered with.
pub struct Policy {
    pub timeout_seconds: u64,
    pub max_retries: u32,
    pub initial_backoff_ms: u64,
    pub max_backoff_ms: u64,
    /// The jitter share as a `double` literal.
    pub jitter: String,
    pub max_retry_after_ms: u64,
    /// `[DONE]` and `x-request-id`, as string literals.
    pub done: String,
    pub request_id_header: String,
}

impl Policy {
    pub fn new(string_literal: impl Fn(&str) -> String) -> Self {
        Policy {
            timeout_seconds: client::DEFAULT_TIMEOUT_SECONDS,
            max_retries: client::MAX_RETRIES,
            initial_backoff_ms: client::INITIAL_BACKOFF_MS,
            max_backoff_ms: client::MAX_BACKOFF_MS,
            jitter: format!("{:?}", client::JITTER),
            max_retry_after_ms: client::MAX_RETRY_AFTER_MS,
            done: string_literal(client::STREAM_DONE),
            request_id_header: string_literal(client::REQUEST_ID_HEADER),
        }
    }

    /// The HTTP statuses retried, as the condition on `status` (C# / F# / VB operators).
    pub fn retryable(&self, or: &str, ge: &str, eq: &str) -> String {
        // 408, 429 and every 5xx (client::retryable_status).
        debug_assert!(client::retryable_status(408) && client::retryable_status(429));
        debug_assert!(client::retryable_status(500) && !client::retryable_status(499));
        format!("status {eq} 408 {or} status {eq} 429 {or} status {ge} 500")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_names_are_pascal_case_identifiers() {
        assert_eq!(member_name("frequency_penalty"), "FrequencyPenalty");
        assert_eq!(member_name("refId"), "RefId");
        assert_eq!(member_name("$ref-like"), "RefLike");
        assert_eq!(member_name("123start"), "_123start");
        assert_eq!(member_name("ünïcode"), "Ünïcode");
        assert_eq!(member_name(""), "Empty");
    }

    #[test]
    fn unique_can_ignore_case() {
        let mut used: DnNames = ["Upper"].into_iter().collect();
        assert_eq!(unique("UPPER".into(), &mut used, false), "UPPER");
        assert_eq!(unique("upper".into(), &mut used, true), "upper2");
    }

    #[test]
    fn doc_text_is_xml_escaped() {
        assert_eq!(
            xml_doc_text("a < b & `c` > d"),
            "a &lt; b &amp; <c>c</c> &gt; d"
        );
        assert_eq!(xml_doc_text("odd ` tick"), "odd ` tick");
        assert_eq!(
            summary(Some("One."), "", "///"),
            "/// <summary>One.</summary>\n"
        );
        assert_eq!(
            summary(Some("a\n\nb"), "  ", "'''"),
            "  ''' <summary>\n  ''' a\n  '''\n  ''' b\n  ''' </summary>\n"
        );
    }
}
