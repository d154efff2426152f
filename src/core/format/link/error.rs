//! Why a share link could not be opened, in Japanese and English.
//!
//! Every failure of `decode` is one of these values; nothing in the codec panics.

use crate::core::format::load::LoadError;
use crate::core::support::i18n::Lang;

/// A link that could not be opened: what is wrong with it.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkError {
    /// The text does not start with a kumozu codec tag (`k1.`).
    NotALink,
    /// A codec tag this build cannot read (made by a newer kumozu).
    UnsupportedVersion {
        /// The tag found, e.g. `k2`.
        found: String,
    },
    /// A character outside URL-safe base64.
    NotBase64 {
        /// Its 0-based position in the payload (after the tag).
        position: usize,
    },
    /// Truncated or corrupted: the compressed data or its checksum does not check out.
    Damaged,
    /// Longer than the codec accepts, or inflates to more than it accepts.
    TooLarge {
        /// What is too large.
        what: &'static str,
        /// Its size (at least this much, for inflated data).
        found: usize,
        /// The limit.
        max: usize,
    },
    /// Intact, but not the compact form this version writes (hand-made or buggy).
    Malformed {
        /// Where in the compact form.
        place: String,
        /// What is wrong.
        detail: String,
    },
    /// The link builds on a template this build does not have.
    UnknownTemplate {
        /// The template id in the link.
        id: String,
    },
    /// The design in the link fails the file loader's checks.
    Load(LoadError),
}

impl LinkError {
    /// The reason in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let ja = lang == Lang::Ja;
        match self {
            LinkError::NotALink => {
                if ja {
                    "kumozu のリンクではありません (\"k1.\" で始まる部分がありません)".to_owned()
                } else {
                    "not a kumozu link (nothing starting with \"k1.\")".to_owned()
                }
            }
            LinkError::UnsupportedVersion { found } => {
                if ja {
                    format!("リンクの形式 \"{found}\" は読めません (この kumozu が読めるのは k1)。新しい kumozu で作られたリンクの可能性があります")
                } else {
                    format!("cannot read link format \"{found}\" (this kumozu reads k1); it may come from a newer kumozu")
                }
            }
            LinkError::NotBase64 { position } => {
                if ja {
                    format!("リンクに使えない文字があります ({position} 文字目、URL 用 base64 ではありません)。コピーのときに変わった可能性があります")
                } else {
                    format!("the link has a character that does not belong (at {position}; not URL-safe base64); it may have changed when copied")
                }
            }
            LinkError::Damaged => {
                if ja {
                    "リンクが壊れているか途中で切れています (チェックサムが合いません)。リンク全体をコピーし直してください".to_owned()
                } else {
                    "the link is damaged or cut short (its checksum does not match); copy the whole link again".to_owned()
                }
            }
            LinkError::TooLarge { what, found, max } => {
                if ja {
                    format!("リンクが大きすぎます ({what}: {found}、上限 {max})")
                } else {
                    format!("the link is too large ({what}: {found}, at most {max})")
                }
            }
            LinkError::Malformed { place, detail } => {
                if ja {
                    format!("リンクの中身が正しくありません ({place}: {detail})")
                } else {
                    format!("the link's contents are malformed ({place}: {detail})")
                }
            }
            LinkError::UnknownTemplate { id } => {
                if ja {
                    format!("リンクのもとになったテンプレート \"{id}\" がありません。新しい kumozu で作られたリンクの可能性があります")
                } else {
                    format!("the link builds on a template \"{id}\" that this kumozu does not have; it may come from a newer kumozu")
                }
            }
            LinkError::Load(e) => {
                if ja {
                    format!("リンクの設計が読めません: {}", e.message(lang))
                } else {
                    format!(
                        "the design in the link cannot be loaded: {}",
                        e.message(lang)
                    )
                }
            }
        }
    }
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for LinkError {}

impl From<LoadError> for LinkError {
    fn from(e: LoadError) -> Self {
        LinkError::Load(e)
    }
}
