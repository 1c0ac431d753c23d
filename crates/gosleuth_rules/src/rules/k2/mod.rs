pub(crate) mod worst_case_encode_buffer;
