//! Finding and reading the data files: the bundled catalog, a glob in the user's crate, or both
//! (`extend`: the bundled files first, then the team's).

use std::borrow::Cow;
use std::path::PathBuf;
#[cfg(feature = "toml")]
use std::path::{Component, Path};

use crate::model::Location;

/// One data file as read.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path shown in messages: relative to the crate that invoked the macro.
    pub display_path: String,
    /// The file on disk, for `include_bytes!` so that editing it rebuilds the user's crate;
    /// `None` for the bundled catalog, which is part of the macro crate itself.
    pub absolute_path: Option<PathBuf>,
    /// Its contents.
    pub text: Cow<'static, str>,
}

/// Every file of one expansion, sorted by path so the output never depends on the file system.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    /// The files, in the order locations refer to them.
    pub files: Vec<SourceFile>,
}

const BUNDLED_PREFIX: &str = "<bundled catalog>/data/";

/// The files of the bundled catalog, in the documents' order of sections. Their text is not
/// compiled in: the catalog is, as `bundled_catalog.tsv`, and a bundled item is named by its file
/// alone.
const BUNDLED: &[&str] = &[
    "access.toml",
    "logical.toml",
    "qq_platform.toml",
    "wechat_platform.toml",
    "wechat_group.toml",
    "qq_group.toml",
    "game_center.toml",
    "share_qzone.toml",
    "share_qq.toml",
    "share_qq_ark.toml",
    "blue_diamond.toml",
    "oidb.toml",
    "oidb_pay_token.toml",
    "oidb_access_token.toml",
    "xinyue_super_r.toml",
    "xinyue_wechat.toml",
    "apple_login.toml",
];

impl Sources {
    /// Files held in memory, named and ordered as given: the data of tests and of tools that
    /// write it on the fly. None of them is on disk to rebuild a crate when it changes.
    pub fn in_memory<P: Into<String>, T: Into<String>>(files: impl IntoIterator<Item = (P, T)>) -> Sources {
        let file = |(path, text): (P, T)| SourceFile {
            display_path: path.into(),
            absolute_path: None,
            text: Cow::Owned(text.into()),
        };
        Sources { files: files.into_iter().map(file).collect() }
    }

    /// The files of the catalog bundled with the macro crate, by name (their text is empty).
    pub fn bundled() -> Sources {
        let files = BUNDLED
            .iter()
            .map(|name| SourceFile {
                display_path: format!("{BUNDLED_PREFIX}{name}"),
                absolute_path: None,
                text: Cow::Borrowed(""),
            })
            .collect();
        Sources { files }
    }

    /// The bundled catalog's TOML files read from `folder` (the repository's `data/`), named and
    /// ordered as [`Sources::bundled`] names them: what the bundled catalog is generated from.
    #[cfg(feature = "toml")]
    pub fn bundled_from(folder: &Path) -> Result<Sources, String> {
        let mut sources = Sources::bundled();
        for (file, name) in sources.files.iter_mut().zip(BUNDLED) {
            let path = folder.join(name);
            let text =
                std::fs::read_to_string(&path).map_err(|err| format!("cannot read {}: {err}", path.display()))?;
            file.text = Cow::Owned(text);
        }
        Ok(sources)
    }

    /// Sorts the files by path, as a glob's files are: the output never depends on the order in
    /// which a file system or a command line lists them.
    pub fn sort(&mut self) {
        self.files.sort_by(|a, b| a.display_path.cmp(&b.display_path));
    }

    /// The bundled catalog followed by `team`'s files (`extend`): a location in a team file is
    /// its index in `team` plus [`Sources::bundled_count`].
    pub fn bundled_and(team: Sources) -> Sources {
        let mut sources = Sources::bundled();
        sources.files.extend(team.files);
        sources
    }

    /// How many files the bundled catalog has: the first files of [`Sources::bundled_and`].
    pub fn bundled_count() -> usize {
        BUNDLED.len()
    }

    /// The names of the bundled files, for tests that check the list is complete.
    pub fn bundled_names() -> impl Iterator<Item = &'static str> {
        BUNDLED.iter().copied()
    }

    /// Reads every file matching `pattern`, relative to `root` (the invoking crate's directory)
    /// as `include_str!`'s paths are: it may leave the crate with `..`, or be absolute.
    #[cfg(feature = "toml")]
    pub fn read_glob(root: &Path, pattern: &str) -> Result<Sources, String> {
        check_pattern(pattern)?;
        let full_pattern = root.join(pattern);
        let full_pattern =
            full_pattern.to_str().ok_or_else(|| format!("the crate path {} is not valid UTF-8", root.display()))?;
        let paths = glob::glob(full_pattern).map_err(|err| format!("invalid glob pattern {pattern:?}: {}", err.msg))?;
        let mut files = Vec::new();
        for path in paths {
            let path = path.map_err(|err| format!("cannot read {}: {}", relative(root, err.path()), err.error()))?;
            if !path.is_file() {
                continue;
            }
            let display_path = relative(root, &path);
            let text = std::fs::read_to_string(&path).map_err(|err| format!("cannot read {display_path}: {err}"))?;
            let absolute_path = std::fs::canonicalize(&path).unwrap_or(path);
            files.push(SourceFile { display_path, absolute_path: Some(absolute_path), text: Cow::Owned(text) });
        }
        if files.is_empty() {
            return Err(nothing_matches(root, pattern));
        }
        let mut sources = Sources { files };
        sources.sort();
        Ok(sources)
    }

    /// `path:line:column` of a location, 1-based, the column counted in characters.
    /// A bundled item has no position of its own (its location is the start of its file): it is
    /// named by its file alone. This indexes the file's lines for one location: to describe many,
    /// use [`Positions`] (or [`crate::Loaded::describe`]), which indexes each file once.
    pub fn describe(&self, location: &Location) -> String {
        let file = &self.files[location.file];
        describe_in(file, &LineIndex::new(&file.text), location)
    }

    /// The line index of every file, for [`Positions::describe`].
    pub fn positions(&self) -> Positions {
        Positions { files: self.files.iter().map(|file| LineIndex::new(&file.text)).collect() }
    }
}

/// The lines of every file of a [`Sources`], indexed once: a location's `path:line:column` is then
/// found without reading the file again, however many locations there are.
#[derive(Clone, Debug, Default)]
pub struct Positions {
    files: Vec<LineIndex>,
}

impl Positions {
    /// [`Sources::describe`], with the lines indexed already. `sources` are the ones the
    /// positions were made of ([`Sources::positions`]).
    pub fn describe(&self, sources: &Sources, location: &Location) -> String {
        let file = &sources.files[location.file];
        match self.files.get(location.file) {
            Some(lines) => describe_in(file, lines, location),
            None => describe_in(file, &LineIndex::new(&file.text), location),
        }
    }
}

fn describe_in(file: &SourceFile, lines: &LineIndex, location: &Location) -> String {
    if file.absolute_path.is_none() && location.span == (0..0) && file.display_path.starts_with(BUNDLED_PREFIX) {
        return file.display_path.clone();
    }
    let (line, column) = lines.line_column(&file.text, location.span.start);
    format!("{}:{line}:{column}", file.display_path)
}

/// A path found by a glob as the user wrote it: relative to the crate (`../shared/team.toml`
/// included), with `/` separators; an absolute pattern's files by their absolute path. Messages
/// never show the crate's absolute path, which depends on where the crate is built (trybuild, CI
/// caches).
#[cfg(feature = "toml")]
fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

/// Why a glob found nothing, in the pattern's own words: a folder it names that does not exist,
/// or else no file in it that matches.
#[cfg(feature = "toml")]
fn nothing_matches(root: &Path, pattern: &str) -> String {
    let folder: PathBuf = Path::new(pattern)
        .parent()
        .into_iter()
        .flat_map(Path::components)
        .take_while(|part| !part.as_os_str().to_string_lossy().contains(['*', '?', '[']))
        .collect();
    let inside = folder.components().all(|part| matches!(part, Component::Normal(_) | Component::CurDir));
    if !folder.as_os_str().is_empty() && !root.join(&folder).is_dir() {
        let folder = folder.to_string_lossy().replace('\\', "/");
        let missing = if inside {
            format!("the crate has no folder {folder:?}")
        } else {
            format!("there is no folder {folder:?}")
        };
        format!(
            "no file matches {pattern:?}: {missing}; give a glob relative to the crate's directory \
             (CARGO_MANIFEST_DIR), such as \"data/*.toml\" or \"../shared/*.toml\""
        )
    } else {
        format!(
            "no file matches {pattern:?} in the crate's directory (CARGO_MANIFEST_DIR); give a glob such as \
             \"data/*.toml\""
        )
    }
}

#[cfg(feature = "toml")]
fn check_pattern(pattern: &str) -> Result<(), String> {
    if pattern.trim().is_empty() {
        return Err("the data path is empty: give a glob such as \"data/*.toml\"".to_owned());
    }
    Ok(())
}

/// 1-based line and column (in characters) of a byte offset. Reads the text up to the offset:
/// for many offsets of one text, build a [`LineIndex`] once.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(text).line_column(text, offset)
}

/// Where each line of a text starts, and how many characters precede every block of 256 bytes:
/// a byte offset's line is a binary search, its column a count of at most one block's characters,
/// so that locating every problem of a file costs about one read of it, not one read per problem.
/// A byte-order mark is not a character of the first line.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    /// The byte offset of each line's first character.
    line_starts: Vec<usize>,
    /// The characters in the text before each block.
    chars_before_block: Vec<usize>,
}

impl LineIndex {
    /// The bytes between two counts of characters.
    const BLOCK: usize = 256;

    /// The index of `text`.
    pub fn new(text: &str) -> LineIndex {
        let first = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
        let line_starts = std::iter::once(first)
            .chain(text.bytes().enumerate().filter(|&(_, byte)| byte == b'\n').map(|(at, _)| at + 1))
            .collect();
        let mut chars_before_block = Vec::with_capacity(text.len() / Self::BLOCK + 1);
        let mut chars = 0;
        for block in text.as_bytes().chunks(Self::BLOCK) {
            chars_before_block.push(chars);
            chars += char_starts(block);
        }
        chars_before_block.push(chars);
        LineIndex { line_starts, chars_before_block }
    }

    /// 1-based line and column (in characters) of a byte offset of `text`, the text indexed.
    pub fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_starts.partition_point(|&start| start <= offset).max(1);
        let start = self.line_starts[line - 1].min(offset);
        let column = self.chars_before(text, offset).saturating_sub(self.chars_before(text, start)) + 1;
        (line, column)
    }

    /// The characters of `text` before byte `offset`.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let block = offset / Self::BLOCK;
        let counted = self.chars_before_block.get(block).copied().unwrap_or(0);
        counted + char_starts(&text.as_bytes()[block * Self::BLOCK..offset])
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The characters that start in `bytes` (every byte but UTF-8's continuation bytes).
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&byte| byte & 0xc0 != 0x80).count()
}

#[cfg(all(test, feature = "toml"))]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "a = 1\nb = \"中文\"\nc";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        let c = text.find('c').unwrap();
        assert_eq!(line_column(text, c), (3, 1));
        let quote = text.rfind('"').unwrap();
        assert_eq!(line_column(text, quote), (2, 8));
    }

    #[test]
    fn the_index_agrees_with_a_count_from_the_start() {
        let line = "ключ = \"中文\" # ok\n";
        let text = format!("\u{feff}a = 1\n{}{}\nz", line.repeat(40), "x".repeat(700));
        let index = LineIndex::new(&text);
        for offset in 0..=text.len() + 2 {
            let before = &text[..floor_char_boundary(&text, offset.min(text.len()))];
            let line = before.matches('\n').count() + 1;
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let column = before[line_start..].trim_start_matches('\u{feff}').chars().count() + 1;
            assert_eq!(index.line_column(&text, offset), (line, column), "offset {offset}");
        }
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let text = "\u{feff}[layer]\nid = 1";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (1, 1));
        assert_eq!(line_column(text, 4), (1, 2));
        assert_eq!(line_column(text, text.find("id").unwrap()), (2, 1));
    }

    #[test]
    fn a_glob_that_matches_nothing_is_described_relative_to_the_crate() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let no_folder = Sources::read_glob(root, "no-such-dir/sub/*.toml").unwrap_err();
        assert!(
            no_folder
                .starts_with("no file matches \"no-such-dir/sub/*.toml\": the crate has no folder \"no-such-dir/sub\""),
            "{no_folder}"
        );
        let no_file = Sources::read_glob(root, "src/*.toml").unwrap_err();
        assert!(no_file.starts_with("no file matches \"src/*.toml\" in the crate's directory"), "{no_file}");
        let wildcard_folder = Sources::read_glob(root, "sr?/*.toml").unwrap_err();
        assert!(
            wildcard_folder.starts_with("no file matches \"sr?/*.toml\" in the crate's directory"),
            "{wildcard_folder}"
        );
        for message in [no_folder, no_file, wildcard_folder] {
            assert!(!message.contains(&*root.to_string_lossy()), "{message} shows the absolute crate path");
        }
    }

    #[test]
    fn files_found_are_named_relative_to_the_crate() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let sources = Sources::read_glob(root, "src/lib.r?").unwrap();
        let names: Vec<_> = sources.files.iter().map(|file| file.display_path.as_str()).collect();
        assert_eq!(names, ["src/lib.rs"]);
    }

    #[test]
    fn paths_may_leave_the_crate_as_include_str_paths_do() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let up = Sources::read_glob(root, "../msdk-codes-catalog/src/lib.r?").unwrap();
        let names: Vec<_> = up.files.iter().map(|file| file.display_path.as_str()).collect();
        assert_eq!(names, ["../msdk-codes-catalog/src/lib.rs"]);
        assert!(up.files[0].absolute_path.as_ref().is_some_and(|path| path.is_absolute()));

        let absolute = format!("{}/src/lib.r?", root.display());
        let found = Sources::read_glob(root, &absolute).unwrap();
        assert_eq!(found.files.len(), 1);

        let nothing = Sources::read_glob(root, "../no-such-dir/*.toml").unwrap_err();
        assert!(nothing.starts_with("no file matches \"../no-such-dir/*.toml\": there is no folder"), "{nothing}");
        assert!(check_pattern(" ").unwrap_err().contains("empty"));
    }
}
