//! dtogen: typed clients in many languages from one JSON Schema.
//!
//! The pipeline is `source` (a schema document) → `model::load` (the
//! intermediate model) → `lang` backends (files) → `output` (atomic writes
//! or a staleness check).

pub mod cli;
pub mod config;
pub mod error;
pub mod lang;
pub mod model;
pub mod output;
pub mod parallel;
pub mod source;
