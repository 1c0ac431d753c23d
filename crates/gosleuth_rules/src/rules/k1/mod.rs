pub(crate) mod array_escapes_to_interface;
pub(crate) mod buffer_resized_by_make;
pub(crate) mod make_in_loop;
pub(crate) mod scratch_array_on_heap;
pub(crate) mod unpooled_handoff_buffer;
