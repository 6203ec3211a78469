//! The layout of a layer's `from_code` index, which the macro writes and the runtime reads.

use std::vec::Vec;

use crate::code_slot;

/// A layer's `from_code` index, as the runtime reads it (its `CodeSlots`): `2^bits` slots of
/// eight bytes, each code (`i32`), its entry (`u16`) and two bytes of padding at
/// [`code_slot`]`(code, multiplier, bits)`, the empty slots with the entry `u16::MAX`. Laid out
/// here, beside the hash, for the macro that writes it and for tools that build tables while
/// running.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeSlots {
    /// The hash's multiplier.
    pub multiplier: u32,
    /// The table has `2^bits` slots.
    pub bits: u32,
    /// The slots.
    pub slots: Vec<u8>,
}

impl CodeSlots {
    /// The index of `codes`, each a code and its entry: the smallest table, at most half full,
    /// with a multiplier that gives every code its own slot. Multipliers are drawn from a fixed sequence, so the expansion is the same every time.
    pub fn of(codes: &[(i32, usize)]) -> CodeSlots {
        // The table at most half full: twice the codes, rounded up to a power of two.
        let mut bits = codes.len().next_power_of_two().trailing_zeros().clamp(0, 30) + 1;
        loop {
            let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
            for _ in 0..4096 {
                // splitmix64
                state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
                let mut z = state;
                z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
                let multiplier = ((z ^ (z >> 31)) as u32) | 1;
                if let Some(slots) = CodeSlots::lay_out(codes, multiplier, bits) {
                    return CodeSlots { multiplier, bits, slots };
                }
            }
            bits += 1;
            if bits > 31 {
                // Unreachable for the 65,535 entries a layer may have; an empty index then.
                return CodeSlots { multiplier: 1, bits: 1, slots: Vec::new() };
            }
        }
    }

    fn lay_out(codes: &[(i32, usize)], multiplier: u32, bits: u32) -> Option<Vec<u8>> {
        const EMPTY: [u8; 8] = [0, 0, 0, 0, 0xff, 0xff, 0, 0];
        let mut slots: Vec<u8> = EMPTY.repeat(1 << bits);
        for &(code, entry) in codes {
            let at = code_slot(code, multiplier, bits) * 8;
            if slots[at + 4..at + 6] != [0xff, 0xff] {
                // A code listed twice (already reported as a data problem) keeps its first entry,
                // as a `match` would; any other code in the slot is a collision.
                if slots[at..at + 4] == code.to_le_bytes() {
                    continue;
                }
                return None;
            }
            let entry = u16::try_from(entry).ok()?;
            slots[at..at + 4].copy_from_slice(&code.to_le_bytes());
            slots[at + 4..at + 6].copy_from_slice(&entry.to_le_bytes());
        }
        Some(slots)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry_of(index: &CodeSlots, code: i32) -> Option<u16> {
        let at = code_slot(code, index.multiplier, index.bits) * 8;
        let slot = &index.slots[at..at + 8];
        let entry = u16::from_le_bytes([slot[4], slot[5]]);
        (slot[..4] == code.to_le_bytes() && entry != u16::MAX).then_some(entry)
    }

    #[test]
    fn every_code_has_its_own_slot_and_the_index_is_at_most_half_full() {
        let codes: Vec<(i32, usize)> = (0..300).map(|i| (40001 + i * 7 - 150, i as usize % 97)).collect();
        let index = CodeSlots::of(&codes);
        assert!(index.slots.len() / 8 >= 2 * codes.len(), "{} slots", index.slots.len() / 8);
        for &(code, entry) in &codes {
            assert_eq!(entry_of(&index, code), Some(entry as u16), "{code}");
        }
        assert_eq!(entry_of(&index, 123_456_789), None);
        let again = CodeSlots::of(&codes);
        assert_eq!((again.multiplier, again.bits, again.slots), (index.multiplier, index.bits, index.slots));
    }

    #[test]
    fn a_code_listed_twice_keeps_its_first_entry() {
        let index = CodeSlots::of(&[(-1, 0), (5, 1), (-1, 2)]);
        assert_eq!(entry_of(&index, -1), Some(0));
        assert_eq!(entry_of(&index, 5), Some(1));
        assert!(index.bits <= 3, "no growth for a duplicate: {} bits", index.bits);
    }
}
