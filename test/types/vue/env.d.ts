// What a Vue app adds once (e.g. to src/env.d.ts) for the raw tags.
import type {} from 'mhn-widgets/vue';
