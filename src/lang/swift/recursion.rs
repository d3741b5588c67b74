//! Which Swift values need indirection: structs and enums are stored inline,
//! so a type that holds itself must box a field or be an `indirect enum`.

use std::collections::BTreeMap;

use crate::model::graph::cyclic_nodes;
use crate::model::{Model, TypeKind, TypeRef};

/// The model type a value of `ty` holds inline (not behind an array or dictionary).
pub(super) fn inline_target(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(name) => Some(name),
        TypeRef::Nullable(inner) => inline_target(inner),
        _ => None,
    }
}

/// Which values must live on the heap: Swift structs and enums are stored
/// inline, so a value that holds itself (directly or through other types)
/// needs indirection. Computed once from the type graph's cycles.
pub(super) struct Recursion {
    index: BTreeMap<String, usize>,
    /// Unions on a cycle of inline holding; they are declared `indirect`.
    indirect: Vec<bool>,
    /// Components of the graph with the indirect unions' edges cut: a field
    /// must be boxed when its target is in its owner's component.
    component: Vec<usize>,
}

impl Recursion {
    pub(super) fn new(model: &Model) -> Self {
        let index: BTreeMap<String, usize> = model
            .types
            .iter()
            .enumerate()
            .map(|(i, def)| (def.name.clone(), i))
            .collect();
        let targets = |refs: Vec<&TypeRef>| -> Vec<usize> {
            refs.into_iter()
                .filter_map(|ty| inline_target(ty).and_then(|name| index.get(name).copied()))
                .collect()
        };
        let edges: Vec<Vec<usize>> = model
            .types
            .iter()
            .map(|def| match &def.kind {
                TypeKind::Struct(s) => targets(s.fields.iter().map(|f| &f.ty).collect()),
                TypeKind::Union(u) => targets(u.variants.iter().map(|v| &v.ty).collect()),
                TypeKind::Alias(ty) => targets(vec![ty]),
                TypeKind::Enum(_) => Vec::new(),
            })
            .collect();
        let (_, cyclic) = cyclic_nodes(&edges);
        let indirect: Vec<bool> = model
            .types
            .iter()
            .zip(&cyclic)
            .map(|(def, &cyclic)| cyclic && matches!(def.kind, TypeKind::Union(_)))
            .collect();
        let cut: Vec<Vec<usize>> = edges
            .into_iter()
            .zip(&indirect)
            .map(|(targets, &indirect)| if indirect { Vec::new() } else { targets })
            .collect();
        let (component, _) = cyclic_nodes(&cut);
        Self {
            index,
            indirect,
            component,
        }
    }

    /// Whether the union `name` holds itself and so is an `indirect enum`.
    pub(super) fn is_indirect(&self, name: &str) -> bool {
        self.index.get(name).is_some_and(|&i| self.indirect[i])
    }

    /// Whether a field of struct `owner` must be boxed: its type holds `owner`
    /// inline (an indirect union already puts its payloads on the heap).
    pub(super) fn field_boxed(&self, owner: &str, ty: &TypeRef) -> bool {
        let (Some(target), Some(&owner)) = (
            inline_target(ty).and_then(|name| self.index.get(name)),
            self.index.get(owner),
        ) else {
            return false;
        };
        !self.indirect[*target]
            && (*target == owner || self.component[*target] == self.component[owner])
    }
}
