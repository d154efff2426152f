//! `socketio-sticky`: Socket.io on more than one task needs sticky sessions or a shared
//! adapter (Redis on ElastiCache).

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "socketio-sticky",
    severity: Severity::Error,
    title: t(
        "複数タスクの Socket.io にはスティッキーセッションか Redis アダプター",
        "Socket.io on several tasks needs sticky sessions or a Redis adapter",
    ),
    fix: t(
        "ターゲットグループのスティッキーセッションを有効にしてください (ロングポーリングを使う限り必要です)。あるいは ElastiCache (Redis) の Socket.io Redis アダプターでタスク間のイベントを共有し (サービスから ElastiCache へキャッシュの接続を引きます)、クライアントの transports を WebSocket のみにすれば、スティッキーセッションなしでも動きます。",
        "Enable stickiness on the target group (needed as long as HTTP long-polling is on). Alternatively, share events between tasks with Socket.io's Redis adapter on ElastiCache (draw a cache connection from the service to it) and restrict the clients to the WebSocket transport, which works without stickiness.",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "Socket.io (リアルタイム通信、Part 1) は最初に HTTP のロングポーリングで接続を確立し、同じ接続のリクエストがすべて同じサーバーに届くことを前提にしています。ALB がトラフィックを 2 つ以上のタスクに分散すると (Part 3)、別のタスクに届いたリクエストが「Session ID unknown」で失敗し、接続が確立しません。さらに、タスクの間でイベントを共有しないと、同じ部屋のプレイヤーが別々のタスクにつながったときにゲームの状態が同期しません。",
    "Socket.io (real-time game state, Part 1) first connects with HTTP long-polling and expects every request of a connection to reach the same server. Once the ALB spreads traffic over two or more tasks (Part 3), a request that lands on another task fails with \"Session ID unknown\" and the connection never establishes. And unless the tasks share events, players of one room connected to different tasks do not see each other's moves.",
);

fn check(d: &Design, r: &mut Report) {
    for svc in cx::nodes_of(d, Kind::EcsService) {
        if !cx::serves_socketio(d, svc) || svc.flag("sticky_sessions") {
            continue;
        }
        let (want, max) = (svc.num("desired_tasks"), svc.num("max_tasks"));
        if want <= 1.0 && max <= 1.0 {
            continue;
        }
        if cx::neighbours_of_kind(d, &svc.id, EdgeKind::Cache, Kind::Elasticache)
            .next()
            .is_some()
        {
            continue;
        }
        let (ja, en) = cx::quoted(d, &svc.id);
        let n = cx::num(want.max(max));
        r.add(
            &[&svc.id],
            &[],
            Message::new(
                format!("Socket.io を扱う{ja}は最大 {n} タスクで動きますが、スティッキーセッションも ElastiCache (Redis アダプター) もありません。"),
                format!("{en} serves Socket.io on up to {n} tasks with neither sticky sessions nor ElastiCache (a Redis adapter)."),
            ),
        );
    }
}
