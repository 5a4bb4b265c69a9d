//! Built-in name and street lists for generating realistic demo citizens when the shared corpus is
//! absent, and the fictional town the shipped catalogue describes (assets/catalogue/default.toml).

/// The town of the default catalogue.
pub const TOWN: &str = "Lipnice nad Orlicí";

/// The office's designation, as it appears in reference numbers.
pub const OFFICE_DESIGNATION: &str = "MULO";

/// Postcodes of the town: the centre (with the town hall) first, then the outer parts.
pub const POSTCODES: &[&str] = &["565 71", "565 72"];

/// Common Czech male given names.
#[rustfmt::skip]
pub const MALE_GIVEN: &[&str] = &[
    "Jan", "Jiří", "Petr", "Josef", "Pavel", "Martin", "Tomáš", "Jaroslav", "Miroslav", "Zdeněk",
    "Václav", "Michal", "František", "Jakub", "Milan", "Karel", "Lukáš", "David", "Vladimír",
    "Ladislav", "Ondřej", "Stanislav", "Roman", "Marek", "Radek", "Daniel", "Antonín", "Vojtěch",
    "Filip", "Adam", "Matěj", "Miloslav", "Aleš", "Libor", "Dominik", "Patrik", "Vít", "Štěpán",
    "Tadeáš", "Šimon",
];

/// Common Czech female given names.
#[rustfmt::skip]
pub const FEMALE_GIVEN: &[&str] = &[
    "Marie", "Jana", "Eva", "Hana", "Anna", "Lenka", "Kateřina", "Věra", "Lucie", "Alena", "Petra",
    "Jaroslava", "Veronika", "Martina", "Jitka", "Tereza", "Ludmila", "Helena", "Michaela",
    "Zdeňka", "Ivana", "Jarmila", "Monika", "Zuzana", "Jiřina", "Markéta", "Eliška", "Barbora",
    "Kristýna", "Dagmar", "Vlasta", "Klára", "Adéla", "Natálie", "Simona", "Pavla", "Nikola",
    "Karolína", "Andrea", "Božena",
];

/// Common Czech surnames in their male form; [`female_surname`] derives the female one.
#[rustfmt::skip]
pub const FAMILY_MALE: &[&str] = &[
    "Novák", "Svoboda", "Novotný", "Dvořák", "Černý", "Procházka", "Kučera", "Veselý", "Horák",
    "Němec", "Marek", "Pospíšil", "Pokorný", "Hájek", "Jelínek", "Král", "Růžička", "Beneš",
    "Fiala", "Sedláček", "Doležal", "Zeman", "Kolář", "Navrátil", "Čermák", "Vaněk", "Urban",
    "Blažek", "Kříž", "Kovář", "Bartoš", "Vlček", "Polák", "Musil", "Kopecký", "Šimek", "Konečný",
    "Malý", "Holub", "Štěpánek", "Staněk", "Krejčí", "Matoušek", "Kratochvíl", "Bárta", "Vávra",
    "Šťastný", "Tichý", "Říha", "Moravec", "Kubíček", "Dušek", "Mach", "Skála", "Beran", "Hruška",
    "Havlíček", "Janda", "Sýkora", "Brož",
];

/// Typical Czech street names.
#[rustfmt::skip]
pub const STREETS: &[&str] = &[
    "Masarykova", "Nádražní", "Husova", "5. května", "Palackého", "Sokolovská", "Na Výsluní",
    "Komenského", "Tyršova", "Jiráskova", "Nerudova", "Riegrova", "Havlíčkova", "Smetanova",
    "Dvořákova", "Žižkova", "Školní", "Zahradní", "Polní", "Luční", "Krátká", "Dlouhá", "Nová",
    "Lesní", "Příčná", "Tovární", "Družstevní", "Čs. armády", "28. října", "17. listopadu",
    "Pražská", "Orlická", "Masarykovo náměstí", "U Hřiště", "Na Kopečku", "K Nádraží",
    "Pod Lesem", "V Zahradách", "Bezručova", "Wolkerova", "Mánesova", "Alšova",
];

/// The female form of a Czech surname given in its male form: Novák → Nováková, Černý → Černá,
/// Svoboda → Svobodová, Hájek → Hájková, Vaněk → Vaňková, Němec → Němcová; Krejčí stays.
///
/// The movable e of -ek/-ec is dropped, which is right for the common names; a few surnames keep
/// it (Švec → Švecová, Kadlec → Kadlecová) and are not in [`FAMILY_MALE`].
#[must_use]
pub fn female_surname(male: &str) -> String {
    if let Some(stem) = male.strip_suffix('ý') {
        return format!("{stem}á");
    }
    if male.ends_with('í') || male.ends_with('ů') {
        return male.to_owned();
    }
    if let Some(stem) = male.strip_suffix("ěk") {
        // Vaněk → Vaňková: the ě softened the consonant before it.
        let mut stem = stem.to_owned();
        let softened = match stem.pop() {
            Some('n') => Some('ň'),
            Some('d') => Some('ď'),
            Some('t') => Some('ť'),
            other => other,
        };
        stem.extend(softened);
        return format!("{stem}ková");
    }
    if let Some(stem) = male.strip_suffix("ek") {
        return format!("{stem}ková");
    }
    if let Some(stem) = male.strip_suffix("ec") {
        return format!("{stem}cová");
    }
    if let Some(stem) = male.strip_suffix('a') {
        return format!("{stem}ová");
    }
    format!("{male}ová")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;
    use std::collections::HashSet;

    #[rstest]
    #[case("Novák", "Nováková")]
    #[case("Svoboda", "Svobodová")]
    #[case("Dvořák", "Dvořáková")]
    #[case("Černý", "Černá")]
    #[case("Procházka", "Procházková")]
    #[case("Kučera", "Kučerová")]
    #[case("Veselý", "Veselá")]
    #[case("Horák", "Horáková")]
    #[case("Marek", "Marková")]
    #[case("Pospíšil", "Pospíšilová")]
    #[case("Hájek", "Hájková")]
    #[case("Jelínek", "Jelínková")]
    #[case("Král", "Králová")]
    #[case("Růžička", "Růžičková")]
    #[case("Beneš", "Benešová")]
    #[case("Fiala", "Fialová")]
    #[case("Sedláček", "Sedláčková")]
    #[case("Doležal", "Doležalová")]
    #[case("Zeman", "Zemanová")]
    #[case("Kolář", "Kolářová")]
    #[case("Navrátil", "Navrátilová")]
    #[case("Čermák", "Čermáková")]
    #[case("Urban", "Urbanová")]
    #[case("Blažek", "Blažková")]
    #[case("Kříž", "Křížová")]
    #[case("Kovář", "Kovářová")]
    #[case("Bartoš", "Bartošová")]
    #[case("Vlček", "Vlčková")]
    #[case("Polák", "Poláková")]
    #[case("Musil", "Musilová")]
    #[case("Šimek", "Šimková")]
    #[case("Němec", "Němcová")]
    #[case("Moravec", "Moravcová")]
    #[case("Vaněk", "Vaňková")]
    #[case("Staněk", "Staňková")]
    #[case("Kopecký", "Kopecká")]
    #[case("Krejčí", "Krejčí")]
    #[case("Skála", "Skálová")]
    fn derives_the_female_surname(#[case] male: &str, #[case] female: &str) {
        assert_eq!(female_surname(male), female);
    }

    fn assert_unique_and_filled(list: &[&str], what: &str, at_least: usize) {
        assert!(list.len() >= at_least, "{what}: only {}", list.len());
        let mut seen = HashSet::new();
        for name in list {
            assert!(!name.trim().is_empty(), "{what}: an empty entry");
            assert_eq!(name.trim(), *name, "{what}: '{name}' has spaces around it");
            assert!(seen.insert(*name), "{what}: '{name}' twice");
        }
    }

    #[test]
    fn the_lists_are_long_enough_and_unique() {
        assert_unique_and_filled(MALE_GIVEN, "MALE_GIVEN", 40);
        assert_unique_and_filled(FEMALE_GIVEN, "FEMALE_GIVEN", 40);
        assert_unique_and_filled(FAMILY_MALE, "FAMILY_MALE", 60);
        assert_unique_and_filled(STREETS, "STREETS", 40);
    }

    #[test]
    fn every_listed_surname_has_a_plausible_female_form() {
        for male in FAMILY_MALE {
            let female = female_surname(male);
            assert!(female.ends_with("ová") || female.ends_with('á') || female.ends_with('í'), "{male} → {female}");
            assert!(!female.ends_with("eková") && !female.ends_with("ecová"), "{male} → {female}");
        }
    }

    #[test]
    fn the_town_matches_the_default_catalogue() {
        let catalogue = super::super::catalogue::DEFAULT_TOML;
        assert!(catalogue.contains(TOWN));
        assert!(catalogue.contains(OFFICE_DESIGNATION));
        assert!(catalogue.contains(POSTCODES[0]));
        for code in POSTCODES {
            let digits: Vec<char> = code.chars().filter(char::is_ascii_digit).collect();
            assert_eq!(digits.len(), 5, "{code}");
            assert_eq!(code.len(), 6, "{code} is written as 'NNN NN'");
        }
    }
}
