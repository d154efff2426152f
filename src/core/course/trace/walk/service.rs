//! The target of the rule taken: an ECS service (its target group, its tasks, a Socket.io
//! connection) or a Lambda function, and why it cannot serve the request.

use super::{q, Walk};
use crate::core::course::trace::{Break, BreakKind, HopKind};
use crate::core::document::catalogue::{EdgeKind, Kind};
use crate::core::document::model::{Edge, Node};
use crate::core::validate::context as cx;

impl<'a> Walk<'a> {
    pub(super) fn target(&mut self, edge: &'a Edge) -> Result<(), Box<Break>> {
        let d = self.d;
        let Some(target) = d.nodes.get(&edge.to) else {
            let to = &edge.to;
            return Err(self.brk(
                BreakKind::TargetMissing,
                Some(&edge.from),
                Some(&edge.id),
                format!("ルールの転送先「{to}」が設計にありません。"),
                format!("The rule forwards to \"{to}\", which is not in the design."),
                None,
            ));
        };
        let (tja, ten) = q(d, &target.id);
        match target.kind {
            Kind::EcsService => {
                let port = cx::num(target.num("container_port"));
                self.hop(
                    HopKind::Service,
                    &target.id,
                    Some(&edge.id),
                    format!("ターゲットグループが ECS サービス{tja}へ届けます (コンテナポート {port})。"),
                    format!("The target group delivers it to the ECS service {ten} (container port {port})."),
                );
                self.tasks(target)?;
                if self.req.is_socketio() {
                    return self.socketio(target);
                }
                self.data(target)
            }
            Kind::Lambda => {
                if self.req.is_websocket() {
                    return Err(self.brk(
                        BreakKind::NoWebsocket,
                        Some(&target.id),
                        Some(&edge.id),
                        format!("ALB のターゲットの Lambda 関数{tja}は WebSocket を扱えません。Socket.io を扱う ECS サービスへ送るルールが必要です。"),
                        format!("The Lambda function {ten} behind an ALB cannot hold a WebSocket connection. A rule must send it to an ECS service that serves Socket.io."),
                        self.finding("socketio-served", &target.id, Some(&edge.id))
                            .or_else(|| self.finding("party-box-routes", &target.id, Some(&edge.id))),
                    ));
                }
                self.hop(
                    HopKind::Function,
                    &target.id,
                    Some(&edge.id),
                    format!("ALB が Lambda 関数{tja}を呼び出し、その応答を返します。"),
                    format!("The ALB invokes the Lambda function {ten} and returns its response."),
                );
                self.data(target)
            }
            _ => {
                let finding = self.finding("alb-rule-target", &target.id, Some(&edge.id));
                Err(self.brk(
                    BreakKind::BadTarget,
                    Some(&target.id),
                    Some(&edge.id),
                    format!("ルールの転送先{tja}は ALB のターゲットになれません (なれるのは ECS サービスか Lambda だけ)。"),
                    format!("The rule forwards to {ten}, which cannot be an ALB target (only an ECS service or a Lambda function can)."),
                    finding,
                ))
            }
        }
    }

    pub(super) fn tasks(&mut self, svc: &'a Node) -> Result<(), Box<Break>> {
        let d = self.d;
        let (sja, sen) = q(d, &svc.id);
        let desired = svc.num("desired_tasks");
        if desired <= 0.0 {
            return Err(self.brk(
                BreakKind::NoTasks,
                Some(&svc.id),
                None,
                format!("{sja}の希望タスク数が 0 なので、ターゲットグループに正常なターゲットがなく、ALB は 503 を返します。希望タスク数を 2 以上にしてください (Part 2 ECS: 冗長化)。"),
                format!("{sen} has 0 desired tasks, so its target group has no healthy target and the ALB answers 503. Set the desired tasks to 2 or more (Part 2, ECS: redundancy)."),
                self.finding("alb-target-no-tasks", &svc.id, None),
            ));
        }
        for (rule, kind) in [
            ("fargate-cpu-memory", BreakKind::TaskSize),
            ("fargate-image-pull", BreakKind::ImagePull),
        ] {
            if let Some(f) = self.finding(rule, &svc.id, None) {
                return Err(self.brk(
                    kind,
                    Some(&svc.id),
                    None,
                    format!("{sja}のタスクが起動できないので、ターゲットグループに正常なターゲットがなく、ALB は 503 を返します (検査 {rule})。"),
                    format!("The tasks of {sen} cannot start, so its target group has no healthy target and the ALB answers 503 (rule {rule})."),
                    Some(f),
                ));
            }
        }
        let n = cx::num(desired);
        let (v, m) = (cx::num(svc.num("vcpu")), cx::num(svc.num("memory_gb")));
        let launch = if svc.text("launch_type") == "EC2" {
            "EC2"
        } else {
            "Fargate"
        };
        let (lo, hi) = (cx::num(svc.num("min_tasks")), cx::num(svc.num("max_tasks")));
        let (scja, scen) = if svc.text("scaling_metric") == "none" {
            (
                "オートスケーリングはありません。".to_owned(),
                " There is no auto scaling.".to_owned(),
            )
        } else {
            (
                format!("オートスケーリングで {lo}〜{hi} タスクの間で増減します。"),
                format!(" Auto scaling keeps it between {lo} and {hi} tasks."),
            )
        };
        let (ja, en) = if desired == 1.0 {
            (
                format!("{sja}の 1 つのタスク ({launch}、{v} vCPU・{m} GB) が処理します。{scja}"),
                format!("The single task of {sen} ({launch}, {v} vCPU, {m} GB) handles it.{scen}"),
            )
        } else {
            (
                format!("ALB が{sja}の {n} 個のタスク ({launch}、各 {v} vCPU・{m} GB) に振り分け、そのうち 1 つが処理します。{scja}"),
                format!("The ALB spreads requests over the {n} tasks of {sen} ({launch}, {v} vCPU and {m} GB each); one of them handles it.{scen}"),
            )
        };
        self.hop(HopKind::Tasks, &svc.id, None, ja, en);
        Ok(())
    }

    pub(super) fn socketio(&mut self, svc: &'a Node) -> Result<(), Box<Break>> {
        let d = self.d;
        let (sja, sen) = q(d, &svc.id);
        if !cx::serves_socketio(d, svc) {
            return Err(self.brk(
                BreakKind::NoWebsocket,
                Some(&svc.id),
                None,
                format!("{sja}は Socket.io (WebSocket) を扱わないため、接続はここで失敗します。`/socket.io/*` を Socket.io を扱うサービス (Party Box では NestJS) へ送るルールが必要です (Part 1)。"),
                format!("{sen} does not serve Socket.io (WebSocket), so the connection fails here. A rule must send `/socket.io/*` to the service that serves Socket.io (NestJS in Party Box, Part 1)."),
                self.finding("socketio-served", &svc.id, None)
                    .or_else(|| self.finding("party-box-routes", &svc.id, None)),
            ));
        }
        if let Some(f) = self.finding("socketio-sticky", &svc.id, None) {
            return Err(self.brk(
                BreakKind::SocketioSticky,
                Some(&svc.id),
                None,
                format!("{sja}は複数のタスクで動くため、Socket.io の接続の途中のリクエストが別のタスクに届き「Session ID unknown」で失敗します。"),
                format!("{sen} runs on several tasks, so requests of one Socket.io connection land on different tasks and fail with \"Session ID unknown\"."),
                Some(f),
            ));
        }
        let (hja, hen) = if svc.flag("sticky_sessions") {
            (
                "スティッキーセッションで同じ接続のリクエストは同じタスクに届きます。",
                "Sticky sessions keep every request of the connection on the same task.",
            )
        } else if cx::neighbours_of_kind(d, &svc.id, EdgeKind::Cache, Kind::Elasticache)
            .next()
            .is_some()
        {
            (
                "タスク間のイベントは ElastiCache の Redis アダプターで共有されます。",
                "Events are shared between tasks through the Redis adapter on ElastiCache.",
            )
        } else {
            (
                "タスクは 1 つなので、接続はいつも同じタスクに届きます。",
                "There is one task, so the connection always reaches it.",
            )
        };
        self.hop(
            HopKind::Websocket,
            &svc.id,
            None,
            format!("{sja}が Socket.io の接続を受け付け、ゲームの状態を送り合います。{hja}"),
            format!("{sen} accepts the Socket.io connection and exchanges the game state over it. {hen}"),
        );
        Ok(())
    }
}
