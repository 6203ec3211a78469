//! The bundled catalog, compiled in: `data/*.toml` as one tab-separated text, so that
//! `msdk_errors!()` does not parse TOML on every expansion, and so that compiling the macro does
//! not type-check hundreds of nested struct literals, as a Rust static of the catalog would (both
//! measured in benches/README.md, "Tricks that stay").
//!
//! `bundled_catalog.tsv` is generated from the TOML files by the test `tests/bundled.rs`
//! (`UPDATE_EXPECT=1 cargo test -p msdk-codes-catalog --test bundled` rewrites it), which fails
//! whenever the two differ: the TOML stays the one source. A line a record, fields separated by
//! tabs (no catalog text holds a tab or a line break), an absent text as an empty field:
//!
//! ```text
//! layer  id  channel  title.en  title.zh  title.ja  title.ko
//! range  start  end  name  message.en  .zh  .ja  .ko  translated
//! code   codes  name  action  message.en .. .ko  advice.en .. .ko  note.en .. .ko  translated
//! msg_contains  text
//! decode_in_only
//! ```
//!
//! Lists (`codes`, `translated`) are comma-separated; each text of an entry's `msg_contains` is a
//! line of its own after the entry's, and so is `decode_in_only` for an entry that says
//! `decode_in_only = true`.

use crate::model::{Action, Catalog, Channel, CodeRange, Entry, Layer, Locale, Location, Texts, Unread};

const CATALOG: &str = include_str!("bundled_catalog.tsv");

/// The bundled catalog, as `load` would read it from the TOML files (locations point at the
/// start of each file: the bundled data has no problems to report).
pub fn catalog() -> Catalog {
    let mut layers: Vec<Layer> = Vec::new();
    for line in CATALOG.lines().filter(|line| !line.starts_with('#')) {
        let fields: Vec<&str> = line.split('\t').collect();
        match (fields.first().copied(), layers.last_mut()) {
            (Some("layer"), _) => {
                if let Some(layer) = read_layer(layers.len(), &fields) {
                    layers.push(layer);
                }
            }
            (Some("range"), Some(layer)) => layer.ranges.extend(read_range(layer.location.file, &fields)),
            (Some("code"), Some(layer)) => layer.entries.extend(read_entry(layer.location.file, &fields)),
            (Some("msg_contains"), Some(layer)) => {
                if let (Some(entry), Some(text)) = (layer.entries.last_mut(), fields.get(1)) {
                    entry.msg_contains.push((*text).to_owned());
                }
            }
            (Some("decode_in_only"), Some(layer)) => {
                if let Some(entry) = layer.entries.last_mut() {
                    entry.decode_in_only = true;
                }
            }
            _ => {}
        }
    }
    Catalog { layers }
}

fn at(file: usize) -> Location {
    Location { file, span: 0..0 }
}

/// Four fields from `from`, en, zh, ja, ko; empty is absent.
fn texts(fields: &[&str], from: usize) -> Texts {
    let mut texts = Texts::default();
    for (locale, text) in Locale::ALL.into_iter().zip(fields.iter().skip(from).take(4)) {
        if !text.is_empty() {
            texts.set(locale, (*text).to_owned());
        }
    }
    texts
}

fn locales(field: Option<&&str>) -> Vec<Locale> {
    field.map_or_else(Vec::new, |field| field.split(',').filter_map(Locale::from_tag).collect())
}

fn read_layer(file: usize, fields: &[&str]) -> Option<Layer> {
    Some(Layer {
        id: (*fields.get(1)?).to_owned(),
        channel: Channel::from_id(fields.get(2)?)?,
        title: texts(fields, 3),
        ranges: Vec::new(),
        entries: Vec::new(),
        location: at(file),
        id_location: at(file),
        unread: Unread::default(),
    })
}

fn read_range(file: usize, fields: &[&str]) -> Option<CodeRange> {
    Some(CodeRange {
        low: fields.get(1)?.parse().ok()?,
        high: fields.get(2)?.parse().ok()?,
        name: (*fields.get(3)?).to_owned(),
        message: texts(fields, 4),
        translated: locales(fields.get(8)),
        location: at(file),
        name_location: at(file),
        unread: Unread::default(),
    })
}

fn read_entry(file: usize, fields: &[&str]) -> Option<Entry> {
    Some(Entry {
        codes: fields.get(1)?.split(',').map(str::parse).collect::<Result<_, _>>().ok()?,
        name: (*fields.get(2)?).to_owned(),
        action: Action::from_id(fields.get(3)?)?,
        message: texts(fields, 4),
        advice: texts(fields, 8),
        note: texts(fields, 12),
        translated: locales(fields.get(16)),
        msg_contains: Vec::new(),
        decode_in_only: false,
        location: at(file),
        code_location: at(file),
        name_location: at(file),
        unread: Unread::default(),
    })
}

/// The ids of the bundled layers, without reading the rest of the catalog: a layer of an
/// expansion that is none of these is a team's own.
pub fn layer_ids() -> impl Iterator<Item = &'static str> {
    CATALOG.lines().filter_map(|line| line.strip_prefix("layer\t")).filter_map(|rest| rest.split('\t').next())
}

/// The bundled catalog read and checked from its TOML files in the repository's `data/`, as a
/// team's files are (the workspace's tests hold the catalog and `bundled_catalog.tsv` to it), or
/// its problems as `file:line:column: message` lines.
#[cfg(feature = "toml")]
pub fn from_toml() -> Result<Catalog, Vec<String>> {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("data");
    let sources = crate::source::Sources::bundled_from(&folder).map_err(|message| vec![message])?;
    let loaded = crate::load(crate::Source::Replacing(sources), &crate::Checks::default());
    let messages = loaded.messages();
    if messages.is_empty() { Ok(loaded.catalog) } else { Err(messages) }
}

/// The text of `bundled_catalog.tsv` for `catalog`.
pub fn render(catalog: &Catalog) -> String {
    let mut out = String::from(
        "# @generated by `UPDATE_EXPECT=1 cargo test -p msdk-codes-catalog --test bundled` from data/*.toml.\n\
         # Do not edit: change the TOML and regenerate. The format is in src/bundled.rs.\n",
    );
    let texts = |texts: &Texts| Locale::ALL.map(|locale| texts.get(locale).unwrap_or("")).join("\t");
    let locales = |locales: &[Locale]| locales.iter().map(|locale| locale.tag()).collect::<Vec<_>>().join(",");
    for layer in &catalog.layers {
        out.push_str(&format!("layer\t{}\t{}\t{}\n", layer.id, layer.channel.id(), texts(&layer.title)));
        for range in &layer.ranges {
            out.push_str(&format!(
                "range\t{}\t{}\t{}\t{}\t{}\n",
                range.low,
                range.high,
                range.name,
                texts(&range.message),
                locales(&range.translated)
            ));
        }
        for entry in &layer.entries {
            let codes = entry.codes.iter().map(i32::to_string).collect::<Vec<_>>().join(",");
            out.push_str(&format!(
                "code\t{codes}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                entry.name,
                entry.action.id(),
                texts(&entry.message),
                texts(&entry.advice),
                texts(&entry.note),
                locales(&entry.translated)
            ));
            for text in &entry.msg_contains {
                out.push_str(&format!("msg_contains\t{text}\n"));
            }
            if entry.decode_in_only {
                out.push_str("decode_in_only\n");
            }
        }
    }
    out
}
