//! Stage one: everything read from the site folder (files, site.toml, front matter, theme
//! colours), parsed into typed values with errors that point at the file, line and column.

pub(crate) mod config;
pub(crate) mod filings;
pub(crate) mod front_matter;
pub(crate) mod image;
pub(crate) mod load;
pub(crate) mod theme;
pub(crate) mod toml_errors;
mod toml_hints;
