//! Every validation rule, one file each. A rule file defines `pub const RULE: Rule`, its
//! explanation `pub const WHY: Text` and its check; add it to `RULES` and `EXPLANATIONS` below
//! to switch it on.

mod prelude {
    pub use crate::core::document::catalogue::{EdgeKind, Kind};
    pub use crate::core::document::model::{Design, Edge, EdgeId, Node, NodeId};
    pub use crate::core::support::i18n::{t, Text};
    pub use crate::core::validate::context::{self as cx, Tier};
    pub use crate::core::validate::path_pattern;
    pub use crate::core::validate::{Message, Report, Rule, Severity};
}

mod alb_default_action;
mod alb_duplicate_priority;
mod alb_https;
mod alb_https_certificate;
mod alb_in_public_subnet;
mod alb_one_default;
mod alb_path_never_matches;
mod alb_path_pattern;
mod alb_rule_limit;
mod alb_rule_shadowed;
mod alb_rule_target;
mod alb_target_no_tasks;
mod alb_two_azs;
mod api_database;
mod autoscaling;
mod az_in_region;
mod cache_in_private_subnet;
mod fargate_cpu_memory;
mod fargate_image_pull;
mod nat_in_public_subnet;
mod party_box_parts;
mod party_box_routes;
mod placement;
mod private_reachable_from_internet;
mod public_subnet_needs_igw;
mod rds_access;
mod rds_backups;
mod rds_in_private_subnet;
mod rds_multi_az;
mod rds_two_azs;
mod service_image_source;
mod service_in_cluster;
mod service_in_private_subnet;
mod service_two_azs;
mod single_task;
mod socketio_served;
mod socketio_sticky;
mod ssr_not_on_s3;
mod subnet_in_vpc;
mod task_counts;

use super::Rule;
use crate::core::support::i18n::Text;

/// Every rule, in the order they run (findings are sorted afterwards): placement, ALB
/// rules, HTTPS, ECS and Fargate, databases, the course's Q&A.
pub const RULES: &[Rule] = &[
    subnet_in_vpc::RULE,
    placement::RULE,
    az_in_region::RULE,
    public_subnet_needs_igw::RULE,
    alb_in_public_subnet::RULE,
    alb_two_azs::RULE,
    service_in_private_subnet::RULE,
    service_in_cluster::RULE,
    rds_in_private_subnet::RULE,
    rds_two_azs::RULE,
    cache_in_private_subnet::RULE,
    nat_in_public_subnet::RULE,
    private_reachable_from_internet::RULE,
    alb_path_pattern::RULE,
    alb_path_never_matches::RULE,
    alb_rule_shadowed::RULE,
    alb_duplicate_priority::RULE,
    alb_rule_limit::RULE,
    alb_default_action::RULE,
    alb_one_default::RULE,
    alb_rule_target::RULE,
    party_box_parts::RULE,
    party_box_routes::RULE,
    socketio_served::RULE,
    alb_https_certificate::RULE,
    alb_https::RULE,
    fargate_cpu_memory::RULE,
    fargate_image_pull::RULE,
    service_image_source::RULE,
    task_counts::RULE,
    alb_target_no_tasks::RULE,
    single_task::RULE,
    service_two_azs::RULE,
    autoscaling::RULE,
    socketio_sticky::RULE,
    rds_access::RULE,
    api_database::RULE,
    rds_multi_az::RULE,
    rds_backups::RULE,
    ssr_not_on_s3::RULE,
];

/// Why each rule exists, by rule id: the longer explanation a finding opens to. Kept apart
/// from [`RULES`] so that the browser's first load does not carry it: the app fetches it on
/// demand as `explain.json` (written from this list; `tests/docs.rs` keeps it current).
pub const EXPLANATIONS: &[(&str, Text)] = &[
    (subnet_in_vpc::RULE.id, subnet_in_vpc::WHY),
    (placement::RULE.id, placement::WHY),
    (az_in_region::RULE.id, az_in_region::WHY),
    (
        public_subnet_needs_igw::RULE.id,
        public_subnet_needs_igw::WHY,
    ),
    (alb_in_public_subnet::RULE.id, alb_in_public_subnet::WHY),
    (alb_two_azs::RULE.id, alb_two_azs::WHY),
    (
        service_in_private_subnet::RULE.id,
        service_in_private_subnet::WHY,
    ),
    (service_in_cluster::RULE.id, service_in_cluster::WHY),
    (rds_in_private_subnet::RULE.id, rds_in_private_subnet::WHY),
    (rds_two_azs::RULE.id, rds_two_azs::WHY),
    (
        cache_in_private_subnet::RULE.id,
        cache_in_private_subnet::WHY,
    ),
    (nat_in_public_subnet::RULE.id, nat_in_public_subnet::WHY),
    (
        private_reachable_from_internet::RULE.id,
        private_reachable_from_internet::WHY,
    ),
    (alb_path_pattern::RULE.id, alb_path_pattern::WHY),
    (alb_path_never_matches::RULE.id, alb_path_never_matches::WHY),
    (alb_rule_shadowed::RULE.id, alb_rule_shadowed::WHY),
    (alb_duplicate_priority::RULE.id, alb_duplicate_priority::WHY),
    (alb_rule_limit::RULE.id, alb_rule_limit::WHY),
    (alb_default_action::RULE.id, alb_default_action::WHY),
    (alb_one_default::RULE.id, alb_one_default::WHY),
    (alb_rule_target::RULE.id, alb_rule_target::WHY),
    (party_box_parts::RULE.id, party_box_parts::WHY),
    (party_box_routes::RULE.id, party_box_routes::WHY),
    (socketio_served::RULE.id, socketio_served::WHY),
    (alb_https_certificate::RULE.id, alb_https_certificate::WHY),
    (alb_https::RULE.id, alb_https::WHY),
    (fargate_cpu_memory::RULE.id, fargate_cpu_memory::WHY),
    (fargate_image_pull::RULE.id, fargate_image_pull::WHY),
    (service_image_source::RULE.id, service_image_source::WHY),
    (task_counts::RULE.id, task_counts::WHY),
    (alb_target_no_tasks::RULE.id, alb_target_no_tasks::WHY),
    (single_task::RULE.id, single_task::WHY),
    (service_two_azs::RULE.id, service_two_azs::WHY),
    (autoscaling::RULE.id, autoscaling::WHY),
    (socketio_sticky::RULE.id, socketio_sticky::WHY),
    (rds_access::RULE.id, rds_access::WHY),
    (api_database::RULE.id, api_database::WHY),
    (rds_multi_az::RULE.id, rds_multi_az::WHY),
    (rds_backups::RULE.id, rds_backups::WHY),
    (ssr_not_on_s3::RULE.id, ssr_not_on_s3::WHY),
];
