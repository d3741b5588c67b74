//! The view structs the askama templates in `templates/kotlin/` render.

use askama::Template;

#[derive(Template)]
#[template(path = "kotlin/type.kt", escape = "none")]
pub struct TypeFile<'a> {
    pub banner: &'a str,
    pub package: String,
    pub suppress_deprecation: bool,
    pub imports: Vec<&'static str>,
    pub doc: String,
    /// Annotations before the declaration, one per line.
    pub annotations: String,
    pub name: String,
    pub kind: KtKind,
}

pub enum KtKind {
    /// A class: its schema fields plus the member that keeps unknown properties.
    Data {
        fields: Vec<KtField>,
        supertypes: String,
        /// The member holding the properties the schema does not define.
        extra: String,
        /// The serializer object that keeps them.
        serializer: String,
    },
    /// A class with more properties than a JVM constructor takes (`super::wide`).
    Wide {
        /// Required properties without a default: the constructor's parameters.
        params: Vec<KtField>,
        /// Every other property, settable in the class body.
        members: Vec<KtField>,
        /// Every property's name, in order (equality, hash code, text).
        names: Vec<String>,
        groups: Vec<KtGroup>,
        /// (member, `groupN.member`) for each member set after construction.
        sets: Vec<(String, String)>,
        /// The constructor's arguments, from the decoded groups.
        arguments: String,
        supertypes: String,
        extra: String,
        serializer: String,
        /// The class's serial name, as a Kotlin string.
        serial_name: String,
        /// `Name(` as a Kotlin string, for `toString`.
        to_string_prefix: String,
    },
    Enum {
        values: Vec<KtConst>,
        supertypes: String,
    },
    Union {
        serializer: String,
        /// The tag property as a Kotlin string literal, for tagged unions.
        discriminator: Option<String>,
        variants: Vec<KtVariant>,
        wrappers: Vec<KtWrapper>,
        /// The variants' shapes, for the error message.
        shapes: String,
    },
    Alias {
        ty: String,
    },
}

#[derive(Clone)]
pub struct KtField {
    pub doc: String,
    /// The `@Deprecated` line (indented, ending in a newline), or nothing.
    pub deprecated: String,
    /// The wire's annotation lines (`@SerialName`, `@Required`), indented, each ending in a newline.
    pub annotations: String,
    pub name: String,
    pub ty: String,
    pub default: String,
}

/// Some of a wide class's properties, with a plugin-generated serializer.
pub struct KtGroup {
    pub name: String,
    /// The local holding the decoded group.
    pub local: String,
    pub fields: Vec<KtField>,
}

pub struct KtConst {
    pub doc: String,
    pub name: String,
    pub value: String,
}

pub struct KtVariant {
    /// The tag literal (tagged unions) or a shape test on `element`.
    pub selector: String,
    pub serializer: String,
}

pub struct KtWrapper {
    pub doc: String,
    pub name: String,
    pub ty: String,
}

#[derive(Template)]
#[template(path = "kotlin/Serialization.kt", escape = "none")]
pub struct SerializationFile<'a> {
    pub banner: &'a str,
    pub package: &'a str,
    pub suppress_deprecation: bool,
    /// Whether a wide class needs the grouped-properties serializer.
    pub grouped: bool,
    pub json: &'a str,
    pub serializers: &'a str,
    /// (schema name literal, Kotlin type) for every type.
    pub entries: Vec<(String, String)>,
}

pub struct Method {
    pub name: String,
    pub doc: String,
    pub request: String,
    pub response: String,
    pub method: String,
    pub path: String,
    /// The `Route(...)` argument, unless the route is plain (no parameters, the fields as the body).
    pub route: Option<String>,
    /// The streaming variant, when the operation streams.
    pub stream: Option<StreamMethod>,
}

pub struct StreamMethod {
    pub name: String,
    /// The event type.
    pub event: String,
    /// The flag's wire name, as a Kotlin string literal and as text for KDoc.
    pub flag: String,
    pub flag_wire: String,
}

#[derive(Template)]
#[template(path = "kotlin/Client.kt", escape = "none")]
pub struct ClientFile<'a> {
    pub banner: &'a str,
    /// The model's default base URL, as a Kotlin string.
    pub base_url: Option<String>,
    pub package: String,
    pub suppress_deprecation: bool,
    pub class_name: String,
    pub json: String,
    /// The `ResponseStatus` class, when the schema has one.
    pub status_type: Option<String>,
    /// The exception message's detail: the error's message, else the status.
    pub detail: String,
    pub methods: Vec<Method>,
    pub has_streams: bool,
    // The shared client policy (`crate::lang::client`), rendered.
    pub timeout_seconds: u64,
    pub max_retries: u32,
    pub initial_backoff_ms: u64,
    pub max_backoff_ms: u64,
    pub max_retry_after_ms: u64,
    /// JITTER as a Kotlin Double literal, and as a whole percentage for docs.
    pub jitter: String,
    pub jitter_percent: u64,
    /// The 4xx statuses that are retried (every 5xx is), comma-separated.
    pub retryable_client_errors: String,
    pub stream_done: String,
    pub stream_done_text: &'static str,
    pub stream_suffix: &'static str,
    pub request_id_header: &'static str,
    pub request_id_header_literal: String,
}

#[derive(Template)]
#[template(path = "kotlin/build.gradle.kts", escape = "none")]
pub struct BuildGradle<'a> {
    pub group: &'a str,
    pub version: String,
    pub description: Option<String>,
    pub artifact: String,
    /// The published POM's metadata (what Maven Central requires), as Kotlin strings.
    pub title: String,
    pub url: Option<String>,
    /// License name (its SPDX expression) and SPDX page.
    pub license: Option<(String, Option<String>)>,
    /// Developer name and email.
    pub developers: Vec<(String, Option<String>)>,
    /// Repository URL and its `scm:git:` connection.
    pub scm: Option<(String, String)>,
}

#[derive(Template)]
#[template(path = "kotlin/settings.gradle.kts", escape = "none")]
pub struct SettingsGradle {
    pub name: String,
}

#[derive(Template)]
#[template(path = "kotlin/README.md", escape = "none")]
pub struct Readme<'a> {
    pub title: &'a str,
    pub package: &'a str,
    /// The Maven groupId.
    pub group: &'a str,
    pub artifact: &'a str,
    pub version: &'a str,
    pub json: &'a str,
    pub client: Option<&'a ClientFile<'a>>,
    /// Whether the built-in chat types are there for the full chat example.
    pub openai_example: bool,
}
