//! The page in a real browser: the distribution's Chromium, headless, drives `msdk-lookup serve`
//! on loopback as a person would (search a code, search a Japanese word, paste the FAQ's body,
//! open the code's page, switch the language) and saves a screenshot of each step.
//!
//! It runs when `MSDK_LOOKUP_BROWSER=1` is set (`.ci/run` sets it):
//!
//! ```sh
//! MSDK_LOOKUP_BROWSER=1 cargo test -p msdk-lookup --test browser
//! ```
//!
//! Without the variable it says it did not run; with it and no browser, it fails. The browser is
//! `MSDK_LOOKUP_CHROMIUM` when set, else `chromium` (Debian: `apt-get install chromium`) or
//! Chrome on the `PATH`. Nothing is downloaded.

mod common;

use std::error::Error;
use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::Server;
use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::{Browser, LaunchOptions, Tab};

const RUN_IT: &str = "MSDK_LOOKUP_BROWSER=1 cargo test -p msdk-lookup --test browser";

/// Said on the terminal whatever the test harness captures.
fn say(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

#[test]
fn the_page_works_in_a_real_browser() {
    if std::env::var_os("MSDK_LOOKUP_BROWSER").is_none_or(|value| value.is_empty() || value == "0") {
        say(&format!("note: the browser test was not run; run it with `{RUN_IT}` (it needs Chromium)"));
        return;
    }
    let chromium = find_browser().unwrap_or_else(|| {
        panic!(
            "MSDK_LOOKUP_BROWSER is set but no browser was found: install the distribution's Chromium \
             (apt-get install chromium) or set MSDK_LOOKUP_CHROMIUM to a Chromium or Chrome binary"
        )
    });
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("msdk-lookup-browser");
    let _ = std::fs::remove_dir_all(&shots);
    std::fs::create_dir_all(&shots).expect("the screenshot folder is created");
    say(&format!("browser: {}; screenshots: {}", chromium.display(), shots.display()));
    if let Err(err) = drive(&chromium, &shots) {
        panic!("the browser test failed: {err:#}");
    }
}

/// `MSDK_LOOKUP_CHROMIUM`, else the first Chromium or Chrome on the `PATH`.
fn find_browser() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("MSDK_LOOKUP_CHROMIUM").filter(|path| !path.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

fn drive(chromium: &Path, shots: &Path) -> Result<(), Box<dyn Error>> {
    let server = Server::start(&[]);
    let profile = tempdir(shots)?;
    let args: Vec<&OsStr> = [
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--lang=en-US",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    let options = LaunchOptions::default_builder()
        .path(Some(chromium.to_path_buf()))
        .headless(true)
        .sandbox(false)
        .window_size(Some((1200, 900)))
        .user_data_dir(Some(profile.clone()))
        .idle_browser_timeout(Duration::from_secs(120))
        .args(args)
        .build()?;
    let browser = Browser::new(options).map_err(|err| format!("cannot start {}: {err}", chromium.display()))?;
    let tab = browser.new_tab()?;
    tab.set_default_timeout(Duration::from_secs(30));

    // 1. A code, typed into the search box.
    tab.navigate_to(&server.url("/?lang=en"))?.wait_until_navigated()?;
    tab.wait_for_element("#q")?.click()?;
    tab.type_str("-303")?;
    tab.press_key("Enter")?;
    wait_for_address(&tab, "/search?q=-303&lang=en")?;
    let results = tab.wait_for_element("#results")?.get_inner_text()?;
    expect(&results, "AppidNoPermission", "the results of -303")?;
    expect(&results, "This appid has no permissions in msdk", "the results of -303")?;
    screenshot(&tab, shots, "1-search-code.png")?;

    // 2. A Japanese word, as an input method enters it, found in the English page.
    tab.wait_for_element("#q")?.click()?;
    tab.press_key_with_modifiers("a", Some(&[headless_chrome::browser::tab::ModifierKey::Ctrl]))?;
    tab.press_key("Backspace")?;
    tab.send_character("権限")?;
    tab.wait_for_element("#search")?.click()?;
    wait_for_address(&tab, "/search?q=%E6%A8%A9%E9%99%90&lang=en")?;
    let results = tab.wait_for_element("#results")?.get_inner_text()?;
    expect(&results, "AppidNoPermission", "the results of 権限")?;
    screenshot(&tab, shots, "2-search-japanese-word.png")?;

    // 3. The FAQ's body, pasted and decoded.
    tab.wait_for_element("#body")?.click()?;
    tab.send_character(r#"{"ret":-10000,"msg":"-73,the user modify password wrong"}"#)?;
    tab.wait_for_element("#decode")?.click()?;
    wait_for_address(&tab, "/decode?lang=en")?;
    let decoded = tab.wait_for_element("#decoded")?.get_inner_text()?;
    for want in ["qq_platform", "-73", "AccessTokenPasswordChanged", "reauthorize", "the user modify password wrong"] {
        expect(&decoded, want, "the decoded FAQ body")?;
    }
    screenshot(&tab, shots, "3-decode-faq-body.png")?;

    // 4. The code's own page, from the decoded entry.
    tab.wait_for_element("#code a")?.click()?;
    wait_for_address(&tab, "/code/qq_platform/-73?lang=en")?;
    let title = tab.wait_for_element("#title")?.get_inner_text()?;
    expect(&title, "qq_platform -73 AccessTokenPasswordChanged", "the code page's title")?;
    let handler = tab.wait_for_element("#handler")?.get_inner_text()?;
    expect(&handler, "Handler::qq_platform_access_token_password_changed", "the code page's handler")?;
    let languages = tab.wait_for_element("#languages")?.get_inner_text()?;
    for language in ["English", "中文", "日本語", "한국어"] {
        expect(&languages, language, "the code page's languages")?;
    }
    screenshot(&tab, shots, "4-code-page.png")?;

    // 5. The same page in Japanese, the language kept in the address.
    tab.wait_for_element("nav.langs a[lang=ja]")?.click()?;
    wait_for_address(&tab, "/code/qq_platform/-73?lang=ja")?;
    let action = tab.wait_for_element("#action")?.get_inner_text()?;
    expect(&action, "ログインが無効", "the action in Japanese")?;
    let lang = tab.evaluate("document.documentElement.lang", false)?.value;
    expect(&format!("{lang:?}"), "ja", "the page's language")?;
    screenshot(&tab, shots, "5-code-page-japanese.png")?;

    drop(tab);
    drop(browser);
    let _ = std::fs::remove_dir_all(&profile);
    Ok(())
}

/// Waits until the page shown is at `path_and_query` and loaded.
fn wait_for_address(tab: &Tab, path_and_query: &str) -> Result<(), Box<dyn Error>> {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let state = tab.evaluate("location.pathname + location.search + ' ' + document.readyState", false)?.value;
        let state = state.as_ref().and_then(|value| value.as_str()).unwrap_or_default().to_owned();
        if state == format!("{path_and_query} complete") {
            return Ok(());
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("the page did not reach {path_and_query}: it is at {state:?}").into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn expect(text: &str, want: &str, what: &str) -> Result<(), Box<dyn Error>> {
    if text.contains(want) { Ok(()) } else { Err(format!("{what} lacks {want:?}: {text:?}").into()) }
}

fn screenshot(tab: &Tab, shots: &Path, name: &str) -> Result<(), Box<dyn Error>> {
    let png = tab.capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)?;
    let path = shots.join(name);
    std::fs::write(&path, png)?;
    say(&format!("screenshot: {}", path.display()));
    Ok(())
}

/// A fresh browser profile for this run.
fn tempdir(shots: &Path) -> std::io::Result<PathBuf> {
    let dir = shots.join(format!("profile-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
