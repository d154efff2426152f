//! `service-image-source`: where does an ECS service's image come from?

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "service-image-source",
    severity: Severity::Info,
    title: t(
        "ECS サービスのイメージの取得元 (ECR)",
        "Where an ECS service gets its image (ECR)",
    ),
    fix: t(
        "ECR リポジトリを置き、ECS サービスとの間にイメージ取得の接続を引いてください。",
        "Add an ECR repository and draw an image-pull connection between it and the ECS service.",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "ECS はコンテナを動かすたびに Docker イメージを取得します。コースでは、イメージをビルドして ECR (Docker Hub の AWS 版) にプッシュし、ECS がそこから取得します (Part 2 ECR、Part 4 CI/CD: Docker Build → ECR Push → ECS Deploy)。図に取得元を描いておくと、デプロイの流れと必要な経路 (NAT ゲートウェイや VPC エンドポイント) がわかります。",
    "ECS pulls a Docker image every time it starts a container. In the course you build the image, push it to ECR (AWS's Docker Hub), and ECS pulls it from there (Part 2, ECR; Part 4, CI/CD: Docker build → ECR push → ECS deploy). Drawing the source shows the deploy flow and the network path it needs (a NAT Gateway or VPC endpoints).",
);

fn check(d: &Design, r: &mut Report) {
    let pulling = cx::linked_to_kind(d, EdgeKind::ImagePull, Kind::Ecr);
    for svc in cx::nodes_of(d, Kind::EcsService) {
        if pulling.contains(&svc.id) {
            continue;
        }
        let (ja, en) = cx::quoted(d, &svc.id);
        r.add(
            &[&svc.id],
            &[],
            Message::new(
                format!("{ja}がどの ECR リポジトリからイメージを取得するか描かれていません。"),
                format!("{en} has no image-pull connection to an ECR repository."),
            ),
        );
    }
}
