//! How a figure is shown: its amount, conversion and period as each locale writes them.

use crate::facts::{Figure, FigureDay, parse_period};
use crate::locale::text::Text;
use crate::locale::{Locale, Style};

impl Figure {
    /// The current value as `locale` writes it: "about 40%", "12.1 billion yuan", "121亿元".
    pub(crate) fn amount(&self, locale: &Locale) -> String {
        self.amount_of(self.current().unwrap_or_default(), locale)
    }

    /// Any value of this figure (a year of its series) with its unit, as `locale` writes it:
    /// a count in Chinese with its measure word (`2024项`, `1.2万家`).
    pub(crate) fn amount_of(&self, value: f64, locale: &Locale) -> String {
        let language = locale.language;
        match (&self.unit, &self.measure_word) {
            (None, Some(word)) if language.style == Style::Chinese => {
                language.amount(value, None, Some(word), self.approximate)
            }
            _ => written(locale, value, self.unit.as_ref(), self.approximate),
        }
    }

    /// The amount restated as the source gave it: "about US$1.85 billion", "约合18.5亿美元".
    pub(crate) fn conversion(&self, locale: &Locale) -> Option<String> {
        self.conversion.as_ref().map(|c| {
            // Chinese says 约合 ("about equal to"), not 约, before a converted amount.
            let word = if c.approximate {
                "conversion_approximately"
            } else {
                "conversion"
            };
            locale
                .language
                .word(word)
                .replace("{amount}", &written(locale, c.value, Some(&c.unit), false))
        })
    }

    /// The amount with its conversion, as a fact in prose shows it.
    pub(crate) fn display(&self, locale: &Locale) -> String {
        let words = locale.language;
        match self.conversion(locale) {
            Some(c) => format!(
                "{}{}{c}{}",
                self.amount(locale),
                words.word("paren_open"),
                words.word("paren_close")
            ),
            None => self.amount(locale),
        }
    }

    /// When the figure applies, in words: its period (`2020`, `2020年`, `2021–2025`), the day
    /// it was counted (`as of the end of 2020`), or only the day a source reported it
    /// (`reported 13 April 2021`).
    pub(crate) fn when(&self, locale: &Locale) -> Option<String> {
        let words = locale.language;
        if let Some(period) = self.period() {
            return Some(match parse_period(&period) {
                Some((first, last)) => words.years(first, last),
                None => period,
            });
        }
        match self.day()? {
            FigureDay::AsOf(d) => Some(
                words
                    .word("as_of_date")
                    .replace("{as_of}", words.word("as_of"))
                    .replace("{date}", &words.count_date(d)),
            ),
            FigureDay::Reported(d) => {
                Some(words.word("reported").replace("{date}", &words.date(d)))
            }
        }
    }
}

/// `value` in `unit` as `locale` writes it; the unit's words in the default language say its
/// magnitude, those in `locale`'s language are shown.
fn written(locale: &Locale, value: f64, unit: Option<&Text>, approximate: bool) -> String {
    locale.language.amount(
        value,
        unit.map(|u| u.get(&locale.default.key)),
        unit.map(|u| u.get(locale.key())),
        approximate,
    )
}
