import i18next from 'i18next';
import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../../renderer/src/i18n/locales/en';
import { fr } from '../../../renderer/src/i18n/locales/fr';
import { indicativeLines } from '../../../renderer/src/features/score/score-text';
import { LOSI_2024_METHOD, OSI_2024_METHOD } from '../../../shared/scoring/methods';
import type { MethodProvenance, ScoringMethod } from '../../../shared/scoring/model';

/**
 * The provenance sentences of the "indicative" notice are whole sentences, one per part of the
 * method and per provenance: an adjective slotted into a sentence cannot agree with its subject
 * in French (cette formule est reconstituée, ces poids sont reconstitués).
 */

let t: TFunction;
let tFr: TFunction;
beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({ lng: 'en', resources: { en: { translation: en }, fr: { translation: fr } }, interpolation: { escapeValue: false } });
  t = instance.t;
  tFr = instance.getFixedT('fr');
});

const PROVENANCES: readonly MethodProvenance[] = ['verified', 'third-party-copy', 'reconstructed'];

/** The LOSI method with every part of the given provenance. */
function losiWith(provenance: MethodProvenance): ScoringMethod {
  const reference = LOSI_2024_METHOD.reference;
  if (reference === undefined) throw new Error('the LOSI method has a reference');
  return { ...LOSI_2024_METHOD, provenance: { index: provenance, bands: provenance }, reference: { ...reference, provenance } };
}

function osiWith(provenance: MethodProvenance): ScoringMethod {
  return { ...OSI_2024_METHOD, provenance: { index: provenance, weights: provenance, bands: provenance } };
}

function strings(catalogue: object): string[] {
  return Object.values(catalogue).flatMap((value: unknown) => (typeof value === 'string' ? [value] : strings(value as object)));
}

describe('the provenance sentences of the score notice', () => {
  it('slot no provenance into a sentence, in either language', () => {
    for (const catalogue of [en, fr]) {
      expect(strings(catalogue.score).filter((text) => text.includes('{{provenance}}'))).toEqual([]);
      expect(Object.keys(catalogue.score)).not.toContain('provenance');
    }
  });

  it('are each a whole catalogue sentence, for every part and provenance', () => {
    const notice = (lang: typeof en) => new Set(strings(lang.score.notice).map((text) => text.replace(/\{\{year\}\}/g, '2022')));
    for (const [translate, catalogue] of [[t, en], [tFr, fr]] as const) {
      const known = notice(catalogue);
      for (const provenance of PROVENANCES) {
        for (const method of [losiWith(provenance), osiWith(provenance)]) {
          const lines = indicativeLines(translate, method);
          for (const line of lines) expect(known, line).toContain(line);
          expect(lines.join(' ')).not.toMatch(/\{\{|\}\}/);
        }
      }
      // Nine distinct sentences per language: three parts of the LOSI, the OSI weights, each by provenance.
      const provenanceLines = PROVENANCES.flatMap((p) => [...indicativeLines(translate, losiWith(p)).slice(1, 4), indicativeLines(translate, osiWith(p))[1]]);
      expect(new Set(provenanceLines).size).toBe(12);
    }
  });

  it('agree in French with their subjects', () => {
    const frenchFor = (provenance: MethodProvenance) => ({
      losi: indicativeLines(tFr, losiWith(provenance)).join('\n'),
      osi: indicativeLines(tFr, osiWith(provenance)).join('\n'),
    });
    const reconstructed = frenchFor('reconstructed');
    expect(reconstructed.losi).toContain('cette formule est reconstituée à partir de la documentation publique et n’est pas officielle.');
    expect(reconstructed.losi).toMatch(/Les niveaux \([^)]*\) sont reconstitués à partir de la documentation publique et ne sont pas officiels/);
    expect(reconstructed.losi).toContain('la correspondance entre les indicateurs de 2022 et les codes actuels est reconstituée à partir de la documentation publique et n’est pas officielle.');
    expect(reconstructed.osi).toContain('ces poids sont reconstitués à partir de la documentation publique et ne sont pas officiels');

    const verified = frenchFor('verified');
    expect(verified.losi).toContain('cette formule est établie par des sources officielles de l’ONU.');
    expect(verified.losi).toMatch(/Les niveaux \([^)]*\) sont établis par des sources officielles de l’ONU\./);
    expect(verified.losi).toContain('qui satisfaisaient alors chaque indicateur, telle qu’établie par des sources officielles de l’ONU.');
    expect(verified.osi).toContain('ces poids sont établis par des sources officielles de l’ONU.');

    const copied = frenchFor('third-party-copy');
    expect(copied.losi).toContain('cette formule est tirée d’une copie');
    expect(copied.losi).toMatch(/Les niveaux \([^)]*\) sont tirés d’une copie/);
    expect(copied.losi).toContain('telle que tirée d’une copie');
    expect(copied.osi).toContain('ces poids sont tirés d’une copie');

    // No masculine singular left after a feminine or plural subject.
    for (const text of [reconstructed, verified, copied].flatMap((f) => [f.losi, f.osi])) {
      expect(text).not.toMatch(/(formule est|sont|correspondance est) (reconstitué|établi|tiré)(?!\p{L})/u);
      expect(text).not.toMatch(/non officiel(?!\p{L})/u);
    }
  });

  it('say in English what is reconstructed in the bundled methods, as before', () => {
    const losi = indicativeLines(t, LOSI_2024_METHOD).join(' ');
    expect(losi).toContain('this formula is reconstructed from public documentation, not official.');
    expect(losi).toContain('are reconstructed from public documentation, not official; only the Very high bound is confirmed.');
    expect(losi).toContain('which 2022 indicator matches which current code is reconstructed from public documentation, not official.');
    expect(indicativeLines(t, OSI_2024_METHOD).join(' ')).toContain('the weights are reconstructed from public documentation, not official, so confirm them before relying on the result.');
  });
});
