//! Compose variable interpolation: literal values get `$` doubled, references are built here.

/// A literal value: every `$` becomes `$$` so compose does not interpolate it.
pub fn literal(value: &str) -> String {
    value.replace('$', "$$")
}

/// `${NAME:-default}`; a default containing `}` cannot be inlined, so it falls back to `${NAME}`.
pub fn with_default(name: &str, default: &str) -> String {
    if default.contains('}') {
        format!("${{{name}}}")
    } else {
        format!("${{{name}:-{}}}", literal(default))
    }
}

/// `${NAME:?message}`: compose stops with the message when NAME is unset or empty.
pub fn required(name: &str) -> String {
    format!("${{{name}:?set {name} in .env}}")
}

/// `${NAME:?message}` for a value with no default in one environment, set by its deployer.
pub fn required_for(name: &str, env: &str) -> String {
    format!("${{{name}:?set {name} for {env}}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(literal("a$b"), "a$$b");
        assert_eq!(with_default("A", "x$y"), "${A:-x$$y}");
        assert_eq!(with_default("A", "x}y"), "${A}");
        assert_eq!(required("A"), "${A:?set A in .env}");
        assert_eq!(required_for("A", "prod"), "${A:?set A for prod}");
    }
}
