import { useEffect, useRef, type ReactNode } from 'react';

// The first page of a visit keeps the browser's focus (the skip link comes first); later pages move it to their h1.
let firstPage = true;

/** One page: its `<title>`, its one `h1` (focused after a navigation so a screen reader announces the new page). */
export function Page({
  title,
  heading,
  children,
  actions,
}: {
  title: string;
  heading?: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
}) {
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – Vigie`;
    if (firstPage) firstPage = false;
    else h1.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <>
      <div className="page-head">
        <h1 ref={h1} tabIndex={-1}>
          {heading ?? title}
        </h1>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
      {children}
    </>
  );
}

/** A message that waits for data, announced politely. */
export function Loading({ label = 'Chargement…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      {label}
    </p>
  );
}

/** An error answer shown kindly, announced at once. */
export function ErrorNotice({ children }: { children: ReactNode }) {
  return (
    <div className="notice notice-error" role="alert">
      {children}
    </div>
  );
}
