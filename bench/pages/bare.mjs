// The no-framework baseline: fetch the same article JSON and set innerHTML (no
// sanitizer, no shadow DOM, no byline or dates), then tell the bench.
const response = await fetch('/api/v1/articles/resilience-social-support-benefits');
const article = await response.json();
const target = document.getElementById('article');
target.innerHTML = `<h1></h1>${article.bodyHtml}`;
target.querySelector('h1').textContent = article.title;
document.dispatchEvent(new CustomEvent('bench-load'));
