//! Hand-made icons for each kind, drawn in a 48×48 box in the colours of AWS's icon
//! categories (compute orange, networking purple, database blue, storage green, management
//! pink, security red). Simple shapes of our own, no copied AWS artwork.
//!
//! Each icon is a constant string of SVG markup: markup as data costs a few kilobytes, where a
//! typed view per icon cost the app four times as much wasm. The canvas inserts them with
//! `inner_html` and the SVG export (`core::svg`) copies them; only these constants go in that
//! way, never anything from a design (labels come from users). The badges use the classes
//! `badge-vpc`, `badge-public` and `badge-private` for their fill, which the page's stylesheet
//! and the export's own style sheet define.

use crate::core::document::catalogue::Kind;

/// A category-coloured tile with a white line glyph on it.
macro_rules! tile {
    ($colour:literal, $glyph:literal) => {
        concat!(
            r##"<rect width="48" height="48" rx="8" fill=""##,
            $colour,
            r##""/><g fill="none" stroke="#fff" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round">"##,
            $glyph,
            "</g>"
        )
    };
}

/// The markup of a non-container `kind`'s icon, in a 48×48 box: a tile in the category
/// colour with a white glyph (people are drawn without a tile, as AWS's general icons are).
pub fn icon(kind: Kind) -> &'static str {
    use Kind::*;
    match kind {
        Users => {
            r##"<g fill="none" stroke="#232F3E" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"><circle cx="31" cy="15" r="5.5" opacity="0.45"/><path d="M29 24.5C34.5 24 41 27.5 41 36" opacity="0.45"/><circle cx="20" cy="17" r="7"/><path d="M6.5 40C6.5 31.5 12.5 27 20 27C27.5 27 33.5 31.5 33.5 40"/></g>"##
        }
        // Networking and content delivery: purple.
        Alb => tile!(
            "#8C4FFF",
            r##"<circle cx="14" cy="24" r="5" fill="#fff"/><path d="M18.5 21.5L30.5 14.5M19 24H30.5M18.5 26.5L30.5 33.5"/><circle cx="34" cy="13" r="3.2"/><circle cx="34" cy="24" r="3.2"/><circle cx="34" cy="35" r="3.2"/>"##
        ),
        Cloudfront => tile!(
            "#8C4FFF",
            r##"<circle cx="24" cy="24" r="14"/><ellipse cx="24" cy="24" rx="6.5" ry="14"/><path d="M10 24H38M12.5 16.5H35.5M12.5 31.5H35.5"/>"##
        ),
        Route53 => tile!(
            "#8C4FFF",
            r##"<path d="M24 7.5L37.5 12.5V23C37.5 31 31.8 37.3 24 40.5C16.2 37.3 10.5 31 10.5 23V12.5Z"/><text x="24" y="28.5" text-anchor="middle" font-size="12.5" font-weight="700" fill="#fff" stroke="none" font-family="system-ui,sans-serif">53</text>"##
        ),
        InternetGateway => tile!(
            "#8C4FFF",
            r##"<path d="M12 39V21A12 12 0 0 1 36 21V39M7 39H41"/><path d="M20 16V32M16 20L20 16L24 20M28 16V32M24 28L28 32L32 28"/>"##
        ),
        NatGateway => tile!(
            "#8C4FFF",
            r##"<text x="24" y="23" text-anchor="middle" font-size="12" font-weight="700" fill="#fff" stroke="none" font-family="system-ui,sans-serif">NAT</text><path d="M10 32H37M32 27L37 32L32 37"/>"##
        ),
        VpcEndpoint => tile!(
            "#8C4FFF",
            r##"<rect x="8" y="16" width="16" height="16" rx="2"/><path d="M24 24H31M13 24H19"/><circle cx="35.5" cy="24" r="4.5"/>"##
        ),
        Vpc | Subnet => tile!(
            "#8C4FFF",
            r##"<path d="M15 33H33.5A7 7 0 0 0 33.5 19A9.5 9.5 0 0 0 15.5 17.5A8 8 0 0 0 15 33Z"/>"##
        ),
        // Compute and containers: orange.
        EcsService | EcsCluster => tile!(
            "#ED7100",
            r##"<rect x="9" y="24" width="13" height="13" rx="1.5"/><rect x="26" y="24" width="13" height="13" rx="1.5"/><rect x="17.5" y="9" width="13" height="13" rx="1.5"/><path d="M13 28.5H18M30 28.5H35M21.5 13.5H26.5"/>"##
        ),
        Ecr => tile!(
            "#ED7100",
            r##"<rect x="15" y="8" width="18" height="13" rx="1.5"/><path d="M19.5 12.5V16.5M24 12.5V16.5M28.5 12.5V16.5M24 24V33M19.5 28.5L24 33L28.5 28.5M10 31V39H38V31"/>"##
        ),
        Lambda => tile!(
            "#ED7100",
            r##"<path d="M15 10H20C21.6 10 22.6 10.9 23.2 12.4L32.5 36C33.1 37.4 34 38 35.5 38H37M12 38L22.5 19"/>"##
        ),
        // Databases: blue.
        RdsPostgres => tile!(
            "#3B48CC",
            r##"<ellipse cx="24" cy="13" rx="12" ry="4.5"/><path d="M12 13V35C12 37.5 17.4 39.5 24 39.5C30.6 39.5 36 37.5 36 35V13M12 24C12 26.5 17.4 28.5 24 28.5C30.6 28.5 36 26.5 36 24"/>"##
        ),
        Elasticache => tile!(
            "#3B48CC",
            r##"<rect x="10" y="10" width="28" height="28" rx="3"/><path d="M26.5 14L18.5 25.5H25L21.5 34L29.5 22.5H23Z" fill="#fff" stroke-width="1.2"/>"##
        ),
        // Storage: green.
        S3 => tile!(
            "#7AA116",
            r##"<ellipse cx="24" cy="13" rx="13.5" ry="4.5"/><path d="M10.5 13L14.5 35C15 37.4 19.2 39.2 24 39.2C28.8 39.2 33 37.4 33.5 35L37.5 13"/>"##
        ),
        // Management, monitoring and application integration: pink.
        Sqs => tile!(
            "#E7157B",
            r##"<rect x="8" y="15" width="8.5" height="13" rx="1.2"/><rect x="19.75" y="15" width="8.5" height="13" rx="1.2"/><rect x="31.5" y="15" width="8.5" height="13" rx="1.2"/><path d="M8 35H39M35 31.5L39 35L35 38.5"/>"##
        ),
        Cloudwatch => tile!(
            "#E7157B",
            r##"<circle cx="24" cy="24" r="14"/><path d="M14.5 28.5L20 23L25 27L33 18.5M29.5 18.5H33V22"/>"##
        ),
        // Security, identity and compliance: red.
        Acm => tile!(
            "#DD344C",
            r##"<rect x="8.5" y="10" width="31" height="22" rx="2"/><path d="M13.5 16.5H30M13.5 21.5H24"/><circle cx="31" cy="31" r="5.5" fill="#DD344C"/><path d="M28 35.5L27 41.5L31 39.5L35 41.5L34 35.5"/>"##
        ),
        SecretsManager => tile!(
            "#DD344C",
            r##"<rect x="12.5" y="21" width="23" height="18" rx="2.5"/><path d="M17 21V16.5A7 7 0 0 1 31 16.5V21M24 28V32.5"/><circle cx="24" cy="28" r="1.6" fill="#fff"/>"##
        ),
        Generic | Group => tile!(
            "#545B64",
            r##"<rect x="11" y="11" width="26" height="26" rx="4"/>"##
        ),
    }
}

/// The markup of the small badge at the top left of a container's box (20×20), or nothing
/// for a plain group. `public` tells a public subnet (an open lock) from a private one.
pub fn badge(kind: Kind, public: bool) -> Option<&'static str> {
    match kind {
        Kind::Vpc => Some(
            r##"<rect width="20" height="20" rx="4" class="badge-vpc"/><path d="M6 14H13.8A3 3 0 0 0 13.8 8A4 4 0 0 0 6.3 7.3A3.4 3.4 0 0 0 6 14Z" fill="none" stroke="#fff" stroke-width="1.6"/>"##,
        ),
        Kind::Subnet if public => Some(
            r##"<rect width="20" height="20" rx="4" class="badge-public"/><g fill="none" stroke="#fff" stroke-width="1.6" stroke-linecap="round"><rect x="5" y="9" width="10" height="7.5" rx="1.2"/><path d="M6.5 9V6.5A3.5 3.5 0 0 1 13.3 5.5"/></g>"##,
        ),
        Kind::Subnet => Some(
            r##"<rect width="20" height="20" rx="4" class="badge-private"/><g fill="none" stroke="#fff" stroke-width="1.6" stroke-linecap="round"><rect x="5" y="9" width="10" height="7.5" rx="1.2"/><path d="M6.5 9V6.5A3.5 3.5 0 0 1 13.5 6.5V9"/></g>"##,
        ),
        Kind::EcsCluster => Some(
            r##"<rect width="20" height="20" rx="4" fill="#ED7100"/><g fill="none" stroke="#fff" stroke-width="1.5"><rect x="3.5" y="10" width="5.5" height="5.5"/><rect x="11" y="10" width="5.5" height="5.5"/><rect x="7.25" y="3.5" width="5.5" height="5.5"/></g>"##,
        ),
        _ => None,
    }
}
