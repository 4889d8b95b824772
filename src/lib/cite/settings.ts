/**
 * Settings of the whole archive, written once in content/site.yaml: the public
 * address (canonical links, citations, sitemap, feed) and the default rights
 * statement. IW_SITE (or `npm run build -- --site URL`) overrides the address
 * for a mirror served elsewhere.
 */
import { parse as parseYaml } from 'yaml';
import { problemsFromZod, type Problem } from '../problems.ts';
import { siteSettingsSchema, type SiteSettings } from '../schema.ts';

export const SETTINGS_FILE = 'site.yaml';

export interface LoadedSettings {
  settings: SiteSettings;
  problems: Problem[];
}

/** Parses content/site.yaml; a broken file leaves the defaults (no address, no rights statement) and says why. */
export function parseSiteSettings(source: string | undefined, file: string, override?: string): LoadedSettings {
  const problems: Problem[] = [];
  let settings: SiteSettings = {};
  if (source !== undefined) {
    let data: unknown;
    try {
      data = parseYaml(source) ?? {};
    } catch (error) {
      problems.push({ file, kind: 'front-matter', message: `expected YAML; ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}` });
    }
    if (data !== undefined) {
      const result = siteSettingsSchema.safeParse(data);
      if (result.success) settings = result.data;
      else problems.push(...problemsFromZod(file, result.error, data));
    }
  }
  if (override) {
    const result = siteSettingsSchema.shape.url.safeParse(override.endsWith('/') ? override : `${override}/`);
    if (result.success && result.data) settings = { ...settings, url: result.data };
    else problems.push({ file: 'IW_SITE', kind: 'schema', message: `expected an http(s) address for the site; found ${JSON.stringify(override)}` });
  }
  return { settings, problems };
}

/** The public absolute URL of a site path, or undefined when no address is set. */
export function absoluteUrl(settings: SiteSettings, sitePath: string): string | undefined {
  return settings.url ? new URL(sitePath.replace(/^\/+/u, ''), settings.url).href : undefined;
}

/** The rights statement that applies: the file's, else the event's, else the archive's default; null when none is known. */
export function rightsOf(settings: SiteSettings, event: { rights?: string | undefined } | undefined, material?: { rights?: string | undefined }): string | null {
  return material?.rights ?? event?.rights ?? settings.rights ?? null;
}
