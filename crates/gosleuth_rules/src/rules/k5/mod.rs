pub(crate) mod appendf_nil;
pub(crate) mod bytes_buffer_chain;
pub(crate) mod concat_map_key;
pub(crate) mod split_fixed_fields;
pub(crate) mod sprintf_in_loop;
pub(crate) mod sprintf_into_bytes;
pub(crate) mod string_concat_in_loop;
