//! Parsing and evaluating every interpolation form compose reads.

use super::*;
use std::collections::HashMap;

fn env(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn eval(text: &str, vars: &HashMap<String, String>) -> Result<String, MissingVariable> {
    Template::parse(text)
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        .evaluate(&|name| vars.get(name).cloned())
}

#[test]
fn evaluates_like_compose() {
    let vars = env(&[("SET", "value"), ("EMPTY", ""), ("PORT", "5433")]);
    let cases: &[(&str, &str)] = &[
        ("plain text", "plain text"),
        ("$$HOME and $${X}", "$HOME and ${X}"),
        ("$SET/${SET}", "value/value"),
        ("${UNSET}", ""),
        ("${UNSET:-d}|${EMPTY:-d}|${SET:-d}", "d|d|value"),
        ("${UNSET-d}|${EMPTY-d}|${SET-d}", "d||value"),
        ("${UNSET:+r}|${EMPTY:+r}|${SET:+r}", "||r"),
        ("${UNSET+r}|${EMPTY+r}|${SET+r}", "|r|r"),
        ("${EMPTY?never}", ""),
        (
            "127.0.0.1:${DB_PORT:-${PORT:-5432}}:5432",
            "127.0.0.1:5433:5432",
        ),
        ("${A:-${B:-inner $$ text}}", "inner $ text"),
        ("${X:-a-b:c?d}", "a-b:c?d"),
        ("ünïcødé ${SET}", "ünïcødé value"),
        // A `$` before anything but a name or `{` is literal (docker compose 2.40 agrees).
        ("echo $1 a$ b$-c $ {x}", "echo $1 a$ b$-c $ {x}"),
    ];
    for (text, want) in cases {
        assert_eq!(eval(text, &vars).as_deref(), Ok(*want), "{text}");
    }
}

#[test]
fn required_variables_stop_with_their_message() {
    let vars = env(&[("EMPTY", "")]);
    assert_eq!(
        eval("${DB_PASSWORD:?set DB_PASSWORD in .env}", &vars),
        Err(MissingVariable {
            name: "DB_PASSWORD".into(),
            message: "set DB_PASSWORD in .env".into()
        })
    );
    assert!(eval("${EMPTY:?}", &vars).is_err());
    assert_eq!(
        eval("${NOPE?}", &vars).unwrap_err().to_string(),
        "required variable NOPE is missing a value"
    );
}

#[test]
fn malformed_templates_are_refused_with_their_position() {
    let cases: &[(&str, usize, &str)] = &[
        ("${", 0, "variable name"),
        ("a ${}", 2, "variable name"),
        ("${:-x}", 0, "variable name"),
        ("${NAME", 0, "never closed"),
        ("${NAME:-default", 0, "never closed"),
        ("x ${A:-${B}", 2, "never closed"),
        ("${NAME!}", 6, "unexpected `!`"),
        ("${NAME:}", 7, "unexpected `}`"),
    ];
    for (text, offset, message) in cases {
        let err = Template::parse(text).expect_err(text);
        assert_eq!(err.offset, *offset, "{text}: {err}");
        assert!(err.message.contains(message), "{text}: {err}");
    }
}

#[test]
fn variables_stay_symbolic() {
    let t = Template::parse("${IMAGE:-postgres}:${TAG:-16}-alpine").unwrap();
    assert_eq!(t.variables(), vec!["IMAGE", "TAG"]);
    assert_eq!(t.literal(), None);
    assert_eq!(
        Template::parse("a $$ b").unwrap().literal().as_deref(),
        Some("a $ b")
    );
    let nested = Template::parse("${A:-${B:?need ${C}}}").unwrap();
    assert_eq!(nested.variables(), vec!["A", "B", "C"]);
}

#[test]
fn display_writes_compose_syntax_back() {
    for text in [
        "plain",
        "$$literal",
        "$NAME and ${NAME}",
        "${A:-d}${A-d}${A:?m}${A?m}${A:+r}${A+r}",
        "${A:-${B:-$$x}}",
        "",
    ] {
        let parsed = Template::parse(text).unwrap();
        assert_eq!(parsed.to_string(), text);
    }
}

mod properties {
    use super::super::*;
    use proptest::prelude::*;

    fn template(depth: u32) -> BoxedStrategy<Template> {
        // Text never starts with a name character, so `$NAME` before it stays unambiguous
        // (compose reads `$NAMEtext` as one longer name too).
        let text = "[ :/.$-][a-z :/.$-]{0,7}".prop_map(Piece::Text);
        let name = "[A-Z_][A-Z0-9_]{0,6}";
        let leaf = prop_oneof![
            text.clone(),
            (name, any::<bool>()).prop_map(|(name, braced)| Piece::Var(Var {
                name,
                op: None,
                braced
            })),
        ];
        let piece = if depth == 0 {
            leaf.boxed()
        } else {
            let word = template(depth - 1);
            prop_oneof![
                leaf,
                (name, 0..3u8, any::<bool>(), word).prop_map(|(name, kind, if_empty, word)| {
                    let op = match kind {
                        0 => Op::Default { word, if_empty },
                        1 => Op::Required {
                            message: word,
                            if_empty,
                        },
                        _ => Op::Alternate { word, if_empty },
                    };
                    Piece::Var(Var {
                        name,
                        op: Some(op),
                        braced: true,
                    })
                }),
            ]
            .boxed()
        };
        prop::collection::vec(piece, 0..5)
            .prop_map(|pieces| {
                // Adjacent texts are one piece once parsed.
                let mut merged: Vec<Piece> = Vec::new();
                for p in pieces {
                    match (merged.last_mut(), p) {
                        (Some(Piece::Text(a)), Piece::Text(b)) => a.push_str(&b),
                        (_, p) => merged.push(p),
                    }
                }
                Template(merged)
            })
            .boxed()
    }

    proptest! {
        /// Display then parse gives the same template back, at any nesting.
        #[test]
        fn display_and_parse_round_trip(t in template(2)) {
            let text = t.to_string();
            let back = Template::parse(&text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
            prop_assert_eq!(back.to_string(), text);
            prop_assert_eq!(back, t);
        }
    }
}
