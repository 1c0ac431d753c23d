//! The catalog: one static list of every rule.

use crate::rule::Rule;
use crate::rules::{k1, k2, k3, k4, k5, k6, k7, k8, k9, k10, k11};

/// Every rule, in id order.
pub static RULES: &[&Rule] = &[
    &k1::make_in_loop::RULE,
    &k1::buffer_resized_by_make::RULE,
    &k1::unpooled_handoff_buffer::RULE,
    &k1::array_escapes_to_interface::RULE,
    &k1::scratch_array_on_heap::RULE,
    &k2::worst_case_encode_buffer::RULE,
    &k3::pool_put_non_pointer::RULE,
    &k3::pool_put_exact_capacity::RULE,
    &k3::pool_get_without_put::RULE,
    &k3::pool_new_large::RULE,
    &k4::copy_helper::RULE,
    &k4::double_copy::RULE,
    &k4::append_to_received_slice::RULE,
    &k5::sprintf_into_bytes::RULE,
    &k5::sprintf_in_loop::RULE,
    &k5::appendf_nil::RULE,
    &k5::bytes_buffer_chain::RULE,
    &k5::split_fixed_fields::RULE,
    &k5::concat_map_key::RULE,
    &k5::string_concat_in_loop::RULE,
    &k6::readall_over_decompressor::RULE,
    &k6::decompressor_per_call::RULE,
    &k6::drain_in_close::RULE,
    &k6::io_copy_unpooled::RULE,
    &k7::unbounded_package_map::RULE,
    &k7::nested_map_never_pruned::RULE,
    &k8::goroutine_send_unbuffered::RULE,
    &k8::time_after_in_loop::RULE,
    &k8::goroutine_per_request::RULE,
    &k8::channel_never_closed::RULE,
    &k9::closer_leak_on_error_path::RULE,
    &k10::lock_held_across_blocking::RULE,
    &k11::per_connection_fixed_buffer::RULE,
    &k11::per_connection_queue::RULE,
    &k11::per_connection_goroutines::RULE,
];

/// The rule with this id (`GS201`) or slug (`worst-case-encode-buffer`),
/// case-insensitively for ids.
#[must_use]
pub fn rule(id_or_slug: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.id.eq_ignore_ascii_case(id_or_slug) || r.slug == id_or_slug)
}
