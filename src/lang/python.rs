//! Python: standard-library dataclasses with `from_dict`/`to_dict`, open
//! enums as `str` subclasses with known-value constants, unions as
//! `typing.Union` aliases with decode functions, and a `urllib.request`
//! client. Python 3.9+, no runtime dependencies, clean under `mypy --strict`.

use std::collections::BTreeMap;

use askama::Template;
use heck::{ToShoutySnakeCase, ToSnakeCase};

use super::doc::{field_doc, line_comment};
use super::ident::{is_ascii_identifier, json_string, shape_name, unique};
use super::{banner, Backend, GeneratedFile};
use crate::model::naming::{ascii_words, type_name};
use crate::model::{Field, Model, TypeDef, TypeKind, TypeRef};

pub struct Python;

impl Backend for Python {
    fn name(&self) -> &'static str {
        "python"
    }

    fn aliases(&self) -> &'static [&'static str] {
        &["py"]
    }

    fn verification(&self) -> &'static str {
        "round trip: mypy --strict (3.9), pip install, then every vector through python3"
    }

    fn generate(&self, model: &Model) -> Result<Vec<GeneratedFile>, askama::Error> {
        // Every module starts with the banner as a comment.
        let comment = line_comment(Some(&banner(model)), "", "#");
        let banner = comment.trim_end();
        let names = Names::new(model);
        let import_name = import_name(&model.package.name);
        let dist_name = ascii_words(&model.package.name).to_snake_case().replace('_', "-");
        let dist_name = if dist_name.is_empty() {
            import_name.replace('_', "-")
        } else {
            dist_name
        };

        // Classes first (their annotations are lazy, so order among them is
        // free); then aliases, which Python evaluates at import time.
        let mut classes = Vec::new();
        let mut aliases = Vec::new();
        for def in &model.types {
            let view = view_type(model, &names, def);
            if matches!(view.kind, PyKind::Class { .. } | PyKind::Enum { .. }) {
                classes.push(view);
            } else {
                aliases.push(view);
            }
        }
        let decoders = model
            .types
            .iter()
            .map(|def| {
                (
                    json_string(&def.name),
                    names.decoder(&TypeRef::Named(def.name.clone())),
                )
            })
            .collect();
        let typing_imports = typing_imports(&classes, &aliases);
        let models = ModelsFile {
            banner,
            typing_imports,
            title: &model.package.title,
            classes,
            aliases,
            decoders,
        };

        let has_response_status = model
            .get("ResponseStatus")
            .is_some_and(|def| def.as_struct().is_some());
        let client = ClientFile {
            banner,
            title: &model.package.title,
            class_name: format!("{}Client", type_name(&model.package.title)),
            error_status: if has_response_status {
                names.py("ResponseStatus")
            } else {
                "JSON".to_owned()
            },
            has_response_status,
            uses_json_helpers: false,
            model_imports: Vec::new(),
            methods: {
                let mut used = Vec::new();
                model
                    .operations
                    .iter()
                    .map(|op| {
                        let name = unique(member_name(&op.request), &mut used);
                        let request = names.py(&op.request);
                        let response = names.py(&op.response);
                        let encode =
                            names.encoder(&TypeRef::Named(op.request.clone()), "request", 0);
                        let decode = names.decoder(&TypeRef::Named(op.response.clone()));
                        Method {
                            def_line: wrap(
                                "    ",
                                &format!("def {name}"),
                                ('(', ')'),
                                &["self".to_owned(), format!("request: {request}")],
                                &format!(" -> {response}:"),
                            ),
                            call: wrap(
                                "        ",
                                "return self._send",
                                ('(', ')'),
                                &[
                                    json_string(&op.method),
                                    json_string(&op.path),
                                    encode.clone(),
                                    decode.clone(),
                                ],
                                "",
                            ),
                            doc: docstring(op.description.as_deref(), false, "        "),
                            uses_json_helpers: encode.contains("_json.")
                                || decode.contains("_json."),
                        }
                    })
                    .collect()
            },
        };
        let mut client = client;
        client.uses_json_helpers = !has_response_status
            || client
                .methods
                .iter()
                .any(|m| m.uses_json_helpers);
        let mut imports: Vec<String> = Vec::new();
        for op in &model.operations {
            imports.push(names.py(&op.request));
            imports.push(names.py(&op.response));
            if let Some(function) = names.functions.get(&op.response) {
                imports.push(function.clone());
            }
        }
        if has_response_status {
            imports.push(client.error_status.clone());
        }
        imports.sort();
        imports.dedup();
        client.model_imports = imports;
        // A schema without operations gets types only: a client would have no methods.
        let has_client = !client.methods.is_empty();

        let mut exports: Vec<String> = model.types.iter().map(|def| names.py(&def.name)).collect();
        exports.extend(names.functions.values().cloned());
        exports.extend(["DECODERS", "DecodeError", "JSON"].map(str::to_owned));
        if has_client {
            exports.extend([client.class_name.clone(), "ApiError".to_owned()]);
        }
        // isort's order: constants, then classes, then functions.
        exports.sort_by_key(|name| {
            let kind = if name.chars().all(|c| !c.is_ascii_lowercase()) {
                0
            } else if name.starts_with(|c: char| c.is_ascii_uppercase()) {
                1
            } else {
                2
            };
            (kind, name.clone())
        });
        let model_exports: Vec<String> = exports
            .iter()
            .filter(|name| {
                !["DecodeError", "JSON", "ApiError"].contains(&name.as_str())
                    && **name != client.class_name
            })
            .cloned()
            .collect();
        let package = PackageFiles {
            dist_name: json_string(&dist_name),
            import_name: import_name.clone(),
            version: json_string(&model.package.version),
            description: json_string(model.package.description.as_deref().unwrap_or("")),
            title: &model.package.title,
            client_class: &client.class_name,
            example: model
                .operations
                .first()
                .map(|op| member_name(&op.request)),
        };

        let src = format!("src/{import_name}");
        let mut files = vec![
            GeneratedFile::new("pyproject.toml", Pyproject { p: &package }.render()?),
            GeneratedFile::new(
                "README.md",
                Readme {
                    p: &package,
                    has_client,
                }
                .render()?,
            ),
            GeneratedFile::new(
                format!("{src}/__init__.py"),
                Init {
                    banner,
                    title: &model.package.title,
                    has_client,
                    client_imports: {
                        let mut names = ["ApiError", client.class_name.as_str()];
                        names.sort_unstable();
                        names.join(", ")
                    },
                    model_exports,
                    exports,
                }
                .render()?,
            ),
            GeneratedFile::new(format!("{src}/_json.py"), JsonRuntime { banner }.render()?),
            GeneratedFile::new(format!("{src}/models.py"), models.render()?),
            // PEP 561: the package ships its own type information.
            GeneratedFile::new(format!("{src}/py.typed"), String::new()),
        ];
        if has_client {
            files.push(GeneratedFile::new(format!("{src}/client.py"), client.render()?));
        }
        Ok(files)
    }
}

/// Python names of the model's types and of the decode functions of unions
/// and aliases, escaped where they would clash with keywords or the names the
/// generated modules import.
struct Names<'m> {
    model: &'m Model,
    types: BTreeMap<String, String>,
    functions: BTreeMap<String, String>,
}

/// Names the generated modules import or define next to the model's types.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "None",
    "True",
    "False",
    "Any",
    "Callable",
    "ClassVar",
    "Dict",
    "List",
    "Literal",
    "Mapping",
    "Optional",
    "Sequence",
    "Union",
    "JSON",
    "DECODERS",
    "DecodeError",
    "ApiError",
];

impl<'m> Names<'m> {
    fn new(model: &'m Model) -> Self {
        let mut used: Vec<String> = RESERVED_TYPE_NAMES.iter().map(|s| (*s).to_owned()).collect();
        let mut types = BTreeMap::new();
        for def in &model.types {
            let mut name = def.name.clone();
            if RESERVED_TYPE_NAMES.contains(&name.as_str()) {
                name.push('_');
            }
            types.insert(def.name.clone(), unique(name, &mut used));
        }
        let mut used_functions = Vec::new();
        let mut functions = BTreeMap::new();
        for def in &model.types {
            if matches!(def.kind, TypeKind::Union(_) | TypeKind::Alias(_)) {
                let name = format!("decode_{}", ascii_words(&def.name).to_snake_case());
                functions.insert(def.name.clone(), unique(name, &mut used_functions));
            }
        }
        Self {
            model,
            types,
            functions,
        }
    }

    fn py(&self, name: &str) -> String {
        self.types
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_owned())
    }

    fn kind(&self, name: &str) -> Option<&'m TypeKind> {
        self.model.get(name).map(|def| &def.kind)
    }

    /// The type as an annotation (lazy under `from __future__ import annotations`,
    /// so PEP 604 unions are fine on 3.9).
    fn annotation(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::String | TypeRef::DateTime => "str".to_owned(),
            TypeRef::Bool => "bool".to_owned(),
            TypeRef::Int32 | TypeRef::Int64 => "int".to_owned(),
            TypeRef::Float64 => "float".to_owned(),
            TypeRef::Literal(value) => format!("Literal[{}]", json_string(value)),
            TypeRef::List(item) => format!("list[{}]", self.annotation(item)),
            TypeRef::Map(value) => format!("dict[str, {}]", self.annotation(value)),
            TypeRef::Named(name) => self.py(name),
            TypeRef::Any => "JSON".to_owned(),
            TypeRef::Nullable(inner) => format!("{} | None", self.annotation(inner)),
        }
    }

    /// The type as a run-time expression of a module-level alias: no PEP 604
    /// on 3.9, and aliases not yet defined (`later`) are quoted.
    fn runtime(&self, ty: &TypeRef, later: &[&str]) -> String {
        match ty {
            TypeRef::List(item) => format!("list[{}]", self.runtime(item, later)),
            TypeRef::Map(value) => format!("dict[str, {}]", self.runtime(value, later)),
            TypeRef::Nullable(inner) => format!("Optional[{}]", self.runtime(inner, later)),
            TypeRef::Named(name) if later.contains(&name.as_str()) => {
                json_string(&self.py(name))
            }
            _ => self.annotation(ty),
        }
    }

    /// An expression of type `Callable[[object, str], T]` decoding `ty`.
    fn decoder(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::String | TypeRef::DateTime => "_json.string".to_owned(),
            TypeRef::Bool => "_json.boolean".to_owned(),
            TypeRef::Int32 | TypeRef::Int64 => "_json.integer".to_owned(),
            TypeRef::Float64 => "_json.number".to_owned(),
            TypeRef::Literal(value) => format!("_json.literal({})", json_string(value)),
            TypeRef::List(item) => format!("_json.list_of({})", self.decoder(item)),
            TypeRef::Map(value) => format!("_json.dict_of({})", self.decoder(value)),
            TypeRef::Any => "_json.any_json".to_owned(),
            TypeRef::Nullable(inner) => format!("_json.nullable({})", self.decoder(inner)),
            TypeRef::Named(name) => match self.kind(name) {
                Some(TypeKind::Struct(_)) => format!("{}.from_dict", self.py(name)),
                Some(TypeKind::Enum(_)) => format!("_json.open_enum({})", self.py(name)),
                _ => self
                    .functions
                    .get(name)
                    .cloned()
                    .unwrap_or_else(|| "_json.any_json".to_owned()),
            },
        }
    }

    /// Whether values of `ty` already are JSON values (`str` subclasses included).
    fn is_plain(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                self.is_plain(inner)
            }
            TypeRef::Named(name) => match self.kind(name) {
                Some(TypeKind::Struct(_)) | None => false,
                Some(TypeKind::Enum(_)) => true,
                Some(TypeKind::Alias(inner)) => self.is_plain(inner),
                Some(TypeKind::Union(union)) => union.variants.iter().all(|v| self.is_plain(&v.ty)),
            },
            _ => true,
        }
    }

    /// An expression encoding `value` (of type `ty`) as JSON; `depth` keeps
    /// comprehension variables of nested lists and maps apart.
    fn encoder(&self, ty: &TypeRef, value: &str, depth: usize) -> String {
        if self.is_plain(ty) {
            return value.to_owned();
        }
        let suffix = if depth == 0 {
            String::new()
        } else {
            (depth + 1).to_string()
        };
        match ty {
            TypeRef::List(item) => {
                let var = format!("item{suffix}");
                format!("[{} for {var} in {value}]", self.encoder(item, &var, depth + 1))
            }
            TypeRef::Map(item) => {
                let (key, var) = (format!("key{suffix}"), format!("item{suffix}"));
                format!(
                    "{{{key}: {} for {key}, {var} in {value}.items()}}",
                    self.encoder(item, &var, depth + 1)
                )
            }
            TypeRef::Nullable(inner) => format!(
                "None if {value} is None else {}",
                self.encoder(inner, value, depth)
            ),
            TypeRef::Named(name) => match self.kind(name) {
                Some(TypeKind::Struct(_)) => format!("{value}.to_dict()"),
                Some(TypeKind::Union(union))
                    if union.variants.iter().all(|v| {
                        matches!(&v.ty, TypeRef::Named(n)
                            if matches!(self.kind(n), Some(TypeKind::Struct(_))))
                    }) =>
                {
                    format!("{value}.to_dict()")
                }
                _ => format!("_json.encode({value})"),
            },
            _ => value.to_owned(),
        }
    }
}

struct PyType {
    name: String,
    doc: String,
    /// The `def` line of `from_dict` (classes) or of the decode function (aliases).
    def_line: String,
    kind: PyKind,
}

enum PyKind {
    Class {
        /// In declaration order: fields without defaults first.
        fields: Vec<PyField>,
        /// Wire-name checks of fields that hold one fixed value (union tags).
        literals: Vec<PyField>,
        /// Fields `from_dict` passes to the constructor (all but the literals).
        decoded: Vec<PyField>,
        /// Fields `to_dict` always writes.
        always: Vec<PyField>,
        /// Fields `to_dict` writes only when set.
        when_set: Vec<PyField>,
        /// Whether blank lines separate the fields (when they have docstrings).
        spaced: bool,
    },
    Enum {
        members: Vec<PyEnumMember>,
        /// Whether blank lines separate the constants (when they have docstrings).
        spaced: bool,
    },
    TaggedUnion {
        alias: String,
        tag: String,
        variants: Vec<PyVariant>,
    },
    ShapeUnion {
        alias: String,
        variants: Vec<PyVariant>,
    },
    Alias {
        alias: String,
        decoder: String,
    },
}

#[derive(Clone)]
struct PyField {
    attr: String,
    wire: String,
    annotation: String,
    /// ` = None`, ` = "text"` or "".
    default: String,
    doc: String,
    /// The `from_dict` argument line(s), indented.
    decode: String,
    /// The `to_dict` line(s) writing the field, indented: a dict entry
    /// (always written) or an assignment (written when set).
    encode: String,
    /// The fixed value of a literal field, as a Python string literal.
    literal: String,
}

struct PyEnumMember {
    name: String,
    /// `Name.CONSTANT = Name("value")`.
    assign: String,
    doc: String,
}

struct PyVariant {
    /// The tag value (tagged) or JSON shape name (untagged), as a string literal.
    selector: String,
    decoder: String,
}

fn view_type(model: &Model, names: &Names, def: &TypeDef) -> PyType {
    let name = names.py(&def.name);
    let function = names
        .functions
        .get(&def.name)
        .cloned()
        .unwrap_or_default();
    // Aliases are emitted in model order after every class: quote the ones
    // defined after this one.
    let later: Vec<&str> = model
        .types
        .iter()
        .filter(|other| {
            other.name > def.name && matches!(other.kind, TypeKind::Union(_) | TypeKind::Alias(_))
        })
        .map(|other| other.name.as_str())
        .collect();
    let kind = match &def.kind {
        TypeKind::Struct(s) => view_struct(names, &s.fields),
        TypeKind::Enum(e) => {
            let mut used = Vec::new();
            let members: Vec<PyEnumMember> = e
                .values
                .iter()
                .map(|value| {
                    let constant = unique(constant_name(&value.value), &mut used);
                    PyEnumMember {
                        assign: wrap(
                            "",
                            &format!("{name}.{constant} = {name}"),
                            ('(', ')'),
                            &[json_string(&value.value)],
                            "",
                        ),
                        name: constant,
                        doc: docstring(value.description.as_deref(), false, "    "),
                    }
                })
                .collect();
            PyKind::Enum {
                spaced: members.iter().any(|m| !m.doc.is_empty()),
                members,
            }
        }
        TypeKind::Union(union) => {
            let members: Vec<String> = union
                .variants
                .iter()
                .map(|v| names.runtime(&v.ty, &later))
                .collect();
            let alias = match members.as_slice() {
                [single] => format!("{name} = {single}"),
                _ => wrap("", &format!("{name} = Union"), ('[', ']'), &members, ""),
            };
            let variants = union
                .variants
                .iter()
                .map(|variant| PyVariant {
                    selector: match &variant.tag {
                        Some(tag) => json_string(tag),
                        None => json_string(shape_name(model.shape_of(&variant.ty))),
                    },
                    decoder: names.decoder(&variant.ty),
                })
                .collect();
            match &union.discriminator {
                Some(tag) => PyKind::TaggedUnion {
                    alias,
                    tag: json_string(tag),
                    variants,
                },
                None => PyKind::ShapeUnion {
                    alias,
                    variants,
                },
            }
        }
        TypeKind::Alias(ty) => PyKind::Alias {
            alias: format!("{name} = {}", names.runtime(ty, &later)),
            decoder: names.decoder(ty),
        },
    };
    let doc = match kind {
        PyKind::Enum { .. } => Some(match &def.description {
            Some(text) => format!("{text}\n\n{OPEN_ENUM_NOTE}"),
            None => OPEN_ENUM_NOTE.to_owned(),
        }),
        _ => def.description.clone(),
    };
    let indent = match kind {
        PyKind::Class { .. } | PyKind::Enum { .. } => "    ",
        _ => "",
    };
    let def_line = match kind {
        PyKind::Class { .. } => wrap(
            "    ",
            "def from_dict",
            ('(', ')'),
            &["cls", "data: Any", "path: str = \"$\""].map(str::to_owned),
            &format!(" -> {name}:"),
        ),
        PyKind::Enum { .. } => String::new(),
        _ => wrap(
            "",
            &format!("def {function}"),
            ('(', ')'),
            &["value: object", "path: str = \"$\""].map(str::to_owned),
            &format!(" -> {name}:"),
        ),
    };
    PyType {
        doc: docstring(doc.as_deref(), def.deprecated, indent),
        def_line,
        name,
        kind,
    }
}

const OPEN_ENUM_NOTE: &str = "An open enum: the known values are class constants, and any other\n\
                              string is accepted and kept as is.";

/// What `models.py` needs from `typing`, so it imports nothing unused.
fn typing_imports(classes: &[PyType], aliases: &[PyType]) -> String {
    let mut text = String::new();
    for t in classes {
        match &t.kind {
            PyKind::Class { fields, .. } => {
                for f in fields {
                    text.push_str(&f.annotation);
                    text.push(' ');
                }
            }
            PyKind::Enum { .. } => text.push_str("ClassVar["),
            _ => {}
        }
    }
    for t in aliases {
        match &t.kind {
            PyKind::TaggedUnion { alias, .. }
            | PyKind::ShapeUnion { alias, .. }
            | PyKind::Alias { alias, .. } => text.push_str(alias),
            _ => {}
        }
    }
    let has_class = classes.iter().any(|t| matches!(t.kind, PyKind::Class { .. }));
    let mut names = if has_class { vec!["Any"] } else { vec![] };
    names.push("Callable");
    for name in ["ClassVar", "Literal"] {
        if text.contains(&format!("{name}[")) {
            names.push(name);
        }
    }
    for name in ["Optional", "Union"] {
        if text.contains(&format!("{name}[")) {
            names.push(name);
        }
    }
    names.join(", ")
}

fn view_struct(names: &Names, fields: &[Field]) -> PyKind {
    let mut used: Vec<String> = ["from_dict", "to_dict"].map(str::to_owned).to_vec();
    let views: Vec<(PyField, Slot)> = fields
        .iter()
        .map(|field| {
            let attr = unique(attribute_name(&field.wire_name), &mut used);
            let slot = match (&field.ty, field.required, field.nullable) {
                (TypeRef::Literal(value), true, false) => Slot::Literal(json_string(value)),
                (_, true, false) => Slot::Required,
                (_, true, true) => Slot::RequiredNullable,
                (_, false, _) => Slot::Optional,
            };
            let ty = match slot {
                Slot::RequiredNullable => TypeRef::Nullable(Box::new(field.ty.clone())),
                _ => field.ty.clone(),
            };
            let this = format!("self.{attr}");
            let view = PyField {
                annotation: match slot {
                    Slot::Optional => format!("{} | None", names.annotation(&field.ty)),
                    _ => names.annotation(&ty),
                },
                default: match &slot {
                    Slot::Literal(value) => format!(" = {value}"),
                    Slot::Optional => " = None".to_owned(),
                    _ => String::new(),
                },
                doc: docstring(field_doc(field).as_deref(), field.deprecated, "    "),
                decode: wrap(
                    "            ",
                    &format!(
                        "{attr}=_json.{}",
                        if slot == Slot::Optional { "optional" } else { "required" }
                    ),
                    ('(', ')'),
                    &[
                        "obj".to_owned(),
                        json_string(&field.wire_name),
                        names.decoder(&ty),
                        "path".to_owned(),
                    ],
                    ",",
                ),
                encode: {
                    let value = names.encoder(&ty, &this, 0);
                    let wire = json_string(&field.wire_name);
                    match slot {
                        Slot::Optional => {
                            wrap_value("            ", &format!("data[{wire}] = "), &value, "")
                        }
                        _ => wrap_value("            ", &format!("{wire}: "), &value, ","),
                    }
                },
                wire: json_string(&field.wire_name),
                literal: match &slot {
                    Slot::Literal(value) => value.clone(),
                    _ => String::new(),
                },
                attr,
            };
            (view, slot)
        })
        .collect();
    let mut declared: Vec<PyField> = views
        .iter()
        .filter(|(_, slot)| matches!(slot, Slot::Required | Slot::RequiredNullable))
        .map(|(view, _)| view.clone())
        .collect();
    declared.extend(
        views
            .iter()
            .filter(|(_, slot)| matches!(slot, Slot::Literal(_) | Slot::Optional))
            .map(|(view, _)| view.clone()),
    );
    let declared_without_literals: Vec<PyField> = declared
        .iter()
        .filter(|f| f.literal.is_empty())
        .cloned()
        .collect();
    let pick = |want: fn(&Slot) -> bool| -> Vec<PyField> {
        views
            .iter()
            .filter(|(_, slot)| want(slot))
            .map(|(view, _)| view.clone())
            .collect()
    };
    PyKind::Class {
        spaced: declared.iter().any(|f| !f.doc.is_empty()),
        fields: declared,
        literals: pick(|slot| matches!(slot, Slot::Literal(_))),
        decoded: declared_without_literals,
        always: pick(|slot| !matches!(slot, Slot::Optional)),
        when_set: pick(|slot| matches!(slot, Slot::Optional)),
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Slot {
    Required,
    RequiredNullable,
    /// A required field with one fixed value (a union tag): it defaults to it.
    Literal(String),
    Optional,
}

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if",
    "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
    "while", "with", "yield",
];

/// Builtins the annotations in a class body use: an attribute of that name
/// would shadow them there.
const ANNOTATION_BUILTINS: &[&str] = &["bool", "dict", "float", "int", "list", "str"];

/// A snake_case attribute for a wire name: `refId` → `ref_id`, `class` → `class_`.
fn attribute_name(wire: &str) -> String {
    let snake_already =
        is_ascii_identifier(wire) && !wire.starts_with('_') && !wire.contains(char::is_uppercase);
    let name = if snake_already {
        wire.to_owned()
    } else {
        ascii_words(wire).to_snake_case()
    };
    let name = match name.chars().next() {
        None => "field".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("n{name}"),
        Some(_) => name,
    };
    if KEYWORDS.contains(&name.as_str()) || ANNOTATION_BUILTINS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// A snake_case method name for a request type: `CreateOpenAiChat` → `create_open_ai_chat`.
fn member_name(type_name: &str) -> String {
    attribute_name(type_name)
}

/// An UPPER_SNAKE constant for an enum value: `chat.completion` → `CHAT_COMPLETION`.
fn constant_name(value: &str) -> String {
    let name = ascii_words(value).to_shouty_snake_case();
    match name.chars().next() {
        None => "EMPTY".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("V{name}"),
        Some(_) => name,
    }
}

/// The import package: `ai-server-client` → `ai_server_client`.
fn import_name(package: &str) -> String {
    let name = ascii_words(package).to_snake_case();
    match name.chars().next() {
        None => "api_client".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("pkg_{name}"),
        Some(_) if KEYWORDS.contains(&name.as_str()) => format!("{name}_"),
        Some(_) => name,
    }
}

/// The longest line the output aims for (ruff's and black's layout, at 100 columns).
const LINE_WIDTH: usize = 100;

/// `{head}(arg, …){tail}` at `indent`, laid out as ruff and black do: on one
/// line when it fits, else the arguments on one indented line, else one
/// argument a line with a trailing comma. `brackets` are `()` or `[]`.
fn wrap(indent: &str, head: &str, brackets: (char, char), args: &[String], tail: &str) -> String {
    let (open, close) = brackets;
    let joined = args.join(", ");
    let one_line = format!("{indent}{head}{open}{joined}{close}{tail}");
    if one_line.chars().count() <= LINE_WIDTH {
        return one_line;
    }
    let inner = format!("{indent}    ");
    if inner.chars().count() + joined.chars().count() <= LINE_WIDTH {
        return format!("{indent}{head}{open}\n{inner}{joined}\n{indent}{close}{tail}");
    }
    let mut out = format!("{indent}{head}{open}\n");
    for arg in args {
        out.push_str(&format!("{inner}{arg},\n"));
    }
    out.push_str(&format!("{indent}{close}{tail}"));
    out
}

/// `{prefix}{value}{suffix}` at `indent`; a comprehension too long for one
/// line gets its brackets split, as ruff and black do.
fn wrap_value(indent: &str, prefix: &str, value: &str, suffix: &str) -> String {
    let one_line = format!("{indent}{prefix}{value}{suffix}");
    let bracketed = (value.starts_with('[') && value.ends_with(']'))
        || (value.starts_with('{') && value.ends_with('}'));
    if one_line.chars().count() <= LINE_WIDTH || !bracketed {
        return one_line;
    }
    let (open, rest) = value.split_at(1);
    let (inner, close) = rest.split_at(rest.len() - 1);
    format!("{indent}{prefix}{open}\n{indent}    {inner}\n{indent}{close}{suffix}")
}

/// `text` as a docstring on a new line indented by `indent`, or "".
fn docstring(text: Option<&str>, deprecated: bool, indent: &str) -> String {
    let mut lines: Vec<String> = text
        .map(|t| {
            t.lines()
                .map(|line| line.trim_end().replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\""))
                .collect()
        })
        .unwrap_or_default();
    if deprecated {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push("Deprecated.".to_owned());
    }
    match lines.as_slice() {
        [] => String::new(),
        // A closing quote right before `"""` would end the string early.
        [single] if single.ends_with('"') => format!(
            "\n{indent}\"\"\"{}\\\"\"\"\"",
            &single[..single.len() - 1]
        ),
        [single] => format!("\n{indent}\"\"\"{single}\"\"\""),
        [first, rest @ ..] => {
            let mut out = format!("\n{indent}\"\"\"{first}\n");
            for line in rest {
                if !line.is_empty() {
                    out.push_str(indent);
                    out.push_str(line);
                }
                out.push('\n');
            }
            out.push_str(indent);
            out.push_str("\"\"\"");
            out
        }
    }
}

#[derive(Template)]
#[template(path = "python/models.py", escape = "none")]
struct ModelsFile<'a> {
    banner: &'a str,
    /// The names `models.py` imports from `typing`.
    typing_imports: String,
    title: &'a str,
    classes: Vec<PyType>,
    aliases: Vec<PyType>,
    /// (schema name as a string literal, decoder expression)
    decoders: Vec<(String, String)>,
}

struct Method {
    /// The `def` line, indented.
    def_line: String,
    doc: String,
    /// The `return self._send(…)` statement, indented.
    call: String,
    uses_json_helpers: bool,
}

#[derive(Template)]
#[template(path = "python/client.py", escape = "none")]
struct ClientFile<'a> {
    banner: &'a str,
    title: &'a str,
    class_name: String,
    error_status: String,
    has_response_status: bool,
    uses_json_helpers: bool,
    model_imports: Vec<String>,
    methods: Vec<Method>,
}

struct PackageFiles<'a> {
    dist_name: String,
    import_name: String,
    version: String,
    description: String,
    title: &'a str,
    client_class: &'a str,
    example: Option<String>,
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
}

#[derive(Template)]
#[template(path = "python/__init__.py", escape = "none")]
struct Init<'a> {
    banner: &'a str,
    title: &'a str,
    has_client: bool,
    /// `ApiError` and the client class, sorted.
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
    use super::*;

    #[test]
    fn names_follow_python_conventions() {
        assert_eq!(attribute_name("refId"), "ref_id");
        assert_eq!(attribute_name("class"), "class_");
        assert_eq!(attribute_name("str"), "str_");
        assert_eq!(attribute_name("$ref-like"), "ref_like");
        assert_eq!(attribute_name("123start"), "n123start");
        assert_eq!(attribute_name(""), "field");
        assert_eq!(constant_name("chat.completion"), "CHAT_COMPLETION");
        assert_eq!(constant_name("1st"), "V1ST");
        assert_eq!(constant_name(""), "EMPTY");
        assert_eq!(import_name("ai-server-client"), "ai_server_client");
        assert_eq!(member_name("CreateOpenAiChat"), "create_open_ai_chat");
    }

    #[test]
    fn docstrings_escape_quotes_and_backslashes() {
        assert_eq!(docstring(None, false, ""), "");
        assert_eq!(docstring(Some("Hi."), false, "  "), "\n  \"\"\"Hi.\"\"\"");
        assert_eq!(
            docstring(Some("a \"\"\" b\n\nc \\d \"q\""), true, ""),
            "\n\"\"\"a \\\"\\\"\\\" b\n\nc \\\\d \"q\"\n\nDeprecated.\n\"\"\""
        );
        assert_eq!(docstring(Some("ends \"q\""), false, ""), "\n\"\"\"ends \"q\\\"\"\"\"");
    }
}
