//! The order F# needs: a type is declared after the types it references;
//! mutually recursive types share one `type … and …` declaration.

use std::collections::BTreeMap;

use crate::model::{Model, TypeDef, TypeKind, TypeRef};

/// Named types grouped into strongly connected components, dependencies
/// first (Tarjan's algorithm; it emits a component after everything it
/// references). Ties follow the model's name order, so output is stable.
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
    let mut tarjan = Tarjan {
        edges: &edges,
        next: 0,
        order: vec![None; edges.len()],
        low: vec![0; edges.len()],
        on_stack: vec![false; edges.len()],
        stack: Vec::new(),
        groups: Vec::new(),
    };
    for node in 0..edges.len() {
        if tarjan.order[node].is_none() {
            tarjan.visit(node);
        }
    }
    tarjan
        .groups
        .into_iter()
        .map(|mut group| {
            group.sort_unstable();
            group.into_iter().map(|i| &model.types[i]).collect()
        })
        .collect()
}

struct Tarjan<'a> {
    edges: &'a [Vec<usize>],
    next: usize,
    order: Vec<Option<usize>>,
    low: Vec<usize>,
    on_stack: Vec<bool>,
    stack: Vec<usize>,
    groups: Vec<Vec<usize>>,
}

impl Tarjan<'_> {
    fn visit(&mut self, node: usize) {
        self.order[node] = Some(self.next);
        self.low[node] = self.next;
        self.next += 1;
        self.stack.push(node);
        self.on_stack[node] = true;
        for &target in &self.edges[node] {
            match self.order[target] {
                None => {
                    self.visit(target);
                    self.low[node] = self.low[node].min(self.low[target]);
                }
                Some(order) if self.on_stack[target] => {
                    self.low[node] = self.low[node].min(order);
                }
                Some(_) => {}
            }
        }
        if Some(self.low[node]) == self.order[node] {
            let mut group = Vec::new();
            while let Some(member) = self.stack.pop() {
                self.on_stack[member] = false;
                group.push(member);
                if member == node {
                    break;
                }
            }
            self.groups.push(group);
        }
    }
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
