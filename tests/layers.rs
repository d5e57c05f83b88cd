//! The crate's modules form layers: no module reaches back to one that uses
//! it, so each can be read (and changed) knowing only those below it. Read
//! from the source: every `crate::name` outside test code is an edge.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level module → the top-level modules it names.
fn edges() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix(&src).expect("under src");
            let first = relative.components().next().expect("a name");
            let module = first
                .as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string();
            if module == "main" || module == "lib" {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read a source file");
            // Unit tests may use anything.
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            let uses = edges.entry(module.clone()).or_default();
            for (at, _) in code.match_indices("crate::") {
                let name: String = code[at + 7..]
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect();
                if !name.is_empty() && name != module {
                    uses.insert(name);
                }
            }
        }
    }
    edges
}

#[test]
fn no_module_reaches_back_to_one_that_uses_it() {
    let edges = edges();
    assert!(edges.len() > 10, "the modules were found: {edges:?}");
    // Depth-first search from every module; a module met again on the current
    // path closes a cycle.
    fn visit(
        at: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        cycles: &mut Vec<Vec<String>>,
    ) {
        for next in edges.get(at).into_iter().flatten() {
            if let Some(start) = path.iter().position(|m| m == next) {
                let mut cycle = path[start..].to_vec();
                cycle.push(next.clone());
                cycles.push(cycle);
            } else if path.len() < edges.len() {
                path.push(next.clone());
                visit(next, edges, path, cycles);
                path.pop();
            }
        }
    }
    let mut cycles = Vec::new();
    for module in edges.keys() {
        visit(module, &edges, &mut vec![module.clone()], &mut cycles);
    }
    // Each cycle once, whichever module it was found from.
    let mut seen = BTreeSet::new();
    cycles.retain(|c| seen.insert(c.iter().cloned().collect::<BTreeSet<String>>()));
    let shown: Vec<String> = cycles.iter().take(5).map(|c| c.join(" → ")).collect();
    assert!(
        cycles.is_empty(),
        "import cycles ({} in all): {shown:#?}",
        cycles.len()
    );
}
