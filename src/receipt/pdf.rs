//! The receipt as an A4 PDF, with DejaVu Sans embedded (subset to the glyphs used, with a
//! ToUnicode map, so the file stays small and its text can be searched and copied with diacritics).
//!
//! Sketch of the page (points, origin top left):
//!
//! ```text
//!   56 ┌ office name (bold 13)                           ┐  y 64
//!      │ address / tel., web (9)                         │
//!      ├──────────────────────────── rule ───────────────┤
//!      │ Potvrzení o přijetí podání (bold 18)            │
//!      │ label (9.5, grey)      value (11), wrapped      │
//!      │ …                                               │
//!      │ how to follow the case (10), wrapped            │
//!      └─────────────────────────────────────────────────┘  new page below y 785
//! ```

use super::{Receipt, ReceiptError, TITLE, office_lines, sections, wrap};
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

const A4: (f32, f32) = (595.28, 841.89);
const LEFT: f32 = 56.0;
const RIGHT: f32 = A4.0 - 56.0;
const VALUE_X: f32 = 200.0;
const TOP: f32 = 64.0;
const BOTTOM: f32 = 785.0;
/// Characters per line for the value column and the full width. DejaVu Sans averages about 0.55 em
/// for Czech running text, so these keep well inside the margins without measuring every glyph.
const VALUE_CHARS: usize = 52;
const FULL_CHARS: usize = 84;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Style {
    OfficeName,
    Contact,
    Title,
    Label,
    Value,
    Body,
}

impl Style {
    fn size(self) -> f32 {
        match self {
            Style::OfficeName => 13.0,
            Style::Contact => 9.0,
            Style::Title => 18.0,
            Style::Label => 9.5,
            Style::Value => 11.0,
            Style::Body => 10.0,
        }
    }
    fn bold(self) -> bool {
        matches!(self, Style::OfficeName | Style::Title)
    }
    fn grey(self) -> bool {
        matches!(self, Style::Contact | Style::Label)
    }
}

/// Something to draw at a baseline on one page.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    Text { x: f32, y: f32, style: Style, text: String },
    Rule { y: f32 },
}

/// Places everything, breaking pages where the next line would not fit.
fn layout(r: &Receipt) -> Vec<Vec<Item>> {
    let mut pages = vec![Vec::new()];
    let mut y = TOP;
    let put = |pages: &mut Vec<Vec<Item>>, y: &mut f32, advance: f32, item: Item| {
        if *y > BOTTOM {
            pages.push(Vec::new());
            *y = TOP;
        }
        let item = match item {
            Item::Text { x, style, text, .. } => Item::Text { x, y: *y, style, text },
            Item::Rule { .. } => Item::Rule { y: *y },
        };
        if let Some(page) = pages.last_mut() {
            page.push(item);
        }
        *y += advance;
    };
    let text = |x: f32, style: Style, text: String| Item::Text { x, y: 0.0, style, text };
    for (i, l) in office_lines(r).into_iter().enumerate() {
        let style = if i == 0 { Style::OfficeName } else { Style::Contact };
        for part in wrap(&l, FULL_CHARS) {
            put(&mut pages, &mut y, style.size() + 5.0, text(LEFT, style, part));
        }
    }
    put(&mut pages, &mut y, 34.0, Item::Rule { y: 0.0 });
    put(&mut pages, &mut y, 32.0, text(LEFT, Style::Title, TITLE.to_owned()));
    for s in sections(r) {
        let mut first = true;
        for value in &s.values {
            let (mark, width) = if s.list { ("– ", VALUE_CHARS - 2) } else { ("", VALUE_CHARS) };
            for (i, part) in wrap(value, width).into_iter().enumerate() {
                if first {
                    // The label shares the value's baseline; it is drawn before `put` advances.
                    put(&mut pages, &mut y, 0.0, text(LEFT, Style::Label, s.label.to_owned()));
                    first = false;
                }
                let indent = if s.list && i > 0 {
                    "  "
                } else if i == 0 {
                    mark
                } else {
                    ""
                };
                put(&mut pages, &mut y, 15.5, text(VALUE_X, Style::Value, format!("{indent}{part}")));
            }
        }
        y += 4.0;
    }
    y += 12.0;
    for part in wrap(&r.how_to_follow, FULL_CHARS) {
        put(&mut pages, &mut y, 14.0, text(LEFT, Style::Body, part));
    }
    pages
}

/// The receipt as the bytes of a PDF file.
///
/// # Errors
/// The embedded font cannot be read, or the PDF cannot be written.
pub fn render_pdf(r: &Receipt) -> Result<Vec<u8>, ReceiptError> {
    let regular = Font::new(REGULAR.into(), 0).ok_or(ReceiptError::Font)?;
    let bold = Font::new(BOLD.into(), 0).ok_or(ReceiptError::Font)?;
    let settings = PageSettings::from_wh(A4.0, A4.1).ok_or_else(|| ReceiptError::Pdf("page size".into()))?;
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(format!("{TITLE} {}", r.reference_number))
            .authors(vec![r.office_name.clone()])
            .language("cs".into())
            .creator("clerkdesk".into()),
    );
    let black = Fill::default();
    let grey = Fill { paint: rgb::Color::new(85, 85, 85).into(), ..Fill::default() };
    for items in layout(r) {
        let mut page = doc.start_page_with(settings.clone());
        let mut surface = page.surface();
        for item in items {
            match item {
                Item::Text { x, y, style, text } => {
                    surface.set_fill(Some(if style.grey() { grey.clone() } else { black.clone() }));
                    let font = if style.bold() { bold.clone() } else { regular.clone() };
                    surface.draw_text(Point::from_xy(x, y), font, style.size(), &text, false, TextDirection::Auto);
                }
                Item::Rule { y } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(LEFT, y);
                    pb.line_to(RIGHT, y);
                    if let Some(path) = pb.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke { width: 0.8, ..Stroke::default() }));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    doc.finish().map_err(|e| ReceiptError::Pdf(format!("{e:?}")))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test stops at the first thing it did not expect")]
mod tests {
    use super::super::fixtures::{partly_paid, receipt};
    use super::*;

    #[test]
    fn the_font_is_embedded_as_a_subset_whose_text_maps_back_to_czech() {
        let pdf = render_pdf(&receipt(Some(partly_paid()))).unwrap();
        // The whole of DejaVu Sans is 740 kB; the glyphs of one receipt are a few kB.
        assert!(pdf.len() < 60_000, "{} bytes", pdf.len());
        let doc = lopdf::Document::load_mem(&pdf).unwrap();
        let dicts = || doc.objects.values().filter_map(|o| o.as_dict().ok());
        assert!(dicts().any(|d| d.has(b"FontFile2")), "a TrueType font program is embedded");
        assert!(dicts().any(|d| d.has(b"ToUnicode")), "glyphs map back to characters");
        // Extraction goes through the ToUnicode map: the real check that č, í, ř survive.
        let text = doc.extract_text(&[1]).unwrap();
        for want in ["Číslo jednací", "Lipnice nad Orlicí", "Potvrzení o přijetí podání", "Jiřina Dvořáková"]
        {
            assert!(text.contains(want), "'{want}' in:\n{text}");
        }
    }

    #[test]
    fn a_long_list_of_documents_flows_onto_a_second_page() {
        let mut r = receipt(Some(partly_paid()));
        r.documents = super::super::Documents::HandedOver((1..=60).map(|i| format!("příloha č. {i}")).collect());
        let pages = layout(&r);
        assert_eq!(pages.len(), 2);
        assert!(pages.iter().flatten().all(|i| match i {
            Item::Text { y, .. } | Item::Rule { y } => (TOP..=BOTTOM + 20.0).contains(y),
        }));
        let pdf = render_pdf(&r).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }
}
