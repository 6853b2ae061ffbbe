import type { Role } from '../http/api-keys';
import type { RouteDef } from './route-types';

/**
 * The role each `/v1` route needs, by operationId: `read` for what only reads (GETs, search,
 * recommend, batch, the structure tools), `write` for what changes patterns, feedback or families,
 * `admin` for operations data. A route missing here needs `admin` (fail closed); a spec checks
 * that every route of the table is listed.
 */
export const ROUTE_ROLES: Readonly<Record<string, Role>> = {
  storePattern: 'write',
  listPatterns: 'read',
  getPattern: 'read',
  getPatternCard: 'read',
  renderCard: 'read',
  deletePattern: 'write',
  recordFeedback: 'write',
  search: 'read',
  recommend: 'read',
  generateVariations: 'write',
  getVariationFamily: 'read',
  randomVariation: 'read',
  batchVariations: 'read',
  parseDsl: 'read',
  validateStructure: 'read',
  getCatalog: 'read',
  getStats: 'admin',
};

export const requiredRole = (route: Pick<RouteDef, 'operationId'>): Role => ROUTE_ROLES[route.operationId] ?? 'admin';
