//! The checks across figures joined by `part_of`: no circles, single values of zero or more, and
//! parts that fit their total.

use toml::Spanned;

use super::Checker;
use crate::diagnostic::Code;
use crate::facts::{FactSheet, Figure};
use crate::locale::english_number;

impl FactSheet {
    /// Parts may add up to less than their total (the rest is "other"), never to more.
    pub(super) fn check_parts(&self, check: &mut Checker) {
        for part in self.figures.iter().map(Spanned::get_ref) {
            if let Some(total) = &part.part_of {
                self.check_part_circle(part, total, check);
                self.check_part_values(part, total, check);
            }
        }
        for total in self.figures.iter().map(Spanned::get_ref) {
            let parts: Vec<&Figure> = self.parts_of(total.id.get_ref()).collect();
            if !parts.is_empty() {
                check.part_units(total, &parts);
                check.parts_sum(total, &parts);
            }
        }
    }

    /// Reports a chain of `part_of` from `part` that comes back round to it.
    fn check_part_circle(&self, part: &Figure, total: &Spanned<String>, check: &mut Checker) {
        let mut chain = vec![part.id.get_ref().as_str()];
        let mut next = Some(total.get_ref().as_str());
        while let Some(id) = next {
            if chain.contains(&id) {
                // Reported once, at the figure of the circle whose id sorts first.
                if id == chain[0] && chain.len() > 1 && chain.iter().all(|c| *c >= chain[0]) {
                    chain.push(id);
                    check.error(
                        Code::PartOfCircle,
                        total.span(),
                        format!("`part_of` goes round in a circle: {}", chain.join(" -> ")),
                        "a part cannot contain its own total; remove one `part_of`",
                    );
                }
                return;
            }
            chain.push(id);
            next = self
                .figure(id)
                .and_then(|t| t.part_of.as_ref())
                .map(|p| p.get_ref().as_str());
        }
    }

    /// Reports a part that has a series, or whose total has one, and a part that is negative.
    fn check_part_values(&self, part: &Figure, total: &Spanned<String>, check: &mut Checker) {
        let total_has_series = self
            .figure(total.get_ref())
            .is_some_and(|t| t.series.is_some());
        if part.series.is_some() || total_has_series {
            check.part_error(
                Code::PartOfSeries,
                part,
                "a breakdown needs single values, not series",
                "give the part and its total one `value` each, for the same period",
            );
        }
        if part.current().is_some_and(|v| v < 0.0) {
            check.part_error(
                Code::PartOfNegative,
                part,
                "it is negative",
                "a part of a total is a count or an amount of zero or more",
            );
        }
    }
}

impl Checker<'_, '_> {
    /// Reports each of `parts` that is counted in another unit than `total`.
    fn part_units(&mut self, total: &Figure, parts: &[&Figure]) {
        for part in parts {
            if part.comparable_unit() != total.comparable_unit() {
                self.part_error(
                    Code::PartOfUnit,
                    part,
                    "it is counted in a different unit",
                    "a part must have the same unit as its total",
                );
            }
        }
    }

    /// Reports `parts` whose values add up to more than the value of `total`.
    fn parts_sum(&mut self, total: &Figure, parts: &[&Figure]) {
        let (Some(whole), Some(sum)) = (
            total.current(),
            parts.iter().map(|p| p.current()).sum::<Option<f64>>(),
        ) else {
            return;
        };
        if sum > whole + whole.abs() * 1e-9 {
            let id = total.id.get_ref();
            let names: Vec<&str> = parts.iter().map(|p| p.id.get_ref().as_str()).collect();
            self.error(Code::PartsExceedTotal,
                total.id.span(),
                format!(
                    "the parts of `{id}` add up to {}, more than its value {}",
                    english_number(sum),
                    english_number(whole)
                ),
                &format!(
                    "check the values of {} and {id}; parts may add up to less than the total (the rest is shown as \"other\"), never to more",
                    names.join(", ")
                ),
            );
        }
    }

    /// Reports a `problem` of `part` as a part of its total, at its `part_of`.
    fn part_error(&mut self, code: Code, part: &Figure, problem: &str, hint: &str) {
        // Only a figure that names its total is a part; there is nothing to say of any other.
        let Some(total) = &part.part_of else { return };
        self.error(
            code,
            total.span(),
            format!(
                "`{}` is part of `{}`, but {problem}",
                part.id.get_ref(),
                total.get_ref()
            ),
            hint,
        );
    }
}
