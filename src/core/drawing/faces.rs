//! What the diagram shows and where its texts go: a container's title (a subnet's zones, a
//! VPC's CIDR), a card's caption (the key parameters), the accessible names, and the faces
//! that place them inside a node's box. The app's canvas and the SVG export (`core::svg`)
//! both draw from here, so the screen and the file agree.
//!
//! Pure: it decides texts, sizes and positions in canvas units; it writes no markup and knows
//! no colours (those are the stylesheet's and the writers' business).

use crate::core::document::catalogue::Kind;
use crate::core::document::model::{Design, Edge, Node};
use crate::core::document::region::Region;
use crate::core::drawing::geometry::{self, fit_text, wrap_parts, Rect};
use crate::core::support::i18n::{t, Lang, Text};

/// Name of a public subnet without a label.
pub const PUBLIC_SUBNET: Text = t("パブリックサブネット", "Public subnet");
/// Name of a private subnet without a label.
pub const PRIVATE_SUBNET: Text = t("プライベートサブネット", "Private subnet");
/// A subnet that lists no availability zone.
pub const NO_AZ: Text = t("AZ 未指定", "no AZ");
/// Unit after the task range of an ECS service.
pub const TASKS: Text = t("タスク", "tasks");
/// RDS deployed in two AZs.
pub const MULTI_AZ: Text = t("マルチ AZ", "Multi-AZ");
/// RDS deployed in one AZ.
pub const SINGLE_AZ: Text = t("シングル AZ", "Single-AZ");
/// One NAT Gateway for the whole VPC.
pub const NAT_SINGLE: Text = t("1 台", "single");
/// One NAT Gateway per AZ.
pub const NAT_PER_AZ: Text = t("AZ ごとに 1 台", "one per AZ");
/// The diagram's accessible name, before the design's name.
pub const DIAGRAM: Text = t("構成図", "Architecture diagram");
/// A design without a name.
pub const UNNAMED: Text = t("(名前なし)", "(untitled)");
/// Unit after a node count.
pub const NODES_UNIT: Text = t("個のノード", "nodes");
/// Unit after an edge count.
pub const EDGES_UNIT: Text = t("本の接続", "connections");

/// Font size of container titles.
pub const TITLE_FONT: f64 = 12.5;
/// Font size of the smaller detail line under a long container title.
pub const DETAIL_FONT: f64 = 10.5;
/// Font size of a card's label.
pub const LABEL_FONT: f64 = 12.0;
/// Font size of the parameter lines on a card.
pub const CAPTION_FONT: f64 = 9.5;
/// Corner radius of a container's box.
pub const CONTAINER_RADIUS: f64 = 10.0;
/// Corner radius of a card's box.
pub const CARD_RADIUS: f64 = 8.0;

/// The diagram's accessible name: `Architecture diagram: Party Box — 12 nodes, 11 connections`.
pub fn diagram_label(design: &Design, lang: Lang) -> String {
    let name = if design.name.is_empty() {
        UNNAMED.get(lang)
    } else {
        &design.name
    };
    format!(
        "{}: {} — {} {}, {} {}",
        DIAGRAM.get(lang),
        name,
        design.nodes.len(),
        NODES_UNIT.get(lang),
        design.edges.len(),
        EDGES_UNIT.get(lang)
    )
}

/// How a container is drawn: `vpc`, `public` / `private` (subnets by tier), `cluster`
/// (an ECS cluster) or `group` (a dashed box); the class suffix `container--{variant}`.
pub fn container_variant(node: &Node) -> &'static str {
    match node.kind {
        Kind::Vpc => "vpc",
        Kind::Subnet if is_public_subnet(node) => "public",
        Kind::Subnet => "private",
        Kind::EcsCluster => "cluster",
        _ => "group",
    }
}

/// Whether `node` is a subnet of the public tier (its badge is an open lock).
pub fn is_public_subnet(node: &Node) -> bool {
    node.kind == Kind::Subnet && node.text("tier") == "public"
}

/// The title of a container, as its name and details: a subnet's zones, a VPC's CIDR.
pub fn container_title(node: &Node, region: Region, lang: Lang) -> (String, Option<String>) {
    match node.kind {
        Kind::Subnet => {
            let name = if node.label.is_empty() {
                if is_public_subnet(node) {
                    PUBLIC_SUBNET.get(lang)
                } else {
                    PRIVATE_SUBNET.get(lang)
                }
            } else {
                &node.label
            };
            (
                name.to_owned(),
                Some(az_summary(region, node.list("azs"), lang)),
            )
        }
        Kind::Vpc if !node.text("cidr").is_empty() => (
            node.display_label(lang).to_owned(),
            Some(node.text("cidr").to_owned()),
        ),
        _ => (node.display_label(lang).to_owned(), None),
    }
}

/// Zones as the console writes them, shortened after the first: `ap-northeast-1a, 1c`.
pub fn az_summary(region: Region, letters: &[String], lang: Lang) -> String {
    if letters.is_empty() {
        return NO_AZ.get(lang).to_owned();
    }
    let tail = region.code().rsplit('-').next().unwrap_or_default();
    letters
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                region.az_name(l)
            } else {
                format!("{tail}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The key parameters of a node, for the kinds where they matter at a glance; a card joins
/// them with " · " and wraps them onto a second line when they do not fit.
pub fn caption(node: &Node, lang: Lang) -> Vec<String> {
    let num = |key: &str| geometry::fmt_num(node.num(key));
    let parts = match node.kind {
        Kind::EcsService => {
            let (min, max) = (node.num("min_tasks"), node.num("max_tasks"));
            let tasks = if min == max {
                num("min_tasks")
            } else {
                format!("{}–{}", num("min_tasks"), num("max_tasks"))
            };
            vec![
                format!("{} vCPU", num("vcpu")),
                format!("{} GB", num("memory_gb")),
                format!("{tasks} {}", TASKS.get(lang)),
            ]
        }
        Kind::RdsPostgres => {
            let az = if node.flag("multi_az") {
                MULTI_AZ
            } else {
                SINGLE_AZ
            };
            vec![
                node.text("instance_class").to_owned(),
                az.get(lang).to_owned(),
            ]
        }
        Kind::Elasticache => vec![format!("{} × {}", node.text("node_type"), num("nodes"))],
        Kind::Lambda => vec![
            format!("{} MB", num("memory_mb")),
            node.text("architecture").to_owned(),
        ],
        Kind::NatGateway => vec![match node.text("placement") {
            "per_az" => NAT_PER_AZ.get(lang).to_owned(),
            _ => NAT_SINGLE.get(lang).to_owned(),
        }],
        Kind::VpcEndpoint => vec![node.text("service").to_owned()],
        Kind::Alb => vec![node.text("listener_protocol").to_owned()],
        Kind::Sqs => vec![node.text("queue_type").to_ascii_uppercase()],
        _ => Vec::new(),
    };
    parts.into_iter().filter(|p| !p.is_empty()).collect()
}

/// A container's accessible name: its title, its kind and its details.
pub fn container_aria(node: &Node, region: Region, lang: Lang) -> String {
    let (name, detail) = container_title(node, region, lang);
    let mut aria = format!("{name}, {}", node.kind.info().name.get(lang));
    if let Some(d) = &detail {
        aria = format!("{aria}, {d}");
    }
    aria
}

/// A card's accessible name: its label, its kind (when the label is not just the kind's
/// name) and its caption.
pub fn card_aria(node: &Node, lang: Lang) -> String {
    let label = node.display_label(lang);
    let kind_name = node.kind.info().name.get(lang);
    let mut aria = label.to_owned();
    if label != kind_name {
        aria = format!("{aria}, {kind_name}");
    }
    let parts = caption(node, lang);
    if !parts.is_empty() {
        aria = format!("{aria}, {}", parts.join(", "));
    }
    aria
}

/// An edge's accessible name: `HTTPS: Users → ALB (/api/*)`.
pub fn edge_aria(edge: &Edge, design: &Design, lang: Lang) -> String {
    let end = |id| {
        design
            .nodes
            .get(id)
            .map(|n: &Node| n.display_label(lang).to_owned())
            .unwrap_or_default()
    };
    let mut aria = format!(
        "{}: {} → {}",
        edge.kind.info().name.get(lang),
        end(&edge.from),
        end(&edge.to)
    );
    let label = edge.display_label();
    if !label.is_empty() {
        aria = format!("{aria} ({label})");
    }
    aria
}

/// How a text line sits on its `x`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// `x` is where the text starts.
    Start,
    /// `x` is the text's centre.
    Middle,
}

impl Anchor {
    /// The value of SVG's `text-anchor`.
    pub fn svg(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
        }
    }
}

/// One line of text, centred vertically on `y` (`dominant-baseline="central"`), already
/// fitted to its room (smaller font, or cut with an ellipsis).
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// Its class in the stylesheet: `container-title`, `container-detail`, `card-label`,
    /// `card-caption`.
    pub class: &'static str,
    /// Horizontal position (see `anchor`).
    pub x: f64,
    /// Vertical centre.
    pub y: f64,
    /// How the line sits on `x`.
    pub anchor: Anchor,
    /// Font size.
    pub font: f64,
    /// The text (plain; the writer escapes it).
    pub text: String,
}

/// A container's title as drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum ContainerTitle {
    /// Name and details on one line (`class="container-title"`, the details in a
    /// `container-detail` span after " · "), at `TITLE_FONT`.
    OneLine {
        /// Where the line starts.
        x: f64,
        /// Its vertical centre.
        y: f64,
        /// The name.
        name: String,
        /// The details, if any.
        detail: Option<String>,
    },
    /// Too long for one line: the name, and the details under it, smaller.
    TwoLines {
        /// The name.
        name: TextLine,
        /// The details.
        detail: TextLine,
    },
}

/// A container as drawn: its box, its badge and its title.
#[derive(Debug, Clone, PartialEq)]
pub struct ContainerFace {
    /// The box.
    pub rect: Rect,
    /// See `container_variant`.
    pub variant: &'static str,
    /// The badge's markup (`core::icons::badge`, 20×20) and its top left corner, if any.
    pub badge: Option<(&'static str, f64, f64)>,
    /// The title.
    pub title: ContainerTitle,
    /// The accessible name.
    pub aria: String,
}

/// Lays out a container's face.
pub fn container_face(node: &Node, region: Region, lang: Lang) -> ContainerFace {
    let r = Rect::of(node);
    let (name, detail) = container_title(node, region, lang);
    let badge = crate::core::drawing::icons::badge(node.kind, is_public_subnet(node));
    let text_x = r.x + if badge.is_some() { 36.0 } else { 12.0 };
    let room = r.right() - text_x - 10.0;
    let one_line = detail
        .as_ref()
        .is_none_or(|d| geometry::text_width(&format!("{name} · {d}"), TITLE_FONT) <= room);
    let title = if one_line {
        ContainerTitle::OneLine {
            x: text_x,
            y: r.y + 19.0,
            name,
            detail,
        }
    } else {
        let (name, name_font) = fit_text(&name, room, TITLE_FONT, 9.0);
        let (detail, detail_font) = fit_text(&detail.unwrap_or_default(), room, DETAIL_FONT, 8.0);
        ContainerTitle::TwoLines {
            name: TextLine {
                class: "container-title",
                x: text_x,
                y: r.y + 19.0,
                anchor: Anchor::Start,
                font: name_font,
                text: name,
            },
            detail: TextLine {
                class: "container-detail",
                x: text_x,
                y: r.y + 34.0,
                anchor: Anchor::Start,
                font: detail_font,
                text: detail,
            },
        }
    };
    ContainerFace {
        rect: r,
        variant: container_variant(node),
        badge: badge.map(|b| (b, r.x + 10.0, r.y + 9.0)),
        title,
        aria: container_aria(node, region, lang),
    }
}

/// The band a container's badge and title take at its top, in whichever language is wider:
/// routes and edge labels keep off it.
pub fn title_band(node: &Node, region: Region) -> Rect {
    let r = Rect::of(node);
    let (mut right, mut bottom) = (r.x, r.y);
    for lang in [Lang::Ja, Lang::En] {
        let (end, low) = match container_face(node, region, lang).title {
            ContainerTitle::OneLine {
                x, name, detail, ..
            } => {
                let text = match detail {
                    Some(d) => format!("{name} · {d}"),
                    None => name,
                };
                (x + geometry::text_width(&text, TITLE_FONT), 30.0)
            }
            ContainerTitle::TwoLines { name, detail } => (
                name.x
                    + geometry::text_width(&name.text, name.font)
                        .max(geometry::text_width(&detail.text, detail.font)),
                42.0,
            ),
        };
        right = right.max(end + 6.0);
        bottom = bottom.max(r.y + low);
    }
    Rect {
        w: (right - r.x).min(r.w),
        h: (bottom - r.y).min(r.h),
        ..r
    }
}

/// A card as drawn: its box, its icon, its label and up to two caption lines.
#[derive(Debug, Clone, PartialEq)]
pub struct CardFace {
    /// The box.
    pub rect: Rect,
    /// The icon's markup (`core::icons::icon`, drawn in a 48×48 box).
    pub icon: &'static str,
    /// The icon's top left corner.
    pub icon_at: (f64, f64),
    /// The icon's scale (its size / 48).
    pub icon_scale: f64,
    /// The label.
    pub label: TextLine,
    /// The caption lines (none, one or two).
    pub captions: Vec<TextLine>,
    /// The accessible name.
    pub aria: String,
}

impl CardFace {
    /// The value of the icon group's `transform`: `translate(x y) scale(s)`.
    pub fn icon_transform(&self) -> String {
        format!(
            "translate({} {}) scale({})",
            geometry::fmt_num(self.icon_at.0),
            geometry::fmt_num(self.icon_at.1),
            // Scales such as 34/48 need more than two decimals to keep the icon's size.
            crate::core::support::numtext::shortest(
                (self.icon_scale * 10_000.0).round() / 10_000.0
            )
        )
    }
}

/// Lays out a card's face: the fewer caption lines, the larger the icon.
pub fn card_face(node: &Node, lang: Lang) -> CardFace {
    let r = Rect::of(node);
    let cx = r.x + r.w / 2.0;
    let parts = caption(node, lang);
    let lines = wrap_parts(&parts, " · ", r.w - 10.0, CAPTION_FONT);
    let lines = &lines[..lines.len().min(2)];
    // (icon size, icon top, label centre, first caption line centre), from the card's top.
    let (icon_size, icon_y, label_y, caption_y) = match lines.len() {
        0 => (38.0, 9.0, 60.0, 0.0),
        1 => (34.0, 7.0, 52.0, 66.0),
        _ => (28.0, 5.0, 42.0, 55.0),
    };
    let (label, label_font) = fit_text(node.display_label(lang), r.w - 10.0, LABEL_FONT, 8.0);
    let captions = lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let (text, font) = fit_text(line, r.w - 8.0, CAPTION_FONT, 7.5);
            TextLine {
                class: "card-caption",
                x: cx,
                y: r.y + caption_y + 11.0 * i as f64,
                anchor: Anchor::Middle,
                font,
                text,
            }
        })
        .collect();
    CardFace {
        rect: r,
        icon: crate::core::drawing::icons::icon(node.kind),
        icon_at: (cx - icon_size / 2.0, r.y + icon_y),
        icon_scale: icon_size / 48.0,
        label: TextLine {
            class: "card-label",
            x: cx,
            y: r.y + label_y,
            anchor: Anchor::Middle,
            font: label_font,
            text: label,
        },
        captions,
        aria: card_aria(node, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::model::{ParamValue, Point};

    #[test]
    fn az_summary_shortens_after_the_first_zone() {
        let letters = vec!["a".to_owned(), "c".to_owned()];
        assert_eq!(
            az_summary(Region::ApNortheast1, &letters, Lang::En),
            "ap-northeast-1a, 1c"
        );
        assert_eq!(az_summary(Region::ApNortheast1, &[], Lang::Ja), "AZ 未指定");
    }

    #[test]
    fn captions_name_the_key_parameters() {
        let mut svc = Node::new("api", Kind::EcsService, Point { x: 0.0, y: 0.0 });
        svc.params
            .insert("min_tasks".to_owned(), ParamValue::Num(2.0));
        svc.params
            .insert("max_tasks".to_owned(), ParamValue::Num(4.0));
        let parts = caption(&svc, Lang::En);
        assert_eq!(parts.last().map(String::as_str), Some("2–4 tasks"));
        let face = card_face(&svc, Lang::En);
        assert!(!face.captions.is_empty());
        assert!(face.icon_scale < 1.0);
        let generic = Node::new("g", Kind::Generic, Point { x: 0.0, y: 0.0 });
        assert!(caption(&generic, Lang::Ja).is_empty());
        assert!(card_face(&generic, Lang::Ja).captions.is_empty());
    }

    #[test]
    fn a_long_container_title_goes_on_two_lines() {
        let mut subnet = Node::new("s", Kind::Subnet, Point { x: 0.0, y: 0.0 });
        subnet.label = "A subnet with a rather long name indeed".to_owned();
        subnet.params.insert(
            "azs".to_owned(),
            ParamValue::List(vec!["a".to_owned(), "c".to_owned(), "d".to_owned()]),
        );
        let face = container_face(&subnet, Region::ApNortheast1, Lang::En);
        assert!(
            matches!(face.title, ContainerTitle::TwoLines { .. }),
            "{face:?}"
        );
        assert_eq!(face.variant, "private");
        assert!(face.badge.is_some());
    }
}
