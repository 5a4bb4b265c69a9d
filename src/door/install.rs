//! The installation behind one door: `init --group` lays it out, `check --security` verifies it.
//!
//! The layout: the store's folder `root:GROUP 2770` (setgid, so new files take the group), the
//! store and its `-wal` and `-shm` `root:GROUP 0660`, the binary `root:GROUP 2755`, and nobody in
//! the group (no clerk: a member could open the store with `sqlite3`).

use super::folder_of;
use super::store::SHARED;
use serde::Serialize;
use std::fs::Permissions;
use std::io;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// The gid of the group named `name`.
///
/// # Errors
/// An unknown group, or a failing group database.
pub fn group_id(name: &str) -> io::Result<u32> {
    match nix::unistd::Group::from_name(name) {
        Ok(Some(g)) => Ok(g.gid.as_raw()),
        Ok(None) => Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("no group `{name}`; create it first: groupadd --system {name}"),
        )),
        Err(e) => Err(io::Error::other(format!("group `{name}`: {e}"))),
    }
}

/// The name of group `gid`, or the number when it has none.
#[must_use]
pub fn group_name(gid: u32) -> String {
    match nix::unistd::Group::from_gid(nix::unistd::Gid::from_raw(gid)) {
        Ok(Some(g)) => g.name,
        _ => gid.to_string(),
    }
}

/// The name of user `uid`, or the number when it has none.
#[must_use]
pub fn user_name(uid: u32) -> String {
    match nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid)) {
        Ok(Some(u)) => u.name,
        _ => uid.to_string(),
    }
}

/// Prepares the folder and the empty store file for `init`: with `group`, the folder (when
/// missing) `2770` and the store `0660`, both in that group; without, `0700` and `0600`. An
/// existing store that others may read is refused.
///
/// # Errors
/// An unknown group, a folder or file that cannot be made or given the group, a store open to
/// others.
pub fn lay_out(store: &Path, group: Option<&str>) -> io::Result<()> {
    let gid = group.map(group_id).transpose()?;
    let dir = folder_of(store);
    if !dir.exists() {
        let mode = if gid.is_some() { 0o2770 } else { 0o700 };
        std::fs::DirBuilder::new().recursive(true).mode(mode).create(&dir)?;
        if let Some(gid) = gid {
            std::os::unix::fs::chown(&dir, None, Some(gid))?;
        }
        // The umask narrowed the mode, and mkdir may drop the setgid bit.
        std::fs::set_permissions(&dir, Permissions::from_mode(mode))?;
    }
    if store.exists() {
        super::store::refuse_open_to_others(store)?;
    } else if let Some(gid) = gid {
        super::store::create_store_file(store)?;
        std::os::unix::fs::chown(store, None, Some(gid))?;
        std::fs::set_permissions(store, Permissions::from_mode(SHARED))?;
    }
    Ok(())
}

/// One thing `check --security` looked at.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// What was checked: a file, the binary, the group.
    pub item: String,
    pub ok: bool,
    /// What is wrong (empty when ok).
    pub problem: String,
    /// The command that fixes it (empty when ok).
    pub fix: String,
}

impl Finding {
    fn ok(item: impl Into<String>) -> Finding {
        Finding { item: item.into(), ok: true, problem: String::new(), fix: String::new() }
    }
    fn bad(item: impl Into<String>, problem: String, fix: String) -> Finding {
        Finding { item: item.into(), ok: false, problem, fix }
    }
}

/// The report of `check --security`.
#[derive(Debug, Clone, Serialize)]
pub struct SecurityReport {
    pub ok: bool,
    /// The store's group, by name.
    pub group: Option<String>,
    pub findings: Vec<Finding>,
}

/// Checks the installation of the store at `store` run by the binary at `exe`.
#[must_use]
pub fn check(store: &Path, exe: &Path) -> SecurityReport {
    let exe_meta = std::fs::metadata(exe).ok();
    let dir = folder_of(store);
    let dir_meta = std::fs::metadata(&dir).ok();
    // The binary's group when it is setgid, else the folder's.
    let gid = exe_meta
        .as_ref()
        .filter(|m| m.mode() & 0o2000 != 0)
        .or(dir_meta.as_ref())
        .map(MetadataExt::gid)
        .filter(|g| *g != 0);
    let mut findings = Vec::new();
    let Some(gid) = gid else {
        findings.push(Finding::bad(
            "group",
            format!("neither {} nor the binary belongs to a store group", dir.display()),
            "groupadd --system clerkdesk, then install as docs/security.md says".to_owned(),
        ));
        return SecurityReport { ok: false, group: None, findings };
    };
    let g = group_name(gid);
    findings.push(check_binary(exe, exe_meta.as_ref(), gid, &g));
    findings.push(check_node(&dir, dir_meta.as_ref(), gid, &g, 0o2770, "chmod 2770"));
    for (i, path) in store_files(store).into_iter().enumerate() {
        match std::fs::metadata(&path) {
            Ok(m) => findings.push(check_node(&path, Some(&m), gid, &g, SHARED, "chmod 0660")),
            Err(e) if i > 0 && e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => {
                findings.push(Finding::bad(path.display().to_string(), format!("cannot see it: {e}"), String::new()));
            }
        }
    }
    findings.extend(check_members(gid, &g));
    SecurityReport { ok: findings.iter().all(|f| f.ok), group: Some(g), findings }
}

fn store_files(store: &Path) -> Vec<PathBuf> {
    ["", "-wal", "-shm"]
        .iter()
        .map(|s| {
            let mut p = store.as_os_str().to_owned();
            p.push(s);
            PathBuf::from(p)
        })
        .collect()
}

fn check_binary(exe: &Path, meta: Option<&std::fs::Metadata>, gid: u32, g: &str) -> Finding {
    let item = format!("binary {}", exe.display());
    let fix = format!("chown root:{g} {0} && chmod 2755 {0}", exe.display());
    let Some(m) = meta else { return Finding::bad(item, "cannot see it".to_owned(), fix) };
    let mode = m.mode() & 0o7777;
    let mut wrong = Vec::new();
    if mode & 0o2000 == 0 {
        wrong.push("not setgid".to_owned());
    }
    if m.gid() != gid {
        wrong.push(format!("group {} instead of {g}", group_name(m.gid())));
    }
    if m.uid() != 0 {
        wrong.push(format!("owned by {} instead of root", user_name(m.uid())));
    }
    if mode & 0o022 != 0 {
        wrong.push(format!("mode {mode:04o} lets others replace it"));
    }
    if wrong.is_empty() { Finding::ok(item) } else { Finding::bad(item, wrong.join(", "), fix) }
}

/// A folder or store file: its mode exactly `want`, in group `gid`, owned by root.
fn check_node(path: &Path, meta: Option<&std::fs::Metadata>, gid: u32, g: &str, want: u32, chmod: &str) -> Finding {
    let item = path.display().to_string();
    let fix = format!("chown root:{g} {item} && {chmod} {item}");
    let Some(m) = meta else { return Finding::bad(item, "cannot see it".to_owned(), fix) };
    let mode = m.mode() & 0o7777;
    let mut wrong = Vec::new();
    if mode != want {
        wrong.push(format!("mode {mode:04o} instead of {want:04o}"));
    }
    if m.gid() != gid {
        wrong.push(format!("group {} instead of {g}", group_name(m.gid())));
    }
    if m.uid() != 0 {
        wrong.push(format!("owned by {} instead of root (its owner can read it with any program)", user_name(m.uid())));
    }
    if wrong.is_empty() { Finding::ok(item) } else { Finding::bad(item, wrong.join(", "), fix) }
}

/// Nobody may be in the store's group: a member reaches the store without the program.
fn check_members(gid: u32, g: &str) -> Vec<Finding> {
    let listed: Vec<String> = match nix::unistd::Group::from_gid(nix::unistd::Gid::from_raw(gid)) {
        Ok(Some(group)) => group.mem,
        _ => Vec::new(),
    };
    let mut members: Vec<(String, String)> = listed.into_iter().map(|m| (format!("gpasswd -d {m} {g}"), m)).collect();
    members.extend(primary_members(gid).into_iter().map(|m| (format!("usermod -g users {m}"), m)));
    members.retain(|(_, m)| m != "root");
    members.sort_by(|a, b| a.1.cmp(&b.1));
    if members.is_empty() {
        return vec![Finding::ok(format!("group {g}: no members"))];
    }
    members
        .into_iter()
        .map(|(fix, m)| {
            Finding::bad(
                format!("group {g}: member {m}"),
                format!("{m} can open the store without clerkdesk (sqlite3, cp)"),
                fix,
            )
        })
        .collect()
}

/// Users whose primary group is `gid` (from /etc/passwd; other user databases are not listed).
fn primary_members(gid: u32) -> Vec<String> {
    let text = super::files::read_to_string(Path::new("/etc/passwd")).unwrap_or_default();
    text.lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.len() > 3 && f[3].parse::<u32>().ok() == Some(gid)).then(|| f[0].to_owned())
        })
        .collect()
}
