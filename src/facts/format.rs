//! How a figure is shown: its amount, conversion and period as each locale writes them.

use crate::facts::Figure;
use crate::locale::date::Day;
use crate::locale::{Locale, Style};

impl Figure {
    /// The current value as `locale` writes it: "about 40%", "12.1 billion yuan", "121亿元".
    pub(crate) fn amount(&self, locale: &Locale) -> String {
        self.amount_of(self.current().unwrap_or_default(), locale)
    }

    /// Any value of this figure (a year of its series) with its unit, as `locale` writes it.
    pub(crate) fn amount_of(&self, value: f64, locale: &Locale) -> String {
        let unit = |key: &str| self.unit.as_ref().map(|u| u.get(key).to_owned());
        locale.language.amount(
            value,
            unit(&locale.default.key).as_deref(),
            unit(locale.key()).as_deref(),
            self.approximate,
        )
    }

    /// The amount restated as the source gave it: "about US$1.85 billion".
    pub(crate) fn conversion(&self, locale: &Locale) -> Option<String> {
        self.conversion.as_ref().map(|c| {
            locale.language.amount(
                c.value,
                Some(c.unit.get(&locale.default.key)),
                Some(c.unit.get(locale.key())),
                c.approximate,
            )
        })
    }

    /// The amount with its conversion, as a fact in prose shows it.
    pub(crate) fn display(&self, locale: &Locale) -> String {
        match (self.conversion(locale), locale.language.style) {
            (Some(c), Style::Chinese) => format!("{}（{c}）", self.amount(locale)),
            (Some(c), Style::English) => format!("{} ({c})", self.amount(locale)),
            (None, _) => self.amount(locale),
        }
    }

    /// When the figure applies, in words: its period (`2020`), or `as of 31 December 2020`.
    pub(crate) fn when(&self, locale: &Locale) -> Option<String> {
        self.period().or_else(|| {
            self.as_of.as_ref().and_then(Day::from_toml).map(|d| {
                let day = locale.language.date(d);
                match locale.language.style {
                    Style::English => format!("{} {day}", locale.language.word("as_of")),
                    Style::Chinese => format!("{}{day}", locale.language.word("as_of")),
                }
            })
        })
    }
}
