pub(crate) mod nested_map_never_pruned;
pub(crate) mod unbounded_package_map;
