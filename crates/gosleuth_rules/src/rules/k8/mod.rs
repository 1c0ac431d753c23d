pub(crate) mod channel_never_closed;
pub(crate) mod goroutine_per_request;
pub(crate) mod goroutine_send_unbuffered;
pub(crate) mod time_after_in_loop;
