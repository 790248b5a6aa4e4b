// Open data (issue 15, item 8): the portal's datasets, described with DCAT terms (title, description,
// publisher, licence, modified, distributions) and served as CSV and JSON from the live tables on every
// request, so a download is never older than the data.
import { asc, desc, eq, max } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { type Table, tableCsv } from '../../platform/spreadsheet.ts';
import { searchProcedures } from '../services/index.ts';
import { investmentFigures, legalDocuments, parks, projects, questions } from './tables.ts';

/** The licence of every dataset *(confirm with the city's open-data policy)*. */
export const OPEN_DATA_LICENCE = {
  name: 'Creative Commons Attribution 4.0 (CC BY 4.0)',
  url: 'https://creativecommons.org/licenses/by/4.0/',
};

export const DATASETS = [
  'investment-projects',
  'industrial-parks',
  'investment-figures',
  'legal-documents',
  'procedures',
  'questions-answered',
] as const;
export type DatasetId = (typeof DATASETS)[number];

/** Keywords and theme per dataset (the words are in the locale files: `od.<id>.title`, `.description`). */
export const DATASET_THEMES: Record<DatasetId, string> = {
  'investment-projects': 'ECON',
  'industrial-parks': 'ECON',
  'investment-figures': 'ECON',
  'legal-documents': 'JUST',
  procedures: 'GOVE',
  'questions-answered': 'GOVE',
};

export interface DatasetData {
  table: Table;
  /** the newest change of the data, when the rows have dates */
  modified: Date | null;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** A dataset's rows as they are now. */
export async function datasetData(db: DbOrTx, id: DatasetId): Promise<DatasetData> {
  switch (id) {
    case 'investment-projects': {
      const rows = await db.select().from(projects).orderBy(asc(projects.code));
      return {
        modified: rows.reduce<Date | null>((m, r) => (!m || r.updatedAt > m ? r.updatedAt : m), null),
        table: {
          title: id,
          headers: [
            'code',
            'name_vi',
            'name_en',
            'sector',
            'commune_code',
            'commune_name',
            'longitude',
            'latitude',
            'land_area_m2',
            'land_status',
            'capital_vnd',
            'capital_usd',
            'investment_form',
            'status',
            'updated_at',
          ],
          rows: rows.map((p) => [
            p.code,
            p.texts.vi?.name ?? '',
            p.texts.en?.name ?? '',
            p.sector,
            p.communeCode,
            p.communeName,
            p.lng,
            p.lat,
            p.landAreaM2,
            p.landStatus,
            p.capitalVnd,
            p.capitalUsd,
            p.investmentForm,
            p.status,
            iso(p.updatedAt),
          ]),
        },
      };
    }
    case 'industrial-parks': {
      const rows = await db.select().from(parks).orderBy(asc(parks.code));
      return {
        modified: null,
        table: {
          title: id,
          headers: [
            'code',
            'name_vi',
            'name_en',
            'commune_code',
            'commune_name',
            'area_ha',
            'available_ha',
            'occupancy_pct',
            'price_usd_m2',
          ],
          rows: rows.map((k) => [
            k.code,
            k.names.vi ?? '',
            k.names.en ?? '',
            k.communeCode,
            k.communeName,
            k.areaHa100 / 100,
            k.availableHa100 / 100,
            k.occupancyPct,
            k.priceUsdM2,
          ]),
        },
      };
    }
    case 'investment-figures': {
      const rows = await db
        .select()
        .from(investmentFigures)
        .orderBy(
          asc(investmentFigures.year),
          asc(investmentFigures.kind),
          asc(investmentFigures.country),
          asc(investmentFigures.sector),
        );
      const [m] = await db.select({ at: max(investmentFigures.importedAt) }).from(investmentFigures);
      return {
        modified: m?.at ?? null,
        table: {
          title: id,
          headers: ['year', 'kind', 'country', 'sector', 'projects', 'capital_thousand_usd'],
          rows: rows.map((f) => [f.year, f.kind, f.country, f.sector, f.projects, f.capitalKusd]),
        },
      };
    }
    case 'legal-documents': {
      const rows = await db.select().from(legalDocuments).orderBy(desc(legalDocuments.issuedOn));
      return {
        modified: rows.reduce<Date | null>((m, r) => (!m || r.updatedAt > m ? r.updatedAt : m), null),
        table: {
          title: id,
          headers: [
            'number_symbol',
            'type',
            'issuing_body',
            'title',
            'summary',
            'field',
            'issued_on',
            'effective_on',
            'status',
            'replaced_by',
          ],
          rows: rows.map((d) => [
            d.numberSymbol,
            d.docType,
            d.issuingBody,
            d.title,
            d.summary,
            d.field,
            d.issuedOn,
            d.effectiveOn,
            d.status,
            d.replacedBy,
          ]),
        },
      };
    }
    case 'procedures': {
      const rows = await searchProcedures(db, undefined, 5_000);
      return {
        modified: null,
        table: {
          title: id,
          headers: ['code', 'name', 'name_en', 'sector', 'sector_en', 'service_level', 'time_limit'],
          rows: rows.map((p) => [
            p.code,
            p.name,
            p.nameEn ?? null,
            p.sectorName,
            p.sectorNameEn ?? null,
            p.serviceLevel,
            p.timeLimitText,
          ]),
        },
      };
    }
    case 'questions-answered': {
      const rows = await db
        .select()
        .from(questions)
        .where(eq(questions.state, 'published'))
        .orderBy(desc(questions.publishedAt));
      return {
        modified: rows[0]?.publishedAt ?? null,
        table: {
          title: id,
          headers: ['code', 'title', 'question', 'answer', 'asked_at', 'published_at'],
          // The asker's name and contacts are personal data: not in open data.
          rows: rows.map((q) => [
            q.code,
            q.title,
            q.question,
            q.answer,
            iso(q.createdAt),
            iso(q.publishedAt),
          ]),
        },
      };
    }
  }
}

/** CSV with a BOM (the platform's writer) or JSON (an array of objects named by the headers). */
export function datasetCsv(data: DatasetData): string {
  return tableCsv(data.table);
}
export function datasetJson(data: DatasetData): unknown[] {
  return data.table.rows.map((r) => Object.fromEntries(data.table.headers.map((h, i) => [h, r[i] ?? null])));
}
