// <leimu-checker category="medical.internet-hospital" lang="en"></leimu-checker>
//
// leimu's category checker in any page, from one module script:
//   <script type="module" src="https://…/leimu/leimu-checker.js"></script>
//
// The element holds, in its shadow root, an iframe to the site's embed page
// (embed.html next to this file: the address comes from this script's own
// URL, so it works from any host and sub-path). The iframe keeps styles and
// scripts apart both ways; the shadow root keeps the host's CSS off the
// iframe itself. The iframe reports its content height and what happens
// (message schema version 1, documented on the site's embed-docs.html); the
// element sizes the iframe and re-dispatches each message as a CustomEvent
// `leimu-<type>` on itself (bubbles, composed) with the message as `detail`.
// Attribute changes become commands sent to the iframe. The embed page
// accepts commands only from the origins in its `allow=` parameter: here,
// this page's own.
//
// Plain JavaScript with no build step, on purpose: this file's URL is
// stable (never hashed) so host pages can link it, and it stays small.

const EMBED_URL = new URL('embed.html', import.meta.url);
const SOURCE = 'leimu';
const VERSION = 1;
const EVENT_TYPES = new Set(['ready', 'category', 'verdict', 'resize', 'profile']);
const INITIAL_HEIGHT = 420;
const MAX_HEIGHT = 20000;
const TITLES = { zh: 'leimu 类目：小程序服务类目资质自查', en: 'leimu: WeChat mini-program category checker' };

const STYLE = `
:host { display: block; min-width: 0; }
:host([hidden]) { display: none; }
iframe { display: block; width: 100%; height: ${INITIAL_HEIGHT}px; border: 0; }
`;

function languageOf(value) {
  return value === 'en' ? 'en' : 'zh';
}

class LeimuChecker extends HTMLElement {
  static observedAttributes = ['category', 'lang'];

  #frame;
  #ready = false;
  // What the iframe shows now, as far as this element knows.
  #shown = { category: null, lang: 'zh' };
  #profile = null;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    this.#frame = document.createElement('iframe');
    root.append(style, this.#frame);
  }

  get category() {
    return this.getAttribute('category');
  }

  set category(value) {
    if (value == null || value === '') this.removeAttribute('category');
    else this.setAttribute('category', String(value));
  }

  get lang() {
    return languageOf(this.getAttribute('lang'));
  }

  set lang(value) {
    this.setAttribute('lang', String(value));
  }

  /** Hands the widget what the visitor holds: `{applicant: {id: n}, partners: {id: n}, kinds: [id]}`. */
  setProfile(profile) {
    this.#profile = profile;
    if (this.#ready) this.#send({ type: 'set-profile', profile });
  }

  connectedCallback() {
    window.addEventListener('message', this.#onMessage);
    // (Re)load with the current attributes: moving an iframe in the document reloads it anyway.
    const url = new URL(EMBED_URL);
    const params = new URLSearchParams();
    const category = this.category || null;
    if (category) params.set('category', category);
    params.set('lang', this.lang);
    // A page without an origin (file:, sandboxed) cannot be allowed: it gets events, not commands.
    if (location.origin && location.origin !== 'null') params.set('allow', location.origin);
    url.search = params.toString();
    this.#ready = false;
    this.#shown = { category, lang: this.lang };
    this.#frame.title = TITLES[this.lang];
    this.#frame.src = url.href;
  }

  disconnectedCallback() {
    window.removeEventListener('message', this.#onMessage);
    this.#ready = false;
  }

  attributeChangedCallback(name, before, after) {
    if (before === after) return;
    if (name === 'lang') this.#frame.title = TITLES[this.lang];
    this.#sync();
  }

  // Sends what the attributes say and the iframe does not show yet (only once it listens).
  #sync() {
    if (!this.#ready) return;
    const category = this.category || null;
    if (category !== this.#shown.category) {
      this.#shown.category = category;
      this.#send({ type: 'set-category', category });
    }
    if (this.lang !== this.#shown.lang) {
      this.#shown.lang = this.lang;
      this.#send({ type: 'set-lang', lang: this.lang });
    }
  }

  #send(command) {
    this.#frame.contentWindow?.postMessage({ source: SOURCE, version: VERSION, ...command }, EMBED_URL.origin);
  }

  #onMessage = (event) => {
    if (event.source !== this.#frame.contentWindow || event.origin !== EMBED_URL.origin) return;
    const message = event.data;
    if (!message || typeof message !== 'object' || message.source !== SOURCE || message.version !== VERSION) return;
    if (!EVENT_TYPES.has(message.type)) return;
    if (message.type === 'ready') {
      this.#ready = true;
      this.#shown = { category: message.category ?? null, lang: languageOf(message.lang) };
      // The attribute may have named a category the widget does not know: do not send it again.
      if (this.category && !message.category) this.#shown.category = this.category;
      this.#sync();
      if (this.#profile) this.#send({ type: 'set-profile', profile: this.#profile });
    } else if (message.type === 'category') {
      // The visitor chose another category: the attribute follows, so `category` says what is shown.
      this.#shown.category = message.id ?? null;
      if (this.category !== this.#shown.category) this.category = this.#shown.category;
    } else if (message.type === 'resize') {
      const height = Number(message.height);
      if (Number.isFinite(height) && height >= 0) {
        this.#frame.style.height = `${Math.ceil(Math.min(height, MAX_HEIGHT))}px`;
      }
    }
    this.dispatchEvent(new CustomEvent(`leimu-${message.type}`, { detail: message, bubbles: true, composed: true }));
  };
}

if (!customElements.get('leimu-checker')) customElements.define('leimu-checker', LeimuChecker);
