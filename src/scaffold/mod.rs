//! Files written for the editor to fill in: a whole starter site (`init`) and one new page (`new`).

pub(crate) mod examples;
pub mod init;
pub mod new_page;
