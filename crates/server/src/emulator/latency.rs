//! Simulated generation time per quality (`--latency-ms`).

use std::time::Duration;

use gpt_image_core::Quality;

/// Simulated generation time per quality (zero by default), growing with
/// the effort: `low` < `medium` < `high` < `xhigh` < `max`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Latency {
    /// For `low` quality.
    pub low: Duration,
    /// For `medium` quality (and `dall-e` models' `standard`).
    pub medium: Duration,
    /// For `high` quality (and `dall-e-3`'s `hd`).
    pub high: Duration,
    /// For `xhigh` quality (GPT Image 2.5).
    pub xhigh: Duration,
    /// For `max` quality (GPT Image 2.5).
    pub max: Duration,
}

/// The qualities [`Latency`] has a step for, from least to most effort.
const STEPS: [Quality; 5] = [Quality::Low, Quality::Medium, Quality::High, Quality::Xhigh, Quality::Max];

impl Latency {
    /// The latency of one quality (already resolved from `auto`).
    pub fn for_quality(&self, quality: &Quality) -> Duration {
        match quality {
            Quality::Low => self.low,
            Quality::High | Quality::Hd => self.high,
            Quality::Xhigh => self.xhigh,
            Quality::Max => self.max,
            _ => self.medium,
        }
    }

    /// Parses `low=100,medium=500,high=2000,xhigh=4000,max=8000`
    /// (milliseconds; any subset, or one bare number for every quality).
    /// Steps left out are zero, except `xhigh` and `max`: without a time of
    /// their own they take twice the step below, so that a spec written for
    /// `low`, `medium` and `high` still grows with the effort.
    pub fn parse(text: &str) -> Result<Self, String> {
        let millis = |value: &str| {
            value.trim().parse::<u64>().map(Duration::from_millis).map_err(|_| format!("{value:?} is not milliseconds"))
        };
        if !text.contains('=') {
            let all = millis(text)?;
            return Ok(Latency { low: all, medium: all, high: all, xhigh: all, max: all });
        }
        let mut latency = Latency::default();
        let (mut xhigh, mut max) = (None, None);
        for part in text.split(',').filter(|part| !part.trim().is_empty()) {
            let (name, value) = part.split_once('=').ok_or_else(|| format!("{part:?} is not QUALITY=MS"))?;
            let value = millis(value)?;
            match Quality::from(name.trim()) {
                Quality::Low => latency.low = value,
                Quality::Medium => latency.medium = value,
                Quality::High => latency.high = value,
                Quality::Xhigh => xhigh = Some(value),
                Quality::Max => max = Some(value),
                other => {
                    let names: Vec<&str> = STEPS.iter().map(Quality::as_str).collect();
                    return Err(format!("unknown quality {:?}: use {}", other.as_str(), names.join(", ")));
                }
            }
        }
        latency.xhigh = xhigh.unwrap_or(latency.high * 2);
        latency.max = max.unwrap_or(latency.xhigh * 2);
        Ok(latency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latency_takes_a_list_or_one_number() {
        let latency = Latency::parse("low=10, high=30").unwrap();
        assert_eq!(latency.for_quality(&Quality::Low), Duration::from_millis(10));
        assert_eq!(latency.for_quality(&Quality::Medium), Duration::ZERO);
        assert_eq!(latency.for_quality(&Quality::High), Duration::from_millis(30));
        assert_eq!(latency.for_quality(&Quality::Xhigh), Duration::from_millis(60));
        assert_eq!(latency.for_quality(&Quality::Max), Duration::from_millis(120));
        let explicit = Latency::parse("high=30,xhigh=40,max=50").unwrap();
        assert_eq!((explicit.xhigh, explicit.max), (Duration::from_millis(40), Duration::from_millis(50)));
        assert_eq!(Latency::parse("5").unwrap().max, Duration::from_millis(5));
        assert!(Latency::parse("ultra=5").unwrap_err().contains("xhigh"));
        assert!(Latency::parse("auto=5").is_err());
    }
}
