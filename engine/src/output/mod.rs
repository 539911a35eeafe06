//! The output stage of the pipeline:
//!
//! ```text
//! Config -> Resolved -> plan: Vec<OutputFile> -> one typed Context per file -> template -> Bundle
//! ```
//!
//! [`OutputFile`] is the one list of generated files: each knows its path, template, purpose,
//! mode and which configuration sections can stop it. Planning returns data; every output's
//! logic lives in its own module beside its template in `templates/`. The [`Renderer`] keeps
//! each file's last context and text and renders again only the files whose context changed.

pub mod compose;
pub mod dockerfile;
pub mod dockerignore;
pub mod env_files;
pub mod envvars;
pub mod guide;
pub mod kubernetes;
pub mod paths;
pub mod render_blueprint;
mod renderer;
pub mod scripts;

pub use renderer::{Generation, Renderer};

use crate::config::{Config, DevDockerfile, EnvName};
use crate::diagnostics::Diagnostic;
use crate::resolve::Resolved;
use crate::templates;
use env_files::EnvFile;
use kubernetes::K8sFile;
use serde::Serialize;

/// The configuration sections a file can read; errors anywhere else (project-level or
/// unknown paths) stop every file.
const SECTIONS: [&str; 8] = [
    "app",
    "postgres",
    "redis",
    "pgadmin",
    "redis_commander",
    "extra_services",
    "env",
    "ops",
];

/// One generated file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutputFile {
    Dockerfile,
    DockerfileDev,
    DockerIgnore,
    /// The base compose file (`None`) or one environment's override.
    Compose(Option<EnvName>),
    Env(EnvFile),
    Entrypoint,
    InitDb,
    Backup,
    RenderBlueprint,
    Guide,
    /// A file of the `k8s/` tree or its guide.
    Kubernetes(K8sFile),
}

impl OutputFile {
    pub fn path(self, r: &Resolved) -> String {
        let paths = &r.paths;
        match self {
            OutputFile::Dockerfile => paths::DOCKERFILE.into(),
            OutputFile::DockerfileDev => paths.dockerfile_dev(),
            OutputFile::DockerIgnore => paths::DOCKERIGNORE.into(),
            OutputFile::Compose(env) => paths.compose_path(env),
            OutputFile::Env(EnvFile::Example) => paths.env_file(paths::ENV_EXAMPLE),
            OutputFile::Env(EnvFile::Production) => paths.env_file(paths::ENV_PRODUCTION_EXAMPLE),
            OutputFile::Env(EnvFile::DotEnv) => paths.env_file(paths::DOTENV),
            OutputFile::Entrypoint => paths::ENTRYPOINT.into(),
            OutputFile::InitDb => paths::INIT_DB.into(),
            OutputFile::Backup => paths::BACKUP.into(),
            OutputFile::RenderBlueprint => paths::RENDER_BLUEPRINT.into(),
            OutputFile::Guide => paths::GUIDE.into(),
            OutputFile::Kubernetes(f) => f.path(r.config),
        }
    }

    pub fn template(self) -> &'static str {
        match self {
            OutputFile::Dockerfile => templates::DOCKERFILE,
            OutputFile::DockerfileDev => templates::DOCKERFILE_DEV,
            OutputFile::DockerIgnore => templates::DOCKERIGNORE,
            OutputFile::Compose(_) => templates::COMPOSE,
            OutputFile::Env(_) => templates::ENV_FILE,
            OutputFile::Entrypoint => templates::ENTRYPOINT,
            OutputFile::InitDb => templates::INIT_DB,
            OutputFile::Backup => templates::BACKUP,
            OutputFile::RenderBlueprint => templates::RENDER_BLUEPRINT,
            OutputFile::Guide => templates::GUIDE,
            OutputFile::Kubernetes(f) => f.template(),
        }
    }

    /// Shell scripts are written with mode 0755.
    pub fn executable(self) -> bool {
        matches!(self, OutputFile::Entrypoint | OutputFile::Backup)
    }

    /// What the file is for, as the guide's file table says.
    pub fn purpose(self) -> &'static str {
        match self {
            OutputFile::Dockerfile => "Multi-stage production image (also what Render builds)",
            OutputFile::DockerfileDev => {
                "Development image (dependencies installed, sources mounted)"
            }
            OutputFile::DockerIgnore => {
                "Keeps node_modules, build output and secrets out of the build context"
            }
            OutputFile::Compose(None) => {
                "Compose base file: services, volumes, network, healthchecks"
            }
            OutputFile::Compose(Some(EnvName::Dev)) => {
                "Development overrides: hot reload, admin UIs, database ports"
            }
            OutputFile::Compose(Some(EnvName::Staging)) => "Staging overrides",
            OutputFile::Compose(Some(EnvName::Prod)) => "Production overrides",
            OutputFile::Env(EnvFile::DotEnv) => {
                "Local values with generated secrets (never commit)"
            }
            OutputFile::Env(EnvFile::Production) => "Production environment template",
            OutputFile::Env(EnvFile::Example) => "Development environment template",
            OutputFile::Entrypoint => {
                "Container entrypoint: wait for the database, migrate, exec the server"
            }
            OutputFile::Backup => "gzip'd pg_dump with rotation",
            OutputFile::InitDb => "Runs once on a new database: extensions and timezone",
            OutputFile::RenderBlueprint => "Render Blueprint (web service, database, key value)",
            OutputFile::Guide => "This guide",
            OutputFile::Kubernetes(f) => f.purpose(),
        }
    }

    /// The configuration sections whose errors stop this file: the ones its content reads.
    /// Project-level errors (and unknown paths) stop every file; see [`Self::is_blocked_by`].
    pub fn blocked_by(self) -> &'static [&'static str] {
        match self {
            OutputFile::Dockerfile | OutputFile::DockerfileDev => &["app", "ops"],
            OutputFile::DockerIgnore | OutputFile::Entrypoint => &["app"],
            // The compose files and the guide describe every service.
            OutputFile::Compose(_) | OutputFile::Guide => &SECTIONS,
            OutputFile::Env(_) => &["postgres", "redis", "pgadmin", "redis_commander", "env"],
            OutputFile::InitDb | OutputFile::Backup => &["postgres"],
            OutputFile::RenderBlueprint => &[
                "app",
                "postgres",
                "redis",
                "pgadmin",
                "redis_commander",
                "env",
            ],
            // Their own section (`kubernetes`) is handled in `is_blocked_by`.
            OutputFile::Kubernetes(_) => &SECTIONS,
        }
    }

    /// Whether `d` stops this file.
    pub fn is_blocked_by(self, d: &Diagnostic) -> bool {
        if !d.is_error() {
            return false;
        }
        let kubernetes = matches!(self, OutputFile::Kubernetes(_));
        if d.kubernetes_only || d.section() == "kubernetes" {
            return kubernetes;
        }
        // Field before section: a host port is read by the compose files, the .env files and
        // the guide, nothing else (a pgAdmin port clash stopped render.yaml and init-db.sql).
        if d.path.ends_with(".host_port") {
            // No cluster object publishes a host port.
            return matches!(
                self,
                OutputFile::Compose(_) | OutputFile::Env(_) | OutputFile::Guide
            );
        }
        let section = d.section();
        if !SECTIONS.contains(&section) {
            // Project-level and unknown paths stop everything.
            return true;
        }
        self.blocked_by().contains(&section)
    }
}

/// The files a configuration produces (the bundle sorts them by path).
pub fn plan(r: &Resolved) -> Vec<OutputFile> {
    let c: &Config = r.config;
    let mut out = Vec::new();
    if c.app.enabled {
        out.push(OutputFile::Dockerfile);
        if r.dev && c.app.dev.dockerfile == DevDockerfile::Separate {
            out.push(OutputFile::DockerfileDev);
        }
        out.push(OutputFile::DockerIgnore);
    }
    out.push(OutputFile::Compose(None));
    if c.project.strategy == crate::config::EnvStrategy::Overrides {
        out.extend(r.environments.iter().map(|&e| OutputFile::Compose(Some(e))));
    }
    out.push(OutputFile::Env(EnvFile::Example));
    if r.production {
        out.push(OutputFile::Env(EnvFile::Production));
    }
    if c.project.write_dotenv {
        out.push(OutputFile::Env(EnvFile::DotEnv));
    }
    if r.entrypoint {
        out.push(OutputFile::Entrypoint);
    }
    if c.postgres.enabled {
        out.push(OutputFile::InitDb);
        if c.postgres.backup.enabled {
            out.push(OutputFile::Backup);
        }
    }
    if c.project.render_blueprint && c.app.enabled {
        out.push(OutputFile::RenderBlueprint);
    }
    out.push(OutputFile::Guide);
    if c.kubernetes.enabled {
        out.extend(kubernetes::plan(r).into_iter().map(OutputFile::Kubernetes));
    }
    out
}

/// The typed context of one file: everything its text depends on, nothing else. Two equal
/// contexts render the same text, which is what makes re-rendering only changed files safe.
// At most a dozen live at once (one per file): boxing the large ones would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Context {
    Dockerfile(dockerfile::DockerfileContext),
    DockerIgnore(dockerignore::DockerignoreContext),
    Compose(compose::ComposeDoc),
    Env(env_files::EnvFileContext),
    Entrypoint(scripts::EntrypointContext),
    InitDb(scripts::InitDbContext),
    Backup(scripts::BackupContext),
    RenderBlueprint(render_blueprint::BlueprintContext),
    Guide(guide::GuideContext),
    Kubernetes(kubernetes::K8sContext),
}

/// The context of every planned file, with its path, in plan order.
pub fn contexts(r: &Resolved, plan: &[OutputFile]) -> Vec<(OutputFile, String, Context)> {
    contexts_reusing(r, plan, &|_| false)
        .into_iter()
        .filter_map(|(output, path, context)| Some((output, path, context?)))
        .collect()
}

/// [`contexts`], without building those of the files `reuse` names (`None` in their place):
/// the caller knows they have not changed.
pub fn contexts_reusing(
    r: &Resolved,
    plan: &[OutputFile],
    reuse: &dyn Fn(OutputFile) -> bool,
) -> Vec<(OutputFile, String, Option<Context>)> {
    let mut compose_docs = if plan.iter().any(|o| matches!(o, OutputFile::Compose(_))) {
        compose::build(r)
    } else {
        Vec::new()
    };
    // The guide lists the other files in plan order (Dockerfiles, compose, env, scripts);
    // of the Kubernetes tree only its own guide, which lists the rest.
    let others: Vec<(String, OutputFile)> = plan
        .iter()
        .filter(|o| match o {
            OutputFile::Guide => false,
            OutputFile::Kubernetes(f) => *f == K8sFile::Guide,
            _ => true,
        })
        .map(|o| (o.path(r), *o))
        .collect();
    plan.iter()
        .map(|&output| {
            if reuse(output) {
                return (output, output.path(r), None);
            }
            let context = match output {
                OutputFile::Dockerfile => {
                    Context::Dockerfile(dockerfile::context(r.config, r.entrypoint))
                }
                OutputFile::DockerfileDev => {
                    Context::Dockerfile(dockerfile::context(r.config, false))
                }
                OutputFile::DockerIgnore => Context::DockerIgnore(dockerignore::context(r)),
                OutputFile::Compose(env) => {
                    let at = compose_docs.iter().position(|d| d.env == env);
                    Context::Compose(match at {
                        Some(at) => compose_docs.swap_remove(at),
                        None => unreachable_doc(r, env),
                    })
                }
                OutputFile::Env(which) => Context::Env(env_files::context(r, which)),
                OutputFile::Entrypoint => Context::Entrypoint(scripts::entrypoint(r)),
                OutputFile::InitDb => Context::InitDb(scripts::init_db(r)),
                OutputFile::Backup => Context::Backup(scripts::backup(r)),
                OutputFile::RenderBlueprint => {
                    Context::RenderBlueprint(render_blueprint::context(r))
                }
                OutputFile::Guide => Context::Guide(guide::context(r, &others)),
                OutputFile::Kubernetes(f) => Context::Kubernetes(kubernetes::context(r, f)),
            };
            (output, output.path(r), Some(context))
        })
        .collect()
}

/// The plan and the compose builder agree on the files; should they ever not, the file is an
/// empty document rather than a panic (the snapshot and validator tests would show it).
fn unreachable_doc(r: &Resolved, env: Option<EnvName>) -> compose::ComposeDoc {
    compose::ComposeDoc {
        path: r.paths.compose_path(env),
        env,
        file: crate::compose::ComposeFile::default(),
        banners: Vec::new(),
        usage: String::new(),
        project: r.config.project.name.clone(),
    }
}

impl Context {
    /// The file's text, from its template.
    pub fn render(&self, template: &str) -> Result<String, String> {
        match self {
            Context::Dockerfile(c) => templates::render(template, c),
            Context::DockerIgnore(c) => templates::render(template, c),
            Context::Compose(doc) => compose::render(doc),
            Context::Env(c) => templates::render(template, c),
            Context::Entrypoint(c) => templates::render(template, c),
            Context::InitDb(c) => templates::render(template, c),
            Context::Backup(c) => templates::render(template, c),
            Context::RenderBlueprint(c) => render_blueprint::render(c),
            Context::Guide(c) => templates::render(template, c),
            Context::Kubernetes(c) => c.render(template),
        }
    }
}

/// Validates and renders every file of the bundle.
pub fn generate(config: &Config) -> Generation {
    generate_with(config, &[])
}

/// [`generate`], with errors found before the configuration: input an editor could not turn
/// into a value (a port typed as `70000`). They are reported and block the files their
/// section feeds, exactly as validation errors do, so a bundle never silently keeps the last
/// value that parsed.
pub fn generate_with(config: &Config, input_errors: &[Diagnostic]) -> Generation {
    Renderer::default().generate(config, input_errors)
}
