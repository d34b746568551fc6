//! Did-you-mean: the name closest to a misspelt one, found with bounded work however many names
//! there are and however long they are.

use std::collections::HashMap;

use super::{Code, SHOWN_PER_KIND};

/// The work one suggestion may do, counted as the cells of the distance tables it fills (a
/// comparison of words of `a` and `b` letters fills `(a + 1) * (b + 1)`) plus a fixed cost per
/// comparison; about a millisecond. A site of 15,000 headings compares a misspelt anchor with a
/// few hundred of them, not all.
const WORK: usize = 1 << 18;

/// The fixed cost of one comparison, in table cells: setting up its tables.
const PER_COMPARISON: usize = 64;

/// Names to suggest from, sorted by length in characters: an edit changes the length by one at
/// most, so a word is compared only with the names of about its length, the nearest first.
#[derive(Debug, Clone, Default)]
pub(crate) struct Names {
    /// Each name with its length in characters, by length then name.
    by_length: Vec<(usize, Box<str>)>,
}

impl Names {
    /// Sorts `names` by length, once for every suggestion made from them.
    pub(crate) fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut by_length: Vec<(usize, Box<str>)> = names
            .into_iter()
            .map(|n| (n.chars().count(), n.into()))
            .collect();
        by_length.sort_unstable();
        by_length.dedup();
        Names { by_length }
    }

    /// The name closest to `wrong`, if it is close enough to be a plausible typo: at most one
    /// edit in three letters, swapping two neighbours counting as one, and capitals not counting
    /// (`ICP` is `icp` typed with the caps lock on). Past [`WORK`], the names not yet compared
    /// are left out.
    pub(crate) fn closest(&self, wrong: &str) -> Option<&str> {
        let lower = wrong.to_lowercase();
        let length = wrong.chars().count();
        let limit = (length / 3).max(1);
        let nearest_lengths = (0..=limit)
            .flat_map(|d| [length.checked_sub(d), (d > 0).then_some(length + d)])
            .flatten();
        let mut work = 0;
        nearest_lengths
            .flat_map(|l| self.of_length(l))
            .take_while(|(l, _)| {
                work += (length + 1) * (l + 1) + PER_COMPARISON;
                work <= WORK
            })
            .map(|(_, name)| (strsim::osa_distance(&lower, &name.to_lowercase()), &**name))
            .filter(|(d, _)| *d <= limit)
            .min()
            .map(|(_, name)| name)
    }

    /// The names of `length` characters.
    fn of_length(&self, length: usize) -> &[(usize, Box<str>)] {
        let from = self.by_length.partition_point(|(l, _)| *l < length);
        let to = self.by_length.partition_point(|(l, _)| *l <= length);
        &self.by_length[from..to]
    }
}

/// The candidate closest to `wrong`, if it is close enough to be a plausible typo.
pub(crate) fn suggest<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    Names::new(candidates).closest(wrong).map(str::to_owned)
}

/// The hint for `wrong`, near the name `near`: "did you mean `near`?", or, when the two look the
/// same, the invisible character that tells them apart.
pub(crate) fn did_you_mean(wrong: &str, near: &str) -> String {
    super::invisible::difference(wrong, near).unwrap_or_else(|| format!("did you mean `{near}`?"))
}

/// How many did-you-mean hints each kind of problem in one file has had: past
/// [`SHOWN_PER_KIND`], whose messages a report leaves out, no more are looked for, so a file
/// of ten thousand misspelt names costs fifty suggestions of each kind.
#[derive(Debug, Default)]
pub(crate) struct Suggested(HashMap<Code, usize>);

impl Suggested {
    /// The name of `names` closest to `wrong`, for a problem of kind `code`, while that kind
    /// has had fewer hints than a report shows messages.
    pub(crate) fn closest<'n>(
        &mut self,
        code: Code,
        names: &'n Names,
        wrong: &str,
    ) -> Option<&'n str> {
        let given = self.0.entry(code).or_default();
        if *given == SHOWN_PER_KIND {
            return None;
        }
        *given += 1;
        names.closest(wrong)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_do_not_count_as_typos() {
        let names = ["icp", "police_filing", "government_site_code"];
        assert_eq!(suggest("ICP", names), Some("icp".to_owned()));
        assert_eq!(
            suggest("Police_Filng", names),
            Some("police_filing".to_owned())
        );
    }

    #[test]
    fn suggests_close_names_only() {
        let names = ["research_institutions", "service_agencies"];
        assert_eq!(
            suggest("research_insitutions", names).as_deref(),
            Some("research_institutions")
        );
        assert_eq!(suggest("parks", names), None);
        assert_eq!(
            suggest("titel", ["title", "date"]).as_deref(),
            Some("title")
        );
    }

    #[test]
    fn among_many_names_the_nearest_lengths_come_first() {
        let ids: Vec<String> = (0..100_000).map(|k| format!("heading-{k}")).collect();
        let names = Names::new(ids.iter().map(String::as_str));
        assert_eq!(names.closest("headin-7"), Some("heading-7"));
        assert_eq!(names.closest("heading-7x"), Some("heading-7"));
        // A word too long to compare within the work allowed gets no suggestion.
        let long = "x".repeat(1 << 20);
        assert_eq!(Names::new([long.as_str()]).closest(&long[1..]), None);
    }
}
