//! The portal bridge's tables: the import runs and what they imported (`import`), the rejections
//! kept with their batch (`rejections`), what came from the portal (`origin`) and the change feed
//! the export reads (`export`).

pub mod export;
pub mod import;
pub mod origin;
pub mod rejections;
