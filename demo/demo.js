// The demo page's own script, as a partner's would be: it routes topic items to the
// article shown on this page (?article=slug) and logs the widgets' events.
const params = new URLSearchParams(location.search);
const slug = params.get('article');
if (slug) {
  document.getElementById('article')?.setAttribute('article', slug);
  document.getElementById('comments')?.setAttribute('article', slug);
}

for (const type of ['mhn-load', 'mhn-error', 'mhn-comment-submit']) {
  document.addEventListener(type, (event) => {
    console.info(`[demo] ${type} from <${event.target.localName}>`, event.detail);
  });
}
