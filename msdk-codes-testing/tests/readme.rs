//! README.md is the crate's documentation (`src/docs/crate.md`, whose examples run as doctests) as
//! a reader on GitHub sees it: without the lines rustdoc hides, and with the links to items as
//! plain code. So the README's examples are those doctests.

const CRATE_DOCS: &str = include_str!("../src/docs/crate.md");

/// `docs` as the README shows it.
fn as_readme(docs: &str) -> String {
    let mut out = String::new();
    let mut in_rust = false;
    for line in docs.lines() {
        if line.starts_with("```") {
            in_rust = !in_rust && line == "```rust";
        } else if in_rust && (line == "#" || line.starts_with("# ")) {
            continue;
        }
        out.push_str(&if in_rust { line.to_owned() } else { plain_item_links(line) });
        out.push('\n');
    }
    out
}

/// `line` with each link to an item (`` [`Case`] ``, `` [`bodies`](bodies) ``) written as its text;
/// links to addresses (`(https://...)`) stay.
fn plain_item_links(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(start) = rest.find("[`") {
        let Some(end) = rest[start..].find("`]").map(|end| start + end) else { break };
        let text = &rest[start + 1..end + 1];
        let after = &rest[end + 2..];
        let target_end = after.strip_prefix('(').and_then(|target| target.find(')').map(|at| (target, at)));
        match target_end {
            Some((target, at)) if target.starts_with("http") => {
                out.push_str(&rest[..end + 2 + at + 2]);
                rest = &after[at + 2..];
            }
            Some((_, at)) => {
                out.push_str(&rest[..start]);
                out.push_str(text);
                rest = &after[at + 2..];
            }
            None => {
                out.push_str(&rest[..start]);
                out.push_str(text);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A difference shows as a diff; `UPDATE_EXPECT=1 cargo test -p msdk-codes-testing --test readme`
/// rewrites README.md.
#[test]
fn the_readme_is_the_crate_documentation() {
    expect_test::expect_file!["../README.md"].assert_eq(&as_readme(CRATE_DOCS));
}

#[test]
fn links_to_items_become_code_and_addresses_stay() {
    assert_eq!(plain_item_links("see [`Case`] and [`bodies`](bodies)."), "see `Case` and `bodies`.");
    assert_eq!(plain_item_links("[`x`](https://a.b/c) [`y`](y)"), "[`x`](https://a.b/c) `y`");
    let docs = "# Title\n\n```rust\n# hidden();\nshown();\n#\n```\n\n```toml\n# kept\n```\n";
    assert_eq!(as_readme(docs), "# Title\n\n```rust\nshown();\n```\n\n```toml\n# kept\n```\n");
}
