//! The pages zonesite makes from tags, in every language: each industry's list of the pages
//! about it, a page per topic, and the index of the topics.

use tera::{Context, Tera};

use crate::diagnostic::Diagnostics;
use crate::locale::LangId;
use crate::model::{PageId, Site};
use crate::output::Output;
use crate::render::page::paged_urls;
use crate::render::{context, templates};
use crate::url::UrlPath;

/// The template that shows a list of pages.
const TEMPLATE: &str = "section.html";

/// One list to publish: its title, address, pages (or topics) and its counterpart in each language.
struct List<'a> {
    title: String,
    url: UrlPath,
    pages: &'a [PageId],
    topics: Vec<(String, String)>,
    counterpart: Box<dyn Fn(LangId) -> Option<UrlPath> + 'a>,
}

/// Every industry's news list, topic page and topics index, rendered with `engines` (one per
/// language) into `output`.
pub(super) fn add(site: &Site, engines: &[Tera], output: &mut Output, out: &mut Diagnostics) {
    if !site.templates.contains_key(TEMPLATE) {
        return;
    }
    for (lang, tera) in LangId::all(engines.len()).zip(engines) {
        for list in lists(site, lang) {
            render(site, tera, lang, &list, output, out);
        }
    }
}

/// The first address of every list language `lang` publishes, for the sitemap.
pub(super) fn addresses(site: &Site, lang: LangId) -> impl Iterator<Item = UrlPath> + '_ {
    lists(site, lang).into_iter().map(|list| list.url)
}

/// The lists language `lang` publishes.
fn lists(site: &Site, lang: LangId) -> Vec<List<'_>> {
    let language = &site.config.languages[lang];
    let base = &site.config.base_url;
    let mut lists = Vec::new();
    for (k, industry) in site.config.facts.industries.iter().enumerate() {
        let Some(url) = site.industry_news_url(k, lang) else {
            continue;
        };
        lists.push(List {
            title: language
                .word("industry_news")
                .replace("{industry}", industry.get_ref().name.get(&language.key)),
            url,
            pages: site.industry_pages(k, lang),
            topics: Vec::new(),
            counterpart: Box::new(move |l| site.industry_news_url(k, l)),
        });
    }
    let topics = &site.tagged.topics[lang.index()];
    for (slug, topic) in topics {
        lists.push(List {
            title: topic.name.clone(),
            url: site.topic_url(lang, slug),
            pages: &topic.pages,
            topics: Vec::new(),
            counterpart: Box::new(move |l| {
                site.tagged.topics[l.index()]
                    .contains_key(slug)
                    .then(|| site.topic_url(l, slug))
            }),
        });
    }
    if let Some(url) = site.topics_url(lang) {
        lists.push(List {
            title: language.word("topics").to_owned(),
            url,
            pages: &[],
            topics: topics
                .iter()
                .map(|(slug, t)| (t.name.clone(), base.href(&site.topic_url(lang, slug))))
                .collect(),
            counterpart: Box::new(|l| site.topics_url(l)),
        });
    }
    lists
}

/// One list, on as many listing pages as its pages need.
fn render(
    site: &Site,
    tera: &Tera,
    lang: LangId,
    list: &List,
    output: &mut Output,
    out: &mut Diagnostics,
) {
    let urls = paged_urls(&list.url, list.pages.len(), site.config.paginate_by);
    for (n, url) in urls.iter().enumerate() {
        let mut ctx = Context::new();
        let page = context::made_view(site, lang, &list.title, url, &list.counterpart);
        ctx.insert("page", &page);
        let topics = if n == 0 {
            list.topics.clone()
        } else {
            Vec::new()
        };
        let section = context::list_view(site, list.pages, topics, n + 1, &urls);
        ctx.insert("section", &section);
        match tera.render(TEMPLATE, &ctx) {
            Ok(html) => output.insert(
                url.output_file(),
                html.into_bytes(),
                format!("the list {}", url.display()),
                out,
            ),
            Err(e) => {
                out.push(templates::diagnostic(&e, &site.templates));
                return;
            }
        }
    }
}
