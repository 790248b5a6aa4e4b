// `npm run bench operations`: the operations centre's figures (issue 14) — sensor ingestion over MQTT
// with the rules evaluated (operations-ingest.ts) and the leader's view over a year of data
// (operations-leader.ts), each against its own baseline measured in the same run.
import type { Bench } from './harness.ts';
import { ingestionBench } from './operations-ingest.ts';
import { leaderViewBench } from './operations-leader.ts';

export const operationsBench: Bench = async () => {
  const ingestion = await ingestionBench();
  const leader = await leaderViewBench();
  return {
    name: 'operations',
    figures: [...ingestion.figures, ...leader.figures],
    baseline: [...(ingestion.baseline ?? []), ...(leader.baseline ?? [])],
    notes: [ingestion.notes, leader.notes].filter(Boolean).join('\n\n'),
  };
};
