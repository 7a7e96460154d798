import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MergedRespondent } from '../../../../shared/merge/model';
import type { SignerCard } from '../../../../shared/submission/document';
import { findEntry, useCatalog } from '../../app/catalog';
import { addNotice, reportError } from '../../app/notices';
import { useScreenHeading } from '../../components/useFocusOnMount';
import { useIdentities, useMergeDecisions, useMergeFileChoices, useTrustedSigners } from '../../db';
import type { OpenedWithFiles } from '../../platform/types';
import { ConflictsPanel } from './ConflictsPanel';
import { DecisionsFilePanel, ExportPanel, MergeSummary } from './ExportPanel';
import { FilesTable } from './FilesTable';
import { IntakePanel } from './IntakePanel';
import { addToIntake, useIntake } from './intake-store';
import { decisionsOf } from './stored-decisions';
import { useIntakeDrop } from './use-intake-drop';
import { useMerge } from './use-merge';
import type { VerifyContext } from './verify-protocol';

const NO_CARDS: readonly SignerCard[] = [];

/**
 * The coordinator's merge (issue 7): add many signed files, see each one's verification and
 * standing, decide about problem files and conflicting answers (with reasons, stored on this
 * device), and export the consolidated dataset.
 */
export function MergeScreen() {
  const { t } = useTranslation();
  const heading = useScreenHeading<HTMLHeadingElement>(t('merge.title'));
  const catalog = useCatalog();
  const trustedRows = useTrustedSigners();
  const identities = useIdentities();
  const choiceRows = useMergeFileChoices();
  const storedDecisions = useMergeDecisions();
  const intake = useIntake();

  const trusted = useMemo(() => trustedRows?.map((row) => row.card) ?? NO_CARDS, [trustedRows]);
  const definitions = useMemo(() => catalog?.entries.map((entry) => entry.definition) ?? [], [catalog]);
  // Files are checked only once the trusted list and the definitions are known.
  const context: VerifyContext | undefined = useMemo(() => (catalog && trustedRows ? { trusted, definitions } : undefined), [catalog, trustedRows, trusted, definitions]);
  const identity = identities?.find((row) => row.replacedAt === undefined);

  const merge = useMerge(intake.files, trusted, choiceRows ?? [], storedDecisions ?? [], definitions);
  const decisions = useMemo(() => decisionsOf(merge.decisionRows), [merge.decisionRows]);
  const definitionFor = useCallback(
    (respondent: MergedRespondent) => (catalog ? findEntry(catalog, respondent.questionnaire.id, respondent.questionnaire.version)?.definition : undefined),
    [catalog],
  );

  const onDrop = useCallback(
    (picked: OpenedWithFiles) => {
      if (!context) {
        addNotice({ kind: 'error', key: 'merge.intake.notReady' });
        return;
      }
      addToIntake(picked, context).then(
        (outcome) => { if (outcome === undefined) addNotice({ kind: 'error', key: 'merge.intake.busy' }); },
        (error: unknown) => { reportError('merge.intake.failed', error); },
      );
    },
    [context],
  );
  useIntakeDrop(onDrop, t('merge.intake.folderDropped'));

  const hasFiles = merge.result.files.length > 0;
  return (
    <div className="screen merge-screen">
      <h1 ref={heading} tabIndex={-1}>
        {t('merge.title')}
      </h1>
      <p>{t('merge.intro')}</p>
      <IntakePanel intake={intake} context={context} />
      {hasFiles && (
        <>
          <MergeSummary result={merge.result} />
          <FilesTable files={merge.result.files} choices={merge.choices} />
          <ConflictsPanel result={merge.result} decisionRows={merge.decisionRows} definitionFor={definitionFor} />
          <ExportPanel result={merge.result} definitions={definitions} identity={identity} />
        </>
      )}
      <DecisionsFilePanel result={merge.result} choices={merge.choices} decisions={decisions} />
    </div>
  );
}
