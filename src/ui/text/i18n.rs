//! The UI's strings through leptos_i18n: `locales/{ja,en}.json`, compiled in by build.rs,
//! every key checked at compile time (`tests/i18n.rs` checks both files hold the same keys).
//!
//! Our `AppState::lang` stays the one source of the language (the switch, `<html lang>`,
//! browser negotiation); strings are looked up untracked with `td_string!` for a locale
//! derived from it, so no i18n context is needed.

#[allow(missing_docs, unused_imports, dead_code, clippy::all)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));
}

pub use generated::i18n::{td_string, Locale};

use crate::core::support::i18n::{t, Lang, Text};

/// The library's locale for our language.
pub fn locale(lang: Lang) -> Locale {
    match lang {
        Lang::Ja => Locale::ja,
        Lang::En => Locale::en,
    }
}

/// A UI string: a key of the locale files, read in a language with `get`.
#[derive(Clone, Copy)]
pub struct Msg(pub fn(Locale) -> &'static str);

impl Msg {
    /// The string in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        (self.0)(locale(lang))
    }

    /// Both languages, for places that hold core `Text` (errors shown beside core refusals).
    pub fn text(self) -> Text {
        t(self.get(Lang::Ja), self.get(Lang::En))
    }
}

/// `msg!(key)`: the `Msg` of a key of the locale files (a missing key does not compile).
macro_rules! msg {
    ($key:ident) => {
        $crate::ui::text::i18n::Msg(|l| $crate::ui::text::i18n::td_string!(l, $key))
    };
}
pub(crate) use msg;

/// `tr!(lang, key, var = value, ...)`: a string with interpolated values, as a `String`.
macro_rules! tr {
    ($lang:expr, $key:ident, $($var:ident = $val:expr),+ $(,)?) => {
        $crate::ui::text::i18n::td_string!($crate::ui::text::i18n::locale($lang), $key, $($var = $val),+)
            .to_string()
    };
}
pub(crate) use tr;

impl From<Msg> for Text {
    fn from(m: Msg) -> Text {
        m.text()
    }
}
