//! OpenAPI 3.0 / 3.1 document → [`Model`].
//!
//! `components/schemas` go through the JSON Schema loader as named types;
//! each path operation becomes an [`Operation`] whose request type binds the
//! parameters and the JSON body, and whose response is the first 2xx JSON
//! response. Errors and warnings carry JSON pointers into the OpenAPI document
//! (`/paths/~1v1~1models~1{model}/get/parameters/0/schema`).

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::loader::{self, on_loader_stack, Documents, Loader};
use super::naming::{pointer_segment, type_name};
use super::*;

/// The HTTP methods the model carries; OpenAPI's others (`head`, `options`,
/// `trace`) are skipped with a warning.
const METHODS: &[&str] = &["get", "put", "post", "delete", "patch"];
const OTHER_METHODS: &[&str] = &["head", "options", "trace"];

/// `$ref` hops followed for a parameter, body or response before giving up.
const MAX_REF_HOPS: usize = 64;

/// Something the document has that the model cannot carry, skipped rather
/// than refused (an operation with a multipart body, a cookie parameter):
/// reported like the schema loader's warnings.
pub type Warning = LoadError;

/// A loaded OpenAPI document: the model and what was skipped on the way.
pub use super::Loaded;

type Result<T> = std::result::Result<T, LoadError>;

fn error<T>(pointer: &str, message: impl Into<String>) -> Result<T> {
    Err(LoadError {
        pointer: pointer.to_owned(),
        message: message.into(),
    })
}

/// Whether the document says it is OpenAPI (or Swagger) rather than JSON Schema.
pub fn is_openapi(document: &Value) -> bool {
    document.get("openapi").is_some() || document.get("swagger").is_some()
}

/// Loads an OpenAPI 3.0 or 3.1 document (on the loader's large stack).
pub fn load(document: &Value) -> Result<Loaded> {
    on_loader_stack(|| load_here(document))
}

fn load_here(document: &Value) -> Result<Loaded> {
    let Value::Object(root) = document else {
        return error("", "an OpenAPI document must be an object");
    };
    check_version(root)?;
    // Schemas are loaded by the JSON Schema loader, from the same document.
    let documents = Documents::new(document.clone(), None)?;
    let document = documents.main();
    let Value::Object(root) = document else {
        return error("", "an OpenAPI document must be an object");
    };
    let mut loader = Loader::new(&documents);
    let defs = loader.register_defs(root)?;
    for (pointer, name, schema) in &defs {
        loader.define(name, schema, pointer)?;
    }
    let mut paths = Paths {
        document,
        loader,
        operations: Vec::new(),
        names: HashSet::new(),
        warnings: Vec::new(),
    };
    match root.get("paths") {
        None => {}
        Some(Value::Object(items)) => {
            for (path, item) in items {
                paths.path_item(path, item)?;
            }
        }
        Some(_) => return error("/paths", "`paths` must be an object of path items"),
    }
    let Paths {
        loader,
        mut operations,
        mut warnings,
        ..
    } = paths;
    operations.sort_by(|a, b| (&a.request, &a.name).cmp(&(&b.request, &b.name)));
    let package = package(root, &mut warnings)?;
    let (types, schema_warnings) = loader.finish();
    warnings.extend(schema_warnings);
    Ok(Loaded {
        model: Model {
            package,
            types,
            operations,
            base_url: base_url(root),
        },
        warnings,
    })
}

fn check_version(root: &Map<String, Value>) -> Result<()> {
    if let Some(version) = root.get("swagger") {
        let version = version.as_str().unwrap_or("?");
        return error(
            "/swagger",
            format!(
                "Swagger {version} is not supported; convert the document to OpenAPI 3 \
                 (for example with swagger2openapi) and generate from that"
            ),
        );
    }
    match root.get("openapi").and_then(Value::as_str) {
        Some(version) if version.starts_with("3.0") || version.starts_with("3.1") => Ok(()),
        Some(version) => error(
            "/openapi",
            format!("OpenAPI {version} is not supported; dtogen reads OpenAPI 3.0 and 3.1"),
        ),
        None => error(
            "/openapi",
            "`openapi` must be a version string such as \"3.1.0\"",
        ),
    }
}

/// `info` as the package identity: `title`, `description`, and `version`
/// (made a semantic version: `1.0` → `1.0.0`); `x-package` (at the root or in
/// `info`) overrides, as in a JSON Schema document.
fn package(root: &Map<String, Value>, warnings: &mut Vec<Warning>) -> Result<Package> {
    let info = root.get("info").and_then(Value::as_object);
    let info_str = |key: &str| info.and_then(|i| i.get(key)).and_then(Value::as_str);
    let mut meta = root
        .get("x-package")
        .or_else(|| info.and_then(|i| i.get("x-package")))
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    if !meta.contains_key("version") {
        if let Some(version) = info_str("version") {
            match semantic_version(version) {
                Some(version) => {
                    meta.insert("version".into(), Value::String(version));
                }
                None => warnings.push(Warning {
                    pointer: "/info/version".into(),
                    message: format!(
                        "`{version}` is not a semantic version; the packages get 0.1.0"
                    ),
                }),
            }
        }
    }
    if !meta.contains_key("license") {
        // 3.1's SPDX `identifier`, else a `name` that looks like one (`MIT`).
        let license = info.and_then(|i| i.get("license"));
        let spdx = license
            .and_then(|l| l.get("identifier"))
            .or_else(|| license.and_then(|l| l.get("name")))
            .and_then(Value::as_str)
            .filter(|id| !id.is_empty() && !id.contains(char::is_whitespace));
        if let Some(spdx) = spdx {
            meta.insert("license".into(), Value::String(spdx.to_owned()));
            if license_rejected(&meta) {
                meta.remove("license");
                warnings.push(Warning {
                    pointer: "/info/license".into(),
                    message: format!("`{spdx}` is not an SPDX license; the packages name none"),
                });
            }
        }
    }
    let mut shaped = Map::new();
    shaped.insert(
        "title".into(),
        Value::String(info_str("title").unwrap_or("Api").to_owned()),
    );
    if let Some(text) = info_str("description") {
        shaped.insert("description".into(), Value::String(text.to_owned()));
    }
    shaped.insert("x-package".into(), Value::Object(meta));
    let from_info = !root.contains_key("x-package");
    loader::package(&shaped).map_err(|mut error| {
        // The identity came from `x-package` where the document has one, else from `info`.
        if from_info {
            error.pointer = format!("/info{}", error.pointer);
        }
        error
    })
}

/// Whether the package check refuses `meta`'s license.
fn license_rejected(meta: &Map<String, Value>) -> bool {
    let mut shaped = Map::new();
    shaped.insert("x-package".into(), Value::Object(meta.clone()));
    loader::package(&shaped).is_err_and(|error| error.pointer.ends_with("/license"))
}

/// `1` → `1.0.0`, `v2.3` → `2.3.0`, `1.2.3-beta.1` kept; anything else `None`.
fn semantic_version(text: &str) -> Option<String> {
    let text = text.trim().trim_start_matches('v');
    let (core, rest) = match text.find(['-', '+']) {
        Some(at) => text.split_at(at),
        None => (text, ""),
    };
    let parts: Vec<&str> = core.split('.').collect();
    let numeric = |part: &&str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    // A pre-release needs the full `x.y.z` before it (`2024-05-01` is a date).
    if parts.len() > 3 || (!rest.is_empty() && parts.len() != 3) || !parts.iter().all(numeric) {
        return None;
    }
    let mut parts: Vec<String> = parts
        .iter()
        .map(|p| p.trim_start_matches('0'))
        .map(|p| if p.is_empty() { "0" } else { p }.to_owned())
        .collect();
    parts.resize(3, "0".to_owned());
    let valid_rest = rest.len() != 1
        && rest
            .bytes()
            .skip(1)
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'+');
    valid_rest.then(|| format!("{}{rest}", parts.join(".")))
}

/// `servers[0].url`, its `{variables}` replaced by their defaults.
fn base_url(root: &Map<String, Value>) -> Option<String> {
    let server = root.get("servers")?.as_array()?.first()?;
    let mut url = server.get("url")?.as_str()?.to_owned();
    if let Some(variables) = server.get("variables").and_then(Value::as_object) {
        for (name, variable) in variables {
            if let Some(default) = variable.get("default").and_then(Value::as_str) {
                url = url.replace(&format!("{{{name}}}"), default);
            }
        }
    }
    Some(url).filter(|url| !url.is_empty())
}

/// A parameter, body or response after following its `$ref`s, with the
/// pointer it was found at.
struct Found<'a> {
    value: &'a Value,
    pointer: String,
}

/// One JSON (or event-stream) payload: its schema and where it is.
struct Payload<'a> {
    schema: Option<&'a Value>,
    pointer: String,
}

struct Paths<'a> {
    document: &'a Value,
    loader: Loader<'a>,
    operations: Vec<Operation>,
    /// Operation names taken so far.
    names: HashSet<String>,
    warnings: Vec<Warning>,
}

impl<'a> Paths<'a> {
    fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        self.warnings.push(Warning {
            pointer: pointer.to_owned(),
            message: message.into(),
        });
    }

    /// Follows `$ref`s (to `components/parameters`, `requestBodies`,
    /// `responses`…) to the object they name.
    fn follow(&self, value: &'a Value, pointer: String) -> Result<Found<'a>> {
        let mut found = Found { value, pointer };
        for _ in 0..MAX_REF_HOPS {
            let Some(reference) = found.value.get("$ref") else {
                return Ok(found);
            };
            let at = format!("{}/$ref", found.pointer);
            let Some(target) = reference.as_str().and_then(|r| r.strip_prefix('#')) else {
                return error(
                    &at,
                    format!(
                        "only local `$ref`s (`#/components/…`) are supported, found {reference}"
                    ),
                );
            };
            let Some(value) = self.document.pointer(target) else {
                return error(&at, format!("`$ref` target #{target} does not exist"));
            };
            found = Found {
                value,
                pointer: target.to_owned(),
            };
        }
        error(
            &found.pointer,
            format!("more than {MAX_REF_HOPS} `$ref`s in a row (a cycle?)"),
        )
    }

    fn path_item(&mut self, path: &str, item: &'a Value) -> Result<()> {
        let at = format!("/paths/{}", pointer_segment(path));
        if !path.starts_with('/') {
            return error(&at, "a path must start with `/`");
        }
        let item = self.follow(item, at)?;
        let Value::Object(object) = item.value else {
            return error(&item.pointer, "a path item must be an object");
        };
        let shared = object.get("parameters");
        for (key, operation) in object {
            let method = key.to_ascii_lowercase();
            let op_at = format!("{}/{}", item.pointer, pointer_segment(key));
            if OTHER_METHODS.contains(&method.as_str()) {
                self.warn(
                    &op_at,
                    format!("skipped: `{key}` operations are not generated (only GET, PUT, POST, DELETE, PATCH)"),
                );
            } else if METHODS.contains(&method.as_str()) {
                self.operation(path, &method, operation, shared, &item.pointer, &op_at)?;
            }
        }
        Ok(())
    }

    fn operation(
        &mut self,
        path: &str,
        method: &str,
        operation: &'a Value,
        shared: Option<&'a Value>,
        item_at: &str,
        at: &str,
    ) -> Result<()> {
        let Value::Object(object) = operation else {
            return error(at, "an operation must be an object");
        };
        let name = self.operation_name(object, method, path, at)?;
        let Some(body) = self.request_body(object, at)? else {
            return Ok(());
        };
        let Some((response, event)) = self.responses(object, &name, at)? else {
            return Ok(());
        };
        let Some(parameters) = self.parameters(object, shared, item_at, at, path)? else {
            return Ok(());
        };
        let request = self.request(&name, parameters, body)?;
        let stream = match event {
            None => None,
            Some(event) => {
                let flag = self.stream_flag(&request.name);
                match (flag, &response) {
                    (Some(flag), _) => Some(Stream { flag, event }),
                    (None, Some(_)) => {
                        self.warn(at, "the text/event-stream response is not generated: the request has no boolean `stream` property that asks for it");
                        None
                    }
                    (None, None) => {
                        self.warn(at, "skipped: the only 2xx answer is a text/event-stream and the request has no boolean `stream` property that asks for it");
                        return Ok(());
                    }
                }
            }
        };
        let response = match response {
            Some(response) => response,
            // No JSON body in the 2xx answer (204 and the like): free JSON.
            None => self.named(&format!("{name}Response"), TypeRef::Any, false),
        };
        let text = |key: &str| object.get(key).and_then(Value::as_str).map(str::trim);
        let description = text("description")
            .filter(|d| !d.is_empty())
            .or_else(|| text("summary").filter(|s| !s.is_empty()))
            .map(str::to_owned);
        self.names.insert(name.clone());
        self.operations.push(Operation {
            name,
            request: request.name,
            response,
            method: method.to_ascii_uppercase(),
            path: path.to_owned(),
            description,
            stream,
            params: request.params,
            body: request.body,
        });
        Ok(())
    }

    /// `operationId` in PascalCase; without one, the method and the path
    /// (`GET /v1/models/{model}` → `GetV1ModelsByModel`).
    fn operation_name(
        &mut self,
        object: &Map<String, Value>,
        method: &str,
        path: &str,
        at: &str,
    ) -> Result<String> {
        if let Some(id) = object.get("operationId") {
            let id_at = format!("{at}/operationId");
            let Some(id) = id.as_str().filter(|id| !id.trim().is_empty()) else {
                return error(&id_at, "`operationId` must be a non-empty string");
            };
            let name = type_name(id);
            if self.names.contains(&name) {
                return error(
                    &id_at,
                    format!("operationId `{id}` gives the method name `{name}` a second time"),
                );
            }
            return Ok(name);
        }
        let words = path.replace('{', " by ").replace('}', " ");
        let base = type_name(&format!("{method} {words}"));
        let mut name = base.clone();
        let mut counter = 2;
        while self.names.contains(&name) {
            name = format!("{base}{counter}");
            counter += 1;
        }
        Ok(name)
    }

    /// `Some(None)`: no body; `Some(Some(payload))`: a JSON body; `None`: a body
    /// the model cannot carry (the operation is skipped with a warning).
    fn request_body(
        &mut self,
        object: &'a Map<String, Value>,
        at: &str,
    ) -> Result<Option<Option<(Payload<'a>, bool)>>> {
        let Some(body) = object.get("requestBody") else {
            return Ok(Some(None));
        };
        let body = self.follow(body, format!("{at}/requestBody"))?;
        let required = body.value.get("required").and_then(Value::as_bool) == Some(true);
        let Some(content) = body.value.get("content").and_then(Value::as_object) else {
            return Ok(Some(None));
        };
        let content_at = format!("{}/content", body.pointer);
        match json_payload(content, &content_at) {
            Some(payload) => Ok(Some(Some((payload, required)))),
            None if content.is_empty() => Ok(Some(None)),
            None => {
                let kinds: Vec<&str> = content.keys().map(String::as_str).collect();
                self.warn(
                    &content_at,
                    format!(
                        "skipped: the request body is {}; only JSON bodies are generated",
                        kinds.join(", ")
                    ),
                );
                Ok(None)
            }
        }
    }

    /// The first 2xx JSON response's type and the event type of a
    /// text/event-stream answer; `None` when the operation is skipped.
    #[allow(clippy::type_complexity)]
    fn responses(
        &mut self,
        object: &'a Map<String, Value>,
        name: &str,
        at: &str,
    ) -> Result<Option<(Option<String>, Option<String>)>> {
        let responses_at = format!("{at}/responses");
        let responses = match object.get("responses") {
            None => return Ok(Some((None, None))),
            Some(Value::Object(responses)) => responses,
            Some(_) => return error(&responses_at, "`responses` must be an object"),
        };
        let mut codes: Vec<&String> = responses
            .keys()
            .filter(|code| code.starts_with('2'))
            .collect();
        // Exact codes in numeric order, then `2XX`.
        codes.sort_by_key(|code| (code.parse::<u16>().unwrap_or(u16::MAX), code.to_owned()));
        let mut json: Option<Payload<'a>> = None;
        let mut events: Option<Payload<'a>> = None;
        let mut other_kinds: Vec<String> = Vec::new();
        for code in codes {
            let response = self.follow(
                &responses[code.as_str()],
                format!("{responses_at}/{}", pointer_segment(code)),
            )?;
            let Some(content) = response.value.get("content").and_then(Value::as_object) else {
                continue;
            };
            let content_at = format!("{}/content", response.pointer);
            if json.is_none() {
                json = json_payload(content, &content_at);
            }
            if events.is_none() {
                events = content.get("text/event-stream").map(|media| Payload {
                    schema: media.get("schema"),
                    pointer: format!("{content_at}/text~1event-stream"),
                });
            }
            other_kinds.extend(
                content
                    .keys()
                    .filter(|kind| !is_json(kind) && *kind != "text/event-stream")
                    .cloned(),
            );
        }
        if json.is_none() && events.is_none() && !other_kinds.is_empty() {
            self.warn(
                &responses_at,
                format!(
                    "skipped: the 2xx answer is {}; only JSON answers and event streams are generated",
                    other_kinds.join(", ")
                ),
            );
            return Ok(None);
        }
        let response = match json {
            Some(payload) => Some(self.payload_type(&payload, &format!("{name}Response"))?),
            None => None,
        };
        let event = match events {
            Some(payload) => Some(self.payload_type(&payload, &format!("{name}StreamEvent"))?),
            None => None,
        };
        Ok(Some((response, event)))
    }

    /// A payload's type as a type name: a named schema keeps its name, any
    /// other type gets an alias called `hint`.
    fn payload_type(&mut self, payload: &Payload<'a>, hint: &str) -> Result<String> {
        let Some(schema) = payload.schema else {
            return Ok(self.named(hint, TypeRef::Any, false));
        };
        let resolved = self
            .loader
            .resolve(schema, &format!("{}/schema", payload.pointer), hint)?;
        Ok(match resolved.ty {
            TypeRef::Named(name) if !resolved.nullable => name,
            other => self.named(hint, other, resolved.nullable),
        })
    }

    /// A new alias type for `ty`, named `base` (or `base2`…).
    fn named(&mut self, base: &str, ty: TypeRef, nullable: bool) -> String {
        let name = self.loader.unique_name(base);
        let ty = if nullable {
            TypeRef::Nullable(Box::new(ty))
        } else {
            ty
        };
        self.loader.insert_type(TypeDef {
            name: name.clone(),
            description: None,
            deprecated: false,
            kind: TypeKind::Alias(ty),
        });
        name
    }

    /// The operation's path, query and header parameters (path-level ones
    /// first, overridden by the operation's own); `None` when the operation
    /// is skipped.
    fn parameters(
        &mut self,
        object: &'a Map<String, Value>,
        shared: Option<&'a Value>,
        item_at: &str,
        at: &str,
        path: &str,
    ) -> Result<Option<Vec<Parameter<'a>>>> {
        let mut parameters: Vec<Parameter<'a>> = Vec::new();
        let lists = [
            (shared, format!("{item_at}/parameters")),
            (object.get("parameters"), format!("{at}/parameters")),
        ];
        for (list, list_at) in lists {
            let Some(list) = list else {
                continue;
            };
            let Value::Array(list) = list else {
                return error(&list_at, "`parameters` must be an array");
            };
            for (index, parameter) in list.iter().enumerate() {
                let found = self.follow(parameter, format!("{list_at}/{index}"))?;
                let Some(parameter) = self.parameter(found)? else {
                    continue;
                };
                // An operation's parameter replaces the path item's of the same name and place.
                parameters
                    .retain(|p| !(p.name == parameter.name && p.location == parameter.location));
                if parameters.iter().any(|p| p.name == parameter.name) {
                    self.warn(
                        &parameter.pointer,
                        format!(
                            "parameter `{}` is skipped: another parameter of the operation has the same name",
                            parameter.name
                        ),
                    );
                    continue;
                }
                parameters.push(parameter);
            }
        }
        let placeholders = path_placeholders(path);
        for placeholder in &placeholders {
            let bound = parameters
                .iter()
                .any(|p| p.location == ParamLocation::Path && p.name == *placeholder);
            if !bound {
                self.warn(
                    at,
                    format!("skipped: `{{{placeholder}}}` in the path has no path parameter"),
                );
                return Ok(None);
            }
        }
        let mut kept = Vec::new();
        for parameter in parameters {
            if parameter.location == ParamLocation::Path
                && !placeholders.contains(&parameter.name.as_str())
            {
                self.warn(
                    &parameter.pointer,
                    format!(
                        "path parameter `{}` is skipped: the path has no `{{{}}}`",
                        parameter.name, parameter.name
                    ),
                );
            } else {
                kept.push(parameter);
            }
        }
        Ok(Some(kept))
    }

    /// One parameter object; `None` for one the model does not send (a
    /// cookie, or a header OpenAPI says to ignore).
    fn parameter(&mut self, found: Found<'a>) -> Result<Option<Parameter<'a>>> {
        let Found { value, pointer } = found;
        let Some(name) = value.get("name").and_then(Value::as_str) else {
            return error(
                &format!("{pointer}/name"),
                "a parameter's `name` must be a string",
            );
        };
        let location = match value.get("in").and_then(Value::as_str) {
            Some("path") => ParamLocation::Path,
            Some("query") => ParamLocation::Query,
            Some("header") => {
                // OpenAPI: these header parameters "SHALL be ignored"; the client sets them.
                if ["accept", "content-type", "authorization"]
                    .contains(&name.to_ascii_lowercase().as_str())
                {
                    return Ok(None);
                }
                ParamLocation::Header
            }
            Some("cookie") => {
                self.warn(
                    &pointer,
                    format!("cookie parameter `{name}` is skipped: the clients send no cookies"),
                );
                return Ok(None);
            }
            _ => {
                return error(
                    &format!("{pointer}/in"),
                    "`in` must be \"path\", \"query\", \"header\" or \"cookie\"",
                )
            }
        };
        // A parameter's schema is `schema`, or the one media type of `content`.
        let schema = match (value.get("schema"), value.get("content")) {
            (Some(schema), _) => Some((schema, format!("{pointer}/schema"))),
            (None, Some(Value::Object(content))) => content.iter().next().map(|(kind, media)| {
                (
                    media.get("schema").unwrap_or(&Value::Bool(true)),
                    format!("{pointer}/content/{}/schema", pointer_segment(kind)),
                )
            }),
            _ => None,
        };
        let required = location == ParamLocation::Path
            || value.get("required").and_then(Value::as_bool) == Some(true);
        Ok(Some(Parameter {
            name: name.to_owned(),
            location,
            required,
            schema,
            object: value.as_object(),
            pointer,
        }))
    }

    /// The operation's request type: the JSON body's own object type when
    /// there are no parameters, else a new `<Name>Request` of the parameters
    /// and a `body` field.
    fn request(
        &mut self,
        name: &str,
        parameters: Vec<Parameter<'a>>,
        body: Option<(Payload<'a>, bool)>,
    ) -> Result<Request> {
        let request_name = format!("{name}Request");
        let object_body = match &body {
            Some((payload, _)) if parameters.is_empty() => {
                payload.schema.is_some_and(|s| self.is_object_schema(s))
            }
            _ => false,
        };
        if let (true, Some((payload, required))) = (object_body, &body) {
            let schema = payload.schema.unwrap_or(&Value::Bool(true));
            let at = format!("{}/schema", payload.pointer);
            let resolved = self.loader.resolve(schema, &at, &request_name)?;
            if let TypeRef::Named(type_name) = &resolved.ty {
                if self.is_struct(type_name) {
                    return Ok(Request {
                        name: type_name.clone(),
                        params: Vec::new(),
                        body: Body::Fields,
                    });
                }
            }
            let required = *required;
            let payload = body.map(|(payload, _)| payload);
            return self.request_struct(
                &request_name,
                Vec::new(),
                Some((resolved, payload.map(|p| (p, required)))),
            );
        }
        let body = match body {
            Some((payload, required)) => {
                let resolved = match payload.schema {
                    Some(schema) => self.loader.resolve(
                        schema,
                        &format!("{}/schema", payload.pointer),
                        &format!("{name}Body"),
                    )?,
                    None => loader::Resolved {
                        ty: TypeRef::Any,
                        nullable: false,
                    },
                };
                Some((resolved, Some((payload, required))))
            }
            None => None,
        };
        let mut fields = Vec::new();
        let mut params = Vec::new();
        for parameter in parameters {
            let field_name = type_name(&parameter.name);
            let resolved = match &parameter.schema {
                Some((schema, at)) => {
                    self.loader
                        .resolve(schema, at, &format!("{request_name}{field_name}"))?
                }
                None => loader::Resolved {
                    ty: TypeRef::Any,
                    nullable: false,
                },
            };
            let schema_object = parameter.schema.as_ref().and_then(|(s, _)| s.as_object());
            let description = parameter
                .object
                .and_then(loader::description)
                .or_else(|| schema_object.and_then(loader::description));
            fields.push(Field {
                wire_name: parameter.name.clone(),
                ty: resolved.ty,
                required: parameter.required,
                nullable: resolved.nullable,
                description,
                default: schema_object.and_then(|s| s.get("default")).cloned(),
                deprecated: parameter.object.is_some_and(loader::deprecated),
            });
            params.push(Param {
                name: parameter.name,
                location: parameter.location,
            });
        }
        let mut request = self.request_struct(&request_name, fields, body)?;
        request.params = params;
        Ok(request)
    }

    /// A new struct of `fields`, plus the body as a field of its own.
    fn request_struct(
        &mut self,
        base: &str,
        mut fields: Vec<Field>,
        body: Option<(loader::Resolved, Option<(Payload<'a>, bool)>)>,
    ) -> Result<Request> {
        let body = match body {
            None => Body::None,
            Some((resolved, payload)) => {
                let wire_name = ["body", "requestBody", "request_body"]
                    .into_iter()
                    .find(|candidate| fields.iter().all(|f| f.wire_name != *candidate))
                    .unwrap_or("body__")
                    .to_owned();
                let required = payload.as_ref().is_some_and(|(_, required)| *required);
                let description = payload
                    .as_ref()
                    .and_then(|(p, _)| p.schema)
                    .and_then(Value::as_object)
                    .and_then(loader::description);
                fields.push(Field {
                    wire_name: wire_name.clone(),
                    ty: resolved.ty,
                    required,
                    nullable: resolved.nullable,
                    description,
                    default: None,
                    deprecated: false,
                });
                Body::Field(wire_name)
            }
        };
        let name = self.loader.unique_name(base);
        self.loader.insert_type(TypeDef {
            name: name.clone(),
            description: None,
            deprecated: false,
            kind: TypeKind::Struct(Struct { fields }),
        });
        Ok(Request {
            name,
            params: Vec::new(),
            body,
        })
    }

    /// Whether a body schema (after its `$ref`s) describes an object with
    /// properties, so it can be the request itself.
    fn is_object_schema(&self, schema: &'a Value) -> bool {
        let Ok(found) = self.follow(schema, String::new()) else {
            return false;
        };
        let Some(object) = found.value.as_object() else {
            return false;
        };
        let union = object.contains_key("oneOf") || object.contains_key("anyOf");
        let object_type = match object.get("type") {
            None => true,
            Some(Value::String(name)) => name == "object",
            Some(_) => false,
        };
        !union && object_type && (object.contains_key("properties") || object.contains_key("allOf"))
    }

    fn is_struct(&self, name: &str) -> bool {
        self.loader
            .type_def(name)
            .is_some_and(|def| def.as_struct().is_some())
    }

    /// The request's boolean `stream` property, which asks for the event stream.
    fn stream_flag(&self, request: &str) -> Option<String> {
        let fields = &self.loader.type_def(request)?.as_struct()?.fields;
        fields
            .iter()
            .find(|f| f.wire_name == "stream" && f.ty == TypeRef::Bool)
            .map(|f| f.wire_name.clone())
    }
}

/// A parameter before its schema is loaded.
struct Parameter<'a> {
    name: String,
    location: ParamLocation,
    required: bool,
    schema: Option<(&'a Value, String)>,
    object: Option<&'a Map<String, Value>>,
    pointer: String,
}

struct Request {
    name: String,
    params: Vec<Param>,
    body: Body,
}

/// `application/json` (first), else any `…+json` or `…/json` media type.
fn json_payload<'a>(content: &'a Map<String, Value>, at: &str) -> Option<Payload<'a>> {
    let (kind, media) = content
        .get_key_value("application/json")
        .or_else(|| content.iter().find(|(kind, _)| is_json(kind)))?;
    Some(Payload {
        schema: media.get("schema"),
        pointer: format!("{at}/{}", pointer_segment(kind)),
    })
}

fn is_json(media_type: &str) -> bool {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
}

/// The `{name}` placeholders of a path template.
fn path_placeholders(path: &str) -> Vec<&str> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_become_semantic() {
        assert_eq!(semantic_version("2.3.0").as_deref(), Some("2.3.0"));
        assert_eq!(semantic_version("1.0").as_deref(), Some("1.0.0"));
        assert_eq!(semantic_version("v2").as_deref(), Some("2.0.0"));
        assert_eq!(
            semantic_version("1.2.3-beta.1").as_deref(),
            Some("1.2.3-beta.1")
        );
        assert_eq!(semantic_version("2024-01-01"), None);
        assert_eq!(semantic_version("latest"), None);
        assert_eq!(semantic_version("1.2.3.4"), None);
    }

    #[test]
    fn json_media_types() {
        assert!(is_json("application/json"));
        assert!(is_json("application/json; charset=utf-8"));
        assert!(is_json("application/merge-patch+json"));
        assert!(!is_json("multipart/form-data"));
        assert!(!is_json("text/event-stream"));
    }
}
