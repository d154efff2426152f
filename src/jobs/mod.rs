//! Work the first screen never needs, done by the on-demand module (`kumozu-worker`, a Web
//! Worker) so that its code is not in the first load: the request tracer, comparing two designs, the Pricing
//! Calculator sheet, Fargate vs EC2, the auto-scaling simulation, the chapter's checklist, the
//! SVG and Mermaid exports and the Mermaid import. A job is plain data (designs as design-file
//! JSON) and its answer is text: escaped HTML written by the core's escaping writers (the UI's
//! worker bridge carries it into the page as `core::support::html::TrustedHtml`, the only type
//! a panel sets as markup), or a file.
//!
//! This module is pure and runs natively in the tests; `src/bin/kumozu_worker.rs` only carries
//! messages and fetches the pricing tables a job names ([`Job::regions`]).
//!
//! The UI's strings live in the app's locale files (leptos_i18n, which needs Leptos), so a job
//! carries the few it needs already translated ([`Words`]); a count is filled in here.
#![allow(clippy::disallowed_methods)] // on demand (the worker) and native: not the first load

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::core::cost::{estimate, PriceTable};
use crate::core::course::compare as core_compare;
use crate::core::document::model::Design;
use crate::core::document::region::Region;
use crate::core::format::load::load_json;
use crate::core::support::i18n::Lang;

pub use class::{ClassRow, Graded};

mod autoscale;
mod class;
mod compare;
mod ec2;
mod trace;

/// A request to the worker: an id the answer carries back, and the job.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Request {
    /// Chosen by the app; the reply has the same one.
    pub id: u32,
    /// What to do.
    pub job: Job,
}

/// The worker's answer to the request `id`: the HTML, or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    /// The request's id.
    pub id: u32,
    /// The HTML, or a message in the job's language.
    pub result: Result<String, String>,
}

/// A job. Designs are design-file JSON (`core::load::to_json`), read back with the loader.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "job", rename_all = "snake_case")]
pub enum Job {
    /// Compare design A with design B: the summary, both diagrams with their marks and the
    /// listed differences; cost lines too when `priced` (both regions' tables are wanted).
    Compare {
        /// Design A.
        a: String,
        /// Where A came from, shown in its caption.
        a_from: String,
        /// Design B (the current design).
        b: String,
        /// Whether to diff the cost lines.
        priced: bool,
        /// The language of the answer.
        lang: Lang,
        /// The panel's strings.
        words: Words,
    },
    /// The Pricing Calculator sheet of the design (`core::sheet`).
    Sheet {
        /// The design.
        design: String,
        /// The language of the answer.
        lang: Lang,
    },
    /// Fargate vs EC2 (`core::ec2::compare`).
    Ec2 {
        /// The design.
        design: String,
        /// The language of the answer.
        lang: Lang,
        /// The panel's strings.
        words: Words,
    },
    /// One ECS service's simulated day under a load curve (`core::autoscale::simulate`).
    Autoscale {
        /// The design.
        design: String,
        /// The id of the ECS service shown.
        service: String,
        /// The load curve: percent of one task per step (24 or 48 values).
        curve: Vec<f64>,
        /// The language of the answer.
        lang: Lang,
        /// The panel's strings.
        words: Words,
    },
    /// The design as a file to download: `"svg"` (`core::svg::to_svg`) or `"mermaid"`
    /// (`core::mermaid::export`). The answer is the file's text.
    Export {
        /// The design.
        design: String,
        /// `svg` or `mermaid`.
        format: String,
        /// The language of the labels.
        lang: Lang,
    },
    /// The expected month's cost lines as CSV (`core::cost::csv`), priced from the design's
    /// region's table. The answer is the file's text.
    CostCsv {
        /// The design.
        design: String,
        /// The language of the components' names.
        lang: Lang,
    },
    /// A Mermaid flowchart imported as a design (`core::mermaid::import`). The answer is an
    /// [`Imported`] as JSON text.
    ImportMermaid {
        /// The flowchart's text.
        text: String,
        /// The language of the warnings and errors.
        lang: Lang,
    },
    /// A request traced through the design (`core::trace`).
    Trace {
        /// The design.
        design: String,
        /// The request as typed (`GET /api/rooms`).
        request: String,
        /// The language of the answer.
        lang: Lang,
        /// The panel's strings.
        words: Words,
    },
    /// A class graded against a model answer (`core::course::class`, as `kumozu grade`). The
    /// answer is a [`Graded`] as JSON text.
    Grade {
        /// The model answer.
        model: String,
        /// Where the model came from (a template's name, "this design").
        model_from: String,
        /// The class list: `name<TAB>link` or a bare link, one a line.
        list: String,
        /// The language of the answer.
        lang: Lang,
    },
    /// The chapter's checklist (`core::checklist`); `open` lists the points shown open.
    Checklist {
        /// The design.
        design: String,
        /// Whether its region's table is loaded (the cost point uses it).
        priced: bool,
        /// Ids of the points to write open.
        open: Vec<String>,
        /// The language of the answer.
        lang: Lang,
    },
}

/// A Mermaid import's answer: the design as design-file JSON, and the importer's warnings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Imported {
    /// The design (`core::load::to_json`).
    pub design: String,
    /// What the importer guessed or left out, in the job's language.
    pub warnings: Vec<String>,
}

/// Translated strings a job needs, by their key in the locale files. A value is written
/// `{name}` in the string (a count `{n}`) and filled in by [`Words::fill_with`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Words(pub BTreeMap<String, String>);

impl Words {
    /// The string of `key`, or the key itself when the app did not send it (visible, never a
    /// panic).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.0.get(key).map(String::as_str).unwrap_or(key)
    }

    /// The string of `key` with `{n}` replaced by `n`.
    pub fn fill(&self, key: &str, n: usize) -> String {
        self.fill_with(key, &[("n", &n.to_string())])
    }

    /// The string of `key` with each `{name}` replaced by its value.
    pub fn fill_with(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut out = self.get(key).to_owned();
        for (name, value) in values {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }
}

/// The design in `json`, or the loader's message in `lang`.
fn design(json: &str, lang: Lang) -> Result<Design, String> {
    load_json(json)
        .map(|l| l.design)
        .map_err(|e| e.message(lang))
}

impl Job {
    /// The pricing tables the job wants, read from the design texts' `region` fields alone
    /// (the designs are loaded once, by [`Job::run`]; one whose region cannot be read wants
    /// none, and running the job reports it).
    pub fn regions(&self) -> Vec<Region> {
        #[derive(Deserialize)]
        struct RegionOf {
            region: Region,
        }
        let region = |json: &str| {
            serde_json::from_str::<RegionOf>(json)
                .ok()
                .map(|r| r.region)
        };
        let mut out = Vec::new();
        match self {
            Job::Compare { a, b, priced, .. } if *priced => {
                out.extend(region(a));
                out.extend(region(b));
            }
            Job::Sheet { design, .. }
            | Job::Ec2 { design, .. }
            | Job::Autoscale { design, .. }
            | Job::CostCsv { design, .. } => out.extend(region(design)),
            Job::Checklist { design, priced, .. } if *priced => out.extend(region(design)),
            // The submissions' regions are known only once their links are opened.
            Job::Grade { .. } => out.extend(Region::ALL),
            _ => {}
        }
        out.dedup();
        out
    }

    /// Runs the job with the tables at hand (`tables` answers `None` for a table that could
    /// not be had: the job then does without prices or says so).
    pub fn run(
        &self,
        tables: &dyn Fn(Region) -> Option<Arc<PriceTable>>,
    ) -> Result<String, String> {
        match self {
            Job::Compare {
                a,
                a_from,
                b,
                priced,
                lang,
                words,
            } => {
                let (a, b) = (design(a, *lang)?, design(b, *lang)?);
                let tables = if *priced {
                    tables(a.region).zip(tables(b.region))
                } else {
                    None
                };
                let (d, priced) = match tables {
                    Some((ta, tb)) => (core_compare::diff_priced(&a, &b, &ta, &tb), true),
                    None => (core_compare::diff(&a, &b), false),
                };
                let mut out = String::new();
                compare::html(&mut out, (a_from, &a), &b, &d, priced, *lang, words);
                Ok(out)
            }
            Job::Sheet { design: json, lang } => {
                let d = design(json, *lang)?;
                let table = tables(d.region).ok_or_else(|| no_table(d.region, *lang))?;
                Ok(crate::core::course::sheet::to_html(
                    &crate::core::course::sheet::build(&d, &estimate(&d, &table)),
                    *lang,
                ))
            }
            Job::Ec2 {
                design: json,
                lang,
                words,
            } => {
                let d = design(json, *lang)?;
                let table = tables(d.region).ok_or_else(|| no_table(d.region, *lang))?;
                let mut out = String::new();
                ec2::html(
                    &mut out,
                    &crate::core::course::ec2::compare(&d, &table),
                    *lang,
                    words,
                );
                Ok(out)
            }
            Job::Autoscale {
                design: json,
                service,
                curve,
                lang,
                words,
            } => {
                let d = design(json, *lang)?;
                let curve = crate::core::course::autoscale::Curve::new(curve.clone())
                    .map_err(|e| e.message().get(*lang).to_owned())?;
                let table = tables(d.region).ok_or_else(|| no_table(d.region, *lang))?;
                let sim = crate::core::course::autoscale::simulate(&d, &curve, &table);
                let id = crate::core::document::model::NodeId(service.clone());
                let run = sim.run(&id).ok_or_else(|| match lang {
                    Lang::Ja => format!("ECS サービス \"{service}\" はこの構成にありません"),
                    Lang::En => format!("no ECS service \"{service}\" in this design"),
                })?;
                let mut out = String::new();
                let shown = crate::core::cost::Shown::of(&d);
                autoscale::html(&mut out, &sim, run, shown, *lang, words);
                Ok(out)
            }
            Job::Export {
                design: json,
                format,
                lang,
            } => {
                let d = design(json, *lang)?;
                match format.as_str() {
                    "svg" => Ok(crate::core::drawing::svg::to_svg(&d, *lang)),
                    "mermaid" => Ok(crate::core::exchange::mermaid::export(&d, *lang)),
                    other => Err(format!("unknown export format {other:?}")),
                }
            }
            Job::CostCsv { design: json, lang } => {
                let d = design(json, *lang)?;
                let table = tables(d.region).ok_or_else(|| no_table(d.region, *lang))?;
                Ok(crate::core::cost::csv::to_csv(&estimate(&d, &table), *lang))
            }
            Job::ImportMermaid { text, lang } => {
                let i =
                    crate::core::exchange::mermaid::import(text).map_err(|e| e.message(*lang))?;
                let imported = Imported {
                    design: crate::core::format::load::to_json(&i.design),
                    warnings: i.warnings.iter().map(|w| w.get(*lang).to_owned()).collect(),
                };
                serde_json::to_string(&imported).map_err(|e| e.to_string())
            }
            Job::Trace {
                design: json,
                request,
                lang,
                words,
            } => {
                let d = design(json, *lang)?;
                let mut out = String::new();
                trace::html(&mut out, &d, request, *lang, words);
                Ok(out)
            }
            Job::Grade {
                model,
                model_from,
                list,
                lang,
            } => {
                use crate::core::course::class as core_class;
                let m = design(model, *lang)?;
                let entries = core_class::parse_list(list);
                let subs = entries
                    .iter()
                    .map(core_class::Submission::from_entry)
                    .collect();
                let c = core_class::grade(model_from, m, subs, tables);
                let links = entries.into_iter().map(|e| e.link).collect();
                serde_json::to_string(&class::graded(&c, links, *lang)).map_err(|e| e.to_string())
            }
            Job::Checklist {
                design: json,
                priced,
                open,
                lang,
            } => {
                let d = design(json, *lang)?;
                let table = if *priced { tables(d.region) } else { None };
                let items = crate::core::course::checklist::checklist(&d, table.as_deref());
                Ok(crate::core::course::checklist::to_html(&items, *lang, open))
            }
        }
    }
}

/// Why a job that needs prices has none.
fn no_table(region: Region, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{} の料金表を読み込めませんでした", region.code()),
        Lang::En => format!("the pricing table of {} could not be loaded", region.code()),
    }
}

impl Request {
    /// Runs the job and writes the reply as JSON text.
    pub fn answer(&self, tables: &dyn Fn(Region) -> Option<Arc<PriceTable>>) -> String {
        let reply = Reply {
            id: self.id,
            result: self.job.run(tables),
        };
        serde_json::to_string(&reply).unwrap_or_default()
    }
}

/// Reads a request, runs it and writes the reply, as JSON text (the worker's whole loop but
/// the fetching). An unreadable request is answered with id 0.
pub fn answer(request: &str, tables: &dyn Fn(Region) -> Option<Arc<PriceTable>>) -> String {
    match serde_json::from_str::<Request>(request) {
        Ok(r) => r.answer(tables),
        Err(e) => serde_json::to_string(&Reply {
            id: 0,
            result: Err(format!("unreadable request: {e}")),
        })
        .unwrap_or_default(),
    }
}
