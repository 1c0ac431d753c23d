pub(crate) mod decompressor_per_call;
pub(crate) mod drain_in_close;
pub(crate) mod io_copy_unpooled;
pub(crate) mod readall_over_decompressor;
