//! Stage one: everything read from the site folder (files, site.toml, front matter, theme
//! colours), parsed into typed values with errors that point at the file, line and column.

pub mod config;
pub mod front_matter;
pub mod load;
pub mod theme;
pub mod toml_errors;
