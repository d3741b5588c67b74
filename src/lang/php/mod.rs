//! PHP 8.1+: one class per file under a PSR-4 namespace derived from the
//! package name. Structs are final classes with promoted constructor
//! properties, `fromArray`/`fromJson` and `jsonSerialize`; open enums are value
//! classes wrapping the string; tagged unions are abstract base classes that
//! dispatch on the tag; untagged unions and aliases are native union types at
//! their use sites, decoded by a static-only class; the client uses PHP's HTTP
//! stream wrapper (no extension needed).

mod names;
mod render;
mod types;
mod wrap;

use askama::Template;

use super::doc::{line_comment, wrap_words};
use super::ident::{json_string, unique, CaseInsensitive, NameSet};
use super::identity::setting_or;
use super::publish::Publish;
use super::{banner, client, Backend, GeneratedFile};
use heck::ToShoutySnakeCase;

use crate::model::{Body, Model, Operation, ParamLocation, Stream, TypeRef};
use names::{composer_name, method_name, namespace, php_string};
use render::php_doc;
use types::Ctx;
use wrap::{function_declaration, mark_unbreakable, wrap_call};

pub struct Php;

impl Backend for Php {
    fn name(&self) -> &'static str {
        "php"
    }

    fn aliases(&self) -> &'static [&'static str] {
        &[]
    }

    fn verification(&self) -> &'static str {
        "round trip: php -l, every class loaded with its types resolved, composer validate and strict PSR-4 autoload, phpcs PSR-12 (PHP 8.2), then every vector through php"
    }

    fn generate(&self, model: &Model) -> Result<Vec<GeneratedFile>, askama::Error> {
        let ctx = Ctx::new(model);
        let banner = banner_comment(&banner(model));
        let ns = setting_or(&model.package, "php", "namespace", || {
            namespace(&model.package.name)
        });
        let dto_ns = format!("{ns}\\Dto");
        let runtime = Runtime {
            banner: &banner,
            namespace: &ns,
        };
        let mut files = vec![
            GeneratedFile::new("src/Json.php", JsonFile { r: &runtime }.render()?),
            GeneratedFile::new(
                "src/DecodeException.php",
                DecodeExceptionFile { r: &runtime }.render()?,
            ),
        ];
        let header = format!(
            "<?php\n\n{banner}\n\ndeclare(strict_types=1);\n\nnamespace {dto_ns};\n\n\
             use {ns}\\DecodeException;\nuse {ns}\\Json;\n"
        );
        for def in &model.types {
            let class = ctx.class(&def.name);
            let contents = ctx.render_type(def, &header)?;
            files.push(GeneratedFile::new(format!("src/Dto/{class}.php"), contents));
        }
        let class_name = super::client_name(model);
        let client_ctx = Ctx {
            prefix: "Dto\\",
            ..ctx.clone()
        };
        // PHP method names are case-insensitive; the client's own methods are taken.
        let mut used: CaseInsensitive = [
            "__construct",
            "send",
            "stream",
            "event",
            "takeLines",
            "open",
            "connect",
            "readAll",
            "bodyReader",
            "readSome",
            "timeoutError",
            "statusError",
            "excerpt",
            "retryDelayMs",
            "backoffMs",
            "prepare",
            "paramText",
            "addQuery",
            "errorStatus",
            "messageOf",
        ]
        .into_iter()
        .collect();
        let mut route_names = NameSet::default();
        let methods: Vec<Method> = model
            .operations
            .iter()
            .map(|op| {
                let name = unique(method_name(&op.name), &mut used);
                let route = unique(
                    format!("ROUTE_{}", name.to_shouty_snake_case()),
                    &mut route_names,
                );
                let stream = op
                    .stream
                    .as_ref()
                    .and_then(|s| stream_method(&client_ctx, op, s, &name, &route, &mut used));
                let request_ty = TypeRef::Named(op.request.clone());
                let response_ty = TypeRef::Named(op.response.clone());
                let request = client_ctx.native(&request_ty, false);
                let response = client_ctx.native(&response_ty, false);
                // The precise types, where the declarations cannot say them.
                let mut tags = Vec::new();
                let request_doc = client_ctx.doc_type(&request_ty, false);
                if request_doc != request {
                    tags.push(format!("@param {request_doc} $request"));
                }
                let response_doc = client_ctx.doc_type(&response_ty, false);
                if response_doc != response {
                    tags.push(format!("@return {response_doc}"));
                }
                tags.push(THROWS.to_owned());
                let tags = tags.join("\n");
                Method {
                    route: route_constant(&route, op),
                    signature: signature(&name, &request, &response),
                    name,
                    stream,
                    doc: php_doc(
                        Some(&match &op.description {
                            Some(text) => format!("{text}\n\n{tags}"),
                            None => tags,
                        }),
                        false,
                        "    ",
                    ),
                    call: wrap_call(
                        "        ",
                        "return $this->send(",
                        &[
                            format!("self::{route}"),
                            "$request".to_owned(),
                            client_ctx.decoder(&TypeRef::Named(op.response.clone())),
                            "$options".to_owned(),
                        ],
                        ");",
                    ),
                }
            })
            .collect();
        let response_status = model
            .get("ResponseStatus")
            .filter(|def| def.as_struct().is_some())
            .map(|def| ctx.class(&def.name));
        let has_client = !methods.is_empty();
        let has_streams = methods.iter().any(|m| m.stream.is_some());
        let composer = setting_or(&model.package, "php", "name", || {
            composer_name(&model.package.name)
        });
        let publish = Publish::new(model);
        let package = PackageFiles {
            composer_name_json: json_string(&composer),
            composer_name: composer,
            psr4_prefix_json: json_string(&format!("{ns}\\")),
            namespace: ns.clone(),
            description_json: publish.description.map(json_string),
            license_json: publish.license.map(json_string),
            authors_json: publish
                .authors
                .iter()
                .map(|author| match &author.email {
                    Some(email) => format!(
                        "{{ \"name\": {}, \"email\": {} }}",
                        json_string(&author.name),
                        json_string(email)
                    ),
                    None => format!("{{ \"name\": {} }}", json_string(&author.name)),
                })
                .collect(),
            homepage_json: publish.homepage.map(json_string),
            source_json: publish.repository.map(json_string),
            title: &model.package.title,
            client_class: class_name.clone(),
            example: methods.first().map(|m| m.name.clone()),
            has_client,
            has_streams,
            chat: chat_example(model, &methods),
        };
        files.push(GeneratedFile::new(
            "composer.json",
            ComposerJson { p: &package }.render()?,
        ));
        files.push(GeneratedFile::new(
            "README.md",
            Readme { p: &package }.render()?,
        ));
        // A schema without operations gets types only: a client would have no methods.
        if has_client {
            files.push(GeneratedFile::new(
                format!("src/{class_name}.php"),
                ClientFile {
                    r: &runtime,
                    class_name: &class_name,
                    base_url: model.base_url.as_deref().map(php_string),
                    response_status: response_status.clone(),
                    methods,
                    has_streams,
                    stream_suffix: client::STREAM_SUFFIX,
                    timeout: format!("{}.0", client::DEFAULT_TIMEOUT_SECONDS),
                    max_retries: client::MAX_RETRIES,
                    initial_backoff_ms: client::INITIAL_BACKOFF_MS,
                    max_backoff_ms: client::MAX_BACKOFF_MS,
                    jitter: format!("{:?}", client::JITTER),
                    max_retry_after_ms: client::MAX_RETRY_AFTER_MS,
                    stream_done: php_string(client::STREAM_DONE),
                    request_id_header: php_string(&client::REQUEST_ID_HEADER.to_ascii_lowercase()),
                }
                .render()?,
            ));
            files.push(GeneratedFile::new(
                "src/RequestOptions.php",
                RequestOptionsFile { r: &runtime }.render()?,
            ));
            files.push(GeneratedFile::new(
                "src/ApiException.php",
                ApiExceptionFile {
                    r: &runtime,
                    response_status,
                }
                .render()?,
            ));
        }
        // What no wrapping can shorten is marked for phpcs (see wrap.rs).
        for file in &mut files {
            if file.path.extension().is_some_and(|e| e == "php") {
                file.contents = mark_unbreakable(&file.contents);
            }
        }
        Ok(files)
    }
}

/// The banner as `//` lines within PSR-12's 120 columns (a schema's title
/// can be long: phpcs warns about a comment line it could break).
fn banner_comment(text: &str) -> String {
    let wrapped = wrap_words(text, wrap::WIDTH - 3).join("\n");
    line_comment(Some(&wrapped), "", "//").trim_end().to_owned()
}

/// The generator method of a streamed operation: its name, doc and body;
/// `None` when the request is not a struct (there is nothing to set the flag on).
fn stream_method(
    ctx: &Ctx,
    op: &Operation,
    stream: &Stream,
    plain: &str,
    route: &str,
    used: &mut CaseInsensitive,
) -> Option<StreamMethod> {
    let request = ctx.model.get(&op.request)?.as_struct()?;
    let names = render::struct_names(request);
    // The flag is a declared property, or else sent as an extra one.
    let set_flag = match request
        .fields
        .iter()
        .position(|f| f.wire_name == stream.flag)
    {
        Some(index) => format!("$request->{} = true;", names.properties[index]),
        None => format!(
            "$request->{}[{}] = true;",
            names.extra,
            php_string(&stream.flag)
        ),
    };
    let event = TypeRef::Named(stream.event.clone());
    let text = format!(
        "{}Streams the answer: sends the request with `{}` set to true (on a copy) when the\n\
         iteration starts, and yields each server-sent event as it arrives, decoded as\n\
         `{}`. Stopping the iteration early closes the connection. The call is retried\n\
         (as configured) only before its first event.\n\n\
         @return \\Generator<int, {}, mixed, void>\n\
         @throws ApiException when the call fails, an event reports an error or the stream\n\
         ends without `{}`",
        op.description
            .as_deref()
            .map(|d| format!("{d}\n\n"))
            .unwrap_or_default(),
        stream.flag,
        ctx.doc_type(&event, false),
        ctx.native(&event, false),
        client::STREAM_DONE,
    );
    let name = unique(format!("{plain}{}", client::STREAM_SUFFIX), used);
    Some(StreamMethod {
        signature: signature(
            &name,
            &ctx.native(&TypeRef::Named(op.request.clone()), false),
            "\\Generator",
        ),
        name,
        doc: php_doc(Some(&text), false, "    "),
        set_flag,
        call: wrap_call(
            "        ",
            "return $this->stream(",
            &[
                format!("self::{route}"),
                "$request".to_owned(),
                ctx.decoder(&event),
                "$options".to_owned(),
            ],
            ");",
        ),
    })
}

/// `private const {constant} = [...]`: the method, the path's text and
/// parameters alternating, the query and header parameters and the body
/// (absent: the fields that are not parameters; `['name']`: that field;
/// `null`: none), wrapped at 120 columns.
fn route_constant(constant: &str, op: &Operation) -> String {
    let list = |names: &[&str]| -> String {
        format!(
            "[{}]",
            names
                .iter()
                .map(|n| php_string(n))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let mut entries = vec![
        format!("'method' => {}", php_string(&op.method)),
        format!("'path' => {}", list(&client::route(op).path)),
    ];
    let query = client::params_at(op, ParamLocation::Query);
    if !query.is_empty() {
        entries.push(format!("'query' => {}", list(&query)));
    }
    let headers = client::params_at(op, ParamLocation::Header);
    if !headers.is_empty() {
        entries.push(format!("'headers' => {}", list(&headers)));
    }
    match &op.body {
        Body::Fields => {}
        Body::Field(name) => entries.push(format!("'body' => {}", list(&[name.as_str()]))),
        Body::None => entries.push("'body' => null".to_owned()),
    }
    wrap_call(
        "    ",
        &format!("private const {constant} = ["),
        &entries,
        "];",
    )
}

/// A client method's declaration up to its opening brace, on one line when it
/// fits in PSR-12's 120 columns, else one parameter per line.
fn signature(name: &str, request: &str, response: &str) -> String {
    function_declaration(
        "    ",
        &format!("public function {name}"),
        &[
            format!("{request} $request"),
            "?RequestOptions $options = null".to_owned(),
        ],
        response,
    )
}

const THROWS: &str =
    "@throws ApiException when the call fails or the answer is not the expected JSON";

struct Runtime<'a> {
    /// The banner as a `//` comment.
    banner: &'a str,
    namespace: &'a str,
}

#[derive(Template)]
#[template(path = "php/Json.php", escape = "none")]
struct JsonFile<'a> {
    r: &'a Runtime<'a>,
}

#[derive(Template)]
#[template(path = "php/DecodeException.php", escape = "none")]
struct DecodeExceptionFile<'a> {
    r: &'a Runtime<'a>,
}

#[derive(Template)]
#[template(path = "php/ApiException.php", escape = "none")]
struct ApiExceptionFile<'a> {
    r: &'a Runtime<'a>,
    response_status: Option<String>,
}

struct Method {
    name: String,
    /// The `private const ROUTE_… = [...];` declaration: how the request travels.
    route: String,
    /// `public function …(…): …` and the opening brace, wrapped at 120 columns.
    signature: String,
    /// The `…Stream` method, when the operation streams.
    stream: Option<StreamMethod>,
    doc: String,
    /// The body's `return $this->send(...)` statement.
    call: String,
}

/// The generator method of a streamed operation.
pub struct StreamMethod {
    name: String,
    signature: String,
    doc: String,
    /// The statement setting the stream flag on the request's copy.
    set_flag: String,
    /// The body's `return $this->stream(...)` statement.
    call: String,
}

#[derive(Template)]
#[template(path = "php/Client.php", escape = "none")]
struct ClientFile<'a> {
    r: &'a Runtime<'a>,
    class_name: &'a str,
    /// The default base URL as a PHP string literal, when the schema names one.
    base_url: Option<String>,
    response_status: Option<String>,
    methods: Vec<Method>,
    has_streams: bool,
    stream_suffix: &'a str,
    /// The client policy (src/lang/client.rs), as PHP literals.
    timeout: String,
    max_retries: u32,
    initial_backoff_ms: u64,
    max_backoff_ms: u64,
    jitter: String,
    max_retry_after_ms: u64,
    stream_done: String,
    request_id_header: String,
}

#[derive(Template)]
#[template(path = "php/RequestOptions.php", escape = "none")]
struct RequestOptionsFile<'a> {
    r: &'a Runtime<'a>,
}

struct PackageFiles<'a> {
    composer_name: String,
    composer_name_json: String,
    namespace: String,
    psr4_prefix_json: String,
    // No `version`: Packagist takes versions from the repository's tags, and
    // `composer validate --strict` warns about the field.
    description_json: Option<String>,
    license_json: Option<String>,
    /// `authors` entries as JSON objects.
    authors_json: Vec<String>,
    homepage_json: Option<String>,
    /// `support.source`: the repository.
    source_json: Option<String>,
    title: &'a str,
    client_class: String,
    example: Option<String>,
    has_client: bool,
    has_streams: bool,
    chat: Option<ChatExample>,
}

/// The README's chat example, for a schema with the built-in chat types.
struct ChatExample {
    method: String,
    stream_method: String,
}

/// The chat example's methods, when the model has the built-in chat
/// completion (streamed) and the types the example builds.
fn chat_example(model: &Model, methods: &[Method]) -> Option<ChatExample> {
    let (example, _) = super::client::chat_example(model)?;
    let (_, method) = model
        .operations
        .iter()
        .zip(methods)
        .find(|(op, _)| op.request == example.request)?;
    Some(ChatExample {
        method: method.name.clone(),
        stream_method: method.stream.as_ref()?.name.clone(),
    })
}

#[derive(Template)]
#[template(path = "php/composer.json", escape = "none")]
struct ComposerJson<'a> {
    p: &'a PackageFiles<'a>,
}

#[derive(Template)]
#[template(path = "php/README.md", escape = "none")]
struct Readme<'a> {
    p: &'a PackageFiles<'a>,
}

#[cfg(test)]
mod tests {
    /// PHP's own classes the runtime could name; a schema may define a class
    /// of any of these names in the DTO namespace.
    const PHP_CLASSES: &[&str] = &[
        "ArrayAccess",
        "Closure",
        "Countable",
        "DateTime",
        "DateTimeImmutable",
        "Error",
        "Exception",
        "Generator",
        "InvalidArgumentException",
        "Iterator",
        "IteratorAggregate",
        "JsonException",
        "JsonSerializable",
        "LogicException",
        "RuntimeException",
        "Stringable",
        "Throwable",
        "Traversable",
        "TypeError",
        "ValueError",
        "stdClass",
    ];

    const TEMPLATES: &[(&str, &str)] = &[
        (
            "ApiException.php",
            include_str!("../../../templates/php/ApiException.php"),
        ),
        (
            "Client.php",
            include_str!("../../../templates/php/Client.php"),
        ),
        (
            "DecodeException.php",
            include_str!("../../../templates/php/DecodeException.php"),
        ),
        ("Json.php", include_str!("../../../templates/php/Json.php")),
        (
            "RequestOptions.php",
            include_str!("../../../templates/php/RequestOptions.php"),
        ),
        ("base.php", include_str!("../../../templates/php/base.php")),
        (
            "codec.php",
            include_str!("../../../templates/php/codec.php"),
        ),
        ("enum.php", include_str!("../../../templates/php/enum.php")),
        (
            "struct.php",
            include_str!("../../../templates/php/struct.php"),
        ),
    ];

    /// Unqualified uses of PHP's classes in a line of code (string literals
    /// and comments aside).
    fn unqualified(line: &str) -> Vec<&'static str> {
        let trimmed = line.trim_start();
        if ["*", "/*", "//"].iter().any(|c| trimmed.starts_with(c)) {
            return Vec::new();
        }
        let ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
        let mut found = Vec::new();
        for class in PHP_CLASSES {
            for (at, _) in line.match_indices(class) {
                let before = line[..at].chars().last();
                let after = line[at + class.len()..].chars().next();
                let in_string = line[..at].matches('\'').count() % 2 == 1;
                let word = !before.is_some_and(ident) && !after.is_some_and(ident);
                let method = line[..at].ends_with("->") || line[..at].ends_with("::");
                if word && !in_string && !method && before != Some('\\') {
                    found.push(*class);
                }
            }
        }
        found
    }

    #[test]
    fn long_banners_wrap_at_120_columns() {
        let title =
            "JSON schema for Buildkite pipeline configuration files, a title long enough to wrap";
        let banner =
            super::banner_comment(&format!("Generated by dtogen from the \"{title}\" schema."));
        let lines: Vec<&str> = banner.lines().collect();
        assert_eq!(lines.len(), 2, "{banner}");
        assert!(
            lines
                .iter()
                .all(|l| l.starts_with("// ") && l.chars().count() <= 120),
            "{banner}"
        );
    }

    /// A schema class named like one of PHP's (`Exception`, `Closure`, …)
    /// lives in the DTO namespace, where an unqualified name would resolve to
    /// it: the runtime names PHP's classes fully qualified only.
    #[test]
    fn the_runtime_names_php_classes_fully_qualified() {
        assert_eq!(unqualified("} catch (Exception $e) {"), ["Exception"]);
        assert!(unqualified("} catch (\\JsonException | DecodeException $e) {").is_empty());
        for (name, text) in TEMPLATES {
            for (number, line) in text.lines().enumerate() {
                let found = unqualified(line);
                assert!(
                    found.is_empty(),
                    "templates/php/{name}:{}: {found:?} not fully qualified: {line}",
                    number + 1
                );
            }
        }
    }
}
