//! The wire messages of `profile.proto`, declared with prost's derive so that no
//! protoc is needed at build time. Field numbers follow
//! <https://github.com/google/pprof/blob/main/proto/profile.proto>.

/// `perftools.profiles.Profile`.
#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct PbProfile {
    #[prost(message, repeated, tag = "1")]
    pub(crate) sample_type: Vec<PbValueType>,
    #[prost(message, repeated, tag = "2")]
    pub(crate) sample: Vec<PbSample>,
    #[prost(message, repeated, tag = "3")]
    pub(crate) mapping: Vec<PbMapping>,
    #[prost(message, repeated, tag = "4")]
    pub(crate) location: Vec<PbLocation>,
    #[prost(message, repeated, tag = "5")]
    pub(crate) function: Vec<PbFunction>,
    /// Kept as slices of the decoded buffer: most strings are never referenced,
    /// and Go strings may hold bytes that are not UTF-8.
    #[prost(bytes = "bytes", repeated, tag = "6")]
    pub(crate) string_table: Vec<prost::bytes::Bytes>,
    #[prost(int64, tag = "7")]
    pub(crate) drop_frames: i64,
    #[prost(int64, tag = "8")]
    pub(crate) keep_frames: i64,
    #[prost(int64, tag = "9")]
    pub(crate) time_nanos: i64,
    #[prost(int64, tag = "10")]
    pub(crate) duration_nanos: i64,
    #[prost(message, optional, tag = "11")]
    pub(crate) period_type: Option<PbValueType>,
    #[prost(int64, tag = "12")]
    pub(crate) period: i64,
    #[prost(int64, repeated, tag = "13")]
    pub(crate) comment: Vec<i64>,
    #[prost(int64, tag = "14")]
    pub(crate) default_sample_type: i64,
    #[prost(int64, tag = "15")]
    pub(crate) doc_url: i64,
}

#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct PbValueType {
    #[prost(int64, tag = "1")]
    pub(crate) r#type: i64,
    #[prost(int64, tag = "2")]
    pub(crate) unit: i64,
}

/// `perftools.profiles.Sample`; its `prost::Message` is written out in
/// `proto_sample.rs` so that packed stacks are decoded into vectors of the
/// right size at once.
#[derive(Clone, PartialEq, Default, Debug)]
pub(crate) struct PbSample {
    pub(crate) location_id: Vec<u64>,
    pub(crate) value: Vec<i64>,
    pub(crate) label: Vec<PbLabel>,
}

#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct PbLabel {
    #[prost(int64, tag = "1")]
    pub(crate) key: i64,
    #[prost(int64, tag = "2")]
    pub(crate) str: i64,
    #[prost(int64, tag = "3")]
    pub(crate) num: i64,
    #[prost(int64, tag = "4")]
    pub(crate) num_unit: i64,
}

#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct PbMapping {
    #[prost(uint64, tag = "1")]
    pub(crate) id: u64,
    #[prost(uint64, tag = "2")]
    pub(crate) memory_start: u64,
    #[prost(uint64, tag = "3")]
    pub(crate) memory_limit: u64,
    #[prost(uint64, tag = "4")]
    pub(crate) file_offset: u64,
    #[prost(int64, tag = "5")]
    pub(crate) filename: i64,
    #[prost(int64, tag = "6")]
    pub(crate) build_id: i64,
    #[prost(bool, tag = "7")]
    pub(crate) has_functions: bool,
    #[prost(bool, tag = "8")]
    pub(crate) has_filenames: bool,
    #[prost(bool, tag = "9")]
    pub(crate) has_line_numbers: bool,
    #[prost(bool, tag = "10")]
    pub(crate) has_inline_frames: bool,
}

#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct PbLocation {
    #[prost(uint64, tag = "1")]
    pub(crate) id: u64,
    #[prost(uint64, tag = "2")]
    pub(crate) mapping_id: u64,
    #[prost(uint64, tag = "3")]
    pub(crate) address: u64,
    #[prost(message, repeated, tag = "4")]
    pub(crate) line: Vec<PbLine>,
    #[prost(bool, tag = "5")]
    pub(crate) is_folded: bool,
}

#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct PbLine {
    #[prost(uint64, tag = "1")]
    pub(crate) function_id: u64,
    #[prost(int64, tag = "2")]
    pub(crate) line: i64,
    #[prost(int64, tag = "3")]
    pub(crate) column: i64,
}

#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct PbFunction {
    #[prost(uint64, tag = "1")]
    pub(crate) id: u64,
    #[prost(int64, tag = "2")]
    pub(crate) name: i64,
    #[prost(int64, tag = "3")]
    pub(crate) system_name: i64,
    #[prost(int64, tag = "4")]
    pub(crate) filename: i64,
    #[prost(int64, tag = "5")]
    pub(crate) start_line: i64,
}
