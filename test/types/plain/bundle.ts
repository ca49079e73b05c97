// The main entry: every element class and the shared types.
import {
  MhnCrisisResources,
  MhnTherapistSearch,
  type MhnErrorDetail,
  type MhnLoadDetail,
} from 'mhn-widgets';

const crisis = new MhnCrisisResources();
crisis.country = 'CA';
// @ts-expect-error -- country is 'US' or 'CA' (any case)
crisis.country = 'Canada';

const search = document.createElement('mhn-therapist-search');
const same: MhnTherapistSearch = search;
same.radius = 25;

const onLoad = (event: CustomEvent<MhnLoadDetail>) => event.detail.data;
const onError = (event: CustomEvent<MhnErrorDetail>) => event.detail.error.code;
search.addEventListener('mhn-load', onLoad);
search.addEventListener('mhn-error', onError);
