//! Bytes → [`Profile`]: gzip detection with a size cap, then protobuf or one of
//! Go's legacy text formats.

mod proto;
mod resolve;

use std::io::Read;

use crate::error::{Error, Result};
use crate::model::Profile;

/// Default cap on decompressed profile size: far above real profiles (a busy
/// service's heap profile is a few MB), far below what would hurt the machine.
pub const DEFAULT_MAX_DECOMPRESSED: u64 = 512 << 20;

/// Limits applied while decoding untrusted bytes.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Maximum size of the decompressed payload in bytes.
    pub max_decompressed: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_decompressed: DEFAULT_MAX_DECOMPRESSED,
        }
    }
}

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Decodes a profile from raw bytes (gzipped or not).
pub fn decode(data: &[u8], limits: Limits) -> Result<Profile> {
    let payload = decompress(data, limits)?;
    if let Some(p) = crate::legacy::parse_text_profile(&payload)? {
        return Ok(p);
    }
    match payload {
        std::borrow::Cow::Owned(v) => decode_protobuf_bytes(prost::bytes::Bytes::from(v)),
        std::borrow::Cow::Borrowed(b) => decode_protobuf(b),
    }
}

/// Returns the decompressed payload if `data` is gzip, else `data` itself,
/// refusing anything larger than the cap.
pub fn decompress(data: &[u8], limits: Limits) -> Result<std::borrow::Cow<'_, [u8]>> {
    if data.is_empty() {
        return Err(Error::Empty);
    }
    if !data.starts_with(&GZIP_MAGIC) {
        if data.len() as u64 > limits.max_decompressed {
            return Err(Error::TooLarge {
                limit: limits.max_decompressed,
            });
        }
        return Ok(std::borrow::Cow::Borrowed(data));
    }
    let mut out = Vec::with_capacity(data.len().saturating_mul(4).min(64 << 20));
    let decoder = flate2::read::MultiGzDecoder::new(data);
    decoder
        .take(limits.max_decompressed + 1)
        .read_to_end(&mut out)
        .map_err(|e| Error::Gzip(e.to_string()))?;
    if out.len() as u64 > limits.max_decompressed {
        return Err(Error::TooLarge {
            limit: limits.max_decompressed,
        });
    }
    if out.is_empty() {
        return Err(Error::Empty);
    }
    Ok(std::borrow::Cow::Owned(out))
}

/// Decodes an uncompressed `profile.proto` message.
pub fn decode_protobuf(payload: &[u8]) -> Result<Profile> {
    decode_protobuf_bytes(prost::bytes::Bytes::copy_from_slice(payload))
}

/// Decodes an uncompressed `profile.proto` message; strings stay slices of `payload`.
fn decode_protobuf_bytes(payload: prost::bytes::Bytes) -> Result<Profile> {
    let pb = <proto::PbProfile as prost::Message>::decode(payload.clone()).map_err(|e| {
        if let Some(first_line) = looks_like_text(&payload) {
            return Error::NotAProfile(format!(
                "text that is not a Go heap or goroutine profile (starts {first_line:?})"
            ));
        }
        let what = e.to_string();
        let what = what.trim_start_matches("failed to decode Protobuf message: ");
        Error::NotAProfile(format!(
            "invalid protobuf ({})",
            what.replace("PbProfile.", "")
        ))
    })?;
    resolve::resolve(pb)
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
