// Interpolation with React nodes, so names and titles can be wrapped in <bdi>.
import { Fragment, type ReactNode } from 'react';
import { useI18n, type MessageKey } from '.';

/** Renders message `k` with each {placeholder} replaced by the given node. */
export function Trans({ k, values }: { k: MessageKey; values: Record<string, ReactNode> }) {
  const { t } = useI18n();
  const parts = t(k).split(/(\{\w+\})/);
  return (
    <>
      {parts.map((p, i) => {
        const m = /^\{(\w+)\}$/.exec(p);
        return <Fragment key={i}>{m && m[1]! in values ? values[m[1]!] : p}</Fragment>;
      })}
    </>
  );
}

/** Wraps a plain string in Unicode first-strong isolates, for text that cannot hold <bdi>. */
export function isolate(s: string): string {
  return `\u2068${s}\u2069`;
}
