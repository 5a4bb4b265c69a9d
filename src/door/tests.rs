//! The door's file rules without setgid (the setgid half runs in tests/door.rs as root).
#![allow(clippy::unwrap_used, reason = "a test stops at the first thing it did not expect")]

use super::{files, install, store};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
}

#[test]
fn a_new_file_is_owner_only_and_a_replaced_one_keeps_its_mode_capped_at_0660() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("new.txt");
    files::write(&new, "x").unwrap();
    assert_eq!(mode(&new), 0o600);
    let shared = dir.path().join("shared.txt");
    std::fs::write(&shared, "old").unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o664)).unwrap();
    files::write(&shared, "new").unwrap();
    assert_eq!(mode(&shared), 0o660, "others lose their access");
    assert_eq!(std::fs::read_to_string(&shared).unwrap(), "new");
}

#[test]
fn without_setgid_every_store_is_admitted_and_a_new_one_is_private() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    assert!(!super::is_setgid());
    store::admit(&db, true).unwrap();
    store::create_store_file(&db).unwrap();
    assert_eq!(mode(&db), 0o600);
    // In a setgid folder closed to others: the group gets its half.
    let shared = dir.path().join("srv");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o2770)).unwrap();
    let db = shared.join("office.db");
    store::create_store_file(&db).unwrap();
    assert_eq!(mode(&db), 0o660);
}

#[test]
fn init_without_a_group_is_private_and_refuses_a_store_open_to_others() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("private").join("x.db");
    install::lay_out(&db, None).unwrap();
    assert_eq!(mode(db.parent().unwrap()), 0o700);
    let open = dir.path().join("open.db");
    std::fs::write(&open, "").unwrap();
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o644)).unwrap();
    let e = install::lay_out(&open, None).unwrap_err().to_string();
    assert!(e.contains("mode 0644") && e.contains("chmod 0640"), "{e}");
    let e = install::lay_out(&open, Some("no-such-group-xyz")).unwrap_err().to_string();
    assert!(e.contains("groupadd"), "{e}");
}

#[test]
fn check_security_on_a_private_store_says_there_is_no_store_group() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    std::fs::write(&db, "").unwrap();
    let exe = dir.path().join("clerkdesk");
    std::fs::write(&exe, "").unwrap();
    let r = install::check(&db, &exe);
    // No store group (run as root: the folder is root's) or no setgid binary (as another user):
    // a fault, with the command that fixes it.
    assert!(!r.ok);
    assert!(r.findings.iter().any(|f| !f.ok && !f.fix.is_empty()), "{r:?}");
}
