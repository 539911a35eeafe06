//! Host ports: two services never publish the same host port in one environment.

use super::*;

pub(super) fn host_ports(r: &Resolved, d: &mut Diagnostics) {
    let mut reported = BTreeSet::new();
    for env in environment_slots(r.config) {
        let mut owner: BTreeMap<u16, &str> = BTreeMap::new();
        for (port, path, service) in r.topology.published_in(env) {
            if port == 0 {
                continue;
            }
            if let Some(first) = owner.get(&port) {
                if reported.insert(path) {
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
