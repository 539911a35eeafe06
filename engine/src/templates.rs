//! The template environment: every template embedded at compile time, set up in one place.
//!
//! The rule for what goes where: structure comes from typed models built in Rust (the compose
//! files from `crate::compose`, render.yaml from `output::render_blueprint`, each `.env` line
//! quoted by `crate::dotenv`), facts come from a typed context struct owned by the output
//! module that renders the file (marked LOAD-BEARING: the template reads its fields), and
//! prose (titles, introductions, comments, the guide) lives in the templates.
//!
//! Choices made explicitly here: strict undefined (a missing context field is an error, never
//! an empty string), no auto-escaping for any file type (outputs are YAML, shell, SQL and
//! Markdown, each quoted by the filters below), and trailing newlines kept.

use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior, Value};
use std::sync::OnceLock;

pub const DOCKERFILE: &str = "Dockerfile.j2";
pub const DOCKERFILE_DEV: &str = "Dockerfile.dev.j2";
pub const DOCKERIGNORE: &str = "dockerignore.j2";
pub const COMPOSE: &str = "compose.yml.j2";
pub const ENV_FILE: &str = "env.j2";
pub const ENTRYPOINT: &str = "docker-entrypoint.sh.j2";
pub const BACKUP: &str = "backup-database.sh.j2";
pub const INIT_DB: &str = "init-db.sql.j2";
pub const RENDER_BLUEPRINT: &str = "render.yaml.j2";
pub const GUIDE: &str = "DOCKER.md.j2";
pub const K8S_ENV: &str = "k8s-env.j2";
pub const K8S_GUIDE: &str = "KUBERNETES.md.j2";

/// Every template name with its embedded source.
pub const ALL: &[(&str, &str)] = &[
    (DOCKERFILE, include_str!("../templates/Dockerfile.j2")),
    (
        DOCKERFILE_DEV,
        include_str!("../templates/Dockerfile.dev.j2"),
    ),
    (DOCKERIGNORE, include_str!("../templates/dockerignore.j2")),
    (COMPOSE, include_str!("../templates/compose.yml.j2")),
    (ENV_FILE, include_str!("../templates/env.j2")),
    (
        ENTRYPOINT,
        include_str!("../templates/docker-entrypoint.sh.j2"),
    ),
    (BACKUP, include_str!("../templates/backup-database.sh.j2")),
    (INIT_DB, include_str!("../templates/init-db.sql.j2")),
    (
        RENDER_BLUEPRINT,
        include_str!("../templates/render.yaml.j2"),
    ),
    (GUIDE, include_str!("../templates/DOCKER.md.j2")),
    (K8S_ENV, include_str!("../templates/k8s-env.j2")),
    (K8S_GUIDE, include_str!("../templates/KUBERNETES.md.j2")),
];

/// The shared environment, built once, with the compile error of any template that failed.
pub fn environment() -> &'static Environment<'static> {
    &shared().0
}

fn shared() -> &'static (Environment<'static>, Vec<String>) {
    static ENV: OnceLock<(Environment<'static>, Vec<String>)> = OnceLock::new();
    ENV.get_or_init(build)
}

fn build() -> (Environment<'static>, Vec<String>) {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::None);
    // Constant settings with the default delimiters: building them cannot fail (it fails only
    // for conflicting delimiters), and every template test runs through here.
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .keep_trailing_newline(true)
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
        .expect("constant template syntax settings");
    env.set_syntax(syntax);
    register_filters(&mut env);
    let mut broken = Vec::new();
    for (name, source) in ALL {
        // A broken template is a programming error caught by the `all_templates_resolve` test;
        // at run time it surfaces as a render error for that file, never a panic.
        if let Err(e) = env.add_template(name, source) {
            broken.push(format!("{name}: {e:#}"));
        }
    }
    (env, broken)
}

fn register_filters(env: &mut Environment<'static>) {
    // minijinja's builtins feature is off (it is most of the template engine's size in the
    // browser); the one builtin the templates use is provided here.
    env.add_filter("join", join);
    env.add_filter("yaml", |s: String| crate::yaml::scalar_str(&s));
    env.add_filter("exec_form", exec_form);
    env.add_filter("dockerfile_quote", dockerfile_quote);
    env.add_filter("sql_string", |s: String| {
        format!("'{}'", s.replace('\'', "''"))
    });
    env.add_filter("dirname", |s: String| dirname(&s).to_string());
}

/// The folder of a repository path (`a/b/c.json` -> `a/b`, `c.json` -> `.`): the templates'
/// `dirname` filter and the Dockerfile's Prisma schema folder.
pub fn dirname(path: &str) -> &str {
    path.rsplit_once('/').map_or(".", |(dir, _)| dir)
}

/// `items | join(sep)` over strings.
fn join(value: Value, sep: Option<String>) -> Result<String, Error> {
    let sep = sep.unwrap_or_default();
    let items: Vec<String> = value
        .try_iter()?
        .map(|v| {
            v.as_str()
                .map(str::to_string)
                .unwrap_or_else(|| v.to_string())
        })
        .collect();
    Ok(items.join(&sep))
}

/// A JSON array for Dockerfile exec form (`CMD ["node", "server.js"]`).
fn exec_form(value: Value) -> Result<String, Error> {
    let items: Vec<String> = value
        .try_iter()?
        .map(|v| {
            v.as_str()
                .map(str::to_string)
                .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, "exec_form needs strings"))
        })
        .collect::<Result<_, _>>()?;
    let quoted: Vec<String> = items
        .iter()
        .map(|s| serde_json::to_string(s).unwrap_or_default())
        .collect();
    Ok(format!("[{}]", quoted.join(", ")))
}

/// A double-quoted Dockerfile word with `\`, `"` and `$` escaped (no variable expansion).
fn dockerfile_quote(s: String) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        if matches!(c, '\\' | '"' | '$') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Renders one template; errors carry the template name.
pub fn render<S: serde::Serialize>(name: &str, context: &S) -> Result<String, String> {
    let env = environment();
    let template = env.get_template(name).map_err(|e| {
        let compile = shared()
            .1
            .iter()
            .find(|b| b.starts_with(name))
            .cloned()
            .unwrap_or_default();
        format!("template {name}: {e} {compile}")
    })?;
    template
        .render(Value::from(minijinja::value::Serde(context)))
        .map_err(|e| format!("template {name}: {e:#}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_templates_resolve() {
        let env = environment();
        assert!(shared().1.is_empty(), "{:#?}", shared().1);
        for (name, _) in ALL {
            env.get_template(name)
                .unwrap_or_else(|e| panic!("{name}: {e:#}"));
        }
        for name in [
            DOCKERFILE,
            DOCKERFILE_DEV,
            DOCKERIGNORE,
            COMPOSE,
            ENV_FILE,
            ENTRYPOINT,
            BACKUP,
            INIT_DB,
            RENDER_BLUEPRINT,
            GUIDE,
        ] {
            assert!(
                ALL.iter().any(|(n, _)| *n == name),
                "{name} is not embedded"
            );
        }
    }

    #[test]
    fn dirname_of_repository_paths() {
        assert_eq!(
            dirname("packages/database/prisma/schema.prisma"),
            "packages/database/prisma"
        );
        assert_eq!(dirname("schema.prisma"), ".");
        assert_eq!(dirname("apps/web/package.json"), "apps/web");
    }

    #[test]
    fn filters_quote() {
        assert_eq!(dockerfile_quote("a\"$b\\".into()), "\"a\\\"\\$b\\\\\"");
        assert_eq!(
            exec_form(Value::from(vec!["node", "a \"b\""])).unwrap(),
            "[\"node\", \"a \\\"b\\\"\"]"
        );
    }
}
