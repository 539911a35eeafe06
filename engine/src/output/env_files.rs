//! The `.env` files: `.env.example` (the development template), `.env.production.example`
//! (production's, with its own values and placeholders for every secret) and `.env` (ready to
//! run, with generated secrets). Template: `templates/env.j2`.

use super::envvars::{self, EnvEntry};
use crate::config::EnvName;
use crate::resolve::Resolved;
use serde::Serialize;

/// Which of the three files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EnvFile {
    Example,
    Production,
    DotEnv,
}

/// THESE FIELDS ARE LOAD-BEARING: read by `templates/env.j2`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EnvFileContext {
    /// Which file: its title and introduction are prose in the template.
    pub file: EnvFile,
    pub project: String,
    /// Folder of the compose and env files (`""` or `docker/`).
    pub dir: &'static str,
    pub sections: Vec<EnvSection>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EnvSection {
    pub name: String,
    pub vars: Vec<EnvLine>,
}

/// One variable: its comment lines, then `NAME=value` quoted for dotenv.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EnvLine {
    pub comments: Vec<String>,
    pub line: String,
}

pub fn context(r: &Resolved, which: EnvFile) -> EnvFileContext {
    let config = r.config;
    let values_env = match which {
        EnvFile::Production => Some(config.project.production_values_env()),
        EnvFile::Example | EnvFile::DotEnv => None,
    };
    let production_entries;
    let entries: &[EnvEntry] = match values_env {
        None => &r.env,
        Some(_) => {
            production_entries = envvars::resolve_in(config, values_env);
            &production_entries
        }
    };
    let selected: Vec<&EnvEntry> = entries
        .iter()
        .filter(|e| match which {
            EnvFile::Example => e.in_example,
            EnvFile::Production => e.in_production,
            EnvFile::DotEnv => e.in_example || e.in_production,
        })
        .collect();
    let sections = envvars::by_section(selected)
        .into_iter()
        .map(|(name, mut vars)| {
            // Alphabetical within a section: dotenv-linter's UnorderedKey check, and easy to scan.
            vars.sort_by(|a, b| a.name.cmp(&b.name));
            EnvSection {
                name,
                vars: vars
                    .into_iter()
                    .map(|e| line(e, which, values_env))
                    .collect(),
            }
        })
        .collect();
    EnvFileContext {
        file: which,
        project: config.project.name.clone(),
        dir: r.paths.compose_dir,
        sections,
    }
}

fn line(e: &EnvEntry, which: EnvFile, values_env: Option<EnvName>) -> EnvLine {
    let mut comments: Vec<String> = e
        .comment
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    let placeholder = which != EnvFile::DotEnv && e.placeholder();
    if placeholder {
        let need = if e.required { "required" } else { "optional" };
        comments.push(match &e.generate_hint {
            Some(hint) => format!("Secret, {need}. Generate one with: {hint}"),
            None => format!("Secret, {need}. Paste the value issued by its provider."),
        });
    } else if e.set_at_deploy {
        let env = values_env.map_or("this setup", |e| e.as_str());
        comments.push(format!(
            "Set for {env} when deploying: it has no default, compose will not start without it."
        ));
    } else if e.required && e.value.is_empty() {
        comments.push("Required: compose will not start without it.".into());
    }
    let value = if placeholder { "" } else { e.value.as_str() };
    EnvLine {
        comments,
        line: crate::dotenv::line(&e.name, value),
    }
}
