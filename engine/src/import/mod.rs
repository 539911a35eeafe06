//! Import: reading the compose files a user already has (issue 11). This first piece is the
//! interpolation grammar the loader keeps symbolic; the loader, the mapping onto the
//! configuration and the CLI verb build on it.

pub mod interpolation;
