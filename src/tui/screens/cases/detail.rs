//! One case: its data, fees, deadline and the full history as a timeline; `a` opens the actions
//! the case's state allows, a dialog asks for what the law wants (a reason, the outcome, the
//! authority), and Ctrl+S carries it out. A colleague's change meanwhile is a conflict: the view
//! reloads and says so, nothing is overwritten.
//!
//! ```text
//! MULO-00042/2026/OSA  · v řešení · lhůta 21. 12. 2026 (zbývá 12 prac. dní)
//! Občan … · Odbor OSA · Referent jnovakova · Poplatek 200 Kč, dluží 0 Kč
//! ── Historie ──────────────────────────────────────────
//! 20. 11. 2026 9:30  prepazka   přijato
//! ```

use crate::desk::{CaseDetail, DeskError};
use crate::domain::case::CaseStatus;
use crate::domain::lifecycle::{self, Action as CaseAction};
use crate::domain::permissions::{self, Operation};
use crate::domain::role::Role;
use crate::tui::action::Action;
use crate::tui::context::{Ctx, Message, MessageKind};
use crate::tui::screens::Cursor;
use crate::tui::widgets::form::{Field, Form};

/// What the action menu offers: the lifecycle's actions, and the cash desk's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Case(CaseAction),
    /// Record a payment of what is owed.
    Pay,
    /// Print the receipt again.
    Receipt,
}

impl Item {
    /// The translation id of its name.
    #[must_use]
    pub fn label(self) -> String {
        match self {
            Item::Case(a) => format!("act-{}", a.as_str()),
            Item::Pay => "act-pay".to_owned(),
            Item::Receipt => "act-receipt".to_owned(),
        }
    }
}

/// The actions a case in `status` allows and the domain's role rules let this clerk take, given
/// whether the case is in their own department (an official may take a case of their department
/// for themselves: Assign is offered, and the desk checks the name they give).
#[must_use]
pub fn offered(status: CaseStatus, role: Role, own_department: bool) -> Vec<CaseAction> {
    CaseAction::ALL
        .into_iter()
        .filter(|a| lifecycle::transition(status, *a).is_ok())
        .filter(|a| {
            let scope = lifecycle::Scope { own_department, to_self: *a == CaseAction::Assign && own_department };
            lifecycle::may(role, *a, scope)
        })
        .collect()
}

/// The menu for this case and clerk: its actions, the payment when something is owed and the
/// clerk takes money, and the receipt.
fn menu_items(d: &CaseDetail, role: Role, own_department: bool) -> Vec<Item> {
    let mut items: Vec<Item> =
        d.status().map(|s| offered(s, role, own_department)).unwrap_or_default().into_iter().map(Item::Case).collect();
    if d.fees.owed > 0 && lifecycle::may_take_payment(role) {
        items.insert(0, Item::Pay);
    }
    if permissions::may(role, Operation::PrintReceipt, permissions::Scope::department(own_department)) {
        items.push(Item::Receipt);
    }
    items
}

#[derive(Debug)]
pub struct Dialog {
    pub item: Item,
    pub form: Form,
}

#[derive(Debug, Default)]
pub struct State {
    pub detail: Option<CaseDetail>,
    /// The form fields' labels of the case's life situation (key, label), in the UI's language.
    pub labels: Vec<(String, String)>,
    /// The labels of the choices' options: (field key, value, label).
    pub options: Vec<(String, String, String)>,
    /// The life situation's name in the UI's language.
    pub situation_name: Option<String>,
    /// Whether the case is in the logged-in clerk's department (for the role rules).
    pub own_department: bool,
    /// The action menu, when open: the offered actions and the highlighted one.
    pub menu: Option<(Vec<Item>, Cursor)>,
    pub dialog: Option<Dialog>,
}

impl State {
    #[must_use]
    pub fn typing(&self) -> bool {
        self.dialog.is_some()
    }
}

/// The fields an action asks for.
fn dialog_for(ctx: &Ctx, item: Item, d: &CaseDetail) -> Form {
    let t = |k: &str| ctx.tr.t(k);
    let Some(status) = d.status() else { return Form::default() };
    let action = match item {
        Item::Case(a) => a,
        Item::Pay => {
            let methods = ["cash", "card", "transfer"].map(|m| (m.to_owned(), t(&format!("pay-{m}"))));
            return Form::new(vec![
                Field::text("amount", t("pay-amount"), true).with_value(&d.fees.owed.to_string()),
                Field::choice("method", t("pay-method"), methods.to_vec()),
                Field::text("receipt", t("pay-receipt"), true),
            ]);
        }
        Item::Receipt => return Form::default(),
    };
    let reason_required = lifecycle::reason_needed(status, action).is_some();
    let fields = match action {
        CaseAction::Assign => vec![
            Field::text("department", t("case-department"), false),
            Field::text("official", t("case-official"), false),
            Field::text("reason", t("case-reason"), reason_required),
        ],
        CaseAction::Resolve => vec![Field::text("outcome", t("case-outcome"), true)],
        CaseAction::Forward => {
            vec![Field::text("authority", t("case-authority"), true), Field::text("reason", t("case-reason"), true)]
        }
        CaseAction::AddNote => vec![Field::text("text", t("case-note"), true)],
        CaseAction::Link => vec![Field::text("other", t("case-link-to"), true)],
        CaseAction::Suspend | CaseAction::Withdraw | CaseAction::MarkComplex => {
            vec![Field::text("reason", t("case-reason"), true)]
        }
        CaseAction::Start | CaseAction::Resume | CaseAction::Close => Vec::new(),
    };
    Form::new(fields)
}

/// Loads (or reloads) the case shown.
pub fn open(ctx: &mut Ctx, s: &mut State, reference: &str) {
    match ctx.desk.case_detail(reference) {
        Ok(d) => {
            let lang = ctx.tr.lang();
            let dir = ctx.desk.directory().ok();
            let mine = ctx.session.as_ref().and_then(|a| a.department_id);
            let own_department = dir.as_ref().is_some_and(|dir| {
                dir.data.departments.iter().any(|x| x.code == d.case.department_code && Some(x.id) == mine)
            });
            let situation =
                dir.and_then(|dir| dir.data.situations.into_iter().find(|s| s.code == d.case.situation_code));
            s.own_department = own_department;
            s.labels = situation
                .as_ref()
                .map(|x| x.fields.iter().map(|f| (f.key.clone(), f.label.get(lang).to_owned())).collect())
                .unwrap_or_default();
            s.options = situation
                .as_ref()
                .map(|x| {
                    x.fields
                        .iter()
                        .flat_map(|f| {
                            f.options.iter().map(|o| (f.key.clone(), o.value.clone(), o.label.get(lang).to_owned()))
                        })
                        .collect()
                })
                .unwrap_or_default();
            s.situation_name = situation.map(|x| x.name.get(lang).to_owned());
            s.detail = Some(d);
        }
        Err(e) => ctx.set_error(&e),
    }
}

/// Handles a key while the detail is shown; says whether it closed the detail.
pub fn update(ctx: &mut Ctx, s: &mut State, action: Action) -> bool {
    if let Some(dialog) = s.dialog.as_mut() {
        match action {
            Action::Back => s.dialog = None,
            Action::NextField | Action::Open => dialog.form.next(),
            Action::PrevField => dialog.form.prev(),
            Action::Save => carry_out(ctx, s),
            other => {
                if let Some(f) = dialog.form.focused_mut() {
                    f.handle(other);
                }
            }
        }
        return false;
    }
    if let Some((actions, cursor)) = s.menu.as_mut() {
        if cursor.apply(action, actions.len()) {
            return false;
        }
        match action {
            Action::Open => {
                let chosen = actions.get(cursor.selected).copied();
                s.menu = None;
                if let Some(a) = chosen {
                    choose(ctx, s, a);
                }
            }
            Action::Back | Action::Menu => s.menu = None,
            _ => {}
        }
        return false;
    }
    match action {
        Action::Menu => {
            open_menu(ctx, s);
            false
        }
        Action::Back => {
            s.detail = None;
            true
        }
        _ => false,
    }
}

/// `a`: the menu of what the clerk may do with the case shown.
pub fn open_menu(ctx: &Ctx, s: &mut State) {
    let (Some(d), Some(actor)) = (&s.detail, &ctx.session) else { return };
    s.menu = Some((menu_items(d, actor.role, s.own_department), Cursor::default()));
}

/// An action picked from the menu: carried out at once when it needs nothing more.
fn choose(ctx: &mut Ctx, st: &mut State, item: Item) {
    let Some(d) = st.detail.as_ref() else { return };
    let form = dialog_for(ctx, item, d);
    st.dialog = Some(Dialog { item, form });
    if st.dialog.as_ref().is_some_and(|d| d.form.fields.is_empty()) {
        carry_out(ctx, st);
    }
}

fn carry_out(ctx: &mut Ctx, st: &mut State) {
    let required = ctx.tr.t("err-required");
    let (Some(d), Some(actor)) = (st.detail.as_ref(), ctx.session.clone()) else { return };
    let reference = d.case.reference_number.clone();
    let version = Some(d.case.version);
    let Some(dialog) = st.dialog.as_mut() else { return };
    if !dialog.form.check_required(&required) {
        return;
    }
    let v = |k: &str| dialog.form.value(k);
    let opt = |k: &str| Some(v(k)).filter(|x| !x.is_empty());
    let desk = &mut ctx.desk;
    let r = &reference;
    let action = match dialog.item {
        Item::Case(a) => a,
        Item::Pay => return pay(ctx, st, &actor, &reference),
        Item::Receipt => return reprint(ctx, st, &actor, &reference),
    };
    let result = match action {
        CaseAction::Assign => {
            desk.assign_case(&actor, r, version, opt("department").as_deref(), opt("official").as_deref(), &v("reason"))
        }
        CaseAction::Start => desk.start_case(&actor, r, version),
        CaseAction::Suspend => desk.suspend_case(&actor, r, version, &v("reason")),
        CaseAction::Resume => desk.resume_case(&actor, r, version),
        CaseAction::Resolve => desk.resolve_case(&actor, r, version, &v("outcome")),
        CaseAction::Close => desk.close_case(&actor, r, version),
        CaseAction::Withdraw => desk.withdraw_case(&actor, r, version, &v("reason")),
        CaseAction::Forward => desk.forward_case(&actor, r, version, &v("authority"), &v("reason")),
        CaseAction::MarkComplex => desk.mark_complex(&actor, r, version, &v("reason")),
        CaseAction::AddNote => desk.add_note(&actor, r, version, &v("text")),
        CaseAction::Link => desk.link_cases(&actor, r, version, &v("other")),
    };
    match result {
        Ok(_) => {
            st.dialog = None;
            open(ctx, st, &reference);
            ctx.info(MessageKind::Success, "case-action-done");
        }
        Err(DeskError::Conflict(text)) => {
            // Never a silent overwrite: reload what the colleague saved and say so.
            st.dialog = None;
            open(ctx, st, &reference);
            ctx.message = Some(Message { kind: MessageKind::Error, text });
        }
        Err(DeskError::Invalid { field, message, message_id }) => {
            let text = if ctx.tr.t(message_id) == message_id { message } else { ctx.tr.t(message_id) };
            if let Some(dialog) = st.dialog.as_mut() {
                dialog.form.set_errors(&[(field, text.clone())]);
            }
            ctx.message = Some(Message { kind: MessageKind::Error, text });
        }
        Err(e) => ctx.set_error(&e),
    }
}

fn pay(ctx: &mut Ctx, st: &mut State, actor: &crate::desk::Actor, reference: &str) {
    use crate::desk::PaymentMethod;
    let Some(dialog) = st.dialog.as_ref() else { return };
    let Ok(amount) = dialog.form.value("amount").replace(' ', "").parse::<i64>() else {
        let e = vec![("amount".to_owned(), ctx.tr.t("err-amount"))];
        if let Some(d) = st.dialog.as_mut() {
            d.form.set_errors(&e);
        }
        return;
    };
    let method = match dialog.form.value("method").as_str() {
        "card" => PaymentMethod::Card,
        "transfer" => PaymentMethod::Transfer,
        _ => PaymentMethod::Cash,
    };
    let receipt = dialog.form.value("receipt");
    match ctx.desk.pay_fee(actor, reference, amount, method, &receipt) {
        Ok(status) => {
            st.dialog = None;
            open(ctx, st, reference);
            let owed = crate::domain::money::format_czk(status.owed);
            ctx.message =
                Some(Message { kind: MessageKind::Success, text: ctx.tr.ta("pay-done", &[("owed", owed.into())]) });
        }
        Err(DeskError::Invalid { field, message, message_id }) => {
            let text = if ctx.tr.t(message_id) == message_id { message } else { ctx.tr.t(message_id) };
            if let Some(d) = st.dialog.as_mut() {
                d.form.set_errors(&[(field, text.clone())]);
            }
            ctx.message = Some(Message { kind: MessageKind::Error, text });
        }
        Err(e) => ctx.set_error(&e),
    }
}

fn reprint(ctx: &mut Ctx, st: &mut State, actor: &crate::desk::Actor, reference: &str) {
    st.dialog = None;
    match ctx.desk.print_receipt(actor, reference) {
        Ok(()) => ctx.info(MessageKind::Success, "intake-printed"),
        Err(e) => ctx.set_error(&e),
    }
}
