// bench/duckdb.mjs — the DuckDB peer of `make bench`: the work of jz-hours, jz-validate and
// jz-score done in SQL over the same generated files, with DuckDB's Node API
// (@duckdb/node-api, installed by bench/run.sh into BUILD/bench/duckdb, never needed by
// `make check`).
//
// Usage: node bench/duckdb.mjs JOB RECORDS CONTRACTS ROSTER [JIAZONG-OUTPUT]
//   JOB hours     hours per centre, counted staff only, one scan with sum() FILTER per
//                 check kind, joined to the roster's counted staff and the contract period
//   JOB validate  the record checks jz-validate makes on a records file: a typed read of
//                 every column, required cells, enumerations, ranges, end after start,
//                 hours against end - start, day totals over 12 h, duplicate ids and rows
//                 (GROUP BY ... HAVING count(*) > 1), overlaps (lag(end) OVER (PARTITION BY
//                 staff, date ORDER BY start))
//   JOB score     the per-centre aggregates of the unified rubric that come from records
// Prints the result as CSV. With JIAZONG-OUTPUT (jz-hours --format csv, jz-validate's
// text, jz-score --format json of the same files) it compares the figures instead and
// exits 1 when they differ: a peer is timed only once it is known to do the same work.
// The kinds, modes and places below are those of rubrics/rules/guangzhou-hours.yaml and
// rubrics/guangzhou-unified.yaml, and the enumerations those of jiazong-records(5).
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';

const [job, records, contracts, roster, against] = process.argv.slice(2);
if (!job || !records || !contracts || !roster) {
    console.error('usage: node bench/duckdb.mjs hours|validate|score RECORDS CONTRACTS ROSTER [JIAZONG-OUTPUT]');
    process.exit(2);
}
const q = (s) => "'" + s.replace(/'/g, "''") + "'";
const SERVICE = "('case', 'group', 'community', 'visit', 'consult')";
const RECORD_TYPES = `{'record_id': 'VARCHAR', 'centre': 'VARCHAR', 'date': 'DATE', 'start': 'TIME',
    'end': 'TIME', 'staff': 'VARCHAR', 'activity': 'VARCHAR', 'kind': 'VARCHAR', 'mode': 'VARCHAR',
    'place': 'VARCHAR', 'target': 'VARCHAR', 'client': 'VARCHAR', 'participants': 'BIGINT',
    'hours': 'DECIMAL(12,2)', 'volunteers': 'BIGINT', 'volunteer_hours': 'DECIMAL(12,2)', 'note': 'VARCHAR',
    'entered_at': 'TIMESTAMP', 'modified_at': 'TIMESTAMP'}`;
const rec = `read_csv(${q(records)}, header = true, delim = ',', quote = '"', escape = '"', columns = ${RECORD_TYPES})`;
const csv = (f) => `read_csv(${q(f)}, header = true, all_varchar = true)`;

// NAME AS (centre, v): the sum of COLUMN over the rows matching WHERE, once per activity.
const onceSum = (name, column, where) => `${name} AS (SELECT centre, sum(x) AS v FROM (
    SELECT centre, arg_min_null(${column}, rn) AS x FROM r WHERE (${where}) AND activity IS NOT NULL GROUP BY centre, activity
    UNION ALL SELECT centre, ${column} FROM r WHERE (${where}) AND activity IS NULL) GROUP BY centre)`;

const SQL = {
    hours: [`
SELECT r.centre,
       sum(r.hours) FILTER (WHERE r.kind IN ${SERVICE}) AS service,
       sum(r.hours) FILTER (WHERE r.kind IN ${SERVICE} AND r.mode = 'direct') AS direct,
       sum(r.hours) FILTER (WHERE r.kind = 'training') AS training,
       sum(r.hours) FILTER (WHERE r.kind = 'supervision') AS supervision,
       sum(r.hours) FILTER (WHERE r.kind IN ${SERVICE} AND r.place IN ('community', 'home')) AS outreach
FROM ${rec} r
JOIN ${csv(contracts)} k ON k.centre = r.centre AND r.date BETWEEN CAST(k.start AS DATE) AND CAST(k."end" AS DATE)
JOIN (SELECT staff, centre FROM ${csv(roster)} WHERE counted = 'yes') s ON s.staff = r.staff AND s.centre = r.centre
GROUP BY r.centre ORDER BY r.centre`],
    validate: [`CREATE TEMP TABLE r AS SELECT * FROM ${rec}`, `
SELECT
  (SELECT count(*) FROM r WHERE record_id IS NULL OR centre IS NULL OR date IS NULL OR staff IS NULL
                            OR kind IS NULL) AS required,
  (SELECT count(*) FROM r WHERE kind NOT IN ('case', 'group', 'community', 'visit', 'consult', 'training',
                                             'supervision', 'admin')
                            OR mode NOT IN ('direct', 'indirect')
                            OR place NOT IN ('centre', 'community', 'home', 'online', 'other')
                            OR target NOT IN ('elderly', 'youth', 'children', 'family', 'disabled', 'migrant',
                                              'community', 'other')) AS bad_enum,
  (SELECT count(*) FROM r WHERE participants < 0 OR volunteers < 0 OR hours < 0 OR hours > 24
                            OR volunteer_hours < 0) AS out_of_range,
  (SELECT count(*) FROM r WHERE "end" <= start) AS time_order,
  (SELECT count(*) FROM r WHERE hours * 60 <> date_diff('minute', start, "end")) AS hours_mismatch,
  (SELECT count(*) FROM (SELECT staff, date FROM r GROUP BY staff, date
                         HAVING sum(coalesce(hours * 60, date_diff('minute', start, "end"))) > 12 * 60)) AS long_day,
  (SELECT count(*) FROM (SELECT centre, record_id FROM r GROUP BY centre, record_id HAVING count(*) > 1)) AS duplicate_id,
  (SELECT count(*) FROM (SELECT centre, staff, date, start, kind, client FROM r
                         GROUP BY centre, staff, date, start, kind, client HAVING count(*) > 1)) AS duplicate_row,
  (SELECT count(*) FROM (SELECT start < lag("end") OVER (PARTITION BY staff, date ORDER BY start) AS o
                         FROM r WHERE start IS NOT NULL) WHERE o) AS overlap,
  (SELECT count(*) FROM r) AS rows`],
    score: [`
WITH r AS MATERIALIZED (
  SELECT r.centre, r.kind, r.mode, r.place, r.target, r.client, r.activity, r.participants, r.hours,
         r.volunteers, r.volunteer_hours, s.staff IS NOT NULL AS counted, r.rn
  FROM (SELECT *, row_number() OVER () AS rn FROM ${rec}) r
  LEFT JOIN (SELECT staff, centre FROM ${csv(roster)} WHERE counted = 'yes') s
         ON s.staff = r.staff AND s.centre = r.centre),
cases AS (SELECT centre, count(*) FILTER (WHERE n >= 6) AS cases
          FROM (SELECT centre, client, count(*) AS n FROM r
                WHERE kind = 'case' AND mode = 'direct' AND client IS NOT NULL GROUP BY centre, client)
          GROUP BY centre),
-- participants, volunteers and volunteer hours describe an activity and repeat on each of
-- its rows: counted once per activity id, from the first row the filter matches
-- (jiazong-rubric(5)); a row without an activity id counts on its own
${onceSum('attendances', 'participants', "mode = 'direct'")},
${onceSum('volunteers', 'volunteers', "kind = 'community' AND mode = 'direct'")},
${onceSum('volunteer_hours', 'volunteer_hours', "kind = 'community' AND mode = 'direct'")},
groups AS (SELECT centre, count(*) FILTER (WHERE sessions >= 6 AND attendances >= 42) AS groups
           FROM (SELECT centre, regexp_replace(activity, '-[^-]*$', '') AS g, count(*) AS sessions,
                        sum(participants) AS attendances
                 FROM (SELECT centre, activity, arg_min_null(participants, rn) AS participants FROM r
                       WHERE kind = 'group' AND mode = 'direct' AND activity IS NOT NULL GROUP BY centre, activity)
                 GROUP BY centre, g)
           GROUP BY centre),
agg AS (SELECT centre,
  sum(hours) FILTER (WHERE counted AND kind IN ${SERVICE}) AS service,
  sum(hours) FILTER (WHERE counted AND kind IN ${SERVICE} AND mode = 'direct') AS direct,
  sum(hours) FILTER (WHERE counted AND kind = 'training') AS training,
  sum(hours) FILTER (WHERE counted AND kind = 'supervision') AS supervision,
  sum(hours) FILTER (WHERE kind IN ${SERVICE} AND place IN ('community', 'home')) AS outreach_all,
  sum(hours) FILTER (WHERE kind IN ${SERVICE}) AS service_all,
  sum(hours) FILTER (WHERE kind IN ${SERVICE} AND mode = 'direct') AS direct_all,
  count(DISTINCT activity) FILTER (WHERE kind = 'group' AND mode = 'direct') AS group_sessions,
  count(DISTINCT activity) FILTER (WHERE kind = 'community' AND mode = 'direct') AS community,
  count(DISTINCT activity) FILTER (WHERE kind = 'community' AND mode = 'direct' AND participants >= 200) AS large_events,
  count(*) FILTER (WHERE kind = 'visit' AND mode = 'direct' AND place = 'home'
                   AND target IN ('elderly', 'disabled')) AS home_visits
  FROM r GROUP BY centre)
SELECT agg.*, attendances.v AS attendances, volunteers.v AS volunteers, volunteer_hours.v AS volunteer_hours,
       coalesce(cases.cases, 0) AS cases, coalesce(groups.groups, 0) AS groups
FROM agg LEFT JOIN attendances USING (centre) LEFT JOIN volunteers USING (centre)
     LEFT JOIN volunteer_hours USING (centre) LEFT JOIN cases USING (centre) LEFT JOIN groups USING (centre)
ORDER BY centre`],
};
if (!SQL[job]) {
    console.error(`duckdb.mjs: unknown job ${job}`);
    process.exit(2);
}

const db = await DuckDBInstance.create(':memory:', { threads: '2' });
const con = await db.connect();
let result;
for (const sql of SQL[job])
    result = await con.runAndReadAll(sql);
const names = result.columnNames();
const rows = result.getRowsJS().map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]])));
const num = (v) => (v === null || v === undefined ? 0 : Number(v));

if (!against) {
    console.log(names.join(','));
    for (const r of rows)
        console.log(names.map((n) => (r[n] === null ? '' : String(r[n]))).join(','));
    process.exit(0);
}

// ---- agreement with jiazong's output ----
const text = readFileSync(against, 'utf8');
const differ = [];
const same = (what, a, b, tol = 1e-6) => {
    if (Math.abs(num(a) - num(b)) > tol)
        differ.push(`${what}: duckdb ${a}, jiazong ${b}`);
};
if (job === 'hours') {
    // jz-hours --format csv: contract,centre,check,required_hours,delivered_hours,...
    const got = {};
    for (const line of text.split('\n').slice(1)) {
        const f = line.split(',');
        if (f.length > 4)
            (got[f[1]] ??= {})[f[2]] = Number(f[4]);
    }
    const checks = { service: 'service_hours', direct: 'direct_hours', training: 'training_hours',
                     supervision: 'supervision_hours', outreach: 'outreach_share' };
    for (const r of rows)
        for (const [col, check] of Object.entries(checks))
            same(`${r.centre} ${check}`, r[col], got[r.centre]?.[check]);
    if (rows.length !== Object.keys(got).length)
        differ.push(`centres: duckdb ${rows.length}, jiazong ${Object.keys(got).length}`);
} else if (job === 'validate') {
    // jz-validate's text: "total: 1 file, N rows, E errors, W warnings"
    const m = /total: 1 file, (\d+) rows, (\d+) errors, (\d+) warnings/.exec(text);
    if (!m)
        differ.push('no total line in the jz-validate output');
    else {
        const r = rows[0];
        const found = names.filter((n) => n !== 'rows').reduce((s, n) => s + num(r[n]), 0);
        same('rows', r.rows, m[1]);
        same('problems found', found, Number(m[2]) + Number(m[3]));
    }
} else {
    // jz-score --format json: hours in minutes, indicator values
    const doc = JSON.parse(text);
    const by = Object.fromEntries(doc.centres.map((c) => [c.centre, c]));
    // an indicator's value; when it is n/a (no target), the figure its derivation starts with
    // (shown to one decimal: compared to within 0.05)
    const shown = (c, id) => Math.abs(num(ind(c, id)) - Math.round(num(ind(c, id)))) > 1e-9 ? 0.05 + 1e-9 : 1e-6;
    const ind = (c, id) => {
        const i = c.indicators.find((x) => x.id === id);
        if (!i || i.value !== null)
            return i?.value;
        const m = /^([0-9][0-9,.]*)/.exec(i.derivation);
        return m ? Number(m[1].replace(/,/g, '')) : undefined;
    };
    const hrs = (c, check) => num(c.hours.find((h) => h.check === check)?.delivered) / 60;
    for (const r of rows) {
        const c = by[r.centre];
        if (!c) {
            differ.push(`${r.centre}: not in jz-score's output`);
            continue;
        }
        same(`${r.centre} service_hours`, r.service, hrs(c, 'service_hours'));
        same(`${r.centre} direct_hours`, r.direct, hrs(c, 'direct_hours'));
        same(`${r.centre} training_hours`, r.training, hrs(c, 'training_hours'));
        same(`${r.centre} supervision_hours`, r.supervision, hrs(c, 'supervision_hours'));
        same(`${r.centre} outreach_all_staff`, Math.round(num(r.outreach_all) / num(r.service_all) * 1e4) / 1e4,
             ind(c, 'outreach_all_staff'));
        same(`${r.centre} q_direct_share`, Math.round(num(r.direct_all) / num(r.service_all) * 1e4) / 1e4,
             ind(c, 'q_direct_share'));
        same(`${r.centre} out_cases`, r.cases, ind(c, 'out_cases'));
        same(`${r.centre} out_groups`, r.groups, ind(c, 'out_groups'));
        same(`${r.centre} out_community`, r.community, ind(c, 'out_community'));
        same(`${r.centre} out_large_events`, r.large_events, ind(c, 'out_large_events'));
        same(`${r.centre} out_home_visits`, r.home_visits, ind(c, 'out_home_visits'));
        same(`${r.centre} out_attendances`, r.attendances, ind(c, 'out_attendances'));
        same(`${r.centre} out_volunteers`, r.volunteers, ind(c, 'out_volunteers'));
        same(`${r.centre} out_volunteer_hours`, r.volunteer_hours, ind(c, 'out_volunteer_hours'),
             shown(c, 'out_volunteer_hours'));
        same(`${r.centre} out_group_sessions`, r.group_sessions, ind(c, 'out_group_sessions'));
    }
    if (rows.length !== doc.centres.length)
        differ.push(`centres: duckdb ${rows.length}, jiazong ${doc.centres.length}`);
}
if (differ.length) {
    console.error(`duckdb ${job}: ${differ.length} figures differ from jiazong's, e.g.:`);
    for (const d of differ.slice(0, 5))
        console.error(`  ${d}`);
    process.exit(1);
}
console.log(`duckdb ${job}: agrees with jiazong (${rows.length} result rows)`);
