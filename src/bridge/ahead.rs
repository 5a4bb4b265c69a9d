//! Records read ahead on a thread of their own while the caller works on the ones before:
//! parsing and checking a file's text takes the second core while the first writes the store.
//! Memory stays flat: at most [`CHUNKS`] chunks wait in between. The thread is joined when the
//! records end or the caller drops them (it stops at its next chunk then), so none is left
//! behind; should it end without finishing (a panic), the last item is a rejection saying so,
//! never a quiet end of the file.

use crate::domain::portal::{Location, ReadResult, Rejection};
use std::sync::mpsc::{Receiver, sync_channel};
use std::thread::JoinHandle;

/// Records per chunk of [`read_ahead`].
const CHUNK: usize = 512;
/// Chunks in flight at most.
const CHUNKS: usize = 16;

/// The records `make` reads, read ahead ([`CHUNK`] at a time).
pub fn read_ahead<F>(make: F) -> Box<dyn Iterator<Item = ReadResult>>
where
    F: FnOnce() -> Box<dyn Iterator<Item = ReadResult>> + Send + 'static,
{
    produce_ahead(CHUNK, move |emit| {
        for record in make() {
            if !emit(record) {
                return;
            }
        }
    })
}

/// The records `produce` hands to its `emit`, read ahead `chunk` at a time: for a reader that
/// pushes its records (a serde visitor) rather than being pulled. `emit` says `false` once the
/// caller has stopped reading; `produce` should return then.
pub fn produce_ahead<P>(chunk: usize, produce: P) -> Box<dyn Iterator<Item = ReadResult>>
where
    P: FnOnce(&mut dyn FnMut(ReadResult) -> bool) + Send + 'static,
{
    let (tx, rx) = sync_channel::<Msg>(CHUNKS);
    let thread = std::thread::spawn(move || {
        let mut held = Vec::with_capacity(chunk);
        let mut open = true;
        produce(&mut |record| {
            held.push(record);
            if held.len() >= chunk.max(1) {
                open = tx.send(Msg::Chunk(std::mem::take(&mut held))).is_ok();
            }
            open
        });
        if open && (held.is_empty() || tx.send(Msg::Chunk(held)).is_ok()) {
            let _ = tx.send(Msg::End);
        }
    });
    Box::new(Ahead { rx: Some(rx), thread: Some(thread), chunk: Vec::new().into_iter(), last: None })
}

enum Msg {
    Chunk(Vec<ReadResult>),
    End,
}

/// The caller's side of [`produce_ahead`].
struct Ahead {
    rx: Option<Receiver<Msg>>,
    thread: Option<JoinHandle<()>>,
    chunk: std::vec::IntoIter<ReadResult>,
    last: Option<Location>,
}

impl Ahead {
    fn finish(&mut self) {
        self.rx = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Ahead {
    fn drop(&mut self) {
        self.finish();
    }
}

impl Iterator for Ahead {
    type Item = ReadResult;

    fn next(&mut self) -> Option<ReadResult> {
        loop {
            if let Some(record) = self.chunk.next() {
                self.last = Some(match &record {
                    Ok(l) => l.location,
                    Err(e) => e.location,
                });
                return Some(record);
            }
            let received = self.rx.as_ref()?.recv();
            match received {
                Ok(Msg::Chunk(chunk)) => self.chunk = chunk.into_iter(),
                Ok(Msg::End) => {
                    self.finish();
                    return None;
                }
                Err(_) => {
                    self.finish();
                    let last = self.last.unwrap_or(Location { line: 0, index: 0 });
                    let at = Location { line: last.line + 1, index: last.index + 1 };
                    return Some(Err(Rejection::new(at, "file", "the file's reader stopped before its end")));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing it did not expect")]
    use super::read_ahead;
    use crate::domain::portal::{Location, ReadResult, Rejection};

    fn bad(i: u64) -> ReadResult {
        Err(Rejection::new(Location { line: i, index: i }, "x", format!("record {i}")))
    }

    #[test]
    fn every_record_comes_in_order_across_many_chunks() {
        let got: Vec<u64> =
            read_ahead(|| Box::new((1..=5_000).map(bad))).map(|r| r.err().map(|e| e.location.index).unwrap()).collect();
        assert_eq!(got, (1..=5_000).collect::<Vec<_>>());
    }

    #[test]
    fn a_reader_that_dies_ends_with_a_rejection_not_a_quiet_end_of_file() {
        let got: Vec<ReadResult> = read_ahead(|| {
            Box::new((1..=1_000).map(|i| {
                assert!(i != 700, "the reader broke");
                bad(i)
            }))
        })
        .collect();
        let last = got.last().unwrap().as_ref().err().unwrap();
        assert_eq!(last.field, "file");
        assert!(last.reason.contains("stopped before its end"), "{last}");
        assert_eq!(got.len(), 513, "the first full chunk, then the rejection");
    }

    #[test]
    fn dropping_the_records_early_lets_the_reader_go() {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicBool, Ordering};
        struct Gone(Arc<AtomicBool>);
        impl Drop for Gone {
            fn drop(&mut self) {
                self.0.store(true, Ordering::SeqCst);
            }
        }
        let gone = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&gone);
        let mut records = read_ahead(move || {
            let guard = Gone(flag);
            // An endless reader, which ends only when its thread lets go of it.
            Box::new((1..).map(move |i| {
                let _ = &guard;
                bad(i)
            }))
        });
        assert!(records.next().is_some());
        drop(records);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while !gone.load(Ordering::SeqCst) && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert!(gone.load(Ordering::SeqCst), "the reader's thread still holds the reader");
    }
}
