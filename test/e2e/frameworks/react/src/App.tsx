// Raw tags (React 19 sets properties and listens to `onmhn-*`) and the
// mhn-widgets/react components, side by side; every event is recorded for the test.
import { useState } from 'react';
import 'mhn-widgets';
import { MhnComments } from 'mhn-widgets/react';

declare global {
  interface Window {
    seen: string[];
  }
}
window.seen = [];
const see = (what: string) => window.seen.push(what);

const endpoint = new URLSearchParams(location.search).get('api') ?? '';
const ARTICLES = ['resilience-social-support-benefits', 'resilience-an-introduction'];

export function App() {
  const [index, setIndex] = useState(0);
  const slug = ARTICLES[index % ARTICLES.length]!;
  return (
    <main>
      <button type="button" onClick={() => setIndex(index + 1)}>
        Next article
      </button>
      <mhn-provider endpoint={endpoint}>
        <mhn-article
          article={slug}
          heading-level={3}
          onmhn-load={(event) => see(`article loaded: ${event.detail.data.title}`)}
        />
        <MhnComments
          article={slug}
          pageSize={2}
          sort="oldest"
          loading="eager"
          onMhnLoad={(event) => see(`comments loaded: ${event.detail.data.items.length}`)}
        />
      </mhn-provider>
    </main>
  );
}
