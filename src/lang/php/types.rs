//! How model types map to PHP: class names, native and PHPDoc types, and the
//! expressions that decode and encode values.

use std::collections::{BTreeMap, BTreeSet};

use super::names::{is_reserved_class, join_types, php_string};
use crate::lang::ident::{unique, CaseInsensitive};
use crate::model::{Model, TypeKind, TypeRef, Union};

/// The longest native union type declared as it is (see `Ctx::native`).
const NATIVE_UNION_MAX: usize = 60;

/// The native types `native_parts` gives besides class names.
const BUILTIN_TYPES: &[&str] = &["string", "bool", "int", "float", "array", "mixed", "null"];

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Repr {
    /// A final class (possibly extending a tagged union's base class).
    Struct,
    /// A final class wrapping the string.
    Enum,
    /// A tagged union as an abstract base class of its variants.
    Base,
    /// An untagged union or alias: a native (union) type at use sites,
    /// decoded by a static-only class.
    Codec,
}

#[derive(Clone)]
pub struct Ctx<'a> {
    pub model: &'a Model,
    /// Prepended to DTO class names: "" inside the DTO namespace, `Dto\` above it.
    pub prefix: &'static str,
    pub classes: BTreeMap<&'a str, String>,
    pub reprs: BTreeMap<&'a str, Repr>,
    /// A tagged-union variant's base class.
    pub parents: BTreeMap<&'a str, String>,
}

impl<'a> Ctx<'a> {
    pub fn new(model: &'a Model) -> Self {
        // PHP class names are case-insensitive.
        let mut used = CaseInsensitive::default();
        let mut classes = BTreeMap::new();
        let mut reprs = BTreeMap::new();
        for def in &model.types {
            let name = if is_reserved_class(&def.name) {
                format!("{}Type", def.name)
            } else {
                def.name.clone()
            };
            classes.insert(def.name.as_str(), unique(name, &mut used));
            let repr = match &def.kind {
                TypeKind::Struct(_) => Repr::Struct,
                TypeKind::Enum(_) => Repr::Enum,
                TypeKind::Union(_) | TypeKind::Alias(_) => Repr::Codec,
            };
            reprs.insert(def.name.as_str(), repr);
        }
        // A tagged union becomes a base class when its variants are structs that
        // belong to no other tagged union (a class has only one parent).
        let mut memberships: BTreeMap<&str, usize> = BTreeMap::new();
        for def in &model.types {
            if let TypeKind::Union(u) = &def.kind {
                if u.discriminator.is_some() {
                    for name in variant_structs(model, u).into_iter().flatten() {
                        *memberships.entry(name).or_default() += 1;
                    }
                }
            }
        }
        let mut parents = BTreeMap::new();
        for def in &model.types {
            let TypeKind::Union(u) = &def.kind else {
                continue;
            };
            let Some(names) = variant_structs(model, u).filter(|_| u.discriminator.is_some())
            else {
                continue;
            };
            let distinct: BTreeSet<&str> = names.iter().copied().collect();
            if distinct.len() == names.len() && names.iter().all(|n| memberships[n] == 1) {
                reprs.insert(def.name.as_str(), Repr::Base);
                for name in names {
                    parents.insert(name, classes[def.name.as_str()].clone());
                }
            }
        }
        Ctx {
            model,
            prefix: "",
            classes,
            reprs,
            parents,
        }
    }

    pub fn class(&self, name: &str) -> String {
        self.classes
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_owned())
    }

    pub fn repr(&self, name: &str) -> Repr {
        self.reprs.get(name).copied().unwrap_or(Repr::Codec)
    }

    /// The members of a native type declaration (`string`, `array`, a class,
    /// `mixed`), in order and without repeats; `null` last when allowed.
    pub fn native_parts(&self, ty: &TypeRef, seen: &mut Vec<String>, out: &mut Vec<String>) {
        let mut push = |part: &str| {
            if !out.iter().any(|p| p == part) {
                out.push(part.to_owned());
            }
        };
        match ty {
            TypeRef::String | TypeRef::DateTime | TypeRef::Literal(_) => push("string"),
            TypeRef::Bool => push("bool"),
            TypeRef::Int32 | TypeRef::Int64 => push("int"),
            TypeRef::Float64 => push("float"),
            TypeRef::List(_) | TypeRef::Map(_) => push("array"),
            TypeRef::Any => push("mixed"),
            TypeRef::Nullable(inner) => {
                self.native_parts(inner, seen, out);
                if !out.iter().any(|p| p == "null") {
                    out.push("null".to_owned());
                }
            }
            TypeRef::Named(name) => match self.repr(name) {
                Repr::Codec if !seen.contains(name) => {
                    seen.push(name.clone());
                    for variant in self.codec_variants(name) {
                        self.native_parts(&variant, seen, out);
                    }
                    seen.pop();
                }
                Repr::Codec => push("mixed"),
                _ => push(&self.dto_ref(name)),
            },
        }
    }

    /// The native type of `ty` (or `null`), as a declaration. A union longer
    /// than `NATIVE_UNION_MAX` declares its classes as one `object` (the doc
    /// comments keep the precise type): a union of dozens of classes would
    /// make a declaration no PSR-12 line can hold.
    pub fn native(&self, ty: &TypeRef, nullable: bool) -> String {
        let mut parts = Vec::new();
        self.native_parts(ty, &mut Vec::new(), &mut parts);
        if nullable && !parts.iter().any(|p| p == "null") {
            parts.push("null".to_owned());
        }
        let joined = join_types(parts.clone());
        let members = parts.iter().filter(|p| *p != "null").count();
        if joined.chars().count() <= NATIVE_UNION_MAX || members < 2 {
            return joined;
        }
        let mut widened: Vec<String> = Vec::new();
        for part in parts {
            let part = if BUILTIN_TYPES.contains(&part.as_str()) {
                part
            } else {
                "object".to_owned()
            };
            if !widened.contains(&part) {
                widened.push(part);
            }
        }
        join_types(widened)
    }

    /// The PHPDoc type of `ty`: generic arrays and literal strings spelled out.
    pub fn doc(&self, ty: &TypeRef, seen: &mut Vec<String>) -> String {
        match ty {
            TypeRef::Literal(value) => php_string(value),
            TypeRef::List(item) => format!("list<{}>", self.doc(item, seen)),
            TypeRef::Map(value) => format!("array<string, {}>", self.doc(value, seen)),
            TypeRef::Nullable(inner) => join_types(vec![self.doc(inner, seen), "null".to_owned()]),
            TypeRef::Named(name) if self.repr(name) == Repr::Codec && !seen.contains(name) => {
                seen.push(name.clone());
                let parts = self
                    .codec_variants(name)
                    .iter()
                    .map(|variant| self.doc(variant, seen))
                    .collect();
                seen.pop();
                join_types(parts)
            }
            _ => self.native(ty, false),
        }
    }

    pub fn doc_type(&self, ty: &TypeRef, nullable: bool) -> String {
        let doc = self.doc(ty, &mut Vec::new());
        if nullable {
            join_types(vec![doc, "null".to_owned()])
        } else {
            doc
        }
    }

    /// The types a codec class stands for (an alias has one).
    pub fn codec_variants(&self, name: &str) -> Vec<TypeRef> {
        match self.model.get(name).map(|def| &def.kind) {
            Some(TypeKind::Union(u)) => u.variants.iter().map(|v| v.ty.clone()).collect(),
            Some(TypeKind::Alias(ty)) => vec![ty.clone()],
            _ => vec![TypeRef::Any],
        }
    }

    /// A `Closure(mixed, string): T` decoding values of `ty`.
    pub fn decoder(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::String | TypeRef::DateTime => "Json::string(...)".to_owned(),
            TypeRef::Bool => "Json::bool(...)".to_owned(),
            TypeRef::Int32 | TypeRef::Int64 => "Json::int(...)".to_owned(),
            TypeRef::Float64 => "Json::float(...)".to_owned(),
            TypeRef::Any => "Json::any(...)".to_owned(),
            TypeRef::Literal(value) => format!("Json::literal({})", php_string(value)),
            TypeRef::List(item) => format!("Json::listOf({})", self.decoder(item)),
            TypeRef::Map(value) => format!("Json::mapOf({})", self.decoder(value)),
            TypeRef::Nullable(inner) => format!("Json::nullable({})", self.decoder(inner)),
            TypeRef::Named(name) => {
                let class = self.dto_ref(name);
                match self.repr(name) {
                    Repr::Struct | Repr::Base => format!("Json::struct({class}::fromArray(...))"),
                    Repr::Enum => format!("Json::openEnum({class}::class)"),
                    Repr::Codec => format!("{class}::decode(...)"),
                }
            }
        }
    }

    /// How the client and DTO files name a DTO class: DTO files share its
    /// namespace; the client file is one level up and prefixes `Dto\`.
    pub fn dto_ref(&self, name: &str) -> String {
        format!("{}{}", self.prefix, self.class(name))
    }

    /// Whether values of `ty` need converting before `json_encode` (maps must
    /// become objects so that `{}` and `{"0": …}` keep their shape).
    pub fn needs_encode(&self, ty: &TypeRef, seen: &mut Vec<String>) -> bool {
        match ty {
            TypeRef::Map(_) => true,
            TypeRef::List(inner) | TypeRef::Nullable(inner) => self.needs_encode(inner, seen),
            TypeRef::Named(name) if self.repr(name) == Repr::Codec && !seen.contains(name) => {
                seen.push(name.clone());
                let needs = self
                    .codec_variants(name)
                    .iter()
                    .any(|variant| self.needs_encode(variant, seen));
                seen.pop();
                needs
            }
            _ => false,
        }
    }

    /// `expr` (a value of `ty`) ready for `json_encode`.
    pub fn encode(&self, ty: &TypeRef, expr: &str) -> String {
        if !self.needs_encode(ty, &mut Vec::new()) {
            return expr.to_owned();
        }
        match ty {
            TypeRef::Map(value) if !self.needs_encode(value, &mut Vec::new()) => {
                format!("(object) {expr}")
            }
            TypeRef::Map(value) => format!(
                "(object) array_map(static fn (mixed $item): mixed => {}, {expr})",
                self.encode(value, "$item")
            ),
            TypeRef::List(item) => format!(
                "array_map(static fn (mixed $item): mixed => {}, {expr})",
                self.encode(item, "$item")
            ),
            TypeRef::Nullable(inner) => {
                format!("{expr} === null ? null : {}", self.encode(inner, expr))
            }
            TypeRef::Named(name) => format!("{}::encode({expr})", self.dto_ref(name)),
            _ => expr.to_owned(),
        }
    }
}

/// The struct names of a union's variants, when every variant is a struct.
fn variant_structs<'m>(model: &'m Model, union: &Union) -> Option<Vec<&'m str>> {
    union
        .variants
        .iter()
        .map(|v| match &v.ty {
            TypeRef::Named(name) => model
                .get(name)
                .filter(|def| def.as_struct().is_some())
                .map(|def| def.name.as_str()),
            _ => None,
        })
        .collect()
}
