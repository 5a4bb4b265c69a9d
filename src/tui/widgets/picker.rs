//! A fuzzy pick list: the clerk types a few letters of a life situation ("op vyd", "pas",
//! "psi poplatek"), diacritics and case ignored, and Enter takes the best match.

use crate::domain::text::{fold, stem};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// Candidates with their search text; `matches` is recomputed when the query changes.
pub struct Picker {
    /// (search text, already folded) per candidate, in the catalogue's order.
    keys: Vec<String>,
    matcher: Matcher,
    /// Indexes into the candidates, best match first.
    pub matches: Vec<usize>,
}

impl std::fmt::Debug for Picker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Picker({} of {})", self.matches.len(), self.keys.len())
    }
}

impl Picker {
    #[must_use]
    pub fn new(keys: impl IntoIterator<Item = String>) -> Picker {
        let keys: Vec<String> = keys.into_iter().map(|k| fold(&k)).collect();
        let matches = (0..keys.len()).collect();
        Picker { keys, matcher: Matcher::new(Config::DEFAULT), matches }
    }

    /// Filters and ranks by `query`; an empty query keeps the catalogue's order.
    pub fn set_query(&mut self, query: &str) {
        let q = fold(query);
        if q.trim().is_empty() {
            self.matches = (0..self.keys.len()).collect();
            return;
        }
        // Declined words match by their stem, as in the directory search.
        let stems: Vec<String> = q.split_whitespace().map(stem).collect();
        let pattern = Pattern::parse(&stems.join(" "), CaseMatching::Ignore, Normalization::Smart);
        let mut buf = Vec::new();
        let mut scored: Vec<(usize, u32)> = self
            .keys
            .iter()
            .enumerate()
            .filter_map(|(i, k)| pattern.score(Utf32Str::new(k, &mut buf), &mut self.matcher).map(|s| (i, s)))
            .collect();
        // Best score first; ties keep the catalogue's order.
        scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        self.matches = scored.into_iter().map(|(i, _)| i).collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picker() -> Picker {
        Picker::new(
            ["OP-VYDANI Vydání občanského průkazu", "PAS-VYDANI Vydání cestovního pasu", "OF-PES Poplatek ze psů"]
                .map(String::from),
        )
    }

    #[test]
    fn ranks_by_fuzzy_match_without_diacritics() {
        let mut p = picker();
        p.set_query("obcansky");
        assert_eq!(p.matches.first(), Some(&0));
        p.set_query("psu poplatek");
        assert_eq!(p.matches, vec![2]);
        p.set_query("PAS");
        assert_eq!(p.matches.first(), Some(&1));
        p.set_query("xyz");
        assert!(p.matches.is_empty());
        p.set_query("");
        assert_eq!(p.matches, vec![0, 1, 2]);
    }
}
