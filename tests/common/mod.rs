//! Helpers shared by the integration tests: fixtures made of a template plus edits, and
//! golden files refreshed with `UPDATE_EXPECT=1`.
#![allow(dead_code)]

pub mod diagrams;
pub mod ops;

use std::path::Path;

use kumozu::core::document::model::Design;
use kumozu::core::document::templates;
use kumozu::core::format::load::load_value;
use serde_json::Value;

/// Loads a fixture file: `{"base": "<template>", "edits": [...]}` (see tests/rules.rs).
pub fn fixture(path: &Path) -> Design {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let spec: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let base = spec["base"]
        .as_str()
        .unwrap_or_else(|| panic!("{}: no base", path.display()));
    let template =
        templates::find(base).unwrap_or_else(|| panic!("{}: no template {base}", path.display()));
    let mut doc: Value = serde_json::from_str(template.json).unwrap();
    if let Some(edits) = spec["edits"].as_array() {
        for (i, edit) in edits.iter().enumerate() {
            apply(&mut doc, edit).unwrap_or_else(|e| panic!("{} edit {i}: {e}", path.display()));
        }
    }
    match load_value(doc) {
        Ok(l) => l.design,
        Err(e) => panic!("{}: the edited design does not load: {e}", path.display()),
    }
}

fn find_by_id<'a>(list: &'a mut Value, id: &str) -> Result<&'a mut Value, String> {
    list.as_array_mut()
        .ok_or("not a list")?
        .iter_mut()
        .find(|v| v["id"] == id)
        .ok_or_else(|| format!("no item with id {id}"))
}

fn s<'a>(edit: &'a Value, key: &str) -> Result<&'a str, String> {
    edit[key]
        .as_str()
        .ok_or_else(|| format!("edit needs a string \"{key}\""))
}

/// Applies one edit to a design's JSON form.
pub fn apply(doc: &mut Value, edit: &Value) -> Result<(), String> {
    match s(edit, "op")? {
        "set" => {
            doc[s(edit, "field")?] = edit["value"].clone();
        }
        "set_node" => {
            let node = find_by_id(&mut doc["nodes"], s(edit, "id")?)?;
            node[s(edit, "field")?] = edit["value"].clone();
        }
        "set_param" => {
            let node = find_by_id(&mut doc["nodes"], s(edit, "id")?)?;
            if node.get("params").is_none() {
                node["params"] = Value::Object(Default::default());
            }
            node["params"][s(edit, "key")?] = edit["value"].clone();
        }
        "remove_node" => {
            let id = s(edit, "id")?.to_owned();
            doc["nodes"]
                .as_array_mut()
                .ok_or("no nodes")?
                .retain(|n| n["id"] != id.as_str());
            if let Some(edges) = doc["edges"].as_array_mut() {
                edges.retain(|e| e["from"] != id.as_str() && e["to"] != id.as_str());
            }
        }
        "add_node" => doc["nodes"]
            .as_array_mut()
            .ok_or("no nodes")?
            .push(edit["node"].clone()),
        "set_edge" => {
            let e = find_by_id(&mut doc["edges"], s(edit, "id")?)?;
            e[s(edit, "field")?] = edit["value"].clone();
        }
        "remove_edge" => {
            let id = s(edit, "id")?.to_owned();
            doc["edges"]
                .as_array_mut()
                .ok_or("no edges")?
                .retain(|e| e["id"] != id.as_str());
        }
        "add_edge" => {
            if doc.get("edges").is_none() {
                doc["edges"] = Value::Array(Vec::new());
            }
            doc["edges"]
                .as_array_mut()
                .ok_or("no edges")?
                .push(edit["edge"].clone())
        }
        other => return Err(format!("unknown op {other}")),
    }
    Ok(())
}

/// Compares `actual` with the golden file at `path`; with `UPDATE_EXPECT=1`, rewrites it.
pub fn check_golden(path: &Path, actual: &str) -> Result<(), String> {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(path, actual).map_err(|e| e.to_string())?;
        return Ok(());
    }
    let expected = std::fs::read_to_string(path).map_err(|_| {
        format!(
            "missing golden file {} (run with UPDATE_EXPECT=1)",
            path.display()
        )
    })?;
    if expected == actual {
        Ok(())
    } else {
        Err(format!(
            "differs from {} (UPDATE_EXPECT=1 to accept):\n--- expected\n{expected}\n--- actual\n{actual}",
            path.display()
        ))
    }
}
