//! What templates see: site-wide values built once per build, and each page's own values.

use serde::Serialize;

use std::collections::BTreeMap;

use toml::Spanned;
use toml::value::Datetime;

use crate::facts::{
    FactSheet, Figure, FigureKind, Industry, Institution, InstitutionKind, Parks, Plan, Source,
    Zone, parse_period,
};
use crate::input::filings::{Filing, Filings};
use crate::input::image::{PictureSize, image_size};
use crate::locale::date::Day;
use crate::locale::text::Text;
use crate::locale::{LangId, Language, Locale, Style, is_ideograph};
use crate::model::{PageId, SectionId, Site};
use crate::render::made;
use crate::render::markdown::{Heading, RenderedBody};
use crate::render::theme_pictures::ThemePictures;
use crate::url::UrlPath;

/// Values every template sees, computed once: site settings, menu, fact sheet, latest stories.
#[derive(Serialize)]
pub(super) struct Globals {
    site: SiteView,
    menu: Vec<LinkView>,
    facts: FactsView,
    latest: Vec<ListItem>,
    has_feed: bool,
    /// The theme's words in this language.
    t: BTreeMap<String, String>,
    languages: Vec<LanguageView>,
}

/// One of the site's languages, for the language switcher.
#[derive(Serialize)]
struct LanguageView {
    key: String,
    tag: String,
    name: String,
}

/// The site's settings in the language being rendered.
#[derive(Serialize)]
struct SiteView {
    title: String,
    description: String,
    /// BCP 47 tag of the language being rendered.
    language: String,
    /// Its key (`zh`).
    lang: String,
    home_url: String,
    permalink: String,
    feed_url: String,
    /// The index of the topics in this language, when its pages have any.
    topics_url: Option<String>,
    /// The logo from site.toml's `[theme]`, when its file is there.
    logo: Option<LogoView>,
    /// The filing numbers of a site in mainland China, for the footer.
    filings: Vec<FilingView>,
    /// The accessibility statement in this language, the editor's or the one zonesite makes.
    accessibility_url: Option<String>,
    /// The search page in this language, when the site has search.
    search_url: Option<String>,
    /// The sitemap for people in this language.
    sitemap_url: Option<String>,
    /// The picture of the home page's band, a `<figure>` (HTML), when site.toml names one.
    picture: Option<String>,
}

/// The logo's address and size, so the page keeps its place before it loads.
#[derive(Serialize)]
struct LogoView {
    url: String,
    width: usize,
    height: usize,
}

/// A filing number as the footer shows it.
#[derive(Serialize)]
struct FilingView {
    text: String,
    /// Its register, where readers can look it up; a government site code has none.
    url: Option<String>,
    /// The site's Chinese tag, on a page in another language: the numbers are Chinese text.
    lang: Option<String>,
}

/// An entry of the menu.
#[derive(Serialize, Clone)]
struct LinkView {
    label: String,
    url: String,
}

/// A page as it appears in a list.
#[derive(Serialize, Clone)]
struct ListItem {
    title: String,
    url: String,
    description: Option<String>,
    date: Option<DateView>,
}

/// A date in ISO form and as people read it.
#[derive(Serialize, Clone)]
struct DateView {
    iso: String,
    display: String,
}

/// The page being rendered.
#[derive(Serialize)]
pub(super) struct PageView<'a> {
    title: &'a str,
    description: Option<&'a str>,
    url: String,
    permalink: String,
    date: Option<DateView>,
    content: &'a str,
    source: &'a str,
    industry: Option<usize>,
    /// The page in the site's other languages, for the language switcher.
    translations: Vec<TranslationView>,
    /// The page's translations, itself included, for `hreflang` links.
    alternates: Vec<AlternateView>,
    /// The default-language version, for `hreflang="x-default"`.
    x_default: Option<String>,
    /// `article` for a news story, else `website`, for Open Graph.
    og_type: &'static str,
    /// schema.org data for search engines (the zone on home pages, the story on news pages,
    /// the breadcrumbs below the home page), as JSON ready to put inside
    /// `<script type="application/ld+json">`.
    json_ld: Option<String>,
    /// The industries, park sectors and topics it is about, as links.
    tags: TagsView,
    /// Up to three other pages sharing an industry or park sector with it, newest first.
    related: Vec<ListItem>,
    /// For a news story: the stories before and after it, and the news list.
    story: Option<StoryNav>,
    /// Its own news feed (an industry's), for the link in the page's head.
    feed: Option<FeedLink>,
    /// The contents list of the page's text (its `##` and `###` headings); the theme shows it
    /// from three headings on, counting those its template adds.
    toc: Vec<TocEntry<'a>>,
    /// How many headings the contents list holds, its `###` included.
    toc_headings: usize,
    /// The way from the home page down to this page, itself last; empty on a home page.
    breadcrumbs: Vec<Crumb<'a>>,
}

/// What a page is about, each tag leading to the pages about it.
#[derive(Serialize, Default)]
struct TagsView {
    industries: Vec<LinkView>,
    parks: Vec<SectorLink>,
    topics: Vec<LinkView>,
}

/// A park sector a page is about, leading to the page that shows the parks, if there is one.
#[derive(Serialize)]
struct SectorLink {
    label: String,
    url: Option<String>,
}

/// A story's neighbours in time and the list of all stories.
#[derive(Serialize)]
struct StoryNav {
    previous: Option<ListItem>,
    next: Option<ListItem>,
    news_url: String,
}

/// A news feed a page offers besides the site's own.
#[derive(Serialize)]
struct FeedLink {
    url: String,
    title: String,
}

/// An entry of a contents list: a `##` heading with the `###` headings under it.
#[derive(Serialize)]
struct TocEntry<'a> {
    text: &'a str,
    id: &'a str,
    children: Vec<TocEntry<'a>>,
}

/// A page on the way from the home page down to the page shown.
#[derive(Serialize)]
struct Crumb<'a> {
    title: &'a str,
    url: String,
}

/// Where the switcher leads for one other language.
#[derive(Serialize)]
struct TranslationView {
    lang: String,
    tag: String,
    name: String,
    url: String,
    /// Whether it is this very page translated, rather than the nearest translated page.
    exact: bool,
}

/// The page in one language, for an `hreflang` link.
#[derive(Serialize)]
struct AlternateView {
    tag: String,
    permalink: String,
}

/// A section's listing: its subsections and one listing page of its pages.
#[derive(Serialize)]
pub(super) struct SectionView {
    subsections: Vec<ListItem>,
    pages: Vec<ListItem>,
    paginator: Paginator,
}

/// Where a listing page sits among its siblings.
#[derive(Serialize)]
struct Paginator {
    current: usize,
    total: usize,
    previous: Option<String>,
    next: Option<String>,
}

/// The fact sheet in the language being rendered.
#[derive(Serialize)]
struct FactsView {
    zone: Option<ZoneView>,
    figures: Vec<FigureView>,
    figure: BTreeMap<String, FigureView>,
    headline: Vec<FigureView>,
    /// The source of every headline figure, when they all have the same one: cited once
    /// under the tiles instead of on each.
    headline_source: Option<SourceView>,
    institutions: Vec<InstitutionView>,
    industries: Vec<IndustryView>,
    parks: Option<ParksView>,
    plans: Vec<PlanView>,
    sources: Vec<SourceView>,
    contact: Option<ContactView>,
    charts: BTreeMap<String, String>,
}

/// How to reach the zone office, in one language.
#[derive(Serialize)]
struct ContactView {
    office: Option<String>,
    address: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    enquiry_url: Option<String>,
}

/// The zone's own record.
#[derive(Serialize)]
struct ZoneView {
    name: String,
    official_name: Option<String>,
    location: Option<String>,
    founded: Option<i32>,
    approved: Option<i32>,
    approved_by: Option<String>,
    roles: Vec<String>,
    focus: Vec<String>,
    research_highlights: Vec<String>,
    source: Option<SourceView>,
}

/// A figure, with its amount written out.
#[derive(Serialize, Clone)]
struct FigureView {
    id: String,
    label: String,
    value: Option<f64>,
    display: String,
    unit: Option<String>,
    period: Option<String>,
    as_of: Option<String>,
    /// The day a source reported a count it gives no date for, in the page's language.
    as_reported: Option<String>,
    /// The period, or "as of" and the date, in the page's language.
    when: Option<String>,
    kind: FigureKind,
    approximate: bool,
    part_of: Option<String>,
    share_of: Option<String>,
    conversion: Option<String>,
    note: Option<String>,
    industry: Option<String>,
    headline: bool,
    series: Vec<PointView>,
    source: Option<SourceView>,
}

/// One year of a figure's series.
#[derive(Serialize, Clone)]
struct PointView {
    period: String,
    value: f64,
    display: String,
}

/// A publication figures come from.
#[derive(Serialize, Clone, PartialEq)]
struct SourceView {
    /// Publisher, title and date as a citation in the page's language (HTML, escaped).
    citation: String,
    publisher: String,
    title: String,
    date: Option<String>,
    url: Option<String>,
}

/// A university or research institute.
#[derive(Serialize)]
struct InstitutionView {
    name: String,
    kind: InstitutionKind,
    affiliation: Option<String>,
    source: Option<SourceView>,
}

/// An industry the zone promotes.
#[derive(Serialize)]
struct IndustryView {
    slug: String,
    name: String,
    summary: Option<String>,
    plan: Option<PlanView>,
    figures: Vec<FigureView>,
    source: Option<SourceView>,
    url: Option<String>,
    /// The newest pages about it.
    stories: Vec<ListItem>,
    /// The list of every page about it, and its feed.
    news_url: Option<String>,
    feed_url: Option<String>,
    /// Whether other industries have a page in the language, for links from this one's page.
    has_others: bool,
    /// The picture at the top of its page, a `<figure>` (HTML), when it has one.
    picture: Option<String>,
}

/// The zone's industrial parks.
#[derive(Serialize)]
struct ParksView {
    count: Option<FigureView>,
    sectors: Vec<String>,
    source: Option<SourceView>,
    /// Each sector with its id (`#sector-<id>` on the parks page) and the newest pages about it.
    by_sector: Vec<SectorView>,
    /// The picture of the parks page, a `<figure>` (HTML), when it has one.
    picture: Option<String>,
}

/// A park sector and the newest pages about it.
#[derive(Serialize)]
struct SectorView {
    id: String,
    name: String,
    stories: Vec<ListItem>,
    /// The list of every page about it.
    news_url: Option<String>,
}

/// How many of the pages about an industry or a park sector its own page lists.
const LISTED_STORIES: usize = 5;

/// A development plan.
#[derive(Serialize, Clone)]
struct PlanView {
    id: String,
    name: String,
    period: Option<String>,
    goals: Vec<String>,
    source: Option<SourceView>,
}

impl Globals {
    /// Builds the values of language `lang` once; every render in it shares them.
    /// `charts` holds each chart's HTML in that language; `pictures` the theme's pictures.
    pub(super) fn new(
        site: &Site,
        lang: LangId,
        charts: BTreeMap<String, String>,
        pictures: &ThemePictures,
    ) -> Self {
        let config = &site.config;
        let language = &config.languages[lang];
        let base = &config.base_url;
        let feed_section = site.feed_section(lang);
        let latest = feed_section
            .map(|s| {
                s.pages
                    .iter()
                    .take(5)
                    .map(|&id| list_item(site, id))
                    .collect()
            })
            .unwrap_or_default();
        Globals {
            site: SiteView::new(site, lang, in_language(&pictures.home, lang)),
            menu: site.menus[lang.index()]
                .iter()
                .map(|m| LinkView {
                    label: m.label.clone(),
                    url: base.href(&m.url),
                })
                .collect(),
            facts: FactsView::new(site, charts, &config.locale(lang), pictures),
            latest,
            has_feed: feed_section.is_some(),
            t: language.strings.clone(),
            languages: config
                .languages
                .iter()
                .map(|l| LanguageView {
                    key: l.key.clone(),
                    tag: l.tag.clone(),
                    name: l.name.clone(),
                })
                .collect(),
        }
    }
}

/// The theme's picture `figure` in language `lang`, if there is one.
fn in_language(figure: &Option<Vec<String>>, lang: LangId) -> Option<String> {
    figure.as_ref()?.get(lang.index()).cloned()
}

impl SiteView {
    /// The site's settings in language `lang`, with the home page's `picture` in it.
    fn new(site: &Site, lang: LangId, picture: Option<String>) -> Self {
        let config = &site.config;
        let language = &config.languages[lang];
        let key = language.key.as_str();
        let base = &config.base_url;
        let home = &site.pages[site.home(lang)].url;
        SiteView {
            title: config.title.get(key).to_owned(),
            description: config.description.get(key).to_owned(),
            language: language.tag.clone(),
            lang: language.key.clone(),
            home_url: base.href(home),
            permalink: base.permalink(home),
            feed_url: base.href(&crate::render::feeds::feed_path(site, lang)),
            topics_url: site.topics_url(lang).map(|u| base.href(&u)),
            logo: config
                .theme
                .logo_file(&site.static_files)
                .and_then(|asset| {
                    let Some(PictureSize::Pixels(width, height)) = image_size(&asset.bytes) else {
                        return None;
                    };
                    let url = base.href(&UrlPath::file(asset.segments.to_vec()));
                    Some(LogoView { url, width, height })
                }),
            filings: filing_views(&config.filings, &config.languages, language),
            accessibility_url: made::STATEMENT.url(site, lang).map(|u| base.href(&u)),
            search_url: made::SEARCH.url(site, lang).map(|u| base.href(&u)),
            sitemap_url: made::SITEMAP.url(site, lang).map(|u| base.href(&u)),
            picture,
        }
    }
}

/// The MIIT's register of ICP filings: it has no address per number, so every ICP number
/// links to its search page.
const ICP_REGISTER: &str = "https://beian.miit.gov.cn/";

/// The site's filings as the footer of a page in `language` shows them, each linked to the
/// register that lists it.
fn filing_views(filings: &Filings, languages: &[Language], language: &Language) -> Vec<FilingView> {
    let chinese = languages
        .iter()
        .find(|l| l.style == Style::Chinese)
        .map_or("zh-Hans", |l| l.tag.as_str());
    filings
        .each()
        .into_iter()
        .filter_map(|(filing, number)| {
            let number = number?;
            let (text, url) = match filing {
                Filing::Icp => (number.to_owned(), Some(ICP_REGISTER.to_owned())),
                // The register finds a site by the 14 digits, the only digits of the number.
                Filing::Police => {
                    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
                    let url = format!("https://beian.mps.gov.cn/#/query/webSearch?code={digits}");
                    (number.to_owned(), Some(url))
                }
                Filing::GovernmentSiteCode => {
                    let label = language.word("government_site_code");
                    (label.replace("{code}", number), None)
                }
            };
            let lang = (language.style != Style::Chinese && text.chars().any(is_ideograph))
                .then(|| chinese.to_owned());
            Some(FilingView { text, url, lang })
        })
        .collect()
}

impl FactsView {
    /// The fact sheet in the language of `locale`, with `charts` drawn in it and the theme's
    /// `pictures` of its records.
    fn new(
        site: &Site,
        charts: BTreeMap<String, String>,
        locale: &Locale,
        pictures: &ThemePictures,
    ) -> Self {
        let facts = &site.config.facts;
        let views = FactViews {
            facts,
            locale,
            pictures,
        };
        let figures: Vec<FigureView> = facts
            .figures
            .iter()
            .map(|f| figure_view(facts, f.get_ref(), locale))
            .collect();
        let figure = figures.iter().map(|f| (f.id.clone(), f.clone())).collect();
        let mut industries: Vec<IndustryView> = facts
            .industries
            .iter()
            .enumerate()
            .map(|(k, i)| views.industry(site, (k, i.get_ref()), &figures))
            .collect();
        // Worked out here rather than in the template, so that a page with no sibling to link to
        // shows no heading over an empty list; a count, not a list per industry, so that many
        // industries stay linear.
        let with_pages = industries.iter().filter(|i| i.url.is_some()).count();
        for industry in &mut industries {
            industry.has_others = with_pages > usize::from(industry.url.is_some());
        }
        FactsView {
            zone: facts.zone.as_ref().map(|z| views.zone(z)),
            headline_source: shared_source(figures.iter().filter(|f| f.headline)),
            headline: figures.iter().filter(|f| f.headline).cloned().collect(),
            institutions: facts
                .institutions
                .iter()
                .map(|i| views.institution(i))
                .collect(),
            industries,
            parks: facts.parks.as_ref().map(|p| views.parks(site, p)),
            plans: facts
                .plans
                .iter()
                .map(|p| views.plan(p.get_ref()))
                .collect(),
            sources: facts
                .sources
                .iter()
                .map(|s| source_view(s.get_ref(), locale.language))
                .collect(),
            contact: facts.contact.as_ref().map(|c| views.contact(c.get_ref())),
            charts,
            figures,
            figure,
        }
    }
}

/// Makes the fact sheet's records into what templates see, in one language.
struct FactViews<'a> {
    /// The fact sheet.
    facts: &'a FactSheet,
    /// The language.
    locale: &'a Locale<'a>,
    /// The theme's pictures.
    pictures: &'a ThemePictures,
}

impl FactViews<'_> {
    /// A text in the language.
    fn text(&self, text: &Text) -> String {
        text.get(self.locale.key()).to_owned()
    }

    /// An optional text in the language.
    fn optional(&self, text: &Option<Text>) -> Option<String> {
        text.as_ref().map(|t| self.text(t))
    }

    /// Texts in the language.
    fn texts(&self, texts: &[Text]) -> Vec<String> {
        texts.iter().map(|t| self.text(t)).collect()
    }

    /// The source a record names, if the fact sheet has it.
    fn source(&self, reference: &Option<Spanned<String>>) -> Option<SourceView> {
        self.facts
            .source(reference.as_ref())
            .map(|s| source_view(s, self.locale.language))
    }

    /// The zone's own record.
    fn zone(&self, z: &Zone) -> ZoneView {
        ZoneView {
            name: self.text(&z.name),
            official_name: self.optional(&z.official_name),
            location: self.optional(&z.location),
            founded: z.founded,
            approved: z.approved,
            approved_by: self.optional(&z.approved_by),
            roles: self.texts(&z.roles),
            focus: self.texts(&z.focus),
            research_highlights: self.texts(&z.research_highlights),
            source: self.source(&z.source),
        }
    }

    /// The contact details, their texts in the language.
    fn contact(&self, c: &crate::facts::Contact) -> ContactView {
        ContactView {
            office: self.optional(&c.office),
            address: self.optional(&c.address),
            phone: c.phone.as_ref().map(|p| p.get_ref().clone()),
            email: c.email.as_ref().map(|e| e.get_ref().clone()),
            enquiry_url: c.enquiry_url.clone(),
        }
    }

    /// A university or research institute.
    fn institution(&self, i: &Institution) -> InstitutionView {
        InstitutionView {
            name: self.text(&i.name),
            kind: i.kind,
            affiliation: self.optional(&i.affiliation),
            source: self.source(&i.source),
        }
    }

    /// An industry, with its plan, its figures (from `figures`) and the address of its page.
    fn industry(
        &self,
        site: &Site,
        (k, i): (usize, &Industry),
        figures: &[FigureView],
    ) -> IndustryView {
        let slug = i.slug.get_ref();
        let lang = self.lang(site);
        let base = &site.config.base_url;
        let stories = site.industry_pages(k, lang);
        IndustryView {
            slug: slug.clone(),
            name: self.text(&i.name),
            summary: self.optional(&i.summary),
            plan: i.plan.as_ref().and_then(|p| {
                self.facts
                    .plans
                    .iter()
                    .find(|plan| plan.get_ref().id.get_ref() == p.get_ref())
                    .map(|p| self.plan(p.get_ref()))
            }),
            figures: figures
                .iter()
                .filter(|f| f.industry.as_ref() == Some(slug))
                .cloned()
                .collect(),
            source: self.source(&i.source),
            url: site
                .industry_page(slug, lang)
                .map(|id| base.href(&site.pages[id].url)),
            stories: list_items(site, stories),
            news_url: site.industry_news_url(k, lang).map(|u| base.href(&u)),
            feed_url: site.industry_feed_url(k, lang).map(|u| base.href(&u)),
            has_others: false,
            picture: self
                .pictures
                .industries
                .get(k)
                .and_then(|figure| in_language(figure, lang)),
        }
    }

    /// The site's language being rendered.
    fn lang(&self, site: &Site) -> LangId {
        site.config
            .language_of(self.locale.key())
            .unwrap_or(LangId::DEFAULT)
    }

    /// The industrial parks.
    fn parks(&self, site: &Site, p: &Parks) -> ParksView {
        let lang = self.lang(site);
        ParksView {
            by_sector: site
                .tagged
                .sector_ids
                .iter()
                .zip(&p.sectors)
                .enumerate()
                .map(|(k, (id, name))| SectorView {
                    news_url: site
                        .sector_news_url(k, lang)
                        .map(|u| site.config.base_url.href(&u)),
                    id: id.clone(),
                    name: self.text(name),
                    stories: list_items(site, &site.tagged.sectors[lang.index()][k]),
                })
                .collect(),
            count: p
                .count
                .as_ref()
                .and_then(|id| self.facts.figure(id.get_ref()))
                .map(|f| figure_view(self.facts, f, self.locale)),
            sectors: self.texts(&p.sectors),
            source: self.source(&p.source),
            picture: in_language(&self.pictures.parks, lang),
        }
    }

    /// A development plan.
    fn plan(&self, p: &Plan) -> PlanView {
        PlanView {
            id: p.id.get_ref().clone(),
            name: self.text(&p.name),
            period: p.period.as_deref().map(|period| {
                parse_period(period).map_or_else(
                    || period.to_owned(),
                    |(first, last)| self.locale.language.years(first, last),
                )
            }),
            goals: self.texts(&p.goals),
            source: self.source(&p.source),
        }
    }
}

/// Figure `f` as templates see it.
fn figure_view(facts: &FactSheet, f: &Figure, locale: &Locale) -> FigureView {
    let lang = locale.key();
    let language = locale.language;
    let written_day =
        |date: Option<&Datetime>| date.and_then(Day::from_toml).map(|d| language.date(d));
    FigureView {
        id: f.id.get_ref().clone(),
        label: f.label.get(lang).to_owned(),
        value: f.current(),
        display: f.amount(locale),
        unit: f.unit.as_ref().map(|u| u.get(lang).to_owned()),
        period: f.period(),
        as_of: written_day(f.as_of.as_ref()),
        as_reported: written_day(f.as_reported.as_ref()),
        when: f.when(locale),
        kind: f.kind,
        approximate: f.approximate,
        part_of: f.part_of.as_ref().map(|p| p.get_ref().clone()),
        share_of: f.share_of.as_ref().map(|s| s.get(lang).to_owned()),
        conversion: f.conversion(locale),
        note: f.note.as_ref().map(|n| n.get(lang).to_owned()),
        industry: f.industry.as_ref().map(|i| i.get_ref().clone()),
        headline: f.headline,
        series: f
            .series
            .iter()
            .flat_map(|s| s.get_ref())
            .map(|(period, &value)| PointView {
                period: period.clone(),
                value,
                display: f.amount_of(value, locale),
            })
            .collect(),
        source: facts
            .source(f.source.as_ref())
            .map(|s| source_view(s, language)),
    }
}

/// Source `s` as templates see it, in `language`.
fn source_view(s: &Source, language: &Language) -> SourceView {
    let lang = language.key.as_str();
    SourceView {
        citation: crate::render::chart::source_html(s, language),
        publisher: s.publisher.get(lang).to_owned(),
        title: s.title.get(lang).to_owned(),
        date: s
            .date
            .as_ref()
            .and_then(Day::from_toml)
            .map(|d| language.date(d)),
        url: s.url.as_ref().map(|u| u.get_ref().clone()),
    }
}

/// A date as templates see it, in `language`.
fn date_view(date: Option<Day>, language: &Language) -> Option<DateView> {
    date.map(|d| DateView {
        iso: d.iso(),
        display: language.date(d),
    })
}

/// A page as an entry of a list.
fn list_item(site: &Site, id: PageId) -> ListItem {
    let page = &site.pages[id];
    ListItem {
        title: page.title.clone(),
        url: site.config.base_url.href(&page.url),
        description: page.description.clone(),
        date: date_view(page.date, &site.config.languages[page.lang]),
    }
}

/// The newest few of `ids`, as entries of a list.
fn list_items(site: &Site, ids: &[PageId]) -> Vec<ListItem> {
    ids.iter()
        .take(LISTED_STORIES)
        .map(|&id| list_item(site, id))
        .collect()
}

/// The industries, park sectors and topics page `id` is about, as links in its language.
fn tags_view(site: &Site, id: PageId) -> TagsView {
    let page = &site.pages[id];
    let config = &site.config;
    let base = &config.base_url;
    let key = &config.languages[page.lang].key;
    let industries = &config.facts.industries;
    let parks_page = site.tagged.parks_page[page.lang.index()];
    TagsView {
        industries: page
            .tags
            .industries
            .iter()
            .filter_map(|&k| {
                let industry = industries.get(k)?.get_ref();
                let target = site.industry_page(industry.slug.get_ref(), page.lang)?;
                Some(LinkView {
                    label: industry.name.get(key).to_owned(),
                    url: base.href(&site.pages[target].url),
                })
            })
            .collect(),
        parks: config.facts.parks.as_ref().map_or_else(Vec::new, |parks| {
            let ids = &site.tagged.sector_ids;
            page.tags
                .sectors
                .iter()
                .filter_map(|&k| {
                    Some(SectorLink {
                        label: parks.sectors.get(k)?.get(key).to_owned(),
                        url: parks_page.map(|p| {
                            format!("{}#sector-{}", base.href(&site.pages[p].url), ids[k])
                        }),
                    })
                })
                .collect()
        }),
        topics: page
            .tags
            .topics
            .iter()
            .map(|topic| LinkView {
                label: topic.name.clone(),
                url: base.href(&site.topic_url(page.lang, &topic.slug)),
            })
            .collect(),
    }
}

/// A news story's neighbours and the news list; `None` for any other page.
fn story_nav(site: &Site, id: PageId) -> Option<StoryNav> {
    let page = &site.pages[id];
    let section = site.feed_section(page.lang).filter(|_| site.is_news(id))?;
    let (previous, next) = site.tagged.neighbours(&site.pages, id);
    Some(StoryNav {
        previous: previous.map(|p| list_item(site, p)),
        next: next.map(|p| list_item(site, p)),
        news_url: site.config.base_url.href(&site.pages[section.index].url),
    })
}

/// The news feed of the industry page `id` shows, if it has one.
fn industry_feed(site: &Site, id: PageId) -> Option<FeedLink> {
    let page = &site.pages[id];
    let url = site.industry_feed_url(page.industry?, page.lang)?;
    let title = site.config.languages[page.lang]
        .word("feed_of")
        .replace("{title}", &page.title);
    Some(FeedLink {
        url: site.config.base_url.href(&url),
        title,
    })
}

/// The values of page `id` with its rendered `body`, published at `url`.
pub(super) fn page_view<'a>(
    site: &'a Site,
    id: PageId,
    url: &UrlPath,
    body: &'a RenderedBody,
) -> PageView<'a> {
    let page = &site.pages[id];
    let config = &site.config;
    let base = &config.base_url;
    let languages = &config.languages;
    let translated: Vec<(LangId, PageId)> = LangId::all(languages.len())
        .filter_map(|l| site.translation(id, l).map(|t| (l, t)))
        .collect();
    // Listing pages past the first have no counterpart: they point at the first page's languages.
    let first_page = *url == page.url;
    let trail = trail(site, id);
    let steps = steps(site, &trail);
    let alternates = if translated.len() > 1 && first_page {
        translated
            .iter()
            .map(|&(l, t)| AlternateView {
                tag: languages[l].tag.clone(),
                permalink: base.permalink(&site.pages[t].url),
            })
            .collect()
    } else {
        Vec::new()
    };
    PageView {
        title: &page.title,
        description: page.description.as_deref(),
        url: base.href(url),
        permalink: base.permalink(url),
        date: date_view(page.date, &languages[page.lang]),
        content: &body.html,
        source: &page.source.path,
        industry: page.industry,
        translations: LangId::all(languages.len())
            .filter(|&l| l != page.lang)
            .map(|l| {
                let target = site.switch_target(id, l);
                TranslationView {
                    lang: languages[l].key.clone(),
                    tag: languages[l].tag.clone(),
                    name: languages[l].name.clone(),
                    url: base.href(&site.pages[target].url),
                    exact: site.translation(id, l) == Some(target),
                }
            })
            .collect(),
        x_default: (alternates.len() > 1)
            .then(|| translated.iter().find(|(l, _)| *l == LangId::DEFAULT))
            .flatten()
            .map(|&(_, t)| base.permalink(&site.pages[t].url)),
        alternates,
        og_type: if site.is_news(id) {
            "article"
        } else {
            "website"
        },
        json_ld: first_page
            .then(|| structured_data(site, id, &steps))
            .flatten(),
        tags: tags_view(site, id),
        related: site
            .tagged
            .related(&site.pages, id)
            .into_iter()
            .map(|p| list_item(site, p))
            .collect(),
        story: story_nav(site, id),
        feed: industry_feed(site, id),
        toc: contents(&body.headings),
        toc_headings: body.headings.len(),
        breadcrumbs: crumbs(site, &steps),
    }
}

/// A step on the way down from the home page: a page's title and address.
pub(super) type Step<'a> = (&'a str, UrlPath);

/// The steps of the pages of `trail`.
fn steps<'a>(site: &'a Site, trail: &[PageId]) -> Vec<Step<'a>> {
    trail
        .iter()
        .map(|&p| (site.pages[p].title.as_str(), site.pages[p].url.clone()))
        .collect()
}

/// The way from the home page down to page `id`, itself included (the home page alone for a
/// home page), for a page zonesite makes below it.
pub(super) fn steps_to(site: &Site, id: PageId) -> Vec<Step<'_>> {
    let trail = trail(site, id);
    if trail.is_empty() {
        return steps(site, &[id]);
    }
    steps(site, &trail)
}

/// The breadcrumbs of `steps`, as templates see them.
fn crumbs<'a>(site: &Site, steps: &[Step<'a>]) -> Vec<Crumb<'a>> {
    steps
        .iter()
        .map(|(title, url)| Crumb {
            title,
            url: site.config.base_url.href(url),
        })
        .collect()
}

/// The contents list of a body with `headings`.
fn contents(headings: &[Heading]) -> Vec<TocEntry<'_>> {
    let mut entries: Vec<TocEntry> = Vec::new();
    // A `###` before the first `##` has no heading to go under: it stands on its own.
    let mut under = false;
    for h in headings {
        let entry = TocEntry {
            text: &h.text,
            id: &h.id,
            children: Vec::new(),
        };
        match entries.last_mut() {
            Some(parent) if h.sub && under => parent.children.push(entry),
            _ => {
                under |= !h.sub;
                entries.push(entry);
            }
        }
    }
    entries
}

/// The pages from the home page down to page `id`, itself last, each listing the next; empty
/// for a home page. Each page knows the section that lists it, so this is as long as the way.
pub(super) fn trail(site: &Site, id: PageId) -> Vec<PageId> {
    let mut trail = vec![id];
    let mut at = id;
    while let Some(section) = site.listed_in[at] {
        at = site.sections[section].index;
        trail.push(at);
    }
    if trail.len() == 1 {
        return Vec::new();
    }
    trail.reverse();
    trail
}

/// The `steps` down to a page as a schema.org `BreadcrumbList`.
fn breadcrumb_list(site: &Site, steps: &[Step]) -> serde_json::Value {
    let items: Vec<serde_json::Value> = steps
        .iter()
        .enumerate()
        .map(|(n, (title, url))| {
            serde_json::json!({
                "@type": "ListItem",
                "position": n + 1,
                "name": title,
                "item": site.config.base_url.permalink(url),
            })
        })
        .collect();
    serde_json::json!({ "@type": "BreadcrumbList", "itemListElement": items })
}

/// The zone as schema.org sees it: a government organisation at a place, from the fact sheet's
/// `[zone]` record, or the site itself when there is none.
fn organisation(site: &Site, lang: LangId) -> serde_json::Value {
    let config = &site.config;
    let key = &config.languages[lang].key;
    let home = config.base_url.permalink(&site.pages[site.home(lang)].url);
    let Some(zone) = &config.facts.zone else {
        return serde_json::json!({
            "@type": "Organization",
            "name": config.title.get(key),
            "url": home,
        });
    };
    let mut organisation = serde_json::json!({
        "@type": "GovernmentOrganization",
        "name": zone.name.get(key),
        "url": home,
    });
    if let Some(official) = &zone.official_name {
        organisation["legalName"] = official.get(key).into();
    }
    if let Some(founded) = zone.founded {
        organisation["foundingDate"] = founded.to_string().into();
    }
    if let Some(location) = &zone.location {
        organisation["location"] =
            serde_json::json!({ "@type": "Place", "name": location.get(key) });
    }
    organisation
}

/// schema.org data of page `id`: the zone on a home page, the story on a news story, and the
/// breadcrumbs of its `steps` below the home page; `None` when there is none of these.
fn structured_data(site: &Site, id: PageId, steps: &[Step]) -> Option<String> {
    let page = &site.pages[id];
    let config = &site.config;
    let language = &config.languages[page.lang];
    let permalink = config.base_url.permalink(&page.url);
    let main = if id == site.home(page.lang) {
        let mut zone = organisation(site, page.lang);
        zone["description"] = config.description.get(&language.key).into();
        Some(zone)
    } else if site.is_news(id) {
        let mut story = serde_json::json!({
            "@type": "NewsArticle",
            "headline": page.title,
            "url": permalink,
            "mainEntityOfPage": permalink,
            "inLanguage": language.tag,
            "datePublished": page.date.map(|d| d.iso()),
            "publisher": organisation(site, page.lang),
        });
        if let Some(description) = &page.description {
            story["description"] = description.as_str().into();
        }
        Some(story)
    } else {
        None
    };
    let breadcrumbs = (!steps.is_empty()).then(|| breadcrumb_list(site, steps));
    let data = match (main, breadcrumbs) {
        // Two things about one page share one @context in a graph.
        (Some(main), Some(breadcrumbs)) => serde_json::json!({ "@graph": [main, breadcrumbs] }),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => return None,
    };
    Some(script_json(data))
}

/// schema.org data ready for its `<script>` element.
fn script_json(mut data: serde_json::Value) -> String {
    data["@context"] = "https://schema.org".into();
    // Inside a <script> element only `</` can end it early: JSON allows `<` written as \u003c.
    data.to_string().replace('<', "\\u003c")
}

/// Where the 404 page of language `lang` is published: `404.html`, `zh/404.html`.
pub(super) fn not_found_path(site: &Site, lang: LangId) -> UrlPath {
    site.config.language_file(lang, "404.html")
}

/// The 404 page of language `lang`, which has no markdown file; it offers the other languages' homes.
pub(super) fn not_found_view(site: &Site, lang: LangId) -> PageView<'_> {
    let title = site.config.languages[lang].word("page_not_found");
    made_view(
        site,
        lang,
        (title, not_found_path(site, lang)),
        Vec::new(),
        |_| None,
    )
}

/// A page zonesite makes without a markdown file (a 404 page, a topic's page, an industry's
/// news list) in language `lang`, with its title and address, below the pages `above` (none for
/// a page outside the site's tree); its language switcher leads to `counterpart(language)` where
/// that gives a page, else to that language's home page.
pub(super) fn made_view<'a>(
    site: &'a Site,
    lang: LangId,
    (title, url): Step<'a>,
    mut above: Vec<Step<'a>>,
    counterpart: impl Fn(LangId) -> Option<UrlPath>,
) -> PageView<'a> {
    let config = &site.config;
    let base = &config.base_url;
    if !above.is_empty() {
        above.push((title, url.clone()));
    }
    let url = &url;
    PageView {
        title,
        description: None,
        url: base.href(url),
        permalink: base.permalink(url),
        date: None,
        content: "",
        source: "",
        industry: None,
        translations: LangId::all(config.languages.len())
            .filter(|&l| l != lang)
            .map(|l| {
                let same = counterpart(l);
                TranslationView {
                    lang: config.languages[l].key.clone(),
                    tag: config.languages[l].tag.clone(),
                    name: config.languages[l].name.clone(),
                    url: base.href(same.as_ref().unwrap_or(&site.pages[site.home(l)].url)),
                    exact: same.is_some(),
                }
            })
            .collect(),
        alternates: Vec::new(),
        x_default: None,
        og_type: "website",
        json_ld: (!above.is_empty()).then(|| script_json(breadcrumb_list(site, &above))),
        tags: TagsView::default(),
        related: Vec::new(),
        story: None,
        feed: None,
        toc: Vec::new(),
        toc_headings: 0,
        breadcrumbs: crumbs(site, &above),
    }
}

/// One listing page of the pages `ids` (newest first) made by zonesite, or of the `topics`
/// index: `number` counts from 1, `per_page` pages each.
pub(super) fn list_view(
    site: &Site,
    ids: &[PageId],
    topics: Vec<(String, String)>,
    number: usize,
    listing_urls: &[UrlPath],
) -> SectionView {
    let per_page = site.config.paginate_by.max(1);
    SectionView {
        subsections: topics
            .into_iter()
            .map(|(title, url)| ListItem {
                title,
                url,
                description: None,
                date: None,
            })
            .collect(),
        pages: ids
            .iter()
            .skip((number - 1) * per_page)
            .take(per_page)
            .map(|&id| list_item(site, id))
            .collect(),
        paginator: paginator(site, number, listing_urls),
    }
}

/// Where listing page `number` sits among `listing_urls`.
fn paginator(site: &Site, number: usize, listing_urls: &[UrlPath]) -> Paginator {
    let base = &site.config.base_url;
    Paginator {
        current: number,
        total: listing_urls.len(),
        previous: (number > 1).then(|| base.href(&listing_urls[number - 2])),
        next: listing_urls.get(number).map(|u| base.href(u)),
    }
}

/// One listing page of a section: `number` counts from 1.
pub(super) fn section_view(
    site: &Site,
    section: SectionId,
    number: usize,
    listing_urls: &[UrlPath],
) -> SectionView {
    let s = &site.sections[section];
    let start = (number - 1) * s.paginate_by;
    SectionView {
        subsections: s
            .subsections
            .iter()
            .map(|&id| list_item(site, id))
            .collect(),
        pages: s
            .pages
            .iter()
            .skip(start)
            .take(s.paginate_by)
            .map(|&id| list_item(site, id))
            .collect(),
        paginator: paginator(site, number, listing_urls),
    }
}

/// The source all these figures share, if they all have one and it is the same.
fn shared_source<'a>(mut figures: impl Iterator<Item = &'a FigureView>) -> Option<SourceView> {
    let first = figures.next()?.source.clone()?;
    figures
        .all(|f| f.source.as_ref() == Some(&first))
        .then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Headings written as `##` (false) or `###` (true) with their ids.
    fn headings(list: &[(bool, &str)]) -> Vec<Heading> {
        list.iter()
            .map(|&(sub, id)| Heading {
                sub,
                text: id.to_uppercase(),
                id: id.to_owned(),
            })
            .collect()
    }

    /// A contents list as `id(children)` entries, for comparing at a glance.
    fn outline(entries: &[TocEntry]) -> String {
        entries
            .iter()
            .map(|e| format!("{}({})", e.id, outline(&e.children)))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_contents_list_nests_each_h3_under_its_h2() {
        let nested = headings(&[(false, "a"), (true, "b"), (true, "c"), (false, "d")]);
        let toc = contents(&nested);
        assert_eq!(outline(&toc), "a(b() c()) d()");
        assert_eq!(toc[0].text, "A");
        // Before the first `##`, a `###` has nothing to go under.
        let first = headings(&[(true, "a"), (true, "b"), (false, "c"), (true, "d")]);
        assert_eq!(outline(&contents(&first)), "a() b() c(d())");
    }
}
