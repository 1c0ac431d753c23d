pub(crate) mod closer_leak_on_error_path;
