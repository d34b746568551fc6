//! The fact sheet as the editor's form: site.toml (or a page's settings) as JSON for the form,
//! and the form's edits written back through toml_edit so that everything not edited stays byte
//! for byte.

use std::collections::HashSet;
use std::fmt;

use serde::Deserialize;
use serde::de::{MapAccess, Visitor};
use serde_json::Value as Json;
use toml_edit::{Array, Datetime, DocumentMut, InlineTable, Item, Table, Value};

use crate::source::SourceFile;

/// Why the form's edits could not be written into site.toml, in words for an editor.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum FactSheetError {
    /// site.toml is not TOML, so the form has nothing to change.
    #[error(
        "site.toml:{line}:{column}: {message}; the form can change site.toml again once this is corrected in a text editor"
    )]
    Unreadable {
        /// The line of the mistake, from 1.
        line: usize,
        /// Its column in characters, from 1.
        column: usize,
        /// What TOML found wrong.
        message: String,
    },
    /// An edit named nothing.
    #[error("an edit must name the value it changes")]
    NoPath,
    /// A step of the path names what is not there.
    #[error("{at}: there is no such entry in site.toml")]
    Missing {
        /// The path in words.
        at: String,
    },
    /// A number used as a step where there are keys.
    #[error("{at} has named keys, not numbered items: there is no item {index}")]
    NotAList {
        /// The path in words.
        at: String,
        /// The item asked for, counted from 1.
        index: usize,
    },
    /// A key used as a step where there is a single value or a list.
    #[error("{at} has no key `{key}`: it is a single value or a list")]
    NotATable {
        /// The path in words.
        at: String,
        /// The key asked for.
        key: String,
    },
    /// An item number past the end of a list.
    #[error("{at} has {len} items: there is no item {index}")]
    OutOfRange {
        /// The path in words.
        at: String,
        /// How many items there are.
        len: usize,
        /// The item asked for, counted from 1.
        index: usize,
    },
    /// A whole table or list of records given a single value.
    #[error("{at} is a table of its own: change its keys one by one")]
    NotAValue {
        /// The path in words.
        at: String,
    },
    /// `append` to a name that is not a list of records.
    #[error("`{table}` in site.toml is not a list of [[{table}]] records, so none can be added")]
    NotRecords {
        /// The table's name.
        table: String,
    },
    /// A number the way people write it, not the way TOML does.
    #[error(
        "{at}: \"{text}\" is not a number: write digits only, with a point for decimals (12.5), without thousands separators, units or %"
    )]
    BadNumber {
        /// The path in words.
        at: String,
        /// What was typed.
        text: String,
    },
    /// A whole number too large for TOML.
    #[error("{at}: {text} is too large a number for site.toml: write it in a larger unit")]
    NumberTooLarge {
        /// The path in words.
        at: String,
        /// What was typed.
        text: String,
    },
    /// Not a day of the calendar.
    #[error(
        "{at}: \"{text}\" is not a date: write year-month-day of a day that exists, as 2021-04-13"
    )]
    BadDate {
        /// The path in words.
        at: String,
        /// What was typed.
        text: String,
    },
}

/// One step of a path into site.toml: a key of a table, or an item of a list counted from 0.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub(crate) enum Step {
    /// A key: `"figures"`, `"value"`.
    Key(String),
    /// A list's item, from 0.
    Index(usize),
}

/// Keys and values in the order the browser sent them (an object's order is its keys' order in
/// site.toml).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Entries<V>(pub Vec<(String, V)>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Entries<V> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// Reads a JSON object pair by pair, keeping their order.
        struct InOrder<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for InOrder<V> {
            type Value = Entries<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of keys and values")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(InOrder(std::marker::PhantomData))
    }
}

/// A value from the form, typed so that no value can be written as wrong TOML.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum FactValue {
    /// A string.
    Text(String),
    /// A number as typed: a whole number without a point or exponent, else a finite decimal.
    Number(String),
    /// `true` or `false`.
    Bool(bool),
    /// A calendar day, `2021-04-13`.
    Date(String),
    /// Words per language: `{ en = "...", zh = "..." }`.
    Texts(Entries<String>),
    /// A list: `[...]`.
    List(Vec<FactValue>),
    /// An inline table of values: `{ value = 1.85, unit = "..." }`.
    Record(Entries<FactValue>),
}

/// One change the form asks for.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub(crate) enum FactEdit {
    /// Gives the value at `path` (added when its table lacks the key).
    Set {
        /// Keys and item numbers from the top of site.toml.
        path: Vec<Step>,
        /// The new value.
        value: FactValue,
    },
    /// Removes a key, a list's item or a record.
    Remove {
        /// Keys and item numbers from the top of site.toml.
        path: Vec<Step>,
    },
    /// Adds a `[[table]]` record after the last one of its name.
    Append {
        /// `figures`, `sources`, `industries`...
        table: String,
        /// The record's keys, in the order written.
        record: Entries<FactValue>,
    },
}

/// The whole of site.toml as JSON for the form: dates as `{"date": "2021-04-13"}`, the rest as
/// JSON writes it.
pub(crate) fn form(text: &str) -> Result<Json, FactSheetError> {
    let doc = parse(text)?;
    Ok(table_json(doc.as_table().iter()))
}

/// `text` with `edits` applied in order; what they do not touch stays byte for byte.
pub(crate) fn apply(text: &str, edits: &[FactEdit]) -> Result<String, FactSheetError> {
    let mut doc = parse(text)?;
    for edit in edits {
        match edit {
            FactEdit::Set { path, value } => set(&mut doc, path, value)?,
            FactEdit::Remove { path } => remove(&mut doc, path)?,
            FactEdit::Append { table, record } => append(&mut doc, table, record)?,
        }
    }
    Ok(doc.to_string())
}

/// site.toml's text as an editable document.
fn parse(text: &str) -> Result<DocumentMut, FactSheetError> {
    text.parse::<DocumentMut>().map_err(|e| {
        let at = SourceFile::new("site.toml", text.to_owned())
            .location(e.span().map_or(0, |span| span.start));
        FactSheetError::Unreadable {
            line: at.line.unwrap_or(1),
            column: at.column.unwrap_or(1),
            message: e.message().trim_end().to_owned(),
        }
    })
}

/// A table's keys and values as a JSON object.
fn table_json<'t>(items: impl Iterator<Item = (&'t str, &'t Item)>) -> Json {
    Json::Object(
        items
            .filter_map(|(key, item)| Some((key.to_owned(), item_json(item)?)))
            .collect(),
    )
}

/// An item as JSON; `None` for an item removed but still held.
fn item_json(item: &Item) -> Option<Json> {
    match item {
        Item::None => None,
        Item::Value(value) => Some(value_json(value)),
        Item::Table(table) => Some(table_json(table.iter())),
        Item::ArrayOfTables(records) => Some(Json::Array(
            records.iter().map(|t| table_json(t.iter())).collect(),
        )),
    }
}

/// A value as JSON, a date told from a string by its wrapping object.
fn value_json(value: &Value) -> Json {
    match value {
        Value::String(s) => Json::from(s.value().as_str()),
        Value::Integer(i) => Json::from(*i.value()),
        Value::Float(f) => serde_json::Number::from_f64(*f.value())
            .map_or_else(|| tagged("number", f.display_repr().trim()), Json::Number),
        Value::Boolean(b) => Json::from(*b.value()),
        Value::Datetime(d) => tagged("date", &d.value().to_string()),
        Value::Array(array) => Json::Array(array.iter().map(value_json).collect()),
        Value::InlineTable(table) => Json::Object(
            table
                .iter()
                .map(|(key, value)| (key.to_owned(), value_json(value)))
                .collect(),
        ),
    }
}

/// `{"<tag>": "<text>"}`, for what JSON has no type of its own.
fn tagged(tag: &str, text: &str) -> Json {
    Json::Object([(tag.to_owned(), Json::from(text))].into_iter().collect())
}

/// A path as an editor reads it: "figure 10 (`contract_turnover`), unit, en".
struct Words(Vec<String>);

impl Words {
    /// Adds a key.
    fn key(&mut self, key: &str) {
        self.0.push(key.to_owned());
    }

    /// Adds a list's item `index`, naming a record by the list's name and the record's id.
    fn item(&mut self, index: usize, record: Option<&Table>) {
        let n = index + 1;
        let Some(record) = record else {
            self.0.push(format!("item {n}"));
            return;
        };
        let list = self.0.pop().unwrap_or_default();
        let name = match list.as_str() {
            "figures" => "figure",
            "sources" => "source",
            "industries" => "industry",
            "institutions" => "institution",
            "plans" => "plan",
            "charts" => "chart",
            "menu" => "menu entry",
            other => other,
        };
        let id = ["id", "slug"]
            .iter()
            .find_map(|k| record.get(k).and_then(Item::as_str));
        self.0.push(match id {
            Some(id) => format!("{name} {n} (`{id}`)"),
            None => format!("{name} {n}"),
        });
    }

    /// The path so far.
    fn at(&self) -> String {
        self.0.join(", ")
    }
}

/// Where a path leads: a table of the document, a list of records, or a value.
enum Node<'a> {
    /// A `[table]` or a `[[record]]`.
    Table(&'a mut Table),
    /// The `[[records]]` of one name.
    Records(&'a mut toml_edit::ArrayOfTables),
    /// A value: a list, an inline table, or a single value.
    Value(&'a mut Value),
}

impl<'a> Node<'a> {
    /// The node an item is.
    fn of(item: &'a mut Item, words: &Words) -> Result<Self, FactSheetError> {
        match item {
            Item::Table(table) => Ok(Node::Table(table)),
            Item::ArrayOfTables(records) => Ok(Node::Records(records)),
            Item::Value(value) => Ok(Node::Value(value)),
            Item::None => Err(FactSheetError::Missing { at: words.at() }),
        }
    }

    /// The node one step further, the step added to `words`.
    fn step(self, step: &Step, words: &mut Words) -> Result<Node<'a>, FactSheetError> {
        match (self, step) {
            (Node::Table(table), Step::Key(key)) => {
                words.key(key);
                let item = table.get_mut(key).ok_or_else(|| missing(words))?;
                Node::of(item, words)
            }
            (Node::Value(Value::InlineTable(table)), Step::Key(key)) => {
                words.key(key);
                let value = table.get_mut(key).ok_or_else(|| missing(words))?;
                Ok(Node::Value(value))
            }
            (Node::Records(records), Step::Index(i)) => {
                let len = records.len();
                let Some(record) = records.get_mut(*i) else {
                    return Err(out_of_range(words, len, *i));
                };
                words.item(*i, Some(record));
                Ok(Node::Table(record))
            }
            (Node::Value(Value::Array(array)), Step::Index(i)) => {
                let len = array.len();
                let value = array
                    .get_mut(*i)
                    .ok_or_else(|| out_of_range(words, len, *i))?;
                words.item(*i, None);
                Ok(Node::Value(value))
            }
            (_, Step::Index(i)) => Err(FactSheetError::NotAList {
                at: words.at(),
                index: i + 1,
            }),
            (_, Step::Key(key)) => Err(FactSheetError::NotATable {
                at: words.at(),
                key: key.clone(),
            }),
        }
    }
}

/// The error for the entry `words` names not being there.
fn missing(words: &Words) -> FactSheetError {
    FactSheetError::Missing { at: words.at() }
}

/// The error for item `index` (from 0) of a list of `len` at `words`.
fn out_of_range(words: &Words, len: usize, index: usize) -> FactSheetError {
    FactSheetError::OutOfRange {
        at: words.at(),
        len,
        index: index + 1,
    }
}

/// The node holding the last step of `path`, with the path up to it in words.
fn parent<'d>(
    doc: &'d mut DocumentMut,
    path: &'d [Step],
) -> Result<(Node<'d>, &'d Step, Words), FactSheetError> {
    let (last, steps) = path.split_last().ok_or(FactSheetError::NoPath)?;
    let mut words = Words(Vec::new());
    let mut node = Node::Table(doc.as_table_mut());
    for step in steps {
        node = node.step(step, &mut words)?;
    }
    Ok((node, last, words))
}

/// Carries out a `set` edit.
fn set(doc: &mut DocumentMut, path: &[Step], value: &FactValue) -> Result<(), FactSheetError> {
    let next_position = last_position(doc.as_table()) + 1;
    let at_root = path.len() == 1;
    let (node, last, mut words) = parent(doc, path)?;
    match (node, last) {
        (Node::Table(table), Step::Key(key)) => {
            words.key(key);
            match table.get_mut(key) {
                Some(Item::Value(old)) => set_value(old, value, &words.at()),
                Some(Item::Table(old)) => match value {
                    FactValue::Record(entries) => merge_table(old, entries, &mut words),
                    _ => Err(FactSheetError::NotAValue { at: words.at() }),
                },
                Some(Item::ArrayOfTables(_)) => Err(FactSheetError::NotAValue { at: words.at() }),
                Some(Item::None) | None => match value {
                    FactValue::Record(entries) if at_root => {
                        let mut new = Table::new();
                        new.set_position(Some(next_position));
                        new.decor_mut().set_prefix("\n");
                        merge_table(&mut new, entries, &mut words)?;
                        table.insert(key, Item::Table(new));
                        Ok(())
                    }
                    _ => {
                        add_key(table, key, to_value(value, &words.at())?);
                        Ok(())
                    }
                },
            }
        }
        (Node::Value(Value::InlineTable(table)), Step::Key(key)) => {
            words.key(key);
            match table.get_mut(key) {
                Some(old) => set_value(old, value, &words.at()),
                None => {
                    add_inline_key(table, key, to_value(value, &words.at())?);
                    Ok(())
                }
            }
        }
        (node, step) => match node.step(step, &mut words)? {
            Node::Value(old) => set_value(old, value, &words.at()),
            Node::Table(old) => match value {
                FactValue::Record(entries) => merge_table(old, entries, &mut words),
                _ => Err(FactSheetError::NotAValue { at: words.at() }),
            },
            Node::Records(_) => Err(FactSheetError::NotAValue { at: words.at() }),
        },
    }
}

/// Gives `old` the value `new`, keeping its spacing and trailing comment; an inline table or a
/// list is changed key by key or item by item, so that what stays the same keeps its layout.
fn set_value(old: &mut Value, new: &FactValue, at: &str) -> Result<(), FactSheetError> {
    match (&mut *old, new) {
        (Value::InlineTable(table), FactValue::Texts(texts)) => {
            let entries = texts
                .0
                .iter()
                .map(|(k, v)| (k.clone(), FactValue::Text(v.clone())))
                .collect();
            merge_inline(table, &Entries(entries), at)
        }
        (Value::InlineTable(table), FactValue::Record(entries)) => merge_inline(table, entries, at),
        (Value::Array(array), FactValue::List(items)) => {
            while array.len() > items.len() {
                remove_item(array, array.len() - 1);
            }
            for (i, item) in items.iter().enumerate() {
                let at = format!("{at}, item {}", i + 1);
                match array.get_mut(i) {
                    Some(old) => set_value(old, item, &at)?,
                    None => push_item(array, to_value(item, &at)?),
                }
            }
            Ok(())
        }
        _ => {
            let decor = old.decor().clone();
            *old = to_value(new, at)?;
            *old.decor_mut() = decor;
            Ok(())
        }
    }
}

/// Makes the inline table hold `entries`: kept keys keep their layout, others are removed,
/// new ones added at the end.
fn merge_inline(
    table: &mut InlineTable,
    entries: &Entries<FactValue>,
    at: &str,
) -> Result<(), FactSheetError> {
    let wanted: HashSet<&str> = entries.0.iter().map(|(k, _)| k.as_str()).collect();
    let gone: Vec<String> = table
        .iter()
        .map(|(k, _)| k)
        .filter(|k| !wanted.contains(k))
        .map(str::to_owned)
        .collect();
    for key in gone {
        remove_inline_key(table, &key);
    }
    for (key, value) in &entries.0 {
        let at = format!("{at}, {key}");
        match table.get_mut(key) {
            Some(old) => set_value(old, value, &at)?,
            None => add_inline_key(table, key, to_value(value, &at)?),
        }
    }
    Ok(())
}

/// Makes the table's values those of `entries`: kept keys keep their layout and comments,
/// other values are removed (tables under it stay), new keys added after the last.
fn merge_table(
    table: &mut Table,
    entries: &Entries<FactValue>,
    words: &mut Words,
) -> Result<(), FactSheetError> {
    let wanted: HashSet<&str> = entries.0.iter().map(|(k, _)| k.as_str()).collect();
    table.retain(|key, item| !item.is_value() || wanted.contains(key));
    for (key, value) in &entries.0 {
        words.key(key);
        let at = words.at();
        match table.get_mut(key) {
            Some(Item::Value(old)) => set_value(old, value, &at)?,
            Some(Item::None) | None => add_key(table, key, to_value(value, &at)?),
            Some(_) => return Err(FactSheetError::NotAValue { at }),
        }
        words.0.pop();
    }
    Ok(())
}

/// Adds `key = value` to a table after its last key, indented as that key is.
fn add_key(table: &mut Table, key: &str, value: Value) {
    let indent = table
        .iter()
        .filter(|(_, item)| item.is_value())
        .last()
        .and_then(|(k, _)| table.key(k))
        .and_then(|k| k.leaf_decor().prefix())
        .and_then(|p| p.as_str())
        .map(|p| p.rsplit('\n').next().unwrap_or(p))
        .filter(|p| p.chars().all(|c| c == ' ' || c == '\t'))
        .unwrap_or("")
        .to_owned();
    table.insert(key, Item::Value(value));
    if !indent.is_empty()
        && let Some(mut k) = table.key_mut(key)
    {
        k.leaf_decor_mut().set_prefix(indent);
    }
}

/// Adds `key = value` at the end of an inline table, before the space that closes it.
fn add_inline_key(table: &mut InlineTable, key: &str, mut value: Value) {
    let closing = table.iter_mut().last().map(|(_, last)| {
        let suffix = last.decor().suffix().cloned();
        last.decor_mut().set_suffix("");
        suffix
    });
    if let Some(Some(suffix)) = closing {
        value.decor_mut().set_prefix(" ");
        value.decor_mut().set_suffix(suffix);
    }
    table.insert(key, value);
}

/// Removes a key of an inline table, the space that closed the table staying.
fn remove_inline_key(table: &mut InlineTable, key: &str) {
    let Some(removed) = table.remove(key) else {
        return;
    };
    if let (Some(suffix), Some((_, last))) = (removed.decor().suffix(), table.iter_mut().last())
        && last.decor().suffix().and_then(|s| s.as_str()) == Some("")
    {
        last.decor_mut().set_suffix(suffix.clone());
    }
}

/// Adds an item at the end of a list, set out as the item before it, which hands on the space
/// before the closing bracket.
fn push_item(array: &mut Array, mut value: Value) {
    if let Some(last) = array.len().checked_sub(1).and_then(|i| array.get_mut(i)) {
        let decor = last.decor().clone();
        last.decor_mut().set_suffix("");
        *value.decor_mut() = decor;
    }
    array.push_formatted(value);
}

/// Removes item `index` of a list, the item after it taking its place in the layout.
fn remove_item(array: &mut Array, index: usize) {
    let removed = array.remove(index);
    let decor = removed.decor();
    if let Some(next) = array.get_mut(index) {
        if let Some(prefix) = decor.prefix() {
            next.decor_mut().set_prefix(prefix.clone());
        }
    } else if let (Some(suffix), Some(prev)) = (decor.suffix(), index.checked_sub(1))
        && let Some(prev) = array.get_mut(prev)
    {
        prev.decor_mut().set_suffix(suffix.clone());
    }
}

/// A form's value as TOML, checked; `at` names the field in errors.
fn to_value(value: &FactValue, at: &str) -> Result<Value, FactSheetError> {
    Ok(match value {
        FactValue::Text(text) => Value::from(text.as_str()),
        FactValue::Number(text) => number(text, at)?,
        FactValue::Bool(b) => Value::from(*b),
        FactValue::Date(text) => date(text, at)?,
        FactValue::Texts(texts) => Value::InlineTable(
            texts
                .0
                .iter()
                .map(|(k, v)| (k.as_str(), Value::from(v.as_str())))
                .collect(),
        ),
        FactValue::List(items) => {
            let mut array = Array::new();
            for (i, item) in items.iter().enumerate() {
                array.push(to_value(item, &format!("{at}, item {}", i + 1))?);
            }
            Value::Array(array)
        }
        FactValue::Record(entries) => {
            let mut table = InlineTable::new();
            for (key, item) in &entries.0 {
                table.insert(key, to_value(item, &format!("{at}, {key}"))?);
            }
            Value::InlineTable(table)
        }
    })
}

/// A number as typed: whole when it has no point or exponent (so 272 stays 272, not 272.0),
/// else a finite decimal.
fn number(text: &str, at: &str) -> Result<Value, FactSheetError> {
    let bad = || FactSheetError::BadNumber {
        at: at.to_owned(),
        text: text.to_owned(),
    };
    let typed = text.trim();
    let digits = typed.strip_prefix(['-', '+']).unwrap_or(typed);
    if !digits.contains(['.', 'e', 'E']) {
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        return typed
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| FactSheetError::NumberTooLarge {
                at: at.to_owned(),
                text: typed.to_owned(),
            });
    }
    digits
        .bytes()
        .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b))
        .then(|| typed.parse::<f64>().ok())
        .flatten()
        .filter(|f| f.is_finite())
        .map(Value::from)
        .ok_or_else(bad)
}

/// A calendar day, `2021-04-13`, as a TOML date (toml_datetime refuses 2023-02-29).
fn date(text: &str, at: &str) -> Result<Value, FactSheetError> {
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    shaped
        .then(|| text.parse::<Datetime>().ok())
        .flatten()
        .map(Value::from)
        .ok_or_else(|| FactSheetError::BadDate {
            at: at.to_owned(),
            text: text.to_owned(),
        })
}

/// Carries out a `remove` edit. The comment lines above a removed table or record stay (they
/// join the next one): in site.toml they mostly explain the whole list or what follows, and the
/// form cannot show that they went. Comments above a removed key go with it: they explain it.
fn remove(doc: &mut DocumentMut, path: &[Step]) -> Result<(), FactSheetError> {
    let (node, last, mut words) = parent(doc, path)?;
    let removed = match (node, last) {
        (Node::Table(table), Step::Key(key)) => {
            words.key(key);
            match table.remove(key).ok_or_else(|| missing(&words))? {
                Item::Table(removed) => vec![removed],
                // The last first, so that each one's comments go before the later ones'.
                Item::ArrayOfTables(records) => {
                    let mut records: Vec<Table> = records.into_iter().collect();
                    records.reverse();
                    records
                }
                _ => Vec::new(),
            }
        }
        (Node::Value(Value::InlineTable(table)), Step::Key(key)) => {
            words.key(key);
            if !table.contains_key(key) {
                return Err(missing(&words));
            }
            remove_inline_key(table, key);
            Vec::new()
        }
        (Node::Records(records), Step::Index(i)) => {
            if *i >= records.len() {
                return Err(out_of_range(&words, records.len(), *i));
            }
            vec![records.remove(*i)]
        }
        (Node::Value(Value::Array(array)), Step::Index(i)) => {
            if *i >= array.len() {
                return Err(out_of_range(&words, array.len(), *i));
            }
            remove_item(array, *i);
            Vec::new()
        }
        (node, step) => {
            // Only to report why the step cannot be taken.
            node.step(step, &mut words)?;
            Vec::new()
        }
    };
    for table in &removed {
        keep_comments(doc, table);
    }
    Ok(())
}

/// Puts the comment lines above a removed table before the table that followed it (or at the
/// end of the file), where they stood.
fn keep_comments(doc: &mut DocumentMut, removed: &Table) {
    let Some(prefix) = removed.decor().prefix().and_then(|p| p.as_str()) else {
        return;
    };
    if !prefix.contains('#') {
        return;
    }
    let after = removed.position().unwrap_or(isize::MAX);
    let next = next_position(doc.as_table(), after);
    let next_table = next.and_then(|position| table_at(doc.as_table_mut(), position));
    match next_table {
        Some(table) => {
            let own = table
                .decor()
                .prefix()
                .and_then(|p| p.as_str())
                .unwrap_or("");
            // One blank line between the comments and the header, not the removed one's and
            // the next one's both.
            let own = if prefix.ends_with("\n\n") {
                own.trim_start_matches('\n')
            } else {
                own
            };
            let joined = format!("{prefix}{own}");
            table.decor_mut().set_prefix(joined);
        }
        None => {
            let trailing = doc.trailing().as_str().unwrap_or("").to_owned();
            doc.set_trailing(format!("{prefix}{trailing}"));
        }
    }
}

/// The tables written with a header under `table`, in the document's order of nesting.
fn headed_tables<'t>(table: &'t Table, out: &mut Vec<&'t Table>) {
    for (_, item) in table.iter() {
        let tables: Vec<&Table> = match item {
            Item::Table(t) => vec![t],
            Item::ArrayOfTables(records) => records.iter().collect(),
            _ => continue,
        };
        for t in tables {
            if !t.is_implicit() && !t.is_dotted() {
                out.push(t);
            }
            headed_tables(t, out);
        }
    }
}

/// The smallest place in the document after `after` that a table has.
fn next_position(root: &Table, after: isize) -> Option<isize> {
    let mut tables = Vec::new();
    headed_tables(root, &mut tables);
    tables
        .iter()
        .filter_map(|t| t.position())
        .filter(|&p| p > after)
        .min()
}

/// The last place in the document a table has, so that a new table goes after every other.
fn last_position(root: &Table) -> isize {
    let mut tables = Vec::new();
    headed_tables(root, &mut tables);
    tables
        .iter()
        .filter_map(|t| t.position())
        .max()
        .unwrap_or(0)
}

/// The table at place `position` of the document.
fn table_at(table: &mut Table, position: isize) -> Option<&mut Table> {
    for (_, item) in table.iter_mut() {
        let found = match item {
            Item::Table(t) => at_or_under(t, position),
            Item::ArrayOfTables(records) => {
                records.iter_mut().find_map(|t| at_or_under(t, position))
            }
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// `table` if it is at `position`, else the table there under it.
fn at_or_under(table: &mut Table, position: isize) -> Option<&mut Table> {
    if table.position() == Some(position) && !table.is_implicit() && !table.is_dotted() {
        return Some(table);
    }
    table_at(table, position)
}

/// Carries out an `append` edit: a new `[[table]]` after the last of its name (a new list at the
/// end of the file), its keys in the order given.
fn append(
    doc: &mut DocumentMut,
    name: &str,
    record: &Entries<FactValue>,
) -> Result<(), FactSheetError> {
    let next_position = last_position(doc.as_table()) + 1;
    let mut words = Words(vec![name.to_owned()]);
    let mut new = Table::new();
    new.decor_mut().set_prefix("\n");
    match doc.as_table_mut().get_mut(name) {
        Some(Item::ArrayOfTables(records)) => {
            words.item(records.len(), Some(&Table::new()));
            merge_table(&mut new, record, &mut words)?;
            if records.is_empty() {
                new.set_position(Some(next_position));
            }
            records.push(new);
        }
        None | Some(Item::None) => {
            words.item(0, Some(&Table::new()));
            merge_table(&mut new, record, &mut words)?;
            new.set_position(Some(next_position));
            let mut records = toml_edit::ArrayOfTables::new();
            records.push(new);
            doc.as_table_mut()
                .insert(name, Item::ArrayOfTables(records));
        }
        Some(_) => {
            return Err(FactSheetError::NotRecords {
                table: name.to_owned(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example's site.toml.
    const SITE: &str = include_str!("../../site.toml");

    /// Edits from the browser's JSON.
    fn edits(json: &str) -> Vec<FactEdit> {
        serde_json::from_str(json).expect("edits")
    }

    /// The example's site.toml after `json`'s edits.
    fn applied(json: &str) -> String {
        apply(SITE, &edits(json)).expect("applied")
    }

    /// The example with the one line `old` replaced by `new` (`old` occurring once).
    fn with_line(old: &str, new: &str) -> String {
        assert_eq!(SITE.matches(old).count(), 1, "{old}");
        SITE.replacen(old, new, 1)
    }

    /// The error `json`'s edits give, in words.
    fn error(json: &str) -> String {
        apply(SITE, &edits(json)).expect_err("an error").to_string()
    }

    #[test]
    fn untouched_the_file_stays_byte_for_byte() {
        assert_eq!(apply(SITE, &[]).unwrap(), SITE);
    }

    #[test]
    fn a_number_keeps_its_line_and_an_integer_stays_an_integer() {
        let new =
            applied(r#"[{"op":"set","path":["figures",0,"value"],"value":{"number":"280"}}]"#);
        assert_eq!(new, with_line("value = 272\n", "value = 280\n"));
        let new =
            applied(r#"[{"op":"set","path":["figures",9,"value"],"value":{"number":"12.5"}}]"#);
        assert_eq!(new, with_line("value = 12.1\n", "value = 12.5\n"));
    }

    #[test]
    fn a_trailing_comment_stays_with_its_value() {
        let text = "[[figures]]\nid = \"a\"\nvalue = 272  # note\nperiod = \"2020\"\n";
        let edit = edits(r#"[{"op":"set","path":["figures",0,"value"],"value":{"number":"300"}}]"#);
        assert_eq!(
            apply(text, &edit).unwrap(),
            "[[figures]]\nid = \"a\"\nvalue = 300  # note\nperiod = \"2020\"\n"
        );
    }

    #[test]
    fn a_label_in_one_language_changes_only_those_words() {
        let new = applied(
            r#"[{"op":"set","path":["figures",1,"label","en"],"value":{"text":"Key labs"}}]"#,
        );
        assert_eq!(
            new,
            with_line(
                r#"label = { en = "Key laboratories", zh = "重点实验室" }"#,
                r#"label = { en = "Key labs", zh = "重点实验室" }"#
            )
        );
        let new = applied(
            r#"[{"op":"set","path":["figures",1,"label"],"value":{"texts":{"en":"Key labs","zh":"重点实验室"}}}]"#,
        );
        assert_eq!(
            new,
            with_line(
                r#"label = { en = "Key laboratories", zh = "重点实验室" }"#,
                r#"label = { en = "Key labs", zh = "重点实验室" }"#
            )
        );
    }

    #[test]
    fn a_date_is_written_as_a_date() {
        let new =
            applied(r#"[{"op":"set","path":["sources",0,"date"],"value":{"date":"2021-05-01"}}]"#);
        assert_eq!(new, with_line("date = 2021-04-13\n", "date = 2021-05-01\n"));
    }

    #[test]
    fn a_new_key_goes_after_the_last_key_of_its_table() {
        let new = applied(r#"[{"op":"set","path":["figures",11,"unit"],"value":{"text":"%"}}]"#);
        let old = "value = 12\nmeasure_word = \"个\"\nas_reported = 2021-04-13\n";
        assert_eq!(new, with_line(old, &format!("{old}unit = \"%\"\n")));
        let new = applied(
            r#"[{"op":"set","path":["figures",9,"conversion","note"],"value":{"text":"rate"}}]"#,
        );
        assert_eq!(
            new,
            with_line(
                "approximate = true }",
                "approximate = true, note = \"rate\" }"
            )
        );
    }

    #[test]
    fn a_removed_figure_takes_only_its_own_lines() {
        let new = applied(r#"[{"op":"remove","path":["figures",5]}]"#);
        let block = "\n[[figures]]\nid = \"high_tech_companies_served\"\nlabel = { en = \"High-tech companies served by the agencies\", zh = \"科技服务机构服务的高新技术企业\" }\nvalue = 786\nmeasure_word = \"家\"\n# \"through the end of 2020\"\nas_of = 2020-12-31\n";
        assert_eq!(new, with_line(block, ""));
    }

    #[test]
    fn the_comments_above_a_removed_first_figure_stay() {
        let new = applied(r#"[{"op":"remove","path":["figures",0]}]"#);
        let block = "[[figures]]\nid = \"research_institutions\"\nheadline = true\nlabel = { en = \"Research institutions\", zh = \"科研机构\" }\nvalue = 272\nmeasure_word = \"家\"\nas_reported = 2021-04-13\n\n";
        assert_eq!(new, with_line(block, ""));
    }

    #[test]
    fn the_comments_after_a_removed_record_stay_with_what_follows() {
        let new = applied(r#"[{"op":"remove","path":["industries",5]}]"#);
        let block = "\n[[industries]]\nslug = \"culture-and-sports\"\nname = { en = \"Culture and sports\", zh = \"文化体育\" }\nplan = \"fyp14\"\n";
        assert_eq!(new, with_line(block, ""));
        // The last table of the file: its comments stay before those that end the file.
        let new = applied(r#"[{"op":"remove","path":["theme"]}]"#);
        assert_eq!(new, with_line("[theme]\npalette = \"harbour\"\n", ""));
    }

    #[test]
    fn an_appended_figure_follows_the_last_figure() {
        let new = applied(
            r#"[{"op":"append","table":"figures","record":{"id":{"text":"patents"},"label":{"texts":{"en":"Patents","zh":"专利"}},"value":{"number":"1500"},"period":{"text":"2020"}}}]"#,
        );
        let last = "value = 12\nmeasure_word = \"个\"\nas_reported = 2021-04-13\n";
        let added = "\n[[figures]]\nid = \"patents\"\nlabel = { en = \"Patents\", zh = \"专利\" }\nvalue = 1500\nperiod = \"2020\"\n";
        assert_eq!(new, with_line(last, &format!("{last}{added}")));
    }

    #[test]
    fn a_list_item_is_removed_with_its_line() {
        let new = applied(r#"[{"op":"remove","path":["zone","focus",1]}]"#);
        assert_eq!(
            new,
            with_line(
                "  { en = \"new-generation information technology\", zh = \"新一代信息技术\" },\n",
                ""
            )
        );
    }

    #[test]
    fn a_number_as_people_write_it_is_refused_naming_the_field() {
        assert_eq!(
            error(r#"[{"op":"set","path":["figures",9,"value"],"value":{"number":"1,234"}}]"#),
            "figure 10 (`contract_turnover`), value: \"1,234\" is not a number: write digits only, with a point for decimals (12.5), without thousands separators, units or %"
        );
        assert_eq!(
            error(r#"[{"op":"set","path":["figures",8,"value"],"value":{"number":"12 %"}}]"#),
            "figure 9 (`technology_contracts_city_share`), value: \"12 %\" is not a number: write digits only, with a point for decimals (12.5), without thousands separators, units or %"
        );
    }

    #[test]
    fn a_day_that_does_not_exist_is_refused() {
        assert_eq!(
            error(r#"[{"op":"set","path":["sources",0,"date"],"value":{"date":"2023-02-29"}}]"#),
            "source 1 (`china_daily_2021`), date: \"2023-02-29\" is not a date: write year-month-day of a day that exists, as 2021-04-13"
        );
    }

    #[test]
    fn wrong_paths_are_errors_in_words() {
        let cases = [
            (
                r#"[{"op":"set","path":["figures",40,"value"],"value":{"number":"1"}}]"#,
                "figures has 12 items: there is no item 41",
            ),
            (
                r#"[{"op":"set","path":["zone",0],"value":{"number":"1"}}]"#,
                "zone has named keys, not numbered items: there is no item 1",
            ),
            (
                r#"[{"op":"set","path":["zone","founded","x"],"value":{"number":"1"}}]"#,
                "zone, founded has no key `x`: it is a single value or a list",
            ),
            (
                r#"[{"op":"remove","path":["nothing","here"]}]"#,
                "nothing: there is no such entry in site.toml",
            ),
            (
                r#"[{"op":"remove","path":["figures",0,"unknown"]}]"#,
                "figure 1 (`research_institutions`), unknown: there is no such entry in site.toml",
            ),
            (
                r#"[{"op":"remove","path":["zone","roles",7]}]"#,
                "zone, roles has 3 items: there is no item 8",
            ),
            (
                r#"[{"op":"set","path":["figures"],"value":{"number":"1"}}]"#,
                "figures is a table of its own: change its keys one by one",
            ),
            (
                r#"[{"op":"append","table":"zone","record":{}}]"#,
                "`zone` in site.toml is not a list of [[zone]] records, so none can be added",
            ),
            (
                r#"[{"op":"remove","path":[]}]"#,
                "an edit must name the value it changes",
            ),
        ];
        for (json, expected) in cases {
            assert_eq!(error(json), expected, "{json}");
        }
    }

    #[test]
    fn the_form_tells_dates_from_texts() {
        let form = form(SITE).unwrap();
        assert_eq!(
            form["sources"][0]["date"],
            serde_json::json!({"date": "2021-04-13"})
        );
        assert_eq!(
            form["sources"][0]["title"],
            "Shenyang zone expands high-tech offerings"
        );
        assert_eq!(
            form["figures"][9]["conversion"],
            serde_json::json!({"value": 1.85, "unit": {"en": "US$ billion", "zh": "亿美元"}, "approximate": true})
        );
        assert_eq!(form["figures"][0]["value"], 272);
        assert_eq!(form["theme"], serde_json::json!({"palette": "harbour"}));
    }
    #[test]
    fn items_added_to_a_list_are_set_out_as_their_neighbours() {
        let new = applied(
            r#"[{"op":"set","path":["charts",1,"figures"],"value":{"list":[{"text":"high_tech_companies_served"},{"text":"sme_tech_companies_served"},{"text":"service_agencies"}]}}]"#,
        );
        assert_eq!(
            new,
            with_line(
                "figures = [\"high_tech_companies_served\", \"sme_tech_companies_served\"]",
                "figures = [\"high_tech_companies_served\", \"sme_tech_companies_served\", \"service_agencies\"]"
            )
        );
        let new = applied(r#"[{"op":"remove","path":["charts",1,"figures",0]}]"#);
        assert_eq!(
            new,
            with_line(
                "figures = [\"high_tech_companies_served\", \"sme_tech_companies_served\"]",
                "figures = [\"sme_tech_companies_served\"]"
            )
        );
    }

    #[test]
    fn a_list_with_spaces_inside_its_brackets_keeps_them() {
        let text = "ids = [ \"a\", \"b\" ]\n";
        let edit = edits(
            r#"[{"op":"set","path":["ids"],"value":{"list":[{"text":"a"},{"text":"b"},{"text":"c"}]}}]"#,
        );
        assert_eq!(
            apply(text, &edit).unwrap(),
            "ids = [ \"a\", \"b\", \"c\" ]\n"
        );
        let edit = edits(r#"[{"op":"remove","path":["ids",1]}]"#);
        assert_eq!(apply(text, &edit).unwrap(), "ids = [ \"a\" ]\n");
        let edit = edits(r#"[{"op":"remove","path":["ids",0]}]"#);
        assert_eq!(apply(text, &edit).unwrap(), "ids = [ \"b\" ]\n");
    }

    #[test]
    fn a_language_removed_from_words_per_language_takes_its_comma() {
        let text = "label = { en = \"a\", zh = \"b\" }\n";
        let edit = edits(r#"[{"op":"remove","path":["label","zh"]}]"#);
        assert_eq!(apply(text, &edit).unwrap(), "label = { en = \"a\" }\n");
        let edit = edits(r#"[{"op":"remove","path":["label","en"]}]"#);
        assert_eq!(apply(text, &edit).unwrap(), "label = { zh = \"b\" }\n");
        let edit = edits(r#"[{"op":"set","path":["label"],"value":{"texts":{"en":"a"}}}]"#);
        assert_eq!(apply(text, &edit).unwrap(), "label = { en = \"a\" }\n");
    }

    #[test]
    fn a_new_table_goes_after_the_last_one() {
        let new = applied(
            r#"[{"op":"set","path":["contact"],"value":{"record":{"office":{"texts":{"en":"Investment office","zh":"招商局"}},"email":{"text":"invest@example.org"}}}}]"#,
        );
        // After the last table, before the comments that end the file.
        let contact = "\n[contact]\noffice = { en = \"Investment office\", zh = \"招商局\" }\nemail = \"invest@example.org\"\n";
        let last = "[theme]\npalette = \"harbour\"\n";
        assert_eq!(new, with_line(last, &format!("{last}{contact}")));
    }

    #[test]
    fn a_whole_record_is_replaced_key_by_key() {
        let new = applied(
            r#"[{"op":"set","path":["industries",0],"value":{"record":{"slug":{"text":"new-generation-information-technology"},"name":{"texts":{"en":"Information technology","zh":"新一代信息技术"}},"plan":{"text":"fyp14"}}}}]"#,
        );
        assert_eq!(
            new,
            with_line(
                "name = { en = \"New-generation information technology\", zh = \"新一代信息技术\" }",
                "name = { en = \"Information technology\", zh = \"新一代信息技术\" }"
            )
        );
    }

    #[test]
    fn a_file_that_is_not_toml_is_named_at_its_mistake() {
        assert_eq!(
            apply("[site]\ntitle = \"Zone\n", &[])
                .unwrap_err()
                .to_string(),
            "site.toml:2:14: invalid basic string, expected `\"`; the form can change site.toml again once this is corrected in a text editor"
        );
    }

    /// Every path the form could send, and wrong ones below each: an answer, never a panic.
    #[test]
    fn no_path_makes_it_panic() {
        fn paths(json: &Json, path: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
            out.push(path.clone());
            for bogus in [Step::Key("nope".into()), Step::Index(0), Step::Index(999)] {
                path.push(bogus);
                out.push(path.clone());
                path.pop();
            }
            match json {
                Json::Object(map) => {
                    for (k, v) in map {
                        path.push(Step::Key(k.clone()));
                        paths(v, path, out);
                        path.pop();
                    }
                }
                Json::Array(items) => {
                    for (i, v) in items.iter().enumerate() {
                        path.push(Step::Index(i));
                        paths(v, path, out);
                        path.pop();
                    }
                }
                _ => {}
            }
        }
        let mut all = Vec::new();
        paths(&form(SITE).unwrap(), &mut Vec::new(), &mut all);
        assert!(all.len() > 1000, "{}", all.len());
        let values = [
            FactValue::Text("x".into()),
            FactValue::Number("1".into()),
            FactValue::Record(Entries(vec![("a".into(), FactValue::Bool(true))])),
            FactValue::List(vec![FactValue::Date("2020-01-01".into())]),
        ];
        for path in all {
            let mut edits: Vec<FactEdit> = values
                .iter()
                .map(|value| FactEdit::Set {
                    path: path.clone(),
                    value: value.clone(),
                })
                .collect();
            edits.push(FactEdit::Remove { path: path.clone() });
            for edit in &edits {
                if let Ok(text) = apply(SITE, std::slice::from_ref(edit)) {
                    assert!(text.parse::<DocumentMut>().is_ok(), "{edit:?}");
                }
            }
        }
    }
}
