//! The one error type the CLI reports: a message that says what and where.

use std::fmt;

#[derive(Debug)]
pub struct Error(pub String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl From<askama::Error> for Error {
    fn from(error: askama::Error) -> Self {
        Error(format!("template rendering failed: {error}"))
    }
}

pub type Result<T> = std::result::Result<T, Error>;
