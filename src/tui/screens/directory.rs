//! The directory: life situations (the handbook), officials and departments, searched as you
//! type, diacritics and case ignored.
//!
//! ```text
//! ▶ Hledat: [obcansky      ]
//!  Životní situace (3) │ Úředníci (1) │ Odbory (0)
//! ┌ list ───────────────┐┌ detail (≥ 100 columns; else Enter opens it) ┐
//! └─────────────────────┘└─────────────────────────────────────────────┘
//! ```

use super::{Cursor, edit};
use crate::desk::{DeskError, Directory};
use crate::domain::money::format_czk;
use crate::domain::phone;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::widgets::{cut, select_list, text_field};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use tui_input::Input;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Section {
    #[default]
    Situations,
    Officials,
    Departments,
}

impl Section {
    const ALL: [Section; 3] = [Section::Situations, Section::Officials, Section::Departments];
    fn label(self) -> &'static str {
        match self {
            Section::Situations => "dir-situations",
            Section::Officials => "dir-officials",
            Section::Departments => "dir-departments",
        }
    }
}

#[derive(Debug, Default)]
pub struct State {
    pub query: Input,
    pub section: Section,
    pub cursor: Cursor,
    /// At narrow widths the detail replaces the list; Esc comes back.
    pub detail_open: bool,
    pub dir: Option<Directory>,
}

impl State {
    /// The search field has the focus unless the detail is open.
    #[must_use]
    pub fn typing(&self) -> bool {
        !self.detail_open
    }

    fn len(&self, section: Section) -> usize {
        let Some(d) = &self.dir else { return 0 };
        let q = self.query.value();
        match section {
            Section::Situations => d.situations(q).len(),
            Section::Officials => d.officials(q).len(),
            Section::Departments => d.departments(q).len(),
        }
    }
}

/// Reads the catalogue (once, and again when another clerk's commit is noticed).
pub fn load(ctx: &mut Ctx, st: &mut State) -> Result<(), DeskError> {
    st.dir = Some(ctx.desk.directory()?);
    let len = st.len(st.section);
    st.cursor.clamp(len);
    Ok(())
}

pub fn update(s: &mut State, action: Action) {
    let len = s.len(s.section);
    if s.cursor.apply(action, len) {
        return;
    }
    match action {
        Action::NextField | Action::PrevField => {
            let i = Section::ALL.iter().position(|x| *x == s.section).unwrap_or(0);
            let n = Section::ALL.len();
            s.section = Section::ALL[if action == Action::NextField { (i + 1) % n } else { (i + n - 1) % n }];
            s.cursor = Cursor::default();
            s.detail_open = false;
        }
        Action::Open if len > 0 => s.detail_open = true,
        Action::Back if s.detail_open => s.detail_open = false,
        Action::Back => {
            s.query = Input::default();
            s.cursor = Cursor::default();
        }
        other => {
            if s.typing() && edit(&mut s.query, other) {
                s.cursor = Cursor::default();
            }
        }
    }
}

/// Below this width the detail replaces the list instead of standing beside it.
const SIDE_BY_SIDE: u16 = 100;

pub fn view(ctx: &Ctx, s: &State, f: &mut Frame<'_>, area: Rect) {
    let [search, tabs, body] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    text_field(f, search, ctx.theme, &ctx.tr.t("dir-search"), &s.query, s.typing(), false);
    let mut spans = Vec::new();
    for sec in Section::ALL {
        let label = format!(" {} ({}) ", ctx.tr.t(sec.label()), s.len(sec));
        if sec == s.section {
            spans.push(Span::styled(format!("▸{}", label.trim_start()), ctx.theme.nav_active()));
        } else {
            spans.push(Span::raw(label));
        }
        spans.push(Span::raw("│"));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), tabs);
    let (list_area, detail_area) = if body.width >= SIDE_BY_SIDE {
        let [l, d] = Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(body);
        (Some(l), Some(d))
    } else if s.detail_open {
        (None, Some(body))
    } else {
        (Some(body), None)
    };
    if let Some(a) = list_area {
        draw_list(ctx, s, f, a);
    }
    if let Some(a) = detail_area {
        draw_detail(ctx, s, f, a);
    }
}

#[allow(
    clippy::many_single_char_names,
    reason = "ratatui's `f: &mut Frame` and short names for the rects and rows being laid out"
)]
fn draw_list(ctx: &Ctx, s: &State, f: &mut Frame<'_>, area: Rect) {
    let lang = ctx.tr.lang();
    let block = Block::new().borders(Borders::ALL);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let Some(d) = &s.dir else { return };
    let q = s.query.value();
    let w = usize::from(inner.width.saturating_sub(2));
    let code = |id| d.department(id).map_or("", |x| x.code.as_str());
    let lines: Vec<Line<'static>> = match s.section {
        Section::Situations => d
            .situations(q)
            .iter()
            .map(|x| Line::from(cut(&format!("{:<4} {}", code(x.department_id), x.name.get(lang)), w)))
            .collect(),
        Section::Officials => d
            .officials(q)
            .iter()
            .map(|x| Line::from(cut(&format!("{:<4} {}", code(x.department_id), x.name), w)))
            .collect(),
        Section::Departments => d
            .departments(q)
            .iter()
            .map(|x| Line::from(cut(&format!("{:<4} {}", x.code, x.name.get(lang)), w)))
            .collect(),
    };
    if lines.is_empty() {
        f.render_widget(Paragraph::new(ctx.tr.t("dir-nothing")).style(ctx.theme.dim()), inner);
        return;
    }
    select_list(f, inner, ctx.theme, lines, s.cursor.selected);
}

fn draw_detail(ctx: &Ctx, s: &State, f: &mut Frame<'_>, area: Rect) {
    let block = Block::new().borders(Borders::ALL);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let Some(d) = &s.dir else { return };
    let lines = match s.section {
        Section::Situations => d.situations(s.query.value()).get(s.cursor.selected).map(|x| situation(ctx, d, x)),
        Section::Officials => d.officials(s.query.value()).get(s.cursor.selected).map(|x| official(ctx, d, x)),
        Section::Departments => d.departments(s.query.value()).get(s.cursor.selected).map(|x| department(ctx, d, x)),
    };
    if let Some(lines) = lines {
        f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    }
}

fn kv(ctx: &Ctx, key: &str, value: String) -> Line<'static> {
    Line::from(vec![Span::styled(format!("{}: ", ctx.tr.t(key)), ctx.theme.dim()), Span::raw(value)])
}

fn situation(ctx: &Ctx, d: &Directory, x: &crate::desk::SituationRow) -> Vec<Line<'static>> {
    let lang = ctx.tr.lang();
    let dept = d.department(x.department_id).map_or_else(String::new, |d| format!("{} ({})", d.name.get(lang), d.code));
    let deadline = if x.deadline_days == 0 {
        ctx.tr.t("deadline-on-the-spot")
    } else {
        ctx.tr.ta("deadline-days", &[("days", x.deadline_days.into())])
    };
    let mut fee = format_czk(i64::from(x.fee_czk));
    if !x.fee_note.get(lang).is_empty() {
        fee = format!("{fee} — {}", x.fee_note.get(lang));
    }
    let mut lines = vec![
        Line::styled(x.name.get(lang).to_owned(), ctx.theme.title()),
        Line::raw(x.description.get(lang).to_owned()),
        Line::raw(""),
        kv(ctx, "dir-department", dept),
        kv(ctx, "dir-fee", fee),
        kv(ctx, "dir-deadline", deadline),
    ];
    if let Some(svc) = d.data.services.iter().find(|s| Some(s.id) == x.service_id) {
        lines.push(kv(ctx, "dir-service", format!("{} ({} min)", svc.name.get(lang), svc.duration_min)));
    }
    lines.push(kv(ctx, "dir-code", x.code.clone()));
    lines.push(Line::raw(""));
    lines.push(Line::styled(ctx.tr.t("dir-documents"), ctx.theme.title()));
    lines.extend(x.documents.get(lang).iter().map(|doc| Line::raw(format!(" • {doc}"))));
    lines
}

fn official(ctx: &Ctx, d: &Directory, x: &crate::desk::OfficialRow) -> Vec<Line<'static>> {
    let lang = ctx.tr.lang();
    let dept = d.department(x.department_id).map_or_else(String::new, |d| d.name.get(lang).to_owned());
    vec![
        Line::styled(x.name.clone(), ctx.theme.title()),
        Line::raw(x.position.get(lang).to_owned()),
        Line::raw(""),
        kv(ctx, "dir-department", dept),
        kv(ctx, "dir-room", x.room.clone()),
        kv(ctx, "dir-phone", phone::normalize(&x.phone).map_or_else(|_| x.phone.clone(), |p| phone::display(&p))),
        kv(ctx, "dir-email", x.email.clone()),
    ]
}

fn department(ctx: &Ctx, d: &Directory, x: &crate::desk::DepartmentRow) -> Vec<Line<'static>> {
    let lang = ctx.tr.lang();
    let mut lines = vec![
        Line::styled(format!("{} ({})", x.name.get(lang), x.code), ctx.theme.title()),
        Line::raw(""),
        kv(ctx, "dir-room", x.room.clone()),
        kv(ctx, "dir-phone", phone::normalize(&x.phone).map_or_else(|_| x.phone.clone(), |p| phone::display(&p))),
        kv(ctx, "dir-email", x.email.clone()),
        Line::raw(""),
        Line::styled(ctx.tr.t("dir-officials"), ctx.theme.title()),
    ];
    lines.extend(
        d.officials_of(x.id).iter().map(|o| Line::raw(format!(" • {}, {} ({})", o.name, o.position.get(lang), o.room))),
    );
    lines
}
