//! The deprecation policy, in one place for every object that has a
//! lifecycle (endpoints, parameters, properties): what a removal or a
//! change of `deprecated` and `x-sunset` means, given the days of notice
//! the options ask for and today's date. Each object maps these verdicts
//! to its own rules.

use super::{dates, DiffOptions, Stability};

/// An object's lifecycle as one version writes it.
#[derive(Clone, Copy, Debug)]
pub struct Life<'w> {
    pub deprecated: bool,
    pub sunset: Option<&'w str>,
}

/// How an object left the API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Removal {
    WithoutDeprecation,
    /// Deprecated, with an `x-sunset` that is not a date.
    SunsetUnreadable,
    /// Deprecated, but its sunset has not come yet.
    BeforeSunset,
    /// Deprecated, and its sunset (if any) has passed.
    AfterDeprecation,
}

/// What changed in an object's lifecycle between two versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transition<'w> {
    Deprecated,
    DeprecatedWithSunset(&'w str),
    /// Newly deprecated with an `x-sunset` that is not a date.
    SunsetUnreadable(&'w str),
    /// Newly deprecated, with less notice than the policy's days.
    SunsetTooSoon {
        sunset: &'w str,
        days: u32,
    },
    /// Newly deprecated without a sunset where the policy asks for notice.
    SunsetMissing,
    Reactivated,
    SunsetDeleted(&'w str),
    /// Still deprecated, sunset moved earlier.
    SunsetEarlier {
        old: &'w str,
        new: &'w str,
    },
    /// Still deprecated, sunset changed and one of the two (`unreadable`)
    /// is not a date.
    SunsetChangedUnreadable {
        old: &'w str,
        new: &'w str,
        unreadable: &'w str,
    },
}

pub fn today(options: &DiffOptions) -> i64 {
    options.today.unwrap_or_else(dates::today)
}

/// The notice (in days) the options ask for before an object at `level`
/// may go; draft and alpha objects need none.
pub fn notice_days(options: &DiffOptions, level: Option<Stability>) -> Option<u32> {
    match level {
        Some(Stability::Beta) => options.deprecation_days_beta,
        Some(Stability::Draft | Stability::Alpha) => None,
        Some(Stability::Stable) | None => options.deprecation_days_stable,
    }
}

pub fn removal(life: Life<'_>, today: i64) -> Removal {
    if !life.deprecated {
        return Removal::WithoutDeprecation;
    }
    match life.sunset.map(dates::parse) {
        Some(None) => Removal::SunsetUnreadable,
        Some(Some(day)) if day > today => Removal::BeforeSunset,
        _ => Removal::AfterDeprecation,
    }
}

/// The change from `old` to `new`, if any; `notice` is the policy's days
/// ([`notice_days`]): a sunset must be at least that far off (so with 0, not
/// past), and a positive number asks for a sunset.
pub fn transition<'w>(
    old: Life<'w>,
    new: Life<'w>,
    notice: Option<u32>,
    today: i64,
) -> Option<Transition<'w>> {
    match (old.deprecated, new.deprecated) {
        (false, true) => Some(match new.sunset {
            Some(text) => match dates::parse(text) {
                None => Transition::SunsetUnreadable(text),
                Some(day) => match notice {
                    Some(days) if day < today + i64::from(days) => {
                        Transition::SunsetTooSoon { sunset: text, days }
                    }
                    _ => Transition::DeprecatedWithSunset(text),
                },
            },
            None if notice.is_some_and(|d| d > 0) => Transition::SunsetMissing,
            None => Transition::Deprecated,
        }),
        (true, false) => Some(Transition::Reactivated),
        (true, true) => match (old.sunset, new.sunset) {
            (Some(text), None) => Some(Transition::SunsetDeleted(text)),
            (Some(a), Some(b)) if a != b => match (dates::parse(a), dates::parse(b)) {
                (Some(x), Some(y)) if y < x => Some(Transition::SunsetEarlier { old: a, new: b }),
                (Some(_), Some(_)) => None,
                (_, y) => Some(Transition::SunsetChangedUnreadable {
                    old: a,
                    new: b,
                    unreadable: if y.is_none() { b } else { a },
                }),
            },
            _ => None,
        },
        (false, false) => None,
    }
}
