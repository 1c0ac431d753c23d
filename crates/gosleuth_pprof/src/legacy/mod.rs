//! Go's legacy text profiles: heap `?debug=1` (with its `# runtime.MemStats`
//! block) and goroutine `?debug=1` / `?debug=2` dumps.

use crate::error::Result;
use crate::model::Profile;

/// Parses `payload` as a legacy text profile; `Ok(None)` when it is not text.
pub fn parse_text_profile(payload: &[u8]) -> Result<Option<Profile>> {
    let _ = payload;
    Ok(None)
}
