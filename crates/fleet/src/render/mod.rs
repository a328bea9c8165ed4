//! Renderings of the [`FleetReport`](crate::FleetReport): they only render.

pub mod csv;
pub mod html;
pub mod json;
pub mod text;
