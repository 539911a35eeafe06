//! Operations section: restart policy, healthcheck timings, resources, logging, naming.

use super::fields::*;
use super::form::*;
use dockwright_engine::config::*;
use leptos::prelude::*;

/// A text field of an optional block (`ops.resources`, `ops.logging`): empty while the block
/// is off, written only while it is on.
macro_rules! block_text {
    ($label:literal, $block:ident . $f:ident) => {
        table_field!(
            $label,
            concat!("ops.", stringify!($block), ".", stringify!($f)),
            None,
            Input::Text(
                |c, _| {
                    c.ops
                        .$block
                        .as_ref()
                        .map(|b| b.$f.clone())
                        .unwrap_or_default()
                },
                |c, _, v| {
                    if let Some(b) = c.ops.$block.as_mut() {
                        b.$f = v
                    }
                },
            )
        )
    };
}

/// The Operations section's fields.
pub static OPERATIONS: &[Item] = &[
    choice!("Restart policy", ops.restart: RestartPolicy, RestartPolicy::as_str),
    Item::Group(
        "App healthcheck",
        &[Item::Row(&[
            text!("Interval", ops.healthcheck.interval),
            text!("Timeout", ops.healthcheck.timeout),
            text!("Start period", ops.healthcheck.start_period),
            number!("Retries", ops.healthcheck.retries: u32),
        ])],
    ),
    Item::Group(
        "Resources (app)",
        &[
            Item::Field(Field {
                label: "Limits and reservations",
                path: "ops.resources",
                testid: None,
                input: Input::Check(
                    |c, _| c.ops.resources.is_some(),
                    |c, _, on| c.ops.resources = on.then(Resources::default),
                ),
            }),
            Item::When(
                |c, _| c.ops.resources.is_some(),
                &[
                    Item::Row(&[
                        block_text!("CPU limit", resources.cpus_limit),
                        block_text!("Memory limit", resources.memory_limit),
                    ]),
                    Item::Row(&[
                        block_text!("CPU reservation", resources.cpus_reservation),
                        block_text!("Memory reservation", resources.memory_reservation),
                    ]),
                ],
            ),
        ],
    ),
    Item::Group(
        "Logging (all services)",
        &[
            Item::Field(Field {
                label: "Log driver with rotation",
                path: "ops.logging",
                testid: None,
                input: Input::Check(
                    |c, _| c.ops.logging.is_some(),
                    |c, _, on| c.ops.logging = on.then(Logging::default),
                ),
            }),
            Item::When(
                |c, _| c.ops.logging.is_some(),
                &[Item::Row(&[
                    block_text!("Driver", logging.driver),
                    block_text!("Max size", logging.max_size),
                    Item::Field(Field {
                        label: "Max files",
                        path: "ops.logging.max_file",
                        testid: None,
                        input: Input::Number {
                            get: |c, _| c.ops.logging.as_ref().map(|l| u64::from(l.max_file)),
                            set: |c, _, v| {
                                if let Some(l) = c.ops.logging.as_mut() {
                                    l.max_file = v.and_then(|v| u32::try_from(v).ok()).unwrap_or(0)
                                }
                            },
                            max: u32::MAX as u64,
                            optional: false,
                        },
                    }),
                ])],
            ),
        ],
    ),
    Item::Row(&[
        optional_text!(
            "container_name prefix (optional)",
            ops.container_name_prefix
        ),
        text!("Network name", ops.network_name),
    ]),
];

pub fn operations_section() -> impl IntoView {
    section("Operations", "section-ops", items(OPERATIONS))
}
