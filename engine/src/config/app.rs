//! The application container: framework, Node toolchain, monorepo, Prisma, runtime hardening.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct App {
    pub enabled: bool,
    /// Compose service name of the app (`web`, `app`, ...).
    pub service_name: String,
    pub framework: Framework,
    /// Start command of a generic Node server (exec form is derived from it).
    pub start_command: String,
    /// package.json script that builds the app.
    pub build_script: String,
    /// package.json script that runs the hot-reload dev server.
    pub dev_script: String,
    /// Node.js version: `20`, `22`, `22.16.0`, `24` ...
    pub node_version: String,
    pub base: BaseImage,
    pub package_manager: PackageManager,
    /// Exact package manager version, pinned through corepack (pnpm, yarn) or npm (bun).
    pub package_manager_version: String,
    pub monorepo: Monorepo,
    pub prisma: Prisma,
    pub container_port: u16,
    /// Port published on the host (local environments).
    pub host_port: u16,
    /// Port Render injects as `PORT` (Render's default is 10000).
    pub render_port: u16,
    pub health_path: String,
    /// Optional readiness path (dependencies reachable), e.g. `/api/ready`.
    pub ready_path: Option<String>,
    pub user: RuntimeUser,
    pub init: InitProcess,
    /// Extra OS packages installed in every stage (apk on Alpine, apt on slim).
    pub system_packages: Vec<String>,
    /// Install Chromium so Playwright can run inside the image.
    pub playwright_chromium: bool,
    pub build_args: Vec<BuildArg>,
    pub dev: DevMode,
}

impl Default for App {
    fn default() -> Self {
        Self {
            enabled: true,
            service_name: "web".into(),
            framework: Framework::NextjsStandalone,
            start_command: "node server.js".into(),
            build_script: "build".into(),
            dev_script: "dev".into(),
            node_version: "22".into(),
            base: BaseImage::Alpine,
            package_manager: PackageManager::Npm,
            package_manager_version: String::new(),
            monorepo: Monorepo::default(),
            prisma: Prisma::default(),
            container_port: 3000,
            host_port: 3000,
            render_port: 10000,
            health_path: "/api/health".into(),
            ready_path: None,
            user: RuntimeUser::default(),
            init: InitProcess::DumbInit,
            system_packages: Vec::new(),
            playwright_chromium: false,
            build_args: Vec::new(),
            dev: DevMode::default(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Framework {
    /// Next.js with `output: "standalone"`.
    NextjsStandalone,
    /// Any Node server started by `start_command`.
    NodeServer,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BaseImage {
    Alpine,
    Slim,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PackageManager {
    Npm,
    Pnpm,
    Yarn,
    Bun,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Monorepo {
    pub enabled: bool,
    /// Directory of the app inside the workspace.
    pub app_dir: String,
    /// Workspace package name used by `--filter` and `turbo prune`.
    pub filter: String,
    /// Workspace packages the app depends on (their package.json is copied for caching).
    pub packages: Vec<String>,
    /// Use `turbo prune --docker` to build a minimal workspace.
    pub turbo_prune: bool,
    pub turbo_version: String,
}

impl Default for Monorepo {
    fn default() -> Self {
        Self {
            enabled: false,
            app_dir: "apps/web".into(),
            filter: "web".into(),
            packages: Vec::new(),
            turbo_prune: true,
            turbo_version: "2.5.8".into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Prisma {
    pub enabled: bool,
    /// Path of schema.prisma relative to the repository root.
    pub schema_path: String,
    /// Run `prisma migrate deploy` in the entrypoint before the server starts.
    pub migrate_on_start: bool,
}

impl Default for Prisma {
    fn default() -> Self {
        Self {
            enabled: false,
            schema_path: "prisma/schema.prisma".into(),
            migrate_on_start: true,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RuntimeUser {
    pub name: String,
    pub group: String,
    pub uid: u32,
}

impl Default for RuntimeUser {
    fn default() -> Self {
        Self {
            name: "nextjs".into(),
            group: "nodejs".into(),
            uid: 1001,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InitProcess {
    DumbInit,
    Tini,
    None,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BuildArg {
    pub name: String,
    pub value: String,
}

impl Default for BuildArg {
    fn default() -> Self {
        Self {
            name: "NEXT_PUBLIC_SITE_URL".into(),
            value: String::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DevMode {
    pub dockerfile: DevDockerfile,
    /// CHOKIDAR_USEPOLLING / WATCHPACK_POLLING for file watching through bind mounts.
    pub polling: bool,
    /// Source directories bind-mounted for hot reload (relative to the repository root).
    pub mounts: Vec<String>,
}

impl Default for DevMode {
    fn default() -> Self {
        Self {
            dockerfile: DevDockerfile::Separate,
            polling: true,
            mounts: vec!["src".into(), "public".into()],
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DevDockerfile {
    /// A dedicated `Dockerfile.dev`.
    Separate,
    /// The `builder` stage of the production Dockerfile.
    BuilderTarget,
}
