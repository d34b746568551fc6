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
        self.check_part_circles(check);
        for part in self.figures.iter().map(Spanned::get_ref) {
            if let Some(total) = &part.part_of {
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

    /// Reports each chain of `part_of` that comes back round to where it started, once, at the
    /// figure of the circle whose id sorts first. Each figure is walked from once: a chain of
    /// 100,000 parts costs 100,000 steps, not one walk to its end per part.
    fn check_part_circles(&self, check: &mut Checker) {
        let figures: Vec<&Figure> = self.figures.iter().map(Spanned::get_ref).collect();
        // The figure a figure is part of: the first of the id its `part_of` names.
        let total_of = |i: usize| self.figure_place(figures[i].part_of.as_ref()?.get_ref());
        let mut walked = vec![Walked::Not; figures.len()];
        for start in 0..figures.len() {
            let mut path = Vec::new();
            let mut next = Some(start);
            while let Some(i) = next {
                match walked[i] {
                    Walked::Not => {
                        walked[i] = Walked::Now;
                        path.push(i);
                        next = total_of(i);
                    }
                    Walked::Now => {
                        let from = path.iter().position(|&p| p == i).unwrap_or(0);
                        report_circle(&figures, &path[from..], check);
                        break;
                    }
                    Walked::Before => break,
                }
            }
            for i in path {
                walked[i] = Walked::Before;
            }
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

/// The most figures of a circle of `part_of` its message names.
const CIRCLE_SHOWN: usize = 10;

/// Whether a figure has been walked from, in the search for circles of `part_of`.
#[derive(Clone, Copy)]
enum Walked {
    /// Not yet.
    Not,
    /// It is on the walk under way.
    Now,
    /// By an earlier walk, which found every circle it leads into.
    Before,
}

/// Reports the circle of the figures at `circle` (each part of the next, the last of the first),
/// at the `part_of` of the one whose id sorts first; a figure part of itself has its own message.
fn report_circle(figures: &[&Figure], circle: &[usize], check: &mut Checker) {
    if circle.len() < 2 {
        return;
    }
    let id = |i: usize| figures[i].id.get_ref().as_str();
    let first = (0..circle.len())
        .min_by_key(|&k| id(circle[k]))
        .unwrap_or(0);
    // A circle of thousands of figures is named by its first few, not written out in full.
    let mut chain: Vec<&str> = circle[first..]
        .iter()
        .chain(&circle[..first])
        .take(CIRCLE_SHOWN)
        .map(|&i| id(i))
        .collect();
    if circle.len() > CIRCLE_SHOWN {
        chain.push("…");
    }
    chain.push(chain[0]);
    let size = if circle.len() > CIRCLE_SHOWN {
        format!(" of {} figures", circle.len())
    } else {
        String::new()
    };
    if let Some(total) = &figures[circle[first]].part_of {
        check.error(
            Code::PartOfCircle,
            total.span(),
            format!(
                "`part_of` goes round in a circle{size}: {}",
                chain.join(" -> ")
            ),
            "a part cannot contain its own total; remove one `part_of`",
        );
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
