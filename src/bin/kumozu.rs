#![allow(clippy::disallowed_methods)] // native only: the CLI
//! `kumozu`, the command-line tool: the same core as the browser app, for teachers and CI.
//!
//! Exit codes: 0 success, 1 the design has errors (later subcommands), 2 the input or the
//! arguments could not be used (message on stderr). It never panics on user input.

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    /// Every message on stderr goes through this: a label or a file name cannot carry a raw
    /// control character (an escape sequence, a carriage return, a bidirectional override) to
    /// the terminal; it is shown as `\u{…}`. (It shadows the standard macro in this module.)
    macro_rules! eprintln {
        ($($arg:tt)*) => {
            ::std::eprintln!(
                "{}",
                kumozu::core::support::controls::inert(&format!($($arg)*), false)
            )
        };
    }

    use std::io::{Read, Write};
    use std::process::ExitCode;

    use clap::{Parser, Subcommand, ValueEnum};
    use kumozu::core::cost::{self, PriceTable};
    use kumozu::core::course::class;
    use kumozu::core::format::load::{load_json, Loaded};
    use kumozu::core::validate::{self, Severity};
    use kumozu::core::Region;
    use kumozu::core::{templates, to_json, Lang};

    /// kumozu (雲図): check, price and share AWS architecture designs.
    #[derive(Parser)]
    #[command(name = "kumozu", version, about, long_about = None)]
    struct Cli {
        /// Language of messages.
        #[arg(long, value_enum, global = true, default_value_t = LangArg::En)]
        lang: LangArg,
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Clone, Copy, ValueEnum)]
    enum LangArg {
        Ja,
        En,
    }

    impl From<LangArg> for Lang {
        fn from(l: LangArg) -> Lang {
            match l {
                LangArg::Ja => Lang::Ja,
                LangArg::En => Lang::En,
            }
        }
    }

    #[derive(Clone, Copy, ValueEnum)]
    enum Format {
        Text,
        Json,
    }

    #[derive(Clone, Copy, ValueEnum)]
    enum CostFormat {
        Table,
        Json,
        Csv,
    }

    #[derive(Clone, Copy, ValueEnum)]
    enum SheetFormat {
        Text,
        Json,
        Html,
    }

    #[derive(Clone, Copy, ValueEnum)]
    enum GradeFormat {
        Text,
        Csv,
        Html,
        Json,
    }

    #[derive(Clone, Copy, ValueEnum)]
    enum ScenarioArg {
        Low,
        Expected,
        High,
    }

    #[derive(Clone, Copy, ValueEnum)]
    enum ExportTo {
        /// A Mermaid flowchart in the course's style.
        Mermaid,
        /// The cost lines as CSV (same as `estimate --format csv`).
        Csv,
        /// The design document as JSON.
        Json,
        /// A Terraform (HCL) skeleton of the design.
        Terraform,
        /// The diagram as a self-contained SVG image (labels in the `--lang` language).
        Svg,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Export a design to another format.
        Export {
            /// The design file (JSON); `-` reads standard input.
            file: String,
            /// The format.
            #[arg(long, value_enum)]
            to: ExportTo,
        },
        /// Import a Mermaid flowchart (such as the course's) or a design file, printed as JSON.
        Import {
            /// A Mermaid file (`.mmd`, or Markdown with a ```mermaid block) or a design file (JSON); `-` reads standard input.
            file: String,
        },
        /// Arrange a design (or a Mermaid flowchart) as an architecture diagram, printed as JSON:
        /// the request flows left to right, containers fit their contents, cards on a grid.
        Arrange {
            /// A design file (JSON) or a Mermaid file; `-` reads standard input.
            file: String,
        },
        /// Print a share link that holds the whole design (no server involved).
        Share {
            /// The design file (JSON); `-` reads standard input.
            file: String,
            /// Where the app is served, e.g. https://example.com/kumozu/ (default: print only the `#…` fragment).
            #[arg(long)]
            base: Option<String>,
        },
        /// Print the design document held by a share link (a whole URL, `#fragment` or fragment).
        Open {
            /// The link.
            link: String,
        },
        /// Estimate a design's monthly cost from the bundled pricing tables (USD, without tax).
        Estimate {
            /// The design file (JSON); `-` reads standard input.
            file: String,
            /// Price in this region instead of the design's (us-east-1, ap-northeast-1, ap-northeast-3).
            #[arg(long)]
            region: Option<String>,
            /// Output format.
            #[arg(long, value_enum, default_value_t = CostFormat::Table)]
            format: CostFormat,
            /// Auto-scaling case for the lines: min tasks, desired (max at peak hours), max tasks.
            #[arg(long, value_enum, default_value_t = ScenarioArg::Expected)]
            scenario: ScenarioArg,
        },
        /// Check a design file against the course's rules. Exit 0: no errors; 1: errors; 2: unreadable.
        Validate {
            /// The design file (JSON); `-` reads standard input.
            file: String,
            /// Output format.
            #[arg(long, value_enum, default_value_t = Format::Text)]
            format: Format,
        },
        /// Follow one request through a design, hop by hop, or say where and why it stops.
        /// Exit 0: served; 1: it stops; 2: unreadable file or bad request.
        Trace {
            /// The design file (JSON); `-` reads standard input.
            file: String,
            /// The request, `METHOD PATH`: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, or WS for
            /// a WebSocket upgrade; e.g. "GET /api/rooms", "WS /socket.io/?EIO=4". A bare path means GET.
            request: String,
            /// Output format.
            #[arg(long, value_enum, default_value_t = Format::Text)]
            format: Format,
        },
        /// Simulate a day of load on the design's auto-scaled ECS services: the CloudWatch
        /// alarm, tasks added and removed, and the month's cost within the low–high range.
        /// Exit 0; 2: unreadable file, bad curve or unknown service.
        Scale {
            /// The design file (JSON); `-` reads standard input.
            file: String,
            /// A load curve preset, shaped for the service (flat, evening, spike).
            #[arg(long, conflicts_with = "curve", default_value = "evening")]
            preset: String,
            /// Your own curve: 24 hourly or 48 half-hourly values, in percent of one task
            /// (100 = one task fully busy), e.g. "40,30,…".
            #[arg(long)]
            curve: Option<String>,
            /// Show only this ECS service (its id); presets are shaped for it.
            #[arg(long)]
            service: Option<String>,
            /// Output format.
            #[arg(long, value_enum, default_value_t = Format::Text)]
            format: Format,
        },
        /// Compare two designs: nodes, placement, labels, parameters, connections, ALB rules,
        /// settings and cost lines. Exit 0: equal (layout aside); 1: different; 2: bad input.
        Diff {
            /// Design A: a design file (`-` reads standard input), a share link (`#k1.…` or a
            /// URL holding one) or `template:NAME`.
            a: String,
            /// Design B, in the same forms.
            b: String,
            /// Output format.
            #[arg(long, value_enum, default_value_t = Format::Text)]
            format: Format,
        },
        /// What to type into the AWS Pricing Calculator to rebuild the estimate (課題 3), per
        /// calculator service and field, in the design's region. Exit 0; 2: unreadable input.
        Sheet {
            /// The design file (JSON); `-` reads standard input.
            file: String,
            /// Output format (html: a printable fragment).
            #[arg(long, value_enum, default_value_t = SheetFormat::Text)]
            format: SheetFormat,
        },
        /// The chapter's checklist (チェックリスト): its seven points, each ticked when the design
        /// shows it, explained with the design's own nodes. Exit 0: all seven; 1: not yet; 2: bad input.
        Checklist {
            /// The design file (JSON); `-` reads standard input.
            file: String,
            /// Output format.
            #[arg(long, value_enum, default_value_t = Format::Text)]
            format: Format,
        },
        /// Fargate vs EC2: the design's ECS tasks packed onto EC2 instance types, the cheapest
        /// fit beside the Fargate cost, and the trade-offs. Exit 0; 2: bad input.
        Ec2 {
            /// The design file (JSON); `-` reads standard input.
            file: String,
            /// Price in this region instead of the design's (us-east-1, ap-northeast-1, ap-northeast-3).
            #[arg(long)]
            region: Option<String>,
            /// Output format.
            #[arg(long, value_enum, default_value_t = Format::Text)]
            format: Format,
        },
        /// Grade a class against a model answer: one row per student with errors and warnings,
        /// checklist points met, the monthly total and its difference from the model, and the
        /// main differences (nodes, placement, ALB rules). Exit 0: every submission was read;
        /// 1: some could not be (each says why in its row); 2: the model cannot be read.
        Grade {
            /// The model answer: a design file, a share link or `template:NAME`.
            model: String,
            /// Submissions: design files, share links, `template:NAME`, or text files with one
            /// submission a line (`name<TAB>link`, or a bare link named by its line number);
            /// `-` reads standard input.
            #[arg(required = true)]
            submissions: Vec<String>,
            /// Output format (html: a printable report with each student's diagram).
            #[arg(long, value_enum, default_value_t = GradeFormat::Text)]
            format: GradeFormat,
        },
        /// Print a template's design document as JSON (party-box, ec-site, blank).
        Template {
            /// The template's id; omit with --list.
            #[arg(required_unless_present = "list")]
            name: Option<String>,
            /// List the templates instead.
            #[arg(long)]
            list: bool,
        },
    }

    pub fn main() -> ExitCode {
        let cli = Cli::parse();
        let lang: Lang = cli.lang.into();
        match cli.command {
            Command::Validate { file, format } => {
                let loaded = match read_design(&file, lang) {
                    Ok(l) => l,
                    Err(code) => return code,
                };
                validate_cmd(&file, &loaded, format, lang)
            }
            Command::Export { file, to } => {
                let loaded = match read_design(&file, lang) {
                    Ok(l) => l,
                    Err(code) => return code,
                };
                match to {
                    ExportTo::Mermaid => print(&kumozu::core::exchange::mermaid::export(
                        &loaded.design,
                        lang,
                    )),
                    ExportTo::Json => print(&format!("{}\n", to_json(&loaded.design))),
                    ExportTo::Terraform => {
                        // HCL strings read `\uNNNN` as JSON does.
                        write_out(&kumozu::core::support::controls::inert_json(
                            &kumozu::core::exchange::terraform::export(&loaded.design),
                        ))
                    }
                    ExportTo::Svg => {
                        print(&kumozu::core::drawing::svg::to_svg(&loaded.design, lang))
                    }
                    ExportTo::Csv => {
                        estimate_cmd(&loaded, None, CostFormat::Csv, ScenarioArg::Expected, lang)
                    }
                }
            }
            Command::Import { file } => match read_any(&file, lang) {
                Ok(design) => print(&format!("{}\n", to_json(&design))),
                Err(code) => code,
            },
            Command::Arrange { file } => match read_any(&file, lang) {
                Ok(design) => print(&format!(
                    "{}\n",
                    to_json(&kumozu::core::exchange::arrange::arrange(&design))
                )),
                Err(code) => code,
            },
            Command::Share { file, base } => {
                let loaded = match read_design(&file, lang) {
                    Ok(l) => l,
                    Err(code) => return code,
                };
                let version = PriceTable::bundled(loaded.design.region)
                    .ok()
                    .map(|t| t.table_version);
                let fragment =
                    kumozu::core::format::link::encode(&loaded.design, version.as_deref());
                if fragment.len() > kumozu::core::format::link::MAX_LINK_BYTES {
                    eprintln!(
                        "kumozu: {}",
                        match lang {
                            Lang::Ja =>
                                "この設計はリンクには大きすぎます。ファイルで共有してください",
                            Lang::En =>
                                "this design is too large for a link; share the file instead",
                        }
                    );
                    return ExitCode::from(2);
                }
                print(&format!("{}#{fragment}\n", base.unwrap_or_default()))
            }
            Command::Open { link } => match kumozu::core::format::link::decode(link.trim()) {
                Ok(decoded) => {
                    for note in &decoded.notes {
                        eprintln!("kumozu: note: {note}");
                    }
                    print(&format!("{}\n", to_json(&decoded.design)))
                }
                Err(e) => {
                    eprintln!("kumozu: {}", e.message(lang));
                    ExitCode::from(2)
                }
            },
            Command::Estimate {
                file,
                region,
                format,
                scenario,
            } => {
                let loaded = match read_design(&file, lang) {
                    Ok(l) => l,
                    Err(code) => return code,
                };
                estimate_cmd(&loaded, region.as_deref(), format, scenario, lang)
            }
            Command::Trace {
                file,
                request,
                format,
            } => {
                let request = match kumozu::core::course::trace::Request::parse(&request) {
                    Ok(r) => r,
                    Err(e) => {
                        eprintln!("kumozu: {}", e.message().get(lang));
                        return ExitCode::from(2);
                    }
                };
                let loaded = match read_design(&file, lang) {
                    Ok(l) => l,
                    Err(code) => return code,
                };
                trace_cmd(&file, &loaded, &request, format, lang)
            }
            Command::Scale {
                file,
                preset,
                curve,
                service,
                format,
            } => {
                let loaded = match read_design(&file, lang) {
                    Ok(l) => l,
                    Err(code) => return code,
                };
                scale_cmd(
                    &file,
                    &loaded,
                    &preset,
                    curve.as_deref(),
                    service.as_deref(),
                    format,
                    lang,
                )
            }
            Command::Diff { a, b, format } => {
                let da = match read_side(&a, lang) {
                    Ok(d) => d,
                    Err(code) => return code,
                };
                let db = match read_side(&b, lang) {
                    Ok(d) => d,
                    Err(code) => return code,
                };
                diff_cmd(&a, &b, &da, &db, format, lang)
            }
            Command::Sheet { file, format } => {
                let loaded = match read_design(&file, lang) {
                    Ok(l) => l,
                    Err(code) => return code,
                };
                sheet_cmd(&loaded, format, lang)
            }
            Command::Checklist { file, format } => {
                let loaded = match read_design(&file, lang) {
                    Ok(l) => l,
                    Err(code) => return code,
                };
                checklist_cmd(&file, &loaded, format, lang)
            }
            Command::Ec2 {
                file,
                region,
                format,
            } => {
                let loaded = match read_design(&file, lang) {
                    Ok(l) => l,
                    Err(code) => return code,
                };
                ec2_cmd(&file, &loaded, region.as_deref(), format, lang)
            }
            Command::Grade {
                model,
                submissions,
                format,
            } => {
                let design = match read_side(&model, lang) {
                    Ok(d) => d,
                    Err(code) => return code,
                };
                grade_cmd(&model, design, &submissions, format, lang)
            }
            Command::Template { list: true, .. } => {
                let mut out = String::new();
                for t in templates::TEMPLATES {
                    out.push_str(&format!(
                        "{:<10} {} — {}\n",
                        t.id,
                        t.name.get(lang),
                        t.about.get(lang)
                    ));
                }
                print(&out)
            }
            Command::Template { name, .. } => {
                let name = name.unwrap_or_default();
                let Some(template) = templates::find(&name) else {
                    let known: Vec<_> = templates::TEMPLATES.iter().map(|t| t.id).collect();
                    let msg = match lang {
                        Lang::Ja => format!(
                            "テンプレート \"{name}\" はありません (あるもの: {})",
                            known.join(", ")
                        ),
                        Lang::En => {
                            format!("no template \"{name}\" (known: {})", known.join(", "))
                        }
                    };
                    eprintln!("kumozu: {msg}");
                    return ExitCode::from(2);
                };
                match template.start() {
                    Ok(design) => print(&format!("{}\n", to_json(&design))),
                    Err(e) => {
                        eprintln!("kumozu: template {}: {}", template.id, e.message(lang));
                        ExitCode::from(2)
                    }
                }
            }
        }
    }

    /// Reads a design file or a Mermaid flowchart (imported), reporting the loader's notes or
    /// the importer's warnings on stderr; on failure prints the reason and gives exit 2.
    fn read_any(file: &str, lang: Lang) -> Result<kumozu::core::Design, ExitCode> {
        let text = read_text(file, lang)?;
        let fail = |message: String| {
            eprintln!("kumozu: {file}: {message}");
            ExitCode::from(2)
        };
        if text.trim_start().starts_with('{') {
            // A design file: checked by the loader.
            let loaded = load_json(&text).map_err(|e| fail(e.message(lang)))?;
            for note in &loaded.notes {
                eprintln!("kumozu: {file}: note: {note}");
            }
            return Ok(loaded.design);
        }
        let imported =
            kumozu::core::exchange::mermaid::import(&text).map_err(|e| fail(e.message(lang)))?;
        for w in &imported.warnings {
            eprintln!("kumozu: {file}: {}", w.get(lang));
        }
        Ok(imported.design)
    }

    /// Reads and loads a design file; on failure prints the reason on stderr and gives exit 2.
    fn read_design(file: &str, lang: Lang) -> Result<Loaded, ExitCode> {
        let text = read_text(file, lang)?;
        let loaded = load_json(&text).map_err(|e| {
            eprintln!("kumozu: {file}: {}", e.message(lang));
            ExitCode::from(2)
        })?;
        for note in &loaded.notes {
            eprintln!("kumozu: {file}: note: {note}");
        }
        Ok(loaded)
    }

    /// What stops an input from being read as text.
    enum ReadProblem {
        Io(std::io::Error),
        /// Over the input limit (MiB).
        TooLarge(usize),
        NotUtf8,
    }

    /// Reads a text file (`-`: standard input, or any device or pipe), at most
    /// [`MAX_INPUT_BYTES`](kumozu::core::format::load::MAX_INPUT_BYTES) plus one byte: an input
    /// beyond the limit is refused without being read further, so `/dev/zero`, an endless pipe
    /// or a huge file costs no more than the limit in memory. A leading UTF-8 byte-order mark
    /// is dropped.
    fn read_limited(file: &str) -> Result<String, ReadProblem> {
        let limit = kumozu::core::format::load::MAX_INPUT_BYTES;
        let bytes = if file == "-" {
            read_at_most(std::io::stdin().lock(), limit)
        } else {
            std::fs::File::open(file).and_then(|f| read_at_most(f, limit))
        }
        .map_err(ReadProblem::Io)?;
        if bytes.len() > limit {
            return Err(ReadProblem::TooLarge(limit / (1024 * 1024)));
        }
        let mut text = String::from_utf8(bytes).map_err(|_| ReadProblem::NotUtf8)?;
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        Ok(text)
    }

    /// [`read_limited`], or on failure prints why and gives exit 2.
    fn read_text(file: &str, lang: Lang) -> Result<String, ExitCode> {
        read_limited(file).map_err(|problem| {
            match (problem, lang) {
                (ReadProblem::Io(e), Lang::Ja) => eprintln!("kumozu: {file} を読めません: {e}"),
                (ReadProblem::Io(e), Lang::En) => eprintln!("kumozu: cannot read {file}: {e}"),
                (ReadProblem::TooLarge(mib), Lang::Ja) => eprintln!(
                    "kumozu: {file}: 大きすぎます ({mib} MiB まで)。それより先は読んでいません"
                ),
                (ReadProblem::TooLarge(mib), Lang::En) => eprintln!(
                    "kumozu: {file}: larger than {mib} MiB, the most a design may be; not read further"
                ),
                (ReadProblem::NotUtf8, Lang::Ja) => {
                    eprintln!("kumozu: {file}: UTF-8 のテキストではありません")
                }
                (ReadProblem::NotUtf8, Lang::En) => eprintln!("kumozu: {file}: not UTF-8 text"),
            }
            ExitCode::from(2)
        })
    }

    /// Up to `limit + 1` bytes of `input` (one more than allowed says it is too large).
    fn read_at_most(input: impl Read, limit: usize) -> std::io::Result<Vec<u8>> {
        let mut buf = Vec::new();
        input.take(limit as u64 + 1).read_to_end(&mut buf)?;
        Ok(buf)
    }

    fn validate_cmd(file: &str, loaded: &Loaded, format: Format, lang: Lang) -> ExitCode {
        let findings = validate::validate(&loaded.design);
        let (errors, warnings, infos) = validate::counts(&findings);
        let out = match format {
            Format::Json => {
                let doc = serde_json::json!({
                    "format": "kumozu-findings",
                    "version": 1,
                    "file": file,
                    "summary": { "errors": errors, "warnings": warnings, "infos": infos },
                    "findings": findings.iter().map(|f| {
                        let mut v = serde_json::to_value(f).expect("a finding serialises");
                        if let Some(why) = validate::why(f.rule) {
                            v["why"] = serde_json::json!({ "ja": why.ja, "en": why.en });
                        }
                        v
                    }).collect::<Vec<_>>(),
                });
                format!(
                    "{}\n",
                    serde_json::to_string_pretty(&doc).expect("findings serialise")
                )
            }
            Format::Text => {
                let mut out = match lang {
                    Lang::Ja => {
                        format!("{file}: エラー {errors} 件、警告 {warnings} 件、情報 {infos} 件\n")
                    }
                    Lang::En => {
                        format!("{file}: {errors} error(s), {warnings} warning(s), {infos} info\n")
                    }
                };
                for f in &findings {
                    out.push_str(&format!(
                        "\n{}[{}] {}\n",
                        f.severity.name(lang),
                        f.rule,
                        f.message.get(lang)
                    ));
                    let ids: Vec<&str> = f
                        .nodes
                        .iter()
                        .map(|n| n.as_str())
                        .chain(f.edges.iter().map(|e| e.as_str()))
                        .collect();
                    if !ids.is_empty() {
                        out.push_str(&format!("  @ {}\n", ids.join(", ")));
                    }
                    let (why, fix) = match lang {
                        Lang::Ja => ("理由", "直し方"),
                        Lang::En => ("why", "fix"),
                    };
                    out.push_str(&format!(
                        "  {why}: {}\n  {fix}: {}\n",
                        validate::why(f.rule).map_or("", |why| why.get(lang)),
                        f.fix.get(lang)
                    ));
                }
                out
            }
        };
        let code = print(&out);
        if code != ExitCode::SUCCESS {
            return code;
        }
        if findings.iter().any(|f| f.severity == Severity::Error) {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }

    fn trace_cmd(
        file: &str,
        loaded: &Loaded,
        request: &kumozu::core::course::trace::Request,
        format: Format,
        lang: Lang,
    ) -> ExitCode {
        use kumozu::core::course::trace;
        let t = trace::trace(&loaded.design, request);
        let out = match format {
            Format::Json => {
                let mut doc = t.to_json();
                doc["file"] = serde_json::Value::from(file);
                format!(
                    "{}\n",
                    serde_json::to_string_pretty(&doc).expect("a trace serialises")
                )
            }
            Format::Text => format!("{file}: {request}\n{}", trace::render_text(&t, lang)),
        };
        let code = print(&out);
        if code != ExitCode::SUCCESS || t.served() {
            code
        } else {
            ExitCode::from(1)
        }
    }

    /// Reads one side of `diff`: `template:NAME`, a share link (`#k1.…`, a URL holding one, or
    /// the bare `k1.…` fragment when no file has that name), or a design file (`-`: stdin).
    fn read_side(arg: &str, lang: Lang) -> Result<kumozu::core::Design, ExitCode> {
        if let Some(name) = arg.strip_prefix("template:") {
            let Some(template) = templates::find(name) else {
                let known: Vec<_> = templates::TEMPLATES.iter().map(|t| t.id).collect();
                eprintln!(
                    "kumozu: {}",
                    match lang {
                        Lang::Ja => format!(
                            "テンプレート \"{name}\" はありません (あるもの: {})",
                            known.join(", ")
                        ),
                        Lang::En => format!("no template \"{name}\" (known: {})", known.join(", ")),
                    }
                );
                return Err(ExitCode::from(2));
            };
            return template.start().map_err(|e| {
                eprintln!("kumozu: template {}: {}", template.id, e.message(lang));
                ExitCode::from(2)
            });
        }
        let looks_like_fragment = arg.split_once('.').is_some_and(|(tag, _)| {
            tag.len() > 1 && tag.starts_with('k') && tag[1..].bytes().all(|c| c.is_ascii_digit())
        });
        let is_link = arg.starts_with('#')
            || arg.contains("://")
            || (looks_like_fragment && arg != "-" && !std::path::Path::new(arg).exists());
        if is_link {
            let shown: String = if arg.chars().count() > 40 {
                format!("{}…", arg.chars().take(40).collect::<String>())
            } else {
                arg.to_owned()
            };
            return match kumozu::core::format::link::decode(arg.trim()) {
                Ok(decoded) => {
                    for note in &decoded.notes {
                        eprintln!("kumozu: {shown}: note: {note}");
                    }
                    Ok(decoded.design)
                }
                Err(e) => {
                    eprintln!("kumozu: {shown}: {}", e.message(lang));
                    Err(ExitCode::from(2))
                }
            };
        }
        read_design(arg, lang).map(|l| l.design)
    }

    fn scale_cmd(
        file: &str,
        loaded: &Loaded,
        preset: &str,
        curve: Option<&str>,
        service: Option<&str>,
        format: Format,
        lang: Lang,
    ) -> ExitCode {
        use kumozu::core::course::autoscale::{self, Curve, Preset, Setup};
        use kumozu::core::{Kind, NodeId};
        let design = &loaded.design;
        let services: Vec<_> = design
            .nodes
            .values()
            .filter(|n| n.kind == Kind::EcsService)
            .collect();
        let chosen = match service {
            None => None,
            Some(id) => match services.iter().find(|n| n.id.as_str() == id) {
                Some(n) => Some(*n),
                None => {
                    let known: Vec<_> = services.iter().map(|n| n.id.as_str()).collect();
                    eprintln!(
                        "kumozu: {}",
                        match lang {
                            Lang::Ja => format!(
                                "ECS サービス \"{id}\" はありません (あるもの: {})",
                                known.join(", ")
                            ),
                            Lang::En =>
                                format!("no ECS service \"{id}\" (known: {})", known.join(", ")),
                        }
                    );
                    return ExitCode::from(2);
                }
            },
        };
        let curve = match curve {
            Some(text) => match Curve::parse(text) {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("kumozu: {}", e.message().get(lang));
                    return ExitCode::from(2);
                }
            },
            None => {
                let Some(p) = Preset::from_id(preset) else {
                    let known: Vec<_> = Preset::ALL.iter().map(|p| p.id()).collect();
                    eprintln!(
                        "kumozu: {}",
                        match lang {
                            Lang::Ja => format!(
                                "プリセット \"{preset}\" はありません (あるもの: {})",
                                known.join(", ")
                            ),
                            Lang::En =>
                                format!("no preset \"{preset}\" (known: {})", known.join(", ")),
                        }
                    );
                    return ExitCode::from(2);
                };
                // Shaped for the chosen service, else the first auto-scaled one.
                let reference = chosen
                    .or_else(|| services.iter().copied().find(|n| !Setup::of(n).fixed))
                    .or_else(|| services.first().copied());
                match reference {
                    Some(n) => p.curve(&Setup::of(n)),
                    None => p.curve(&Setup::of(&kumozu::core::Node::new(
                        "_",
                        Kind::EcsService,
                        kumozu::core::Point::default(),
                    ))),
                }
            }
        };
        let table = match PriceTable::bundled(design.region) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("kumozu: pricing table {}: {e}", design.region);
                return ExitCode::from(2);
            }
        };
        let sim = autoscale::simulate(design, &curve, &table);
        let only = chosen.map(|n| n.id.clone());
        let out = match format {
            Format::Json => {
                let mut doc = sim.to_json();
                doc["file"] = serde_json::Value::from(file);
                if let (Some(id), Some(list)) = (&only, doc["services"].as_array_mut()) {
                    list.retain(|s| s["service"] == id.as_str());
                }
                format!(
                    "{}\n",
                    serde_json::to_string_pretty(&doc).expect("a simulation serialises")
                )
            }
            Format::Text => format!(
                "{file}\n{}",
                autoscale::render_text(&sim, lang, only.as_ref().map(|i: &NodeId| i))
            ),
        };
        print(&out)
    }

    fn diff_cmd(
        a: &str,
        b: &str,
        da: &kumozu::core::Design,
        db: &kumozu::core::Design,
        format: Format,
        lang: Lang,
    ) -> ExitCode {
        use kumozu::core::course::compare;
        let tables = (
            PriceTable::bundled(da.region),
            PriceTable::bundled(db.region),
        );
        let d = match tables {
            (Ok(ta), Ok(tb)) => compare::diff_priced(da, db, &ta, &tb),
            (Err(e), _) | (_, Err(e)) => {
                eprintln!("kumozu: pricing table: {e}");
                return ExitCode::from(2);
            }
        };
        let out = match format {
            Format::Json => {
                let mut doc = d.to_json();
                doc["a"] = serde_json::Value::from(a);
                doc["b"] = serde_json::Value::from(b);
                format!(
                    "{}\n",
                    serde_json::to_string_pretty(&doc).expect("a diff serialises")
                )
            }
            Format::Text => format!("A: {a}\nB: {b}\n{}", compare::render_text(&d, lang)),
        };
        let code = print(&out);
        if code != ExitCode::SUCCESS || d.is_equal() {
            code
        } else {
            ExitCode::from(1)
        }
    }

    /// The submissions named on the command line: `template:NAME` (a template as the app and
    /// `kumozu template` start it), links as they are (named by their place among the
    /// arguments), design files by their path, list files line by line. Each file is read up
    /// to the input limit plus one byte. What cannot be read becomes a submission with its
    /// problem.
    fn submissions(args: &[String]) -> Vec<class::Submission> {
        use kumozu::core::validate::Message;
        let mut out = Vec::new();
        for (i, arg) in args.iter().enumerate() {
            if let Some(name) = arg.strip_prefix("template:") {
                let design = match templates::find(name) {
                    Some(t) => t
                        .start()
                        .map_err(|e| Message::new(e.message(Lang::Ja), e.message(Lang::En))),
                    None => Err(Message::new(
                        format!("テンプレート \"{name}\" はありません"),
                        format!("no template \"{name}\""),
                    )),
                };
                out.push(class::Submission {
                    name: arg.clone(),
                    design,
                });
                continue;
            }
            if arg != "-" && class::looks_like_link(arg) && !std::path::Path::new(arg).exists() {
                out.push(class::Submission {
                    name: (i + 1).to_string(),
                    design: class::open_link(arg),
                });
                continue;
            }
            let text = read_limited(arg).map_err(|problem| match problem {
                ReadProblem::Io(e) => {
                    Message::new(format!("読めません: {e}"), format!("cannot be read: {e}"))
                }
                ReadProblem::TooLarge(mib) => Message::new(
                    format!("大きすぎます ({mib} MiB まで)。それより先は読んでいません"),
                    format!("larger than {mib} MiB; not read further"),
                ),
                ReadProblem::NotUtf8 => {
                    Message::new("UTF-8 のテキストではありません", "not UTF-8 text")
                }
            });
            match text {
                Ok(t) if t.trim_start().starts_with('{') => out.push(class::Submission {
                    name: arg.clone(),
                    design: class::open_file_text(&t),
                }),
                Ok(t) => out.extend(
                    class::parse_list(&t)
                        .iter()
                        .map(class::Submission::from_entry),
                ),
                Err(problem) => out.push(class::Submission {
                    name: arg.clone(),
                    design: Err(problem),
                }),
            }
        }
        out
    }

    fn grade_cmd(
        model_name: &str,
        model: kumozu::core::Design,
        args: &[String],
        format: GradeFormat,
        lang: Lang,
    ) -> ExitCode {
        // Every bundled table, parsed once.
        let bundled: Vec<(Region, std::sync::Arc<PriceTable>)> = Region::ALL
            .iter()
            .filter_map(|r| Some((*r, std::sync::Arc::new(PriceTable::bundled(*r).ok()?))))
            .collect();
        let tables = |r: Region| {
            bundled
                .iter()
                .find(|(x, _)| *x == r)
                .map(|(_, t)| t.clone())
        };
        let c = class::grade(model_name, model, submissions(args), &tables);
        let out = match format {
            GradeFormat::Text => class::render_text(&c, lang),
            GradeFormat::Csv => class::to_csv(&c, lang),
            GradeFormat::Html => class::to_html(&c, lang),
            GradeFormat::Json => format!(
                "{}\n",
                serde_json::to_string_pretty(&c.to_json(lang)).expect("a class serialises")
            ),
        };
        for r in c.rows.iter().filter(|r| !r.is_read()) {
            if let Some(p) = &r.problem {
                eprintln!("kumozu: {}: {}", r.name, p.get(lang));
            }
        }
        let code = print(&out);
        if code != ExitCode::SUCCESS || c.unread() == 0 {
            code
        } else {
            ExitCode::from(1)
        }
    }

    fn ec2_cmd(
        file: &str,
        loaded: &Loaded,
        region: Option<&str>,
        format: Format,
        lang: Lang,
    ) -> ExitCode {
        use kumozu::core::course::ec2;
        let table = match bundled_table(region.unwrap_or(loaded.design.region.code()), lang) {
            Ok(t) => t,
            Err(code) => return code,
        };
        let c = ec2::compare(&loaded.design, &table);
        let out = match format {
            Format::Json => {
                let mut doc = c.to_json(lang);
                doc["file"] = serde_json::Value::from(file);
                format!(
                    "{}\n",
                    serde_json::to_string_pretty(&doc).expect("a comparison serialises")
                )
            }
            Format::Text => format!("{file}\n{}", ec2::render_text(&c, lang)),
        };
        print(&out)
    }

    fn checklist_cmd(file: &str, loaded: &Loaded, format: Format, lang: Lang) -> ExitCode {
        use kumozu::core::course::checklist;
        let table = PriceTable::bundled(loaded.design.region).ok();
        let items = checklist::checklist(&loaded.design, table.as_ref());
        let out = match format {
            Format::Json => {
                let mut doc = checklist::to_json(&items);
                doc["file"] = serde_json::Value::from(file);
                format!(
                    "{}\n",
                    serde_json::to_string_pretty(&doc).expect("a checklist serialises")
                )
            }
            Format::Text => format!("{file}\n{}", checklist::render_text(&items, lang)),
        };
        let code = print(&out);
        if code != ExitCode::SUCCESS || checklist::ticked(&items) == items.len() {
            code
        } else {
            ExitCode::from(1)
        }
    }

    /// The bundled pricing table of the region `code`; on failure prints why and gives exit 2.
    fn bundled_table(code: &str, lang: Lang) -> Result<PriceTable, ExitCode> {
        let Some(region) = Region::from_code(code) else {
            let known: Vec<_> = Region::ALL.iter().map(|r| r.code()).collect();
            eprintln!(
                "kumozu: {}",
                match lang {
                    Lang::Ja =>
                        format!("未対応のリージョン \"{code}\" (対応: {})", known.join(", ")),
                    Lang::En => format!("unknown region \"{code}\" (known: {})", known.join(", ")),
                }
            );
            return Err(ExitCode::from(2));
        };
        PriceTable::bundled(region).map_err(|e| {
            eprintln!("kumozu: pricing table {region}: {e}");
            ExitCode::from(2)
        })
    }

    fn estimate_cmd(
        loaded: &Loaded,
        region: Option<&str>,
        format: CostFormat,
        scenario: ScenarioArg,
        lang: Lang,
    ) -> ExitCode {
        let region = match region {
            None => loaded.design.region,
            Some(code) => match Region::from_code(code) {
                Some(r) => r,
                None => {
                    let known: Vec<_> = Region::ALL.iter().map(|r| r.code()).collect();
                    eprintln!(
                        "kumozu: {}",
                        match lang {
                            Lang::Ja => format!(
                                "未対応のリージョン \"{code}\" (対応: {})",
                                known.join(", ")
                            ),
                            Lang::En =>
                                format!("unknown region \"{code}\" (known: {})", known.join(", ")),
                        }
                    );
                    return ExitCode::from(2);
                }
            },
        };
        let table = match PriceTable::bundled(region) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("kumozu: pricing table {region}: {e}");
                return ExitCode::from(2);
            }
        };
        let range = cost::estimate_range(&loaded.design, &table);
        let e = match scenario {
            ScenarioArg::Low => &range.low,
            ScenarioArg::Expected => &range.expected,
            ScenarioArg::High => &range.high,
        };
        let out = match format {
            CostFormat::Csv => cost::csv::to_csv(e, lang),
            CostFormat::Json => {
                format!(
                    "{}\n",
                    serde_json::to_string_pretty(&estimate_json(e, &range, lang))
                        .expect("serialises")
                )
            }
            CostFormat::Table => estimate_table(&loaded.design, e, &range, lang),
        };
        print(&out)
    }

    fn num(d: rust_decimal::Decimal) -> serde_json::Value {
        // Decimal → JSON number: whole numbers as integers, others as the shortest f64 that
        // prints the same (215.38 stays 215.38).
        let text = d.normalize().to_string();
        if let Ok(i) = text.parse::<i64>() {
            return serde_json::Value::from(i);
        }
        text.parse::<f64>()
            .map(serde_json::Value::from)
            .unwrap_or(serde_json::Value::Null)
    }

    fn estimate_json(
        e: &cost::Estimate,
        range: &cost::EstimateRange,
        _lang: Lang,
    ) -> serde_json::Value {
        let lines: Vec<serde_json::Value> = e
            .lines
            .iter()
            .map(|l| {
                serde_json::json!({
                    "node": l.node.as_ref().map(|n| n.as_str()),
                    "kind": l.kind.map(|k| k.id()),
                    "component": { "ja": l.component.ja, "en": l.component.en },
                    "quantity": num(l.quantity),
                    "unit": l.unit,
                    "unit_price_usd": l.unit_price.map(num),
                    "monthly_usd": l.monthly.map(|m| num(cost::cents(m))),
                    "status": cost::csv::status_id(&l.status),
                    "reason": match &l.status {
                        cost::LineStatus::Free(t) => Some(serde_json::json!({ "ja": t.ja, "en": t.en })),
                        cost::LineStatus::Unknown(r) | cost::LineStatus::UnpricedButUnused(r) =>
                            Some(serde_json::json!({ "ja": r.ja, "en": r.en })),
                        cost::LineStatus::Priced => None,
                    },
                    "formula": l.formula,
                    "price_key": l.price_key,
                    "source": l.source.as_ref().map(|s| serde_json::json!({
                        "source": s.source, "date": s.source_date, "trust": s.trust.as_str(),
                    })),
                })
            })
            .collect();
        serde_json::json!({
            "format": "kumozu-estimate",
            "version": 1,
            "region": e.region.code(),
            "pricing_table_version": e.table_version,
            "scenario": e.scenario.id(),
            "hours_per_month": num(e.hours_per_month),
            "currency": "USD",
            "total_monthly_usd": num(e.total_monthly_usd),
            "per_day_usd": num(e.per_day_usd()),
            "range_monthly_usd": {
                "low": num(range.low.total_monthly_usd),
                "expected": num(range.expected.total_monthly_usd),
                "high": num(range.high.total_monthly_usd),
            },
            "unknown_lines": e.unknown_lines,
            "lines": lines,
        })
    }

    fn estimate_table(
        design: &kumozu::core::Design,
        e: &cost::Estimate,
        range: &cost::EstimateRange,
        lang: Lang,
    ) -> String {
        let label = |l: &cost::CostLine| match &l.node {
            Some(id) => design
                .nodes
                .get(id)
                .map(|n| n.display_label(lang).to_owned())
                .unwrap_or_else(|| id.to_string()),
            None => match lang {
                Lang::Ja => "(構成全体)".to_owned(),
                Lang::En => "(design)".to_owned(),
            },
        };
        let rows: Vec<[String; 4]> = e
            .lines
            .iter()
            .map(|l| {
                let amount = match (&l.status, l.monthly) {
                    (cost::LineStatus::Free(_), _) => match lang {
                        Lang::Ja => "無料".to_owned(),
                        Lang::En => "free".to_owned(),
                    },
                    (_, Some(m)) => cost::fmt_usd(m),
                    (_, None) => match lang {
                        Lang::Ja => "価格不明".to_owned(),
                        Lang::En => "price unknown".to_owned(),
                    },
                };
                let qty = if l.unit.is_empty() {
                    String::new()
                } else {
                    format!("{} {}", cost::fmt_num(l.quantity), l.unit)
                };
                [label(l), l.component.get(lang).to_owned(), qty, amount]
            })
            .collect();
        let width = |i: usize| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0);
        let (w0, w1, w2) = (width(0), width(1), width(2));
        let pad =
            |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.chars().count())));
        let mut out = match lang {
            Lang::Ja => format!(
                "リージョン {} · 料金表 {} · {} 時間/月 · ケース {}\n\n",
                e.region.code(),
                e.table_version,
                cost::fmt_num(e.hours_per_month),
                e.scenario.id()
            ),
            Lang::En => format!(
                "region {} · pricing table {} · {} h/month · case {}\n\n",
                e.region.code(),
                e.table_version,
                cost::fmt_num(e.hours_per_month),
                e.scenario.id()
            ),
        };
        for r in &rows {
            out.push_str(&format!(
                "{}  {}  {}  {:>12}\n",
                pad(&r[0], w0),
                pad(&r[1], w1),
                pad(&r[2], w2),
                r[3]
            ));
        }
        let (total, range_word, day, unknown) = match lang {
            Lang::Ja => (
                "月額合計",
                "範囲 (最小〜最大タスク)",
                "1 日あたり",
                "価格不明の行",
            ),
            Lang::En => (
                "Monthly total",
                "Range (min to max tasks)",
                "Per day",
                "Lines with unknown price",
            ),
        };
        out.push_str(&format!(
            "\n{total}: {} (USD, {})\n{range_word}: {} – {}\n{day}: {}\n",
            cost::fmt_usd(e.total_monthly_usd),
            match lang {
                Lang::Ja => "税抜",
                Lang::En => "before tax",
            },
            cost::fmt_usd(range.low.total_monthly_usd),
            cost::fmt_usd(range.high.total_monthly_usd),
            cost::fmt_usd(e.per_day_usd()),
        ));
        if e.unknown_lines > 0 {
            out.push_str(&format!("{unknown}: {}\n", e.unknown_lines));
        }
        out
    }

    fn sheet_cmd(loaded: &Loaded, format: SheetFormat, lang: Lang) -> ExitCode {
        use kumozu::core::course::sheet;
        let table = match PriceTable::bundled(loaded.design.region) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("kumozu: pricing table {}: {e}", loaded.design.region);
                return ExitCode::from(2);
            }
        };
        let s = sheet::sheet(&loaded.design, &table);
        let out = match format {
            SheetFormat::Text => sheet::render_text(&s, lang),
            SheetFormat::Json => format!(
                "{}\n",
                serde_json::to_string_pretty(&s.to_json()).expect("a sheet serialises")
            ),
            SheetFormat::Html => format!("{}\n", sheet::to_html(&s, lang)),
        };
        print(&out)
    }

    /// Writes an output to stdout with no raw control character in it: JSON (`{`, `[`) with
    /// them as `\uNNNN` (the same value), markup (SVG, HTML) as character references, any other
    /// text (reports, tables, CSV, Mermaid) as `\u{…}`. Line breaks and tabs stay.
    fn print(s: &str) -> ExitCode {
        use kumozu::core::support::controls::{inert, inert_json, inert_markup};
        let head = s.trim_start();
        if head.starts_with(['{', '[']) {
            write_out(&inert_json(s))
        } else if head.starts_with('<') {
            write_out(&inert_markup(s))
        } else {
            write_out(&inert(s, true))
        }
    }

    /// Writes to stdout; a closed pipe (`kumozu template x | head`) is not an error.
    fn write_out(s: &str) -> ExitCode {
        let mut out = std::io::stdout().lock();
        match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("kumozu: cannot write output: {e}");
                ExitCode::from(2)
            }
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
