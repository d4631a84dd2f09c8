/**
 * The physical baseline of the Biểu 06 benchmark: a bare GROUP BY over exactly the rows the product report
 * (src/server/modules/reports/, buildBieu06) counts for a period — same join, same scope — counting only.
 * The benchmark times the product report itself against it.
 */
export interface Period {
  /** Inclusive start instant (ISO, UTC). */
  start: string;
  /** Exclusive end instant (ISO, UTC). */
  end: string;
}

/**
 * The baseline: the fastest bare count of the in-scope rows per field on the same schema. It reads the
 * covering index `dossier_report` (migration 0070) the product reads, as two disjoint ranges of it (finished
 * since the start; not finished), so that the ratio measures what the report adds (classifying every row in
 * two views, the 4-key grouping), not what the index saves.
 */
export function rawGroupBySql(p: Period): { text: string; params: string[] } {
  return {
    text: `select p.field, count(*) as n
           from (select procedure_id from dossier where finished_at >= $2 and received_at < $1
                 union all select procedure_id from dossier where finished_at is null and received_at < $1) d
           join procedure p on p.id = d.procedure_id
           group by p.field order by p.field`,
    params: [p.end, p.start],
  };
}

/**
 * The same count written on the columns the report used before migration 0070 (`coalesce(result_ready_at,
 * closed_at)`, which no index serves): reported beside the ratio, for comparison with earlier runs.
 */
export function rawGroupByLegacySql(p: Period): { text: string; params: string[] } {
  return {
    text: `select p.field, count(*) as n from dossier d join procedure p on p.id = d.procedure_id
           where d.received_at is not null and d.received_at < $1
             and (coalesce(d.result_ready_at, d.closed_at) is null or coalesce(d.result_ready_at, d.closed_at) >= $2)
           group by p.field order by p.field`,
    params: [p.end, p.start],
  };
}
