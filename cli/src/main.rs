//! `dockwright`: the command-line front end of the engine.
//!
//! presets | render (--preset NAME | --config FILE | --link URL) --out DIR |
//! zip (same inputs) -o FILE | link --config FILE [--include-secrets] | schema |
//! import FILE... [-f OVERRIDE]... [--env-file FILE]... [--app NAME] [--repo DIR] [--json] |
//! stack (inputs) [--env ENV] [--json | --svg] | compare (inputs) --env A --env B [--json]

use dockwright_engine::output::kubernetes;
use dockwright_engine::secret::{fill_missing_secrets, Entropy};
use dockwright_engine::{archive, presets, schema, share, stack, Config, Generation};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Operating-system CSPRNG.
struct OsEntropy;

impl Entropy for OsEntropy {
    fn fill(&mut self, buf: &mut [u8]) {
        if let Err(e) = getrandom::fill(buf) {
            eprintln!("error: no secure random source available: {e}");
            std::process::exit(2);
        }
    }
}

const USAGE: &str = "usage:
  dockwright presets
  dockwright render (--preset NAME | --config FILE | --link URL) --out DIR [--only k8s|docker]
  dockwright zip (--preset NAME | --config FILE | --link URL) -o FILE [--only k8s|docker]
      --only k8s: just the Kubernetes tree (k8s/, KUBERNETES.md), switched on if the
      configuration has it off; --only docker: everything else
  dockwright link (--preset NAME | --config FILE) [--include-secrets]
  dockwright config (--preset NAME | --link URL) [--include-secrets] [--json]   print an editable config file
  dockwright schema
  dockwright stack (--preset NAME | --config FILE | --link URL) [--env ENV] [--json | --svg]
      what each environment runs (every compose file merged): services, images, published
      ports, volumes, who waits for whom; --svg draws one environment (the first by default)
  dockwright compare (--preset NAME | --config FILE | --link URL) --env A --env B [--json]
      two environments side by side, each differing setting marked `*`
  dockwright import FILE... [-f OVERRIDE]... [--env-file FILE]... [--app NAME] [--repo DIR] [--json]
      read compose files into a configuration (stdout); what is not carried over is a
      `warning: <compose path>: <message>` line on stderr; fails only on unreadable input";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// `dockwright import`: compose files (the first is the base, then each override) to a
/// configuration on stdout, warnings on stderr.
fn import(args: &[String]) -> Result<(), String> {
    use dockwright_engine::import::loader::{self, SourceFile};
    use dockwright_engine::import::{import, ImportInput};
    let read = |path: &str| -> Result<SourceFile, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("error: {path}: {e}"))?;
        Ok(SourceFile {
            path: path.to_string(),
            text,
        })
    };
    let mut input = ImportInput::default();
    let mut json = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| option_value(&mut it, name);
        match arg.as_str() {
            "-f" | "--file" => input.compose.push(read(&value(arg)?)?),
            "--env-file" => input.env_files.push(read(&value(arg)?)?),
            "--app" => input.app = Some(value(arg)?),
            "--repo" => {
                let dir = PathBuf::from(value(arg)?);
                let mut files = dockwright_engine::import::repository::RepoFiles::new();
                for name in dockwright_engine::import::repository::FILES {
                    // Lockfiles count by presence; bun.lockb is binary.
                    if let Ok(bytes) = std::fs::read(dir.join(name)) {
                        files.insert(
                            name.to_string(),
                            String::from_utf8_lossy(&bytes).into_owned(),
                        );
                    }
                }
                if files.is_empty() {
                    return Err(format!(
                        "error: {}: no package.json or other project file there",
                        dir.display()
                    ));
                }
                input.repo = Some(files);
            }
            "--json" => json = true,
            flag if flag.starts_with('-') => {
                return Err(format!("error: unknown option {flag}\n{USAGE}"))
            }
            path => input.compose.push(read(path)?),
        }
    }
    if input.compose.is_empty() {
        return Err(format!("error: import needs a compose file\n{USAGE}"));
    }
    // Files named by `include` and `extends.file`, read from disk, transitively.
    let mut queue: Vec<(String, String)> = input
        .compose
        .iter()
        .map(|f| (f.path.clone(), f.text.clone()))
        .collect();
    while let Some((path, text)) = queue.pop() {
        for named in loader::references(&text) {
            let target = loader::relative_to(&path, &named);
            if input.available.contains_key(&target) {
                continue;
            }
            if let Ok(text) = std::fs::read_to_string(&target) {
                input.available.insert(target.clone(), text.clone());
                queue.push((target, text));
            }
        }
    }
    let imported = import(&input).map_err(|e| format!("error: {e}"))?;
    for warning in &imported.warnings {
        eprintln!("warning: {warning}");
    }
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&imported.config).unwrap_or_default()
        );
    } else {
        print!("{}", imported.config.to_yaml());
    }
    Ok(())
}

/// The value after an option (`--preset NAME`).
fn option_value(it: &mut std::slice::Iter<'_, String>, name: &str) -> Result<String, String> {
    it.next()
        .cloned()
        .ok_or_else(|| format!("error: {name} needs a value\n{USAGE}"))
}

struct Options {
    preset: Option<String>,
    config: Option<PathBuf>,
    link: Option<String>,
    out: Option<PathBuf>,
    include_secrets: bool,
    json: bool,
    only: Option<Part>,
    /// `--env`, in order (`stack` and `compare`).
    envs: Vec<String>,
    svg: bool,
}

/// A part of the bundle `render` and `zip` can be limited to.
#[derive(Clone, Copy, PartialEq)]
enum Part {
    /// The `k8s/` tree and KUBERNETES.md (switched on if the configuration has it off).
    Kubernetes,
    /// Everything but those (the tree switched off, so nothing refers to it).
    Docker,
}

impl Part {
    fn parse(s: &str) -> Result<Part, String> {
        match s {
            "k8s" | "kubernetes" => Ok(Part::Kubernetes),
            "docker" | "compose" => Ok(Part::Docker),
            other => Err(format!(
                "error: --only takes k8s or docker, not {other}\n{USAGE}"
            )),
        }
    }

    fn holds(self, path: &str) -> bool {
        kubernetes::is_tree_path(path) == (self == Part::Kubernetes)
    }
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        preset: None,
        config: None,
        link: None,
        out: None,
        include_secrets: false,
        json: false,
        only: None,
        envs: Vec::new(),
        svg: false,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| option_value(&mut it, name);
        match arg.as_str() {
            "--preset" => o.preset = Some(value("--preset")?),
            "--config" => o.config = Some(value("--config")?.into()),
            "--link" => o.link = Some(value("--link")?),
            "--out" | "-o" => o.out = Some(value(arg)?.into()),
            "--include-secrets" => o.include_secrets = true,
            "--json" => o.json = true,
            "--svg" => o.svg = true,
            "--env" => o.envs.push(value("--env")?),
            "--only" => o.only = Some(Part::parse(&value("--only")?)?),
            other => return Err(format!("error: unknown argument {other}\n{USAGE}")),
        }
    }
    Ok(o)
}

fn load(o: &Options) -> Result<Config, String> {
    let mut config = match (&o.preset, &o.config, &o.link) {
        (Some(p), None, None) => presets::load(p).ok_or_else(|| {
            let ids: Vec<&str> = presets::PRESETS.iter().map(|p| p.id).collect();
            format!("error: unknown preset {p} (presets: {})", ids.join(", "))
        })?,
        (None, Some(path), None) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("error: {}: {e}", path.display()))?;
            Config::from_text(&text).map_err(|e| format!("error: {}: {e}", path.display()))?
        }
        (None, None, Some(link)) => {
            share::decode(link, &mut OsEntropy)
                .map_err(|e| format!("error: link: {e}"))?
                .config
        }
        _ => {
            return Err(format!(
                "error: give exactly one of --preset, --config, --link\n{USAGE}"
            ))
        }
    };
    fill_missing_secrets(&mut config, &mut OsEntropy);
    match o.only {
        Some(Part::Kubernetes) => config.kubernetes.enabled = true,
        // Without the tree, DOCKER.md does not point at a KUBERNETES.md left out.
        Some(Part::Docker) => config.kubernetes.enabled = false,
        None => {}
    }
    Ok(config)
}

/// Generates and reports diagnostics; fails when any error blocked a file (of `only`, when
/// given: the rest is left out).
fn generate(config: &Config, only: Option<Part>) -> Result<Generation, String> {
    let mut generation = dockwright_engine::generate(config);
    if let Some(part) = only {
        generation.bundle.files.retain(|path, _| part.holds(path));
        generation.blocked.retain(|path, _| part.holds(path));
        generation.failures.retain(|f| part.holds(&f.path));
        // Diagnostics that stop only files left out are not this command's concern.
        let keep: Vec<_> = generation
            .diagnostics
            .iter()
            .filter(|d| {
                !d.is_error()
                    || generation
                        .blocked
                        .values()
                        .flatten()
                        .any(|m| m.starts_with(&format!("{}: ", d.path)))
            })
            .cloned()
            .collect();
        generation.diagnostics = keep;
    }
    for d in &generation.diagnostics {
        let level = if d.is_error() { "error" } else { "warning" };
        eprintln!("{level}: {}: {}", d.path, d.message);
    }
    if generation.has_errors() || !generation.blocked.is_empty() {
        let blocked: Vec<&String> = generation.blocked.keys().collect();
        return Err(format!(
            "error: configuration has errors; not generated: {}",
            blocked
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(generation)
}

/// The stacks the options name: `--env` ones (`single` for the single-file setup), or all.
fn chosen_stacks(config: &Config, envs: &[String]) -> Result<Vec<stack::Stack>, String> {
    let r = dockwright_engine::resolve::Resolved::new(config);
    let all = stack::stacks(&r);
    if envs.is_empty() {
        return Ok(all);
    }
    envs.iter()
        .map(|name| {
            all.iter()
                .find(|s| s.label() == name || (name == "single" && s.env.is_none()))
                .cloned()
                .ok_or_else(|| {
                    let have: Vec<&str> = all.iter().map(|s| s.label()).collect();
                    format!(
                        "error: no environment {name} (this configuration has: {})",
                        have.join(", ")
                    )
                })
        })
        .collect()
}

fn stack_command(args: &[String]) -> Result<(), String> {
    let o = parse_options(args)?;
    let config = load(&o)?;
    let stacks = chosen_stacks(&config, &o.envs)?;
    if o.svg {
        let first = stacks.first().ok_or("error: no stack")?;
        print!("{}", stack::picture::render(first, &config.project.name));
    } else if o.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&stacks).unwrap_or_default()
        );
    } else {
        for s in &stacks {
            println!("{}: {}", s.label(), s.command);
            for (head, lines) in stack::facts::list(s) {
                println!("  {head}");
                for l in lines {
                    println!("    {l}");
                }
            }
        }
    }
    Ok(())
}

fn compare_command(args: &[String]) -> Result<(), String> {
    let o = parse_options(args)?;
    if o.envs.len() != 2 {
        return Err(format!("error: compare needs two --env\n{USAGE}"));
    }
    let config = load(&o)?;
    let stacks = chosen_stacks(&config, &o.envs)?;
    let c = stack::compare::compare(&stacks[0], &stacks[1]);
    if o.json {
        println!("{}", serde_json::to_string_pretty(&c).unwrap_or_default());
        return Ok(());
    }
    for s in &c.services {
        let mark = if s.differs { "*" } else { " " };
        println!("{mark} {}", s.role);
        for r in &s.rows {
            let mark = if r.differs { "*" } else { " " };
            let show = |v: &[String]| {
                if v.is_empty() {
                    "-".to_string()
                } else {
                    v.join(", ")
                }
            };
            println!("  {mark} {}: {} | {}", r.key, show(&r.left), show(&r.right));
        }
    }
    Ok(())
}

fn write_bundle(generation: &Generation, out: &Path) -> Result<(), String> {
    generation
        .bundle
        .write_to_dir(out)
        .map_err(|e| format!("error: writing {}: {e}", out.display()))
}

fn run(args: &[String]) -> Result<(), String> {
    let Some(command) = args.first() else {
        return Err(USAGE.to_string());
    };
    let rest = &args[1..];
    match command.as_str() {
        "presets" => {
            for p in presets::PRESETS {
                let default = if p.id == presets::DEFAULT_PRESET {
                    " (default)"
                } else {
                    ""
                };
                println!("{}{default}\n    {}: {}", p.id, p.title, p.description);
            }
            Ok(())
        }
        "render" => {
            let o = parse_options(rest)?;
            let out = o
                .out
                .clone()
                .ok_or_else(|| format!("error: render needs --out DIR\n{USAGE}"))?;
            let generation = generate(&load(&o)?, o.only)?;
            write_bundle(&generation, &out)?;
            println!(
                "wrote {} files to {}",
                generation.bundle.files.len(),
                out.display()
            );
            Ok(())
        }
        "zip" => {
            let o = parse_options(rest)?;
            let out = o
                .out
                .clone()
                .ok_or_else(|| format!("error: zip needs -o FILE\n{USAGE}"))?;
            let generation = generate(&load(&o)?, o.only)?;
            let bytes = archive::zip_bundle(&generation.bundle)?;
            std::fs::write(&out, &bytes).map_err(|e| format!("error: {}: {e}", out.display()))?;
            println!(
                "wrote {} ({} bytes, {} files)",
                out.display(),
                bytes.len(),
                generation.bundle.files.len()
            );
            Ok(())
        }
        "link" => {
            let o = parse_options(rest)?;
            let config = load(&o)?;
            if o.include_secrets {
                eprintln!("warning: this link contains secrets; share it only with people who may see them");
            }
            println!("#{}", share::fragment(&config, o.include_secrets));
            Ok(())
        }
        "config" => {
            let o = parse_options(rest)?;
            let mut config = load(&o)?;
            if !o.include_secrets {
                dockwright_engine::secret::strip_secrets(&mut config);
            }
            if o.json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&config).unwrap_or_default()
                );
            } else {
                print!("{}", config.to_yaml());
            }
            Ok(())
        }
        "import" => import(rest),
        "stack" => stack_command(rest),
        "compare" => compare_command(rest),
        "schema" => {
            println!(
                "{}",
                serde_json::to_string_pretty(&schema::json_schema()).unwrap_or_default()
            );
            Ok(())
        }
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("error: unknown command {other}\n{USAGE}")),
    }
}
