import type {} from 'mhn-widgets/vue';
