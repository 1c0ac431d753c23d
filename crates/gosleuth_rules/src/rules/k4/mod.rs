pub(crate) mod append_to_received_slice;
pub(crate) mod copy_helper;
pub(crate) mod double_copy;
