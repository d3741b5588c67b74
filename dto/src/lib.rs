//! The AI Server chat API, defined once: OpenAI's Chat Completions types plus
//! the ServiceStack-style service wrappers (`CreateOpenAiChat` and friends).
//!
//! Everything derives serde and schemars, so the same types serve requests in
//! the runtime and export the JSON Schema every generated client is built from.

pub mod open_enum;
pub mod openai;
pub mod operation;
pub mod schema;
pub mod service;

pub use openai::*;
pub use operation::ApiOperation;
pub use service::*;
