//! The catalog the page shows: the bundled one, or the bundled one extended by a team's files
//! exactly as `msdk_errors!(extend = "...")` reads them, with what came from the team's files
//! marked as such.

use msdk_codes_catalog::model::{Entry, Layer, Texts};
use msdk_codes_catalog::names;
use msdk_codes_catalog::source::Sources;
use msdk_codes_catalog::{Checks, Loaded, Source};
use msdk_codes_core::__private::{LayerTable, PlainEntry, PlainLayer, PlainRange, decode_in, layer_table};
use msdk_codes_core::{Locale, Response, UnknownCode};

pub struct Index {
    loaded: Loaded,
    /// The tables an expansion of the catalog would hold, built from it: a response decodes by
    /// the runtime's own search, as `MsdkError::from_json` decodes it in a crate that extends the
    /// catalog with the same files. (The runtime's private items, at its exact version: a tool of
    /// this workspace, not a user crate.)
    table: &'static LayerTable,
}

/// What a response decodes to.
pub enum Decoded<'a> {
    /// `ret` 0.
    Success,
    /// An entry of the catalog.
    Known(Found<'a>),
    /// A code no searched layer knows, as the library keeps it.
    Unknown(UnknownCode),
}

/// One entry of a layer, as search results and pages show it.
#[derive(Clone, Copy)]
pub struct Found<'a> {
    pub layer: &'a Layer,
    pub entry: &'a Entry,
}

/// What a search looks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Query {
    /// A number: the entries that have this code.
    Code(i64),
    /// Words: the entries whose name, action or texts, in any language, hold every word.
    Words(Vec<String>),
}

impl Query {
    /// `None` for a query of nothing but spaces.
    pub fn parse(text: &str) -> Option<Query> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        if let Ok(code) = text.parse::<i64>() {
            return Some(Query::Code(code));
        }
        Some(Query::Words(text.split_whitespace().map(str::to_lowercase).collect()))
    }
}

impl Index {
    /// The bundled catalog, as `msdk_errors!()` compiles it.
    pub fn bundled() -> Index {
        Index::new(msdk_codes_catalog::load(Source::Bundled, &Checks::default()))
    }

    /// The bundled catalog extended by `team`, read by the macro's own pipeline with its default
    /// arguments (all four locales, every layer): the macro's messages when it would refuse them,
    /// the same as `msdk-lookup check --extend` gives.
    pub fn extended(team: Sources) -> Result<Index, Vec<String>> {
        let loaded = msdk_codes_catalog::load(Source::Extending(team), &Checks::default());
        let problems = loaded.messages();
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Index::new(loaded))
    }

    fn new(loaded: Loaded) -> Index {
        let bundled: Vec<&str> = msdk_codes_catalog::bundled::layer_ids().collect();
        let layers: Vec<PlainLayer> = loaded
            .catalog
            .layers
            .iter()
            .map(|layer| PlainLayer {
                id: layer.id.clone(),
                channel: layer.channel,
                team: !bundled.contains(&layer.id.as_str()),
                entries: layer
                    .entries
                    .iter()
                    .map(|entry| PlainEntry { codes: entry.codes.clone(), msg_contains: entry.msg_contains.clone() })
                    .collect(),
                ranges: layer
                    .ranges
                    .iter()
                    .map(|range| PlainRange {
                        name: range.name.clone(),
                        low: range.low,
                        high: range.high,
                        message: range.message.get(Locale::En).unwrap_or_default().to_owned(),
                    })
                    .collect(),
            })
            .collect();
        Index { table: layer_table(&layers), loaded }
    }

    /// `response` decoded by the runtime's search over this catalog, through the layer `via`
    /// (`decode_in`) when given.
    pub fn decode(&self, response: &Response, via: Option<&str>) -> Decoded<'_> {
        let via = via.and_then(|id| self.layers().iter().position(|layer| layer.id == id));
        match decode_in(self.table, response, via) {
            None => Decoded::Success,
            Some(Ok((layer, entry))) => {
                let layer = &self.layers()[layer];
                Decoded::Known(Found { layer, entry: &layer.entries[entry] })
            }
            Some(Err(unknown)) => Decoded::Unknown(unknown),
        }
    }

    pub fn layers(&self) -> &[Layer] {
        &self.loaded.catalog.layers
    }

    pub fn layer(&self, id: &str) -> Option<&Layer> {
        self.loaded.catalog.layer(id)
    }

    /// The entry of `layer` that has `code`.
    pub fn entry(&self, layer: &str, code: i64) -> Option<Found<'_>> {
        let layer = self.layer(layer)?;
        let entry = layer.entries.iter().find(|entry| entry.codes.iter().any(|&each| i64::from(each) == code))?;
        Some(Found { layer, entry })
    }

    /// Every entry the query finds, in the catalog's order.
    pub fn search(&self, query: &Query) -> Vec<Found<'_>> {
        let mut found = Vec::new();
        for layer in self.layers() {
            for entry in &layer.entries {
                let matches = match query {
                    Query::Code(code) => entry.codes.iter().any(|&each| i64::from(each) == *code),
                    Query::Words(words) => {
                        let text = searchable(layer, entry);
                        words.iter().all(|word| text.contains(word.as_str()))
                    }
                };
                if matches {
                    found.push(Found { layer, entry });
                }
            }
        }
        found
    }

    /// The team's entries of `code` for a response the bundled catalog does not know: in the
    /// layer that was searched first, else in a team layer of the same channel.
    pub fn team_entries(&self, layer_searched: Option<&str>, code: i64) -> Vec<Found<'_>> {
        let searched = layer_searched.and_then(|id| self.layer(id));
        let mut found: Vec<Found<'_>> = self
            .search(&Query::Code(code))
            .into_iter()
            .filter(|found| self.is_team_entry(found.entry))
            .filter(|found| searched.is_none_or(|searched| found.layer.channel == searched.channel))
            .collect();
        found.sort_by_key(|found| searched.is_none_or(|searched| searched.id != found.layer.id));
        found
    }

    /// Whether the layer was written by the team (its own layer, not a bundled one it extends).
    pub fn is_team_layer(&self, layer: &Layer) -> bool {
        self.loaded.is_team_item(&layer.location)
    }

    /// Whether the entry comes from the team's files: its own code, or a bundled one it overrides.
    pub fn is_team_entry(&self, entry: &Entry) -> bool {
        self.loaded.is_team_item(&entry.location)
    }

    /// `path:line:column` of an entry of the team's files.
    pub fn team_location(&self, entry: &Entry) -> Option<String> {
        self.is_team_entry(entry).then(|| self.loaded.describe(&entry.location))
    }

    /// The method of the generated `Handler` trait that receives this entry.
    pub fn handler_method(found: Found<'_>) -> String {
        names::handler_method(found.layer, found.entry)
    }
}

/// A text in `locale`, else in English (a team file may leave a translation out).
pub fn text(texts: &Texts, locale: Locale) -> &str {
    texts.get_or_en(locale).unwrap_or_default()
}

fn searchable(layer: &Layer, entry: &Entry) -> String {
    let mut text = format!("{} {} {}", layer.id, entry.name, entry.action.id());
    for texts in [&entry.message, &entry.advice, &entry.note] {
        for locale in texts.locales() {
            text.push('\n');
            text.push_str(texts.get(locale).unwrap_or_default());
        }
    }
    text.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_codes_or_words() {
        assert_eq!(Query::parse("  "), None);
        assert_eq!(Query::parse(" -303 "), Some(Query::Code(-303)));
        assert_eq!(Query::parse("Token  権限"), Some(Query::Words(vec!["token".to_owned(), "権限".to_owned()])));
    }

    #[test]
    fn words_match_in_any_language_and_all_must_match() {
        let index = Index::bundled();
        let names = |query: &str| -> Vec<String> {
            index.search(&Query::parse(query).unwrap()).iter().map(|found| found.entry.name.clone()).collect()
        };
        assert!(names("権限がありません").contains(&"AppidNoPermission".to_owned()));
        assert!(names("APPID msdk").contains(&"AppidNoPermission".to_owned()));
        assert!(names("appid zzzz-nowhere").is_empty());
        assert_eq!(names("-303"), ["AppidNoPermission"]);
    }
}

/// The page decodes a team's codes as `MsdkError::from_json` (and `decode_in`) does in a crate
/// that extends the catalog with the same files: body by body, on every code of the catalog in
/// each way a response carries one.
#[cfg(test)]
mod decodes_like_the_library {
    use std::path::Path;

    use msdk_codes_core::Response;

    use super::*;

    /// A decoded response as both sides can say it.
    fn said(layer: &str, name: &str) -> String {
        format!("{layer} {name}")
    }

    fn said_unknown(unknown: &UnknownCode) -> String {
        format!(
            "unknown ret {} platform {:?} layer {:?} known in {:?} range {:?}",
            unknown.ret(),
            unknown.platform_code(),
            unknown.layer(),
            unknown.known_in().map(|known| known.layer()),
            unknown.range().map(|range| (range.name, range.low, range.high))
        )
    }

    fn by_page(index: &Index, response: &Response, via: Option<&str>) -> String {
        match index.decode(response, via) {
            Decoded::Success => "success".to_owned(),
            Decoded::Known(found) => said(&found.layer.id, &found.entry.name),
            Decoded::Unknown(unknown) => said_unknown(&unknown),
        }
    }

    /// Every body the test decodes: each code of the catalog as a `ret`, as a QQ or WeChat
    /// pass-through's code, as OIDB's `ret:N`, with and without each `msg_contains` text; and
    /// codes near the catalog's.
    fn bodies(index: &Index) -> Vec<String> {
        let mut bodies = vec![r#"{"ret":0,"msg":"ok"}"#.to_owned(), r#"{"ret":123456789,"msg":"new"}"#.to_owned()];
        for layer in index.layers() {
            for entry in &layer.entries {
                let mut texts = vec![String::from("words")];
                texts.extend(entry.msg_contains.iter().cloned());
                for &code in &entry.codes {
                    for text in &texts {
                        let text = serde_json::to_string(text).expect("a JSON string");
                        let text = text.trim_matches('"');
                        for near in [code, code.saturating_sub(1)] {
                            bodies.push(format!(r#"{{"ret":{near},"msg":"{text}"}}"#));
                            bodies.push(format!(r#"{{"ret":-10000,"msg":"{near},{text}"}}"#));
                            bodies.push(format!(r#"{{"ret":-20000,"msg":"{near},{text}"}}"#));
                            bodies.push(format!(r#"{{"ret":-15001,"msg":"oidb {text} ret:{near}"}}"#));
                        }
                    }
                }
            }
        }
        bodies
    }

    fn team(folder: &str) -> Index {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let sources = Sources::read_glob(root, &format!("{folder}/*.toml")).expect("the team's files");
        Index::extended(sources).unwrap_or_else(|problems| panic!("{problems:#?}"))
    }

    macro_rules! compare {
        ($test:ident, $folder:tt) => {
            #[test]
            fn $test() {
                mod library {
                    msdk_codes_core::msdk_errors!(extend = $folder);
                }
                use library::{Layer, MsdkError};

                let by_library = |error: Option<MsdkError>| match error {
                    None => "success".to_owned(),
                    Some(MsdkError::Unknown(unknown)) => said_unknown(&unknown),
                    Some(known) => said(known.layer().expect("a known code").id(), known.name()),
                };
                let index = team($folder.trim_end_matches("/*.toml"));
                let bodies = bodies(&index);
                assert!(bodies.len() > 1000, "{} bodies", bodies.len());
                for body in &bodies {
                    let response = Response::from_json(body.as_bytes()).expect("a response");
                    let library = by_library(MsdkError::from_json(body.as_bytes()).expect("a body"));
                    assert_eq!(by_page(&index, &response, None), library, "{body}");
                    for &layer in Layer::ALL {
                        let library = by_library(MsdkError::decode_in(&response, layer));
                        assert_eq!(by_page(&index, &response, Some(layer.id())), library, "{body} via {}", layer.id());
                    }
                }
            }
        };
    }

    compare!(a_teams_own_layer, "tests/data/team/*.toml");
    compare!(a_team_extending_and_overriding_bundled_layers, "../../tests/fixtures/extend/*.toml");
}
