//! The database backup: a CronJob running `pg_dump | gzip` into its own claim, keeping the
//! newest N, reading the password from the Secret's file (never the environment).

use super::env;
use super::workloads::{password_volume, postgres_ids, PASSWORD_FILE, SECRETS_DIR};
use crate::config::POSTGRES_SERVICE;
use crate::kubernetes::pod::*;
use crate::kubernetes::{selector, Manifest, Meta};
use crate::resolve::Resolved;
use serde_json::json;

pub const BACKUP_JOB: &str = "postgres-backup";
pub const BACKUP_CLAIM: &str = "postgres-backups";

pub fn backup(r: &Resolved) -> Vec<Manifest> {
    let c = r.config;
    let p = &c.postgres;
    let k = &c.kubernetes;
    let keep = p.backup.keep.max(1);
    let script = format!(
        "set -eu; umask 077; printf '*:*:*:*:%s\\n' \"$(cat {SECRETS_DIR}/{PASSWORD_FILE})\" > \"$PGPASSFILE\"; \
         f=/backups/\"$PGDATABASE\"-$(date +%Y%m%d-%H%M%S).sql.gz; \
         pg_dump --no-owner | gzip > \"$f.partial\"; mv \"$f.partial\" \"$f\"; \
         ls -1t /backups/*.sql.gz | tail -n +{} | xargs -r rm --; ls -l /backups",
        keep + 1
    );
    let mut job = Container::new(
        BACKUP_JOB,
        &format!("postgres:{}", p.version),
        Resources::new("100m", "128Mi", "1", "512Mi"),
    );
    job.command = vec!["sh".into(), "-c".into(), script];
    job.env_value("PGHOST", POSTGRES_SERVICE);
    env::reference(r, &mut job, "POSTGRES_USER", false);
    env::reference(r, &mut job, "POSTGRES_DB", false);
    job.env_value("PGUSER", "$(POSTGRES_USER)");
    job.env_value("PGDATABASE", "$(POSTGRES_DB)");
    // libpq reads the password from PGPASSFILE, written from the Secret's file at start.
    job.env_value("PGPASSFILE", "/tmp/.pgpass");
    job.volume_mounts.extend([
        VolumeMount::new("backups", "/backups"),
        VolumeMount::new("tmp", "/tmp"),
        VolumeMount::read_only("password", SECRETS_DIR),
    ]);
    let (uid, gid) = postgres_ids(c);
    let mut pod = PodSpec::restricted(uid, gid, gid);
    pod.restart_policy = Some("OnFailure");
    pod.containers.push(job);
    pod.volumes.extend([
        Volume::claim("backups", BACKUP_CLAIM),
        Volume::empty_dir("tmp"),
        password_volume(),
    ]);
    let mut claim = json!({
        "accessModes": ["ReadWriteOnce"],
        "resources": {"requests": {"storage": k.storage.backups}},
    });
    if !k.storage.class_name.is_empty() {
        claim["storageClassName"] = json!(k.storage.class_name);
    }
    vec![
        Manifest::new(
            "v1",
            "PersistentVolumeClaim",
            Meta::component(BACKUP_CLAIM),
            claim,
        ),
        Manifest::new(
            "batch/v1",
            "CronJob",
            Meta::component(BACKUP_JOB),
            json!({
                "schedule": k.backup_schedule,
                "timeZone": "Etc/UTC",
                "concurrencyPolicy": "Forbid",
                "successfulJobsHistoryLimit": 3,
                "failedJobsHistoryLimit": 3,
                "jobTemplate": {"spec": {
                    "backoffLimit": 2,
                    "template": {"metadata": {"labels": selector(BACKUP_JOB)}, "spec": pod},
                }},
            }),
        ),
    ]
}
