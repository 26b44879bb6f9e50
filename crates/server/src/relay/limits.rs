//! How much one scope may use: requests per period, images and dollars per
//! UTC day (`--limit-per-token`, `--limit-per-address`, `--limit-total`,
//! and a token's own limits).

use std::time::Duration;

/// How much one scope (a token, an address, everyone) may use.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Limits {
    /// Requests per period, in bursts of up to the count.
    pub requests: Option<Rate>,
    /// Images per UTC day.
    pub images_per_day: Option<u64>,
    /// Estimated US dollars per UTC day.
    pub usd_per_day: Option<f64>,
}

/// `count` requests per `period`, replenished evenly (one every `period / count`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    /// How many.
    pub count: u32,
    /// In how long.
    pub period: Duration,
}

impl Limits {
    /// Whether any limit is set.
    pub fn is_set(&self) -> bool {
        self.requests.is_some() || self.images_per_day.is_some() || self.usd_per_day.is_some()
    }

    /// Parses `requests=60/min,images=200/day,usd=5/day` (any subset). A
    /// request rate may be per `s`, `min` or `h` (per minute when left out);
    /// images and dollars are per UTC day.
    pub fn parse(text: &str) -> Result<Limits, String> {
        let mut limits = Limits::default();
        for part in text.split(',').map(str::trim).filter(|part| !part.is_empty()) {
            let (name, value) = part.split_once('=').ok_or_else(|| format!("{part:?} is not NAME=VALUE"))?;
            let (amount, per) = match value.split_once('/') {
                Some((amount, per)) => (amount.trim(), Some(per.trim())),
                None => (value.trim(), None),
            };
            let per_day = |what: &str| match per {
                None | Some("day" | "d") => Ok(()),
                Some(other) => Err(format!("{what} are counted per day, not per {other:?}")),
            };
            match name.trim() {
                "requests" => {
                    let count = amount.parse::<u32>().ok().filter(|count| *count > 0);
                    let count = count.ok_or_else(|| format!("{amount:?} is not a number of requests"))?;
                    let period = match per.unwrap_or("min") {
                        "s" | "sec" | "second" => Duration::from_secs(1),
                        "min" | "minute" | "m" => Duration::from_secs(60),
                        "h" | "hour" => Duration::from_secs(3600),
                        other => return Err(format!("requests are counted per s, min or h, not per {other:?}")),
                    };
                    limits.requests = Some(Rate { count, period });
                }
                "images" => {
                    per_day("images")?;
                    limits.images_per_day =
                        Some(amount.parse().map_err(|_| format!("{amount:?} is not a number of images"))?);
                }
                "usd" => {
                    per_day("dollars")?;
                    let usd = amount.trim_start_matches('$').parse::<f64>().ok().filter(|usd| *usd >= 0.0);
                    limits.usd_per_day = Some(usd.ok_or_else(|| format!("{amount:?} is not an amount of dollars"))?);
                }
                other => return Err(format!("unknown limit {other:?}: use requests, images or usd")),
            }
        }
        Ok(limits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_read_rates_and_daily_amounts() {
        let limits = Limits::parse("requests=60/min, images=200/day,usd=$5.5").unwrap();
        assert_eq!(limits.requests, Some(Rate { count: 60, period: Duration::from_secs(60) }));
        assert_eq!(limits.images_per_day, Some(200));
        assert_eq!(limits.usd_per_day, Some(5.5));
        assert_eq!(Limits::parse("requests=2/s").unwrap().requests.unwrap().period, Duration::from_secs(1));
        assert_eq!(Limits::parse("requests=10").unwrap().requests.unwrap().period, Duration::from_secs(60));
        assert!(Limits::parse("images=5/min").unwrap_err().contains("per day"));
        assert!(Limits::parse("requests=0").is_err());
        assert!(Limits::parse("tokens=5").unwrap_err().contains("unknown limit"));
        assert!(!Limits::parse("").unwrap().is_set());
    }
}
