//! `kumozu`, the command-line tool: the same core as the browser app, for teachers and CI.
//!
//! Exit codes: 0 success, 1 the design has errors (later subcommands), 2 the input or the
//! arguments could not be used (message on stderr). It never panics on user input.

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::io::Write;
    use std::process::ExitCode;

    use clap::{Parser, Subcommand, ValueEnum};
    use kumozu::core::load::{load_json, Loaded};
    use kumozu::core::validate::{self, Severity};
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

    #[derive(Subcommand)]
    enum Command {
        /// Check a design file against the course's rules. Exit 0: no errors; 1: errors; 2: unreadable.
        Validate {
            /// The design file (JSON); `-` reads standard input.
            file: String,
            /// Output format.
            #[arg(long, value_enum, default_value_t = Format::Text)]
            format: Format,
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
                match template.design() {
                    Ok(design) => print(&format!("{}\n", to_json(&design))),
                    Err(e) => {
                        eprintln!("kumozu: template {}: {}", template.id, e.message(lang));
                        ExitCode::from(2)
                    }
                }
            }
        }
    }

    /// Reads and loads a design file; on failure prints the reason on stderr and gives exit 2.
    fn read_design(file: &str, lang: Lang) -> Result<Loaded, ExitCode> {
        let bytes = if file == "-" {
            let mut buf = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut buf).map(|_| buf)
        } else {
            std::fs::read(file)
        };
        let bytes = bytes.map_err(|e| {
            match lang {
                Lang::Ja => eprintln!("kumozu: {file} を読めません: {e}"),
                Lang::En => eprintln!("kumozu: cannot read {file}: {e}"),
            }
            ExitCode::from(2)
        })?;
        let text = String::from_utf8(bytes).map_err(|_| {
            match lang {
                Lang::Ja => eprintln!("kumozu: {file}: UTF-8 のテキストではありません"),
                Lang::En => eprintln!("kumozu: {file}: not UTF-8 text"),
            }
            ExitCode::from(2)
        })?;
        let loaded = load_json(&text).map_err(|e| {
            eprintln!("kumozu: {file}: {}", e.message(lang));
            ExitCode::from(2)
        })?;
        for note in &loaded.notes {
            eprintln!("kumozu: {file}: note: {note}");
        }
        Ok(loaded)
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
                    "findings": findings,
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
                        f.why.get(lang),
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

    /// Writes to stdout; a closed pipe (`kumozu template x | head`) is not an error.
    fn print(s: &str) -> ExitCode {
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
