/**
 * Lazy start: `near` turns true once the element comes within about a viewport of being
 * seen (at once when `eager()` says so, or where IntersectionObserver is missing), so a
 * widget far down the page costs no request until the reader scrolls towards it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class NearViewportController implements ReactiveController {
  /** Whether the element is (or has been) about a viewport away or closer. */
  near = false;
  private observer?: IntersectionObserver;

  constructor(
    private readonly host: ReactiveControllerHost & Element,
    private readonly eager: () => boolean,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.near || this.eager() || typeof IntersectionObserver !== 'function') {
      this.come();
      return;
    }
    this.observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) this.come();
      },
      { rootMargin: '100% 0px' },
    );
    this.observer.observe(this.host);
  }

  hostUpdate(): void {
    if (this.eager() && !this.near) this.near = true;
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  private come(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    if (this.near) return;
    this.near = true;
    this.host.requestUpdate();
  }
}
