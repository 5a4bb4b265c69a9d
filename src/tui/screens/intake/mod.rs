//! New filing at the counter: find or create the citizen, pick the life situation, fill its form,
//! submit; the reference number shows at once, with the receipt a key away.
//!
//! ```text
//! ┌ 1 Občan ───────────────────┐┌ 2 Životní situace ─────────┐
//! │▶ Hledat: novak             ││  Hledat: op vyd             │
//! │  Nováková Jana, 3. 5. 1980 ││  Vydání občanského průkazu  │
//! └────────────────────────────┘└─────────────────────────────┘
//! ┌ 3 Údaje ────────────────────────────────────────────────────┐
//! │▶ Důvod*: ‹ skončení platnosti ›                             │
//! │  Kanál*: ‹ přepážka ›   Poznámka: …   Příloha (cesta): …    │
//! └─────────────────────────────────────────────────────────────┘
//! ```

pub mod booking;
pub mod files;
pub mod view;
use crate::desk::{CitizenRow, SituationRow};
use crate::desk::{FiledCase, NewFiling};
use crate::domain::case::Channel;
use crate::domain::catalogue::FieldKind;
use crate::tui::action::Action;
use crate::tui::app::{App, MessageKind};
use crate::tui::screens::{Cursor, ScreenId, edit};
use crate::tui::widgets::form::{Field, Form};
use crate::tui::widgets::picker::Picker;
use std::collections::BTreeMap;
use tui_input::Input;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Step {
    #[default]
    Citizen,
    NewCitizen,
    Situation,
    Details,
    Done,
}

#[derive(Debug, Default)]
pub struct State {
    pub step: Step,
    pub citizen_query: Input,
    pub citizens: Vec<CitizenRow>,
    pub citizen_cursor: Cursor,
    pub citizen: Option<CitizenRow>,
    pub new_citizen: Form,
    /// Set when the store found a possible duplicate: the next Ctrl-S creates anyway.
    pub confirm_duplicate: bool,
    pub situation_query: Input,
    pub situations: Vec<SituationRow>,
    pub picker: Option<Picker>,
    pub situation_cursor: Cursor,
    pub situation: Option<SituationRow>,
    pub details: Form,
    pub filed: Option<FiledCase>,
    /// The booking a check-in opened this filing for: the situations are narrowed to its
    /// service's, and the case is filed linked to it.
    pub booking: Option<super::intake::booking::BookingLink>,
}

impl State {
    /// Whether printable keys go to a field (all steps but the result).
    #[must_use]
    pub fn typing(&self) -> bool {
        self.step != Step::Done
    }
}

/// The form of a situation: its own fields, then channel, note and attachments.
fn details_form(app: &App, s: &SituationRow) -> Form {
    let lang = app.ctx.tr.lang();
    let mut fields: Vec<Field> = s
        .fields
        .iter()
        .map(|f| match f.kind {
            FieldKind::Choice => Field::choice(
                &f.key,
                f.label.get(lang).to_owned(),
                f.options.iter().map(|o| (o.value.clone(), o.label.get(lang).to_owned())).collect(),
            ),
            FieldKind::Text | FieldKind::Number | FieldKind::Date => {
                Field::text(&f.key, f.label.get(lang).to_owned(), f.required)
            }
        })
        .collect();
    let channels = Channel::ALL
        .iter()
        .map(|c| (c.as_str().to_owned(), app.ctx.tr.t(&format!("channel-{}", c.as_str()))))
        .collect();
    fields.push(Field::choice("_channel", app.ctx.tr.t("intake-channel"), channels));
    fields.push(Field::text("_note", app.ctx.tr.t("intake-note"), false));
    fields.push(Field::text("_attachment", app.ctx.tr.t("intake-attachment"), false));
    Form::new(fields)
}

/// The new citizen's fields (the appointment screen asks the same).
#[must_use]
pub fn new_citizen_form(app: &App) -> Form {
    let f = |k: &str, required| Field::text(k, app.ctx.tr.t(&format!("citizen-{k}")), required);
    Form::new(vec![
        f("given_name", true),
        f("family_name", true),
        f("birth_date", true),
        f("birth_number", false),
        f("phone", false),
        f("email", false),
        f("street", false),
        f("city", false),
        f("postcode", false),
    ])
}

pub fn update(app: &mut App, action: Action) {
    match app.intake.step {
        Step::Citizen => citizen_step(app, action),
        Step::NewCitizen => new_citizen_step(app, action),
        Step::Situation => situation_step(app, action),
        Step::Details => details_step(app, action),
        Step::Done => done_step(app, action),
    }
}

fn citizen_step(app: &mut App, action: Action) {
    let len = app.intake.citizens.len();
    if app.intake.citizen_cursor.apply(action, len) {
        return;
    }
    match action {
        Action::Open if len > 0 => {
            app.intake.citizen = app.intake.citizens.get(app.intake.citizen_cursor.selected).cloned();
            enter_situation_step(app);
        }
        // Filing without a named citizen (an anonymous complaint, a post item): Enter on nothing.
        Action::Open if app.intake.citizen_query.value().trim().is_empty() => enter_situation_step(app),
        Action::New => {
            app.intake.new_citizen = new_citizen_form(app);
            app.intake.confirm_duplicate = false;
            app.intake.step = Step::NewCitizen;
        }
        Action::Back => app.intake = State::default(),
        other => {
            if edit(&mut app.intake.citizen_query, other) {
                refresh_citizens(app);
            }
        }
    }
}

fn new_citizen_step(app: &mut App, action: Action) {
    match action {
        Action::NextField | Action::Open => app.intake.new_citizen.next(),
        Action::PrevField => app.intake.new_citizen.prev(),
        Action::Save => create_citizen(app),
        Action::Back => app.intake.step = Step::Citizen,
        other => {
            if let Some(f) = app.intake.new_citizen.focused_mut() {
                f.handle(other);
            }
            app.intake.confirm_duplicate = false;
        }
    }
}

pub(super) fn enter_situation_step(app: &mut App) {
    if app.intake.picker.is_none() {
        match app.ctx.desk.directory() {
            Ok(dir) => {
                let lang = app.ctx.tr.lang();
                app.intake.situations = super::intake::booking::offered_situations(app, &dir);
                app.intake.picker = Some(Picker::new(
                    app.intake.situations.iter().map(|s| format!("{} {} {}", s.code, s.name.get(lang), s.name.cs)),
                ));
            }
            Err(e) => return app.ctx.set_error(&e),
        }
    }
    app.intake.step = Step::Situation;
}

fn situation_step(app: &mut App, action: Action) {
    let len = app.intake.picker.as_ref().map_or(0, |p| p.matches.len());
    if app.intake.situation_cursor.apply(action, len) {
        return;
    }
    match action {
        Action::Open if len > 0 => {
            let idx =
                app.intake.picker.as_ref().and_then(|p| p.matches.get(app.intake.situation_cursor.selected)).copied();
            if let Some(s) = idx.and_then(|i| app.intake.situations.get(i)).cloned() {
                app.intake.details = details_form(app, &s);
                app.intake.situation = Some(s);
                app.intake.step = Step::Details;
            }
        }
        Action::Back => app.intake.step = Step::Citizen,
        other => {
            if edit(&mut app.intake.situation_query, other) {
                let q = app.intake.situation_query.value().to_owned();
                if let Some(p) = app.intake.picker.as_mut() {
                    p.set_query(&q);
                }
                app.intake.situation_cursor = Cursor::default();
            }
        }
    }
}

fn details_step(app: &mut App, action: Action) {
    match action {
        Action::NextField | Action::Open => {
            check_left_field(app);
            app.intake.details.next();
        }
        Action::PrevField => {
            check_left_field(app);
            app.intake.details.prev();
        }
        Action::Save => submit(app),
        Action::Back => app.intake.step = Step::Situation,
        other => {
            if let Some(f) = app.intake.details.focused_mut() {
                f.handle(other);
            }
        }
    }
}

fn done_step(app: &mut App, action: Action) {
    match action {
        Action::Open | Action::New => app.intake = State::default(),
        Action::Print => super::intake::files::print_receipt(app),
        Action::Back => {
            // A filing for a booking goes back to the day's bookings, others to the case list.
            let back = if app.intake.booking.is_some() { ScreenId::Appointments } else { ScreenId::Cases };
            app.intake = State::default();
            app.show(back);
        }
        _ => {}
    }
}

/// The situation's own fields as the domain validates them (the frame's `_` fields apart).
fn situation_values(form: &Form) -> BTreeMap<String, String> {
    form.fields
        .iter()
        .filter(|f| !f.key.starts_with('_'))
        .map(|f| (f.key.clone(), f.value()))
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

/// The domain's form rules, the same the CLI and the portal import meet, as (key, message) pairs
/// in the UI's language.
fn form_errors(app: &App) -> Vec<(String, String)> {
    let Some(situation) = &app.intake.situation else { return Vec::new() };
    match crate::domain::form::validate_form(&situation.fields, &situation_values(&app.intake.details)) {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .into_iter()
            .map(|e| {
                let t = app.ctx.tr.t(e.message_id);
                (e.key.clone(), if t == e.message_id { e.message.clone() } else { t })
            })
            .collect(),
    }
}

/// Validation as the clerk leaves a field: its own error only, and only once something is typed
/// (an empty required field is marked `*`, and refused on Ctrl+S).
fn check_left_field(app: &mut App) {
    let Some(field) = app.intake.details.focused() else { return };
    if field.value().is_empty() || field.key.starts_with('_') {
        return;
    }
    let key = field.key.clone();
    let error = form_errors(app).into_iter().find(|(k, _)| *k == key).map(|(_, m)| m);
    if let Some(f) = app.intake.details.focused_mut() {
        f.error = error;
    }
}

fn submit(app: &mut App) {
    let required = app.ctx.tr.t("err-required");
    if !app.intake.details.check_required(&required) {
        app.ctx.info(MessageKind::Error, "intake-fix-fields");
        return;
    }
    let errors = form_errors(app);
    if !errors.is_empty() {
        app.intake.details.set_errors(&errors);
        app.ctx.info(MessageKind::Error, "intake-fix-fields");
        return;
    }
    let Some(situation) = app.intake.situation.clone() else { return };
    let form = &app.intake.details;
    let fields = situation_values(form);
    let channel = Channel::parse(&form.value("_channel")).unwrap_or(Channel::Counter);
    let attachments = match super::intake::files::attachment(&form.value("_attachment")) {
        Ok(a) => a.into_iter().collect(),
        Err(e) => {
            let err = vec![("_attachment".to_owned(), e)];
            app.intake.details.set_errors(&err);
            return;
        }
    };
    let filing = NewFiling {
        citizen_id: app.intake.citizen.as_ref().map(|c| c.id),
        situation_code: situation.code.clone(),
        channel,
        subject: String::new(),
        note: form.value("_note"),
        fields,
        attachments,
    };
    let Some(actor) = app.ctx.session.clone() else { return };
    let result = match app.intake.booking.clone() {
        Some(link) => app.ctx.desk.file_case_for_booking(&actor, &link.code, &filing),
        None => app.ctx.desk.file_case(&actor, &filing),
    };
    match result {
        Ok(filed) => {
            app.intake.filed = Some(filed);
            app.intake.step = Step::Done;
            app.ctx.info(MessageKind::Success, "intake-filed");
        }
        Err(crate::desk::DeskError::Invalid { field, message, message_id }) => {
            let text = if app.ctx.tr.t(message_id) == message_id { message } else { app.ctx.tr.t(message_id) };
            app.intake.details.set_errors(&[(field, text.clone())]);
            app.ctx.message = Some(crate::tui::app::Message { kind: MessageKind::Error, text });
        }
        Err(e) => app.ctx.set_error(&e),
    }
}

fn refresh_citizens(app: &mut App) {
    let q = app.intake.citizen_query.value().to_owned();
    app.intake.citizen_cursor = Cursor::default();
    if q.trim().chars().count() < 2 {
        app.intake.citizens.clear();
        return;
    }
    let Some(actor) = app.ctx.session.clone() else { return };
    match app.ctx.desk.search_citizens(&actor, &q, 50) {
        Ok(rows) => app.intake.citizens = rows,
        Err(e) => app.ctx.set_error(&e),
    }
}

fn create_citizen(app: &mut App) {
    let required = app.ctx.tr.t("err-required");
    if !app.intake.new_citizen.check_required(&required) {
        return;
    }
    let input = citizen_input(&app.intake.new_citizen);
    let Some(actor) = app.ctx.session.clone() else { return };
    match app.ctx.desk.create_citizen(&actor, &input, app.intake.confirm_duplicate) {
        Ok(id) => match app.ctx.desk.citizen(id) {
            Ok(None) => app.ctx.info(MessageKind::Error, "err-unknown-citizen"),
            Ok(Some(c)) => {
                app.intake.citizen = Some(c);
                app.ctx.info(MessageKind::Success, "intake-citizen-created");
                enter_situation_step(app);
            }
            Err(e) => app.ctx.set_error(&e),
        },
        Err(crate::desk::DeskError::Invalid { field, message, message_id }) => {
            let text = if app.ctx.tr.t(message_id) == message_id { message } else { app.ctx.tr.t(message_id) };
            app.intake.new_citizen.set_errors(&[(field, text)]);
        }
        Err(crate::desk::DeskError::Conflict(text)) => {
            // A possible duplicate: say who, and let a second Ctrl-S create anyway.
            app.intake.confirm_duplicate = true;
            app.ctx.message = Some(crate::tui::app::Message {
                kind: MessageKind::Error,
                text: format!("{text} · {}", app.ctx.tr.t("intake-duplicate-confirm")),
            });
        }
        Err(e) => app.ctx.set_error(&e),
    }
}

/// What the clerk typed into [`new_citizen_form`].
#[must_use]
pub fn citizen_input(f: &Form) -> crate::desk::NewCitizenInput {
    let opt = |k: &str| Some(f.value(k)).filter(|v| !v.is_empty());
    crate::desk::NewCitizenInput {
        given_name: f.value("given_name"),
        family_name: f.value("family_name"),
        birth_date: f.value("birth_date"),
        birth_number: opt("birth_number"),
        phone: opt("phone"),
        email: f.value("email"),
        street: f.value("street"),
        city: f.value("city"),
        postcode: f.value("postcode"),
    }
}
