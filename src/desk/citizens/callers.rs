//! The hotline's caller lookup: the citizens whose phone is the caller's number.

use crate::desk::{Actor, Desk, DeskError, audit};
use crate::domain::permissions::{Operation, Scope};
use crate::domain::phone;
use crate::store::CitizenRow;

impl Desk {
    /// The citizens whose phone is the caller's number. Looking people up is audited: it shows
    /// personal data.
    ///
    /// # Errors
    /// A number that is not a phone number (`Invalid`, naming the field), a failing query.
    pub fn find_callers(&mut self, actor: &Actor, raw: &str) -> Result<(String, Vec<CitizenRow>), DeskError> {
        actor.may(Operation::FindCitizens, Scope::ANY)?;
        let e164 = phone::normalize(raw).map_err(|e| DeskError::invalid("phone", e.to_string(), e.message_id()))?;
        let at = self.now_str();
        let found = self.store.write(|tx| {
            let found = tx.citizens_by_phone(&e164)?;
            let detail = format!("{} found", found.len());
            tx.audit(&audit(actor, &at, "caller_lookup", "phone", e164.clone(), detail, ""))?;
            Ok::<_, DeskError>(found)
        })?;
        Ok((e164, found))
    }
}
