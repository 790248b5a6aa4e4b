// The open-data catalogue page (DCAT metadata shown to people and as schema.org Dataset for machines)
// and the catalogue as DCAT JSON-LD.
import type { DbOrTx } from '../../../platform/db/client.ts';
import { DATASET_THEMES, DATASETS, type DatasetId, datasetData, OPEN_DATA_LICENCE } from '../open-data.ts';
import { portalPaths } from '../paths.ts';
import type { Answer } from './articles.ts';
import { html } from './html.ts';
import { alternatesOf, formatDate, formatNumber, type PageContext } from './layout.ts';
import type { Translate } from './strings.ts';

export const datasetFile = (id: DatasetId, ext: 'csv' | 'json') => `/open-data/${id}.${ext}`;

async function describeDatasets(db: DbOrTx, t: Translate, publicUrl: string) {
  return Promise.all(
    DATASETS.map(async (id) => {
      const data = await datasetData(db, id);
      return {
        id,
        title: t(`od.${id}.title`),
        description: t(`od.${id}.description`),
        rows: data.table.rows.length,
        modified: data.modified,
        csv: `${publicUrl}${datasetFile(id, 'csv')}`,
        json: `${publicUrl}${datasetFile(id, 'json')}`,
      };
    }),
  );
}

export async function openDataPage(db: DbOrTx, ctx: PageContext): Promise<Answer> {
  const { lang, t, publicUrl } = ctx;
  const list = await describeDatasets(db, t, publicUrl);
  const main = html`<h1>${t('od.title')}</h1>
<p>${t('od.lead')}</p>
<p>${t('od.licence')}: <a href="${OPEN_DATA_LICENCE.url}" rel="license">${OPEN_DATA_LICENCE.name}</a> · <a href="/open-data/catalog.json">${t('od.api')}</a></p>
<ul class="cards">${list.map(
    (d) => html`<li><h2 class="h3">${d.title}</h2><p>${d.description}</p>
<p class="meta">${t('od.rows', { count: formatNumber(lang, d.rows) })}${d.modified ? html` · ${t('od.modified')}: ${formatDate(lang, d.modified)}` : html` · ${t('od.live')}`}</p>
<p><a href="${datasetFile(d.id, 'csv')}" download>${t('od.csv')}<span class="sr"> — ${d.title}</span></a> · <a href="${datasetFile(d.id, 'json')}">${t('od.json')}<span class="sr"> — ${d.title}</span></a></p></li>`,
  )}</ul>`;
  return {
    kind: 'page',
    page: {
      title: t('od.title'),
      description: t('od.lead'),
      path: portalPaths.openData(lang),
      alternates: alternatesOf(portalPaths.openData),
      main,
      breadcrumbs: [
        { name: t('nav.home'), path: portalPaths.home(lang) },
        { name: t('od.title'), path: portalPaths.openData(lang) },
      ],
      structured: list.map((d) => ({
        '@context': 'https://schema.org',
        '@type': 'Dataset',
        name: d.title,
        description: d.description,
        license: OPEN_DATA_LICENCE.url,
        creator: { '@type': 'GovernmentOrganization', name: t('site.name') },
        ...(d.modified ? { dateModified: d.modified.toISOString() } : {}),
        distribution: [
          { '@type': 'DataDownload', encodingFormat: 'text/csv', contentUrl: d.csv },
          { '@type': 'DataDownload', encodingFormat: 'application/json', contentUrl: d.json },
        ],
      })),
    },
  };
}

/** The catalogue as DCAT (JSON-LD), for harvesters such as the national open-data portal. */
export async function dcatCatalog(db: DbOrTx, t: Translate, publicUrl: string, now = new Date()) {
  const list = await describeDatasets(db, t, publicUrl);
  return {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      foaf: 'http://xmlns.com/foaf/0.1/',
    },
    '@id': `${publicUrl}/open-data/catalog.json`,
    '@type': 'dcat:Catalog',
    'dct:title': t('od.title'),
    'dct:description': t('od.lead'),
    'dct:publisher': { '@type': 'foaf:Organization', 'foaf:name': t('site.name') },
    'dct:license': OPEN_DATA_LICENCE.url,
    'dct:modified': now.toISOString(),
    'dcat:dataset': list.map((d) => ({
      '@id': `${publicUrl}/open-data/${d.id}`,
      '@type': 'dcat:Dataset',
      'dct:identifier': d.id,
      'dct:title': d.title,
      'dct:description': d.description,
      'dct:license': OPEN_DATA_LICENCE.url,
      'dcat:theme': `http://publications.europa.eu/resource/authority/data-theme/${DATASET_THEMES[d.id]}`,
      ...(d.modified ? { 'dct:modified': d.modified.toISOString() } : {}),
      'dcat:distribution': [
        { '@type': 'dcat:Distribution', 'dcat:downloadURL': d.csv, 'dcat:mediaType': 'text/csv' },
        { '@type': 'dcat:Distribution', 'dcat:downloadURL': d.json, 'dcat:mediaType': 'application/json' },
      ],
    })),
  };
}
