//! Native timing of the engine: whole-bundle render, validation alone, zip and share encode,
//! for every preset and for the largest preset with 40 extra environment variables; and the
//! incremental render ([`Renderer`]) after one edit: a keystroke in a variable's value, a port
//! change, a service toggle (with how many files each re-renders).
//! Prints one JSON object (medians and p95 in microseconds). Run in release:
//! `cargo run --release -p dockwright-engine --example render_bench`

use dockwright_engine::config::EnvVar;
use dockwright_engine::secret::{fill_missing_secrets, DeterministicEntropy};
use dockwright_engine::{archive, generate, presets, share, validate, Config, Renderer};
use std::time::Instant;

fn time_us(iterations: usize, mut f: impl FnMut()) -> (f64, f64) {
    for _ in 0..iterations.min(20) {
        f();
    }
    let mut samples: Vec<f64> = (0..iterations)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    samples.sort_by(|a, b| a.total_cmp(b));
    (
        samples[samples.len() / 2],
        samples[samples.len() * 95 / 100],
    )
}

/// Times one edit applied back and forth: every call of the renderer sees one changed field.
fn incremental_us(config: &Config, edit: impl Fn(&mut Config)) -> (f64, f64, usize) {
    let mut other = config.clone();
    edit(&mut other);
    let mut renderer = Renderer::default();
    renderer.generate(config, &[]);
    let mut flip = false;
    let mut files = 0;
    let (p50, p95) = time_us(400, || {
        flip = !flip;
        let next = if flip { &other } else { config };
        std::hint::black_box(renderer.generate(next, &[]));
        files = renderer.rendered_last_time();
    });
    (p50, p95, files)
}

fn largest() -> Config {
    let mut c = presets::load("nextjs-render-parity").unwrap();
    for i in 0..40 {
        c.env.push(EnvVar {
            name: format!("EXTRA_SETTING_{i:02}"),
            value: format!("value {i} with # and $"),
            section: format!("Group {}", i % 5),
            ..EnvVar::default()
        });
    }
    c
}

fn main() {
    let mut cases: Vec<(String, Config)> = presets::PRESETS
        .iter()
        .map(|p| (p.id.to_string(), presets::load(p.id).unwrap()))
        .collect();
    cases.push(("nextjs-render-parity+40env".into(), largest()));
    let mut rows = Vec::new();
    for (name, mut config) in cases {
        fill_missing_secrets(&mut config, &mut DeterministicEntropy(1));
        let files = generate(&config).bundle.files.len();
        let (render_p50, render_p95) = time_us(300, || {
            std::hint::black_box(generate(&config));
        });
        let (validate_p50, _) = time_us(300, || {
            std::hint::black_box(validate::validate(&config));
        });
        let bundle = generate(&config).bundle;
        let (zip_p50, _) = time_us(200, || {
            std::hint::black_box(archive::zip_bundle(&bundle).unwrap());
        });
        let (share_p50, _) = time_us(200, || {
            std::hint::black_box(share::encode(&config, false));
        });
        let link_len = share::fragment(&config, false).len() + 1;
        let keystroke = incremental_us(&config, |c| match c.env.last_mut() {
            Some(v) => v.value.push('x'),
            None => c.project.name.push('x'),
        });
        let port = incremental_us(&config, |c| {
            c.app.host_port = c.app.host_port.wrapping_add(1)
        });
        let toggle = incremental_us(&config, |c| c.redis.enabled = !c.redis.enabled);
        let mut incremental = String::new();
        for (label, (p50, p95, rendered)) in
            [("env_value", keystroke), ("port", port), ("toggle", toggle)]
        {
            incremental.push_str(&format!(
                ", \"incr_{label}_us_p50\": {p50:.1}, \"incr_{label}_us_p95\": {p95:.1}, \"incr_{label}_files\": {rendered}"
            ));
        }
        rows.push(format!(
            "{{\"case\": \"{name}\", \"files\": {files}, \"render_us_p50\": {render_p50:.1}, \"render_us_p95\": {render_p95:.1}, \"validate_us_p50\": {validate_p50:.1}, \"zip_us_p50\": {zip_p50:.1}, \"share_encode_us_p50\": {share_p50:.1}, \"share_fragment_chars\": {link_len}{incremental}}}"
        ));
    }
    println!("[\n  {}\n]", rows.join(",\n  "));
}
