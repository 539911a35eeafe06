//! The stack picture: one environment's services as boxes (image or build, published ports,
//! mounts), inside their network, with `depends_on` arrows labelled by their condition and the
//! named volumes underneath, as a standalone SVG. Laid out from the typed `Stack`, never from
//! YAML: columns by dependency depth (a service left of what it waits for), rows by order.
//!
//! Every text is XML-escaped (names, images and paths come from the configuration), and each
//! element carries its facts as `data-*` attributes, which the page's tests read back and
//! compare with `dockwright stack --json`. Colours are presentation attributes, so the file
//! stands alone when downloaded and the page's stylesheet can restyle it for the dark theme.

use super::facts::{box_lines, condition_label, mounted_by, Line};
use super::{Stack, StackService};
use crate::compose::Condition;
use std::fmt::Write;

/// Width of a character of the 12 px monospace text (boxes are sized from it).
const CHAR: f64 = 7.3;
const LINE: f64 = 18.0;
const PAD: f64 = 10.0;
const COLUMN_GAP: f64 = 130.0;
const ROW_GAP: f64 = 26.0;
const MARGIN: f64 = 16.0;

/// A service box placed on the canvas.
struct Placed<'a> {
    service: &'a StackService,
    lines: Vec<Line>,
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    /// The right edge of its column: arrows leave from there, level, so their labels clear
    /// the wider boxes of the column.
    column_right: f64,
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn text_width(s: &str) -> f64 {
    s.chars().count() as f64 * CHAR
}

/// Dependency depth: 0 for a service that waits for nothing in the stack.
fn depths(stack: &Stack) -> Vec<usize> {
    let n = stack.services.len();
    let mut depth = vec![0usize; n];
    // Relaxation bounded by n rounds: terminates even on a cycle compose would refuse.
    for _ in 0..n {
        let mut changed = false;
        for (i, s) in stack.services.iter().enumerate() {
            for d in &s.depends_on {
                if let Some(j) = stack.services.iter().position(|x| x.name == d.service) {
                    if j != i && depth[i] < depth[j] + 1 && depth[j] < n {
                        depth[i] = depth[j] + 1;
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    depth
}

/// The picture of one environment's stack as a standalone SVG document.
pub fn render(stack: &Stack, project: &str) -> String {
    let depth = depths(stack);
    let deepest = depth.iter().copied().max().unwrap_or(0);
    // Columns left to right: the deepest dependents first, what everything waits for last.
    let mut columns: Vec<Vec<Placed>> = (0..=deepest).map(|_| Vec::new()).collect();
    for (i, s) in stack.services.iter().enumerate() {
        let lines = box_lines(s);
        let w = lines
            .iter()
            .map(|l| text_width(&l.text))
            .fold(150.0, f64::max)
            + 2.0 * PAD;
        let h = 2.0 * PAD + LINE * lines.len() as f64;
        columns[deepest - depth[i]].push(Placed {
            service: s,
            lines,
            x: 0.0,
            y: 0.0,
            w,
            h,
            column_right: 0.0,
        });
    }
    let title = format!("{project}: {}", stack.label());
    let network_label = format!("network {}", stack.network);
    let top = MARGIN + 52.0; // below the title and the command
    let net_top = top;
    let inner_top = net_top + 34.0;
    let mut x = MARGIN + 18.0;
    let mut bottom = inner_top;
    for col in &mut columns {
        let width = col.iter().map(|p| p.w).fold(0.0, f64::max);
        let mut y = inner_top;
        for p in col.iter_mut() {
            p.x = x;
            p.y = y;
            p.column_right = x + width;
            y += p.h + ROW_GAP;
        }
        bottom = f64::max(bottom, y - ROW_GAP);
        x += width + COLUMN_GAP;
    }
    let net_right = f64::max(
        x - COLUMN_GAP + 18.0,
        MARGIN + text_width(&network_label) + 40.0,
    );
    let net_bottom = bottom + 18.0;
    let placed: Vec<&Placed> = columns.iter().flatten().collect();

    // Named volumes under the network, each saying who mounts it.
    let mut volumes = Vec::new();
    let mut vx = MARGIN;
    let vy = net_bottom + 36.0;
    for v in &stack.volumes {
        let users = mounted_by(stack, v);
        let used = format!("used by {}", users.join(", "));
        let w = f64::max(text_width(v), text_width(&used)) + 2.0 * PAD;
        volumes.push((v, used, users, vx, w));
        vx += w + 18.0;
    }
    let volumes_bottom = if volumes.is_empty() {
        net_bottom
    } else {
        vy + 62.0
    };
    let legend_y = volumes_bottom + 28.0;
    let width = [
        net_right,
        vx,
        MARGIN + text_width(&stack.command) + 20.0,
        560.0,
    ]
    .into_iter()
    .fold(0.0, f64::max)
        + MARGIN;
    let height = legend_y + 24.0;

    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="stack-svg" viewBox="0 0 {width:.0} {height:.0}" width="{width:.0}" height="{height:.0}" font-family="ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" font-size="12" data-env="{env}" role="img" aria-labelledby="stack-svg-title"><title id="stack-svg-title">{title_text}</title>"##,
        env = escape(stack.label()),
        title_text = escape(&format!(
            "Stack picture of {project}, {}: {} services",
            stack.label(),
            stack.services.len()
        )),
    );
    svg.push_str(r##"<defs><marker id="stack-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow-head" fill="#475569"/></marker></defs>"##);
    let _ = write!(
        svg,
        r##"<rect class="canvas" x="0" y="0" width="{width:.0}" height="{height:.0}" fill="#ffffff"/><text class="title" x="{MARGIN}" y="{:.0}" font-size="15" font-weight="bold" fill="#0f172a">{}</text><text class="command" x="{MARGIN}" y="{:.0}" fill="#475569">{}</text>"##,
        MARGIN + 16.0,
        escape(&title),
        MARGIN + 36.0,
        escape(&stack.command),
    );
    let _ = write!(
        svg,
        r##"<g class="network" data-network="{name}"><rect x="{MARGIN}" y="{net_top:.0}" width="{:.0}" height="{:.0}" rx="12" fill="#f1f5f9" stroke="#94a3b8" stroke-dasharray="4 3"/><text class="network-label" x="{:.0}" y="{:.0}" fill="#334155">{}</text></g>"##,
        net_right - MARGIN,
        net_bottom - net_top,
        MARGIN + 14.0,
        net_top + 20.0,
        escape(&network_label),
        name = escape(&stack.network),
    );

    // Arrows first, so boxes sit on top of where they end.
    let find = |name: &str| placed.iter().find(|p| p.service.name == name);
    for p in &placed {
        let count = p.service.depends_on.len().max(1) as f64;
        for (k, d) in p.service.depends_on.iter().enumerate() {
            let Some(target) = find(&d.service) else {
                continue;
            };
            let spread = (k as f64 - (count - 1.0) / 2.0) * 16.0;
            let (x0, y1) = (p.x + p.w, p.y + p.h / 2.0 + spread);
            // Level to the column's edge, past the label, then a curve into the target.
            let x1 = p.column_right + 64.0;
            let (x2, y2) = (target.x, target.y + target.h / 2.0);
            let bend = f64::max((x2 - x1) / 2.0, 20.0);
            let label = condition_label(d.condition);
            let dash = match d.condition {
                Condition::ServiceHealthy => "",
                Condition::ServiceStarted => r#" stroke-dasharray="5 4""#,
            };
            let (lx, ly) = (p.column_right + 32.0, y1 - 4.0);
            let _ = write!(
                svg,
                r##"<g class="edge" data-from="{from}" data-to="{to}" data-condition="{cond}"><path d="M{x0:.1},{y1:.1} H{x1:.1} C{:.1},{y1:.1} {:.1},{y2:.1} {x2:.1},{y2:.1}" fill="none" stroke="#475569" stroke-width="1.5"{dash} marker-end="url(#stack-arrow)"/><text class="edge-label" x="{lx:.1}" y="{ly:.1}" text-anchor="middle" fill="#334155" font-size="11">{label}</text></g>"##,
                x1 + bend,
                x2 - bend,
                from = escape(&p.service.name),
                to = escape(&d.service),
                cond = label,
            );
        }
    }

    for p in &placed {
        let s = p.service;
        let dashed = if s.only_in.is_empty() {
            ""
        } else {
            r#" stroke-dasharray="6 4""#
        };
        let image = s
            .build
            .as_ref()
            .map(|b| format!("build: {b}"))
            .or_else(|| s.image.clone())
            .unwrap_or_default();
        let only: Vec<&str> = s.only_in.iter().map(|e| e.as_str()).collect();
        let _ = write!(
            svg,
            r##"<g class="service" data-service="{}" data-image="{}" data-only-in="{}"><rect class="box" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="8" fill="#ffffff" stroke="#334155" stroke-width="1.5"{dashed}/>"##,
            escape(&s.name),
            escape(&image),
            only.join(" "),
            p.x,
            p.y,
            p.w,
            p.h,
        );
        for (i, l) in p.lines.iter().enumerate() {
            let y = p.y + PAD + LINE * (i as f64 + 0.75);
            let (weight, fill) = match l.class {
                "name" => (r#" font-weight="bold""#, "#0f172a"),
                "port" => ("", "#1d4ed8"),
                "only-in" => (r#" font-style="italic""#, "#9a3412"),
                _ => ("", "#334155"),
            };
            let mut data = String::new();
            for (k, v) in &l.data {
                let _ = write!(data, r#" {k}="{}""#, escape(v));
            }
            let _ = write!(
                svg,
                r##"<text class="{}" x="{:.1}" y="{y:.1}" fill="{fill}"{weight}{data}>{}</text>"##,
                l.class,
                p.x + PAD,
                escape(&l.text),
            );
        }
        svg.push_str("</g>");
    }

    for (name, used, users, x, w) in &volumes {
        let _ = write!(
            svg,
            r##"<g class="volume" data-volume="{n}" data-used-by="{u}"><path class="volume-shape" d="M{x:.1},{top:.1} a{rx:.1},6 0 0,0 {w:.1},0 v42 a{rx:.1},6 0 0,1 -{w:.1},0 z M{x:.1},{top:.1} a{rx:.1},6 0 0,1 {w:.1},0" fill="#fefce8" stroke="#a16207" stroke-width="1.2"/><text class="volume-name" x="{tx:.1}" y="{y1:.1}" fill="#0f172a" font-weight="bold">{n}</text><text class="volume-users" x="{tx:.1}" y="{y2:.1}" fill="#334155">{used}</text></g>"##,
            n = escape(name),
            u = escape(&users.join(" ")),
            top = vy + 6.0,
            rx = w / 2.0,
            tx = x + PAD,
            y1 = vy + 28.0,
            y2 = vy + 45.0,
            used = escape(used),
        );
    }
    if !volumes.is_empty() {
        let _ = write!(
            svg,
            r##"<text class="volumes-label" x="{MARGIN}" y="{:.0}" fill="#334155">named volumes (kept across restarts)</text>"##,
            vy - 4.0
        );
    }
    let _ = write!(
        svg,
        r##"<text class="legend" x="{MARGIN}" y="{legend_y:.0}" fill="#475569">arrow: waits for (healthy: until its healthcheck passes; dashed: until started) · dashed box: not in every environment</text></svg>"##
    );
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::Resolved;

    #[test]
    fn configuration_text_is_escaped_and_every_fact_is_drawn() {
        let mut config = crate::presets::load("nextjs-render-parity").unwrap();
        config.project.name = "shop".into();
        config.ops.network_name = "net<&\"'>".into();
        let r = Resolved::new(&config);
        for stack in super::super::stacks(&r) {
            let svg = render(&stack, "a<b>&\"c\"");
            assert!(!svg.contains("<b>") && !svg.contains("net<&"), "{svg}");
            assert!(svg.contains("a&lt;b&gt;&amp;&quot;c&quot;"));
            for s in &stack.services {
                assert!(svg.contains(&format!(r#"data-service="{}""#, escape(&s.name))));
                for d in &s.depends_on {
                    assert!(svg.contains(&format!(
                        r#"data-from="{}" data-to="{}" data-condition="{}""#,
                        s.name,
                        d.service,
                        condition_label(d.condition)
                    )));
                }
            }
            for v in &stack.volumes {
                assert!(svg.contains(&format!(r#"data-volume="{v}""#)));
            }
            // Balanced groups: a crude well-formedness check (the e2e test parses it).
            assert_eq!(svg.matches("<g ").count(), svg.matches("</g>").count());
        }
    }

    #[test]
    fn a_dependent_sits_left_of_what_it_waits_for() {
        let config = crate::presets::load("nextjs-prisma-selfhosted").unwrap();
        let r = Resolved::new(&config);
        let stack = &super::super::stacks(&r)[0];
        let d = depths(stack);
        for (i, s) in stack.services.iter().enumerate() {
            for dep in &s.depends_on {
                let j = stack
                    .services
                    .iter()
                    .position(|x| x.name == dep.service)
                    .unwrap();
                assert!(d[i] > d[j], "{} vs {}", s.name, dep.service);
            }
        }
    }
}
