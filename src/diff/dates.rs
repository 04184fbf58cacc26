//! Calendar dates for sunset policies, as days since 1970-01-01.

use std::time::{SystemTime, UNIX_EPOCH};

pub fn today() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| (d.as_secs() / 86_400) as i64)
}

/// Parses `YYYY-MM-DD`, a day that exists in the calendar; an RFC 3339
/// timestamp (`2025-12-31T10:00:00Z`) counts as its date. Anything else,
/// `2999-02-30` or `2001-01-01x`, is not a date.
pub fn parse(text: &str) -> Option<i64> {
    let date = text.get(..10)?;
    let rest = &text[10..];
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' ']) && rest.len() > 1) {
        return None;
    }
    let b = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = date.get(r)?;
        if !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

fn days_in_month(y: i64, m: i64) -> i64 {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Howard Hinnant's days-from-civil algorithm (proleptic Gregorian calendar).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_count_days() {
        assert_eq!(parse("1970-01-01"), Some(0));
        assert_eq!(parse("2000-03-01"), Some(11_017));
        assert_eq!(parse("2025-12-31T10:00:00Z"), parse("2025-12-31"));
        assert_eq!(parse("2025-13-01"), None);
        assert_eq!(parse("soon"), None);
        assert_eq!(parse("2999-02-30"), None);
        assert_eq!(parse("2001-01-01x"), None);
        assert_eq!(parse("2001-1-01"), None);
        assert_eq!(parse("2024-02-29"), Some(19_782));
        assert_eq!(parse("2023-02-29"), None);
        assert_eq!(parse("+001-01-01"), None);
    }
}
