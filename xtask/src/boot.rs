//! A page's start-up code goes into the page itself.
//!
//! trunk writes a page that, once its HTML has arrived, fetches a stylesheet,
//! the wasm-bindgen glue (a JS module) and the service-worker registration,
//! each a file of its own, and only once the glue has arrived and run does the
//! wasm start compiling. On a first visit each file is one more request to
//! wait for, on a busy machine several milliseconds each, and the module
//! script also waits for the stylesheet. After trunk, for every page:
//!
//! - the stylesheet goes into a `<style>`, minified (comments and spaces,
//!   never inside strings);
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

use std::fs;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

/// Inlines the start-up files of `dir/page` (trunk's output) into the page.
pub fn inline_boot(root: &Path, dir: &Path, page: &str, app_start: Start) -> Result<(), String> {
    let page_path = dir.join(page);
    let mut html = read(&page_path)?;
    let mut inlined = Vec::new();

    // The stylesheets.
    while let Some((start, end)) = find_tag(&html, "<link rel=\"stylesheet\"", ">") {
        let tag = &html[start..end];
        let file = local_file(tag, "href")?;
        let css = minify_css(&read(&dir.join(&file))?);
        if css.to_ascii_lowercase().contains("</style") {
            return Err(format!("{file} contains `</style`: it cannot be inlined"));
        }
        html.replace_range(start..end, &format!("<style>{css}</style>"));
        inlined.push(file);
    }

    // The glue and trunk's start-up script.
    let (start, end) = find_tag(&html, "<script type=\"module\">", "</script>")
        .ok_or_else(|| format!("{page}: trunk's module script is missing"))?;
    let script = &html[start..end];
    let glue_file = quoted_after(script, "from '")
        .ok_or_else(|| format!("{page}: trunk's module script imports no glue: {script}"))?;
    let wasm_url = quoted_after(script, "module_or_path: '")
        .ok_or_else(|| format!("{page}: trunk's module script names no wasm: {script}"))?;
    let glue_file = glue_file.trim_start_matches("./").to_owned();
    let wasm_file = wasm_url.trim_start_matches("./").to_owned();
    let glue = boot_module(&read(&dir.join(&glue_file))?)?;
    let glue = script_text(&minify_js(root, &glue, true)?, &glue_file)?;
    html.replace_range(
        start..end,
        &format!("<script type=\"module\">{glue}</script>"),
    );
    inlined.push(glue_file.clone());

    // The module preload of the glue is now part of the page.
    if let Some((start, end)) = find_tag(&html, "<link rel=\"modulepreload\"", ">") {
        html.replace_range(start..end, "");
    }

    // Deferred scripts (the service-worker registration).
    while let Some((start, end)) = find_tag(&html, "<script src=\"", "</script>") {
        let tag = &html[start..end];
        if !tag.contains(" defer") {
            return Err(format!("{page}: a script that is not deferred: {tag}"));
        }
        let file = local_file(tag, "src")?;
        let code = script_text(&minify_js(root, &read(&dir.join(&file))?, false)?, &file)?;
        html.replace_range(
            start..end,
            &format!("<script type=\"module\">{code}</script>"),
        );
        inlined.push(file);
    }

    // The wasm: no export the glue does not call.
    let wasm_path = dir.join(&wasm_file);
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
    let (start, end) = find_tag(&html, "<link rel=\"preload\"", ">")
        .filter(|&(start, end)| html[start..end].contains(&wasm_file))
        .ok_or_else(|| format!("{page}: trunk's preload of {wasm_file} is missing"))?;
    html.replace_range(start..end, "");
    let charset = "<meta charset=\"utf-8\">";
    let at = html
        .find(charset)
        .ok_or_else(|| format!("{page}: no {charset}"))?
        + charset.len();
    html.insert_str(
        at,
        &format!(
            "\n    <script>{}</script>",
            early_compile(&wasm_url, app_start)
        ),
    );

    let html = strip_html_comments(&html);
    fs::write(&page_path, html)
        .map_err(|e| format!("cannot write {}: {e}", page_path.display()))?;
    for file in inlined {
        let path = dir.join(&file);
        fs::remove_file(&path).map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
    }
    Ok(())
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// The byte range of the first tag starting with `open` and ending with `close`.
fn find_tag(html: &str, open: &str, close: &str) -> Option<(usize, usize)> {
    let start = html.find(open)?;
    let end = start + html[start..].find(close)? + close.len();
    Some((start, end))
}

/// The text between `marker` and the next `'` or `"`.
fn quoted_after(text: &str, marker: &str) -> Option<String> {
    let from = text.find(marker)? + marker.len();
    let quote = text[..from].chars().last()?;
    let length = text[from..].find(quote)?;
    Some(text[from..from + length].to_owned())
}

/// The file an attribute names, which must be one of trunk's (`./name`, no folder).
fn local_file(tag: &str, attribute: &str) -> Result<String, String> {
    let url = quoted_after(tag, &format!(" {attribute}=\""))
        .ok_or_else(|| format!("no {attribute} in {tag}"))?;
    match url.strip_prefix("./") {
        Some(file) if !file.contains('/') && !file.is_empty() => Ok(file.to_owned()),
        _ => Err(format!(
            "{tag}: expected a file of the page's own folder (./name)"
        )),
    }
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

/// CSS without comments and without the spaces around `{`, `}`, `;`, `,`
/// and after `:`; text inside quotes is kept as it is.
fn minify_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut previous = ' ';
                for c in chars.by_ref() {
                    if previous == '*' && c == '/' {
                        break;
                    }
                    previous = c;
                }
                pending_space = true;
            }
            '"' | '\'' => {
                flush_space(&mut out, &mut pending_space);
                out.push(c);
                let mut escaped = false;
                for inner in chars.by_ref() {
                    out.push(inner);
                    if escaped {
                        escaped = false;
                    } else if inner == '\\' {
                        escaped = true;
                    } else if inner == c {
                        break;
                    }
                }
            }
            c if c.is_whitespace() => pending_space = true,
            '{' | '}' | ';' | ',' | ':' => {
                // A space before a colon may be a descendant combinator
                // (`nav :focus`): keep it. Before the others it never matters.
                if c == ':' {
                    flush_space(&mut out, &mut pending_space);
                }
                pending_space = false;
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                out.push(c);
                // Nothing after these needs a space (`a:hover` stays as written:
                // only spaces *after* a colon go).
                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                    chars.next();
                }
            }
            c => {
                flush_space(&mut out, &mut pending_space);
                out.push(c);
            }
        }
    }
    out.trim().to_owned()
}

fn flush_space(out: &mut String, pending: &mut bool) {
    if *pending && !out.is_empty() && !out.ends_with(['{', '}', ';', ',', ':']) {
        out.push(' ');
    }
    *pending = false;
}

/// The HTML without `<!-- … -->` comments (trunk's output has no scripts
/// or styles containing them: those were checked when inlined).
fn strip_html_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start..].find("-->") {
            Some(end) => rest = &rest[start + end + 3..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    // Blank lines left where comments and trunk's tags were.
    out.lines()
        .filter(|line| !line.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
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
    fn css_loses_comments_and_spaces_but_not_strings_or_combinators() {
        let css = "/* theme */\n:root {\n  --bg: #fff; /* light */\n}\n\
                   q { quotes: \"“ \" \"  ”\"; }\n\
                   nav :focus , a:hover { margin : 0 auto ; }\n\
                   .x::before { content: \"/* not a comment */\"; }\n\
                   @media (max-width: 40rem) and (prefers-color-scheme: dark) { a { width: calc(100% - 2rem); } }\n";
        assert_eq!(
            minify_css(css),
            ":root{--bg:#fff}q{quotes:\"“ \" \"  ”\"}nav :focus,a:hover{margin :0 auto}\
             .x::before{content:\"/* not a comment */\"}\
             @media (max-width:40rem) and (prefers-color-scheme:dark){a{width:calc(100% - 2rem)}}"
        );
    }

    #[test]
    fn html_comments_and_the_blank_lines_they_leave_go() {
        let html = "<head>\n  <!-- a\n comment -->\n  <title>t</title>\n\n</head>\n";
        assert_eq!(
            strip_html_comments(html),
            "<head>\n  <title>t</title>\n</head>\n"
        );
    }

    #[test]
    fn attributes_and_tags_are_found() {
        let html = "<p><link rel=\"stylesheet\" href=\"./style-1.css\" integrity=\"x\"/></p>";
        let (start, end) = find_tag(html, "<link rel=\"stylesheet\"", ">").expect("found");
        assert_eq!(
            &html[start..end],
            "<link rel=\"stylesheet\" href=\"./style-1.css\" integrity=\"x\"/>"
        );
        assert_eq!(
            local_file(&html[start..end], "href"),
            Ok("style-1.css".to_owned())
        );
        assert!(local_file("<link href=\"https://cdn.example/x.css\">", "href").is_err());
        assert!(local_file("<link href=\"./a/b.css\">", "href").is_err());
        assert_eq!(
            quoted_after("import init from './glue-1.js';", "from '").as_deref(),
            Some("./glue-1.js")
        );
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
}
