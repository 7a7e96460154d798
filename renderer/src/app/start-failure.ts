/**
 * Says in the page that the app could not start, instead of leaving an empty window: its code could
 * not load (boot.ts: a file missing after a partial update, say) or start-up failed (main.tsx). In
 * English only: the translated strings may be part of what failed. No imports, so the page's entry
 * can use it without waiting for any library.
 */
export function showStartFailure(error: unknown): void {
  const container = document.getElementById('root');
  if (container) container.textContent = `EGov Desk could not start: ${error instanceof Error ? error.message : String(error)}`;
}
