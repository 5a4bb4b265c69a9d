//! Text as Czech clerks search it: diacritics and case do not matter ("novak" finds "Novák").

use std::cmp::Ordering;
use std::sync::LazyLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower case without diacritics: the key every search compares on.
#[must_use]
pub fn fold(s: &str) -> String {
    s.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

/// `fold(a) == fold(b)`, without building either: the folded characters are compared as they
/// come, and the first difference ends it. Matching a name against everyone born on a day (the
/// portal import's duplicate check) does this dozens of times per filing.
#[must_use]
pub fn fold_eq(a: &str, b: &str) -> bool {
    folded_chars(a).eq(folded_chars(b))
}

/// The characters of `fold(s)`, one source character at a time (canonical decomposition per
/// character is the string's NFD once the combining marks, the only characters NFD reorders, are
/// dropped).
fn folded_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().flat_map(|c| {
        if c.is_ascii() {
            // ASCII has no decomposition: the common case skips the normaliser and allocates nothing.
            Folded::One(Some(c.to_ascii_lowercase()))
        } else {
            let mut out = Vec::with_capacity(2);
            unicode_normalization::char::decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    out.extend(d.to_lowercase());
                }
            });
            Folded::Many(out.into_iter())
        }
    })
}

enum Folded {
    One(Option<char>),
    Many(std::vec::IntoIter<char>),
}

impl Iterator for Folded {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        match self {
            Folded::One(c) => c.take(),
            Folded::Many(v) => v.next(),
        }
    }
}

/// Whether every word of `query` starts a word of `haystack` (already folded), diacritics and
/// case ignored. Czech declines its words ("občanský průkaz" stands in the catalogue as "vydání
/// občanského průkazu"), so a query word of six letters or more is compared without its last two,
/// which are mostly the ending. The directory and pick lists filter with it as the clerk types.
#[must_use]
pub fn matches_words(haystack_folded: &str, query: &str) -> bool {
    let q = fold(query);
    q.split_whitespace().all(|qw| {
        let stem = stem(qw);
        haystack_folded.split(|c: char| !c.is_alphanumeric()).any(|w| w.starts_with(&stem))
            || haystack_folded.contains(qw)
    })
}

/// A Czech word without its likely ending: six letters or more lose the last two ("obcansky" →
/// "obcans", which begins "obcanskeho" too). Shorter words stay whole.
#[must_use]
pub fn stem(word: &str) -> String {
    let n = word.chars().count();
    if n >= 6 { word.chars().take(n - 2).collect() } else { word.to_owned() }
}

/// ICU4X's Czech collator, built once: building it loads and checks the tailoring, comparing is
/// then cheap, which matters as it also serves as an SQLite collation. `None` only if the compiled
/// data lacked the root collation, which the build embeds; see the test `collator_is_built`.
static CZECH: LazyLock<Option<CollatorBorrowed<'static>>> =
    LazyLock::new(|| Collator::try_new(locale!("cs").into(), CollatorOptions::default()).ok());

/// Czech alphabetical order (ČSN 97 6030, as CLDR has it): `č` after `c`, `ch` after `h` as one
/// letter, `ř` after `r`, `š` after `s`, `ž` after `z`; the other accents only break ties, and
/// case breaks ties after that (lower case first).
///
/// ICU4X does the work rather than hand-written rules: the contraction `ch`, the accent and case
/// levels and everything outside Czech letters (other scripts, digits, punctuation) are its job
/// and it is maintained against CLDR.
#[must_use]
pub fn czech_cmp(a: &str, b: &str) -> Ordering {
    match CZECH.as_ref() {
        Some(collator) => collator.compare(a, b),
        // Unreachable with compiled data; code-point order keeps sorting total regardless.
        None => a.cmp(b),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn fold_eq_is_the_equality_of_the_folds(a in "\\PC{0,12}", b in "\\PC{0,12}") {
            prop_assert_eq!(super::fold_eq(&a, &b), super::fold(&a) == super::fold(&b));
            let upper = a.to_uppercase();
            prop_assert_eq!(super::fold_eq(&a, &upper), super::fold(&a) == super::fold(&upper));
        }
    }

    #[test]
    fn fold_eq_ignores_case_and_czech_diacritics_only() {
        assert!(super::fold_eq("Novák", "NOVAK"));
        assert!(super::fold_eq("Šťastná Žofie", "stastna zofie"));
        assert!(super::fold_eq("e\u{301}", "\u{e9}"), "decomposed and composed");
        assert!(!super::fold_eq("Novák", "Nováková"));
        assert!(!super::fold_eq("Dvořák", "Dvorak1"));
        assert!(super::fold_eq("", ""));
    }

    use super::*;
    use rstest::rstest;

    #[test]
    fn folds_czech_and_ukrainian() {
        assert_eq!(fold("Příliš žluťoučký kůň"), "prilis zlutoucky kun");
        assert_eq!(fold("NOVÁK"), "novak");
        // Ukrainian й decomposes to и + breve; folding it is what a Latin-keyboard clerk wants.
        assert_eq!(fold("Київ"), "киів");
    }

    #[test]
    fn matches_words_ignores_diacritics_and_order() {
        let h = fold("Odbor správních agend – občanské průkazy");
        assert!(matches_words(&h, "obcanske"));
        assert!(matches_words(&h, "prukaz sprav"));
        assert!(!matches_words(&h, "doprava"));
        let op = fold("Vydání občanského průkazu");
        assert!(matches_words(&op, "obcansky prukaz"), "declined forms match");
        assert!(!matches_words(&op, "cestovni pas"));
        assert!(matches_words(&fold("+420 465 503 221"), "503 221"), "fragments of numbers");
    }

    #[test]
    fn collator_is_built() {
        assert!(CZECH.is_some());
    }

    #[test]
    fn sorts_czech_names() {
        let mut names = [
            "Čech",
            "Cibulka",
            "Chalupa",
            "Hora",
            "Dvořák",
            "Řezáč",
            "Ryba",
            "Šafránek",
            "Svoboda",
            "Žák",
            "Zeman",
            "Adámek",
            "Adam",
        ];
        names.sort_by(|a, b| czech_cmp(a, b));
        assert_eq!(
            names,
            [
                "Adam",
                "Adámek",
                "Cibulka",
                "Čech",
                "Dvořák",
                "Hora",
                "Chalupa",
                "Ryba",
                "Řezáč",
                "Svoboda",
                "Šafránek",
                "Zeman",
                "Žák",
            ]
        );
    }

    #[rstest]
    // Czech letters of their own: primary differences that beat anything later in the word.
    #[case("cz", "ča")]
    #[case("hz", "cha")]
    #[case("Chz", "ia")]
    #[case("rz", "řa")]
    #[case("sz", "ša")]
    #[case("zz", "ža")]
    // Other accents only break ties: a later letter decides first.
    #[case("ab", "áb")]
    #[case("áb", "ac")]
    #[case("Dolezal", "Doležal")]
    #[case("Nemec", "Němec")]
    #[case("Nemcova", "Němec")] // the fourth letter, c < e, decides before the accent
    #[case("tuma", "ťuma")]
    #[case("ťuma", "tumb")]
    #[case("kun", "kůň")]
    #[case("kůň", "kuna")]
    // Case breaks ties after accents: lower case first.
    #[case("novak", "Novak")]
    #[case("Novak", "novák")]
    #[case("NOVAK", "novák")]
    #[case("cech", "Cech")]
    #[case("Cech", "čech")]
    // A prefix sorts first.
    #[case("Adam", "Adamec")]
    fn orders(#[case] before: &str, #[case] after: &str) {
        assert_eq!(czech_cmp(before, after), Ordering::Less, "{before} < {after}");
        assert_eq!(czech_cmp(after, before), Ordering::Greater, "{after} > {before}");
    }

    #[rstest]
    #[case("Novák", "Novák")]
    #[case("", "")]
    // The same text composed and decomposed is equal.
    #[case("Dvořák", "Dvor\u{30c}a\u{301}k")]
    fn equal(#[case] a: &str, #[case] b: &str) {
        assert_eq!(czech_cmp(a, b), Ordering::Equal);
    }
}
