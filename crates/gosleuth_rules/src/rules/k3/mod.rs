pub(crate) mod pool_get_without_put;
pub(crate) mod pool_new_large;
pub(crate) mod pool_put_exact_capacity;
pub(crate) mod pool_put_non_pointer;
