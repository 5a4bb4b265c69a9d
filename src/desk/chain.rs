//! Tamper evidence at the desk: the chain heads for the daily paper log, and the verification of
//! a store's chains, alone or against heads taken earlier (`clerkdesk audit`).

use super::{Desk, DeskError};
use crate::domain::chain::ChainHead;
use serde::Serialize;

/// What `clerkdesk audit verify` found; `ok` only when `faults` is empty.
#[derive(Debug, Clone, Serialize)]
pub struct ChainVerdict {
    /// The heads now, so the administrator can write down the new ones.
    pub heads: Vec<ChainHead>,
    /// The heads checked against, as given.
    pub checked_against: Vec<ChainHead>,
    /// The first broken row of each chain, a trigger dropped or changed, a head that no longer
    /// matches.
    pub faults: Vec<String>,
    pub ok: bool,
}

impl Desk {
    /// The head of each chain (table, last id, hash).
    ///
    /// # Errors
    /// A failing read.
    pub fn chain_heads(&self) -> Result<Vec<ChainHead>, DeskError> {
        Ok(self.store.chain_heads()?)
    }

    /// The chains walked from their first rows, their protecting triggers against the migrations,
    /// and each of `heads` (taken earlier, kept elsewhere) against the row it names.
    ///
    /// # Errors
    /// A store too damaged to read; broken chains are faults in the verdict, not errors.
    pub fn verify_chains(&self, heads: &[ChainHead]) -> Result<ChainVerdict, DeskError> {
        let mut faults = self.store.verify_guards()?;
        faults.extend(self.store.verify_chains(heads)?);
        Ok(ChainVerdict {
            heads: self.store.chain_heads()?,
            checked_against: heads.to_vec(),
            ok: faults.is_empty(),
            faults,
        })
    }
}
