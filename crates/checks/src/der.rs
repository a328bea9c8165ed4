//! A minimal, bounds-checked DER reader (tag, length, value) for recognising key structures.

/// One DER element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tlv<'a> {
    /// The identifier octet (single-byte tags only).
    pub tag: u8,
    /// The contents.
    pub body: &'a [u8],
}

/// Tag of INTEGER.
pub const INTEGER: u8 = 0x02;
/// Tag of BIT STRING.
pub const BIT_STRING: u8 = 0x03;
/// Tag of OCTET STRING.
pub const OCTET_STRING: u8 = 0x04;
/// Tag of NULL.
pub const NULL: u8 = 0x05;
/// Tag of OBJECT IDENTIFIER.
pub const OID: u8 = 0x06;
/// Tag of SEQUENCE.
pub const SEQUENCE: u8 = 0x30;

/// Read one element; returns it and the rest. Definite lengths up to 4 octets only.
pub fn read(input: &[u8]) -> Option<(Tlv<'_>, &[u8])> {
    let tag = *input.first()?;
    if tag & 0x1f == 0x1f {
        return None;
    }
    let l0 = *input.get(1)? as usize;
    let (len, hdr) = if l0 < 0x80 {
        (l0, 2)
    } else {
        let n = l0 & 0x7f;
        if n == 0 || n > 4 {
            return None;
        }
        let mut len = 0usize;
        for i in 0..n {
            len = (len << 8) | *input.get(2 + i)? as usize;
        }
        (len, 2 + n)
    };
    let end = hdr.checked_add(len)?;
    let body = input.get(hdr..end)?;
    Some((Tlv { tag, body }, &input[end..]))
}

/// Read exactly one element spanning all of `input`.
pub fn read_all(input: &[u8]) -> Option<Tlv<'_>> {
    match read(input)? {
        (t, []) => Some(t),
        _ => None,
    }
}

/// The elements of a constructed value's contents (all of it must parse).
pub fn items(body: &[u8]) -> Option<Vec<Tlv<'_>>> {
    let mut v = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        let (t, r) = read(rest)?;
        v.push(t);
        rest = r;
        if v.len() > 64 {
            return None;
        }
    }
    Some(v)
}

/// Dotted form of an OBJECT IDENTIFIER's contents.
pub fn oid(body: &[u8]) -> String {
    let mut parts = Vec::new();
    let mut v: u64 = 0;
    for (i, &b) in body.iter().enumerate() {
        v = (v << 7) | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            if parts.is_empty() {
                let (a, b) = if v < 40 {
                    (0, v)
                } else if v < 80 {
                    (1, v - 40)
                } else {
                    (2, v - 80)
                };
                parts.push(a);
                parts.push(b);
            } else {
                parts.push(v);
            }
            v = 0;
        } else if i > 64 {
            break;
        }
    }
    parts.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(".")
}

/// Bit length of an unsigned big-endian INTEGER's contents.
pub fn int_bits(body: &[u8]) -> u32 {
    let b = match body.iter().position(|&x| x != 0) {
        Some(i) => &body[i..],
        None => return 0,
    };
    (b.len() as u32 - 1) * 8 + (8 - b[0].leading_zeros())
}

/// True for a small non-negative INTEGER equal to `v`.
pub fn is_int(t: &Tlv<'_>, v: u8) -> bool {
    t.tag == INTEGER && t.body == [v]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tlv_and_oid() {
        let d = [0x30, 0x06, 0x02, 0x01, 0x00, 0x06, 0x01, 0x2a];
        let t = read_all(&d).unwrap();
        let it = items(t.body).unwrap();
        assert!(is_int(&it[0], 0));
        assert_eq!(oid(&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]), "1.2.840.113549.1.1.1");
        assert_eq!(int_bits(&[0x00, 0x80, 0x00]), 16);
        assert!(read(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff]).is_none());
        assert!(read(&[0x30]).is_none());
    }
}
