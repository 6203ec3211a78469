//! The layout of a layer's `from_code` index, which the macro writes and the runtime reads,
//! written once here so that the two cannot disagree.

use std::vec::Vec;

/// A layer's `from_code` index of `codes` (each a code and its entry), in one of two layouts that
/// [`find_code`] reads:
///
/// - hashed (`bits` from 1): `2^bits` slots of [`SLOT`] bytes, each code (`i32`), its entry
///   (`u16`) and two bytes of padding at `(code * multiplier) >> (32 - bits)`, an empty slot with
///   the entry `u16::MAX`; a lookup reads one slot;
/// - sorted (`bits` 0): every code once, sorted, [`CODE_RECORD`] bytes each (the code and its
///   entry); a lookup is a binary search.
///
/// The hashed layout is tried first, in a bounded number of multipliers, at most half full and
/// then at most a quarter full; codes it cannot place so (codes spread across the `i32` range, tens of thousands of
/// them) get the sorted one. Either way the index is laid out in time and space linear in the
/// codes. A code listed twice keeps its first entry, as a `match` would; an entry that `u16`
/// cannot number is left out (the catalog refuses a layer of more than 65,535 entries).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeIndex {
    /// The hash's multiplier (hashed layout).
    pub multiplier: u32,
    /// `2^bits` slots (hashed layout); 0 for the sorted layout.
    pub bits: u32,
    /// The slots or the records.
    pub bytes: Vec<u8>,
}

/// The bytes of a slot of the hashed layout.
pub const SLOT: usize = 8;
/// The bytes of a record of the sorted layout.
pub const CODE_RECORD: usize = 6;
/// The entry of an empty slot.
const EMPTY: u16 = u16::MAX;
/// The slot writes the hashed layout may try, all multipliers together.
const WORK: usize = 1 << 21;

impl CodeIndex {
    /// The index of `codes`: see [`CodeIndex`].
    pub fn of(codes: &[(i32, usize)]) -> CodeIndex {
        let mut sorted: Vec<(i32, u16)> =
            codes.iter().filter_map(|&(code, entry)| Some((code, u16::try_from(entry).ok()?))).collect();
        // Stable: of a code listed twice, the first stays first, and `dedup` keeps it.
        sorted.sort_by_key(|&(code, _)| code);
        sorted.dedup_by_key(|&mut (code, _)| code);
        hashed(&sorted).unwrap_or_else(|| {
            let mut bytes = Vec::with_capacity(sorted.len() * CODE_RECORD);
            for (code, entry) in sorted {
                bytes.extend_from_slice(&code.to_le_bytes());
                bytes.extend_from_slice(&entry.to_le_bytes());
            }
            CodeIndex { multiplier: 0, bits: 0, bytes }
        })
    }
}

/// The hashed layout, at most half full, else a quarter, with the first multiplier of a fixed
/// sequence that gives every code its own slot, within [`WORK`].
fn hashed(codes: &[(i32, u16)]) -> Option<CodeIndex> {
    let half_full = codes.len().next_power_of_two().trailing_zeros() + 1;
    let tries = (WORK / codes.len().max(1)).clamp(1, 4096);
    for bits in [half_full, half_full + 1] {
        if bits > 24 {
            return None;
        }
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..tries {
            // splitmix64
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            let multiplier = ((z ^ (z >> 31)) as u32) | 1;
            if let Some(bytes) = lay_out(codes, multiplier, bits) {
                return Some(CodeIndex { multiplier, bits, bytes });
            }
        }
    }
    None
}

fn lay_out(codes: &[(i32, u16)], multiplier: u32, bits: u32) -> Option<Vec<u8>> {
    const EMPTY_SLOT: [u8; SLOT] = [0, 0, 0, 0, 0xff, 0xff, 0, 0];
    let mut slots: Vec<u8> = EMPTY_SLOT.repeat(1 << bits);
    for &(code, entry) in codes {
        let at = slot(code, multiplier, bits) * SLOT;
        if slots[at + 4..at + 6] != EMPTY.to_le_bytes() || entry == EMPTY {
            return None;
        }
        slots[at..at + 4].copy_from_slice(&code.to_le_bytes());
        slots[at + 4..at + 6].copy_from_slice(&entry.to_le_bytes());
    }
    Some(slots)
}

/// The slot of `code` in a table of `2^bits` slots (`bits` from 1 to 32).
#[inline]
const fn slot(code: i32, multiplier: u32, bits: u32) -> usize {
    let bits = if bits == 0 {
        1
    } else if bits > 32 {
        32
    } else {
        bits
    };
    ((code as u32).wrapping_mul(multiplier) >> (32 - bits)) as usize
}

/// The entry of `code` in a [`CodeIndex`] given by its parts: one slot of the hashed layout, or
/// a binary search of the sorted one (std's: halve the range with no early exit, then compare
/// once; written out because `from_code` is a `const fn`).
#[inline]
pub const fn find_code(multiplier: u32, bits: u32, bytes: &[u8], code: i32) -> Option<u16> {
    if bits != 0 {
        let at = slot(code, multiplier, bits) * SLOT;
        if at + SLOT > bytes.len() {
            return None;
        }
        let entry = u16::from_le_bytes([bytes[at + 4], bytes[at + 5]]);
        return if code_at(bytes, at) == code && entry != EMPTY { Some(entry) } else { None };
    }
    let mut size = bytes.len() / CODE_RECORD;
    if size == 0 {
        return None;
    }
    let mut base = 0;
    while size > 1 {
        let half = size / 2;
        let middle = base + half;
        if code_at(bytes, middle * CODE_RECORD) <= code {
            base = middle;
        }
        size -= half;
    }
    let at = base * CODE_RECORD;
    if code_at(bytes, at) == code { Some(u16::from_le_bytes([bytes[at + 4], bytes[at + 5]])) } else { None }
}

/// The code at byte `at`; 0 past the end (which no caller reaches).
#[inline]
const fn code_at(bytes: &[u8], at: usize) -> i32 {
    match bytes.split_at(at).1.first_chunk::<4>() {
        Some(code) => i32::from_le_bytes(*code),
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(index: &CodeIndex, code: i32) -> Option<u16> {
        find_code(index.multiplier, index.bits, &index.bytes, code)
    }

    #[test]
    fn every_code_has_its_own_slot_and_the_index_is_at_most_half_full() {
        let codes: Vec<(i32, usize)> = (0..300).map(|i| (40001 + i * 7 - 150, i as usize % 97)).collect();
        let index = CodeIndex::of(&codes);
        assert_ne!(index.bits, 0, "hashed");
        assert!(index.bytes.len() / SLOT >= 2 * codes.len(), "{} slots", index.bytes.len() / SLOT);
        for &(code, entry) in &codes {
            assert_eq!(find(&index, code), Some(entry as u16), "{code}");
        }
        assert_eq!(find(&index, 123_456_789), None);
        assert_eq!(CodeIndex::of(&codes), index, "the same codes give the same index");
    }

    #[test]
    fn a_code_listed_twice_keeps_its_first_entry() {
        let index = CodeIndex::of(&[(-1, 0), (5, 1), (-1, 2)]);
        assert_eq!(find(&index, -1), Some(0));
        assert_eq!(find(&index, 5), Some(1));
        assert!(index.bits <= 3, "no growth for a duplicate: {} bits", index.bits);
    }

    #[test]
    fn codes_the_hash_cannot_place_are_sorted_and_found() {
        let scattered: Vec<(i32, usize)> =
            (0..16_000_i64).map(|i| ((i64::from(i32::MIN) + 1 + i * 268_435) as i32, i as usize)).collect();
        let index = CodeIndex::of(&scattered);
        assert!(index.bytes.len() <= 64 * scattered.len(), "{} bytes", index.bytes.len());
        for &(code, entry) in &scattered {
            assert_eq!(find(&index, code), Some(entry as u16), "{code}");
            assert_eq!(find(&index, code + 1), None, "{}", code + 1);
        }

        let many: Vec<(i32, usize)> = (0..70_000).map(|i| (i as i32 - 35_000, i)).collect();
        let index = CodeIndex::of(&many);
        assert_eq!(index.bits, 0, "entry 65,535 cannot be a slot's: sorted");
        assert_eq!(index.bytes.len(), 65_536 * CODE_RECORD, "entries past u16 are left out");
        assert_eq!(find(&index, -35_000), Some(0));
        assert_eq!(find(&index, 30_535), Some(65_535));
        assert_eq!(find(&index, 30_536), None);
        assert_eq!(find(&CodeIndex::of(&[]), 1), None);
    }
}
