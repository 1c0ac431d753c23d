pub(crate) mod copy_helper;
pub(crate) mod double_copy;
