//! Rendering with memory: the [`Renderer`] keeps every file's last context and text, and an
//! edit re-renders only the files whose context changed. Texts are shared (`Arc<str>`), so a
//! caller tells changed files by pointer, without comparing text. A fresh renderer renders
//! everything: [`super::generate`] is exactly that, and a property test checks that the two
//! always agree.

use super::{contexts_reusing, kubernetes, plan, Context, OutputFile};
use crate::bundle::{Bundle, BundleFile};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::resolve::Resolved;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Everything one generation produces.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Generation {
    pub bundle: Bundle,
    /// Files that would exist but are stopped by errors, with the messages that stop them.
    pub blocked: BTreeMap<String, Vec<String>>,
    pub diagnostics: Vec<Diagnostic>,
    /// Failures of our own (a template that does not render): not the user's doing, reported
    /// apart from their diagnostics, each stopping only its file.
    pub failures: Vec<RenderFailure>,
}

/// A file the engine could not render.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RenderFailure {
    pub path: String,
    pub message: String,
}

impl Generation {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error) || !self.failures.is_empty()
    }
}

/// Remembers the last context and text of each file.
#[derive(Default)]
pub struct Renderer {
    last: HashMap<OutputFile, (Context, Arc<str>)>,
    rendered: usize,
    /// What the Kubernetes files read last time (see [`kubernetes::input`]): when it has not
    /// changed, their contexts are not even built again (they are the costly ones to build).
    kubernetes_input: Option<Config>,
}

impl Renderer {
    /// Validates `config` and renders the files whose context changed since the last call.
    pub fn generate(&mut self, config: &Config, input_errors: &[Diagnostic]) -> Generation {
        let resolved = Resolved::new(config);
        let mut diagnostics = input_errors.to_vec();
        diagnostics.extend(crate::validate::validate_resolved(&resolved));
        let mut out = Generation {
            diagnostics,
            ..Generation::default()
        };
        let planned = plan(&resolved);
        self.rendered = 0;
        let mut kept = HashMap::with_capacity(planned.len());
        let input = config.kubernetes.enabled.then(|| kubernetes::input(config));
        let unchanged = input.is_some() && self.kubernetes_input == input;
        self.kubernetes_input = input;
        let last = &self.last;
        let reuse = |o: OutputFile| {
            unchanged
                && matches!(o, OutputFile::Kubernetes(f) if !f.reads_values())
                && last.contains_key(&o)
        };
        for (output, path, context) in contexts_reusing(&resolved, &planned, &reuse) {
            let stoppers: Vec<String> = out
                .diagnostics
                .iter()
                .filter(|d| output.is_blocked_by(d))
                .map(|d| format!("{}: {}", d.path, d.message))
                .collect();
            if !stoppers.is_empty() {
                out.blocked.insert(path, stoppers);
                continue;
            }
            let (context, text) = match (context, self.last.remove(&output)) {
                // Reused unbuilt: what it reads has not changed.
                (None, Some((before, text))) => (before, Ok(text)),
                (Some(context), Some((before, text))) if before == context => (context, Ok(text)),
                (Some(context), _) => {
                    self.rendered += 1;
                    let text = context.render(output.template()).map(Arc::from);
                    (context, text)
                }
                // `reuse` only skips files the last generation kept.
                (None, None) => continue,
            };
            match text {
                Ok(text) => {
                    let file = BundleFile {
                        text: text.clone(),
                        executable: output.executable(),
                    };
                    out.bundle.files.insert(path, file);
                    kept.insert(output, (context, text));
                }
                Err(message) => {
                    out.failures.push(RenderFailure {
                        path: path.clone(),
                        message: message.clone(),
                    });
                    out.blocked.insert(path, vec![message]);
                }
            }
        }
        // Files no longer planned (or blocked now) are forgotten.
        self.last = kept;
        out
    }

    /// How many files the last [`Self::generate`] rendered (the rest were reused).
    pub fn rendered_last_time(&self) -> usize {
        self.rendered
    }
}
