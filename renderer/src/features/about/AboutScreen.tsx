import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localize, localizedLanguage } from '../../../../shared/questionnaire/localize';
import { useCatalogListing } from '../../app/catalog';
import type { CatalogEdition } from '../../app/catalog';
import { routeHref } from '../../app/router';
import { useScreenHeading } from '../../components/useFocusOnMount';
import { formatTime } from '../../i18n/format';
import { platform } from '../../platform';
import type { AppUpdates, UpdateStatus } from '../../platform/updates';
import type { UpdateBlocked } from '../update/update-actions';
import { blockedMessage, updateStatusKey, useUpdateActions } from '../update/use-updates';
import type { Libraries } from './about-facts';
import { APP_LICENCE, formatBuildDate, loadLibraries } from './about-facts';

export type DataFolder = { readonly state: 'loading' } | { readonly state: 'unknown' } | { readonly state: 'found'; readonly path: string };

export interface AboutViewProps {
  readonly name: string;
  readonly version: string;
  /** ISO day of the build. */
  readonly buildDate: string;
  readonly platform: 'desktop' | 'web';
  /** Desktop: the folder the app keeps its data in (still being asked, unreadable, or found). */
  readonly dataFolder: DataFolder;
  /** Web: the origin whose browser storage holds the data. */
  readonly origin: string;
  /** Undefined while loading. */
  readonly editions: readonly CatalogEdition[] | undefined;
  readonly libraries: Libraries | undefined;
  readonly updateMode: AppUpdates['mode'];
  readonly updateStatus: UpdateStatus;
  readonly updateBlocked: UpdateBlocked | undefined;
  /** The offline copy's build (the service worker's build id), when there is one. */
  readonly offlineBuild: string | undefined;
  readonly onCheck: () => void;
  readonly onUpdate: () => void;
  readonly onReload: () => void;
}

/** The About screen's content, without state (tests render it directly). */
export function AboutView(props: AboutViewProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const heading = useScreenHeading<HTMLHeadingElement>(t('about.title'));
  const status = props.updateStatus;
  const busy = status.kind === 'checking' || status.kind === 'applying';
  // No offline copy can exist: no service worker here, or the browser refused to register it.
  const noOfflineCopy = props.updateMode !== 'service-worker' || (status.kind === 'failed' && status.reason === 'register');
  const licenceName = (license: string) => (license === 'UNKNOWN' ? t('about.licenceUnknown') : license);
  return (
    <div className="screen">
      <h1 ref={heading} tabIndex={-1}>
        {t('about.title')}
      </h1>
      <dl className="identity-card">
        <dt>{t('about.product')}</dt>
        <dd>{props.name}</dd>
        <dt>{t('about.version')}</dt>
        <dd>{props.version}</dd>
        <dt>{t('about.buildDate')}</dt>
        <dd>
          <time dateTime={props.buildDate}>{formatBuildDate(props.buildDate, language)}</time>
        </dd>
        <dt>{t('about.platform')}</dt>
        <dd>{t(props.platform === 'desktop' ? 'app.desktop' : 'app.web')}</dd>
        {props.platform === 'web' && (
          <>
            <dt>{t('about.offlineBuild')}</dt>
            <dd>{props.offlineBuild ?? t(noOfflineCopy ? 'about.offlineBuildUnavailable' : 'about.offlineBuildNone')}</dd>
          </>
        )}
        <dt>{t('about.dataLocation')}</dt>
        <dd>
          {props.platform === 'desktop' ? (
            // The desktop never says "in the browser": while the folder is asked for, or when it
            // could not be read, it says so.
            props.dataFolder.state === 'loading' ? (
              t('about.dataDesktopLoading')
            ) : props.dataFolder.state === 'unknown' ? (
              t('about.dataDesktopUnknown')
            ) : (
              <>
                {t('about.dataDesktop')} <code>{props.dataFolder.path}</code>
              </>
            )
          ) : (
            <>
              {t('about.dataWeb', { origin: props.origin })} {t('about.dataWebCleared')}
            </>
          )}{' '}
          <a href={routeHref({ name: 'backup' })}>{t('about.backupLink')}</a>
        </dd>
        <dt>{t('about.licence')}</dt>
        <dd>{t('about.licenceValue', { name: APP_LICENCE.name, spdx: APP_LICENCE.spdx })}</dd>
      </dl>

      <section aria-labelledby="about-updates">
        <h2 id="about-updates">{t('about.updates')}</h2>
        <p role="status">
          {t(updateStatusKey(props.updateMode, status), status.kind === 'current' ? { time: formatTime(status.checkedAt, language) } : {})}
        </p>
        {props.updateBlocked && (
          <p className="error" role="alert">
            {blockedMessage(props.updateBlocked, (key) => t(key))}
          </p>
        )}
        {props.updateMode === 'service-worker' && (
          <div className="actions">
            <button type="button" onClick={props.onCheck} disabled={busy}>
              {t('update.check')}
            </button>
            {status.kind === 'ready' && (
              <button type="button" onClick={props.onUpdate}>
                {t('update.updateNow')}
              </button>
            )}
            {status.kind === 'reloadNeeded' && (
              <button type="button" onClick={props.onReload}>
                {t('update.reload')}
              </button>
            )}
          </div>
        )}
      </section>

      <section aria-labelledby="about-editions">
        <h2 id="about-editions">{t('about.editions')}</h2>
        {props.editions === undefined ? (
          <p role="status">{t('common.loading')}</p>
        ) : (
          <table className="summary">
            <caption className="visually-hidden">{t('about.editions')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('about.editionTitle')}</th>
                <th scope="col">{t('about.editionId')}</th>
                <th scope="col">{t('about.editionEdition')}</th>
                <th scope="col">{t('about.editionVersion')}</th>
                <th scope="col">{t('about.editionOrigin')}</th>
              </tr>
            </thead>
            <tbody>
              {props.editions.map((definition) => {
                const { key, origin } = definition;
                const defaultLanguage = definition.languages[0] ?? 'en';
                return (
                  <tr key={key}>
                    <th scope="row" lang={localizedLanguage(definition.title, language, defaultLanguage)}>
                      {localize(definition.title, language, defaultLanguage)}
                    </th>
                    <td>
                      <code>{definition.id}</code>
                    </td>
                    <td>{definition.edition}</td>
                    <td>{definition.version}</td>
                    <td>{t(origin === 'bundled' ? 'home.builtIn' : 'home.imported')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="about-libraries">
        <h2 id="about-libraries">{t('about.libraries')}</h2>
        {props.libraries === undefined ? (
          <p role="status">{t('common.loading')}</p>
        ) : props.libraries.kind === 'unavailable' ? (
          <p>{t('about.librariesUnavailable')}</p>
        ) : (
          <>
            <p>{t('about.librariesIntro')}</p>
            <table className="summary">
              <caption className="visually-hidden">{t('about.libraries')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('about.libraryName')}</th>
                  <th scope="col">{t('about.libraryVersion')}</th>
                  <th scope="col">{t('about.libraryLicence')}</th>
                </tr>
              </thead>
              <tbody>
                {props.libraries.list.map((library) => (
                  <tr key={library.name}>
                    <th scope="row">{library.name}</th>
                    <td>{library.version}</td>
                    <td>{licenceName(library.license)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {/* Each package's own licence file: MIT, Apache-2.0 and the like ask for their notice to go with every copy. */}
            <details>
              <summary>{t('about.licenceTexts')}</summary>
              {props.libraries.list.map((library) => (
                <details key={library.name}>
                  <summary>{t('about.licenceTextOf', { name: library.name, version: library.version })}</summary>
                  <div className="candidate-value" lang="en">
                    <p>{library.licenseText ?? t('about.licenceTextMissing', { licence: licenceName(library.license) })}</p>
                  </div>
                </details>
              ))}
            </details>
          </>
        )}
      </section>
    </div>
  );
}

/** Version, build, platform, questionnaire editions, data location, licences and updates (issue 9). */
export function AboutScreen() {
  const current = platform();
  const updates = current.updates;
  // Summaries are enough to list the editions: no definition is fetched for this screen.
  const catalog = useCatalogListing();
  const { status, blocked, update, reload } = useUpdateActions(updates);
  const [info, setInfo] = useState<{ name: string; version: string; dataFolder?: string | undefined } | undefined>();
  const [infoFailed, setInfoFailed] = useState(false);
  const [libraries, setLibraries] = useState<Libraries | undefined>();
  const [offlineBuild, setOfflineBuild] = useState<string | undefined>();

  useEffect(() => {
    let cancelled = false;
    current.getAppInfo().then(
      (appInfo) => {
        if (!cancelled) setInfo(appInfo);
      },
      () => {
        // The footer's fallback: what the renderer was built as; the data folder stays unknown.
        if (!cancelled) setInfoFailed(true);
      },
    );
    void loadLibraries().then((loaded) => {
      if (!cancelled) setLibraries(loaded);
    });
    return () => {
      cancelled = true;
    };
  }, [current]);

  // The offline copy's build: asked again whenever the update status moves (a new version took over).
  useEffect(() => {
    let cancelled = false;
    void updates.buildId().then((id) => {
      if (!cancelled) setOfflineBuild(id);
    });
    return () => {
      cancelled = true;
    };
  }, [updates, status]);

  return (
    <AboutView
      name={info?.name ?? 'EGov Desk'}
      version={info?.version ?? __APP_VERSION__}
      buildDate={__BUILD_DATE__}
      platform={current.kind}
      dataFolder={info?.dataFolder !== undefined ? { state: 'found', path: info.dataFolder } : info !== undefined || infoFailed ? { state: 'unknown' } : { state: 'loading' }}
      origin={window.location.origin}
      editions={catalog?.entries}
      libraries={libraries}
      updateMode={updates.mode}
      updateStatus={status}
      updateBlocked={blocked}
      offlineBuild={offlineBuild}
      onCheck={() => void updates.check()}
      onUpdate={update}
      onReload={reload}
    />
  );
}
