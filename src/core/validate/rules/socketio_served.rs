//! `socketio-served`: in a design with Socket.io (off the course; on it, `party-box-routes`
//! judges the same request), a request for `/socket.io/` reaches a service
//! that serves it. Socket.io's client connects to `/socket.io/` (its default `path`) with HTTP
//! long-polling and then upgrades to WebSocket; an ALB forwards both, but only to where its
//! listener rules send them (Part 1: `/socket.io/*` → NestJS).

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "socketio-served",
    severity: Severity::Error,
    title: t(
        "/socket.io/ へのリクエストは Socket.io を扱うサービスに届く",
        "Requests for /socket.io/ reach the service that serves Socket.io",
    ),
    fix: t(
        "ALB に `/socket.io/*` を Socket.io を扱うサービス (Party Box では NestJS) へ送るルールを、`/*` より先の優先度で加えてください。",
        "Add an ALB rule that sends `/socket.io/*` to the service that serves Socket.io (NestJS in Party Box), at a priority before `/*`.",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "Socket.io のクライアントは `/socket.io/` にロングポーリングで接続し、そのあと WebSocket に切り替えます。ALB はリスナールールで決めた先にしか送らないので、`/socket.io/*` のルールがなければ、接続は `/*` の先 (Party Box では Next.js) に届いて失敗します (Part 1 の AWS 構成図)。",
    "Socket.io's client connects to `/socket.io/` with long-polling and then upgrades to WebSocket. An ALB sends it only where its listener rules say, so without a `/socket.io/*` rule the connection reaches what `/*` serves (Next.js in Party Box) and fails (Part 1, AWS diagram).",
);

fn check(d: &Design, r: &mut Report) {
    // A design that follows the course is judged by `party-box-routes` (`/socket.io/*` →
    // NestJS, which serves Socket.io there); saying it twice would only be noise.
    if d.follows_course || !cx::nodes_of(d, Kind::EcsService).any(|s| cx::serves_socketio(d, s)) {
        return;
    }
    for alb in cx::nodes_of(d, Kind::Alb) {
        let Some(edge) = cx::route(d, &alb.id, "/socket.io/") else {
            continue; // no route at all: `party-box-routes` / `alb-default-action` say so
        };
        let Some(target) = d.nodes.get(&edge.to) else {
            continue;
        };
        if cx::serves_socketio(d, target) {
            continue;
        }
        if !matches!(target.kind, Kind::EcsService | Kind::Lambda) {
            continue; // not a target at all: `alb-rule-target`
        }
        let (aja, aen) = cx::quoted(d, &alb.id);
        let (tja, ten) = cx::quoted(d, &target.id);
        let via = edge
            .rule
            .as_ref()
            .map(|r| r.path_pattern.as_str())
            .unwrap_or("default");
        r.add(
            &[&alb.id, &target.id],
            &[&edge.id],
            Message::new(
                format!("{aja}は `/socket.io/` への接続をルール `{via}` で{tja}に送りますが、{tja}は Socket.io を扱いません。"),
                format!("{aen} sends connections for `/socket.io/` by rule `{via}` to {ten}, which does not serve Socket.io."),
            ),
        );
    }
}
