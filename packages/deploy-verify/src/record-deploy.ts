import { countUnsent, type DeployRecord, HistoryStore, sendToDatabase } from '@shipwatch/core'

/**
 * Keeps a deploy record: in the history folder, then, with SHIPWATCH_HISTORY_URL, in the team's database (unreachable,
 * it waits in unsent.jsonl for the next run or `build-metrics history sync`; the verdict stands either way).
 */
export async function recordDeploy(
  record: DeployRecord,
  options: { cwd: string; dir: string | undefined; env: NodeJS.ProcessEnv; warn(message: string): void },
): Promise<void> {
  const store = new HistoryStore({ root: options.cwd, dir: options.dir })
  await store.append(record)
  const url = options.env.SHIPWATCH_HISTORY_URL
  if (!url) return
  const result = await sendToDatabase(url, store.dir, record)
  if (result.failure)
    options.warn(
      `could not send the deploy record to the history database (${result.failure}); ${countUnsent(store.dir)} record(s) wait in unsent.jsonl`,
    )
}
