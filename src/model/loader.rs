//! JSON Schema (draft 4 to 2020-12, and OpenAPI's schema dialect) → [`Model`].
//!
//! What the model can say is typed; what it cannot becomes free JSON with a
//! warning naming the JSON pointer, so a real-world schema always generates
//! (`--strict` turns the warnings into errors). Validation-only keywords are
//! not types: they are ignored, and their meaning goes into doc comments.

mod constraints;
mod documents;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::Path;

use heck::ToKebabCase;
use serde_json::{json, Map, Value};

use self::constraints::documentation;
pub(super) use self::documents::Documents;
use self::documents::{display, Target};
use super::naming::{pointer_segment, type_name};
use super::*;

/// A schema the loader could not turn into a model, or (as a [`Warning`]) a
/// part of one it typed as free JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// JSON pointer (RFC 6901) into the schema document, prefixed with
    /// `file#` for another file a `$ref` named.
    pub pointer: String,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "(document root)"
        } else {
            &self.pointer
        };
        write!(f, "at {pointer}: {}", self.message)
    }
}

impl std::error::Error for LoadError {}

/// Something the loader typed as free JSON because the model cannot say it.
pub type Warning = LoadError;

/// A model and what was degraded to build it.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub model: Model,
    /// Sorted by pointer, one per place.
    pub warnings: Vec<Warning>,
}

type Result<T> = std::result::Result<T, LoadError>;

fn error<T>(pointer: &str, message: impl Into<String>) -> Result<T> {
    Err(LoadError {
        pointer: pointer.to_owned(),
        message: message.into(),
    })
}

/// How deep the loader may recurse: schemas chain `$ref`s and `allOf`s a
/// thousand deep, which takes far more than a default thread stack.
const LOADER_STACK_BYTES: usize = 256 * 1024 * 1024;

/// `allOf` copies every part's fields into the merged type, so a chain of
/// n types each extending the next copies n²/2 fields. The copies stop at
/// this many (or 8 per declared property, if more), with a warning: beyond
/// it the inherited properties stay extra properties, kept on the wire.
const MIN_COPIED_FIELDS: usize = 10_000;
const COPIED_FIELDS_PER_PROPERTY: usize = 8;

/// How many `$ref` hops the loader follows to tell what a schema is.
const MAX_HOPS: usize = 64;

/// Loads a JSON Schema document into the model, dropping warnings (on a
/// thread with a large stack, so deep reference chains cannot overflow the caller's).
pub fn load(document: &Value) -> Result<Model> {
    load_with_warnings(document, None).map(|loaded| loaded.model)
}

/// Loads a JSON Schema document read from `file` (relative `$ref`s to other
/// files resolve from its folder; `None` refuses them), with the warnings.
pub fn load_with_warnings(document: &Value, file: Option<&Path>) -> Result<Loaded> {
    on_loader_stack(|| {
        let documents = Documents::new(document.clone(), file)?;
        load_here(&documents)
    })
}

/// Runs `work` on a thread with the loader's large stack.
pub(super) fn on_loader_stack<T: Send>(work: impl FnOnce() -> Result<T> + Send) -> Result<T> {
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("dtogen-loader".into())
            .stack_size(LOADER_STACK_BYTES)
            .spawn_scoped(scope, work);
        match worker.map(|handle| handle.join()) {
            Ok(Ok(result)) => result,
            _ => error("", "the schema loader could not run its worker thread"),
        }
    })
}

fn load_here(documents: &Documents) -> Result<Loaded> {
    let document = documents.main();
    let Value::Object(root) = document else {
        return error("", "a schema document must be a JSON object");
    };
    let mut loader = Loader::new(documents);
    let defs = loader.register_defs(root)?;
    let root_type = loader.register_root(root)?;
    for (pointer, name, schema) in &defs {
        loader.define(name, schema, pointer)?;
    }
    if let Some(name) = &root_type {
        loader.define(name, document, "")?;
    }
    let operations = loader.operations(&defs)?;
    let (types, warnings) = loader.finish();
    Ok(Loaded {
        model: Model {
            package: package(root)?,
            types,
            operations,
            base_url: None,
        },
        warnings,
    })
}

/// Settles aliases of aliases. One that leads back to itself through aliases
/// only (`A = A`, `A = B`, `B = A`) names no JSON at all; no language can
/// declare it, so each such alias becomes free JSON. (`A = A[]` is a real
/// recursive type.) A chain (`A = B`, `B = C`, `C = string`) points each alias
/// at the chain's end (`A = string`), so backends that follow aliases never
/// walk a thousand-long chain once per alias. Linear: each alias has one target.
fn settle_aliases(types: &mut BTreeMap<String, TypeDef>) {
    /// The alias's target name, and whether the alias adds `null` to it.
    fn edge(kind: &TypeKind) -> Option<(&str, bool)> {
        match kind {
            TypeKind::Alias(TypeRef::Named(next)) => Some((next, false)),
            TypeKind::Alias(TypeRef::Nullable(inner)) => match inner.as_ref() {
                TypeRef::Named(next) => Some((next, true)),
                _ => None,
            },
            _ => None,
        }
    }
    fn or_null(ty: TypeRef) -> TypeRef {
        match ty {
            TypeRef::Nullable(_) | TypeRef::Any => ty,
            other => TypeRef::Nullable(Box::new(other)),
        }
    }
    // What each alias finally stands for.
    let mut settled: HashMap<String, TypeRef> = HashMap::new();
    let names: Vec<String> = types.keys().cloned().collect();
    for name in names {
        let mut path: Vec<(String, bool)> = Vec::new();
        let mut on_path: HashSet<String> = HashSet::new();
        let mut current = name;
        // What the last alias on the path points at stands for.
        let mut end = loop {
            if let Some(done) = settled.get(&current) {
                break done.clone();
            }
            if !on_path.insert(current.clone()) {
                // A cycle of aliases: each one on it is free JSON.
                let start = path.iter().position(|(n, _)| *n == current).unwrap_or(0);
                for (member, _) in path.drain(start..) {
                    settled.insert(member, TypeRef::Any);
                }
                break TypeRef::Any;
            }
            match types.get(&current).map(|def| (&def.kind, edge(&def.kind))) {
                Some((_, Some((target, nullable)))) => {
                    path.push((current.clone(), nullable));
                    current = target.to_owned();
                }
                Some((TypeKind::Alias(ty), None)) => {
                    settled.insert(current.clone(), ty.clone());
                    break ty.clone();
                }
                // A struct, enum or union (or an unknown name) is its own name.
                _ => break TypeRef::Named(current.clone()),
            }
        };
        for (member, nullable) in path.into_iter().rev() {
            if nullable {
                end = or_null(end);
            }
            settled.insert(member, end.clone());
        }
    }
    for (name, ty) in settled {
        if let Some(def) = types.get_mut(&name) {
            def.kind = TypeKind::Alias(ty);
        }
    }
}

pub(super) fn package(root: &Map<String, Value>) -> Result<Package> {
    let title = root
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or("Api")
        .to_owned();
    let meta = root.get("x-package");
    let meta_str = |key: &str| meta.and_then(|m| m.get(key)).and_then(Value::as_str);
    let authors = meta
        .and_then(|m| m.get("authors"))
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    // `x-package.<language>` objects of string settings, e.g. {"java": {"group_id": "com.acme"}}.
    let languages = meta
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(language, settings)| {
                    let settings: BTreeMap<String, String> = settings
                        .as_object()?
                        .iter()
                        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                        .collect();
                    Some((language.clone(), settings))
                })
                .collect()
        })
        .unwrap_or_default();
    if let Some(version) = meta.and_then(|m| m.get("version")) {
        if !version.is_string() {
            return error(
                "/x-package/version",
                "the version must be a string, e.g. \"1.2.3\"",
            );
        }
    }
    let package = Package {
        name: meta_str("name")
            .map(str::to_owned)
            .unwrap_or_else(|| title.to_kebab_case()),
        version: meta_str("version").unwrap_or("0.1.0").to_owned(),
        description: meta_str("description")
            .map(str::to_owned)
            .or_else(|| description(root)),
        license: meta_str("license").map(str::to_owned),
        authors,
        repository: meta_str("repository").map(str::to_owned),
        homepage: meta_str("homepage").map(str::to_owned),
        languages,
        title,
    };
    // Every manifest carries these; a value its registry refuses stops here.
    if let Err(bad) = package.validate() {
        return error(&format!("/x-package/{}", bad.key), bad.message);
    }
    Ok(package)
}

pub(super) fn description(schema: &Map<String, Value>) -> Option<String> {
    schema
        .get("description")
        .and_then(Value::as_str)
        .map(|text| text.trim().to_owned())
        .filter(|text| !text.is_empty())
}

pub(super) fn deprecated(schema: &Map<String, Value>) -> bool {
    schema.get("deprecated").and_then(Value::as_bool) == Some(true)
}

/// A type reference plus whether `null` is also allowed.
#[derive(Clone)]
pub(super) struct Resolved {
    pub(super) ty: TypeRef,
    pub(super) nullable: bool,
}

/// What a schema is, before it gets a name.
enum Shaped {
    Ref(TypeRef),
    Struct(Struct),
    Enum(Enum),
    Union(Union),
}

impl Shaped {
    /// The kind of a named type with this shape (a bare reference names an alias).
    fn into_kind(self) -> TypeKind {
        match self {
            Shaped::Ref(ty) => TypeKind::Alias(ty),
            Shaped::Struct(s) => TypeKind::Struct(s),
            Shaped::Enum(e) => TypeKind::Enum(e),
            Shaped::Union(u) => TypeKind::Union(u),
        }
    }
}

/// What an `allOf` part contributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Properties: merged into the object.
    Object,
    /// A type that is not an object (a string enum, `type: integer`).
    Typed,
    /// Only constraints or annotations (`minimum`, `maxLength`, `description`).
    Constraint,
}

/// The keywords that say "this is an object with these members".
const OBJECT_KEYWORDS: &[&str] = &[
    "properties",
    "additionalProperties",
    "patternProperties",
    "required",
    "propertyNames",
];

/// The keywords that make a schema a reference.
const REFERENCE_KEYWORDS: &[&str] = &["$ref", "$recursiveRef", "$dynamicRef"];

pub(super) struct Loader<'a> {
    docs: &'a Documents,
    /// Location of a named schema → its type name.
    def_names: HashMap<String, String>,
    taken: HashSet<String>,
    types: BTreeMap<String, TypeDef>,
    /// The fields an `allOf` part referenced by location contributes, computed
    /// once (a 1,000-deep `allOf` chain stays linear in the fields it copies).
    part_fields: HashMap<String, Vec<Field>>,
    /// `allOf` parts being expanded: one met again is a cycle and adds nothing new.
    expanding: HashSet<String>,
    /// How many more fields `allOf` merges may copy from referenced parts.
    copy_budget: usize,
    /// Whether the schema at a location admits `null` (through its references).
    nullable_at: HashMap<String, bool>,
    /// Whether the copy at each `allOf` reference was granted, decided once
    /// (a part merged both into its referrer and into its own type counts once).
    copies: HashMap<String, bool>,
    /// Pointer → what was typed as free JSON there (the first message wins).
    warnings: BTreeMap<String, String>,
}

impl<'a> Loader<'a> {
    pub(super) fn new(docs: &'a Documents) -> Self {
        Loader {
            docs,
            def_names: HashMap::new(),
            taken: HashSet::new(),
            types: BTreeMap::new(),
            part_fields: HashMap::new(),
            expanding: HashSet::new(),
            copy_budget: MIN_COPIED_FIELDS
                .max(COPIED_FIELDS_PER_PROPERTY * docs.declared_properties),
            copies: HashMap::new(),
            nullable_at: HashMap::new(),
            warnings: BTreeMap::new(),
        }
    }

    /// The named types, sorted by name, and the warnings (sorted by pointer),
    /// once everything is defined.
    pub(super) fn finish(self) -> (Vec<TypeDef>, Vec<LoadError>) {
        let mut types = self.types;
        settle_aliases(&mut types);
        let warnings = self
            .warnings
            .into_iter()
            .map(|(pointer, message)| LoadError { pointer, message })
            .collect();
        (types.into_values().collect(), warnings)
    }

    fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        self.warnings
            .entry(pointer.to_owned())
            .or_insert_with(|| message.into());
    }

    /// Names every `$defs` / `definitions` entry up front so references resolve
    /// regardless of order (and recursion works).
    pub(super) fn register_defs(
        &mut self,
        root: &'a Map<String, Value>,
    ) -> Result<Vec<(String, String, &'a Value)>> {
        let mut defs = Vec::new();
        let mut pointers_by_name: HashMap<String, String> = HashMap::new();
        let components = root.get("components").and_then(|c| c.get("schemas"));
        let containers = [
            ("/$defs", root.get("$defs")),
            ("/definitions", root.get("definitions")),
            ("/components/schemas", components),
        ];
        for (container, entries) in containers {
            let Some(entries) = entries else {
                continue;
            };
            let Value::Object(entries) = entries else {
                return error(container, "must be an object of schemas");
            };
            for (key, schema) in entries {
                let pointer = format!("{container}/{}", pointer_segment(key));
                let base = type_name(key);
                let name = self.unique_name(&base);
                if name != base {
                    if let Some(other) = pointers_by_name.get(&base) {
                        let message = format!(
                            "type name `{base}` collides with the one derived from {other}; named `{name}`"
                        );
                        self.warn(&pointer, message);
                    }
                }
                pointers_by_name.insert(name.clone(), pointer.clone());
                pointers_by_name
                    .entry(base)
                    .or_insert_with(|| pointer.clone());
                self.def_names.insert(pointer.clone(), name.clone());
                defs.push((pointer, name, schema));
            }
        }
        Ok(defs)
    }

    /// A root that is itself a type (not only a `$defs` container) gets a name too.
    fn register_root(&mut self, root: &Map<String, Value>) -> Result<Option<String>> {
        let is_type = [
            "type",
            "properties",
            "oneOf",
            "anyOf",
            "allOf",
            "enum",
            "const",
            "items",
            "prefixItems",
            "$ref",
            "$recursiveRef",
            "$dynamicRef",
        ]
        .iter()
        .any(|keyword| root.contains_key(*keyword));
        if !is_type {
            return Ok(None);
        }
        let base = root
            .get("title")
            .and_then(Value::as_str)
            .map(type_name)
            .unwrap_or_else(|| "Root".to_owned());
        let name = self.unique_name(&base);
        self.def_names.insert(String::new(), name.clone());
        Ok(Some(name))
    }

    pub(super) fn unique_name(&mut self, base: &str) -> String {
        let mut name = base.to_owned();
        let mut counter = 2;
        while self.taken.contains(&name) {
            name = format!("{base}{counter}");
            counter += 1;
        }
        self.taken.insert(name.clone());
        name
    }

    /// Defines the named type `name` from `schema`.
    pub(super) fn define(&mut self, name: &str, schema: &Value, pointer: &str) -> Result<()> {
        let kind = self.shape(schema, pointer, name)?.0.into_kind();
        self.add_type(name.to_owned(), schema, kind);
        Ok(())
    }

    /// A type reference for `schema` in a field, item or variant position;
    /// inline structs, enums and unions become named types called `hint`.
    pub(super) fn resolve(
        &mut self,
        schema: &Value,
        pointer: &str,
        hint: &str,
    ) -> Result<Resolved> {
        let (shaped, nullable) = self.shape(schema, pointer, hint)?;
        let ty = self.named(shaped, schema, hint);
        Ok(Resolved { ty, nullable })
    }

    /// A reference to `shaped`, naming it `hint` unless it already is one.
    fn named(&mut self, shaped: Shaped, schema: &Value, hint: &str) -> TypeRef {
        match shaped {
            Shaped::Ref(ty) => ty,
            other => {
                let name = self.unique_name(hint);
                self.add_type(name.clone(), schema, other.into_kind());
                TypeRef::Named(name)
            }
        }
    }

    /// Adds a type built outside a schema (an OpenAPI operation's request).
    pub(super) fn insert_type(&mut self, def: TypeDef) {
        self.types.insert(def.name.clone(), def);
    }

    pub(super) fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.types.get(name)
    }

    fn add_type(&mut self, name: String, schema: &Value, kind: TypeKind) {
        let object = schema.as_object();
        let def = TypeDef {
            name: name.clone(),
            description: object.and_then(documentation),
            deprecated: object.is_some_and(deprecated),
            kind,
        };
        self.types.insert(name, def);
    }

    /// Works out what `schema` is; the bool says whether `null` is allowed too.
    fn shape(&mut self, schema: &Value, pointer: &str, hint: &str) -> Result<(Shaped, bool)> {
        let object = match schema {
            Value::Bool(true) => return Ok((Shaped::Ref(TypeRef::Any), false)),
            Value::Bool(false) => {
                self.warn(
                    pointer,
                    "the schema `false` accepts no value; typed as free JSON",
                );
                return Ok((Shaped::Ref(TypeRef::Any), false));
            }
            Value::Object(object) => object,
            _ => return error(pointer, "a schema must be an object or a boolean"),
        };
        let (shaped, nullable) = self.shape_object_schema(object, pointer, hint)?;
        // OpenAPI 3.0 says `nullable: true` where JSON Schema lists "null".
        let openapi_null = object.get("nullable") == Some(&Value::Bool(true));
        Ok((shaped, nullable || openapi_null))
    }

    fn shape_object_schema(
        &mut self,
        object: &Map<String, Value>,
        pointer: &str,
        hint: &str,
    ) -> Result<(Shaped, bool)> {
        if let Some(keyword) = reference_keyword(object) {
            if OBJECT_KEYWORDS.iter().any(|k| object.contains_key(*k))
                || object.contains_key("allOf")
            {
                return self.shape_all_of(object, pointer, hint);
            }
            // Siblings that only validate or annotate change no type; a sibling
            // `type` says less than the target does. `description` is kept by
            // whoever holds this schema (the field, the named type).
            let at = format!("{pointer}/{}", pointer_segment(keyword));
            let sibling_null = matches!(object.get("type"), Some(Value::Array(types)) if types.iter().any(|t| t == "null"));
            let (ty, nullable) = self.reference(keyword, &object[keyword], &at)?;
            return Ok((Shaped::Ref(ty), nullable || sibling_null));
        }
        if let Some(value) = object.get("const") {
            let at = format!("{pointer}/const");
            return Ok(match value {
                Value::Null => (Shaped::Ref(TypeRef::Any), true),
                Value::Object(_) | Value::Array(_) => {
                    self.warn(&at, "an object or array `const` is typed as free JSON");
                    (Shaped::Ref(TypeRef::Any), false)
                }
                scalar => (Shaped::Ref(scalar_type(scalar)), false),
            });
        }
        if let Some(values) = object.get("enum") {
            return self.shape_enum(values, &format!("{pointer}/enum"));
        }
        if object.contains_key("oneOf") || object.contains_key("anyOf") {
            return self.shape_union(object, pointer, hint);
        }
        if object.contains_key("allOf") {
            return self.shape_all_of(object, pointer, hint);
        }
        self.shape_typed(object, pointer, hint)
    }

    /// `enum`: strings are an open enum, integers `int64`, numbers `double`,
    /// booleans `bool`; a mix of scalars is a union of their JSON types (the
    /// values go into the doc comment).
    fn shape_enum(&mut self, values: &Value, at: &str) -> Result<(Shaped, bool)> {
        let Value::Array(values) = values else {
            return error(at, "must be an array of values");
        };
        if values.is_empty() {
            self.warn(at, "an empty `enum` accepts no value; typed as free JSON");
            return Ok((Shaped::Ref(TypeRef::Any), false));
        }
        let nullable = values.iter().any(Value::is_null);
        let non_null: Vec<&Value> = values.iter().filter(|v| !v.is_null()).collect();
        if non_null.is_empty() {
            return Ok((Shaped::Ref(TypeRef::Any), true));
        }
        if let Some(strings) = non_null
            .iter()
            .map(|v| v.as_str())
            .collect::<Option<Vec<_>>>()
        {
            let mut seen = HashSet::new();
            let values = strings
                .into_iter()
                .filter(|value| seen.insert(*value))
                .map(|value| EnumValue {
                    value: value.to_owned(),
                    description: None,
                })
                .collect();
            return Ok((Shaped::Enum(Enum { values }), nullable));
        }
        if non_null.iter().any(|v| v.is_object() || v.is_array()) {
            self.warn(
                at,
                "an `enum` with object or array values is typed as free JSON",
            );
            return Ok((Shaped::Ref(TypeRef::Any), nullable));
        }
        let mut kinds: Vec<TypeRef> = Vec::new();
        let has_fraction = non_null.iter().any(|v| v.is_f64());
        for value in &non_null {
            let ty = match scalar_type(value) {
                TypeRef::Int64 if has_fraction => TypeRef::Float64,
                TypeRef::Literal(_) => TypeRef::String,
                other => other,
            };
            if !kinds.contains(&ty) {
                kinds.push(ty);
            }
        }
        if let [single] = kinds.as_slice() {
            return Ok((Shaped::Ref(single.clone()), nullable));
        }
        let variants = kinds
            .into_iter()
            .map(|ty| Variant {
                name: variant_name(&ty),
                ty,
                tag: None,
                description: None,
            })
            .collect();
        Ok((
            Shaped::Union(Union {
                discriminator: None,
                variants,
            }),
            nullable,
        ))
    }

    /// The type a `$ref`, `$recursiveRef` or `$dynamicRef` names, and whether
    /// its target admits `null`. A remote URL is free JSON, with a warning.
    fn reference(&mut self, keyword: &str, reference: &Value, at: &str) -> Result<(TypeRef, bool)> {
        let Some(location) = self.locate(keyword, reference, at)? else {
            return Ok((TypeRef::Any, false));
        };
        let target = self.target(&location, at)?;
        let nullable = self.admits_null_through(target, &location, 0);
        Ok((self.named_location(&location)?, nullable))
    }

    /// Whether a schema admits `null`, itself or through the references it
    /// is (an alias of an alias of `["string", "null"]` admits it too);
    /// remembered per location, so a chain is walked once.
    fn admits_null_through(&mut self, schema: &'a Value, location: &str, _hops: usize) -> bool {
        let mut path: Vec<String> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        let (mut current, mut here) = (schema, location.to_owned());
        let answer = loop {
            if let Some(&known) = self.nullable_at.get(&here) {
                break known;
            }
            if admits_null(current) {
                break true;
            }
            if !seen.insert(here.clone()) {
                break false;
            }
            path.push(here.clone());
            let next = current.as_object().and_then(|object| {
                let keyword = reference_keyword(object)?;
                self.follow(keyword, &object[keyword], &here)
            });
            match next {
                Some((target, found)) => (current, here) = (target, found),
                None => break false,
            }
        };
        for visited in path {
            self.nullable_at.insert(visited, answer);
        }
        answer
    }

    /// The schema a reference keyword in the schema at `holder` leads to,
    /// without reporting anything (for looking ahead).
    fn follow(
        &self,
        keyword: &str,
        reference: &Value,
        holder: &str,
    ) -> Option<(&'a Value, String)> {
        let text = reference.as_str()?;
        let found = match keyword {
            "$recursiveRef" => self.docs.recursive_root(holder),
            "$dynamicRef" => match self.docs.resolve_dynamic(text, holder) {
                Ok(Target::Found(found)) => found,
                _ => return None,
            },
            _ => match self.docs.resolve(text, holder) {
                Ok(Target::Found(found)) => found,
                _ => return None,
            },
        };
        Some((self.docs.get(&found)?, found))
    }

    /// Where a reference keyword leads; `None` (after a warning) for a remote URL.
    fn locate(&mut self, keyword: &str, reference: &Value, at: &str) -> Result<Option<String>> {
        let Some(text) = reference.as_str() else {
            return error(at, format!("`{keyword}` must be a string"));
        };
        let holder = at.rsplit_once('/').map_or("", |(holder, _)| holder);
        let target = match keyword {
            "$recursiveRef" => Target::Found(self.docs.recursive_root(holder)),
            "$dynamicRef" => self
                .docs
                .resolve_dynamic(text, holder)
                .map_err(|e| relocate(e, at))?,
            _ => self
                .docs
                .resolve(text, holder)
                .map_err(|e| relocate(e, at))?,
        };
        match target {
            Target::Found(location) => Ok(Some(location)),
            Target::Remote => {
                self.warn(
                    at,
                    format!("the remote `$ref` `{text}` is not fetched; typed as free JSON"),
                );
                Ok(None)
            }
        }
    }

    fn target(&self, location: &str, at: &str) -> Result<&'a Value> {
        match self.docs.get(location) {
            Some(target) => Ok(target),
            None => error(
                at,
                format!("`$ref` target {} does not exist", display(location)),
            ),
        }
    }

    /// The named type of the schema at `location`, defined on first use.
    fn named_location(&mut self, location: &str) -> Result<TypeRef> {
        if let Some(name) = self.def_names.get(location) {
            return Ok(TypeRef::Named(name.clone()));
        }
        let target = self.target(location, location)?;
        // A reference into the middle of a schema or another file: name it by
        // its path (or the file's title), registering the name first so
        // recursive references terminate.
        let (_, pointer) = self.docs.split(location);
        let file_stem = location
            .split('#')
            .next()
            .filter(|_| !location.starts_with('/') && !location.is_empty())
            .and_then(|file| file.rsplit('/').next())
            .map(|file| file.split('.').next().unwrap_or(file).to_owned());
        let base = pointer
            .rsplit('/')
            .find(|segment| {
                !matches!(
                    *segment,
                    "properties" | "items" | "$defs" | "definitions" | ""
                )
            })
            .map(type_name)
            .or_else(|| target.get("title").and_then(Value::as_str).map(type_name))
            .or_else(|| file_stem.map(|stem| type_name(&stem)))
            .unwrap_or_else(|| "Type".to_owned());
        let name = self.unique_name(&base);
        self.def_names.insert(location.to_owned(), name.clone());
        self.define(&name, target, location)?;
        Ok(TypeRef::Named(name))
    }

    /// A schema with a `type` keyword, or implied by object or array keywords.
    fn shape_typed(
        &mut self,
        object: &Map<String, Value>,
        pointer: &str,
        hint: &str,
    ) -> Result<(Shaped, bool)> {
        let mut types: Vec<&str> = match object.get("type") {
            None => {
                // No `type`: each family of keywords present admits its JSON type.
                let mut implied = Vec::new();
                if OBJECT_KEYWORDS.iter().any(|k| object.contains_key(*k)) {
                    implied.push("object");
                }
                if ["items", "prefixItems"]
                    .iter()
                    .any(|k| object.contains_key(*k))
                {
                    implied.push("array");
                }
                if implied.is_empty() {
                    return Ok((Shaped::Ref(TypeRef::Any), false));
                }
                implied
            }
            Some(Value::String(name)) => vec![name.as_str()],
            Some(Value::Array(names)) => {
                let mut list = Vec::new();
                for (index, name) in names.iter().enumerate() {
                    match name.as_str() {
                        Some(name) if !list.contains(&name) => list.push(name),
                        Some(_) => {}
                        None => {
                            return error(&format!("{pointer}/type/{index}"), "must be a type name")
                        }
                    }
                }
                list
            }
            Some(_) => {
                return error(
                    &format!("{pointer}/type"),
                    "must be a string or an array of strings",
                )
            }
        };
        let type_pointer = format!("{pointer}/type");
        let unknown: Vec<&str> = types
            .iter()
            .copied()
            .filter(|name| {
                !matches!(
                    *name,
                    "null" | "string" | "boolean" | "integer" | "number" | "array" | "object"
                )
            })
            .collect();
        if !unknown.is_empty() {
            let message = format!(
                "unknown type `{}`; typed as free JSON",
                unknown.join("`, `")
            );
            self.warn(&type_pointer, message);
            return Ok((Shaped::Ref(TypeRef::Any), types.contains(&"null")));
        }
        let nullable = types.contains(&"null");
        types.retain(|name| *name != "null");
        if types.contains(&"integer") && types.contains(&"number") {
            types.retain(|name| *name != "integer");
        }
        match types.as_slice() {
            // Always null: free JSON that admits null.
            [] => Ok((Shaped::Ref(TypeRef::Any), true)),
            [single] => Ok((self.shape_single(single, object, pointer, hint)?, nullable)),
            several => {
                // A union by JSON shape; the object (or enum) part is named `<hint>Object`.
                let mut variants = Vec::new();
                for name in several {
                    let shaped = self.shape_single(name, object, pointer, hint)?;
                    let ty = match shaped {
                        Shaped::Ref(ty) => ty,
                        other => {
                            let part = format!("{hint}{}", type_name(name));
                            let name = self.unique_name(&part);
                            self.add_type(name.clone(), &Value::Null, other.into_kind());
                            TypeRef::Named(name)
                        }
                    };
                    variants.push(Variant {
                        name: variant_name(&ty),
                        ty,
                        tag: None,
                        description: None,
                    });
                }
                unique_variant_names(&mut variants);
                Ok((
                    Shaped::Union(Union {
                        discriminator: None,
                        variants,
                    }),
                    nullable,
                ))
            }
        }
    }

    fn shape_single(
        &mut self,
        type_name: &str,
        object: &Map<String, Value>,
        pointer: &str,
        hint: &str,
    ) -> Result<Shaped> {
        let format = object.get("format").and_then(Value::as_str);
        let ty = match type_name {
            "string" if format == Some("date-time") => TypeRef::DateTime,
            "string" => TypeRef::String,
            "boolean" => TypeRef::Bool,
            "integer" => match format {
                Some("int8" | "int16" | "int32" | "uint8" | "uint16") => TypeRef::Int32,
                _ => TypeRef::Int64,
            },
            "number" => TypeRef::Float64,
            "array" => self.list(object, pointer, hint)?,
            // Checked by the caller.
            _ => return self.shape_object(object, pointer, hint),
        };
        Ok(Shaped::Ref(ty))
    }

    /// An array: of its `items`; a tuple (`prefixItems`, or `items` as a
    /// list) is a list of its members' common type, else of free JSON.
    fn list(&mut self, object: &Map<String, Value>, pointer: &str, hint: &str) -> Result<TypeRef> {
        let (tuple_keyword, rest_keyword) = match object.get("items") {
            Some(Value::Array(_)) => ("items", "additionalItems"),
            _ => ("prefixItems", "items"),
        };
        let item = match object.get(tuple_keyword) {
            Some(Value::Array(members)) => {
                let mut common: Option<TypeRef> = None;
                let mut mixed = false;
                let rest = object
                    .get(rest_keyword)
                    .filter(|rest| **rest != Value::Bool(false));
                let all = members
                    .iter()
                    .enumerate()
                    .map(|(index, member)| (format!("{pointer}/{tuple_keyword}/{index}"), member))
                    .chain(rest.map(|rest| (format!("{pointer}/{rest_keyword}"), rest)));
                let all: Vec<(String, &Value)> = all.collect();
                for (at, member) in all {
                    let ty = nullable_inner(self.resolve(member, &at, &format!("{hint}Item"))?);
                    match &common {
                        None => common = Some(ty),
                        Some(seen) if *seen == ty => {}
                        Some(_) => mixed = true,
                    }
                }
                match common {
                    Some(ty) if !mixed => ty,
                    _ => TypeRef::Any,
                }
            }
            Some(_) => {
                return error(
                    &format!("{pointer}/{tuple_keyword}"),
                    "must be an array of schemas",
                )
            }
            None => match object.get("items") {
                None | Some(Value::Bool(_)) => TypeRef::Any,
                Some(items) => {
                    let resolved =
                        self.resolve(items, &format!("{pointer}/items"), &format!("{hint}Item"))?;
                    nullable_inner(resolved)
                }
            },
        };
        Ok(TypeRef::List(Box::new(item)))
    }

    fn shape_object(
        &mut self,
        object: &Map<String, Value>,
        pointer: &str,
        hint: &str,
    ) -> Result<Shaped> {
        required_names(object, pointer)?;
        let properties = match object.get("properties") {
            None => None,
            Some(Value::Object(properties)) => Some(properties),
            Some(_) => {
                return error(
                    &format!("{pointer}/properties"),
                    "must be an object of schemas",
                )
            }
        };
        let has_properties = properties.is_some_and(|p| !p.is_empty());
        if has_properties || object.get("additionalProperties") == Some(&Value::Bool(false)) {
            return Ok(Shaped::Struct(self.struct_fields(object, pointer, hint)?));
        }
        let value = match (
            object.get("additionalProperties"),
            object.get("patternProperties"),
        ) {
            (Some(schema @ Value::Object(_)), _) => {
                let resolved = self.resolve(
                    schema,
                    &format!("{pointer}/additionalProperties"),
                    &format!("{hint}Value"),
                )?;
                nullable_inner(resolved)
            }
            (_, Some(Value::Object(patterns))) if !patterns.is_empty() => {
                // Several patterns are one map of their common value type.
                let mut common: Option<TypeRef> = None;
                let mut mixed = false;
                for (pattern, schema) in patterns {
                    let at = format!("{pointer}/patternProperties/{}", pointer_segment(pattern));
                    let ty = nullable_inner(self.resolve(schema, &at, &format!("{hint}Value"))?);
                    match &common {
                        None => common = Some(ty),
                        Some(seen) if *seen == ty => {}
                        Some(_) => mixed = true,
                    }
                }
                match common {
                    Some(ty) if !mixed => ty,
                    _ => TypeRef::Any,
                }
            }
            (_, Some(Value::Object(_)) | None) => TypeRef::Any,
            (_, Some(_)) => {
                return error(
                    &format!("{pointer}/patternProperties"),
                    "must be an object of schemas",
                )
            }
        };
        Ok(Shaped::Ref(TypeRef::Map(Box::new(value))))
    }

    fn struct_fields(
        &mut self,
        object: &Map<String, Value>,
        pointer: &str,
        hint: &str,
    ) -> Result<Struct> {
        let required = required_names(object, pointer)?;
        let mut fields = Vec::new();
        if let Some(properties) = object.get("properties") {
            let Value::Object(properties) = properties else {
                return error(
                    &format!("{pointer}/properties"),
                    "must be an object of schemas",
                );
            };
            for (key, schema) in properties {
                // A property whose schema is `false` can never be present.
                if *schema == Value::Bool(false) {
                    continue;
                }
                let at = format!("{pointer}/properties/{}", pointer_segment(key));
                let resolved = self.resolve(schema, &at, &format!("{hint}{}", type_name(key)))?;
                let property = schema.as_object();
                fields.push(Field {
                    wire_name: key.clone(),
                    ty: resolved.ty,
                    required: required.contains(key.as_str()),
                    nullable: resolved.nullable,
                    description: property.and_then(documentation),
                    default: property.and_then(|p| p.get("default")).cloned(),
                    deprecated: property.is_some_and(deprecated),
                });
            }
        }
        Ok(Struct { fields })
    }

    /// What an `allOf` part (or a schema followed through its references) is.
    fn part_kind(&self, part: &Value, location: &str, hops: usize) -> Part {
        let Value::Object(object) = part else {
            return Part::Constraint;
        };
        if OBJECT_KEYWORDS.iter().any(|k| object.contains_key(*k)) {
            return Part::Object;
        }
        match object.get("type") {
            Some(Value::String(name)) if name == "object" => return Part::Object,
            Some(Value::Array(names)) if names.iter().any(|n| n == "object") => {
                return Part::Object
            }
            Some(Value::String(name)) if name != "null" => return Part::Typed,
            Some(Value::Array(names)) if names.iter().any(|n| n != "null") => return Part::Typed,
            _ => {}
        }
        if object.contains_key("enum") || object.contains_key("const") {
            return Part::Typed;
        }
        if let Some(keyword) = reference_keyword(object) {
            if hops >= MAX_HOPS {
                return Part::Constraint;
            }
            return match self.follow(keyword, &object[keyword], location) {
                Some((value, found)) => self.part_kind(value, &found, hops + 1),
                None => Part::Constraint,
            };
        }
        if let Some(Value::Array(parts)) = object.get("allOf") {
            let kinds: Vec<Part> = parts
                .iter()
                .enumerate()
                .map(|(index, p)| self.part_kind(p, &format!("{location}/allOf/{index}"), hops + 1))
                .collect();
            if kinds.contains(&Part::Object) {
                return Part::Object;
            }
            if kinds.contains(&Part::Typed) {
                return Part::Typed;
            }
        }
        if object.contains_key("oneOf") || object.contains_key("anyOf") {
            return Part::Typed;
        }
        Part::Constraint
    }

    /// `allOf` (and a reference with sibling properties): the object parts'
    /// fields merged; parts that only constrain are ignored; with no object
    /// part, the one typed part (a `$ref` to a string enum) is the type.
    fn shape_all_of(
        &mut self,
        object: &Map<String, Value>,
        pointer: &str,
        hint: &str,
    ) -> Result<(Shaped, bool)> {
        let mut parts: Vec<(String, Value)> = Vec::new();
        let mut own = object.clone();
        own.remove("allOf");
        for keyword in REFERENCE_KEYWORDS {
            if let Some(reference) = own.remove(*keyword) {
                parts.push((pointer.to_owned(), json!({ *keyword: reference })));
            }
        }
        match object.get("allOf") {
            None => {}
            Some(Value::Array(list)) => parts.extend(
                list.iter()
                    .enumerate()
                    .map(|(index, part)| (format!("{pointer}/allOf/{index}"), part.clone())),
            ),
            Some(_) => return error(&format!("{pointer}/allOf"), "must be an array of schemas"),
        }
        // The schema's own keywords are a part too (its `type` says nothing new).
        let mut own_part = own.clone();
        if own_part.get("type").is_some_and(|t| t == "object") {
            own_part.remove("type");
        }
        parts.push((pointer.to_owned(), Value::Object(own_part)));
        let kinds: Vec<Part> = parts
            .iter()
            .map(|(at, part)| self.part_kind(part, at, 0))
            .collect();
        let objects = kinds.iter().filter(|k| **k == Part::Object).count();
        let meaningful: Vec<usize> = (0..parts.len())
            .filter(|&index| kinds[index] != Part::Constraint)
            .collect();
        if let [only] = meaningful.as_slice() {
            // One reference and constraints (`allOf: [{$ref}]` plus a
            // description, schemars' spelling): the referenced type itself.
            if reference_keyword_of(&parts[*only].1).is_some() {
                let (at, part) = parts[*only].clone();
                return self.shape(&part, &at, hint);
            }
        }
        if objects == 0 {
            // No members to merge: the typed part is the type (a `$ref` first).
            let typed = parts
                .iter()
                .zip(&kinds)
                .filter(|(_, kind)| **kind == Part::Typed)
                .map(|(part, _)| part)
                .min_by_key(|(_, part)| reference_keyword_of(part).is_none());
            let chosen = typed.or_else(|| {
                parts
                    .iter()
                    .find(|(_, part)| reference_keyword_of(part).is_some())
            });
            return match chosen {
                Some((at, part)) => {
                    let (at, part) = (at.clone(), part.clone());
                    self.shape(&part, &at, hint)
                }
                None => Ok((Shaped::Ref(TypeRef::Any), false)),
            };
        }
        let mut fields: Vec<Field> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for ((at, part), kind) in parts.iter().zip(&kinds) {
            match kind {
                Part::Constraint => continue,
                Part::Typed => {
                    self.warn(
                        at,
                        "this `allOf` part is not an object but another part is; it is ignored",
                    );
                    continue;
                }
                Part::Object => {}
            }
            for field in self.object_part_fields(part, at, hint)? {
                match index.get(&field.wire_name) {
                    Some(&position) => {
                        let existing = &mut fields[position];
                        existing.required |= field.required;
                        // A later part may say more: a type where there was
                        // none, a constant where there was any string.
                        let more_specific = existing.ty == TypeRef::Any
                            || (matches!(field.ty, TypeRef::Literal(_))
                                && !matches!(existing.ty, TypeRef::Literal(_)));
                        if more_specific && field.ty != TypeRef::Any {
                            existing.ty = field.ty;
                            existing.nullable = field.nullable;
                        }
                        if existing.description.is_none() {
                            existing.description = field.description;
                        }
                    }
                    None => {
                        index.insert(field.wire_name.clone(), fields.len());
                        fields.push(field);
                    }
                }
            }
        }
        Ok((Shaped::Struct(Struct { fields }), false))
    }

    /// The fields an object `allOf` part contributes.
    fn object_part_fields(
        &mut self,
        part: &Value,
        pointer: &str,
        hint: &str,
    ) -> Result<Vec<Field>> {
        let Value::Object(object) = part else {
            return Ok(Vec::new());
        };
        if let Some(keyword) = reference_keyword(object) {
            let at = format!("{pointer}/{}", pointer_segment(keyword));
            let Some(location) = self.locate(keyword, &object[keyword], &at)? else {
                return Ok(Vec::new());
            };
            let fields = match self.part_fields.get(&location) {
                Some(fields) => fields.clone(),
                None => {
                    if !self.expanding.insert(location.clone()) {
                        // A cycle of `allOf` references: its fields are already being merged.
                        return Ok(Vec::new());
                    }
                    let target = self.target(&location, &at)?;
                    let fields = self.object_part_fields(target, &location, hint);
                    self.expanding.remove(&location);
                    let fields = fields?;
                    self.part_fields.insert(location.clone(), fields.clone());
                    fields
                }
            };
            let granted = match self.copies.get(&at) {
                Some(&granted) => granted,
                None => {
                    let granted = fields.len() <= self.copy_budget;
                    if granted {
                        self.copy_budget -= fields.len();
                    }
                    self.copies.insert(at.clone(), granted);
                    granted
                }
            };
            if !granted {
                self.warn(
                    &at,
                    format!(
                        "the properties of {} ({}) are not copied here: `allOf` chains would copy more than {} in all; they stay extra properties",
                        display(&location),
                        fields.len(),
                        MIN_COPIED_FIELDS.max(COPIED_FIELDS_PER_PROPERTY * self.docs.declared_properties),
                    ),
                );
                return Ok(Vec::new());
            }
            return Ok(fields);
        }
        if object.contains_key("allOf")
            || object.contains_key("oneOf")
            || object.contains_key("anyOf")
        {
            return match self.shape(part, pointer, hint)?.0 {
                Shaped::Struct(s) => Ok(s.fields),
                _ => Ok(Vec::new()),
            };
        }
        let mut fields = self.struct_fields(object, pointer, hint)?.fields;
        // `required` may name properties defined by another part.
        for name in required_names(object, pointer)? {
            if !fields.iter().any(|f| f.wire_name == name) {
                fields.push(Field {
                    wire_name: name.to_owned(),
                    ty: TypeRef::Any,
                    required: true,
                    nullable: false,
                    description: None,
                    default: None,
                    deprecated: false,
                });
            }
        }
        Ok(fields)
    }

    /// `oneOf` / `anyOf`. Properties beside them are merged into each object
    /// branch; an OpenAPI `discriminator` or a constant required property
    /// every branch has makes it a tagged union.
    fn shape_union(
        &mut self,
        object: &Map<String, Value>,
        pointer: &str,
        hint: &str,
    ) -> Result<(Shaped, bool)> {
        let keyword = if object.contains_key("oneOf") {
            if object.contains_key("anyOf") {
                self.warn(
                    &format!("{pointer}/anyOf"),
                    "`anyOf` beside `oneOf` is ignored when building types",
                );
            }
            "oneOf"
        } else {
            "anyOf"
        };
        let at = format!("{pointer}/{keyword}");
        let Value::Array(branches) = &object[keyword] else {
            return error(&at, "must be an array of schemas");
        };
        if branches.is_empty() {
            self.warn(
                &at,
                format!("an empty `{keyword}` accepts no value; typed as free JSON"),
            );
            return Ok((Shaped::Ref(TypeRef::Any), false));
        }
        let mut nullable = false;
        let mut kept: Vec<(String, &Value)> = Vec::new();
        for (index, branch) in branches.iter().enumerate() {
            if is_null_schema(branch) {
                nullable = true;
            } else {
                kept.push((format!("{at}/{index}"), branch));
            }
        }
        // The keywords beside the union that every object branch shares.
        let mut shared = object.clone();
        for keyword in [
            "oneOf",
            "anyOf",
            "discriminator",
            "title",
            "description",
            "nullable",
        ] {
            shared.remove(keyword);
        }
        let has_shared = OBJECT_KEYWORDS.iter().any(|k| shared.contains_key(*k))
            || shared.contains_key("allOf")
            || reference_keyword(&shared).is_some();
        let merged: Vec<(String, Value)> = kept
            .iter()
            .map(|(at, branch)| {
                if has_shared && self.part_kind(branch, at, 0) != Part::Typed {
                    // The shared members first, then the branch's own.
                    let mut rest = shared.clone();
                    let mut parts = match rest.remove("allOf") {
                        Some(Value::Array(parts)) => parts,
                        _ => Vec::new(),
                    };
                    parts.push(Value::Object(rest));
                    parts.push((*branch).clone());
                    (at.clone(), json!({ "allOf": parts }))
                } else {
                    (at.clone(), (*branch).clone())
                }
            })
            .collect();
        match merged.as_slice() {
            [] => return Ok((Shaped::Ref(TypeRef::Any), true)),
            [(at, single)] => {
                let (shaped, inner_nullable) = self.shape(single, at, hint)?;
                return Ok((shaped, nullable || inner_nullable));
            }
            _ => {}
        }
        if let Some(values) = open_enum_values(&kept) {
            return Ok((Shaped::Enum(Enum { values }), nullable));
        }
        if let Some(discriminator) = object.get("discriminator") {
            let at = format!("{pointer}/discriminator");
            if let Some(union) = self.openapi_union(discriminator, &kept, &merged, &at, hint)? {
                return Ok((Shaped::Union(union), nullable));
            }
        }
        let shared_required = required_names(object, pointer)?;
        if let Some(tag) = self.discriminator(&kept, &shared_required) {
            return Ok((
                Shaped::Union(self.tagged_union(&kept, &merged, &tag, hint)?),
                nullable,
            ));
        }
        let mut variants: Vec<Variant> = Vec::new();
        for (index, ((at, branch), (_, original))) in merged.iter().zip(&kept).enumerate() {
            let branch_hint = original
                .get("title")
                .and_then(Value::as_str)
                .map(type_name)
                .unwrap_or_else(|| format!("{hint}Variant{}", index + 1));
            let resolved = self.resolve(branch, at, &branch_hint)?;
            nullable |= resolved.nullable;
            // A branch's own title names it best (`Text`, `Parts`); else its type.
            let name = original
                .get("title")
                .and_then(Value::as_str)
                .map(type_name)
                .filter(|title| !title.is_empty())
                .unwrap_or_else(|| variant_name(&resolved.ty));
            variants.push(Variant {
                name,
                ty: resolved.ty,
                tag: None,
                description: original.as_object().and_then(description),
            });
        }
        unique_variant_names(&mut variants);
        Ok((
            Shaped::Union(Union {
                discriminator: None,
                variants,
            }),
            nullable,
        ))
    }

    /// OpenAPI's `discriminator: {propertyName, mapping}`: each branch's tag
    /// is the mapping key naming it, else its constant, else its schema's
    /// name. A branch whose tag property is a plain string becomes a variant
    /// type of its own (`<hint><Tag>`) where that property is the constant.
    fn openapi_union(
        &mut self,
        discriminator: &Value,
        kept: &[(String, &Value)],
        merged: &[(String, Value)],
        at: &str,
        hint: &str,
    ) -> Result<Option<Union>> {
        let Some(tag) = discriminator.get("propertyName").and_then(Value::as_str) else {
            self.warn(at, "a `discriminator` without a `propertyName` is ignored");
            return Ok(None);
        };
        let mapping: Vec<(&str, &str)> = discriminator
            .get("mapping")
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .filter_map(|(value, target)| Some((value.as_str(), target.as_str()?)))
                    .collect()
            })
            .unwrap_or_default();
        let mut variants: Vec<Variant> = Vec::new();
        for ((at_branch, branch), (_, original)) in merged.iter().zip(kept) {
            let reference = original.get("$ref").and_then(Value::as_str);
            let target = self.dereference(original, at_branch).ok();
            let own_tag = target.and_then(|t| tag_value(t, tag));
            let value = reference
                .and_then(|r| {
                    mapping
                        .iter()
                        .find(|(_, target)| *target == r || r.ends_with(&format!("/{target}")))
                        .map(|(value, _)| (*value).to_owned())
                })
                .or_else(|| own_tag.clone())
                .or_else(|| {
                    reference
                        .and_then(|r| r.rsplit('/').next())
                        .map(str::to_owned)
                });
            let Some(value) = value else {
                self.warn(
                    at_branch,
                    format!("no `{tag}` value for this branch; the union is decoded by shape"),
                );
                return Ok(None);
            };
            let variant_hint = format!("{hint}{}", type_name(&value));
            let ty = if own_tag.as_deref() == Some(value.as_str()) {
                self.resolve(branch, at_branch, &variant_hint)?.ty
            } else {
                let pinned = json!({
                    "allOf": [branch, {"properties": {tag: {"const": value}}, "required": [tag]}]
                });
                let (shaped, _) = self.shape(&pinned, at_branch, &variant_hint)?;
                self.named(shaped, original, &variant_hint)
            };
            variants.push(Variant {
                name: type_name(&value),
                ty,
                tag: Some(value),
                description: original.as_object().and_then(description),
            });
        }
        unique_variant_names(&mut variants);
        Ok(Some(Union {
            discriminator: Some(tag.to_owned()),
            variants,
        }))
    }

    fn tagged_union(
        &mut self,
        kept: &[(String, &Value)],
        merged: &[(String, Value)],
        tag: &str,
        hint: &str,
    ) -> Result<Union> {
        let mut variants = Vec::new();
        for ((at, branch), (_, original)) in merged.iter().zip(kept) {
            let target = self.dereference(original, at)?;
            let value = tag_value(target, tag).unwrap_or_default();
            let resolved = self.resolve(branch, at, &format!("{hint}{}", type_name(&value)))?;
            variants.push(Variant {
                name: type_name(&value),
                ty: resolved.ty,
                tag: Some(value),
                description: original.as_object().and_then(description),
            });
        }
        unique_variant_names(&mut variants);
        Ok(Union {
            discriminator: Some(tag.to_owned()),
            variants,
        })
    }

    /// A property every branch requires (itself, or beside the union) with a
    /// distinct constant string.
    fn discriminator(
        &self,
        branches: &[(String, &Value)],
        shared_required: &HashSet<&str>,
    ) -> Option<String> {
        let objects: Vec<&Value> = branches
            .iter()
            .map(|(at, branch)| self.dereference(branch, at).ok())
            .collect::<Option<_>>()?;
        let first = objects.first()?.get("properties")?.as_object()?;
        first
            .keys()
            .find(|candidate| {
                let mut seen = HashSet::new();
                objects.iter().all(|object| {
                    let required = shared_required.contains(candidate.as_str())
                        || object
                            .get("required")
                            .and_then(Value::as_array)
                            .is_some_and(|r| r.iter().any(|n| n == candidate.as_str()));
                    required && tag_value(object, candidate).is_some_and(|v| seen.insert(v))
                })
            })
            .cloned()
    }

    /// Follows a `$ref` (once) to the schema it names.
    fn dereference<'s>(&'s self, schema: &'s Value, pointer: &str) -> Result<&'s Value> {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let at = format!("{pointer}/$ref");
                match self.docs.resolve(reference, pointer)? {
                    Target::Found(location) => self.target(&location, &at),
                    Target::Remote => Ok(schema),
                }
            }
            None => Ok(schema),
        }
    }

    fn operations(&self, defs: &[(String, String, &Value)]) -> Result<Vec<Operation>> {
        let mut operations = Vec::new();
        for (pointer, name, schema) in defs {
            let Some(operation) = schema.get("x-operation") else {
                continue;
            };
            let at = format!("{pointer}/x-operation");
            let field = |key: &str| -> Result<String> {
                match operation.get(key).and_then(Value::as_str) {
                    Some(value) => Ok(value.to_owned()),
                    None => error(&format!("{at}/{key}"), format!("`{key}` must be a string")),
                }
            };
            let method = field("method")?.to_ascii_uppercase();
            if !matches!(method.as_str(), "GET" | "POST" | "PUT" | "PATCH" | "DELETE") {
                return error(
                    &format!("{at}/method"),
                    format!("unsupported HTTP method `{method}`"),
                );
            }
            let path = field("path")?;
            if !path.starts_with('/') {
                return error(&format!("{at}/path"), "the path must start with `/`");
            }
            let response_raw = field("response")?;
            let response = type_name(&response_raw);
            if !self.types.contains_key(&response) {
                return error(
                    &format!("{at}/response"),
                    format!("no type named `{response_raw}` in the schema"),
                );
            }
            if method == "GET" && self.types.get(name).is_none_or(|t| t.as_struct().is_none()) {
                return error(&at, "a GET operation's request must be an object (its fields become query parameters)");
            }
            let stream = match operation.get("stream") {
                None => None,
                Some(stream) => Some(self.stream(stream, name, &format!("{at}/stream"))?),
            };
            let operation_name = match operation.get("name") {
                None => name.clone(),
                Some(_) => type_name(&field("name")?),
            };
            let request_fields = self.types.get(name).and_then(TypeDef::as_struct);
            let params = operation_params(operation, request_fields, &path, &at)?;
            let body = operation_body(operation, request_fields, &at)?;
            operations.push(Operation {
                name: operation_name,
                params,
                body,
                request: name.clone(),
                response,
                method,
                path,
                description: schema.as_object().and_then(description),
                stream,
            });
        }
        operations.sort_by(|a, b| a.request.cmp(&b.request));
        Ok(operations)
    }

    /// `x-operation/stream`: `{"response": EventType, "flag": "stream"}`, where
    /// the flag is a boolean property of the request object.
    fn stream(&self, stream: &Value, request: &str, at: &str) -> Result<Stream> {
        let text = |key: &str| -> Result<&str> {
            match stream.get(key).and_then(Value::as_str) {
                Some(value) => Ok(value),
                None => error(&format!("{at}/{key}"), format!("`{key}` must be a string")),
            }
        };
        let event_raw = text("response")?;
        let event = type_name(event_raw);
        if !self.types.contains_key(&event) {
            return error(
                &format!("{at}/response"),
                format!("no type named `{event_raw}` in the schema"),
            );
        }
        let flag = text("flag")?;
        let is_bool_field = self
            .types
            .get(request)
            .and_then(|def| def.as_struct())
            .and_then(|fields| fields.fields.iter().find(|f| f.wire_name == flag))
            .is_some_and(|field| field.ty == TypeRef::Bool);
        if !is_bool_field {
            return error(
                &format!("{at}/flag"),
                format!("`{flag}` must be a boolean property of the request `{request}`"),
            );
        }
        Ok(Stream {
            flag: flag.to_owned(),
            event,
        })
    }
}

/// `x-operation/params`: `[{"name": "model", "in": "path" | "query" | "header"}]`,
/// each naming a property of the request object. Every `{placeholder}` of the
/// path must be a path parameter, and every path parameter a placeholder.
fn operation_params(
    operation: &Value,
    request: Option<&Struct>,
    path: &str,
    at: &str,
) -> Result<Vec<Param>> {
    let mut params = Vec::new();
    if let Some(list) = operation.get("params") {
        let Some(list) = list.as_array() else {
            return error(&format!("{at}/params"), "`params` must be an array");
        };
        for (index, param) in list.iter().enumerate() {
            let here = format!("{at}/params/{index}");
            let Some(name) = param.get("name").and_then(Value::as_str) else {
                return error(&format!("{here}/name"), "`name` must be a string");
            };
            let location = match param.get("in").and_then(Value::as_str) {
                Some("path") => ParamLocation::Path,
                Some("query") => ParamLocation::Query,
                Some("header") => ParamLocation::Header,
                _ => {
                    return error(
                        &format!("{here}/in"),
                        "`in` must be \"path\", \"query\" or \"header\"",
                    )
                }
            };
            let field = request.and_then(|r| r.fields.iter().find(|f| f.wire_name == name));
            let Some(field) = field else {
                return error(
                    &format!("{here}/name"),
                    format!("`{name}` is not a property of the request"),
                );
            };
            if location == ParamLocation::Path && !field.required {
                return error(
                    &format!("{here}/name"),
                    format!("path parameter `{name}` must be a required property"),
                );
            }
            if params.iter().any(|p: &Param| p.name == name) {
                return error(&format!("{here}/name"), format!("`{name}` is listed twice"));
            }
            params.push(Param {
                name: name.to_owned(),
                location,
            });
        }
    }
    let placeholders = path_placeholders(path);
    for placeholder in &placeholders {
        if !params
            .iter()
            .any(|p| p.location == ParamLocation::Path && p.name == *placeholder)
        {
            return error(
                &format!("{at}/path"),
                format!("`{{{placeholder}}}` in the path is not a path parameter"),
            );
        }
    }
    if let Some(param) = params
        .iter()
        .find(|p| p.location == ParamLocation::Path && !placeholders.contains(&p.name.as_str()))
    {
        return error(
            &format!("{at}/params"),
            format!(
                "path parameter `{}` has no `{{{}}}` in the path",
                param.name, param.name
            ),
        );
    }
    Ok(params)
}

/// The `{name}` placeholders of a path template.
fn path_placeholders(path: &str) -> Vec<&str> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

/// `x-operation/body`: absent for the request's remaining fields, a property
/// name for that property's value, or `null` for no body.
fn operation_body(operation: &Value, request: Option<&Struct>, at: &str) -> Result<Body> {
    match operation.get("body") {
        None => Ok(Body::Fields),
        Some(Value::Null) => Ok(Body::None),
        Some(Value::String(name)) => {
            if request.is_some_and(|r| r.fields.iter().any(|f| f.wire_name == *name)) {
                Ok(Body::Field(name.clone()))
            } else {
                error(
                    &format!("{at}/body"),
                    format!("`{name}` is not a property of the request"),
                )
            }
        }
        Some(_) => error(
            &format!("{at}/body"),
            "`body` must be a property name or null",
        ),
    }
}

/// An error found while resolving a reference, reported at the reference.
fn relocate(mut problem: LoadError, at: &str) -> LoadError {
    problem.pointer = at.to_owned();
    problem
}

/// The reference keyword a schema uses, if any.
fn reference_keyword(object: &Map<String, Value>) -> Option<&'static str> {
    REFERENCE_KEYWORDS
        .iter()
        .copied()
        .find(|keyword| object.contains_key(*keyword))
}

fn reference_keyword_of(schema: &Value) -> Option<&'static str> {
    schema.as_object().and_then(reference_keyword)
}

fn required_names<'o>(object: &'o Map<String, Value>, pointer: &str) -> Result<HashSet<&'o str>> {
    match object.get("required") {
        None => Ok(HashSet::new()),
        Some(Value::Array(names)) => names
            .iter()
            .enumerate()
            .map(|(index, name)| match name.as_str() {
                Some(name) => Ok(name),
                None => error(
                    &format!("{pointer}/required/{index}"),
                    "must be a property name",
                ),
            })
            .collect(),
        // OpenAPI 2 / draft 3 put `required: true` on the property itself.
        Some(Value::Bool(_)) => Ok(HashSet::new()),
        Some(_) => error(
            &format!("{pointer}/required"),
            "must be an array of property names",
        ),
    }
}

/// The type of one scalar JSON value.
fn scalar_type(value: &Value) -> TypeRef {
    match value {
        Value::String(text) => TypeRef::Literal(text.clone()),
        Value::Bool(_) => TypeRef::Bool,
        Value::Number(n) if n.is_i64() || n.is_u64() => TypeRef::Int64,
        Value::Number(_) => TypeRef::Float64,
        _ => TypeRef::Any,
    }
}

/// `anyOf: [{enum: [...]}, {type: string}]` and similar: an open string enum.
fn open_enum_values(branches: &[(String, &Value)]) -> Option<Vec<EnumValue>> {
    let mut values = Vec::new();
    let mut has_listed = false;
    for (_, branch) in branches {
        let object = branch.as_object()?;
        let is_string = object.get("type").is_none_or(|t| t == "string");
        if !is_string || object.contains_key("$ref") || object.contains_key("format") {
            return None;
        }
        if let Some(constant) = object.get("const") {
            values.push(EnumValue {
                value: constant.as_str()?.to_owned(),
                description: description(object),
            });
            has_listed = true;
        } else if let Some(list) = object.get("enum") {
            for value in list.as_array()? {
                values.push(EnumValue {
                    value: value.as_str()?.to_owned(),
                    description: None,
                });
            }
            has_listed = true;
        } else if object.get("type").is_none() {
            return None;
        }
    }
    let mut seen = HashSet::new();
    values.retain(|v| seen.insert(v.value.clone()));
    has_listed.then_some(values)
}

/// Whether a schema itself says `null` is a value (without following `$ref`s).
fn admits_null(schema: &Value) -> bool {
    let in_list = |key: &str, test: &dyn Fn(&Value) -> bool| {
        schema
            .get(key)
            .and_then(Value::as_array)
            .is_some_and(|items| items.iter().any(test))
    };
    is_null_schema(schema)
        || schema.get("nullable") == Some(&Value::Bool(true))
        || in_list("type", &|t| t == "null")
        || in_list("enum", &Value::is_null)
        || in_list("oneOf", &is_null_schema)
        || in_list("anyOf", &is_null_schema)
}

fn is_null_schema(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("null")
        || schema.get("const").is_some_and(Value::is_null)
}

/// The constant string a schema's `tag` property holds.
fn tag_value(schema: &Value, tag: &str) -> Option<String> {
    let property = schema.get("properties")?.get(tag)?;
    if let Some(value) = property.get("const").and_then(Value::as_str) {
        return Some(value.to_owned());
    }
    match property.get("enum")?.as_array()?.as_slice() {
        [Value::String(value)] => Some(value.clone()),
        _ => None,
    }
}

fn nullable_inner(resolved: Resolved) -> TypeRef {
    if resolved.nullable {
        TypeRef::Nullable(Box::new(resolved.ty))
    } else {
        resolved.ty
    }
}

/// Variant names made unique within their union (`Integer`, `Integer2`).
fn unique_variant_names(variants: &mut [Variant]) {
    let mut seen: HashSet<String> = HashSet::new();
    for (index, variant) in variants.iter_mut().enumerate() {
        if !seen.insert(variant.name.clone()) {
            let mut name = format!("{}{}", variant.name, index + 1);
            while !seen.insert(name.clone()) {
                name.push('_');
            }
            variant.name = name;
        }
    }
}

/// A name for an untagged variant, from its type.
fn variant_name(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String | TypeRef::Literal(_) => "String".to_owned(),
        TypeRef::DateTime => "DateTime".to_owned(),
        TypeRef::Bool => "Boolean".to_owned(),
        TypeRef::Int32 | TypeRef::Int64 => "Integer".to_owned(),
        TypeRef::Float64 => "Number".to_owned(),
        TypeRef::List(item) => format!("{}List", variant_name(item)),
        TypeRef::Map(value) => format!("{}Map", variant_name(value)),
        TypeRef::Named(name) => name.clone(),
        TypeRef::Any => "Json".to_owned(),
        TypeRef::Nullable(inner) => variant_name(inner),
    }
}
