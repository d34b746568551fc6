//! The site's languages: their keys and tags, the theme's words in each, and how each writes
//! numbers, amounts and dates.

pub mod date;
pub(crate) mod punctuation;
pub(crate) mod text;

use std::collections::BTreeMap;

use crate::locale::date::Day;

/// Which of the site's languages, by its place in [`crate::input::config::SiteConfig::languages`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub(crate) struct LangId(usize);

impl LangId {
    /// The site's default language, whose pages sit at the root of the site.
    pub(crate) const DEFAULT: LangId = LangId(0);

    /// Every language of a site with `count` of them, the default first.
    pub(crate) fn all(count: usize) -> impl Iterator<Item = LangId> {
        (0..count).map(LangId)
    }

    /// The language at place `index` of the site's list.
    pub(crate) fn at(index: usize) -> LangId {
        LangId(index)
    }

    /// Its place in the site's list of languages.
    pub(crate) fn index(self) -> usize {
        self.0
    }
}

impl std::ops::Index<LangId> for [Language] {
    type Output = Language;
    fn index(&self, lang: LangId) -> &Language {
        &self[lang.0]
    }
}

impl std::ops::Index<LangId> for Vec<Language> {
    type Output = Language;
    fn index(&self, lang: LangId) -> &Language {
        &self[lang.0]
    }
}

/// How a language writes numbers and dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `1,152`, `about 40%`, `12.1 billion yuan`, `13 April 2021`.
    English,
    /// `1152`, `约40%`, `121亿元`, `2021年4月13日`.
    Chinese,
}

/// One language of the site.
#[derive(Debug, Clone)]
pub struct Language {
    /// Short key: the URL prefix and the file-name suffix (`zh` in `profile.zh.md`).
    pub key: String,
    /// BCP 47 tag for `lang` and `hreflang` (`zh-Hans`).
    pub tag: String,
    /// The language's name in itself, for the language switcher ("中文").
    pub name: String,
    /// The theme's words, defaults merged with the site's own.
    pub strings: BTreeMap<String, String>,
    /// How numbers and dates are written.
    pub style: Style,
}

impl Language {
    /// A language with the theme's default words for its tag.
    pub fn new(key: String, tag: String, name: Option<String>) -> Self {
        // The Chinese words and 万/亿 are Simplified: Traditional tags keep the English rules.
        let lower = tag.to_ascii_lowercase();
        let chinese = lower == "zh"
            || ["zh-hans", "zh-cn", "zh-sg"]
                .iter()
                .any(|t| lower == *t || lower.starts_with(&format!("{t}-")));
        let (style, words) = if chinese {
            (Style::Chinese, ZH)
        } else {
            (Style::English, EN)
        };
        let strings = EN
            .iter()
            .chain(words)
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let name = name.unwrap_or_else(|| match style {
            Style::Chinese => "中文".to_owned(),
            Style::English if tag.starts_with("en") => "English".to_owned(),
            Style::English => key.clone(),
        });
        Language {
            key,
            tag,
            name,
            strings,
            style,
        }
    }

    /// A theme word in this language.
    pub(crate) fn word<'a>(&'a self, key: &'a str) -> &'a str {
        self.strings.get(key).map_or(key, String::as_str)
    }

    /// A count as prose writes it: in words while the theme's `count_words` reach ("three",
    /// "三"), in digits beyond.
    pub(crate) fn count_in_words(&self, n: usize) -> String {
        n.checked_sub(1)
            .and_then(|i| self.word("count_words").split_whitespace().nth(i))
            .map_or_else(|| n.to_string(), str::to_owned)
    }

    /// An amount with its unit and "about", in this language.
    ///
    /// `value` counts in `value_unit` (the unit as the default language writes it); the amount is
    /// rescaled to this language's `unit`, so 12.1 "billion yuan" is 121 "亿元". In Chinese an
    /// amount in a plain unit is written in 万 or 亿, as Chinese publications do.
    pub fn amount(
        &self,
        value: f64,
        value_unit: Option<&str>,
        unit: Option<&str>,
        approximate: bool,
    ) -> String {
        let unit = unit.map(str::trim).filter(|u| !u.is_empty());
        let ratio = magnitude(unit.unwrap_or("")) / magnitude(value_unit.unwrap_or(""));
        let mut shown = value / ratio;
        // Converting to a larger unit shifts digits behind the point: keep them all.
        let mut decimals = 2 + ratio.log10().round().max(0.0) as usize;
        let mut unit = unit.map(str::to_owned);
        let cjk_unit = unit
            .as_deref()
            .and_then(|u| u.chars().next())
            .is_some_and(is_cjk);
        if self.style == Style::Chinese
            && cjk_unit
            && magnitude(unit.as_deref().unwrap_or("")) == 1.0
        {
            for (word, size, shift) in [("亿", 1e8, 8), ("万", 1e4, 4)] {
                if shown.abs() >= size {
                    shown /= size;
                    decimals += shift;
                    unit = unit.map(|u| format!("{word}{u}"));
                    break;
                }
            }
        }
        let number = group_digits(shown.abs(), self.style == Style::English, decimals);
        let sign = if shown < 0.0 && number.chars().any(|c| c.is_ascii_digit() && c != '0') {
            "-"
        } else {
            ""
        };
        let amount = match unit.as_deref() {
            None => format!("{sign}{number}"),
            Some("%") => format!("{sign}{number}%"),
            Some(u) if cjk_unit => format!("{sign}{number}{u}"),
            // A currency sign as the unit's first word goes before the number: "US$1.85 billion".
            Some(u) => match u.split_once(' ').unwrap_or((u, "")) {
                (currency, rest) if currency.ends_with(['$', '¥', '€', '£']) => {
                    format!("{sign}{currency}{number} {rest}")
                        .trim_end()
                        .to_owned()
                }
                _ => format!("{sign}{number} {u}"),
            },
        };
        if approximate {
            self.word("approximately").replace("{amount}", &amount)
        } else {
            amount
        }
    }

    /// A day as this language writes it: `13 April 2021` or `2021年4月13日`.
    pub(crate) fn date(&self, day: Day) -> String {
        match self.style {
            Style::English => day.display(),
            Style::Chinese => format!("{}年{}月{}日", day.year, day.month, day.day),
        }
    }

    /// The day a count was taken: the last day of a year is "the end of 2020" / "2020年底",
    /// as statistical reports write it, any other day as [`Language::date`] writes it.
    pub(crate) fn count_date(&self, day: Day) -> String {
        if (day.month, day.day) == (12, 31) {
            self.word("year_end")
                .replace("{year}", &day.year.to_string())
        } else {
            self.date(day)
        }
    }

    /// A year or a span of years: `2020` and `2021–2025` in English, `2020年` and
    /// `2021—2025年` in Chinese (a dash between the years, never a hyphen).
    pub(crate) fn years(&self, first: i32, last: i32) -> String {
        let span = if first == last {
            first.to_string()
        } else {
            format!("{first}{}{last}", self.word("year_range_dash"))
        };
        format!("{span}{}", self.word("year_suffix"))
    }

    /// The name of the language tagged `tag` in this language ("English", "英文"), when the
    /// theme knows it.
    pub(crate) fn language_name(&self, tag: &str) -> Option<&str> {
        let key = format!("language_{}", base_language(tag));
        self.strings.get(&key).map(String::as_str)
    }
}

/// A number as English messages write it: `4,400`.
pub(crate) fn english_number(value: f64) -> String {
    group_digits(value, true, 2)
}

/// A number with at most `decimals` decimals, its thousands separated by commas when `grouped`.
fn group_digits(value: f64, grouped: bool, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    };
    let text = if text == "-0" { "0".to_owned() } else { text };
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut out = String::from(sign);
    for (i, c) in digits.chars().enumerate() {
        if grouped && i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// A language together with the site's default one, whose units the fact sheet's values count in.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Locale<'a> {
    /// The language to write in.
    pub language: &'a Language,
    /// The site's default language.
    pub default: &'a Language,
}

impl Locale<'_> {
    /// The key of the language to write in, for picking texts.
    pub(crate) fn key(&self) -> &str {
        &self.language.key
    }
}

/// How many ones a unit's magnitude word stands for: "billion yuan" is 10^9, "亿元" is 10^8.
fn magnitude(unit: &str) -> f64 {
    // English words multiply: "ten thousand" is 10^4, "hundred million" 10^8.
    let english: f64 = unit
        .split_whitespace()
        .map(|word| match word.to_lowercase().as_str() {
            "ten" => 1e1,
            "hundred" => 1e2,
            "thousand" => 1e3,
            "million" | "mn" => 1e6,
            "billion" | "bn" => 1e9,
            "trillion" => 1e12,
            _ => 1.0,
        })
        .product();
    if english != 1.0 {
        return english;
    }
    // Chinese magnitudes lead the unit: 亿元, 万人. 千 is left out: 千米 and 千克 are units of their own.
    for (word, size) in [
        ("万亿", 1e12),
        ("千万", 1e7),
        ("百万", 1e6),
        ("亿", 1e8),
        ("万", 1e4),
    ] {
        if unit.len() > word.len() && unit.starts_with(word) {
            return size;
        }
    }
    1.0
}

/// The language meant by a country's code written as a language's key (`cn` for `zh`).
pub(crate) fn country_language(code: &str) -> Option<&'static str> {
    Some(match code {
        "cn" | "tw" | "hk" => "zh",
        "jp" => "ja",
        "kr" => "ko",
        "uk" | "us" | "gb" => "en",
        _ => return None,
    })
}

/// The language of a tag without its script or region: `zh` of `zh-Hans`.
pub(crate) fn base_language(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase()
}

/// Whether the last part of a file name before `.md` reads as a language code, so that the file
/// is a translation: `zh`, `zh-Hans`, `pt-BR` (not `old` or `draft`, which are words).
pub(crate) fn is_file_name_key(key: &str) -> bool {
    let (base, region) = key
        .split_once('-')
        .map_or((key, None), |(b, r)| (b, Some(r)));
    let base_ok = base.chars().all(|c| c.is_ascii_lowercase())
        && (base.len() == 2 || (base.len() == 3 && region.is_some()));
    let region_ok = region.is_none_or(|region| {
        (2..=4).contains(&region.len()) && region.chars().all(|c| c.is_ascii_alphanumeric())
    });
    base_ok && region_ok
}

/// Whether `c` is a Chinese character (a CJK ideograph), not punctuation or a full-width form.
pub(crate) fn is_ideograph(c: char) -> bool {
    matches!(u32::from(c), 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// `c` as typed without a Chinese input method's full-width mode: `Ｉ` is `I`, `１` is `1`,
/// the ideographic space a space; every other character as it is.
pub(crate) fn half_width(c: char) -> char {
    match u32::from(c) {
        // Full-width forms of the ASCII characters sit at a fixed distance from them.
        code @ 0xFF01..=0xFF5E => char::from_u32(code - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    }
}

/// Whether a character is Chinese, Japanese or Korean script (and so takes two columns).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x11FF | 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// The theme's words in English; also the fallback for any other language.
const EN: &[(&str, &str)] = &[
    ("skip_to_content", "Skip to content"),
    ("main_menu", "Main"),
    ("menu", "Menu"),
    ("leading_industries", "Leading industries"),
    ("explore", "Explore the site"),
    ("other_industries", "Other leading industries"),
    ("languages", "Languages"),
    ("key_figures", "Key figures"),
    ("latest_news", "Latest news"),
    ("news_feed", "News feed"),
    ("sitemap", "Sitemap"),
    ("figures_from", "Figures"),
    ("page_not_found", "Page not found"),
    (
        "not_found_text",
        "There is no page at this address. It may have moved.",
    ),
    ("go_home", "Go to the home page"),
    ("newer", "Newer"),
    ("older", "Older"),
    ("pages", "Pages"),
    ("page_of", "Page {current} of {total}"),
    ("source", "Source"),
    ("sources", "Sources"),
    ("as_of", "as of"),
    ("period", "Period"),
    ("target", "target"),
    ("estimate", "estimate"),
    ("share_of_phrase", "share of {what}"),
    ("count_phrase", "{value} {label}"),
    ("paren_open", " ("),
    ("paren_close", ")"),
    ("semicolon", "; "),
    ("quote_open", "“"),
    ("quote_close", "”"),
    ("approximately", "about {amount}"),
    ("as_of_date", "{as_of} {date}"),
    ("amount_in_total", "{amount} {in_total}"),
    ("series_subtitle", "{figure}, {measure}, {period}"),
    ("all_figures", "All figures"),
    (
        "all_figures_caption",
        "Every figure of this site’s fact sheet, with its period or date and source",
    ),
    ("figure", "Figure"),
    ("value", "Value"),
    ("download_data", "Download the data"),
    (
        "download_intro",
        "Every figure on this site, with its period or date and source, as open data:",
    ),
    ("facts_csv", "a spreadsheet, one row per figure"),
    ("facts_json", "the same records for programs"),
    ("download_csv", "Download the data (CSV)"),
    ("the_data", "The data"),
    ("total", "total"),
    ("in_total", "in total"),
    ("per_cent", "Per cent"),
    ("number", "Number"),
    ("other", "Other"),
    ("year", "Year"),
    ("part", "Part"),
    ("contact", "Contact"),
    ("phone", "Phone"),
    ("email", "Email"),
    ("send_enquiry", "Send an enquiry"),
    ("official_name", "Official name"),
    ("location", "Location"),
    ("founded", "Founded"),
    ("national_approval", "National approval"),
    ("approved_phrase", "{year}, by {by}"),
    ("year_suffix", ""),
    ("list_separator", ", "),
    ("focus", "Long-standing focus"),
    ("universities_and_institutes", "Universities and institutes"),
    ("research_strengths", "Research strengths"),
    ("notable_results_in", "Notable results in:"),
    ("plans", "Plans"),
    ("sectors_covered", "Sectors covered"),
    ("leading_industry_of", "A leading industry in the {plan}"),
    ("figures", "Figures"),
    ("moved_to", "This page has moved to"),
    ("colon", ": "),
    ("comma", ", "),
    ("stop", ". "),
    ("year_end", "the end of {year}"),
    ("year_range_dash", "–"),
    ("reported", "reported {date}"),
    ("conversion", "{amount}"),
    ("conversion_approximately", "about {amount}"),
    ("foreign_quote_open", "“"),
    ("foreign_quote_close", "”"),
    ("in_language", " (in {language})"),
    ("language_en", "English"),
    ("language_zh", "Chinese"),
    ("period_or_date", "Period or date"),
    ("cite_label", "source {n}"),
    ("chart_period", "Period: {when}"),
    ("chart_day", "{when}"),
    (
        "derived_note",
        "calculated: {total} minus the {count} named groups",
    ),
    (
        "derived_note_one",
        "calculated: {total} minus the named group",
    ),
    (
        "count_words",
        "one two three four five six seven eight nine ten",
    ),
    (
        "derived_by_site",
        "“{label}” is calculated by this site, not given by the source",
    ),
    ("industry_news", "News on {industry}"),
    ("all_stories", "All news on {industry}"),
    ("feed_of", "News feed: {title}"),
    ("tagged_industries", "Industries"),
    ("tagged_parks", "Park sectors"),
    ("tagged_topics", "Topics"),
    ("topic", "Topic"),
    ("topics", "Topics"),
    ("previous_story", "Previous story"),
    ("next_story", "Next story"),
    ("all_news", "All news"),
    ("story_links", "More news"),
    ("related_stories", "Related stories"),
    ("sector_news", "News"),
    ("on_this_page", "On this page"),
    ("breadcrumbs", "Breadcrumb"),
    // The code's official label on every page: regulators look for it in Chinese, beside
    // filing numbers that are Chinese anyway.
    ("government_site_code", "政府网站标识码：{code}"),
    ("easy_reading", "Easy reading"),
    ("accessibility", "Accessibility"),
    ("accessibility_statement", "Accessibility statement"),
    (
        "accessibility_intro",
        "{site} wants its pages to work for everyone, including people who use a screen reader or only a keyboard, and people who need larger text.",
    ),
    ("accessibility_standard_heading", "The standard"),
    (
        "accessibility_standard",
        "The site aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA, and GB/T 37668-2019, the Chinese national standard for accessible web content that government websites follow.",
    ),
    ("accessibility_testing_heading", "How it is tested"),
    (
        "accessibility_testing",
        "The templates the site is built with are tested automatically: the pages they make pass the Nu Html Checker and axe-core's WCAG rules on a phone-sized screen (360 px wide) and a wide one (1280 px), in light, dark and easy-reading modes. The pages these templates make work with a keyboard alone and, but for search, without JavaScript, and load nothing from other sites; what is added to a page by hand, such as a video or a map from another site, is not covered by these tests.",
    ),
    (
        "accessibility_limits",
        "Automatic tests do not find every barrier, and the site's text and pictures are checked by the people who write them.",
    ),
    (
        "accessibility_easy_reading",
        "The “{button}” button at the top of every page makes the text larger, spaces its lines and letters more widely and raises the contrast; press it again for the usual view. Your browser remembers the choice for every page of the site on this device. The button needs JavaScript; without it, your browser's zoom (Ctrl and + on a computer, spreading two fingers on a phone) still makes the text larger.",
    ),
    ("accessibility_report_heading", "Report a barrier"),
    (
        "accessibility_report",
        "If something on this site is hard to use, or you need its information in another form, please tell us:",
    ),
    ("search", "Search"),
    ("search_label", "Search this site"),
    (
        "search_hint",
        "Type a word or a name, for example an industry, a park or a figure.",
    ),
    ("search_searching", "Searching…"),
    ("search_none", "No pages found for “{query}”."),
    ("search_one", "1 page found for “{query}”."),
    ("search_many", "{count} pages found for “{query}”."),
    (
        "search_needs_script",
        "Search needs JavaScript, which is off or blocked in this browser. The sitemap lists every page:",
    ),
    (
        "search_unavailable",
        "Search could not start here. It works once the site is published or previewed; meanwhile the sitemap lists every page:",
    ),
    ("sitemap_more", "All {count} pages of {section}"),
    ("search_more", "Show more results"),
];

/// The theme's words in Chinese.
const ZH: &[(&str, &str)] = &[
    ("skip_to_content", "跳到正文"),
    ("main_menu", "主导航"),
    ("menu", "菜单"),
    ("leading_industries", "主导产业"),
    ("explore", "栏目导航"),
    ("other_industries", "其他主导产业"),
    ("languages", "语言"),
    ("key_figures", "主要数据"),
    ("latest_news", "最新动态"),
    ("news_feed", "新闻订阅"),
    ("sitemap", "网站地图"),
    ("figures_from", "数据来源"),
    ("page_not_found", "页面不存在"),
    ("not_found_text", "您访问的页面不存在，可能已被移动或删除。"),
    ("go_home", "返回首页"),
    ("newer", "较新"),
    ("older", "较早"),
    ("pages", "分页"),
    ("page_of", "第{current}页，共{total}页"),
    ("source", "来源"),
    ("sources", "资料来源"),
    ("as_of", "截至"),
    ("period", "时期"),
    ("target", "目标"),
    ("estimate", "估计"),
    ("share_of_phrase", "以{what}为基数"),
    ("count_phrase", "{label}共{value}"),
    ("paren_open", "（"),
    ("paren_close", "）"),
    ("semicolon", "；"),
    ("quote_open", "《"),
    ("quote_close", "》"),
    ("approximately", "约{amount}"),
    ("as_of_date", "{as_of}{date}"),
    ("amount_in_total", "{in_total}{amount}"),
    ("series_subtitle", "{figure}（{measure}），{period}"),
    ("all_figures", "全部数据"),
    (
        "all_figures_caption",
        "本站数据表中的全部数据及其时间和来源",
    ),
    ("figure", "指标"),
    ("value", "数值"),
    ("download_data", "下载数据"),
    (
        "download_intro",
        "本站全部数据及其时间和来源，以开放数据形式提供：",
    ),
    ("facts_csv", "CSV格式，每行一项数据"),
    ("facts_json", "JSON格式，内容同上，便于程序读取"),
    ("download_csv", "下载数据（CSV）"),
    ("the_data", "数据"),
    ("total", "合计"),
    ("in_total", "合计"),
    ("per_cent", "百分比"),
    ("number", "数量"),
    ("other", "其他"),
    ("year", "年份"),
    ("part", "类别"),
    ("contact", "联系方式"),
    ("phone", "电话"),
    ("email", "电子邮件"),
    ("send_enquiry", "在线咨询"),
    ("official_name", "正式名称"),
    ("location", "位置"),
    ("founded", "成立"),
    ("national_approval", "获批国家级高新区"),
    ("approved_phrase", "{year}年经{by}批准"),
    ("year_suffix", "年"),
    ("list_separator", "、"),
    ("focus", "长期聚焦领域"),
    ("universities_and_institutes", "高校和科研院所"),
    ("research_strengths", "科研优势"),
    ("notable_results_in", "在以下领域取得显著成果："),
    ("plans", "规划"),
    ("sectors_covered", "涵盖领域"),
    ("leading_industry_of", "{plan}主导产业之一"),
    ("figures", "数据"),
    ("moved_to", "此页面已移至"),
    ("colon", "："),
    ("comma", "，"),
    ("stop", "。"),
    ("year_end", "{year}年底"),
    ("year_range_dash", "—"),
    ("reported", "{date}报道"),
    ("conversion", "合{amount}"),
    ("conversion_approximately", "约合{amount}"),
    ("foreign_quote_open", "“"),
    ("foreign_quote_close", "”"),
    ("in_language", "（{language}）"),
    ("language_en", "英文"),
    ("language_zh", "中文"),
    ("period_or_date", "时间"),
    ("cite_label", "资料来源{n}"),
    ("chart_period", "数据时间：{when}"),
    ("chart_day", "数据时间：{when}"),
    ("derived_note", "计算得出：{total}减去上述{count}类之和"),
    ("derived_note_one", "计算得出：{total}减去上述一类"),
    ("count_words", "一 两 三 四 五 六 七 八 九 十"),
    (
        "derived_by_site",
        "“{label}”由本站计算得出，并非来源所载数据",
    ),
    ("industry_news", "{industry}相关新闻"),
    ("all_stories", "{industry}全部相关新闻"),
    ("feed_of", "新闻订阅：{title}"),
    ("tagged_industries", "相关产业"),
    ("tagged_parks", "相关园区领域"),
    ("tagged_topics", "主题"),
    ("topic", "主题"),
    ("topics", "主题"),
    ("previous_story", "上一篇"),
    ("next_story", "下一篇"),
    ("all_news", "全部新闻"),
    ("story_links", "更多新闻"),
    ("related_stories", "相关新闻"),
    ("sector_news", "相关新闻"),
    ("on_this_page", "本页目录"),
    ("breadcrumbs", "当前位置"),
    ("government_site_code", "政府网站标识码：{code}"),
    ("easy_reading", "长者模式"),
    ("accessibility", "无障碍声明"),
    ("accessibility_statement", "无障碍声明"),
    (
        "accessibility_intro",
        "{site}希望每一位读者都能使用本网站，包括使用读屏软件或只用键盘的读者，以及需要较大字号的读者。",
    ),
    ("accessibility_standard_heading", "遵循的标准"),
    (
        "accessibility_standard",
        "本网站以《Web内容无障碍指南》（WCAG）2.2 AA级为目标，并以政府网站采用的国家标准GB/T 37668-2019《信息技术 互联网内容无障碍可访问性技术要求与测试方法》为参照。",
    ),
    ("accessibility_testing_heading", "测试方法"),
    (
        "accessibility_testing",
        "建设本网站所用的模板经过自动测试：由模板生成的页面在手机屏幕（宽360像素）和宽屏（宽1280像素）上，在浅色、深色和长者模式下，均通过Nu Html Checker检查和axe-core的WCAG规则检查。由这些模板生成的页面只用键盘即可操作，除搜索外不启用JavaScript也能使用，且不从其他网站加载任何内容；页面中另行添加的内容（如来自其他网站的视频或地图）不在测试范围之内。",
    ),
    (
        "accessibility_limits",
        "自动测试不能发现所有障碍；网站的文字和图片由编辑人员负责审核。",
    ),
    (
        "accessibility_easy_reading",
        "每个页面顶部都有“{button}”按钮：点击后文字更大，行距和字距更宽，对比度更高；再次点击即恢复常规显示。浏览器会在本设备上记住您的选择，对本网站所有页面有效。该按钮需要JavaScript；未启用JavaScript时，也可以用浏览器的缩放功能（电脑上按Ctrl键和+键，手机上用双指张开）放大文字。",
    ),
    ("accessibility_report_heading", "反馈问题"),
    (
        "accessibility_report",
        "如果您在使用本网站时遇到困难，或需要以其他形式获取其中的信息，请告诉我们：",
    ),
    ("search", "搜索"),
    ("search_label", "站内搜索"),
    (
        "search_hint",
        "请输入关键词，例如产业、园区或统计指标的名称。",
    ),
    ("search_searching", "正在搜索……"),
    ("search_none", "没有找到与“{query}”相关的页面。"),
    ("search_one", "找到1个与“{query}”相关的页面。"),
    ("search_many", "找到{count}个与“{query}”相关的页面。"),
    (
        "search_needs_script",
        "搜索功能需要浏览器启用JavaScript，当前浏览器未启用或已拦截。网站地图列出了全部页面：",
    ),
    (
        "search_unavailable",
        "搜索功能在此无法启动，网站发布或预览后即可使用；您也可以通过网站地图查看全部页面：",
    ),
    ("sitemap_more", "{section}全部{count}个页面"),
    ("search_more", "显示更多结果"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> Language {
        Language::new("en".into(), "en".into(), None)
    }

    fn zh() -> Language {
        Language::new("zh".into(), "zh-Hans".into(), None)
    }

    #[test]
    fn a_file_name_key_is_a_language_code_not_a_word() {
        for key in ["zh", "en", "zh-Hans", "pt-BR", "pt-br", "yue-HK"] {
            assert!(is_file_name_key(key), "{key}");
        }
        for key in ["old", "draft", "v2", "EN", "zh-", "chinese"] {
            assert!(!is_file_name_key(key), "{key}");
        }
    }

    #[test]
    fn english_numbers_and_amounts() {
        let en = en();
        let number = |n| en.amount(n, None, None, false);
        assert_eq!(number(2024.0), "2,024");
        assert_eq!(number(1_234_567.0), "1,234,567");
        assert_eq!(number(-1500.0), "-1,500");
        assert_eq!(number(12.1), "12.1");
        assert_eq!(en.amount(40.0, Some("%"), Some("%"), true), "about 40%");
        let mut plain = en.clone();
        plain
            .strings
            .insert("approximately".into(), "roughly {amount}".into());
        assert_eq!(
            plain.amount(40.0, Some("%"), Some("%"), true),
            "roughly 40%"
        );
        let yuan = Some("billion yuan");
        assert_eq!(en.amount(12.1, yuan, yuan, false), "12.1 billion yuan");
        let usd = Some("US$ billion");
        assert_eq!(en.amount(1.85, usd, usd, true), "about US$1.85 billion");
        assert_eq!(
            en.date(Day {
                year: 2021,
                month: 4,
                day: 13
            }),
            "13 April 2021"
        );
    }

    #[test]
    fn chinese_numbers_amounts_and_dates() {
        let zh = zh();
        assert_eq!(zh.amount(2024.0, None, None, false), "2024");
        assert_eq!(
            zh.amount(12.1, Some("billion yuan"), Some("亿元"), false),
            "121亿元"
        );
        assert_eq!(
            zh.amount(1.85, Some("US$ billion"), Some("亿美元"), true),
            "约18.5亿美元"
        );
        // A plain unit: large amounts in 万 and 亿.
        assert_eq!(
            zh.amount(12.1, Some("billion yuan"), Some("元"), false),
            "121亿元"
        );
        assert_eq!(
            zh.amount(35_000.0, Some("yuan"), Some("元"), false),
            "3.5万元"
        );
        assert_eq!(zh.amount(40.0, Some("%"), Some("%"), true), "约40%");
        assert_eq!(zh.amount(272.0, None, None, false), "272");
        assert_eq!(zh.amount(786.0, None, Some("家"), false), "786家");
        // Scale words multiply, and no digit is lost to rounding.
        assert_eq!(
            zh.amount(12.1, Some("hundred million yuan"), Some("亿元"), false),
            "12.1亿元"
        );
        assert_eq!(
            zh.amount(35.0, Some("ten thousand yuan"), Some("万元"), false),
            "35万元"
        );
        assert_eq!(
            zh.amount(125.5, Some("million yuan"), Some("亿元"), false),
            "1.255亿元"
        );
        assert_eq!(
            zh.amount(12_345.0, Some("yuan"), Some("元"), false),
            "1.2345万元"
        );
        assert_eq!(zh.amount(5.0, Some("km"), Some("千米"), false), "5千米");
        assert_eq!(
            zh.date(Day {
                year: 2021,
                month: 4,
                day: 13
            }),
            "2021年4月13日"
        );
    }

    #[test]
    fn small_counts_are_written_in_words() {
        let (en, zh) = (en(), zh());
        assert_eq!(en.count_in_words(3), "three");
        assert_eq!(en.count_in_words(10), "ten");
        assert_eq!(en.count_in_words(11), "11");
        assert_eq!(en.count_in_words(0), "0");
        assert_eq!(zh.count_in_words(2), "两");
        assert_eq!(zh.count_in_words(3), "三");
        assert_eq!(zh.count_in_words(12), "12");
    }

    #[test]
    fn chinese_words_cover_every_english_word() {
        let en: Vec<&str> = EN.iter().map(|(k, _)| *k).collect();
        let zh: Vec<&str> = ZH.iter().map(|(k, _)| *k).collect();
        assert_eq!(en, zh);
    }
}
