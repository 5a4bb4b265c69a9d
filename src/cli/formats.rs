//! The command-line spellings of the bridge's formats and encodings, shared by `import` and
//! `export` (the bridge itself knows nothing of clap).

use crate::bridge::Format;
use crate::bridge::csv::mapping::Encoding;
use crate::bridge::export::slots::SlotFormat;
use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Our own JSON Lines (docs/bridge-format.md)
    Jsonl,
    /// Open311 GeoReport v2 service requests, JSON
    Open311Json,
    /// Open311 GeoReport v2 service requests, XML
    Open311Xml,
    /// CSV
    Csv,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Open311Json => Format::Open311Json,
            FormatArg::Open311Xml => Format::Open311Xml,
            FormatArg::Csv => Format::Csv,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SlotFormatArg {
    /// Our own JSON Lines, one `free_slot` per line (docs/bridge-format.md)
    Jsonl,
    /// CSV, UTF-8 with a BOM (Open311 GeoReport v2 knows no appointments)
    Csv,
}

impl From<SlotFormatArg> for SlotFormat {
    fn from(f: SlotFormatArg) -> SlotFormat {
        match f {
            SlotFormatArg::Jsonl => SlotFormat::Jsonl,
            SlotFormatArg::Csv => SlotFormat::Csv,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EncodingArg {
    #[value(name = "utf-8")]
    Utf8,
    #[value(name = "windows-1250")]
    Windows1250,
}

impl From<EncodingArg> for Encoding {
    fn from(e: EncodingArg) -> Encoding {
        match e {
            EncodingArg::Utf8 => Encoding::Utf8,
            EncodingArg::Windows1250 => Encoding::Windows1250,
        }
    }
}
