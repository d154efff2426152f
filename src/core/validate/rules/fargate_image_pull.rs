//! `fargate-image-pull`: Fargate tasks without a public IP need a NAT Gateway or VPC
//! endpoints (ECR API, ECR Docker, S3) to pull their image from ECR.

use super::prelude::*;

/// The VPC endpoints that let a task pull from ECR without the internet: the ECR API, the
/// Docker registry, and S3, where ECR keeps the image layers.
const ENDPOINTS: &[&str] = &["ecr.api", "ecr.dkr", "s3"];

/// The rule.
pub const RULE: Rule = Rule {
    id: "fargate-image-pull",
    severity: Severity::Error,
    title: t(
        "Private のタスクには ECR からイメージを取得する経路が必要",
        "Private tasks need a way to pull their image from ECR",
    ),
    fix: t(
        "Public Subnet に NAT ゲートウェイを置くか、VPC に ecr.api・ecr.dkr (インターフェース型) と s3 (ゲートウェイ型) の VPC エンドポイントを置いてください。ログを CloudWatch に送るなら logs、シークレットを読むなら secretsmanager のエンドポイントも必要です。",
        "Add a NAT Gateway in a public subnet, or VPC endpoints in the VPC for ecr.api and ecr.dkr (interface) and s3 (gateway). Sending logs to CloudWatch or reading secrets also needs the logs and secretsmanager endpoints.",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "Fargate のタスクは起動のたびに ECR (Docker イメージの保存場所、Part 2 ECR) からイメージを取得します。Private Subnet (またはパブリック IP なしの Public Subnet) のタスクはそのままではインターネットにも AWS のサービスにも出られないため、Public Subnet の NAT ゲートウェイか、VPC エンドポイント (ecr.api・ecr.dkr と、イメージのレイヤーが置かれる S3) が必要です。どちらもなければタスクは起動に失敗します。",
    "A Fargate task pulls its image from ECR (the Docker image store, Part 2, ECR) every time it starts. A task in a private subnet (or in a public one without a public IP) cannot reach the internet or AWS services on its own, so it needs a NAT Gateway in a public subnet, or VPC endpoints for ecr.api, ecr.dkr and S3 (where the image layers live). With neither, the task fails to start.",
);

fn check(d: &Design, r: &mut Report) {
    // Asked of every service, so answered once for the whole design.
    let nat_vpcs = cx::vpcs_with_nat(d);
    let endpoints = cx::endpoints_by_vpc(d);
    for svc in cx::nodes_of(d, Kind::EcsService) {
        if svc.text("launch_type") != "FARGATE" {
            continue;
        }
        let tier = cx::tier_of(d, &svc.id);
        let nat_helps = match tier {
            Some(Tier::Private) => true,
            // A public subnet routes to the Internet Gateway, not to a NAT Gateway, and
            // the gateway only carries tasks that have a public IP.
            Some(Tier::Public) if !svc.flag("assign_public_ip") => false,
            // With a public IP it has a way out; outside every subnet it is
            // service-in-private-subnet's business.
            _ => continue,
        };
        let vpc = cx::vpc_of(d, &svc.id).map(|v| &v.id);
        if nat_helps && vpc.is_some_and(|v| nat_vpcs.contains(v)) {
            continue;
        }
        let present: &[&str] = vpc
            .and_then(|v| endpoints.get(v))
            .map(Vec::as_slice)
            .unwrap_or_default();
        let missing: Vec<&str> = ENDPOINTS
            .iter()
            .copied()
            .filter(|s| !present.contains(s))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let (ja, en) = cx::quoted(d, &svc.id);
        let (what_ja, what_en) = if nat_helps {
            (
                format!(
                    "Private Subnet の{ja}には ECR からイメージを取得する経路がありません: VPC の Public Subnet に NAT ゲートウェイがなく、VPC エンドポイント {} もありません。",
                    missing.join("・")
                ),
                format!(
                    "{en} sits in a private subnet and has no way to pull its image from ECR: there is no NAT Gateway in a public subnet of its VPC, and no VPC endpoint for {}.",
                    missing.join(", ")
                ),
            )
        } else {
            (
                format!(
                    "Public Subnet の{ja}はパブリック IP なしで動くため、ECR からイメージを取得できません: Public Subnet の通信はインターネットゲートウェイを通り、パブリック IP がないと外に出られません (NAT ゲートウェイは使われません)。VPC エンドポイント {} もありません。",
                    missing.join("・")
                ),
                format!(
                    "{en} runs in a public subnet without a public IP, so it cannot pull its image from ECR: a public subnet routes through the Internet Gateway, which carries only tasks with a public IP (a NAT Gateway is not used there), and there is no VPC endpoint for {}.",
                    missing.join(", ")
                ),
            )
        };
        if nat_helps {
            r.add(&[&svc.id], &[], Message::new(what_ja, what_en));
        } else {
            r.add_with_fix(
                &[&svc.id],
                &[],
                Message::new(what_ja, what_en),
                Message::new(
                    "コースの構成どおりサービスを Private Subnet に移し、Public Subnet の NAT ゲートウェイ経由で取得してください (または VPC エンドポイント ecr.api・ecr.dkr・s3 を置きます)。",
                    "Move the service into a private subnet as the course does and pull through a NAT Gateway in a public subnet (or add VPC endpoints for ecr.api, ecr.dkr and s3).",
                ),
            );
        }
    }
}
