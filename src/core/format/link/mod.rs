//! Share links: a whole design in a URL fragment, with no server. Format: docs/link-format.md.
//!
//! A link is `k1.` (codec tag and version) followed by URL-safe base64 (no padding) of a
//! DEFLATE stream and the Adler-32 of what it inflates to (the zlib format minus its constant
//! two-byte header). Inflated, it is the compact form of `compact`: a small JSON object saying
//! how the design differs from a base (its template, or the empty design), so a template with a
//! few edits costs little more than the edits.
//!
//! Decoding is for hostile input: the link's length and its inflated size are capped (a
//! decompression bomb stops at the cap), the checksum catches truncated and corrupted links,
//! and the rebuilt document goes through `load_value`, the file loader's checks. It never
//! panics; every failure is a `LinkError` in both languages.
//!
//! Crates, chosen for size in wasm and ratio: `miniz_oxide` (pure-Rust DEFLATE, no C and no
//! std, already the engine behind `flate2`; DEFLATE compresses short JSON far better than LZ4
//! and better than lz-string's LZW, and its zlib trailer gives the checksum for free) and
//! `base64` with only `alloc` (the URL-safe alphabet, strict decoding). This module must not
//! use threads, files or clocks: it runs in the browser.

mod compact;
mod error;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use miniz_oxide::inflate::TINFLStatus;

pub use error::LinkError;

use crate::core::document::model::Design;
use crate::core::format::load::{load_value, MAX_INPUT_BYTES};

/// The codec tag and version this build writes (and the only one it reads so far).
pub const TAG: &str = "k1";

/// Longest link `decode` looks at, in bytes (the whole text, URL included). `encode` does
/// not refuse longer ones: the caller should offer a file instead of a link beyond this.
pub const MAX_LINK_BYTES: usize = 64 * 1024;

/// Most bytes a link may inflate to (the file loader's limit); inflating stops there.
pub const MAX_INFLATED_BYTES: usize = MAX_INPUT_BYTES;

/// The zlib header the link leaves out (deflate, 32 KiB window, no dictionary; a multiple of
/// 31 as zlib requires). Put back before inflating.
const ZLIB_HEADER: [u8; 2] = [0x78, 0x9c];

/// A design opened from a link.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The design, exactly as encoded.
    pub design: Design,
    /// The pricing-table version the sender's estimate used, if the link records it.
    pub pricing_table_version: Option<String>,
    /// Harmless oddities the loader repaired (in English; places included).
    pub notes: Vec<String>,
}

/// The link payload for `design` (the URL fragment without `#`), recording the
/// pricing-table version its estimate used.
///
/// `decode(&encode(d, v))` gives back `d` and `v` for every design the file loader could have
/// produced (`load_json(&to_json(d)) == d`): every parameter present, ids unique, and so on.
pub fn encode(design: &Design, pricing_table_version: Option<&str>) -> String {
    // Against its template when that is shorter, else against the empty design.
    let mut bases: Vec<Option<&str>> = Vec::new();
    if let Some(t) = design.template.as_deref() {
        if crate::core::document::templates::find(t).is_some() {
            bases.push(Some(t));
        }
    }
    bases.push(None);
    // The design's file value once, for both bases (at thousands of nodes it is most of the
    // work).
    let value = compact::file_value(design);
    bases
        .into_iter()
        .filter_map(|base| compact_text(&value, base, pricing_table_version))
        .map(|text| pack(text.as_bytes()))
        .min_by_key(String::len)
        .unwrap_or_else(|| format!("{TAG}."))
}

/// The compact form (before compression) of `design` against its template, or the empty
/// design when `against_template` is false or it has none. For tests, docs and debugging.
pub fn compact_json(
    design: &Design,
    pricing_table_version: Option<&str>,
    against_template: bool,
) -> String {
    let base = design
        .template
        .as_deref()
        .filter(|t| against_template && crate::core::document::templates::find(t).is_some());
    compact_text(&compact::file_value(design), base, pricing_table_version).unwrap_or_default()
}

fn compact_text(
    design: &serde_json::Value,
    base: Option<&str>,
    pricing: Option<&str>,
) -> Option<String> {
    let value = compact::compact(design, base, pricing).ok()?;
    serde_json::to_string(&value).ok()
}

/// Compresses and armours `text`: `k1.` + base64url(deflate(text) ‖ adler32(text)).
fn pack(text: &[u8]) -> String {
    let zlib = miniz_oxide::deflate::compress_to_vec_zlib(text, 10);
    let body = zlib.get(ZLIB_HEADER.len()..).unwrap_or_default();
    format!("{TAG}.{}", URL_SAFE_NO_PAD.encode(body))
}

/// Opens a link: the fragment (with or without `#`), or a whole URL holding one.
pub fn decode(link: &str) -> Result<Decoded, LinkError> {
    if link.len() > MAX_LINK_BYTES {
        return Err(LinkError::TooLarge {
            what: "link bytes",
            found: link.len(),
            max: MAX_LINK_BYTES,
        });
    }
    let link = link.trim();
    let fragment = match link.rfind('#') {
        Some(i) => &link[i + 1..],
        None => link,
    };
    let payload = split_tag(fragment)?;
    let bytes = match URL_SAFE_NO_PAD.decode(payload) {
        Ok(b) => b,
        Err(base64::DecodeError::InvalidByte(position, _)) => {
            return Err(LinkError::NotBase64 { position })
        }
        // A wrong length or last symbol: cut short or damaged.
        Err(_) => return Err(LinkError::Damaged),
    };
    let mut zlib = Vec::with_capacity(bytes.len() + ZLIB_HEADER.len());
    zlib.extend_from_slice(&ZLIB_HEADER);
    zlib.extend_from_slice(&bytes);
    let text =
        match miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&zlib, MAX_INFLATED_BYTES) {
            Ok(t) => t,
            Err(e) if e.status == TINFLStatus::HasMoreOutput => {
                return Err(LinkError::TooLarge {
                    what: "inflated bytes",
                    found: MAX_INFLATED_BYTES + 1,
                    max: MAX_INFLATED_BYTES,
                })
            }
            Err(_) => return Err(LinkError::Damaged),
        };
    // Read as text, as files and tables are: one copy of the JSON reader in the wasm.
    let value: serde_json::Value = std::str::from_utf8(&text)
        .map_err(|_| "not UTF-8 text".to_owned())
        .and_then(|text| serde_json::from_str(text).map_err(|e| e.to_string()))
        .map_err(|e| LinkError::Malformed {
            place: "link".into(),
            detail: format!("not the compact JSON ({e})"),
        })?;
    let (doc, pricing_table_version) = compact::expand(&value)?;
    let loaded = load_value(doc)?;
    Ok(Decoded {
        design: loaded.design,
        pricing_table_version,
        notes: loaded.notes,
    })
}

/// The payload after a `k<digits>.` tag; which errors when there is none or it is not `k1`.
fn split_tag(fragment: &str) -> Result<&str, LinkError> {
    let Some((tag, payload)) = fragment.split_once('.') else {
        return Err(LinkError::NotALink);
    };
    let is_tag = tag.len() >= 2
        && tag.len() <= 12
        && tag.starts_with('k')
        && tag[1..].bytes().all(|b| b.is_ascii_digit());
    if !is_tag {
        return Err(LinkError::NotALink);
    }
    if tag != TAG {
        return Err(LinkError::UnsupportedVersion {
            found: tag.to_owned(),
        });
    }
    Ok(payload)
}
