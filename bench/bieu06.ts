/**
 * The physical baseline of the Biểu 06 benchmark: a bare GROUP BY over exactly the rows the product report
 * (src/server/modules/reports/, buildBieu06) reads for a period — same join, the scope predicate of
 * listReportDossiers (written with coalesce, which is the same condition) — counting only. The benchmark times the product report itself against it.
 */
export interface Period {
  /** Inclusive start instant (ISO, UTC). */
  start: string;
  /** Exclusive end instant (ISO, UTC). */
  end: string;
}

export function rawGroupBySql(p: Period): { text: string; params: string[] } {
  return {
    text: `select p.field, count(*) as n from dossier d join procedure p on p.id = d.procedure_id
           where d.received_at is not null and d.received_at < $1
             and (coalesce(d.result_ready_at, d.closed_at) is null or coalesce(d.result_ready_at, d.closed_at) >= $2)
           group by p.field order by p.field`,
    params: [p.end, p.start],
  };
}
