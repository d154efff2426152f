//! `party-box-routes`: when the design follows the course, requests reach the right service:
//! `/` → Next.js, `/api/…` → NestJS, `/socket.io/…` → NestJS. Checked by routing sample
//! requests through the listener rules, not by comparing rule strings.

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "party-box-routes",
    severity: Severity::Error,
    title: t(
        "Party Box のルーティング (/* → Next.js、/api/* と /socket.io/* → NestJS)",
        "Party Box routing (/* → Next.js, /api/* and /socket.io/* → NestJS)",
    ),
    fix: t(
        "ALB のリスナールールを `/api/*` → NestJS、`/socket.io/*` → NestJS、`/*` → Next.js (最後) にしてください。コースに沿わない設計なら「コースに沿う」をオフにできます。",
        "Set the ALB's listener rules to `/api/*` → NestJS, `/socket.io/*` → NestJS and `/*` → Next.js (last). If the design does not follow the course, turn \"follows the course\" off.",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "Party Box では ALB がパスで振り分けます: `/*` は Next.js (SSR で画面を生成)、`/api/*` は NestJS の API、`/socket.io/*` は NestJS の Socket.io (リアルタイム通信) です (Part 1 の AWS 構成図)。",
    "In Party Box the ALB routes by path: `/*` to Next.js (server-side rendered pages), `/api/*` to the NestJS API and `/socket.io/*` to NestJS's Socket.io (real-time game state) (Part 1, AWS diagram).",
);

/// Sample requests and the application that must serve them.
const PROBES: &[(&str, &str)] = &[
    ("/", "nextjs-ssr"),
    ("/rooms/abc", "nextjs-ssr"),
    ("/api/rooms", "nestjs"),
    ("/socket.io/", "nestjs"),
];

fn check(d: &Design, r: &mut Report) {
    if !d.follows_course {
        return;
    }
    let albs: Vec<&Node> = cx::nodes_of(d, Kind::Alb).collect();
    // No ALB at all is a missing part (`party-box-parts`), not a routing mistake.
    for alb in albs {
        let (aja, aen) = cx::quoted(d, &alb.id);
        for (path, app) in PROBES {
            let want_ja = if *app == "nextjs-ssr" {
                "Next.js"
            } else {
                "NestJS"
            };
            match cx::route(d, &alb.id, path) {
                None => r.add(
                    &[&alb.id],
                    &[],
                    Message::new(
                        format!("{aja}で `{path}` へのリクエストに一致するルールも既定のアクションもありません ({want_ja} に届くべきです)。"),
                        format!("At {aen}, a request for `{path}` matches no rule and there is no default action (it should reach {want_ja})."),
                    ),
                ),
                Some(edge) => {
                    let target = d.nodes.get(&edge.to);
                    let ok = target.is_some_and(|n| n.kind == Kind::EcsService && cx::app_role(n) == *app);
                    if !ok {
                        let (tja, ten) = cx::quoted(d, &edge.to);
                        let via = edge.rule.as_ref().map(|r| r.path_pattern.as_str()).unwrap_or("default");
                        r.add(
                            &[&alb.id, &edge.to],
                            &[&edge.id],
                            Message::new(
                                format!("`{path}` へのリクエストがルール `{via}` で{tja}に送られます。{want_ja} に届くべきです。"),
                                format!("A request for `{path}` is sent by rule `{via}` to {ten}; it should reach {want_ja}."),
                            ),
                        );
                    }
                }
            }
        }
    }
}
