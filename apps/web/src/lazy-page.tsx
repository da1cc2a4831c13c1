import { lazy, useState, type ComponentType, type ReactElement } from 'react';

/** A page (a route's element, without props) loaded on demand, which can be asked for ahead of its first render. */
export interface LazyPage {
  (): ReactElement;
  /** Starts loading the page's module (once); resolves when it is there. */
  preload(): Promise<unknown>;
}

/**
 * Like `React.lazy`, but a page whose module has already arrived (see {@link LazyPage.preload}) renders at once,
 * without suspending: no Suspense fallback, hence no wait for React's 300 ms throttle of the content that replaces
 * a fallback, and its queries start in the same render as the layout. A page still loading suspends as with
 * `lazy`. The choice is made once per mount, so that a later render never swaps the component (and its state).
 */
export function lazyPage(load: () => Promise<{ default: ComponentType }>): LazyPage {
  let loaded: ComponentType | undefined;
  let loading: Promise<{ default: ComponentType }> | undefined;
  const preload = () =>
    (loading ??= load().then((module) => {
      loaded = module.default;
      return module;
    }));
  const Suspending = lazy(preload);
  function Page() {
    const [Component] = useState<ComponentType>(() => loaded ?? Suspending);
    return <Component />;
  }
  Page.preload = preload;
  return Page;
}
