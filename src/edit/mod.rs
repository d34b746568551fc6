//! `zonesite edit`: the site edited in a browser, served from this machine only, with the fact
//! sheet as a form and every save kept so that it can be undone.

mod api;
mod factsheet;
mod page_text;
mod preview;
mod server;
mod store;

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

use api::Editor;
use preview::Preview;
use server::Gate;
use store::Store;

/// How `edit` runs.
#[derive(Debug, Clone)]
pub struct EditOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Address to listen on; loopback unless the editor asks otherwise.
    pub bind: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
}

/// Why the editor could not start.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// The folder holds no site.toml.
    #[error("{} holds no site.toml: this is not a site's folder", .0.display())]
    NoSite(PathBuf),
    /// The port is taken or the address is not this machine's.
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// The address asked for.
        addr: SocketAddr,
        /// What the system said.
        source: io::Error,
    },
    /// The system gave no random numbers for the editor's key.
    #[error("cannot make the editor's secret key: {0}")]
    Key(String),
}

/// How many connections are answered at once; more are closed. Each has 20 s to send its
/// request, so clients that hold connections open without sending lock the editor out for
/// that long at most.
const MAX_CONNECTIONS: usize = 64;

/// Builds the site, serves the editor and its preview until the process ends. `ready` receives
/// the editor's address, key included; `log` each line worth printing.
pub fn edit(
    options: &EditOptions,
    ready: impl FnOnce(&str),
    log: impl Fn(String),
) -> Result<(), EditError> {
    if !options.root.join("site.toml").is_file() {
        return Err(EditError::NoSite(options.root.clone()));
    }
    let addr = SocketAddr::new(options.bind, options.port);
    let (listener, local, host) =
        crate::serve::listen(addr).map_err(|source| EditError::Listen { addr, source })?;
    let gate = Gate {
        key: secret_key()?,
        port: local.port(),
    };
    let address = format!("http://{host}:{}/{}/", local.port(), gate.key);
    let editor = Arc::new(Editor {
        root: options.root.clone(),
        store: Store::new(&options.root),
        preview: Mutex::new(Preview::new(
            options.root.clone(),
            format!("{address}site/"),
        )),
    });
    let problems = editor
        .preview
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .build(None);
    if !problems.is_empty() {
        let count = problems.len();
        let (noun, them) = if count == 1 {
            ("problem", "it")
        } else {
            ("problems", "them")
        };
        log(format!(
            "The site has {count} {noun}; the editor shows {them}."
        ));
    }
    ready(&address);
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(stream) = stream else {
            continue;
        };
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            continue;
        }
        let (editor, gate, open) = (editor.clone(), gate.clone(), open.clone());
        thread::spawn(move || {
            let _ =
                server::serve_connection(stream, &gate, |request| api::answer(&editor, &request));
            open.fetch_sub(1, Ordering::SeqCst);
        });
    }
    Ok(())
}

/// 128 random bits from the system, as 32 hexadecimal digits: the key no other site can guess.
fn secret_key() -> Result<String, EditError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| EditError::Key(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
