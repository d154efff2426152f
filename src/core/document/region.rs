//! AWS regions kumozu knows, with their availability zones.

use serde::{Deserialize, Serialize};

use crate::core::support::i18n::{t, Text};

/// An AWS region a design can be placed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Region {
    /// US East (N. Virginia).
    #[serde(rename = "us-east-1")]
    UsEast1,
    /// Asia Pacific (Tokyo).
    #[serde(rename = "ap-northeast-1")]
    ApNortheast1,
    /// Asia Pacific (Osaka).
    #[serde(rename = "ap-northeast-3")]
    ApNortheast3,
}

impl Region {
    /// Every region, in display order.
    pub const ALL: [Region; 3] = [Region::ApNortheast1, Region::ApNortheast3, Region::UsEast1];

    /// The region code, e.g. `ap-northeast-1`.
    pub fn code(self) -> &'static str {
        match self {
            Region::UsEast1 => "us-east-1",
            Region::ApNortheast1 => "ap-northeast-1",
            Region::ApNortheast3 => "ap-northeast-3",
        }
    }

    /// Parses a region code.
    pub fn from_code(code: &str) -> Option<Region> {
        Region::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The region's name as the AWS console shows it.
    pub fn name(self) -> Text {
        match self {
            Region::UsEast1 => t("米国東部 (バージニア北部)", "US East (N. Virginia)"),
            Region::ApNortheast1 => t("アジアパシフィック (東京)", "Asia Pacific (Tokyo)"),
            Region::ApNortheast3 => t("アジアパシフィック (大阪)", "Asia Pacific (Osaka)"),
        }
    }

    /// The letters of the region's availability zones (`a` → `ap-northeast-1a`).
    /// Tokyo has no `b` zone for new accounts.
    pub fn az_letters(self) -> &'static [&'static str] {
        match self {
            Region::UsEast1 => &["a", "b", "c", "d", "e", "f"],
            Region::ApNortheast1 => &["a", "c", "d"],
            Region::ApNortheast3 => &["a", "b", "c"],
        }
    }

    /// The full zone name for a letter, e.g. `ap-northeast-1a`.
    pub fn az_name(self, letter: &str) -> String {
        format!("{}{}", self.code(), letter)
    }
}

impl std::fmt::Display for Region {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for r in Region::ALL {
            assert_eq!(Region::from_code(r.code()), Some(r));
            assert!(
                r.az_letters().len() >= 2,
                "{r} needs two AZs for ALB and RDS"
            );
        }
        assert_eq!(Region::from_code("eu-west-1"), None);
        assert_eq!(Region::ApNortheast1.az_name("c"), "ap-northeast-1c");
    }
}
