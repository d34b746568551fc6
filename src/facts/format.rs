//! How a figure is shown: its amount, conversion and period as each locale writes them.

use crate::facts::Figure;
use crate::locale::Locale;
use crate::locale::date::Day;
use crate::locale::text::Text;

impl Figure {
    /// The current value as `locale` writes it: "about 40%", "12.1 billion yuan", "121亿元".
    pub(crate) fn amount(&self, locale: &Locale) -> String {
        self.amount_of(self.current().unwrap_or_default(), locale)
    }

    /// Any value of this figure (a year of its series) with its unit, as `locale` writes it.
    pub(crate) fn amount_of(&self, value: f64, locale: &Locale) -> String {
        written(locale, value, self.unit.as_ref(), self.approximate)
    }

    /// The amount restated as the source gave it: "about US$1.85 billion".
    pub(crate) fn conversion(&self, locale: &Locale) -> Option<String> {
        self.conversion
            .as_ref()
            .map(|c| written(locale, c.value, Some(&c.unit), c.approximate))
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

    /// When the figure applies, in words: its period (`2020`), or `as of 31 December 2020`.
    pub(crate) fn when(&self, locale: &Locale) -> Option<String> {
        self.period().or_else(|| {
            self.as_of.as_ref().and_then(Day::from_toml).map(|d| {
                let words = locale.language;
                words
                    .word("as_of_date")
                    .replace("{as_of}", words.word("as_of"))
                    .replace("{date}", &words.date(d))
            })
        })
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
