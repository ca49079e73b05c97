// React 19 with the raw `mhn-*` tags: attributes as in HTML, typed values, and React 19's
// event props for custom elements (`onmhn-load`) with a typed detail.
import 'mhn-widgets';

export function Page({ slug }: { slug: string }) {
  return (
    <mhn-provider endpoint="https://content.example.org/api/v1" locale="es" theme="auto">
      <mhn-article
        article={slug}
        heading-level={2}
        structured-data
        className="story"
        onmhn-load={(event) => console.log(event.detail.data.title)}
        onmhn-error={(event) => console.log(event.detail.error.code)}
      />
      <mhn-comments article={slug} sort="oldest" loading="eager" page-size="10" heading-level="3" />
      <mhn-therapist-search radius={25} />
      <mhn-crisis-resources country="US" />
      <mhn-related-topics topic="emotional-resilience" />
      <mhn-topic topic="emotional-resilience" article-href="/read?a={slug}" />
      <mhn-attribution />
    </mhn-provider>
  );
}

export function Wrong() {
  return (
    <>
      {/* @ts-expect-error -- sort is "newest" or "oldest" */}
      <mhn-comments article="a" sort="popular" />
      {/* @ts-expect-error -- heading-level is 1–6 */}
      <mhn-article article="a" heading-level="two" />
      {/* @ts-expect-error -- heading-level is 1–6 */}
      <mhn-article article="a" heading-level={7} />
      {/* @ts-expect-error -- loading is "lazy" or "eager" */}
      <mhn-comments article="a" loading="soon" />
      {/* @ts-expect-error -- no such attribute */}
      <mhn-article slug="a" />
      <mhn-article
        article="a"
        // @ts-expect-error -- an article's detail.data has no `comments` list
        onmhn-load={(event) => console.log(event.detail.data.items)}
      />
      <mhn-article
        article="a"
        // @ts-expect-error -- an error's detail has no `data`
        onmhn-error={(event) => console.log(event.detail.data)}
      />
    </>
  );
}
