//! `ssr-not-on-s3`: Next.js with server-side rendering cannot be served from S3.
//!
//! Recognised by the S3 node's label: one that says SSR, or Next.js without saying it holds
//! only static assets (Next.js's built `/_next/static` files on S3 + CloudFront are fine).

use super::prelude::*;

/// Words that say a bucket holds only static files.
const STATIC_WORDS: &[&str] = &["static", "asset", "image", "静的", "画像", "アセット"];

/// The rule.
pub const RULE: Rule = Rule {
    id: "ssr-not-on-s3",
    severity: Severity::Error,
    title: t(
        "SSR の Next.js は S3 では配信できない",
        "Next.js with SSR cannot be served from S3",
    ),
    fix: t(
        "Next.js は ECS (Fargate) のサービスとして動かし、ALB の `/*` ルールで振り分けてください。S3 + CloudFront には画像やビルド済みの静的ファイルだけを置けます。",
        "Run Next.js as an ECS (Fargate) service behind the ALB's `/*` rule. S3 + CloudFront can still serve images and the built static files.",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "コースの Q&A のとおり「Next.js は SSR（サーバーサイドレンダリング）を使うので、サーバーが必要。静的ファイルだけの SPA（React など）なら S3 でOK」です (Part 1 なぜこの構成？)。S3 はファイルを返すだけで、リクエストごとにページを生成するプログラムを動かせません。",
    "As the chapter's Q&A puts it: \"Next.js uses SSR (server-side rendering), so it needs a server. A static-only SPA (React and the like) is fine on S3\" (Part 1, why this architecture). S3 only returns files; it cannot run the program that renders a page for each request.",
);

/// Whether an S3 node's label says it serves the Next.js application itself.
fn serves_nextjs(label: &str) -> bool {
    // ASCII case only: the words looked for are ASCII (and the app then carries no Unicode
    // case tables).
    let l = label.to_ascii_lowercase();
    if l.contains("ssr") {
        return true;
    }
    l.contains("next") && !STATIC_WORDS.iter().any(|w| l.contains(w))
}

fn check(d: &Design, r: &mut Report) {
    for s3 in cx::nodes_of(d, Kind::S3) {
        if !serves_nextjs(&s3.label) {
            continue;
        }
        let (ja, en) = cx::quoted(d, &s3.id);
        let fronts: Vec<&Edge> = d
            .edges
            .values()
            .filter(|e| e.to == s3.id && cx::kind_of(d, &e.from) == Some(Kind::Cloudfront))
            .collect();
        let mut nodes: Vec<&NodeId> = vec![&s3.id];
        nodes.extend(fronts.iter().map(|e| &e.from));
        let edges: Vec<&EdgeId> = fronts.iter().map(|e| &e.id).collect();
        let (via_ja, via_en) = if fronts.is_empty() {
            ("", "")
        } else {
            (" CloudFront 経由で", " through CloudFront")
        };
        r.add(
            &nodes,
            &edges,
            Message::new(
                format!("S3 バケット{ja}から{via_ja} Next.js (SSR) を配信しようとしています。SSR にはサーバーが必要です。"),
                format!("The S3 bucket {en} is meant to serve Next.js (SSR){via_en}; SSR needs a server."),
            ),
        );
    }
}
