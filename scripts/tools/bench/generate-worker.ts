/** Worker of scripts/tools/bench/generate-archive.ts: renders one planned deck per message, writes it, answers size and sha256. */
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { renderPlannedDeck, type DeckPlan } from './generate-archive.ts';

parentPort?.on('message', (msg: { i: number; plan: DeckPlan; file: string }) => {
  const data = renderPlannedDeck(msg.plan);
  mkdirSync(path.dirname(msg.file), { recursive: true });
  const tmp = `${msg.file}.tmp-${process.pid}-${msg.i}`;
  writeFileSync(tmp, data);
  renameSync(tmp, msg.file);
  parentPort?.postMessage({ i: msg.i, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') });
});
