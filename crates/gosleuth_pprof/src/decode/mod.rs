//! Bytes → [`Profile`]: gzip detection with a size cap, then protobuf or one of
//! Go's legacy text formats, each under the [`Limits`].

mod limits;
mod proto;
mod proto_sample;
mod resolve;
mod scan;

use std::borrow::Cow;
use std::io::Read;

pub use limits::{DEFAULT_MAX_DECOMPRESSED, Limits};

use crate::error::{Error, Result};
use crate::model::Profile;

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Decodes a profile from raw bytes (gzipped or not).
pub fn decode(data: &[u8], limits: Limits) -> Result<Profile> {
    let payload = decompress(data, limits)?;
    if let Some(p) = crate::legacy::parse_text_profile_limited(&payload, &limits)? {
        return Ok(p);
    }
    scan::check_counts(&payload, &limits)?;
    let bytes = match payload {
        Cow::Owned(v) => prost::bytes::Bytes::from(v),
        Cow::Borrowed(b) => prost::bytes::Bytes::copy_from_slice(b),
    };
    decode_protobuf_bytes(bytes, &limits)
}

/// Returns the decompressed payload if `data` is gzip, else `data` itself,
/// refusing anything larger than the cap.
///
/// Memory stays within the cap, and a stream that inflates past it is
/// refused without being kept: the gzip trailer's size (of the last member,
/// modulo 4 GiB) sizes the buffer, and once the output outgrows it the rest
/// is only counted, then inflated again if it fits after all (a stream of
/// several members, or one whose trailer lies).
pub fn decompress(data: &[u8], limits: Limits) -> Result<Cow<'_, [u8]>> {
    let cap = limits.max_decompressed;
    if data.is_empty() {
        return Err(Error::Empty);
    }
    if !data.starts_with(&GZIP_MAGIC) {
        if data.len() as u64 > cap {
            return Err(Error::TooLarge { limit: cap });
        }
        return Ok(Cow::Borrowed(data));
    }
    let gzip_error = |e: std::io::Error| Error::Gzip(e.to_string());
    // Deflate expands at most 1032:1, so a lying trailer cannot reserve more.
    let hint = trailer_size(data)
        .filter(|&n| n <= cap)
        .unwrap_or(0)
        .min((data.len() as u64).saturating_mul(1032));
    // One byte more than the hint, so that reading it does not double the buffer.
    let mut out = Vec::with_capacity(usize::try_from(hint + 1).unwrap_or(0));
    let mut decoder = flate2::read::MultiGzDecoder::new(data);
    (&mut decoder)
        .take(hint + 1)
        .read_to_end(&mut out)
        .map_err(gzip_error)?;
    if out.len() as u64 > hint {
        let kept = out.len() as u64;
        let rest = std::io::copy(
            &mut (&mut decoder).take(cap + 1 - kept),
            &mut std::io::sink(),
        )
        .map_err(gzip_error)?;
        if kept + rest > cap {
            return Err(Error::TooLarge { limit: cap });
        }
        out = Vec::with_capacity(usize::try_from(kept + rest).unwrap_or(0));
        flate2::read::MultiGzDecoder::new(data)
            .read_to_end(&mut out)
            .map_err(gzip_error)?;
    }
    if out.is_empty() {
        return Err(Error::Empty);
    }
    Ok(Cow::Owned(out))
}

/// The uncompressed size the gzip trailer records (`ISIZE`), if there is room for one.
fn trailer_size(data: &[u8]) -> Option<u64> {
    const MIN_MEMBER: usize = 18;
    let tail: [u8; 4] = data.get(data.len().checked_sub(4)?..)?.try_into().ok()?;
    (data.len() >= MIN_MEMBER).then(|| u64::from(u32::from_le_bytes(tail)))
}

/// Decodes an uncompressed `profile.proto` message under the default [`Limits`].
pub fn decode_protobuf(payload: &[u8]) -> Result<Profile> {
    decode_protobuf_limited(payload, Limits::DEFAULT)
}

/// Decodes an uncompressed `profile.proto` message under `limits`.
pub fn decode_protobuf_limited(payload: &[u8], limits: Limits) -> Result<Profile> {
    scan::check_counts(payload, &limits)?;
    decode_protobuf_bytes(prost::bytes::Bytes::copy_from_slice(payload), &limits)
}

/// Decodes an uncompressed `profile.proto` message; strings stay slices of `payload`.
fn decode_protobuf_bytes(payload: prost::bytes::Bytes, limits: &Limits) -> Result<Profile> {
    let pb = <proto::PbProfile as prost::Message>::decode(payload.clone()).map_err(|e| {
        if let Some(first_line) = looks_like_text(&payload) {
            return Error::NotAProfile(format!(
                "text that is not a Go heap or goroutine profile (starts {first_line:?})"
            ));
        }
        let what = e.to_string();
        let what = what.trim_start_matches("failed to decode Protobuf message: ");
        // prost names its messages' Rust types: `PbSample.label: …` → `label: …`.
        let mut what = what.to_string();
        for ty in [
            "PbProfile.",
            "PbValueType.",
            "PbSample.",
            "PbLabel.",
            "PbMapping.",
            "PbLocation.",
            "PbLine.",
            "PbFunction.",
        ] {
            what = what.replace(ty, "");
        }
        Error::NotAProfile(format!("invalid protobuf ({what})"))
    })?;
    resolve::resolve(pb, limits)
}

/// The first line (cut to 40 characters) if the payload starts like text.
fn looks_like_text(payload: &[u8]) -> Option<String> {
    let head = &payload[..payload.len().min(512)];
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        // A multi-byte character cut at the 512th byte is still text.
        Err(e) if e.valid_up_to() + 4 > head.len() => {
            std::str::from_utf8(&head[..e.valid_up_to()]).ok()?
        }
        Err(_) => return None,
    };
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return None;
    }
    Some(text.lines().next().unwrap_or("").chars().take(40).collect())
}
