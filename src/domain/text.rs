//! Text as Czech clerks search it: diacritics and case do not matter ("novak" finds "Novák").

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower case without diacritics: the key every search compares on.
#[must_use]
pub fn fold(s: &str) -> String {
    s.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

/// Whether every word of `query` starts a word of `haystack`, both folded.
/// The directory and pick lists filter with it as the clerk types.
#[must_use]
pub fn matches_words(haystack_folded: &str, query: &str) -> bool {
    let q = fold(query);
    q.split_whitespace().all(|qw| {
        haystack_folded.split(|c: char| !c.is_alphanumeric()).any(|w| w.starts_with(qw))
            || haystack_folded.contains(qw)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}

/// Placeholder order until the Czech collation lands: folded text, then the raw text.
#[must_use]
pub fn czech_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    fold(a).cmp(&fold(b)).then_with(|| a.cmp(b))
}
