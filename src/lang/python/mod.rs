//! Python: standard-library dataclasses with `from_dict`/`to_dict`, open
//! enums as `str` subclasses with known-value constants, unions as
//! `typing.Union` aliases with decode functions, and a `urllib.request`
//! client. Python 3.9+, no runtime dependencies, clean under `mypy --strict`.

mod layout;
#[cfg(test)]
mod layout_samples;
mod models;
mod names;
mod wrap;

use askama::Template;
use heck::ToSnakeCase;

use self::layout::docstring;
use self::models::ModelsFile;
use self::names::{import_name, member_name, python_string, Names};
use self::wrap::{
    assign, atom, call, import_from, prefixed, return_line, signature, subscript, tuple, Expr,
};
use super::doc::line_comment;
use super::ident::{json_string, unique, NameSet};
use super::identity::setting_or;
use super::publish::Publish;
use super::{banner, client, Backend, GeneratedFile};
use crate::model::naming::ascii_words;
use crate::model::{Body, Model, Operation, ParamLocation, TypeRef};

pub struct Python;

impl Backend for Python {
    fn name(&self) -> &'static str {
        "python"
    }

    fn aliases(&self) -> &'static [&'static str] {
        &["py"]
    }

    fn verification(&self) -> &'static str {
        "round trip: mypy --strict (3.9) + ruff + pip install, every vector through python3; client vs ai-server"
    }

    fn generate(&self, model: &Model) -> Result<Vec<GeneratedFile>, askama::Error> {
        // Every module starts with the banner as a comment.
        let comment = line_comment(Some(&banner(model)), "", "#");
        let banner = comment.trim_end();
        let names = Names::new(model);
        let models = ModelsFile::new(model, &names, banner);
        let client = ClientFile::new(model, &names, banner);
        // A schema without operations gets types only: a client would have no methods.
        let has_client = !client.methods.is_empty();
        let pkg = &model.package;
        let import_name = setting_or(pkg, "python", "module", || import_name(&pkg.name));
        let publish = Publish::new(model);
        let package = PackageFiles {
            dist_name: json_string(&setting_or(pkg, "python", "name", || {
                dist_name(&pkg.name, &import_name)
            })),
            import_name: import_name.clone(),
            version: json_string(&publish.python_version()),
            description: publish.description.map(json_string),
            license: publish.license.map(json_string),
            license_file: publish.has_license_file(),
            authors: publish
                .authors
                .iter()
                .map(|author| match &author.email {
                    Some(email) => format!(
                        "{{ name = {}, email = {} }}",
                        json_string(&author.name),
                        json_string(email)
                    ),
                    None => format!("{{ name = {} }}", json_string(&author.name)),
                })
                .collect(),
            urls: [
                ("Homepage", publish.homepage),
                ("Repository", publish.repository),
            ]
            .into_iter()
            .filter_map(|(label, url)| Some((label, json_string(url?))))
            .collect(),
            title: &model.package.title,
            client_class: &client.class_name,
            client_example: assign(
                0,
                "client",
                &call(
                    client.class_name.as_str(),
                    vec![
                        atom("\"http://localhost:5005\""),
                        atom("bearer_token=os.environ.get(\"API_KEY\")"),
                    ],
                ),
            ),
            example: client.methods.first().map(|m| m.example.clone()),
        };
        let init = Init::new(
            model,
            &names,
            banner,
            has_client.then_some(&client.class_name),
        );

        let src = format!("src/{import_name}");
        let mut files = vec![
            GeneratedFile::new("pyproject.toml", Pyproject { p: &package }.render()?),
            GeneratedFile::new(
                "README.md",
                Readme {
                    p: &package,
                    has_client,
                    has_streams: client.methods.iter().any(|m| m.stream.is_some()),
                    chat: ChatExample::new(model, &names, &client),
                }
                .render()?,
            ),
            GeneratedFile::new(format!("{src}/__init__.py"), init.render()?),
            GeneratedFile::new(format!("{src}/_json.py"), JsonRuntime { banner }.render()?),
            GeneratedFile::new(format!("{src}/models.py"), models.render()?),
            // PEP 561: the package ships its own type information.
            GeneratedFile::new(format!("{src}/py.typed"), String::new()),
        ];
        if has_client {
            files.push(GeneratedFile::new(
                format!("{src}/client.py"),
                client.render()?,
            ));
        }
        Ok(files)
    }
}

/// The distribution name: `ai-server-client` stays, odd names get kebab-cased.
fn dist_name(package: &str, import_name: &str) -> String {
    let name = ascii_words(package).to_snake_case().replace('_', "-");
    if name.is_empty() {
        import_name.replace('_', "-")
    } else {
        name
    }
}

impl<'a> ClientFile<'a> {
    fn new(model: &'a Model, names: &Names, banner: &'a str) -> Self {
        let has_response_status = super::response_status(model).is_some();
        let error_status = if has_response_status {
            names.py("ResponseStatus")
        } else {
            "JSON".to_owned()
        };
        // The stream methods' names are taken after every plain one's, so
        // that a plain method never changes name because an operation streams.
        // The instance attributes `__init__` sets would hide a method of theirs.
        let mut used: NameSet = [
            "base_url",
            "bearer_token",
            "headers",
            "timeout",
            "max_retries",
        ]
        .into_iter()
        .collect();
        let plain: Vec<String> = model
            .operations
            .iter()
            .map(|op| unique(member_name(&op.name), &mut used))
            .collect();
        let suffix = format!("_{}", client::STREAM_SUFFIX.to_snake_case());
        let methods: Vec<Method> = model
            .operations
            .iter()
            .zip(plain)
            .map(|(op, name)| {
                let request = names.py(&op.request);
                let response = names.py(&op.response);
                let encode = names.encoder(&TypeRef::Named(op.request.clone()), "request", 0);
                let decode = names.decoder(&TypeRef::Named(op.response.clone()));
                let route = format!("_ROUTE_{}", name.to_uppercase());
                let params = [
                    atom("self"),
                    atom(format!("request: {request}")),
                    atom("*"),
                    atom("timeout: float | None = None"),
                ];
                let stream = op.stream.as_ref().map(|stream| {
                    let event = names.py(&stream.event);
                    let event_decode = names.decoder(&TypeRef::Named(stream.event.clone()));
                    let stream_name = unique(format!("{name}{suffix}"), &mut used);
                    let doc = format!(
                        "Like :meth:`{name}`, streamed: sends ``\"{flag}\": true`` (``request`` itself \
                         is not\nchanged) and yields each :class:`{event}` as it arrives. Raises \
                         :class:`ApiError`\nfor an error event or a stream that ends without \
                         ``{done}``. Leaving the loop early\ncloses the connection (or call \
                         ``close()`` on the iterator).",
                        flag = stream.flag,
                        done = client::STREAM_DONE,
                    );
                    StreamMethod {
                        def_line: signature(
                            4,
                            &stream_name,
                            &params,
                            &subscript(
                                "Generator",
                                vec![atom(event.as_str()), atom("None"), atom("None")],
                            ),
                        ),
                        doc: docstring(Some(&doc), false, "        ")
                            .trim_start_matches('\n')
                            .to_owned(),
                        call: return_line(
                            8,
                            &call(
                                "self._stream",
                                vec![
                                    atom(route.as_str()),
                                    call(
                                        "_flagged",
                                        vec![encode.clone(), atom(python_string(&stream.flag))],
                                    ),
                                    event_decode,
                                    atom("timeout"),
                                ],
                            ),
                        ),
                        event,
                        name: stream_name,
                    }
                });
                Method {
                    route: route_constant(&route, op),
                    def_line: signature(4, &name, &params, &atom(response.as_str())),
                    call: return_line(
                        8,
                        &call(
                            "self._send",
                            vec![
                                atom(route.as_str()),
                                encode.clone(),
                                decode.clone(),
                                atom("timeout"),
                            ],
                        ),
                    ),
                    doc: docstring(op.description.as_deref(), false, "        "),
                    uses_json_helpers: encode.to_string().contains("_json.")
                        || decode.to_string().contains("_json."),
                    example: (name, request, response),
                    stream,
                }
            })
            .collect();
        // What client.py imports from models.py.
        let mut model_imports: Vec<String> = Vec::new();
        for op in &model.operations {
            model_imports.push(names.py(&op.request));
            model_imports.push(names.py(&op.response));
            // Unions and aliases decode through a function, not a class method.
            let event = op.stream.as_ref().map(|stream| &stream.event);
            for decoded in std::iter::once(&op.response).chain(event) {
                if let Some(function) = names.functions.get(decoded) {
                    model_imports.push(function.clone());
                }
            }
        }
        for method in &methods {
            if let Some(stream) = &method.stream {
                model_imports.push(stream.event.clone());
            }
        }
        if has_response_status {
            model_imports.push(error_status.clone());
        }
        isort(&mut model_imports);
        model_imports.dedup();
        Self {
            banner,
            title: layout::doc_text(&model.package.title),
            class_name: super::client_name(model),
            base_url: model
                .base_url
                .as_deref()
                .map(|url| assign(0, "DEFAULT_BASE_URL", &atom(python_string(url)))),
            uses_json_helpers: !has_response_status || methods.iter().any(|m| m.uses_json_helpers),
            has_streams: methods.iter().any(|m| m.stream.is_some()),
            c: ClientConstants::new(),
            error_status,
            has_response_status,
            model_imports,
            methods,
        }
    }
}

/// `{constant} = _Route(…)`: the method, the path's text and parameters
/// alternating, the query and header parameters and the body (`()`: the
/// fields that are not parameters; `("name",)`: that field; `None`: none),
/// laid out as ruff formats it.
fn route_constant(constant: &str, op: &Operation) -> String {
    let strings =
        |names: &[&str]| -> Expr { tuple(names.iter().map(|n| atom(python_string(n))).collect()) };
    let mut args = vec![
        atom(python_string(&op.method)),
        strings(&client::route(op).path),
    ];
    let query = client::params_at(op, ParamLocation::Query);
    if !query.is_empty() {
        args.push(prefixed("query=", strings(&query)));
    }
    let headers = client::params_at(op, ParamLocation::Header);
    if !headers.is_empty() {
        args.push(prefixed("headers=", strings(&headers)));
    }
    match &op.body {
        Body::Fields => {}
        Body::Field(name) => args.push(prefixed("body=", strings(&[name.as_str()]))),
        Body::None => args.push(atom("body=None")),
    }
    assign(0, constant, &call("_Route", args))
}

impl<'a> Init<'a> {
    /// The package's public names, re-exported from `__init__.py`.
    fn new(model: &'a Model, names: &Names, banner: &'a str, client: Option<&String>) -> Self {
        let mut model_exports: Vec<String> =
            model.types.iter().map(|def| names.py(&def.name)).collect();
        model_exports.extend(names.functions.values().cloned());
        model_exports.push("DECODERS".to_owned());
        let mut exports = model_exports.clone();
        exports.extend(["DecodeError", "JSON"].map(str::to_owned));
        let mut client_imports = Vec::new();
        if let Some(class) = client {
            client_imports = vec![
                "ApiError".to_owned(),
                "ApiTimeoutError".to_owned(),
                class.clone(),
            ];
            isort(&mut client_imports);
            exports.extend(client_imports.iter().cloned());
        }
        isort(&mut model_exports);
        sort_all(&mut exports);
        Self {
            banner,
            title: layout::doc_text(&model.package.title),
            client_imports: if client_imports.is_empty() {
                String::new()
            } else {
                import_from(".client", &client_imports)
            },
            model_exports,
            exports,
        }
    }
}

/// isort's (and ruff's) order of imported names: constants (upper case, more
/// than one character), then classes (a capital first), then the rest; within
/// each, case-insensitively in natural order (`Item2` before `Item10`), ties
/// broken by the exact name.
fn isort(names: &mut [String]) {
    names.sort_by(|a, b| {
        isort_kind(a)
            .cmp(&isort_kind(b))
            .then_with(|| natural_cmp(&a.to_lowercase(), &b.to_lowercase()))
            .then_with(|| natural_cmp(a, b))
    });
}

/// The order ruff wants in `__all__` (RUF022): the same kinds as `isort`,
/// but case-sensitively within each (`JSONValue` before `Json`).
fn sort_all(names: &mut [String]) {
    names.sort_by(|a, b| {
        isort_kind(a)
            .cmp(&isort_kind(b))
            .then_with(|| natural_cmp(a, b))
    });
}

fn isort_kind(name: &str) -> u8 {
    let cased = name.chars().any(char::is_alphabetic);
    if name.chars().count() > 1 && cased && !name.chars().any(char::is_lowercase) {
        0
    } else if name.starts_with(char::is_uppercase) {
        1
    } else {
        2
    }
}

/// Compares runs of digits by their value and everything else by character.
fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let (mut a, mut b) = (a.chars().peekable(), b.chars().peekable());
    loop {
        match (a.peek().copied(), b.peek().copied()) {
            (None, None) => return std::cmp::Ordering::Equal,
            (None, Some(_)) => return std::cmp::Ordering::Less,
            (Some(_), None) => return std::cmp::Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let digits = |it: &mut std::iter::Peekable<std::str::Chars>| {
                    let mut run = String::new();
                    while let Some(c) = it.next_if(char::is_ascii_digit) {
                        run.push(c);
                    }
                    run.trim_start_matches('0').to_owned()
                };
                let (x, y) = (digits(&mut a), digits(&mut b));
                let order = x.len().cmp(&y.len()).then_with(|| x.cmp(&y));
                if order.is_ne() {
                    return order;
                }
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(&y);
                }
                a.next();
                b.next();
            }
        }
    }
}

/// The shared client policy (`src/lang/client.rs`) as Python literals.
struct ClientConstants {
    timeout: String,
    max_retries: u32,
    initial_backoff: String,
    max_backoff: String,
    jitter: String,
    max_retry_after: String,
    request_id_header: String,
    request_id_header_text: &'static str,
    stream_done: String,
}

impl ClientConstants {
    fn new() -> Self {
        let seconds = |millis: u64| format!("{:?}", millis as f64 / 1000.0);
        Self {
            timeout: format!("{:?}", client::DEFAULT_TIMEOUT_SECONDS as f64),
            max_retries: client::MAX_RETRIES,
            initial_backoff: seconds(client::INITIAL_BACKOFF_MS),
            max_backoff: seconds(client::MAX_BACKOFF_MS),
            jitter: format!("{:?}", client::JITTER),
            max_retry_after: seconds(client::MAX_RETRY_AFTER_MS),
            request_id_header: python_string(client::REQUEST_ID_HEADER),
            request_id_header_text: client::REQUEST_ID_HEADER,
            stream_done: python_string(client::STREAM_DONE),
        }
    }
}

struct StreamMethod {
    name: String,
    /// The `def` line, indented.
    def_line: String,
    /// The docstring, indented, without the leading newline.
    doc: String,
    /// The `return self._stream(…)` statement, indented.
    call: String,
    /// The event type's Python name.
    event: String,
}

struct Method {
    /// The module-level `_ROUTE_… = _Route(…)` statement: how the request travels.
    route: String,
    /// The streamed twin of this operation, when it streams.
    stream: Option<StreamMethod>,
    /// The `def` line, indented.
    def_line: String,
    doc: String,
    /// The `return self._send(…)` statement, indented.
    call: String,
    uses_json_helpers: bool,
    /// Method name, request type and response type, for the README.
    example: (String, String, String),
}

#[derive(Template)]
#[template(path = "python/client.py", escape = "none")]
struct ClientFile<'a> {
    banner: &'a str,
    /// The title as docstring text.
    title: String,
    class_name: String,
    /// `DEFAULT_BASE_URL = "…"`, when the schema names a server.
    base_url: Option<String>,
    error_status: String,
    has_response_status: bool,
    uses_json_helpers: bool,
    has_streams: bool,
    c: ClientConstants,
    model_imports: Vec<String>,
    methods: Vec<Method>,
}

struct PackageFiles<'a> {
    dist_name: String,
    import_name: String,
    /// PEP 440, as PyPI takes it.
    version: String,
    description: Option<String>,
    /// PEP 639 `license` (an SPDX expression) and whether `license-files` names LICENSE.
    license: Option<String>,
    license_file: bool,
    /// `authors` entries as TOML inline tables.
    authors: Vec<String>,
    /// `[project.urls]`: label and URL.
    urls: Vec<(&'static str, String)>,
    title: &'a str,
    client_class: &'a str,
    /// `client = …Client(…)` for the README, laid out as ruff formats it.
    client_example: String,
    /// The first operation: method name, request type, response type.
    example: Option<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "python/pyproject.toml", escape = "none")]
struct Pyproject<'a> {
    p: &'a PackageFiles<'a>,
}

#[derive(Template)]
#[template(path = "python/README.md", escape = "none")]
struct Readme<'a> {
    p: &'a PackageFiles<'a>,
    has_client: bool,
    has_streams: bool,
    chat: Option<ChatExample>,
}

/// The README's chat example, for schemas with the built-in OpenAI chat
/// types and a streamed operation taking `OpenAiChatCompletion`.
struct ChatExample {
    request: String,
    message: String,
    role: String,
    tool: String,
    tool_type: String,
    function: String,
    method: String,
    stream_method: String,
}

impl ChatExample {
    fn new(model: &Model, names: &Names, client: &ClientFile) -> Option<Self> {
        const TYPES: [&str; 6] = [
            "OpenAiChatCompletion",
            "OpenAiMessage",
            "OpenAiRole",
            "OpenAiTool",
            "OpenAiToolType",
            "OpenAiFunctionDefinition",
        ];
        super::client::chat_example(model)?;
        let (_, method) = model
            .operations
            .iter()
            .zip(&client.methods)
            .find(|(op, m)| op.request == TYPES[0] && m.stream.is_some())?;
        let stream = method.stream.as_ref()?;
        Some(Self {
            request: names.py(TYPES[0]),
            message: names.py(TYPES[1]),
            role: names.py(TYPES[2]),
            tool: names.py(TYPES[3]),
            tool_type: names.py(TYPES[4]),
            function: names.py(TYPES[5]),
            method: method.example.0.clone(),
            stream_method: stream.name.clone(),
        })
    }
}

#[derive(Template)]
#[template(path = "python/__init__.py", escape = "none")]
struct Init<'a> {
    banner: &'a str,
    /// The title as docstring text.
    title: String,
    /// `from .client import ApiError, …` (the client class, sorted); "" without a client.
    client_imports: String,
    model_exports: Vec<String>,
    exports: Vec<String>,
}

#[derive(Template)]
#[template(path = "python/_json.py", escape = "none")]
struct JsonRuntime<'a> {
    banner: &'a str,
}

#[cfg(test)]
mod tests {
    use super::{isort, sort_all};

    #[test]
    fn imported_names_sort_as_ruff_sorts_them() {
        let mut names: Vec<String> = [
            "decode_b",
            "Json",
            "JSONValue",
            "DECODERS",
            "Item10",
            "Item2",
            "A",
            "a_b",
            "JSON",
        ]
        .map(str::to_owned)
        .to_vec();
        isort(&mut names);
        assert_eq!(
            names,
            [
                "DECODERS",
                "JSON",
                "A",
                "Item2",
                "Item10",
                "Json",
                "JSONValue",
                "a_b",
                "decode_b"
            ]
        );
        sort_all(&mut names);
        assert_eq!(
            names,
            [
                "DECODERS",
                "JSON",
                "A",
                "Item2",
                "Item10",
                "JSONValue",
                "Json",
                "a_b",
                "decode_b"
            ]
        );
    }
}
