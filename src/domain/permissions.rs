//! Who may do what: every operation of the desk × every role, in one table. The desk asks
//! [`may`] before it changes or discloses anything, the TUI asks it which keys to offer, and
//! docs/security.md's matrix is rendered from it by [`markdown`] (a test keeps them equal), so the
//! code, the screens and the docs cannot disagree.

use super::role::Role;

/// Where a record stands relative to the acting user, for the rules that depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Scope {
    /// The case, the booking's service or the waiting list's service belongs to the acting
    /// user's department (for [`Operation::HoldCase`]: the assignee's department is the case's).
    pub own_department: bool,
    /// The operation is on the acting user themself: an assignment naming them as the official,
    /// a password of their own account.
    pub to_self: bool,
}

impl Scope {
    /// Everywhere: no record, or one every allowed role may touch.
    pub const ANY: Scope = Scope { own_department: true, to_self: true };

    /// A record of the acting user's department or not.
    #[must_use]
    pub fn department(own: bool) -> Scope {
        Scope { own_department: own, to_self: false }
    }
}

/// What the table says for one operation and one role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    Allowed,
    Refused,
    /// Only on records of the user's own department.
    OwnDepartment,
    /// Only in the user's own department, and only naming themself (an official takes a case).
    OwnDepartmentToSelf,
    /// Only on the user's own account.
    OwnAccount,
}

impl Rule {
    #[must_use]
    pub fn allows(self, scope: Scope) -> bool {
        match self {
            Rule::Allowed => true,
            Rule::Refused => false,
            Rule::OwnDepartment => scope.own_department,
            Rule::OwnDepartmentToSelf => scope.own_department && scope.to_self,
            Rule::OwnAccount => scope.to_self,
        }
    }

    /// The cell of the matrix in docs/security.md.
    #[must_use]
    pub fn cell(self) -> &'static str {
        match self {
            Rule::Allowed => "yes",
            Rule::Refused => "—",
            Rule::OwnDepartment => "own department",
            Rule::OwnDepartmentToSelf => "own department, to themself",
            Rule::OwnAccount => "own account",
        }
    }
}

macro_rules! operations {
    ($($op:ident: $method:literal, $what:literal, [$c:ident, $h:ident, $o:ident, $s:ident, $a:ident];)*) => {
        /// Everything the desk does that changes or discloses data, as the matrix names it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Operation { $($op),* }

        impl Operation {
            /// Every operation, in the order of the matrix.
            pub const ALL: &[Operation] = &[$(Operation::$op),*];

            /// The desk method(s) that ask for this operation.
            #[must_use]
            pub fn methods(self) -> &'static str {
                match self { $(Operation::$op => $method),* }
            }

            /// What the operation does, as a refusal says it: "… may not `what`".
            #[must_use]
            pub fn what(self) -> &'static str {
                match self { $(Operation::$op => $what),* }
            }

            /// The rules for counter clerk, hotline operator, department official, supervisor and
            /// administrator, in the order of [`Role::ALL`].
            #[must_use]
            pub fn rules(self) -> [Rule; 5] {
                match self { $(Operation::$op => [$c, $h, $o, $s, $a]),* }
            }
        }
    };
}

const YES: Rule = Rule::Allowed;
const NO: Rule = Rule::Refused;
const DEPT: Rule = Rule::OwnDepartment;
const SELF_: Rule = Rule::OwnDepartmentToSelf;
const ACCOUNT: Rule = Rule::OwnAccount;

// THE TABLE. Columns: counter clerk, hotline operator, department official, supervisor,
// administrator. Change a rule here and regenerate docs/security.md (see `markdown`).
operations! {
    FindCitizens: "search_citizens, find_callers, find_bookings", "look citizens up", [YES, YES, YES, YES, YES];
    CreateCitizen: "create_citizen", "create citizens", [YES, YES, NO, YES, YES];
    FileCase: "file_case, file_case_for_new_citizen, file_case_for_booking", "file cases", [YES, YES, NO, YES, YES];
    SeeCases: "list_cases (every department)", "see cases", [YES, YES, DEPT, YES, YES];
    PrintReceipt: "receipt, print_receipt", "print receipts", [YES, YES, DEPT, YES, YES];
    AssignCase: "assign_case", "assign cases", [NO, NO, SELF_, YES, YES];
    HoldCase: "assign_case (the named official)", "hold cases as their official", [NO, NO, DEPT, NO, NO];
    BulkReassign: "bulk_reassign", "reassign cases in bulk", [NO, NO, NO, YES, YES];
    StartCase: "start_case", "start cases", [NO, NO, DEPT, YES, YES];
    SuspendCase: "suspend_case", "suspend cases", [NO, NO, DEPT, YES, YES];
    ResumeCase: "resume_case", "resume cases", [NO, NO, DEPT, YES, YES];
    MarkComplex: "mark_complex", "mark cases complex", [NO, NO, DEPT, YES, YES];
    ResolveCase: "resolve_case", "resolve cases", [NO, NO, DEPT, YES, YES];
    CloseCase: "close_case", "close cases", [NO, NO, DEPT, YES, YES];
    WithdrawCase: "withdraw_case", "withdraw cases", [NO, NO, DEPT, YES, YES];
    ForwardCase: "forward_case", "forward cases", [NO, NO, NO, YES, YES];
    AddNote: "add_note", "add notes to cases", [YES, YES, YES, YES, YES];
    LinkCases: "link_cases", "link cases", [YES, YES, YES, YES, YES];
    TakePayment: "pay_fee", "take payments", [YES, NO, NO, YES, YES];
    SeeWatchdog: "watchdog_summary", "see the watchdog", [NO, NO, DEPT, YES, YES];
    RunWatchdog: "watchdog_run", "run the watchdog", [NO, NO, NO, YES, YES];
    Book: "book", "book appointments", [YES, YES, DEPT, YES, YES];
    CheckIn: "booking_action (check in)", "check bookings in", [YES, NO, DEPT, YES, YES];
    Serve: "booking_action (served)", "mark bookings served", [YES, NO, DEPT, YES, YES];
    NoShow: "booking_action (no-show)", "mark bookings no-show", [YES, NO, DEPT, YES, YES];
    CancelBooking: "booking_action (cancel)", "cancel bookings", [YES, NO, DEPT, YES, YES];
    MoveBooking: "reschedule", "move bookings", [YES, NO, DEPT, YES, YES];
    WaitlistAdd: "waitlist_add", "put citizens on a waiting list", [YES, YES, DEPT, YES, YES];
    WaitlistRemove: "waitlist_remove", "take citizens off a waiting list", [YES, YES, DEPT, YES, YES];
    ExportCalendars: "export_ics", "export calendars", [NO, NO, NO, YES, YES];
    ExportSlots: "export_slots", "export free slots", [YES, YES, YES, YES, YES];
    ImportPortal: "import_portal", "import portal filings", [YES, NO, NO, YES, YES];
    ImportCitizens: "import_citizens", "import citizens", [YES, NO, NO, YES, YES];
    ImportOfficials: "import_officials", "import officials", [NO, NO, NO, NO, YES];
    ImportCatalogue: "init, import_catalogue, import_catalogue_checked", "change the catalogue", [NO, NO, NO, NO, YES];
    ImportPlan: "import_plan", "import the appointment plan", [NO, NO, NO, NO, YES];
    ExportPortal: "export_portal", "export to the portal", [NO, NO, NO, NO, YES];
    AddUser: "add_user", "create accounts", [NO, NO, NO, NO, YES];
    SetPassword: "set_password", "change passwords", [ACCOUNT, ACCOUNT, ACCOUNT, ACCOUNT, YES];
    DisableUser: "set_user_disabled", "disable or enable accounts", [NO, NO, NO, NO, YES];
    ListUsers: "list_users", "list accounts", [NO, NO, NO, YES, YES];
    BindLogin: "bind_login, unbind_login", "bind accounts to Unix logins", [NO, NO, NO, NO, YES];
    UnlockAccount: "unlock_user", "unlock accounts after failed logins", [NO, NO, NO, NO, YES];
    ActFor: "act_for (`--as`)", "act for another account", [NO, NO, NO, NO, YES];
    Backup: "backup", "make a backup", [NO, NO, NO, NO, YES];
    GenerateDemo: "generate_demo", "generate demo data", [NO, NO, NO, NO, YES];
    Benchmark: "bench::may_run, bench::set_export_mark, bench::double_booking_report", "run benchmarks", [NO, NO, NO, NO, YES];
}

impl Operation {
    /// The rule for `role`.
    #[must_use]
    pub fn rule(self, role: Role) -> Rule {
        let i = Role::ALL.iter().position(|r| *r == role).unwrap_or(0);
        self.rules()[i]
    }

    /// Whether some record lets `role` do this (the TUI offers the key then).
    #[must_use]
    pub fn ever(self, role: Role) -> bool {
        self.rule(role) != Rule::Refused
    }
}

/// Whether `role` may do `op` on a record in `scope`: the one question every check asks.
#[must_use]
pub fn may(role: Role, op: Operation, scope: Scope) -> bool {
    op.rule(role).allows(scope)
}

/// The matrix as docs/security.md shows it, between its markers.
#[must_use]
pub fn markdown() -> String {
    let roles: Vec<String> = Role::ALL.iter().map(|r| r.as_str().replace('_', " ")).collect();
    let mut lines = vec![
        format!("| operation | desk method | {} |", roles.join(" | ")),
        format!("|---|---|{}", "---|".repeat(Role::ALL.len())),
    ];
    for op in Operation::ALL {
        let cells: Vec<&str> = op.rules().iter().map(|r| r.cell()).collect();
        lines.push(format!("| {} | {} | {} |", op.what(), code(op.methods()), cells.join(" | ")));
    }
    lines.push(String::new());
    lines.join("\n")
}

/// `a, b (note)` as `` `a`, `b` (note) ``.
fn code(methods: &str) -> String {
    let each = methods.split(", ").map(|m| match m.split_once(" (") {
        Some((name, note)) => format!("`{name}` ({note}"),
        None => format!("`{m}`"),
    });
    each.collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_administrator_is_refused_only_what_belongs_to_an_official() {
        for op in Operation::ALL {
            let ok = may(Role::Administrator, *op, Scope::department(false));
            assert_eq!(ok, *op != Operation::HoldCase, "{op:?}");
        }
    }

    #[test]
    fn scoped_rules_need_their_scope() {
        let (own, other) = (Scope::department(true), Scope::department(false));
        assert!(may(Role::DepartmentOfficial, Operation::CancelBooking, own));
        assert!(!may(Role::DepartmentOfficial, Operation::CancelBooking, other));
        assert!(!may(Role::DepartmentOfficial, Operation::AssignCase, own));
        assert!(may(Role::DepartmentOfficial, Operation::AssignCase, Scope::ANY));
        assert!(!may(Role::CounterClerk, Operation::SetPassword, own));
        assert!(may(Role::CounterClerk, Operation::SetPassword, Scope { own_department: false, to_self: true }));
    }

    #[test]
    fn every_operation_is_one_row_of_the_markdown() {
        let md = markdown();
        assert_eq!(md.lines().count(), Operation::ALL.len() + 2);
        assert!(md.contains("| import portal filings | `import_portal` | yes | — | — | yes | yes |"), "{md}");
    }
}
