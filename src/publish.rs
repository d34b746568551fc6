//! Where the site goes once built: site.toml's `[publish]` table (the host and how links are
//! written) and what each host reads beyond the pages themselves.
//!
//! Hosts differ in the fine print of "serves static files": GitHub Pages runs Jekyll over a
//! folder without `.nojekyll`; Netlify and Cloudflare Pages read `_headers` and `_redirects` at
//! the folder's root, and GitLab Pages `_redirects`; S3's REST endpoint and Alibaba Cloud OSS
//! without its sub-folder option do not turn `/profile/` into `/profile/index.html`.

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, suggest};
use crate::model::Site;
use crate::source::{Location, SourceFile};
use crate::url::{BaseUrl, UrlPath};

/// The host the output folder is published to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub(crate) enum Host {
    /// Any web server that serves folders' index.html (nginx, Apache, a sub-path of a site).
    #[default]
    Plain,
    /// GitHub Pages.
    GithubPages,
    /// GitLab Pages.
    GitlabPages,
    /// Cloudflare Pages.
    CloudflarePages,
    /// Netlify.
    Netlify,
    /// Amazon S3 (with or without CloudFront).
    S3,
    /// Alibaba Cloud Object Storage Service.
    Oss,
}

impl Host {
    /// Every host, for telling which one an address belongs to, and for hints.
    const ALL: [Host; 7] = [
        Host::Plain,
        Host::GithubPages,
        Host::GitlabPages,
        Host::CloudflarePages,
        Host::Netlify,
        Host::S3,
        Host::Oss,
    ];

    /// The end of the addresses the host gives sites (`.github.io`), when it gives them one
    /// that no other host uses.
    fn domain(self) -> Option<&'static str> {
        match self {
            Host::GithubPages => Some(".github.io"),
            Host::GitlabPages => Some(".gitlab.io"),
            Host::CloudflarePages => Some(".pages.dev"),
            Host::Netlify => Some(".netlify.app"),
            _ => None,
        }
    }

    /// The value of `host` that names this host in site.toml.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Host::Plain => "plain",
            Host::GithubPages => "github-pages",
            Host::GitlabPages => "gitlab-pages",
            Host::CloudflarePages => "cloudflare-pages",
            Host::Netlify => "netlify",
            Host::S3 => "s3",
            Host::Oss => "oss",
        }
    }

    /// The host's name for people.
    fn title(self) -> &'static str {
        match self {
            Host::Plain => "A web server",
            Host::GithubPages => "GitHub Pages",
            Host::GitlabPages => "GitLab Pages",
            Host::CloudflarePages => "Cloudflare Pages",
            Host::Netlify => "Netlify",
            Host::S3 => "Amazon S3",
            Host::Oss => "Alibaba Cloud OSS",
        }
    }

    /// An address the host gives a site, for hints.
    fn example_address(self) -> &'static str {
        match self {
            Host::Netlify => "https://your-zone.netlify.app/",
            Host::CloudflarePages => "https://your-zone.pages.dev/",
            _ => "https://www.your-zone.gov.cn/",
        }
    }

    /// How many redirect rules the host reads from `_redirects`, when it reads that file at all:
    /// Cloudflare Pages takes 2,000 static rules, GitLab Pages 1,000 rules; Netlify sets no
    /// limit that a site of this kind reaches.
    pub(crate) fn redirect_rules(self) -> Option<usize> {
        match self {
            Host::Netlify => Some(usize::MAX),
            Host::CloudflarePages => Some(2_000),
            Host::GitlabPages => Some(1_000),
            _ => None,
        }
    }

    /// Whether the host reads HTTP headers from a `_headers` file.
    pub(crate) fn reads_headers(self) -> bool {
        matches!(self, Host::Netlify | Host::CloudflarePages)
    }

    /// Whether the host publishes the output folder at the root of a domain, so that a base URL
    /// with a path leads nowhere.
    fn serves_at_root(self) -> bool {
        matches!(self, Host::Netlify | Host::CloudflarePages)
    }
}

/// How the pages link to each other.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum LinkStyle {
    /// `/zone/profile/`: short addresses, for any host that serves a folder's index.html.
    #[default]
    Folders,
    /// `../profile/index.html`: relative, naming the file, so the site works opened from disk
    /// (`file://`, a USB stick) and on hosts that do not resolve folders.
    IndexHtml,
}

impl LinkStyle {
    /// Every way of writing links.
    const ALL: [LinkStyle; 2] = [LinkStyle::Folders, LinkStyle::IndexHtml];

    /// The value of `links` that names this way in site.toml.
    fn name(self) -> &'static str {
        match self {
            LinkStyle::Folders => "folders",
            LinkStyle::IndexHtml => "index-html",
        }
    }
}

/// The `[publish]` table of site.toml, its words read (and checked) by [`Publish::new`].
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PublishSettings {
    /// The host the site is published to; any value, so that a list or a `true` is told in
    /// words of this setting.
    #[serde(default)]
    host: Option<Spanned<toml::Value>>,
    /// How links are written.
    #[serde(default)]
    links: Option<Spanned<toml::Value>>,
}

/// Where and how the site is published, as the build uses it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub(crate) struct Publish {
    /// The host.
    pub host: Host,
    /// How links are written.
    pub links: LinkStyle,
    /// Where `host = ...` is written in site.toml, for advice about it.
    pub host_at: Option<usize>,
}

/// Other names editors give the hosts.
const HOST_NAMES: [(&str, &str); 12] = [
    ("github", "github-pages"),
    ("gh-pages", "github-pages"),
    ("gitlab", "gitlab-pages"),
    ("cloudflare", "cloudflare-pages"),
    ("aliyun", "oss"),
    ("alibaba", "oss"),
    ("alibaba-cloud", "oss"),
    ("alibaba-cloud-oss", "oss"),
    ("阿里云", "oss"),
    ("aws", "s3"),
    ("amazon", "s3"),
    ("nginx", "plain"),
];

impl Publish {
    /// The settings of a `[publish]` table (the defaults where it says nothing), read from
    /// `file`; a word that names no host or link style is an error in `out`.
    pub(crate) fn new(
        settings: &PublishSettings,
        file: &SourceFile,
        out: &mut Diagnostics,
    ) -> Publish {
        let host = settings
            .host
            .as_ref()
            .and_then(|written| read_host(written, file, out));
        let links = settings
            .links
            .as_ref()
            .and_then(|written| read_links(written, file, out));
        Publish {
            host: host.unwrap_or_default(),
            links: links.unwrap_or_default(),
            host_at: settings.host.as_ref().map(|h| h.span().start),
        }
    }
}

/// The host `written` names, or `None` after saying in `out` why it names none.
fn read_host(
    written: &Spanned<toml::Value>,
    file: &SourceFile,
    out: &mut Diagnostics,
) -> Option<Host> {
    let word = word(written, "host", "github-pages", file, out)?;
    let name = normal(word);
    if let Some(host) = Host::ALL.into_iter().find(|h| h.name() == name) {
        return Some(host);
    }
    let meant = HOST_NAMES
        .iter()
        .find(|(other, _)| *other == name)
        .map(|(_, meant)| (*meant).to_owned())
        .or_else(|| suggest(&name, Host::ALL.map(Host::name)));
    let hint = match meant {
        Some(meant) => format!("did you mean host = \"{meant}\"?"),
        None if matches!(name.as_str(), "usb" | "disk" | "file" | "local") => {
            "a copy for a USB stick or a disk is not a host: build it with `zonesite build --links index-html --output usb-copy`".to_owned()
        }
        None => format!(
            "write one of: {} (\"plain\" for any other web server)",
            Host::ALL.map(Host::name).join(", ")
        ),
    };
    let message = format!("\"{word}\" is not a host zonesite knows");
    out.push(
        Diagnostic::error_at(Code::TomlUnknownValue, file, written.span().start, message)
            .with_hint(hint),
    );
    None
}

/// The way of writing links `written` names, or `None` after saying in `out` why it names none.
fn read_links(
    written: &Spanned<toml::Value>,
    file: &SourceFile,
    out: &mut Diagnostics,
) -> Option<LinkStyle> {
    let word = word(written, "links", "index-html", file, out)?;
    let name = normal(word);
    if let Some(style) = LinkStyle::ALL.into_iter().find(|l| l.name() == name) {
        return Some(style);
    }
    let hint = match suggest(&name, LinkStyle::ALL.map(LinkStyle::name)) {
        Some(meant) => format!("did you mean links = \"{meant}\"?"),
        None => "write links = \"index-html\" for a site that works opened from disk, or leave the line out for the usual links".to_owned(),
    };
    let message = format!("\"{word}\" is not a way of writing links zonesite knows");
    out.push(
        Diagnostic::error_at(Code::TomlUnknownValue, file, written.span().start, message)
            .with_hint(hint),
    );
    None
}

/// The word written as the value of `key`, or `None` after saying in `out` that the value is no
/// word (`example` is one).
fn word<'v>(
    written: &'v Spanned<toml::Value>,
    key: &str,
    example: &str,
    file: &SourceFile,
    out: &mut Diagnostics,
) -> Option<&'v str> {
    let message = match written.get_ref() {
        toml::Value::String(word) => return Some(word),
        toml::Value::Array(_) if key == "host" => {
            "a site has one host: each build is for one of them".to_owned()
        }
        _ => format!("`{key}` takes one word in double quotes"),
    };
    out.push(
        Diagnostic::error_at(Code::TomlWrongType, file, written.span().start, message)
            .with_hint(format!("for example: {key} = \"{example}\"")),
    );
    None
}

/// A word as written, in the form the names are: `GitHub Pages` and `github_pages` are
/// `github-pages`.
fn normal(word: &str) -> String {
    word.trim()
        .to_lowercase()
        .split([' ', '_', '-'])
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// The build's warnings about where `publish` says the site goes: a `base_url` its host cannot
/// serve, or that belongs to another host.
pub(crate) fn check_address(
    publish: Publish,
    base: &BaseUrl,
    file: &SourceFile,
    out: &mut Diagnostics,
) {
    let warn = |code, message: String| match publish.host_at {
        Some(at) => Diagnostic::warning_at(code, file, at, message),
        None => Diagnostic::warning(code, Some(Location::file(&file.path)), message),
    };
    let root = base.href(&UrlPath::root());
    let host = publish.host;
    if host.serves_at_root() && root != "/" {
        out.push(
            warn(
                Code::HostServesRoot,
                format!(
                    "{} publishes the output folder at the root of its address, but base_url puts the site under {root}: every link would lead nowhere",
                    host.title()
                ),
            )
            .with_hint(format!(
                "write base_url as the address alone, for example base_url = \"{}\", or choose another host",
                host.example_address()
            )),
        );
    }
    let domain = base.host();
    if domain.ends_with(".aliyuncs.com") {
        out.push(
            warn(
                Code::HostAddressMismatch,
                format!("base_url is the address Alibaba Cloud OSS gives the bucket ({domain}), where OSS makes browsers download pages instead of showing them"),
            )
            .with_hint("bind a domain of your own to the bucket (under Domain Names in the OSS console; a domain in mainland China needs an ICP filing) and write it as base_url"),
        );
    }
    let owner = Host::ALL
        .into_iter()
        .find(|h| h.domain().is_some_and(|d| domain.ends_with(d)));
    if let Some(owner) = owner.filter(|owner| *owner != host) {
        let set = match publish.host_at {
            Some(_) => format!("[publish] host is \"{}\"", host.name()),
            None => "[publish] names no host".to_owned(),
        };
        out.push(
            warn(
                Code::HostAddressMismatch,
                format!(
                    "base_url is an address of {}, but {set}: the files {} reads would be missing",
                    owner.title(),
                    owner.title()
                ),
            )
            .with_hint(format!(
                "write host = \"{}\" under [publish], at the end of site.toml",
                owner.name()
            )),
        );
    }
}

/// What `check` says about publishing `site` that zonesite cannot see to itself: what its host
/// needs set in its console, and the line the host's own robots.txt needs.
pub(crate) fn review(site: &Site, out: &mut Diagnostics) {
    let publish = site.config.publish;
    let base = &site.config.base_url;
    let root = base.href(&UrlPath::root());
    own_domain(site, out);
    let config = Some(Location::file(&site.config_file.path));
    if let Some((message, hint)) = host_setup(publish) {
        let at = publish
            .host_at
            .map(|at| site.config_file.location(at))
            .or(config.clone());
        out.push(Diagnostic::note(Code::HostNeedsSetup, at, message).with_hint(hint));
    }
    if root != "/" {
        let sitemap = base.permalink(&UrlPath::file(vec!["sitemap.xml".to_owned()]));
        let address = base.permalink(&UrlPath::root());
        let path = base.encoded_path(&UrlPath::root());
        let host_root = format!(
            "{}/",
            address.strip_suffix(path.as_str()).unwrap_or(&address)
        );
        out.push(
            Diagnostic::note(
                Code::RobotsSubPath,
                config,
                format!(
                    "the site is published under {root}, and search engines read robots.txt only at the root of a host, so zonesite writes none: they will not find the sitemap by themselves"
                ),
            )
            .with_hint(format!(
                "ask whoever runs {host_root} to add this line to {host_root}robots.txt:\nSitemap: {sitemap}"
            )),
        );
    }
}

/// A `CNAME` file in `static/` (GitHub Pages' way of naming the site's own domain) that
/// contradicts `base_url`: the host would serve the site at the domain the file names, at its
/// root, so links made from `base_url` would lead elsewhere.
fn own_domain(site: &Site, out: &mut Diagnostics) {
    let Some(cname) = site
        .static_files
        .iter()
        .find(|asset| asset.segments.len() == 1 && asset.segments[0] == "CNAME")
    else {
        return;
    };
    // GitHub reads the first line; a file of another kind is not quoted whole.
    let text = String::from_utf8_lossy(&cname.bytes);
    let written: String = text
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .chars()
        .take(100)
        .collect();
    let domain = written.trim_end_matches('.').to_ascii_lowercase();
    let base = &site.config.base_url;
    let (problem, hint) = if domain.is_empty() || domain.contains(['/', ':', ' ']) {
        (
            format!("static/CNAME holds `{written}`, but it must hold the domain name alone"),
            "write only the domain in static/CNAME, for example www.your-zone.gov.cn (no https://, no path)".to_owned(),
        )
    } else if domain != base.host() || base.href(&UrlPath::root()) != "/" {
        (
            format!(
                "static/CNAME names the domain {domain}, where GitHub Pages serves the site at the root, but base_url is {}",
                base.permalink(&UrlPath::root())
            ),
            format!(
                "write base_url = \"https://{domain}/\" under [site], or delete static/CNAME if the site has no domain of its own"
            ),
        )
    } else {
        return;
    };
    out.push(
        Diagnostic::warning(
            Code::CnameMismatch,
            Some(Location::file("static/CNAME")),
            problem,
        )
        .with_hint(hint),
    );
}

/// What `publish`'s host needs that no file of the site can give, with how to do it.
fn host_setup(publish: Publish) -> Option<(&'static str, &'static str)> {
    let folders = publish.links == LinkStyle::Folders;
    match publish.host {
        Host::Oss if folders => Some((
            "Alibaba Cloud OSS serves a page at /profile/ only with its sub-folder home page turned on, and shows pages (rather than downloading them) only on a domain of your own",
            "in the OSS console, under the bucket's Static Pages: Default Homepage index.html, Subfolder Homepage on, Default 404 Page 404.html; then bind your domain under Domain Names (a domain in mainland China needs an ICP filing)",
        )),
        Host::Oss => Some((
            "Alibaba Cloud OSS shows pages (rather than downloading them) only on a domain of your own",
            "in the OSS console, under the bucket's Static Pages: Default Homepage index.html, Default 404 Page 404.html; then bind your domain under Domain Names (a domain in mainland China needs an ICP filing)",
        )),
        Host::S3 if folders => Some((
            "Amazon S3 serves a page at /profile/ only through the bucket's website endpoint, not through its REST endpoint (which CloudFront uses by default)",
            "turn on Static website hosting with index document index.html and error document 404.html, and point CloudFront (if any) at the website endpoint; or write links = \"index-html\" under [publish], which works on either",
        )),
        Host::S3 => Some((
            "Amazon S3 shows the site's 404 page only when the bucket is told its name",
            "turn on Static website hosting with index document index.html and error document 404.html",
        )),
        _ => None,
    }
}
