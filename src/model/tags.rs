//! Pages tagged with the zone's own records (its industries and park sectors) and with free
//! topics, and the order of the news stories: what the lists of an industry's stories, of a
//! story's related pages and of its neighbours read.

use std::collections::{BTreeMap, HashMap, HashSet};

use toml::Spanned;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Names};
use crate::input::config::SiteConfig;
use crate::input::front_matter::FrontMatter;
use crate::locale::LangId;
use crate::locale::text::Text;
use crate::source::{Location, SourceFile};
use crate::url::{UrlPath, name_id};

use super::{Page, PageId, SectionId, Site};

/// A topic a page is about, in the page's language.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Topic {
    /// As the editor wrote it, without the punctuation around it (`「招商引资」`, `#Investment`).
    pub name: String,
    /// Its address part and what tells two topics apart (`Investment` and `investment` are one).
    pub slug: String,
    /// Where it is written in its page's file, for messages.
    pub at: usize,
}

/// What a page is about: the fact sheet's industries and park sectors, by their place in it,
/// and free topics.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(crate) struct Tags {
    /// Industries, by place in `[[industries]]`.
    pub industries: Vec<usize>,
    /// Park sectors, by place in `[parks] sectors`.
    pub sectors: Vec<usize>,
    /// Topics, in the order written.
    pub topics: Vec<Topic>,
}

/// The longest a topic's address part may be, in bytes: 40 Chinese characters, or a long phrase.
const TOPIC_BYTES: usize = 120;

/// The tags of a page's front matter `fm` (its text starting at byte `front_start` of `source`),
/// checked against site.toml: an id it does not have is reported with the nearest one it has.
pub(super) fn read_tags(
    source: &SourceFile,
    front_start: usize,
    fm: &FrontMatter,
    config: &SiteConfig,
    out: &mut Diagnostics,
) -> Tags {
    // Most pages have no tags: they pay nothing for the lists of ids checked against.
    if fm.industries.is_empty() && fm.parks.is_empty() && fm.topics.is_empty() {
        return Tags::default();
    }
    let facts = &config.facts;
    let slugs: Vec<String> = facts
        .industries
        .iter()
        .map(|i| i.get_ref().slug.get_ref().clone())
        .collect();
    let sectors = facts
        .parks
        .as_ref()
        .map_or_else(Vec::new, |p| p.sector_ids(&config.default_language().key));
    // At the word, after the quote that opens it.
    let at = |tag: &Spanned<String>| {
        let start = front_start + tag.span().start;
        let quoted = matches!(source.text.as_bytes().get(start), Some(b'"' | b'\''));
        start + usize::from(quoted)
    };
    let industry_names: Vec<&Text> = facts.industries.iter().map(|i| &i.get_ref().name).collect();
    let sector_names: Vec<&Text> = facts.parks.iter().flat_map(|p| &p.sectors).collect();
    let industries = known(&fm.industries, (&slugs, &industry_names), |tag, near| {
        let hint = match near {
            Some(near) => format!("did you mean `{near}`?"),
            None if slugs.is_empty() => "site.toml has no [[industries]] yet: add the industry there first, or remove this tag".to_owned(),
            None => format!("the industries' slugs in site.toml are {}", listed(&slugs)),
        };
        out.push(
            Diagnostic::error_at(
                Code::TagIndustryUnknown,
                source,
                at(tag),
                format!("no industry in site.toml has the slug `{}`", tag.get_ref()),
            )
            .with_hint(hint),
        );
    });
    let sectors = known(&fm.parks, (&sectors, &sector_names), |tag, near| {
        let hint = match near {
            Some(near) => format!("did you mean `{near}`?"),
            None if sectors.is_empty() => "site.toml's [parks] names no sectors yet: add the sector to its `sectors` first, or remove this tag".to_owned(),
            None => format!(
                "a sector's id is its name in lower case with hyphens; the park sectors in site.toml are {}",
                listed(&sectors)
            ),
        };
        out.push(
            Diagnostic::error_at(
                Code::TagParkUnknown,
                source,
                at(tag),
                format!("no park sector in site.toml has the id `{}`", tag.get_ref()),
            )
            .with_hint(hint),
        );
    });
    let topics = read_topics(source, &fm.topics, at, out);
    Tags {
        industries,
        sectors,
        topics,
    }
}

/// Marks that separate the items of a list in a sentence, in English and Chinese.
const LIST_MARKS: [char; 5] = [',', '，', '、', ';', '；'];

/// The topics `written` in a page's front matter (in `source`, each at `at(tag)`), each once,
/// without the punctuation around them; a topic that cannot have a page is reported.
fn read_topics(
    source: &SourceFile,
    written: &[Spanned<String>],
    at: impl Fn(&Spanned<String>) -> usize,
    out: &mut Diagnostics,
) -> Vec<Topic> {
    let mut topics: Vec<Topic> = Vec::new();
    // A set, not a search of the list: a page may list thousands of topics.
    let mut seen = HashSet::new();
    for tag in written {
        let name = bare_topic(tag.get_ref());
        let slug = topic_slug(name);
        let problem = if slug.is_empty() {
            Some(format!(
                "the topic `{}` has no letter or digit, so it can have no page",
                tag.get_ref().trim()
            ))
        } else if slug.len() > TOPIC_BYTES {
            // Its page's folder is named after it, and file systems refuse long names.
            Some(format!(
                "this topic is {} characters long, too long to name its page",
                name.chars().count()
            ))
        } else {
            None
        };
        if let Some(problem) = problem {
            out.push(
                Diagnostic::error_at(Code::TagTopicInvalid, source, at(tag), problem).with_hint(
                    "write the topic in a few words, for example: topics = [\"Investment\"]",
                ),
            );
        } else if seen.insert(slug.clone()) {
            if name.contains(LIST_MARKS) {
                out.push(
                    Diagnostic::warning_at(
                        Code::TagTopicList,
                        source,
                        at(tag),
                        format!("“{name}” is one topic, with one page: a comma inside the quotes does not make two"),
                    )
                    .with_hint(format!(
                        "for several topics, put each in quotes of its own: topics = [{}]",
                        name.split(LIST_MARKS)
                            .map(|t| format!("\"{}\"", t.trim()))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                );
            }
            topics.push(Topic {
                name: name.to_owned(),
                slug,
                at: at(tag),
            });
        }
    }
    topics
}

/// A topic's address part: its words as an id, typed with a Chinese input method or not
/// (`Ｉｎｖｅｓｔｍｅｎｔ` is `investment`), and with no space between Chinese characters
/// (`招商　引资` is `招商引资`).
fn topic_slug(name: &str) -> String {
    let folded: Vec<char> = name.chars().map(crate::locale::half_width).collect();
    let kept: String = folded
        .iter()
        .enumerate()
        .filter(|&(i, c)| {
            let between_chinese = c.is_whitespace()
                && i.checked_sub(1)
                    .and_then(|j| folded.get(j))
                    .is_some_and(|&p| crate::locale::is_cjk(p))
                && folded.get(i + 1).is_some_and(|&n| crate::locale::is_cjk(n));
            !between_chinese
        })
        .map(|(_, c)| c)
        .collect();
    name_id(&kept)
}

/// A topic without the spaces, quotes, brackets and sentence punctuation around it, and without
/// a leading `#`: `「招商引资」。` is `招商引资`; `C++` and `C#` keep their signs.
fn bare_topic(written: &str) -> &str {
    /// Quotes, brackets and sentence punctuation, Western and Chinese.
    const AROUND: &str = ".,;:!?\"'()[]“”‘’「」『』《》（）【】。，、；：！？…·";
    let around = |c: char| c.is_whitespace() || AROUND.contains(c);
    written
        .trim_matches(around)
        .trim_start_matches(['#', '＃'])
        .trim_matches(around)
}

/// The places in `ids` of the `tags` found there, each once; `unknown` is told of every other
/// tag, with the id it is nearest to: a typo of it, or the id of the record it names by its name
/// in any language (`生命健康`, `Life and health`), from `names` in the order of `ids`.
fn known(
    tags: &[Spanned<String>],
    (ids, names): (&[String], &[&Text]),
    mut unknown: impl FnMut(&Spanned<String>, Option<&str>),
) -> Vec<usize> {
    let mut typos = None;
    let mut found = Vec::new();
    for tag in tags {
        let written = tag.get_ref().trim();
        match ids.iter().position(|id| id == written) {
            Some(k) if !found.contains(&k) => found.push(k),
            Some(_) => {}
            None => {
                let typos = typos.get_or_insert_with(|| Names::new(ids.iter().map(String::as_str)));
                let named = || {
                    let k = names.iter().position(|name| name.names(written))?;
                    ids.get(k).map(String::as_str)
                };
                unknown(tag, typos.closest(written).or_else(named));
            }
        }
    }
    found
}

/// Ids for a hint, the first few of them: `a`, `b` and `c`.
fn listed(ids: &[String]) -> String {
    const SHOWN: usize = 8;
    let mut shown: Vec<String> = ids.iter().take(SHOWN).map(|id| format!("`{id}`")).collect();
    if ids.len() > SHOWN {
        shown.push(format!("{} more", ids.len() - SHOWN));
    }
    match shown.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// Industries and park sectors list stories: a page without a date, or a section's own page,
/// is listed nowhere, so its `industries` and `parks` are reported (once, on the page in the
/// default language) and dropped; its topics stay, since any page may have them.
pub(super) fn keep_story_tags(
    pages: &mut [Page],
    section_of_index: &HashMap<PageId, SectionId>,
    out: &mut Diagnostics,
) {
    for (id, page) in PageId::all(pages.len()).zip(pages.iter_mut()) {
        let tags = &mut page.tags;
        if tags.industries.is_empty() && tags.sectors.is_empty() {
            continue;
        }
        let section = section_of_index.contains_key(&id);
        if !section && page.date.is_some() {
            continue;
        }
        if page.lang == LangId::DEFAULT {
            let (what, hint) = if page.translation_key == "_index.md" {
                (
                    "this is the home page, which lists pages and is not listed itself",
                    "say what each story is about in its own file, and remove `industries` and `parks` here",
                )
            } else if section {
                (
                    "this is a section's own page, which lists pages and is not listed itself",
                    "say what each story in the section is about in its own file, and remove `industries` and `parks` here",
                )
            } else {
                (
                    "this page has no date, and industry pages and the parks page list only dated stories",
                    "if it is a story, give it a date (date = 2021-04-13); otherwise remove `industries` and `parks`",
                )
            };
            out.push(
                Diagnostic::warning(
                    Code::TagNotStory,
                    Some(Location::file(&page.source.path)),
                    format!("`industries` and `parks` are left out: {what}"),
                )
                .with_hint(hint),
            );
        }
        tags.industries.clear();
        tags.sectors.clear();
    }
}

/// A topic's pages in one language.
#[derive(Debug, Clone)]
pub(crate) struct TopicPages {
    /// The topic as its first page (in content order) writes it.
    pub name: String,
    /// Its pages, newest first.
    pub pages: Vec<PageId>,
}

/// The pages of each tag and the news stories in order, per language, worked out once per build.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tagged {
    /// Per language, per industry: the pages about it, newest first.
    pub industries: Vec<Vec<Vec<PageId>>>,
    /// Per language, per park sector: the pages about it, newest first.
    pub sectors: Vec<Vec<Vec<PageId>>>,
    /// Per language: the topics by slug.
    pub topics: Vec<BTreeMap<String, TopicPages>>,
    /// Per language: the dated stories of its news section, oldest first.
    stories: Vec<Vec<PageId>>,
    /// Each page's place among its language's stories.
    place: Vec<Option<usize>>,
    /// Per language: the page that shows the parks (template `parks.html`), which park sectors
    /// link to.
    pub parks_page: Vec<Option<PageId>>,
    /// Each park sector's id, worked out once for every page that links it.
    pub sector_ids: Vec<String>,
}

/// How many pages a page lists as related to it.
const RELATED: usize = 3;

impl Tagged {
    /// Sorts the tagged pages of `pages` under their tags; `stories` gives each language's news
    /// stories in any order.
    pub(super) fn new(
        pages: &[Page],
        languages: usize,
        config: &SiteConfig,
        stories: Vec<Vec<PageId>>,
        out: &mut Diagnostics,
    ) -> Self {
        let sector_ids = config
            .facts
            .parks
            .as_ref()
            .map_or_else(Vec::new, |p| p.sector_ids(&config.default_language().key));
        let sectors = sector_ids.len();
        let mut tagged = Tagged {
            sector_ids,
            industries: vec![vec![Vec::new(); config.facts.industries.len()]; languages],
            sectors: vec![vec![Vec::new(); sectors]; languages],
            topics: vec![BTreeMap::new(); languages],
            stories,
            place: vec![None; pages.len()],
            parks_page: vec![None; languages],
        };
        for (id, page) in PageId::all(pages.len()).zip(pages) {
            let lang = page.lang.index();
            if page
                .template
                .as_ref()
                .is_some_and(|t| t.get_ref() == "parks.html")
            {
                tagged.parks_page[lang].get_or_insert(id);
            }
            for &k in &page.tags.industries {
                tagged.industries[lang][k].push(id);
            }
            for &k in &page.tags.sectors {
                tagged.sectors[lang][k].push(id);
            }
            for topic in &page.tags.topics {
                let kept = tagged.topics[lang]
                    .entry(topic.slug.clone())
                    .or_insert_with(|| TopicPages {
                        name: topic.name.clone(),
                        pages: Vec::new(),
                    });
                if kept.name != topic.name {
                    out.push(topic_variant(page, topic, &kept.name));
                }
                kept.pages.push(id);
            }
        }
        let newest_first = |ids: &mut Vec<PageId>| ids.sort_by(|&a, &b| newer(pages, a, b));
        let lists = tagged.industries.iter_mut().chain(&mut tagged.sectors);
        lists.flatten().for_each(newest_first);
        for topic in tagged.topics.iter_mut().flat_map(|t| t.values_mut()) {
            newest_first(&mut topic.pages);
        }
        for stories in &mut tagged.stories {
            newest_first(stories);
            stories.reverse();
            for (place, &id) in stories.iter().enumerate() {
                tagged.place[id] = Some(place);
            }
        }
        tagged
    }

    /// The story before and the story after `id` in time, if it is a story.
    pub(crate) fn neighbours(
        &self,
        pages: &[Page],
        id: PageId,
    ) -> (Option<PageId>, Option<PageId>) {
        let Some(place) = self.place.get(id.0).copied().flatten() else {
            return (None, None);
        };
        let stories = &self.stories[pages[id].lang.index()];
        let before = place.checked_sub(1).map(|p| stories[p]);
        (before, stories.get(place + 1).copied())
    }

    /// Up to three other pages sharing an industry or a park sector with page `id`, newest first.
    pub(crate) fn related(&self, pages: &[Page], id: PageId) -> Vec<PageId> {
        let page = &pages[id];
        let lang = page.lang.index();
        // The newest few of each of its tags' lists hold the newest pages sharing a tag.
        let lists = page
            .tags
            .industries
            .iter()
            .map(|&k| &self.industries[lang][k])
            .chain(page.tags.sectors.iter().map(|&k| &self.sectors[lang][k]));
        let mut related: Vec<PageId> = Vec::new();
        for list in lists {
            for &other in list.iter().filter(|&&o| o != id).take(RELATED) {
                if !related.contains(&other) {
                    related.push(other);
                }
            }
        }
        related.sort_by(|&a, &b| newer(pages, a, b));
        related.truncate(RELATED);
        related
    }
}

/// A topic written `topic` on `page` and `kept` on a page before it: one page lists both, under
/// the first spelling; different words that only look alike (`C++` and `C`) are told apart here.
fn topic_variant(page: &Page, topic: &Topic, kept: &str) -> Diagnostic {
    Diagnostic::warning_at(
        Code::TagTopicVariant,
        &page.source,
        topic.at,
        format!(
            "the topic “{}” is listed with “{kept}”, written so on another page: both lead to one page, titled “{kept}”",
            topic.name
        ),
    )
    .with_hint(format!(
        "write the topic the same way on every page; if they are different topics, give this one other words than “{kept}”"
    ))
}

/// Newest first, then by title and path, so that ties never depend on the order of the files.
fn newer(pages: &[Page], a: PageId, b: PageId) -> std::cmp::Ordering {
    let (a, b) = (&pages[a], &pages[b]);
    b.date
        .cmp(&a.date)
        .then_with(|| a.title.cmp(&b.title))
        .then_with(|| a.key.cmp(&b.key))
}

/// The folder under each language's home where topic pages are published.
const TOPICS_FOLDER: &str = "topics";

impl Site {
    /// The pages about industry `k` in language `lang`, newest first.
    pub(crate) fn industry_pages(&self, k: usize, lang: LangId) -> &[PageId] {
        self.tagged.industries[lang.index()]
            .get(k)
            .map_or(&[], Vec::as_slice)
    }

    /// The page of the fact sheet's industry `k` in `lang`, when it has one.
    pub(crate) fn industry_page_at(&self, k: usize, lang: LangId) -> Option<PageId> {
        let industry = self.config.facts.industries.get(k)?.get_ref();
        self.industry_page(industry.slug.get_ref(), lang)
    }

    /// The page of industry `k` in `lang`, when it has one and some page of `lang` is about it.
    pub(crate) fn tagged_industry_page(&self, k: usize, lang: LangId) -> Option<&Page> {
        let page = self.industry_page_at(k, lang)?;
        (!self.industry_pages(k, lang).is_empty()).then(|| &self.pages[page])
    }

    /// Where the list of every page about industry `k` in `lang` is published: `news/` under its
    /// page, when it has one and some page is about it.
    pub(crate) fn industry_news_url(&self, k: usize, lang: LangId) -> Option<UrlPath> {
        Some(self.tagged_industry_page(k, lang)?.url.child("news"))
    }

    /// Where the news feed of industry `k` in `lang` is published, beside its page.
    pub(crate) fn industry_feed_url(&self, k: usize, lang: LangId) -> Option<UrlPath> {
        Some(self.tagged_industry_page(k, lang)?.url.file_in("atom.xml"))
    }

    /// Where the list of every page about park sector `k` in `lang` is published: under the page
    /// that shows the parks (`/parks/robots/`), when there is one and some page is about it.
    pub(crate) fn sector_news_url(&self, k: usize, lang: LangId) -> Option<UrlPath> {
        let parks = self.tagged.parks_page[lang.index()]?;
        let tagged = self.tagged.sectors[lang.index()].get(k)?;
        (!tagged.is_empty()).then(|| self.pages[parks].url.child(&self.tagged.sector_ids[k]))
    }

    /// The index of the topics of language `lang`, when its pages have any.
    pub(crate) fn topics_url(&self, lang: LangId) -> Option<UrlPath> {
        (!self.tagged.topics[lang.index()].is_empty())
            .then(|| self.pages[self.home(lang)].url.child(TOPICS_FOLDER))
    }

    /// The page of the topic with `slug` in language `lang`.
    pub(crate) fn topic_url(&self, lang: LangId, slug: &str) -> UrlPath {
        self.pages[self.home(lang)]
            .url
            .child(TOPICS_FOLDER)
            .child(slug)
    }
}
