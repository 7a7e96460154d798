import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import '../../../shared/zod-setup';

/**
 * The app runs under a CSP without eval, so zod must never try `new Function` (its JIT probe, which
 * Chromium reports as a violation). renderer/src/boot.ts sets jitless through the global object zod
 * keeps its settings in, before any zod code is loaded; shared/zod-setup.ts through z.config. Both
 * must land on the same settings.
 */
describe('zod in jitless mode', () => {
  it('keeps its settings in globalThis.__zod_globalConfig, the object boot.ts sets before zod loads', () => {
    const global = (globalThis as { __zod_globalConfig?: unknown }).__zod_globalConfig;
    expect(z.config()).toBe(global);
    expect(z.config().jitless).toBe(true);
  });

  it('parses objects without ever constructing a Function', () => {
    const original = globalThis.Function;
    let constructed = 0;
    globalThis.Function = new Proxy(original, {
      construct(target, args: unknown[]) {
        constructed += 1;
        return Reflect.construct(target, args) as object;
      },
      apply(target, self, args: unknown[]) {
        constructed += 1;
        return Reflect.apply(target, self, args) as unknown;
      },
    });
    try {
      const schema = z.object({ id: z.string(), items: z.array(z.object({ n: z.number() })) });
      expect(schema.parse({ id: 'a', items: [{ n: 1 }, { n: 2 }] })).toEqual({ id: 'a', items: [{ n: 1 }, { n: 2 }] });
      expect(constructed).toBe(0);
    } finally {
      globalThis.Function = original;
    }
  });
});
