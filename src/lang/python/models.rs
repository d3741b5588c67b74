//! The view of `models.py`: dataclasses, open enums, unions and aliases.

use askama::Template;

use super::layout::docstring;
use super::names::{attribute_name, constant_name, python_string, Names};
use super::wrap::{
    annotated, assign, assign_item, atom, binary, call, if_line, line, prefixed, return_line,
    signature, subscript, tuple, Expr,
};
use crate::lang::doc::field_doc;
use crate::lang::ident::{shape_name, unique, NameSet};
use crate::model::{Field, Model, TypeDef, TypeKind, TypeRef};

#[derive(Template)]
#[template(path = "python/models.py", escape = "none")]
pub(super) struct ModelsFile<'a> {
    banner: &'a str,
    /// The names `models.py` imports from `typing`.
    typing_imports: String,
    /// Whether an alias is declared with `TypeAlias`.
    type_alias: bool,
    /// Whether a dataclass is declared (`dataclass` and `field` imported).
    has_class: bool,
    /// Whether the module names `JSON` (imported only then).
    uses_json: bool,
    /// The title as docstring text.
    title: String,
    classes: Vec<PyType>,
    aliases: Vec<PyType>,
    /// The `DECODERS` entries: `"Name": decoder,` lines, indented.
    decoders: Vec<String>,
}

impl<'a> ModelsFile<'a> {
    pub fn new(model: &'a Model, names: &Names, banner: &'a str) -> Self {
        // Classes first (their annotations are lazy, so order among them is
        // free); then aliases, which Python evaluates at import time.
        let mut classes = Vec::new();
        let mut aliases = Vec::new();
        for def in &model.types {
            let view = view_type(model, names, def);
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
                let decoder = names.decoder(&TypeRef::Named(def.name.clone()));
                let entry = prefixed(format!("{}: ", python_string(&def.name)), decoder);
                line(4, "", &entry, ",")
            })
            .collect();
        let annotations = annotation_text(&classes, &aliases);
        let has_class = classes
            .iter()
            .any(|t| matches!(t.kind, PyKind::Class { .. }));
        let typing_imports = typing_imports(&annotations, has_class);
        Self {
            banner,
            has_class,
            uses_json: has_class || mentions(&annotations, "JSON"),
            type_alias: typing_imports.starts_with("TYPE_CHECKING"),
            typing_imports,
            title: super::layout::doc_text(&model.package.title),
            classes,
            aliases,
            decoders,
        }
    }
}

struct PyType {
    name: String,
    /// The `class` line (classes and enums).
    class_line: String,
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
        /// The attribute keeping the properties the schema does not know.
        extra: String,
        /// `_known = {…}`: the wire names `from_dict` does not put in `extra`,
        /// indented; "" for a struct without fields.
        known: String,
        /// What `from_dict` passes to `_json.rest` as the known names.
        known_ref: String,
    },
    Enum {
        members: Vec<PyEnumMember>,
        /// Whether blank lines separate the constants (when they have docstrings).
        spaced: bool,
    },
    TaggedUnion {
        alias: String,
        /// `tag = _json.tag(…)`, indented.
        read_tag: String,
        /// `_json.unknown_tag(…)`, indented.
        unknown: String,
        variants: Vec<PyVariant>,
    },
    ShapeUnion {
        alias: String,
        /// `variants: … = [ … ]`, indented.
        list: String,
        /// `return _json.by_shape(…)`, indented.
        ret: String,
    },
    Alias {
        alias: String,
        /// `return decoder(value, path)`, indented.
        ret: String,
    },
}

#[derive(Clone)]
struct PyField {
    annotation: String,
    doc: String,
    /// The declaration in the class body (`attr: T = default`), indented.
    declare: String,
    /// The `from_dict` argument line(s), indented.
    decode: String,
    /// `_json.expect(…)` for a literal field, indented.
    expect: String,
    /// `if self.attr is not None:`, indented.
    is_set: String,
    /// The `to_dict` line(s) writing the field, indented: a dict entry
    /// (always written) or an assignment (written when set).
    encode: String,
}

struct PyEnumMember {
    /// `NAME: ClassVar[Enum]`, indented.
    declare: String,
    /// `Name.CONSTANT = Name("value")`.
    assign: String,
    doc: String,
}

struct PyVariant {
    /// `if tag == "value":`, indented.
    when: String,
    /// `return decoder(value, path)`, indented.
    then: String,
}

/// `Name = value`; a bare forward reference (`"Later"`, the alias of an alias
/// defined further down) is a plain string to a type checker unless it is
/// declared a `TypeAlias`.
fn alias_line(name: &str, value: &Expr) -> String {
    match value {
        Expr::Atom(text) if text.starts_with(['"', '\'']) => {
            annotated(0, name, &atom("TypeAlias"), Some(value))
        }
        _ => assign(0, name, value),
    }
}

fn view_type(model: &Model, names: &Names, def: &TypeDef) -> PyType {
    let name = names.py(&def.name);
    let function = names.functions.get(&def.name).cloned().unwrap_or_default();
    let kind = match &def.kind {
        TypeKind::Struct(s) => view_struct(names, &s.fields),
        TypeKind::Enum(e) => {
            let mut used = NameSet::default();
            let members: Vec<PyEnumMember> = e
                .values
                .iter()
                .map(|value| {
                    let constant = unique(constant_name(&value.value), &mut used);
                    PyEnumMember {
                        assign: assign(
                            0,
                            &format!("{name}.{constant}"),
                            &call(name.as_str(), vec![atom(python_string(&value.value))]),
                        ),
                        declare: annotated(
                            4,
                            &constant,
                            &subscript("ClassVar", vec![atom(name.as_str())]),
                            None,
                        ),
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
            // Branches that are one Python type (`date-time` and `string`)
            // appear once: a type checker rejects duplicate `Union` members.
            // Literal branches join into one `Literal[…]` where the first is
            // (ruff's PYI030).
            let mut members: Vec<Expr> = Vec::new();
            let mut literals: Vec<Expr> = Vec::new();
            let mut literal_at = None;
            for variant in &union.variants {
                if let TypeRef::Literal(value) = &variant.ty {
                    literal_at.get_or_insert(members.len());
                    literals.push(atom(python_string(value)));
                    continue;
                }
                let member = names.runtime(&variant.ty, &def.name);
                if !members.contains(&member) {
                    members.push(member);
                }
            }
            if let Some(at) = literal_at {
                literals.dedup();
                members.insert(at, subscript("Literal", literals));
            }
            let alias = match members.as_slice() {
                [single] => alias_line(&name, single),
                _ => assign(0, &name, &subscript("Union", members)),
            };
            let value_path = || vec![atom("value"), atom("path")];
            let variants = union.variants.iter().map(|variant| {
                let selector = atom(match &variant.tag {
                    Some(tag) => python_string(tag),
                    None => python_string(shape_name(model.shape_of(&variant.ty))),
                });
                (selector, names.decoder(&variant.ty))
            });
            let type_name = atom(python_string(&name));
            match &union.discriminator {
                Some(tag) => {
                    let tag = atom(python_string(tag));
                    PyKind::TaggedUnion {
                        alias,
                        read_tag: assign(
                            4,
                            "tag",
                            &call("_json.tag", vec![atom("value"), tag.clone(), atom("path")]),
                        ),
                        unknown: line(
                            4,
                            "",
                            &call(
                                "_json.unknown_tag",
                                vec![atom("path"), tag, atom("tag"), type_name],
                            ),
                            "",
                        ),
                        variants: variants
                            .map(|(selector, decoder)| PyVariant {
                                when: if_line(4, &binary("==", vec![atom("tag"), selector])),
                                then: return_line(8, &call(decoder, value_path())),
                            })
                            .collect(),
                    }
                }
                None => {
                    let items = variants
                        .map(|(selector, decoder)| tuple(vec![selector, decoder]))
                        .collect();
                    let annotation = subscript(
                        "list",
                        vec![subscript(
                            "tuple",
                            vec![
                                atom("str"),
                                subscript("_json.Decoder", vec![atom(name.as_str())]),
                            ],
                        )],
                    );
                    let list = Expr::Collection {
                        open: '[',
                        close: ']',
                        items,
                        broken: true,
                    };
                    PyKind::ShapeUnion {
                        alias,
                        list: annotated(4, "variants", &annotation, Some(&list)),
                        ret: return_line(
                            4,
                            &call(
                                "_json.by_shape",
                                vec![atom("value"), atom("path"), type_name, atom("variants")],
                            ),
                        ),
                    }
                }
            }
        }
        TypeKind::Alias(ty) => PyKind::Alias {
            alias: alias_line(&name, &names.runtime(ty, &def.name)),
            ret: return_line(
                4,
                &call(names.decoder(ty), vec![atom("value"), atom("path")]),
            ),
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
        PyKind::Class { .. } => signature(
            4,
            "from_dict",
            &["cls", "data: Any", "path: str = \"$\""].map(atom),
            &atom(name.as_str()),
        ),
        PyKind::Enum { .. } => String::new(),
        _ => signature(
            0,
            &function,
            &["value: object", "path: str = \"$\""].map(atom),
            &atom(name.as_str()),
        ),
    };
    let class_line = match kind {
        PyKind::Enum { .. } => super::wrap::class(0, &name, &[atom("str")]),
        _ => super::wrap::class(0, &name, &[]),
    };
    PyType {
        class_line,
        doc: docstring(doc.as_deref(), def.deprecated, indent),
        def_line,
        name,
        kind,
    }
}

const OPEN_ENUM_NOTE: &str = "An open enum: the known values are class constants, and any other\n\
                              string is accepted and kept as is.";

/// What marks an alias declared with `TypeAlias` (imported from
/// `typing_extensions` for type checkers only: `typing` has it from 3.10).
const TYPE_ALIAS: &str = ": TypeAlias = ";

/// The annotations and decode lines of every type: what the imports are
/// chosen from.
fn annotation_text(classes: &[PyType], aliases: &[PyType]) -> String {
    let mut text = String::new();
    for t in classes {
        match &t.kind {
            PyKind::Class { fields, known, .. } => {
                text.push_str(known);
                for f in fields {
                    text.push_str(&f.annotation);
                    text.push(' ');
                    // A literal field is checked by `expect`, not decoded.
                    if f.expect.is_empty() {
                        text.push_str(&f.decode);
                    }
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
        if let PyKind::Alias { ret, .. } = &t.kind {
            text.push_str(ret);
        }
        match &t.kind {
            PyKind::TaggedUnion { variants, .. } => {
                for variant in variants {
                    text.push_str(&variant.then);
                }
            }
            PyKind::ShapeUnion { list, .. } => text.push_str(list),
            _ => {}
        }
    }
    text
}

/// Whether `text` uses the identifier `name` (not as part of a longer one).
fn mentions(text: &str, name: &str) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(name)
        .any(|(at, _)| !text[..at].ends_with(word) && !text[at + name.len()..].starts_with(word))
}

/// What `models.py` needs from `typing`, so it imports nothing unused.
fn typing_imports(text: &str, has_class: bool) -> String {
    let mut names = if text.contains(TYPE_ALIAS) {
        vec!["TYPE_CHECKING"]
    } else {
        vec![]
    };
    if has_class {
        names.push("Any");
    }
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
    if text.contains("cast(") {
        names.push("cast");
    }
    names.join(", ")
}

fn view_struct(names: &Names, fields: &[Field]) -> PyKind {
    // `extra` is taken first, so that every class spells its catch-all the
    // same way; a schema property named `extra` gets another name (`extra2`).
    let mut used: NameSet = [EXTRA, "from_dict", "to_dict"].into_iter().collect();
    let views: Vec<(PyField, Slot)> = fields
        .iter()
        .map(|field| {
            let attr = unique(attribute_name(&field.wire_name), &mut used);
            let slot = match (&field.ty, field.required, field.nullable) {
                (TypeRef::Literal(value), true, false) => Slot::Literal(python_string(value)),
                (_, true, false) => Slot::Required,
                (_, true, true) => Slot::RequiredNullable,
                (_, false, _) => Slot::Optional,
            };
            let ty = match slot {
                Slot::RequiredNullable => TypeRef::Nullable(Box::new(field.ty.clone())),
                _ => field.ty.clone(),
            };
            let this = format!("self.{attr}");
            let annotation = match slot {
                Slot::Optional => binary("|", vec![names.annotation(&field.ty), atom("None")]),
                _ => names.annotation(&ty),
            };
            let default = match &slot {
                Slot::Literal(value) => Some(atom(value.as_str())),
                Slot::Optional => Some(atom("None")),
                _ => None,
            };
            let wire = python_string(&field.wire_name);
            let view = PyField {
                declare: annotated(4, &attr, &annotation, default.as_ref()),
                annotation: annotation.to_string(),
                doc: docstring(field_doc(field).as_deref(), field.deprecated, "    "),
                decode: {
                    let prefix = if slot == Slot::Optional { "opt" } else { "req" };
                    let wire = atom(wire.as_str());
                    // Scalars and enums through one specialised helper (the
                    // common case stays one call); anything else through a decoder.
                    let (helper, args) = match names.fast_decoder(&ty) {
                        Some((kind, None)) => {
                            (format!("{prefix}_{kind}"), vec![wire, atom("path")])
                        }
                        Some((kind, Some(class))) => (
                            format!("{prefix}_{kind}"),
                            vec![wire, atom(class), atom("path")],
                        ),
                        None => (
                            if slot == Slot::Optional {
                                "optional"
                            } else {
                                "required"
                            }
                            .to_owned(),
                            vec![wire, names.decoder(&ty), atom("path")],
                        ),
                    };
                    let mut all = vec![atom("obj")];
                    all.extend(args);
                    let argument =
                        prefixed(format!("{attr}="), call(format!("_json.{helper}"), all));
                    line(12, "", &argument, ",")
                },
                encode: {
                    let value = names.encoder(&ty, &this, 0);
                    match slot {
                        Slot::Optional => {
                            assign_item(12, &subscript("data", vec![atom(wire.as_str())]), &value)
                        }
                        _ => line(12, "", &prefixed(format!("{wire}: "), value), ","),
                    }
                },
                expect: match &slot {
                    Slot::Literal(value) => line(
                        8,
                        "",
                        &call(
                            "_json.expect",
                            vec![
                                atom("obj"),
                                atom(wire.as_str()),
                                atom(value.as_str()),
                                atom("path"),
                            ],
                        ),
                        "",
                    ),
                    _ => String::new(),
                },
                is_set: if_line(
                    8,
                    &binary("is not", vec![atom(this.as_str()), atom("None")]),
                ),
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
        .filter(|f| f.expect.is_empty())
        .cloned()
        .collect();
    let pick = |want: fn(&Slot) -> bool| -> Vec<PyField> {
        views
            .iter()
            .filter(|(_, slot)| want(slot))
            .map(|(view, _)| view.clone())
            .collect()
    };
    let wires: Vec<String> = fields.iter().map(|f| python_string(&f.wire_name)).collect();
    let (known, known_ref) = if wires.is_empty() {
        (String::new(), "frozenset()".to_owned())
    } else {
        let annotation = subscript("ClassVar", vec![subscript("set", vec![atom("str")])]);
        let set = Expr::Collection {
            open: '{',
            close: '}',
            items: wires.into_iter().map(atom).collect(),
            broken: false,
        };
        (
            annotated(4, "_known", &annotation, Some(&set)),
            "cls._known".to_owned(),
        )
    };
    PyKind::Class {
        extra: EXTRA.to_owned(),
        known,
        known_ref,
        spaced: declared.iter().any(|f| !f.doc.is_empty()),
        fields: declared,
        literals: pick(|slot| matches!(slot, Slot::Literal(_))),
        decoded: declared_without_literals,
        always: pick(|slot| !matches!(slot, Slot::Optional)),
        when_set: pick(|slot| matches!(slot, Slot::Optional)),
    }
}

/// The attribute of every class that keeps the properties the schema does not know.
const EXTRA: &str = "extra";

#[derive(Debug, Clone, PartialEq)]
enum Slot {
    Required,
    RequiredNullable,
    /// A required field with one fixed value (a union tag): it defaults to it.
    Literal(String),
    Optional,
}
