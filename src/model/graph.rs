//! Strongly connected components of the type graph, for backends that must
//! know which types are recursive (declaration order, boxing, forward refs).

const UNSEEN: usize = usize::MAX;

/// The strongly connected components of the graph whose node `i` has edges to
/// `edges[i]`, each sorted, dependencies first: a component comes after every
/// component it has an edge to. Tarjan's algorithm, iterative so that a long
/// chain of types cannot overflow the stack; linear in nodes plus edges.
pub fn strongly_connected(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let count = edges.len();
    let mut order = vec![UNSEEN; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut stack: Vec<usize> = Vec::new();
    let mut components = Vec::new();
    let mut next = 0;
    // The depth-first path: each node with the index of its next edge to follow.
    let mut path: Vec<(usize, usize)> = Vec::new();
    for root in 0..count {
        if order[root] != UNSEEN {
            continue;
        }
        path.push((root, 0));
        while let Some(top) = path.last_mut() {
            let (node, edge) = *top;
            if edge == 0 && order[node] == UNSEEN {
                order[node] = next;
                low[node] = next;
                next += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&target) = edges[node].get(edge) {
                top.1 += 1;
                if order[target] == UNSEEN {
                    path.push((target, 0));
                } else if on_stack[target] {
                    low[node] = low[node].min(order[target]);
                }
                continue;
            }
            path.pop();
            if let Some(&(parent, _)) = path.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == order[node] {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                component.sort_unstable();
                components.push(component);
            }
        }
    }
    components
}

/// For each node, the index of its component in [`strongly_connected`]'s result,
/// and whether the node is on a cycle (a component of several nodes, or a self-edge).
pub fn cyclic_nodes(edges: &[Vec<usize>]) -> (Vec<usize>, Vec<bool>) {
    let mut component_of = vec![0; edges.len()];
    let mut cyclic = vec![false; edges.len()];
    for (index, component) in strongly_connected(edges).iter().enumerate() {
        for &node in component {
            component_of[node] = index;
            cyclic[node] = component.len() > 1 || edges[node].contains(&node);
        }
    }
    (component_of, cyclic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_come_dependencies_first() {
        // 0 → 1 → 2 → 1, 3 → 3, 4 alone
        let edges = vec![vec![1], vec![2], vec![1], vec![3], vec![]];
        assert_eq!(
            strongly_connected(&edges),
            vec![vec![1, 2], vec![0], vec![3], vec![4]]
        );
        let (component_of, cyclic) = cyclic_nodes(&edges);
        assert_eq!(component_of[1], component_of[2]);
        assert_ne!(component_of[0], component_of[1]);
        assert_eq!(cyclic, vec![false, true, true, true, false]);
    }

    #[test]
    fn a_long_chain_does_not_overflow_the_stack() {
        let count = 200_000;
        let edges: Vec<Vec<usize>> = (0..count).map(|i| vec![(i + 1) % count]).collect();
        let components = strongly_connected(&edges);
        assert_eq!(components.len(), 1);
        assert_eq!(components[0].len(), count);
    }
}
