//! The key table as its users read it, kept as a snapshot (as trippy keeps its bindings): every
//! binding's scope, key and what it does, in Czech, so a changed or moved key shows up in review.

use clerkdesk::domain::lang::Lang;
use clerkdesk::i18n::Tr;
use clerkdesk::tui::keymap::{KEYS, key_name, message_keys};
use std::fmt::Write as _;

#[test]
fn the_key_table() {
    let tr = Tr::new(Lang::Cs);
    let mut out = String::new();
    for k in KEYS {
        let footer = if k.footer { "  [footer]" } else { "" };
        let _ = writeln!(out, "{:<26} {:<10} {}{footer}", format!("{:?}", k.scope), key_name(k), tr.t(k.label));
    }
    out.push_str("\nkeys the messages name:\n");
    for (name, key) in message_keys() {
        let _ = writeln!(out, "{name:<13} {key}");
    }
    insta::assert_snapshot!("keys", out);
}

#[test]
fn every_binding_says_what_it_does_in_every_language() {
    for lang in [Lang::Cs, Lang::En, Lang::Uk] {
        let tr = Tr::new(lang);
        for k in KEYS {
            assert!(tr.has(lang, k.label), "{lang:?}: {} has no {}", key_name(k), k.label);
        }
    }
}
