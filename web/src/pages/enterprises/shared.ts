// Types of the 企业库 API (derived from the generated schema) and small helpers shared by the pages.
import type { paths } from '../../api/schema';
import { ENTERPRISE_FIELD_INFO, type EnterpriseField } from '../../../../common/enterprise-fields';

type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;
export type EnterprisePageData = Json<paths['/api/v1/enterprises']['get']['responses'][200]>;
export type Enterprise = EnterprisePageData['items'][number];
export type EnterpriseDetail = Json<paths['/api/v1/enterprises/{id}']['get']['responses'][200]>;
export type EnterpriseOptions = Json<paths['/api/v1/enterprises/options']['get']['responses'][200]>;
export type CompletenessData = Json<paths['/api/v1/enterprise-data/completeness']['get']['responses'][200]>;
export type DataImportResult = Json<paths['/api/v1/enterprise-data/import']['post']['responses'][200]>;
export type RegistryImportResult = Json<paths['/api/v1/enterprises/import']['post']['responses'][200]>;
export type Batch = Json<paths['/api/v1/enterprise-data/batches']['get']['responses'][200]>['items'][number];

/** The label of a figure in the UI language, with its unit. */
export const fieldLabel = (f: EnterpriseField, locale: string) => (locale === 'en-US' ? ENTERPRISE_FIELD_INFO[f].en : ENTERPRISE_FIELD_INFO[f].zh);
export const fieldUnit = (f: EnterpriseField) => ENTERPRISE_FIELD_INFO[f].unit;

/** The latest year whose figures can be complete: the year before this one. */
export const defaultYear = () => new Date().getFullYear() - 1;
