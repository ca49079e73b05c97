// Like a single-page app's router: widgets appear on a click, well after the loader ran.
const button = document.createElement('button');
button.textContent = 'Show the article';
button.addEventListener('click', () => {
  const provider = document.createElement('mhn-provider');
  provider.setAttribute('endpoint', '/api/v1');
  const article = document.createElement('mhn-article');
  article.setAttribute('article', 'resilience-social-support-benefits');
  const comments = document.createElement('mhn-comments');
  comments.setAttribute('article', 'resilience-social-support-benefits');
  comments.setAttribute('loading', 'eager');
  provider.append(article, comments);
  document.querySelector('main').append(provider);
});
document.querySelector('main').append(button);
