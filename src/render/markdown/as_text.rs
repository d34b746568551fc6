//! Markdown that almost is a picture, a link, a note, a heading, bold words or a table: CommonMark
//! gives up on it and the page shows the marks as they were typed
//! (`![Map](C:\Users\...\parks map.png)`). Found in the text the parser left, read where it was
//! written, and reported with what to write.

use crate::diagnostic::{Code, Diagnostic};
use crate::source::SourceFile;
use crate::url::UrlPath;

use super::{Ctx, is_external};

/// The most bytes read past a `(` looking for its `)`: an address is shorter, and a paragraph of
/// a megabyte of brackets is read once, not once per bracket.
const WINDOW: usize = 1000;

/// The most characters of what the editor wrote that a message quotes.
const QUOTED: usize = 80;

/// The address between `(` and `)` of a link or picture the parser did not take, split into
/// the address and a title in quotes after it.
struct Written<'t> {
    /// The address.
    address: &'t str,
    /// The title, with its quotes and the blank before it, or "".
    title: &'t str,
}

impl<'t> Written<'t> {
    /// Reads what was written between the round brackets.
    fn new(inside: &'t str) -> Self {
        let trimmed = inside.trim();
        // A title typed with a Chinese input method ends with `”`, and may start with `“`.
        let openers: &[char] = match trimmed.chars().last() {
            Some('"') => &['"'],
            Some('\'') => &['\''],
            Some('”') => &['“', '"'],
            _ => &[],
        };
        let quoted = trimmed
            .char_indices()
            .last()
            .filter(|_| !openers.is_empty())
            .and_then(|(last, _)| trimmed[..last].rfind(openers))
            .filter(|&at| at > 0 && trimmed[..at].ends_with(char::is_whitespace));
        match quoted {
            Some(at) => Written {
                address: trimmed[..at].trim_end(),
                title: &trimmed[trimmed[..at].trim_end().len()..],
            },
            None => Written {
                address: trimmed,
                title: "",
            },
        }
    }

    /// Whether its title is in the quotation marks of a Chinese input method, `“ ”`.
    fn curly(&self) -> bool {
        self.title.contains(['“', '”'])
    }
}

/// Whether `address` names a file on the editor's own computer, which no reader of the site can
/// reach: a drive (`C:\`, `D:/`), a shared folder (`\\server\`, `//server/`, `smb:`), a `file:` address or the home
/// folder (`~/`). `home` also counts `/Users/name/` and `/home/name/`, which could be the site's
/// own addresses, so they count only once the site has no such address.
pub(super) fn on_computer(address: &str, home: bool) -> bool {
    let b = address.as_bytes();
    let drive = b.len() >= 3
        && b[0].is_ascii_alphabetic()
        && b[1] == b':'
        && (b[2] == b'\\' || b[2] == b'/');
    let home_folder = ["/Users/", "/home/"]
        .iter()
        .any(|h| address.starts_with(h) && address[h.len()..].contains('/'));
    // `//server/share/x.png`: a shared folder written with slashes; a web server's name has a dot.
    let share = address.strip_prefix("//").is_some_and(|rest| {
        rest.split_once('/')
            .is_some_and(|(host, _)| !host.is_empty() && !host.contains(['.', ':']))
    });
    drive
        || share
        || address.starts_with("\\\\")
        || address
            .get(..4)
            .is_some_and(|s| s.eq_ignore_ascii_case("smb:"))
        || address.starts_with("~/")
        || address
            .get(..5)
            .is_some_and(|s| s.eq_ignore_ascii_case("file:"))
        || (home && home_folder)
}

/// At most [`WINDOW`] bytes of `run` from `from`, cut at a character's start.
pub(super) fn window(run: &str, from: usize) -> &str {
    let mut end = run.len().min(from + WINDOW);
    while !run.is_char_boundary(end) {
        end -= 1;
    }
    &run[from.min(end)..end]
}

/// The name of the file at the end of a path written with `/` or `\`.
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// `text` with each run of blanks made one hyphen, as a file is best named.
fn without_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join("-")
}

/// At most [`QUOTED`] characters of `text`, with `…` where it was cut.
pub(super) fn quoted(text: &str) -> String {
    match text.char_indices().nth(QUOTED) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// A picture or link as written: `![alt](address)` or `[words](address)`, its words and
/// address cut to [`QUOTED`] characters.
fn markdown(picture: bool, words: &str, address: &str) -> String {
    let bang = if picture { "!" } else { "" };
    format!("{bang}[{}]({})", quoted(words), quoted(address))
}

/// Where a bracket starts and whether it is a picture's.
#[derive(Clone, Copy)]
struct Open {
    /// The offset of `[` in the run.
    at: usize,
    /// Whether a `!` comes just before it.
    picture: bool,
}

impl Ctx<'_, '_> {
    /// Reports the marks of pictures, links, notes and headings that the text `run`, written at
    /// byte `at` of the page's file, shows as typed. One pass over the run, reading at most
    /// [`WINDOW`] bytes again after each `](`.
    pub(super) fn marks_left_as_text(&mut self, run: &str, at: usize) {
        let file = &self.site.pages[self.id].source.text;
        let b = run.as_bytes();
        // A run can start just after the backslash that escapes its first mark.
        let escaped_start = at > 0 && file.as_bytes()[at - 1] == b'\\';
        let mut open: Vec<Open> = Vec::new();
        // The `**` left as text that opens bold words, if any.
        let mut bold: Option<usize> = None;
        // Marks before this are part of what was reported already.
        let mut consumed = 0;
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\\' => {
                    i += 2;
                    continue;
                }
                b'[' if !(i == 0 && escaped_start) => open.push(Open {
                    at: i,
                    picture: i > 0
                        && b[i - 1] == b'!'
                        && !(i == 1 && escaped_start)
                        && !(i > 1 && b[i - 2] == b'\\'),
                }),
                b']' => {
                    let opened = open.pop();
                    if i >= consumed {
                        consumed = self.bracket_closed(run, at, opened, i).max(consumed);
                    }
                }
                b'#' if i >= consumed && starts_line(file, at + i) => {
                    self.heading_without_space(run, at, i);
                }
                b'|' if i >= consumed && starts_line(file, at + i) => {
                    self.table_without_dashes(file, at + i);
                }
                // The lead bytes of the Chinese punctuation an input method types.
                0xE3 | 0xEF | b'{' if i >= consumed => {
                    let end = if b[i] == b'{' {
                        self.spaced_shortcode(run, at, i)
                    } else {
                        self.full_width_mark(run, at, i)
                    };
                    if end > 0 {
                        consumed = end;
                        i = end;
                        continue;
                    }
                }
                b'*' if b.get(i + 1) == Some(&b'*') && !(i == 0 && escaped_start) => {
                    match bold.take() {
                        Some(from) => self.bold_with_spaces(run, at, from, i),
                        None => bold = Some(i),
                    }
                    i += 2;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
        for o in open.into_iter().filter(|o| o.picture && o.at >= consumed) {
            self.picture_unclosed(run, at, o.at);
        }
    }

    /// Reports what follows `words]` at `close` when it is text: an address the parser did not
    /// take, a space before it, or none; the end of what was reported.
    fn bracket_closed(
        &mut self,
        run: &str,
        at: usize,
        opened: Option<Open>,
        close: usize,
    ) -> usize {
        let b = run.as_bytes();
        let after = b.get(close + 1).copied();
        let Some(o) = opened else {
            if after == Some(b'(') && self.picture_without_bracket(run, at, close) {
                return close + 1;
            }
            if after == Some(b'(') {
                self.as_text(
                    at + close,
                    "this link is shown as text: the `[` before its words is missing".into(),
                    "put [ just before the words the link is on, as in [annual report](report.pdf)"
                        .into(),
                );
                return close + 1;
            }
            return 0;
        };
        let words = &run[o.at + 1..close];
        let start = if o.picture { o.at - 1 } else { o.at };
        if run[close + 1..].starts_with('（') {
            return self.full_width_link(run, at, start).unwrap_or(0);
        }
        let what = if o.picture { "picture" } else { "link" };
        if after == Some(b'(') {
            let Some(end) = paren_close(b, close + 1) else {
                let rest = window(run, close + 2);
                let address = rest.split_whitespace().next().unwrap_or_default();
                let line_end = rest
                    .find('\n')
                    .map_or(close + 2 + rest.len(), |n| close + 2 + n);
                self.as_text(
                    at + start,
                    format!("this {what} is shown as text: the `)` after its address is missing"),
                    format!(
                        "add ) just after the address: {}",
                        markdown(o.picture, words, address)
                    ),
                );
                return line_end;
            };
            self.address_not_taken(o.picture, words, &run[close + 2..end], at + close + 2);
            return end + 1;
        }
        let spaced = run[close + 1..].trim_start_matches([' ', '\t']);
        if spaced.len() < run.len() - close - 1 && spaced.starts_with('(') {
            let from = run.len() - spaced.len();
            if let Some(end) = paren_close(b, from) {
                let address = &run[from + 1..end];
                let addressy = !address.is_empty()
                    && !address.contains(char::is_whitespace)
                    && address.contains(['.', '/', ':', '#']);
                if addressy && !words.trim().is_empty() {
                    self.as_text(
                        at + close + 1,
                        format!(
                            "this {what} is shown as text: there is a space between `]` and `(`"
                        ),
                        format!("delete the space: {}", markdown(o.picture, words, address)),
                    );
                    return end + 1;
                }
            }
        }
        if words.starts_with('^') && !o.picture && after != Some(b':') {
            let note = quoted(&run[o.at..=close]);
            self.as_text(
                at + o.at,
                format!("the note `{note}` has no text, so it is shown as it is written"),
                format!("write its text on a line of its own below the paragraph, starting with `{note}: `, or delete `{note}`"),
            );
        } else if o.picture {
            self.as_text(
                at + start,
                format!("this picture is shown as text: no address in round brackets follows `![{}]`", quoted(words)),
                format!("write the picture's file name in round brackets just after it, as in ![{}](picture.png)", quoted(words)),
            );
        }
        0
    }

    /// Reports `!Map](parks.png)`, a picture whose `[` is missing, when its `]` at `close` of
    /// `run` has a `!` before it on its line; whether it did.
    fn picture_without_bracket(&mut self, run: &str, at: usize, close: usize) -> bool {
        let mut lo = close.saturating_sub(WINDOW);
        while !run.is_char_boundary(lo) {
            lo += 1;
        }
        let line = run[lo..close].rsplit('\n').next().unwrap_or_default();
        let Some(bang) = line.rfind('!') else {
            return false;
        };
        let words = &line[bang + 1..];
        let Some(end) = paren_close(run.as_bytes(), close + 1) else {
            return false;
        };
        if words.is_empty() || words.starts_with(char::is_whitespace) || words.contains('[') {
            return false;
        }
        self.as_text(
            at + close - words.len() - 1,
            "this picture is shown as text: the `[` after its `!` is missing".into(),
            format!(
                "put [ just after the !: {}",
                markdown(true, words, &run[close + 2..end])
            ),
        );
        true
    }

    /// Reports the address `inside` the round brackets of a picture or link, written at byte
    /// `at`, that the parser did not take: a place on the editor's computer, spaces, or else.
    fn address_not_taken(&mut self, picture: bool, words: &str, inside: &str, at: usize) {
        let written = Written::new(inside);
        let what = if picture { "picture" } else { "link" };
        if on_computer(written.address, true) {
            self.report_on_computer(picture, words, written.address, at, " and is shown as text");
        } else if written.curly() && !written.address.contains(char::is_whitespace) {
            let title = written.title.trim();
            let plain = title.trim_matches(['“', '”', '"']);
            let fixed = format!("{} \"{plain}\"", written.address);
            self.as_text(
                at,
                format!("this {what} is shown as text: its title {} is in Chinese quotation marks “ ”", quoted(title)),
                format!(
                    "type straight quotes \"...\" around the title (switch the input method to English punctuation), or delete the title: {}",
                    markdown(picture, words, &fixed)
                ),
            );
        } else if written.address.contains(char::is_whitespace) {
            let fixed = if is_external(written.address) {
                written
                    .address
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join("%20")
            } else {
                without_spaces(written.address)
            };
            let fixed_md = markdown(picture, words, &format!("{fixed}{}", written.title));
            let hint = if is_external(written.address) {
                format!("a web address has no spaces: write %20 for each, {fixed_md}")
            } else {
                let exists = self
                    .resolve(written.address)
                    .is_some_and(|s| self.embeds.content.contains_key(s.as_slice()));
                let name = file_name(&fixed);
                if exists {
                    format!("rename the file without spaces ({name}) and write {fixed_md}")
                } else {
                    format!(
                        "name the file without spaces ({name}), put it where the address leads, and write {fixed_md}"
                    )
                }
            };
            let source = &self.site.pages[self.id].source;
            self.kinds.push(Code::AddressSpaces, self.out, || {
                Diagnostic::warning_at(
                    Code::AddressSpaces,
                    source,
                    at,
                    format!(
                        "this {what} is shown as text: its address `{}` has spaces",
                        quoted(written.address)
                    ),
                )
                .with_hint(hint)
            });
        } else {
            self.as_text(
                at,
                format!("this {what} is shown as text: its address `{}` cannot be read", quoted(inside)),
                format!("write the address alone between the round brackets, with no spaces or angle brackets: {}", markdown(picture, words, "address")),
            );
        }
    }

    /// Reports a picture's or link's `address`, written at byte `at`, that is a place on the
    /// editor's own computer; `shown` says what became of it.
    pub(super) fn report_on_computer(
        &mut self,
        picture: bool,
        words: &str,
        address: &str,
        at: usize,
        shown: &str,
    ) {
        let (source, folder) = (&self.site.pages[self.id].source, &self.folder);
        self.kinds.push(Code::AddressOnComputer, self.out, || {
            on_computer_problem(
                source,
                folder,
                Shape::Markdown { picture, words },
                address,
                at,
                shown,
            )
        });
    }

    /// Reports `![words(address)` whose `]` is missing, its `[` at `open` of the run.
    fn picture_unclosed(&mut self, run: &str, at: usize, open: usize) {
        let line = window(run, open + 1).split('\n').next().unwrap_or_default();
        let fixed = line.find('(').and_then(|p| {
            let close = line[p..].find(')')? + p;
            Some(markdown(true, line[..p].trim_end(), &line[p + 1..close]))
        });
        let hint = match fixed {
            Some(fixed) => format!("add ] just after the description: {fixed}"),
            None => "close the description with ], then write the picture's file name in round brackets: ![description](picture.png)".to_owned(),
        };
        self.as_text(
            at + open - 1,
            "this picture is shown as text: the `]` after its description is missing".into(),
            hint,
        );
    }

    /// Reports `** bold words **` whose `**` at `from` and `to` of the run are shown as text
    /// because a space follows the first or comes before the second.
    fn bold_with_spaces(&mut self, run: &str, at: usize, from: usize, to: usize) {
        let inner = &run[from + 2..to];
        let words = inner.trim();
        if words.is_empty() || words.len() == inner.len() || inner.contains('\n') {
            return;
        }
        self.as_text(
            at + from,
            "these ** are shown as text: a space stands between them and the words to show in bold"
                .into(),
            format!("delete the space: **{}**", quoted(words)),
        );
    }

    /// Reports a table whose first row, starting at byte `row` of the page's `file`, has no line
    /// of dashes under it, so the page shows its lines with their `|` as text. Only the first row
    /// of such lines is reported, as one line of the file is read on either side.
    fn table_without_dashes(&mut self, file: &str, row: usize) {
        let line = |from: usize| {
            let rest = window(file, from);
            rest.split('\n').next().unwrap_or_default().trim_end()
        };
        let first = line(row);
        // The next line starts after the line break itself: `first` is trimmed of the `\r` of
        // a Windows line end and of trailing spaces.
        let next = window(file, row)
            .find('\n')
            .map(|end| row + end + 1)
            .and_then(|start| file.get(start..).map(|_| line(start).trim_start()))
            .unwrap_or_default();
        let before = file[..row].trim_end_matches(' ');
        let row_above = before
            .strip_suffix('\n')
            .and_then(|b| b.rsplit('\n').next())
            .is_some_and(|l| l.trim_start().starts_with('|'));
        let cells = first.trim_matches('|').split('|').count();
        if row_above || !next.starts_with('|') || cells < 2 || !first.ends_with('|') {
            return;
        }
        let dashes = format!("|{}", " --- |".repeat(cells));
        self.as_text(
            row,
            "this table is shown as text: the line of dashes under its first row is missing".into(),
            format!("add the line {dashes} just below the first row"),
        );
    }

    /// Reports `##Heading`, at `hashes` of the run, when a space is missing after its `#`s.
    fn heading_without_space(&mut self, run: &str, at: usize, hashes: usize) {
        let rest = &run[hashes..];
        let n = rest.bytes().take_while(|&c| c == b'#').count();
        let Some(first) = rest[n..].chars().next() else {
            return;
        };
        if n > 6 || !first.is_alphabetic() {
            return;
        }
        let line = rest[n..].split('\n').next().unwrap_or_default();
        let marks = &rest[..n];
        self.as_text(
            at + hashes,
            format!(
                "this line is shown as text, not as a heading: a space is missing after `{marks}`"
            ),
            format!(
                "put a space after the # signs: {marks} {}",
                quoted(line.trim_end())
            ),
        );
    }

    /// Reports marks shown as text at byte `at` of the page's file.
    pub(super) fn as_text(&mut self, at: usize, message: String, hint: String) {
        let source = &self.site.pages[self.id].source;
        self.kinds.push(Code::MarkdownAsText, self.out, || {
            Diagnostic::warning_at(Code::MarkdownAsText, source, at, message).with_hint(hint)
        });
    }
}

/// The `src` and `href` attributes of `html`: each one's name as written, its value, and where
/// the value starts. One pass over the `=` signs, each value read within [`WINDOW`] bytes.
fn html_addresses(html: &str) -> Vec<(&str, &str, usize)> {
    let b = html.as_bytes();
    let mut found = Vec::new();
    let mut from = 0;
    for (eq, _) in html.match_indices('=') {
        let name_end = html[..eq].trim_end_matches([' ', '\t']).len();
        let name = ["href", "src"].iter().find_map(|n| {
            let start = name_end.checked_sub(n.len()).filter(|&s| s > 0)?;
            let written = html.get(start..name_end)?;
            (written.eq_ignore_ascii_case(n) && b[start - 1].is_ascii_whitespace())
                .then_some(written)
        });
        let Some(name) = name.filter(|_| eq >= from) else {
            continue;
        };
        let rest = &html[eq + 1..];
        let value_start = html.len() - rest.trim_start_matches([' ', '\t']).len();
        let v = window(html, value_start);
        let (value, start) = match v.chars().next() {
            Some(q @ ('"' | '\'')) => (v[1..].split(q).next().unwrap_or_default(), value_start + 1),
            _ => (
                v.split(|c: char| c.is_whitespace() || c == '>')
                    .next()
                    .unwrap_or_default(),
                value_start,
            ),
        };
        from = start + value.len();
        found.push((name, value, start));
    }
    found
}

impl Ctx<'_, '_> {
    /// Reports the `src` and `href` addresses of `html` the editor wrote, at byte `at` of the
    /// page's file, that are places on the editor's own computer: the page keeps HTML as written.
    pub(super) fn html_on_computer(&mut self, html: &str, at: usize) {
        let (source, folder) = (&self.site.pages[self.id].source, &self.folder);
        let folder_href = (self.base).href(&UrlPath::page(
            folder.iter().map(|s| (*s).to_owned()).collect(),
        ));
        // Where the HTML is written as it reads, a place in it is a place in the file.
        let verbatim = source.text.get(at..at + html.len()) == Some(html);
        for (attribute, value, i) in html_addresses(html) {
            if !on_computer(value, false) {
                continue;
            }
            let place = if verbatim { at + i } else { at };
            self.kinds.push(Code::AddressOnComputer, self.out, || {
                let shape = Shape::Html {
                    attribute,
                    folder: &folder_href,
                };
                on_computer_problem(source, folder, shape, value, place, "")
            });
        }
    }
}

/// How a picture or link was written, for a hint to write it again.
#[derive(Clone, Copy)]
pub(super) enum Shape<'w> {
    /// In markdown: a picture (`![words](...)`) or a link (`[words](...)`).
    Markdown {
        /// Whether it is a picture.
        picture: bool,
        /// Its words, or a picture's description.
        words: &'w str,
    },
    /// In HTML the editor wrote: the attribute `src` of a picture or `href` of a link.
    Html {
        /// The attribute's name as written.
        attribute: &'w str,
        /// The address of the page's folder on the site (`/news/`): an address in HTML is not
        /// rewritten, and the page is published a folder deeper than its file.
        folder: &'w str,
    },
}

impl Shape<'_> {
    /// Whether it is a picture.
    fn picture(self) -> bool {
        match self {
            Shape::Markdown { picture, .. } => picture,
            Shape::Html { attribute, .. } => attribute.eq_ignore_ascii_case("src"),
        }
    }

    /// It written again with `address`.
    fn write(self, address: &str) -> String {
        match self {
            Shape::Markdown { picture, words } => markdown(picture, words, address),
            Shape::Html { attribute, folder } => {
                format!("{attribute}=\"{folder}{}\"", quoted(address))
            }
        }
    }
}

/// The problem of a picture's or link's `address`, written (as `shape`) at byte `at` of `source`
/// (a page in `folder` of content/), that is a place on the editor's own computer; `shown` says
/// what became of it.
pub(super) fn on_computer_problem(
    source: &SourceFile,
    folder: &[&str],
    shape: Shape,
    address: &str,
    at: usize,
    shown: &str,
) -> Diagnostic {
    let picture = shape.picture();
    let what = if picture { "picture" } else { "link" };
    let thing = if picture { "picture" } else { "file" };
    let folder = if folder.is_empty() {
        "content/".to_owned()
    } else {
        format!("content/{}/", folder.join("/"))
    };
    let name = file_name(address);
    let fixed = without_spaces(name);
    let hint = if name.is_empty() {
        format!(
            "copy the {thing} into {folder}, beside the page, and write its name as its address: {}",
            shape.write("its-name")
        )
    } else if fixed == name {
        format!(
            "copy the {thing} beside the page ({folder}) and write {}",
            shape.write(&fixed)
        )
    } else {
        format!(
            "copy the {thing} beside the page ({folder}), named without spaces ({fixed}), and write {}",
            shape.write(&fixed)
        )
    };
    Diagnostic::error_at(
        Code::AddressOnComputer,
        source,
        at,
        format!("this {what}'s address `{}` is a place on your own computer{shown}: readers of the site cannot reach it", quoted(address)),
    )
    .with_hint(hint)
}

/// Whether byte `at` of `file` starts a line, after at most three spaces, as a heading's `#` must.
pub(super) fn starts_line(file: &str, at: usize) -> bool {
    let b = file.as_bytes();
    let blanks = b[at.saturating_sub(4)..at]
        .iter()
        .rev()
        .take_while(|&&c| c == b' ')
        .count();
    let line_start = at - blanks;
    blanks <= 3 && (line_start == 0 || b[line_start - 1] == b'\n')
}

/// The `)` that closes the `(` at `open` of `b`, on its line and within [`WINDOW`] bytes,
/// round brackets inside counted in pairs and a backslash escaping the byte after it.
fn paren_close(b: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    let end = b.len().min(open + WINDOW);
    while i < end {
        match b[i] {
            b'\\' if matches!(b.get(i + 1), Some(b'(' | b')')) => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            b'\n' => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_on_the_editors_computer() {
        for address in [
            "C:\\Users\\anna\\parks.png",
            "D:/photos/x.jpg",
            "\\\\office\\share\\x.pdf",
            "file:///C:/Users/anna/report.docx",
            "~/Desktop/x.png",
        ] {
            assert!(on_computer(address, false), "{address}");
        }
        assert!(on_computer("/Users/anna/x.png", true));
        assert!(!on_computer("/Users/anna/x.png", false));
        assert!(!on_computer("/home/", true));
        assert!(!on_computer("images/parks.png", true));
        assert!(!on_computer("https://example.org/a.png", true));
    }

    #[test]
    fn addresses_in_html() {
        let html = r#"<img alt="a=b" SRC = "C:\x.png"><a href=file:///y.pdf>y</a>"#;
        let found: Vec<_> = html_addresses(html)
            .into_iter()
            .map(|(n, v, at)| (n, v, &html[at..at + v.len()]))
            .collect();
        assert_eq!(
            found,
            [
                ("SRC", "C:\\x.png", "C:\\x.png"),
                ("href", "file:///y.pdf", "file:///y.pdf")
            ]
        );
        assert!(on_computer("//server/share/x.png", false));
        assert!(!on_computer("//cdn.example.org/x.png", false));
        assert!(on_computer("smb://server/share/y.pdf", false));
    }

    #[test]
    fn a_title_after_the_address_is_kept_apart() {
        let w = Written::new("parks map.png \"The parks\"");
        assert_eq!((w.address, w.title), ("parks map.png", " \"The parks\""));
        let w = Written::new("parks.png “说明”");
        assert_eq!(
            (w.address, w.title, w.curly()),
            ("parks.png", " “说明”", true)
        );
        let w = Written::new(" parks map.png ");
        assert_eq!((w.address, w.title), ("parks map.png", ""));
    }

    #[test]
    fn a_heading_starts_its_line() {
        let file = "a\n##b\n   #c\n    #d";
        assert!(starts_line(file, 2));
        assert!(starts_line(file, 9));
        assert!(!starts_line(file, file.len() - 2));
        assert!(starts_line("#x", 0));
        assert!(!starts_line("a#x", 1));
    }
}
