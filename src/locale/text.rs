//! Editor-written words that may be given once or per language (`"Parks"` or `{ en = "Parks", zh = "园区" }`).
//!
//! Every such text is read with smart punctuation (`zone's` becomes `zone’s`), as the pages'
//! markdown is: each place that shows it, and the open data, then has the same words.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};

use crate::locale::punctuation::{smart_punctuation, smart_punctuation_owned};

/// A translatable piece of text from site.toml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Text {
    /// The same words in every language.
    Plain(String),
    /// Words per language key (`en`, `zh`).
    PerLanguage(BTreeMap<String, String>),
}

impl Text {
    /// The words for `lang`, falling back to the plain text or the first language given.
    pub(crate) fn get(&self, lang: &str) -> &str {
        match self {
            Text::Plain(s) => s,
            Text::PerLanguage(map) => map
                .get(lang)
                .or_else(|| map.values().next())
                .map_or("", String::as_str),
        }
    }

    /// Whether `words` are these words in one of the languages, ignoring case.
    pub(crate) fn names(&self, words: &str) -> bool {
        let same = |s: &String| s.trim().to_lowercase() == words.trim().to_lowercase();
        match self {
            Text::Plain(s) => same(s),
            Text::PerLanguage(map) => map.values().any(same),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::Plain(smart_punctuation(v).into_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((k, v)) = map.next_entry::<String, String>()? {
                    // toml hands a date over as a table of one private key: a date is no text.
                    if k.starts_with("$__toml_private") {
                        return Err(de::Error::invalid_type(
                            de::Unexpected::Other("a date"),
                            &self,
                        ));
                    }
                    out.insert(k, smart_punctuation_owned(v));
                }
                Ok(Text::PerLanguage(out))
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}
