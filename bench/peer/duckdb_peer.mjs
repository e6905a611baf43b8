#!/usr/bin/env node
// The hvpat job as DuckDB SQL: the benchmark's peer (bench/README.md, issue #8).
//
//   node bench/peer/duckdb_peer.mjs --as-of 2025-12-31 --threads 2 --rules rules \
//        [--out verdicts.parquet] FILE...
//
// Reads the NDJSON dump, checks every line as spec/record-format.md says (JSON object,
// required fields and types, dates, words, holders and regions, pledges, awards,
// repeated member names at the top level), keeps the last valid occurrence of each id
// (file order, line order), applies validity and the five rules at D with the shipped
// rules files (high_value.ini parsed here; sei_ipc.tsv and awards.tsv loaded as tables;
// the concordance matched in SQL field by field), writes a table of verdicts (parquet)
// and prints one JSON object: run counters, national and per-province counts, seconds.
// Not part of the product; installed with `npm install` in bench/peer.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import path from 'node:path';

function parseArgs(argv) {
  const a = { asOf: '2025-12-31', threads: 2, rules: 'rules', out: null, files: [] };
  for (let i = 0; i < argv.length; ++i) {
    const k = argv[i];
    if (k === '--as-of') a.asOf = argv[++i];
    else if (k === '--threads') a.threads = Number(argv[++i]);
    else if (k === '--rules') a.rules = argv[++i];
    else if (k === '--out') a.out = argv[++i];
    else a.files.push(k);
  }
  if (!a.files.length) {
    console.error('usage: duckdb_peer.mjs [--as-of D] [--threads N] [--rules DIR] [--out FILE] FILE...');
    process.exit(2);
  }
  return a;
}

// high_value.ini as Boost.Program_options reads it: a key given replaces its default.
function readIni(file) {
  const defaults = {
    'rules.enabled': ['sei', 'overseas', 'maintained', 'pledge', 'award'],
    'validity.term_years': ['20'], 'maintained.years': ['10'], 'maintained.anchor': ['filing'],
    'pledge.threshold_cny': ['10000000'], 'pledge.apportion': ['share'],
    'overseas.domestic': ['CN', 'HK', 'MO', 'TW'],
    'award.accept': ['china_patent:gold', 'china_patent:silver', 'china_patent:excellence',
      'national_sci_tech:special', 'national_sci_tech:first', 'national_sci_tech:second'],
  };
  const given = {};
  let section = '';
  for (let line of readFileSync(file, 'utf8').split('\n')) {
    line = line.replace(/#.*/, '').trim();
    if (!line) continue;
    const s = line.match(/^\[(.*)\]$/);
    if (s) { section = s[1].trim(); continue; }
    const eq = line.indexOf('=');
    const key = `${section}.${line.slice(0, eq).trim()}`;
    (given[key] ??= []).push(line.slice(eq + 1).trim());
  }
  const v = { ...defaults, ...given };
  return {
    enabled: new Set(v['rules.enabled']), term: Number(v['validity.term_years'][0]),
    years: Number(v['maintained.years'][0]), anchor: v['maintained.anchor'][0],
    threshold: Number(v['pledge.threshold_cny'][0]), share: v['pledge.apportion'][0] === 'share',
    domestic: v['overseas.domestic'], accept: v['award.accept'],
  };
}

const q = (s) => `'${String(s).replaceAll("'", "''")}'`;
const list = (xs) => `[${xs.map(q).join(', ')}]`;

async function main() {
  const a = parseArgs(process.argv.slice(2));
  const cfg = readIni(path.join(a.rules, 'high_value.ini'));
  const D = `DATE ${q(a.asOf)}`;
  const start = process.hrtime.bigint();
  const db = await DuckDBInstance.create(':memory:', { threads: String(a.threads) });
  const c = await db.connect();
  // PEER_TIMING=1: the seconds of each statement on stderr.
  const run = async (sql) => {
    const t0 = process.hrtime.bigint();
    const r = await c.run(sql);
    if (process.env.PEER_TIMING) console.error(`${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(3)} s  ${sql.trim().split('\n')[0].slice(0, 60)}`);
    return r;
  };
  const all = async (sql) => (await c.runAndReadAll(sql)).getRowObjectsJson();
  await run(`SET threads = ${a.threads}`);
  await run(`SET preserve_insertion_order = true`);

  // A date: "YYYY-MM-DD" or YYYYMMDD; 0, null or absent: none. bad_date: present but not a date.
  await run(`CREATE MACRO pdate(t) AS CASE
      WHEN t IS NULL OR t = 'null' OR t = '0' THEN NULL
      WHEN regexp_full_match(t, '"[0-9]{4}-[0-9]{2}-[0-9]{2}"') THEN try_cast(substr(t, 2, 10) AS DATE)
      WHEN regexp_full_match(t, '[0-9]{8}') THEN try_cast(substr(t, 1, 4) || '-' || substr(t, 5, 2) || '-' || substr(t, 7, 2) AS DATE)
    END`);
  await run(`CREATE MACRO bad_date(t) AS NOT (t IS NULL OR t = 'null' OR t = '0') AND pdate(t) IS NULL`);
  await run(`CREATE MACRO is_str(t) AS t IS NOT NULL AND starts_with(t, '"')`);
  await run(`CREATE MACRO absent(t) AS t IS NULL OR t = 'null'`);
  await run(`CREATE MACRO jstr(t) AS CASE WHEN is_str(t) THEN t ->> '$' END`);
  await run(`CREATE MACRO is_int(t) AS regexp_full_match(t, '-?[0-9]+')`);
  await run(`CREATE MACRO is_num(t) AS regexp_full_match(t, '-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?')`);
  await run(`CREATE MACRO trim_sub(x) AS CASE WHEN length(rtrim(x, '0')) < 2 THEN left(x, 2) ELSE rtrim(x, '0') END`);

  // 1. Lines, in input order (rowid), each read as JSON with an explicit schema of the
  // fields of the record format (JSON-typed where the type must be checked).
  const files = `[${a.files.map(q).join(', ')}]`;
  const top = ['id', 'country', 'type', 'filing_date', 'grant_date', 'status', 'status_date', 'ipc', 'holders',
    'family_id', 'family', 'pledges', 'awards'];
  const schema = `{${top.map((k) => `"${k}":"JSON"`).join(',')}}`;
  await run(`CREATE TABLE line AS
    WITH l AS (
      SELECT line FROM read_csv(${files}, columns = {'line': 'VARCHAR'}, delim = E'\\x01',
        quote = '', escape = '', header = false, auto_detect = false, max_line_size = 67108864,
        compression = 'auto', null_padding = false, strict_mode = false)
    ), o AS (
      SELECT line, CASE WHEN json_valid(line) THEN starts_with(line, '{') OR starts_with(ltrim(line), '{') ELSE false END AS obj
      FROM l WHERE line IS NOT NULL AND line <> '' AND line <> E'\\r'
    )
    -- The top-level member names of the format, to find one given twice.
    SELECT obj,
      CASE WHEN obj THEN list_filter(json_keys(line), lambda k: list_contains(${list(top)}, k)) END AS keys,
      CASE WHEN obj THEN json_transform(line, '${schema}') END AS r
    FROM o`);

  // 2. Typed records and the validity of each line.
  await run(`CREATE TABLE rec AS
    WITH t AS (
      SELECT rowid AS rn, obj, len(keys) AS nkeys, len(list_distinct(keys)) AS dkeys, r.*,
        CASE WHEN starts_with(r.holders, '[') THEN from_json(r.holders, '[{"name":"JSON","country":"JSON","region":"JSON"}]') END AS h,
        CASE WHEN starts_with(r.ipc, '[') THEN from_json(r.ipc, '["JSON"]') END AS ipcj,
        CASE WHEN starts_with(r.family, '[') THEN from_json(r.family, '[{"id":"JSON","country":"JSON","granted":"JSON"}]') END AS fam,
        CASE WHEN starts_with(r.pledges, '[') THEN from_json(r.pledges, '[{"amount":"JSON","patents":"JSON","date":"JSON","released":"JSON"}]') END AS pl,
        CASE WHEN starts_with(r.awards, '[') THEN from_json(r.awards, '[{"award":"JSON","level":"JSON","year":"JSON"}]') END AS aw
      FROM line
    ), u AS (
      SELECT *, jstr(id) AS id_s, coalesce(jstr(country), left(jstr(id), 2)) AS office, jstr(type) AS type_s,
        jstr(status) AS status_s, pdate(filing_date) AS filing, pdate(grant_date) AS grant_d, pdate(status_date) AS status_d
      FROM t
    )
    SELECT rn, id_s AS id, office, type_s AS type, status_s AS status, filing, grant_d AS grant_date, status_d AS status_date,
      list_transform(ipcj, lambda x: x ->> '$') AS ipc, h, fam, pl, aw,
      CASE WHEN is_str(family_id) THEN nullif(family_id ->> '$', '') END AS family_id,
      coalesce(obj AND nkeys = dkeys
        AND is_str(id) AND id_s <> ''
        AND (absent(country) OR is_str(country))
        AND type_s IN ('invention', 'utility_model', 'design')
        AND filing IS NOT NULL AND NOT bad_date(filing_date) AND NOT bad_date(grant_date) AND NOT bad_date(status_date)
        AND status_s IN ('valid', 'lapsed', 'expired', 'invalidated', 'withdrawn', 'rejected', 'pending')
        AND NOT (status_s IN ('valid', 'lapsed', 'expired', 'invalidated') AND grant_d IS NULL)
        AND ipcj IS NOT NULL AND list_bool_and(list_transform(ipcj, lambda x: is_str(x))) IS NOT false
        AND len(h) > 0 AND list_bool_and(list_transform(h, lambda x: x IS NOT NULL AND is_str(x.name) AND is_str(x.country)
              AND NOT (coalesce(jstr(country), left(jstr(id), 2)) = 'CN' AND x.country = '"CN"'
                       AND NOT coalesce(regexp_full_match(x.region, '"[0-9]{6}"'), false))))
        AND (absent(family_id) OR is_str(family_id))
        AND (absent(family) OR (fam IS NOT NULL AND list_bool_and(list_transform(fam, lambda x: x IS NOT NULL
              AND is_str(x.id) AND is_str(x.country) AND x.granted IN ('true', 'false'))) IS NOT false))
        AND (absent(pledges) OR (pl IS NOT NULL AND list_bool_and(list_transform(pl, lambda x: x IS NOT NULL
              AND is_num(x.amount) AND (absent(x.patents) OR (is_int(x.patents) AND x.patents::HUGEINT >= 1))
              AND NOT bad_date(x.date) AND NOT bad_date(x.released))) IS NOT false))
        AND (absent(awards) OR (aw IS NOT NULL AND list_bool_and(list_transform(aw, lambda x: x IS NOT NULL
              AND is_str(x.award) AND is_str(x.level) AND is_int(x.year))) IS NOT false)), false) AS ok
    FROM u`);

  // 3. Last valid occurrence of each id wins.
  await run(`CREATE TABLE kept AS
    SELECT * EXCLUDE (ok) FROM rec WHERE ok QUALIFY row_number() OVER (PARTITION BY id ORDER BY rn DESC) = 1`);

  // 4. The concordance as a table of parsed patterns, matched field by field.
  await run(`CREATE TABLE sei_row AS
    SELECT row_number() OVER () AS row_ix, industry_code, row_id, include, exclude
    FROM read_csv(${q(path.join(a.rules, 'sei_ipc.tsv'))}, delim = '\t', header = false, auto_detect = false, quote = '',
      escape = '', columns = {'industry_code': 'VARCHAR', 'industry_name': 'VARCHAR', 'row_id': 'VARCHAR',
      'include': 'VARCHAR', 'exclude': 'VARCHAR'}, null_padding = true)
    WHERE industry_code <> 'industry_code' AND NOT starts_with(industry_code, '#') AND trim(industry_code) <> ''`);
  await run(`CREATE TABLE pat AS
    WITH pats AS (
      SELECT row_ix, industry_code, false AS excl, unnest(string_split(include, ' ')) AS p FROM sei_row
      UNION ALL
      SELECT row_ix, industry_code, true, unnest(string_split(coalesce(exclude, ''), ' ')) FROM sei_row
    ), parsed AS (SELECT *, ends_with(p, '*') AS star, rtrim(p, '*') AS t FROM pats WHERE p <> '')
    SELECT row_ix, industry_code, excl,
      CASE WHEN regexp_full_match(t, '[A-H][0-9]{2}') THEN 'C'
           WHEN regexp_full_match(t, '[A-H][0-9]{2}[A-Z]') THEN 'S'
           WHEN regexp_full_match(t, '[A-H][0-9]{2}[A-Z][0-9]{1,4}') THEN 'M'
           WHEN regexp_full_match(t, '[A-H][0-9]{2}[A-Z][0-9]{1,4}/[0-9]{1,6}') THEN CASE WHEN star THEN 'P' ELSE 'E' END
      END AS kind,
      left(t, 3) AS cls, left(t, 4) AS sc, try_cast(regexp_extract(t, '^....([0-9]+)', 1) AS INTEGER) AS mg,
      CASE WHEN star THEN regexp_extract(t, '/([0-9]+)$', 1) ELSE trim_sub(regexp_extract(t, '/([0-9]+)$', 1)) END AS sg
    FROM parsed`);
  // Symbols: the edition suffix dropped, then the spaced/compact or the 14-character form.
  await run(`CREATE TABLE sym AS
    WITH s AS (
      SELECT rn, ix, regexp_replace(ipc[ix], ' *[(（][0-9]{4}\\.[0-9]{2}[)）][IN]?$', '') AS s
      FROM (SELECT rn, ipc, generate_subscripts(ipc, 1) AS ix FROM kept)
    ), m AS (
      SELECT rn, ix,
        CASE WHEN regexp_full_match(s, '[A-H][0-9]{2}[A-Z][0-9]{10}')
             THEN {'sc': left(s, 4), 'mg': substr(s, 5, 4), 'sg': substr(s, 9, 6)}
             ELSE regexp_extract(s, '^([A-H][0-9]{2}[A-Z]) ?([0-9]{1,4})/([0-9]{2,6})$', ['sc', 'mg', 'sg'])
        END AS f
      FROM s
    )
    SELECT rn, ix, f.sc AS sc, f.mg::INTEGER AS mg, trim_sub(f.sg) AS sg FROM m WHERE f.sc <> ''`);
  await run(`CREATE TABLE sei AS
    WITH hit AS (
      SELECT s.rn, s.ix, p.row_ix, p.industry_code, p.excl FROM sym s JOIN pat p ON p.kind = 'C' AND p.cls = left(s.sc, 3)
      UNION ALL
      SELECT s.rn, s.ix, p.row_ix, p.industry_code, p.excl FROM sym s JOIN pat p ON p.kind = 'S' AND p.sc = s.sc
      UNION ALL
      SELECT s.rn, s.ix, p.row_ix, p.industry_code, p.excl FROM sym s JOIN pat p
        ON p.kind IN ('M', 'E', 'P') AND p.sc = s.sc AND p.mg = s.mg
        WHERE p.kind = 'M' OR (p.kind = 'E' AND p.sg = s.sg) OR (p.kind = 'P' AND starts_with(s.sg, p.sg))
    ), rowmatch AS (
      SELECT rn, industry_code FROM hit GROUP BY rn, ix, row_ix, industry_code HAVING bool_or(NOT excl) AND NOT bool_or(excl)
    )
    SELECT rn, list(DISTINCT industry_code ORDER BY industry_code) AS industries FROM rowmatch GROUP BY rn`);

  // 5. Side awards, family links, then every verdict at D.
  await run(`CREATE TABLE side_award AS
    SELECT id, award, level, year::INTEGER AS year
    FROM read_csv(${q(path.join(a.rules, 'awards.tsv'))}, delim = '\t', header = false, auto_detect = false, quote = '',
      escape = '', columns = {'id': 'VARCHAR', 'award': 'VARCHAR', 'level': 'VARCHAR', 'year': 'VARCHAR'}, null_padding = true)
    WHERE id <> 'id' AND NOT starts_with(id, '#') AND trim(id) <> ''`);
  const dom = list(cfg.domestic);
  await run(`CREATE TABLE member AS
    SELECT family_id, count(*) AS n FROM kept
    WHERE family_id IS NOT NULL AND office <> 'CN' AND NOT list_contains(${dom}, office) AND type = 'invention'
      AND grant_date IS NOT NULL AND grant_date <= ${D}
    GROUP BY family_id`);
  const on = (r, sql) => (cfg.enabled.has(r) ? `(${sql})` : 'false');
  const anchor = cfg.anchor === 'grant' ? 'k.grant_date' : 'k.filing';
  const pledgeCmp = cfg.share ? `x.amount::DOUBLE >= ${cfg.threshold} * coalesce(x.patents::DOUBLE, 1)`
    : `x.amount::DOUBLE >= ${cfg.threshold}`;
  const accepted = (award, level, year) => `(list_contains(${list(cfg.accept)}, ${award} || ':' || ${level}) AND ${year} <= year(${D}))`;
  await run(`CREATE TABLE verdict AS
    WITH v AS (
      SELECT k.id, k.rn,
        CASE WHEN k.h[1].country = '"CN"' THEN
          CASE WHEN regexp_full_match(k.h[1].region, '"[0-9]{6}"') THEN substr(k.h[1].region, 2, 6) ELSE '' END END AS region,
        (k.office = 'CN' AND k.type = 'invention' AND k.grant_date IS NOT NULL AND k.grant_date <= ${D}
          AND ${D} < k.filing + to_years(${cfg.term})
          AND k.status NOT IN ('pending', 'rejected')
          AND NOT (k.status IN ('lapsed', 'expired', 'invalidated', 'withdrawn') AND NOT coalesce(k.status_date > ${D}, false))) AS valid,
        coalesce(s.industries, []) AS industries,
        ${on('sei', 's.industries IS NOT NULL')} AS sei,
        ${on('overseas', `coalesce(list_bool_or(list_transform(k.fam, lambda x: x.granted = 'true' AND NOT list_contains(${dom}, x.country ->> '$'))), false)
          OR coalesce(m.n - CASE WHEN k.office <> 'CN' AND NOT list_contains(${dom}, k.office) AND k.type = 'invention'
                AND k.grant_date IS NOT NULL AND k.grant_date <= ${D} THEN 1 ELSE 0 END, 0) > 0`)} AS overseas,
        ${anchor} AS anchor,
        ${on('pledge', `coalesce(list_bool_or(list_transform(k.pl, lambda x: pdate(x.date) IS NOT NULL AND pdate(x.date) <= ${D} AND ${pledgeCmp})), false)`)} AS pledge,
        ${on('award', `coalesce(list_bool_or(list_transform(k.aw, lambda x: ${accepted("(x.award ->> '$')", "(x.level ->> '$')", 'x.year::BIGINT')})), false)
          OR EXISTS (SELECT 1 FROM side_award w WHERE w.id = k.id AND ${accepted('w.award', 'w.level', 'w.year')})`)} AS award
      FROM kept k LEFT JOIN sei s USING (rn) LEFT JOIN member m ON m.family_id = k.family_id
    )
    SELECT id, region, valid, industries, sei, overseas,
      ${on('maintained', `valid AND anchor IS NOT NULL AND ${D} > anchor + to_years(${cfg.years})`)} AS maintained, pledge, award,
      valid AND (sei OR overseas OR ${on('maintained', `valid AND anchor IS NOT NULL AND ${D} > anchor + to_years(${cfg.years})`)} OR pledge OR award) AS high_value
    FROM v`);
  if (a.out) await run(`COPY verdict TO ${q(a.out)} (FORMAT parquet)`);

  // 6. Counts: nation (domestic first holder) and provinces.
  const counts = `count(*) FILTER (valid) AS valid_inventions, count(*) FILTER (high_value) AS high_value,
    ${['sei', 'overseas', 'maintained', 'pledge', 'award'].map((r) => (cfg.enabled.has(r)
    ? `count(*) FILTER (valid AND ${r}) AS ${r}` : `NULL AS ${r}`)).join(', ')}`;
  const shape = (row) => ({
    valid_inventions: Number(row.valid_inventions), high_value: Number(row.high_value),
    by_rule: Object.fromEntries(['sei', 'overseas', 'maintained', 'pledge', 'award'].map((r) => [r, row[r] === null ? null : Number(row[r])])),
  });
  const [nation] = await all(`SELECT ${counts} FROM verdict WHERE region IS NOT NULL`);
  const provinces = {};
  for (const row of await all(`SELECT left(region, 2) || '0000' AS province, ${counts} FROM verdict
      WHERE region IS NOT NULL AND region <> '' GROUP BY 1 ORDER BY 1`)) provinces[row.province] = shape(row);
  const [run_] = await all(`SELECT count(*) AS lines_read, count(*) FILTER (ok) AS ok,
      (SELECT count(*) FROM kept) AS indexed FROM rec`);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const lines = Number(run_.lines_read), ok = Number(run_.ok), indexed = Number(run_.indexed);
  console.log(JSON.stringify({
    peer: 'duckdb', version: (await all('SELECT version() AS v'))[0].v, threads: a.threads, as_of: a.asOf,
    lines_read: lines, indexed, quarantined: lines - ok, duplicates_replaced: ok - indexed,
    nation: shape(nation), provinces, seconds,
  }));
}

main().catch((e) => { console.error(`duckdb_peer: ${e.message}`); process.exit(3); });
