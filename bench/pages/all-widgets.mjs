// ?comments=slug shows the comments of another article than <mhn-article>'s, so the two
// widgets no longer share the article request.
const slug = new URLSearchParams(location.search).get('comments');
if (slug) document.getElementById('comments').setAttribute('article', slug);
