// A consumer that imports one widget's define.js (no core entry) still gets the events'
// typed detail, and the element's typed properties; and the package's declarations
// compile under `skipLibCheck: false` (this project's setting).
import { MhnArticle } from 'mhn-widgets/elements/article/define.js';
import 'mhn-widgets/elements/comments/define.js';

const article = document.querySelector('mhn-article');
if (article) {
  const same: MhnArticle = article;
  same.article = 'resilience-social-support-benefits';
  same.headingLevel = 3;
  // @ts-expect-error -- headingLevel is a number
  same.headingLevel = 'three';
  article.addEventListener('mhn-load', (event) => {
    const data: unknown = event.detail.data;
    console.log(data);
  });
  article.addEventListener('mhn-error', (event) => {
    const code: string = event.detail.error.code;
    const status: number | undefined = event.detail.error.status;
    console.log(code, status);
    // @ts-expect-error -- an error's detail has no `data`
    console.log(event.detail.data);
  });
}

const comments = document.querySelector('mhn-comments');
if (comments) {
  comments.sort = 'oldest';
  // @ts-expect-error -- sort is 'newest' | 'oldest'
  comments.sort = 'popular';
  comments.loading = 'eager';
  comments.addEventListener('mhn-comment-submit', (event) => {
    const status: 'published' | 'pending' = event.detail.status;
    const body: string = event.detail.comment.body;
    console.log(status, body);
    // @ts-expect-error -- the detail's status is not a number
    const wrong: number = event.detail.status;
    console.log(wrong);
  });
}

// Listening on the document works too (the events bubble and are composed).
document.addEventListener('mhn-error', (event) => console.log(event.detail.error.message));
