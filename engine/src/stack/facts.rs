//! A stack's facts as lines of text: what a service's box in the picture says, and the list
//! the page shows under the picture (and `dockwright stack` prints) with the same facts. The
//! picture (`picture.rs`) lays these lines out, using the class and `data-*` facts each line
//! carries.

use super::{Stack, StackService};
use crate::compose::Condition;

/// One line of text in a box, with the class and `data-*` attributes that say what it is.
pub(super) struct Line {
    pub class: &'static str,
    pub text: String,
    pub data: Vec<(&'static str, String)>,
}

fn line(class: &'static str, text: String) -> Line {
    Line {
        class,
        text,
        data: vec![],
    }
}

/// The condition as the picture labels an arrow.
pub fn condition_label(c: Condition) -> &'static str {
    match c {
        Condition::ServiceHealthy => "healthy",
        Condition::ServiceStarted => "started",
    }
}

/// The lines of a service's box, in the order the list view gives them too.
pub(super) fn box_lines(s: &StackService) -> Vec<Line> {
    let mut lines = vec![line("name", s.name.clone())];
    lines.push(match (&s.image, &s.build) {
        (_, Some(build)) => line("image", format!("build: {build}")),
        (Some(image), None) => line("image", image.clone()),
        (None, None) => line("image", "no image".into()),
    });
    for p in &s.ports {
        let ip = p.host_ip.as_deref().unwrap_or("0.0.0.0");
        let var = p
            .variable
            .as_ref()
            .map(|v| format!(" (${v})"))
            .unwrap_or_default();
        lines.push(Line {
            class: "port",
            text: format!("port {ip}:{} → {}{var}", p.host, p.container),
            data: vec![
                ("data-host-ip", ip.to_string()),
                ("data-host", p.host.clone()),
                ("data-container", p.container.clone()),
            ],
        });
    }
    for m in &s.mounts {
        let ro = if m.read_only { " (read-only)" } else { "" };
        lines.push(Line {
            class: if m.named {
                "mount volume-mount"
            } else {
                "mount"
            },
            text: if m.source.is_empty() {
                format!("anonymous volume → {}", m.target)
            } else {
                format!("{} → {}{ro}", m.source, m.target)
            },
            data: vec![
                ("data-source", m.source.clone()),
                ("data-target", m.target.clone()),
            ],
        });
    }
    if s.healthcheck {
        lines.push(line("health", "healthcheck".into()));
    }
    if !s.only_in.is_empty() {
        let envs: Vec<&str> = s.only_in.iter().map(|e| e.as_str()).collect();
        lines.push(line("only-in", format!("{} only", envs.join(", "))));
    }
    lines
}

/// The same facts as the picture, as text: per service its box's lines and what it waits
/// for, then the volumes. The page's list view and `dockwright stack` print these.
pub fn list(stack: &Stack) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = stack
        .services
        .iter()
        .map(|s| {
            let mut lines: Vec<String> = box_lines(s).into_iter().skip(1).map(|l| l.text).collect();
            for d in &s.depends_on {
                lines.push(format!(
                    "waits for {} ({})",
                    d.service,
                    condition_label(d.condition)
                ));
            }
            lines.push(format!("network {}", stack.network));
            (s.name.clone(), lines)
        })
        .collect();
    for v in &stack.volumes {
        let users = mounted_by(stack, v);
        out.push((
            format!("volume {v}"),
            vec![format!("used by {}", users.join(", "))],
        ));
    }
    out
}

/// The services that mount the named volume `volume`.
pub(super) fn mounted_by<'a>(stack: &'a Stack, volume: &str) -> Vec<&'a str> {
    stack
        .services
        .iter()
        .filter(|s| s.mounts.iter().any(|m| m.named && m.source == volume))
        .map(|s| s.name.as_str())
        .collect()
}
