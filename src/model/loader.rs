//! JSON Schema (draft 2020-12 and the common older forms) → [`Model`].
//!
//! Every schema the loader cannot represent faithfully is an error carrying the
//! JSON pointer of the offending keyword, so no backend ever sees a guess.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use heck::ToKebabCase;
use serde_json::{Map, Value};

use super::naming::{pointer_segment, type_name};
use super::*;

/// A schema the loader could not turn into a model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// JSON pointer (RFC 6901) into the schema document.
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

type Result<T> = std::result::Result<T, LoadError>;

fn error<T>(pointer: &str, message: impl Into<String>) -> Result<T> {
    Err(LoadError {
        pointer: pointer.to_owned(),
        message: message.into(),
    })
}

/// Keywords whose meaning the model cannot carry; silently ignoring them would
/// generate code that accepts or produces the wrong JSON.
const UNSUPPORTED_KEYWORDS: &[&str] = &[
    "not",
    "if",
    "then",
    "else",
    "prefixItems",
    "dependentSchemas",
    "unevaluatedProperties",
    "$dynamicRef",
    "$recursiveRef",
];

/// How deep the loader may recurse: schemas chain `$ref`s and `allOf`s a
/// thousand deep, which takes far more than a default thread stack.
const LOADER_STACK_BYTES: usize = 256 * 1024 * 1024;

/// Loads a JSON Schema document into the model (on a thread with a large
/// stack, so deep reference chains cannot overflow the caller's).
pub fn load(document: &Value) -> Result<Model> {
    on_loader_stack(|| load_here(document))
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

fn load_here(document: &Value) -> Result<Model> {
    let Value::Object(root) = document else {
        return error("", "a schema document must be a JSON object");
    };
    let mut loader = Loader::new(document);
    let defs = loader.register_defs(root)?;
    let root_type = loader.register_root(root)?;
    for (pointer, name, schema) in &defs {
        loader.define(name, schema, pointer)?;
    }
    if let Some(name) = &root_type {
        loader.define(name, document, "")?;
    }
    let operations = loader.operations(&defs)?;
    Ok(Model {
        package: package(root)?,
        types: loader.finish(),
        operations,
        base_url: None,
    })
}

/// An alias that leads back to itself through aliases only (`A = A`,
/// `A = B`, `B = A`) names no JSON at all; no language can declare it, so
/// each such alias becomes free JSON. (`A = A[]` is a real recursive type.)
fn break_alias_cycles(types: &mut BTreeMap<String, TypeDef>) {
    let target = |kind: &TypeKind| match kind {
        TypeKind::Alias(TypeRef::Named(next)) => Some(next.clone()),
        TypeKind::Alias(TypeRef::Nullable(inner)) => match inner.as_ref() {
            TypeRef::Named(next) => Some(next.clone()),
            _ => None,
        },
        _ => None,
    };
    let mut cyclic = Vec::new();
    for (name, def) in types.iter() {
        let mut seen = HashSet::new();
        let mut current = target(&def.kind);
        while let Some(next) = current {
            if next == *name {
                cyclic.push(name.clone());
                break;
            }
            if !seen.insert(next.clone()) {
                break;
            }
            current = types.get(&next).and_then(|def| target(&def.kind));
        }
    }
    for name in cyclic {
        if let Some(def) = types.get_mut(&name) {
            def.kind = TypeKind::Alias(TypeRef::Any);
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

pub(super) struct Loader<'a> {
    document: &'a Value,
    /// JSON pointer of a named schema → its type name.
    def_names: HashMap<String, String>,
    taken: HashSet<String>,
    types: BTreeMap<String, TypeDef>,
    /// The fields an `allOf` part referenced by pointer contributes, computed once
    /// (a 1,000-deep `allOf` chain stays linear).
    part_fields: HashMap<String, Vec<Field>>,
    /// `allOf` parts being expanded: one met again is a cycle and adds nothing new.
    expanding: HashSet<String>,
}

impl<'a> Loader<'a> {
    pub(super) fn new(document: &'a Value) -> Self {
        Loader {
            document,
            def_names: HashMap::new(),
            taken: HashSet::new(),
            types: BTreeMap::new(),
            part_fields: HashMap::new(),
            expanding: HashSet::new(),
        }
    }

    /// The named types, sorted by name, once everything is defined.
    pub(super) fn finish(self) -> Vec<TypeDef> {
        let mut types = self.types;
        break_alias_cycles(&mut types);
        types.into_values().collect()
    }

    /// Names every `$defs` / `definitions` entry (and OpenAPI's
    /// `components/schemas`) up front so references resolve regardless of
    /// order (and recursion works).
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
                let name = type_name(key);
                if let Some(other) = pointers_by_name.get(&name) {
                    return error(
                        &pointer,
                        format!("type name `{name}` collides with the one derived from {other}"),
                    );
                }
                pointers_by_name.insert(name.clone(), pointer.clone());
                self.taken.insert(name.clone());
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
            "$ref",
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
        let ty = match shaped {
            Shaped::Ref(ty) => ty,
            other => {
                let name = self.unique_name(hint);
                self.add_type(name.clone(), schema, other.into_kind());
                TypeRef::Named(name)
            }
        };
        Ok(Resolved { ty, nullable })
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
            description: object.and_then(description),
            deprecated: object.is_some_and(deprecated),
            kind,
        };
        self.types.insert(name, def);
    }

    /// Works out what `schema` is; the bool says whether `null` is allowed too.
    fn shape(&mut self, schema: &Value, pointer: &str, hint: &str) -> Result<(Shaped, bool)> {
        let object = match schema {
            Value::Bool(true) => return Ok((Shaped::Ref(TypeRef::Any), false)),
            Value::Bool(false) => return error(pointer, "the schema `false` accepts no value"),
            Value::Object(object) => object,
            _ => return error(pointer, "a schema must be an object or a boolean"),
        };
        for keyword in UNSUPPORTED_KEYWORDS {
            if object.contains_key(*keyword) {
                return error(
                    &format!("{pointer}/{}", pointer_segment(keyword)),
                    format!("the keyword `{keyword}` is not supported"),
                );
            }
        }
        if let Some(reference) = object.get("$ref") {
            if has_structure(object) {
                return self.shape_all_of(object, pointer, hint);
            }
            let at = format!("{pointer}/$ref");
            let ty = self.reference(reference, &at)?;
            // A definition that admits null stays nullable where it is used.
            let target = self.target(&local_pointer(reference, &at)?, &at)?;
            return Ok((Shaped::Ref(ty), admits_null(target)));
        }
        if let Some(value) = object.get("const") {
            return Ok((
                Shaped::Ref(const_type(value, &format!("{pointer}/const"))?),
                false,
            ));
        }
        if let Some(values) = object.get("enum") {
            return shape_enum(values, &format!("{pointer}/enum"));
        }
        let one_of = object.get("oneOf");
        let any_of = object.get("anyOf");
        if let (Some(_), Some(_)) = (one_of, any_of) {
            return error(pointer, "`oneOf` and `anyOf` together are not supported");
        }
        if let Some((keyword, branches)) = one_of
            .map(|b| ("oneOf", b))
            .or_else(|| any_of.map(|b| ("anyOf", b)))
        {
            if object.contains_key("properties") {
                return error(
                    &format!("{pointer}/properties"),
                    format!("properties beside `{keyword}` are not supported; move them into each branch"),
                );
            }
            return self.shape_union(branches, &format!("{pointer}/{keyword}"), hint);
        }
        if object.contains_key("allOf") {
            return self.shape_all_of(object, pointer, hint);
        }
        self.shape_typed(object, pointer, hint)
    }

    /// A schema with a `type` keyword, or implied by `properties` / `items`.
    fn shape_typed(
        &mut self,
        object: &Map<String, Value>,
        pointer: &str,
        hint: &str,
    ) -> Result<(Shaped, bool)> {
        let mut types: Vec<&str> = match object.get("type") {
            None if object.contains_key("properties") => vec!["object"],
            None if object.contains_key("items") => vec!["array"],
            None if object.contains_key("additionalProperties") => vec!["object"],
            None => return Ok((Shaped::Ref(TypeRef::Any), false)),
            Some(Value::String(name)) => vec![name.as_str()],
            Some(Value::Array(names)) => {
                let mut list = Vec::new();
                for (index, name) in names.iter().enumerate() {
                    match name.as_str() {
                        Some(name) => list.push(name),
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
        let nullable = types.contains(&"null");
        types.retain(|name| *name != "null");
        if types.contains(&"integer") && types.contains(&"number") {
            types.retain(|name| *name != "integer");
        }
        let type_pointer = format!("{pointer}/type");
        match types.as_slice() {
            [] => error(&type_pointer, "a type that is always null is not supported"),
            [single] => Ok((self.shape_single(single, object, pointer, hint)?, nullable)),
            several => {
                let mut variants = Vec::new();
                for name in several {
                    let ty = match self.shape_single(name, object, pointer, hint)? {
                        Shaped::Ref(ty) => ty,
                        _ => {
                            return error(
                                &type_pointer,
                                "a type list mixing objects with other types is not supported",
                            )
                        }
                    };
                    variants.push(Variant {
                        name: variant_name(&ty),
                        ty,
                        tag: None,
                        description: None,
                    });
                }
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
            "object" => return self.shape_object(object, pointer, hint),
            other => {
                return error(
                    &format!("{pointer}/type"),
                    format!("unknown type `{other}`"),
                )
            }
        };
        Ok(Shaped::Ref(ty))
    }

    fn list(&mut self, object: &Map<String, Value>, pointer: &str, hint: &str) -> Result<TypeRef> {
        let item = match object.get("items") {
            None => TypeRef::Any,
            Some(Value::Array(_)) => {
                return error(
                    &format!("{pointer}/items"),
                    "tuple arrays (`items` as a list) are not supported",
                )
            }
            Some(items) => {
                let resolved =
                    self.resolve(items, &format!("{pointer}/items"), &format!("{hint}Item"))?;
                nullable_inner(resolved)
            }
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
        let has_properties = object
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(|p| !p.is_empty());
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
            (_, Some(Value::Object(patterns))) if patterns.len() == 1 => {
                let (pattern, schema) = patterns.iter().next().expect("one entry");
                let at = format!("{pointer}/patternProperties/{}", pointer_segment(pattern));
                nullable_inner(self.resolve(schema, &at, &format!("{hint}Value"))?)
            }
            (_, Some(_)) => {
                return error(
                    &format!("{pointer}/patternProperties"),
                    "only a single pattern (a map) is supported",
                )
            }
            _ => TypeRef::Any,
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
                let at = format!("{pointer}/properties/{}", pointer_segment(key));
                let resolved = self.resolve(schema, &at, &format!("{hint}{}", type_name(key)))?;
                let property = schema.as_object();
                fields.push(Field {
                    wire_name: key.clone(),
                    ty: resolved.ty,
                    required: required.contains(key.as_str()),
                    nullable: resolved.nullable,
                    description: property.and_then(description),
                    default: property.and_then(|p| p.get("default")).cloned(),
                    deprecated: property.is_some_and(deprecated),
                });
            }
        }
        Ok(Struct { fields })
    }

    /// `allOf` (and `$ref` with sibling structure): the merged fields of every part.
    fn shape_all_of(
        &mut self,
        object: &Map<String, Value>,
        pointer: &str,
        hint: &str,
    ) -> Result<(Shaped, bool)> {
        let parts: Vec<(String, Value)> = match object.get("allOf") {
            None => Vec::new(),
            Some(Value::Array(parts)) => parts
                .iter()
                .enumerate()
                .map(|(index, part)| (format!("{pointer}/allOf/{index}"), part.clone()))
                .collect(),
            Some(_) => return error(&format!("{pointer}/allOf"), "must be an array of schemas"),
        };
        let mut own = object.clone();
        own.remove("allOf");
        let own_reference = own.remove("$ref");
        if parts.len() == 1 && own_reference.is_none() && !has_structure(&own) {
            return self.shape(&parts[0].1, &parts[0].0, hint);
        }
        let mut merged: Vec<(String, Value)> = Vec::new();
        if let Some(reference) = own_reference {
            merged.push((pointer.to_owned(), serde_json::json!({ "$ref": reference })));
        }
        merged.extend(parts);
        merged.push((pointer.to_owned(), Value::Object(own)));
        let mut fields: Vec<Field> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for (at, part) in &merged {
            for field in self.object_part_fields(part, at, hint)? {
                match index.get(&field.wire_name) {
                    Some(&position) => {
                        let existing = &mut fields[position];
                        existing.required |= field.required;
                        if existing.ty == TypeRef::Any {
                            existing.ty = field.ty;
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

    /// The fields an `allOf` part contributes; it must describe an object.
    fn object_part_fields(
        &mut self,
        part: &Value,
        pointer: &str,
        hint: &str,
    ) -> Result<Vec<Field>> {
        let Value::Object(object) = part else {
            return error(pointer, "an `allOf` part must be an object schema");
        };
        if let Some(reference) = object.get("$ref") {
            let at = format!("{pointer}/$ref");
            let target_pointer = local_pointer(reference, &at)?;
            if let Some(fields) = self.part_fields.get(&target_pointer) {
                return Ok(fields.clone());
            }
            if !self.expanding.insert(target_pointer.clone()) {
                // A cycle of `allOf` references: its fields are already being merged.
                return Ok(Vec::new());
            }
            let target = self.target(&target_pointer, &at)?;
            let fields = self.object_part_fields(target, &target_pointer, hint);
            self.expanding.remove(&target_pointer);
            let fields = fields?;
            self.part_fields.insert(target_pointer, fields.clone());
            return Ok(fields);
        }
        if object.contains_key("allOf") {
            return match self.shape_all_of(object, pointer, hint)?.0 {
                Shaped::Struct(s) => Ok(s.fields),
                _ => error(pointer, "an `allOf` part must describe an object"),
            };
        }
        let is_object = object.get("type").is_none_or(|t| t == "object");
        if !is_object {
            return error(pointer, "an `allOf` part must describe an object");
        }
        let mut required_only = self.struct_fields(object, pointer, hint)?.fields;
        // `required` may name properties defined by another part.
        for name in required_names(object, pointer)? {
            if !required_only.iter().any(|f| f.wire_name == name) {
                required_only.push(Field {
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
        Ok(required_only)
    }

    fn shape_union(
        &mut self,
        branches: &Value,
        pointer: &str,
        hint: &str,
    ) -> Result<(Shaped, bool)> {
        let Value::Array(branches) = branches else {
            return error(pointer, "must be an array of schemas");
        };
        let mut nullable = false;
        let mut kept: Vec<(String, &Value)> = Vec::new();
        for (index, branch) in branches.iter().enumerate() {
            if is_null_schema(branch) {
                nullable = true;
            } else {
                kept.push((format!("{pointer}/{index}"), branch));
            }
        }
        match kept.as_slice() {
            [] => return error(pointer, "a union of only `null` is not supported"),
            [(at, single)] => {
                let (shaped, inner_nullable) = self.shape(single, at, hint)?;
                return Ok((shaped, nullable || inner_nullable));
            }
            _ => {}
        }
        if let Some(values) = open_enum_values(&kept) {
            return Ok((Shaped::Enum(Enum { values }), nullable));
        }
        if let Some(tag) = self.discriminator(&kept) {
            return Ok((
                Shaped::Union(self.tagged_union(&kept, &tag, hint)?),
                nullable,
            ));
        }
        let mut variants: Vec<Variant> = Vec::new();
        for (index, (at, branch)) in kept.iter().enumerate() {
            let branch_hint = branch
                .get("title")
                .and_then(Value::as_str)
                .map(type_name)
                .unwrap_or_else(|| format!("{hint}Variant{}", index + 1));
            let resolved = self.resolve(branch, at, &branch_hint)?;
            nullable |= resolved.nullable;
            // A branch's own title names it best (`Text`, `Parts`); else its type.
            let mut name = branch
                .get("title")
                .and_then(Value::as_str)
                .map(type_name)
                .filter(|title| !title.is_empty())
                .unwrap_or_else(|| variant_name(&resolved.ty));
            if variants.iter().any(|v| v.name == name) {
                name = format!("{name}{}", index + 1);
            }
            variants.push(Variant {
                name,
                ty: resolved.ty,
                tag: None,
                description: branch.as_object().and_then(description),
            });
        }
        Ok((
            Shaped::Union(Union {
                discriminator: None,
                variants,
            }),
            nullable,
        ))
    }

    fn tagged_union(
        &mut self,
        branches: &[(String, &Value)],
        tag: &str,
        hint: &str,
    ) -> Result<Union> {
        let mut variants = Vec::new();
        for (at, branch) in branches {
            let target = self.dereference(branch, at)?;
            let value = tag_value(target, tag).unwrap_or_default();
            let resolved = self.resolve(branch, at, &format!("{hint}{}", type_name(&value)))?;
            variants.push(Variant {
                name: type_name(&value),
                ty: resolved.ty,
                tag: Some(value),
                description: branch.as_object().and_then(description),
            });
        }
        Ok(Union {
            discriminator: Some(tag.to_owned()),
            variants,
        })
    }

    /// A property every branch requires with a distinct constant string.
    fn discriminator(&self, branches: &[(String, &Value)]) -> Option<String> {
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
                    let required = object
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
        match schema.get("$ref") {
            Some(reference) => {
                let at = format!("{pointer}/$ref");
                let target_pointer = local_pointer(reference, &at)?;
                self.target(&target_pointer, &at)
            }
            None => Ok(schema),
        }
    }

    fn target(&self, target_pointer: &str, at: &str) -> Result<&'a Value> {
        match self.document.pointer(target_pointer) {
            Some(target) => Ok(target),
            None => error(
                at,
                format!("`$ref` target #{target_pointer} does not exist"),
            ),
        }
    }

    fn reference(&mut self, reference: &Value, at: &str) -> Result<TypeRef> {
        let target_pointer = local_pointer(reference, at)?;
        if let Some(name) = self.def_names.get(&target_pointer) {
            return Ok(TypeRef::Named(name.clone()));
        }
        let target = self.target(&target_pointer, at)?;
        // A reference into the middle of another schema: name it by its path,
        // registering the name first so recursive references terminate.
        let base = target_pointer
            .rsplit('/')
            .find(|segment| {
                !matches!(
                    *segment,
                    "properties" | "items" | "$defs" | "definitions" | ""
                )
            })
            .map(type_name)
            .unwrap_or_else(|| "Type".to_owned());
        let name = self.unique_name(&base);
        self.def_names.insert(target_pointer.clone(), name.clone());
        self.define(&name, target, &target_pointer)?;
        Ok(TypeRef::Named(name))
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

/// Whether a schema constrains structure beyond annotations (so `$ref` siblings matter).
fn has_structure(object: &Map<String, Value>) -> bool {
    [
        "properties",
        "allOf",
        "type",
        "items",
        "additionalProperties",
    ]
    .iter()
    .any(|keyword| object.contains_key(*keyword))
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
        Some(_) => error(
            &format!("{pointer}/required"),
            "must be an array of property names",
        ),
    }
}

fn local_pointer(reference: &Value, at: &str) -> Result<String> {
    let Some(reference) = reference.as_str() else {
        return error(at, "`$ref` must be a string");
    };
    match reference.strip_prefix('#') {
        Some(pointer) if pointer.is_empty() || pointer.starts_with('/') => Ok(pointer.to_owned()),
        Some(_) => error(at, format!("`$ref` `{reference}`: anchors are not supported, use a JSON pointer")),
        None => error(at, format!("external `$ref` `{reference}` is not supported; bundle the schema into one document")),
    }
}

fn const_type(value: &Value, at: &str) -> Result<TypeRef> {
    match value {
        Value::String(text) => Ok(TypeRef::Literal(text.clone())),
        Value::Bool(_) => Ok(TypeRef::Bool),
        Value::Number(n) if n.is_i64() || n.is_u64() => Ok(TypeRef::Int64),
        Value::Number(_) => Ok(TypeRef::Float64),
        _ => error(
            at,
            "only string, number and boolean constants are supported",
        ),
    }
}

fn shape_enum(values: &Value, at: &str) -> Result<(Shaped, bool)> {
    let Value::Array(values) = values else {
        return error(at, "must be an array of values");
    };
    let nullable = values.iter().any(Value::is_null);
    let non_null: Vec<&Value> = values.iter().filter(|v| !v.is_null()).collect();
    if non_null.is_empty() {
        return error(at, "an enum of only `null` is not supported");
    }
    if let Some(strings) = non_null
        .iter()
        .map(|v| v.as_str())
        .collect::<Option<Vec<_>>>()
    {
        let values = strings
            .into_iter()
            .map(|value| EnumValue {
                value: value.to_owned(),
                description: None,
            })
            .collect();
        return Ok((Shaped::Enum(Enum { values }), nullable));
    }
    if non_null.iter().all(|v| v.is_i64() || v.is_u64()) {
        return Ok((Shaped::Ref(TypeRef::Int64), nullable));
    }
    error(at, "enums must be all strings or all integers")
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
