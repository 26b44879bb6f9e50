//! The relay's clock: Unix milliseconds, UTC days (`2026-12-01`, when daily
//! counters reset) and RFC 3339 times for the request log.
//!
//! Written by hand: three small functions on Howard Hinnant's
//! `civil_from_days`, instead of a date crate for what the log and the
//! daily counters need.

use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds in a day.
pub const DAY_MS: u64 = 86_400_000;

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |elapsed| elapsed.as_millis() as u64)
}

/// The UTC day of a time, as `YYYY-MM-DD`.
pub fn day(unix_ms: u64) -> String {
    let (year, month, day) = civil_from_days((unix_ms / DAY_MS) as i64);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The UTC day `back` days before the day of `unix_ms`.
pub fn day_before(unix_ms: u64, back: u64) -> String {
    day(unix_ms.saturating_sub(back * DAY_MS))
}

/// Milliseconds from `unix_ms` to the next midnight UTC, when daily counters reset.
pub fn ms_to_midnight(unix_ms: u64) -> u64 {
    DAY_MS - unix_ms % DAY_MS
}

/// `2026-12-01T09:30:00.123Z`.
pub fn rfc3339(unix_ms: u64) -> String {
    let of_day = unix_ms % DAY_MS;
    let (hours, minutes, seconds, millis) =
        (of_day / 3_600_000, of_day / 60_000 % 60, of_day / 1000 % 60, of_day % 1000);
    format!("{}T{hours:02}:{minutes:02}:{seconds:02}.{millis:03}Z", day(unix_ms))
}

/// The date of a day count since 1970-01-01 (proleptic Gregorian calendar).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_times_are_utc() {
        assert_eq!(day(0), "1970-01-01");
        // 2024-02-29T23:59:59.999Z, a leap day.
        assert_eq!(rfc3339(1_709_251_199_999), "2024-02-29T23:59:59.999Z");
        assert_eq!(day(1_709_251_200_000), "2024-03-01");
        assert_eq!(day(1_798_675_200_000), "2026-12-31");
        assert_eq!(day_before(1_709_251_200_000, 1), "2024-02-29");
        assert_eq!(ms_to_midnight(1_709_251_199_999), 1);
        assert_eq!(ms_to_midnight(1_709_251_200_000), DAY_MS);
    }
}
