//! The request to trace, as a person types it (`GET /api/rooms`, `WS /socket.io/?EIO=4`, a
//! whole URL), and why a text is not one, in both languages. The syntax is in the tracer's
//! module documentation.

use std::fmt;

use serde_json::{json, Value};

use super::MAX_REQUEST_CHARS;
use crate::core::validate::Message;

/// An HTTP method, or a WebSocket upgrade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `GET`.
    Get,
    /// `HEAD`.
    Head,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `PATCH`.
    Patch,
    /// `DELETE`.
    Delete,
    /// `OPTIONS`.
    Options,
    /// A WebSocket upgrade (`GET` with `Upgrade: websocket`), as Socket.io opens.
    Ws,
}

/// Every method, in the order error messages list them.
pub const METHODS: &[Method] = &[
    Method::Get,
    Method::Head,
    Method::Post,
    Method::Put,
    Method::Patch,
    Method::Delete,
    Method::Options,
    Method::Ws,
];

impl Method {
    /// Stable name, as typed and as in JSON: `GET`, …, `WS`.
    pub fn id(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Head => "HEAD",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Ws => "WS",
        }
    }

    /// Parses a method name in any letter case.
    pub fn from_id(s: &str) -> Option<Method> {
        METHODS
            .iter()
            .copied()
            .find(|m| m.id().eq_ignore_ascii_case(s))
    }
}

/// A request to trace: a method and a path (with the query string kept apart).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The method (or `Ws` for a WebSocket upgrade).
    pub method: Method,
    /// The path, starting with `/`, without the query string: what ALB rules match.
    pub path: String,
    /// The query string without its `?`, if any (`EIO=4&transport=websocket`).
    pub query: Option<String>,
}

/// Why a request text is not a request; [`RequestError::message`] says it in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestError {
    /// Nothing but spaces.
    Empty,
    /// Longer than [`MAX_REQUEST_CHARS`] (the length).
    TooLong(usize),
    /// The first word is not a method (the word).
    UnknownMethod(String),
    /// A method without a path.
    NoPath,
    /// The path does not start with `/` (the path).
    NotAbsolute(String),
    /// A character that is not printable ASCII (the character and its 1-based position).
    BadChar(char, usize),
    /// A `#fragment`, which browsers never send.
    Fragment,
    /// More words after the path (the first of them).
    Extra(String),
}

impl RequestError {
    /// What is wrong and what a request looks like, in both languages.
    pub fn message(&self) -> Message {
        const FORM_JA: &str =
            "「メソッド パス」の形で書きます (例: GET /api/rooms、WS /socket.io/?EIO=4)。";
        const FORM_EN: &str = "Write \"METHOD PATH\", e.g. GET /api/rooms or WS /socket.io/?EIO=4.";
        let (ja, en) = match self {
            RequestError::Empty => (
                "リクエストが空です。".to_owned(),
                "The request is empty.".to_owned(),
            ),
            RequestError::TooLong(n) => (
                format!("リクエストが長すぎます ({n} 文字、{MAX_REQUEST_CHARS} 文字まで)。"),
                format!("The request is too long ({n} characters; at most {MAX_REQUEST_CHARS})."),
            ),
            RequestError::UnknownMethod(m) => {
                let known: Vec<&str> = METHODS.iter().map(|m| m.id()).collect();
                (
                    format!(
                        "\"{m}\" はメソッドではありません (使えるもの: {}。WS は WebSocket 接続)。",
                        known.join("・")
                    ),
                    format!(
                        "\"{m}\" is not a method (known: {}; WS is a WebSocket upgrade).",
                        known.join(", ")
                    ),
                )
            }
            RequestError::NoPath => (
                "パスがありません。".to_owned(),
                "The path is missing.".to_owned(),
            ),
            RequestError::NotAbsolute(p) => (
                format!("パス \"{p}\" が / で始まっていません (\"/{p}\" のつもりですか)。"),
                format!("The path \"{p}\" does not start with / (did you mean \"/{p}\"?)."),
            ),
            RequestError::BadChar(c, i) => (
                format!(
                    "{i} 文字目の \"{}\" は使えません (ASCII の表示文字だけ。ほかはパーセントエンコードします)。",
                    c.escape_default()
                ),
                format!(
                    "Character {i}, \"{}\", is not allowed (printable ASCII only; percent-encode the rest).",
                    c.escape_default()
                ),
            ),
            RequestError::Fragment => (
                "# 以降 (フラグメント) はブラウザーが送らないので、書かないでください。".to_owned(),
                "Leave out the #fragment: browsers never send it.".to_owned(),
            ),
            RequestError::Extra(w) => (
                format!("パスのあとに余分な \"{w}\" があります。"),
                format!("Unexpected \"{w}\" after the path."),
            ),
        };
        Message::new(format!("{ja}{FORM_JA}"), format!("{en} {FORM_EN}"))
    }
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for RequestError {}

impl Request {
    /// Parses a request in the syntax of the module's documentation.
    pub fn parse(text: &str) -> Result<Request, RequestError> {
        let n = text.chars().count();
        if n > MAX_REQUEST_CHARS {
            return Err(RequestError::TooLong(n));
        }
        if let Some((i, c)) = text
            .chars()
            .enumerate()
            .find(|(_, c)| !(c.is_ascii_graphic() || *c == ' ' || *c == '\t'))
        {
            return Err(RequestError::BadChar(c, i + 1));
        }
        let mut words = text.split_ascii_whitespace();
        let Some(first) = words.next() else {
            return Err(RequestError::Empty);
        };
        let (method, target) = if first.starts_with('/') || first.contains("://") {
            (None, first)
        } else {
            let method =
                Method::from_id(first).ok_or_else(|| RequestError::UnknownMethod(first.into()))?;
            (Some(method), words.next().ok_or(RequestError::NoPath)?)
        };
        if let Some(extra) = words.next() {
            return Err(RequestError::Extra(extra.into()));
        }
        if target.contains('#') {
            return Err(RequestError::Fragment);
        }
        // A whole URL gives its path; ws:// and wss:// mean a WebSocket upgrade.
        let (scheme_ws, target) = match target.split_once("://") {
            Some((scheme, rest)) => {
                let ws = scheme.eq_ignore_ascii_case("ws") || scheme.eq_ignore_ascii_case("wss");
                let path = rest.find(['/', '?']).map_or("/", |i| &rest[i..]);
                (ws, path)
            }
            None => (false, target),
        };
        let method = method.unwrap_or(if scheme_ws { Method::Ws } else { Method::Get });
        let (path, query) = match target.split_once('?') {
            Some((p, q)) => (p, Some(q.to_owned())),
            None => (target, None),
        };
        let path = if path.is_empty() && query.is_some() {
            "/"
        } else {
            path
        };
        if !path.starts_with('/') {
            return Err(RequestError::NotAbsolute(path.into()));
        }
        Ok(Request {
            method,
            path: path.to_owned(),
            query,
        })
    }

    /// Whether it is a WebSocket upgrade.
    pub fn is_websocket(&self) -> bool {
        self.method == Method::Ws
    }

    /// Whether it is Socket.io traffic: a WebSocket upgrade, or a request under Socket.io's
    /// default path `/socket.io/` (its HTTP long-polling).
    pub fn is_socketio(&self) -> bool {
        self.is_websocket() || self.path.starts_with("/socket.io/")
    }

    /// The stable JSON form: `{"method", "path", "query", "text"}`.
    pub fn to_json(&self) -> Value {
        json!({
            "method": self.method.id(),
            "path": self.path,
            "query": self.query,
            "text": self.to_string(),
        })
    }
}

impl fmt::Display for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method.id(), self.path)?;
        if let Some(q) = &self.query {
            write!(f, "?{q}")?;
        }
        Ok(())
    }
}
