import { useTranslation } from 'react-i18next';

export const PAGE_SIZE = 100;

export function pageCount(items: number, size: number = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(items / size));
}

/** Previous / next through a long list, so thousands of rows never render at once. */
export function Pager({ label, page, pages, onPage }: { readonly label: string; readonly page: number; readonly pages: number; readonly onPage: (page: number) => void }) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" disabled={page <= 0} onClick={() => { onPage(page - 1); }}>
        {t('merge.pager.previous')}
      </button>
      <span>{t('merge.pager.page', { page: page + 1, pages })}</span>
      <button type="button" disabled={page >= pages - 1} onClick={() => { onPage(page + 1); }}>
        {t('merge.pager.next')}
      </button>
    </nav>
  );
}
