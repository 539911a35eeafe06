//! Syntax predicates: what a project name, an image reference, a duration, a byte size
//! ... looks like. Plain character-class checks (no regex crate: the rules are simple and it
//! keeps the wasm small), each with table tests.

use crate::config::KeyValue;

/// Compose project names: lowercase letters, digits, `_` and `-`, starting with a letter or digit.
pub fn is_project_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
        && s.len() <= 63
}

/// Compose service, network and volume names: `[a-zA-Z0-9][a-zA-Z0-9_.-]*`, and not `x-...`,
/// which compose reads as an extension field and silently drops.
pub fn is_compose_name(s: &str) -> bool {
    if s.to_ascii_lowercase().starts_with("x-") {
        return false;
    }
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        && s.len() <= 63
}

pub fn is_env_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_uppercase() || c == '_')
        && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

pub fn is_identifier_any_case(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

pub fn is_version(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    (1..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 6 && p.chars().all(|c| c.is_ascii_digit()))
}

pub fn is_image_tag(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphanumeric() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        && s.len() <= 128
}

/// `[registry/]path[:tag][@digest]`, lowercase repository path.
pub fn is_image_ref(s: &str) -> bool {
    let (name, _) = s.split_once('@').unwrap_or((s, ""));
    let last_slash = name.rfind('/').map(|i| i + 1).unwrap_or(0);
    let (repo, tag) = match name[last_slash..].find(':') {
        Some(i) => (&name[..last_slash + i], Some(&name[last_slash + i + 1..])),
        None => (name, None),
    };
    !repo.is_empty()
        && repo.split('/').all(|part| {
            !part.is_empty()
                && part.chars().all(|c| {
                    c.is_ascii_lowercase()
                        || c.is_ascii_digit()
                        || matches!(c, '.' | '_' | '-' | ':')
                })
        })
        && tag.is_none_or(is_image_tag)
}

/// A relative path inside the repository: no `..`, not absolute, conservative characters.
pub fn is_relative_path(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('/')
        && s.split('/').all(|seg| {
            !seg.is_empty()
                && seg != ".."
                && seg
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'))
        })
}

pub fn is_url_path(s: &str) -> bool {
    s.starts_with('/')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.' | '~'))
}

pub fn has_control(s: &str) -> bool {
    s.chars().any(|c| c.is_control())
}

pub fn is_duration(s: &str) -> bool {
    // <digits><unit>: the form both compose and Dockerfile HEALTHCHECK parsers accept
    // (hadolint rejects compound 1m30s and sub-second units; no healthcheck needs them).
    let digits = s.chars().take_while(|c| c.is_ascii_digit()).count();
    digits > 0 && digits <= 6 && matches!(&s[digits..], "s" | "m" | "h")
}

/// An extra service's `KEY=value` whose key names a credential and whose value is literal
/// (not a `${…}` reference): it would sit in compose and in every share link.
pub fn holds_literal_secret(kv: &KeyValue) -> bool {
    let key = kv.key.to_ascii_uppercase();
    let secret_name = [
        "PASSWORD",
        "PASSWD",
        "SECRET",
        "TOKEN",
        "API_KEY",
        "PRIVATE_KEY",
        "ACCESS_KEY",
    ]
    .iter()
    .any(|word| key.contains(word));
    secret_name && !kv.value.is_empty() && !kv.value.starts_with("${")
}

/// `-k`, `--data-checksums`, `--locale=en_US.UTF-8`: one initdb option, nothing the shell
/// would expand or split.
pub fn is_initdb_option(word: &str) -> bool {
    let Some(body) = word.strip_prefix("--").or_else(|| word.strip_prefix('-')) else {
        return false;
    };
    let (name, value) = body.split_once('=').unwrap_or((body, ""));
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.,:/@+".contains(c))
}

/// `0s`, `00m`: Docker rejects a zero interval or timeout ("cannot be less than 1ms"), and
/// BuildKit a zero `--start-period`, which the Dockerfile therefore leaves out.
pub fn is_zero_duration(s: &str) -> bool {
    is_duration(s)
        && s.trim_end_matches(['s', 'm', 'h'])
            .chars()
            .all(|c| c == '0')
}

pub fn is_byte_size(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let digits = lower.chars().take_while(|c| c.is_ascii_digit()).count();
    digits > 0
        && matches!(
            &lower[digits..],
            "" | "b" | "k" | "m" | "g" | "kb" | "mb" | "gb"
        )
}

pub fn is_cpus(s: &str) -> bool {
    s.parse::<f64>().is_ok_and(|v| v > 0.0 && v <= 1024.0)
        && s.chars().all(|c| c.is_ascii_digit() || c == '.')
}

pub fn is_package_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '+' | '.' | '_' | '-')
        })
}

pub fn is_script_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '_' | '.' | '-'))
}

pub fn is_user_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
        && s.len() <= 32
}

/// Characters that survive in a URL's userinfo part without percent-encoding.
pub fn is_url_safe_secret(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks `predicate` against inputs it must accept and inputs it must reject.
    #[track_caller]
    fn table(predicate: impl Fn(&str) -> bool, accept: &[&str], reject: &[&str]) {
        for s in accept {
            assert!(predicate(s), "should accept {s:?}");
        }
        for s in reject {
            assert!(!predicate(s), "should reject {s:?}");
        }
    }

    #[test]
    fn names() {
        let long = "a".repeat(64);
        table(
            is_project_name,
            &["shop", "my-app_2", "0day"],
            &["", "My", "-a", "a b", "a.b", &long],
        );
        table(
            is_compose_name,
            &["web", "Web.v2", "a_b-c", "9x"],
            &["", "x-hidden", "X-y", ".a", "a b", &long],
        );
        table(
            is_env_name,
            &["A", "_X", "NEXT_PUBLIC_URL2"],
            &["", "a", "1A", "A-B", "A B"],
        );
        table(
            is_identifier_any_case,
            &["a", "Key_1", "_x"],
            &["", "1a", "a-b", "a.b"],
        );
        table(
            is_user_name,
            &["node", "_svc", "app-user1"],
            &["", "Node", "1user", "a b", &"u".repeat(33)],
        );
        table(
            is_package_name,
            &["curl", "ca-certificates", "g++", "libc6.1"],
            &["", "Curl", "-x", "a b"],
        );
        table(
            is_script_name,
            &["build", "build:prod", "dev.local"],
            &["", "a b", "x;y"],
        );
    }

    #[test]
    fn versions_and_images() {
        table(
            is_version,
            &["20", "22.16", "22.16.0"],
            &["", "v20", "20.", "1.2.3.4", "lts", "1234567"],
        );
        table(
            is_image_tag,
            &["7", "16-alpine", "v1.27", "_x"],
            &["", "-x", "a:b", &"t".repeat(129)],
        );
        table(
            is_image_ref,
            &[
                "redis:7",
                "ghcr.io/org/name:1.2",
                "localhost:5000/app",
                "postgres@sha256:abc",
                "minio/minio",
            ],
            &["", "Redis:7", "a//b", "redis:", "redis:-x", "a b"],
        );
    }

    #[test]
    fn paths() {
        table(
            is_relative_path,
            &["src", "apps/web", "packages/@acme/ui", ".next"],
            &["", "/abs", "a/../b", "a//b", "a b"],
        );
        table(
            is_url_path,
            &["/", "/api/health", "/healthz.json"],
            &["", "health", "/a b", "/a?b"],
        );
    }

    #[test]
    fn durations_sizes_and_numbers() {
        table(
            is_duration,
            &["1s", "30s", "5m", "1h", "000s"],
            &["", "s", "1", "1ms", "1m30s", "1.5s", "1234567s"],
        );
        table(
            is_zero_duration,
            &["0s", "00m", "0h"],
            &["1s", "10s", "", "0"],
        );
        table(
            is_byte_size,
            &["256mb", "1g", "512M", "100", "10k"],
            &["", "mb", "1tb", "1.5g", "-1m"],
        );
        table(
            is_cpus,
            &["0.5", "2", "1.25"],
            &["", "0", "-1", "2000", "1e2", "abc"],
        );
    }

    #[test]
    fn shell_and_url_safety() {
        table(
            is_initdb_option,
            &[
                "-k",
                "--data-checksums",
                "--locale=en_US.UTF-8",
                "--auth-host=scram-sha-256",
            ],
            &["", "k", "--", "-", "--a b", "--x=$(id)", "--x=`id`", "--1x"],
        );
        table(
            is_url_safe_secret,
            &["", "abc123", "a-b.c_d~e"],
            &["a b", "p@ss", "a/b", "a:b", "%41"],
        );
        assert!(has_control("a\nb") && has_control("\u{7}") && !has_control("plain text"));
    }

    #[test]
    fn literal_secrets() {
        let kv = |key: &str, value: &str| KeyValue {
            key: key.into(),
            value: value.into(),
        };
        assert!(holds_literal_secret(&kv("MINIO_ROOT_PASSWORD", "s3cr3t")));
        assert!(holds_literal_secret(&kv("api_key", "abc")));
        assert!(!holds_literal_secret(&kv(
            "MINIO_ROOT_PASSWORD",
            "${MINIO_ROOT_PASSWORD}"
        )));
        assert!(!holds_literal_secret(&kv("MINIO_ROOT_PASSWORD", "")));
        assert!(!holds_literal_secret(&kv("MINIO_ROOT_USER", "admin")));
    }
}
