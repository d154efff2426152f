//! Templates: designs shipped as data (templates/*.json, the same format as design files),
//! compiled into the binary so they work offline and in the CLI.

use crate::core::document::model::Design;
use crate::core::format::load::{load_json, LoadError};
use crate::core::support::i18n::{t, Text};

/// The template the app opens with (and the page the build prerenders shows).
pub const START: &str = "party-box";

/// A template a user can start from.
#[derive(Debug, Clone, Copy)]
pub struct Template {
    /// Stable id (`party-box`), used by the CLI, links and the template switcher.
    pub id: &'static str,
    /// Name in both languages.
    pub name: Text,
    /// One line on what it is.
    pub about: Text,
    /// The design file.
    pub json: &'static str,
    /// Whether a design started from it follows the course (its checks on): the course's own
    /// starting points, Party Box and the blank VPC it is drawn from.
    pub course: bool,
}

/// Every template, in switcher order.
pub const TEMPLATES: &[Template] = &[
    Template {
        id: "party-box",
        name: t("Party Box (Part 1)", "Party Box (Part 1)"),
        about: t(
            "ALB・ECS Fargate・RDS で動かす Party Box の本番構成",
            "Party Box in production on ALB, ECS Fargate and RDS",
        ),
        json: include_str!("../../../templates/party-box.json"),
        course: true,
    },
    Template {
        id: "ec-site",
        name: t("EC サイト (Part 4)", "EC site (Part 4)"),
        about: t(
            "Route 53・CloudFront・S3・ElastiCache・SQS・Lambda を加えた構成",
            "Adds Route 53, CloudFront, S3, ElastiCache, SQS and Lambda",
        ),
        json: include_str!("../../../templates/ec-site.json"),
        course: false,
    },
    Template {
        id: "blank",
        name: t("白紙 (VPC のみ)", "Blank (VPC only)"),
        about: t(
            "2 つの AZ にまたがる Public / Private サブネットだけの VPC",
            "A VPC with a public and a private tier over two AZs",
        ),
        json: include_str!("../../../templates/blank.json"),
        course: true,
    },
];

/// The template with `id`.
pub fn find(id: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.id == id)
}

impl Template {
    /// The template's design. Every shipped template loads (tested), so an error here
    /// means a broken build; callers still get a `Result` rather than a panic.
    pub fn design(&self) -> Result<Design, LoadError> {
        load_json(self.json).map(|l| l.design)
    }

    /// The design a student starts from: the template's, with the course's checks on when the
    /// template is one of the course's starting points (so a Party Box drawn from the blank VPC
    /// is told what it still lacks). Share links and files are read against [`Template::design`],
    /// the file as released, so links made before this opened the same design.
    pub fn start(&self) -> Result<Design, LoadError> {
        let mut design = self.design()?;
        design.follows_course |= self.course;
        Ok(design)
    }

    /// Whether `design` is this template unchanged (as released or as started).
    pub fn is_unchanged(&self, design: &Design) -> bool {
        let Ok(mut released) = self.design() else {
            return false;
        };
        if released == *design {
            return true;
        }
        released.follows_course |= self.course;
        released == *design
    }
}
