/**
 * The history's tables, one version at a time. Applied in order by `build-metrics db migrate`, each in its own
 * transaction with its row in `shipwatch_migrations`; a build only checks that none is pending.
 */
export interface Migration {
  version: number
  name: string
  sql: string
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'records',
    sql: `
      create table shipwatch_records (
        id text primary key,
        kind text not null check (kind in ('build', 'deploy')),
        project text not null,
        repository text,
        branch text,
        sha text,
        -- build: succeeded | failed; deploy: pass | fail
        outcome text not null,
        -- build: cold | watch; deploy: null
        build_kind text,
        created_at timestamptz not null,
        schema_version integer not null,
        record jsonb not null
      );
      create index shipwatch_records_project on shipwatch_records (repository, project, created_at);
      create index shipwatch_records_sha on shipwatch_records (sha);
      create index shipwatch_records_branch on shipwatch_records (repository, project, branch, created_at);
    `,
  },
  {
    version: 2,
    name: 'series columns',
    // What picks a build's series and baseline, as columns the record fills itself (existing rows too), so the
    // baseline and window queries filter without opening the record; indexes for a report without --repository.
    // `point`: a build's chart source (`chartSource`), written with the record; `db migrate` fills it for older rows.
    sql: `
      alter table shipwatch_records
        add column bundler text generated always as (record->'bundler'->>'name') stored,
        add column target text generated always as (record->>'target') stored,
        add column mode text generated always as (record->>'mode') stored,
        add column environment text generated always as (record->>'environment') stored,
        add column point jsonb;
      -- A series in time order from the index alone (count, positions, newest candidates).
      create index shipwatch_records_series on shipwatch_records
        (project, bundler, target, mode, environment, build_kind, created_at, id)
        include (kind, repository, outcome, branch);
      create index shipwatch_records_project_kind on shipwatch_records (project, kind, created_at);
      create index shipwatch_records_time on shipwatch_records (created_at);
    `,
  },
]

export const LATEST_MIGRATION = MIGRATIONS.at(-1)!.version
