//! `healthcheck:` of a service.

use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Healthcheck {
    pub test: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retries: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_period: Option<String>,
}

impl Healthcheck {
    /// `CMD-SHELL` form: the command runs through the container's shell.
    pub fn shell(command: impl Into<String>) -> Self {
        Self {
            test: vec!["CMD-SHELL".into(), command.into()],
            ..Self::default()
        }
    }

    /// `CMD` form: exec without a shell.
    pub fn exec<I: IntoIterator<Item = S>, S: Into<String>>(args: I) -> Self {
        let mut test = vec!["CMD".to_string()];
        test.extend(args.into_iter().map(Into::into));
        Self {
            test,
            ..Self::default()
        }
    }

    pub fn timings(
        mut self,
        interval: &str,
        timeout: &str,
        retries: u32,
        start_period: &str,
    ) -> Self {
        self.interval = Some(interval.into());
        self.timeout = Some(timeout.into());
        self.retries = Some(retries);
        self.start_period = Some(start_period.into());
        self
    }
}
