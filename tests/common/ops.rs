//! What the property tests that drive the editor share (tests/edit.rs, diff.rs, trace.rs):
//! indices resolved against the design at the time a step runs, and a parameter value of the
//! right type for a parameter picked by index. Each test keeps its own set of steps.

use kumozu::core::document::catalogue::{ParamSpec, ParamType};
use kumozu::core::document::model::{Design, EdgeId, NodeId, ParamValue};
use kumozu::core::edit::Command;

/// The `i`-th node of `d` (wrapping around), if it has any.
pub fn node_at(d: &Design, i: usize) -> Option<NodeId> {
    let n = d.nodes.len();
    (n > 0).then(|| d.nodes.keys().nth(i % n).unwrap().clone())
}

/// The `i`-th edge of `d` (wrapping around), if it has any.
pub fn edge_at(d: &Design, i: usize) -> Option<EdgeId> {
    let n = d.edges.len();
    (n > 0).then(|| d.edges.keys().nth(i % n).unwrap().clone())
}

/// Sets parameter `param` (wrapping around the kind's parameters) of node `node`: numbers
/// take `num` (rounded for integers), flags take `flag`, and the rest — choices, text and AZ
/// lists — whatever `other` makes of the spec (`None`: no step).
pub fn set_param(
    d: &Design,
    node: usize,
    param: usize,
    num: f64,
    flag: bool,
    other: impl FnOnce(&ParamSpec) -> Option<ParamValue>,
) -> Option<Command> {
    let id = node_at(d, node)?;
    let params = d.nodes[&id].kind.info().params;
    if params.is_empty() {
        return None;
    }
    let spec = &params[param % params.len()];
    let value = match spec.ty {
        ParamType::Number { .. } | ParamType::NumberChoice(_) => ParamValue::Num(num),
        ParamType::Integer { .. } => ParamValue::Num(num.round()),
        ParamType::Bool => ParamValue::Bool(flag),
        ParamType::Choice(_) | ParamType::Text | ParamType::AzList => other(spec)?,
    };
    Some(Command::SetParams {
        id,
        values: vec![(spec.key.to_owned(), value)],
    })
}

/// A choice picked by `num` among the spec's choices; `None` for other types.
pub fn choice_by(spec: &ParamSpec, num: f64) -> Option<ParamValue> {
    match spec.ty {
        ParamType::Choice(c) => Some(ParamValue::Str(c[(num as usize) % c.len()].to_owned())),
        _ => None,
    }
}
