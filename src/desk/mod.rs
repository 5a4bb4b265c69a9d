//! The operations a user can perform: permission check, validation, one transaction and an audit
//! line each. The only API the TUI, the CLI and the bridge call, so they cannot disagree about
//! the rules.

mod appointments;
mod auth;
pub mod bench;
mod cases;
mod catalogue;
mod chain;
mod citizens;
mod dashboard;
mod demo;
mod error;
mod export;
pub mod files;
mod health;
mod identity;
mod import;
mod login;
mod portal;
mod users;

/// The rows the screens and commands show, as the store reads them: the desk hands them on, so
/// nothing above the desk names the store.
pub use crate::store::{
    BookingEvent, BookingRow, CaseExportRow, CaseListRow, CaseSort, CheckReport, CitizenRow, DepartmentRow,
    OfficialRow, SituationRow, WaitlistRow,
};
pub use appointments::actions::ActionOutcome;
pub use appointments::booking::{BookingRequest, CitizenRef, office_when};
pub use appointments::slots::{DayMark, FreeSlot, ServiceOffer, office_iso};
pub use appointments::views::DayEntry;
pub use auth::{hash_password, this_terminal, verify_password};
pub use cases::actions::StatusRequest;
pub use cases::detail::CaseDetail;
pub use cases::fees::{FeeStatus, PaymentMethod};
pub use cases::flow::CaseChange;
pub use cases::list::{CasePage, CaseQuery, CaseScope, Cursor};
pub use cases::receipt::ReceiptFormat;
pub use cases::watchdog::{WatchdogRow, WatchdogRunSummary};
pub use cases::{FEE_DUE_DAYS, FiledCase, NewAttachment, NewFiling};
pub use catalogue::{DEFAULT_PLAN, Directory, InitOutcome};
pub use chain::ChainVerdict;
pub use citizens::NewCitizenInput;
pub use citizens::matching::Conflict;
pub use dashboard::Dashboard;
pub use demo::{DEMO_ACCOUNTS, DEMO_PASSWORD, DemoParams, DemoSummary};
pub use error::DeskError;
pub use export::portal::{ExportCursor, ExportRecord, ExportSink, ExportSummary, Since};
pub use export::slots::{PortalSlot, SLOT_DAYS_MAX, SlotExport, SlotSink, SlotsSummary};
pub use import::citizens::{CITIZEN_BATCH, CitizenImportOptions, CitizenImportSummary, Entries};
pub use import::officials::{AccountNote, OfficialImportOptions, OfficialImportSummary};
pub use import::{ImportHooks, RunStatus};
pub use portal::rejects::names_a_record;
pub use portal::{IMPORT_BATCH, ImportOptions, ImportSummary, Records};
pub use users::{UserInfo, check_username};

use crate::config::Config;
use crate::domain::chain::ChainHead;
use crate::domain::clock::Clock;
use crate::domain::ids::{DepartmentId, UserId};
use crate::domain::permissions::{self, Operation, Rule, Scope};
use crate::domain::role::Role;
use crate::store::{NewAudit, Store};
use std::sync::Arc;

/// Who is acting: a logged-in clerk, the account bound to the caller's Unix login, or root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Option<UserId>,
    /// The username, or `root (uid 0)` for the built-in administrator root acts as.
    pub name: String,
    pub full_name: String,
    pub role: Role,
    pub department_id: Option<DepartmentId>,
    /// The authenticated administrator acting for this account (`--as`): the audit records
    /// "BY acting as NAME"; the rights are this account's.
    pub by: Option<String>,
}

/// The name the built-in administrator of root (real uid 0) is audited under.
pub const ROOT_NAME: &str = "root (uid 0)";

impl Actor {
    /// The built-in administrator root acts as: root can read and write the store file anyway, so
    /// the program does not pretend to stop it (docs/security.md).
    #[must_use]
    pub fn root() -> Actor {
        Actor {
            user_id: None,
            name: ROOT_NAME.to_owned(),
            full_name: "root".to_owned(),
            role: Role::Administrator,
            department_id: None,
            by: None,
        }
    }

    /// The name the audit log records: "BY acting as NAME" when an administrator acts for the
    /// account.
    #[must_use]
    pub fn audit_name(&self) -> std::borrow::Cow<'_, str> {
        match &self.by {
            Some(by) => format!("{by} acting as {}", self.name).into(),
            None => self.name.as_str().into(),
        }
    }

    /// Asks the permission matrix (`domain::permissions`) whether this actor may do `op` on a
    /// record in `scope`: every role check of the desk is this call.
    ///
    /// # Errors
    /// `Forbidden`, saying who may not do what (and where, for a rule with a scope).
    pub fn may(&self, op: Operation, scope: Scope) -> Result<(), DeskError> {
        if permissions::may(self.role, op, scope) {
            return Ok(());
        }
        let where_ = match op.rule(self.role) {
            Rule::OwnDepartment | Rule::OwnDepartmentToSelf if !scope.own_department => " outside their own department",
            Rule::OwnDepartmentToSelf => " to anyone but themself",
            Rule::OwnAccount => " of another account",
            _ => "",
        };
        Err(DeskError::Forbidden(format!("{} ({}) may not {}{where_}", self.name, self.role, op.what())))
    }

    /// For an operation that shows records of many departments: `None` when this actor may see
    /// every department's, else their own department (refused when they may see none, or have no
    /// department).
    ///
    /// # Errors
    /// `Forbidden` as [`Actor::may`].
    pub fn department_limit(&self, op: Operation) -> Result<Option<DepartmentId>, DeskError> {
        if permissions::may(self.role, op, Scope::department(false)) {
            return Ok(None);
        }
        self.may(op, Scope::department(true))?;
        let own = self.department_id.ok_or_else(|| DeskError::Forbidden(format!("{} has no department", self.name)));
        Ok(Some(own?))
    }
}

pub struct Desk {
    store: Store,
    clock: Arc<dyn Clock>,
    config: Config,
    /// argon2 verifications run by logins (see [`Desk::password_checks`]).
    password_checks: u64,
}

impl Desk {
    #[must_use]
    pub fn new(store: Store, clock: Arc<dyn Clock>, config: Config) -> Desk {
        Desk { store, clock, config, password_checks: 0 }
    }

    #[must_use]
    pub fn config(&self) -> &Config {
        &self.config
    }

    #[must_use]
    pub fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }

    /// Opens the store at `path` (`create` for `init`) and the desk over it.
    ///
    /// # Errors
    /// The store could not be opened or created.
    pub fn open(
        path: &std::path::Path,
        create: bool,
        clock: Arc<dyn Clock>,
        config: Config,
    ) -> Result<Desk, DeskError> {
        Ok(Desk::new(Store::open(path, create)?, clock, config))
    }

    /// Where the store is.
    #[must_use]
    pub fn store_path(&self) -> &std::path::Path {
        self.store.path()
    }

    /// SQLite's quick check of the store file: empty when sound, else what is damaged.
    ///
    /// # Errors
    /// A failing query.
    pub fn quick_check(&self) -> Result<Vec<String>, DeskError> {
        Ok(self.store.quick_check()?)
    }

    /// The instant now, as stored (RFC 3339 UTC, seconds).
    fn now_str(&self) -> String {
        crate::store::codec::utc_text(self.clock.now())
    }

    /// Whether another connection has committed since `last`; the TUI calls it on every tick.
    pub fn data_version(&self) -> Result<i64, DeskError> {
        Ok(self.store.data_version()?)
    }

    /// Housekeeping while the clerk is idle: a passive WAL checkpoint, so a filing never pays for
    /// one.
    pub fn checkpoint_when_idle(&self) -> Result<(), DeskError> {
        Ok(self.store.checkpoint()?)
    }

    /// Integrity, foreign-key and full-text checks (administrator).
    ///
    /// # Errors
    /// When the checks cannot run at all.
    pub fn check(&self) -> Result<crate::store::CheckReport, DeskError> {
        Ok(self.store.check()?)
    }

    /// A consistent copy of the store while clerks keep working; audited with the chain heads
    /// the copy holds, which it returns (for the administrator's paper log).
    ///
    /// # Errors
    /// An existing target or a failing copy.
    pub fn backup(&mut self, actor: &Actor, target: &std::path::Path) -> Result<Vec<ChainHead>, DeskError> {
        actor.may(Operation::Backup, Scope::ANY)?;
        self.store.backup_to(target)?;
        let heads = crate::store::Store::chain_heads_of(target)?;
        let at = self.now_str();
        let detail = format!("{} heads={}", target.display(), crate::domain::chain::compact(&heads));
        self.store.write(|tx| {
            tx.audit(&audit(actor, &at, "backup", "store", String::new(), detail, ""))?;
            Ok::<_, DeskError>(())
        })?;
        Ok(heads)
    }

    /// Whether any clerk account exists (a fresh store has none; the login screen then says how to
    /// make one).
    pub fn has_accounts(&mut self) -> Result<bool, DeskError> {
        Ok(self.store.read(|tx| tx.user_count())? > 0)
    }

    /// Whether this store was made with demo data (the login screen then names the demo accounts).
    pub fn is_demo(&self) -> Result<bool, DeskError> {
        Ok(self.store.meta("demo")?.is_some())
    }
}

/// Builds one audit line for `actor`.
fn audit<'a>(
    actor: &'a Actor,
    at: &str,
    action: &'a str,
    entity: &'a str,
    entity_id: String,
    detail: String,
    reason: &'a str,
) -> NewAudit<'a> {
    NewAudit {
        at: at.to_owned(),
        user_id: actor.user_id,
        actor: actor.audit_name(),
        action,
        entity,
        entity_id,
        detail,
        reason,
    }
}
