//! The trace as numbered lines in one language, then the outcome (`kumozu trace`'s text).

use super::Trace;
use crate::core::support::i18n::Lang;

/// The trace as numbered lines in `lang`, then the outcome (what `kumozu trace` prints).
pub fn render_text(trace: &Trace, lang: Lang) -> String {
    let mut out = String::new();
    for (i, h) in trace.hops.iter().enumerate() {
        out.push_str(&format!(
            "{:>2}. [{}] {}\n",
            i + 1,
            h.kind.id(),
            h.text.get(lang)
        ));
    }
    match &trace.stop {
        None => out.push_str(match lang {
            Lang::Ja => "結果: リクエストは処理されます。\n",
            Lang::En => "Result: the request is served.\n",
        }),
        Some(b) => {
            let n = trace.hops.len();
            let word = match (lang, n) {
                (Lang::Ja, 0) => "結果: 最初の手順の前で止まります".to_owned(),
                (Lang::Ja, n) => format!("結果: 手順 {n} のあとで止まります"),
                (Lang::En, 0) => "Result: it stops before the first step".to_owned(),
                (Lang::En, n) => format!("Result: it stops after step {n}"),
            };
            out.push_str(&format!(
                "{word} [{}]: {}\n",
                b.kind.id(),
                b.message.get(lang)
            ));
            if let Some(f) = &b.finding {
                out.push_str(&format!(
                    "  {}[{}] {}\n",
                    f.severity.name(lang),
                    f.rule,
                    f.message.get(lang)
                ));
            }
        }
    }
    out
}
