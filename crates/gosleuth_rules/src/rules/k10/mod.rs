mod blocking;
pub(crate) mod lock_held_across_blocking;
