//! The tracer's own tests: the documented request syntax, and each way a request goes or stops
//! on the bundled templates and on edited designs.

use super::*;
use crate::core::document::catalogue::{EdgeKind, Kind};
use crate::core::document::model::ParamValue;
use crate::core::document::templates;
use crate::core::edit::{apply, Command};
use crate::core::support::i18n::Lang;
use crate::core::validate::context as cx;

fn template(id: &str) -> Design {
    templates::find(id).unwrap().design().unwrap()
}

fn edited(id: &str, commands: &[Command]) -> Design {
    let mut d = template(id);
    for c in commands {
        apply(&mut d, c).unwrap_or_else(|r| panic!("{c:?} refused: {}", r.0.en));
    }
    d
}

fn run(d: &Design, req: &str) -> Trace {
    trace(d, &Request::parse(req).unwrap())
}

fn kinds(t: &Trace) -> Vec<&'static str> {
    t.hops.iter().map(|h| h.kind.id()).collect()
}

fn stop(t: &Trace) -> &Break {
    t.stop
        .as_ref()
        .unwrap_or_else(|| panic!("served: {}", render_text(t, Lang::En)))
}

fn params(id: &str, values: &[(&str, ParamValue)]) -> Command {
    Command::SetParams {
        id: id.into(),
        values: values
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect(),
    }
}

fn delete_edges(ids: &[&str]) -> Command {
    Command::Delete {
        nodes: vec![],
        edges: ids.iter().map(|e| EdgeId::from(*e)).collect(),
    }
}

fn delete_nodes(ids: &[&str]) -> Command {
    Command::Delete {
        nodes: ids.iter().map(|n| NodeId::from(*n)).collect(),
        edges: vec![],
    }
}

#[test]
fn parses_the_documented_syntax() {
    let r = Request::parse("GET /api/rooms").unwrap();
    assert_eq!(
        (r.method, r.path.as_str(), r.query),
        (Method::Get, "/api/rooms", None)
    );
    let r = Request::parse("  ws   /socket.io/?EIO=4&transport=websocket ").unwrap();
    assert_eq!(r.method, Method::Ws);
    assert_eq!(r.path, "/socket.io/");
    assert_eq!(r.query.as_deref(), Some("EIO=4&transport=websocket"));
    assert_eq!(r.to_string(), "WS /socket.io/?EIO=4&transport=websocket");
    assert_eq!(Request::parse("/").unwrap().method, Method::Get);
    let r = Request::parse("wss://party.example.com/socket.io/?EIO=4").unwrap();
    assert_eq!((r.method, r.path.as_str()), (Method::Ws, "/socket.io/"));
    let r = Request::parse("POST https://party.example.com").unwrap();
    assert_eq!((r.method, r.path.as_str()), (Method::Post, "/"));
    assert!(Request::parse("GET /socket.io/").unwrap().is_socketio());
    assert!(!Request::parse("GET /api/x").unwrap().is_socketio());
}

#[test]
fn refuses_bad_requests_in_both_languages() {
    let cases = [
        ("", RequestError::Empty),
        ("FETCH /x", RequestError::UnknownMethod("FETCH".into())),
        ("GET", RequestError::NoPath),
        (
            "GET api/rooms",
            RequestError::NotAbsolute("api/rooms".into()),
        ),
        ("GET /部屋", RequestError::BadChar('部', 6)),
        ("GET /#top", RequestError::Fragment),
        ("GET /a /b", RequestError::Extra("/b".into())),
    ];
    for (text, want) in cases {
        let e = Request::parse(text).unwrap_err();
        assert_eq!(e, want, "{text:?}");
        let m = e.message();
        assert!(!m.ja.is_empty() && !m.en.is_empty() && m.ja != m.en);
        assert!(m.en.contains("METHOD PATH"), "{}", m.en);
    }
    let long = format!("GET /{}", "a".repeat(MAX_REQUEST_CHARS));
    assert!(matches!(
        Request::parse(&long),
        Err(RequestError::TooLong(_))
    ));
    assert!(RequestError::UnknownMethod("X".into())
        .message()
        .en
        .contains("WS"));
}

#[test]
fn api_request_goes_through_the_api_rule_to_nestjs_and_postgres() {
    let d = template("party-box");
    let t = run(&d, "GET /api/rooms");
    assert!(t.served(), "{}", render_text(&t, Lang::En));
    assert_eq!(
        kinds(&t),
        ["client", "alb", "rule", "service", "tasks", "database"]
    );
    assert_eq!(t.hops[1].edge.as_ref().unwrap().as_str(), "users-alb");
    let rule = &t.hops[2];
    assert_eq!(rule.edge.as_ref().unwrap().as_str(), "rule-api");
    assert_eq!(rule.rules.len(), 1);
    assert!(rule.rules[0].matches);
    assert!(
        rule.text.en.contains("priority 10, `/api/*`"),
        "{}",
        rule.text.en
    );
    assert!(rule.text.ja.contains("優先度 10"), "{}", rule.text.ja);
    assert_eq!(t.hops[3].node.as_str(), "nestjs");
    assert!(
        t.hops[4].text.en.contains("2 tasks"),
        "{}",
        t.hops[4].text.en
    );
    assert!(t.hops[4].text.en.contains("Fargate, 0.5 vCPU and 1 GB"));
    assert_eq!(t.hops[5].node.as_str(), "rds");
    assert_eq!(t.hops[5].edge.as_ref().unwrap().as_str(), "nestjs-rds");
}

#[test]
fn page_request_skips_the_earlier_rules_and_stops_at_nextjs() {
    let d = template("party-box");
    let t = run(&d, "GET /");
    assert!(t.served());
    assert_eq!(kinds(&t), ["client", "alb", "rule", "service", "tasks"]);
    let rule = &t.hops[2];
    assert_eq!(rule.edge.as_ref().unwrap().as_str(), "rule-web");
    let tried: Vec<(u32, bool)> = rule.rules.iter().map(|r| (r.priority, r.matches)).collect();
    assert_eq!(tried, [(10, false), (20, false), (100, true)]);
    assert!(
        rule.text
            .en
            .contains("before it (priority 10 `/api/*`, 20 `/socket.io/*`) did not match"),
        "{}",
        rule.text.en
    );
    assert_eq!(t.hops[3].node.as_str(), "nextjs");
}

#[test]
fn the_rule_taken_is_the_validators_route() {
    for id in ["party-box", "ec-site"] {
        let d = template(id);
        for path in ["/", "/api/rooms", "/socket.io/", "/api/orders/7", "/x?y"] {
            let t = run(&d, &format!("GET {path}"));
            let hop = t
                .hops
                .iter()
                .find(|h| matches!(h.kind, HopKind::Rule | HopKind::DefaultAction))
                .unwrap();
            let want = cx::route(&d, &"alb".into(), &t.request.path).unwrap();
            assert_eq!(hop.edge.as_ref(), Some(&want.id), "{id} {path}");
        }
    }
}

#[test]
fn socketio_upgrade_reaches_nestjs_with_sticky_sessions() {
    let d = template("party-box");
    let t = run(&d, "WS /socket.io/?EIO=4&transport=websocket");
    assert!(t.served(), "{}", render_text(&t, Lang::En));
    assert_eq!(
        kinds(&t),
        ["client", "alb", "rule", "service", "tasks", "websocket"]
    );
    assert_eq!(t.hops[2].edge.as_ref().unwrap().as_str(), "rule-socketio");
    assert!(t.hops[2]
        .text
        .en
        .contains("query string `?EIO=4&transport=websocket`"));
    assert!(t.hops[1].text.en.contains("idle timeout (60 s)"));
    assert!(t.hops[5].text.en.contains("Sticky sessions"));
}

#[test]
fn ec_site_goes_through_route53_and_cloudfront_then_cache_and_database() {
    let d = template("ec-site");
    let t = run(&d, "GET /api/orders/42");
    assert!(t.served(), "{}", render_text(&t, Lang::En));
    assert_eq!(
        kinds(&t),
        ["client", "dns", "cdn", "alb", "rule", "service", "tasks", "cache", "database"]
    );
    let edges: Vec<Option<&str>> = t
        .hops
        .iter()
        .map(|h| h.edge.as_ref().map(|e| e.as_str()))
        .collect();
    assert_eq!(
        edges[..5],
        [
            None,
            Some("users-route53"),
            Some("route53-cloudfront"),
            Some("cloudfront-alb"),
            Some("rule-orders")
        ]
    );
    assert_eq!(t.hops[5].node.as_str(), "api2");
    assert!(t.hops[1].text.en.contains("resolves the domain name"));
}

#[test]
fn cloudfront_with_only_s3_serves_static_files_but_not_websocket() {
    let d = edited("ec-site", &[delete_edges(&["cloudfront-alb"])]);
    let t = run(&d, "GET /index.html");
    assert!(t.served());
    assert_eq!(kinds(&t), ["client", "dns", "cdn", "static"]);
    let t = run(&d, "WS /socket.io/");
    assert_eq!(stop(&t).kind, BreakKind::NoWebsocket);
    assert_eq!(stop(&t).node.as_ref().unwrap().as_str(), "s3");
}

#[test]
fn blank_has_no_client() {
    let t = run(&template("blank"), "GET /");
    assert_eq!(stop(&t).kind, BreakKind::NoClient);
    assert!(t.hops.is_empty());
    assert!(stop(&t).message.ja.contains("ユーザー"));
}

#[test]
fn no_alb_reachable_from_users() {
    let d = edited("party-box", &[delete_edges(&["users-alb"])]);
    let t = run(&d, "GET /");
    let b = stop(&t);
    assert_eq!(b.kind, BreakKind::NoAlb);
    assert_eq!(b.node.as_ref().unwrap().as_str(), "users");
    assert!(
        b.message.en.contains("No ALB can be reached"),
        "{}",
        b.message.en
    );
}

#[test]
fn no_alb_names_a_connection_of_the_wrong_kind_or_direction() {
    let d = edited(
        "party-box",
        &[Command::SetEdgeKind {
            id: "users-alb".into(),
            kind: EdgeKind::Generic,
        }],
    );
    let b = stop(&run(&d, "GET /")).clone();
    assert_eq!(b.kind, BreakKind::NoAlb);
    assert_eq!(b.edge.unwrap().as_str(), "users-alb");
    assert!(
        b.message.en.contains("is of kind \"Connection\""),
        "{}",
        b.message.en
    );
    let mut d = edited("party-box", &[delete_edges(&["users-alb"])]);
    apply(
        &mut d,
        &Command::Connect {
            from: "alb".into(),
            to: "users".into(),
            kind: Some(EdgeKind::Https),
        },
    )
    .unwrap();
    let b = stop(&run(&d, "GET /")).clone();
    assert_eq!(b.kind, BreakKind::NoAlb);
    assert!(
        b.message.en.contains("points the wrong way"),
        "{}",
        b.message.en
    );
    assert!(b.message.ja.contains("向きが逆"), "{}", b.message.ja);
}

#[test]
fn internal_alb_cannot_be_reached_and_cites_the_finding() {
    let d = edited(
        "party-box",
        &[params(
            "alb",
            &[("scheme", ParamValue::Str("internal".into()))],
        )],
    );
    let t = run(&d, "GET /");
    let b = stop(&t);
    assert_eq!(b.kind, BreakKind::AlbInternal);
    assert_eq!(
        b.finding.as_ref().unwrap().rule,
        "private-reachable-from-internet"
    );
}

#[test]
fn no_rule_and_no_default_action_lists_the_rules_tried() {
    let d = edited("party-box", &[delete_edges(&["rule-web"])]);
    let t = run(&d, "GET /");
    let b = stop(&t);
    assert_eq!(b.kind, BreakKind::NoRule);
    assert_eq!(kinds(&t), ["client", "alb"]);
    assert!(
        b.message
            .en
            .contains("priority 10 `/api/*`, 20 `/socket.io/*`"),
        "{}",
        b.message.en
    );
    // On the course, the routing check is the judge (an error); off it, the default action's.
    assert_eq!(b.finding.as_ref().unwrap().rule, "party-box-routes");
    let mut off = d.clone();
    off.follows_course = false;
    let t = run(&off, "GET /");
    assert_eq!(
        stop(&t).finding.as_ref().unwrap().rule,
        "alb-default-action"
    );
    // The API still works.
    assert!(run(&d, "GET /api/rooms").served());
}

#[test]
fn default_action_takes_what_no_rule_matches() {
    let mut d = edited("party-box", &[delete_edges(&["rule-web"])]);
    apply(
        &mut d,
        &Command::Connect {
            from: "alb".into(),
            to: "nextjs".into(),
            kind: Some(EdgeKind::AlbDefault),
        },
    )
    .unwrap();
    let t = run(&d, "GET /rooms/7");
    assert!(t.served(), "{}", render_text(&t, Lang::En));
    let hop = &t.hops[2];
    assert_eq!(hop.kind, HopKind::DefaultAction);
    assert_eq!(hop.rules.len(), 2);
    assert!(hop.rules.iter().all(|r| !r.matches));
    assert!(
        hop.text.en.contains("default action forwards"),
        "{}",
        hop.text.en
    );
}

#[test]
fn a_rule_to_the_database_is_a_bad_target() {
    let d = edited(
        "party-box",
        &[Command::SetEdgeTarget {
            id: "rule-api".into(),
            to: "rds".into(),
        }],
    );
    let t = run(&d, "GET /api/rooms");
    let b = stop(&t);
    assert_eq!(b.kind, BreakKind::BadTarget);
    assert_eq!(b.finding.as_ref().unwrap().rule, "alb-rule-target");
}

#[test]
fn a_dangling_rule_is_a_missing_target_not_a_panic() {
    // Only a hand-made design can dangle (the loader and the editor refuse it).
    let mut d = template("party-box");
    d.nodes.remove(&NodeId::from("nestjs"));
    let t = run(&d, "GET /api/rooms");
    assert_eq!(stop(&t).kind, BreakKind::TargetMissing);
}

#[test]
fn zero_tasks_break_with_503() {
    let zero = ParamValue::Num(0.0);
    let d = edited(
        "party-box",
        &[params(
            "nestjs",
            &[("min_tasks", zero.clone()), ("desired_tasks", zero)],
        )],
    );
    let b = stop(&run(&d, "GET /api/rooms")).clone();
    assert_eq!(b.kind, BreakKind::NoTasks);
    assert!(b.message.en.contains("503"));
}

#[test]
fn private_service_without_nat_cannot_pull_its_image() {
    let d = edited("party-box", &[delete_nodes(&["nat"])]);
    let t = run(&d, "GET /");
    let b = stop(&t);
    assert_eq!(b.kind, BreakKind::ImagePull);
    assert_eq!(b.node.as_ref().unwrap().as_str(), "nextjs");
    let f = b.finding.as_ref().unwrap();
    assert_eq!(f.rule, "fargate-image-pull");
    assert!(f.nodes.contains(&NodeId::from("nextjs")));
    assert_eq!(kinds(&t), ["client", "alb", "rule", "service"]);
}

#[test]
fn impossible_fargate_size_stops_the_tasks() {
    let d = edited(
        "party-box",
        &[params("nextjs", &[("memory_gb", ParamValue::Num(7.0))])],
    );
    let b = stop(&run(&d, "GET /")).clone();
    assert_eq!(b.kind, BreakKind::TaskSize);
    assert_eq!(b.finding.unwrap().rule, "fargate-cpu-memory");
}

#[test]
fn socketio_without_its_rule_falls_to_nextjs_and_breaks() {
    let d = edited("party-box", &[delete_edges(&["rule-socketio"])]);
    let t = run(&d, "WS /socket.io/?EIO=4");
    let b = stop(&t);
    assert_eq!(b.kind, BreakKind::NoWebsocket);
    assert_eq!(b.node.as_ref().unwrap().as_str(), "nextjs");
    assert!(b.message.en.contains("`/socket.io/*`"));
}

#[test]
fn socketio_on_two_tasks_without_stickiness_cites_the_rule() {
    let d = edited(
        "party-box",
        &[params(
            "nestjs",
            &[("sticky_sessions", ParamValue::Bool(false))],
        )],
    );
    for req in [
        "WS /socket.io/?EIO=4",
        "GET /socket.io/?EIO=4&transport=polling",
    ] {
        let t = run(&d, req);
        let b = stop(&t);
        assert_eq!(b.kind, BreakKind::SocketioSticky, "{req}");
        assert_eq!(b.finding.as_ref().unwrap().rule, "socketio-sticky");
        assert!(b.message.en.contains("Session ID unknown"));
    }
    // Plain API requests are not Socket.io's business.
    assert!(run(&d, "GET /api/rooms").served());
}

#[test]
fn api_without_its_database_connection_breaks() {
    let d = edited("party-box", &[delete_edges(&["nestjs-rds"])]);
    let b = stop(&run(&d, "GET /api/rooms")).clone();
    assert_eq!(b.kind, BreakKind::NoDatabaseRoute);
    assert_eq!(b.node.unwrap().as_str(), "nestjs");
    assert!(
        b.message.en.contains("no SQL connection to \"PostgreSQL\""),
        "{}",
        b.message.en
    );
    let d = edited("party-box", &[delete_nodes(&["rds"])]);
    let b = stop(&run(&d, "GET /api/rooms")).clone();
    assert!(b.message.en.contains("has no RDS"), "{}", b.message.en);
}

#[test]
fn database_in_another_vpc_has_no_route() {
    let mut d = template("party-box");
    let vpc2 = apply(
        &mut d,
        &Command::AddNode {
            kind: Kind::Vpc,
            at: Some(crate::core::Point { x: 3000.0, y: 0.0 }),
            parent: None,
        },
    )
    .unwrap()
    .new_nodes[0]
        .clone();
    let sub2 = apply(
        &mut d,
        &Command::AddNode {
            kind: Kind::Subnet,
            at: None,
            parent: Some(vpc2),
        },
    )
    .unwrap()
    .new_nodes[0]
        .clone();
    apply(
        &mut d,
        &Command::Place {
            ids: vec!["rds".into()],
            parent: Some(sub2),
        },
    )
    .unwrap();
    let b = stop(&run(&d, "GET /api/rooms")).clone();
    assert_eq!(b.kind, BreakKind::NoDatabaseRoute);
    assert_eq!(b.edge.unwrap().as_str(), "nestjs-rds");
    assert!(b.message.en.contains("different VPCs"));
}

#[test]
fn json_form_is_stable() {
    let t = run(&template("party-box"), "GET /");
    let j = t.to_json();
    assert_eq!(j["format"], "kumozu-trace");
    assert_eq!(j["version"], 1);
    assert_eq!(j["served"], true);
    assert_eq!(j["break"], Value::Null);
    assert_eq!(j["request"]["text"], "GET /");
    assert_eq!(j["hops"][2]["kind"], "rule");
    assert_eq!(j["hops"][2]["step"], 3);
    assert_eq!(j["hops"][2]["rules"][2]["matches"], true);
    assert_eq!(j["hops"][0]["edge"], Value::Null);
    let d = edited("party-box", &[delete_nodes(&["nat"])]);
    let j = run(&d, "GET /").to_json();
    assert_eq!(j["served"], false);
    assert_eq!(j["break"]["kind"], "image-pull");
    assert_eq!(j["break"]["finding"]["rule"], "fargate-image-pull");
    assert!(j["break"]["message"]["ja"].is_string());
}

#[test]
fn text_is_numbered_in_both_languages() {
    let t = run(&template("party-box"), "GET /api/rooms");
    let en = render_text(&t, Lang::En);
    assert!(en.starts_with(" 1. [client] "), "{en}");
    assert!(en.contains(" 6. [database] "), "{en}");
    assert!(en.ends_with("Result: the request is served.\n"));
    let ja = render_text(&t, Lang::Ja);
    assert!(ja.contains("結果: リクエストは処理されます。"));
}
