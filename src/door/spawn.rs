//! Commands the program starts (the printer from the configuration, a bench's child processes):
//! never with the store's group. The child sets its effective gid to the real gid before it
//! runs the command (`CommandExt::gid`), and the exec then copies that into the saved set-gid, so
//! nothing the command does can take the group back.

use std::ffi::OsStr;
use std::os::unix::process::CommandExt;
use std::process::Command;

/// `Command::new(program)`, without the store's group while the process is setgid.
#[must_use]
pub fn command(program: impl AsRef<OsStr>) -> Command {
    let mut cmd = Command::new(program);
    if super::is_setgid() {
        cmd.gid(super::real_gid());
    }
    cmd
}
