import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HomeScreen } from '../features/home/HomeScreen';
import { useFileDrop } from '../features/review/use-file-drop';
import { useOpenedWith } from '../features/review/use-opened-with';
import { platform } from '../platform';
import type { AppInfo } from '../platform/types';
import { useReloadOnRestoreElsewhere } from './data-broadcast';
import { LanguageSwitch } from './LanguageSwitch';
import { dismissNotice, useNotices } from './notices';
import { routeHref, useRoute } from './router';
import { AboutScreen, AnswerScreen, BackupScreen, IdentityScreen, MergeScreen, NewResponseScreen, ReviewScreen, VerifyScreen } from './screens';
import { UpdatePrompt } from '../features/update/UpdatePrompt';

export function App() {
  const route = useRoute();
  const { t } = useTranslation();
  // A submission dropped anywhere on the window is verified and opened for review.
  useFileDrop();
  // Files the OS opened with the desktop app ("open with", a double-click) arrive the same way.
  useOpenedWith();
  // A restore in another tab replaced the data this one may hold in memory: reload.
  useReloadOnRestoreElsewhere();

  let screen;
  switch (route.name) {
    case 'home':
      screen = <HomeScreen />;
      break;
    case 'new':
      screen = <NewResponseScreen questionnaireId={route.questionnaireId} />;
      break;
    case 'identity':
      screen = <IdentityScreen />;
      break;
    case 'verify':
      screen = <VerifyScreen />;
      break;
    case 'review':
      screen = <ReviewScreen />;
      break;
    case 'merge':
      screen = <MergeScreen />;
      break;
    case 'backup':
      screen = <BackupScreen />;
      break;
    case 'about':
      screen = <AboutScreen />;
      break;
    case 'response':
      screen = (
        <AnswerScreen key={route.responseId} responseId={route.responseId} sectionId={route.sectionId} questionId={route.questionId} view={route.view} />
      );
      break;
  }

  return (
    <>
      <button
        type="button"
        className="skip-link"
        onClick={() => document.getElementById('main')?.focus()}
      >
        {t('app.skipToContent')}
      </button>
      <header className="app-header">
        <a className="brand" href="#/">
          {t('app.name')}
        </a>
        <nav className="app-nav" aria-label={t('nav.label')}>
          <a href={routeHref({ name: 'home' })} aria-current={route.name === 'home' ? 'page' : undefined}>
            {t('nav.home')}
          </a>
          <a href={routeHref({ name: 'identity' })} aria-current={route.name === 'identity' ? 'page' : undefined}>
            {t('nav.identity')}
          </a>
          <a href={routeHref({ name: 'verify' })} aria-current={route.name === 'verify' ? 'page' : undefined}>
            {t('nav.verify')}
          </a>
          <a href={routeHref({ name: 'merge' })} aria-current={route.name === 'merge' ? 'page' : undefined}>
            {t('nav.merge')}
          </a>
          <a href={routeHref({ name: 'backup' })} aria-current={route.name === 'backup' ? 'page' : undefined}>
            {t('nav.backup')}
          </a>
          <a href={routeHref({ name: 'about' })} aria-current={route.name === 'about' ? 'page' : undefined}>
            {t('nav.about')}
          </a>
        </nav>
        <LanguageSwitch />
      </header>
      <UpdatePrompt />
      <Notices />
      <main id="main" tabIndex={-1}>
        {/*
          Screens other than home load on first use; meanwhile a status says so. One boundary per
          screen: the screen being left is unmounted at once, not kept hidden under the fallback.
        */}
        <Suspense key={route.name} fallback={<ScreenLoading />}>
          {screen}
        </Suspense>
      </main>
      <AppFooter />
    </>
  );
}

function ScreenLoading() {
  const { t } = useTranslation();
  return (
    <div className="screen">
      <p role="status">{t('common.loading')}</p>
    </div>
  );
}

function Notices() {
  const { t } = useTranslation();
  const notices = useNotices();
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="alert">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice ${notice.kind}`}>
          <p>
            {t(notice.key)}
            {notice.detail && <span className="detail"> {notice.detail}</span>}
          </p>
          <button type="button" onClick={() => { dismissNotice(notice.id); }}>
            {t('common.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}

function AppFooter() {
  const { t } = useTranslation();
  const [info, setInfo] = useState<AppInfo | undefined>();
  useEffect(() => {
    platform().getAppInfo().then(setInfo, () => { setInfo(undefined); });
  }, []);
  return (
    <footer className="app-footer">
      <p>
        {t('app.tagline')}
        {info && ` · ${t('app.version', { version: info.version })} · ${t(info.platform === 'desktop' ? 'app.desktop' : 'app.web')}`}
      </p>
    </footer>
  );
}
