//! Every configuration enum lists its variants once, with the name it is written as: `ALL`
//! (the schema's enumerations, the property-test generators and the editor's selects iterate
//! it) and `as_str` (the serde name). The `match` in `as_str` is exhaustive, so a new variant
//! that is not listed does not compile; a test checks that the names agree with serde.

/// Declares `ALL` and `as_str` for a configuration enum.
macro_rules! choices {
    ($t:ident { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $t {
            /// Every variant, in the order the editor offers them.
            pub const ALL: [$t; choices!(@count $($variant)+)] = [$($t::$variant),+];

            /// The name the variant is written as in configuration files and links.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($t::$variant => $name),+
                }
            }
        }
    };
    (@count) => { 0usize };
    (@count $head:ident $($tail:ident)*) => { 1usize + choices!(@count $($tail)*) };
}

use super::*;
use crate::secret::SecretEncoding;

choices!(Layout { Root => "root", DockerDir => "docker_dir" });
choices!(ComposeNaming { DockerCompose => "docker_compose", ComposeYaml => "compose_yaml" });
choices!(EnvStrategy { Overrides => "overrides", Profiles => "profiles" });
choices!(EnvName { Dev => "dev", Staging => "staging", Prod => "prod" });
choices!(Framework { NextjsStandalone => "nextjs_standalone", NodeServer => "node_server" });
choices!(BaseImage { Alpine => "alpine", Slim => "slim" });
choices!(PackageManager { Npm => "npm", Pnpm => "pnpm", Yarn => "yarn", Bun => "bun" });
choices!(InitProcess { DumbInit => "dumb_init", Tini => "tini", None => "none" });
choices!(DevDockerfile { Separate => "separate", BuilderTarget => "builder_target" });
choices!(EnvMode { Default => "default", Required => "required", Fixed => "fixed" });
choices!(RestartPolicy {
    UnlessStopped => "unless-stopped",
    Always => "always",
    OnFailure => "on-failure",
    No => "no",
});
choices!(EvictionPolicy {
    Noeviction => "noeviction",
    AllkeysLru => "allkeys-lru",
    AllkeysLfu => "allkeys-lfu",
    AllkeysRandom => "allkeys-random",
    VolatileLru => "volatile-lru",
    VolatileLfu => "volatile-lfu",
    VolatileRandom => "volatile-random",
    VolatileTtl => "volatile-ttl",
});
choices!(Bind { Loopback => "loopback", All => "all" });
choices!(SecretEncoding { Hex => "hex", Base64 => "base64" });

#[cfg(test)]
mod tests {
    use super::*;

    /// `as_str` is the serde name and `ALL` holds each variant once.
    fn agrees<
        T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + Copy + std::fmt::Debug,
    >(
        all: &[T],
        name: fn(T) -> &'static str,
    ) {
        for (i, v) in all.iter().enumerate() {
            assert_eq!(serde_json::to_value(v).unwrap(), name(*v), "{v:?}");
            let back: T = serde_json::from_value(name(*v).into()).unwrap();
            assert_eq!(back, *v);
            assert!(!all[..i].contains(v), "{v:?} listed twice");
        }
    }

    #[test]
    fn names_are_the_serde_names() {
        agrees(&Layout::ALL, Layout::as_str);
        agrees(&ComposeNaming::ALL, ComposeNaming::as_str);
        agrees(&EnvStrategy::ALL, EnvStrategy::as_str);
        agrees(&EnvName::ALL, EnvName::as_str);
        agrees(&Framework::ALL, Framework::as_str);
        agrees(&BaseImage::ALL, BaseImage::as_str);
        agrees(&PackageManager::ALL, PackageManager::as_str);
        agrees(&InitProcess::ALL, InitProcess::as_str);
        agrees(&DevDockerfile::ALL, DevDockerfile::as_str);
        agrees(&EnvMode::ALL, EnvMode::as_str);
        agrees(&RestartPolicy::ALL, RestartPolicy::as_str);
        agrees(&EvictionPolicy::ALL, EvictionPolicy::as_str);
        agrees(&Bind::ALL, Bind::as_str);
        agrees(&SecretEncoding::ALL, SecretEncoding::as_str);
    }
}
