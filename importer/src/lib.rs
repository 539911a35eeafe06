//! The import worker's one operation, as text in and text out so it is the same natively (the
//! tests) and in the worker: a request (the files a person handed over, the app's service if
//! they named one, and the configuration they have now) becomes a response (the imported
//! configuration and every warning, or why nothing could be imported).
//!
//! The page sends JSON and gets JSON back: both sides already link serde_json, and the
//! configuration crosses as the same JSON the page stores.

use dockwright_engine::import::files::{self, Sorted};
use dockwright_engine::import::loader::SourceFile;
use dockwright_engine::import::{import, repository, ImportWarning};
use dockwright_engine::Config;
use serde::{Deserialize, Serialize};

/// What the page sends.
#[derive(Deserialize)]
pub struct Request {
    /// Paths as the page read them (a picked folder's name first: `shop/docker/compose.yaml`).
    pub files: Vec<RequestFile>,
    /// The compose service that is the app, when more than one is built.
    #[serde(default)]
    pub app: Option<String>,
    /// The configuration shown now: a package.json on its own fills its App section.
    #[serde(default)]
    pub current: Option<serde_json::Value>,
}

#[derive(Deserialize)]
pub struct RequestFile {
    pub path: String,
    pub text: String,
}

/// What the page gets back: a configuration and warnings, or an error a person can act on.
#[derive(Serialize, Default)]
pub struct Response {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config: Option<serde_json::Value>,
    pub warnings: Vec<ImportWarning>,
    /// The files that were read, by role, so the page can say what it used.
    pub read: Read,
    /// The built services: with more than one, the page offers to import again with another
    /// as the app (the CLI's `--app`).
    pub apps: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

#[derive(Serialize, Default)]
pub struct Read {
    pub compose: Vec<String>,
    pub env: Vec<String>,
    pub repository: Vec<String>,
}

/// Handles one request (JSON) and answers (JSON). Never panics on any input.
pub fn handle(request: &str) -> String {
    let response = match serde_json::from_str::<Request>(request) {
        Ok(request) => respond(request),
        Err(e) => Response {
            error: Some(format!(
                "the page sent a request the importer cannot read: {e}"
            )),
            ..Response::default()
        },
    };
    serde_json::to_string(&response).unwrap_or_else(|e| {
        format!("{{\"warnings\":[],\"read\":{{\"compose\":[],\"env\":[],\"repository\":[]}},\"error\":\"{e}\"}}")
    })
}

fn respond(request: Request) -> Response {
    let given = request.files.len();
    let files = request
        .files
        .into_iter()
        .map(|f| SourceFile {
            path: f.path,
            text: f.text,
        })
        .collect();
    let Sorted {
        input,
        mut warnings,
    } = files::sort(files, request.app);
    let read = Read {
        compose: input.compose.iter().map(|f| f.path.clone()).collect(),
        env: input.env_files.iter().map(|f| f.path.clone()).collect(),
        repository: input
            .repo
            .as_ref()
            .map(|r| r.keys().cloned().collect())
            .unwrap_or_default(),
    };
    let fail = |error: String, warnings: Vec<ImportWarning>, read: Read| Response {
        error: Some(error),
        warnings,
        read,
        ..Response::default()
    };
    let mut apps = Vec::new();
    let config = if !input.compose.is_empty() {
        match import(&input) {
            Ok(imported) => {
                warnings.extend(imported.warnings);
                apps = imported.apps;
                imported.config
            }
            Err(e) => return fail(format!("{e}"), warnings, read),
        }
    } else if let Some(repo) = &input.repo {
        // A repository without compose files: its App section onto the configuration shown.
        let mut config = match request.current.map(serde_json::from_value::<Config>) {
            Some(Ok(config)) => config,
            Some(Err(e)) => {
                return fail(
                    format!("the configuration shown could not be read ({e}); nothing was changed"),
                    warnings,
                    read,
                )
            }
            None => Config::default(),
        };
        repository::detect(repo, &mut config, &mut warnings);
        config
    } else {
        let names = if given == 0 {
            "no files".to_string()
        } else {
            format!("{given} file(s)")
        };
        return fail(
            format!("nothing to import in {names}: give a compose file (docker-compose.yml, compose.yaml and its overrides), a package.json, or the project's folder"),
            warnings,
            read,
        );
    };
    match serde_json::to_value(&config) {
        Ok(value) => Response {
            config: Some(value),
            warnings,
            read,
            apps,
            error: None,
        },
        Err(e) => fail(
            format!("the imported configuration could not be written: {e}"),
            warnings,
            read,
        ),
    }
}
