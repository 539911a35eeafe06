//! The import worker's operation, natively: what the page sends and what it gets back.

use dockwright_engine::Config;
use dockwright_importer::handle;
use serde_json::{json, Value};

fn ask(request: Value) -> Value {
    serde_json::from_str(&handle(&request.to_string())).expect("the response is JSON")
}

const COMPOSE: &str = "services:
  web:
    build: .
    ports: [\"3000:3000\"]
    environment:
      DATABASE_URL: postgres://shop:${DB_PASSWORD}@db:5432/shop
      STRIPE_SECRET_KEY: ${STRIPE_SECRET_KEY}
    secrets: [stripe]
  db:
    image: postgres:16-alpine
    environment:
      POSTGRES_DB: shop
      POSTGRES_USER: shop
      POSTGRES_PASSWORD: ${DB_PASSWORD}
    volumes: [\"pgdata:/var/lib/postgresql/data\"]
volumes:
  pgdata: {}
";

const PACKAGE: &str = r#"{"name":"shop","scripts":{"build":"next build","dev":"next dev","start":"next start"},
"dependencies":{"next":"15.1.0","@prisma/client":"6.0.0"},"packageManager":"pnpm@9.15.0","engines":{"node":">=22"}}"#;

#[test]
fn a_dropped_folder_becomes_a_configuration_with_its_warnings() {
    let response = ask(json!({
        "files": [
            {"path": "shop/docker-compose.yml", "text": COMPOSE},
            {"path": "shop/docker-compose.prod.yml", "text": "services:\n  web:\n    restart: always\n"},
            {"path": "shop/.env", "text": "DB_PASSWORD=real-password\nSTRIPE_SECRET_KEY=sk_live_real\n"},
            {"path": "shop/package.json", "text": PACKAGE},
            {"path": "shop/pnpm-lock.yaml", "text": ""},
        ]
    }));
    assert!(response["error"].is_null(), "{response}");
    let config: Config = serde_json::from_value(response["config"].clone()).unwrap();
    assert_eq!(config.project.name, "shop");
    assert!(config.postgres.enabled);
    assert_eq!(config.postgres.version, "16-alpine");
    assert_eq!(config.app.node_version, "22");
    assert_eq!(
        response["read"]["compose"],
        json!(["shop/docker-compose.yml", "shop/docker-compose.prod.yml"])
    );
    assert_eq!(response["read"]["env"], json!(["shop/.env"]));
    assert_eq!(response["apps"], json!(["web"]));
    // The real .env's secret values never reach the configuration.
    let text = response["config"].to_string();
    assert!(
        !text.contains("real-password") && !text.contains("sk_live_real"),
        "{text}"
    );
    // Every warning has its compose path; the ones about a service link to its field.
    let warnings = response["warnings"].as_array().unwrap();
    let secrets = warnings
        .iter()
        .find(|w| w["path"] == "services.web.secrets")
        .expect("the dropped secrets are said");
    assert_eq!(secrets["field"], "app.service_name");
    assert!(
        warnings.iter().any(|w| w["path"] == "next.config.js"),
        "standalone output is not set: said"
    );
}

#[test]
fn a_package_json_alone_fills_the_app_section_of_the_configuration_shown() {
    let mut current = Config::default();
    current.project.name = "kept".into();
    current.redis.enabled = true;
    let response = ask(json!({
        "files": [{"path": "package.json", "text": PACKAGE}],
        "current": serde_json::to_value(&current).unwrap(),
    }));
    assert!(response["error"].is_null(), "{response}");
    let config: Config = serde_json::from_value(response["config"].clone()).unwrap();
    assert_eq!(config.project.name, "kept");
    assert!(config.redis.enabled);
    assert_eq!(config.app.package_manager.as_str(), "pnpm");
    assert!(config.app.prisma.enabled);
}

#[test]
fn the_app_can_be_another_built_service() {
    let compose = "services:\n  web:\n    build: .\n    ports: [\"3000:3000\"]\n  jobs:\n    build: ./jobs\n    ports: [\"4000:4000\"]\n";
    let first = ask(json!({"files": [{"path": "compose.yaml", "text": compose}]}));
    assert_eq!(first["apps"], json!(["web", "jobs"]));
    assert_eq!(first["config"]["app"]["service_name"], "web");
    let again = ask(json!({"files": [{"path": "compose.yaml", "text": compose}], "app": "jobs"}));
    assert_eq!(again["config"]["app"]["service_name"], "jobs");
    assert_eq!(again["config"]["app"]["host_port"], 4000);
}

#[test]
fn what_cannot_be_imported_is_refused_with_a_reason() {
    let nothing = ask(json!({"files": [{"path": "README.md", "text": "# hi"}]}));
    assert!(
        nothing["error"]
            .as_str()
            .unwrap()
            .contains("nothing to import"),
        "{nothing}"
    );
    assert!(nothing["config"].is_null());
    let not_yaml = ask(json!({"files": [{"path": "compose.yaml", "text": "services: [: oops"}]}));
    assert!(
        not_yaml["error"]
            .as_str()
            .unwrap()
            .starts_with("compose.yaml"),
        "{not_yaml}"
    );
    let garbage: Value = serde_json::from_str(&handle("not json")).unwrap();
    assert!(garbage["error"].as_str().unwrap().contains("cannot read"));
}
