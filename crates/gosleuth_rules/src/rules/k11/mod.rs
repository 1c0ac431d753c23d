pub(crate) mod per_connection_fixed_buffer;
pub(crate) mod per_connection_goroutines;
pub(crate) mod per_connection_queue;
