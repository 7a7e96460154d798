// The module build/vite-plugin-questionnaires.ts makes while the app is built (and under vitest).
declare module 'virtual:bundled-questionnaires' {
  /** One built-in definition: its summary, made at build time, and its text, fetched when asked for. */
  export interface BundledQuestionnaire {
    /** `questionnaires/<slug>/questionnaire.json`, as problems name it. */
    readonly file: string;
    readonly summary: import('../shared/questionnaire/edition-summary').EditionSummary;
    /** The file's text, a chunk of its own, fetched on the first call. */
    text(): Promise<string>;
  }
  export const bundledQuestionnaires: readonly BundledQuestionnaire[];
}
