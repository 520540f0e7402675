//! `cargo xtask modules`: fails when the modules of a crate import each other
//! in a circle, and lists every cycle with the files and lines that close it.
//!
//! The graph has one node per module (a file, or an inline `mod x { … }`) of
//! each crate root (`src/lib.rs`, `src/main.rs`, `src/bin/*.rs`) of `server`,
//! `frontend` and `shared`. An edge `a → b` is a reference from `a`'s own code
//! to an item of `b`: a `use crate::…` / `use super::…` / `use self::…` /
//! `use child::…` import, a path such as `crate::b::f()` or `child::f()` in
//! code, in a type, in an attribute (`#[openapi(paths(crate::routes::…))]`)
//! or inside a macro call (`view! { … }`), each resolved to the module that
//! holds the named item (the longest prefix of the path that is a module). A
//! name brought in by `use` is followed: after `use crate::services;`,
//! `services::stats::f()` is an edge to `services::stats`. Not edges: the
//! `mod x;` declarations, and a module's `pub use child::…` re-exports of its
//! own descendants (they are how a parent names its children's items for the
//! rest of the crate; the parent depends on them no more than through `mod`).
//!
//! Why this and not a crate: `cargo-modules dependencies --acyclic` does this
//! analysis with rust-analyzer, which takes far longer to build than the
//! budget on this 2-core machine allows (the `ra_ap_*` crates), has to load
//! the whole dependency graph on every run, and counts a parent's re-exports
//! of its children as edges. `syn` is already in the build (it parses the
//! derive macros), so this check costs one small crate; it uses `visit-mut`,
//! the visitor feature the workspace already builds, so the proc-macro crates
//! are not built a second time with other features.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use proc_macro2::{Spacing, TokenStream, TokenTree};
use syn::visit_mut::{self, VisitMut};

/// The crates whose modules must not import each other in a circle.
pub const CRATES: [&str; 3] = ["server", "frontend", "shared"];

/// Checks the crates under `root`: `Ok(report)` when no crate has a cycle,
/// else an error whose text lists every cycle.
pub fn check(root: &Path) -> Result<String> {
    let mut report = String::new();
    let mut cycles = 0;
    let mut modules = 0;
    for name in CRATES {
        for (label, file) in crate_roots(&root.join(name))? {
            let krate = Crate::load(&label, &file, root)?;
            modules += krate.modules.len();
            let found = krate.cycles();
            cycles += found.len();
            for cycle in found {
                report.push_str(&krate.describe(&cycle));
            }
        }
    }
    if cycles > 0 {
        bail!("{cycles} module cycle(s) in {modules} modules:\n\n{report}");
    }
    Ok(format!(
        "no module cycles in {modules} modules ({})",
        CRATES.join(", ")
    ))
}

/// The crate roots of a package: its library, its main binary and the
/// binaries under `src/bin/`, each with the label its modules are shown with.
fn crate_roots(package: &Path) -> Result<Vec<(String, PathBuf)>> {
    let name = package
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let src = package.join("src");
    let mut roots = Vec::new();
    if src.join("lib.rs").is_file() {
        roots.push((name.clone(), src.join("lib.rs")));
    }
    if src.join("main.rs").is_file() {
        roots.push((format!("{name}(main.rs)"), src.join("main.rs")));
    }
    if let Ok(entries) = std::fs::read_dir(src.join("bin")) {
        let mut bins: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "rs"))
            .collect();
        bins.sort();
        for bin in bins {
            let stem = bin.file_stem().unwrap_or_default().to_string_lossy();
            roots.push((format!("{name}(bin {stem})"), bin));
        }
    }
    if roots.is_empty() {
        bail!(
            "{} has neither src/lib.rs nor src/main.rs",
            package.display()
        );
    }
    Ok(roots)
}

/// A module: its path from the crate root, its file and its own items (the
/// bodies of inline child modules are taken out into the child).
struct Module {
    path: Vec<String>,
    file: PathBuf,
    items: Vec<syn::Item>,
    parent: Option<usize>,
    children: BTreeMap<String, usize>,
}

/// Where an edge comes from, to show next to a cycle.
#[derive(Clone)]
struct Evidence {
    line: usize,
    text: String,
}

struct Crate {
    label: String,
    root: PathBuf,
    modules: Vec<Module>,
    by_path: HashMap<Vec<String>, usize>,
    /// `edges[a][b]`: the first reference from module `a` to module `b`.
    edges: Vec<BTreeMap<usize, Evidence>>,
}

impl Crate {
    fn load(label: &str, file: &Path, root: &Path) -> Result<Self> {
        let mut krate = Crate {
            label: label.to_owned(),
            root: root.to_owned(),
            modules: Vec::new(),
            by_path: HashMap::new(),
            edges: Vec::new(),
        };
        let items = parse(file)?;
        let dir = file.parent().unwrap_or(Path::new(".")).to_owned();
        krate.add(Vec::new(), file.to_owned(), &dir, items, None)?;
        krate.edges = (0..krate.modules.len())
            .map(|m| krate.edges_of(m))
            .collect();
        Ok(krate)
    }

    /// Adds a module and, depth first, its children; `dir` is where the
    /// files of its `mod x;` children are.
    fn add(
        &mut self,
        path: Vec<String>,
        file: PathBuf,
        dir: &Path,
        mut items: Vec<syn::Item>,
        parent: Option<usize>,
    ) -> Result<usize> {
        let index = self.modules.len();
        self.by_path.insert(path.clone(), index);
        let mut children = Vec::new();
        for item in &mut items {
            let syn::Item::Mod(m) = item else { continue };
            let name = m.ident.to_string();
            let mut child_path = path.clone();
            child_path.push(name.clone());
            let explicit = path_attribute(&m.attrs).map(|p| dir.join(p));
            match m.content.as_mut() {
                Some((_, inner)) => {
                    let inner = std::mem::take(inner);
                    children.push((
                        name.clone(),
                        child_path,
                        file.clone(),
                        dir.join(&name),
                        inner,
                    ));
                }
                None => {
                    let flat = dir.join(format!("{name}.rs"));
                    let nested = dir.join(&name).join("mod.rs");
                    let (child_file, child_dir) = match explicit {
                        Some(p) => {
                            let d = p.parent().unwrap_or(dir).to_owned();
                            (p, d)
                        }
                        None if flat.is_file() => (flat, dir.join(&name)),
                        None if nested.is_file() => (nested, dir.join(&name)),
                        None => bail!(
                            "{}: `mod {name};` has neither {} nor {}",
                            file.display(),
                            flat.display(),
                            nested.display()
                        ),
                    };
                    let inner = parse(&child_file)?;
                    children.push((name.clone(), child_path, child_file, child_dir, inner));
                }
            }
        }
        self.modules.push(Module {
            path,
            file,
            items: Vec::new(),
            parent,
            children: BTreeMap::new(),
        });
        for (name, child_path, child_file, child_dir, inner) in children {
            let child = self.add(child_path, child_file, &child_dir, inner, Some(index))?;
            self.modules[index].children.insert(name, child);
        }
        self.modules[index].items = items;
        Ok(index)
    }

    /// The edges that start at module `m`.
    fn edges_of(&mut self, m: usize) -> BTreeMap<usize, Evidence> {
        let mut items = std::mem::take(&mut self.modules[m].items);
        let mut uses = Uses::default();
        for item in &mut items {
            uses.visit_item_mut(item);
        }
        let mut leaves = Vec::new();
        for (public, tree) in &uses.trees {
            expand(tree, Vec::new(), *public, &mut leaves);
        }
        // Names brought in by `use` (a few rounds, for `use a::b; use b::c;`).
        let mut aliases: HashMap<String, Vec<String>> = HashMap::new();
        for _ in 0..3 {
            for leaf in &leaves {
                if let (Some(alias), Some(target)) =
                    (&leaf.alias, self.absolute(m, &leaf.segments, &aliases))
                {
                    aliases.insert(alias.clone(), target);
                }
            }
        }
        let mut edges = BTreeMap::new();
        for leaf in &leaves {
            let Some(target) = self.absolute(m, &leaf.segments, &aliases) else {
                continue;
            };
            if !leaf.glob && self.by_path.contains_key(&target) {
                // A module brought in by name: its uses in code are the edges.
                continue;
            }
            let to = self.module_of(&target);
            if leaf.public && self.is_descendant(to, m) {
                continue;
            }
            let text = format!(
                "use {}{}",
                leaf.segments.join("::"),
                if leaf.glob { "::*" } else { "" }
            );
            self.add_edge(&mut edges, m, to, leaf.line, text);
        }
        let mut paths = Paths::default();
        for item in &mut items {
            paths.visit_item_mut(item);
        }
        for (segments, line) in paths.found {
            let Some(target) = self.absolute(m, &segments, &aliases) else {
                continue;
            };
            if self.by_path.contains_key(&target) {
                continue;
            }
            let to = self.module_of(&target);
            self.add_edge(&mut edges, m, to, line, segments.join("::"));
        }
        self.modules[m].items = items;
        edges
    }

    fn add_edge(
        &self,
        edges: &mut BTreeMap<usize, Evidence>,
        from: usize,
        to: usize,
        line: usize,
        text: String,
    ) {
        if from != to {
            edges.entry(to).or_insert(Evidence { line, text });
        }
    }

    /// The path from the crate root that `segments`, written in module `m`,
    /// names; `None` for other crates and for `m`'s own items.
    fn absolute(
        &self,
        m: usize,
        segments: &[String],
        aliases: &HashMap<String, Vec<String>>,
    ) -> Option<Vec<String>> {
        let first = segments.first()?;
        let module = &self.modules[m];
        let (mut base, rest) = match first.as_str() {
            "crate" => (Vec::new(), &segments[1..]),
            "self" => (module.path.clone(), &segments[1..]),
            "super" => {
                let mut at = m;
                let mut rest = segments;
                while rest.first().is_some_and(|s| s == "super") {
                    at = self.modules[at].parent?;
                    rest = &rest[1..];
                }
                (self.modules[at].path.clone(), rest)
            }
            name if module.children.contains_key(name) => (module.path.clone(), segments),
            name => (aliases.get(name)?.clone(), &segments[1..]),
        };
        base.extend(rest.iter().cloned());
        Some(base)
    }

    /// The module that holds the item at `path`: its longest module prefix.
    fn module_of(&self, path: &[String]) -> usize {
        (0..=path.len())
            .rev()
            .find_map(|k| self.by_path.get(&path[..k]).copied())
            .unwrap_or(0)
    }

    /// Whether `m` lies strictly inside `ancestor`.
    fn is_descendant(&self, m: usize, ancestor: usize) -> bool {
        let mut at = self.modules[m].parent;
        while let Some(p) = at {
            if p == ancestor {
                return true;
            }
            at = self.modules[p].parent;
        }
        false
    }

    /// Every cycle, as module indices `[a, b, …, a]`: for each edge inside a
    /// strongly connected component, the shortest way back (so every edge that
    /// takes part in a cycle is shown in at least one of them).
    fn cycles(&self) -> Vec<Vec<usize>> {
        let components = strongly_connected(&self.edges);
        let mut found = BTreeSet::new();
        for component in components.iter().filter(|c| c.len() > 1) {
            let inside: BTreeSet<usize> = component.iter().copied().collect();
            for &u in component {
                for &v in self.edges[u].keys().filter(|v| inside.contains(v)) {
                    if let Some(back) = shortest_path(&self.edges, &inside, v, u) {
                        let mut cycle = vec![u];
                        cycle.extend(back);
                        found.insert(rotate(cycle));
                    }
                }
            }
        }
        found.into_iter().collect()
    }

    fn name(&self, m: usize) -> String {
        let path = &self.modules[m].path;
        if path.is_empty() {
            self.label.clone()
        } else {
            format!("{}::{}", self.label, path.join("::"))
        }
    }

    fn file(&self, m: usize) -> String {
        let file = &self.modules[m].file;
        file.strip_prefix(&self.root)
            .unwrap_or(file)
            .display()
            .to_string()
    }

    fn describe(&self, cycle: &[usize]) -> String {
        let names: Vec<String> = cycle
            .iter()
            .map(|&m| format!("{} ({})", self.name(m), self.file(m)))
            .collect();
        let mut text = format!("cycle: {}\n", names.join(" → "));
        for pair in cycle.windows(2) {
            let (from, to) = (pair[0], pair[1]);
            if let Some(e) = self.edges[from].get(&to) {
                let _ = writeln!(
                    text,
                    "    {}:{}: {}  → {}",
                    self.file(from),
                    e.line,
                    e.text,
                    self.name(to)
                );
            }
        }
        text.push('\n');
        text
    }
}

fn parse(file: &Path) -> Result<Vec<syn::Item>> {
    let source =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let parsed = syn::parse_file(&source)
        .with_context(|| format!("cannot parse {} with syn", file.display()))?;
    Ok(parsed.items)
}

/// `#[path = "…"]` on a `mod` declaration.
fn path_attribute(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find_map(|a| {
        let syn::Meta::NameValue(nv) = &a.meta else {
            return None;
        };
        if !nv.path.is_ident("path") {
            return None;
        }
        match &nv.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => Some(s.value()),
            _ => None,
        }
    })
}

/// One name a `use` brings in.
struct UseLeaf {
    segments: Vec<String>,
    alias: Option<String>,
    glob: bool,
    public: bool,
    line: usize,
}

fn expand(tree: &syn::UseTree, prefix: Vec<String>, public: bool, out: &mut Vec<UseLeaf>) {
    match tree {
        syn::UseTree::Path(p) => {
            let mut prefix = prefix;
            prefix.push(p.ident.to_string());
            expand(&p.tree, prefix, public, out);
        }
        syn::UseTree::Name(n) => {
            let name = n.ident.to_string();
            let line = n.ident.span().start().line;
            let mut segments = prefix;
            let alias = if name == "self" {
                segments.last().cloned()
            } else {
                segments.push(name.clone());
                Some(name)
            };
            out.push(UseLeaf {
                segments,
                alias,
                glob: false,
                public,
                line,
            });
        }
        syn::UseTree::Rename(r) => {
            let mut segments = prefix;
            if r.ident != "self" {
                segments.push(r.ident.to_string());
            }
            let alias = Some(r.rename.to_string()).filter(|a| a != "_");
            out.push(UseLeaf {
                segments,
                alias,
                glob: false,
                public,
                line: r.ident.span().start().line,
            });
        }
        syn::UseTree::Glob(g) => out.push(UseLeaf {
            segments: prefix,
            alias: None,
            glob: true,
            public,
            line: g.star_token.span.start().line,
        }),
        syn::UseTree::Group(g) => {
            for tree in &g.items {
                expand(tree, prefix.clone(), public, out);
            }
        }
    }
}

/// The `use` items of one module, in blocks too, not in child modules.
#[derive(Default)]
struct Uses {
    trees: Vec<(bool, syn::UseTree)>,
}

impl VisitMut for Uses {
    fn visit_item_use_mut(&mut self, item: &mut syn::ItemUse) {
        if item.leading_colon.is_none() {
            let public = !matches!(item.vis, syn::Visibility::Inherited);
            self.trees.push((public, item.tree.clone()));
        }
    }

    fn visit_item_mod_mut(&mut self, _: &mut syn::ItemMod) {}
}

/// The multi-segment or relative paths of one module's code (not of its
/// child modules), with the paths found in macro calls and attributes.
#[derive(Default)]
struct Paths {
    found: Vec<(Vec<String>, usize)>,
}

impl VisitMut for Paths {
    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        if path.leading_colon.is_none() && !path.segments.is_empty() {
            let segments = path.segments.iter().map(|s| s.ident.to_string()).collect();
            let line = path.segments[0].ident.span().start().line;
            self.found.push((segments, line));
        }
        visit_mut::visit_path_mut(self, path);
    }

    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        self.tokens(mac.tokens.clone());
        visit_mut::visit_macro_mut(self, mac);
    }

    fn visit_attribute_mut(&mut self, attr: &mut syn::Attribute) {
        if let syn::Meta::List(list) = &attr.meta {
            self.tokens(list.tokens.clone());
        }
        visit_mut::visit_attribute_mut(self, attr);
    }

    fn visit_item_use_mut(&mut self, _: &mut syn::ItemUse) {}

    fn visit_item_mod_mut(&mut self, _: &mut syn::ItemMod) {}
}

impl Paths {
    /// Paths of two or more segments (`a::b`) in unparsed tokens.
    fn tokens(&mut self, stream: TokenStream) {
        let tokens: Vec<TokenTree> = stream.into_iter().collect();
        let is_colons = |i: usize| {
            matches!(
                (tokens.get(i), tokens.get(i + 1)),
                (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
                    if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':'
            )
        };
        let mut i = 0;
        while i < tokens.len() {
            match &tokens[i] {
                TokenTree::Group(g) => self.tokens(g.stream()),
                TokenTree::Ident(first) if !(i >= 2 && is_colons(i - 2)) => {
                    let line = first.span().start().line;
                    let mut segments = vec![first.to_string()];
                    let mut j = i;
                    while is_colons(j + 1) {
                        match tokens.get(j + 3) {
                            Some(TokenTree::Ident(next)) => {
                                segments.push(next.to_string());
                                j += 3;
                            }
                            _ => break,
                        }
                    }
                    if segments.len() > 1 {
                        self.found.push((segments, line));
                    }
                    i = j;
                }
                _ => {}
            }
            i += 1;
        }
    }
}

/// Tarjan's strongly connected components (iterative).
fn strongly_connected(edges: &[BTreeMap<usize, Evidence>]) -> Vec<Vec<usize>> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut components = Vec::new();
    let mut next = 0;
    for start in 0..n {
        if index[start] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, Vec<usize>, usize)> = Vec::new();
        index[start] = next;
        low[start] = next;
        next += 1;
        stack.push(start);
        on_stack[start] = true;
        work.push((start, edges[start].keys().copied().collect(), 0));
        while let Some((v, successors, at)) = work.last_mut() {
            let v = *v;
            if let Some(&w) = successors.get(*at) {
                *at += 1;
                if index[w] == usize::MAX {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, edges[w].keys().copied().collect(), 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some((parent, _, _)) = work.last() {
                low[*parent] = low[*parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                components.push(component);
            }
        }
    }
    components
}

/// The shortest path `from → … → to` inside `allowed`, both ends included.
fn shortest_path(
    edges: &[BTreeMap<usize, Evidence>],
    allowed: &BTreeSet<usize>,
    from: usize,
    to: usize,
) -> Option<Vec<usize>> {
    let mut previous: HashMap<usize, usize> = HashMap::new();
    let mut queue = VecDeque::from([from]);
    let mut seen = BTreeSet::from([from]);
    while let Some(v) = queue.pop_front() {
        if v == to {
            let mut path = vec![to];
            let mut at = to;
            while let Some(&p) = previous.get(&at) {
                path.push(p);
                at = p;
            }
            path.reverse();
            return Some(path);
        }
        for &w in edges[v].keys().filter(|w| allowed.contains(w)) {
            if seen.insert(w) {
                previous.insert(w, v);
                queue.push_back(w);
            }
        }
    }
    None
}

/// A cycle `[a, b, …, a]` rotated to start at its smallest module, so the
/// same cycle found from different edges is listed once.
fn rotate(cycle: Vec<usize>) -> Vec<usize> {
    let ring = &cycle[..cycle.len() - 1];
    let start = ring
        .iter()
        .enumerate()
        .min_by_key(|(_, m)| **m)
        .map_or(0, |(i, _)| i);
    let mut rotated: Vec<usize> = ring[start..]
        .iter()
        .chain(&ring[..start])
        .copied()
        .collect();
    rotated.push(rotated[0]);
    rotated
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, files: &[(&str, &str)]) {
        for (name, text) in files {
            let path = dir.join(name);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
            std::fs::write(path, text).expect("write");
        }
    }

    fn cycles_of(files: &[(&str, &str)]) -> Vec<String> {
        let dir = std::env::temp_dir().join(format!(
            "xtask-modules-{}-{}",
            std::process::id(),
            rand_suffix()
        ));
        write(&dir, files);
        let krate = Crate::load("c", &dir.join("lib.rs"), &dir).expect("load");
        let found = krate
            .cycles()
            .iter()
            .map(|c| {
                c.iter()
                    .map(|&m| krate.name(m))
                    .collect::<Vec<_>>()
                    .join(" → ")
            })
            .collect();
        let _ = std::fs::remove_dir_all(&dir);
        found
    }

    fn rand_suffix() -> u128 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default()
    }

    #[test]
    fn a_use_each_way_is_a_cycle() {
        let found = cycles_of(&[
            ("lib.rs", "mod a; mod b;"),
            ("a.rs", "use crate::b::B; pub struct A;"),
            ("b.rs", "pub struct B; fn f() -> super::a::A { loop {} }"),
        ]);
        assert_eq!(found, ["c::a → c::b → c::a"]);
    }

    #[test]
    fn re_exports_and_mod_declarations_are_not_edges() {
        let found = cycles_of(&[
            ("lib.rs", "pub mod a; pub use a::A;"),
            ("a.rs", "pub struct A; fn f() { let _ = crate::VERSION; }"),
        ]);
        assert!(found.is_empty(), "{found:?}");
        let found = cycles_of(&[
            (
                "lib.rs",
                "pub mod a; pub const V: u8 = 1; fn f() { a::g() }",
            ),
            ("a.rs", "pub fn g() { let _ = crate::V; }"),
        ]);
        assert_eq!(found, ["c → c::a → c"]);
    }

    #[test]
    fn module_aliases_inline_modules_and_macros_are_followed() {
        let found = cycles_of(&[
            ("lib.rs", "mod s { pub mod x; pub mod y; }"),
            ("s/x.rs", "use crate::s; pub fn f() { s::y::g() }"),
            ("s/y.rs", "pub fn g() { view! { <super::x::F/> } }"),
        ]);
        assert_eq!(found, ["c::s::x → c::s::y → c::s::x"]);
    }

    #[test]
    fn tests_modules_do_not_close_a_cycle_with_their_parent() {
        let found = cycles_of(&[
            ("lib.rs", "mod a; mod b;"),
            (
                "a.rs",
                "pub fn f() {} #[cfg(test)] mod tests { use super::*; use crate::b::g; }",
            ),
            ("b.rs", "pub fn g() { crate::a::f() }"),
        ]);
        assert!(found.is_empty(), "{found:?}");
    }
}
