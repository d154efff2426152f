//! `az-in-region`: a subnet tier lists only availability zones its region has.

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "az-in-region",
    severity: Severity::Error,
    title: t(
        "サブネットの AZ はリージョンに存在するものにする",
        "A subnet's AZs exist in the region",
    ),
    fix: t(
        "サブネットの AZ を、リージョンにある AZ から選び直してください。",
        "Pick the subnet's AZs from the zones the region has.",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "アベイラビリティーゾーン (AZ) はリージョンごとに決まっています。たとえば東京リージョン (ap-northeast-1) で使える AZ は a・c・d で、新しいアカウントには ap-northeast-1b がありません。存在しない AZ にはサブネットを作れません。",
    "Availability zones (AZs) are fixed per region. In Tokyo (ap-northeast-1), for example, the zones are a, c and d; new accounts have no ap-northeast-1b. A subnet cannot be created in a zone that does not exist.",
);

fn check(d: &Design, r: &mut Report) {
    let known = d.region.az_letters();
    let region = d.region.code();
    let (kja, ken) = cx::az_names(d, known);
    for subnet in cx::nodes_of(d, Kind::Subnet) {
        let unknown = cx::unknown_azs(d, subnet);
        if unknown.is_empty() {
            continue;
        }
        let (ja, en) = cx::quoted(d, &subnet.id);
        let (uja, uen) = cx::az_names(d, &unknown);
        r.add(
            &[&subnet.id],
            &[],
            Message::new(
                format!("サブネット{ja}の AZ {uja} は {region} にありません (使える AZ: {kja})。"),
                format!(
                    "The subnet {en} lists {uen}, which {region} does not have (its zones: {ken})."
                ),
            ),
        );
    }
}
