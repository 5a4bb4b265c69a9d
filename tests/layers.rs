//! The house rules of docs/architecture.md, checked on the sources: the TUI, the CLI and the
//! bridge call the desk only (no store type above the desk), the UI crates stay in the TUI and the
//! CLI, and no two files import each other (a folder's mod.rs with its own files excepted: it
//! declares and re-exports them).

#![allow(clippy::unwrap_used, reason = "a test stops at the first thing it did not expect")]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `src/`, by its module path (`src/desk/cases/mod.rs` → `desk::cases`).
fn sources() -> BTreeMap<Vec<String>, (PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(&root).unwrap().with_extension("");
                let mut module: Vec<String> = rel.iter().map(|s| s.to_string_lossy().into_owned()).collect();
                if matches!(module.last().map(String::as_str), Some("mod" | "lib" | "main")) {
                    module.pop();
                }
                let text = std::fs::read_to_string(&path).unwrap();
                out.insert(module, (path, code_only(&text)));
            }
        }
    }
    out
}

/// The text without `//` comments (doc comments name other modules freely).
fn code_only(text: &str) -> String {
    text.lines().map(|l| l.split_once("//").map_or(l, |(code, _)| code)).collect::<Vec<_>>().join("\n")
}

fn layer_files<'a>(
    all: &'a BTreeMap<Vec<String>, (PathBuf, String)>,
    layers: &'a [&str],
) -> impl Iterator<Item = &'a (PathBuf, String)> {
    all.iter().filter(|(m, _)| m.first().is_some_and(|l| layers.contains(&l.as_str()))).map(|(_, f)| f)
}

#[test]
fn the_tui_the_cli_and_the_bridge_name_no_store_type() {
    let all = sources();
    let bad: Vec<String> = layer_files(&all, &["tui", "cli", "bridge"])
        .filter(|(_, code)| code.contains("crate::store") || code.contains("clerkdesk::store"))
        .map(|(p, _)| p.display().to_string())
        .collect();
    assert!(bad.is_empty(), "these reach around the desk into the store: {bad:#?}");
}

#[test]
fn ui_crates_stay_in_the_tui_and_the_cli() {
    let all = sources();
    let bad: Vec<String> = layer_files(&all, &["domain", "store", "desk", "bridge"])
        .filter(|(_, code)| ["ratatui::", "crossterm::", "clap::"].iter().any(|c| code.contains(c)))
        .map(|(p, _)| p.display().to_string())
        .collect();
    assert!(bad.is_empty(), "a UI crate below the UI: {bad:#?}");
}

/// Every path a file names: its `use` trees flattened, and the `crate::`/`super::`/`self::`
/// paths written inline.
fn named_paths(code: &str) -> Vec<String> {
    let mut paths = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("use ") {
        let before = rest[..i].chars().last();
        rest = &rest[i + 4..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let Some(end) = rest.find(';') else { break };
        // `x as y` keeps its name as `x@y`; every other blank goes.
        let words: Vec<&str> = rest[..end].split_whitespace().collect();
        let tree: String = words.join(" ").replace(" as ", "@").chars().filter(|c| !c.is_whitespace()).collect();
        flatten("", &tree, &mut paths);
        rest = &rest[end..];
    }
    for start in ["crate::", "super::", "self::"] {
        let mut at = 0;
        while let Some(i) = code[at..].find(start) {
            let s = at + i;
            at = s + start.len();
            if code[..s].chars().last().is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let path: String =
                code[s..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
            paths.push(path);
        }
    }
    paths
}

/// `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
fn flatten(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let join = |p: &str, s: &str| if p.is_empty() { s.to_owned() } else { format!("{p}::{s}") };
    let Some(open) = tree.find('{') else {
        let item = tree.split('@').next().unwrap_or(tree);
        out.push(join(prefix, item).trim_end_matches("::self").to_owned());
        return;
    };
    let base = join(prefix, tree[..open].trim_end_matches("::"));
    let inner = &tree[open + 1..tree.len().saturating_sub(1)];
    let (mut depth, mut item) = (0, String::new());
    for c in inner.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if c == ',' && depth == 0 {
            flatten(&base, &std::mem::take(&mut item), out);
        } else {
            item.push(c);
        }
    }
    if !item.is_empty() {
        flatten(&base, &item, out);
    }
}

/// The file a path lands in: the longest run of its segments that is a module with a file.
fn resolve(files: &BTreeSet<Vec<String>>, me: &[String], path: &str) -> Option<Vec<String>> {
    let mut segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let mut cur: Vec<String> = match segs.first() {
        Some(&"crate") => {
            segs.remove(0);
            Vec::new()
        }
        Some(&("super" | "self")) => {
            let mut cur = me.to_vec();
            while let Some(s) = segs.first().copied().filter(|s| *s == "super" || *s == "self") {
                if s == "super" {
                    cur.pop();
                }
                segs.remove(0);
            }
            cur
        }
        Some(first) => {
            let mut child = me.to_vec();
            child.push((*first).to_owned());
            if !files.contains(&child) {
                return None;
            }
            me.to_vec()
        }
        None => return None,
    };
    let mut best = None;
    for s in segs {
        cur.push(s.to_owned());
        if !files.contains(&cur) {
            break;
        }
        best = Some(cur.clone());
    }
    best
}

#[test]
fn no_two_files_import_each_other() {
    let all = sources();
    let files: BTreeSet<Vec<String>> = all.keys().cloned().collect();
    let mut deps: BTreeMap<&Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (module, (_, code)) in &all {
        let to: BTreeSet<Vec<String>> = named_paths(code)
            .iter()
            .filter_map(|p| resolve(&files, module, p))
            .filter(|target| target != module)
            .collect();
        deps.insert(module, to);
    }
    let mut pairs = BTreeSet::new();
    for (a, to) in &deps {
        for b in to {
            let related = b.starts_with(a) || a.starts_with(b);
            if !related && deps.get(b).is_some_and(|back| back.contains(*a)) {
                let (x, y) = if *a < b { ((*a).clone(), b.clone()) } else { (b.clone(), (*a).clone()) };
                pairs.insert(format!("{} <-> {}", x.join("/"), y.join("/")));
            }
        }
    }
    assert!(pairs.is_empty(), "{} pairs of files import each other: {pairs:#?}", pairs.len());
}

#[test]
fn the_cycle_check_sees_a_cycle() {
    // The check itself: a file's `use` and inline paths land in the files they name.
    let code_a = "use super::b::Thing;\nfn f() { crate::x::b::g(); }";
    let files: BTreeSet<Vec<String>> =
        [vec!["x".to_owned()], vec!["x".to_owned(), "a".to_owned()], vec!["x".to_owned(), "b".to_owned()]]
            .into_iter()
            .collect();
    let me = ["x".to_owned(), "a".to_owned()];
    let found: BTreeSet<_> = named_paths(code_a).iter().filter_map(|p| resolve(&files, &me, p)).collect();
    assert_eq!(found, [vec!["x".to_owned(), "b".to_owned()]].into_iter().collect());
    assert_eq!(resolve(&files, &me, "std::io::Write"), None, "a crate outside is no file of ours");
    let mut flat = Vec::new();
    flatten("", "super::{a,b::{self,C},d@e}", &mut flat);
    assert_eq!(flat, ["super::a", "super::b", "super::b::C", "super::d"]);
}

/// The code of a file before its `#[cfg(test)]` module (tests open their own fixtures freely).
fn before_tests(code: &str) -> &str {
    code.find("#[cfg(test)]").map_or(code, |i| &code[..i])
}

/// Files a user names are opened, and commands started, only through `door/` (with the setgid
/// group dropped); `store/` opens the store itself. A new `File::open` elsewhere would let a
/// clerk read the store through a setgid clerkdesk (`import catalogue /srv/clerkdesk/office.db`).
#[test]
fn files_and_commands_go_through_the_door() {
    const OPENERS: [&str; 17] = [
        "File::open(",
        "File::create(",
        "OpenOptions::new(",
        "fs::read(",
        "fs::read_to_string(",
        "fs::read_dir(",
        "fs::write(",
        "fs::copy(",
        "fs::create_dir",
        "fs::remove_file(",
        "fs::rename(",
        "tempfile::Builder",
        "tempfile::tempdir",
        "tempfile::tempfile",
        "NamedTempFile::new",
        "Command::new(",
        ".generate_to(",
    ];
    // Justified exceptions: none outside door/ and store/ today. (tests/ and `#[cfg(test)]`
    // modules are not the installed program.)
    const EXCEPTIONS: [&str; 0] = [];
    let all = sources();
    let bad: Vec<String> = all
        .iter()
        .filter(|(m, _)| !m.first().is_some_and(|l| l == "door" || l == "store"))
        .filter(|(m, _)| !EXCEPTIONS.contains(&m.join("/").as_str()))
        // `foo_tests.rs`: a test module kept in a file of its own.
        .filter(|(m, _)| !m.last().is_some_and(|l| l.ends_with("_tests")))
        .flat_map(|(_, (path, code))| {
            let code = before_tests(code);
            OPENERS.iter().filter(|o| code.contains(*o)).map(move |o| format!("{}: {o}", path.display()))
        })
        .collect();
    assert!(bad.is_empty(), "files or commands opened around src/door/: {bad:#?}");
    // No command starts outside door/, store/ included: a setgid process would run whatever
    // the caller's PATH names with the store's group.
    let spawning: Vec<String> = all
        .iter()
        .filter(|(m, _)| m.first().is_none_or(|l| l != "door"))
        .filter(|(_, (_, code))| before_tests(code).contains("Command::new("))
        .map(|(_, (p, _))| p.display().to_string())
        .collect();
    assert!(spawning.is_empty(), "commands started around door::spawn: {spawning:#?}");
}
