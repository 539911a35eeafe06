//! Published ports, short and long syntax, read into host side, container side and address.

use super::*;

/// A published port: host side (if any), container side, host address.
pub(super) struct Port {
    pub(super) host: Option<u16>,
    pub(super) container: u16,
    pub(super) ip: Option<String>,
}

pub(super) fn ports(m: &mut Mapper, service: &mut Mapping, name: &str) -> Vec<Port> {
    let Some(Value::Sequence(list)) = take(service, "ports") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, item) in list.iter().enumerate() {
        let path = format!("services.{name}.ports[{i}]");
        let parsed = match item {
            Value::Mapping(long) => {
                let get = |k: &str| long.get(k).cloned();
                let target = get("target").and_then(|v| m.text(&path, &v));
                let published = get("published").and_then(|v| m.text(&path, &v));
                let ip = get("host_ip").and_then(|v| m.text(&path, &v));
                if get("protocol")
                    .and_then(|v| v.as_str().map(str::to_string))
                    .is_some_and(|p| p != "tcp")
                {
                    m.warn(&path, "a non-TCP port is not carried over");
                    continue;
                }
                target.map(|t| (ip, published, t))
            }
            other => m.text(&path, other).map(|text| {
                let (text, proto) = text
                    .split_once('/')
                    .map_or((text.as_str(), "tcp"), |(a, b)| (a, b));
                let text = text.to_string();
                if proto != "tcp" {
                    return (Some("udp".into()), None, String::new());
                }
                let fields: Vec<&str> = text.rsplitn(3, ':').collect();
                match fields.as_slice() {
                    [c] => (None, None, c.to_string()),
                    [c, h] => (None, Some(h.to_string()), c.to_string()),
                    [c, h, ip] => (
                        Some(ip.trim_matches(['[', ']']).to_string()),
                        Some(h.to_string()),
                        c.to_string(),
                    ),
                    _ => (None, None, String::new()),
                }
            }),
        };
        let Some((ip, host, container)) = parsed else {
            continue;
        };
        if ip.as_deref() == Some("udp") {
            m.warn(&path, "a non-TCP port is not carried over");
            continue;
        }
        let Ok(container) = container.parse::<u16>() else {
            m.warn(
                &path,
                format!("`{container}` is not one port (ranges are not carried over)"),
            );
            continue;
        };
        let host = match host.as_deref() {
            None | Some("") => None,
            Some(h) => match h.parse::<u16>() {
                Ok(h) => Some(h),
                Err(_) => {
                    m.warn(
                        &path,
                        format!("host port `{h}` is not one port (ranges are not carried over)"),
                    );
                    continue;
                }
            },
        };
        out.push(Port {
            host,
            container,
            ip,
        });
    }
    out
}
