//! Secrets: a value plus the generator that made it, and the entropy source trait.
//!
//! The engine itself never reaches for randomness: callers pass an [`Entropy`] (the CLI a
//! getrandom-backed one, the browser `crypto.getRandomValues`), which keeps the engine pure
//! and its output deterministic for a given configuration.

use crate::encoding;
use serde::{Deserialize, Serialize};

/// A source of cryptographically secure random bytes.
pub trait Entropy {
    fn fill(&mut self, buf: &mut [u8]);
}

/// How a secret value is produced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Generator {
    pub encoding: SecretEncoding,
    /// Number of random bytes before encoding.
    pub bytes: u16,
}

impl Default for Generator {
    fn default() -> Self {
        Self {
            encoding: SecretEncoding::Hex,
            bytes: 32,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SecretEncoding {
    Hex,
    Base64,
}

impl Generator {
    /// Smallest and largest byte counts accepted.
    pub const MIN_BYTES: u16 = 16;
    pub const MAX_BYTES: u16 = 128;

    pub fn generate(&self, entropy: &mut dyn Entropy) -> String {
        let mut buf = vec![0u8; self.bytes.clamp(1, Self::MAX_BYTES) as usize];
        entropy.fill(&mut buf);
        match self.encoding {
            SecretEncoding::Hex => encoding::hex(&buf),
            SecretEncoding::Base64 => encoding::base64_standard(&buf),
        }
    }

    /// The shell command that makes an equivalent value, shown next to placeholders.
    pub fn command(&self) -> String {
        match self.encoding {
            SecretEncoding::Hex => format!("openssl rand -hex {}", self.bytes),
            SecretEncoding::Base64 => format!("openssl rand -base64 {}", self.bytes),
        }
    }
}

/// A secret field of a built-in service (passwords).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Secret {
    pub value: String,
    pub generator: Option<Generator>,
}

impl Default for Secret {
    fn default() -> Self {
        Self::generated()
    }
}

impl Secret {
    /// An empty secret that will be filled by a hex generator.
    pub fn generated() -> Self {
        Self {
            value: String::new(),
            generator: Some(Generator {
                encoding: SecretEncoding::Hex,
                bytes: 24,
            }),
        }
    }
}

/// Fills every empty secret of the configuration that has a generator.
pub fn fill_missing_secrets(config: &mut crate::Config, entropy: &mut dyn Entropy) {
    for (value, generator) in config.secrets_mut() {
        if value.is_empty() {
            if let Some(generator) = generator {
                *value = generator.generate(entropy);
            }
        }
    }
}

/// Regenerates every secret that has a generator (the UI's "regenerate all").
pub fn regenerate_secrets(config: &mut crate::Config, entropy: &mut dyn Entropy) {
    for (value, generator) in config.secrets_mut() {
        if let Some(generator) = generator {
            *value = generator.generate(entropy);
        }
    }
}

/// Empties every secret value (what a share link carries unless secrets are opted in).
pub fn strip_secrets(config: &mut crate::Config) {
    for (value, _) in config.secrets_mut() {
        value.clear();
    }
}

/// A deterministic, NOT secure byte stream for tests and snapshots (xorshift).
#[derive(Clone, Debug)]
pub struct DeterministicEntropy(pub u64);

impl Entropy for DeterministicEntropy {
    fn fill(&mut self, buf: &mut [u8]) {
        for byte in buf {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            *byte = (self.0 >> 24) as u8;
        }
    }
}
