//! `model`: any name, as sent; what this crate knows of it comes from the catalogue.

use crate::catalogue::Resolved;

/// The model that makes the image, as sent. Any name is kept exactly; what
/// this crate knows of it comes from the catalogue ([`Model::resolve`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Model(String);

impl Model {
    /// The name as it is sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What the catalogue knows of this name (see [`crate::catalogue::resolve`]).
    pub fn resolve(&self) -> Resolved<'_> {
        crate::catalogue::resolve(&self.0)
    }

    /// Whether the catalogue lists this name (after any `provider/` part).
    pub fn is_known(&self) -> bool {
        matches!(self.resolve().matched, crate::catalogue::Match::Known(_))
    }
}

impl From<&str> for Model {
    fn from(value: &str) -> Self {
        Model(value.to_owned())
    }
}

impl From<String> for Model {
    fn from(value: String) -> Self {
        Model(value)
    }
}

impl std::str::FromStr for Model {
    type Err = std::convert::Infallible;
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Ok(Model::from(value))
    }
}

impl std::fmt::Display for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl serde::Serialize for Model {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Model {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Model)
    }
}
