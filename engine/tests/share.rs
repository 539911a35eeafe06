//! The share codec: round trips, secrets handling, old-format fixtures, and a decoder that
//! never panics on random or truncated input.

#[path = "support/arb.rs"]
mod arb;

use dockwright_engine::secret::{fill_missing_secrets, DeterministicEntropy};
use dockwright_engine::share::{self, ShareError};
use dockwright_engine::{presets, Config};
use proptest::prelude::*;

fn preset(id: &str) -> Config {
    let mut c = presets::load(id).unwrap();
    fill_missing_secrets(&mut c, &mut DeterministicEntropy(3));
    c
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn round_trips_with_secrets(mut config in arb::config()) {
        fill_missing_secrets(&mut config, &mut DeterministicEntropy(9));
        let code = share::encode(&config, true);
        let decoded = share::decode(&code, &mut DeterministicEntropy(1)).unwrap();
        prop_assert!(decoded.secrets_included);
        prop_assert_eq!(decoded.config, config);
    }

    #[test]
    fn without_secrets_everything_but_secrets_survives(mut config in arb::config()) {
        fill_missing_secrets(&mut config, &mut DeterministicEntropy(9));
        let code = share::encode(&config, false);
        let mut decoded = share::decode(&code, &mut DeterministicEntropy(77)).unwrap().config;
        // Every secret is absent from the link, so the decoded value differs (regenerated) or
        // is empty (no generator); putting the originals back gives the same configuration.
        let mut expected = config.clone();
        for ((got, _), (want, gen)) in decoded.secrets_mut().into_iter().zip(expected.secrets_mut()) {
            // (Short values could appear in base64 by chance; real secrets are long.)
            if want.len() >= 12 {
                prop_assert!(!code.contains(want.as_str()));
            }
            if gen.is_some() { prop_assert!(!got.is_empty()); } else { prop_assert!(got.is_empty()); }
            *got = want.clone();
        }
        prop_assert_eq!(decoded, expected);
    }

    #[test]
    fn random_strings_never_panic(s in "\\PC{0,300}") {
        let _ = share::decode(&s, &mut DeterministicEntropy(1));
        let _ = share::decode(&format!("v1.{s}"), &mut DeterministicEntropy(1));
        let _ = share::decode(&format!("#c=v1.{s}"), &mut DeterministicEntropy(1));
    }

    #[test]
    fn truncated_and_mutated_links_never_panic(config in arb::config(), cut in 0usize..2000, flip in any::<(usize, u8)>()) {
        let code = share::encode(&config, true);
        let truncated = &code[..cut.min(code.len())];
        let _ = share::decode(truncated, &mut DeterministicEntropy(1));
        let mut bytes = code.into_bytes();
        let i = flip.0 % bytes.len();
        bytes[i] = b"ABCxyz019-_.v"[(flip.1 as usize) % 13];
        let _ = share::decode(&String::from_utf8_lossy(&bytes), &mut DeterministicEntropy(1));
    }
}

#[test]
fn default_links_leave_secrets_out_and_are_short() {
    for p in presets::PRESETS {
        let config = preset(p.id);
        let code = share::fragment(&config, false);
        for (secret, _) in config.clone().secrets_mut() {
            assert!(secret.is_empty() || !code.contains(secret.as_str()));
        }
        assert!(code.len() <= 200, "{}: {} characters", p.id, code.len());
        let decoded = share::decode(&code, &mut DeterministicEntropy(5)).unwrap();
        assert!(!decoded.secrets_included);
        assert_ne!(
            decoded.config.postgres.password.value, config.postgres.password.value,
            "regenerated, not carried"
        );
    }
}

#[test]
fn typed_errors() {
    let mut e = DeterministicEntropy(1);
    assert_eq!(share::decode("", &mut e), Err(ShareError::Empty));
    assert_eq!(
        share::decode("https://x.test/#", &mut e),
        Err(ShareError::Empty)
    );
    assert_eq!(share::decode("hello", &mut e), Err(ShareError::NotALink));
    assert_eq!(
        share::decode("v99.abc", &mut e),
        Err(ShareError::NewerVersion(99))
    );
    assert!(matches!(
        share::decode("v1.@@@", &mut e),
        Err(ShareError::Corrupted(_))
    ));
    assert!(matches!(
        share::decode("v1.AAAA", &mut e),
        Err(ShareError::Corrupted(_))
    ));
    let code = share::encode(&preset("node-minimal"), false);
    assert!(matches!(
        share::decode(&code[..code.len() - 3], &mut e),
        Err(ShareError::Corrupted(_))
    ));
    // Accepts a full URL, a fragment and a bare code alike.
    for form in [
        format!("https://host.test/app/#c={code}"),
        format!("#c={code}"),
        code.clone(),
    ] {
        assert!(share::decode(&form, &mut e).is_ok(), "{form}");
    }
}

/// One fixture per format version: links made by every released format keep decoding to the
/// same configuration. A new format version adds a fixture; none is ever removed.
#[test]
fn old_format_fixtures_still_decode() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/share");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "link") {
            let link = std::fs::read_to_string(&path).unwrap();
            let expected = std::fs::read_to_string(path.with_extension("yaml")).unwrap();
            let mut decoded = share::decode(link.trim(), &mut DeterministicEntropy(1))
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            if !decoded.secrets_included {
                // Regenerated on decode, so not comparable.
                dockwright_engine::secret::strip_secrets(&mut decoded.config);
            }
            assert_eq!(
                decoded.config,
                Config::from_text(&expected).unwrap(),
                "{}",
                path.display()
            );
            count += 1;
        }
    }
    assert!(count >= 1, "no fixtures in {}", dir.display());
}

/// A v1 link reopens what it meant when it was made: presets and defaults have changed since
/// (Kubernetes output on in some presets, a pinned redis-commander tag), v1 decodes over the
/// bases as they were, and v2 over today's.
#[test]
fn v1_links_keep_their_meaning_after_the_bases_changed() {
    let payload = r#"{"p":"nextjs-prisma-selfhosted","d":{"redis_commander":{"enabled":true}}}"#;
    let body = dockwright_engine::encoding::base64url(&miniz_oxide::deflate::compress_to_vec(
        payload.as_bytes(),
        9,
    ));
    let v1 = share::decode(&format!("v1.{body}"), &mut DeterministicEntropy(1)).unwrap();
    assert!(!v1.config.kubernetes.enabled);
    assert_eq!(v1.config.redis_commander.version, "latest");
    let v2 = share::decode(&format!("v2.{body}"), &mut DeterministicEntropy(1)).unwrap();
    assert!(v2.config.kubernetes.enabled);
    assert_eq!(v2.config.redis_commander.version, "0.9.1");
    // New links are v2 and round-trip the Kubernetes section.
    let mut c = v2.config.clone();
    c.kubernetes
        .environments
        .get_mut(&dockwright_engine::config::EnvName::Prod)
        .unwrap()
        .tag = "7.7.7".into();
    let link = share::encode(&c, true);
    assert!(link.starts_with("v2."));
    assert_eq!(
        share::decode(&link, &mut DeterministicEntropy(1))
            .unwrap()
            .config,
        c
    );
}
