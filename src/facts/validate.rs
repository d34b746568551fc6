//! What makes a fact sheet valid: the `Checker` that reports at the place in site.toml, the order
//! of the checks, and those of the sheet as a whole (ids, references, addresses, placeholders).

mod chart;
mod contact;
mod figure;
mod parts;

use std::collections::HashSet;
use std::ops::Range;

use toml::Spanned;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Names, Suggested};
use crate::facts::{FactSheet, FigureKind, parse_period};
use crate::locale::date::Day;
use crate::locale::{country_language, is_file_name_key};
use crate::source::{Location, SourceFile};

/// The hint for a plan, industry or chart left as an example.
const REPLACE_EXAMPLE: &str = "write the real one (or delete it)";

impl FactSheet {
    /// Cross-checks ids, references and sums, which parsing alone cannot; `today` dates "actual".
    pub(crate) fn validate(&self, file: &SourceFile, today: Day, out: &mut Diagnostics) {
        let mut check = Checker {
            file,
            out,
            suggested: Suggested::default(),
        };
        let ids = self.unique_ids(&mut check);
        self.warn_placeholders(&mut check);
        let has_default = self.check_default_source(&mut check);
        self.check_credited_later(&mut check);
        self.check_references(&ids, &mut check);
        self.check_web_addresses(&mut check);
        self.check_source_languages(&mut check);
        self.check_contact(&mut check);
        for figure in &self.figures {
            check.figure(figure, &ids, has_default, today);
        }
        self.check_dates_against_sources(today, &mut check);
        self.check_parts(&mut check);
        for chart in &self.charts {
            self.check_chart(chart, &ids, &mut check);
        }
    }

    /// Reports ids that are malformed or used twice, and gathers those a reference may name.
    fn unique_ids(&self, check: &mut Checker) -> Ids<'_> {
        let ids = Ids {
            sources: check.unique(self.sources.iter().map(|s| &s.get_ref().id), "source"),
            figures: check.unique(self.figures.iter().map(|f| &f.get_ref().id), "figure"),
            plans: check.unique(self.plans.iter().map(|p| &p.get_ref().id), "plan"),
            industries: check.unique(
                self.industries.iter().map(|i| &i.get_ref().slug),
                "industry",
            ),
        };
        // Only pages name charts, and the renderer checks those names against the charts.
        check.unique(self.charts.iter().map(|c| &c.get_ref().id), "chart");
        ids
    }

    /// Warns about every example still marked `placeholder = true`, saying what to write instead.
    fn warn_placeholders(&self, check: &mut Checker) {
        if self.zone.as_ref().is_some_and(|z| z.placeholder) {
            check.placeholder(
                None,
                "the [zone] table is a placeholder: its name and location are examples".into(),
                "write the zone's real names and location",
            );
        }
        check.placeholders(
            &self.sources,
            |s| s.placeholder,
            |s| {
                let id = s.id.get_ref();
                format!("source `{id}` is a placeholder, not a real publication")
            },
            "write the real publisher, title and date",
        );
        check.placeholders(
            &self.figures,
            |f| f.placeholder,
            |f| {
                let id = f.id.get_ref();
                format!("figure `{id}` is a placeholder, not a real number")
            },
            "write the real value, period and source",
        );
        check.placeholders(
            &self.plans,
            |p| p.placeholder,
            |p| example("plan", &p.id),
            REPLACE_EXAMPLE,
        );
        check.placeholders(
            &self.industries,
            |i| i.placeholder,
            |i| example("industry", &i.slug),
            REPLACE_EXAMPLE,
        );
        check.placeholders(
            &self.charts,
            |c| c.placeholder,
            |c| example("chart", &c.id),
            REPLACE_EXAMPLE,
        );
        check.placeholders(
            self.contact.as_slice(),
            |c| c.placeholder,
            |_| "the contact details are placeholders, not the office's real ones".into(),
            "write the real office, address, phone and email",
        );
    }

    /// Reports every source marked `default = true` after the first; returns whether there is one.
    fn check_default_source(&self, check: &mut Checker) -> bool {
        let mut defaults = self.sources.iter().filter(|s| s.get_ref().default);
        let has_default = defaults.next().is_some();
        for extra in defaults {
            check.error(
                Code::SourceDefaultTwice,
                extra.span(),
                "more than one source is marked `default = true`".into(),
                "keep `default = true` on one source only",
            );
        }
        has_default
    }

    /// Warns about each industry without `source` that was added after the default source was
    /// published: that source cannot have been where it came from, yet it is credited with it.
    fn check_credited_later(&self, check: &mut Checker) {
        let Some(default) = self.source(None) else {
            return;
        };
        let Some(published) = default.date.as_ref().and_then(Day::from_toml) else {
            return;
        };
        for record in &self.industries {
            let industry = record.get_ref();
            let Some(added) = industry.added.as_ref().and_then(Day::from_toml) else {
                continue;
            };
            if industry.source.is_some() || added <= published {
                continue;
            }
            let id = default.id.get_ref();
            check.out.push(
                Diagnostic::warning_at(
                    Code::IndustryNoSource,
                    check.file,
                    record.span().start,
                    format!(
                        "the industry `{}` was added on {}, after the default source `{id}` was published ({}), but names no source of its own, so it is credited to `{id}`",
                        industry.slug.get_ref(),
                        added.iso(),
                        published.iso()
                    ),
                )
                .with_hint(format!("add `source = \"<source id>\"` to it, naming the publication its facts come from (list that under [[sources]] first); write source = \"{id}\" if they do come from there")),
            );
        }
    }

    /// Reports sources, plans and figures named outside figures and charts that do not exist.
    fn check_references(&self, ids: &Ids, check: &mut Checker) {
        let sourced = self
            .institutions
            .iter()
            .map(|i| &i.source)
            .chain(self.industries.iter().map(|i| &i.get_ref().source))
            .chain(self.plans.iter().map(|p| &p.get_ref().source))
            .chain(self.parks.iter().map(|p| &p.source))
            .chain(self.zone.iter().map(|z| &z.source));
        for reference in sourced {
            check.reference(reference.as_ref(), &ids.sources, "source");
        }
        for industry in &self.industries {
            check.reference(industry.get_ref().plan.as_ref(), &ids.plans, "plan");
        }
        if let Some(parks) = &self.parks {
            check.reference(parks.count.as_ref(), &ids.figures, "figure");
        }
    }

    /// Reports a source's `language` that is not a language code, which pages would mark
    /// their titles with.
    fn check_source_languages(&self, check: &mut Checker) {
        for tag in self
            .sources
            .iter()
            .filter_map(|s| s.get_ref().language.as_ref())
        {
            let written = tag.get_ref();
            if let Some(language) = country_language(written) {
                check.error(
                    Code::SourceLanguageInvalid,
                    tag.span(),
                    format!("`{written}` is the code of a country, not of a language"),
                    &format!("write the language's code: language = \"{language}\""),
                );
            } else if !is_file_name_key(written) {
                check.error(
                    Code::SourceLanguageInvalid,
                    tag.span(),
                    format!("`{written}` is not a language code"),
                    "write the code of the language the source is written in, for example: language = \"en\" (English) or language = \"zh\" (Chinese)",
                );
            }
        }
    }

    /// Warns about a figure dated otherwise than its source allows: reported on another day than
    /// the source's, or counted after the source was published (and before `today`: a figure in
    /// the future has an error of its own, whose fix is to call it a target).
    fn check_dates_against_sources(&self, today: Day, check: &mut Checker) {
        for figure in &self.figures {
            let f = figure.get_ref();
            let Some(source) = self.source(f.source.as_ref()) else {
                continue;
            };
            let Some(published) = source.date.as_ref().and_then(Day::from_toml) else {
                continue;
            };
            let (id, source_id) = (f.id.get_ref(), source.id.get_ref());
            let reported = f.as_reported.as_ref().and_then(Day::from_toml);
            let counted = f.as_of.as_ref().and_then(Day::from_toml);
            let first_year = f
                .period()
                .and_then(|p| parse_period(&p))
                .map(|(first, _)| first);
            if let Some(day) = reported.filter(|d| *d != published) {
                check.warning(Code::FigureSourceDate, figure.span(), format!("figure `{id}` is dated as reported on {}, but its source `{source_id}` was published on {}", day.iso(), published.iso()), &format!("as_reported is the day the source reported the figure: write as_reported = {}", published.iso()));
            } else if f.kind == FigureKind::Actual
                && (counted.is_some_and(|d| d > published && d <= today)
                    || first_year.is_some_and(|y| y > published.year && y <= today.year))
            {
                check.warning(Code::FigureSourceDate, figure.span(), format!("figure `{id}` applies to a time after its source `{source_id}` was published ({}): a source cannot report what had not happened yet", published.iso()), "correct the date or period; a figure from a later publication names that publication: source = \"<its id>\"");
            }
        }
    }

    /// Reports links of the sources and the contact that are not web addresses.
    fn check_web_addresses(&self, check: &mut Checker) {
        for url in self.sources.iter().filter_map(|s| s.get_ref().url.as_ref()) {
            check.web_address(url.span(), url.get_ref());
        }
        if let Some(contact) = &self.contact
            && let Some(url) = &contact.get_ref().enquiry_url
        {
            check.web_address(contact.span(), url);
        }
    }
}

/// The warning for a plan, industry or chart left as an example: "the plan `x` is a placeholder…".
fn example(what: &str, id: &Spanned<String>) -> String {
    format!(
        "the {what} `{}` is a placeholder, an example to replace",
        id.get_ref()
    )
}

/// The ids each kind of reference may name.
struct Ids<'a> {
    /// Ids of the sources.
    sources: Known<'a>,
    /// Ids of the figures.
    figures: Known<'a>,
    /// Ids of the plans.
    plans: Known<'a>,
    /// Slugs of the industries.
    industries: Known<'a>,
}

/// The ids of one kind: a set to look a reference up in, and names to suggest from.
struct Known<'a> {
    /// The ids.
    set: HashSet<&'a str>,
    /// The same ids, for did-you-mean.
    names: Names,
}

/// Reports problems in site.toml at their place.
struct Checker<'f, 'o> {
    /// site.toml, to turn offsets into lines and columns.
    file: &'f SourceFile,
    /// Where the problems go, in the order found.
    out: &'o mut Diagnostics,
    /// The did-you-mean hints given so far.
    suggested: Suggested,
}

impl Checker<'_, '_> {
    /// Reports an error at `span`, with a hint saying how to mend it.
    fn error(&mut self, code: Code, span: Range<usize>, message: String, hint: &str) {
        self.out
            .push(Diagnostic::error_at(code, self.file, span.start, message).with_hint(hint));
    }

    /// Warns about a problem at `span`, with a hint saying how to mend it.
    fn warning(&mut self, code: Code, span: Range<usize>, message: String, hint: &str) {
        self.out
            .push(Diagnostic::warning_at(code, self.file, span.start, message).with_hint(hint));
    }

    /// Warns about an example left in site.toml, at `at` or, without a place, at the file.
    fn placeholder(&mut self, at: Option<Range<usize>>, message: String, write: &str) {
        let warning = match at {
            Some(span) => {
                Diagnostic::warning_at(Code::FactPlaceholder, self.file, span.start, message)
            }
            None => Diagnostic::warning(
                Code::FactPlaceholder,
                Some(Location::file(&self.file.path)),
                message,
            ),
        };
        self.out.push(warning.with_hint(format!(
            "{write}, then delete the line `placeholder = true`"
        )));
    }

    /// Warns about each of `items` still an example, saying what it is and what to write.
    fn placeholders<T>(
        &mut self,
        items: &[Spanned<T>],
        is_example: impl Fn(&T) -> bool,
        message: impl Fn(&T) -> String,
        write: &str,
    ) {
        for item in items.iter().filter(|i| is_example(i.get_ref())) {
            self.placeholder(Some(item.span()), message(item.get_ref()), write);
        }
    }

    /// Reports a link that is not a web address (`javascript:` and the like have no place here).
    fn web_address(&mut self, span: Range<usize>, url: &str) {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            self.error(
                Code::AddressNotWeb,
                span,
                format!("`{url}` is not a web address"),
                "write the full address, starting with https://",
            );
        }
    }

    /// Reports malformed and repeated ids and returns the ids.
    fn unique<'a>(
        &mut self,
        ids: impl Iterator<Item = &'a Spanned<String>>,
        what: &str,
    ) -> Known<'a> {
        let mut seen = HashSet::new();
        for id in ids {
            let text = id.get_ref();
            if !is_valid_id(text) {
                // A character that shows as nothing, or as a space, is named: the id looks right.
                let holds = crate::diagnostic::invisible::describe(text).or_else(|| {
                    text.contains('\u{a0}').then(|| {
                        "a non-breaking space (U+00A0), which looks like a space".to_owned()
                    })
                });
                let why = holds.map_or_else(String::new, |holds| format!(": it holds {holds}"));
                self.error(Code::IdInvalid,
                    id.span(),
                    format!("`{text}` cannot be a {what} id{why}"),
                    "use letters and digits joined by single - or _, for example: research_institutions",
                );
            }
            if !seen.insert(text.as_str()) {
                self.error(
                    Code::IdDuplicate,
                    id.span(),
                    format!("the {what} id `{text}` is used twice"),
                    "every id must be different; rename one of them",
                );
            }
        }
        let names = Names::new(seen.iter().copied());
        Known { set: seen, names }
    }

    /// Reports a reference to an id that does not exist, with the closest one.
    fn reference(&mut self, reference: Option<&Spanned<String>>, ids: &Known, what: &str) {
        if let Some(r) = reference
            && !ids.set.contains(r.get_ref().as_str())
        {
            let near = self
                .suggested
                .closest(Code::ReferenceUnknown, &ids.names, r.get_ref());
            self.out.push(
                Diagnostic::error_at(
                    Code::ReferenceUnknown,
                    self.file,
                    r.span().start,
                    format!("unknown {what} `{}`", r.get_ref()),
                )
                .with_near(r.get_ref(), near),
            );
        }
    }
}

/// Whether `id` is letters and digits joined by single `-` or `_`.
fn is_valid_id(id: &str) -> bool {
    // Ids become file names (data/<chart>.csv), URLs and words inside {{ fact ... }}.
    // `--` would become a dash and `_x_` emphasis when typed in a page.
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !id.contains("--")
        && !id.starts_with(['_', '-'])
        && !id.ends_with(['_', '-'])
}
