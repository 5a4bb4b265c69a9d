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
use crate::tui::context::{Ctx, MessageKind};
use crate::tui::outcome::Outcome;
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
    pub booking: Option<booking::BookingLink>,
}

impl State {
    /// Whether printable keys go to a field (all steps but the result).
    #[must_use]
    pub fn typing(&self) -> bool {
        self.step != Step::Done
    }
}

/// The form of a situation: its own fields, then channel, note and attachments.
fn details_form(ctx: &Ctx, s: &SituationRow) -> Form {
    let lang = ctx.tr.lang();
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
    let channels =
        Channel::ALL.iter().map(|c| (c.as_str().to_owned(), ctx.tr.t(&format!("channel-{}", c.as_str())))).collect();
    fields.push(Field::choice("_channel", ctx.tr.t("intake-channel"), channels));
    fields.push(Field::text("_note", ctx.tr.t("intake-note"), false));
    fields.push(Field::text("_attachment", ctx.tr.t("intake-attachment"), false));
    Form::new(fields)
}

/// The new citizen's fields (the appointment screen asks the same).
#[must_use]
pub fn new_citizen_form(ctx: &Ctx) -> Form {
    let f = |k: &str, required| Field::text(k, ctx.tr.t(&format!("citizen-{k}")), required);
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

pub fn update(ctx: &mut Ctx, st: &mut State, action: Action) -> Outcome {
    match st.step {
        Step::Citizen => citizen_step(ctx, st, action),
        Step::NewCitizen => new_citizen_step(ctx, st, action),
        Step::Situation => situation_step(ctx, st, action),
        Step::Details => details_step(ctx, st, action),
        Step::Done => return done_step(ctx, st, action),
    }
    Outcome::None
}

fn citizen_step(ctx: &mut Ctx, st: &mut State, action: Action) {
    let len = st.citizens.len();
    if st.citizen_cursor.apply(action, len) {
        return;
    }
    match action {
        Action::Open if len > 0 => {
            st.citizen = st.citizens.get(st.citizen_cursor.selected).cloned();
            enter_situation_step(ctx, st);
        }
        // Filing without a named citizen (an anonymous complaint, a post item): Enter on nothing.
        Action::Open if st.citizen_query.value().trim().is_empty() => enter_situation_step(ctx, st),
        Action::New => {
            st.new_citizen = new_citizen_form(ctx);
            st.confirm_duplicate = false;
            st.step = Step::NewCitizen;
        }
        Action::Back => *st = State::default(),
        other => {
            if edit(&mut st.citizen_query, other) {
                refresh_citizens(ctx, st);
            }
        }
    }
}

fn new_citizen_step(ctx: &mut Ctx, st: &mut State, action: Action) {
    match action {
        Action::NextField | Action::Open => st.new_citizen.next(),
        Action::PrevField => st.new_citizen.prev(),
        Action::Save => create_citizen(ctx, st),
        Action::Back => st.step = Step::Citizen,
        other => {
            if let Some(f) = st.new_citizen.focused_mut() {
                f.handle(other);
            }
            st.confirm_duplicate = false;
        }
    }
}

pub(super) fn enter_situation_step(ctx: &mut Ctx, st: &mut State) {
    if st.picker.is_none() {
        match ctx.desk.directory() {
            Ok(dir) => {
                let lang = ctx.tr.lang();
                st.situations = booking::offered_situations(st, &dir);
                st.picker = Some(Picker::new(
                    st.situations.iter().map(|s| format!("{} {} {}", s.code, s.name.get(lang), s.name.cs)),
                ));
            }
            Err(e) => return ctx.set_error(&e),
        }
    }
    st.step = Step::Situation;
}

fn situation_step(ctx: &mut Ctx, st: &mut State, action: Action) {
    let len = st.picker.as_ref().map_or(0, |p| p.matches.len());
    if st.situation_cursor.apply(action, len) {
        return;
    }
    match action {
        Action::Open if len > 0 => {
            let idx = st.picker.as_ref().and_then(|p| p.matches.get(st.situation_cursor.selected)).copied();
            if let Some(s) = idx.and_then(|i| st.situations.get(i)).cloned() {
                st.details = details_form(ctx, &s);
                st.situation = Some(s);
                st.step = Step::Details;
            }
        }
        Action::Back => st.step = Step::Citizen,
        other => {
            if edit(&mut st.situation_query, other) {
                let q = st.situation_query.value().to_owned();
                if let Some(p) = st.picker.as_mut() {
                    p.set_query(&q);
                }
                st.situation_cursor = Cursor::default();
            }
        }
    }
}

fn details_step(ctx: &mut Ctx, st: &mut State, action: Action) {
    match action {
        Action::NextField | Action::Open => {
            check_left_field(ctx, st);
            st.details.next();
        }
        Action::PrevField => {
            check_left_field(ctx, st);
            st.details.prev();
        }
        Action::Save => submit(ctx, st),
        Action::Back => st.step = Step::Situation,
        other => {
            if let Some(f) = st.details.focused_mut() {
                f.handle(other);
            }
        }
    }
}

fn done_step(ctx: &mut Ctx, st: &mut State, action: Action) -> Outcome {
    match action {
        Action::Open | Action::New => *st = State::default(),
        Action::Print => files::print_receipt(ctx, st),
        Action::Back => {
            // A filing for a booking goes back to the day's bookings, others to the case list.
            let back = if st.booking.is_some() { ScreenId::Appointments } else { ScreenId::Cases };
            *st = State::default();
            return Outcome::Show(back);
        }
        _ => {}
    }
    Outcome::None
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
fn form_errors(ctx: &Ctx, st: &State) -> Vec<(String, String)> {
    let Some(situation) = &st.situation else { return Vec::new() };
    match crate::domain::form::validate_form(&situation.fields, &situation_values(&st.details)) {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .into_iter()
            .map(|e| {
                let t = ctx.tr.t(e.message_id);
                (e.key.clone(), if t == e.message_id { e.message.clone() } else { t })
            })
            .collect(),
    }
}

/// Validation as the clerk leaves a field: its own error only, and only once something is typed
/// (an empty required field is marked `*`, and refused on Ctrl+S).
fn check_left_field(ctx: &mut Ctx, st: &mut State) {
    let Some(field) = st.details.focused() else { return };
    if field.value().is_empty() || field.key.starts_with('_') {
        return;
    }
    let key = field.key.clone();
    let error = form_errors(ctx, st).into_iter().find(|(k, _)| *k == key).map(|(_, m)| m);
    if let Some(f) = st.details.focused_mut() {
        f.error = error;
    }
}

fn submit(ctx: &mut Ctx, st: &mut State) {
    let required = ctx.tr.t("err-required");
    if !st.details.check_required(&required) {
        ctx.info(MessageKind::Error, "intake-fix-fields");
        return;
    }
    let errors = form_errors(ctx, st);
    if !errors.is_empty() {
        st.details.set_errors(&errors);
        ctx.info(MessageKind::Error, "intake-fix-fields");
        return;
    }
    let Some(situation) = st.situation.clone() else { return };
    let form = &st.details;
    let fields = situation_values(form);
    let channel = Channel::parse(&form.value("_channel")).unwrap_or(Channel::Counter);
    let attachments = match files::attachment(&form.value("_attachment")) {
        Ok(a) => a.into_iter().collect(),
        Err(e) => {
            let err = vec![("_attachment".to_owned(), e.to_string())];
            st.details.set_errors(&err);
            return;
        }
    };
    let filing = NewFiling {
        citizen_id: st.citizen.as_ref().map(|c| c.id),
        situation_code: situation.code.clone(),
        channel,
        subject: String::new(),
        note: form.value("_note"),
        fields,
        attachments,
    };
    let Some(actor) = ctx.session.clone() else { return };
    let result = match st.booking.clone() {
        Some(link) => ctx.desk.file_case_for_booking(&actor, &link.code, &filing),
        None => ctx.desk.file_case(&actor, &filing),
    };
    match result {
        Ok(filed) => {
            st.filed = Some(filed);
            st.step = Step::Done;
            ctx.info(MessageKind::Success, "intake-filed");
        }
        Err(crate::desk::DeskError::Invalid { field, message, message_id }) => {
            let text = if ctx.tr.t(message_id) == message_id { message } else { ctx.tr.t(message_id) };
            st.details.set_errors(&[(field, text.clone())]);
            ctx.message = Some(crate::tui::context::Message { kind: MessageKind::Error, text });
        }
        Err(e) => ctx.set_error(&e),
    }
}

fn refresh_citizens(ctx: &mut Ctx, st: &mut State) {
    let q = st.citizen_query.value().to_owned();
    st.citizen_cursor = Cursor::default();
    if q.trim().chars().count() < 2 {
        st.citizens.clear();
        return;
    }
    let Some(actor) = ctx.session.clone() else { return };
    match ctx.desk.search_citizens(&actor, &q, 50) {
        Ok(rows) => st.citizens = rows,
        Err(e) => ctx.set_error(&e),
    }
}

fn create_citizen(ctx: &mut Ctx, st: &mut State) {
    let required = ctx.tr.t("err-required");
    if !st.new_citizen.check_required(&required) {
        return;
    }
    let input = citizen_input(&st.new_citizen);
    let Some(actor) = ctx.session.clone() else { return };
    match ctx.desk.create_citizen(&actor, &input, st.confirm_duplicate) {
        Ok(id) => match ctx.desk.citizen(id) {
            Ok(None) => ctx.info(MessageKind::Error, "err-unknown-citizen"),
            Ok(Some(c)) => {
                st.citizen = Some(c);
                ctx.info(MessageKind::Success, "intake-citizen-created");
                enter_situation_step(ctx, st);
            }
            Err(e) => ctx.set_error(&e),
        },
        Err(crate::desk::DeskError::Invalid { field, message, message_id }) => {
            let text = if ctx.tr.t(message_id) == message_id { message } else { ctx.tr.t(message_id) };
            st.new_citizen.set_errors(&[(field, text)]);
        }
        Err(crate::desk::DeskError::Conflict(text)) => {
            // A possible duplicate: say who, and let a second Ctrl-S create anyway.
            st.confirm_duplicate = true;
            ctx.message = Some(crate::tui::context::Message {
                kind: MessageKind::Error,
                text: format!("{text} · {}", ctx.tr.t("intake-duplicate-confirm")),
            });
        }
        Err(e) => ctx.set_error(&e),
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
