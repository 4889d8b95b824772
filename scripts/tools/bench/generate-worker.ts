/** Piscina worker of scripts/tools/bench/generate-archive.ts: renders one planned deck, writes it, answers size and sha256. */
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { renderPlannedDeck, type RenderDone, type RenderJob } from './generate-archive.ts';

export default function renderDeck(job: RenderJob): RenderDone {
  const data = renderPlannedDeck(job.plan);
  mkdirSync(path.dirname(job.file), { recursive: true });
  const tmp = `${job.file}.tmp-${process.pid}-${threadId}`;
  writeFileSync(tmp, data);
  renameSync(tmp, job.file);
  return { bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
}
