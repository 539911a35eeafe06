//! Checks no schema does, over the objects `kubectl kustomize` builds for one overlay: that
//! every reference resolves (selectors, ports, ConfigMap / Secret keys, claims, hostnames in
//! connection strings), that no secret value sits in a literal, and that every pod meets the
//! Pod Security Standard "restricted" with requests and limits. Each finding is one line
//! naming the object.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Kinds whose objects carry a namespace.
const CLUSTER_SCOPED: [&str; 1] = ["Namespace"];

/// Variables whose value names an in-cluster host.
const HOST_VARS: [&str; 4] = ["DATABASE_URL", "REDIS_URL", "REDIS_HOSTS", "PGHOST"];

pub struct Pod<'a> {
    pub owner: String,
    pub labels: BTreeMap<String, String>,
    pub spec: &'a Value,
    /// Names of the controller's volume claim templates (a StatefulSet's).
    pub claim_templates: Vec<String>,
    pub replicas: u64,
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

fn labels(v: &Value) -> BTreeMap<String, String> {
    v.as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), s(v).to_string()))
                .collect()
        })
        .unwrap_or_default()
}

fn id(o: &Value) -> String {
    format!("{}/{}", s(&o["kind"]), s(&o["metadata"]["name"]))
}

/// Whether `selector` (matchLabels-style map) selects `pod_labels`.
fn selects(selector: &BTreeMap<String, String>, pod_labels: &BTreeMap<String, String>) -> bool {
    selector.iter().all(|(k, v)| pod_labels.get(k) == Some(v))
}

pub fn pods(objects: &[Value]) -> Vec<Pod<'_>> {
    let mut out = Vec::new();
    for o in objects {
        let template = match s(&o["kind"]) {
            "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" | "Job" => {
                &o["spec"]["template"]
            }
            "CronJob" => &o["spec"]["jobTemplate"]["spec"]["template"],
            _ => continue,
        };
        out.push(Pod {
            owner: id(o),
            labels: labels(&template["metadata"]["labels"]),
            spec: &template["spec"],
            claim_templates: o["spec"]["volumeClaimTemplates"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|t| s(&t["metadata"]["name"]).to_string())
                        .collect()
                })
                .unwrap_or_default(),
            replicas: o["spec"]["replicas"].as_u64().unwrap_or(1),
        });
    }
    out
}

fn containers(spec: &Value) -> Vec<&Value> {
    ["initContainers", "containers"]
        .iter()
        .flat_map(|k| spec[*k].as_array().into_iter().flatten())
        .collect()
}

fn is_dns_label(n: &str) -> bool {
    !n.is_empty()
        && n.len() <= 63
        && n.starts_with(|c: char| c.is_ascii_lowercase())
        && !n.ends_with('-')
        && n.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn is_dns_subdomain(n: &str) -> bool {
    n.len() <= 253
        && n.split('.').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !p.starts_with('-')
                && !p.ends_with('-')
        })
}

/// Standard base64 (what kustomize writes into a Secret's `data`).
pub fn base64_decode(text: &str) -> Vec<u8> {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for c in text
        .bytes()
        .filter(|c| *c != b'=' && !c.is_ascii_whitespace())
    {
        let Some(v) = alphabet.iter().position(|a| *a == c) else {
            continue;
        };
        bits = (bits << 6) | v as u32;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
            bits &= (1 << n) - 1;
        }
    }
    out
}

/// Every finding for one overlay's objects, all in `namespace`.
pub fn check(objects: &[Value], namespace: &str) -> Vec<String> {
    let mut f = Vec::new();
    let by_kind =
        |kind: &str| -> Vec<&Value> { objects.iter().filter(|o| s(&o["kind"]) == kind).collect() };
    let pods = pods(objects);
    let services = by_kind("Service");
    let service_names: BTreeSet<&str> =
        services.iter().map(|o| s(&o["metadata"]["name"])).collect();

    // Names, namespaces, the namespace itself.
    if !by_kind("Namespace")
        .iter()
        .any(|n| s(&n["metadata"]["name"]) == namespace)
    {
        f.push(format!("no Namespace object {namespace}"));
    }
    let mut seen = BTreeSet::new();
    for o in objects {
        let name = s(&o["metadata"]["name"]);
        if !is_dns_subdomain(name) {
            f.push(format!("{}: name is not a DNS subdomain", id(o)));
        }
        if !seen.insert(id(o)) {
            f.push(format!("{}: defined twice", id(o)));
        }
        let kind = s(&o["kind"]);
        if !CLUSTER_SCOPED.contains(&kind) && s(&o["metadata"]["namespace"]) != namespace {
            f.push(format!("{}: namespace is not {namespace}", id(o)));
        }
    }

    // Services: DNS-1035 names, selectors that select, target ports that exist.
    for svc in &services {
        let name = s(&svc["metadata"]["name"]);
        if !is_dns_label(name) {
            f.push(format!("Service/{name}: not a DNS-1035 label"));
        }
        let selector = labels(&svc["spec"]["selector"]);
        let selected: Vec<&Pod> = pods
            .iter()
            .filter(|p| !selector.is_empty() && selects(&selector, &p.labels))
            .collect();
        if selected.is_empty() {
            f.push(format!(
                "Service/{name}: its selector matches no pod template"
            ));
        }
        for port in svc["spec"]["ports"].as_array().into_iter().flatten() {
            let target = &port["targetPort"];
            let found = selected.iter().any(|p| {
                p.spec["containers"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|c| {
                        c["ports"]
                            .as_array()
                            .into_iter()
                            .flatten()
                            .any(|cp| match target {
                                Value::String(t) => s(&cp["name"]) == t,
                                Value::Number(n) => cp["containerPort"].as_u64() == n.as_u64(),
                                _ => cp["containerPort"] == port["port"],
                            })
                    })
            });
            if !found {
                f.push(format!(
                    "Service/{name}: targetPort {target} is no containerPort of its pods"
                ));
            }
        }
    }
    for o in by_kind("StatefulSet") {
        let governing = s(&o["spec"]["serviceName"]);
        let headless = services.iter().any(|svc| {
            s(&svc["metadata"]["name"]) == governing && s(&svc["spec"]["clusterIP"]) == "None"
        });
        if !headless {
            f.push(format!(
                "{}: serviceName {governing} is no headless Service",
                id(o)
            ));
        }
    }

    // References to ConfigMaps, Secrets, keys and claims.
    let data_of = |kind: &str, name: &str| -> Option<BTreeSet<String>> {
        objects
            .iter()
            .find(|o| s(&o["kind"]) == kind && s(&o["metadata"]["name"]) == name)
            .map(|o| {
                ["data", "stringData", "binaryData"]
                    .iter()
                    .flat_map(|k| {
                        o[*k]
                            .as_object()
                            .into_iter()
                            .flatten()
                            .map(|(k, _)| k.clone())
                    })
                    .collect()
            })
    };
    let claims: BTreeSet<&str> = by_kind("PersistentVolumeClaim")
        .iter()
        .map(|o| s(&o["metadata"]["name"]))
        .collect();
    let mut secret_values: Vec<String> = Vec::new();
    for sec in by_kind("Secret") {
        for (_, v) in sec["data"].as_object().into_iter().flatten() {
            let text = String::from_utf8_lossy(&base64_decode(s(v))).to_string();
            if text.len() >= 8 {
                secret_values.push(text);
            }
        }
    }
    for p in &pods {
        let volumes: BTreeSet<&str> = p.spec["volumes"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|v| s(&v["name"]))
            .chain(p.claim_templates.iter().map(String::as_str))
            .collect();
        for v in p.spec["volumes"].as_array().into_iter().flatten() {
            if let Some(cm) = v["configMap"]["name"].as_str() {
                if data_of("ConfigMap", cm).is_none() {
                    f.push(format!(
                        "{}: volume {} names a missing ConfigMap {cm}",
                        p.owner,
                        s(&v["name"])
                    ));
                }
            }
            if let Some(claim) = v["persistentVolumeClaim"]["claimName"].as_str() {
                if !claims.contains(claim) {
                    f.push(format!(
                        "{}: volume {} names a missing claim {claim}",
                        p.owner,
                        s(&v["name"])
                    ));
                }
            }
            if let Some(sec) = v["secret"]["secretName"].as_str() {
                match data_of("Secret", sec) {
                    None => f.push(format!("{}: volume names a missing Secret {sec}", p.owner)),
                    Some(keys) => {
                        for item in v["secret"]["items"].as_array().into_iter().flatten() {
                            if !keys.contains(s(&item["key"])) {
                                f.push(format!(
                                    "{}: volume names key {} that Secret {sec} lacks",
                                    p.owner,
                                    s(&item["key"])
                                ));
                            }
                        }
                    }
                }
            }
        }
        for c in containers(p.spec) {
            let cname = s(&c["name"]);
            let at = format!("{} container {cname}", p.owner);
            for m in c["volumeMounts"].as_array().into_iter().flatten() {
                if !volumes.contains(s(&m["name"])) {
                    f.push(format!(
                        "{at}: mounts a volume {} the pod does not have",
                        s(&m["name"])
                    ));
                }
            }
            for e in c["env"].as_array().into_iter().flatten() {
                let name = s(&e["name"]);
                for (kind, field) in [("ConfigMap", "configMapKeyRef"), ("Secret", "secretKeyRef")]
                {
                    let r = &e["valueFrom"][field];
                    if r.is_null() || r["optional"] == Value::Bool(true) {
                        continue;
                    }
                    match data_of(kind, s(&r["name"])) {
                        None => f.push(format!(
                            "{at}: {name} names a missing {kind} {}",
                            s(&r["name"])
                        )),
                        Some(keys) if !keys.contains(s(&r["key"])) => f.push(format!(
                            "{at}: {name} names key {} that {kind} {} lacks",
                            s(&r["key"]),
                            s(&r["name"])
                        )),
                        _ => {}
                    }
                }
                if let Some(value) = e["value"].as_str() {
                    for secret in &secret_values {
                        if value.contains(secret.as_str()) {
                            f.push(format!("{at}: {name} holds a secret's value as a literal"));
                        }
                    }
                    if HOST_VARS.contains(&name) {
                        for host in hosts(value) {
                            if !service_names.contains(host.as_str()) {
                                f.push(format!(
                                    "{at}: {name} names host {host}, which is no Service here"
                                ));
                            }
                        }
                    }
                }
            }
            for ef in c["envFrom"].as_array().into_iter().flatten() {
                for (kind, field) in [("ConfigMap", "configMapRef"), ("Secret", "secretRef")] {
                    if let Some(n) = ef[field]["name"].as_str() {
                        if data_of(kind, n).is_none() {
                            f.push(format!("{at}: envFrom names a missing {kind} {n}"));
                        }
                    }
                }
            }
            // Probes name ports the container has.
            let port_names: BTreeSet<&str> = c["ports"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| s(&p["name"]))
                .collect();
            for probe in ["startupProbe", "livenessProbe", "readinessProbe"] {
                for kind in ["httpGet", "tcpSocket"] {
                    if let Some(port) = c[probe][kind]["port"].as_str() {
                        if !port_names.contains(port) {
                            f.push(format!(
                                "{at}: {probe} uses port {port}, which the container does not name"
                            ));
                        }
                    }
                }
            }
            // Images: a pinned tag after the images transformer.
            let image = s(&c["image"]);
            let last = image.rsplit('/').next().unwrap_or(image);
            if !image.contains('@')
                && !last
                    .split_once(':')
                    .is_some_and(|(_, t)| !t.is_empty() && t != "latest")
            {
                f.push(format!("{at}: image {image} has no pinned tag"));
            }
        }
        f.extend(restricted(p));
    }
    for cm in by_kind("ConfigMap") {
        for (k, v) in cm["data"].as_object().into_iter().flatten() {
            for secret in &secret_values {
                if s(v).contains(secret.as_str()) {
                    f.push(format!("{}: {k} holds a secret's value", id(cm)));
                }
            }
        }
    }

    // Policies, ingress and budgets select what exists.
    for np in by_kind("NetworkPolicy") {
        let sel = labels(&np["spec"]["podSelector"]["matchLabels"]);
        if !sel.is_empty() && !pods.iter().any(|p| selects(&sel, &p.labels)) {
            f.push(format!("{}: podSelector matches no pod", id(np)));
        }
        for rule in np["spec"]["ingress"].as_array().into_iter().flatten() {
            for from in rule["from"].as_array().into_iter().flatten() {
                let sel = labels(&from["podSelector"]["matchLabels"]);
                if !sel.is_empty() && !pods.iter().any(|p| selects(&sel, &p.labels)) {
                    f.push(format!("{}: a from-selector matches no pod", id(np)));
                }
            }
        }
    }
    for ing in by_kind("Ingress") {
        for rule in ing["spec"]["rules"].as_array().into_iter().flatten() {
            for path in rule["http"]["paths"].as_array().into_iter().flatten() {
                let backend = &path["backend"]["service"];
                let svc = services
                    .iter()
                    .find(|o| s(&o["metadata"]["name"]) == s(&backend["name"]));
                let port_ok = svc.is_some_and(|svc| {
                    svc["spec"]["ports"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .any(|p| {
                            p["name"] == backend["port"]["name"]
                                || p["port"] == backend["port"]["number"]
                        })
                });
                if !port_ok {
                    f.push(format!(
                        "{}: backend {} is no Service port",
                        id(ing),
                        backend
                    ));
                }
            }
        }
    }
    for pdb in by_kind("PodDisruptionBudget") {
        let sel = labels(&pdb["spec"]["selector"]["matchLabels"]);
        match pods.iter().find(|p| selects(&sel, &p.labels)) {
            None => f.push(format!("{}: selects no pod", id(pdb))),
            Some(p) if p.replicas < 2 => f.push(format!(
                "{}: {} has one replica; the budget would block drains",
                id(pdb),
                p.owner
            )),
            _ => {}
        }
    }
    f
}

/// Host names in a connection string (`scheme://user:pw@host:port/…`, `label:host:port`).
pub fn hosts(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in value.split(',') {
        let after_scheme = part.split_once("://").map_or(part, |(_, r)| r);
        let after_user = after_scheme
            .rsplit_once('@')
            .map_or(after_scheme, |(_, r)| r);
        let host_port = after_user.split(['/', '?']).next().unwrap_or("");
        let pieces: Vec<&str> = host_port.split(':').collect();
        // `local:redis:6379` (redis-commander) names the host second.
        let host = if pieces.len() == 3 {
            pieces[1]
        } else {
            pieces[0]
        };
        if !host.is_empty() && !host.contains('.') && !host.starts_with('$') {
            out.push(host.to_string());
        }
    }
    out
}

/// The Pod Security Standard "restricted" (v1.30), plus requests and memory limits.
fn restricted(p: &Pod) -> Vec<String> {
    let mut f = Vec::new();
    let spec = p.spec;
    let pod_sc = &spec["securityContext"];
    for host in ["hostNetwork", "hostPID", "hostIPC"] {
        if spec[host] == Value::Bool(true) {
            f.push(format!("{}: {host}", p.owner));
        }
    }
    let allowed = [
        "configMap",
        "csi",
        "downwardAPI",
        "emptyDir",
        "ephemeral",
        "persistentVolumeClaim",
        "projected",
        "secret",
    ];
    for v in spec["volumes"].as_array().into_iter().flatten() {
        let kinds: Vec<&String> = v
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, _)| k)
            .filter(|k| *k != "name")
            .collect();
        if kinds.iter().any(|k| !allowed.contains(&k.as_str())) {
            f.push(format!(
                "{}: volume {} of a type restricted forbids",
                p.owner,
                s(&v["name"])
            ));
        }
    }
    if spec["automountServiceAccountToken"] != Value::Bool(false) {
        f.push(format!("{}: mounts a service-account token", p.owner));
    }
    for c in containers(spec) {
        let at = format!("{} container {}", p.owner, s(&c["name"]));
        let sc = &c["securityContext"];
        let non_root = sc["runAsNonRoot"] == Value::Bool(true)
            || (sc["runAsNonRoot"].is_null() && pod_sc["runAsNonRoot"] == Value::Bool(true));
        if !non_root {
            f.push(format!("{at}: runAsNonRoot is not true"));
        }
        for uid in [&sc["runAsUser"], &pod_sc["runAsUser"]] {
            if uid.as_u64() == Some(0) {
                f.push(format!("{at}: runs as uid 0"));
            }
        }
        let seccomp = if sc["seccompProfile"].is_null() {
            &pod_sc["seccompProfile"]
        } else {
            &sc["seccompProfile"]
        };
        if !matches!(s(&seccomp["type"]), "RuntimeDefault" | "Localhost") {
            f.push(format!("{at}: no seccomp profile"));
        }
        if sc["allowPrivilegeEscalation"] != Value::Bool(false) {
            f.push(format!("{at}: allowPrivilegeEscalation is not false"));
        }
        if sc["privileged"] == Value::Bool(true) {
            f.push(format!("{at}: privileged"));
        }
        let drops: Vec<&str> = sc["capabilities"]["drop"]
            .as_array()
            .into_iter()
            .flatten()
            .map(s)
            .collect();
        if !drops.contains(&"ALL") {
            f.push(format!("{at}: capabilities do not drop ALL"));
        }
        for add in sc["capabilities"]["add"].as_array().into_iter().flatten() {
            if s(add) != "NET_BIND_SERVICE" {
                f.push(format!("{at}: adds capability {add}"));
            }
        }
        for port in c["ports"].as_array().into_iter().flatten() {
            if !port["hostPort"].is_null() {
                f.push(format!("{at}: hostPort"));
            }
        }
        let res = &c["resources"];
        for (part, key) in [
            ("requests", "cpu"),
            ("requests", "memory"),
            ("limits", "memory"),
        ] {
            if res[part][key].is_null() {
                f.push(format!("{at}: no {part}.{key}"));
            }
        }
    }
    f
}
