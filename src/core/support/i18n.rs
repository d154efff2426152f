//! The two languages of kumozu and the bilingual text type used by the core.

use serde::{Deserialize, Serialize};

/// A language kumozu speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// 日本語 (the course's language).
    #[default]
    Ja,
    /// English.
    En,
}

impl Lang {
    /// BCP 47 tag, as used for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// Parses a tag such as `ja`, `ja-JP`, `en-US`; `None` for other languages.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language to start in, given the browser's preferred languages in order:
    /// the first one kumozu speaks, English otherwise.
    pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Lang {
        preferred
            .into_iter()
            .find_map(Lang::from_tag)
            .unwrap_or(Lang::En)
    }
}

/// A static text in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    /// Japanese.
    pub ja: &'static str,
    /// English.
    pub en: &'static str,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => self.ja,
            Lang::En => self.en,
        }
    }
}

/// Shorthand for a bilingual static text.
pub const fn t(ja: &'static str, en: &'static str) -> Text {
    Text { ja, en }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_first_spoken_language() {
        assert_eq!(Lang::negotiate(["fr-FR", "ja-JP", "en"]), Lang::Ja);
        assert_eq!(Lang::negotiate(["en-GB", "ja"]), Lang::En);
        assert_eq!(Lang::negotiate(["de"]), Lang::En);
        assert_eq!(Lang::negotiate([]), Lang::En);
        assert_eq!(Lang::from_tag("JA_jp"), Some(Lang::Ja));
    }
}
