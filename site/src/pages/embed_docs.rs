//! The embedding guide (`embed-docs.html`): copy-paste snippets for the
//! custom element and the iframe, the message schema, and a live
//! `<leimu-checker>` with a log of the events it sends.
//!
//! A page of its own with its own small wasm (`src/bin/leimu-embed-docs.rs`,
//! no catalogue: the preview is the widget's iframe), so the site's wasm
//! does not carry the guide's text in two languages (6.4 KB brotli); the
//! site's `#/embed` and footer link here. Snippet URLs are built from the
//! page's own address, so they are right wherever the site is hosted, under
//! any sub-path.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::embed::lang_code;
use crate::i18n::Lang;

/// The guide's page, next to `index.html` in `dist/`.
pub const DOCS_PAGE: &str = "embed-docs.html";

/// The category the snippets and the live preview show.
pub const EXAMPLE_CATEGORY: &str = "medical.internet-hospital";
/// The custom element's script, next to `index.html` in `dist/` (a stable, unhashed name).
pub const ELEMENT_SCRIPT: &str = "leimu-checker.js";
/// How many events the preview's log keeps.
const LOG_LINES: usize = 8;

/// The folder the site is served from, `/` included: the address without
/// query, fragment and file name (`https://h/docs/leimu/index.html?x#/embed`
/// → `https://h/docs/leimu/`).
pub fn site_base(href: &str) -> String {
    let end = href.find(['?', '#']).unwrap_or(href.len());
    let address = href.get(..end).unwrap_or(href);
    // The path's last `/`, not one of the scheme's.
    let path_start = address
        .find("://")
        .and_then(|scheme| address[scheme + 3..].find('/').map(|i| scheme + 3 + i));
    match (path_start, address.rfind('/')) {
        (Some(start), Some(last)) if last >= start => address[..=last].to_owned(),
        _ => format!("{address}/"),
    }
}

/// The custom-element snippet.
pub fn element_snippet(base: &str, lang: Lang) -> String {
    format!(
        "<script type=\"module\" src=\"{base}{ELEMENT_SCRIPT}\"></script>\n\
         <leimu-checker category=\"{EXAMPLE_CATEGORY}\" lang=\"{}\"></leimu-checker>",
        lang_code(lang)
    )
}

/// Listening to the custom element's events.
pub fn events_snippet() -> String {
    "<script>\n\
     \x20 const checker = document.querySelector('leimu-checker');\n\
     \x20 checker.addEventListener('leimu-category', (event) => console.log(event.detail.id, event.detail.path));\n\
     \x20 checker.addEventListener('leimu-verdict', (event) => {\n\
     \x20   const { category, status, satisfied, missing } = event.detail;\n\
     \x20   console.log(category, status, satisfied, missing.map((document) => document.name));\n\
     \x20 });\n\
     \x20 // Commands: change the attributes, or hand over what the visitor holds.\n\
     \x20 checker.setAttribute('category', 'education.driving-school');\n\
     \x20 checker.setProfile({ applicant: { 'medical-institution-practice-licence': 1 }, partners: {}, kinds: [] });\n\
     </script>"
        .to_owned()
}

/// The iframe snippet: the page builds the address so that `allow=` names its own origin.
pub fn iframe_snippet(base: &str, lang: Lang) -> String {
    format!(
        "<iframe id=\"leimu\" title=\"leimu\" style=\"display:block;width:100%;height:480px;border:0\"></iframe>\n\
         <script>\n\
         \x20 const frame = document.getElementById('leimu');\n\
         \x20 const address = new URL('{base}embed.html');\n\
         \x20 // allow= names the origins whose commands the widget accepts: this page's own.\n\
         \x20 address.search = new URLSearchParams({{ category: '{EXAMPLE_CATEGORY}', lang: '{lang}', allow: location.origin }});\n\
         \x20 frame.src = address;\n\
         \x20 window.addEventListener('message', (event) => {{\n\
         \x20   const message = event.data;\n\
         \x20   if (event.source !== frame.contentWindow || event.origin !== address.origin) return;\n\
         \x20   if (!message || message.source !== 'leimu' || message.version !== 1) return;\n\
         \x20   if (message.type === 'resize') frame.style.height = message.height + 'px';\n\
         \x20   if (message.type === 'verdict') console.log(message.status, message.missing);\n\
         \x20 }});\n\
         \x20 // A command, once the widget has said 'ready':\n\
         \x20 // frame.contentWindow.postMessage({{ source: 'leimu', version: 1, type: 'set-lang', lang: 'zh' }}, address.origin);\n\
         </script>",
        lang = lang_code(lang)
    )
}

/// The page's words in both languages (kept here rather than in `i18n`: only this page uses them).
#[derive(Debug)]
pub struct EmbedDocsStrings {
    pub title: &'static str,
    intro: &'static str,
    preview: &'static str,
    preview_log: &'static str,
    preview_log_empty: &'static str,
    element_title: &'static str,
    element_intro: &'static str,
    element_attributes: &'static str,
    element_events: &'static str,
    iframe_title: &'static str,
    iframe_intro: &'static str,
    schema_title: &'static str,
    schema_intro: &'static str,
    events_title: &'static str,
    commands_title: &'static str,
    column_type: &'static str,
    column_fields: &'static str,
    column_when: &'static str,
    when_ready: &'static str,
    when_category: &'static str,
    when_verdict: &'static str,
    when_resize: &'static str,
    when_profile: &'static str,
    what_set_category: &'static str,
    what_set_lang: &'static str,
    what_set_profile: &'static str,
    rules_title: &'static str,
    rules: [&'static str; 4],
    copy: &'static str,
    copied: &'static str,
    copy_failed: &'static str,
}

pub fn strings(lang: Lang) -> &'static EmbedDocsStrings {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

static ZH: EmbedDocsStrings = EmbedDocsStrings {
    title: "嵌入到你的网站",
    intro: "代理机构和文档站可以把 leimu 的类目自查放进自己的页面：一个 <script> 加一个元素，或一个 iframe。样式互不影响，高度随内容变化；页面通过事件得知用户选了哪个类目、结论如何。",
    preview: "实时预览",
    preview_log: "本页收到的事件（最近 8 条）",
    preview_log_empty: "还没有事件。",
    element_title: "方式一：自定义元素",
    element_intro: "把这两行放进页面。元素在 shadow root 里放一个 iframe，所以样式不会互相影响。跨域加载 module 脚本需要 CORS：托管 leimu 的服务器要为 leimu-checker.js 发送 Access-Control-Allow-Origin: *（GitHub Pages 默认如此）。",
    element_attributes: "属性：category（类目 id，如 medical.internet-hospital）、lang（zh 或 en）。改变属性，元素就切换类目或语言。方法 setProfile(profile) 交给它用户已有的资质。",
    element_events: "元素在自身派发事件（冒泡、可穿过 shadow DOM）：leimu-ready、leimu-category、leimu-verdict、leimu-resize、leimu-profile，event.detail 就是下面的消息。",
    iframe_title: "方式二：iframe",
    iframe_intro: "不想加载脚本时，直接嵌入 embed.html。消息用 postMessage 发给你的页面；iframe 的高度由你的页面按 resize 消息设置。",
    schema_title: "消息格式（版本 1）",
    schema_intro: "每条消息都是一个对象：{source: \"leimu\", version: 1, type: …}。以后不兼容的改动会提高 version；新增字段不算不兼容。",
    events_title: "事件（widget → 你的页面）",
    commands_title: "命令（你的页面 → widget）",
    column_type: "type",
    column_fields: "字段",
    column_when: "何时 / 作用",
    when_ready: "widget 已就绪，可以接收命令；category 为 null 表示显示搜索；catalogue 是类目表的版本（如 2026.1）。",
    when_category: "选定了类目（用户或命令）；id 为 null 表示回到搜索。",
    when_verdict: "当前类目的结论变化。missing 是最短补齐方式缺的资质；满足时为空。",
    when_resize: "内容高度（CSS 像素）变化。",
    when_profile: "用户勾选的资质变化；可保存后用 set-profile 交回。",
    what_set_category: "打开一个类目（id）；null 回到搜索。",
    what_set_lang: "切换界面语言：zh 或 en。",
    what_set_profile: "替换用户已有的资质；未知的 id 会被丢弃。",
    rules_title: "安全规则",
    rules: [
        "只接受 allow= 列出的来源（origin）发来的命令，且必须来自直接嵌入它的页面；自定义元素会自动填入所在页面的 origin。",
        "格式不对、类型未知、版本不同、id 不存在的消息一律忽略，widget 照常工作。",
        "消息里的文字从不作为 HTML 插入。",
        "widget 不读写浏览器存储；用户勾选的内容由你的页面通过 profile 事件保存。",
    ],
    copy: "复制",
    copied: "已复制",
    copy_failed: "浏览器拒绝了复制，请手动选中复制。",
};

static EN: EmbedDocsStrings = EmbedDocsStrings {
    title: "Embed in your site",
    intro: "Agencies and documentation sites can put leimu's category checker in their own pages: one <script> and one element, or an iframe. Styles do not leak either way, the height follows the content, and your page learns through events which category was chosen and what the verdict is.",
    preview: "Live preview",
    preview_log: "Events this page received (last 8)",
    preview_log_empty: "No events yet.",
    element_title: "1. The custom element",
    element_intro: "Put these two lines in your page. The element holds an iframe in its shadow root, so no style leaks in or out. A module script from another origin needs CORS: the server hosting leimu must send Access-Control-Allow-Origin: * with leimu-checker.js (GitHub Pages does).",
    element_attributes: "Attributes: category (a category id such as medical.internet-hospital) and lang (zh or en). Change an attribute and the element switches category or language. The method setProfile(profile) hands it what the visitor holds.",
    element_events: "The element dispatches events on itself (they bubble and cross shadow DOM): leimu-ready, leimu-category, leimu-verdict, leimu-resize, leimu-profile; event.detail is the message below.",
    iframe_title: "2. The iframe",
    iframe_intro: "Without the script, embed embed.html directly. Messages come to your page by postMessage; your page sets the iframe's height from the resize messages.",
    schema_title: "Messages (version 1)",
    schema_intro: "Every message is an object {source: \"leimu\", version: 1, type: …}. An incompatible change will raise version; new fields are not incompatible.",
    events_title: "Events (widget → your page)",
    commands_title: "Commands (your page → widget)",
    column_type: "type",
    column_fields: "fields",
    column_when: "when / what",
    when_ready: "The widget listens for commands; category null means it shows the search; catalogue is the catalogue's version (such as 2026.1).",
    when_category: "A category was chosen (by the visitor or a command); id null means back to the search.",
    when_verdict: "The verdict of the shown category changed. missing is what the shortest way to qualify still needs; empty when satisfied.",
    when_resize: "The content height (CSS pixels) changed.",
    when_profile: "What the visitor ticked changed; keep it and hand it back with set-profile.",
    what_set_category: "Open a category (id); null goes back to the search.",
    what_set_lang: "Switch the interface language: zh or en.",
    what_set_profile: "Replace what the visitor holds; unknown ids are dropped.",
    rules_title: "Safety rules",
    rules: [
        "Commands are accepted only from origins listed in allow=, and only from the page that frames the widget; the custom element puts its own page's origin there.",
        "Malformed messages, unknown types, other versions and unknown ids are ignored; the widget keeps working.",
        "Text from a message is never inserted as HTML.",
        "The widget neither reads nor writes browser storage; your page keeps what the visitor ticked through the profile event.",
    ],
    copy: "Copy",
    copied: "Copied",
    copy_failed: "The browser refused to copy; select the text and copy it by hand.",
};

/// A snippet with a copy button.
#[component]
fn Snippet(
    /// Element id of the `<pre>`.
    id: &'static str,
    /// Accessible name of the code block.
    label: &'static str,
    code: String,
    lang: Lang,
) -> impl IntoView {
    let words = strings(lang);
    let status = RwSignal::new("");
    let text = code.clone();
    let copy = move |_| {
        let promise = window().navigator().clipboard().write_text(&text);
        leptos::task::spawn_local(async move {
            let message = match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => words.copied,
                Err(_) => words.copy_failed,
            };
            status.set(message);
        });
    };
    view! {
        <div class="snippet-block">
            <pre id=id class="snippet-code" tabindex="0" role="region" aria-label=label><code>{code}</code></pre>
            <p class="snippet-actions">
                <button type="button" on:click=copy aria-describedby=id>{words.copy}</button>
                <span role="status">{move || status.get()}</span>
            </p>
        </div>
    }
}

/// Loads the custom element's script once (a module script runs once per URL anyway).
fn load_element_script() {
    let document = document();
    if document
        .query_selector("script[data-leimu-checker]")
        .ok()
        .flatten()
        .is_some()
    {
        return;
    }
    let Ok(script) = document.create_element("script") else {
        return;
    };
    let _ = script.set_attribute("type", "module");
    let _ = script.set_attribute("src", ELEMENT_SCRIPT);
    let _ = script.set_attribute("data-leimu-checker", "");
    if let Some(head) = document.head() {
        let _ = head.append_child(&script);
    }
}

/// The whole page: a header back to the site, the guide, in the language the
/// visitor chose on the site (`?lang=en|zh` first, then the site's stored choice).
#[component]
pub fn EmbedDocsApp() -> impl IntoView {
    let from_query = window().location().search().ok().and_then(|query| {
        query
            .trim_start_matches('?')
            .split('&')
            .find_map(|pair| pair.strip_prefix("lang=").and_then(Lang::from_code))
    });
    let lang = from_query
        .or_else(|| crate::storage::get(crate::state::LANG_KEY).and_then(|c| Lang::from_code(&c)))
        .unwrap_or_default();
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", lang.code());
    }
    let s = lang.strings();
    document().set_title(&format!("{} · {}", strings(lang).title, s.app_title));
    let other = match lang {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    };
    view! {
        <header class="site-header">
            <a class="brand" href="./">
                <span class="brand-name">"leimu "<span lang="zh-CN">"类目"</span></span>
            </a>
            <a class="lang-switch" href=format!("?lang={}", lang_code(other)) lang=other.code()>{s.switch_language}</a>
        </header>
        <main id="main-content">
            <EmbedDocsPage lang=lang/>
        </main>
        <footer class="site-footer"><p>{s.footer}</p></footer>
    }
}

#[component]
pub fn EmbedDocsPage(lang: Lang) -> impl IntoView {
    let words = strings(lang);
    let base = site_base(&window().location().href().unwrap_or_default());
    load_element_script();

    // The preview's events reach the window (they bubble and are composed); log them as text.
    let log = RwSignal::new(Vec::<String>::new());
    let mut handles = Vec::new();
    for name in [
        "leimu-ready",
        "leimu-category",
        "leimu-verdict",
        "leimu-profile",
    ] {
        handles.push(window_event_listener_untyped(name, move |event| {
            let detail = event
                .dyn_ref::<web_sys::CustomEvent>()
                .and_then(|e| js_sys::JSON::stringify(&e.detail()).ok())
                .map(String::from)
                .unwrap_or_default();
            log.update(|lines| {
                lines.insert(0, format!("{name} {detail}"));
                lines.truncate(LOG_LINES);
            });
        }));
    }
    on_cleanup(move || handles.into_iter().for_each(|h| h.remove()));

    let events = [
        ("ready", "lang, category, catalogue", words.when_ready),
        ("category", "id, name, path", words.when_category),
        (
            "verdict",
            "category, status (satisfied | missing | by_email), satisfied, documents_ready, missing: [{id, name, need, have, holder}]",
            words.when_verdict,
        ),
        ("resize", "height", words.when_resize),
        (
            "profile",
            "applicant: {id: n}, partners: {id: n}, kinds: [id]",
            words.when_profile,
        ),
    ];
    let commands = [
        ("set-category", "category", words.what_set_category),
        ("set-lang", "lang", words.what_set_lang),
        (
            "set-profile",
            "profile: {applicant, partners, kinds}",
            words.what_set_profile,
        ),
    ];
    let table = |caption: &'static str, rows: &[(&'static str, &'static str, &'static str)]| {
        let rows = rows
            .iter()
            .map(|(kind, fields, when)| view! { <tr><th scope="row"><code>{*kind}</code></th><td><code>{*fields}</code></td><td>{*when}</td></tr> })
            .collect_view();
        view! {
            // Focusable, so a keyboard can scroll it on a phone (axe: scrollable-region-focusable).
            <div class="table-scroll" tabindex="0" role="region" aria-label=caption>
                <table class="schema">
                    <caption>{caption}</caption>
                    <thead><tr><th scope="col">{words.column_type}</th><th scope="col">{words.column_fields}</th><th scope="col">{words.column_when}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    };
    view! {
        <article class="embed-docs">
            <h1 tabindex="-1">{words.title}</h1>
            <p>{words.intro}</p>

            <h2>{words.preview}</h2>
            <leimu-checker class="embed-preview" category=EXAMPLE_CATEGORY lang=lang_code(lang)></leimu-checker>
            <h3 id="preview-log-heading">{words.preview_log}</h3>
            <ol class="event-log" aria-labelledby="preview-log-heading">
                {move || {
                    let lines = log.get();
                    if lines.is_empty() {
                        view! { <li>{words.preview_log_empty}</li> }.into_any()
                    } else {
                        lines.into_iter().map(|line| view! { <li><code>{line}</code></li> }).collect_view().into_any()
                    }
                }}
            </ol>

            <h2>{words.element_title}</h2>
            <p>{words.element_intro}</p>
            <Snippet id="snippet-element" label=words.element_title code=element_snippet(&base, lang) lang=lang/>
            <p>{words.element_attributes}</p>
            <p>{words.element_events}</p>
            <Snippet id="snippet-events" label=words.element_events code=events_snippet() lang=lang/>

            <h2>{words.iframe_title}</h2>
            <p>{words.iframe_intro}</p>
            <Snippet id="snippet-iframe" label=words.iframe_title code=iframe_snippet(&base, lang) lang=lang/>

            <h2>{words.schema_title}</h2>
            <p>{words.schema_intro}</p>
            {table(words.events_title, &events)}
            {table(words.commands_title, &commands)}
            <h3>{words.rules_title}</h3>
            <ul>{words.rules.iter().map(|rule| view! { <li>{*rule}</li> }).collect_view()}</ul>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_is_the_folder_of_the_page() {
        let cases = [
            ("http://127.0.0.1:8080/#/embed", "http://127.0.0.1:8080/"),
            (
                "http://127.0.0.1:8080/index.html#/embed",
                "http://127.0.0.1:8080/",
            ),
            (
                "https://h.example/docs/leimu/index.html?x=1#/embed",
                "https://h.example/docs/leimu/",
            ),
            (
                "https://h.example/docs/leimu/#/embed",
                "https://h.example/docs/leimu/",
            ),
            ("https://h.example", "https://h.example/"),
            ("https://h.example#/embed", "https://h.example/"),
        ];
        for (href, base) in cases {
            assert_eq!(site_base(href), base, "{href}");
        }
    }

    #[test]
    fn snippets_point_at_the_site() {
        let base = "https://h.example/docs/leimu/";
        let element = element_snippet(base, Lang::En);
        assert!(element.contains(r#"src="https://h.example/docs/leimu/leimu-checker.js""#));
        assert!(
            element.contains(r#"<leimu-checker category="medical.internet-hospital" lang="en">"#)
        );
        let iframe = iframe_snippet(base, Lang::Zh);
        assert!(iframe.contains("new URL('https://h.example/docs/leimu/embed.html')"));
        assert!(iframe.contains("lang: 'zh'") && iframe.contains("allow: location.origin"));
    }
}
