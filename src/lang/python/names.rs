//! Python names: types, attributes, constants and functions, escaped where
//! they would clash with keywords or with what the generated modules import;
//! and the type, decoder and encoder expressions built from them.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToShoutySnakeCase, ToSnakeCase};

use super::wrap::{atom, binary, call, prefixed, subscript, Expr};
use crate::lang::ident::{digit_safe, escaped_string, is_ascii_identifier, unique};
use crate::model::naming::ascii_words;
use crate::model::{Model, TypeKind, TypeRef};

/// Python names of the model's types and of the decode functions of unions
/// and aliases, escaped where they would clash with keywords or the names the
/// generated modules import.
pub(super) struct Names<'m> {
    model: &'m Model,
    types: BTreeMap<String, String>,
    pub functions: BTreeMap<String, String>,
}

/// Names the generated modules import, define or use next to the model's
/// types: a schema type of one of these names is renamed (`ValueError_`), so
/// that it never shadows what the generated code means by it.
const RESERVED_TYPE_NAMES: &[&str] = &[
    // Constants.
    "None",
    "True",
    "False",
    // typing and collections.abc names the modules import (and their near kin).
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
    "Generator",
    "NamedTuple",
    "NoReturn",
    "TypeVar",
    "TypeAlias",
    "TYPE_CHECKING",
    "T",
    "L",
    // Builtins the generated code calls or subclasses.
    "BaseException",
    "Exception",
    "ValueError",
    "TypeError",
    "OverflowError",
    "OSError",
    "TimeoutError",
    "bool",
    "bytes",
    "callable",
    "dict",
    "float",
    "frozenset",
    "getattr",
    "int",
    "isinstance",
    "len",
    "list",
    "min",
    "abs",
    "object",
    "range",
    "set",
    "str",
    "super",
    "tuple",
    "type",
    "cast",
    "dataclass",
    // What the package itself defines.
    "JSON",
    "DECODERS",
    "Decoder",
    "DecodeError",
    "ApiError",
    "ApiTimeoutError",
];

impl<'m> Names<'m> {
    pub fn new(model: &'m Model) -> Self {
        let mut used: BTreeSet<String> = RESERVED_TYPE_NAMES
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        let mut types = BTreeMap::new();
        for def in &model.types {
            let mut name = def.name.clone();
            if RESERVED_TYPE_NAMES.contains(&name.as_str()) {
                name.push('_');
            }
            types.insert(def.name.clone(), unique(name, &mut used));
        }
        let mut used_functions = BTreeSet::new();
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

    pub fn py(&self, name: &str) -> String {
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
    pub fn annotation(&self, ty: &TypeRef) -> Expr {
        match ty {
            TypeRef::String | TypeRef::DateTime => atom("str"),
            TypeRef::Bool => atom("bool"),
            TypeRef::Int32 | TypeRef::Int64 => atom("int"),
            TypeRef::Float64 => atom("float"),
            TypeRef::Literal(value) => subscript("Literal", vec![atom(python_string(value))]),
            TypeRef::List(item) => subscript("list", vec![self.annotation(item)]),
            TypeRef::Map(value) => subscript("dict", vec![atom("str"), self.annotation(value)]),
            TypeRef::Named(name) => atom(self.py(name)),
            TypeRef::Any => atom("JSON"),
            TypeRef::Nullable(inner) => or_none(self.annotation(inner)),
        }
    }

    /// The type as a run-time expression of the module-level alias for model
    /// type `current`: no PEP 604 on 3.9, and aliases not yet defined (itself
    /// included: `Step = Union[str, list["Step"]]`) are
    /// quoted (aliases are emitted in model order, after every class; the
    /// union and alias types are exactly those with a decode function).
    pub fn runtime(&self, ty: &TypeRef, current: &str) -> Expr {
        match ty {
            TypeRef::List(item) => subscript("list", vec![self.runtime(item, current)]),
            TypeRef::Map(value) => {
                subscript("dict", vec![atom("str"), self.runtime(value, current)])
            }
            TypeRef::Nullable(inner) => subscript("Optional", vec![self.runtime(inner, current)]),
            TypeRef::Named(name)
                if name.as_str() >= current && self.functions.contains_key(name) =>
            {
                atom(python_string(&self.py(name)))
            }
            _ => self.annotation(ty),
        }
    }

    /// An expression of type `Callable[[object, str], T]` decoding `ty`.
    pub fn decoder(&self, ty: &TypeRef) -> Expr {
        match ty {
            TypeRef::String | TypeRef::DateTime => atom("_json.string"),
            TypeRef::Bool => atom("_json.boolean"),
            TypeRef::Int32 => atom("_json.int32"),
            TypeRef::Int64 => atom("_json.int64"),
            TypeRef::Float64 => atom("_json.number"),
            // `literal("auto")` alone is a `Decoder[str]` to mypy.
            TypeRef::Literal(value) => call(
                "cast",
                vec![
                    subscript("_json.Decoder", vec![self.annotation(ty)]),
                    call("_json.literal", vec![atom(python_string(value))]),
                ],
            ),
            TypeRef::List(item) => call("_json.list_of", vec![self.decoder(item)]),
            TypeRef::Map(value) => call("_json.dict_of", vec![self.decoder(value)]),
            TypeRef::Any => atom("_json.any_json"),
            TypeRef::Nullable(inner) => call("_json.nullable", vec![self.decoder(inner)]),
            TypeRef::Named(name) => match self.kind(name) {
                Some(TypeKind::Struct(_)) => atom(format!("{}.from_dict", self.py(name))),
                Some(TypeKind::Enum(_)) => call("_json.open_enum", vec![atom(self.py(name))]),
                _ => atom(
                    self.functions
                        .get(name)
                        .cloned()
                        .unwrap_or_else(|| "_json.any_json".to_owned()),
                ),
            },
        }
    }

    /// The `_json.req_<kind>` / `opt_<kind>` helper decoding a property of
    /// type `ty` in one call, with the enum class it takes: scalars and enums.
    pub fn fast_decoder(&self, ty: &TypeRef) -> Option<(&'static str, Option<String>)> {
        match ty {
            TypeRef::String | TypeRef::DateTime => Some(("str", None)),
            TypeRef::Bool => Some(("bool", None)),
            TypeRef::Int32 => Some(("int32", None)),
            TypeRef::Int64 => Some(("int64", None)),
            TypeRef::Float64 => Some(("float", None)),
            TypeRef::Named(name) => match self.kind(name) {
                Some(TypeKind::Enum(_)) => Some(("enum", Some(self.py(name)))),
                _ => None,
            },
            _ => None,
        }
    }

    /// Whether values of `ty` already are JSON values (`str` subclasses included).
    fn is_plain(&self, ty: &TypeRef) -> bool {
        self.is_plain_within(ty, &mut Vec::new())
    }

    /// `is_plain` through named types not already being looked at: a type that
    /// contains itself is plain when everything else in it is.
    fn is_plain_within<'t>(&'t self, ty: &'t TypeRef, visiting: &mut Vec<&'t str>) -> bool {
        match ty {
            TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                self.is_plain_within(inner, visiting)
            }
            TypeRef::Named(name) => {
                if visiting.contains(&name.as_str()) {
                    return true;
                }
                visiting.push(name);
                let plain = match self.kind(name) {
                    Some(TypeKind::Struct(_)) | None => false,
                    Some(TypeKind::Enum(_)) => true,
                    Some(TypeKind::Alias(inner)) => self.is_plain_within(inner, visiting),
                    Some(TypeKind::Union(union)) => union
                        .variants
                        .iter()
                        .all(|v| self.is_plain_within(&v.ty, visiting)),
                };
                visiting.pop();
                plain
            }
            _ => true,
        }
    }

    /// An expression encoding `value` (of type `ty`) as JSON; `depth` keeps
    /// comprehension variables of nested lists and maps apart.
    pub fn encoder(&self, ty: &TypeRef, value: &str, depth: usize) -> Expr {
        if self.is_plain(ty) {
            return atom(value);
        }
        let suffix = if depth == 0 {
            String::new()
        } else {
            (depth + 1).to_string()
        };
        match ty {
            TypeRef::List(item) => {
                let var = format!("item{suffix}");
                Expr::Comprehension {
                    open: '[',
                    close: ']',
                    element: Box::new(self.encoder(item, &var, depth + 1)),
                    clauses: vec![format!("for {var} in {value}")],
                }
            }
            TypeRef::Map(item) => {
                let (key, var) = (format!("key{suffix}"), format!("item{suffix}"));
                Expr::Comprehension {
                    open: '{',
                    close: '}',
                    element: Box::new(prefixed(
                        format!("{key}: "),
                        self.encoder(item, &var, depth + 1),
                    )),
                    clauses: vec![format!("for {key}, {var} in {value}.items()")],
                }
            }
            // `encode` passes `None` through and walks lists and dicts.
            TypeRef::Nullable(_) => call("_json.encode", vec![atom(value)]),
            TypeRef::Named(name) => match self.kind(name) {
                Some(TypeKind::Struct(_)) => atom(format!("{value}.to_dict()")),
                Some(TypeKind::Union(union))
                    if union.variants.iter().all(|v| {
                        matches!(&v.ty, TypeRef::Named(n)
                            if matches!(self.kind(n), Some(TypeKind::Struct(_))))
                    }) =>
                {
                    atom(format!("{value}.to_dict()"))
                }
                _ => call("_json.encode", vec![atom(value)]),
            },
            _ => atom(value),
        }
    }
}

/// `T | None`, one `|` chain however deep the nullability.
fn or_none(inner: Expr) -> Expr {
    let mut operands = match inner {
        Expr::Binary { op: "|", operands } => operands,
        other => vec![other],
    };
    operands.push(atom("None"));
    binary("|", operands)
}

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Builtins the annotations in a class body use: an attribute of that name
/// would shadow them there.
const ANNOTATION_BUILTINS: &[&str] = &["bool", "dict", "float", "int", "list", "set", "str"];

/// A snake_case attribute for a wire name: `refId` → `ref_id`, `class` → `class_`.
pub(super) fn attribute_name(wire: &str) -> String {
    let snake_already =
        is_ascii_identifier(wire) && !wire.starts_with('_') && !wire.contains(char::is_uppercase);
    let name = if snake_already {
        wire.to_owned()
    } else {
        ascii_words(wire).to_snake_case()
    };
    let name = digit_safe(name, "n", "field");
    if KEYWORDS.contains(&name.as_str()) || ANNOTATION_BUILTINS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// A snake_case method name for a request type: `CreateOpenAiChat` → `create_open_ai_chat`.
pub(super) fn member_name(type_name: &str) -> String {
    attribute_name(type_name)
}

/// An UPPER_SNAKE constant for an enum value: `chat.completion` → `CHAT_COMPLETION`.
pub(super) fn constant_name(value: &str) -> String {
    let name = ascii_words(value).to_shouty_snake_case();
    digit_safe(name, "V", "EMPTY")
}

/// The import package: `ai-server-client` → `ai_server_client`.
pub(super) fn import_name(package: &str) -> String {
    let name = ascii_words(package).to_snake_case();
    match name.chars().next() {
        None => "api_client".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("pkg_{name}"),
        Some(_) if KEYWORDS.contains(&name.as_str()) => format!("{name}_"),
        Some(_) => name,
    }
}

/// A Python string literal quoted the way ruff and black format it: double
/// quotes, unless the text holds more double quotes than single ones.
pub fn python_string(text: &str) -> String {
    let quote = if text.matches('"').count() > text.matches('\'').count() {
        '\''
    } else {
        '"'
    };
    escaped_string(text, quote, &[], |c| match c {
        0..=0xff => format!("\\x{c:02x}"),
        _ => format!("\\u{c:04x}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_are_quoted_like_ruff() {
        assert_eq!(python_string("plain"), "\"plain\"");
        assert_eq!(python_string("a\"b"), "'a\"b'");
        assert_eq!(python_string("it's \"x\""), "'it\\'s \"x\"'");
        assert_eq!(python_string("c'd\n\u{1}"), "\"c'd\\n\\x01\"");
    }

    #[test]
    fn aliases_quote_themselves_and_builtin_names_are_renamed() {
        let schema = serde_json::json!({
            "title": "T",
            "$defs": {
                "Step": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"$ref": "#/$defs/Step"}}]},
                "ValueError": {"type": "object", "properties": {"x": {"type": "string"}}}
            },
            "type": "object",
            "properties": {"a": {"$ref": "#/$defs/Step"}, "b": {"$ref": "#/$defs/ValueError"}}
        });
        let model = crate::model::load(&schema).expect("the schema loads");
        let names = Names::new(&model);
        let step = TypeRef::Named("Step".to_owned());
        assert_eq!(
            names
                .runtime(&TypeRef::List(Box::new(step)), "Step")
                .to_string(),
            "list[\"Step\"]"
        );
        assert_eq!(names.py("ValueError"), "ValueError_");
    }

    #[test]
    fn names_follow_python_conventions() {
        assert_eq!(attribute_name("refId"), "ref_id");
        assert_eq!(attribute_name("class"), "class_");
        assert_eq!(attribute_name("str"), "str_");
        assert_eq!(attribute_name("set"), "set_");
        assert_eq!(attribute_name("$ref-like"), "ref_like");
        assert_eq!(attribute_name("123start"), "n123start");
        assert_eq!(attribute_name(""), "field");
        assert_eq!(constant_name("chat.completion"), "CHAT_COMPLETION");
        assert_eq!(constant_name("1st"), "V1ST");
        assert_eq!(constant_name(""), "EMPTY");
        assert_eq!(import_name("ai-server-client"), "ai_server_client");
        assert_eq!(member_name("CreateOpenAiChat"), "create_open_ai_chat");
    }
}
