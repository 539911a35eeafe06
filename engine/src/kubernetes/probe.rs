//! Probes and the units they are written in: when the kubelet checks a container (HTTP on a
//! named port, a command, a TCP connect), how often, and compose's durations and byte sizes
//! as Kubernetes seconds and quantities.

use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Probe {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_get: Option<HttpGet>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exec: Option<Exec>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tcp_socket: Option<TcpSocket>,
    pub period_seconds: u32,
    pub timeout_seconds: u32,
    pub failure_threshold: u32,
}

impl Probe {
    pub fn http(path: &str, port: &str, timings: Timings) -> Self {
        Self {
            http_get: Some(HttpGet {
                path: path.into(),
                port: port.into(),
            }),
            ..timings.probe()
        }
    }

    pub fn exec<S: Into<String>>(command: impl IntoIterator<Item = S>, timings: Timings) -> Self {
        Self {
            exec: Some(Exec {
                command: command.into_iter().map(Into::into).collect(),
            }),
            ..timings.probe()
        }
    }

    pub fn tcp(port: &str, timings: Timings) -> Self {
        Self {
            tcp_socket: Some(TcpSocket { port: port.into() }),
            ..timings.probe()
        }
    }
}

/// How often a probe runs, how long it may take and how many failures in a row count.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Timings {
    pub period: u32,
    pub timeout: u32,
    pub failures: u32,
}

impl Timings {
    fn probe(self) -> Probe {
        Probe {
            period_seconds: self.period.max(1),
            timeout_seconds: self.timeout.max(1),
            failure_threshold: self.failures.max(1),
            ..Probe::default()
        }
    }

    /// A startup probe that allows `start_period` seconds before liveness takes over
    /// (`failureThreshold × periodSeconds ≥ start_period`).
    pub fn startup(self, start_period: u32) -> Self {
        let period = self.period.clamp(1, 10);
        Self {
            period,
            timeout: self.timeout,
            failures: start_period.div_ceil(period).max(self.failures),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HttpGet {
    pub path: String,
    /// The container port's name, so a port change cannot leave the probe behind.
    pub port: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Exec {
    pub command: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TcpSocket {
    pub port: String,
}

/// Seconds in a compose-style duration (`30s`, `2m`, `1h`); 0 when it is not one.
pub fn seconds(duration: &str) -> u32 {
    let digits: String = duration.chars().take_while(char::is_ascii_digit).collect();
    let n: u32 = digits.parse().unwrap_or(0);
    match &duration[digits.len()..] {
        "s" => n,
        "m" => n.saturating_mul(60),
        "h" => n.saturating_mul(3600),
        _ => 0,
    }
}

/// A compose byte size (`512M`, `2g`, `1gb`) as a Kubernetes quantity (`512Mi`, `2Gi`).
pub fn quantity(size: &str) -> String {
    let lower = size.trim().to_ascii_lowercase();
    let digits: String = lower.chars().take_while(char::is_ascii_digit).collect();
    let unit = match lower[digits.len()..].trim_end_matches('b') {
        "k" => "Ki",
        "m" => "Mi",
        "g" => "Gi",
        _ => "",
    };
    format!("{digits}{unit}")
}
