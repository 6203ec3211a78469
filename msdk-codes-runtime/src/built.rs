//! Tables built while running, from plain data: a tool that reads a team's data files at run
//! time (msdk-lookup's `--extend`) decodes with them through the same search as the types an
//! expansion generates ([`crate::table::decode_in`]). Each table lives as long as the process, as
//! an expansion's statics do: it is leaked once. They hold what decoding reads (codes, channels,
//! `msg_contains`, ranges), not the texts, which the tool has in its own catalog.

use crate::storage::{ABSENT, CodeIndex, CodeTable, LayerTable, Marked, NONE};
use crate::{Channel, CodeRange, Locale, Table};

/// A layer as decoding reads it.
#[derive(Clone, Debug)]
pub struct PlainLayer {
    /// The layer id.
    pub id: String,
    /// How responses carry its codes.
    pub channel: Channel,
    /// Whether it is a team's own layer (none of the bundled catalog's): plain decoding searches
    /// it after the tables the documents name.
    pub team: bool,
    /// Its entries, in the data's order.
    pub entries: Vec<PlainEntry>,
    /// Its documented ranges.
    pub ranges: Vec<PlainRange>,
}

/// An entry as decoding reads it.
#[derive(Clone, Debug)]
pub struct PlainEntry {
    /// Its codes, the first the one it reports.
    pub codes: Vec<i32>,
    /// The texts of `msg` that pick it over another table's entry of the same code.
    pub msg_contains: Vec<String>,
}

/// A documented range of codes.
#[derive(Clone, Debug)]
pub struct PlainRange {
    /// Its name in the data.
    pub name: String,
    /// The lower bound, inclusive.
    pub low: i32,
    /// The upper bound, inclusive.
    pub high: i32,
    /// Its description.
    pub message: String,
}

fn leak<T>(items: Vec<T>) -> &'static [T] {
    Box::leak(items.into_boxed_slice())
}

fn leak_str(text: &str) -> &'static str {
    Box::leak(String::from(text).into_boxed_str())
}

/// The table an expansion of `layers` (every layer selected) would hold, for decoding.
pub fn layer_table(layers: &[PlainLayer]) -> &'static LayerTable {
    let ids: Vec<&'static str> = layers.iter().map(|layer| leak_str(&layer.id)).collect();
    let mut named = [ABSENT; 7];
    for (slot, table) in named.iter_mut().zip(Table::NAMED) {
        let position = layers.iter().position(|layer| Some(layer.id.as_str()) == table.id());
        *slot = position.and_then(|layer| u16::try_from(layer).ok()).unwrap_or(ABSENT);
    }
    let mut marked = Vec::new();
    for (layer, plain) in layers.iter().enumerate() {
        for entry in plain.entries.iter().filter(|entry| !entry.msg_contains.is_empty()) {
            let texts: Vec<&'static str> = entry.msg_contains.iter().map(|text| leak_str(text)).collect();
            marked.push(Marked {
                layer: u16::try_from(layer).unwrap_or(ABSENT),
                channel: plain.channel,
                codes: leak(entry.codes.clone()),
                texts: leak(texts),
            });
        }
    }
    let ranges = layers
        .iter()
        .zip(&ids)
        .flat_map(|(layer, &id)| {
            layer.ranges.iter().map(move |range| CodeRange {
                layer: id,
                name: leak_str(&range.name),
                low: range.low,
                high: range.high,
                message: leak_str(&range.message),
            })
        })
        .collect();
    let team = layers.iter().enumerate().filter(|(_, layer)| layer.team).filter_map(|(l, _)| u16::try_from(l).ok());
    let table = LayerTable {
        titles: [&NONE; 4],
        display: Locale::En,
        channels: leak(layers.iter().map(|layer| layer.channel).collect()),
        codes: leak(layers.iter().zip(&ids).map(|(layer, &id)| code_table(id, layer)).collect()),
        ids: leak(ids),
        named,
        ranges: leak(ranges),
        team: leak(team.collect()),
        marked: leak(marked),
        left_out: &[],
    };
    Box::leak(Box::new(table))
}

fn code_table(id: &'static str, layer: &PlainLayer) -> &'static CodeTable {
    let entries = &layer.entries;
    let codes: Vec<(i32, usize)> =
        entries.iter().enumerate().flat_map(|(e, entry)| entry.codes.iter().map(move |&code| (code, e))).collect();
    let several = entries
        .iter()
        .enumerate()
        .filter(|(_, entry)| entry.codes.len() > 1)
        .filter_map(|(e, entry)| Some((u16::try_from(e).ok()?, leak(entry.codes.clone()))))
        .collect();
    let table = CodeTable {
        id,
        display: Locale::En,
        codes: leak(entries.iter().map(|entry| entry.codes.first().copied().unwrap_or_default()).collect()),
        several: leak(several),
        index: {
            let msdk_codes_vocab::CodeIndex { multiplier, bits, bytes } = msdk_codes_vocab::CodeIndex::of(&codes);
            CodeIndex { multiplier, bits, slots: leak(bytes) }
        },
        names: &NONE,
        actions: &[],
        messages: [&NONE; 4],
        advice: [&NONE; 4],
        notes: [&NONE; 4],
    };
    Box::leak(Box::new(table))
}
