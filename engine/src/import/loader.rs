//! Reading compose files as compose does, before any mapping: each file parsed as YAML with its
//! merge keys (`<<`) applied, every string's interpolation checked, then the files merged in
//! `-f` order by the compose specification's merge rules (mappings merged key by key, `command`
//! / `entrypoint` / `healthcheck.test` replaced, `environment` / `labels` / `build.args` merged
//! as key=value sets, `ports` / `volumes` / `expose` appended without duplicates, `!reset`
//! removing a key and `!override` replacing it whole). Short syntax for `environment` and
//! `depends_on` is normalised to mappings here; ports and volumes stay as written for the
//! mapping to read.

use super::interpolation::Template;
use super::{ImportError, ImportWarning};
use serde_yaml::value::{Tag, TaggedValue};
use serde_yaml::{Mapping, Value};

mod include;
use include::{extends, include};
pub use include::{normalise_path, references, relative_to, Available};

/// One file as the user gave it.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as given (`docker/docker-compose.dev.yml`), used for names and messages.
    pub path: String,
    pub text: String,
}

/// The files as read one by one (normalised, not merged) and merged in order.
pub struct Loaded {
    pub files: Vec<Value>,
    pub merged: Value,
}

/// Parses `files` (the base file first, then each override) and merges them.
pub fn load(
    files: &[SourceFile],
    available: &Available,
    warnings: &mut Vec<ImportWarning>,
) -> Result<Loaded, ImportError> {
    let mut merged: Option<Value> = None;
    let mut each = Vec::new();
    for file in files {
        let Some(mut doc) = parse_one(file, warnings)? else {
            each.push(Value::Null);
            continue;
        };
        let mut stack = vec![normalise_path(&file.path)];
        include(&mut doc, &file.path, available, warnings, &mut stack)?;
        extends(&mut doc, &file.path, available, warnings, &mut Vec::new())?;
        each.push(strip_tags(doc.clone()));
        merged = Some(match merged {
            None => strip_tags(doc),
            Some(base) => merge(base, doc),
        });
    }
    let merged = merged.unwrap_or(Value::Null);
    let has_services = merged
        .get("services")
        .and_then(Value::as_mapping)
        .is_some_and(|s| !s.is_empty());
    if !has_services {
        return Err(ImportError {
            file: files.first().map(|f| f.path.clone()).unwrap_or_default(),
            message: "no services: nothing to import".into(),
        });
    }
    Ok(Loaded {
        files: each,
        merged,
    })
}

/// One file: YAML, merge keys applied, interpolation checked, short syntax normalised (`None`
/// for an empty file).
fn parse_one(
    file: &SourceFile,
    warnings: &mut Vec<ImportWarning>,
) -> Result<Option<Value>, ImportError> {
    let mut doc: Value = serde_yaml::from_str(&file.text).map_err(|e| ImportError {
        file: file.path.clone(),
        message: format!("not a YAML document: {e}"),
    })?;
    if doc.is_null() {
        warnings.push(ImportWarning::new(&file.path, "the file is empty"));
        return Ok(None);
    }
    doc.apply_merge().map_err(|e| ImportError {
        file: file.path.clone(),
        message: format!("merge key (`<<`): {e}"),
    })?;
    if !doc.is_mapping() {
        return Err(ImportError {
            file: file.path.clone(),
            message: "a compose file is a mapping (`services:` at the top)".into(),
        });
    }
    check_interpolation(&doc, "", &file.path)?;
    normalise(&mut doc);
    Ok(Some(doc))
}

/// Refuses a malformed `${…}` anywhere, naming the compose path, as compose refuses the file.
fn check_interpolation(value: &Value, path: &str, file: &str) -> Result<(), ImportError> {
    match value {
        Value::String(s) => Template::parse(s).map(|_| ()).map_err(|e| ImportError {
            file: file.to_string(),
            message: format!("{path}: {e}"),
        }),
        Value::Sequence(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, v)| check_interpolation(v, &format!("{path}[{i}]"), file)),
        Value::Mapping(map) => map.iter().try_for_each(|(k, v)| {
            let key = key_text(k);
            let child = if path.is_empty() {
                key
            } else {
                format!("{path}.{key}")
            };
            check_interpolation(v, &child, file)
        }),
        Value::Tagged(tagged) => check_interpolation(&tagged.value, path, file),
        _ => Ok(()),
    }
}

/// A mapping key as text (compose keys are strings; numbers and booleans are written back).
pub fn key_text(key: &Value) -> String {
    match key {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

/// Keys of a service appended without duplicates. Other lists (`command`, `entrypoint`,
/// `healthcheck.test`) are replaced; key=value sets are mappings by then, merged key by key.
const APPENDED: &[&str] = &[
    "ports",
    "volumes",
    "expose",
    "dns",
    "dns_search",
    "env_file",
    "secrets",
    "configs",
    "cap_add",
    "cap_drop",
    "devices",
    "profiles",
];

/// `environment: [A=1, B]` -> `{A: "1", B: null}`; `depends_on: [db]` -> `{db: {condition:
/// service_started}}`, for every service of `doc`.
fn normalise(doc: &mut Value) {
    let Some(services) = doc.get_mut("services").and_then(Value::as_mapping_mut) else {
        return;
    };
    for (_, service) in services.iter_mut() {
        let Some(service) = service.as_mapping_mut() else {
            continue;
        };
        for key in ["environment", "labels"] {
            if let Some(value) = service.get_mut(key) {
                list_to_map(value);
            }
        }
        if let Some(args) = service
            .get_mut("build")
            .and_then(Value::as_mapping_mut)
            .and_then(|b| b.get_mut("args"))
        {
            list_to_map(args);
        }
        if let Some(Value::Sequence(names)) = service.get("depends_on").cloned() {
            let mut map = Mapping::new();
            for name in names {
                let mut condition = Mapping::new();
                condition.insert("condition".into(), "service_started".into());
                map.insert(name, Value::Mapping(condition));
            }
            service.insert("depends_on".into(), Value::Mapping(map));
        }
    }
}

fn list_to_map(value: &mut Value) {
    let Value::Sequence(items) = value else {
        return;
    };
    let mut map = Mapping::new();
    for item in items.iter() {
        let text = match item {
            Value::String(s) => s.clone(),
            other => key_text(other),
        };
        match text.split_once('=') {
            Some((k, v)) => map.insert(k.into(), v.into()),
            None => map.insert(text.into(), Value::Null),
        };
    }
    *value = Value::Mapping(map);
}

fn tag_is(tag: &Tag, name: &str) -> bool {
    *tag == Tag::new(name)
}

/// The base file's own `!reset` / `!override` tags mean nothing to merge: keep the values.
fn strip_tags(value: Value) -> Value {
    match value {
        Value::Tagged(tagged) if tag_is(&tagged.tag, "reset") => Value::Null,
        Value::Tagged(tagged) if tag_is(&tagged.tag, "override") => strip_tags(tagged.value),
        Value::Mapping(map) => Value::Mapping(
            map.into_iter()
                .filter(|(_, v)| !matches!(v, Value::Tagged(t) if tag_is(&t.tag, "reset")))
                .map(|(k, v)| (k, strip_tags(v)))
                .collect(),
        ),
        Value::Sequence(items) => Value::Sequence(items.into_iter().map(strip_tags).collect()),
        other => other,
    }
}

/// Merges `over` onto `base` (both whole documents).
fn merge(base: Value, over: Value) -> Value {
    merge_at(base, over, &[])
}

fn merge_at(base: Value, over: Value, path: &[&str]) -> Value {
    match over {
        Value::Tagged(tagged) if tag_is(&tagged.tag, "override") => strip_tags(tagged.value),
        Value::Tagged(tagged) if !tag_is(&tagged.tag, "reset") => {
            let TaggedValue { value, .. } = *tagged;
            merge_at(base, value, path)
        }
        Value::Mapping(over_map) => {
            let Value::Mapping(mut base_map) = base else {
                return strip_tags(Value::Mapping(over_map));
            };
            for (key, value) in over_map {
                if matches!(&value, Value::Tagged(t) if tag_is(&t.tag, "reset")) {
                    base_map.remove(&key);
                    continue;
                }
                let name = key_text(&key);
                let mut child: Vec<&str> = path.to_vec();
                child.push(&name);
                // In place: an override keeps the base's key order.
                match base_map.get_mut(&key) {
                    Some(existing) => {
                        let before = std::mem::replace(existing, Value::Null);
                        *existing = merge_at(before, value, &child);
                    }
                    None => {
                        base_map.insert(key, strip_tags(value));
                    }
                }
            }
            Value::Mapping(base_map)
        }
        Value::Sequence(items) => {
            // services.<name>.<key>, or healthcheck.test under it.
            let service_key = (path.len() == 3 && path[0] == "services").then(|| path[2]);
            let appended = service_key.is_some_and(|k| APPENDED.contains(&k));
            match base {
                Value::Sequence(mut base_items) if appended => {
                    for item in items.into_iter().map(strip_tags) {
                        if !base_items.contains(&item) {
                            base_items.push(item);
                        }
                    }
                    Value::Sequence(base_items)
                }
                _ => strip_tags(Value::Sequence(items)),
            }
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> Vec<SourceFile> {
        list.iter()
            .map(|(path, text)| SourceFile {
                path: path.to_string(),
                text: text.to_string(),
            })
            .collect()
    }

    fn load_plain(
        files: &[SourceFile],
        warnings: &mut Vec<ImportWarning>,
    ) -> Result<Loaded, ImportError> {
        load(files, &Available::new(), warnings)
    }

    fn yaml(text: &str) -> Value {
        serde_yaml::from_str(text).unwrap()
    }

    #[test]
    fn overrides_merge_by_the_compose_rules() {
        let base = "services:\n  web:\n    image: web:1\n    command: [\"node\", \"a.js\"]\n    environment:\n      - A=1\n      - B=2\n    ports: [\"3000:3000\"]\n    labels: {x: \"1\"}\n    depends_on: [db]\n  db:\n    image: postgres:16\n";
        let over = "services:\n  web:\n    command: [\"node\", \"b.js\"]\n    environment:\n      B: \"3\"\n      C: \"4\"\n    ports: [\"3000:3000\", \"9229:9229\"]\n    labels: !reset {}\n  db:\n    image: !override postgres:17\n";
        let mut warnings = Vec::new();
        let doc = load_plain(
            &files(&[("compose.yaml", base), ("compose.override.yaml", over)]),
            &mut warnings,
        )
        .unwrap()
        .merged;
        let web = &doc["services"]["web"];
        assert_eq!(web["command"], yaml("[node, b.js]"));
        assert_eq!(web["environment"], yaml("{A: '1', B: '3', C: '4'}"));
        assert_eq!(web["ports"], yaml("['3000:3000', '9229:9229']"));
        assert!(web.get("labels").is_none(), "!reset removes the key");
        assert_eq!(
            web["depends_on"],
            yaml("{db: {condition: service_started}}")
        );
        assert_eq!(doc["services"]["db"]["image"], yaml("postgres:17"));
        assert!(warnings.is_empty());
    }

    #[test]
    fn anchors_and_merge_keys_apply_and_yaml_1_2_keeps_strings() {
        let text = "x-common: &common\n  restart: unless-stopped\n  environment:\n    TZ: UTC\nservices:\n  a:\n    <<: *common\n    image: a\n    environment:\n      FLAG: no\n      TIME: 22:22\n";
        let doc = load_plain(&files(&[("compose.yaml", text)]), &mut Vec::new())
            .unwrap()
            .merged;
        let a = &doc["services"]["a"];
        assert_eq!(a["restart"], yaml("unless-stopped"));
        assert_eq!(a["environment"]["FLAG"], Value::String("no".into()));
        assert_eq!(a["environment"]["TIME"], Value::String("22:22".into()));
    }

    #[test]
    fn unreadable_input_is_refused_with_the_file_and_place() {
        let cases = [
            ("services: [unclosed", "not a YAML document"),
            ("- a\n- b\n", "a compose file is a mapping"),
            ("name: x\n", "no services"),
            (
                "services:\n  a:\n    image: \"${TAG\"\n",
                "services.a.image: invalid interpolation",
            ),
        ];
        for (text, message) in cases {
            let err = load_plain(&files(&[("docker/compose.yaml", text)]), &mut Vec::new())
                .err()
                .unwrap();
            assert_eq!(err.file, "docker/compose.yaml");
            assert!(err.message.contains(message), "{text}: {}", err.message);
        }
        let err = load_plain(
            &files(&[
                ("c.yaml", "services:\n  a: {image: a}\n"),
                ("o.yaml", "services: {b: ["),
            ]),
            &mut Vec::new(),
        )
        .err()
        .unwrap();
        assert_eq!(err.file, "o.yaml");
        assert!(err.message.contains("line"), "{}", err.message);
    }

    #[test]
    fn include_and_extends_follow_local_files_and_refuse_cycles_and_remote_ones() {
        let mut available = Available::new();
        available.insert(
            "app/more.yaml".into(),
            "services:\n  extra:\n    image: busybox:1.36\n".into(),
        );
        available.insert(
            "app/loop.yaml".into(),
            "include: [./compose.yaml]\nservices:\n  x: {image: a}\n".into(),
        );
        let main = |text: &str| files(&[("app/compose.yaml", text)]);
        let doc = load(
            &main("include: [./more.yaml]\nservices:\n  a: {image: a}\n"),
            &available,
            &mut Vec::new(),
        )
        .unwrap()
        .merged;
        assert!(doc["services"].get("extra").is_some());

        for (text, message) in [
            (
                "include: [./loop.yaml]\nservices:\n  a: {image: a}\n",
                "include cycle",
            ),
            (
                "include: [\"oci://registry/compose:1\"]\nservices:\n  a: {image: a}\n",
                "remote include",
            ),
            (
                "services:\n  a: {extends: b}\n  b: {extends: a}\n",
                "extends cycle",
            ),
        ] {
            let err = load(&main(text), &available, &mut Vec::new())
                .err()
                .unwrap();
            assert!(err.message.contains(message), "{}", err.message);
        }

        let doc = load(&main("services:\n  base: {image: n, environment: [A=1, B=2], command: [x]}\n  child:\n    extends: base\n    environment: [B=3]\n    command: [y]\n"), &available, &mut Vec::new()).unwrap().merged;
        let child = &doc["services"]["child"];
        assert_eq!(child["environment"], yaml("{A: '1', B: '3'}"));
        assert_eq!(child["command"], yaml("[y]"));
        assert_eq!(child["image"], yaml("n"));
        assert!(child.get("extends").is_none());
        assert_eq!(normalise_path("a/./b/../c.yaml"), "a/c.yaml");
        assert_eq!(
            relative_to("docker/compose.yaml", "../shared/x.yaml"),
            "shared/x.yaml"
        );
    }
}
