//! Any bytes into the jsonl reader: it may reject them, never panic, and every rejection names a
//! line of the input.
#![no_main]

use clerkdesk::bridge::{Format, ReadOptions, reader};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let lines = data.iter().filter(|b| **b == b'\n' || **b == b'\r').count() as u64 + 1;
    let input: Box<dyn std::io::BufRead + Send> = Box::new(std::io::Cursor::new(data.to_vec()));
    for read in reader(Format::Jsonl, input, &ReadOptions::default()) {
        if let Err(rejection) = read {
            assert!(rejection.location.line <= lines, "{rejection}");
        }
    }
});
