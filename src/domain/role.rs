//! Who a user is at the office, and what that lets them do.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    CounterClerk,
    HotlineOperator,
    DepartmentOfficial,
    Supervisor,
    Administrator,
}

impl Role {
    pub const ALL: [Role; 5] =
        [Role::CounterClerk, Role::HotlineOperator, Role::DepartmentOfficial, Role::Supervisor, Role::Administrator];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Role::CounterClerk => "counter_clerk",
            Role::HotlineOperator => "hotline_operator",
            Role::DepartmentOfficial => "department_official",
            Role::Supervisor => "supervisor",
            Role::Administrator => "administrator",
        }
    }

    /// Accepts the stored name and the short names an administrator types (`clerk`, `hotline`, …).
    #[must_use]
    pub fn parse(s: &str) -> Option<Role> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "counter_clerk" | "clerk" | "counter" => Some(Role::CounterClerk),
            "hotline_operator" | "hotline" | "operator" => Some(Role::HotlineOperator),
            "department_official" | "official" => Some(Role::DepartmentOfficial),
            "supervisor" => Some(Role::Supervisor),
            "administrator" | "admin" => Some(Role::Administrator),
            _ => None,
        }
    }

    /// Whether the role manages accounts and runs bulk work.
    #[must_use]
    pub fn is_admin(self) -> bool {
        self == Role::Administrator
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
