//! Operations: restart policy, healthcheck timings, resources, logging, names.

use super::*;

pub(super) fn ops(o: &Operations, d: &mut Diagnostics) {
    let h = &o.healthcheck;
    for (path, value) in [
        ("ops.healthcheck.interval", &h.interval),
        ("ops.healthcheck.timeout", &h.timeout),
        ("ops.healthcheck.start_period", &h.start_period),
    ] {
        if !is_duration(value) {
            d.error(
                path,
                "duration must be a whole number with s, m or h, e.g. 30s or 2m",
            );
        }
    }
    for (path, value) in [
        ("ops.healthcheck.interval", &h.interval),
        ("ops.healthcheck.timeout", &h.timeout),
    ] {
        if is_zero_duration(value) {
            d.error(
                path,
                "must be at least 1s: Docker refuses a zero interval or timeout",
            );
        }
    }
    if h.retries == 0 || h.retries > 100 {
        d.error(
            "ops.healthcheck.retries",
            "retries must be between 1 and 100",
        );
    }
    if let Some(r) = &o.resources {
        for (path, value) in [
            ("ops.resources.cpus_limit", &r.cpus_limit),
            ("ops.resources.cpus_reservation", &r.cpus_reservation),
        ] {
            if !is_cpus(value) {
                d.error(path, "CPUs must be a positive number such as 2 or 0.5");
            }
        }
        for (path, value) in [
            ("ops.resources.memory_limit", &r.memory_limit),
            ("ops.resources.memory_reservation", &r.memory_reservation),
        ] {
            if !is_byte_size(value) {
                d.error(path, "memory must look like 512M or 2G");
            }
        }
        if let (Ok(limit), Ok(reserved)) = (
            r.cpus_limit.parse::<f64>(),
            r.cpus_reservation.parse::<f64>(),
        ) {
            if reserved > limit {
                d.warning(
                    "ops.resources.cpus_reservation",
                    "reservation is above the limit",
                );
            }
        }
    }
    if let Some(l) = &o.logging {
        if ![
            "json-file",
            "local",
            "journald",
            "syslog",
            "none",
            "fluentd",
            "gelf",
            "awslogs",
        ]
        .contains(&l.driver.as_str())
        {
            d.error("ops.logging.driver", "logging driver must be one of json-file, local, journald, syslog, fluentd, gelf, awslogs, none");
        }
        if !is_byte_size(&l.max_size) {
            d.error("ops.logging.max_size", "max size must look like 10m");
        }
        if l.max_file == 0 {
            d.error("ops.logging.max_file", "keep at least one log file");
        }
    }
    if let Some(prefix) = &o.container_name_prefix {
        if !is_compose_name(prefix) {
            d.error("ops.container_name_prefix", "prefix must start with a letter or digit and use only letters, digits, '.', '_' or '-'");
        }
    }
    if !is_compose_name(&o.network_name) {
        d.error("ops.network_name", "network name must start with a letter or digit, use only letters, digits, '.', '_' or '-', and not start with x-");
    }
}
