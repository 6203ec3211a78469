//! `check`: a team's data files validated outside a build by the macro's own pipeline
//! (`msdk_codes_catalog::load`), with its messages: one `path:line:column: message` line per
//! problem.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use msdk_codes_catalog::source::{SourceFile, Sources};
use msdk_codes_catalog::validate::Missing;
use msdk_codes_catalog::{Checks, Source};
use msdk_codes_core::Locale;

use crate::{Report, cli};

pub fn run(args: &cli::Check) -> Report {
    let paths: Vec<&PathBuf> = args.files.iter().collect();
    let files = match read(&paths) {
        Ok(files) => files,
        Err(message) => return Report::bad_input(message),
    };
    let count = files.files.len();
    let locales: Vec<Locale> = args.locales.clone().unwrap_or_else(|| Locale::ALL.to_vec());
    let missing = args.missing.map_or(Missing::Error, Missing::from);
    let source = if args.extend { Source::Extending(files) } else { Source::Replacing(files) };
    // Without `layers = [...]` every layer is generated: all are held to the locales.
    let problems = msdk_codes_catalog::load(source, &Checks { locales, missing, layers: None }).messages();
    let files = if count == 1 { "1 file".to_owned() } else { format!("{count} files") };
    if problems.is_empty() {
        return Report::ok(format!("{files} checked: no problems\n"));
    }
    let mut out: String = problems.iter().map(|problem| format!("{problem}\n")).collect();
    let noun = if problems.len() == 1 { "problem" } else { "problems" };
    out.push_str(&format!("{} {noun} in {files}\n", problems.len()));
    Report { out, err: String::new(), status: 1 }
}

/// Each file given, and the `.toml` files of each folder given, named as the user wrote them and
/// sorted by that name, as the macro sorts a glob's files.
pub(crate) fn read(paths: &[&PathBuf]) -> Result<Sources, String> {
    let mut files = Vec::new();
    for path in paths {
        // A glob, as the macro takes it (`data/*.toml`), read by the macro's own reader; a shell
        // that expands it first gives the files instead, which is the same.
        if let Some(pattern) = path.to_str().filter(|text| text.contains(['*', '?', '['])) {
            let cwd = std::env::current_dir().map_err(|err| format!("cannot read the current folder: {err}"))?;
            files.extend(Sources::read_glob(&cwd, pattern)?.files);
            continue;
        }
        if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|err| cannot_read(path, &err))?;
            let mut found = Vec::new();
            for entry in entries {
                let entry = entry.map_err(|err| cannot_read(path, &err))?;
                let file = entry.path();
                if file.is_file() && file.extension().is_some_and(|ext| ext == "toml") {
                    found.push(file);
                }
            }
            if found.is_empty() {
                return Err(format!("the folder {} has no .toml file", shown(path)));
            }
            for file in found {
                files.push(read_file(&file)?);
            }
        } else {
            files.push(read_file(path)?);
        }
    }
    let mut sources = Sources { files };
    sources.sort();
    Ok(sources)
}

fn read_file(path: &Path) -> Result<SourceFile, String> {
    let text = std::fs::read_to_string(path).map_err(|err| cannot_read(path, &err))?;
    Ok(SourceFile { display_path: shown(path), absolute_path: Some(path.to_path_buf()), text: Cow::Owned(text) })
}

fn shown(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn cannot_read(path: &Path, err: &std::io::Error) -> String {
    format!("cannot read {}: {err}", shown(path))
}
