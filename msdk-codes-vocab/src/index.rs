//! The layout of a layer's `from_code` index, which the macro writes and the runtime reads,
//! written once here so that the two cannot disagree.

use std::vec::Vec;

/// The bytes of one code of a [`code_index`]: the code (`i32`) and its entry (`u16`),
/// little-endian.
pub const CODE_RECORD: usize = 6;

/// A layer's `from_code` index of `codes` (each a code and its entry): every code once, sorted,
/// [`CODE_RECORD`] bytes each, for [`find_code`]'s binary search. A code listed twice keeps its
/// first entry, as a `match` would; an entry that `u16` cannot number is left out (the catalog
/// refuses a layer of more than 65,535 entries). Built in one sort: any codes, any number of them.
pub fn code_index(codes: &[(i32, usize)]) -> Vec<u8> {
    let mut sorted: Vec<(i32, u16)> =
        codes.iter().filter_map(|&(code, entry)| Some((code, u16::try_from(entry).ok()?))).collect();
    // Stable: of a code listed twice, the first stays first, and `dedup` keeps it.
    sorted.sort_by_key(|&(code, _)| code);
    sorted.dedup_by_key(|&mut (code, _)| code);
    let mut index = Vec::with_capacity(sorted.len() * CODE_RECORD);
    for (code, entry) in sorted {
        index.extend_from_slice(&code.to_le_bytes());
        index.extend_from_slice(&entry.to_le_bytes());
    }
    index
}

/// The entry of `code` in a [`code_index`], by binary search. The search is std's
/// (`slice::binary_search`: halve the range with no early exit, then compare once), written out
/// because `from_code` is a `const fn`.
pub const fn find_code(index: &[u8], code: i32) -> Option<u16> {
    let mut size = index.len() / CODE_RECORD;
    if size == 0 {
        return None;
    }
    let mut base = 0;
    while size > 1 {
        let half = size / 2;
        let middle = base + half;
        if code_at(index, middle) <= code {
            base = middle;
        }
        size -= half;
    }
    if code_at(index, base) == code {
        let at = base * CODE_RECORD;
        Some(u16::from_le_bytes([index[at + 4], index[at + 5]]))
    } else {
        None
    }
}

/// The code of record `record`.
const fn code_at(index: &[u8], record: usize) -> i32 {
    let at = record * CODE_RECORD;
    i32::from_le_bytes([index[at], index[at + 1], index[at + 2], index[at + 3]])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_found_and_no_other() {
        let codes: Vec<(i32, usize)> = (0..300).map(|i| (40001 + i * 7 - 150, i as usize % 97)).collect();
        let index = code_index(&codes);
        assert_eq!(index.len(), codes.len() * CODE_RECORD);
        for &(code, entry) in &codes {
            assert_eq!(find_code(&index, code), Some(entry as u16), "{code}");
            assert_eq!(find_code(&index, code + 1), None, "{}", code + 1);
        }
        assert_eq!(find_code(&index, i32::MIN), None);
        assert_eq!(find_code(&index, i32::MAX), None);
        assert_eq!(find_code(&[], 1), None);
        assert_eq!(code_index(&codes), index, "the same codes give the same index");
    }

    #[test]
    fn a_code_listed_twice_keeps_its_first_entry() {
        let index = code_index(&[(-1, 0), (5, 1), (-1, 2)]);
        assert_eq!(find_code(&index, -1), Some(0));
        assert_eq!(find_code(&index, 5), Some(1));
        assert_eq!(index.len(), 2 * CODE_RECORD);
    }

    #[test]
    fn codes_across_the_whole_range_and_layers_of_any_size_are_indexed() {
        let scattered: Vec<(i32, usize)> =
            (0..16_000_i64).map(|i| ((i * 268_435_399 % (1 << 32) - (1 << 31)) as i32, i as usize)).collect();
        let index = code_index(&scattered);
        assert_eq!(index.len(), scattered.len() * CODE_RECORD);
        for &(code, entry) in &scattered {
            assert_eq!(find_code(&index, code), Some(entry as u16), "{code}");
        }
        let many: Vec<(i32, usize)> = (0..70_000).map(|i| (i as i32 - 35_000, i)).collect();
        let index = code_index(&many);
        assert_eq!(index.len(), 65_536 * CODE_RECORD, "entries past u16 are left out");
        assert_eq!(find_code(&index, -35_000), Some(0));
        assert_eq!(find_code(&index, 30_535), Some(65_535));
        assert_eq!(find_code(&index, 30_536), None);
    }
}
