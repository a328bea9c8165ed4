//! The classifier table, one file per product family. Adding a product is one entry in one of these files;
//! adding a family is one file plus one line in [`FAMILIES`].

use std::sync::OnceLock;

use crate::classifier::Classifier;

pub mod compress;
pub mod http;
pub mod kernel;
pub mod legacy;
pub mod libc;
pub mod libs;
pub mod media;
pub mod net;
pub mod ssh;
pub mod system;
pub mod tls;
pub mod tools;
pub mod util;
pub mod web;

/// Every family's table.
pub const FAMILIES: &[&[Classifier]] = &[
    tls::CLASSIFIERS,
    ssh::CLASSIFIERS,
    http::CLASSIFIERS,
    net::CLASSIFIERS,
    libc::CLASSIFIERS,
    kernel::CLASSIFIERS,
    compress::CLASSIFIERS,
    system::CLASSIFIERS,
    media::CLASSIFIERS,
    util::CLASSIFIERS,
    web::CLASSIFIERS,
    tools::CLASSIFIERS,
    libs::CLASSIFIERS,
    legacy::CLASSIFIERS,
];

/// All classifiers in table order.
pub fn all() -> &'static [&'static Classifier] {
    static ALL: OnceLock<Vec<&'static Classifier>> = OnceLock::new();
    ALL.get_or_init(|| FAMILIES.iter().flat_map(|f| f.iter()).collect())
}
