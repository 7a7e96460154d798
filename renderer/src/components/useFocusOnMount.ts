import { useEffect, useRef } from 'react';

/**
 * Moves keyboard and screen-reader focus to a screen's heading when the screen opens, so a person
 * using the keyboard starts where the new content starts. Also sets the window title.
 */
export function useScreenHeading<T extends HTMLElement>(title: string) {
  const ref = useRef<T>(null);
  useEffect(() => {
    document.title = title;
  }, [title]);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
