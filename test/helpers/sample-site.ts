/**
 * The bundled sample archive, built once per test run (vitest globalSetup of the integration
 * project) and shared read-only by every suite that only looks at it. A suite that changes a
 * site builds its own with buildSite().
 */
import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';
import { buildSite, type BuiltSite } from './build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    sampleSite: BuiltSite;
  }
}

export default function setup(project: TestProject): void {
  project.provide('sampleSite', buildSite());
}

export function sampleSite(): BuiltSite {
  return inject('sampleSite');
}
