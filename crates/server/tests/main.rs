//! fwassure-server tests: one binary.

mod api;
mod browser;
mod common;
mod load;
mod load_driver;
