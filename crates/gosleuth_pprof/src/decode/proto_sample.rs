//! `prost::Message` for [`PbSample`], as prost's derive would write it except
//! that a packed run of numbers is sized before it is decoded: a sample is
//! mostly its stack, and growing that vector one push at a time (4, 8, 16,
//! 32, … ids) cost more than decoding it.

use prost::bytes::{Buf, BufMut};
use prost::encoding::{DecodeContext, WireType, int64, message, skip_field, uint64};
use prost::{DecodeError, Message};

use super::proto::PbSample;

impl Message for PbSample {
    fn encode_raw(&self, buf: &mut impl BufMut) {
        uint64::encode_packed(1, &self.location_id, buf);
        int64::encode_packed(2, &self.value, buf);
        message::encode_repeated(3, &self.label, buf);
    }

    fn merge_field(
        &mut self,
        tag: u32,
        wire_type: WireType,
        buf: &mut impl Buf,
        ctx: DecodeContext,
    ) -> Result<(), DecodeError> {
        let (field, result) = match tag {
            1 => {
                if merge_packed(&mut self.location_id, wire_type, buf, |v| v) {
                    return Ok(());
                }
                let r = uint64::merge_repeated(wire_type, &mut self.location_id, buf, ctx);
                ("location_id", r)
            }
            2 => {
                // int64 on the wire is two's complement.
                #[allow(clippy::cast_possible_wrap)]
                if merge_packed(&mut self.value, wire_type, buf, |v| v as i64) {
                    return Ok(());
                }
                let r = int64::merge_repeated(wire_type, &mut self.value, buf, ctx);
                ("value", r)
            }
            3 => (
                "label",
                message::merge_repeated(wire_type, &mut self.label, buf, ctx),
            ),
            _ => return skip_field(wire_type, tag, buf, ctx),
        };
        // As the derive does: errors name the message and field.
        result.map_err(|mut e| {
            e.push("PbSample", field);
            e
        })
    }

    fn encoded_len(&self) -> usize {
        uint64::encoded_len_packed(1, &self.location_id)
            + int64::encoded_len_packed(2, &self.value)
            + message::encoded_len_repeated(3, &self.label)
    }

    fn clear(&mut self) {
        self.location_id.clear();
        self.value.clear();
        self.label.clear();
    }
}

/// Decodes a packed run of varints that lies wholly in the buffer's current
/// chunk (always, for a profile decoded from memory) straight from the
/// slice, into a vector sized first: one number ends at each byte below 0x80.
/// Returns false, consuming nothing, for anything else (another wire type, a
/// run that is malformed or split across chunks): prost's decoder then reads
/// it, and reports what is wrong.
fn merge_packed<T>(
    values: &mut Vec<T>,
    wire_type: WireType,
    buf: &mut impl Buf,
    from_u64: impl Fn(u64) -> T,
) -> bool {
    if wire_type != WireType::LengthDelimited {
        return false;
    }
    let chunk = buf.chunk();
    let Some((len, header)) = varint(chunk) else {
        return false;
    };
    let Some(run) = usize::try_from(len)
        .ok()
        .and_then(|len| chunk.get(header..)?.get(..len))
    else {
        return false;
    };
    let start = values.len();
    values.reserve_exact(run.iter().filter(|&&b| b < 0x80).count());
    let mut rest = run;
    while !rest.is_empty() {
        let Some((v, used)) = varint(rest) else {
            values.truncate(start);
            return false;
        };
        values.push(from_u64(v));
        rest = &rest[used..];
    }
    buf.advance(header + run.len());
    true
}

/// A varint at the start of `bytes`, and how many bytes it took; `None` when
/// it is cut short or overflows 64 bits (prost calls that invalid).
fn varint(bytes: &[u8]) -> Option<(u64, usize)> {
    let mut v = 0u64;
    for (i, &b) in bytes.iter().enumerate().take(10) {
        if i == 9 && b > 1 {
            return None;
        }
        v |= u64::from(b & 0x7f) << (7 * i);
        if b < 0x80 {
            return Some((v, i + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_and_unpacked_stacks_decode_alike() {
        let s = PbSample {
            location_id: vec![1, 300, 70_000],
            value: vec![-1, 2],
            label: Vec::new(),
        };
        let packed = s.encode_to_vec();
        assert_eq!(PbSample::decode(packed.as_slice()).unwrap(), s);
        // The same stack and values, one number per field (wire type 0).
        let unpacked = [
            0x08, 0x01, 0x08, 0xac, 0x02, 0x08, 0xf0, 0xa2, 0x04, 0x10, 0xff, 0xff, 0xff, 0xff,
            0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x10, 0x02,
        ];
        assert_eq!(PbSample::decode(&unpacked[..]).unwrap(), s);
    }

    #[test]
    fn a_packed_run_is_sized_exactly_and_a_short_one_left_to_prost() {
        let mut v: Vec<u64> = Vec::new();
        let mut buf = &[4, 0x01, 0xac, 0x02, 0x05, 0x99][..];
        assert!(merge_packed(
            &mut v,
            WireType::LengthDelimited,
            &mut buf,
            |x| x
        ));
        assert_eq!(
            (v.as_slice(), v.capacity(), buf),
            (&[1, 300, 5][..], 3, &[0x99][..])
        );
        // A length past the end, a varint cut short or past 64 bits:
        // nothing consumed.
        let too_long = [
            10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02,
        ];
        for bad in [&[0x7f, 0x01][..], &[2, 0x01, 0x80], &too_long] {
            let mut w: Vec<u64> = Vec::new();
            let mut buf = bad;
            assert!(!merge_packed(
                &mut w,
                WireType::LengthDelimited,
                &mut buf,
                |x| x
            ));
            assert_eq!((w.len(), buf.len()), (0, bad.len()));
        }
    }

    #[test]
    fn errors_name_the_field() {
        // Field 1, length 5, but only one byte follows.
        let e = PbSample::decode(&[0x0a, 0x05, 0x01][..]).unwrap_err();
        assert!(e.to_string().contains("PbSample.location_id"), "{e}");
    }
}
