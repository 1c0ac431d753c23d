//! Shared helpers for the end-to-end tests: where the real data lives
//! ([`paths`]), the example service's inputs ([`example`]), the captures of
//! the NATS examples ([`captures`]), how to run
//! gosleuth and the real `go tool pprof` side by side ([`run`]), live
//! processes ([`live`]) and a protobuf writer ([`pb`]). Each test file is its
//! own crate and uses a part of them: what one leaves unused is no mistake.
#![allow(dead_code, unreachable_pub, unused_imports)]

mod captures;
mod example;
mod live;
mod paths;
mod pb;
mod run;

pub use captures::{
    IDLE_COUNTS, idle_capture, idle_capture_args, idle_fixtures, slow_fixture, slow_inputs,
};
pub use example::{
    allocs, diff_of_the_fix, example_fixtures, example_src_args, fixture, node01_analysis_args,
    pushsvc, site_ending, ten_nodes,
};
pub use live::{Running, free_port, start_on_free_ports, wait_listening};
pub use paths::{
    GO119, NATS_SERVER, NATS_SRC, NATS_SRC_ARGS, artifact, debian_sources, files, go_env,
    nats_data, nats_source, repo, tmp,
};
pub use pb::Pb;
pub use run::{
    command_ok, gosleuth, gosleuth_in, gosleuth_ok, pprof, pprof_flat, sample_types, stdout_of,
    strs,
};
