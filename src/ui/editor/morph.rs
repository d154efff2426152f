//! Bringing a live element's contents up to date with new markup without replacing the
//! elements that stay: the canvas's diagram (SVG text written by `core::drawing::svg`) keeps
//! the focused node, the node a pointer is captured by, and its place when the text changes.
//!
//! Children with a key (`KEYS`: `data-node-id`, `data-edge-id`, `data-key`) are matched by
//! key, wherever they are in the list: an item inserted at the front, an earlier item removed or
//! the items reordered keep every other item's element (and what a person did to it: focus,
//! an opened `<details>`). Children without a key are matched in order among themselves. Two
//! elements match when they have the same tag and the same identity attributes (`IDENTITY`); a
//! match keeps the live element and updates its attributes, then its children. Anything else is
//! replaced by the new node.
//!
//! Form controls follow the text the way a reactive binding would: an input's `value` and
//! `checked` properties are set when the rendered attribute changed (so what a person is
//! typing is kept while something else changes), and a `<select>` is set to the option the new
//! text selects.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement, Node};

use crate::core::support::html::TrustedHtml;

/// Attributes that say which thing an element stands for: when they differ, the element is
/// replaced rather than reused for something else.
const IDENTITY: [&str; 4] = ["type", "data-key", "data-node-id", "data-edge-id"];

/// Makes the children of `live` equal to `html` (parsed as the children of an element of the
/// same kind as `live`).
pub fn morph(live: &Element, html: &TrustedHtml) {
    morph_text(live, html.as_str());
}

/// Makes the children of `live` equal to those of `new` (a detached element, whose children
/// are moved or copied across): [`morph`] without the parsing, for the web tests.
pub fn morph_into(live: &Element, new: &Element) {
    children(live, new);
}

/// [`morph`] for the panels still written as escaped text by their own writers (the header
/// and the cost panel, through [`follow`]) until they are typed views.
fn morph_text(live: &Element, html: &str) {
    if let Some(parsed) = parse_in(live, html) {
        children(live, &parsed);
    }
}

/// `html` parsed as the children of a detached element like `like` (same name, and the same
/// namespace, so that SVG parses as SVG).
fn parse_in(like: &Element, html: &str) -> Option<Element> {
    let doc = like.owner_document()?;
    let ns = like.namespace_uri();
    let parsed = doc
        .create_element_ns(ns.as_deref(), &like.local_name())
        .ok()?;
    parsed.set_inner_html(html);
    Some(parsed)
}

/// Attributes that name an item of a list: children are matched by these first.
const KEYS: [&str; 3] = ["data-node-id", "data-edge-id", "data-key"];

/// The key of a child node (`KEYS`), when it is an element that has one.
fn key(n: &Node) -> Option<(&'static str, String)> {
    let el = n.dyn_ref::<Element>()?;
    KEYS.iter()
        .find_map(|a| el.get_attribute(a).map(|v| (*a, v)))
}

fn nodes(parent: &Element) -> Vec<Node> {
    let list = parent.child_nodes();
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

fn children(live: &Element, new: &Element) {
    let old = nodes(live);
    let fresh = nodes(new);
    // The live children with a key, by key; the others in order.
    let mut keyed = std::collections::HashMap::new();
    let mut plain = Vec::new();
    for o in old {
        match key(&o) {
            Some(k) => {
                keyed.insert(k, o);
            }
            None => plain.push(o),
        }
    }
    let mut plain = plain.into_iter();
    let kids = live.child_nodes();
    for (i, n) in fresh.iter().enumerate() {
        let candidate = match key(n) {
            Some(k) => keyed.remove(&k),
            None => plain.next(),
        };
        let placed = match candidate {
            Some(o) if matches(&o, n) => {
                update(&o, n);
                o
            }
            _ => n.clone(),
        };
        let here = kids.item(i as u32);
        if here.as_ref() != Some(&placed) {
            let _ = live.insert_before(&placed, here.as_ref());
        }
    }
    // What is left after the new children was not matched.
    while kids.length() as usize > fresh.len() {
        match live.last_child() {
            Some(last) => {
                let _ = live.remove_child(&last);
            }
            None => break,
        }
    }
}

/// Whether the live `old` may stand for `new`: the same kind of node, and for elements the
/// same identity attributes.
fn matches(old: &Node, new: &Node) -> bool {
    if old.node_type() != new.node_type() || old.node_name() != new.node_name() {
        return false;
    }
    match (old.dyn_ref::<Element>(), new.dyn_ref::<Element>()) {
        (Some(o), Some(n)) => IDENTITY
            .iter()
            .all(|a| o.get_attribute(a) == n.get_attribute(a)),
        _ => true,
    }
}

/// Brings the live `old` up to date with `new` (which [`matches`] it).
fn update(old: &Node, new: &Node) {
    match (old.dyn_ref::<Element>(), new.dyn_ref::<Element>()) {
        (Some(o), Some(n)) => element(o, n),
        _ => {
            if old.node_value() != new.node_value() {
                old.set_node_value(new.node_value().as_deref());
            }
        }
    }
}

fn node(parent: &Element, old: &Node, new: &Node) {
    if matches(old, new) {
        update(old, new);
    } else {
        let _ = parent.replace_child(new, old);
    }
}

fn element(old: &Element, new: &Element) {
    let value_changed = old.get_attribute("value") != new.get_attribute("value");
    let checked_changed = old.has_attribute("checked") != new.has_attribute("checked");
    // Read before the children move across.
    let chosen = new
        .dyn_ref::<HtmlSelectElement>()
        .map(HtmlSelectElement::value);
    // Attributes: set what differs, drop what the new text does not have.
    let names = new.get_attribute_names();
    for name in names.iter().filter_map(|n| n.as_string()) {
        let value = new.get_attribute(&name).unwrap_or_default();
        if old.get_attribute(&name).as_deref() != Some(value.as_str()) {
            let _ = old.set_attribute(&name, &value);
        }
    }
    let names = old.get_attribute_names();
    for name in names.iter().filter_map(|n| n.as_string()) {
        // An opened `<details>` is the reader's doing, not the text's: it stays open.
        let readers = name == "open" && old.local_name() == "details";
        if !readers && !new.has_attribute(&name) {
            let _ = old.remove_attribute(&name);
        }
    }
    if let Some(input) = old.dyn_ref::<HtmlInputElement>() {
        if value_changed {
            input.set_value(&new.get_attribute("value").unwrap_or_default());
        }
        if checked_changed {
            input.set_checked(new.has_attribute("checked"));
        }
        return;
    }
    children(old, new);
    if let (Some(o), Some(wanted)) = (old.dyn_ref::<HtmlSelectElement>(), chosen) {
        if o.value() != wanted {
            o.set_value(&wanted);
        }
    }
}

/// Brings the child `live` of `parent` up to date with `html`, the markup of one element (as
/// [`morph`] would, for that child alone).
pub fn morph_child(parent: &Element, live: &Element, html: &TrustedHtml) {
    if let Some(new) = parse_in(parent, html.as_str()).and_then(|p| p.first_element_child()) {
        node(parent, live, &new);
    }
}
