//! Model types renamed away from names a backend's own runtime exports
//! (`ApiError`, `RequestOptions`, …), so a schema type never collides with
//! them: the type keeps its wire shape and gets the next free name.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

use crate::model::{Model, TypeKind, TypeRef};

/// `model` with every type named in `reserved` renamed (`ApiError` →
/// `ApiError2`), every reference to it included; borrowed when none collides.
pub fn avoid_reserved<'m>(model: &'m Model, reserved: &[&str]) -> Cow<'m, Model> {
    rename_reserved(model, reserved, |name| name.to_owned())
}

/// [`avoid_reserved`] for a case-insensitive language (VB.NET): `URI`
/// collides with a reserved `Uri`, and a fresh name must differ from every
/// other name in more than case.
pub fn avoid_reserved_ignoring_case<'m>(model: &'m Model, reserved: &[&str]) -> Cow<'m, Model> {
    rename_reserved(model, reserved, str::to_lowercase)
}

fn rename_reserved<'m>(
    model: &'m Model,
    reserved: &[&str],
    key: impl Fn(&str) -> String,
) -> Cow<'m, Model> {
    let reserved: HashSet<String> = reserved.iter().map(|name| key(name)).collect();
    if !model
        .types
        .iter()
        .any(|def| reserved.contains(&key(&def.name)))
    {
        return Cow::Borrowed(model);
    }
    let mut taken: HashSet<String> = model.types.iter().map(|def| key(&def.name)).collect();
    taken.extend(reserved.iter().cloned());
    let mut renames = BTreeMap::new();
    for def in &model.types {
        if reserved.contains(&key(&def.name)) {
            let fresh = (2..)
                .map(|n| format!("{}{n}", def.name))
                .find(|candidate| !taken.contains(&key(candidate)))
                .unwrap_or_else(|| def.name.clone());
            taken.insert(key(&fresh));
            renames.insert(def.name.clone(), fresh);
        }
    }
    let name = |old: &String| renames.get(old).cloned().unwrap_or_else(|| old.clone());
    let mut renamed = model.clone();
    for def in &mut renamed.types {
        def.name = name(&def.name);
        match &mut def.kind {
            TypeKind::Struct(s) => s
                .fields
                .iter_mut()
                .for_each(|f| retarget(&mut f.ty, &renames)),
            TypeKind::Union(u) => u
                .variants
                .iter_mut()
                .for_each(|v| retarget(&mut v.ty, &renames)),
            TypeKind::Alias(ty) => retarget(ty, &renames),
            TypeKind::Enum(_) => {}
        }
    }
    renamed.types.sort_by(|a, b| a.name.cmp(&b.name));
    for op in &mut renamed.operations {
        op.request = name(&op.request);
        op.response = name(&op.response);
        if let Some(stream) = &mut op.stream {
            stream.event = name(&stream.event);
        }
    }
    Cow::Owned(renamed)
}

fn retarget(ty: &mut TypeRef, renames: &BTreeMap<String, String>) {
    match ty {
        TypeRef::Named(name) => {
            if let Some(fresh) = renames.get(name) {
                *name = fresh.clone();
            }
        }
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            retarget(inner, renames)
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load;
    use serde_json::json;

    #[test]
    fn reserved_names_move_aside_with_every_reference() {
        let model = load(&json!({"$defs": {
            "ApiError": {"type": "object", "properties": {"next": {"$ref": "#/$defs/ApiError"}}},
            "ApiError2": {"type": "string"},
            "Holder": {"type": "object", "properties": {"e": {"type": "array", "items": {"$ref": "#/$defs/ApiError"}}}}
        }}))
        .expect("loads");
        let renamed = avoid_reserved(&model, &["ApiError"]);
        let names: Vec<&str> = renamed.types.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["ApiError2", "ApiError3", "Holder"]);
        let holder = renamed
            .get("Holder")
            .and_then(|d| d.as_struct())
            .expect("struct");
        assert_eq!(
            holder.fields[0].ty,
            TypeRef::List(Box::new(TypeRef::Named("ApiError3".into())))
        );
        assert!(matches!(
            avoid_reserved(&model, &["Nope"]),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn case_insensitive_reserved_names_move_aside_from_every_spelling() {
        let model = load(&json!({"$defs": {
            "URI": {"type": "object", "properties": {"next": {"$ref": "#/$defs/URI"}}},
            "uri2": {"type": "string"},
            "Holder": {"type": "object", "properties": {"u": {"$ref": "#/$defs/URI"}}}
        }}))
        .expect("loads");
        let renamed = avoid_reserved_ignoring_case(&model, &["Uri"]);
        let names: Vec<&str> = renamed.types.iter().map(|d| d.name.as_str()).collect();
        assert!(names.contains(&"URI3"), "{names:?}");
        assert!(!names.contains(&"URI"), "{names:?}");
        let holder = renamed
            .get("Holder")
            .and_then(|d| d.as_struct())
            .expect("struct");
        assert_eq!(holder.fields[0].ty, TypeRef::Named("URI3".into()));
        // Case-sensitively, `URI` is not `Uri`.
        assert!(matches!(avoid_reserved(&model, &["Uri"]), Cow::Borrowed(_)));
    }
}
