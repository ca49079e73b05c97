// What a React app adds once (e.g. to Vite's src/vite-env.d.ts) for the raw tags.
import type {} from 'mhn-widgets/react/jsx';
