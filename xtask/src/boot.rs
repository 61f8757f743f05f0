//! A page's start-up code goes into the page itself.
//!
//! trunk writes a page that, once its HTML has arrived, fetches a stylesheet,
//! the wasm-bindgen glue (a JS module) and the service-worker registration,
//! each a file of its own, and only once the glue has arrived and run does the
//! wasm start compiling. On a first visit each file is one more request to
//! wait for, on a busy machine several milliseconds each, and the module
//! script also waits for the stylesheet. After trunk, for every page:
//!
//! - the stylesheet goes into a `<style>`, minified by lightningcss;
//! - the glue, without the JS classes it exports (no page script uses them:
//!   they are wasm-streams' `IntoUnderlying*`, which leptos pulls in through
//!   server_fn's `browser` feature), plus trunk's one start-up line, becomes
//!   one module script, minified by terser;
//! - a deferred script (sw-register.js) becomes an inline module script,
//!   minified: module scripts are deferred too, so it runs when it did;
//! - the wasm loses every export the glue does not name, and wasm-opt -Oz
//!   runs again so the code only they used goes too;
//! - the page's first script fetches and compiles the wasm (streaming, as it
//!   downloads), and the glue instantiates that module: the compile no longer
//!   waits for the page to be parsed and the glue to run. trunk's `preload`
//!   of the wasm goes (a preload measured no sooner than this fetch);
//! - HTML comments go.
//!
//! The inlined files are deleted (nothing else refers to them). Measured on
//! the site: a first visit 202.8 -> 197.4 KB brotli, and the first result in
//! the DOM ~13 ms sooner (109 -> 96 ms, side by side).
//! Anything the step does not recognise is an error, never a page built half
//! way: its shapes are checked against wasm-bindgen 0.2 and trunk 0.21.
//!
//! The page is read by lol_html, an HTML parser, in two passes: the first
//! only collects the elements the step rewrites (and those that would make
//! it wrong), which are then checked all together, every problem reported;
//! the second rewrites them, once the files to inline are ready (the page's
//! first script needs the wasm's URL, named by a script near its end).
//! The glue is JS, not HTML, and is still cut by lines (`boot_module`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::fs;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
use lightningcss::targets::{Features, Targets};
use lol_html::html_content::{ContentType, Element};
use lol_html::{RewriteStrSettings, doc_comments, element, rewrite_str, text};

/// Inlines the start-up files of `dir/page` (trunk's output) into the page.
pub fn inline_boot(root: &Path, dir: &Path, page: &str, app_start: Start) -> Result<(), String> {
    let page_path = dir.join(page);
    let html = read(&page_path)?;
    let boot = check_trunk_page(&read_trunk_page(&html).map_err(|e| format!("{page}: {e}"))?)
        .map_err(|problems| format!("{page}: {}", problems.join("; ")))?;

    // The stylesheets, minified.
    let mut styles = HashMap::new();
    for (url, file) in &boot.stylesheets {
        let css = style_text(&minify_css(&read(&dir.join(file))?, file)?, file)?;
        styles.insert(url.clone(), css);
    }

    // The glue and trunk's start-up script.
    let glue = boot_module(&read(&dir.join(&boot.glue_file))?)?;
    let glue = script_text(&minify_js(root, &glue, true)?, &boot.glue_file)?;

    // Deferred scripts (the service-worker registration).
    let mut scripts = HashMap::new();
    for (url, file) in &boot.deferred_scripts {
        let code = script_text(&minify_js(root, &read(&dir.join(file))?, false)?, file)?;
        scripts.insert(url.clone(), code);
    }

    // The wasm: no export the glue does not call.
    let wasm_path = dir.join(&boot.wasm_file);
    let wasm =
        fs::read(&wasm_path).map_err(|e| format!("cannot read {}: {e}", wasm_path.display()))?;
    // The glue calls an export as a property of the instance's exports
    // (`wasm.name`, a shorter name once minified). A name that also appears
    // for another reason only keeps an export: the safe way to be wrong.
    let unused: Vec<String> = wasm_exports(&wasm)?
        .into_iter()
        .filter(|name| !glue.contains(&format!(".{name}")))
        .collect();
    if !unused.is_empty() {
        remove_exports(root, &wasm_path, &unused)?;
    }

    // The wasm is fetched and compiled from the first script of the page,
    // while the rest of the page is parsed, instead of by the glue once it
    // has run; trunk's preload of it goes.
    let html = rewrite_trunk_page(
        &html,
        &Inlined {
            early_compile: early_compile(&boot.wasm_url, app_start),
            styles,
            glue,
            scripts,
        },
    )
    .map_err(|e| format!("{page}: {e}"))?;
    fs::write(&page_path, html)
        .map_err(|e| format!("cannot write {}: {e}", page_path.display()))?;
    let inlined = boot.stylesheets.iter().chain(&boot.deferred_scripts);
    for file in inlined.map(|(_, file)| file).chain([&boot.glue_file]) {
        let path = dir.join(file);
        fs::remove_file(&path).map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
    }
    Ok(())
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// An element's attributes, names lower case, in the order written.
type Attributes = Vec<(String, String)>;

/// The elements of trunk's page that this step rewrites, or that would make
/// its rewriting wrong, as the HTML parser (lol_html) found them.
#[derive(Debug, Default)]
struct TrunkPage {
    /// The value of each `<meta charset>`.
    charsets: Vec<String>,
    /// Each `<link rel=stylesheet>`.
    stylesheets: Vec<Attributes>,
    /// Each `<script type=module>`, with its text.
    module_scripts: Vec<(Attributes, String)>,
    /// Each other `<script>` with a `src`.
    source_scripts: Vec<Attributes>,
    /// Each `<link rel=modulepreload>`.
    module_preloads: Vec<Attributes>,
    /// Each `<link rel=preload>`.
    preloads: Vec<Attributes>,
    /// The names of the `<pre>` and `<textarea>` elements: their blank lines
    /// are text, which the last step (dropping blank lines) would change.
    preformatted: Vec<String>,
}

fn attributes(element: &Element) -> Attributes {
    element
        .attributes()
        .iter()
        .map(|attribute| (attribute.name(), attribute.value()))
        .collect()
}

fn attribute<'a>(attributes: &'a Attributes, name: &str) -> Option<&'a str> {
    attributes
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, value)| value.as_str())
}

/// The element as it would be written, for error messages.
fn describe(tag: &str, attributes: &Attributes) -> String {
    let mut text = format!("<{tag}");
    for (name, value) in attributes {
        text.push_str(&format!(" {name}=\"{value}\""));
    }
    text + ">"
}

/// Reads trunk's page without changing it: the first of the two passes,
/// since the page's first script needs the wasm's URL, which trunk's module
/// script (near the end of the page) names.
fn read_trunk_page(html: &str) -> Result<TrunkPage, String> {
    let found = RefCell::new(TrunkPage::default());
    // `rel~=` (one of the words) rather than `rel=`, so that a `rel` of
    // several words is seen, and refused, rather than passed over.
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(element!("meta[charset]", |el| {
            let charset = el.get_attribute("charset").unwrap_or_default();
            found.borrow_mut().charsets.push(charset);
            Ok(())
        }))
        .append_element_content_handler(element!("link[rel~=stylesheet]", |el| {
            found.borrow_mut().stylesheets.push(attributes(el));
            Ok(())
        }))
        .append_element_content_handler(element!("link[rel~=modulepreload]", |el| {
            found.borrow_mut().module_preloads.push(attributes(el));
            Ok(())
        }))
        .append_element_content_handler(element!("link[rel~=preload]", |el| {
            found.borrow_mut().preloads.push(attributes(el));
            Ok(())
        }))
        .append_element_content_handler(element!("script", |el| {
            let mut found = found.borrow_mut();
            if el.get_attribute("type").as_deref() == Some("module") {
                found.module_scripts.push((attributes(el), String::new()));
            } else if el.has_attribute("src") {
                found.source_scripts.push(attributes(el));
            }
            Ok(())
        }))
        .append_element_content_handler(text!("script[type=module]", |chunk| {
            if let Some((_, text)) = found.borrow_mut().module_scripts.last_mut() {
                text.push_str(chunk.as_str());
            }
            Ok(())
        }))
        .append_element_content_handler(element!("pre", |el| {
            found.borrow_mut().preformatted.push(el.tag_name());
            Ok(())
        }))
        .append_element_content_handler(element!("textarea", |el| {
            found.borrow_mut().preformatted.push(el.tag_name());
            Ok(())
        }));
    rewrite_str(html, settings).map_err(|e| format!("cannot read the page as HTML: {e}"))?;
    Ok(found.into_inner())
}

/// What trunk's page starts: the files to inline (each with the URL the page
/// names it by) and the wasm.
#[derive(Debug, PartialEq)]
struct Boot {
    stylesheets: Vec<(String, String)>,
    glue_file: String,
    wasm_url: String,
    wasm_file: String,
    deferred_scripts: Vec<(String, String)>,
}

/// Checks that the page is trunk's, of the shape this step knows, and says
/// what it starts; or every way in which it is not.
fn check_trunk_page(found: &TrunkPage) -> Result<Boot, Vec<String>> {
    let mut problems = Vec::new();
    // A URL's file, or a problem (and an empty name, never used: the page
    // is refused).
    let local = |url: &str, element: &str, problems: &mut Vec<String>| match local_file(url) {
        Ok(file) => file,
        Err(e) => {
            problems.push(format!("{element}: {e}"));
            String::new()
        }
    };

    let mut stylesheets = Vec::new();
    for link in &found.stylesheets {
        let element = describe("link", link);
        if attribute(link, "rel") != Some("stylesheet")
            || link.iter().any(|(name, _)| {
                !["rel", "href", "integrity", "crossorigin"].contains(&name.as_str())
            })
        {
            // A `media` or a `rel` of several words would be lost in a `<style>`.
            problems.push(format!(
                "{element}: a stylesheet link this step does not know"
            ));
            continue;
        }
        let url = attribute(link, "href").unwrap_or_default();
        stylesheets.push((url.to_owned(), local(url, &element, &mut problems)));
    }

    let mut deferred_scripts = Vec::new();
    for script in &found.source_scripts {
        let element = describe("script", script);
        if attribute(script, "defer").is_none() {
            problems.push(format!("a script that is not deferred: {element}"));
            continue;
        }
        if script
            .iter()
            .any(|(name, _)| !["src", "defer", "integrity", "crossorigin"].contains(&name.as_str()))
        {
            problems.push(format!(
                "{element}: a deferred script this step does not know"
            ));
            continue;
        }
        let url = attribute(script, "src").unwrap_or_default();
        deferred_scripts.push((url.to_owned(), local(url, &element, &mut problems)));
    }

    let mut start_up = None;
    match found.module_scripts.as_slice() {
        [] => problems.push("trunk's module script is missing".into()),
        [(script, text)] => {
            if script.iter().any(|(name, _)| name != "type") {
                problems.push(format!(
                    "{}: trunk's module script has attributes this step does not know",
                    describe("script", script)
                ));
            }
            match trunk_start_up(text) {
                Ok((glue_url, wasm_url)) => {
                    let glue_file = local(
                        &glue_url,
                        "the glue trunk's module script imports",
                        &mut problems,
                    );
                    let wasm_file = local(
                        &wasm_url,
                        "the wasm trunk's module script starts",
                        &mut problems,
                    );
                    start_up = Some((glue_file, wasm_url, wasm_file));
                }
                Err(e) => problems.push(e),
            }
        }
        scripts => problems.push(format!(
            "{} module scripts where trunk writes one",
            scripts.len()
        )),
    }

    match found.charsets.as_slice() {
        [] => problems.push("no `<meta charset=\"utf-8\">`".into()),
        [charset] if charset.eq_ignore_ascii_case("utf-8") => {}
        [charset] => problems.push(format!("`<meta charset=\"{charset}\">`: expected `utf-8`")),
        charsets => problems.push(format!(
            "{} `<meta charset>` where one is expected",
            charsets.len()
        )),
    }

    if !found.preformatted.is_empty() {
        problems.push(format!(
            "`<{}>`: blank lines are dropped from the page, which would change its text",
            found.preformatted.join(">`, `<")
        ));
    }

    let Some((glue_file, wasm_url, wasm_file)) = start_up else {
        return Err(problems);
    };
    // trunk's preloads go: the glue's, now part of the page, and the wasm's,
    // which the page's first script fetches.
    let preloads_of = |links: &[Attributes], rel: &str, file: &str| -> Vec<String> {
        let mut problems = Vec::new();
        for link in links {
            let names_file = attribute(link, "href").and_then(|url| local_file(url).ok());
            if attribute(link, "rel") != Some(rel) || names_file.as_deref() != Some(file) {
                problems.push(format!(
                    "{}: a {rel} this step does not know (expected one of {file})",
                    describe("link", link)
                ));
            }
        }
        problems
    };
    problems.extend(preloads_of(
        &found.module_preloads,
        "modulepreload",
        &glue_file,
    ));
    if found.module_preloads.len() > 1 {
        problems.push(format!(
            "{} modulepreload links where trunk writes at most one",
            found.module_preloads.len()
        ));
    }
    problems.extend(preloads_of(&found.preloads, "preload", &wasm_file));
    match found.preloads.len() {
        0 => problems.push(format!("trunk's preload of {wasm_file} is missing")),
        1 => {}
        count => problems.push(format!("{count} preload links where trunk writes one")),
    }

    // Each file is inlined, then deleted, once.
    let mut files: Vec<&str> = stylesheets
        .iter()
        .chain(&deferred_scripts)
        .map(|(_, file)| file.as_str())
        .chain([glue_file.as_str()])
        .collect();
    files.sort_unstable();
    for pair in files.windows(2) {
        if let [first, second] = pair
            && first == second
            && !first.is_empty()
        {
            problems.push(format!("{first} is named twice"));
        }
    }

    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Boot {
        stylesheets,
        glue_file,
        wasm_url,
        wasm_file,
        deferred_scripts,
    })
}

/// The file a URL names, which must be one of trunk's (`./name`, no folder).
fn local_file(url: &str) -> Result<String, String> {
    match url.strip_prefix("./") {
        Some(file) if !file.contains('/') && !file.is_empty() => Ok(file.to_owned()),
        _ => Err(format!(
            "`{url}`: expected a file of the page's own folder (./name)"
        )),
    }
}

/// The glue's URL and the wasm's in trunk's start-up script. Every line must
/// be one trunk 0.21's default initializer writes: another line (a custom
/// initializer, another import) may be something the page needs, and the
/// script is replaced whole.
fn trunk_start_up(script: &str) -> Result<(String, String), String> {
    let mut glue = Vec::new();
    let mut wasm = Vec::new();
    for line in script
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
    {
        if let Some(url) = line
            .strip_prefix("import init, * as bindings from '")
            .or_else(|| line.strip_prefix("import init from '"))
            .and_then(|rest| rest.strip_suffix("';"))
        {
            glue.push(url.to_owned());
        } else if let Some(url) = line
            .strip_prefix("const wasm = await init({ module_or_path: '")
            .and_then(|rest| rest.strip_suffix("' });"))
        {
            wasm.push(url.to_owned());
        } else if line != "window.wasmBindings = bindings;"
            && line
                != "dispatchEvent(new CustomEvent(\"TrunkApplicationStarted\", {detail: {wasm}}));"
        {
            return Err(format!(
                "trunk's module script has a line this step does not know: `{line}`"
            ));
        }
    }
    match (glue.as_slice(), wasm.as_slice()) {
        ([glue], [wasm]) => Ok((glue.clone(), wasm.clone())),
        ([_], _) => Err("trunk's module script does not start one wasm".into()),
        _ => Err("trunk's module script does not import one glue".into()),
    }
}

/// What takes the place of trunk's elements in the page.
#[derive(Debug)]
struct Inlined {
    /// The page's first script (see `early_compile`).
    early_compile: String,
    /// Each stylesheet's rules, by the URL the page names it by.
    styles: HashMap<String, String>,
    /// The module script: the glue and the start-up line.
    glue: String,
    /// Each deferred script's code, by the URL the page names it by.
    scripts: HashMap<String, String>,
}

/// The page with its start-up files in it: the second pass, over a page
/// `check_trunk_page` accepted. An element it has nothing for is an error.
fn rewrite_trunk_page(html: &str, inlined: &Inlined) -> Result<String, String> {
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(element!("meta[charset]", |el| {
            el.after(
                &format!("\n    <script>{}</script>", inlined.early_compile),
                ContentType::Html,
            );
            Ok(())
        }))
        .append_element_content_handler(element!("link[rel~=stylesheet]", |el| {
            let url = el.get_attribute("href").unwrap_or_default();
            let css = inlined
                .styles
                .get(&url)
                .ok_or_else(|| format!("no rules for the stylesheet `{url}`"))?;
            el.replace(&format!("<style>{css}</style>"), ContentType::Html);
            Ok(())
        }))
        .append_element_content_handler(element!("link[rel~=modulepreload]", |el| {
            el.remove();
            Ok(())
        }))
        .append_element_content_handler(element!("link[rel~=preload]", |el| {
            el.remove();
            Ok(())
        }))
        .append_element_content_handler(element!("script", |el| {
            let code = if el.get_attribute("type").as_deref() == Some("module") {
                &inlined.glue
            } else if let Some(url) = el.get_attribute("src") {
                inlined
                    .scripts
                    .get(&url)
                    .ok_or_else(|| format!("no code for the script `{url}`"))?
            } else {
                return Ok(()); // the page's own inline scripts stay
            };
            el.replace(
                &format!("<script type=\"module\">{code}</script>"),
                ContentType::Html,
            );
            Ok(())
        }))
        .append_document_content_handler(doc_comments!(|comment| {
            comment.remove();
            Ok(())
        }));
    let html = rewrite_str(html, settings).map_err(|e| format!("cannot rewrite the page: {e}"))?;
    Ok(drop_blank_lines(&html))
}

/// The text without its blank lines: those trunk leaves where its
/// `data-trunk` tags were, and those left where this step removed a tag or
/// a comment. (A page with `<pre>` or `<textarea>`, where they would be
/// text, is refused by `check_trunk_page`.)
fn drop_blank_lines(html: &str) -> String {
    html.lines()
        .filter(|line| !line.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// The glue as a script of its own: its exported classes removed, its other
/// exports made plain declarations, and trunk's start-up line appended.
fn boot_module(glue: &str) -> Result<String, String> {
    let mut out = String::with_capacity(glue.len());
    let mut removed = Vec::new();
    let mut lines = glue.lines();
    while let Some(line) = lines.next() {
        if let Some(rest) = line.strip_prefix("export class ") {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            // The class body ends at the first line that is a lone `}`.
            if !lines.by_ref().any(|l| l == "}") {
                return Err(format!("the glue's class {name} never ends"));
            }
            removed.push(name);
        } else if let Some(rest) = line.strip_prefix("export ") {
            if rest.starts_with('{') {
                continue; // `export { initSync, __wbg_init as default };`
            }
            out.push_str(rest);
            out.push('\n');
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    // What the removed classes left behind: `if (Symbol.dispose) X.prototype…`
    // and `const XFinalization = … new FinalizationRegistry(…);` (three lines).
    for name in &removed {
        let mut kept = String::with_capacity(out.len());
        let mut lines = out.lines();
        while let Some(line) = lines.next() {
            if line.starts_with(&format!("if (Symbol.dispose) {name}.prototype")) {
                continue;
            }
            if line.starts_with(&format!("const {name}Finalization = ")) {
                if !line.ends_with(';') && !lines.by_ref().any(|l| l.trim_end().ends_with(';')) {
                    return Err(format!("the glue's {name}Finalization never ends"));
                }
                continue;
            }
            kept.push_str(line);
            kept.push('\n');
        }
        out = kept;
        if out.contains(name.as_str()) {
            return Err(format!(
                "the glue still uses the class {name} after removing it: the page may need it"
            ));
        }
    }
    if !out.contains("async function __wbg_init(") {
        return Err("the glue has no `__wbg_init`: not wasm-bindgen 0.2's web target".into());
    }
    out.push_str(&format!(
        "await __wbg_init({{ module_or_path: {EARLY_COMPILE} }});\n"
    ));
    Ok(out)
}

/// The global the first script leaves the wasm's compilation in, for the glue.
const EARLY_COMPILE: &str = "leimuWasm";

/// The page's first script: fetch and compile the wasm as it downloads, once
/// the page needs the app.
///
/// A first visit to the home page or to a category's static page starts with
/// everything it shows painted from its HTML (the search box, the index of
/// categories, a category's whole text and checklist). The app (about 290 KB
/// brotli, and at 4x CPU slowdown a 600–900 ms task to start) is only needed
/// once the visitor does something: the first key, tap, click, focus or
/// change of a field (`input`/`change`: autofill, dictation and assistive
/// technology change fields without a key or a tap) starts it, and the start-up frame keeps what they typed or ticked until
/// the app has it (site/src/boot_shell.rs). The worker, registered at `load`,
/// meanwhile precaches the wasm, so that start reads it from the cache.
/// The app starts at once when the page shows nothing of its own without it:
/// a route or share link in the fragment, the worker's offline stand-in for a
/// category page (`data-leimu-start="now"` on `<html>`), or a returning
/// visitor with something stored (`leimu.*` in localStorage: a profile,
/// clients, a language), whose page depends on it.
///
/// `leimuStart` is settled when the app starts (the frames' scripts show
/// "loading" from then on). `compileStreaming` needs the host to send
/// `application/wasm`; where it does not, the bytes are fetched again and
/// compiled whole.
fn early_compile(wasm_url: &str, start: Start) -> String {
    let compile = format!(
        "let leimuGo;const leimuStart=new Promise(g=>leimuGo=g),\
         {EARLY_COMPILE}=leimuStart.then(()=>WebAssembly.compileStreaming(fetch(\"{wasm_url}\"))\
         .catch(()=>fetch(\"{wasm_url}\").then(r=>r.arrayBuffer()).then(b=>WebAssembly.compile(b))));"
    );
    match start {
        Start::AtOnce => format!("{compile}leimuGo()"),
        Start::AtFirstInput => format!("{compile}{}", start_at_first_input()),
    }
}

/// When a page's app starts (see `early_compile`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// As the page loads: the widget (embed.html), whose host page is waiting
    /// for it, and the embed docs' live preview.
    AtOnce,
    /// At the visitor's first input, or at once when the page needs it: the
    /// site's home page and, through it, the static category pages.
    AtFirstInput,
}

/// Settles `leimuStart` at the first input, or at once when the page shows
/// nothing of its own without the app (see `early_compile`).
fn start_at_first_input() -> &'static str {
    "(()=>{const e=[\"pointerdown\",\"touchstart\",\"keydown\",\"focusin\",\"input\",\"change\",\"hashchange\"],\
         go=()=>{for(const t of e)removeEventListener(t,go,!0);leimuGo()};\
         let now=!/^#?\\/?$/.test(location.hash)||document.documentElement.dataset.leimuStart===\"now\";\
         try{for(let i=0;i<localStorage.length;i++)if(localStorage.key(i).startsWith(\"leimu.\"))now=!0}catch{}\
         if(now)return go();for(const t of e)addEventListener(t,go,{capture:!0,passive:!0})})()"
}

/// Checks that a script can sit inside `<script>…</script>`.
fn script_text(code: &str, file: &str) -> Result<String, String> {
    let lower = code.to_ascii_lowercase();
    if lower.contains("</script") || lower.contains("<!--") {
        return Err(format!(
            "{file} contains `</script` or `<!--`: it cannot be inlined"
        ));
    }
    Ok(code.trim_end().to_owned())
}

/// Checks that a stylesheet can sit inside `<style>…</style>`.
fn style_text(css: &str, file: &str) -> Result<String, String> {
    if css.to_ascii_lowercase().contains("</style") {
        return Err(format!("{file} contains `</style`: it cannot be inlined"));
    }
    Ok(css.to_owned())
}

/// terser (npm, pinned in package-lock.json): compress and mangle.
fn minify_js(root: &Path, code: &str, module: bool) -> Result<String, String> {
    let terser = root.join("node_modules/terser/bin/terser");
    let mut command = Command::new("node");
    command.arg(&terser);
    if module {
        command.arg("--module");
    }
    command
        .args(["--compress", "passes=2", "--mangle", "--ecma", "2020"])
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().map_err(|e| {
        format!(
            "cannot run node {}: {e} (run `cargo xtask setup`)",
            terser.display()
        )
    })?;
    child
        .stdin
        .take()
        .ok_or("terser has no stdin")?
        .write_all(code.as_bytes())
        .map_err(|e| format!("cannot write to terser: {e}"))?;
    let output = child
        .wait_with_output()
        .map_err(|e| format!("terser did not finish: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "terser failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    String::from_utf8(output.stdout).map_err(|_| "terser wrote text that is not UTF-8".into())
}

/// wasm-opt: drop the exports named, then -Oz again (as trunk ran it) so
/// the code only they reached goes as well.
fn remove_exports(root: &Path, wasm: &Path, names: &[String]) -> Result<(), String> {
    let mut command = Command::new("wasm-opt");
    command
        .arg(wasm)
        .arg(format!("--remove-exports={}", names.join(",")))
        .args(["-Oz", "--zero-filled-memory", "--low-memory-unused", "-o"])
        .arg(wasm)
        .current_dir(root)
        .env("PATH", crate::setup::tool_path(root));
    crate::status(&mut command)
}

/// The names of a wasm module's exports (its export section).
fn wasm_exports(bytes: &[u8]) -> Result<Vec<String>, String> {
    let bad = |what: &str| format!("not a wasm module this step can read: {what}");
    if bytes.get(..8) != Some(b"\0asm\x01\0\0\0".as_slice()) {
        return Err(bad("no wasm header"));
    }
    let mut at = 8;
    while at < bytes.len() {
        let id = bytes[at];
        at += 1;
        let size = leb(bytes, &mut at).ok_or_else(|| bad("section size"))?;
        let end = at
            .checked_add(size)
            .filter(|&e| e <= bytes.len())
            .ok_or_else(|| bad("section size"))?;
        if id == 7 {
            let mut names = Vec::new();
            let count = leb(bytes, &mut at).ok_or_else(|| bad("export count"))?;
            for _ in 0..count {
                let length = leb(bytes, &mut at).ok_or_else(|| bad("export name"))?;
                let name = bytes
                    .get(at..at + length)
                    .ok_or_else(|| bad("export name"))?;
                names.push(String::from_utf8(name.to_vec()).map_err(|_| bad("export name"))?);
                at += length + 1; // the name, then the kind byte
                leb(bytes, &mut at).ok_or_else(|| bad("export index"))?;
            }
            return Ok(names);
        }
        at = end;
    }
    Ok(Vec::new())
}

/// An unsigned LEB128 number at `*at`, which it advances.
fn leb(bytes: &[u8], at: &mut usize) -> Option<usize> {
    let mut value = 0usize;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= usize::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

/// What lightningcss may assume of the browsers: no list of them, so
/// nothing is lowered, prefixed or polyfilled (with the site's oldest
/// browsers, Chrome 89 and Safari 15, whose module script awaits at top
/// level, it adds fallbacks for `system-ui` and `light-dark`, and splits
/// selector lists with `:focus-visible`); but media queries are written as
/// `max-width`, not the range syntax it prefers (`width<=40rem`), which
/// Safari learnt only in 16.4. The rest of what it writes shorter (`#0000`,
/// `:before`, `flex:none`) every browser that runs the site reads.
const CSS_TARGETS: Targets = Targets {
    browsers: None,
    include: Features::MediaQueries,
    exclude: Features::empty(),
};

/// The stylesheet minified by lightningcss (see `CSS_TARGETS`): the rules
/// stay those written, with comments and spaces gone, values written
/// shortest, declarations reordered and neighbouring rules with the same
/// selector merged. Anything it cannot parse is an error (no error recovery).
fn minify_css(css: &str, file: &str) -> Result<String, String> {
    let options = ParserOptions {
        filename: file.to_owned(),
        ..ParserOptions::default()
    };
    let mut sheet = StyleSheet::parse(css, options).map_err(|e| format!("{file}: {e}"))?;
    let targets = CSS_TARGETS;
    sheet
        .minify(MinifyOptions {
            targets,
            ..MinifyOptions::default()
        })
        .map_err(|e| format!("{file}: cannot minify: {e}"))?;
    let printed = sheet
        .to_css(PrinterOptions {
            minify: true,
            targets,
            ..PrinterOptions::default()
        })
        .map_err(|e| format!("{file}: cannot print: {e}"))?;
    Ok(printed.code)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape of wasm-bindgen 0.2's web-target glue, cut down.
    const GLUE: &str = "\
export class IntoUnderlyingSink {
    free() {
        IntoUnderlyingSinkFinalization.unregister(this);
        wasm.__wbg_intounderlyingsink_free(ptr, 0);
    }
}
if (Symbol.dispose) IntoUnderlyingSink.prototype[Symbol.dispose] = IntoUnderlyingSink.prototype.free;

function helper() { return wasm.__wbindgen_malloc(1); }
const IntoUnderlyingSinkFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_intounderlyingsink_free(ptr, 1));
let wasm;
export function initSync(module) { return helper(module); }
async function __wbg_init(module_or_path) { wasm = 1; }
export { initSync, __wbg_init as default };
";

    /// Runs the first script in node with a stand-in page: `hash`, stored
    /// keys (`None`: storage refused), `<html data-leimu-start>`; then the
    /// events of `inputs` in turn. Returns whether `leimuStart` settled
    /// before the inputs, and after them.
    fn started(
        start: Start,
        hash: &str,
        stored: Option<&[&str]>,
        start_now: bool,
        inputs: &[&str],
    ) -> (bool, bool) {
        let harness = format!(
            r#"
const listeners = new Map();
globalThis.addEventListener = (type, f) => listeners.set(type, f);
globalThis.removeEventListener = (type) => listeners.delete(type);
globalThis.location = {{ hash: {hash} }};
globalThis.document = {{ documentElement: {{ dataset: {dataset} }} }};
const stored = {stored};
Object.defineProperty(globalThis, 'localStorage', {{ get() {{
  if (stored === null) throw new Error('refused');
  return {{ length: stored.length, key: (i) => stored[i] }};
}} }});
globalThis.fetch = () => new Promise(() => {{}});
require('vm').runInThisContext({script});
let settled = false;
leimuStart.then(() => {{ settled = true; }});
setTimeout(() => {{
  const before = settled;
  for (const type of {inputs}) listeners.get(type)?.();
  setTimeout(() => console.log(JSON.stringify([before, settled, listeners.size])));
}});
"#,
            hash = serde_json::to_string(hash).unwrap(),
            dataset = if start_now {
                "{ leimuStart: 'now' }"
            } else {
                "{}"
            },
            stored = serde_json::to_string(&stored).unwrap(),
            script = serde_json::to_string(&early_compile("./app_bg.wasm", start)).unwrap(),
            inputs = serde_json::to_string(inputs).unwrap(),
        );
        let out = Command::new("node")
            .args(["-e", &harness])
            .output()
            .expect("node runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let (before, after, listening): (bool, bool, usize) =
            serde_json::from_slice(&out.stdout).expect("the harness's answer");
        // Once started, nothing is left listening.
        if after {
            assert_eq!(listening, 0, "listeners left after the start");
        }
        (before, after)
    }

    #[test]
    fn a_first_visit_starts_the_app_at_the_first_input() {
        let first =
            |hash, inputs: &[&str]| started(Start::AtFirstInput, hash, Some(&[]), false, inputs);
        assert_eq!(first("", &[]), (false, false), "nothing happens on its own");
        assert_eq!(first("#/", &[]), (false, false), "#/ is the home page");
        for input in [
            "pointerdown",
            "touchstart",
            "keydown",
            "focusin",
            "input",
            "change",
            "hashchange",
        ] {
            assert_eq!(first("", &[input]), (false, true), "{input} starts the app");
        }
        assert_eq!(first("", &["scroll"]), (false, false), "not an input");
        assert_eq!(first("", &["keydown", "pointerdown"]), (false, true));
    }

    #[test]
    fn the_app_starts_at_once_where_the_page_needs_it() {
        let at = |hash, stored: Option<&[&str]>, now| {
            started(Start::AtFirstInput, hash, stored, now, &[])
        };
        assert_eq!(
            at("#/c/medical.internet-hospital", Some(&[]), false),
            (true, true),
            "a route"
        );
        assert_eq!(
            at("#/plan?c=a", Some(&[]), false),
            (true, true),
            "a share link"
        );
        assert_eq!(
            at("", Some(&["other", "leimu.profile.v1"]), false),
            (true, true),
            "a returning visitor"
        );
        assert_eq!(
            at("", Some(&["other", "leimuX"]), false),
            (false, false),
            "another site's key"
        );
        assert_eq!(
            at("", None, false),
            (false, false),
            "storage refused: a first visit"
        );
        assert_eq!(
            at("", Some(&[]), true),
            (true, true),
            "the offline stand-in"
        );
        assert_eq!(
            started(Start::AtOnce, "", Some(&[]), false, &[]),
            (true, true),
            "the widget"
        );
    }

    #[test]
    fn the_glue_loses_its_classes_and_exports_and_gains_the_start_up_line() {
        let module = boot_module(GLUE).expect("a glue of the known shape");
        assert!(!module.contains("IntoUnderlying"), "{module}");
        assert!(!module.contains("export"), "{module}");
        assert!(module.contains("function initSync(module)"));
        assert!(module.contains("function helper()"));
        assert!(module.ends_with("await __wbg_init({ module_or_path: leimuWasm });\n"));
    }

    #[test]
    fn a_glue_that_still_needs_a_removed_class_is_refused() {
        let glue = GLUE.replace(
            "function helper() {",
            "function helper() { IntoUnderlyingSink.__wrap(1);",
        );
        let error = boot_module(&glue).expect_err("the class is used");
        assert!(error.contains("IntoUnderlyingSink"), "{error}");
    }

    #[test]
    fn a_glue_of_another_shape_is_refused() {
        let error = boot_module("export default function init() {}\n").expect_err("no __wbg_init");
        assert!(error.contains("__wbg_init"), "{error}");
    }

    #[test]
    fn scripts_that_would_end_their_tag_are_refused() {
        assert!(script_text("let a = '</script>';", "a.js").is_err());
        assert!(script_text("let a = '<!--';", "a.js").is_err());
        assert_eq!(
            script_text("let a = 1;\n", "a.js"),
            Ok("let a = 1;".to_owned())
        );
    }

    /// A module with two exports, as wasm-tools would print it:
    /// (module (func) (memory 1) (export "memory" (memory 0)) (export "main" (func 0))).
    #[test]
    fn wasm_exports_are_read_from_the_export_section() {
        let module: &[u8] = &[
            0, b'a', b's', b'm', 1, 0, 0, 0, // header
            1, 4, 1, 0x60, 0, 0, // type section: () -> ()
            3, 2, 1, 0, // function section
            5, 3, 1, 0, 1, // memory section
            7, 17, 2, 6, b'm', b'e', b'm', b'o', b'r', b'y', 2, 0, 4, b'm', b'a', b'i', b'n', 0, 0,
            10, 4, 1, 2, 0, 0x0b, // code section
        ];
        assert_eq!(
            wasm_exports(module),
            Ok(vec!["memory".to_owned(), "main".to_owned()])
        );
        assert!(wasm_exports(b"not wasm").is_err());
        assert!(
            wasm_exports(&module[..20]).is_err(),
            "a cut section is damage"
        );
    }

    /// A page as trunk 0.21 writes it, cut down: trunk leaves blank lines
    /// where its `data-trunk` tags were, appends the preloads to `<head>`
    /// and the start-up script to `<body>`.
    const TRUNK_PAGE: &str = r#"<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8">
    <title>t</title>
    <!-- a comment
         of two lines -->
    <noscript><style>#boot-shell { display: none; }</style></noscript>
    <link rel="manifest" href="manifest.webmanifest">

    <link rel="stylesheet" href="./style-1.css" integrity="sha384-a"/>

    <script src="./sw-register-2.js" defer integrity="sha384-b"></script>
  <link rel="modulepreload" href="./site-3.js" crossorigin="anonymous" integrity="sha384-c"><link rel="preload" href="./site-3_bg.wasm" crossorigin="anonymous" integrity="sha384-d" as="fetch" type="application/wasm"></head>
  <body>
    <div id="boot-shell"><p>x</p></div>
    <script>
      (() => { document.title; })();
    </script>

<script type="module">
import init, * as bindings from './site-3.js';
const wasm = await init({ module_or_path: './site-3_bg.wasm' });


window.wasmBindings = bindings;


dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));

</script></body>
</html>
"#;

    fn check(html: &str) -> Result<Boot, Vec<String>> {
        check_trunk_page(&read_trunk_page(html).expect("HTML lol_html reads"))
    }

    /// `TRUNK_PAGE` with `from` replaced by `to`; the replacement must happen.
    fn trunk_page_with(from: &str, to: &str) -> String {
        assert!(TRUNK_PAGE.contains(from), "{from}");
        TRUNK_PAGE.replacen(from, to, 1)
    }

    /// The problems found in `TRUNK_PAGE` with `from` replaced by `to`,
    /// which must include one containing `expected`.
    fn check_refused(from: &str, to: &str, expected: &str) {
        let problems = check(&trunk_page_with(from, to)).expect_err("a page this step must refuse");
        assert!(
            problems.iter().any(|problem| problem.contains(expected)),
            "expected a problem containing `{expected}`, got {problems:?}"
        );
    }

    #[test]
    fn trunks_page_is_read() {
        assert_eq!(
            check(TRUNK_PAGE),
            Ok(Boot {
                stylesheets: vec![("./style-1.css".into(), "style-1.css".into())],
                glue_file: "site-3.js".into(),
                wasm_url: "./site-3_bg.wasm".into(),
                wasm_file: "site-3_bg.wasm".into(),
                deferred_scripts: vec![("./sw-register-2.js".into(), "sw-register-2.js".into())],
            })
        );
    }

    #[test]
    fn trunks_page_gets_its_start_up_files_and_loses_its_comments_and_blank_lines() {
        let inlined = Inlined {
            early_compile: "EARLY".into(),
            styles: HashMap::from([("./style-1.css".into(), "a{b:c}".into())]),
            glue: "GLUE".into(),
            scripts: HashMap::from([("./sw-register-2.js".into(), "SW".into())]),
        };
        assert_eq!(
            rewrite_trunk_page(TRUNK_PAGE, &inlined).as_deref(),
            Ok(r#"<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8">
    <script>EARLY</script>
    <title>t</title>
    <noscript><style>#boot-shell { display: none; }</style></noscript>
    <link rel="manifest" href="manifest.webmanifest">
    <style>a{b:c}</style>
    <script type="module">SW</script>
  </head>
  <body>
    <div id="boot-shell"><p>x</p></div>
    <script>
      (() => { document.title; })();
    </script>
<script type="module">GLUE</script></body>
</html>
"#)
        );
        // An element the first pass did not see is an error, not left as it was.
        let mut missing = inlined;
        missing.styles.clear();
        let error = rewrite_trunk_page(TRUNK_PAGE, &missing).expect_err("no rules for it");
        assert!(error.contains("./style-1.css"), "{error}");
    }

    #[test]
    fn the_module_script_must_be_trunks_one() {
        check_refused(
            "<script type=\"module\">\nimport init, * as bindings from './site-3.js';\nconst wasm = await init({ module_or_path: './site-3_bg.wasm' });",
            "<script type=\"module\">",
            "does not import one glue",
        );
        check_refused(
            "const wasm = await init({ module_or_path: './site-3_bg.wasm' });",
            "",
            "does not start one wasm",
        );
        check_refused(
            "window.wasmBindings = bindings;",
            "window.somethingElse = 1;",
            "a line this step does not know: `window.somethingElse = 1;`",
        );
        check_refused(
            "<script type=\"module\">\nimport",
            "<script type=\"module\" nonce=\"n\">\nimport",
            "attributes this step does not know",
        );
        check_refused(
            "</body>",
            "<script type=\"module\">import './other.js';</script></body>",
            "2 module scripts",
        );
        check_refused(
            "'./site-3.js';\nconst",
            "'https://cdn.example/site-3.js';\nconst",
            "`https://cdn.example/site-3.js`: expected a file of the page's own folder",
        );
    }

    #[test]
    fn a_page_without_trunks_module_script_is_refused() {
        let start = TRUNK_PAGE
            .find("<script type=\"module\">")
            .expect("trunk's script");
        let end = TRUNK_PAGE.find("</body>").expect("the body's end");
        let page = format!("{}{}", &TRUNK_PAGE[..start], &TRUNK_PAGE[end..]);
        let problems = check(&page).expect_err("no module script");
        assert!(
            problems.contains(&"trunk's module script is missing".to_owned()),
            "{problems:?}"
        );
    }

    #[test]
    fn scripts_must_be_deferred_and_local() {
        check_refused(
            " defer integrity",
            " integrity",
            "a script that is not deferred",
        );
        check_refused(
            " defer integrity",
            " defer async integrity",
            "a deferred script this step does not know",
        );
        check_refused(
            "./sw-register-2.js",
            "./pwa/sw-register-2.js",
            "`./pwa/sw-register-2.js`: expected a file of the page's own folder",
        );
    }

    #[test]
    fn stylesheets_must_be_plain_and_local() {
        check_refused(
            "<link rel=\"stylesheet\" href",
            "<link rel=\"stylesheet\" media=\"print\" href",
            "a stylesheet link this step does not know",
        );
        check_refused(
            "rel=\"stylesheet\"",
            "rel=\"alternate stylesheet\"",
            "a stylesheet link this step does not know",
        );
        check_refused(
            "./style-1.css",
            "https://cdn.example/style-1.css",
            "expected a file of the page's own folder",
        );
        check_refused(
            "./style-1.css",
            "./",
            "expected a file of the page's own folder",
        );
    }

    #[test]
    fn preloads_must_be_trunks_of_the_glue_and_the_wasm() {
        check_refused(
            "<link rel=\"preload\" href=\"./site-3_bg.wasm\" crossorigin=\"anonymous\" integrity=\"sha384-d\" as=\"fetch\" type=\"application/wasm\">",
            "",
            "trunk's preload of site-3_bg.wasm is missing",
        );
        check_refused(
            "<link rel=\"preload\" href=\"./site-3_bg.wasm\"",
            "<link rel=\"preload\" href=\"./font.woff2\"",
            "a preload this step does not know (expected one of site-3_bg.wasm)",
        );
        check_refused(
            "</head>",
            "<link rel=\"preload\" href=\"./site-3_bg.wasm\"></head>",
            "2 preload links where trunk writes one",
        );
        check_refused(
            "<link rel=\"modulepreload\" href=\"./site-3.js\"",
            "<link rel=\"modulepreload\" href=\"./other.js\"",
            "a modulepreload this step does not know (expected one of site-3.js)",
        );
        check_refused(
            "</head>",
            "<link rel=\"modulepreload\" href=\"./site-3.js\"></head>",
            "2 modulepreload links where trunk writes at most one",
        );
        // trunk's modulepreload may be missing: there is nothing to remove.
        let page = trunk_page_with(
            "<link rel=\"modulepreload\" href=\"./site-3.js\" crossorigin=\"anonymous\" integrity=\"sha384-c\">",
            "",
        );
        assert!(check(&page).is_ok());
    }

    #[test]
    fn the_page_must_have_one_utf8_charset() {
        check_refused(
            "<meta charset=\"utf-8\">",
            "",
            "no `<meta charset=\"utf-8\">`",
        );
        check_refused(
            "<meta charset=\"utf-8\">",
            "<meta charset=\"windows-1252\">",
            "`<meta charset=\"windows-1252\">`: expected `utf-8`",
        );
        check_refused(
            "<title>",
            "<meta charset=\"utf-8\"><title>",
            "2 `<meta charset>` where one is expected",
        );
        let page = trunk_page_with("<meta charset=\"utf-8\">", "<META CHARSET=\"UTF-8\">");
        assert!(
            check(&page).is_ok(),
            "HTML's names and the charset ignore case"
        );
    }

    #[test]
    fn a_page_whose_blank_lines_are_text_is_refused() {
        check_refused(
            "<p>x</p>",
            "<pre>a\n\nb</pre>",
            "`<pre>`: blank lines are dropped",
        );
        check_refused("<p>x</p>", "<textarea></textarea>", "`<textarea>`");
    }

    #[test]
    fn a_file_named_twice_is_refused() {
        check_refused(
            "./sw-register-2.js",
            "./style-1.css",
            "style-1.css is named twice",
        );
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let page = trunk_page_with("<meta charset=\"utf-8\">", "").replacen(
            " defer integrity",
            " integrity",
            1,
        );
        let problems = check(&page).expect_err("two problems");
        assert_eq!(problems.len(), 2, "{problems:?}");
    }

    #[test]
    fn css_is_minified_without_changing_its_rules() {
        let css = "/* theme */\n:root {\n  --bg: #ffffff; /* light */\n}\n\
                   q { quotes: \"“ \" \"  ”\"; }\n\
                   nav :focus , a:hover { margin : 0 auto ; }\n\
                   .x::before { content: \"/* not a comment */\"; }\n\
                   summary::-webkit-details-marker { display: none; }\n\
                   [hidden] { display: none !important; }\n\
                   @media (max-width: 40rem) and (prefers-color-scheme: dark) { a { width: calc(100% - 2rem); } }\n";
        assert_eq!(
            minify_css(css, "a.css").as_deref(),
            Ok(
                ":root{--bg:#fff}q{quotes:\"“ \" \"  ”\"}nav :focus,a:hover{margin:0 auto}\
                .x:before{content:\"/* not a comment */\"}\
                summary::-webkit-details-marker{display:none}\
                [hidden]{display:none!important}\
                @media (max-width:40rem) and (prefers-color-scheme:dark){a{width:calc(100% - 2rem)}}"
            )
        );
    }

    #[test]
    fn css_that_does_not_parse_is_refused() {
        let error = minify_css("a { color: red; } }", "a.css").expect_err("a stray brace");
        assert!(error.starts_with("a.css: "), "{error}");
        assert!(minify_css("@media screen and ( { a { b: c } }", "a.css").is_err());
    }

    #[test]
    fn a_stylesheet_that_would_end_its_tag_is_refused() {
        assert!(style_text(".x::after{content:\"</STYLE>\"}", "a.css").is_err());
        assert_eq!(style_text("a{b:c}", "a.css"), Ok("a{b:c}".to_owned()));
    }

    #[test]
    fn the_site_stylesheet_minifies() {
        let css =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../site/style.css"))
                .expect("site/style.css");
        let minified = minify_css(&css, "style.css").expect("the site's stylesheet parses");
        if let Ok(path) = std::env::var("LEIMU_WRITE_MINIFIED_CSS") {
            std::fs::write(path, &minified).expect("writable");
        }
    }
}
