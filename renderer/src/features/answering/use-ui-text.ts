import { useSyncExternalStore } from 'react';
import type { TFunction } from 'i18next';
import { i18next } from '../../i18n';

/**
 * The UI language and a translation function for components the answer screen renders once per
 * question (a one-page LOSI form has 95 of each). react-i18next's `useTranslation` costs every one
 * of them its own state, effect and namespace checks, and i18next resolves the same labels ("Yes",
 * "Add evidence link") again for each question: together about half of the first render of 95
 * questions in a profile. This hook shares one i18next listener among all its users (each adds a
 * function to a set, not a listener of its own to i18next), and the function it returns remembers
 * texts without options per language (texts with options, such as counts, are translated each time).
 */
export interface UiText {
  readonly t: TFunction;
  readonly language: string;
}

let current: UiText | undefined;

function cachingT(fixed: TFunction): TFunction {
  const plain = new Map<string, string>();
  const translate = (key: string | readonly string[], options?: unknown): string => {
    if (options !== undefined || typeof key !== 'string') return fixed(key as string, options as Record<string, unknown>);
    let text = plain.get(key);
    if (text === undefined) {
      text = fixed(key);
      plain.set(key, text);
    }
    return text;
  };
  // i18next's TFunction type is a set of generic overloads over the resources; this function keeps
  // its behaviour for string results, which is all the answer screen asks of it.
  return translate as unknown as TFunction;
}

function snapshot(): UiText {
  const language = i18next.resolvedLanguage ?? i18next.language;
  if (current?.language !== language) current = { language, t: cachingT(i18next.getFixedT(language)) };
  return current;
}

const listeners = new Set<() => void>();

function languageChanged(): void {
  for (const listener of [...listeners]) listener();
}

/** The one i18next listener is added with the first user and removed with the last. */
function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) i18next.on('languageChanged', languageChanged);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) i18next.off('languageChanged', languageChanged);
  };
}

export function useUiText(): UiText {
  return useSyncExternalStore(subscribe, snapshot);
}
