// The `mhn-widgets/react` components (@lit/react): element properties as props, and
// events as `onMhnLoad` / `onMhnError` / `onMhnCommentSubmit` with a typed detail.
import { useRef } from 'react';
import {
  MhnArticle,
  MhnComments,
  MhnCrisisResources,
  MhnProvider,
  MhnTherapistSearch,
} from 'mhn-widgets/react';
import type { MhnArticle as MhnArticleElement } from 'mhn-widgets';

export function Page({ slug }: { slug: string }) {
  const ref = useRef<MhnArticleElement>(null);
  return (
    <MhnProvider endpoint="https://content.example.org/api/v1" locale="en">
      <MhnArticle
        ref={ref}
        article={slug}
        headingLevel={3}
        structuredData
        onMhnLoad={(event) => console.log(event.detail.data.title)}
        onMhnError={(event) => console.log(event.detail.error.message)}
      />
      <MhnComments
        article={slug}
        sort="newest"
        onMhnCommentSubmit={(event) => console.log(event.detail.status, event.detail.comment.id)}
        onMhnLoad={(event) => console.log(event.detail.data.items.length)}
      />
      <MhnTherapistSearch radius={25} pageSize={5} />
      <MhnCrisisResources country="CA" />
    </MhnProvider>
  );
}

export function Wrong() {
  return (
    <>
      {/* @ts-expect-error -- sort is "newest" or "oldest" */}
      <MhnComments article="a" sort="popular" />
      {/* @ts-expect-error -- headingLevel is a number */}
      <MhnArticle article="a" headingLevel="two" />
      {/* @ts-expect-error -- no onMhnCommentSubmit on an article */}
      <MhnArticle article="a" onMhnCommentSubmit={() => {}} />
      <MhnArticle
        article="a"
        // @ts-expect-error -- an article's detail.data is an article, not a page
        onMhnLoad={(event) => console.log(event.detail.data.items)}
      />
    </>
  );
}
