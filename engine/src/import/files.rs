//! A handful of files given at once (dropped on the page, picked, or a whole project folder)
//! sorted into what [`super::import`] reads: which compose files, in which `-f` order, which
//! env files, which repository files, and which files `include` / `extends` may name. The
//! browser hands over paths as the folder picker gives them (`shop/docker/compose.yaml`); the
//! same rules serve any front end, and what is not read is said, never dropped silently.

use super::loader::{normalise_path, SourceFile};
use super::names::{is_base_name, is_compose_name, is_skipped_folder};
use super::repository::{RepoFiles, FILES};
use super::{ImportInput, ImportWarning};

/// What a set of files comes to: the import's input, and a warning per compose or env file
/// that was given but is not read (with why).
pub struct Sorted {
    pub input: ImportInput,
    pub warnings: Vec<ImportWarning>,
}

fn split(path: &str) -> (&str, &str) {
    path.rsplit_once('/').unwrap_or(("", path))
}

fn depth(dir: &str) -> usize {
    if dir.is_empty() {
        0
    } else {
        dir.split('/').count()
    }
}

/// Sorts `files` (paths relative to what was dropped) into an import's input. `app` names the
/// app's service when more than one is built.
pub fn sort(files: Vec<SourceFile>, app: Option<String>) -> Sorted {
    let mut warnings = Vec::new();
    let files: Vec<SourceFile> = files
        .into_iter()
        .map(|f| SourceFile {
            path: normalise_path(&f.path),
            text: f.text,
        })
        .filter(|f| !is_skipped_folder(&f.path))
        .collect();
    // The compose project: the shallowest folder with a base file (else with any compose file).
    let compose_dir = files
        .iter()
        .map(|f| split(&f.path))
        .filter(|(_, name)| is_compose_name(name))
        .min_by_key(|(dir, name)| (!is_base_name(name), depth(dir), dir.to_string()))
        .map(|(dir, _)| dir.to_string());
    // The repository: the shallowest folder with a package.json (the compose folder's parent
    // chain is where it usually is; a monorepo's packages are deeper).
    let repo_dir = files
        .iter()
        .map(|f| split(&f.path))
        .filter(|(_, name)| *name == "package.json")
        .min_by_key(|(dir, _)| (depth(dir), dir.to_string()))
        .map(|(dir, _)| dir.to_string());
    let in_dir = |dir: &str, path: &str| -> Option<String> {
        if dir.is_empty() {
            Some(path.to_string())
        } else {
            path.strip_prefix(dir)
                .and_then(|rest| rest.strip_prefix('/'))
                .map(str::to_string)
        }
    };
    let mut input = ImportInput {
        app,
        ..ImportInput::default()
    };
    let mut compose = Vec::new();
    let mut repo = RepoFiles::new();
    for file in files {
        let (dir, name) = split(&file.path);
        let (dir, name) = (dir.to_string(), name.to_string());
        if let Some(relative) = repo_dir.as_deref().and_then(|r| in_dir(r, &file.path)) {
            if FILES.contains(&relative.as_str()) {
                repo.insert(relative, file.text.clone());
            }
        }
        let beside_compose = compose_dir.as_deref() == Some(dir.as_str());
        if is_compose_name(&name) {
            if beside_compose {
                compose.push(file.clone());
            } else {
                warnings.push(ImportWarning::new(
                    file.path.clone(),
                    format!(
                        "not imported: the compose files in `{}` are (the shallowest folder with a compose file); `include` and `extends` may still name it",
                        compose_dir.as_deref().filter(|d| !d.is_empty()).unwrap_or(".")
                    ),
                ));
            }
        } else if name.starts_with(".env") {
            let beside_repo = repo_dir.as_deref() == Some(dir.as_str());
            if beside_compose || beside_repo || compose_dir.is_none() {
                input.env_files.push(file.clone());
            } else {
                warnings.push(ImportWarning::new(
                    file.path.clone(),
                    "not read: env files are read beside the compose files or the package.json",
                ));
            }
        }
        if name.ends_with(".yml") || name.ends_with(".yaml") {
            input.available.insert(file.path, file.text);
        }
    }
    // `-f` order: the base file, then overrides by environment (dev, staging, prod), then the
    // rest by name, as a person would list them.
    compose.sort_by_key(|f| {
        let name = split(&f.path).1.to_string();
        let env_rank = super::mapping::file_environment(&name).map_or(3, |e| {
            crate::config::EnvName::ALL
                .iter()
                .position(|x| *x == e)
                .unwrap_or(3)
        });
        (!is_base_name(&name), env_rank, name)
    });
    input.compose = compose;
    if !repo.is_empty() {
        input.repo = Some(repo);
    }
    Sorted { input, warnings }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> SourceFile {
        SourceFile {
            path: path.into(),
            text: "services: {}\n".into(),
        }
    }

    #[test]
    fn a_project_folder_sorts_into_base_overrides_env_and_repository() {
        let sorted = sort(
            vec![
                file("shop/docker/docker-compose.prod.yml"),
                file("shop/docker/docker-compose.yml"),
                file("shop/docker/docker-compose.dev.yml"),
                file("shop/docker/docker-compose.staging.yml"),
                file("shop/.env.example"),
                file("shop/.env"),
                file("shop/package.json"),
                file("shop/prisma/schema.prisma"),
                file("shop/packages/ui/package.json"),
                file("shop/node_modules/x/docker-compose.yml"),
                file("shop/examples/compose.yaml"),
                file("shop/README.md"),
            ],
            None,
        );
        let order: Vec<&str> = sorted
            .input
            .compose
            .iter()
            .map(|f| f.path.as_str())
            .collect();
        assert_eq!(
            order,
            [
                "shop/docker/docker-compose.yml",
                "shop/docker/docker-compose.dev.yml",
                "shop/docker/docker-compose.staging.yml",
                "shop/docker/docker-compose.prod.yml",
            ]
        );
        let env: Vec<&str> = sorted
            .input
            .env_files
            .iter()
            .map(|f| f.path.as_str())
            .collect();
        assert_eq!(env, ["shop/.env.example", "shop/.env"]);
        let repo = sorted.input.repo.expect("repository files");
        assert_eq!(
            repo.keys().collect::<Vec<_>>(),
            [".env.example", "package.json", "prisma/schema.prisma"]
        );
        // The other compose project is said, not silently left out; node_modules is not read.
        let said: Vec<&str> = sorted.warnings.iter().map(|w| w.path.as_str()).collect();
        assert_eq!(said, ["shop/examples/compose.yaml"]);
        assert!(sorted
            .input
            .available
            .contains_key("shop/examples/compose.yaml"));
        assert!(!sorted
            .input
            .available
            .keys()
            .any(|k| k.contains("node_modules")));
    }
}
