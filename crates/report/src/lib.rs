//! Stage 6: renderers. They only render a [`fwassure_model::Report`].
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod json;
pub mod text;
