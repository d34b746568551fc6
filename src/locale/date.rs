//! Calendar days, without a date library: page and source dates, and the build date.

/// The English names of the months, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A calendar day: page dates, source dates and the build date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    /// Year.
    pub year: i32,
    /// Month, 1-12.
    pub month: u8,
    /// Day, 1-31.
    pub day: u8,
}

impl Day {
    /// `2021-04-13`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Midnight UTC of the day, as Atom wants it.
    pub(crate) fn rfc3339(&self) -> String {
        format!("{}T00:00:00Z", self.iso())
    }

    /// The day `SOURCE_DATE_EPOCH` names, for the rare output that needs "now" without a clock.
    pub(crate) fn from_source_date_epoch() -> Option<Self> {
        let seconds = std::env::var("SOURCE_DATE_EPOCH")
            .ok()?
            .trim()
            .parse()
            .ok()?;
        Self::from_unix_seconds(seconds)
    }

    /// Today: `SOURCE_DATE_EPOCH` when set (reproducible builds), else the clock. Only checks use it.
    pub fn today() -> Self {
        Self::from_source_date_epoch()
            .or_else(|| {
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .ok()?;
                Self::from_unix_seconds(i64::try_from(now.as_secs()).ok()?)
            })
            .unwrap_or(Day {
                year: 1970,
                month: 1,
                day: 1,
            })
    }

    /// The UTC day of a Unix time.
    fn from_unix_seconds(seconds: i64) -> Option<Self> {
        // Days since 1970-01-01 to a civil date (proleptic Gregorian), in 400-year eras.
        let days = seconds.div_euclid(86_400) + 719_468;
        let era = days.div_euclid(146_097);
        let day_of_era = days.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Some(Day {
            year: i32::try_from(year).ok()?,
            month: month as u8,
            day: day as u8,
        })
    }

    /// The day of a TOML date, if it has one.
    pub(crate) fn from_toml(date: &toml::value::Datetime) -> Option<Self> {
        date.date.map(|d| Day {
            year: i32::from(d.year),
            month: d.month,
            day: d.day,
        })
    }

    /// `13 April 2021`.
    pub(crate) fn display(&self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTHS[usize::from(self.month.clamp(1, 12)) - 1],
            self.year
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_date_epoch_to_a_day() {
        // SAFETY: this test is the only one in the crate that touches the environment.
        unsafe { std::env::set_var("SOURCE_DATE_EPOCH", "1618272000") };
        assert_eq!(
            Day::from_source_date_epoch().map(|d| d.iso()),
            Some("2021-04-13".to_owned())
        );
        unsafe { std::env::set_var("SOURCE_DATE_EPOCH", "951782400") };
        assert_eq!(
            Day::from_source_date_epoch().map(|d| d.iso()),
            Some("2000-02-29".to_owned())
        );
        unsafe { std::env::remove_var("SOURCE_DATE_EPOCH") };
    }
}
