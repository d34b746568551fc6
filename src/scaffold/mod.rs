//! Files written for the editor to fill in: a whole starter site (`init`) and one new page (`new`).

pub(crate) mod examples;
pub mod init;
pub mod new_page;

/// What to do when `init` or `new` cannot write a file.
const WRITE_HINT: &str = "check that you may write in that folder and that the disk is not full, then run the command again";
