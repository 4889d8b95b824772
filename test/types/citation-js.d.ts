/** citation-js ships no types; the tests use this much of it. */
declare module '@citation-js/core' {
  export class Cite {
    static async(data: unknown): Promise<Cite>;
    data: unknown[];
    format(format: string, options?: Record<string, unknown>): string;
  }
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
declare module '@citation-js/plugin-csl';
