//! Host ports: two services never publish the same host port in one environment.

use super::*;

pub(super) fn host_ports(config: &Config, d: &mut Diagnostics) {
    let mut reported = BTreeSet::new();
    for env in environment_slots(config) {
        let mut owner: BTreeMap<u16, String> = BTreeMap::new();
        for (port, path, service) in published_host_ports(config, env) {
            if port == 0 {
                continue;
            }
            if let Some(first) = owner.get(&port) {
                if reported.insert(path.clone()) {
                    let scope = env
                        .map(|e| format!(" in {}", e.as_str()))
                        .unwrap_or_default();
                    d.error(
                        path,
                        format!("host port {port} is already used by {first}{scope}"),
                    );
                }
            } else {
                owner.insert(port, service);
            }
        }
    }
}
