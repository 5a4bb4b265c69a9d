//! A case's status and the channel its filing came through.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    Received,
    Assigned,
    InProgress,
    Suspended,
    Resolved,
    Closed,
    Withdrawn,
    Forwarded,
}

impl CaseStatus {
    pub const ALL: [CaseStatus; 8] = [
        CaseStatus::Received,
        CaseStatus::Assigned,
        CaseStatus::InProgress,
        CaseStatus::Suspended,
        CaseStatus::Resolved,
        CaseStatus::Closed,
        CaseStatus::Withdrawn,
        CaseStatus::Forwarded,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::Received => "received",
            CaseStatus::Assigned => "assigned",
            CaseStatus::InProgress => "in_progress",
            CaseStatus::Suspended => "suspended",
            CaseStatus::Resolved => "resolved",
            CaseStatus::Closed => "closed",
            CaseStatus::Withdrawn => "withdrawn",
            CaseStatus::Forwarded => "forwarded",
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<CaseStatus> {
        CaseStatus::ALL.into_iter().find(|c| c.as_str() == s.trim())
    }

    /// Whether the office still owes the citizen a decision.
    #[must_use]
    pub fn is_open(self) -> bool {
        matches!(self, CaseStatus::Received | CaseStatus::Assigned | CaseStatus::InProgress | CaseStatus::Suspended)
    }
}

impl std::fmt::Display for CaseStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Counter,
    Phone,
    Post,
    Email,
    DataBox,
    Portal,
}

impl Channel {
    pub const ALL: [Channel; 6] =
        [Channel::Counter, Channel::Phone, Channel::Post, Channel::Email, Channel::DataBox, Channel::Portal];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Counter => "counter",
            Channel::Phone => "phone",
            Channel::Post => "post",
            Channel::Email => "email",
            Channel::DataBox => "data_box",
            Channel::Portal => "portal",
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s.trim())
    }
}
