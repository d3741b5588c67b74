//! Java 17 + Jackson 2: one class per type with `@JsonProperty` fields,
//! getters and fluent setters; open enums as value classes; tagged unions as
//! sealed interfaces with `@JsonTypeInfo`, untagged ones as sealed interfaces
//! of records decoded by JSON shape; a `java.net.http.HttpClient` client.

mod names;

use std::collections::{BTreeMap, BTreeSet};

use askama::Template;
use heck::ToLowerCamelCase;

use super::client;
use super::doc::{block_comment, field_doc, line_comment};
use super::ident::{json_string, unique, xml_text, NameSet, Within};
use super::identity::setting_or;
use super::publish::Publish;
use super::{banner, Backend, GeneratedFile};
use crate::model::{Model, Shape, Struct, TypeDef, TypeKind, TypeRef, Union};
use names::{
    constant_name, escape, jackson_implicit_name, javadoc, member_name, package_name, upper_first,
    RESERVED_TYPES,
};

/// The Jackson release the package is built and tested with.
const JACKSON_VERSION: &str = "2.23.0";

pub struct Java;

impl Backend for Java {
    fn name(&self) -> &'static str {
        "java"
    }

    fn aliases(&self) -> &'static [&'static str] {
        &[]
    }

    fn verification(&self) -> &'static str {
        "round trip: mvn package, javac --release 17 -Xlint:all -Werror with Jackson, every vector through java; client end to end against ai-server"
    }

    fn generate(&self, model: &Model) -> Result<Vec<GeneratedFile>, askama::Error> {
        let ctx = Ctx::new(model);
        let banner = line_comment(Some(&banner(model).replace("\\u", "\\\\u")), "", "//");
        let pkg = &model.package;
        let package = setting_or(pkg, "java", "package", || package_name(&pkg.name));
        let dir = format!("src/main/java/{}", package.replace('.', "/"));
        let mut used: NameSet = ctx.taken.iter().cloned().collect();
        let client_class = unique(super::client_name(model), &mut used);
        let head = |refs: Refs| Head {
            banner: banner.clone(),
            package: package.clone(),
            imports: refs.imports.into_iter().collect(),
        };
        let mut files = Vec::new();
        for def in &model.types {
            let (kind, refs) = ctx.view_kind(def);
            let file = TypeFile {
                suppress_deprecation: ctx.uses_deprecated(def, &refs),
                head: head(refs),
                doc: ctx.doc(type_doc(def).as_deref(), def.deprecated, ""),
                deprecated: def.deprecated,
                name: ctx.java_name(&def.name),
                kind,
            };
            files.push(GeneratedFile::new(
                format!("{dir}/{}.java", file.name),
                file.render()?,
            ));
        }
        if !model.types.is_empty() {
            let file = Strict {
                head: head(Refs::default()),
            };
            files.push(GeneratedFile::new(
                format!("{dir}/StrictJson.java"),
                file.render()?,
            ));
        }
        if model.types.iter().any(|def| ctx.is_wrapped_union(def)) {
            let file = Support {
                head: head(Refs::default()),
            };
            files.push(GeneratedFile::new(
                format!("{dir}/UnionDeserializer.java"),
                file.render()?,
            ));
        }
        let has_client = !model.operations.is_empty();
        if has_client {
            let (client, status) = ctx.view_client(client_class.clone());
            let error = ErrorFile {
                head: head(status.1),
                status_type: status.0,
                request_id_header: client::REQUEST_ID_HEADER,
            };
            files.push(GeneratedFile::new(
                format!("{dir}/ApiException.java"),
                error.render()?,
            ));
            let client = ClientFile {
                head: head(client.1),
                ..client.0
            };
            files.push(GeneratedFile::new(
                format!("{dir}/{client_class}.java"),
                client.render()?,
            ));
        }
        let publish = Publish::new(model);
        let project = Project {
            group: xml_text(&setting_or(pkg, "java", "group_id", || package.clone())),
            package: package.clone(),
            artifact: xml_text(&setting_or(pkg, "java", "artifact_id", || pkg.name.clone())),
            version: xml_text(&model.package.version),
            title: xml_text(&model.package.title),
            description: publish.description.map(xml_text),
            url: publish.url().map(xml_text),
            license: publish
                .license
                .map(|id| (xml_text(id), publish.license_url().as_deref().map(xml_text))),
            developers: publish
                .authors
                .iter()
                .map(|a| (xml_text(&a.name), a.email.as_deref().map(xml_text)))
                .collect(),
            scm: publish
                .repository
                .zip(publish.scm_connection())
                .map(|(url, connection)| (xml_text(url), xml_text(&connection))),
            jackson: JACKSON_VERSION,
            client_class,
            example: model.operations.first().map(|op| ctx.method_name(op)),
            chat: ctx.chat_example(),
            has_client,
            timeout_minutes: client::DEFAULT_TIMEOUT_SECONDS / 60,
            max_retries: client::MAX_RETRIES,
        };
        files.push(GeneratedFile::new("pom.xml", Pom { p: &project }.render()?));
        files.push(GeneratedFile::new(
            "README.md",
            Readme { p: &project }.render()?,
        ));
        Ok(files)
    }
}

/// What one file refers to: imports and the model types it names.
#[derive(Default)]
struct Refs {
    imports: BTreeSet<&'static str>,
    types: BTreeSet<String>,
}

impl Refs {
    fn with(mut self, imports: &[&'static str]) -> Self {
        self.imports.extend(imports);
        self
    }
}

const LIST: &str = "java.util.List";
const OBJECTS: &str = "java.util.Objects";
const JSON_VALUE: &str = "com.fasterxml.jackson.annotation.JsonValue";
const JSON_CREATOR: &str = "com.fasterxml.jackson.annotation.JsonCreator";
const JSON_NODE: &str = "com.fasterxml.jackson.databind.JsonNode";
const JSON_DESERIALIZE: &str = "com.fasterxml.jackson.databind.annotation.JsonDeserialize";

/// Whether a type holds JSON scalars that Jackson would coerce (checked by `StrictJson`).
fn has_scalars(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::String
        | TypeRef::Bool
        | TypeRef::Int32
        | TypeRef::Int64
        | TypeRef::Float64
        | TypeRef::DateTime
        | TypeRef::Literal(_) => true,
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => has_scalars(inner),
        TypeRef::Named(_) | TypeRef::Any => false,
    }
}

struct Ctx<'m> {
    model: &'m Model,
    /// Model type name → Java class name.
    names: BTreeMap<String, String>,
    /// Variant struct → (its tagged union, the discriminator), for tagged
    /// unions whose variants implement them directly.
    direct: BTreeMap<String, (String, String)>,
    /// Every Java type name in the package plus the JDK names the code uses.
    taken: BTreeSet<String>,
}

impl<'m> Ctx<'m> {
    fn new(model: &'m Model) -> Self {
        let mut used: NameSet = model.types.iter().map(|d| d.name.clone()).collect();
        used.extend(RESERVED_TYPES.iter().map(|n| n.to_string()));
        let names: BTreeMap<String, String> = model
            .types
            .iter()
            .map(|def| {
                let name = if RESERVED_TYPES.contains(&def.name.as_str()) {
                    unique(format!("{}Dto", def.name), &mut used)
                } else {
                    def.name.clone()
                };
                (def.name.clone(), name)
            })
            .collect();
        // A struct can implement a tagged union (and lose its tag field to
        // Jackson's type id) only when it is a variant of no other union.
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for def in &model.types {
            if let TypeKind::Union(union) = &def.kind {
                for variant in &union.variants {
                    if let TypeRef::Named(name) = &variant.ty {
                        *seen.entry(name).or_default() += 1;
                    }
                }
            }
        }
        let mut direct = BTreeMap::new();
        for def in &model.types {
            let TypeKind::Union(union) = &def.kind else {
                continue;
            };
            let Some(tag) = &union.discriminator else {
                continue;
            };
            let own = |ty: &TypeRef| match ty {
                TypeRef::Named(name) => {
                    seen.get(name.as_str()) == Some(&1)
                        && model.get(name).and_then(TypeDef::as_struct).is_some()
                }
                _ => false,
            };
            if union.variants.iter().all(|v| own(&v.ty)) {
                for variant in &union.variants {
                    if let TypeRef::Named(name) = &variant.ty {
                        direct.insert(name.clone(), (def.name.clone(), tag.clone()));
                    }
                }
            }
        }
        let taken = names
            .values()
            .cloned()
            .chain(RESERVED_TYPES.iter().map(|n| n.to_string()))
            .collect();
        Self {
            model,
            names,
            direct,
            taken,
        }
    }

    fn java_name(&self, name: &str) -> String {
        self.names
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_owned())
    }

    fn doc(&self, text: Option<&str>, deprecated: bool, indent: &str) -> String {
        block_comment(text.map(javadoc).as_deref(), deprecated, indent)
    }

    /// Whether `null` is a value of the type: nullable, free JSON, or a
    /// definition that is itself nullable (followed through aliases).
    fn admits_null(&self, ty: &TypeRef, depth: usize) -> bool {
        match ty {
            TypeRef::Nullable(_) | TypeRef::Any => true,
            TypeRef::Named(name) if depth < 32 => match self.model.get(name).map(|d| &d.kind) {
                Some(TypeKind::Alias(inner)) => self.admits_null(inner, depth + 1),
                _ => false,
            },
            _ => false,
        }
    }

    fn is_wrapped_union(&self, def: &TypeDef) -> bool {
        matches!(&def.kind, TypeKind::Union(u) if !self.is_direct(&def.name, u))
    }

    fn is_direct(&self, name: &str, union: &Union) -> bool {
        union.discriminator.is_some()
            && union.variants.iter().all(|v| {
                matches!(&v.ty, TypeRef::Named(n) if self.direct.get(n).is_some_and(|(u, _)| u == name))
            })
    }

    /// Whether a file names a deprecated type other than its own (javac warns there).
    fn uses_deprecated(&self, def: &TypeDef, refs: &Refs) -> bool {
        !def.deprecated
            && refs
                .types
                .iter()
                .any(|name| name != &def.name && self.model.get(name).is_some_and(|d| d.deprecated))
    }

    /// The Java type of a reference (boxed: every value may be absent).
    fn type_expr(&self, ty: &TypeRef, refs: &mut Refs) -> String {
        match ty {
            TypeRef::String | TypeRef::DateTime | TypeRef::Literal(_) => "String".to_owned(),
            TypeRef::Bool => "Boolean".to_owned(),
            TypeRef::Int32 => "Integer".to_owned(),
            TypeRef::Int64 => "Long".to_owned(),
            TypeRef::Float64 => "Double".to_owned(),
            TypeRef::List(item) => {
                refs.imports.insert(LIST);
                format!("List<{}>", self.type_expr(item, refs))
            }
            TypeRef::Map(value) => {
                refs.imports.insert("java.util.Map");
                format!("Map<String, {}>", self.type_expr(value, refs))
            }
            TypeRef::Named(name) => {
                refs.types.insert(name.clone());
                self.java_name(name)
            }
            TypeRef::Any => {
                refs.imports
                    .insert("com.fasterxml.jackson.databind.JsonNode");
                "JsonNode".to_owned()
            }
            TypeRef::Nullable(inner) => self.type_expr(inner, refs),
        }
    }

    fn view_kind(&self, def: &TypeDef) -> (Kind, Refs) {
        match &def.kind {
            TypeKind::Struct(s) => self.view_class(def, s),
            TypeKind::Enum(e) => {
                let mut used = NameSet::default();
                let mut seen = BTreeSet::new();
                // A class holds at most 65,535 constant-pool entries and a
                // method 64 KiB of bytecode: beyond a few thousand values the
                // constants and `of`'s switch do not compile ("code too
                // large"), so a larger enum is open with no constants.
                let listed = if e.values.len() > super::MAX_ENUM_CONSTANTS {
                    &[][..]
                } else {
                    &e.values[..]
                };
                let constants = listed
                    .iter()
                    .filter(|v| seen.insert(v.value.as_str()))
                    .map(|v| Constant {
                        name: unique(constant_name(&v.value), &mut used),
                        value: json_string(&v.value),
                        doc: self.doc(v.description.as_deref(), false, "    "),
                    })
                    .collect();
                let refs = Refs::default().with(&[JSON_CREATOR, JSON_VALUE, JSON_NODE, OBJECTS]);
                (Kind::Enum(constants), refs)
            }
            TypeKind::Union(union) if self.is_direct(&def.name, union) => {
                let mut refs = Refs::default().with(&[
                    "com.fasterxml.jackson.annotation.JsonSubTypes",
                    "com.fasterxml.jackson.annotation.JsonTypeInfo",
                ]);
                let subtypes = union
                    .variants
                    .iter()
                    .map(|v| Subtype {
                        class: self.type_expr(&v.ty, &mut refs),
                        tag: json_string(v.tag.as_deref().unwrap_or_default()),
                    })
                    .collect();
                let tag = json_string(union.discriminator.as_deref().unwrap_or_default());
                (Kind::Tagged { tag, subtypes }, refs)
            }
            TypeKind::Union(union) => self.view_union(def, union),
            TypeKind::Alias(ty) => {
                let mut refs = Refs::default().with(&[JSON_CREATOR, JSON_VALUE, OBJECTS]);
                let strict = has_scalars(ty);
                if strict {
                    refs.imports.insert(JSON_DESERIALIZE);
                }
                let ty = self.type_expr(ty, &mut refs);
                (Kind::Alias { ty, strict }, refs)
            }
        }
    }

    fn view_class(&self, def: &TypeDef, s: &Struct) -> (Kind, Refs) {
        let mut refs = Refs::default().with(&[
            "com.fasterxml.jackson.annotation.JsonAnyGetter",
            "com.fasterxml.jackson.annotation.JsonAnySetter",
            "com.fasterxml.jackson.annotation.JsonInclude",
            "com.fasterxml.jackson.annotation.JsonProperty",
            JSON_NODE,
            "java.util.LinkedHashMap",
            "java.util.Map",
            OBJECTS,
        ]);
        let (implements, dropped) = match self.direct.get(&def.name) {
            Some((union, tag)) => {
                refs.types.insert(union.clone());
                (format!(" implements {}", self.java_name(union)), Some(tag))
            }
            None => (String::new(), None),
        };
        let mut used = NameSet::default();
        let mut fields = Vec::new();
        let mut literals = Vec::new();
        for field in &s.fields {
            if dropped == Some(&field.wire_name) {
                continue;
            }
            let name = unique(member_name(&field.wire_name), &mut used);
            let suffix = upper_first(&name);
            let doc = self.doc(field_doc(field).as_deref(), field.deprecated, "    ");
            if let (TypeRef::Literal(value), true, false) =
                (&field.ty, field.required, field.nullable)
            {
                literals.push(Literal {
                    getter: format!("get{suffix}"),
                    setter: format!("set{suffix}"),
                    wire: json_string(&field.wire_name),
                    value: json_string(value),
                    doc: self.doc(
                        Some(&format!("Always `{}`.", json_string(value))),
                        false,
                        "    ",
                    ),
                });
                continue;
            }
            let skip_nulls = field.ty == TypeRef::Any && !field.required;
            if skip_nulls {
                refs.imports
                    .insert("com.fasterxml.jackson.annotation.JsonSetter");
                refs.imports
                    .insert("com.fasterxml.jackson.annotation.Nulls");
            }
            let strict = has_scalars(&field.ty);
            if strict {
                refs.imports.insert(JSON_DESERIALIZE);
            }
            fields.push(Field {
                strict,
                nullable: field.nullable || self.admits_null(&field.ty, 0),
                ty: self.type_expr(&field.ty, &mut refs),
                wire: json_string(&field.wire_name),
                getter: format!("get{suffix}"),
                setter: format!("set{suffix}"),
                annotate_accessors: jackson_implicit_name(&suffix) != name,
                name,
                doc,
                deprecated: field.deprecated,
                required: field.required,
                always: field.required
                    && (field.nullable || matches!(field.ty, TypeRef::Nullable(_))),
                skip_nulls,
            });
        }
        // The unknown properties' member, named apart from the schema's.
        let extra_field = unique("additionalProperties".to_owned(), &mut used);
        let extra = Extra {
            getter: format!("get{}", upper_first(&extra_field)),
            setter: format!(
                "set{}",
                upper_first(&extra_field.replacen("Properties", "Property", 1))
            ),
            field: extra_field,
        };
        let required: Vec<&Field> = fields.iter().filter(|f| f.required).collect();
        let params: Vec<String> = required
            .iter()
            .map(|f| format!("{} {}", f.ty, f.name))
            .collect();
        if !required.is_empty() {
            refs.imports.insert(JSON_CREATOR);
        }
        let creator_params = format!(
            "\n            {}",
            required
                .iter()
                .map(|f| format!(
                    "@JsonProperty(value = {}, required = true) {} {}",
                    f.wire, f.ty, f.name
                ))
                .collect::<Vec<_>>()
                .join(",\n            ")
        );
        let checks_nulls = required.iter().any(|f| !f.nullable);
        let creator_local = unique("decoded".to_owned(), &mut used.clone());
        // `    public X(params) {` within 100 columns, else one parameter a line.
        let ctor_params = if params.join(", ").len() + self.java_name(&def.name).len() + 15 <= 100
            || params.is_empty()
        {
            params.join(", ")
        } else {
            format!("\n            {}", params.join(",\n            "))
        };
        let names: Vec<String> = fields
            .iter()
            .map(|f| f.name.clone())
            .chain([extra.field.clone()])
            .collect();
        let hash = if names.join(", ").len() <= 70 {
            format!("Objects.hash({})", names.join(", "))
        } else {
            format!(
                "Objects.hash(\n                {})",
                names.join(",\n                ")
            )
        };
        let class = Class {
            implements,
            ctor_params,
            creator: "fromJson",
            creator_local,
            creator_params,
            checks_nulls,
            extra,
            fields,
            literals,
            hash,
        };
        (Kind::Class(class), refs)
    }

    fn view_union(&self, def: &TypeDef, union: &Union) -> (Kind, Refs) {
        let mut refs = Refs::default().with(&[
            "com.fasterxml.jackson.core.type.TypeReference",
            JSON_DESERIALIZE,
            JSON_VALUE,
            LIST,
            OBJECTS,
        ]);
        // The interface's Java name (`Boolean` is `BooleanDto`): its records implement it.
        let name = self.java_name(&def.name);
        // Record names must not shadow the types the interface refers to.
        let mut used = Within {
            outer: &self.taken,
            local: [name.clone()].into_iter().collect(),
        };
        let variants = union
            .variants
            .iter()
            .map(|v| {
                let record = unique(format!("{}Value", v.name), &mut used);
                let ty = self.type_expr(&v.ty, &mut refs);
                // `    record R(@JsonValue T value) implements U {` within 100 columns.
                let wrap = record.len() + ty.len() + name.len() + 46 > 100;
                Variant {
                    implements: format!(
                        "{}implements {}",
                        if wrap { "\n            " } else { " " },
                        name
                    ),
                    factory: escape(format!("of{}", upper_first(&v.name))),
                    shape: shape_constant(self.model.shape_of(&v.ty)),
                    tag: v.tag.as_deref().map_or("null".to_owned(), json_string),
                    doc: self.doc(v.description.as_deref(), false, "    "),
                    record,
                    ty,
                }
            })
            .collect();
        let discriminator = union
            .discriminator
            .as_deref()
            .map_or("null".to_owned(), json_string);
        let shapes = match &union.discriminator {
            Some(tag) => format!("Decodes the variant that the `{tag}` property names."),
            None => "Decodes the first variant whose JSON shape matches the value.".to_owned(),
        };
        let union = UnionView {
            discriminator,
            deserializer_doc: self.doc(Some(&shapes), false, "    "),
            variants,
        };
        (Kind::Union(union), refs)
    }

    /// The README's chat example: the first streamed operation, when the model
    /// has the OpenAI chat types the example builds.
    fn chat_example(&self) -> Option<ChatExample> {
        let (op, stream) = client::chat_example(self.model)?;
        if client::CHAT_EXAMPLE_TYPES
            .iter()
            .any(|name| self.java_name(name) != *name)
        {
            return None;
        }
        let method = self.method_name(op);
        Some(ChatExample {
            request: self.java_name(&op.request),
            response: self.java_name(&op.response),
            event: self.java_name(&stream.event),
            stream_method: format!("{method}{}", client::STREAM_SUFFIX),
            method,
        })
    }

    fn method_name(&self, op: &crate::model::Operation) -> String {
        escape(op.name.to_lower_camel_case())
    }

    /// The client, and the error's status type with its references.
    fn view_client(&self, class_name: String) -> ((ClientFile, Refs), (String, Refs)) {
        let mut refs = Refs::default();
        let status = match self.model.get("ResponseStatus") {
            Some(def) if def.as_struct().is_some() => Some(self.java_name(&def.name)),
            _ => None,
        };
        let mut status_refs = Refs::default();
        let status_type = match &status {
            Some(name) => {
                status_refs.types.insert("ResponseStatus".to_owned());
                refs.types.insert("ResponseStatus".to_owned());
                refs.imports
                    .insert("com.fasterxml.jackson.databind.node.ObjectNode");
                name.clone()
            }
            None => {
                status_refs
                    .imports
                    .insert("com.fasterxml.jackson.databind.JsonNode");
                "JsonNode".to_owned()
            }
        };
        let mut used: NameSet = [
            "send",
            "stream",
            "request",
            "exchange",
            "await",
            "timedOut",
            "cancelled",
            "pause",
            "retryable",
            "backoff",
            "retryDelay",
            "requestId",
            "text",
            "query",
            "appendQuery",
            "headerText",
            "paramText",
            "percentEncode",
            "errorOf",
            "firstText",
            "newHttpClient",
            "withTimeout",
            "withMaxRetries",
            "getTimeout",
            "getMaxRetries",
        ]
        .into_iter()
        .collect();
        let methods: Vec<Method> = self
            .model
            .operations
            .iter()
            .map(|op| {
                let request = self.type_expr(&TypeRef::Named(op.request.clone()), &mut refs);
                let response = self.type_expr(&TypeRef::Named(op.response.clone()), &mut refs);
                let summary = op
                    .description
                    .clone()
                    .unwrap_or_else(|| format!("Sends `{}`.", op.request));
                let text = format!(
                    "{}\n\n@param request the request\n@return the decoded {{@code {response}}}\n@throws ApiException when the call fails",
                    javadoc(&summary)
                );
                let name = unique(self.method_name(op), &mut used);
                let stream = op.stream.as_ref().map(|stream| {
                    let event = self.type_expr(&TypeRef::Named(stream.event.clone()), &mut refs);
                    let text = format!(
                        "{}\n\nStreamed: sends the request with {{@code {}}} set to true and returns the\nserver-sent events as they arrive, each decoded as {{@code {event}}}. Use it in\ntry-with-resources: closing the stream (or reaching its end) closes the connection.\n\n@param request the request (not modified)\n@return the events, until the server's {{@code {}}}\n@throws ApiException when the call fails, the server sends an error event, or the\n    stream ends without {{@code {}}} (thrown while iterating)",
                        javadoc(&summary),
                        stream.flag,
                        client::STREAM_DONE,
                        client::STREAM_DONE,
                    );
                    StreamMethod {
                        name: unique(format!("{name}{}", client::STREAM_SUFFIX), &mut used),
                        doc: block_comment(Some(&text), false, "    "),
                        flag: json_string(&stream.flag),
                        event,
                    }
                });
                Method {
                    name,
                    doc: block_comment(Some(&text), false, "    "),
                    request,
                    response,
                    method: json_string(&op.method),
                    path: json_string(&op.path),
                    route: RouteView::of(op),
                    stream,
                }
            })
            .collect();
        let has_streams = methods.iter().any(|m| m.stream.is_some());
        let suppress_deprecation = refs
            .types
            .iter()
            .any(|name| self.model.get(name).is_some_and(|d| d.deprecated));
        let client = ClientFile {
            head: Head::default(),
            class_name,
            base_url: self.model.base_url.as_deref().map(json_string),
            status_type: status_type.clone(),
            has_response_status: status.is_some(),
            has_streams,
            suppress_deprecation,
            methods,
            stream_suffix: client::STREAM_SUFFIX,
            policy: Policy::new(),
        };
        let mut refs = refs.with(&[
            "com.fasterxml.jackson.core.JsonProcessingException",
            "com.fasterxml.jackson.databind.JsonNode",
            "com.fasterxml.jackson.databind.ObjectMapper",
            "java.io.IOException",
            "java.io.InputStream",
            "java.net.URI",
            "java.net.http.HttpClient",
            "java.net.http.HttpConnectTimeoutException",
            "java.net.http.HttpHeaders",
            "java.net.http.HttpRequest",
            "java.net.http.HttpResponse",
            "java.net.http.HttpTimeoutException",
            "java.nio.charset.StandardCharsets",
            "java.time.Duration",
            "java.time.Instant",
            "java.time.ZonedDateTime",
            "java.time.format.DateTimeFormatter",
            "java.time.format.DateTimeParseException",
            "java.util.Map",
            "java.util.Optional",
            "java.util.concurrent.CancellationException",
            "java.util.concurrent.CompletableFuture",
            "java.util.concurrent.ExecutionException",
            "java.util.concurrent.ThreadLocalRandom",
            "java.util.concurrent.TimeUnit",
            "java.util.concurrent.TimeoutException",
            "java.util.function.Function",
            "com.fasterxml.jackson.databind.node.ObjectNode",
            OBJECTS,
        ]);
        if has_streams {
            refs = refs.with(&[
                "com.fasterxml.jackson.databind.node.ObjectNode",
                "java.io.BufferedReader",
                "java.io.InputStreamReader",
                "java.util.Iterator",
                "java.util.NoSuchElementException",
                "java.util.Spliterator",
                "java.util.Spliterators",
                "java.util.stream.Stream",
                "java.util.stream.StreamSupport",
            ]);
        }
        ((client, refs), (status_type, status_refs))
    }
}

fn shape_constant(shape: Shape) -> &'static str {
    match shape {
        Shape::String => "STRING",
        Shape::Bool => "BOOLEAN",
        Shape::Integer => "INTEGER",
        Shape::Number => "NUMBER",
        Shape::Array => "ARRAY",
        Shape::Object => "OBJECT",
        Shape::Any => "ANY",
    }
}

/// The banner, package line and imports every source file starts with.
#[derive(Default)]
struct Head {
    banner: String,
    package: String,
    imports: Vec<&'static str>,
}

#[derive(Template)]
#[template(path = "java/type.java", escape = "none")]
struct TypeFile {
    head: Head,
    doc: String,
    deprecated: bool,
    suppress_deprecation: bool,
    name: String,
    kind: Kind,
}

enum Kind {
    Class(Class),
    Enum(Vec<Constant>),
    Tagged { tag: String, subtypes: Vec<Subtype> },
    Union(UnionView),
    Alias { ty: String, strict: bool },
}

struct Class {
    /// ` implements X`, or empty.
    implements: String,
    /// The required-properties constructor's parameters, or empty.
    ctor_params: String,
    /// The decoding factory (Jackson's creator, which enforces required properties).
    creator: &'static str,
    creator_local: String,
    creator_params: String,
    /// Whether the creator refuses a null required property.
    checks_nulls: bool,
    /// The member keeping unknown properties.
    extra: Extra,
    fields: Vec<Field>,
    literals: Vec<Literal>,
    /// The `Objects.hash(...)` expression.
    hash: String,
}

struct Field {
    name: String,
    wire: String,
    ty: String,
    getter: String,
    setter: String,
    doc: String,
    deprecated: bool,
    required: bool,
    /// Required and nullable: `null` is written, not omitted.
    always: bool,
    /// Free JSON that is optional: `null` reads as absent, not as `NullNode`.
    skip_nulls: bool,
    /// Jackson would not link `getX` to the field by name, so it is annotated too.
    annotate_accessors: bool,
    /// Holds scalars: decoded through `StrictJson` (no coercion).
    strict: bool,
    /// `null` is a value the schema allows.
    nullable: bool,
}

/// The member keeping the properties the schema does not declare.
struct Extra {
    field: String,
    getter: String,
    setter: String,
}

/// A required constant property, written from a getter.
struct Literal {
    getter: String,
    /// The private setter that checks the value on decode.
    setter: String,
    wire: String,
    value: String,
    doc: String,
}

struct Constant {
    name: String,
    value: String,
    doc: String,
}

struct Subtype {
    class: String,
    tag: String,
}

struct UnionView {
    discriminator: String,
    deserializer_doc: String,
    variants: Vec<Variant>,
}

struct Variant {
    record: String,
    /// ` implements U`, on a continuation line when the header is long.
    implements: String,
    factory: String,
    ty: String,
    shape: &'static str,
    tag: String,
    doc: String,
}

#[derive(Template)]
#[template(path = "java/StrictJson.java", escape = "none")]
struct Strict {
    head: Head,
}

#[derive(Template)]
#[template(path = "java/UnionDeserializer.java", escape = "none")]
struct Support {
    head: Head,
}

#[derive(Template)]
#[template(path = "java/ApiException.java", escape = "none")]
struct ErrorFile {
    head: Head,
    status_type: String,
    request_id_header: &'static str,
}

struct Method {
    name: String,
    doc: String,
    request: String,
    response: String,
    method: String,
    path: String,
    /// Set unless the route is plain (no parameters, the fields as the body).
    route: Option<RouteView>,
    stream: Option<StreamMethod>,
}

/// `client::Route` as the arguments of the client's `Route` record.
struct RouteView {
    path: String,
    query: String,
    headers: String,
    body_field: String,
    has_body: bool,
}

impl RouteView {
    fn of(op: &crate::model::Operation) -> Option<Self> {
        let route = client::route(op);
        if route.is_plain() {
            return None;
        }
        let array = |names: &[&str]| {
            let items: Vec<String> = names.iter().map(|name| json_string(name)).collect();
            format!("new String[] {{{}}}", items.join(", "))
        };
        Some(Self {
            path: array(&route.path),
            query: array(&route.query),
            headers: array(&route.headers),
            body_field: route
                .body_field
                .map_or_else(|| "null".to_owned(), json_string),
            has_body: route.has_body,
        })
    }
}

/// The streamed form of an operation (`...Stream`).
struct StreamMethod {
    name: String,
    doc: String,
    /// The request's boolean property that turns streaming on, as a Java string.
    flag: String,
    /// The event type.
    event: String,
}

/// The shared client policy (`super::client`), as Java literals.
struct Policy {
    timeout_seconds: u64,
    max_retries: u32,
    initial_backoff_ms: u64,
    max_backoff_ms: u64,
    jitter: String,
    max_retry_after_ms: u64,
    stream_done: String,
    request_id_header: String,
}

impl Policy {
    fn new() -> Self {
        Self {
            timeout_seconds: client::DEFAULT_TIMEOUT_SECONDS,
            max_retries: client::MAX_RETRIES,
            initial_backoff_ms: client::INITIAL_BACKOFF_MS,
            max_backoff_ms: client::MAX_BACKOFF_MS,
            jitter: format!("{:?}", client::JITTER),
            max_retry_after_ms: client::MAX_RETRY_AFTER_MS,
            stream_done: json_string(client::STREAM_DONE),
            request_id_header: json_string(client::REQUEST_ID_HEADER),
        }
    }
}

#[derive(Template)]
#[template(path = "java/Client.java", escape = "none")]
struct ClientFile {
    head: Head,
    class_name: String,
    /// The model's default base URL, as a Java string.
    base_url: Option<String>,
    status_type: String,
    has_response_status: bool,
    has_streams: bool,
    suppress_deprecation: bool,
    methods: Vec<Method>,
    stream_suffix: &'static str,
    policy: Policy,
}

struct Project {
    /// The Maven groupId.
    group: String,
    package: String,
    artifact: String,
    version: String,
    title: String,
    description: Option<String>,
    /// What Maven Central requires beyond the coordinates, XML-escaped.
    url: Option<String>,
    /// License name (its SPDX expression) and SPDX page.
    license: Option<(String, Option<String>)>,
    /// Developer name and email.
    developers: Vec<(String, Option<String>)>,
    /// Repository URL and its `scm:git:` connection.
    scm: Option<(String, String)>,
    jackson: &'static str,
    client_class: String,
    example: Option<String>,
    /// The README's chat example, when the model has OpenAI's chat types.
    chat: Option<ChatExample>,
    has_client: bool,
    timeout_minutes: u64,
    max_retries: u32,
}

struct ChatExample {
    request: String,
    response: String,
    event: String,
    method: String,
    stream_method: String,
}

#[derive(Template)]
#[template(path = "java/pom.xml", escape = "none")]
struct Pom<'a> {
    p: &'a Project,
}

#[derive(Template)]
#[template(path = "java/README.md", escape = "none")]
struct Readme<'a> {
    p: &'a Project,
}

/// A type's description, with a note on an enum too large for constants.
fn type_doc(def: &TypeDef) -> Option<String> {
    match &def.kind {
        TypeKind::Enum(e) => super::enum_doc(def.description.as_deref(), e.values.len()),
        _ => def.description.clone(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde_json::json;

    use super::*;
    use crate::lang::code_scan::{self, Syntax, Word};
    use crate::model::load;

    const JAVA: Syntax = Syntax {
        quotes: "\"'",
        identifier_extras: "_$",
    };

    /// Every type name the generated code uses unqualified or declares is a
    /// model type's, the client's, a union's own variant record's, or
    /// reserved: so no schema type can shadow or clash with it.
    #[test]
    fn every_unqualified_type_the_code_uses_is_reserved() {
        const HELPERS: [&str; 3] = ["ApiException", "StrictJson", "UnionDeserializer"];
        let mut missing = BTreeSet::new();
        for model in code_scan::sample_models() {
            let own: BTreeSet<String> = Ctx::new(&model).names.into_values().collect();
            let mut allowed = own.clone();
            let mut used = BTreeSet::new();
            let files = Java.generate(&model).expect("renders");
            for file in files
                .iter()
                .filter(|f| f.path.extension() == Some("java".as_ref()))
            {
                let stem = file.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
                let is_client = !own.contains(stem) && !HELPERS.contains(&stem);
                if is_client {
                    assert!(
                        !RESERVED_TYPES.contains(&stem),
                        "the client is named {stem}"
                    );
                    allowed.insert(stem.to_owned());
                }
                let mut in_import = false;
                for Word { before, prev, text } in code_scan::words(&file.contents, &JAVA) {
                    // A union's variant records are named apart from every name
                    // in use; generic parameters (`<T>`) shadow nothing the code names.
                    if (prev == "record" && own.contains(stem))
                        || (before == '<' && text.len() == 1)
                    {
                        allowed.insert(text.clone());
                    }
                    if text == "import" || text == "package" {
                        in_import = true;
                    } else if before == ';' {
                        in_import = false;
                    }
                    let upper = text.starts_with(|c: char| c.is_ascii_uppercase());
                    let constant = text.chars().all(|c| !c.is_lowercase());
                    if upper && !constant && before != '.' && !in_import {
                        used.insert(text);
                    }
                }
            }
            assert!(
                own.iter()
                    .all(|name| !RESERVED_TYPES.contains(&name.as_str())),
                "a model type keeps a reserved name"
            );
            missing.extend(used.into_iter().filter(|name| {
                !allowed.contains(name) && !RESERVED_TYPES.contains(&name.as_str())
            }));
        }
        assert!(missing.is_empty(), "not in RESERVED_TYPES: {missing:?}");
    }

    /// A type of each kind renamed away from a reserved name is named by its
    /// new name everywhere, its own file included (`implements BooleanDto`).
    #[test]
    fn renamed_types_of_every_kind_use_their_new_name() {
        let model = load(&json!({"$defs": {
            "Iterator": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"$ref": "#/$defs/Iterator"}}]},
            "Spliterator": {"oneOf": [{"$ref": "#/$defs/Supplier"}, {"$ref": "#/$defs/Callable"}],
                            "discriminator": {"propertyName": "kind"}},
            "Supplier": {"type": "object", "required": ["kind", "random"], "properties": {
                "kind": {"const": "supplier"}, "random": {"$ref": "#/$defs/Random"}}},
            "Callable": {"type": "object", "required": ["kind"], "properties": {
                "kind": {"const": "callable"}, "alias": {"$ref": "#/$defs/Consumer"}}},
            "Random": {"enum": ["a", "b"]},
            "Consumer": {"type": "array", "items": {"$ref": "#/$defs/Iterator"}}
        }}))
        .expect("loads");
        let renamed = [
            "Iterator",
            "Spliterator",
            "Supplier",
            "Callable",
            "Random",
            "Consumer",
        ];
        assert!(renamed.iter().all(|name| RESERVED_TYPES.contains(name)));
        let files = Java.generate(&model).expect("renders");
        for name in renamed {
            let file = files
                .iter()
                .find(|f| f.path.ends_with(format!("{name}Dto.java")))
                .unwrap_or_else(|| panic!("{name} is renamed {name}Dto"));
            let stale: Vec<_> = code_scan::words(&file.contents, &JAVA)
                .into_iter()
                .filter(|word| renamed.contains(&word.text.as_str()) && word.before != '.')
                .collect();
            assert!(stale.is_empty(), "{name}Dto.java names {stale:?}");
        }
    }

    /// A class whose only required property is the tag a sealed interface
    /// carries has no required-properties constructor, whatever its name's length.
    #[test]
    fn a_tag_only_variant_has_one_constructor() {
        let long = format!("Variant{}", "Long".repeat(25));
        let model = load(&json!({"$defs": {
            "Shape": {"oneOf": [{"$ref": format!("#/$defs/{long}")}, {"$ref": "#/$defs/Other"}],
                      "discriminator": {"propertyName": "type"}},
            long.clone(): {"type": "object", "required": ["type"],
                           "properties": {"type": {"const": "long"}, "size": {"type": "integer"}}},
            "Other": {"type": "object", "required": ["type"],
                      "properties": {"type": {"const": "other"}}}
        }}))
        .expect("loads");
        let files = Java.generate(&model).expect("renders");
        let class = files
            .iter()
            .find(|f| f.path.ends_with(format!("{long}.java")))
            .expect("the variant's file");
        assert!(class.contents.contains("implements Shape"));
        assert_eq!(
            class.contents.matches(&format!("public {long}(")).count(),
            1
        );
        assert!(!class.contents.contains("@JsonCreator"));
    }
}
