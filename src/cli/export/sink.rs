//! The sink both exports hand the desk (`export portal`, `export slots`): the format's writer over
//! a stream, and what finishes the stream once the last record is in (a flush of stdout, or a
//! sync and rename of the temporary file into place, [`super::out_file`]). One type for both, so
//! that a record after the end fails alike and the stream is finished only by `finish`; dropped
//! unfinished, a temporary file goes with it.

use crate::bridge::export::ExportWriter;
use crate::bridge::export::slots::SlotWriter;
use crate::desk::{ExportRecord, ExportSink, PortalSlot, SlotSink};
use std::io::{self, Write};

pub(crate) struct Sink<Wr, F> {
    writer: Option<Wr>,
    done: F,
}

impl<Wr, F> Sink<Wr, F> {
    pub(crate) fn new(writer: Wr, done: F) -> Self {
        Sink { writer: Some(writer), done }
    }

    fn writer(&mut self) -> io::Result<&mut Wr> {
        self.writer.as_mut().ok_or_else(finished)
    }

    fn take(&mut self) -> io::Result<Wr> {
        self.writer.take().ok_or_else(finished)
    }
}

fn finished() -> io::Error {
    io::Error::other("the export is already finished")
}

impl<W: Write, F: FnMut(W) -> io::Result<()>> ExportSink for Sink<ExportWriter<W>, F> {
    fn record(&mut self, r: ExportRecord) -> io::Result<()> {
        self.writer()?.record(&r)
    }
    fn finish(&mut self) -> io::Result<()> {
        let w = self.take()?;
        (self.done)(w.finish()?)
    }
}

impl<W: Write, F: FnMut(W) -> io::Result<()>> SlotSink for Sink<SlotWriter<W>, F> {
    fn slot(&mut self, s: PortalSlot) -> io::Result<()> {
        self.writer()?.slot(&s)
    }
    fn finish(&mut self) -> io::Result<()> {
        let w = self.take()?;
        (self.done)(w.finish()?)
    }
}
