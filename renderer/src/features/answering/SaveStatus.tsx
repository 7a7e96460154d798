import { useTranslation } from 'react-i18next';
import { formatTime } from '../../i18n/format';
import type { SaveState } from './autosave';

/** "Saving… / Saved at hh:mm:ss", announced politely to screen readers. */
export function SaveStatus({ state }: { readonly state: SaveState }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  let text: string;
  switch (state.kind) {
    case 'idle':
      text = t('save.idle');
      break;
    case 'pending':
    case 'saving':
      text = t('save.saving');
      break;
    case 'saved':
      text = t('save.savedAt', { time: formatTime(state.at, language) });
      break;
    case 'error':
      text = t('save.failed', { reason: state.message });
      break;
    case 'discarded':
      text = t('save.discarded');
      break;
  }
  return (
    <p className={`save-status ${state.kind}`} role="status" data-state={state.kind}>
      {text}
    </p>
  );
}
