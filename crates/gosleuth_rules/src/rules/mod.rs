//! The rules, one file each, grouped by problem kind.

pub(crate) mod k1;
pub(crate) mod k10;
pub(crate) mod k11;
pub(crate) mod k2;
pub(crate) mod k3;
pub(crate) mod k4;
pub(crate) mod k5;
pub(crate) mod k6;
pub(crate) mod k7;
pub(crate) mod k8;
pub(crate) mod k9;
