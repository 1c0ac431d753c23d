//! A minimal protobuf writer, so each profile a test needs is spelled out in it.

/// Protobuf bytes under construction.
#[derive(Default, Clone)]
pub struct Pb(pub Vec<u8>);

impl Pb {
    pub fn varint(&mut self, mut v: u64) -> &mut Self {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
        self
    }

    pub fn uint(&mut self, field: u64, v: u64) -> &mut Self {
        self.varint(field << 3).varint(v)
    }

    pub fn bytes(&mut self, field: u64, b: &[u8]) -> &mut Self {
        self.varint((field << 3) | 2).varint(b.len() as u64);
        self.0.extend_from_slice(b);
        self
    }

    pub fn msg(&mut self, field: u64, m: &Pb) -> &mut Self {
        self.bytes(field, &m.0.clone())
    }

    /// The profile's string table (field 6), in order.
    pub fn strings(&mut self, s: &[&str]) -> &mut Self {
        for x in s {
            self.bytes(6, x.as_bytes());
        }
        self
    }
}
