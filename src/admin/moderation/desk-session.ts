/**
 * The moderation desk's session: whether someone is signed in, signing in and out, and
 * how a failed call is explained (an ended session goes back to the sign-in form). The
 * queue and its actions build on it (`desk-state.ts`).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DeskError, type DeskApi, type DeskSession } from './desk-api.js';

export type Phase = 'idle' | 'checking' | 'signed-out' | 'ready';
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Where the keyboard should go after the next render. */
export type FocusTarget =
  { to: 'username' } | { to: 'heading' } | { to: 'comment'; index: number } | { to: 'empty' };

export interface Announcement {
  text: string;
  /**
   * What the Undo button undoes, while it is shown: comment id → the audit entry of the
   * action on it (so the server refuses when someone acted on it since).
   */
  undo?: Record<string, number>;
}

export abstract class DeskBase implements ReactiveController {
  api: DeskApi | null = null;
  phase: Phase = 'idle';
  session: DeskSession | null = null;
  signInBusy = false;
  signInError = '';
  /** Said on the sign-in form (signed out, session ended). */
  signInNotice = '';

  /** Polite: what was done (with Undo). */
  announcement: Announcement = { text: '' };
  /** Assertive: failures. */
  alert = '';
  focus: FocusTarget | null = null;

  /** Bumped whenever what is loading becomes moot (new endpoint, sign-out, new filter). */
  protected generation = 0;

  constructor(
    protected readonly host: ReactiveControllerHost,
    protected readonly t: Translate,
  ) {
    host.addController(this);
  }

  /** Leaving the page: subclasses stop their timers. */
  hostDisconnected(): void {}

  protected changed(): void {
    this.host.requestUpdate();
  }

  /** (Re)loads the queue (once signed in). */
  abstract load(): Promise<void>;

  /** Forgets the queue (signed out). */
  protected abstract clearQueue(): void;

  /** Starts over against `api` (a new endpoint): asks whether a session is open. */
  async start(api: DeskApi | null): Promise<void> {
    this.api = api;
    this.generation += 1;
    this.session = null;
    if (!api) {
      this.phase = 'idle';
      return this.changed();
    }
    this.phase = 'checking';
    this.changed();
    const generation = this.generation;
    try {
      const session = await api.session();
      if (generation !== this.generation) return;
      if (session) return this.enter(session);
      this.phase = 'signed-out';
    } catch (error) {
      if (generation !== this.generation) return;
      this.phase = 'signed-out';
      this.signInError = this.explain(error);
    }
    this.changed();
  }

  private enter(session: DeskSession): void {
    this.session = session;
    this.phase = 'ready';
    this.signInNotice = '';
    this.signInError = '';
    this.focus = { to: 'heading' };
    void this.load();
  }

  async signIn(name: string, password: string): Promise<void> {
    if (!this.api || this.signInBusy) return;
    if (!name.trim() || !password) {
      this.signInError = this.t('moderation.signIn.missing');
      return this.changed();
    }
    this.signInBusy = true;
    this.signInError = '';
    this.changed();
    try {
      this.enter(await this.api.signIn(name.trim(), password));
    } catch (error) {
      const e = error as DeskError;
      this.signInError =
        e.kind === 'unauthorized'
          ? this.t('moderation.signIn.failed')
          : e.kind === 'rate_limited'
            ? this.t('moderation.signIn.wait', { count: e.retryAfter ?? 1 })
            : this.explain(error);
    } finally {
      this.signInBusy = false;
      this.changed();
    }
  }

  async signOut(): Promise<void> {
    try {
      await this.api?.signOut();
    } catch (error) {
      // An ended session is signed out already; anything else is said.
      if ((error as DeskError).kind !== 'unauthorized') {
        this.alert = this.explain(error);
        return this.changed();
      }
    }
    this.leave(this.t('moderation.signedOut'));
  }

  /** Back to the sign-in form (signed out, or the session ended). */
  protected leave(notice: string): void {
    this.generation += 1;
    this.session = null;
    this.phase = 'signed-out';
    this.signInNotice = notice;
    this.clearQueue();
    this.announcement = { text: '' };
    this.alert = '';
    this.focus = { to: 'username' };
    this.changed();
  }

  /** The plain-words reason for a failed request. */
  explain(error: unknown): string {
    const e = error instanceof DeskError ? error : new DeskError('network', String(error));
    if (e.kind === 'network' || e.kind === 'timeout') return this.t('moderation.failed.network');
    if (e.kind === 'server' || e.kind === 'bad_response') {
      return this.t('moderation.failed.server', { message: e.message });
    }
    return this.t('moderation.failed.other', { message: e.message });
  }

  /** The desk's translator, for the parts built on it (desk-admin.ts). */
  get translate(): Translate {
    return this.t;
  }

  /** Asks the service again who is signed in (after a 403: the role may have changed). */
  async refreshSession(): Promise<void> {
    try {
      const session = await this.api?.session();
      if (session) this.session = session;
      else if (session === null) this.leave(this.t('moderation.expired'));
    } catch {
      // Unreachable now: the desk keeps what it knew; the next call says why.
    }
    this.changed();
  }

  /** A failed call: the session ended (back to sign-in) or a reason to show. */
  failed(error: unknown): string | null {
    if (error instanceof DeskError && error.kind === 'unauthorized') {
      this.leave(this.t('moderation.expired'));
      return null;
    }
    return this.explain(error);
  }
}
