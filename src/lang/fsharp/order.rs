//! The order F# needs: a type is declared after the types it references;
//! mutually recursive types share one `type … and …` declaration.

use std::collections::BTreeMap;

use crate::model::graph::strongly_connected;
use crate::model::{Model, TypeDef, TypeKind, TypeRef};

/// Named types grouped into strongly connected components, dependencies
/// first. Ties follow the model's name order, so output is stable.
pub fn dependency_groups(model: &Model) -> Vec<Vec<&TypeDef>> {
    let index: BTreeMap<&str, usize> = model
        .types
        .iter()
        .enumerate()
        .map(|(i, def)| (def.name.as_str(), i))
        .collect();
    let edges: Vec<Vec<usize>> = model
        .types
        .iter()
        .map(|def| {
            let mut names = Vec::new();
            match &def.kind {
                TypeKind::Struct(s) => s.fields.iter().for_each(|f| referenced(&f.ty, &mut names)),
                TypeKind::Union(u) => u
                    .variants
                    .iter()
                    .for_each(|v| referenced(&v.ty, &mut names)),
                TypeKind::Alias(ty) => referenced(ty, &mut names),
                TypeKind::Enum(_) => {}
            }
            let mut targets: Vec<usize> = names
                .iter()
                .filter_map(|name| index.get(name.as_str()).copied())
                .collect();
            targets.sort_unstable();
            targets.dedup();
            targets
        })
        .collect();
    strongly_connected(&edges)
        .into_iter()
        .map(|group| group.into_iter().map(|i| &model.types[i]).collect())
        .collect()
}

fn referenced(ty: &TypeRef, names: &mut Vec<String>) {
    match ty {
        TypeRef::Named(name) => names.push(name.clone()),
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            referenced(inner, names)
        }
        _ => {}
    }
}
