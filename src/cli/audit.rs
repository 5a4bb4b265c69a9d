//! `clerkdesk audit`: the hash chains' heads for the daily paper log, and their verification.

use super::{CliResult, Failure, Global, open_desk, print_json, say};
use crate::domain::chain::{ChainHead, parse_heads};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Print the head of each hash chain (table, last id, hash): write them in the paper log
    Head {
        /// Print the result as JSON, for scripts
        #[arg(long)]
        json: bool,
    },
    /// Verify the hash chains, their protecting triggers and the ids' sequence (exit 1 on any
    /// fault, naming the first broken row)
    Verify {
        /// Heads taken earlier, to check this store against: a file as `audit head` printed it, or
        /// the values themselves (`table:id:hash,…`)
        #[arg(long, value_name = "FILE|VALUES")]
        head: Option<String>,
        /// Print the result as JSON, for scripts
        #[arg(long)]
        json: bool,
    },
}

/// One head as `audit head` prints it: `table id hash` (`-` for an empty chain).
pub fn head_line(h: &ChainHead) -> String {
    format!("{} {} {}", h.table, h.last_id, if h.hash.is_empty() { "-" } else { &h.hash })
}

pub fn run(g: &Global, cmd: &AuditCommand) -> CliResult {
    match cmd {
        AuditCommand::Head { json } => {
            let heads = open_desk(g, false)?.chain_heads()?;
            if *json {
                return print_json(&heads);
            }
            for h in &heads {
                say!("{}", head_line(h));
            }
            Ok(())
        }
        AuditCommand::Verify { head, json } => verify(g, head.as_deref(), *json),
    }
}

/// `--head` names a file when one exists by that name; otherwise it is the heads themselves. A
/// file's bad line is named, never quoted: while the program runs with the store's group, quoting
/// would show a clerk the text of a file only the group may read.
fn read_heads(arg: &str) -> Result<Vec<ChainHead>, Failure> {
    let path = std::path::Path::new(arg);
    if path.is_file() {
        let bad = |line: usize| Failure {
            message: format!(
                "--head {}: line {line} is not a chain head (`table id hash`, as `audit head` prints)",
                path.display()
            ),
            code: 2,
        };
        let text = crate::door::files::read_to_string(path).map_err(|_| bad(1))?;
        return parse_heads(&text).map_err(|(line, _)| bad(line.max(1)));
    }
    parse_heads(arg).map_err(|(_, e)| Failure { message: format!("--head: {e}"), code: 2 })
}

fn verify(g: &Global, head: Option<&str>, json: bool) -> CliResult {
    let heads = head.map(read_heads).transpose()?.unwrap_or_default();
    let v = open_desk(g, false)?.verify_chains(&heads)?;
    if json {
        print_json(&v)?;
    } else if v.ok {
        let against = if heads.is_empty() { String::new() } else { " and match the heads given".to_owned() };
        say!("hash chains: ok (every row in sequence, every hash holds, the triggers are intact{against})");
        for h in &v.heads {
            say!("{}", head_line(h));
        }
    } else {
        say!("hash chains: {} fault(s)", v.faults.len());
        for f in &v.faults {
            say!("  {f}");
        }
    }
    if v.ok { Ok(()) } else { Err(Failure { message: "the hash chains are broken (listed above)".into(), code: 1 }) }
}
