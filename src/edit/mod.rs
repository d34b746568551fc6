//! `zonesite edit`: the site edited in a browser, served from this machine only, with the fact
//! sheet as a form and every save kept so that it can be undone.

#[allow(dead_code)] // until the editor's server uses it
mod factsheet;
#[allow(dead_code)] // until the editor's server uses it
mod store;
