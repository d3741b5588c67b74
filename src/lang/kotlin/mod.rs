//! Kotlin: `@Serializable` data classes for kotlinx.serialization, open enums
//! as value classes with known constants, unions as sealed interfaces decoded
//! by tag or JSON shape, and a coroutine client on `java.net.http.HttpClient`.

mod ident;
mod views;
mod wide;

use std::collections::{BTreeMap, BTreeSet};

use askama::Template;
use heck::ToLowerCamelCase;

use super::doc::field_doc;
use super::ident::{shape_name, unique, NameSet, Within};
use super::identity::setting_or;
use super::publish::Publish;
use super::{banner, client, Backend, GeneratedFile};
use crate::model::naming::type_name;
use crate::model::{Field, Model, TypeDef, TypeKind, TypeRef, Union};
use ident::{
    constant_name, escape_keyword, kdoc, kotlin_string, member_ident, member_name, package_name,
    RESERVED_TYPES,
};
use views::{
    BuildGradle, ClientFile, KtConst, KtField, KtKind, KtVariant, KtWrapper, Method, Readme,
    SerializationFile, SettingsGradle, StreamMethod, TypeFile,
};

pub struct Kotlin;

/// Free-form JSON: a `JsonElement` typealias whose serializer writes numbers back as written.
const VERBATIM_JSON: &str = "VerbatimJson";

/// The member of every class that keeps the properties its schema does not define.
const EXTRA_MEMBER: &str = "extra";

impl Backend for Kotlin {
    fn name(&self) -> &'static str {
        "kotlin"
    }

    fn aliases(&self) -> &'static [&'static str] {
        &["kt"]
    }

    fn verification(&self) -> &'static str {
        "round trip: kotlinc 2.4 -Werror + kotlinx.serialization 1.12, every vector through the JVM"
    }

    fn generate(&self, model: &Model) -> Result<Vec<GeneratedFile>, askama::Error> {
        let banner = banner(model);
        let names = Names::new(model);
        let dir = format!("src/main/kotlin/{}", names.package.replace('.', "/"));
        let pkg = &model.package;
        let group = setting_or(pkg, "kotlin", "group_id", || names.package.clone());
        let artifact = setting_or(pkg, "kotlin", "artifact_id", || pkg.name.clone());
        let publish = Publish::new(model);
        let mut files = vec![
            GeneratedFile::new(
                "build.gradle.kts",
                BuildGradle {
                    group: &group,
                    version: kotlin_string(&model.package.version),
                    description: publish.description.map(kotlin_string),
                    artifact: kotlin_string(&artifact),
                    title: kotlin_string(&model.package.title),
                    url: publish.url().map(kotlin_string),
                    license: publish.license.map(|id| {
                        (
                            kotlin_string(id),
                            publish.license_url().as_deref().map(kotlin_string),
                        )
                    }),
                    developers: publish
                        .authors
                        .iter()
                        .map(|a| {
                            (
                                kotlin_string(&a.name),
                                a.email.as_deref().map(kotlin_string),
                            )
                        })
                        .collect(),
                    scm: publish
                        .repository
                        .zip(publish.scm_connection())
                        .map(|(url, connection)| (kotlin_string(url), kotlin_string(&connection))),
                }
                .render()?,
            ),
            GeneratedFile::new(
                "settings.gradle.kts",
                SettingsGradle {
                    name: kotlin_string(&artifact),
                }
                .render()?,
            ),
            GeneratedFile::new("gradle.properties", GRADLE_PROPERTIES.to_owned()),
        ];
        for def in &model.types {
            let file = names.type_file(model, def, &banner);
            files.push(GeneratedFile::new(
                format!("{dir}/{}.kt", file.name),
                file.render()?,
            ));
        }
        files.push(GeneratedFile::new(
            format!("{dir}/Serialization.kt"),
            SerializationFile {
                banner: &banner,
                package: &names.package,
                suppress_deprecation: model.types.iter().any(|def| def.deprecated),
                grouped: !names.groups_of.is_empty(),
                json: &names.json,
                serializers: &names.serializers,
                entries: model
                    .types
                    .iter()
                    .map(|def| (kotlin_string(&def.name), names.type_name(&def.name)))
                    .collect(),
            }
            .render()?,
        ));
        // A schema without operations gets types only: a client would have no methods.
        let client = names.client_file(model, &banner);
        if let Some(client) = &client {
            files.push(GeneratedFile::new(
                format!("{dir}/{}.kt", client.class_name),
                client.render()?,
            ));
        }
        files.push(GeneratedFile::new(
            "README.md",
            Readme {
                title: &model.package.title,
                package: &names.package,
                group: &group,
                artifact: &artifact,
                version: &model.package.version,
                json: &names.json,
                client: client.as_ref(),
                openai_example: openai_example(model, &names),
            }
            .render()?,
        ));
        Ok(files)
    }
}

/// Gradle's default heaps (512 MB) cannot compile the sources of a schema
/// with a thousand or more types: kotlinc needed 3 GB for OpenAI's ~2,800.
const GRADLE_PROPERTIES: &str = "\
# The Kotlin compiler needs more than Gradle's default heap for large schemas.
org.gradle.jvmargs=-Xmx3g
kotlin.daemon.jvmargs=-Xmx3g
";

/// Kotlin names for the model's types and the package's own declarations.
struct Names {
    package: String,
    /// Model type name → Kotlin class name.
    types: BTreeMap<String, String>,
    /// Union name → its serializer object's name.
    serializers_of: BTreeMap<String, String>,
    /// Wide struct name (`wide`) → its groups: the group classes' names and their fields.
    groups_of: BTreeMap<String, (Vec<String>, Vec<std::ops::Range<usize>>)>,
    /// Struct name → the unions it implements directly.
    supertypes: BTreeMap<String, Vec<String>>,
    /// Struct name → (discriminator, tag) of the first tagged union it is a variant of.
    tags: BTreeMap<String, (String, String)>,
    /// Types that implement a deprecated union directly (they name it as a supertype).
    under_deprecated: BTreeSet<String>,
    client: String,
    json: String,
    serializers: String,
    deprecated: BTreeSet<String>,
    /// The Kotlin type names and the reserved ones, built once: every union's
    /// nested wrappers are named around them.
    top_level: BTreeSet<String>,
}

impl Names {
    fn new(model: &Model) -> Self {
        let title = type_name(&model.package.title);
        let client = format!("{title}Client");
        let json = format!("{title}Json");
        let serializers = format!("{title}Serializers");
        let mut used: BTreeSet<String> = RESERVED_TYPES.iter().map(|s| (*s).to_owned()).collect();
        // The package's own declarations never take a reserved name either (`HttpClient`).
        let client = unique(client, &mut used);
        let json = unique(json, &mut used);
        let serializers = unique(serializers, &mut used);
        let mut types = BTreeMap::new();
        for def in &model.types {
            let name = if used.contains(&def.name) {
                unique(format!("{}Dto", def.name), &mut used)
            } else {
                unique(def.name.clone(), &mut used)
            };
            types.insert(def.name.clone(), name);
        }
        let mut serializers_of = BTreeMap::new();
        let mut groups_of = BTreeMap::new();
        let mut supertypes: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut tags = BTreeMap::new();
        let mut under_deprecated = BTreeSet::new();
        for def in &model.types {
            let own = types.get(&def.name).cloned().unwrap_or_default();
            if matches!(def.kind, TypeKind::Struct(_) | TypeKind::Union(_)) {
                serializers_of.insert(
                    def.name.clone(),
                    unique(format!("{own}Serializer"), &mut used),
                );
            }
            if let TypeKind::Struct(s) = &def.kind {
                if let Some(ranges) = wide::groups(model, &s.fields) {
                    let group_names = (0..ranges.len())
                        .map(|i| unique(format!("{own}Group{i}"), &mut used))
                        .collect();
                    groups_of.insert(def.name.clone(), (group_names, ranges));
                }
            }
            let TypeKind::Union(union) = &def.kind else {
                continue;
            };
            for variant in &union.variants {
                if let Some(name) = direct_variant(model, &variant.ty) {
                    if def.deprecated {
                        under_deprecated.insert(name.to_owned());
                    }
                    let list = supertypes.entry(name.to_owned()).or_default();
                    if !list.contains(&own) {
                        list.push(own.clone());
                    }
                    if let (Some(key), Some(tag)) = (&union.discriminator, &variant.tag) {
                        tags.entry(name.to_owned())
                            .or_insert_with(|| (key.clone(), tag.clone()));
                    }
                }
            }
        }
        let top_level = types
            .values()
            .cloned()
            .chain(RESERVED_TYPES.iter().map(|s| (*s).to_owned()))
            .collect();
        Names {
            top_level,
            package: setting_or(&model.package, "kotlin", "package", || {
                package_name(&model.package.name)
            }),
            types,
            serializers_of,
            groups_of,
            supertypes,
            tags,
            under_deprecated,
            client,
            json,
            serializers,
            deprecated: model
                .types
                .iter()
                .filter(|def| def.deprecated)
                .map(|def| def.name.clone())
                .collect(),
        }
    }

    /// The serializer object of a struct or union.
    fn serializer_of(&self, model_name: &str, kotlin_name: &str) -> String {
        self.serializers_of
            .get(model_name)
            .cloned()
            .unwrap_or_else(|| format!("{kotlin_name}Serializer"))
    }

    fn type_name(&self, name: &str) -> String {
        self.types
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_owned())
    }

    /// The Kotlin type of a reference.
    fn type_expr(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::String | TypeRef::DateTime | TypeRef::Literal(_) => "String".to_owned(),
            TypeRef::Bool => "Boolean".to_owned(),
            TypeRef::Int32 => "Int".to_owned(),
            TypeRef::Int64 => "Long".to_owned(),
            TypeRef::Float64 => "Double".to_owned(),
            TypeRef::List(item) => format!("List<{}>", self.type_expr(item)),
            TypeRef::Map(value) => format!("Map<String, {}>", self.type_expr(value)),
            TypeRef::Named(name) => self.type_name(name),
            TypeRef::Any => VERBATIM_JSON.to_owned(),
            TypeRef::Nullable(inner) => self.nullable(inner),
        }
    }

    /// `T?`, without doubling the `?` of a type that already is nullable.
    fn nullable(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::Nullable(inner) => self.nullable(inner),
            _ => format!("{}?", self.type_expr(ty)),
        }
    }

    /// Whether a reference mentions a deprecated type (its users then suppress the warning).
    fn mentions_deprecated(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                self.mentions_deprecated(inner)
            }
            TypeRef::Named(name) => self.deprecated.contains(name),
            _ => false,
        }
    }

    /// A class's properties. `extra` is taken first: a schema property of that
    /// name gets `extra2` (its wire name kept by @SerialName), so every class
    /// spells it the same.
    fn fields(
        &self,
        owner: &str,
        s: &crate::model::Struct,
        imports: &mut BTreeSet<&'static str>,
    ) -> Vec<KtField> {
        let mut used: NameSet = [EXTRA_MEMBER].into_iter().collect();
        s.fields
            .iter()
            .map(|field| self.field(owner, field, &mut used, imports))
            .collect()
    }

    fn type_file<'a>(&self, model: &Model, def: &TypeDef, banner: &'a str) -> TypeFile<'a> {
        let name = self.type_name(&def.name);
        let mut imports = BTreeSet::new();
        let mut refs: Vec<&TypeRef> = Vec::new();
        let supertypes = match self.supertypes.get(&def.name) {
            Some(list) => format!(" : {}", list.join(", ")),
            None => String::new(),
        };
        let kind = match &def.kind {
            TypeKind::Struct(s) if self.groups_of.contains_key(&def.name) => {
                imports.extend([
                    "kotlinx.serialization.KSerializer",
                    "kotlinx.serialization.SerialName",
                    "kotlinx.serialization.Serializable",
                    "kotlinx.serialization.json.JsonObject",
                ]);
                refs.extend(s.fields.iter().map(|f| &f.ty));
                let fields = self.fields(&def.name, s, &mut imports);
                let (group_names, ranges) = &self.groups_of[&def.name];
                wide::kind(
                    wide::WideClass {
                        name: &name,
                        package: &self.package,
                        supertypes,
                        extra: EXTRA_MEMBER,
                        serializer: self.serializer_of(&def.name, &name),
                        group_names,
                    },
                    fields,
                    ranges,
                )
            }
            TypeKind::Struct(s) => {
                imports.extend([
                    "kotlinx.serialization.ExperimentalSerializationApi",
                    "kotlinx.serialization.KSerializer",
                    "kotlinx.serialization.KeepGeneratedSerializer",
                    "kotlinx.serialization.Serializable",
                    "kotlinx.serialization.Transient",
                    "kotlinx.serialization.json.JsonObject",
                ]);
                refs.extend(s.fields.iter().map(|f| &f.ty));
                let fields = self.fields(&def.name, s, &mut imports);
                KtKind::Data {
                    fields,
                    supertypes,
                    extra: EXTRA_MEMBER.to_owned(),
                    serializer: self.serializer_of(&def.name, &name),
                }
            }
            TypeKind::Enum(e) => {
                imports.insert("kotlinx.serialization.Serializable");
                let mut used = NameSet::default();
                // Too many values for a companion object's initialiser on the JVM.
                let listed = if e.values.len() > super::MAX_ENUM_CONSTANTS {
                    &[][..]
                } else {
                    &e.values[..]
                };
                KtKind::Enum {
                    supertypes,
                    values: listed
                        .iter()
                        .map(|value| KtConst {
                            name: unique(constant_name(&value.value), &mut used),
                            value: kotlin_string(&value.value),
                            doc: kdoc(value.description.as_deref(), "        "),
                        })
                        .collect(),
                }
            }
            TypeKind::Union(union) => {
                refs.extend(union.variants.iter().map(|v| &v.ty));
                self.union(model, def, union, &mut imports)
            }
            TypeKind::Alias(ty) => {
                refs.push(ty);
                KtKind::Alias {
                    ty: self.type_expr(ty),
                }
            }
        };
        let mut annotations = String::new();
        if def.deprecated {
            annotations.push_str("@Deprecated(\"Deprecated in the API schema.\")\n");
        }
        // A deprecated type's file names it (its serializer, an enum's known
        // values), as does a variant's of the deprecated union it implements.
        TypeFile {
            banner,
            package: self.package.clone(),
            suppress_deprecation: def.deprecated
                || self.under_deprecated.contains(&def.name)
                || refs.iter().any(|ty| self.mentions_deprecated(ty)),
            imports: imports.into_iter().collect(),
            doc: kdoc(
                match &def.kind {
                    TypeKind::Enum(e) => {
                        super::enum_doc(def.description.as_deref(), e.values.len())
                    }
                    TypeKind::Struct(_) if self.groups_of.contains_key(&def.name) => {
                        Some(wide::doc(def.description.as_deref()))
                    }
                    _ => def.description.clone(),
                }
                .as_deref(),
                "",
            ),
            annotations,
            name,
            kind,
        }
    }

    fn field(
        &self,
        owner: &str,
        field: &Field,
        used: &mut NameSet,
        imports: &mut BTreeSet<&'static str>,
    ) -> KtField {
        let name = escape_keyword(unique(member_ident(&field.wire_name), used));
        let mut annotations = String::new();
        let deprecated = if field.deprecated {
            "    @Deprecated(\"Deprecated in the API schema.\")\n".to_owned()
        } else {
            String::new()
        };
        if name.trim_matches('`') != field.wire_name {
            imports.insert("kotlinx.serialization.SerialName");
            annotations.push_str(&format!(
                "    @SerialName({})\n",
                kotlin_string(&field.wire_name)
            ));
        }
        // A required constant (a union's tag) defaults to its value and is always written.
        let constant = match (&field.ty, self.tags.get(owner)) {
            (TypeRef::Literal(value), _) => Some(kotlin_string(value)),
            (ty, Some((key, tag))) if *key == field.wire_name => match ty {
                TypeRef::String => Some(kotlin_string(tag)),
                TypeRef::Named(enum_name) => Some(format!(
                    "{}({})",
                    self.type_name(enum_name),
                    kotlin_string(tag)
                )),
                _ => None,
            },
            _ => None,
        };
        let (ty, default) = match (&constant, field.required) {
            (Some(value), true) => {
                imports.insert("kotlinx.serialization.Required");
                annotations.push_str("    @Required\n");
                let ty = if field.nullable {
                    self.nullable(&field.ty)
                } else {
                    self.type_expr(&field.ty)
                };
                (ty, format!(" = {value}"))
            }
            (_, false) => (self.nullable(&field.ty), " = null".to_owned()),
            (None, true) if field.nullable => (self.nullable(&field.ty), String::new()),
            (None, true) => (self.type_expr(&field.ty), String::new()),
        };
        KtField {
            doc: kdoc(field_doc(field).as_deref(), "    "),
            deprecated,
            annotations,
            name,
            ty,
            default,
        }
    }

    fn union(
        &self,
        model: &Model,
        def: &TypeDef,
        union: &Union,
        imports: &mut BTreeSet<&'static str>,
    ) -> KtKind {
        imports.extend([
            "kotlinx.serialization.DeserializationStrategy",
            "kotlinx.serialization.Serializable",
            "kotlinx.serialization.json.JsonContentPolymorphicSerializer",
            "kotlinx.serialization.json.JsonElement",
        ]);
        let name = self.type_name(&def.name);
        let mut wrappers = Vec::new();
        // Nested wrappers must not shadow the types the union refers to.
        let mut used = Within {
            outer: &self.top_level,
            local: NameSet::default(),
        };
        let mut variants = Vec::new();
        for variant in &union.variants {
            let serializer = match direct_variant(model, &variant.ty) {
                Some(target) => format!("{}.serializer()", self.type_name(target)),
                None => {
                    let wrapper = unique(format!("{}Value", variant.name), &mut used);
                    let serializer = format!("{name}.{wrapper}.serializer()");
                    wrappers.push(KtWrapper {
                        doc: kdoc(variant.description.as_deref(), "    "),
                        name: wrapper,
                        ty: self.type_expr(&variant.ty),
                    });
                    serializer
                }
            };
            let selector = match &variant.tag {
                Some(tag) => kotlin_string(tag),
                None => format!(
                    "element.hasShape({})",
                    kotlin_string(shape_name(model.shape_of(&variant.ty)))
                ),
            };
            // The first variant of a tag wins; a repeated tag would be a dead,
            // warned-about branch ("duplicate branch condition", OpenAI's `Item`).
            let repeated = variant.tag.is_some()
                && variants.iter().any(|v: &KtVariant| v.selector == selector);
            if !repeated {
                variants.push(KtVariant {
                    selector,
                    serializer,
                });
            }
        }
        let shapes: Vec<&str> = union
            .variants
            .iter()
            .map(|v| shape_name(model.shape_of(&v.ty)))
            .collect();
        KtKind::Union {
            serializer: self.serializer_of(&def.name, &name),
            discriminator: union.discriminator.as_deref().map(kotlin_string),
            variants,
            wrappers,
            shapes: kotlin_string(&shapes.join(", ")),
        }
    }

    fn client_file<'a>(&self, model: &Model, banner: &'a str) -> Option<ClientFile<'a>> {
        if model.operations.is_empty() {
            return None;
        }
        let status = super::response_status(model);
        let detail = match status {
            Some(_) => match super::response_status_message(model) {
                Some(f) => format!(
                    "details?.{}?.takeIf {{ it.isNotEmpty() }} ?: \"HTTP $status\"",
                    member_name(&f.wire_name)
                ),
                None => "\"HTTP $status\"".to_owned(),
            },
            None => "text((details as? JsonObject)?.get(\"message\"))?.takeIf { it.isNotEmpty() } ?: \"HTTP $status\"".to_owned(),
        };
        let mut used: NameSet = [
            "exchange",
            "send",
            "stream",
            "attempt",
            "request",
            "failure",
            "errorStatus",
            "query",
            "encode",
            "addQuery",
            "headerText",
            "text",
            "requestId",
            "retryable",
            "backoff",
            "retryAfter",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        let mut deprecated = false;
        let methods = model
            .operations
            .iter()
            .map(|op| {
                deprecated |=
                    self.deprecated.contains(&op.request) || self.deprecated.contains(&op.response);
                let plain = unique(op.name.to_lower_camel_case(), &mut used);
                let stream = op.stream.as_ref().map(|stream| StreamMethod {
                    name: escape_keyword(unique(
                        format!("{plain}{}", client::STREAM_SUFFIX),
                        &mut used,
                    )),
                    event: self.type_name(&stream.event),
                    flag: kotlin_string(&stream.flag),
                    flag_wire: stream.flag.clone(),
                });
                if let Some(stream) = &op.stream {
                    deprecated |= self.deprecated.contains(&stream.event);
                }
                Method {
                    name: escape_keyword(plain),
                    doc: kdoc(op.description.as_deref(), "    "),
                    request: self.type_name(&op.request),
                    response: self.type_name(&op.response),
                    method: kotlin_string(&op.method),
                    path: kotlin_string(&op.path),
                    route: route_argument(op),
                    stream,
                }
            })
            .collect::<Vec<_>>();
        let retryable_client_errors = (400..500)
            .filter(|status| client::retryable_status(*status))
            .map(|status| status.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        Some(ClientFile {
            banner,
            base_url: model.base_url.as_deref().map(kotlin_string),
            package: self.package.clone(),
            suppress_deprecation: deprecated,
            class_name: self.client.clone(),
            json: self.json.clone(),
            status_type: status.map(|_| self.type_name("ResponseStatus")),
            detail,
            has_streams: methods.iter().any(|m| m.stream.is_some()),
            methods,
            timeout_seconds: client::DEFAULT_TIMEOUT_SECONDS,
            max_retries: client::MAX_RETRIES,
            initial_backoff_ms: client::INITIAL_BACKOFF_MS,
            max_backoff_ms: client::MAX_BACKOFF_MS,
            max_retry_after_ms: client::MAX_RETRY_AFTER_MS,
            jitter: format!("{:?}", client::JITTER),
            jitter_percent: (client::JITTER * 100.0).round() as u64,
            retryable_client_errors,
            stream_done: kotlin_string(client::STREAM_DONE),
            stream_done_text: client::STREAM_DONE,
            stream_suffix: client::STREAM_SUFFIX,
            request_id_header: client::REQUEST_ID_HEADER,
            request_id_header_literal: kotlin_string(client::REQUEST_ID_HEADER),
        })
    }
}

/// The named struct or enum a union variant is, when it can implement the union's
/// sealed interface itself; other variants get a wrapper value class.
fn direct_variant<'m>(model: &'m Model, ty: &'m TypeRef) -> Option<&'m str> {
    match ty {
        TypeRef::Named(name) => match model.get(name).map(|def| &def.kind) {
            Some(TypeKind::Struct(_) | TypeKind::Enum(_)) => Some(name),
            _ => None,
        },
        _ => None,
    }
}

/// Whether the README can show a complete chat request: the built-in chat types, under their
/// own names, and the streamed chat completion operation.
fn openai_example(model: &Model, names: &Names) -> bool {
    super::client::chat_example(model).is_some()
        && std::iter::once("OpenAiChatCompletion")
            .chain(super::client::CHAT_EXAMPLE_TYPES)
            .all(|name| names.type_name(name) == name)
}

/// `client::Route` as the client's `Route(...)` constructor call; None for a
/// plain route, which the client sends as before.
fn route_argument(op: &crate::model::Operation) -> Option<String> {
    let route = client::route(op);
    if route.is_plain() {
        return None;
    }
    let list = |names: &[&str]| {
        let items: Vec<String> = names.iter().map(|name| kotlin_string(name)).collect();
        format!("listOf({})", items.join(", "))
    };
    Some(format!(
        "Route({}, {}, {}, {}, {})",
        list(&route.path),
        list(&route.query),
        list(&route.headers),
        route
            .body_field
            .map_or_else(|| "null".to_owned(), kotlin_string),
        route.has_body
    ))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::lang::code_scan::{self, Syntax, Word};

    /// Kotlin's identifiers, backquoted ones included; its literals.
    const KOTLIN: Syntax = Syntax {
        quotes: "\"'",
        identifier_extras: "_`",
    };

    fn words(code: &str) -> Vec<Word> {
        code_scan::words(code, &KOTLIN)
    }

    /// A type of each kind renamed away from a reserved name is named by its
    /// new name everywhere, its own file included.
    #[test]
    fn renamed_types_of_every_kind_use_their_new_name() {
        let model = crate::model::load(&serde_json::json!({"$defs": {
            "Random": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"$ref": "#/$defs/Random"}}]},
            "Dispatchers": {"oneOf": [{"$ref": "#/$defs/URLEncoder"}, {"$ref": "#/$defs/HttpHeaders"}],
                            "discriminator": {"propertyName": "kind"}},
            "URLEncoder": {"type": "object", "required": ["kind", "stream"], "properties": {
                "kind": {"const": "encoder"}, "stream": {"$ref": "#/$defs/InputStream"}}},
            "HttpHeaders": {"type": "object", "required": ["kind"], "properties": {
                "kind": {"const": "headers"}, "alias": {"$ref": "#/$defs/ByteArrayOutputStream"}}},
            "InputStream": {"enum": ["a", "b"]},
            "ByteArrayOutputStream": {"type": "array", "items": {"$ref": "#/$defs/Random"}}
        }}))
        .expect("loads");
        let renamed = [
            "Random",
            "Dispatchers",
            "URLEncoder",
            "HttpHeaders",
            "InputStream",
            "ByteArrayOutputStream",
        ];
        assert!(renamed.iter().all(|name| RESERVED_TYPES.contains(name)));
        let files = Kotlin.generate(&model).expect("renders");
        for file in files
            .iter()
            .filter(|f| f.path.extension() == Some("kt".as_ref()))
        {
            let stale: Vec<_> = words(&file.contents)
                .into_iter()
                .filter(|word| renamed.contains(&word.text.as_str()) && word.before != '.')
                .collect();
            assert!(stale.is_empty(), "{} names {stale:?}", file.path.display());
        }
        for name in renamed {
            assert!(
                files
                    .iter()
                    .any(|f| f.path.ends_with(format!("{name}Dto.kt"))),
                "{name} is renamed {name}Dto"
            );
        }
    }

    /// Every file naming a deprecated type suppresses the warning (kotlinc
    /// runs with -Werror): the type's own file, its variants' files (they name
    /// it as their supertype) and its users'; and a tag two variants share
    /// selects the first, with no duplicate `when` branch.
    #[test]
    fn deprecated_types_and_shared_tags_compile_without_warnings() {
        let model = crate::model::load(&serde_json::json!({"$defs": {
            "Old": {"deprecated": true, "oneOf": [{"$ref": "#/$defs/In"}, {"$ref": "#/$defs/Out"}],
                    "discriminator": {"propertyName": "type"}},
            "In": {"type": "object", "required": ["type"], "properties": {"type": {"const": "message"}}},
            "Out": {"type": "object", "required": ["type"], "properties": {
                "type": {"const": "message"}, "status": {"$ref": "#/$defs/Status"}}},
            "Status": {"deprecated": true, "enum": ["a", "b"]},
            "Either": {"deprecated": true, "oneOf": [{"type": "string"}, {"$ref": "#/$defs/Status"}]},
            "User": {"type": "object", "properties": {"old": {"$ref": "#/$defs/Old"}}}
        }}))
        .expect("loads");
        let files = Kotlin.generate(&model).expect("renders");
        let deprecated = ["Old", "Status", "Either"];
        for file in files
            .iter()
            .filter(|f| f.path.extension() == Some("kt".as_ref()))
        {
            let names_deprecated = words(&file.contents)
                .iter()
                .any(|word| deprecated.contains(&word.text.as_str()));
            if names_deprecated {
                assert!(
                    file.contents.contains("@file:Suppress(\"DEPRECATION\")"),
                    "{} names a deprecated type unsuppressed",
                    file.path.display()
                );
            }
        }
        let old = files
            .iter()
            .find(|f| f.path.ends_with("Old.kt"))
            .expect("Old.kt");
        assert_eq!(old.contents.matches("\"message\" ->").count(), 1);
    }

    /// Every type name the generated code uses unqualified or declares is one
    /// of the package's own (model types, their serializers and union
    /// wrappers, the client and its Json), a type parameter, or reserved: so
    /// no schema type can shadow or clash with it.
    #[test]
    fn every_unqualified_type_the_code_uses_is_reserved() {
        let mut missing = BTreeSet::new();
        // big-class's wide classes declare their own groups and serializer.
        let wide = code_scan::sample_sources(|name| name == "big-class.schema.json")
            .into_iter()
            .filter_map(|source| source.model().ok());
        for model in code_scan::sample_models().into_iter().chain(wide) {
            let names = Names::new(&model);
            let own: BTreeSet<String> = names
                .types
                .values()
                .chain(names.serializers_of.values())
                .chain(names.groups_of.values().flat_map(|(groups, _)| groups))
                .chain([&names.client, &names.json, &names.serializers])
                .cloned()
                .collect();
            assert!(
                own.iter()
                    .all(|name| !RESERVED_TYPES.contains(&name.as_str())),
                "a declaration of the package takes a reserved name: {own:?}"
            );
            let mut allowed = own.clone();
            let mut used = BTreeSet::new();
            let files = Kotlin.generate(&model).expect("renders");
            for file in files
                .iter()
                .filter(|f| f.path.extension() == Some("kt".as_ref()))
            {
                let stem = file.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
                let code: Vec<&str> = file
                    .contents
                    .lines()
                    .filter(|l| !l.starts_with("import ") && !l.starts_with("package "))
                    .collect();
                for Word {
                    before,
                    prev,
                    text: word,
                } in words(&code.join("\n"))
                {
                    // A union's wrappers are named apart from every type; known
                    // values (`val Wav: …`) and type parameters are no types.
                    let nested = prev == "class" && names.types.contains_key(stem);
                    if nested
                        || prev == "val"
                        || (prev == "reified")
                        || before == '<' && word.len() == 1
                    {
                        allowed.insert(word.clone());
                    }
                    let upper = word.starts_with(|c: char| c.is_ascii_uppercase());
                    if upper && before != '.' {
                        used.insert(word);
                    }
                }
            }
            missing.extend(used.into_iter().filter(|name| {
                !allowed.contains(name) && !RESERVED_TYPES.contains(&name.as_str())
            }));
        }
        assert!(missing.is_empty(), "not in RESERVED_TYPES: {missing:?}");
    }
}
