//! Share links: configuration <-> a compact, versioned string for a URL fragment.
//!
//! Format `v2.<base64url(deflate(json))>` where the JSON is `{"p": preset, "d": overlay, "s": secrets}`:
//! the configuration as an overlay on the closest preset, so an untouched preset is a few
//! dozen characters. Secrets are emptied unless the caller opts in, and regenerated on decode.
//! Decoding never panics: every failure is a [`ShareError`].

use crate::config::Config;
use crate::secret::{fill_missing_secrets, strip_secrets, Entropy};
use crate::{encoding, presets};
use serde_json::{Map, Value};

/// Current share format version. v2 (issue 12) has the same shape as v1; what changed is the
/// bases an overlay applies to (the Kubernetes section, presets with it on, a pinned
/// redis-commander tag), so a v1 link is decoded over the bases as they were (see
/// [`as_in_v1`]) and reopens exactly the configuration it was made from.
pub const SHARE_VERSION: u32 = 2;
/// Inflated payloads above this are rejected (a link is never legitimately this large).
const MAX_PAYLOAD: usize = 1 << 20;
/// Fragment key: `#c=v2.…`.
pub const FRAGMENT_KEY: &str = "c";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    Empty,
    NotALink,
    NewerVersion(u32),
    Corrupted(&'static str),
    UnknownPreset(String),
    InvalidConfig(String),
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShareError::Empty => f.write_str("the link carries no configuration"),
            ShareError::NotALink => f.write_str("this is not a dockwright configuration link"),
            ShareError::NewerVersion(v) => write!(f, "this link was made by a newer dockwright (format v{v}; this one reads up to v{SHARE_VERSION})"),
            ShareError::Corrupted(what) => write!(f, "the link is damaged or truncated ({what})"),
            ShareError::UnknownPreset(p) => write!(f, "the link is based on an unknown preset '{p}'"),
            ShareError::InvalidConfig(m) => write!(f, "the link's configuration is invalid: {m}"),
        }
    }
}

impl std::error::Error for ShareError {}

/// A decoded link.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    pub config: Config,
    /// The link carried secrets (the sender opted in).
    pub secrets_included: bool,
}

/// The candidate bases of an overlay (the defaults and every preset) as JSON, built once:
/// encoding runs on every edit in the browser.
fn bases() -> &'static [(&'static str, Value)] {
    static BASES: std::sync::OnceLock<Vec<(&'static str, Value)>> = std::sync::OnceLock::new();
    BASES.get_or_init(|| {
        std::iter::once((
            "",
            serde_json::to_value(Config::default()).unwrap_or(Value::Null),
        ))
        .chain(
            presets::PRESETS
                .iter()
                .filter_map(|p| Some((p.id, serde_json::to_value(presets::load(p.id)?).ok()?))),
        )
        .collect()
    })
}

/// Encodes a configuration; secrets are left out unless `include_secrets`.
pub fn encode(config: &Config, include_secrets: bool) -> String {
    let mut config = config.clone();
    if !include_secrets {
        strip_secrets(&mut config);
    }
    let target = serde_json::to_value(&config).unwrap_or(Value::Null);
    let (preset, overlay) = bases()
        .iter()
        .map(|(id, base)| {
            (
                *id,
                diff(base, &target).unwrap_or(Value::Object(Map::new())),
            )
        })
        .min_by_key(|(_, overlay)| overlay.to_string().len())
        .unwrap_or(("", target.clone()));
    let mut payload = Map::new();
    payload.insert("p".into(), Value::String(preset.into()));
    payload.insert("d".into(), overlay);
    if include_secrets {
        payload.insert("s".into(), Value::Bool(true));
    }
    let json = Value::Object(payload).to_string();
    // Raw deflate at level 9 (zlib's best).
    let compressed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    format!("v{SHARE_VERSION}.{}", encoding::base64url(&compressed))
}

/// The fragment (without `#`) for a configuration: `c=v2.…`.
pub fn fragment(config: &Config, include_secrets: bool) -> String {
    format!("{FRAGMENT_KEY}={}", encode(config, include_secrets))
}

/// Finds the share code in a full URL, a fragment (`#c=…`) or a bare code.
pub fn extract_code(input: &str) -> &str {
    let input = input.trim();
    let fragment = input.split_once('#').map(|(_, f)| f).unwrap_or(input);
    for part in fragment.split('&') {
        if let Some(code) = part.strip_prefix("c=") {
            return code;
        }
    }
    fragment
}

/// Decodes a link, URL, fragment or bare code. Missing secrets are regenerated with `entropy`.
pub fn decode(input: &str, entropy: &mut dyn Entropy) -> Result<Decoded, ShareError> {
    let code = extract_code(input);
    if code.is_empty() {
        return Err(ShareError::Empty);
    }
    let rest = code.strip_prefix('v').ok_or(ShareError::NotALink)?;
    let (version, body) = rest.split_once('.').ok_or(ShareError::NotALink)?;
    let version: u32 = version.parse().map_err(|_| ShareError::NotALink)?;
    if version == 0 {
        return Err(ShareError::NotALink);
    }
    if version > SHARE_VERSION {
        return Err(ShareError::NewerVersion(version));
    }
    let compressed =
        encoding::base64url_decode(body).ok_or(ShareError::Corrupted("not base64url"))?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_PAYLOAD)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::Corrupted("too large"),
            _ => ShareError::Corrupted("compressed data"),
        })?;
    let payload: Value =
        serde_json::from_slice(&json).map_err(|_| ShareError::Corrupted("payload"))?;
    let preset = payload
        .get("p")
        .and_then(Value::as_str)
        .ok_or(ShareError::Corrupted("payload"))?;
    let overlay = payload.get("d").ok_or(ShareError::Corrupted("payload"))?;
    let secrets_included = payload.get("s").and_then(Value::as_bool).unwrap_or(false);
    let base = if preset.is_empty() {
        Config::default()
    } else {
        presets::load(preset).ok_or_else(|| ShareError::UnknownPreset(preset.to_string()))?
    };
    let mut value =
        serde_json::to_value(base).map_err(|e| ShareError::InvalidConfig(e.to_string()))?;
    if version == 1 {
        as_in_v1(&mut value);
    }
    apply(&mut value, overlay);
    let mut config: Config =
        serde_json::from_value(value).map_err(|e| ShareError::InvalidConfig(e.to_string()))?;
    fill_missing_secrets(&mut config, entropy);
    Ok(Decoded {
        config,
        secrets_included,
    })
}

/// A base (defaults or a preset) as v1 links knew it: no Kubernetes output, and
/// redis-commander's tag left at `latest` unless the link set one.
fn as_in_v1(base: &mut Value) {
    if let Ok(k) = serde_json::to_value(crate::config::Kubernetes::default()) {
        base["kubernetes"] = k;
    }
    base["redis_commander"]["version"] = Value::String("latest".into());
}

/// The part of `target` that differs from `base`: objects recurse, anything else is replaced.
/// Both come from the same struct, so a key present in one is present in the other.
fn diff(base: &Value, target: &Value) -> Option<Value> {
    match (base, target) {
        (Value::Object(b), Value::Object(t)) => {
            let mut out = Map::new();
            for (k, tv) in t {
                match b.get(k) {
                    Some(bv) => {
                        if let Some(d) = diff(bv, tv) {
                            out.insert(k.clone(), d);
                        }
                    }
                    None => {
                        out.insert(k.clone(), tv.clone());
                    }
                }
            }
            (!out.is_empty()).then_some(Value::Object(out))
        }
        _ if base == target => None,
        _ => Some(target.clone()),
    }
}

/// Overlays `patch` on `base` (a null in the patch sets null, unlike RFC 7386, because
/// `None` is a real value of an `Option` field).
fn apply(base: &mut Value, patch: &Value) {
    match (base, patch) {
        (Value::Object(b), Value::Object(p)) => {
            for (k, pv) in p {
                match b.get_mut(k) {
                    Some(bv) => apply(bv, pv),
                    None => {
                        b.insert(k.clone(), pv.clone());
                    }
                }
            }
        }
        (b, p) => *b = p.clone(),
    }
}
